import { SingleBar } from "cli-progress"
import type { Locale } from "@nongan/core/Messages"
import { emptySummary, type Summary, tally } from "@nongan/core/Verdict"
import type { Validator } from "@nongan/sdk/Validator"
import { toJson } from "@nongan/core/Messages"
import { make } from "@nongan/core/NonganError"
import { type InputFormat, type InputItem, type ReadStats, readInputs } from "./Input"
import type { Sink } from "./Output"
import { blockedFor } from "./OwnPacks"
import type { Encoding } from "./Text"
import { explain } from "@nongan/sdk/Explain"
import { englishNames, failureLines, reportLines, summaryLine, withNames } from "./Render"

/**
 * Options of the `check` command.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckOptions {
  readonly file: string
  /** several inputs, judged in order (default `[file]`) */
  readonly files?: ReadonlyArray<string> | undefined
  readonly inputFormat?: InputFormat | undefined
  readonly encoding?: Encoding | undefined
  readonly sheet?: string | undefined
  readonly format: "table" | "jsonl" | "json" | "explain" | "csv" | "xlsx"
  /** answer each record as soon as it is read (no buffering) */
  readonly line?: boolean | undefined
  /** the CSV or XLSX writer of `--format csv|xlsx` */
  readonly sink?: Sink | undefined
  readonly stats?: ReadStats | undefined
  /** jurisdictions whose packs did not load: their records are errors (`pack-unavailable`) */
  readonly blocked?: ReadonlyArray<string> | undefined
  readonly onOpenError?: ((file: string, code: string) => void) | undefined
  /** limits on one record of JSON input (`--max-line`, `--max-analytes`) */
  readonly limits?: import("./Input").Limits | undefined
  /** standard input, for `-` (default `process.stdin`) */
  readonly stdin?: import("node:stream").Readable | undefined
  readonly locale: Locale
  readonly region?: string | undefined
  readonly progress: boolean
  readonly out: { write(s: string): boolean; once(ev: "drain", f: () => void): unknown }
  readonly err: NodeJS.WritableStream & { isTTY?: boolean }
}

/** Redraws of the progress bar are at most this often (it is never awaited: records never wait for it). */
const PROGRESS_EVERY_MS = 100

/**
 * The progress bar on standard error (cli-progress): updated at most every
 * {@link PROGRESS_EVERY_MS}, never awaited, and stopped once (`stop` may be called again).
 */
const progressBar = (err: CheckOptions["err"], size: number | undefined) => {
  const bar = new SingleBar({
    stream: err,
    format: size !== undefined ? "{bar} {percentage}% | {records} records" : "{records} records",
    noTTYOutput: true,
    notTTYSchedule: 5000,
    hideCursor: false,
    clearOnComplete: false
  })
  bar.start(size ?? 0, 0, { records: 0 })
  let last = Date.now()
  let stopped = false
  return {
    tick: (value: number, records: number, force = false): void => {
      const now = Date.now()
      if (stopped || (!force && now - last < PROGRESS_EVERY_MS)) return
      last = now
      bar.update(value, { records })
    },
    stop: (): void => {
      if (stopped) return
      stopped = true
      bar.stop()
    }
  }
}

const regionOf = (r: unknown): string | undefined => {
  const g = typeof r === "object" && r !== null ? (r as { region?: unknown }).region : undefined
  return typeof g === "string" ? g : undefined
}

/**
 * Runs `nongan check`: reads records, validates each (a malformed record is reported and the batch
 * goes on), prints reports and a summary, and returns the summary (exit status 0 when every
 * record was read, 1 when any was malformed).
 *
 * @example
 * import { runCheck } from "@nongan/cli/Check"
 * typeof runCheck // "function"
 *
 * @since 0.1.0
 * @category rules
 */
export const runCheck = async (validator: Validator, o: CheckOptions): Promise<Summary> => {
  const input = readInputs({ files: o.files ?? [o.file], inputFormat: o.inputFormat, encoding: o.encoding, sheet: o.sheet, stats: o.stats, onOpenError: o.onOpenError, stdin: o.stdin, limits: o.limits })
  const size = input.size
  const summary = emptySummary()
  let buffer: Array<string> = []
  const flush = async () => {
    if (buffer.length === 0) return
    const text = buffer.join("")
    buffer = []
    if (!o.out.write(text)) await new Promise<void>((r) => o.out.once("drain", r))
  }
  const showProgress = o.progress && (size === undefined ? o.err.isTTY === true : size > 1_000_000)
  const bar = showProgress ? progressBar(o.err, size) : undefined
  let first = true
  const seen = new Map<string, unknown>()
  if (o.format === "json") buffer.push(`{"reports":[`)
  let current: InputItem | undefined
  const named = o.locale === "en" && (o.format === "table" || o.format === "explain") ? englishNames(validator.dataset) : undefined
  const emit = (obj: unknown, lines: () => ReadonlyArray<string>) => {
    if (o.sink) {
      const failed = typeof obj === "object" && obj !== null && "error" in obj
      buffer.push(o.sink.add({ record: current && "record" in current ? current.record : undefined, cells: current?.cells, header: current?.header, rows: current?.rows, ...(failed ? { failure: obj as never } : { report: obj as never }) }))
    } else if (o.format === "jsonl") buffer.push(`${JSON.stringify(obj)}\n`)
    else if (o.format === "json") {
      buffer.push(`${first ? "\n" : ",\n"}${JSON.stringify(obj)}`)
      first = false
    } else buffer.push(`${lines().join("\n")}\n`)
  }
  try {
    for await (const item of input.items) {
      current = item
      const blocked =
        "record" in item && o.blocked && o.blocked.length > 0
          ? blockedFor(o.blocked, o.region ?? regionOf(item.record))
          : undefined
      if (blocked !== undefined) {
        tally(summary, "malformed")
        const rid = "record" in item ? (item.record as { id?: unknown } | null)?.id : undefined
        const failure = { id: typeof rid === "string" ? rid : null, error: toJson(make("pack-unavailable", ["region"], { value: blocked }), o.locale) }
        emit(failure, () => failureLines(failure, o.locale))
      } else if ("error" in item) {
        tally(summary, "malformed")
        const failure = { id: item.id, error: toJson(item.error, o.locale) }
        emit(failure, () => failureLines(failure, o.locale))
      } else {
        const rec =
          o.region !== undefined && typeof item.record === "object" && item.record !== null && !Array.isArray(item.record)
            ? { ...(item.record as object), region: o.region }
            : item.record
        const v = validator.validate(rec, (id) => seen.get(id))
        // a certificate may name its evidence by id: records earlier in the input are found
        const rid = (item.record as { id?: unknown } | null)?.id
        if (typeof rid === "string" && !seen.has(rid)) seen.set(rid, rec)
        if (v.ok) {
          tally(summary, v.report)
          emit(v.report, () => {
            // `--lang en`: English catalogue names in the table and the explanation only
            const shown = named ? withNames(v.report, named) : v.report
            return o.format === "explain" ? [...explain(shown, o.locale), ""] : reportLines(shown, o.locale)
          })
        } else {
          tally(summary, "malformed")
          emit(v.failure, () => failureLines(v.failure, o.locale))
        }
      }
      if (buffer.length >= (o.line ? 1 : 512)) await flush()
      bar?.tick(size !== undefined ? Math.min(size, input.bytesRead()) : summary.records, summary.records)
    }
    if (o.format === "json") buffer.push(`\n],"summary":${JSON.stringify(summary)}}\n`)
    if (o.format === "table" || o.format === "explain") buffer.push(`\n${summaryLine(summary, o.locale)}\n`)
    await flush()
    bar?.tick(size ?? summary.records, summary.records, true)
  } finally {
    // stopped whatever happens: a bar left running (its redraw timer) would keep the process open
    bar?.stop()
  }
  if (o.format !== "table" && o.format !== "explain") o.err.write(`${summaryLine(summary, o.locale)}\n`)
  return summary
}
