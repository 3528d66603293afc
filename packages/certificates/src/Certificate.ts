import { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import type { NonganError, Path } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import { Schema } from "effect"

/**
 * Who issues a certificate: `enterprise` (农产品生产企业), `cooperative` (农民专业合作社),
 * `farmer` (农户) or `purchaser` (从事农产品收购的单位或者个人). Records may also write the
 * Chinese names; {@link decode} reads them.
 *
 * @example
 * import { IssuerType } from "@nongan/certificates/Certificate"
 * IssuerType.literals // ["enterprise", "cooperative", "farmer", "purchaser"]
 *
 * @since 0.1.0
 * @category models
 */
export const IssuerType = Schema.Literal("enterprise", "cooperative", "farmer", "purchaser").annotations({ identifier: "IssuerType" })
/** @since 0.1.0 @category models */
export type IssuerType = typeof IssuerType.Type

/**
 * The Chinese names of issuer types as the law writes them, read by {@link decode}.
 *
 * @example
 * import { ISSUER_NAMES } from "@nongan/certificates/Certificate"
 * ISSUER_NAMES["农户"] // "farmer"
 *
 * @since 0.1.0
 * @category models
 */
export const ISSUER_NAMES: Readonly<Record<string, IssuerType>> = {
  生产企业: "enterprise",
  农产品生产企业: "enterprise",
  农民专业合作社: "cooperative",
  合作社: "cooperative",
  农户: "farmer",
  收购单位或者个人: "purchaser",
  收购单位: "purchaser",
  收购者: "purchaser",
  收购个人: "purchaser"
}

/**
 * The issuer (承诺主体): name, type, contact (联系方式) and, for coverage, the subject's id in a
 * registry (主体名录).
 *
 * @example
 * import { Schema } from "effect"
 * import { Issuer } from "@nongan/certificates/Certificate"
 * Schema.decodeUnknownSync(Issuer)({ name: "开州区某蔬菜合作社", type: "cooperative", contact: "023-00000000" })
 *
 * @since 0.1.0
 * @category models
 */
export const Issuer = Schema.Struct({
  name: Schema.optional(Schema.String),
  type: IssuerType,
  contact: Schema.optional(Schema.String),
  subjectId: Schema.optional(Schema.String),
  /** a 规模生产者 (large-scale producer), which some provinces oblige whatever its type */
  scale: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "Issuer" })
/** @since 0.1.0 @category models */
export type Issuer = typeof Issuer.Type

/**
 * The production batch the certificate is issued for; `producedOn` is its harvest, slaughter or
 * production date.
 *
 * @example
 * import { Schema } from "effect"
 * import { Batch } from "@nongan/certificates/Certificate"
 * Schema.decodeUnknownSync(Batch)({ id: "KZ-B-0615", producedOn: "2026-06-15" })
 *
 * @since 0.1.0
 * @category models
 */
export const Batch = Schema.Struct({
  id: Schema.String,
  producedOn: Schema.optional(CalendarDate)
}).annotations({ identifier: "Batch" })
/** @since 0.1.0 @category models */
export type Batch = typeof Batch.Type

/**
 * A QR / electronic version: its payload and the title it shows.
 *
 * @example
 * import { Schema } from "effect"
 * import { Qr } from "@nongan/certificates/Certificate"
 * Schema.decodeUnknownSync(Qr)({ payload: "https://example.org/c/1", title: "承诺达标合格证" })
 *
 * @since 0.1.0
 * @category models
 */
export const Qr = Schema.Struct({
  payload: Schema.String,
  title: Schema.optional(Schema.String)
}).annotations({ identifier: "Qr" })
/** @since 0.1.0 @category models */
export type Qr = typeof Qr.Type

/**
 * Evidence of the batch: ids of inspection records (`inspections`) and of pesticide-application or
 * veterinary-treatment records (`uses`) found elsewhere in the same batch of records, and such
 * records passed inline (`records`).
 *
 * @example
 * import { Schema } from "effect"
 * import { EvidenceRefs } from "@nongan/certificates/Certificate"
 * Schema.decodeUnknownSync(EvidenceRefs)({ inspections: ["KZ-0001"], uses: ["A-1"] })
 *
 * @since 0.1.0
 * @category models
 */
export const EvidenceRefs = Schema.Struct({
  inspections: Schema.optional(Schema.Array(Schema.String)),
  uses: Schema.optional(Schema.Array(Schema.String)),
  records: Schema.optional(Schema.Array(Schema.Unknown))
}).annotations({ identifier: "EvidenceRefs" })
/** @since 0.1.0 @category models */
export type EvidenceRefs = typeof EvidenceRefs.Type

/**
 * An upstream certificate a purchaser collected: its number, and optionally its issuer and date.
 *
 * @example
 * import { Schema } from "effect"
 * import { UpstreamRef } from "@nongan/certificates/Certificate"
 * Schema.decodeUnknownSync(UpstreamRef)({ id: "HGZ20260614-AB3D", issuedOn: "2026-06-14" })
 *
 * @since 0.1.0
 * @category models
 */
export const UpstreamRef = Schema.Struct({
  id: Schema.String,
  issuer: Schema.optional(Schema.String),
  issuedOn: Schema.optional(CalendarDate)
}).annotations({ identifier: "UpstreamRef" })
/** @since 0.1.0 @category models */
export type UpstreamRef = typeof UpstreamRef.Type

/**
 * A 承诺达标合格证 record, as the certificate says it (nothing is rewritten: legacy basis labels
 * stay as printed and are read by the rules of the issue date):
 * `{"id":"C-1","kind":"certificate","issuer":{"name":"…","type":"cooperative","contact":"…"},
 * "product":"豇豆","quantity":"500 kg","origin":"重庆市开州区","issuedOn":"2026-06-15",
 * "batch":{"id":"B-1"},"commitment":"未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标",
 * "basis":["委托检测合格"]}`. `commitment` is the text or its lines; `wild` marks wild products
 * (out of scope); `reissue` (`mixed` 混装, `split` 分装) marks a purchaser's re-issue, whose
 * `upstream` certificates must be named; `packagePrinted` lists elements already printed on the
 * package (they need not be repeated); `extra` is echoed untouched.
 *
 * @example
 * import { Schema } from "effect"
 * import { CertificateRecord } from "@nongan/certificates/Certificate"
 * Schema.decodeUnknownSync(CertificateRecord)({
 *   id: "C-1", kind: "certificate", issuer: { name: "某合作社", type: "cooperative", contact: "13800000000" },
 *   product: "豇豆", quantity: "500 kg", origin: "重庆市开州区", issuedOn: "2026-06-15", batch: { id: "B-1" },
 *   commitment: "未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标", basis: ["委托检测合格"]
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const CertificateRecord = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("certificate"),
  issuer: Issuer,
  product: Schema.optional(Schema.String),
  quantity: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  origin: Schema.optional(Schema.String),
  issuedOn: CalendarDate,
  batch: Schema.optional(Batch),
  commitment: Schema.optional(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  basis: Schema.optional(Schema.Array(Schema.String)),
  traceCode: Schema.optional(Schema.String),
  qr: Schema.optional(Qr),
  wild: Schema.optional(Schema.Boolean),
  reissue: Schema.optional(Schema.Literal("mixed", "split")),
  upstream: Schema.optional(Schema.Array(Schema.Union(Schema.String, UpstreamRef))),
  evidence: Schema.optional(EvidenceRefs),
  packagePrinted: Schema.optional(Schema.Array(Schema.String)),
  region: Schema.optional(Schema.String),
  extra: Schema.optional(Schema.Unknown)
}).annotations({ identifier: "CertificateRecord" })
/** @since 0.1.0 @category models */
export type CertificateRecord = typeof CertificateRecord.Type

const decodeSchema = decoder(CertificateRecord)

/**
 * Decodes a certificate record; never throws. Unknown fields are errors. An issuer type written in
 * Chinese (`农户`, `农民专业合作社` …) is read as its code; `basis` written as one string
 * (`"自行检测合格"` or `"质量安全控制符合要求,委托检测合格"`) is read as its list.
 *
 * @example
 * import { decode } from "@nongan/certificates/Certificate"
 * decode({ id: "C-1", kind: "certificate", issuer: { type: "农户" }, issuedOn: "2026-06-15" }).ok // true
 * decode({ id: "C-1", kind: "certificate", issuer: { type: "农户" }, issuedOn: "2026-13-01" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (u: unknown, path: Path = []): Result<CertificateRecord, NonganError> => {
  if (typeof u === "object" && u !== null && !Array.isArray(u)) {
    const o = u as Record<string, unknown>
    let next = o
    const issuer = o.issuer
    if (typeof issuer === "object" && issuer !== null && typeof (issuer as { type?: unknown }).type === "string") {
      const t = (issuer as { type: string }).type.trim()
      const code = ISSUER_NAMES[t]
      if (code !== undefined) next = { ...next, issuer: { ...(issuer as object), type: code } }
    }
    if (typeof o.basis === "string") next = { ...next, basis: o.basis.split(/[,，、;；|]/).map((s) => s.trim()).filter((s) => s !== "") }
    return decodeSchema(next, path)
  }
  return decodeSchema(u, path)
}

/**
 * The commitment as lines (a text is split at `；`, `;`, `。` and line breaks).
 *
 * @example
 * import { commitmentLines } from "@nongan/certificates/Certificate"
 * commitmentLines("未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标").length // 2
 *
 * @since 0.1.0
 * @category combinators
 */
export const commitmentLines = (c: string | ReadonlyArray<string> | undefined): ReadonlyArray<string> =>
  (c === undefined ? [] : typeof c === "string" ? [c] : c)
    .flatMap((s) => s.split(/[；;。\n]/))
    .map((s) => s.trim())
    .filter((s) => s !== "")
