import fc from "fast-check"
import { describe, expect } from "vitest"
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import { Schema } from "effect"
import { isKnownCode } from "@nongan/core/Finding"
import { RecordReport } from "@nongan/core/Verdict"
import { CertificateRecord, decode } from "@nongan/certificates/Certificate"
import { checkCertificate, type EvidenceReport } from "@nongan/certificates/Check"
import { coverage, type Subject } from "@nongan/certificates/Coverage"
import { applyLayers, type CertificateLayer } from "@nongan/certificates/Layer"
import { regimeOn } from "@nongan/certificates/Rules"
import { prop } from "../../../test/support/property"
import { badInspection, bundle, certificate, evidenceReport, foods, rules, subject } from "./arbitraries"

const ctx = (judgedOn: CalendarDate) => ({ rules, foods, judgedOn })
const RANK = { compliant: 0, indeterminate: 1, "non-compliant": 2 } as const
const evidence = (records: ReadonlyArray<EvidenceReport>) => ({ records, missing: [], unreadable: [] })

describe("certificate laws", () => {
  prop([certificate])("generated certificates decode, and a JSON round trip is the identity", (c) => {
    const r = decode(JSON.parse(JSON.stringify(c)))
    expect(r.ok).toBe(true)
    if (r.ok) expect(Schema.encodeSync(CertificateRecord)(r.value)).toEqual(c)
  })

  prop([certificate, fc.array(evidenceReport, { maxLength: 3 })], { numRuns: 300 })(
    "total: every report is a RecordReport whose findings have known codes, a citation and a verification level",
    (c, ev) => {
      const r = checkCertificate(ctx(addDays(c.issuedOn, 30)), c, evidence(ev))
      expect(Schema.is(RecordReport)(r)).toBe(true)
      for (const f of r.findings) {
        expect(isKnownCode(f.code), f.code).toBe(true)
        expect(f.citation?.instrument.length).toBeGreaterThan(0)
        expect(f.verification).toBeDefined()
      }
    }
  )

  prop([certificate, fc.array(evidenceReport, { maxLength: 3 }), fc.integer({ min: 0, max: 4000 })], { numRuns: 300 })(
    "as-of replay: a certificate valid on its date stays valid, with the same report, when judged later",
    (c, ev, later) => {
      const onDate = checkCertificate(ctx(c.issuedOn), c, evidence(ev))
      const after = checkCertificate(ctx(addDays(c.issuedOn, later)), c, evidence(ev))
      expect(after).toEqual(onDate)
    }
  )

  prop([certificate, fc.array(evidenceReport, { maxLength: 3 }), badInspection], { numRuns: 300 })(
    "adding a non-compliant inspection of its batch never makes it pass",
    (c, ev, bad) => {
      const before = checkCertificate(ctx(addDays(c.issuedOn, 10)), c, evidence(ev))
      const after = checkCertificate(ctx(addDays(c.issuedOn, 10)), c, evidence([...ev, bad]))
      expect(after.verdict).toBe("non-compliant")
      expect(RANK[after.verdict]).toBeGreaterThanOrEqual(RANK[before.verdict])
      expect(after.findings.some((f) => f.code === "certificate.false-commitment")).toBe(true)
    }
  )

  const layer = fc.record({
    severity: fc.constantFrom("info" as const, "warning" as const, "violation" as const, "critical" as const),
    field: fc.constantFrom("product", "issuer.contact", "traceCode", "batch"),
    textSeverity: fc.option(fc.constantFrom("info" as const, "warning" as const, "violation" as const), { nil: undefined }),
    obliged: fc.subarray(["farmer", "purchaser"] as const),
    months: fc.option(fc.integer({ min: 1, max: 36 }), { nil: undefined })
  }).map(
    (g): CertificateLayer => ({
      kind: "certificate-layer",
      id: "test-330000",
      jurisdiction: "330000",
      name: "test",
      effective: { from: "2015-01-01" as CalendarDate },
      source: { instrument: "test" },
      verification: "unverified",
      elements: [{ field: g.field, label: g.field, issuers: ["enterprise", "cooperative", "farmer", "purchaser"], severity: g.severity, citation: { instrument: "test" }, verification: "unverified" }],
      obliged: [...g.obliged],
      ...(g.textSeverity !== undefined ? { textSeverity: g.textSeverity } : {}),
      ...(g.months !== undefined ? { retention: [{ role: "issuer" as const, months: g.months, citation: { instrument: "test" }, verification: "unverified" as const }] } : {})
    })
  )

  prop([certificate, layer], { numRuns: 300 })(
    "a regional layer never makes a nationally invalid certificate valid (a loosening layer is refused)",
    (c, l) => {
      const national = checkCertificate(ctx(addDays(c.issuedOn, 1)), c)
      const regime = regimeOn(rules, c.issuedOn, c.region)
      if (!regime) return
      const layered = applyLayers(regime, [l])
      if (!layered.ok) {
        expect(layered.errors.every((e) => e.code === "pack-loosens")).toBe(true)
        return
      }
      const local = checkCertificate({ ...ctx(addDays(c.issuedOn, 1)), regime: () => layered.value }, c)
      expect(RANK[local.verdict]).toBeGreaterThanOrEqual(RANK[national.verdict])
    }
  )

  const certs = fc.array(
    fc.record({ id: fc.constantFrom("C-1", "C-2", "C-3", "C-4"), subjectId: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `S-${s}`), issuedOn: fc.constantFrom("2025-12-31", "2026-01-15", "2026-06-30", "2027-01-01") }),
    { maxLength: 12 }
  )
  const definitions = fc.constantFrom(...["subject-coverage", "market-batch-coverage", "obliged-market-batch-coverage"])
  prop([fc.uniqueArray(subject, { selector: (s) => s.id, maxLength: 12 }), certs, definitions, fc.option(fc.constantFrom("500154", "511900"), { nil: undefined })], { numRuns: 300 })(
    "coverage is in [0, 1] and never rises when an obliged subject without certificates is added",
    (subjects, cs, defId, region) => {
      const definition = bundle.definitions.find((d) => d.id === defId)!
      const batches = cs.map((c, i) => ({ id: `M-${i}`, kind: "market-batch" as const, subjectId: c.subjectId, product: "豇豆", marketedOn: c.issuedOn as CalendarDate, region: "500154", ...(i % 2 === 0 ? { certificate: c.id } : {}) }))
      const period = { from: "2026-01-01", to: "2026-12-31" }
      const a = coverage({ definition, period, region, subjects, certificates: cs, batches })
      for (const r of [a.total, ...a.byRegion, ...a.byProduct, ...a.byMonth]) {
        expect(r.numerator).toBeLessThanOrEqual(r.denominator)
        if (r.rate !== null) expect(r.rate >= 0 && r.rate <= 1).toBe(true)
        expect(r.denominator - r.numerator).toBe(r.missing.length)
      }
      const extra: Subject = { id: "S-NEW-WITHOUT", type: "cooperative", region: region === "511900" ? "511902" : "500154", products: ["豇豆"], obliged: true }
      const b = coverage({ definition, period, region, subjects: [...subjects, extra], certificates: cs, batches })
      if (a.total.rate !== null && b.total.rate !== null) expect(b.total.rate).toBeLessThanOrEqual(a.total.rate)
    }
  )
})
