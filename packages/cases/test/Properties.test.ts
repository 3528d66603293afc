// Laws of the routing on random facts: the criminal check runs first and a criminal route is
// never replaced by a fine; a fine range never leaves the statute's bands; routing is
// deterministic and does not depend on the order of the findings.
import fc from "fast-check"
import { test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { unsafeMake } from "@nongan/core/CalendarDate"
import type { Finding } from "@nongan/core/Finding"
import type { Amount } from "@nongan/cases/CaseTable"
import type { CaseFacts } from "@nongan/cases/Facts"
import { bandCovers } from "@nongan/cases/Fine"
import { loadTable } from "@nongan/cases/Load"
import { routeCase } from "@nongan/cases/Route"
import { InputKind, Stage, SubjectType } from "@nongan/cases/Subject"

const table = loadTable()
if (!table.ok) throw new Error(JSON.stringify(table.errors))
const t = table.value

const date = fc.integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => unsafeMake(new Date(ms).toISOString().slice(0, 10)))
const finding: fc.Arbitrary<Finding> = fc.record({
  code: fc.constantFrom("residue.prohibited-use", "use.prohibited-substance", "residue.exceeds-limit", "residue.must-not-detect", "interval.too-short", "interval.prohibited-in-state", "use.outside-registration", "residue.within-limit"),
  substance: fc.constantFrom("克百威", "毒死蜱", "恩诺沙星"),
  event: fc.constantFrom("harvestedOn", "slaughteredOn", undefined)
}).map(({ code, substance, event }) => ({
  code,
  outcome: "exceeds-limit" as const,
  severity: "violation" as const,
  substance,
  referral: code === "residue.prohibited-use" || code === "use.prohibited-substance" ? ("criminal-referral" as const) : code === "residue.within-limit" ? undefined : ("administrative" as const),
  ...(event ? { values: { event } } : {})
}))
const facts: fc.Arbitrary<CaseFacts> = fc
  .record({
    type: fc.constantFrom(...SubjectType.literals),
    stage: fc.constantFrom(...Stage.literals),
    input: fc.option(fc.constantFrom(...InputKind.literals), { nil: undefined }),
    aquaculture: fc.boolean(),
    goodsValue: fc.option(fc.integer({ min: 0, max: 2_000_000 }).map((f) => f / 100), { nil: undefined }),
    illegalGains: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    salesAmount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
    actOn: date,
    decidedOn: fc.option(date, { nil: undefined }),
    discoveredOn: fc.option(date, { nil: undefined }),
    findings: fc.array(finding, { maxLength: 4 }),
    violations: fc.subarray(t.violations.map((v) => v.id), { maxLength: 3 }),
    seriousExcess: fc.boolean(),
    prior: fc.option(date, { nil: undefined })
  })
  .map((r) => ({
    id: "P",
    subject: { id: "S", type: r.type },
    stage: r.stage,
    ...(r.input ? { input: r.input } : {}),
    aquaculture: r.aquaculture,
    ...(r.goodsValue !== undefined ? { goodsValue: r.goodsValue } : {}),
    ...(r.illegalGains !== undefined ? { illegalGains: r.illegalGains } : {}),
    ...(r.salesAmount !== undefined ? { salesAmount: r.salesAmount } : {}),
    actOn: r.actOn,
    ...(r.decidedOn && r.decidedOn >= r.actOn ? { decidedOn: r.decidedOn } : {}),
    ...(r.discoveredOn && r.discoveredOn >= r.actOn ? { discoveredOn: r.discoveredOn } : {}),
    findings: r.findings,
    violations: r.violations,
    seriousExcess: r.seriousExcess,
    ...(r.prior ? { priorPenalties: [{ effectiveOn: r.prior, kind: "administrative" as const, violation: "banned-produce-sold" }] } : {})
  }))

// the statute's own bounds for a provision, computed independently of Fine.ts
const bound = (a: Amount, gv: number | undefined, gains: number | undefined): number => ("yuan" in a ? a.yuan : a.times * ((a.of === "goods-value" ? gv : gains) ?? Number.NaN))

describe("case routing laws", () => {
  test.prop([facts], { numRuns: 400 })("a criminal transfer is never replaced by a fine, and its check comes first", (f) => {
    const c = routeCase(t, f)
    for (const k of c.counts) {
      if (k.criminal?.kind === "transfer") expect(["if-returned-by-police", "time-barred"]).toContain(k.administrative.status)
      if (k.criminal?.kind === "assessment") expect(["pending-assessment", "time-barred"]).toContain(k.administrative.status)
      const mine = c.steps.filter((s) => s.violation === k.violation)
      const crim = mine.findIndex((s) => s.step === "criminal-check")
      const adm = mine.findIndex((s) => s.step === "time" || s.step === "fine" || s.step === "precedence" || s.step === "authority")
      expect(crim).toBeGreaterThanOrEqual(0)
      expect(crim).toBeLessThan(adm)
    }
    // a banned substance found where it is used goes to the police
    if (f.stage === "production" && f.findings!.some((x) => x.code === "residue.prohibited-use")) expect(c.criminal).toBe(true)
  })

  test.prop([facts], { numRuns: 400 })("the fine range lies within the bands of the applied article", (f) => {
    for (const k of routeCase(t, f).counts) {
      const fine = k.administrative.fine
      if (!fine) continue
      const v = t.violationById.get(k.violation)!
      const p = v.provisions.find((x) => x.id === k.administrative.applied!.id)!
      const bands = (p.fine ?? []).filter((b) => bandCovers(t.subjectGroups, b, f.subject.type))
      const lo = Math.min(...bands.map((b) => bound(b.min, f.goodsValue, f.illegalGains)).filter((x) => !Number.isNaN(x)))
      const hi = Math.max(...bands.map((b) => bound(b.max, f.goodsValue, f.illegalGains)).filter((x) => !Number.isNaN(x)))
      expect(fine.min).toBeLessThanOrEqual(fine.max)
      expect(fine.min).toBeGreaterThanOrEqual(lo - 0.005)
      expect(fine.max).toBeLessThanOrEqual(hi + 0.005)
      // the applied article is the heaviest of the competing ones (行政处罚法 art. 29)
      for (const o of k.administrative.provisions.filter((x) => x.status === "competing")) expect(o.range!.max <= fine.max).toBe(true)
    }
  })

  test.prop([facts, fc.integer()], { numRuns: 200 })("routing is deterministic and ignores the order of findings", (f, seed) => {
    const a = routeCase(t, f)
    expect(routeCase(t, f)).toEqual(a)
    const shuffled = [...f.findings!].sort((x, y) => ((x.code.length * 31 + seed) % 7) - ((y.code.length * 31 + seed) % 7))
    const b = routeCase(t, { ...f, findings: shuffled })
    const key = (c: typeof a) => c.counts.map((k) => `${k.violation} ${k.criminal?.route ?? ""} ${k.administrative.status} ${k.administrative.fine?.min ?? ""}-${k.administrative.fine?.max ?? ""}`).sort()
    expect(key(b)).toEqual(key(a))
  })
})
