// The walk of Plain.toPlain as it was before its paths and open objects became stacks (0.9):
// kept only as the oracle of the differential test in Plain.test.ts.
import { make, type NonganError, type Path } from "../../src/NonganError"
import { DEFAULT_LIMITS, type PlainLimits } from "../../src/Plain"
import { fail, ok, type Result } from "../../src/Result"

const MAX_ERRORS = 20

class Walk {
  nodes = 0
  readonly errors: Array<NonganError> = []
  readonly open = new Set<object>()
  constructor(readonly limits: PlainLimits) {}
  error(e: NonganError): undefined {
    if (this.errors.length < MAX_ERRORS) this.errors.push(e)
    return undefined
  }
}

const tooLarge = (w: Walk, path: Path, name: string, limit: number) => w.error(make("too-large", path, { name, limit }))

const copy = (u: unknown, path: Path, depth: number, w: Walk): unknown => {
  if (w.errors.length >= MAX_ERRORS) return undefined
  if (++w.nodes > w.limits.nodes) return tooLarge(w, path, "values", w.limits.nodes)
  switch (typeof u) {
    case "string":
      return u.length > w.limits.stringLength ? tooLarge(w, path, "string", w.limits.stringLength) : u
    case "number":
    case "boolean":
    case "undefined":
      return u
    case "bigint":
    case "symbol":
    case "function":
      return w.error(make("unreadable-input", path, { detail: typeof u }))
  }
  if (u === null) return null
  const o = u as object
  if (depth >= w.limits.depth) return tooLarge(w, path, "depth", w.limits.depth)
  if (w.open.has(o)) return w.error(make("unreadable-input", path, { detail: "cycle" }))
  w.open.add(o)
  try {
    if (Array.isArray(o)) {
      const length = (o as ReadonlyArray<unknown>).length
      if (length > w.limits.arrayLength) return tooLarge(w, path, "array", w.limits.arrayLength)
      const out: Array<unknown> = new Array(length)
      for (let i = 0; i < length; i++) out[i] = copy((o as ReadonlyArray<unknown>)[i], [...path, i], depth + 1, w)
      return out
    }
    const keys = Object.keys(o)
    if (keys.length > w.limits.keys) return tooLarge(w, path, "keys", w.limits.keys)
    const out: Record<string, unknown> = {}
    for (const k of keys) {
      const v = copy((o as Record<string, unknown>)[k], [...path, k], depth + 1, w)
      // an own `__proto__` key (JSON.parse makes them) stays a key, never the prototype
      if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
      else out[k] = v
    }
    return out
  } catch {
    // a Proxy trap, a throwing getter, a revoked proxy
    return w.error(make("unreadable-input", path, { detail: "throws" }))
  } finally {
    w.open.delete(o)
  }
}

export const toPlainOracle = (u: unknown, limits: PlainLimits = DEFAULT_LIMITS, path: Path = []): Result<unknown, NonganError> => {
  const w = new Walk(limits)
  let value: unknown
  try {
    value = copy(u, path, 0, w)
  } catch {
    // (a stack overflow beyond the depth bound, which the bound makes unreachable)
    return fail(make("unreadable-input", path, { detail: "throws" }))
  }
  return w.errors.length > 0 ? fail(...w.errors) : ok(value)
}

