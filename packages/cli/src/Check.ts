import type { Locale } from "@nongan/core/Messages"
import { emptySummary, type Summary } from "@nongan/core/Verdict"
import type { Validator } from "@nongan/sdk/Validator"
import { evidenceStore } from "./CheckEvidence"
import { heapBound } from "./HeapBound"
import { autoJobs } from "./CheckJobs"
import { canRunParallel, type ParallelHooks, runParallel } from "./CheckParallel"
import { progressBar, showProgress } from "./CheckProgress"
import { addTally, type CheckFormat, judgeItem, namesFor, type RecordContext, renderJudgement, tallyCode } from "./CheckRecord"
import { readUnits, type Unit } from "./CheckSource"
import { itemOf, type ValidatorRecipe } from "./CheckWorker"
import type { InputFormat, ReadStats } from "./Input"
import type { Sink } from "./Output"
import type { Encoding } from "./Text"
import { summaryLine } from "./Render"

/**
 * The in-process path writes its output when this many characters (or 512 records, or with
 * `--line` each record) are buffered: 512 reports of `--format jsonl` are about 1 MB, joined into
 * one string and copied into one buffer per write; writes of at most about 64 Ki characters keep
 * those short-lived and small (the peak of 100 000 records measured a few MB lower). The bytes
 * written are the same.
 *
 * @example
 * import { FLUSH_CHARS } from "@nongan/cli/Check"
 * FLUSH_CHARS // 65536
 *
 * @since 0.5.0
 * @category models
 */
export const FLUSH_CHARS = 64 * 1024

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
  readonly format: CheckFormat
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
  /**
   * `--jobs`: worker threads judging the records (`1`: in-process, the default when no
   * `recipe` is given; `auto` or undefined: {@link autoJobs}). The output is the same bytes.
   */
  readonly jobs?: number | "auto" | undefined
  /** how workers build the same validator (the pack files and options it was built with) */
  readonly recipe?: ValidatorRecipe | undefined
  /** for tests: the workers' code, chunk size, waits (see `CheckParallel`) */
  readonly parallel?: ParallelHooks | undefined
}

/**
 * The number of worker threads a run uses (1: in-process): `jobs` when given, else the
 * automatic choice for the input's size; 1 without a `recipe` (the workers could not build the
 * same validator) or when the worker's code is not found.
 *
 * @example
 * import { jobsFor } from "@nongan/cli/Check"
 * jobsFor({ jobs: 3 }, 100) // 1 (no recipe)
 *
 * @since 0.2.0
 * @category rules
 */
export const jobsFor = (o: Pick<CheckOptions, "jobs" | "recipe" | "line" | "parallel">, size: number | undefined): number => {
  if (o.recipe === undefined || o.jobs === 1) return 1
  const n = o.jobs === undefined || o.jobs === "auto" ? autoJobs({ size, line: o.line === true }) : o.jobs
  return n > 1 && canRunParallel(o.parallel) ? n : 1
}

/**
 * Runs `nongan check`: reads records, validates each (a malformed record is reported and the batch
 * goes on), prints reports and a summary, and returns the summary (exit status 0 when every
 * record was read, 1 when any was malformed). With `jobs` over 1 (and a `recipe`), worker
 * threads judge the records (`CheckParallel`); the output is the same bytes in the same order.
 *
 * @example
 * import { runCheck } from "@nongan/cli/Check"
 * typeof runCheck // "function"
 *
 * @since 0.1.0
 * @category rules
 */
export const runCheck = async (validator: Validator, o: CheckOptions): Promise<Summary> => {
  const input = readUnits({ files: o.files ?? [o.file], inputFormat: o.inputFormat, encoding: o.encoding, sheet: o.sheet, stats: o.stats, onOpenError: o.onOpenError, stdin: o.stdin, limits: o.limits })
  const size = input.size
  const jobs = jobsFor(o, size)
  if (jobs > 1 && o.recipe !== undefined) {
    // nothing was read yet: the generator of readUnits is dropped unopened
    return runParallel(validator, o, jobs, o.recipe, (o.jobs === undefined || o.jobs === "auto") && size === undefined, o.parallel)
  }
  const summary = emptySummary()
  let buffer: Array<string> = []
  let chars = 0
  const flush = async () => {
    if (buffer.length === 0) return
    const text = buffer.join("")
    buffer = []
    chars = 0
    if (!o.out.write(text)) await new Promise<void>((r) => o.out.once("drain", r))
  }
  const bar = showProgress(o, size) ? progressBar(o.err, size) : undefined
  let first = true
  // a certificate may name its evidence by id: records earlier in the input are found (the most
  // recent 100 000 ids, as validateMany), kept as their JSON lines' bytes (CheckEvidence)
  const limits = o.limits ?? {}
  const seen = evidenceStore({ limits, region: o.region })
  // (the garbage between two full collections bounded: HeapBound)
  const heap = heapBound()
  if (o.format === "json") buffer.push(`{"reports":[`)
  const ctx: RecordContext = { validator, format: o.format, locale: o.locale, region: o.region, blocked: o.blocked, named: namesFor(validator, o.format, o.locale) }
  try {
    for await (const u of input.units as AsyncIterable<Unit>) {
      const item = itemOf(u, limits)
      const j = judgeItem(ctx, item, seen.lookup)
      if (j.evidence) seen.remember(j.evidence.id, u)
      addTally(summary, tallyCode(j))
      heap.count(1)
      const text = renderJudgement(ctx, item, j, o.sink, first)
      buffer.push(text)
      chars += text.length
      first = false
      if (o.line || buffer.length >= 512 || chars >= FLUSH_CHARS) await flush()
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
