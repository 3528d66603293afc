import { type CalendarDate, compare } from "@nongan/core/CalendarDate"
import { contains } from "@nongan/core/EffectivePeriod"
import type { Citation } from "@nongan/core/Citation"
import type { Finding, Severity } from "@nongan/core/Finding"
import { fromFindings, type RecordReport } from "@nongan/core/Verdict"
import { type Verification, weakest } from "@nongan/core/Verification"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { CertificateRecord } from "./Certificate"
import { matchingTemplates } from "./Commitment"
import { type BasisMeaning, type CertificateRules, readBasis, type Regime, regimeOn } from "./Rules"
import { scopeOf } from "./Scope"

/**
 * A judged record of the certificate's batch: an inspection report, or a use record (pesticide
 * application, veterinary treatment) judged with its end date moved to the certificate's issue
 * date when that is earlier; `substances` are the substances it names (tested or applied).
 *
 * @example
 * import type { EvidenceReport } from "@nongan/certificates/Check"
 * const e: EvidenceReport = { id: "KZ-1", kind: "inspection", substances: ["克百威"],
 *   report: { id: "KZ-1", verdict: "compliant", findings: [] } }
 *
 * @since 0.1.0
 * @category models
 */
export interface EvidenceReport {
  readonly id: string
  readonly kind: "inspection" | "pesticide-application" | "veterinary-treatment"
  readonly substances: ReadonlyArray<string>
  readonly report: RecordReport
}

/**
 * The evidence of a certificate: judged records, ids referred to but not found, and evidence
 * records that could not be read.
 *
 * @example
 * import { noEvidence } from "@nongan/certificates/Check"
 * noEvidence.records.length // 0
 *
 * @since 0.1.0
 * @category models
 */
export interface Evidence {
  readonly records: ReadonlyArray<EvidenceReport>
  readonly missing: ReadonlyArray<string>
  /** evidence records that could not be read or judged, with the first error code */
  readonly unreadable: ReadonlyArray<{ readonly id: string; readonly code: string }>
}

/**
 * Evidence of nothing.
 *
 * @example
 * import { noEvidence } from "@nongan/certificates/Check"
 * noEvidence.missing.length // 0
 *
 * @since 0.1.0
 * @category constructors
 */
export const noEvidence: Evidence = { records: [], missing: [], unreadable: [] }

/**
 * What a certificate check needs: the rules, the food catalogue (to place products in scope), the
 * day the certificate is judged on (a later issue date is in the future), and optionally the
 * regime to use instead of the national one in force (a regime tightened by regional layers).
 *
 * @example
 * import type { CheckContext } from "@nongan/certificates/Check"
 * const f = (ctx: CheckContext) => ctx.judgedOn
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckContext {
  readonly rules: CertificateRules
  readonly foods?: FoodCatalogue | undefined
  readonly judgedOn: CalendarDate
  readonly regime?: ((national: Regime, c: CertificateRecord) => Regime) | undefined
}

const f = (
  code: string,
  outcome: Finding["outcome"],
  severity: Severity,
  citation: Citation,
  verification: Verification,
  values: Record<string, unknown>,
  more: Partial<Finding> = {}
): Finding => ({ code, outcome, severity, source: citation.instrument, citation, verification, values, ...more })

const fieldValue = (c: CertificateRecord, field: string): unknown => {
  let cur: unknown = c
  for (const k of field.split(".")) cur = typeof cur === "object" && cur !== null ? (cur as Record<string, unknown>)[k] : undefined
  return cur
}

const present = (v: unknown): boolean =>
  v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "") && !(Array.isArray(v) && v.length === 0)

const isProducer = (c: CertificateRecord) => c.issuer.type !== "purchaser"

const TESTS: ReadonlySet<BasisMeaning> = new Set(["self-test", "commissioned-test"])

// inspection findings that contradict the commitment: banned substance, or a limit exceeded
const contradicts = (x: Finding): "banned" | "exceeds" | "screen" | undefined =>
  x.code === "residue.prohibited-use"
    ? "banned"
    : x.code === "residue.exceeds-limit" || x.code === "residue.must-not-detect"
      ? "exceeds"
      : x.code === "residue.screen-positive"
        ? "screen"
        : undefined

// the dated entry in force on a date (the last one when the data starts later: never none)
const dated = <A extends { readonly effective: { readonly from: string; readonly to?: string | undefined } }>(xs: ReadonlyArray<A>, date: string): A =>
  xs.find((x) => contains(x.effective, date)) ?? xs[xs.length - 1]!

const elementFindings = (c: CertificateRecord, regime: Regime): ReadonlyArray<Finding> => {
  const printed = new Set(c.packagePrinted ?? [])
  return regime.elements
    .filter((e) => e.issuers.includes(c.issuer.type) && !printed.has(e.field) && !present(fieldValue(c, e.field)))
    .map((e) =>
      f("certificate.element-missing", "element-missing", e.severity, e.citation, e.verification, { field: e.field, label: e.label, regime: regime.id }, {
        ...(e.layer !== undefined ? { layer: e.layer } : {})
      })
    )
}

const basisFindings = (ctx: CheckContext, c: CertificateRecord, regime: Regime): { findings: ReadonlyArray<Finding>; meanings: ReadonlySet<BasisMeaning> } => {
  const out: Array<Finding> = []
  const meanings = new Set<BasisMeaning>()
  ;(c.basis ?? []).forEach((label, i) => {
    const r = readBasis(ctx.rules, regime, label)
    if (r.kind !== "unknown") meanings.add(r.option.means)
    if (r.kind === "option") return
    const options = regime.basisOptions.map((o) => o.label)
    const known = r.kind === "unknown" ? {} : { means: r.option.means, readAs: regime.basisOptions.find((o) => o.means === r.option.means)?.label }
    out.push(
      f("certificate.basis-not-in-force", "basis-not-in-force", regime.basisSeverity, regime.basisOptions[0]?.citation ?? regime.citation, regime.basisOptions[0]?.verification ?? regime.verification, {
        label,
        index: i,
        regime: regime.id,
        options,
        reading: r.kind,
        ...known
      })
    )
    if (r.kind !== "unknown")
      out.push(f("certificate.legacy-basis", "legacy-mapped", "info", r.option.citation, r.option.verification, { label, means: r.option.means, index: i, reading: r.kind }))
  })
  return { findings: out, meanings }
}

const textFindings = (c: CertificateRecord, regime: Regime): { findings: ReadonlyArray<Finding>; template?: string } => {
  if (regime.templates.length === 0 || c.commitment === undefined) return { findings: [] }
  const mine = regime.templates.filter((t) => t.issuers.includes(c.issuer.type))
  const hit = matchingTemplates(c.commitment, mine)[0]
  if (hit) return { findings: [], template: hit.id }
  const other = matchingTemplates(c.commitment, regime.templates)[0]
  const cite = mine[0] ?? regime.templates[0]!
  return {
    findings: [
      f("certificate.commitment-text", "nonconforming-text", regime.textSeverity, cite.citation, cite.verification, {
        regime: regime.id,
        issuer: c.issuer.type,
        templates: mine.map((t) => t.id),
        ...(other ? { matchesTemplateOf: other.issuers, template: other.id } : {})
      }, mine.length > 1 ? { citations: mine.map((t) => t.citation), verification: weakest(mine.map((t) => t.verification)) } : {})
    ]
  }
}

const evidenceFindings = (ctx: CheckContext, c: CertificateRecord, regime: Regime, ev: Evidence, meanings: ReadonlySet<BasisMeaning>): ReadonlyArray<Finding> => {
  const out: Array<Finding> = []
  const fc = dated(ctx.rules.crossChecks.falseCommitment, c.issuedOn)
  const iv = dated(ctx.rules.crossChecks.intervals, c.issuedOn)
  const gone = [...ev.missing.map((id) => ({ id, reason: "not-found" })), ...ev.unreadable.map((u) => ({ id: u.id, reason: "unreadable", error: u.code }))]
  for (const g of gone)
    out.push(
      f("certificate.evidence-missing", "evidence-missing", "warning", ctx.rules.crossChecks.dates.citation, ctx.rules.crossChecks.dates.verification, {
        evidence: g.id,
        ...g
      })
    )
  const inspections = ev.records.filter((r) => r.kind === "inspection")
  const uses = ev.records.filter((r) => r.kind !== "inspection")
  for (const r of ev.records) {
    for (const x of r.report.findings) {
      const how = r.kind === "inspection" ? contradicts(x) : x.code === "use.prohibited-substance" ? "banned" : undefined
      if (how !== undefined) {
        const values = { evidence: r.id, evidenceKind: r.kind, finding: x.code, ...(x.substance !== undefined ? { substance: x.substance } : {}) }
        if (how === "screen") {
          out.push(
            f("certificate.false-commitment", "false-commitment", "warning", fc.certificate, fc.verification, { ...values, confirm: true }, {
              referral: "confirm-by-lab",
              ...(x.substance !== undefined ? { substance: x.substance } : {})
            })
          )
          continue
        }
        out.push(
          f("certificate.false-commitment", "false-commitment", "violation", fc.certificate, fc.verification, values, {
            referral: "administrative",
            ...(fc.certificateAlso ? { citations: [fc.certificate, fc.certificateAlso] } : {}),
            ...(x.substance !== undefined ? { substance: x.substance } : {})
          })
        )
        const product = how === "banned" ? fc.banned : fc.exceeds
        out.push(
          f("certificate.product-violation", x.outcome, x.severity === "critical" ? "critical" : "violation", product, weakest([fc.verification, x.verification ?? "secondary"]), {
            ...values,
            ...(x.source !== undefined ? { evidenceSource: x.source } : {})
          }, { ...(x.referral !== undefined ? { referral: x.referral } : {}), ...(x.substance !== undefined ? { substance: x.substance } : {}) })
        )
      }
      if (r.kind !== "inspection" && (x.code === "interval.too-short" || x.code === "interval.prohibited-in-state"))
        out.push(
          f("certificate.interval-not-over", x.code === "interval.too-short" ? "interval-too-short" : "prohibited-in-state", "violation", iv.citation, weakest([iv.verification, x.verification ?? "secondary"]), {
            evidence: r.id,
            evidenceKind: r.kind,
            issuedOn: c.issuedOn,
            ...(x.values ?? {})
          }, { ...(x.substance !== undefined ? { substance: x.substance } : {}), referral: "administrative", ...(x.measured !== undefined ? { measured: x.measured } : {}), ...(x.limit !== undefined ? { limit: x.limit } : {}), ...(x.unit !== undefined ? { unit: x.unit } : {}), ...(x.citation ? { citations: [iv.citation, x.citation] } : {}) })
        )
    }
  }
  // 用什么药、检什么药
  const rule = regime.testingCoverage
  const testing = [...meanings].some((m) => TESTS.has(m))
  if (rule && testing && uses.length > 0) {
    const tested = new Set(inspections.flatMap((r) => r.substances))
    const applied = [...new Set(uses.flatMap((r) => r.substances))].sort()
    const uncovered = applied.filter((s) => !tested.has(s))
    if (uncovered.length > 0)
      out.push(
        f("certificate.basis-not-covered", "basis-not-covered", rule.severity, rule.citation, rule.verification, {
          regime: regime.id,
          applied,
          tested: [...tested].sort(),
          uncovered,
          inspections: inspections.map((r) => r.id)
        })
      )
  }
  return out
}

/**
 * Judges a certificate by the regime in force on its issue date (and in its region, for the 2016
 * pilot), with the evidence of its batch. Findings, each cited with its verification level:
 *
 * - `certificate.no-regime` (warning): no certificate regime on that date and place;
 * - `certificate.date-in-future` / `certificate.date-before-batch` (violation);
 * - `certificate.element-missing`: an element the regime requires of this issuer type (severity
 *   by element; elements listed in `packagePrinted` count as present); defects of form by an
 *   issuer the regime does not oblige are at most warnings;
 * - `certificate.commitment-text`: the commitment is no template of the regime for this issuer;
 * - `certificate.basis-not-in-force`: a basis label that was not an option on the date (a legacy
 *   label is also read, `certificate.legacy-basis`, info, and its meaning used, nothing rewritten);
 * - `certificate.out-of-scope` / `certificate.issuer-not-obliged` (info);
 * - cross-checks: `certificate.false-commitment` (law art. 73 route) with
 *   `certificate.product-violation` (art. 70 banned / art. 71 exceeding) when an inspection of the
 *   batch is non-compliant or a use record shows a banned substance; `certificate.interval-not-over`
 *   when a use record's interval was not over by the issue date; `certificate.basis-not-covered`
 *   (用什么药、检什么药); `certificate.upstream-missing` for a purchaser without upstream
 *   certificates; `certificate.evidence-missing` (warning) for evidence referred to but absent;
 * - `certificate.conforms` (info): when nothing else is wrong, the regime that judged it, the
 *   template matched, the basis read and the retention periods.
 *
 * @example
 * import { checkCertificate, noEvidence } from "@nongan/certificates/Check"
 * typeof checkCertificate // "function" — see test/Check.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const checkCertificate = (ctx: CheckContext, c: CertificateRecord, evidence: Evidence = noEvidence): RecordReport => {
  const findings: Array<Finding> = []
  const national = regimeOn(ctx.rules, c.issuedOn, c.region)
  const dates = ctx.rules.crossChecks.dates
  if (compare(c.issuedOn, ctx.judgedOn) > 0)
    findings.push(f("certificate.date-in-future", "invalid-date", "violation", dates.citation, dates.verification, { issuedOn: c.issuedOn, judgedOn: ctx.judgedOn }))
  if (c.batch?.producedOn !== undefined && compare(c.issuedOn, c.batch.producedOn) < 0)
    findings.push(f("certificate.date-before-batch", "invalid-date", "violation", dates.citation, dates.verification, { issuedOn: c.issuedOn, producedOn: c.batch.producedOn, batch: c.batch.id }))
  if (!national) {
    findings.push(
      f("certificate.no-regime", "no-regime", "warning", { instrument: "certificate-rules", note: "no regime held for the date and region" }, "uncertain", {
        issuedOn: c.issuedOn,
        ...(c.region !== undefined ? { region: c.region } : {}),
        regimes: ctx.rules.regimes.map((r) => `${r.id} ${r.effective.from}..${r.effective.to ?? ""}`)
      })
    )
    findings.push(...evidenceFindings(ctx, c, { ...(ctx.rules.regimes[0] as Regime), testingCoverage: null }, evidence, new Set()))
    return report(c, findings)
  }
  const regime = ctx.regime ? ctx.regime(national, c) : national
  const iss = regime.issuers
  const scaleObliged = iss.scaleObliged !== undefined && c.issuer.scale === true && isProducer(c)
  const obliged = iss.obliged.includes(c.issuer.type) || scaleObliged || (iss.reissueOnly.includes(c.issuer.type) && c.reissue !== undefined)
  const form: Array<Finding> = [...elementFindings(c, regime)]
  const text = textFindings(c, regime)
  form.push(...text.findings)
  const basis = basisFindings(ctx, c, regime)
  form.push(...basis.findings)
  if (regime.qrTitle && c.qr && !(c.qr.title ?? "").includes(regime.qrTitle.text))
    form.push(f("certificate.element-missing", "element-missing", "violation", regime.qrTitle.citation, regime.qrTitle.verification, { field: "qr.title", label: regime.qrTitle.text, regime: regime.id }))
  // a defect of form by an issuer the regime does not oblige (a 农户; anyone under a trial) is a
  // warning: the law's penalty for not issuing as required (art. 73) does not reach it
  findings.push(...(obliged ? form : form.map((x) => (x.severity === "violation" || x.severity === "critical" ? { ...x, severity: "warning" as const, values: { ...x.values, capped: "issuer-not-obliged" } } : x))))
  // scope and obligation (information)
  if (c.product !== undefined && c.product.trim() !== "") {
    const s = scopeOf(ctx.rules, regime.id, ctx.foods, c.product.trim(), c.wild === true)
    if (s.kind !== "in")
      findings.push(
        f("certificate.out-of-scope", "out-of-scope", "info", ctx.rules.scope.byRegimeCitations?.[regime.id] ?? ctx.rules.scope.citation, ctx.rules.scope.verification, {
          product: s.product,
          reading: s.kind,
          regime: regime.id,
          ...(s.kind === "wild" ? { category: s.category.label } : {}),
          ...(s.kind === "out" ? { path: s.path } : {})
        })
      )
  }
  if (!obliged)
    findings.push(
      f("certificate.issuer-not-obliged", "not-obliged", "info", iss.citation, iss.verification, {
        issuer: c.issuer.type,
        regime: regime.id,
        obliged: iss.obliged,
        encouraged: iss.encouraged,
        ...(iss.reissueOnly.includes(c.issuer.type) ? { reissueOnly: true } : {})
      })
    )
  // purchaser re-issue
  if (c.issuer.type === "purchaser" && regime.upstreamRequired && (c.upstream ?? []).length === 0)
    findings.push(
      f("certificate.upstream-missing", "upstream-missing", regime.upstreamRequired.severity, regime.upstreamRequired.citation, regime.upstreamRequired.verification, {
        regime: regime.id,
        ...(c.reissue !== undefined ? { reissue: c.reissue } : {})
      }, { referral: "administrative" })
    )
  for (const u of c.upstream ?? [])
    if (typeof u === "object" && u.issuedOn !== undefined && compare(u.issuedOn, c.issuedOn) > 0)
      findings.push(f("certificate.date-before-batch", "invalid-date", "violation", dates.citation, dates.verification, { issuedOn: c.issuedOn, upstream: u.id, upstreamIssuedOn: u.issuedOn }))
  findings.push(...evidenceFindings(ctx, c, regime, evidence, basis.meanings))
  if (fromFindings(findings) === "compliant")
    findings.unshift(
    f("certificate.conforms", "certificate-conforms", "info", regime.citation, regime.verification, {
      regime: regime.id,
      effective: regime.effective,
      precision: regime.precision,
      ...(text.template !== undefined ? { template: text.template } : {}),
      basis: [...basis.meanings].sort(),
      retention: regime.retention.map((r) => ({ role: r.role, months: r.months })),
      ...(isProducer(c) ? {} : { purchaser: true })
    })
  )
  return report(c, findings)
}

const report = (c: CertificateRecord, findings: ReadonlyArray<Finding>): RecordReport => ({
  id: c.id,
  kind: "certificate",
  verdict: fromFindings(findings),
  asOf: c.issuedOn,
  ...(c.product !== undefined ? { product: c.product } : {}),
  ...(c.region !== undefined ? { region: c.region } : {}),
  verification: weakest(findings.map((x) => x.verification ?? "secondary")),
  findings
})
