// Reading what a person pastes or drops: JSON Lines, a JSON array, CSV or XLSX (one row per
// analyte, grouped by record id, with the CLI's column names and Chinese headers: the build
// writes `@nongan/cli/Input`'s CSV_COLUMNS into the bundle, so there is one list).
import { CSV_COLUMNS } from "nongan:csv-columns"
import { parse as parseCsv } from "csv-parse/browser/esm/sync"

/** One item read: a record to judge, or why the input could not be read there. */
export type Item = { readonly record: unknown } | { readonly error: { readonly code: string; readonly path: string; readonly detail: string } }

const RECORD_FIELDS = ["id", "kind", "sampledOn", "product", "region", "method", "state"] as const
const RESULT_FIELDS = ["substance", "value", "unit", "lod", "loq", "uncertainty"] as const
const USE_FIELDS = [
  "id", "kind", "region", "state", "product", "crop", "pesticide", "registrationNo", "appliedOn", "harvestedOn",
  "species", "drug", "lastDoseOn", "lastDoseAt", "endAt", "slaughteredOn", "milkedOn", "eggsCollectedOn"
] as const

/** Rows with a header row (CSV or a worksheet) → records, as `nongan check` groups them. */
export const fromRows = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): Array<Item> => {
  // columns that are not record fields are not judged (the CLI passes them through)
  const cols = header.map((h) => CSV_COLUMNS[h.trim()])
  const out: Array<Item> = []
  const groups = new Map<string, Record<string, unknown>>()
  rows.forEach((cells) => {
    const r: Record<string, string> = {}
    cols.forEach((c, i) => c !== undefined && (r[c] = String(cells[i] ?? "").trim()))
    if (r.kind === "pesticide-application" || r.kind === "veterinary-treatment") {
      const rec: Record<string, unknown> = {}
      for (const f of USE_FIELDS) if (r[f]) rec[f] = r[f]
      out.push({ record: rec })
      return
    }
    const id = r.id ?? ""
    let rec = groups.get(id)
    if (!rec) {
      rec = { results: [] as Array<unknown> }
      for (const f of RECORD_FIELDS) if (r[f]) rec[f] = r[f]
      if (rec.kind === undefined) rec.kind = "inspection"
      groups.set(id, rec)
    }
    const result: Record<string, string> = {}
    for (const f of RESULT_FIELDS) if (r[f]) result[f] = r[f]
    ;(rec.results as Array<unknown>).push(result)
  })
  for (const rec of groups.values()) out.push({ record: rec })
  return out
}

/** Text in any of the formats: detected from the file name, else from the first character. */
export const fromText = (text: string, name = ""): Array<Item> => {
  const head = text.replace(/^\uFEFF/, "").trimStart()
  const format = /\.csv$/i.test(name) ? "csv" : /\.(jsonl|ndjson)$/i.test(name) ? "jsonl" : /\.json$/i.test(name) ? "json" : head.startsWith("[") ? "json" : head.startsWith("{") ? "jsonl" : "csv"
  if (format === "json") {
    try {
      const v = JSON.parse(head)
      return (Array.isArray(v) ? v : [v]).map((record) => ({ record }))
    } catch (e) {
      return [{ error: { code: "invalid-json", path: "", detail: (e as Error).message } }]
    }
  }
  if (format === "jsonl") {
    const out: Array<Item> = []
    head.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === "") return
      try {
        out.push({ record: JSON.parse(line) })
      } catch {
        out.push({ error: { code: "invalid-json", path: `line ${i + 1}`, detail: line.slice(0, 60) } })
      }
    })
    return out
  }
  let rows: Array<Array<string>>
  try {
    rows = parseCsv(head, { bom: true, skip_empty_lines: true, trim: true }) as Array<Array<string>>
  } catch (e) {
    return [{ error: { code: "invalid-csv", path: "", detail: (e as Error).message } }]
  }
  const [header, ...body] = rows
  return header ? fromRows(header, body) : []
}

/** The first worksheet of an XLSX workbook (exceljs, loaded only when a workbook is dropped). */
export const fromXlsx = async (data: ArrayBuffer): Promise<Array<Item>> => {
  const { default: ExcelJS } = await import("exceljs")
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(data)
  } catch (e) {
    return [{ error: { code: "invalid-csv", path: "", detail: `not a readable XLSX workbook: ${(e as Error).message}` } }]
  }
  const ws = wb.worksheets[0]
  if (!ws) return []
  const rows: Array<Array<string>> = []
  ws.eachRow({ includeEmpty: false }, (row: { getCell(c: number): { value: unknown } }) => {
    const cells: Array<string> = []
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value
      cells.push(v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "object" && "text" in v ? String(v.text) : String(v))
    }
    rows.push(cells)
  })
  const [header, ...body] = rows
  return header ? fromRows(header, body) : []
}
