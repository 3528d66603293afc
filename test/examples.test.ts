import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, test } from "vitest"
import { handChecked } from "../examples/hand-checked"

test("examples/hand-checked.jsonl holds exactly the corpus records (run examples/hand-checked.ts)", () => {
  expect(readFileSync(join(import.meta.dirname, "..", "examples", "hand-checked.jsonl"), "utf8")).toBe(handChecked())
})
