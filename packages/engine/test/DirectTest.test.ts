// A leaf compiled as one closure (`directTest`) answers exactly as the general test, the
// operator applied to the fact as `reader` reads it, on hostile facts: inherited and absent
// properties, NaN, -0, numbers against strings, arrays, objects whose coercion throws, null
// prototypes; and on every literal a rule may hold.
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { directTest, operators, reader } from "@nongan/engine/Compile"
import type { Operator } from "@nongan/engine/Condition"

const OPERATORS: ReadonlyArray<Operator> = ["equal", "notEqual", "in", "notIn", "contains", "doesNotContain", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]
const NAMES = ["ratioToLimit", "product", "toString", "constructor", "__proto__", "valueOf", "x"] as const

const throwing = () => ({
  valueOf() {
    throw new Error("valueOf")
  },
  toString() {
    throw new Error("toString")
  }
})
const scalar = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, Number.NaN, Infinity, 0.5, 1, "0.5", "abc", "", "豇豆", true, false, null, undefined),
  fc.string({ maxLength: 4 })
)
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.constant({}), fc.constant([["豇豆"]]))
const factValue = fc.oneof(value, fc.constant(null).map(() => throwing()), fc.constant(0).map(() => [throwing()]))

const facts = fc
  .tuple(fc.dictionary(fc.constantFrom(...NAMES), factValue, { maxKeys: 4 }), fc.constantFrom("plain", "null-proto", "inherited"), factValue)
  .map(([own, how, inherited]) => {
    if (how === "plain") return own
    if (how === "null-proto") return Object.assign(Object.create(null), own)
    return Object.assign(Object.create({ ratioToLimit: inherited, product: inherited }), own)
  })

describe("directTest", () => {
  it("answers as the general test, or leaves the leaf to it", () => {
    let direct = 0
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.constantFrom(...OPERATORS), value, fc.array(facts, { minLength: 1, maxLength: 5 }), (name, operator, v, fs) => {
        const t = directTest(name, operator, v)
        if (t === undefined) return
        direct++
        const read = reader(name, undefined)
        // and facts holding the literal itself, and numbers beside it (the edges of the comparisons)
        const near = typeof v === "number" ? [v, v + 1, v - 1, -v] : [v]
        for (const f of [...fs, ...near.map((x) => ({ [name]: x }))]) expect(t(f)).toBe(operators[operator](read(f), v))
      }),
      { numRuns: 3000 }
    )
    // most leaves are compiled directly (else this test checks little)
    expect(direct).toBeGreaterThan(1500)
  })

  it("leaves a string right-hand side of in, and an object against a comparison, to the general test", () => {
    expect(directTest("product", "in", "豇豆芹菜")).toBeUndefined()
    expect(directTest("ratioToLimit", "greaterThan", {})).toBeUndefined()
    expect(directTest("ratioToLimit", "greaterThan", 1)?.({ ratioToLimit: 2 })).toBe(true)
  })
})
