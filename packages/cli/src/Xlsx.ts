/**
 * Excel workbooks (`.xlsx`) read natively and streamed with `exceljs` (MIT): rows of the first
 * sheet, or of the one named or numbered by `--sheet`, as text cells; dates as ISO dates.
 *
 * @since 0.1.0
 */
import type ExcelJSModule from "exceljs"
import type { Readable } from "node:stream"
import { make, type NonganError } from "@nongan/core/NonganError"

let excel: Promise<typeof ExcelJSModule> | undefined
/**
 * exceljs, loaded on first use (once): a `check` of JSON or CSV never pays for loading it.
 *
 * @example
 * import { loadExcel } from "@nongan/cli/Xlsx"
 * typeof loadExcel // "function"
 *
 * @since 0.5.0
 * @category constructors
 */
export const loadExcel = (): Promise<typeof ExcelJSModule> => (excel ??= import("exceljs").then((m) => ((m as { default?: typeof ExcelJSModule }).default ?? m) as typeof ExcelJSModule))

/**
 * The text of one cell value as exceljs gives it: numbers in plain digits ({@link plainNumber}),
 * dates as `YYYY-MM-DD` (UTC, as Excel stores them), rich text joined (in a hyperlink too), a
 * formula by its cached result (or `=` and its text when it was never calculated).
 *
 * @example
 * import { cellText } from "@nongan/cli/Xlsx"
 * cellText(0.062) // "0.062"
 * cellText(new Date(Date.UTC(2026, 5, 15))) // "2026-06-15"
 * cellText({ richText: [{ text: "克百" }, { text: "威" }] }) // "克百威"
 * cellText(5e-7) // "0.0000005"
 *
 * @since 0.1.0
 * @category combinators
 */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "string") return v
  if (typeof v === "number") return plainNumber(v)
  if (typeof v === "boolean") return String(v)
  if (v instanceof Date) {
    const iso = v.toISOString()
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ")
  }
  if (typeof v === "object") {
    const o = v as { richText?: ReadonlyArray<{ text: string }>; result?: unknown; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown }
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join("")
    if ("result" in o && o.result !== undefined) return cellText(o.result)
    // a hyperlink's text may itself be rich text
    if (o.text !== undefined) return cellText(o.text)
    if (o.error !== undefined) return String(o.error)
    // a formula with no cached result (never calculated): its text, which no field reads as a value
    if (typeof o.formula === "string" || typeof o.sharedFormula === "string") return `=${String(o.formula ?? o.sharedFormula)}`
  }
  return String(v)
}

/**
 * A number as the decimal it was written as, never in exponent notation: the shortest digits that
 * round-trip (`0.062`, not `0.062000000000000006`), so `1e-7` is `0.0000001` and `1e21` is
 * `1000000000000000000000`, as a text cell with the same digits would be read.
 *
 * @example
 * import { plainNumber } from "@nongan/cli/Xlsx"
 * plainNumber(0.062) // "0.062"
 * plainNumber(1e-7) // "0.0000001"
 * plainNumber(-2.5e21) // "-2500000000000000000000"
 *
 * @since 0.1.0
 * @category combinators
 */
export const plainNumber = (n: number): string => {
  const s = String(n)
  const e = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s)
  if (!e) return s
  const [, sign, int, frac = "", exp] = e
  const digits = int! + frac
  const point = int!.length + Number(exp)
  const body =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`
  return sign + body
}

/** Whether a sheet has a cell that shows any text. */
const hasText = (ws: { readonly rowCount: number; findRow(n: number): { readonly values: unknown } | undefined }): boolean => {
  for (let n = 1; n <= ws.rowCount; n++) {
    const r = ws.findRow(n)
    const values = r && Array.isArray(r.values) ? (r.values as ReadonlyArray<unknown>).slice(1) : []
    if (values.some((v) => cellText(v).trim() !== "")) return true
  }
  return false
}

/**
 * The rows of a workbook's sheet, each as wide as the sheet (a spreadsheet has no missing
 * cell: the empty ones are empty text), or an error row when the file is not a workbook or the
 * sheet does not exist, or when no sheet is named and the first is empty while another has data
 * (nothing is read silently: the error names the sheets with data). The workbook is read whole: exceljs's streaming reader splits multi-byte
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
  // exceljs is loaded when a workbook is first read or written: a `check` of JSON or CSV never pays for it
  const ExcelJS = await loadExcel()
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
  // the first sheet taken by default is empty while others hold data (a cover sheet, a deleted
  // first tab): nothing would be read, silently; say which sheets have data instead
  if (sheet === undefined && !hasText(ws)) {
    const others = sheets.filter((w) => w !== ws && hasText(w)).map((w) => w.name)
    if (others.length > 0) {
      yield { row: 0, error: make("io", ["--sheet"], { detail: `sheet 1 (${ws.name}) is empty; sheets with data: ${others.join(", ")}; choose one with --sheet` }) }
      return
    }
  }
  // rows with no cells are not in the file (findRow gives undefined): they are blank rows. A
  // spreadsheet has no "missing" cell: every row is as wide as the sheet, its empty cells empty.
  const rows: Array<ReadonlyArray<string>> = []
  let width = 0
  for (let n = 1; n <= ws.rowCount; n++) {
    const r = ws.findRow(n)
    const values = r && Array.isArray(r.values) ? (r.values as ReadonlyArray<unknown>).slice(1) : []
    const cells = Array.from(values, cellText)
    width = Math.max(width, cells.length)
    rows.push(cells)
  }
  for (const [i, cells] of rows.entries()) yield { row: i + 1, cells: cells.length < width ? [...cells, ...new Array<string>(width - cells.length).fill("")] : cells }
}
