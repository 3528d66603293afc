/**
 * A worker of `nongan check --jobs N`: builds the same validator as the main thread (the same
 * pack files and options, {@link ValidatorRecipe}), then judges chunks of input — reading the JSON
 * lines, validating, rendering (JSON, CSV rows, table or explanation text) — and answers with the
 * chunk's text, each record's verdict code and the ids to remember as evidence. A record whose
 * judgement asked for an earlier record (a certificate naming its evidence) is not answered here:
 * it is marked `deferred`, and the main thread judges it with the records before it.
 *
 * @since 0.2.0
 */
import type { Locale } from "@nongan/core/Messages"
import type { ValidatorOptions } from "@nongan/sdk/Validator"
import { lineItem } from "./CheckLines"
import { heapBound } from "./HeapBound"
import { type CheckFormat, headlessCsvSink, judgeItem, namesFor, type RecordContext, renderJudgement, tallyCode } from "./CheckRecord"
import type { Unit } from "./CheckSource"
import type { InputItem, Limits } from "./Input"
import { validatorWithPacks } from "./OwnPacks"
import { serveTasks } from "./Pool"

/**
 * How a worker builds the validator of the main thread: the pack files (as `packSources` found
 * them) and the options given to `validatorWithPacks`.
 *
 * @since 0.2.0
 * @category models
 */
export interface ValidatorRecipe {
  readonly packFiles: ReadonlyArray<string>
  readonly options: Pick<ValidatorOptions, "decisionRule" | "locale" | "bundledPacks" | "rulesDir">
}

/**
 * What every worker is started with.
 *
 * @since 0.2.0
 * @category models
 */
export interface WorkerSetup {
  readonly recipe: ValidatorRecipe
  readonly format: CheckFormat
  readonly locale: Locale
  readonly region?: string | undefined
  readonly blocked?: ReadonlyArray<string> | undefined
  readonly limits?: Limits | undefined
}

/**
 * One chunk of input: its units in order, whether its first unit is the first record of the
 * whole input (the JSON array's first element), and the first record's spreadsheet header (the
 * CSV columns of the whole output).
 *
 * @since 0.2.0
 * @category models
 */
export interface ChunkTask {
  readonly first: boolean
  readonly header: ReadonlyArray<string> | undefined
  readonly units: ReadonlyArray<Unit>
}

/**
 * The answer for a chunk: the text of its records, in UTF-8 (encoded here, and transferred, not
 * copied: the main thread only writes the bytes), split at the deferred ones (`segments` has one
 * more element than `deferred`), a verdict code per record (`tallyCode`), the id each record is
 * remembered under as evidence (or null), and for `--format xlsx` what the sink needs.
 *
 * @since 0.2.0
 * @category models
 */
export interface ChunkResult {
  readonly segments: ReadonlyArray<Uint8Array>
  readonly deferred: ReadonlyArray<number>
  readonly tallies: ReadonlyArray<number>
  readonly ids: ReadonlyArray<string | null>
  readonly judged?: ReadonlyArray<{ readonly record: unknown; readonly obj: unknown; readonly failed: boolean } | null>
}

/**
 * The item a unit stands for (a JSON line is read here).
 *
 * @example
 * import { itemOf } from "@nongan/cli/CheckWorker"
 * itemOf({ line: '{"id":"a"}', n: 3 }, {}) // { record: { id: "a" }, rows: [3] }
 *
 * @since 0.2.0
 * @category combinators
 */
export const itemOf = (u: Unit, limits: Limits): InputItem => ("line" in u ? lineItem(u.line, u.n, limits) : u.item)

/**
 * Judges one chunk in the context of a worker (no earlier records at hand: a record that asks for
 * one is deferred to the main thread).
 *
 * @example
 * import { judgeChunk } from "@nongan/cli/CheckWorker"
 * typeof judgeChunk // "function"
 *
 * @since 0.2.0
 * @category rules
 */
export const judgeChunk = (ctx: RecordContext, limits: Limits, task: ChunkTask): ChunkResult => {
  const sink = ctx.format === "csv" ? headlessCsvSink(task.header) : undefined
  const utf8 = new TextEncoder()
  const segments: Array<Uint8Array> = []
  const deferred: Array<number> = []
  const tallies: Array<number> = []
  const ids: Array<string | null> = []
  const judged: Array<{ record: unknown; obj: unknown; failed: boolean } | null> = []
  let text = ""
  for (const [k, u] of task.units.entries()) {
    const item = itemOf(u, limits)
    let asked = false
    const j = judgeItem(ctx, item, () => {
      asked = true
      return undefined
    })
    if (asked) {
      // judged again on the main thread, with the records before it
      segments.push(utf8.encode(text))
      text = ""
      deferred.push(k)
      tallies.push(0)
      ids.push(null)
      judged.push(null)
      continue
    }
    tallies.push(tallyCode(j))
    ids.push(j.evidence?.id ?? null)
    if (ctx.format === "xlsx") judged.push({ record: "line" in u && "record" in item ? item.record : undefined, obj: j.obj, failed: j.failed })
    else text += renderJudgement(ctx, item, j, sink, task.first && k === 0)
  }
  segments.push(utf8.encode(text))
  return { segments, deferred, tallies, ids, ...(ctx.format === "xlsx" ? { judged } : {}) }
}

const workerHeap = heapBound()

/**
 * Starts answering chunks: the worker's entry (`bundle/nongan.mjs` calls it when started as a
 * worker; from the sources and `dist`, a small loader imports this module and calls it).
 *
 * @example
 * import { startCheckWorker } from "@nongan/cli/CheckWorker"
 * typeof startCheckWorker // "function" (does nothing outside a worker)
 *
 * @since 0.2.0
 * @category constructors
 */
export const startCheckWorker = (): void =>
  serveTasks<{ ctx: RecordContext; limits: Limits }, ChunkTask, ChunkResult>(
    (data) => {
      const setup = (data as { setup: WorkerSetup }).setup
      const built = validatorWithPacks(setup.recipe.packFiles, setup.recipe.options)
      if (!built.ok) return { ok: false, detail: built.errors.map((e) => `${e.code} ${e.path.join(".")}`).join("; ").slice(0, 400) }
      const validator = built.value.validator
      return {
        ok: true,
        value: {
          ctx: { validator, format: setup.format, locale: setup.locale, region: setup.region, blocked: setup.blocked, named: namesFor(validator, setup.format, setup.locale) },
          limits: setup.limits ?? {}
        }
      }
    },
    (s, task) => {
      const r = judgeChunk(s.ctx, s.limits, task)
      // (each worker's heap bounded as the in-process path's: HeapBound)
      workerHeap.count(task.units.length)
      return r
    },
    (r) => r.segments.map((b) => b.buffer as ArrayBuffer)
  )
