/**
 * Excel workbooks (`.xlsx`) read natively and streamed with `exceljs` (MIT): rows of the first
 * sheet, or of the one named or numbered by `--sheet`, as text cells; dates as ISO dates.
 *
 * @since 0.1.0
 */
import ExcelJS from "exceljs"
import type { Readable } from "node:stream"
import { make, type NonganError } from "@nongan/core/NonganError"

/**
 * The text of one cell value as exceljs gives it: numbers by their shortest round trip, dates as
 * `YYYY-MM-DD` (UTC, as Excel stores them), rich text joined, a formula by its cached result.
 *
 * @example
 * import { cellText } from "@nongan/cli/Xlsx"
 * cellText(0.062) // "0.062"
 * cellText(new Date(Date.UTC(2026, 5, 15))) // "2026-06-15"
 * cellText({ richText: [{ text: "克百" }, { text: "威" }] }) // "克百威"
 *
 * @since 0.1.0
 * @category combinators
 */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "string") return v
  if (typeof v === "number" || typeof v === "boolean") return String(v)
  if (v instanceof Date) {
    const iso = v.toISOString()
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ")
  }
  if (typeof v === "object") {
    const o = v as { richText?: ReadonlyArray<{ text: string }>; result?: unknown; text?: unknown; error?: unknown }
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join("")
    if ("result" in o) return cellText(o.result)
    if (typeof o.text === "string") return o.text
    if (o.error !== undefined) return String(o.error)
  }
  return String(v)
}

/**
 * The rows of a workbook's sheet, or an error row when the file is not a workbook or the sheet
 * does not exist. The workbook is read whole: exceljs's streaming reader splits multi-byte
 * characters at chunk boundaries (exceljs issues #2063, #2084: `番茄` read as `番���`), so it is
 * not used.
 *
 * @example
 * import { xlsxRows } from "@nongan/cli/Xlsx"
 * typeof xlsxRows // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export async function* xlsxRows(
  stream: Readable,
  sheet?: string
): AsyncGenerator<{ readonly row: number; readonly cells: ReadonlyArray<string> } | { readonly row: number; readonly error: NonganError }> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.read(stream)
  } catch (e) {
    yield { row: 0, error: make("io", ["xlsx"], { detail: `not a readable .xlsx workbook (${(e as Error).message.slice(0, 60)})` }) }
    return
  }
  const sheets = wb.worksheets
  const ws = sheet === undefined ? sheets[0] : (sheets.find((w) => w.name === sheet) ?? (/^\d+$/.test(sheet) ? sheets[Number(sheet) - 1] : undefined))
  if (!ws) {
    yield { row: 0, error: make("io", ["--sheet"], { detail: `no sheet ${sheet ?? "1"}; sheets: ${sheets.map((w) => w.name).join(", ")}` }) }
    return
  }
  // rows with no cells are not in the file (findRow gives undefined): they are blank rows
  for (let n = 1; n <= ws.rowCount; n++) {
    const r = ws.findRow(n)
    const values = r && Array.isArray(r.values) ? (r.values as ReadonlyArray<unknown>).slice(1) : []
    yield { row: n, cells: Array.from(values, cellText) }
  }
}
