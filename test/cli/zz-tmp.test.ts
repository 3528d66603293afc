import { test } from "vitest"
import { run } from "/work/main/test/cli/run"
test("x", async () => {
  for (const f of ["table", "explain", "jsonl"]) {
    const r = await run(["check", "/tmp/r.jsonl", "--lang", "en", "--format", f])
    console.log(r.code, r.stdout, r.stderr)
  }
})
