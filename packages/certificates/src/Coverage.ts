import { CalendarDate } from "@nongan/core/CalendarDate"
import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import * as Decimal from "@nongan/core/Decimal"
import type { NonganError, Path } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import { IssuerType } from "./Certificate"
import { inRegion } from "./Rules"

/**
 * One subject of a registry (主体名录): id, type, region (GB/T 2260), products, whether it is
 * obliged to issue (试行主体 / 应开证主体), and the period it was listed.
 *
 * @example
 * import { Schema } from "effect"
 * import { Subject } from "@nongan/certificates/Coverage"
 * Schema.decodeUnknownSync(Subject)({ id: "S-1", type: "cooperative", region: "500154", products: ["豇豆"], obliged: true })
 *
 * @since 0.1.0
 * @category models
 */
export const Subject = Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  type: IssuerType,
  region: Schema.String,
  products: Schema.optional(Schema.Array(Schema.String)),
  obliged: Schema.Boolean,
  listedFrom: Schema.optional(CalendarDate),
  listedTo: Schema.optional(CalendarDate)
}).annotations({ identifier: "Subject" })
/** @since 0.1.0 @category models */
export type Subject = typeof Subject.Type

/**
 * A batch put on the market (上市批次): who sold it, what, when, where, and the certificate (id)
 * or other proof it carried (`proofs`: e.g. 绿色食品, 追溯标签, 检疫合格证明).
 *
 * @example
 * import { Schema } from "effect"
 * import { MarketBatch } from "@nongan/certificates/Coverage"
 * Schema.decodeUnknownSync(MarketBatch)({ id: "M-1", kind: "market-batch", subjectId: "S-1", product: "豇豆",
 *   marketedOn: "2026-06-15", region: "500154", certificate: "C-1" })
 *
 * @since 0.1.0
 * @category models
 */
export const MarketBatch = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("market-batch"),
  subjectId: Schema.optional(Schema.String),
  product: Schema.String,
  marketedOn: CalendarDate,
  region: Schema.String,
  certificate: Schema.optional(Schema.String),
  proofs: Schema.optional(Schema.Array(Schema.String))
}).annotations({ identifier: "MarketBatch" })
/** @since 0.1.0 @category models */
export type MarketBatch = typeof MarketBatch.Type

/**
 * A certificate as coverage counts it: its id, subject, product, region and issue date.
 *
 * @example
 * import type { IssuedCertificate } from "@nongan/certificates/Coverage"
 * const c: IssuedCertificate = { id: "C-1", subjectId: "S-1", product: "豇豆", issuedOn: "2026-06-15" }
 *
 * @since 0.1.0
 * @category models
 */
export interface IssuedCertificate {
  readonly id: string
  readonly subjectId?: string | undefined
  readonly product?: string | undefined
  readonly region?: string | undefined
  readonly issuedOn: string
}

/**
 * A coverage definition, as data: `unit` `subject` (主体覆盖率: subjects that issued at least one
 * certificate in the period / subjects of the population) or `batch` (带证上市率: batches marketed
 * with a certificate / batches marketed); the population (obliged subjects only, issuer types);
 * and what counts as a certificate for a batch (a certificate id, and any of `acceptedProofs`).
 *
 * @example
 * import { Schema } from "effect"
 * import { CoverageDefinition } from "@nongan/certificates/Coverage"
 * Schema.decodeUnknownSync(CoverageDefinition)({ id: "subject-coverage", name: "主体覆盖率", unit: "subject",
 *   obligedOnly: true, citation: { instrument: "nongan" }, verification: "unverified" })
 *
 * @since 0.1.0
 * @category models
 */
export const CoverageDefinition = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  unit: Schema.Literal("subject", "batch"),
  obligedOnly: Schema.optional(Schema.Boolean),
  issuerTypes: Schema.optional(Schema.Array(IssuerType)),
  acceptedProofs: Schema.optional(Schema.Array(Schema.String)),
  note: Schema.optional(Schema.String),
  layer: Schema.optional(Schema.String),
  citation: Citation,
  verification: Verification
}).annotations({ identifier: "CoverageDefinition" })
/** @since 0.1.0 @category models */
export type CoverageDefinition = typeof CoverageDefinition.Type

/**
 * The file of coverage definitions (kind `certificate-coverage-definitions`).
 *
 * @example
 * import { CoverageDefinitionsFile } from "@nongan/certificates/Coverage"
 * CoverageDefinitionsFile.fields.definitions !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const CoverageDefinitionsFile = Schema.Struct({
  $schema: Schema.optional(Schema.String),
  kind: Schema.Literal("certificate-coverage-definitions"),
  note: Schema.optional(Schema.String),
  definitions: Schema.Array(CoverageDefinition)
})
/** @since 0.1.0 @category models */
export type CoverageDefinitionsFile = typeof CoverageDefinitionsFile.Type

const decodeSubjectSchema = decoder(Subject)
const decodeBatchSchema = decoder(MarketBatch)
const decodeDefinitions = decoder(CoverageDefinitionsFile)

/**
 * Decodes a registry subject; a Chinese issuer type is read as its code.
 *
 * @example
 * import { decodeSubject } from "@nongan/certificates/Coverage"
 * decodeSubject({ id: "S-1", type: "农户", region: "500154", obliged: false }).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeSubject = (u: unknown, path: Path = []): Result<Subject, NonganError> => {
  if (typeof u === "object" && u !== null && typeof (u as { type?: unknown }).type === "string") {
    const names: Record<string, string> = { 生产企业: "enterprise", 农民专业合作社: "cooperative", 合作社: "cooperative", 农户: "farmer", 收购单位或者个人: "purchaser", 收购者: "purchaser" }
    const t = names[(u as { type: string }).type]
    if (t) return decodeSubjectSchema({ ...(u as object), type: t }, path)
  }
  return decodeSubjectSchema(u, path)
}

/**
 * Decodes a market-batch record.
 *
 * @example
 * import { decodeMarketBatch } from "@nongan/certificates/Coverage"
 * decodeMarketBatch({ id: "M", kind: "market-batch" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeMarketBatch = (u: unknown, path: Path = []): Result<MarketBatch, NonganError> => decodeBatchSchema(u, path)

/**
 * Decodes a coverage definitions file.
 *
 * @example
 * import { decodeCoverageDefinitions } from "@nongan/certificates/Coverage"
 * decodeCoverageDefinitions({ kind: "certificate-coverage-definitions", definitions: [] }).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeCoverageDefinitions = (u: unknown, path: Path = []): Result<CoverageDefinitionsFile, NonganError> => decodeDefinitions(u, path)

/**
 * A period `[from, to]` (calendar dates, both included).
 *
 * @example
 * import type { Period } from "@nongan/certificates/Coverage"
 * const p: Period = { from: "2026-01-01", to: "2026-06-30" }
 *
 * @since 0.1.0
 * @category models
 */
export interface Period {
  readonly from: string
  readonly to: string
}

/**
 * Parses `2026`, `2026-06`, `2026-01..2026-06` or `2026-01-01..2026-06-30` into a period.
 *
 * @example
 * import { parsePeriod } from "@nongan/certificates/Coverage"
 * parsePeriod("2026-02") // { from: "2026-02-01", to: "2026-02-28" }
 * parsePeriod("2026") // { from: "2026-01-01", to: "2026-12-31" }
 *
 * @since 0.1.0
 * @category constructors
 */
export const parsePeriod = (s: string): Period | undefined => {
  const [a, b = a] = s.split("..")
  const start = (x: string) => (/^\d{4}$/.test(x) ? `${x}-01-01` : /^\d{4}-\d{2}$/.test(x) ? `${x}-01` : x)
  const end = (x: string) => {
    if (/^\d{4}$/.test(x)) return `${x}-12-31`
    if (/^\d{4}-\d{2}$/.test(x)) {
      const [y, m] = x.split("-").map(Number) as [number, number]
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
      return `${x}-${String(last).padStart(2, "0")}`
    }
    return x
  }
  const from = start(a!)
  const to = end(b!)
  const ok = (d: string) => Schema.is(CalendarDate)(d)
  return ok(from) && ok(to) && from <= to ? { from, to } : undefined
}

/**
 * One row of a coverage table: the group, numerator, denominator, rate (`null` when nothing is
 * counted) and what is missing (subject or batch ids).
 *
 * @example
 * import type { CoverageRow } from "@nongan/certificates/Coverage"
 * const r: CoverageRow = { group: {}, numerator: 1, denominator: 2, rate: 0.5, rateText: "0.5", missing: ["S-2"] }
 *
 * @since 0.1.0
 * @category models
 */
export interface CoverageRow {
  readonly group: { readonly region?: string; readonly product?: string; readonly month?: string }
  readonly numerator: number
  readonly denominator: number
  readonly rate: number | null
  readonly rateText: string | null
  readonly missing: ReadonlyArray<string>
}

/**
 * A coverage target (from a rule pack's `certificate.coverage.target` parameter).
 *
 * @example
 * import type { CoverageTarget } from "@nongan/certificates/Coverage"
 * const t: CoverageTarget = { value: "1.00", citation: { instrument: "开州区 2022 工作要点", clause: "（十三）" } }
 *
 * @since 0.1.0
 * @category models
 */
export interface CoverageTarget {
  readonly value: string
  readonly citation: Citation
  readonly layer?: string | undefined
  readonly definition?: string | undefined
}

/**
 * A coverage report: the definition applied, the period, the total row, rows by region, product
 * and month, and the target with met / not met and the gap.
 *
 * @example
 * import type { CoverageReport } from "@nongan/certificates/Coverage"
 * const f = (r: CoverageReport) => r.total.rate
 *
 * @since 0.1.0
 * @category models
 */
export interface CoverageReport {
  readonly definition: CoverageDefinition
  readonly period: Period
  readonly region?: string | undefined
  readonly total: CoverageRow
  readonly byRegion: ReadonlyArray<CoverageRow>
  readonly byProduct: ReadonlyArray<CoverageRow>
  readonly byMonth: ReadonlyArray<CoverageRow>
  readonly target?: {
    readonly value: string
    readonly met: boolean
    /** target − rate, in the rate's unit (0 when met) */
    readonly gap: string
    /** how many more subjects or batches would meet the target */
    readonly short: number
    readonly citation: Citation
    readonly layer?: string | undefined
  }
}

const rateOf = (n: number, d: number): { rate: number | null; rateText: string | null } => {
  if (d === 0) return { rate: null, rateText: null }
  const r = Decimal.divide(Decimal.unsafeMake(n), Decimal.unsafeMake(d), 6)
  return { rate: Decimal.toNumber(r), rateText: r.toString() }
}

interface Unit {
  readonly id: string
  readonly region: string
  readonly products: ReadonlyArray<string>
  readonly month?: string
  readonly counted: boolean
}

const row = (group: CoverageRow["group"], units: ReadonlyArray<Unit>): CoverageRow => {
  const numerator = units.filter((u) => u.counted).length
  return { group, numerator, denominator: units.length, ...rateOf(numerator, units.length), missing: units.filter((u) => !u.counted).map((u) => u.id).sort() }
}

const groupBy = (units: ReadonlyArray<Unit>, key: (u: Unit) => ReadonlyArray<string>, make: (k: string) => CoverageRow["group"]): ReadonlyArray<CoverageRow> => {
  const m = new Map<string, Array<Unit>>()
  for (const u of units) for (const k of key(u)) m.set(k, [...(m.get(k) ?? []), u])
  return [...m.keys()].sort().map((k) => row(make(k), m.get(k)!))
}

const inPeriod = (d: string, p: Period) => d >= p.from && d <= p.to

/**
 * Computes coverage by a definition over a period (and optionally within a region), with rows by
 * region, product and month (for `subject` coverage a subject counts under each product it lists,
 * and months are those in which it issued), and a target's met / not met and gap.
 *
 * @example
 * import { coverage } from "@nongan/certificates/Coverage"
 * const r = coverage({
 *   definition: { id: "subject-coverage", name: "主体覆盖率", unit: "subject", obligedOnly: true, citation: { instrument: "x" }, verification: "unverified" },
 *   period: { from: "2026-01-01", to: "2026-12-31" },
 *   subjects: [{ id: "S-1", type: "cooperative", region: "500154", obliged: true }, { id: "S-2", type: "enterprise", region: "500154", obliged: true }],
 *   certificates: [{ id: "C-1", subjectId: "S-1", issuedOn: "2026-03-01" }],
 *   batches: []
 * })
 * r.total.rate // 0.5
 *
 * @since 0.1.0
 * @category rules
 */
export const coverage = (o: {
  readonly definition: CoverageDefinition
  readonly period: Period
  readonly region?: string | undefined
  readonly subjects: ReadonlyArray<Subject>
  readonly certificates: ReadonlyArray<IssuedCertificate>
  readonly batches: ReadonlyArray<MarketBatch>
  readonly target?: CoverageTarget | undefined
}): CoverageReport => {
  const d = o.definition
  const inScope = (region: string) => o.region === undefined || inRegion(region, o.region)
  const certs = o.certificates.filter((c) => inPeriod(c.issuedOn, o.period))
  let units: Array<Unit>
  if (d.unit === "subject") {
    const issued = new Map<string, Array<string>>()
    for (const c of certs) if (c.subjectId !== undefined) issued.set(c.subjectId, [...(issued.get(c.subjectId) ?? []), c.issuedOn.slice(0, 7)])
    units = o.subjects
      .filter((s) => inScope(s.region))
      .filter((s) => (d.obligedOnly === false ? true : s.obliged))
      .filter((s) => d.issuerTypes === undefined || d.issuerTypes.includes(s.type))
      .filter((s) => (s.listedFrom === undefined || s.listedFrom <= o.period.to) && (s.listedTo === undefined || s.listedTo >= o.period.from))
      .map((s) => ({ id: s.id, region: s.region, products: s.products ?? [], counted: issued.has(s.id) }))
  } else {
    const known = new Set(o.certificates.map((c) => c.id))
    const subjects = new Map(o.subjects.map((s) => [s.id, s]))
    const proofs = new Set(d.acceptedProofs ?? [])
    units = o.batches
      .filter((b) => inPeriod(b.marketedOn, o.period) && inScope(b.region))
      .filter((b) => {
        if (d.obligedOnly !== true && d.issuerTypes === undefined) return true
        const s = b.subjectId !== undefined ? subjects.get(b.subjectId) : undefined
        if (!s) return false
        return (d.obligedOnly !== true || s.obliged) && (d.issuerTypes === undefined || d.issuerTypes.includes(s.type))
      })
      .map((b) => ({
        id: b.id,
        region: b.region,
        products: [b.product],
        month: b.marketedOn.slice(0, 7),
        counted: (b.certificate !== undefined && known.has(b.certificate)) || (b.proofs ?? []).some((p) => proofs.has(p))
      }))
  }
  const total = row({}, units)
  const byMonth =
    d.unit === "batch"
      ? groupBy(units, (u) => [u.month!], (k) => ({ month: k }))
      : (() => {
          // subjects that issued in a month, over the whole population
          const ids = new Set(units.map((u) => u.id))
          const months = [...new Set(certs.filter((c) => c.subjectId !== undefined && ids.has(c.subjectId)).map((c) => c.issuedOn.slice(0, 7)))].sort()
          return months.map((m) => {
            const by = new Set(certs.filter((c) => c.issuedOn.startsWith(m)).map((c) => c.subjectId))
            return row({ month: m }, units.map((u) => ({ ...u, counted: by.has(u.id) })))
          })
        })()
  const report: CoverageReport = {
    definition: d,
    period: o.period,
    ...(o.region !== undefined ? { region: o.region } : {}),
    total,
    byRegion: groupBy(units, (u) => [u.region], (k) => ({ region: k })),
    byProduct: groupBy(units, (u) => u.products, (k) => ({ product: k })),
    byMonth
  }
  if (!o.target) return report
  const t = Decimal.parse(o.target.value)
  if (!t) return report
  const rate = total.rateText !== null ? Decimal.unsafeMake(total.rateText) : Decimal.zero
  const met = total.denominator > 0 && Decimal.compare(rate, t) >= 0
  const gap = met ? Decimal.zero : Decimal.subtract(t, rate)
  const needed = Math.ceil(Decimal.toNumber(Decimal.multiply(t, Decimal.unsafeMake(total.denominator))) - 1e-9)
  return {
    ...report,
    target: { value: o.target.value, met, gap: gap.toString(), short: Math.max(0, needed - total.numerator), citation: o.target.citation, ...(o.target.layer !== undefined ? { layer: o.target.layer } : {}) }
  }
}
