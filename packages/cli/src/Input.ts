import { parseJsonLossless } from "@nongan/core/Json"
import { createReadStream, openSync, readSync, closeSync, statSync } from "node:fs"
import { createInterface } from "node:readline"
import type { Readable } from "node:stream"
import { make, type NonganError } from "@nongan/core/NonganError"
import { CERTIFICATE_CSV_COLUMNS, fromCsvRow, isCertificateRow } from "@nongan/certificates/Csv"
import { decodeText, type Encoding } from "./Text"
import { csvRows } from "./CsvRows"
import { xlsxRows } from "./Xlsx"

/**
 * Input formats `nongan check` reads.
 *
 * @since 0.1.0
 * @category models
 */
export type InputFormat = "jsonl" | "json" | "csv" | "xlsx"

/**
 * One item read from the input: a record (still unvalidated), with the spreadsheet columns that
 * are not record fields (one object per row of the record, passed through to the output), or an
 * error that makes that record (or row) malformed, with the row or line number. From a
 * spreadsheet, `cells` holds every column of each of the record's rows under its header name
 * (record fields and extra columns alike), to be passed through to the output.
 *
 * @since 0.1.0
 * @category models
 */
export type InputItem =
  | { readonly record: unknown; readonly rows?: ReadonlyArray<number>; readonly cells?: ReadonlyArray<Readonly<Record<string, string>>>; readonly header?: ReadonlyArray<string> }
  | {
      readonly error: NonganError
      readonly id: string | null
      readonly rows?: ReadonlyArray<number>
      readonly cells?: ReadonlyArray<Readonly<Record<string, string>>>
      readonly header?: ReadonlyArray<string>
    }

/**
 * Counts kept while reading a spreadsheet: data rows read and blank rows skipped.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReadStats {
  rows: number
  blank: number
}

/**
 * Column names accepted in CSV and XLSX input (one row per analyte, grouped by record id), in
 * English and in the Chinese laboratories use. Any other column is kept and passed through.
 *
 * @example
 * import { CSV_COLUMNS } from "@nongan/cli/Input"
 * CSV_COLUMNS["检测项目"] // "substance"
 * CSV_COLUMNS["检出限"] // "lod"
 *
 * @since 0.1.0
 * @category models
 */
export const CSV_COLUMNS: Readonly<Record<string, string>> = {
  id: "id", kind: "kind", sampledOn: "sampledOn", product: "product", region: "region", method: "method",
  state: "state", substance: "substance", value: "value", unit: "unit", lod: "lod", loq: "loq", uncertainty: "uncertainty",
  样品编号: "id", 编号: "id", 抽样编号: "id", 记录编号: "id", 记录类型: "kind", 类型: "kind",
  抽样日期: "sampledOn", 采样日期: "sampledOn", 产品名称: "product", 样品名称: "product", 产品: "product", 食品名称: "product",
  区划代码: "region", 行政区划代码: "region", 地区代码: "region", 检测方法: "method", 方法: "method", 生理状态: "state", 状态: "state",
  检测项目: "substance", 项目: "substance", 检测值: "value", 检测结果: "value", 结果: "value", 单位: "unit", 计量单位: "unit",
  检出限: "lod", 定量限: "loq", 不确定度: "uncertainty", 测量不确定度: "uncertainty",
  // use records (one row per record)
  crop: "crop", pesticide: "pesticide", registrationNo: "registrationNo", appliedOn: "appliedOn", harvestedOn: "harvestedOn",
  species: "species", drug: "drug", lastDoseOn: "lastDoseOn", lastDoseAt: "lastDoseAt", endAt: "endAt",
  slaughteredOn: "slaughteredOn", milkedOn: "milkedOn", eggsCollectedOn: "eggsCollectedOn",
  作物: "crop", 农药: "pesticide", 农药名称: "pesticide", 登记证号: "registrationNo", 施药日期: "appliedOn", 采收日期: "harvestedOn",
  动物种类: "species", 兽药: "drug", 兽药名称: "drug", 末次用药日期: "lastDoseOn", 末次用药时间: "lastDoseAt", 休药期结束时间: "endAt",
  屠宰日期: "slaughteredOn", 挤奶日期: "milkedOn", 集蛋日期: "eggsCollectedOn",
  // certificates (one row per certificate; @nongan/certificates/Csv)
  ...CERTIFICATE_CSV_COLUMNS
}

const USE_FIELDS = [
  "id", "kind", "region", "state", "product", "crop", "pesticide", "registrationNo", "appliedOn", "harvestedOn",
  "species", "drug", "lastDoseOn", "lastDoseAt", "endAt", "slaughteredOn", "milkedOn", "eggsCollectedOn"
] as const

const RECORD_FIELDS = ["id", "kind", "sampledOn", "product", "region", "method", "state"] as const
const RESULT_FIELDS = ["substance", "value", "unit", "lod", "loq", "uncertainty"] as const
const DATE_FIELDS = new Set(["sampledOn", "appliedOn", "harvestedOn", "lastDoseOn", "slaughteredOn", "milkedOn", "eggsCollectedOn", "issuedOn", "producedOn"])

/**
 * Reads the date forms spreadsheets produce as ISO dates: `2026/6/15`, `2026.6.15`,
 * `2026年6月15日`, and Excel serial day numbers (`46188`, 1900 date system); anything else is
 * returned unchanged (so that the decoder reports it).
 *
 * @example
 * import { spreadsheetDate } from "@nongan/cli/Input"
 * spreadsheetDate("2026/6/15") // "2026-06-15"
 * spreadsheetDate("46188") // "2026-06-15"
 * spreadsheetDate("2026-06-15") // "2026-06-15"
 *
 * @since 0.1.0
 * @category combinators
 */
export const spreadsheetDate = (s: string): string => {
  const m = /^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?$/.exec(s)
  if (m) return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`
  if (/^\d{5}$/.test(s)) {
    const n = Number(s)
    // 1900-03-01 … 2199-12-31 (Excel's day 60 is its fictitious 1900-02-29)
    if (n > 60 && n < 109574) return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10)
  }
  return s
}

/**
 * Detects the format from a file name, or from the first bytes of the content.
 *
 * @example
 * import { detectFormat } from "@nongan/cli/Input"
 * detectFormat("records.csv", "") // "csv"
 * detectFormat("records.xlsx", "") // "xlsx"
 * detectFormat("-", "[{") // "json"
 *
 * @since 0.1.0
 * @category combinators
 */
export const detectFormat = (name: string, head: string): InputFormat => {
  if (/\.csv$/i.test(name)) return "csv"
  if (/\.xlsx$/i.test(name)) return "xlsx"
  if (/\.(jsonl|ndjson)$/i.test(name)) return "jsonl"
  if (/\.json$/i.test(name)) return "json"
  if (head.startsWith("PK\u0003\u0004")) return "xlsx"
  const c = head.replace(/^\uFEFF/, "").trimStart()[0]
  return c === "[" ? "json" : c === "{" ? "jsonl" : "csv"
}

/**
 * Limits on one record of JSON input: longer lines and records with more analytes are errors of
 * that record (the stream goes on). `--max-line` and `--max-analytes` change them.
 *
 * @example
 * import { LIMITS } from "@nongan/cli/Input"
 * LIMITS.maxAnalytes // 10000
 *
 * @since 0.1.0
 * @category models
 */
export const LIMITS = { maxLine: 4 * 1024 * 1024, maxAnalytes: 10_000 } as const

/**
 * Options of the JSON readers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  readonly maxLine?: number | undefined
  readonly maxAnalytes?: number | undefined
}

const tooMany = (record: unknown, max: number): number | undefined => {
  const r = typeof record === "object" && record !== null ? (record as { results?: unknown }).results : undefined
  return Array.isArray(r) && r.length > max ? r.length : undefined
}

const idIn = (text: string): string | null => /"id"\s*:\s*"([^"]{0,200})"/.exec(text.slice(0, 4096))?.[1] ?? null

async function* jsonLines(stream: Readable, limits: Limits = {}): AsyncGenerator<InputItem> {
  const maxLine = limits.maxLine ?? LIMITS.maxLine
  const maxAnalytes = limits.maxAnalytes ?? LIMITS.maxAnalytes
  let n = 0
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    n++
    if (line.trim() === "") continue
    if (line.length > maxLine) {
      yield { error: make("invalid-json", ["line", n], { detail: `line of ${line.length} characters, over --max-line ${maxLine}` }), id: idIn(line), rows: [n] }
      continue
    }
    // numbers a double cannot hold exactly come back as their digits (core/Json), never rounded
    const read = parseJsonLossless(line)
    if (!read.ok) {
      yield { error: make("invalid-json", ["line", n]), id: idIn(line), rows: [n] }
      continue
    }
    const record: unknown = read.value
    const many = tooMany(record, maxAnalytes)
    if (many !== undefined) yield { error: make("invalid-value", ["line", n, "results"], { detail: `${many} analytes, over --max-analytes ${maxAnalytes}` }), id: idIn(line), rows: [n] }
    else yield { record, rows: [n] }
  }
}

async function* jsonArray(stream: Readable, limits: Limits = {}): AsyncGenerator<InputItem> {
  const maxAnalytes = limits.maxAnalytes ?? LIMITS.maxAnalytes
  let text = ""
  for await (const chunk of stream) text += String(chunk)
  let parsed: unknown
  try {
    const read = parseJsonLossless(text)
    parsed = read.ok ? read.value : JSON.parse(text)
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)
    yield { error: make("invalid-json", at ? ["offset", Number(at[1])] : [], { detail: at ? `offset ${at[1]}` : "syntax" }), id: null }
    return
  }
  for (const [i, r] of (Array.isArray(parsed) ? parsed : [parsed]).entries()) {
    const many = tooMany(r, maxAnalytes)
    if (many !== undefined) {
      const id = (r as { id?: unknown }).id
      yield { error: make("invalid-value", [i, "results"], { detail: `${many} analytes, over --max-analytes ${maxAnalytes}` }), id: typeof id === "string" ? id : null }
    } else yield { record: r }
  }
}

/**
 * A spreadsheet row before mapping: its 1-based row number and its cells as text.
 *
 * @since 0.1.0
 * @category models
 */
export interface SheetRow {
  readonly row: number
  readonly cells: ReadonlyArray<string>
}

/** A CSV row the parser could not read (broken quoting, …). */
interface SheetError {
  readonly row: number
  readonly error: NonganError
}

/**
 * Groups spreadsheet rows into records: the first non-blank row is the header (Chinese or
 * English names, {@link CSV_COLUMNS}; any other column is kept as an extra, a duplicate header is
 * an error of every row, so is an unreadable header), blank rows are skipped and counted, a row
 * with missing or extra cells, or a non-empty cell under no column name, is an error with its row
 * number, rows with the same id are one inspection (a row whose kind or record fields differ from
 * the first is an error of that row), rows with no id are one record each, use records and
 * certificates are one row each (another row with their id is an error), and a record of more
 * rows than `maxAnalytes` (`--max-analytes`) is an error of all its rows. Every row read is in
 * exactly one item: the rows of the items add up to `stats.rows`.
 *
 * @example
 * import { rowsToRecords } from "@nongan/cli/Input"
 * typeof rowsToRecords // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export async function* rowsToRecords(
  rows: AsyncIterable<SheetRow | SheetError>,
  stats: ReadStats = { rows: 0, blank: 0 },
  maxAnalytes: number = LIMITS.maxAnalytes
): AsyncGenerator<InputItem> {
  let header: ReadonlyArray<string> | undefined
  let fields: ReadonlyArray<string | undefined> = []
  let duplicate: string | undefined
  // the first row could not be read: there is no header to read the other rows by
  let noHeader: number | undefined
  let width = 0
  type Group = { rec: Record<string, unknown>; cells: Array<Record<string, string>>; rows: Array<number>; use: boolean }
  const groups = new Map<string, Group>()
  const order: Array<Group | InputItem> = []
  const fail = (row: number, error: NonganError, id: string | null, cells?: Record<string, string>) =>
    order.push({ error, id, rows: [row], ...(cells ? { cells: [cells] } : {}), ...(header ? { header } : {}) })
  for await (const r of rows) {
    if ("error" in r) {
      stats.rows++
      fail(r.row, r.error, null)
      if (header === undefined && r.row > 0) noHeader ??= r.row
      continue
    }
    const cells = r.cells.map((c) => c.trim())
    if (cells.every((c) => c === "")) {
      if (header !== undefined || noHeader !== undefined) stats.blank++
      continue
    }
    if (noHeader !== undefined) {
      stats.rows++
      fail(r.row, make("invalid-csv", ["row", r.row], { detail: `the header (row ${noHeader}) could not be read` }), null)
      continue
    }
    if (header === undefined) {
      // a trailing empty header column is allowed (Excel exports often have one)
      let h = cells.map((c) => c.replace(/^\uFEFF/, ""))
      while (h.length > 0 && h[h.length - 1] === "") h = h.slice(0, -1)
      header = h
      width = r.cells.length
      fields = h.map((c) => CSV_COLUMNS[c])
      const seen = new Map<string, string>()
      for (const [i, c] of h.entries()) {
        const key = fields[i] ?? c
        if (c === "") continue
        if (seen.has(key)) duplicate ??= seen.get(key) === c ? c : `${seen.get(key)} / ${c}`
        seen.set(key, c)
      }
      continue
    }
    stats.rows++
    if (duplicate !== undefined) {
      fail(r.row, make("invalid-csv", ["row", r.row], { detail: `duplicate column ${duplicate}` }), null)
      continue
    }
    // a cell with no column name (past the header, or under an empty header cell) is never dropped
    const unnamed = cells.findIndex((c, i) => c !== "" && (header![i] ?? "") === "")
    if (cells.length < header.length || unnamed >= 0) {
      const all: Record<string, string> = {}
      for (const [i, name] of header.entries()) if (name !== "") all[name] = cells[i] ?? ""
      const detail =
        cells.length < header.length || unnamed >= Math.max(width, header.length)
          ? `${cells.length} cells, header has ${header.length}`
          : `cell ${unnamed + 1} has no column name`
      fail(r.row, make("invalid-csv", ["row", r.row], { detail }), cells[fields.indexOf("id")] || null, all)
      continue
    }
    const row: Record<string, string> = {}
    const extras: Record<string, string> = {}
    for (const [i, name] of header.entries()) {
      const f = fields[i]
      const v = cells[i] ?? ""
      if (name !== "") extras[name] = v
      if (f !== undefined && v !== "") row[f] = DATE_FIELDS.has(f) ? spreadsheetDate(v) : v
    }
    const id = row.id
    if (isCertificateRow(row)) {
      // one row per certificate: an id another record has is an error, never a second record
      if (id !== undefined && groups.has(id)) fail(r.row, make("invalid-value", ["row", r.row, "id"], { detail: `another record has this id (row ${groups.get(id)!.rows[0]})` }), id, extras)
      else {
        if (id !== undefined) groups.set(id, { rec: {}, cells: [], rows: [r.row], use: true })
        order.push({ record: fromCsvRow(row), cells: [extras], rows: [r.row], header })
      }
      continue
    }
    const use = row.kind === "pesticide-application" || row.kind === "veterinary-treatment"
    if (use) {
      const rec: Record<string, unknown> = {}
      for (const f of USE_FIELDS) if (row[f] !== undefined) rec[f] = row[f]
      const bad = Object.keys(row).filter((k) => !(USE_FIELDS as ReadonlyArray<string>).includes(k))
      if (bad.length > 0) fail(r.row, make("unexpected-field", ["row", r.row, bad[0]!]), id ?? null, extras)
      else if (id !== undefined && groups.has(id)) fail(r.row, make("invalid-value", ["row", r.row, "id"], { detail: `another record has this id (row ${groups.get(id)!.rows[0]})` }), id, extras)
      else {
        const g = { rec, cells: [extras], rows: [r.row], use: true }
        if (id !== undefined) groups.set(id, g)
        order.push(g)
      }
      continue
    }
    const result: Record<string, string> = {}
    for (const f of RESULT_FIELDS) if (row[f] !== undefined) result[f] = row[f]
    const g = id === undefined ? undefined : groups.get(id)
    if (g) {
      // the same id, kind and sample: any record field written differently is a conflict, never a merge
      const conflict = g.use ? "kind" : RECORD_FIELDS.find((f) => row[f] !== undefined && g.rec[f] !== row[f])
      if (conflict !== undefined) {
        fail(r.row, make("invalid-value", ["row", r.row, conflict], { detail: `differs from row ${g.rows[0]} of this record` }), id ?? null, extras)
        continue
      }
      ;(g.rec.results as Array<unknown>).push(result)
      g.cells.push(extras)
      g.rows.push(r.row)
      continue
    }
    const rec: Record<string, unknown> = {}
    for (const f of RECORD_FIELDS) if (row[f] !== undefined) rec[f] = row[f]
    rec.kind ??= "inspection"
    rec.results = [result]
    const ng = { rec, cells: [extras], rows: [r.row], use: false }
    if (id !== undefined) groups.set(id, ng)
    order.push(ng)
  }
  for (const x of order) {
    if (!("rec" in x)) yield x
    else if (x.rows.length > maxAnalytes) {
      // as for JSON input: a record over --max-analytes is an error of that record (all its rows)
      const id = typeof x.rec.id === "string" ? x.rec.id : null
      yield { error: make("invalid-value", ["row", x.rows[0]!, "results"], { detail: `${x.rows.length} analytes, over --max-analytes ${maxAnalytes}` }), id, rows: x.rows, cells: x.cells, ...(header ? { header } : {}) }
    } else yield { record: x.rec, cells: x.cells, rows: x.rows, ...(header ? { header } : {}) }
  }
}

/**
 * Reads records from a text stream (JSON Lines, JSON, CSV) or, for XLSX, from the file's rows,
 * lazily (JSON Lines is answered line by line).
 *
 * @example
 * import { readRecords } from "@nongan/cli/Input"
 * import { Readable } from "node:stream"
 * const items = readRecords(Readable.from(['{"id":"a"}\n']), "jsonl")
 *
 * @since 0.1.0
 * @category constructors
 */
export const readRecords = (
  stream: Readable,
  format: InputFormat,
  stats?: ReadStats,
  sheet?: string,
  limits?: Limits
): AsyncGenerator<InputItem> =>
  format === "jsonl"
    ? jsonLines(stream, limits)
    : format === "json"
      ? jsonArray(stream, limits)
      : format === "xlsx"
        ? rowsToRecords(xlsxRows(stream, sheet), stats, limits?.maxAnalytes)
        : rowsToRecords(csvRows(stream, limits?.maxLine ?? LIMITS.maxLine), stats, limits?.maxAnalytes)

// JSON is UTF-8 (RFC 8259): no sniffing, so that a line is decoded as soon as it arrives
const textEncoding = (format: InputFormat, encoding: Encoding): Encoding => (encoding === "auto" && (format === "jsonl" || format === "json") ? "utf-8" : encoding)

const headOf = (file: string): Buffer => {
  const fd = openSync(file, "r")
  try {
    const b = Buffer.alloc(64)
    const n = readSync(fd, b, 0, 64, 0)
    return b.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/** Whether the first bytes of standard input tell its format (the workbook magic, a BOM, a first character). */
const decisive = (head: Buffer): boolean => {
  if (head.length >= 64) return true
  const l = head.toString("latin1")
  if (ZIP.startsWith(l)) return false
  if (l.startsWith(ZIP)) return true
  const bom = head[0] === 0xef
  if (bom && head.length < 3) return false
  return (bom ? l.slice(3) : l).trimStart().length > 0
}
const ZIP = "PK\u0003\u0004"

/**
 * Opens a file (or standard input for `-`), detects its format and returns a text stream (bytes
 * for XLSX) through the one streaming decoder, with its size in bytes when known (for progress).
 * Throws the file system's error (`ENOENT`, …) for the caller to report.
 *
 * @example
 * import { open } from "@nongan/cli/Input"
 * typeof open // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = async (
  file: string,
  forced?: InputFormat,
  encoding: Encoding = "auto",
  stdin: Readable = process.stdin
): Promise<{ stream: Readable; format: InputFormat; size: number | undefined }> => {
  if (file === "-") {
    let format = forced
    let source: AsyncIterable<Uint8Array> = stdin
    if (!format) {
      const it = stdin[Symbol.asyncIterator]()
      // enough of the first bytes to tell the format, however the input arrives (a first chunk of
      // one byte cannot tell a workbook), and no more: a co-process's first short line is answered
      const firsts: Array<Buffer> = []
      let ended = false
      while (!decisive(Buffer.concat(firsts))) {
        const n = await it.next()
        if (n.done) {
          ended = true
          break
        }
        const b = typeof n.value === "string" ? Buffer.from(n.value, "utf8") : Buffer.from(n.value as Uint8Array)
        firsts.push(b)
      }
      const head = Buffer.concat(firsts)
      format = detectFormat("-", head.toString("latin1", 0, 64).startsWith("PK\u0003\u0004") ? "PK\u0003\u0004" : head.subarray(0, 64).toString("utf8"))
      source = (async function* () {
        if (head.length > 0) yield head
        if (ended) return
        for (;;) {
          const n = await it.next()
          if (n.done) return
          yield n.value as Uint8Array
        }
      })()
    }
    const { Readable: R } = await import("node:stream")
    return { stream: format === "xlsx" ? R.from(source) : decodeText(source, textEncoding(format, encoding)), format, size: undefined }
  }
  const st = statSync(file)
  if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: "EISDIR" })
  const size = st.size
  const format = forced ?? detectFormat(file, /\.(csv|xlsx|jsonl|ndjson|json)$/i.test(file) ? "" : headOf(file).toString("latin1"))
  const raw = createReadStream(file)
  if (format === "xlsx") return { stream: raw, format, size }
  const stream = decodeText(raw, textEncoding(format, encoding))
  Object.defineProperty(stream, "bytesRead", { get: () => raw.bytesRead })
  return { stream, format, size }
}

/**
 * Options for {@link readInputs}.
 *
 * @since 0.1.0
 * @category models
 */
export interface InputOptions {
  readonly files: ReadonlyArray<string>
  readonly inputFormat?: InputFormat | undefined
  readonly encoding?: Encoding | undefined
  readonly sheet?: string | undefined
  readonly stats?: ReadStats | undefined
  /** a file that cannot be opened (ENOENT, EISDIR, …): reported, and the next file is read */
  readonly onOpenError?: ((file: string, code: string) => void) | undefined
  readonly stdin?: Readable | undefined
  readonly limits?: Limits | undefined
}

/**
 * The bytes of the input files together, or `undefined` when standard input (`-`) is one of them
 * (its size is not known); a file that cannot be read counts 0 here (it is reported when opened).
 *
 * @example
 * import { inputSize } from "@nongan/cli/Input"
 * inputSize(["-"]) // undefined
 * inputSize(["/no/such/file.jsonl"]) // 0
 *
 * @since 0.5.0
 * @category combinators
 */
export const inputSize = (files: ReadonlyArray<string>): number | undefined => {
  let size: number | undefined = 0
  for (const f of files) {
    if (f === "-") size = undefined
    else if (size !== undefined)
      try {
        size += statSync(f).size
      } catch {
        // reported when opened
      }
  }
  return size
}

/**
 * Reads several inputs in order as one stream of items (each file through {@link open}); the
 * total size of the files (for progress) and how many bytes were read so far.
 *
 * @example
 * import { readInputs } from "@nongan/cli/Input"
 * const r = readInputs({ files: ["/no/such/file.csv"], onOpenError: () => {} })
 * typeof r.bytesRead() // "number"
 *
 * @since 0.1.0
 * @category constructors
 */
export const readInputs = (o: InputOptions): { readonly items: AsyncGenerator<InputItem>; readonly size: number | undefined; readonly bytesRead: () => number } => {
  const r = readFiles(o, (opened) => readRecords(opened.stream, opened.format, o.stats, o.sheet, o.limits))
  return { items: r.read, size: r.size, bytesRead: r.bytesRead }
}

/**
 * What `nongan check`'s readers share: each input file opened in turn (`open`), read by `each`
 * and counted; a file that cannot be opened, or fails in the middle (EIO, …), is reported through
 * `onOpenError` (thrown without it) and the next file is read. `size` is {@link inputSize};
 * `bytesRead` counts the bytes read so far, for progress.
 *
 * @example
 * import { readFiles } from "@nongan/cli/Input"
 * const r = readFiles({ files: ["/no/such/file.jsonl"], onOpenError: () => {} }, async function* () {})
 * typeof r.bytesRead() // "number"
 *
 * @since 0.5.0
 * @category constructors
 */
export const readFiles = <A>(
  o: InputOptions,
  each: (opened: Awaited<ReturnType<typeof open>>) => AsyncIterable<A>
): { readonly read: AsyncGenerator<A>; readonly size: number | undefined; readonly bytesRead: () => number } => {
  let done = 0
  let current: Readable | undefined
  async function* read(): AsyncGenerator<A> {
    for (const file of o.files) {
      let opened
      try {
        opened = await open(file, o.inputFormat, o.encoding ?? "auto", o.stdin)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "read"
        if (o.onOpenError) o.onOpenError(file, code)
        else throw e
        continue
      }
      current = opened.stream
      try {
        yield* each(opened)
      } catch (e) {
        // a read error in the middle of a file (EIO, …): reported, and the next file is read
        const code = (e as NodeJS.ErrnoException).code ?? "read"
        if (o.onOpenError) o.onOpenError(file, code)
        else throw e
      }
      done += opened.size ?? 0
      current = undefined
    }
  }
  return { read: read(), size: inputSize(o.files), bytesRead: () => done + ((current as { bytesRead?: number } | undefined)?.bytesRead ?? 0) }
}
