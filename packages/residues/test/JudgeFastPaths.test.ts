// The judgement's fast paths give exactly what the plain computations give: the memoised status
// timeline equals StatusIndex.statusOn, and the integer ratio equals Decimal.divide to 4 places.
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import * as Decimal from "@nongan/core/Decimal"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { ratio4, statusAt } from "@nongan/residues/Judge"
import { loadDataset } from "@nongan/sdk/Validator"
import fc from "fast-check"
import { describe, expect, test } from "vitest"

const loaded = loadDataset()
if (!loaded.ok) throw new Error("the bundled dataset does not load")
const ds = loaded.value

const foods: ReadonlyArray<ResolvedFood> = [...ds.foods.nodes().map((n) => n.id), ...ds.foods.products().map((p) => p.id)].flatMap((id) => {
  const r = ds.foods.resolve(id)
  return r.ok ? [r.value] : []
})
const substances = [...new Set(ds.statuses.entries().map((e) => e.substance))]
// every boundary of every status entry, the day before it, and random days
const bounds = ds.statuses.entries().flatMap((e) => [e.effective.from, ...(e.effective.to !== undefined ? [e.effective.to] : [])])
const arbDate = fc.oneof(
  fc.constantFrom(...bounds),
  fc.constantFrom(...bounds).map((d) => addDays(d as CalendarDate, -1)),
  fc.constantFrom(...bounds).map((d) => addDays(d as CalendarDate, 1)),
  fc.integer({ min: 0, max: 12_000 }).map((n) => addDays("1995-01-01" as CalendarDate, n))
)

describe("statusAt", () => {
  test("equals statusOn for random substance × food × state × date", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...substances),
        fc.constantFrom(...foods),
        fc.constantFrom(undefined, "none" as const, "laying" as const, "lactating" as const),
        arbDate,
        (substance, food, state, date) => {
          const subject =
            food.kind === "plant"
              ? { kind: "plant" as const, path: food.path }
              : { kind: "animal" as const, speciesPath: food.speciesPath, state: state === "none" ? undefined : state }
          const want = ds.statuses.statusOn(substance, date, subject)
          const got = statusAt(ds.statuses, substance, food, state, date)
          expect(got.prohibited).toBe(want.prohibited)
          expect(got.statuses).toEqual(want.statuses)
          expect(got.reasons).toEqual(want.reasons)
          expect(got.therapyOnly).toEqual(want.statuses.find((e) => e.status === "therapy-only-not-detectable"))
        }
      ),
      { numRuns: 5_000 }
    )
  })
})

describe("ratio4", () => {
  const dec = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: -14, max: 10 }))
    .map(([c, e]) => Decimal.unsafeMake(`${c}e${e}`))
  test("equals Decimal.divide(x, limit, 4) as a number, bit for bit", () => {
    fc.assert(
      fc.property(dec, dec, (x, limit) => {
        fc.pre(!Decimal.isZero(limit))
        expect(Object.is(ratio4(x, limit), Decimal.toNumber(Decimal.divide(x, limit, 4)))).toBe(true)
      }),
      { numRuns: 20_000 }
    )
  })
  test("ties round half up, as Decimal.divide does", () => {
    for (const [x, l] of [["0.00005", "1"], ["0.00015", "1"], ["3", "16"], ["0.99995", "1"], ["1", "3"], ["2", "3"], ["0.062", "0.02"], ["123456789012345", "0.0001"]] as const)
      expect(ratio4(Decimal.unsafeMake(x), Decimal.unsafeMake(l))).toBe(Decimal.toNumber(Decimal.divide(Decimal.unsafeMake(x), Decimal.unsafeMake(l), 4)))
  })
  test("a zero limit still throws as Decimal.divide does", () => {
    expect(() => ratio4(Decimal.unsafeMake("1"), Decimal.unsafeMake("0"))).toThrow()
  })
})
