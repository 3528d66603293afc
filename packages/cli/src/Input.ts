import { parse as parseCsv } from "csv-parse"
import { createReadStream, statSync } from "node:fs"
import { createInterface } from "node:readline"
import type { Readable } from "node:stream"
import { make, type NonganError } from "@nongan/core/NonganError"

/**
 * Input formats `nongan check` reads.
 *
 * @since 0.1.0
 * @category models
 */
export type InputFormat = "jsonl" | "json" | "csv"

/**
 * One item read from the input: a record (still unvalidated) or an error that makes that record
 * malformed (a line that is not JSON, a CSV row that cannot be read).
 *
 * @since 0.1.0
 * @category models
 */
export type InputItem = { readonly record: unknown } | { readonly error: NonganError; readonly id: string | null }

/**
 * Column names accepted in CSV input (one row per analyte, grouped by record id), with the
 * Chinese headers laboratories commonly use.
 *
 * @example
 * import { CSV_COLUMNS } from "@nongan/cli/Input"
 * CSV_COLUMNS["检测项目"] // "substance"
 *
 * @since 0.1.0
 * @category models
 */
export const CSV_COLUMNS: Readonly<Record<string, string>> = {
  id: "id", kind: "kind", sampledOn: "sampledOn", product: "product", region: "region", method: "method",
  state: "state", substance: "substance", value: "value", unit: "unit", lod: "lod", loq: "loq", uncertainty: "uncertainty",
  样品编号: "id", 编号: "id", 抽样日期: "sampledOn", 产品名称: "product", 样品名称: "product", 产品: "product",
  区划代码: "region", 检测方法: "method", 检测项目: "substance", 检测值: "value", 检测结果: "value", 单位: "unit",
  // use records (one row per record)
  crop: "crop", pesticide: "pesticide", registrationNo: "registrationNo", appliedOn: "appliedOn", harvestedOn: "harvestedOn",
  species: "species", drug: "drug", lastDoseOn: "lastDoseOn", lastDoseAt: "lastDoseAt", endAt: "endAt",
  slaughteredOn: "slaughteredOn", milkedOn: "milkedOn", eggsCollectedOn: "eggsCollectedOn",
  作物: "crop", 农药: "pesticide", 登记证号: "registrationNo", 施药日期: "appliedOn", 采收日期: "harvestedOn",
  动物种类: "species", 兽药: "drug", 末次用药日期: "lastDoseOn", 屠宰日期: "slaughteredOn"
}

const USE_FIELDS = [
  "id", "kind", "region", "state", "product", "crop", "pesticide", "registrationNo", "appliedOn", "harvestedOn",
  "species", "drug", "lastDoseOn", "lastDoseAt", "endAt", "slaughteredOn", "milkedOn", "eggsCollectedOn"
] as const

const RECORD_FIELDS = ["id", "kind", "sampledOn", "product", "region", "method", "state"] as const
const RESULT_FIELDS = ["substance", "value", "unit", "lod", "loq", "uncertainty"] as const

/**
 * Detects the format from a file name, or from the first non-blank character of the content.
 *
 * @example
 * import { detectFormat } from "@nongan/cli/Input"
 * detectFormat("records.csv", "") // "csv"
 * detectFormat("-", "[{") // "json"
 *
 * @since 0.1.0
 * @category combinators
 */
export const detectFormat = (name: string, head: string): InputFormat => {
  if (/\.csv$/i.test(name)) return "csv"
  if (/\.(jsonl|ndjson)$/i.test(name)) return "jsonl"
  if (/\.json$/i.test(name)) return "json"
  const c = head.trimStart()[0]
  return c === "[" ? "json" : c === "{" ? "jsonl" : "csv"
}

async function* jsonLines(stream: Readable): AsyncGenerator<InputItem> {
  let n = 0
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    n++
    if (line.trim() === "") continue
    try {
      yield { record: JSON.parse(line) }
    } catch {
      const m = /"id"\s*:\s*"([^"]*)"/.exec(line)
      yield { error: make("invalid-json", ["line", n]), id: m?.[1] ?? null }
    }
  }
}

async function* jsonArray(stream: Readable): AsyncGenerator<InputItem> {
  let text = ""
  for await (const chunk of stream) text += String(chunk)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    yield { error: make("invalid-json", [], { detail: (e as Error).message.slice(0, 80) }), id: null }
    return
  }
  for (const r of Array.isArray(parsed) ? parsed : [parsed]) yield { record: r }
}

/**
 * Thrown only for usage errors in a CSV header (unknown columns), which the CLI turns into exit
 * status 2.
 *
 * @since 0.1.0
 * @category errors
 */
export class CsvHeaderError extends Error {
  readonly unknown: ReadonlyArray<string>
  constructor(unknown: ReadonlyArray<string>) {
    super(`unknown CSV columns: ${unknown.join(", ")}`)
    this.unknown = unknown
  }
}

async function* csvRecords(stream: Readable): AsyncGenerator<InputItem> {
  const parser = stream.pipe(parseCsv({ columns: (h: Array<string>) => {
    const unknown = h.filter((c) => !(c.trim() in CSV_COLUMNS))
    if (unknown.length > 0) throw new CsvHeaderError(unknown)
    return h.map((c) => CSV_COLUMNS[c.trim()]!)
  }, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }))
  // group rows by record id, in order of first appearance
  const groups = new Map<string, Record<string, unknown>>()
  const errors: Array<InputItem> = []
  let row = 1
  try {
    for await (const r of parser as AsyncIterable<Record<string, string>>) {
      row++
      if (r.kind === "pesticide-application" || r.kind === "veterinary-treatment") {
        // a use record is one row: copy its non-empty fields
        const rec: Record<string, unknown> = {}
        for (const f of USE_FIELDS) if (r[f] !== undefined && r[f] !== "") rec[f] = r[f]
        const bad = Object.keys(r).filter((k) => r[k] !== "" && !(USE_FIELDS as ReadonlyArray<string>).includes(k))
        if (bad.length > 0) errors.push({ error: make("unexpected-field", ["row", row, bad[0]!]), id: r.id ?? null })
        else yield { record: rec }
        continue
      }
      const id = r.id ?? ""
      let rec = groups.get(id)
      if (!rec) {
        rec = { results: [] as Array<unknown> }
        for (const f of RECORD_FIELDS) if (r[f] !== undefined && r[f] !== "") rec[f] = r[f]
        if (rec.kind === undefined) rec.kind = "inspection"
        groups.set(id, rec)
      } else {
        for (const f of RECORD_FIELDS)
          if (r[f] !== undefined && r[f] !== "" && f !== "kind" && rec[f] !== r[f])
            errors.push({ error: make("invalid-value", ["row", row, f], { detail: "differs from the first row of this record" }), id })
      }
      const result: Record<string, string> = {}
      for (const f of RESULT_FIELDS) if (r[f] !== undefined && r[f] !== "") result[f] = r[f]
      ;(rec.results as Array<unknown>).push(result)
    }
  } catch (e) {
    if (e instanceof CsvHeaderError) throw e
    yield { error: make("invalid-csv", ["row", row + 1], { detail: (e as { code?: string }).code ?? "parse" }), id: null }
  }
  const bad = new Set(errors.map((e) => ("id" in e ? e.id : null)))
  yield* errors
  for (const [id, rec] of groups) if (!bad.has(id)) yield { record: rec }
}

/**
 * Reads records from a stream in the given format, lazily (JSON Lines and CSV are streamed).
 *
 * @example
 * import { readRecords } from "@nongan/cli/Input"
 * import { Readable } from "node:stream"
 * const items = readRecords(Readable.from(['{"id":"a"}\n']), "jsonl")
 *
 * @since 0.1.0
 * @category constructors
 */
export const readRecords = (stream: Readable, format: InputFormat): AsyncGenerator<InputItem> =>
  format === "jsonl" ? jsonLines(stream) : format === "json" ? jsonArray(stream) : csvRecords(stream)

/**
 * Opens a file (or standard input for `-`) and detects its format, returning the stream, the
 * format and its size in bytes when known (for progress).
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
  forced?: InputFormat
): Promise<{ stream: Readable; format: InputFormat; size: number | undefined }> => {
  if (file === "-") {
    const stdin = process.stdin
    if (forced) return { stream: stdin, format: forced, size: undefined }
    // peek the first chunk to detect the format, then put it back
    const first: Buffer | null = await new Promise((resolve) => {
      const onReadable = () => {
        stdin.off("end", onEnd)
        resolve(stdin.read() as Buffer | null)
      }
      const onEnd = () => {
        stdin.off("readable", onReadable)
        resolve(null)
      }
      stdin.once("readable", onReadable)
      stdin.once("end", onEnd)
    })
    if (first) stdin.unshift(first)
    return { stream: stdin, format: detectFormat("-", first ? first.toString("utf8", 0, 64) : ""), size: undefined }
  }
  const size = statSync(file).size
  const stream = createReadStream(file, { encoding: "utf8" })
  if (forced) return { stream, format: forced, size }
  const head = /\.(csv|jsonl|ndjson|json)$/i.test(file) ? "" : await peek(file)
  return { stream, format: detectFormat(file, head), size }
}

const peek = async (file: string): Promise<string> => {
  for await (const chunk of createReadStream(file, { encoding: "utf8", start: 0, end: 63 })) return String(chunk)
  return ""
}
