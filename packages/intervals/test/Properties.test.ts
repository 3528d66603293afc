// Laws of the checks over the real rows: a longer gap never turns a pass into a fail, state
// prohibitions hold whatever the dates, an unknown interval is never a pass, and the checks are
// total and deterministic on decodable records.
import fc from "fast-check"
import { daysBetween } from "@nongan/core/CalendarDate"
import { describe, expect } from "vitest"
import type { RecordReport } from "@nongan/core/Verdict"
import type { PhiEntry, WithdrawalEntry } from "@nongan/intervals/IntervalIndex"
import { dataset, dateArb, plus, prop, reportOf, apply, treat } from "./fixtures"

const ds = dataset()
const withdrawal = ds.intervals.withdrawalRows()
const phi = ds.intervals.phiRows()
const species = ds.foods.species().map((s) => s.id)

const intervalCode = (r: RecordReport) => r.findings.find((f) => f.code.startsWith("interval."))!.code

/** A row, one of the species its periods name, and an end event the row has a period for. */
const rowSpecies = fc.constantFrom(...withdrawal).chain((row: WithdrawalEntry) =>
  fc.record({
    row: fc.constant(row),
    species: fc.constantFrom(...row.periods.flatMap((p) => p.species)),
    event: fc.constantFrom(
      "slaughteredOn" as const,
      ...(row.row.milkDiscard ? ["milkedOn" as const] : []),
      ...(row.row.eggDiscard ? ["eggsCollectedOn" as const] : [])
    )
  })
)

describe("a longer gap between use and harvest never turns a pass into a fail", () => {
  prop([rowSpecies, dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 350 })], { numRuns: 300 })(
    "withdrawal rows (days, hours, degree-days)",
    ({ row, species: sp, event }, dose, gap, more, tenths) => {
      const temps = (days: number) =>
        Array.from({ length: days }, (_, k) => ({ date: plus(dose, k + 1), celsius: (tenths / 10).toString() }))
      const at = (g: number) =>
        reportOf(
          treat({
            species: sp,
            product: row.product,
            state: "none",
            lastDoseOn: dose,
            [event]: plus(dose, g),
            lastDoseAt: `${dose}T09:00`,
            endAt: `${plus(dose, g)}T10:00`,
            waterTemperatures: temps(gap + more)
          })
        )
      const short = at(gap), long = at(gap + more)
      if (intervalCode(short) === "interval.respected") expect(intervalCode(long)).toBe("interval.respected")
      if (intervalCode(long) === "interval.too-short") expect(intervalCode(short)).toBe("interval.too-short")
    }
  )

  prop([fc.constantFrom(...phi), dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })], { numRuns: 300 })(
    "pre-harvest interval rows",
    (row: PhiEntry, applied, gap, more) => {
      const at = (g: number) => reportOf(apply({ crop: row.crop, pesticide: row.ingredients[0]!, appliedOn: applied, harvestedOn: plus(applied, g) }))
      const short = at(gap), long = at(gap + more)
      if (intervalCode(short) === "interval.respected") expect(intervalCode(long)).toBe("interval.respected")
      if (short.verdict === "compliant") expect(long.verdict).toBe("compliant")
      if (long.verdict === "non-compliant") expect(short.verdict).toBe("non-compliant")
    }
  )
})

describe("products prohibited in a production state", () => {
  const prohibiting = withdrawal.filter((r) => (r.row.prohibitedStates ?? []).length > 0)
  // a row and a dose date on which it is in force
  const rowOnDate = fc.constantFrom(...prohibiting).chain((row) =>
    fc.tuple(
      fc.constant(row),
      fc.integer({ min: 0, max: row.effective.to ? daysBetween(row.effective.from, row.effective.to) : 8000 }).map((k) => plus(row.effective.from, k))
    )
  )
  prop([rowOnDate, fc.integer({ min: 0, max: 400 })])(
    "whatever the gap, using the product in a prohibited state is a violation",
    ([row, dose], gap) => {
      const sp = row.periods[0]!.species[0]!
      for (const state of row.row.prohibitedStates!) {
        const r = reportOf(treat({ species: sp, product: row.product, state, lastDoseOn: dose, slaughteredOn: plus(dose, gap) }))
        expect(r.findings.map((f) => f.code)).toContain("interval.prohibited-in-state")
        expect(r.verdict).toBe("non-compliant")
      }
      const end = row.row.prohibitedStates!.includes("laying") ? { eggsCollectedOn: plus(dose, gap) } : { milkedOn: plus(dose, gap) }
      const r = reportOf(treat({ species: sp, product: row.product, lastDoseOn: dose, ...end }))
      expect(r.findings.map((f) => f.code)).toContain("interval.prohibited-in-state")
    }
  )
})

describe("an unknown interval is never a pass", () => {
  const products = [...withdrawal.map((r) => r.product), ...ds.intervals.withheld().flatMap((w) => (w.product ? [w.product] : [])), "某新兽药注射液"]
  const drugs = [...new Set(withdrawal.flatMap((r) => r.drugs))]
  const treatment = fc.record(
    {
      species: fc.constantFrom(...species),
      state: fc.constantFrom("laying", "lactating", "none"),
      product: fc.constantFrom(...products),
      drug: fc.constantFrom(...drugs),
      lastDoseOn: dateArb,
      gap: fc.integer({ min: 0, max: 120 }),
      event: fc.constantFrom("slaughteredOn", "milkedOn", "eggsCollectedOn"),
      temps: fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 30 })
    },
    { requiredKeys: ["species", "lastDoseOn", "gap", "event"] }
  )
  prop([treatment], { numRuns: 500 })("treatment records", (t) => {
    if (t.product === undefined && t.drug === undefined) return
    const { gap, event, temps, ...rest } = t
    const r = treat({
      ...rest,
      [event]: plus(t.lastDoseOn, gap),
      ...(temps ? { waterTemperatures: temps.map((c, k) => ({ date: plus(t.lastDoseOn, k + 1), celsius: c })) } : {})
    })
    if (!r.ok) {
      // the only refusal for these records: a drug that is not in the named product
      expect(r.errors.map((e) => e.code)).toEqual(["invalid-value"])
      return
    }
    const report = r.value
    const intervals = report.findings.filter((f) => f.code.startsWith("interval."))
    expect(intervals.length).toBeGreaterThan(0)
    if (intervals.some((f) => f.code === "interval.unknown")) expect(report.verdict).not.toBe("compliant")
    if (report.verdict === "compliant") expect(intervals.every((f) => f.code === "interval.respected")).toBe(true)
    for (const f of report.findings) {
      expect(f.citation?.instrument, f.code).toBeTruthy()
      expect(f.verification, f.code).toBeTruthy()
      expect(f.decisionRule, f.code).toBeTruthy()
    }
    // deterministic
    expect(treat({ ...rest, [event]: plus(t.lastDoseOn, gap), ...(temps ? { waterTemperatures: temps.map((c, k) => ({ date: plus(t.lastDoseOn, k + 1), celsius: c })) } : {}) })).toEqual(r)
  })

  const crops = ds.foods.nodes().map((n) => n.id)
  const ingredients = [...new Set(phi.flatMap((r) => r.ingredients)), "联苯菊酯", "甲胺磷", "克百威"]
  prop([fc.constantFrom(...crops), fc.constantFrom(...ingredients), dateArb, fc.integer({ min: 0, max: 60 })], { numRuns: 500 })(
    "application records",
    (crop, pesticide, appliedOn, gap) => {
      const report = reportOf(apply({ crop, pesticide, appliedOn, harvestedOn: plus(appliedOn, gap) }))
      const intervals = report.findings.filter((f) => f.code.startsWith("interval."))
      expect(intervals).toHaveLength(1)
      if (intervals[0]!.code === "interval.unknown") expect(report.verdict).not.toBe("compliant")
      if (report.verdict === "compliant") expect(intervals[0]!.code).toBe("interval.respected")
      for (const f of report.findings) expect(f.citation?.instrument && f.verification && f.decisionRule, f.code).toBeTruthy()
    }
  )
})
