/**
 * `nongan check --jobs N`: the main thread splits the input into chunks (JSON lines, or the
 * items of JSON, CSV and XLSX input), workers judge and render them, and the main thread writes
 * their text in input order. At most `2 × N` chunks are in flight: input is read only as fast as
 * output is written (the answers of later chunks wait for the first, and writing waits for
 * `drain`), so memory does not grow with the input. A record whose judgement asks for an earlier
 * record (a certificate naming its evidence by id) is judged again on the main thread, in order,
 * against the same window of earlier records as `--jobs 1`. A failed worker — or one that does not
 * answer a chunk within its wait (`CheckTimeout`) — fails the batch with a `PoolError` (reported
 * on standard error, in the locale), never a hang or a dropped record.
 *
 * @since 0.2.0
 */
import { heapBound } from "./HeapBound"
import { Writable } from "node:stream"
import { emptySummary, type Summary } from "@nongan/core/Verdict"
import type { Validator } from "@nongan/sdk/Validator"
import type { CheckOptions } from "./Check"
import { evidenceStore } from "./CheckEvidence"
import { AUTO_MIN_RECORDS } from "./CheckJobs"
import { chunkTimeoutMs } from "./CheckTimeout"
import { addTally, csvHeaderLine, headlessCsvSink, judgedFor, judgeItem, namesFor, type RecordContext, renderJudgement, tallyCode } from "./CheckRecord"
import { readUnits, type Unit } from "./CheckSource"
import { WORKER_MARK, workerTarget } from "./CheckTarget"
import { type ChunkResult, type ChunkTask, itemOf, type ValidatorRecipe, type WorkerSetup } from "./CheckWorker"
import { createPool, type Pool, PoolError, poolErrorMessage, type PoolTarget } from "./Pool"
import { progressBar, showProgress } from "./CheckProgress"
import { summaryLine } from "./Render"

/**
 * A chunk holds at most this many records, or {@link CHUNK_CHARS} characters of JSON lines.
 *
 * @example
 * import { CHUNK_RECORDS } from "@nongan/cli/CheckParallel"
 * CHUNK_RECORDS // 256
 *
 * @since 0.2.0
 * @category models
 */
export const CHUNK_RECORDS = 256

/**
 * The most characters of JSON lines in one chunk.
 *
 * @example
 * import { CHUNK_CHARS } from "@nongan/cli/CheckParallel"
 * CHUNK_CHARS // 1048576
 *
 * @since 0.2.0
 * @category models
 */
export const CHUNK_CHARS = 1 << 20

/**
 * How the parallel run goes, for tests: the pool's workers (default: this build's
 * `CheckWorker`), chunk size, the wait for a chunk's answer (default `chunkTimeoutMs`), a callback
 * when the pool starts, and one each time the main thread waits with the most
 * chunks in flight (`inFlight`) or for standard output to drain, with the records read so far.
 *
 * @since 0.2.0
 * @category models
 */
export interface ParallelHooks {
  readonly target?: PoolTarget | undefined
  readonly chunkRecords?: number | undefined
  /** milliseconds a worker may take to answer a chunk (default: `chunkTimeoutMs` of its size) */
  readonly timeoutMs?: number | undefined
  /** the pool was started, with this many workers */
  readonly onStart?: ((jobs: number) => void) | undefined
  readonly onWait?: ((s: { readonly reason: "in-flight" | "drain"; readonly inFlight: number; readonly unitsRead: number; readonly recordsWritten: number }) => void) | undefined
}

/**
 * Whether a parallel run is possible here: the worker's code is found (see `CheckTarget`).
 *
 * @example
 * import { canRunParallel } from "@nongan/cli/CheckParallel"
 * typeof canRunParallel() // "boolean"
 *
 * @since 0.2.0
 * @category predicates
 */
export const canRunParallel = (hooks?: ParallelHooks): boolean => (hooks?.target ?? workerTarget()) !== undefined

const STALL = Symbol("stall")
const stall = () => new Promise<typeof STALL>((r) => setImmediate(() => r(STALL)))

/**
 * Runs `check` with `jobs` workers (`auto`: for standard input, in-process when it ends within
 * {@link AUTO_MIN_RECORDS} records). Same output, summary and side effects as the in-process path.
 *
 * @example
 * import { runParallel } from "@nongan/cli/CheckParallel"
 * typeof runParallel // "function"
 *
 * @since 0.2.0
 * @category rules
 */
export const runParallel = async (validator: Validator, o: CheckOptions, jobs: number, recipe: ValidatorRecipe, auto: boolean, hooks: ParallelHooks = {}): Promise<Summary> => {
  const src = readUnits({ files: o.files ?? [o.file], inputFormat: o.inputFormat, encoding: o.encoding, sheet: o.sheet, stats: o.stats, onOpenError: o.onOpenError, stdin: o.stdin, limits: o.limits })
  const size = src.size
  const limits = o.limits ?? {}
  const summary = emptySummary()
  const ctx: RecordContext = { validator, format: o.format, locale: o.locale, region: o.region, blocked: o.blocked, named: namesFor(validator, o.format, o.locale) }
  const bar = showProgress(o, size) ? progressBar(o.err, size) : undefined
  // records a later certificate may name: a JSON line's bytes, read again when asked for (CheckEvidence)
  const window = evidenceStore({ limits, region: o.region })
  const lookup = window.lookup
  let header: ReadonlyArray<string> | undefined
  let written = 0
  let unitsRead = 0
  const chunkRecords = hooks.chunkRecords ?? CHUNK_RECORDS
  // bytes as the workers encoded them (UTF-8) go to a stream as they are; a writer of text (`-o FILE`
  // collects strings) is given text
  const bytesOk = o.out instanceof Writable
  const write = async (text: string | Uint8Array) => {
    if (text.length === 0) return
    const chunk = typeof text === "string" || bytesOk ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString("utf8")
    if (!o.out.write(chunk as string)) {
      hooks.onWait?.({ reason: "drain", inFlight: inflight.length, unitsRead, recordsWritten: written })
      await new Promise<void>((r) => o.out.once("drain", r))
    }
  }
  // the main thread's own judgement: of deferred records, and of a small standard input
  const sink = o.format === "csv" ? undefined : o.format === "xlsx" ? o.sink : undefined
  let csvRows: ReturnType<typeof headlessCsvSink> | undefined
  const here = (u: Unit, first: boolean): string => {
    const item = itemOf(u, limits)
    const j = judgeItem(ctx, item, lookup)
    addTally(summary, tallyCode(j))
    if (j.evidence) window.remember(j.evidence.id, u)
    if (o.format === "csv") {
      csvRows ??= headlessCsvSink(header)
      return renderJudgement(ctx, item, j, csvRows, first)
    }
    return renderJudgement(ctx, item, j, sink, first)
  }
  const lead = (): string => (written === 0 && o.format === "csv" ? csvHeaderLine(header) : "")
  // the main thread's heap (lines read, answers written) bounded as the in-process path's: HeapBound
  const heap = heapBound()
  const emit = async (units: ReadonlyArray<Unit>, res: ChunkResult | undefined) => {
    heap.count(units.length)
    const parts: Array<string | Uint8Array> = [lead()]
    let d = 0
    for (const [k, u] of units.entries()) {
      const global0 = written === 0
      if (res === undefined || res.deferred[d] === k) {
        if (res !== undefined) parts.push(res.segments[d++]!)
        parts.push(here(u, global0))
      } else {
        addTally(summary, res.tallies[k]!)
        const id = res.ids[k]
        if (id !== null && id !== undefined) window.remember(id, u)
        const x = res.judged?.[k]
        if (x && sink) sink.add(judgedFor("item" in u ? u.item : { record: x.record, rows: [u.n] }, { obj: x.obj as never, failed: x.failed }))
      }
      written++
    }
    if (res !== undefined) parts.push(res.segments[d]!)
    const some = parts.filter((p) => p.length > 0)
    await write(some.length === 1 ? some[0]! : some.every((p) => typeof p === "string") ? some.join("") : Buffer.concat(some.map((p) => (typeof p === "string" ? Buffer.from(p) : p))))
    bar?.tick(size !== undefined ? Math.min(size, src.bytesRead()) : summary.records, summary.records)
  }

  const it = src.units[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<Unit>> | undefined
  let ended = false
  const nextChunk = async (max: number): Promise<Array<Unit> | undefined> => {
    const units: Array<Unit> = []
    let chars = 0
    while (!ended && units.length < max && chars < CHUNK_CHARS) {
      pending ??= it.next()
      // answering each line as soon as it is read (--line): a chunk goes when the input pauses
      if (o.line && units.length > 0 && (await Promise.race([pending, stall()])) === STALL) break
      const r = await pending
      pending = undefined
      if (r.done) ended = true
      else {
        units.push(r.value)
        unitsRead++
        if ("line" in r.value) chars += r.value.line.length
        if (unitsRead === 1) header = "item" in r.value ? r.value.item.header : undefined
      }
    }
    return units.length > 0 ? units : undefined
  }

  let pool: Pool<ChunkTask, ChunkResult> | undefined
  const inflight: Array<{ units: ReadonlyArray<Unit>; answer: Promise<ChunkResult> }> = []
  try {
    if (o.format === "json") await write(`{"reports":[`)
    // standard input of unknown length: in-process unless it holds enough records to repay the workers
    const early: Array<Array<Unit>> = []
    if (auto) {
      let n = 0
      while (n < AUTO_MIN_RECORDS) {
        const c = await nextChunk(chunkRecords)
        if (!c) break
        early.push(c)
        n += c.length
      }
    }
    if (auto && ended) for (const c of early) await emit(c, undefined)
    else {
      const target = hooks.target ?? workerTarget()
      if (!target) throw new PoolError("worker-init", 0, "the worker's code was not found")
      const setup: WorkerSetup = { recipe, format: o.format, locale: o.locale, region: o.region, blocked: o.blocked, limits: o.limits }
      pool = createPool<ChunkTask, ChunkResult>(target, jobs, { [WORKER_MARK]: true, setup })
      hooks.onStart?.(jobs)
      const cap = jobs * 2
      let first = true
      const send = (units: ReadonlyArray<Unit>) => {
        let chars = 0
        for (const u of units) if ("line" in u) chars += u.line.length
        const timeoutMs = hooks.timeoutMs ?? chunkTimeoutMs({ records: units.length, chars, jobs })
        const answer = pool!.run({ first, header, units }, { timeoutMs })
        // a failure is awaited in order below; never an unhandled rejection meanwhile
        answer.catch(() => undefined)
        first = false
        inflight.push({ units, answer })
      }
      for (const c of early) send(c)
      for (;;) {
        while (inflight.length < cap) {
          const c = await nextChunk(chunkRecords)
          if (!c) break
          send(c)
        }
        const head = inflight.shift()
        if (!head) break
        if (inflight.length + 1 >= cap) hooks.onWait?.({ reason: "in-flight", inFlight: inflight.length + 1, unitsRead, recordsWritten: written })
        await emit(head.units, await head.answer)
      }
    }
    let tail = ""
    if (o.format === "json") tail += `\n],"summary":${JSON.stringify(summary)}}\n`
    if (o.format === "table" || o.format === "explain") tail += `\n${summaryLine(summary, o.locale)}\n`
    await write(tail)
    bar?.tick(size ?? summary.records, summary.records, true)
  } catch (e) {
    if (e instanceof PoolError) o.err.write(`${poolErrorMessage(e, o.locale)}\n`)
    throw e
  } finally {
    bar?.stop()
    await pool?.close()
    // the reader is closed (files) without waiting for it: an open standard input may never answer
    if (!ended) void it.return?.(undefined)?.catch(() => undefined)
  }
  if (o.format !== "table" && o.format !== "explain") o.err.write(`${summaryLine(summary, o.locale)}\n`)
  return summary
}
