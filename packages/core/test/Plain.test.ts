import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { DEFAULT_LIMITS, type PlainLimits, toPlain } from "../src/Plain"
import { toPlainOracle } from "./oracle/PlainOracle"

// untrusted values: JSON-like trees with getters that throw, cycles, Proxies, functions, symbols,
// bigints, `__proto__` keys and holes, so every branch of the walk (and its error paths) is met
const hostile = (): fc.Arbitrary<unknown> => {
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.constant(Symbol.for("x")),
    fc.bigInt({ min: -5n, max: 5n })
  )
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("tree"), { maxLength: 5 }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), fc.constant("__proto__")), tie("tree"), { maxKeys: 5 }),
      tie("tree").map((v) => {
        const o: Record<string, unknown> = { a: v }
        Object.defineProperty(o, "boom", { enumerable: true, get: () => { throw new Error("getter") } })
        return o
      }),
      tie("tree").map((v) => new Proxy({ v }, { ownKeys: () => { throw new RangeError("trap") } })),
      tie("tree").map((v) => {
        const o: Record<string, unknown> = { v }
        o["self"] = [1, o]
        return o
      }),
      tie("tree").map((v) => {
        const shared = { v }
        return [shared, shared] // the same object twice is not a cycle
      })
    )
  }))
  return tree
}

const limits = fc.record<PlainLimits>({
  depth: fc.integer({ min: 0, max: 6 }),
  arrayLength: fc.integer({ min: 0, max: 6 }),
  keys: fc.integer({ min: 0, max: 6 }),
  stringLength: fc.integer({ min: 0, max: 6 }),
  nodes: fc.integer({ min: 1, max: 40 })
})

describe("toPlain", () => {
  test.prop([hostile(), fc.oneof(fc.constant(DEFAULT_LIMITS), limits), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.nat(9)), { maxLength: 2 })], { numRuns: 3000 })(
    "gives exactly what the walk before the stacks gave: the same copy or the same errors at the same paths",
    (u, lim, base) => {
      expect(toPlain(u, lim, base)).toStrictEqual(toPlainOracle(u, lim, base))
    }
  )

  test("the cases are not vacuous: copies, cycles, throws and too-large all occur", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(hostile(), fc.oneof(fc.constant(DEFAULT_LIMITS), limits), (u, lim) => {
        const r = toPlain(u, lim)
        if (r.ok) seen.add("ok")
        else for (const e of r.errors) seen.add(`${e.code}:${String(e.params["detail"] ?? e.params["name"])}`)
      }),
      { numRuns: 3000 }
    )
    for (const k of ["ok", "unreadable-input:cycle", "unreadable-input:throws", "unreadable-input:function", "too-large:depth", "too-large:values"]) expect(seen).toContain(k)
  })

  test("a path is the value's own: an error deep in a tree names every step from the base", () => {
    const o: Record<string, unknown> = { list: [{ x: 1 }, { y: () => 0 }] }
    const r = toPlain(o, DEFAULT_LIMITS, ["records", 3])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => e.path)).toStrictEqual([["records", 3, "list", 1, "y"]])
  })
})
