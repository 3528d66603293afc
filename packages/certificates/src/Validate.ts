import { type CalendarDate, compare, parse } from "@nongan/core/CalendarDate"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { RecordReport } from "@nongan/core/Verdict"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import { decode as decodeApplication } from "@nongan/intervals/Application"
import { checkApplication, checkTreatment, type Tables } from "@nongan/intervals/Check"
import { decode as decodeTreatment } from "@nongan/intervals/Treatment"
import { type CertificateRecord, decode } from "./Certificate"
import { checkCertificate, type Evidence, type EvidenceReport } from "./Check"
import type { CertificateRules, Regime } from "./Rules"

/**
 * How evidence records are judged: a function from a record (inspection, pesticide-application,
 * veterinary-treatment) to its report or its errors — the SDK passes its own `validate`.
 *
 * @example
 * import type { Judge } from "@nongan/certificates/Validate"
 * const judge: Judge = (u) => ({ ok: false, errors: [] })
 *
 * @since 0.1.0
 * @category models
 */
export type Judge = (record: unknown) => { readonly ok: true; readonly report: RecordReport } | { readonly ok: false; readonly errors: ReadonlyArray<NonganError> }

/**
 * Options of {@link makeCertificateValidator}.
 *
 * @example
 * import type { CertificateValidatorOptions } from "@nongan/certificates/Validate"
 * const o = (x: CertificateValidatorOptions) => x.rules.id
 *
 * @since 0.1.0
 * @category models
 */
export interface CertificateValidatorOptions {
  readonly rules: CertificateRules
  readonly foods?: FoodCatalogue | undefined
  readonly judge?: Judge | undefined
  /** the day certificates are judged on (default: today's calendar date) */
  readonly judgedOn?: CalendarDate | undefined
  readonly regime?: ((national: Regime, c: CertificateRecord) => Regime) | undefined
}

/**
 * A certificate validator: `validate(record, lookup?)` decodes a certificate, judges its
 * evidence (inline records, and ids found through `lookup` in the same batch of records) and
 * checks it.
 *
 * @example
 * import type { CertificateValidator } from "@nongan/certificates/Validate"
 * const run = (v: CertificateValidator) => v.validate({})
 *
 * @since 0.1.0
 * @category models
 */
export interface CertificateValidator {
  validate(record: unknown, lookup?: (id: string) => unknown): Result<RecordReport, NonganError>
}

const END_FIELDS = ["harvestedOn", "slaughteredOn", "milkedOn", "eggsCollectedOn"] as const

/**
 * A use record with its end event moved to the certificate's issue date when that is earlier: the
 * product was put on the market, under the certificate, on that day at the latest.
 *
 * @example
 * import { asOfIssue } from "@nongan/certificates/Validate"
 * asOfIssue({ harvestedOn: "2026-06-20" }, "2026-06-15" as never) // { harvestedOn: "2026-06-15" }
 *
 * @since 0.1.0
 * @category combinators
 */
export const asOfIssue = (record: Record<string, unknown>, issuedOn: CalendarDate): Record<string, unknown> => {
  const out = { ...record }
  for (const k of END_FIELDS) {
    const v = out[k]
    const d = typeof v === "string" ? parse(v) : undefined
    if (d !== undefined && compare(issuedOn, d) < 0) out[k] = issuedOn
  }
  return out
}

const today = (): CalendarDate => {
  const d = new Date()
  const s = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`
  return parse(s)!
}

const kindOf = (u: unknown): string | undefined =>
  typeof u === "object" && u !== null ? ((u as { kind?: unknown }).kind === undefined ? "inspection" : String((u as { kind?: unknown }).kind)) : undefined
const idOf = (u: unknown): string | undefined => (typeof u === "object" && u !== null && typeof (u as { id?: unknown }).id === "string" ? (u as { id: string }).id : undefined)

const substancesOf = (kind: string, u: Record<string, unknown>, r: RecordReport): ReadonlyArray<string> => {
  const named = r.findings.flatMap((x) => (x.substance !== undefined && x.code !== "analyte.unreadable" ? [x.substance] : []))
  if (named.length > 0 || kind === "inspection") return [...new Set(named)]
  const raw = kind === "pesticide-application" ? u.pesticide : (u.drug ?? u.product)
  return typeof raw === "string" ? [raw] : []
}

/**
 * Gathers and judges the evidence of a certificate.
 *
 * @example
 * import { gatherEvidence } from "@nongan/certificates/Validate"
 * gatherEvidence({ id: "C", kind: "certificate", issuer: { type: "farmer" }, issuedOn: "2026-06-15" } as never, undefined, undefined).records.length // 0
 *
 * @since 0.1.0
 * @category constructors
 */
export const gatherEvidence = (c: CertificateRecord, judge: Judge | undefined, lookup: ((id: string) => unknown) | undefined): Evidence => {
  const inline = new Map<string, unknown>()
  const anonymous: Array<unknown> = []
  for (const r of c.evidence?.records ?? []) {
    const id = idOf(r)
    if (id === undefined) anonymous.push(r)
    else inline.set(id, r)
  }
  const wanted = [...(c.evidence?.inspections ?? []), ...(c.evidence?.uses ?? [])]
  const found = new Map<string, unknown>(inline)
  const missing: Array<string> = []
  for (const id of wanted) {
    if (found.has(id)) continue
    const u = lookup?.(id)
    if (u === undefined) missing.push(id)
    else found.set(id, u)
  }
  const records: Array<EvidenceReport> = []
  const unreadable: Array<{ id: string; code: string }> = []
  if (!judge) return { records, missing, unreadable: [...[...found.keys()], ...anonymous.map((_, i) => `records[${i}]`)].map((id) => ({ id, code: "no-judge" })) }
  const all: Array<[string, unknown]> = [...found.entries(), ...anonymous.map((u, i): [string, unknown] => [`records[${i}]`, u])]
  for (const [id, u] of all) {
    const kind = kindOf(u)
    if (kind !== "inspection" && kind !== "pesticide-application" && kind !== "veterinary-treatment") {
      unreadable.push({ id, code: "unknown-record-kind" })
      continue
    }
    const own = u as Record<string, unknown>
    // evidence of the certificate's batch is judged in the certificate's region unless it names its own
    const placed = own.region === undefined && c.region !== undefined ? { ...own, region: c.region } : own
    const rec = kind === "inspection" ? placed : asOfIssue(placed, c.issuedOn)
    const v = judge(rec)
    if (!v.ok) unreadable.push({ id, code: v.errors[0]?.code ?? "invalid-value" })
    else records.push({ id, kind, substances: substancesOf(kind, u as Record<string, unknown>, v.report), report: v.report })
  }
  return { records, missing, unreadable }
}

/**
 * Makes a certificate validator.
 *
 * @example
 * import { makeCertificateValidator } from "@nongan/certificates/Validate"
 * import { loadRules } from "@nongan/certificates/Files"
 * const rules = loadRules()
 * if (rules.ok) {
 *   const v = makeCertificateValidator({ rules: rules.value, judgedOn: "2026-12-01" as never })
 *   v.validate({ id: "C-1", kind: "certificate", issuer: { type: "农户" }, issuedOn: "2026-06-15" }).ok // true
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeCertificateValidator = (o: CertificateValidatorOptions): CertificateValidator => ({
  validate(u, lookup) {
    const c = decode(u)
    if (!c.ok) return c
    if (c.value.region !== undefined && !/^\d{6}$/.test(c.value.region)) return fail(prefix(make("invalid-region", [], { value: c.value.region }), ["region"]))
    const evidence = gatherEvidence(c.value, o.judge, lookup)
    return ok(checkCertificate({ rules: o.rules, foods: o.foods, judgedOn: o.judgedOn ?? today(), regime: o.regime }, c.value, evidence))
  }
})

/**
 * An index of a batch of records by id, for `lookup` (the first record with an id wins).
 *
 * @example
 * import { indexById } from "@nongan/certificates/Validate"
 * indexById([{ id: "A" }, { id: "A", x: 1 }]).get("A") // { id: "A" }
 *
 * @since 0.1.0
 * @category constructors
 */
export const indexById = (records: Iterable<unknown>): ReadonlyMap<string, unknown> => {
  const m = new Map<string, unknown>()
  for (const r of records) {
    const id = idOf(r)
    if (id !== undefined && !m.has(id)) m.set(id, r)
  }
  return m
}

/**
 * A judge for use records only, straight from `@nongan/intervals` (pre-harvest intervals,
 * withdrawal periods, the substance's status): for using the package without the SDK. Inspection
 * records are not judged by it (their evidence is then `unreadable`); the SDK's judge does both
 * and adds the regional layers.
 *
 * @example
 * import { intervalJudge } from "@nongan/certificates/Validate"
 * typeof intervalJudge // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const intervalJudge = (tables: Tables): Judge => (u) => {
  const kind = kindOf(u)
  if (kind === "pesticide-application") {
    const rec = decodeApplication(u)
    if (!rec.ok) return rec
    const r = checkApplication(tables, rec.value)
    return r.ok ? { ok: true, report: r.value } : r
  }
  if (kind === "veterinary-treatment") {
    const rec = decodeTreatment(u)
    if (!rec.ok) return rec
    const r = checkTreatment(tables, rec.value)
    return r.ok ? { ok: true, report: r.value } : r
  }
  return { ok: false, errors: [make("unknown-record-kind", ["kind"], { value: String(kind) })] }
}
