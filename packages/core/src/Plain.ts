/**
 * Safe copies of untrusted JavaScript values: whatever a caller passes (Proxies, throwing getters
 * or `toString`s, cycles, sparse or huge arrays, frozen objects), {@link toPlain} returns plain
 * data (objects, arrays, strings, numbers, booleans, null) or typed errors with their paths, and
 * never throws. Decoders then read the copy, which nothing outside can change or trap.
 *
 * @since 0.2.0
 */
import { make, type NonganError, type Params, type Path } from "./NonganError"
import { fail, ok, type Result } from "./Result"

/**
 * Bounds on a value read by {@link toPlain}; beyond them the value is a `too-large` error.
 *
 * @example
 * import { DEFAULT_LIMITS, type PlainLimits } from "@nongan/core/Plain"
 * const strict: PlainLimits = { ...DEFAULT_LIMITS, arrayLength: 100 }
 *
 * @since 0.2.0
 * @category models
 */
export interface PlainLimits {
  /** nesting depth of objects and arrays */
  readonly depth: number
  /** elements of one array (holes count) */
  readonly arrayLength: number
  /** own keys of one object */
  readonly keys: number
  /** UTF-16 code units of one string */
  readonly stringLength: number
  /** objects, arrays and values in the whole value */
  readonly nodes: number
}

/**
 * The default bounds: depth 32, 10 000 elements per array, 1 000 keys per object, 4 Mi code
 * units per string, 1 000 000 values in all.
 *
 * @example
 * import { DEFAULT_LIMITS } from "@nongan/core/Plain"
 * DEFAULT_LIMITS.arrayLength // 10000
 *
 * @since 0.2.0
 * @category models
 */
export const DEFAULT_LIMITS: PlainLimits = { depth: 32, arrayLength: 10_000, keys: 1_000, stringLength: 4 * 1024 * 1024, nodes: 1_000_000 }

const MAX_ERRORS = 20

// One walk: the path and the objects open on it are stacks (pushed and popped as the walk goes
// down and up), so a value costs no allocation beyond its copy; a path is copied only for an error.
class Walk {
  nodes = 0
  readonly errors: Array<NonganError> = []
  /** the objects between the root and the value being read: a cycle is an object met on its own stack */
  readonly open: Array<object> = []
  readonly path: Array<string | number>
  constructor(readonly limits: PlainLimits, base: Path) {
    this.path = base.slice()
  }
  error(e: NonganError): undefined {
    if (this.errors.length < MAX_ERRORS) this.errors.push(e)
    return undefined
  }
  at(code: "too-large" | "unreadable-input", context: Params): undefined {
    return this.error(make(code, this.path.slice(), context))
  }
}

const tooLarge = (w: Walk, name: string, limit: number) => w.at("too-large", { name, limit })

// a number, boolean or short string within the node bound, counted and kept as it is: the common
// case, read without a call of `copy` (which handles everything else, errors included)
const scalar = (v: unknown, w: Walk): boolean => {
  const t = typeof v
  if (t === "number" || t === "boolean" || (t === "string" && (v as string).length <= w.limits.stringLength)) {
    if (w.nodes < w.limits.nodes && w.errors.length < MAX_ERRORS) {
      w.nodes++
      return true
    }
  }
  return false
}

// the value at the top of `w.path`
const copy = (u: unknown, depth: number, w: Walk): unknown => {
  if (w.errors.length >= MAX_ERRORS) return undefined
  if (++w.nodes > w.limits.nodes) return tooLarge(w, "values", w.limits.nodes)
  switch (typeof u) {
    case "string":
      return u.length > w.limits.stringLength ? tooLarge(w, "string", w.limits.stringLength) : u
    case "number":
    case "boolean":
    case "undefined":
      return u
    case "bigint":
    case "symbol":
    case "function":
      return w.at("unreadable-input", { detail: typeof u })
  }
  if (u === null) return null
  const o = u as object
  if (depth >= w.limits.depth) return tooLarge(w, "depth", w.limits.depth)
  const open = w.open
  for (let i = 0; i < open.length; i++) if (open[i] === o) return w.at("unreadable-input", { detail: "cycle" })
  const path = w.path
  const height = path.length
  open.push(o)
  try {
    if (Array.isArray(o)) {
      const length = (o as ReadonlyArray<unknown>).length
      if (length > w.limits.arrayLength) return tooLarge(w, "array", w.limits.arrayLength)
      const out: Array<unknown> = new Array(length)
      for (let i = 0; i < length; i++) {
        const v = (o as ReadonlyArray<unknown>)[i]
        if (scalar(v, w)) out[i] = v
        else {
          path.push(i)
          out[i] = copy(v, depth + 1, w)
          path.pop()
        }
      }
      return out
    }
    const keys = Object.keys(o)
    if (keys.length > w.limits.keys) return tooLarge(w, "keys", w.limits.keys)
    const out: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      const x = (o as Record<string, unknown>)[k]
      let v = x
      if (!scalar(x, w)) {
        path.push(k)
        v = copy(x, depth + 1, w)
        path.pop()
      }
      // an own `__proto__` key (JSON.parse makes them) stays a key, never the prototype
      if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
      else out[k] = v
    }
    return out
  } catch {
    // a Proxy trap, a throwing getter, a revoked proxy: the error is this value's
    path.length = height
    return w.at("unreadable-input", { detail: "throws" })
  } finally {
    open.pop()
  }
}

/**
 * Copies an untrusted value into plain data, or returns why it cannot be read: `unreadable-input`
 * (a getter or Proxy that throws, a cycle, a function, a symbol, a bigint) or `too-large` (beyond
 * {@link PlainLimits}), each with its path. Own enumerable string keys are read; prototypes and
 * non-enumerable properties are not. Never throws.
 *
 * @example
 * import { toPlain } from "@nongan/core/Plain"
 * toPlain({ a: [1, "x"] }) // { ok: true, value: { a: [1, "x"] } }
 * const cyclic: { self?: unknown } = {}
 * cyclic.self = cyclic
 * toPlain(cyclic).ok // false: unreadable-input at self
 *
 * @since 0.2.0
 * @category constructors
 */
export const toPlain = (u: unknown, limits: PlainLimits = DEFAULT_LIMITS, path: Path = []): Result<unknown, NonganError> => {
  const w = new Walk(limits, path)
  let value: unknown
  try {
    value = copy(u, 0, w)
  } catch {
    // (a stack overflow beyond the depth bound, which the bound makes unreachable)
    return fail(make("unreadable-input", path, { detail: "throws" }))
  }
  return w.errors.length > 0 ? fail(...w.errors) : ok(value)
}

/**
 * A deep copy of plain data (what {@link toPlain} returns, or a report): fresh objects and
 * arrays all the way down, so the copy shares nothing mutable with the original. Values that
 * are not plain data (functions, class instances) are copied by their own enumerable keys.
 *
 * @example
 * import { clonePlain } from "@nongan/core/Plain"
 * const a = { list: [{ x: 1 }] }
 * const b = clonePlain(a)
 * b.list[0]!.x = 2
 * a.list[0]!.x // 1
 *
 * @since 0.2.0
 * @category combinators
 */
export const clonePlain = <A>(u: A): A => {
  if (typeof u !== "object" || u === null) return u
  if (Array.isArray(u)) return u.map(clonePlain) as A
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(u)) {
    const v = clonePlain((u as Record<string, unknown>)[k])
    if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    else out[k] = v
  }
  return out as A
}

/**
 * Freezes a value and everything below it (objects and arrays, children first), skipping what is
 * already frozen: a frozen object is taken to be frozen all the way down, as this function leaves
 * it. Returns the value.
 *
 * @example
 * import { deepFreeze } from "@nongan/core/Plain"
 * const c = deepFreeze({ instrument: "GB 2763-2021", clauses: ["4.1"] })
 * Object.isFrozen(c.clauses) // true
 *
 * @since 0.5.0
 * @category combinators
 */
export const deepFreeze = <A>(u: A): A => {
  if (typeof u !== "object" || u === null || Object.isFrozen(u)) return u
  if (Array.isArray(u)) for (let i = 0; i < u.length; i++) deepFreeze(u[i])
  else for (const k in u) if (Object.prototype.hasOwnProperty.call(u, k)) deepFreeze((u as Record<string, unknown>)[k])
  return Object.freeze(u)
}

/**
 * Makes a report safe to hand out without copying it: the report object, its `findings` array and
 * each finding stay fresh and mutable, and everything below them — citations, values, readings,
 * pack references, shared with the rule data and with other reports — is frozen
 * ({@link deepFreeze}). So a returned report shares nothing MUTABLE with the validator or with
 * other reports, at the cost of freezing, not of a deep copy. The report itself must be freshly
 * built (its top level and findings not shared): the validator's do. A finding is read through
 * the keys the `Finding` schema gives object values (`citation`, `citations`, `categoryPath`,
 * `values`, `read`, `error`); its other keys hold strings, numbers and booleans.
 *
 * @example
 * import { freezeBelowFindings } from "@nongan/core/Plain"
 * const citation = { instrument: "GB 2763-2021" }
 * const r = freezeBelowFindings({ verdict: "compliant", findings: [{ code: "x", citation }] })
 * Object.isFrozen(r.findings[0]!.citation) // true
 * Object.isFrozen(r.findings[0]) // false
 *
 * @since 0.5.0
 * @category combinators
 */
// The keys of a finding (`Finding.Finding`) whose values may be objects: read by name, which is
// several times cheaper than enumerating the keys of findings of many shapes (a test keeps this
// list equal to the schema's object-valued fields).
interface FindingParts {
  readonly citation?: unknown
  readonly citations?: unknown
  readonly categoryPath?: unknown
  readonly values?: unknown
  readonly read?: unknown
  readonly error?: unknown
}

/**
 * The keys of a finding whose values {@link freezeBelowFindings} freezes: those the `Finding`
 * schema gives object values (a test keeps the two equal).
 *
 * @example
 * import { FINDING_OBJECT_KEYS } from "@nongan/core/Plain"
 * FINDING_OBJECT_KEYS.includes("citation") // true
 *
 * @since 0.5.0
 * @category models
 */
export const FINDING_OBJECT_KEYS: ReadonlyArray<keyof FindingParts> = ["citation", "citations", "categoryPath", "values", "read", "error"]

// (deepFreeze's own first test, here before the call: most of what findings hold is the rule
// data's, frozen already)
const thaw = (x: unknown): boolean => typeof x === "object" && x !== null && !Object.isFrozen(x)
const freezeFinding = (f: FindingParts): void => {
  if (thaw(f.citation)) deepFreeze(f.citation)
  if (thaw(f.citations)) deepFreeze(f.citations)
  if (thaw(f.categoryPath)) deepFreeze(f.categoryPath)
  if (thaw(f.values)) deepFreeze(f.values)
  if (thaw(f.read)) deepFreeze(f.read)
  if (thaw(f.error)) deepFreeze(f.error)
}

export const freezeBelowFindings = <A>(report: A): A => {
  if (typeof report !== "object" || report === null) return report
  for (const k of Object.keys(report)) {
    const v = (report as Record<string, unknown>)[k]
    if (k === "findings" && Array.isArray(v) && !Object.isFrozen(v)) {
      for (const f of v) {
        if (typeof f !== "object" || f === null || Object.isFrozen(f)) continue
        freezeFinding(f as FindingParts)
      }
    } else deepFreeze(v)
  }
  return report
}
