/**
 * Spreadsheets out: `nongan check --format csv|xlsx` writes one row per analyte (per finding of
 * a report, or one row for a record with none or a malformed one): the record's fields, the
 * input's extra columns passed through, then verdict, outcome, limit, unit, source, verification
 * and referral; XLSX adds a summary sheet.
 *
 * @since 0.1.0
 */
import type { Summary } from "@nongan/core/Verdict"
import type { RecordFailure, RecordReport } from "@nongan/core/Verdict"
import { loadExcel } from "./Xlsx"

/**
 * The columns every output row has, before and after the input's extra columns.
 *
 * @example
 * import { OUTPUT_HEAD, OUTPUT_TAIL } from "@nongan/cli/Output"
 * OUTPUT_HEAD[0] // "id"
 * OUTPUT_TAIL.includes("verdict") // true
 *
 * @since 0.1.0
 * @category models
 */
export const OUTPUT_HEAD = ["id", "kind", "sampledOn", "product", "region", "row"] as const
/** @since 0.1.0 @category models */
export const OUTPUT_TAIL = [
  "verdict", "substance", "measured", "outcome", "severity", "limit", "unit", "source", "clause", "verification", "referral", "layer", "categoryPath", "code", "error"
] as const

/**
 * Quotes a CSV field when needed (RFC 4180), and neutralises a leading `= + - @` that a
 * spreadsheet would run as a formula.
 *
 * @example
 * import { csvCell } from "@nongan/cli/Output"
 * csvCell("a,b") // "\"a,b\""
 * csvCell("=1+1") // "'=1+1"
 *
 * @since 0.1.0
 * @category combinators
 */
export const csvCell = (v: unknown): string => {
  let s = v === undefined || v === null ? "" : String(v)
  if (/^[=+@]/.test(s) || (/^-/.test(s) && !/^-\d/.test(s))) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * One item handed to the sink: what was read (the record, its rows' extra columns and row
 * numbers) and how it was judged.
 *
 * @since 0.1.0
 * @category models
 */
export interface Judged {
  readonly record?: unknown
  /** every input column of each of the record's rows, under its header name (spreadsheets) */
  readonly cells?: ReadonlyArray<Readonly<Record<string, string>>> | undefined
  readonly header?: ReadonlyArray<string> | undefined
  readonly rows?: ReadonlyArray<number> | undefined
  readonly report?: RecordReport
  readonly failure?: RecordFailure
  /** canonical substance id of each input row's substance, when known (to pair rows and findings) */
  readonly substanceOf?: (written: string) => string | undefined
}

/** input columns are kept under their own names, prefixed `input:` when they clash with an output column */
const prefixed = (cells: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(cells).map(([k, v]) => [inputColumn(k), v]))

/**
 * The output name of an input column: its own name, or `input:` + it when an output column has
 * that name.
 *
 * @example
 * import { inputColumn } from "@nongan/cli/Output"
 * inputColumn("检测值") // "检测值"
 * inputColumn("id") // "id"
 * inputColumn("unit") // "input:unit"
 *
 * @since 0.1.0
 * @category combinators
 */
export const inputColumn = (name: string): string =>
  name === "row" || (OUTPUT_TAIL as ReadonlyArray<string>).includes(name) ? `input:${name}` : name

const columnsFor = (header: ReadonlyArray<string> | undefined): ReadonlyArray<string> =>
  header ? [...new Set([...header.filter((h) => h !== "").map(inputColumn), "row", ...OUTPUT_TAIL])] : [...OUTPUT_HEAD, ...OUTPUT_TAIL]

const str = (u: unknown): string | undefined => (typeof u === "string" ? u : typeof u === "number" ? String(u) : undefined)

/**
 * The output rows of one judged record, as objects keyed by column name.
 *
 * @example
 * import { rowsOf } from "@nongan/cli/Output"
 * rowsOf({ report: { id: "A", verdict: "compliant", findings: [] } })[0]!.verdict // "compliant"
 *
 * @since 0.1.0
 * @category combinators
 */
export const rowsOf = (j: Judged): ReadonlyArray<Record<string, string>> => {
  const rec = (typeof j.record === "object" && j.record !== null ? j.record : {}) as Record<string, unknown>
  const results = Array.isArray(rec.results) ? (rec.results as ReadonlyArray<Record<string, unknown>>) : []
  const extras = j.cells ?? []
  const base = (i: number): Record<string, string> => ({
    id: str(j.report?.id ?? rec.id) ?? "",
    kind: str(j.report?.kind ?? rec.kind) ?? "",
    sampledOn: str(rec.sampledOn ?? rec.harvestedOn ?? rec.issuedOn) ?? "",
    product: str(j.report?.product ?? rec.product) ?? "",
    region: str(j.report?.region ?? rec.region) ?? "",
    row: j.rows?.[i] !== undefined ? String(j.rows[i]) : "",
    ...prefixed(extras[i] ?? extras[0] ?? {})
  })
  if (j.failure || !j.report) {
    return (j.rows && j.rows.length > 1 ? j.rows : [j.rows?.[0]]).map((_, i) => ({
      ...base(i),
      verdict: "malformed",
      substance: str(results[i]?.substance) ?? "",
      code: j.failure?.error.code ?? "",
      error: j.failure?.error.message ?? ""
    }))
  }
  const r = j.report
  const findings = r.findings.filter((f) => f.severity !== "info" || f.substance !== undefined)
  if (findings.length === 0) return [{ ...base(0), verdict: r.verdict }]
  // pair each finding with the input row of its substance (the first unused one)
  const used = new Set<number>()
  return findings.map((f) => {
    let i = results.findIndex((x, k) => !used.has(k) && typeof x.substance === "string" && (x.substance === f.substance || j.substanceOf?.(x.substance) === f.substance))
    if (i < 0) i = results.findIndex((x) => typeof x.substance === "string" && (x.substance === f.substance || j.substanceOf?.(x.substance) === f.substance))
    else if (f.code.startsWith("residue.") && !f.code.startsWith("residue.prohibited")) used.add(i)
    const row = base(i < 0 ? 0 : i)
    return {
      ...row,
      ...(i < 0 && results.length > 1 ? { row: (j.rows ?? []).join(" ") } : {}),
      verdict: r.verdict,
      substance: f.substance ?? "",
      measured: str(f.measured) ?? "",
      outcome: f.outcome,
      severity: f.severity,
      limit: str(f.limit) ?? "",
      unit: f.unit ?? "",
      source: f.source ?? "",
      clause: f.citation?.clause ?? "",
      verification: f.verification ?? "",
      referral: f.referral ?? "",
      layer: f.layer ?? "",
      categoryPath: (f.categoryPath ?? []).join(" › "),
      code: f.code,
      error: f.error?.message ?? ""
    }
  })
}

/**
 * Collects judged records and writes them as CSV (streamed, the header from the first record's
 * extra columns) or XLSX (written at the end, with a summary sheet).
 *
 * @since 0.1.0
 * @category models
 */
export interface Sink {
  add(j: Judged): string
  end(summary: Summary, extra: Readonly<Record<string, number>>): Promise<string | Uint8Array>
}

/**
 * A CSV sink: `add` returns the text to write (the header before the first row): the input's
 * columns under their own names (or the record fields, for JSON input), `row`, then the verdict
 * columns.
 *
 * @example
 * import { csvSink } from "@nongan/cli/Output"
 * const s = csvSink()
 * s.add({ report: { id: "A", verdict: "compliant", findings: [] } }).startsWith("id,") // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const csvSink = (): Sink => {
  let columns: ReadonlyArray<string> | undefined
  return {
    add(j) {
      const rows = rowsOf(j)
      let out = ""
      if (!columns) {
        columns = columnsFor(j.header)
        out += `${columns.map(csvCell).join(",")}\n`
      }
      for (const r of rows) out += `${columns.map((c) => csvCell(r[c])).join(",")}\n`
      return out
    },
    end: async () => ""
  }
}

/**
 * An XLSX sink: rows are kept and written at the end as a workbook with a `结果 results` sheet and
 * a `汇总 summary` sheet.
 *
 * @example
 * import { xlsxSink } from "@nongan/cli/Output"
 * typeof xlsxSink().end // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const xlsxSink = (): Sink => {
  const all: Array<Record<string, string>> = []
  let columns: ReadonlyArray<string> | undefined
  return {
    add(j) {
      columns ??= columnsFor(j.header)
      all.push(...rowsOf(j))
      return ""
    },
    async end(summary, extra) {
      // exceljs is loaded when a workbook is first read or written: a `check` of JSON or CSV never pays for it
      const ExcelJS = await loadExcel()
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet("结果 results")
      const cols = columns ?? columnsFor(undefined)
      ws.addRow([...cols])
      for (const r of all) ws.addRow(cols.map((c) => r[c] ?? ""))
      const s = wb.addWorksheet("汇总 summary")
      s.addRow(["field", "value"])
      for (const [k, v] of Object.entries({ ...summary, ...extra })) s.addRow([k, v])
      return new Uint8Array(await wb.xlsx.writeBuffer())
    }
  }
}
