/**
 * Spreadsheet plans (`sheets.ts`) written as a reader meets them: CSV text in a style (UTF-8, BOM,
 * GBK, GB18030; LF, CRLF, CR; quoted or not; columns in any order and spelling), an XLSX workbook
 * (exceljs: typed cells or text, merged cells, blank rows, extra sheets), bytes cut into chunks as
 * standard input delivers them, and raw bytes damaged anywhere.
 */
import fc from "fast-check"
import { createRequire } from "node:module"
import { join } from "node:path"
import type ExcelJSModule from "../../packages/cli/node_modules/exceljs"
import { DATES, LONG, type Plan, QUOTES, SPELLINGS, type Style, USE_COLUMNS } from "./sheets"

// exceljs is a dependency of @nongan/cli, not of the workspace root: required from there
const ExcelJS = createRequire(join(import.meta.dirname, "..", "..", "packages", "cli", "package.json"))("exceljs") as typeof ExcelJSModule
type CellValue = ExcelJSModule.CellValue

/** The header name of a column in a style. */
const headerName = (key: string, style: Style): string => {
  const s = (SPELLINGS as Record<string, ReadonlyArray<string>>)[key]
  if (s) return s[style.spelling % s.length]!
  return (USE_COLUMNS as Record<string, string>)[key] ?? key
}

const csvCell = (v: string, all: boolean) => (all || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** The physical line each data row starts on (1-based; the header is line 1), as the plan writes it. */
export const lineOf = (p: Plan): ReadonlyMap<number, number> => {
  const m = new Map<number, number>()
  let line = 2
  for (const [k, r] of p.rows.entries()) {
    m.set(k, line)
    line += r !== null && p.multiline.has(k) ? 2 : 1
  }
  return m
}

/** A plan written as CSV text, in a style, its mutations applied. */
export const csvText = (p: Plan, style: Style): string => {
  const cols = style.order.filter((i) => i < p.columns.length).map((i) => p.columns[i]!)
  for (const c of p.columns) if (!cols.includes(c)) cols.push(c)
  const quoteAll = style.quoteAll && ![...p.damage.values()].some((d) => QUOTES.has(d))
  const header = cols.map((c) => headerName(c, style))
  if (p.spoiled !== undefined) header.push(headerName("value", { ...style, spelling: style.spelling + 1 }))
  const lines = [header.map((h) => csvCell(h, quoteAll)).join(",")]
  for (const [k, r] of p.rows.entries()) {
    if (r === null) {
      lines.push("")
      continue
    }
    const cells = cols.map((c) => csvCell(r[c] ?? "", quoteAll))
    const d = p.damage.get(k)
    const product = r.product || "豇豆"
    if (p.multiline.has(k)) cells[cols.indexOf("备注")] = csvCell(`第一行${style.eol}第二行`, true)
    if (d === "missing-cell") cells.pop()
    else if (d === "extra-cell") cells.push("多余")
    else if (d === "unclosed-quote") cells[cols.indexOf("product")] = `"${product}`
    else if (d === "stray-quote") cells[cols.indexOf("product")] = `${product.slice(0, 1)}"${product.slice(1)}`
    else if (d === "after-quote") cells[cols.indexOf("product")] = `"${product}"x`
    else if (d === "long-row") cells[cols.indexOf("备注")] = csvCell("长".repeat(LONG), quoteAll)
    lines.push(cells.join(","))
  }
  return lines.join(style.eol) + style.eol
}

/** The bytes of a CSV text in an encoding. */
export const encode = (text: string, encoding: Style["encoding"]): Buffer =>
  encoding === "utf-8" ? Buffer.from(text, "utf8") : encoding === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]) : gbEncode(text, encoding)

// a GBK / GB18030 encoder for the test, built from the platform's decoder (every two-byte code)
const tables: Record<string, Map<string, Buffer>> = {}
const gbEncode = (text: string, enc: "gbk" | "gb18030"): Buffer => {
  let m = tables[enc]
  if (!m) {
    m = new Map()
    const d = new TextDecoder(enc)
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue
        const c = d.decode(Buffer.from([a, b]))
        if (c.length === 1 && c !== "\ufffd" && !m.has(c)) m.set(c, Buffer.from([a, b]))
      }
    tables[enc] = m
  }
  const table = m
  return Buffer.concat(
    [...text].map((c) => {
      if (c.charCodeAt(0) < 0x80) return Buffer.from(c, "latin1")
      const b = table.get(c)
      if (!b) throw new Error(`cannot encode ${c} in ${enc}`)
      return b
    })
  )
}

/**
 * Chunks of a byte string split at the given fractions, and always once inside a multi-byte
 * character when there is one (standard input arrives in pieces).
 */
export const chunked = (bytes: Buffer, cuts: ReadonlyArray<number>): ReadonlyArray<Buffer> => {
  const inside = bytes.findIndex((b, i) => i > 0 && b >= 0x80 && bytes[i - 1]! >= 0x80)
  const at = [...new Set([...(inside > 0 ? [inside] : []), ...cuts.map((f) => Math.floor(f * bytes.length))])].filter((i) => i > 0 && i < bytes.length).sort((a, b) => a - b)
  const out: Array<Buffer> = []
  let from = 0
  for (const i of at) {
    out.push(bytes.subarray(from, i))
    from = i
  }
  out.push(bytes.subarray(from))
  return out
}

const DIGITS = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/
/** At most 15 significant digits: a double holds the decimal exactly enough to print it back. */
const exactInDouble = (v: string) => DIGITS.test(v) && v.replace(/^-/, "").replace(".", "").replace(/^0+/, "").length <= 15

/** A cell's typed value in XLSX: a number when the text is one exactly as Excel would keep it, a date for a date field. */
const typedCell = (key: string, v: string, style: Style): CellValue => {
  if (!style.typed || v === "") return v
  if (key === "sampledOn") {
    const d = DATES.find((x) => x.forms.includes(v))
    if (d && v === d.iso) return new Date(`${d.iso}T00:00:00Z`)
    if (d && v === String(d.serial)) return d.serial
    return v
  }
  if (key === "id" && !/^\d{1,15}$/.test(v)) return v
  return exactInDouble(v) ? Number(v) : v
}

/** A plan written as an XLSX workbook, in a style, its mutations applied. */
export const xlsxBytes = async (p: Plan, style: Style): Promise<{ bytes: Buffer; sheet: string | undefined }> => {
  const wb = new ExcelJS.Workbook()
  if (style.extraSheet === "before") wb.addWorksheet("说明").addRow(["本表为抽检结果", 1, new Date(Date.UTC(2026, 0, 1))])
  const ws = wb.addWorksheet("抽检结果")
  const cols = style.order.filter((i) => i < p.columns.length).map((i) => p.columns[i]!)
  for (const c of p.columns) if (!cols.includes(c)) cols.push(c)
  const header = cols.map((c) => headerName(c, style))
  if (p.spoiled === "duplicate-header") header.push(headerName("value", { ...style, spelling: style.spelling + 1 }))
  ws.addRow(header)
  if (p.spoiled === "merged-header") {
    // the value header merged over the unit column, as a two-column title
    const c = cols.indexOf("value") + 1
    const u = cols.indexOf("unit") + 1
    if (Math.abs(c - u) === 1) ws.mergeCells(1, Math.min(c, u), 1, Math.max(c, u))
    else ws.getCell(1, u).value = header[c - 1]!
  }
  for (const [k, r] of p.rows.entries()) {
    const line = k + 2
    if (r === null) continue
    const cells: Array<CellValue> = cols.map((c) => typedCell(c, r[c] ?? "", style))
    if (p.damage.get(k) === "extra-cell") cells.push("多余")
    const wrong = p.wrongType.get(k)
    if (wrong !== undefined)
      cells[cols.indexOf("value")] =
        wrong === "boolean" ? true : wrong === "date" ? new Date(Date.UTC(2026, 5, 15)) : wrong === "error" ? { error: "#N/A" } : wrong === "formula" ? ({ formula: "A1*2" } as CellValue) : "约0.01"
    const row = ws.getRow(line)
    cells.forEach((v, i) => {
      if (v !== "") row.getCell(i + 1).value = v
    })
    row.commit()
  }
  if (style.mergeIds) {
    // a sample's id cell merged over its consecutive rows, as laboratories lay reports out
    const idCol = cols.indexOf("id") + 1
    let from = 0
    for (let k = 1; k <= p.rows.length; k++) {
      const a = p.rows[from]
      const b = p.rows[k]
      const same = b && a && a.id !== "" && b.id === a.id
      if (!same) {
        if (k - from > 1) ws.mergeCells(from + 2, idCol, k + 1, idCol)
        from = k
      }
    }
  }
  if (style.extraSheet === "after") wb.addWorksheet("汇总").addRow(["合计", p.rows.length, true])
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), sheet: style.extraSheet === "before" ? "抽检结果" : undefined }
}

/** One edit of raw bytes: a byte inserted, replaced or deleted at a fraction of the length, or the end cut off. */
export type ByteEdit = { readonly op: "insert" | "replace" | "delete" | "truncate"; readonly at: number; readonly byte: number }

/** Bytes that matter to a CSV or XLSX reader: quotes, commas, line ends, NUL, BOM and UTF-8 lead and trail bytes, 0xFF. */
export const byteEdits: fc.Arbitrary<ReadonlyArray<ByteEdit>> = fc.array(
  fc.record({
    op: fc.constantFrom("insert" as const, "insert" as const, "replace" as const, "delete" as const, "truncate" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.constantFrom(0x22, 0x22, 0x2c, 0x0d, 0x0a, 0x00, 0xff, 0xef, 0xbb, 0xbf, 0xe5, 0x80, 0x20, 0x3d)
  }),
  { minLength: 1, maxLength: 8 }
)

/** Raw bytes after the edits (no edit may make them empty of a header: any result is fair input). */
export const edited = (bytes: Buffer, edits: ReadonlyArray<ByteEdit>): Buffer => {
  let b = Buffer.from(bytes)
  for (const e of edits) {
    const i = Math.min(b.length, Math.floor(e.at * b.length))
    if (e.op === "insert") b = Buffer.concat([b.subarray(0, i), Buffer.from([e.byte]), b.subarray(i)])
    else if (e.op === "replace" && i < b.length) b[i] = e.byte
    else if (e.op === "delete") b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)])
    else if (e.op === "truncate") b = b.subarray(0, Math.max(i, Math.floor(b.length / 2)))
  }
  return b
}
