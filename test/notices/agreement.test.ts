// Agreement with the authorities on real published sampling failures must not fall: the figures
// of scripts/notices-agreement.ts, held against the floors in baseline.json. The given notices
// file lives beside the repository (../shared); without it only the collected corpus is checked.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { createValidator } from "@nongan/sdk/Validator"
import { describe, expect, test } from "vitest"
import { figures, judgeItem, loadCorpus } from "./agreement"

const root = join(import.meta.dirname, "..", "..")
const baseline = JSON.parse(readFileSync(join(import.meta.dirname, "baseline.json"), "utf8")) as Record<
  string,
  { readonly items: number; readonly verdict: number; readonly basis: number; readonly names: number }
>
const v = getOrThrow(createValidator({ bundledPacks: false }))
const results = loadCorpus(root).map((i) => judgeItem(v, i))

describe("agreement on the notices corpus", () => {
  for (const corpus of Object.keys(baseline)) {
    const rs = results.filter((r) => r.item.corpus === corpus)
    test.skipIf(rs.length === 0)(`${corpus}: verdict, basis and names at or above the floor`, () => {
      const f = figures(rs)
      const floor = baseline[corpus]!
      expect(f.items).toBeGreaterThanOrEqual(floor.items)
      expect(f.verdict / f.items).toBeGreaterThanOrEqual(floor.verdict)
      expect(f.basis / f.items).toBeGreaterThanOrEqual(floor.basis)
      expect(f.names / f.namesOf).toBeGreaterThanOrEqual(floor.names)
    })
  }

  test("every miss has a stated reason", () => {
    for (const r of results) if (!r.basisAgrees) expect(r.outcome, r.item.id).not.toBe("agree")
  })
})
