// Shared fixtures of the certificate tests: the bundled rules, the national food catalogue, and
// fast-check arbitraries of certificate records, evidence and registries.
import fc from "fast-check"
import { addDays, type CalendarDate, fromDayNumber, toDayNumber, unsafeMake } from "@nongan/core/CalendarDate"
import { getOrThrow } from "@nongan/core/Result"
import type { Finding } from "@nongan/core/Finding"
import type { CertificateRecord } from "@nongan/certificates/Certificate"
import type { EvidenceReport } from "@nongan/certificates/Check"
import { loadBundle } from "@nongan/certificates/Files"
import type { Subject } from "@nongan/certificates/Coverage"
import { dataset } from "../../../test/support/national"

export const bundle = getOrThrow(loadBundle())
export const rules = bundle.rules
export const foods = dataset().foods

const lines = [...new Set(rules.regimes.flatMap((r) => r.templates.flatMap((t) => [...t.lines, ...t.optionalLines, ...t.prefixes])))]
const labels = [...new Set([...rules.legacyBasis.map((b) => b.label), ...rules.regimes.flatMap((r) => r.basisOptions.map((b) => b.label)), "随便写的"])]

const day = (from: string, to: string) => fc.integer({ min: toDayNumber(unsafeMake(from)), max: toDayNumber(unsafeMake(to)) }).map(fromDayNumber)

/** A certificate record: any issuer type, product, date 2015–2027, commitment lines, basis labels, region. */
export const certificate: fc.Arbitrary<CertificateRecord> = fc
  .record(
    {
      id: fc.constantFrom("C-1", "C-2", "C-3"),
      type: fc.constantFrom("enterprise", "cooperative", "farmer", "purchaser"),
      name: fc.option(fc.constant("某主体"), { nil: undefined }),
      contact: fc.option(fc.constant("13800000000"), { nil: undefined }),
      scale: fc.option(fc.boolean(), { nil: undefined }),
      product: fc.option(fc.constantFrom("豇豆", "香菇", "苹果", "茶鲜叶", "茶叶", "猪", "鸡蛋", "草鱼", "稻谷", "未知菜"), { nil: undefined }),
      quantity: fc.option(fc.constantFrom("500 kg", 20), { nil: undefined }),
      origin: fc.option(fc.constant("重庆市开州区"), { nil: undefined }),
      issuedOn: day("2015-01-01", "2027-12-31"),
      batchOffset: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
      commitment: fc.option(fc.subarray(lines, { maxLength: 4 }), { nil: undefined }),
      basis: fc.option(fc.subarray(labels, { maxLength: 2 }), { nil: undefined }),
      qr: fc.option(fc.record({ payload: fc.constant("https://x/c"), title: fc.option(fc.constant("承诺达标合格证"), { nil: undefined }) }), { nil: undefined }),
      wild: fc.option(fc.boolean(), { nil: undefined }),
      reissue: fc.option(fc.constantFrom("mixed" as const, "split" as const), { nil: undefined }),
      upstream: fc.option(fc.constant(["U-1"]), { nil: undefined }),
      region: fc.option(fc.constantFrom("500154", "330106", "511902", "110101"), { nil: undefined })
    },
    { requiredKeys: ["id", "type", "issuedOn"] }
  )
  .map((g) => {
    const c: Record<string, unknown> = {
      id: g.id,
      kind: "certificate",
      issuer: Object.fromEntries(Object.entries({ type: g.type, name: g.name, contact: g.contact, scale: g.scale }).filter(([, v]) => v !== undefined)),
      issuedOn: g.issuedOn
    }
    for (const k of ["product", "quantity", "origin", "commitment", "basis", "qr", "wild", "reissue", "upstream", "region"] as const)
      if (g[k] !== undefined) c[k] = k === "qr" ? Object.fromEntries(Object.entries(g.qr!).filter(([, v]) => v !== undefined)) : g[k]
    if (g.batchOffset !== undefined) c.batch = { id: "B-1", producedOn: addDays(g.issuedOn as CalendarDate, g.batchOffset) }
    return c as unknown as CertificateRecord
  })

const finding = (code: string, severity: Finding["severity"], substance: string): Finding => ({
  code,
  outcome: "within-limit",
  severity,
  substance,
  source: "test"
})

/** Evidence reports with random findings (including none). */
export const evidenceReport: fc.Arbitrary<EvidenceReport> = fc
  .record({
    id: fc.constantFrom("E-1", "E-2", "E-3"),
    kind: fc.constantFrom("inspection" as const, "pesticide-application" as const, "veterinary-treatment" as const),
    findings: fc.array(
      fc.record({
        code: fc.constantFrom("residue.within-limit", "residue.not-detected", "residue.no-limit", "interval.respected", "interval.unknown", "interval.too-short", "use.registered"),
        severity: fc.constantFrom("info" as const, "warning" as const, "violation" as const),
        substance: fc.constantFrom("克百威", "阿维菌素", "毒死蜱")
      }),
      { maxLength: 3 }
    )
  })
  .map((g) => {
    const findings = g.findings.map((x) => finding(x.code, x.severity, x.substance))
    return { id: g.id, kind: g.kind, substances: [...new Set(findings.map((x) => x.substance!))], report: { id: g.id, verdict: "compliant" as const, findings } }
  })

/** A non-compliant inspection report of the batch: an exceeded limit or a banned substance. */
export const badInspection: fc.Arbitrary<EvidenceReport> = fc.constantFrom("residue.exceeds-limit", "residue.prohibited-use", "residue.must-not-detect").map((code) => ({
  id: "E-BAD",
  kind: "inspection",
  substances: ["克百威"],
  report: { id: "E-BAD", verdict: "non-compliant", findings: [{ ...finding(code, code === "residue.prohibited-use" ? "critical" : "violation", "克百威"), outcome: "exceeds-limit" }] }
}))

/** Registry subjects in two regions. */
export const subject: fc.Arbitrary<Subject> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `S-${s}`),
  type: fc.constantFrom("enterprise" as const, "cooperative" as const, "farmer" as const, "purchaser" as const),
  region: fc.constantFrom("500154", "511902"),
  products: fc.subarray(["豇豆", "柑橘", "鸡蛋"]),
  obliged: fc.boolean()
})
