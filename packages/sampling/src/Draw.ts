import { type CalendarDate, CalendarDate as CalendarDateSchema, daysBetween } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { canonicalJson, contentHash } from "@nongan/engine/Hash"
import { Schema } from "effect"
import { createHash } from "node:crypto"
import { uniformInt } from "pure-rand/distribution/uniformInt"
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus"

/**
 * The name and version of the draw algorithm. `nongan-draw/1`: the pool sorted by id and hashed
 * (sha-256 of its canonical JSON), the same for the roster; the generator's 128-bit state is the
 * first 16 bytes of sha-256(`nongan-draw/1`, seed, pool hash, roster hash); subjects are drawn by
 * a partial Fisher–Yates shuffle over the eligible pool (tasks first, then the replacements, in
 * order), then for each drawn subject, in that order, its inspectors by a partial Fisher–Yates
 * shuffle over the roster less the inspectors it must avoid (回避).
 *
 * @example
 * import { ALGORITHM } from "@nongan/sampling/Draw"
 * ALGORITHM // "nongan-draw/1"
 *
 * @since 0.1.0
 * @category models
 */
export const ALGORITHM = "nongan-draw/1"

/**
 * The seeded generator: xoroshiro128+ and the uniform integer distribution of `pure-rand`
 * (the generator fast-check uses), at the version the draw was made with.
 *
 * @example
 * import { GENERATOR } from "@nongan/sampling/Draw"
 * GENERATOR.startsWith("pure-rand@") // true
 *
 * @since 0.1.0
 * @category models
 */
export const GENERATOR = "pure-rand@8.4.2 xoroshiro128plusFromState + uniformInt"

/**
 * A subject of the registry (名录库): a unique id, the unit it belongs to (for 回避), declared
 * relations (inspector ids it may not be inspected by), the day it was last drawn, and whether
 * it is drawn on risk grounds (then the no-repeat window does not exclude it).
 *
 * @example
 * import { Schema } from "effect"
 * import { Subject } from "@nongan/sampling/Draw"
 * Schema.decodeUnknownSync(Subject)({ id: "91500234MA5U000001", unit: "汉丰街道", lastDrawnOn: "2026-03-01" })
 *
 * @since 0.1.0
 * @category models
 */
export const Subject = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  name: Schema.optional(Schema.String),
  unit: Schema.optional(Schema.String),
  relations: Schema.optional(Schema.Array(Schema.String)),
  lastDrawnOn: Schema.optional(CalendarDateSchema),
  riskBased: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "Subject" })
/** @since 0.1.0 @category models */
export type Subject = typeof Subject.Type

/**
 * An inspector of the roster (执法人员名录库): a unique id, the unit they belong to (they may not
 * inspect subjects of that unit), and declared relations (subject ids or units they must avoid).
 *
 * @example
 * import { Schema } from "effect"
 * import { Inspector } from "@nongan/sampling/Draw"
 * Schema.decodeUnknownSync(Inspector)({ id: "ZF-001", unit: "汉丰街道", relations: ["91500234MA5U000002"] })
 *
 * @since 0.1.0
 * @category models
 */
export const Inspector = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  name: Schema.optional(Schema.String),
  unit: Schema.optional(Schema.String),
  relations: Schema.optional(Schema.Array(Schema.String))
}).annotations({ identifier: "Inspector" })
/** @since 0.1.0 @category models */
export type Inspector = typeof Inspector.Type

/**
 * What to draw: the algorithm, the seed (given, or the public value it is derived from, stated in
 * `seedSource`), the day of the draw, the number of tasks and of replacements, inspectors per
 * task (at least 2: 监测管理办法 art. 21), and the no-repeat window in days.
 *
 * @example
 * import { Schema } from "effect"
 * import { DrawSpec } from "@nongan/sampling/Draw"
 * Schema.decodeUnknownSync(DrawSpec)({ algorithm: "nongan-draw/1", seed: "2026-12-01 双色球 03 09 14 21 27 30 + 08",
 *   drawnOn: "2026-12-02", tasks: 20, replacements: 5, inspectorsPerTask: 2, windowDays: 365 })
 *
 * @since 0.1.0
 * @category models
 */
export const DrawSpec = Schema.Struct({
  algorithm: Schema.Literal(ALGORITHM),
  seed: Schema.String.pipe(Schema.minLength(1)),
  seedSource: Schema.optional(Schema.String),
  drawnOn: CalendarDateSchema,
  tasks: Schema.Int.pipe(Schema.nonNegative()),
  replacements: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { default: () => 0 }),
  inspectorsPerTask: Schema.optionalWith(Schema.Int.pipe(Schema.greaterThanOrEqualTo(2)), { default: () => 2 }),
  windowDays: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { default: () => 0 })
}).annotations({ identifier: "DrawSpec" })
/** @since 0.1.0 @category models */
export type DrawSpec = typeof DrawSpec.Type

/**
 * One drawn subject with its inspectors; `short` when fewer inspectors than required could be
 * assigned without breaking 回避 (the task then needs a wider roster, never a waived rule).
 *
 * @since 0.1.0
 * @category models
 */
export interface Drawn {
  readonly order: number
  readonly subject: string
  readonly inspectors: ReadonlyArray<string>
  readonly avoided: number
  readonly short?: true
}

/**
 * A published draw: everything needed to check it, and its result.
 *
 * @since 0.1.0
 * @category models
 */
export interface Draw {
  readonly algorithm: typeof ALGORITHM
  readonly generator: string
  readonly seed: string
  readonly seedSource?: string | undefined
  readonly drawnOn: string
  readonly pool: { readonly size: number; readonly sha256: string; readonly eligible: number }
  readonly roster: { readonly size: number; readonly sha256: string }
  readonly excluded: ReadonlyArray<{ readonly subject: string; readonly reason: "drawn-within-window"; readonly lastDrawnOn: string }>
  readonly tasks: ReadonlyArray<Drawn>
  readonly replacements: ReadonlyArray<Drawn>
  /** tasks that could not be drawn because the eligible pool is smaller than the tasks asked for */
  readonly unfilled: number
  /** sha-256 of the canonical JSON of every other field */
  readonly sha256: string
}

const byId = <A extends { readonly id: string }>(xs: ReadonlyArray<A>): Array<A> => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const duplicates = (xs: ReadonlyArray<{ readonly id: string }>, what: string): ReadonlyArray<NonganError> => {
  const out: Array<NonganError> = []
  for (let i = 1; i < xs.length; i++) if (xs[i]!.id === xs[i - 1]!.id) out.push(make("invalid-value", [what, xs[i]!.id], { detail: `duplicate id \`${xs[i]!.id}\`` }))
  return out
}

/**
 * The sha-256 of a pool or roster: of the canonical JSON of its entries sorted by id, so the
 * order of a file does not matter and any change to an entry changes the hash.
 *
 * @example
 * import { poolHash } from "@nongan/sampling/Draw"
 * poolHash([{ id: "b" }, { id: "a" }]) === poolHash([{ id: "a" }, { id: "b" }]) // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const poolHash = (entries: ReadonlyArray<{ readonly id: string }>): string => hashSorted(byId(entries))

const KNOWN = new Set(["id", "lastDrawnOn", "name", "relations", "riskBased", "unit"])
const str = JSON.stringify
/** canonicalJson of a subject or inspector, fast when it holds only the known fields (same output) */
const canonicalEntry = (e: Record<string, unknown>): string => {
  for (const k in e) if (!KNOWN.has(k)) return canonicalJson(e)
  // keys in code-unit order: id, lastDrawnOn, name, relations, riskBased, unit
  let s = `{"id":${str(e.id)}`
  if (e.lastDrawnOn !== undefined) s += `,"lastDrawnOn":${str(e.lastDrawnOn)}`
  if (e.name !== undefined) s += `,"name":${str(e.name)}`
  if (e.relations !== undefined) s += `,"relations":${canonicalJson(e.relations)}`
  if (e.riskBased !== undefined) s += `,"riskBased":${str(e.riskBased)}`
  if (e.unit !== undefined) s += `,"unit":${str(e.unit)}`
  return `${s}}`
}

const hashSorted = (sorted: ReadonlyArray<{ readonly id: string }>): string => {
  const h = createHash("sha256")
  let chunk = "["
  for (let i = 0; i < sorted.length; i++) {
    chunk += (i === 0 ? "" : ",") + canonicalEntry(sorted[i] as unknown as Record<string, unknown>)
    if (chunk.length > 1 << 16) {
      h.update(chunk)
      chunk = ""
    }
  }
  h.update(`${chunk}]`)
  return h.digest("hex")
}

/** the generator's state: the first 16 bytes of sha-256(algorithm, seed, pool hash, roster hash) as four int32 */
const stateOf = (seed: string, pool: string, roster: string): ReadonlyArray<number> => {
  const d = createHash("sha256").update(`${ALGORITHM}\n${seed}\n${pool}\n${roster}`).digest()
  return [d.readInt32BE(0), d.readInt32BE(4), d.readInt32BE(8), d.readInt32BE(12)]
}

/**
 * Whether an inspector must avoid a subject (回避): same unit, or a relation declared on either
 * side (the inspector lists the subject's id or unit, or the subject lists the inspector).
 *
 * @example
 * import { mustAvoid } from "@nongan/sampling/Draw"
 * mustAvoid({ id: "ZF-1", unit: "汉丰街道" }, { id: "S1", unit: "汉丰街道" }) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const mustAvoid = (inspector: Inspector, subject: Subject): boolean =>
  (inspector.unit !== undefined && inspector.unit === subject.unit) ||
  (inspector.relations ?? []).some((r) => r === subject.id || (subject.unit !== undefined && r === subject.unit)) ||
  (subject.relations ?? []).includes(inspector.id)

const decodeSpec = decoder(DrawSpec)
const decodeSubjects = decoder(Schema.Array(Subject))
const decodeInspectors = decoder(Schema.Array(Inspector))

/**
 * Makes a draw (`nongan-draw/1`). Inputs are decoded first (a malformed one is an error with its
 * path); duplicate ids are errors (a pool must be sorted by a unique key). Subjects drawn within
 * `windowDays` before the draw are excluded unless `riskBased`, and listed. Deterministic: the
 * same spec, pool and roster give the same draw whatever their order.
 *
 * @example
 * import { draw } from "@nongan/sampling/Draw"
 * const r = draw({ algorithm: "nongan-draw/1", seed: "demo", drawnOn: "2026-12-02", tasks: 1 },
 *   [{ id: "S1" }, { id: "S2" }], [{ id: "A" }, { id: "B" }, { id: "C" }])
 * if (r.ok) r.value.tasks[0]?.inspectors.length // 2
 *
 * @since 0.1.0
 * @category constructors
 */
export const draw = (spec: unknown, pool: unknown, roster: unknown): Result<Draw, NonganError> => {
  const s = decodeSpec(spec, ["spec"])
  const p = decodeSubjects(pool, ["pool"])
  const r = decodeInspectors(roster, ["roster"])
  if (!s.ok || !p.ok || !r.ok) return fail(...(s.ok ? [] : s.errors), ...(p.ok ? [] : p.errors), ...(r.ok ? [] : r.errors))
  return drawDecoded(s.value, p.value, r.value)
}

/**
 * {@link draw} over inputs already decoded (for large pools).
 *
 * @example
 * import { drawDecoded } from "@nongan/sampling/Draw"
 * typeof drawDecoded // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const drawDecoded = (spec: DrawSpec, pool: ReadonlyArray<Subject>, roster: ReadonlyArray<Inspector>): Result<Draw, NonganError> => {
  const subjects = byId(pool)
  const inspectors = byId(roster)
  const dup = [...duplicates(subjects, "pool"), ...duplicates(inspectors, "roster")]
  if (dup.length > 0) return fail(...dup)
  const pHash = hashSorted(subjects)
  const rHash = hashSorted(inspectors)
  const excluded: Array<Draw["excluded"][number]> = []
  const eligible: Array<Subject> = []
  for (const x of subjects) {
    if (spec.windowDays > 0 && x.lastDrawnOn !== undefined && !x.riskBased && daysBetween(x.lastDrawnOn as CalendarDate, spec.drawnOn) < spec.windowDays)
      excluded.push({ subject: x.id, reason: "drawn-within-window", lastDrawnOn: x.lastDrawnOn })
    else eligible.push(x)
  }
  const rng = xoroshiro128plusFromState(stateOf(spec.seed, pHash, rHash))
  const m = eligible.length
  const k = Math.min(spec.tasks + spec.replacements, m)
  const idx = new Int32Array(m)
  for (let i = 0; i < m; i++) idx[i] = i
  for (let i = 0; i < k; i++) {
    const j = uniformInt(rng, i, m - 1)
    const t = idx[i]!
    idx[i] = idx[j]!
    idx[j] = t
  }
  const team = (subject: Subject): { inspectors: Array<string>; avoided: number } => {
    const ok = inspectors.filter((ins) => !mustAvoid(ins, subject))
    const n = Math.min(spec.inspectorsPerTask, ok.length)
    for (let i = 0; i < n; i++) {
      const j = uniformInt(rng, i, ok.length - 1)
      const t = ok[i]!
      ok[i] = ok[j]!
      ok[j] = t
    }
    return { inspectors: ok.slice(0, n).map((x) => x.id), avoided: inspectors.length - ok.length }
  }
  const drawn: Array<Drawn> = []
  for (let i = 0; i < k; i++) {
    const subject = eligible[idx[i]!]!
    const t = team(subject)
    const order = i < spec.tasks ? i + 1 : i - spec.tasks + 1
    drawn.push({ order, subject: subject.id, inspectors: t.inspectors, avoided: t.avoided, ...(t.inspectors.length < spec.inspectorsPerTask ? { short: true as const } : {}) })
  }
  const body = {
    algorithm: ALGORITHM,
    generator: GENERATOR,
    seed: spec.seed,
    seedSource: spec.seedSource,
    drawnOn: spec.drawnOn,
    pool: { size: subjects.length, sha256: pHash, eligible: m },
    roster: { size: inspectors.length, sha256: rHash },
    excluded,
    tasks: drawn.slice(0, Math.min(spec.tasks, k)),
    replacements: drawn.slice(Math.min(spec.tasks, k)),
    unfilled: Math.max(0, spec.tasks - k)
  } as const
  return ok({ ...body, sha256: contentHash(body) })
}

/**
 * The outcome of replaying a published draw: whether it matches, and each field that differs.
 *
 * @since 0.1.0
 * @category models
 */
export interface Replay {
  readonly matches: boolean
  readonly differences: ReadonlyArray<{ readonly field: string; readonly published: unknown; readonly replayed: unknown }>
  readonly replayed?: Draw | undefined
}

/**
 * Re-computes a published draw from its spec, pool and roster and compares every field: the
 * hashes first (a changed pool or roster shows there), then the tasks and replacements in order.
 * An unknown algorithm version is an error, never a guess.
 *
 * @example
 * import { draw, replay } from "@nongan/sampling/Draw"
 * const spec = { algorithm: "nongan-draw/1", seed: "demo", drawnOn: "2026-12-02", tasks: 1 }
 * const pool = [{ id: "S1" }, { id: "S2" }]
 * const roster = [{ id: "A" }, { id: "B" }]
 * const d = draw(spec, pool, roster)
 * if (d.ok) replay(d.value, spec, pool, roster) // { ok: true, value: { matches: true, … } }
 *
 * @since 0.1.0
 * @category combinators
 */
export const replay = (published: Draw, spec: unknown, pool: unknown, roster: unknown): Result<Replay, NonganError> => {
  if (published.algorithm !== ALGORITHM)
    return fail(make("invalid-value", ["algorithm"], { value: String(published.algorithm), expected: [ALGORITHM] }))
  const again = draw(spec, pool, roster)
  if (!again.ok) return again
  const d = again.value
  const differences: Array<Replay["differences"][number]> = []
  const check = (field: string, a: unknown, b: unknown) => {
    if (canonicalJson(a) !== canonicalJson(b)) differences.push({ field, published: a, replayed: b })
  }
  check("seed", published.seed, d.seed)
  check("drawnOn", published.drawnOn, d.drawnOn)
  check("pool.sha256", published.pool?.sha256, d.pool.sha256)
  check("roster.sha256", published.roster?.sha256, d.roster.sha256)
  check("excluded", published.excluded, d.excluded)
  check("tasks", published.tasks, d.tasks)
  check("replacements", published.replacements, d.replacements)
  check("unfilled", published.unfilled, d.unfilled)
  check("sha256", published.sha256, d.sha256)
  return ok({ matches: differences.length === 0, differences, replayed: d })
}
