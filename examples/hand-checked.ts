/**
 * Writes `examples/hand-checked.jsonl`: the records of the conformance corpus
 * (`test/conformance/cases.json`), whose expected verdicts and findings were worked out by hand
 * from the cited tables. `test/examples.test.ts` fails when this file is stale.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { cases } from "../test/conformance/corpus"

export const handChecked = (): string => `${cases.filter((c) => !c.options).map((c) => JSON.stringify(c.record)).join("\n")}\n`

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(import.meta.dirname, "hand-checked.jsonl"), handChecked())
  console.error("wrote examples/hand-checked.jsonl")
}
