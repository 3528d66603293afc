/**
 * CSV columns of certificate records (one row per certificate), with the Chinese headers of the
 * forms, mapped to flat keys that {@link fromCsvRow} nests.
 *
 * @example
 * import { CERTIFICATE_CSV_COLUMNS } from "@nongan/certificates/Csv"
 * CERTIFICATE_CSV_COLUMNS["开具日期"] // "issuedOn"
 *
 * @since 0.1.0
 * @category models
 */
export const CERTIFICATE_CSV_COLUMNS: Readonly<Record<string, string>> = {
  issuedOn: "issuedOn", issuerName: "issuerName", issuerType: "issuerType", contact: "contact", subjectId: "subjectId",
  quantity: "quantity", origin: "origin", batch: "batch", producedOn: "producedOn", commitment: "commitment", basis: "basis",
  traceCode: "traceCode", qr: "qr", qrTitle: "qrTitle", wild: "wild", reissue: "reissue", upstream: "upstream",
  inspections: "inspections", uses: "uses",
  开具日期: "issuedOn", 开具时间: "issuedOn", 承诺主体: "issuerName", 主体名称: "issuerName", 生产者名称: "issuerName", 主体类型: "issuerType",
  联系方式: "contact", 联系电话: "contact", 主体编号: "subjectId", 数量: "quantity", 重量: "quantity", "数量（重量）": "quantity", "数量(重量)": "quantity",
  产地: "origin", 生产批次: "batch", 批次号: "batch", 生产日期: "producedOn", 承诺内容: "commitment", 承诺事项: "commitment",
  承诺依据: "basis", 追溯码: "traceCode", 二维码: "qr", 二维码标题: "qrTitle", 野生: "wild", 重新开具: "reissue", 上游合格证: "upstream",
  检测记录: "inspections", 用药记录: "uses", 记录类型: "kind"
}

const list = (s: string | undefined): ReadonlyArray<string> | undefined => {
  if (s === undefined || s.trim() === "") return undefined
  return s.split(/[,，、;；|]/).map((x) => x.trim()).filter((x) => x !== "")
}

const REISSUE: Readonly<Record<string, string>> = { 混装: "mixed", 分装: "split" }

/**
 * Whether a CSV row (keys already mapped) is a certificate: `kind` says so (`certificate`, `合格证`)
 * or the row has an issue date.
 *
 * @example
 * import { isCertificateRow } from "@nongan/certificates/Csv"
 * isCertificateRow({ issuedOn: "2026-06-15" }) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const isCertificateRow = (r: Readonly<Record<string, string | undefined>>): boolean =>
  r.kind === "certificate" || r.kind === "合格证" || ((r.kind === undefined || r.kind === "") && r.issuedOn !== undefined && r.issuedOn !== "")

/**
 * Builds a certificate record from a CSV row (keys mapped by {@link CERTIFICATE_CSV_COLUMNS}):
 * lists (basis, upstream, evidence ids) are split at `、 , ; |`; empty cells are absent; anything
 * else in the row is kept so that the decoder names it as an unexpected field.
 *
 * @example
 * import { fromCsvRow } from "@nongan/certificates/Csv"
 * fromCsvRow({ id: "C-1", issuedOn: "2026-06-15", issuerType: "农户", basis: "委托检测合格" })
 * // { id: "C-1", kind: "certificate", issuer: { type: "农户" }, issuedOn: "2026-06-15", basis: ["委托检测合格"] }
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromCsvRow = (row: Readonly<Record<string, string | undefined>>): Record<string, unknown> => {
  const r: Record<string, string> = {}
  for (const [k, v] of Object.entries(row)) if (v !== undefined && v.trim() !== "") r[k] = v.trim()
  const out: Record<string, unknown> = { ...(r.id !== undefined ? { id: r.id } : {}), kind: "certificate" }
  const issuer: Record<string, unknown> = {}
  if (r.issuerName !== undefined) issuer.name = r.issuerName
  if (r.issuerType !== undefined) issuer.type = r.issuerType
  if (r.contact !== undefined) issuer.contact = r.contact
  if (r.subjectId !== undefined) issuer.subjectId = r.subjectId
  out.issuer = issuer
  for (const k of ["product", "quantity", "origin", "issuedOn", "region", "traceCode"]) if (r[k] !== undefined) out[k] = r[k]
  if (r.batch !== undefined || r.producedOn !== undefined) out.batch = { ...(r.batch !== undefined ? { id: r.batch } : {}), ...(r.producedOn !== undefined ? { producedOn: r.producedOn } : {}) }
  if (r.commitment !== undefined) out.commitment = r.commitment
  if (r.basis !== undefined) out.basis = list(r.basis)
  if (r.qr !== undefined) out.qr = { payload: r.qr, ...(r.qrTitle !== undefined ? { title: r.qrTitle } : {}) }
  if (r.wild !== undefined) out.wild = ["是", "true", "1", "野生"].includes(r.wild)
  if (r.reissue !== undefined) out.reissue = REISSUE[r.reissue] ?? r.reissue
  if (r.upstream !== undefined) out.upstream = list(r.upstream)
  const inspections = list(r.inspections)
  const uses = list(r.uses)
  if (inspections || uses) out.evidence = { ...(inspections ? { inspections } : {}), ...(uses ? { uses } : {}) }
  const known = new Set(["id", "kind", "issuerName", "issuerType", "contact", "subjectId", "product", "quantity", "origin", "issuedOn", "region", "traceCode", "batch", "producedOn", "commitment", "basis", "qr", "qrTitle", "wild", "reissue", "upstream", "inspections", "uses"])
  for (const [k, v] of Object.entries(r)) if (!known.has(k)) out[k] = v
  return out
}
