import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { run } from "../support/cli"
import { cases, mismatches } from "./corpus"


describe("conformance corpus through `nongan check`", () => {
  const dir = mkdtempSync(join(tmpdir(), "nongan-conf-"))
  for (const rule of ["reported-value", "uncertainty"] as const) {
    const selected = cases.filter((c) => (c.options?.decisionRule === undefined ? "reported-value" : "uncertainty") === rule)
    test(`every ${rule} case gives the expected JSON line`, async () => {
      const file = join(dir, `${rule}.jsonl`)
      writeFileSync(file, selected.map((c) => JSON.stringify(c.record)).join("\n") + "\n")
      const r = await run(["check", file, "--format", "jsonl", ...(rule === "uncertainty" ? ["--rule", "uncertainty", "--uncertainty", "0.5"] : [])])
      const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l))
      expect(lines.length).toBe(selected.length)
      const problems = selected.flatMap((c, i) => mismatches(c, lines[i]).map((p) => `${c.name}: ${p}`))
      expect(problems).toEqual([])
      expect(r.code).toBe(selected.some((c) => "error" in c.expect) ? 1 : 0)
    })
  }
})
