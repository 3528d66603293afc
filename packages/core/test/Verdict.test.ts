import { Referral, Severity } from "@nongan/core/Finding"
import * as Verdict from "@nongan/core/Verdict"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { prop } from "./property"

const severityArb = fc.constantFrom(...Severity.literals)
const findingArb = fc.record(
  { severity: severityArb, referral: fc.constantFrom(...Referral.literals) },
  { requiredKeys: ["severity"] }
)
const reportArb = fc.record({ verdict: fc.constantFrom(...Verdict.Verdict.literals), findings: fc.array(findingArb, { maxLength: 4 }) })
const entryArb = fc.oneof(reportArb, fc.constant("malformed" as const))

describe("Verdict.fromFindings", () => {
  test("documented example and edge cases", () => {
    expect(Verdict.fromFindings([{ severity: "info" }, { severity: "warning" }])).toBe("indeterminate")
    expect(Verdict.fromFindings([])).toBe("compliant")
    expect(Verdict.fromFindings([{ severity: "info" }])).toBe("compliant")
    expect(Verdict.fromFindings([{ severity: "warning" }, { severity: "critical" }])).toBe("non-compliant")
    expect(Verdict.fromFindings([{ severity: "violation" }, { severity: "warning" }])).toBe("non-compliant")
  })

  prop([fc.array(findingArb, { maxLength: 12 })])("the worst severity decides", (findings) => {
    const severities = new Set(findings.map((f) => f.severity))
    const expected =
      severities.has("violation") || severities.has("critical")
        ? "non-compliant"
        : severities.has("warning")
          ? "indeterminate"
          : "compliant"
    expect(Verdict.fromFindings(findings)).toBe(expected)
  })

  prop([fc.array(findingArb, { maxLength: 12 }).chain((fs) => fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length, maxLength: fs.length })))])(
    "order does not matter",
    ([findings, shuffled]) => {
      expect(Verdict.fromFindings(shuffled)).toBe(Verdict.fromFindings(findings))
    }
  )

  prop([fc.array(findingArb, { maxLength: 8 }), fc.array(findingArb, { maxLength: 8 })])(
    "more findings never make a verdict better",
    (a, b) => {
      const rank = { compliant: 0, indeterminate: 1, "non-compliant": 2 } as const
      expect(rank[Verdict.fromFindings([...a, ...b])]).toBeGreaterThanOrEqual(rank[Verdict.fromFindings(a)])
    }
  )
})

describe("Verdict.tally", () => {
  test("documented examples", () => {
    expect(Verdict.emptySummary()).toEqual({ records: 0, compliant: 0, nonCompliant: 0, indeterminate: 0, malformed: 0, criminalReferrals: 0 })
    expect(Verdict.tally(Verdict.emptySummary(), { verdict: "compliant", findings: [] }).compliant).toBe(1)
  })

  prop([fc.array(entryArb, { maxLength: 30 })])("every record is counted exactly once", (entries) => {
    const s = entries.reduce(Verdict.tally, Verdict.emptySummary())
    const reports = entries.filter((e): e is Exclude<typeof e, "malformed"> => e !== "malformed")
    expect(s.records).toBe(entries.length)
    expect(s.compliant + s.nonCompliant + s.indeterminate + s.malformed).toBe(s.records)
    expect(s.malformed).toBe(entries.length - reports.length)
    expect(s.compliant).toBe(reports.filter((r) => r.verdict === "compliant").length)
    expect(s.nonCompliant).toBe(reports.filter((r) => r.verdict === "non-compliant").length)
    expect(s.indeterminate).toBe(reports.filter((r) => r.verdict === "indeterminate").length)
    // a record with several criminal referrals is one referral
    expect(s.criminalReferrals).toBe(reports.filter((r) => r.findings.some((f) => f.referral === "criminal-referral")).length)
  })

  prop([entryArb])("tally mutates and returns the summary it was given", (entry) => {
    const s = Verdict.emptySummary()
    expect(Verdict.tally(s, entry)).toBe(s)
    expect(s.records).toBe(1)
  })

  test("emptySummary returns a fresh object each time", () => {
    const a = Verdict.emptySummary()
    Verdict.tally(a, "malformed")
    expect(Verdict.emptySummary().records).toBe(0)
  })
})
