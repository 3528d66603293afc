// `layersOn` gives the layers of a rule set in force on a date, in order — exactly the filter of
// its layers by their packs' periods — and the same array for the same set of layers, so that
// what is memoised per array (key varieties, the layers with rules) stays memoised.
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { contains } from "@nongan/core/EffectivePeriod"
import { type Layer, layersOn } from "@nongan/engine/Compose"
import type { RegionRules } from "@nongan/engine/Effective"

const DAYS = ["2020-01-01", "2021-06-30", "2021-07-01", "2023-12-31", "2024-04-04", "2025-01-01", "2026-12-31"] as const
const period = fc
  .tuple(fc.constantFrom(...DAYS), fc.option(fc.constantFrom(...DAYS), { nil: undefined }))
  .map(([from, to]) => (to === undefined || to < from ? { from } : { from, to }))
// only `pack.effective` is read
const layer = (i: number, effective: { from: string; to?: string }) => ({ pack: { id: `p${i}`, effective } }) as unknown as Layer
const rules = (periods: ReadonlyArray<{ from: string; to?: string }>) => ({ layers: periods.map((p, i) => layer(i, p)) }) as unknown as RegionRules

describe("layersOn", () => {
  it("is the filter of the layers in force, one array per set of them", () => {
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 6 }), fc.array(fc.constantFrom(...DAYS, "2022-02-02", "2019-12-31"), { minLength: 1, maxLength: 12 }), (periods, dates) => {
        const r = rules(periods)
        const seen = new Map<string, ReadonlyArray<Layer>>()
        for (const d of dates) {
          const got = layersOn(r, d)
          const want = r.layers.filter((l) => contains(l.pack.effective, d))
          expect(got).toEqual(want)
          if (want.length === r.layers.length) expect(got).toBe(r.layers)
          const key = want.map((l) => l.pack.id).join(",")
          const before = seen.get(key)
          if (before) expect(got).toBe(before)
          else seen.set(key, got)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("gives no layers without a rule set", () => {
    expect(layersOn(undefined, "2025-01-01")).toEqual([])
  })
})
