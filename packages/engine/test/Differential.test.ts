/**
 * Differential property: on random rules and random facts, the compiled evaluator and
 * json-rules-engine 7.3.1 (the oracle) agree on which rules fire. Every case they are allowed to
 * disagree on is one of the differences in `packages/engine/KNOWN-DIFFERENCES.md`, and is
 * recognised by a named predicate below (never a silent filter): a case is set aside only when the
 * oracle or our loader does something the predicate for that difference explains, and the test
 * fails if anything else disagrees.
 */
import * as fc from "fast-check"
import { Engine } from "json-rules-engine"
import { describe, expect, it } from "vitest"
import { compileRule, readPath } from "@nongan/engine/Compile"
import { isFactReference, Operator, pathSteps } from "@nongan/engine/Condition"
import type { FactDefinition, FactVocabulary } from "@nongan/engine/FactVocabulary"

/** 2,000 by default; set DIFFERENTIAL_RUNS to hunt for new differences with a longer run. */
const NUM_RUNS = Number(process.env["DIFFERENTIAL_RUNS"] ?? 2_000)

// ---------------------------------------------------------------------------------------------
// Vocabulary and values

/** `constructor` checks that inherited properties never read as facts. */
const FACTS = ["a", "b", "c", "o", "constructor"] as const
const def: FactDefinition = { description: { "zh-CN": "测试", en: "test" }, type: "string" }
const vocabulary: FactVocabulary = new Map(FACTS.map((f) => [f, def]))

const KEYS = ["x", "y", "0", "1", "a b", "x.y", "中文", "length"] as const
const PATH_SEGMENTS = [".x", ".y", "[0]", "[1]", "['x']", "['a b']", "['x.y']", "['中文']", ".中文", ".length", "['0']", ".constructor"]

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom(0, -0, 0.1, 0.2, 0.30000000000000004, 0.3, 1.5, -1.5, 1e21, 2 ** 53),
  fc.constantFrom("5", "05", " 5", "5abc", "abc", "", "1e2", "Infinity", "-3", "0.3", "中文", "undefined", "null", "x", "a b", "true", "3"),
  fc.boolean(),
  fc.constant(null)
)
const scalarArray = fc.array(scalar, { maxLength: 4 })
const objectValue: fc.Arbitrary<unknown> = fc.letrec<{ obj: unknown; val: unknown }>((tie) => ({
  obj: fc.oneof(
    { arbitrary: fc.dictionary(fc.constantFrom(...KEYS), tie("val"), { maxKeys: 4, noNullPrototype: true }), weight: 12 },
    // facts handed over by JavaScript callers may be dictionaries without a prototype (D2)
    { arbitrary: fc.dictionary(fc.constantFrom(...KEYS), scalar, { maxKeys: 2 }).map((o) => Object.assign(Object.create(null), o)), weight: 1 }
  ),
  val: fc.oneof({ maxDepth: 2 }, scalar, scalarArray, tie("obj"), fc.array(tie("obj"), { maxLength: 2 }))
})).obj
const factValue = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  { arbitrary: scalarArray, weight: 2 },
  { arbitrary: objectValue, weight: 2 },
  { arbitrary: fc.array(objectValue, { maxLength: 2 }), weight: 1 }
)
const factsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  Object.fromEntries(FACTS.map((f) => [f, factValue])) as Record<(typeof FACTS)[number], fc.Arbitrary<unknown>>,
  { requiredKeys: [] }
)

// ---------------------------------------------------------------------------------------------
// Rules

// every operator the schema accepts: a new one is fuzzed against json-rules-engine automatically
const OPERATORS = Operator.literals

const pathArb = fc.array(fc.constantFrom(...PATH_SEGMENTS), { minLength: 0, maxLength: 3 }).map((s) => `$${s.join("")}`)
const factRef = fc.record(
  { fact: fc.constantFrom(...FACTS), path: pathArb, params: fc.constant({ unused: 1 }) },
  { requiredKeys: ["fact"] }
)
const literal = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  { arbitrary: scalarArray, weight: 3 },
  { arbitrary: objectValue, weight: 1 }
)
/** `in` / `notIn` take an array (a non-array literal is a load-time difference, D1, kept rare). */
const membershipLiteral = fc.oneof({ arbitrary: scalarArray, weight: 12 }, { arbitrary: scalar, weight: 1 })

const leaf = fc
  .record({
    fact: fc.constantFrom(...FACTS),
    operator: fc.constantFrom(...OPERATORS),
    ref: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: factRef, weight: 1 }),
    lit: literal,
    memberLit: membershipLiteral,
    path: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: pathArb, weight: 1 }),
    priority: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 })
  })
  .map(({ fact, operator, ref, lit, memberLit, path, priority }) => ({
    fact,
    operator,
    value: ref ?? (operator === "in" || operator === "notIn" ? memberLit : lit),
    ...(path === null ? {} : { path }),
    ...(priority === null ? {} : { priority })
  }))

const nodeMeta = fc.record({ priority: fc.integer({ min: 1, max: 3 }), name: fc.constantFrom("n1", "n2") }, { requiredKeys: [] })

type Json = unknown
const conditions = fc.letrec<{ node: Json; bool: Json }>((tie) => ({
  bool: fc.oneof(
    fc.tuple(fc.array(tie("node"), { maxLength: 3 }), nodeMeta).map(([all, m]) => ({ all, ...m })),
    fc.tuple(fc.array(tie("node"), { maxLength: 3 }), nodeMeta).map(([any, m]) => ({ any, ...m })),
    fc.tuple(tie("node"), nodeMeta).map(([not, m]) => ({ not, ...m }))
  ),
  node: fc.oneof({ maxDepth: 3, depthSize: "small" }, leaf, tie("bool"))
})).bool

interface TestRule {
  readonly name: string
  readonly priority?: number
  readonly conditions: Json
  readonly event: { readonly type: string }
}
const rulesArb: fc.Arbitrary<ReadonlyArray<TestRule>> = fc
  .array(fc.tuple(conditions, fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 })), { minLength: 1, maxLength: 4 })
  .map((rs) =>
    rs.map(([c, p], i) => ({ name: `r${i}`, ...(p === null ? {} : { priority: p }), conditions: c, event: { type: `e${i}` } }))
  )

// ---------------------------------------------------------------------------------------------
// Named predicates for the known differences (see KNOWN-DIFFERENCES.md)

type Raw = Record<string, unknown>
const leaves = (c: unknown): ReadonlyArray<Raw> => {
  const n = c as Raw
  if (Array.isArray(n["all"])) return n["all"].flatMap(leaves)
  if (Array.isArray(n["any"])) return n["any"].flatMap(leaves)
  if (n["not"] !== undefined) return leaves(n["not"])
  return [n]
}
const isMembership = (l: Raw): boolean => l["operator"] === "in" || l["operator"] === "notIn"

/**
 * D1 (load time): an `in` / `notIn` condition whose literal `value` is not an array. We reject the
 * rule (`rule-invalid`, `membership-value-not-an-array`); json-rules-engine accepts it, then throws
 * at run time (number, boolean, null, object) or searches a string as a substring.
 */
export const membershipLiteralNotArray = (rule: TestRule): boolean =>
  leaves(rule.conditions).some((l) => isMembership(l) && !isFactReference(l["value"]) && !Array.isArray(l["value"]))

const read = (facts: Raw, ref: { fact: string; path?: string }): unknown => {
  const v = Object.hasOwn(facts, ref.fact) ? facts[ref.fact] : undefined
  return ref.path === undefined ? v : readPath(v, pathSteps(ref.path) ?? [])
}

/**
 * D2 (run time): an `in` / `notIn` condition whose `value` is a fact reference that resolves to
 * neither an array nor a string. json-rules-engine calls `value.indexOf` and throws a TypeError,
 * which rejects the whole `engine.run()`; we evaluate the condition to `false`. (Necessary
 * condition: the oracle may short-circuit past such a condition and then agrees with us.)
 */
export const membershipOperandNotIndexable = (rule: TestRule, facts: Raw): boolean =>
  leaves(rule.conditions).some((l) => {
    if (!isMembership(l) || !isFactReference(l["value"])) return false
    const b = read(facts, l["value"] as { fact: string; path?: string })
    return !Array.isArray(b) && typeof b !== "string"
  })

const COERCING = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "in", "notIn"])
const notCoercible = (v: unknown): boolean => {
  try {
    String(v)
    return false
  } catch {
    return true
  }
}

/**
 * D2 (run time), second cause: a comparison that must turn an object into a primitive (a numeric
 * operator, or `in` / `notIn` searching a string) meets one that has no usable `toString` /
 * `valueOf` (an object with a `null` prototype, or an array holding one). json-rules-engine throws
 * "Cannot convert object to primitive value", rejecting the run; we evaluate to `false`.
 */
export const comparisonCannotCoerce = (rule: TestRule, facts: Raw): boolean =>
  leaves(rule.conditions).some((l) => {
    if (!COERCING.has(l["operator"] as string)) return false
    const lhs = read(facts, { fact: l["fact"] as string, ...(l["path"] === undefined ? {} : { path: l["path"] as string }) })
    const rhs = isFactReference(l["value"]) ? read(facts, l["value"] as { fact: string; path?: string }) : l["value"]
    return notCoercible(lhs) || notCoercible(rhs)
  })

// ---------------------------------------------------------------------------------------------
// The oracle

type Outcome = { readonly threw: string } | { readonly fired: ReadonlyArray<string> }

const oracle = async (rules: ReadonlyArray<TestRule>, facts: Raw): Promise<Outcome> => {
  const engine = new Engine(structuredClone(rules) as never, { allowUndefinedFacts: true })
  try {
    const { events } = await engine.run(facts)
    return { fired: events.map((e) => e.type) }
  } catch (e) {
    return { threw: String(e instanceof Error ? e.message : e) }
  }
}

/** D3: within one priority, json-rules-engine orders events by when their promises settle. */
const byPriority = (types: ReadonlyArray<string>, priorityOf: (t: string) => number): ReadonlyArray<string> =>
  types.map((t) => `${priorityOf(t)}:${t}`).sort((x, y) => Number(y.split(":")[0]) - Number(x.split(":")[0]) || (x < y ? -1 : 1))

const stats = { cases: 0, rules: 0, compared: 0, fired: 0, d1: 0, d2Indexable: 0, d2Coerce: 0, orderChecked: 0 }

describe("differential: compiled evaluator vs json-rules-engine 7.3.1", () => {
  it(`agrees on which rules fire (${NUM_RUNS} random cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(rulesArb, factsArb, async (rules, facts) => {
        stats.cases++
        const accepted: Array<{ rule: TestRule; test: (f: Raw) => boolean; priority: number }> = []
        let anyThrew = false
        for (const rule of rules) {
          stats.rules++
          const compiled = compileRule(rule, vocabulary)
          if (!compiled.ok) {
            // only D1 may make us reject a generated rule
            expect(membershipLiteralNotArray(rule), JSON.stringify(compiled.errors)).toBe(true)
            expect(compiled.errors.every((e) => e.params["detail"] === "membership-value-not-an-array")).toBe(true)
            stats.d1++
            continue
          }
          accepted.push({ rule, test: compiled.value.test, priority: compiled.value.priority })
          const expected = await oracle([rule], facts)
          if ("threw" in expected) {
            // only D2 may make the oracle throw, for one of its two causes
            if (/indexOf is not a function|reading 'indexOf'/.test(expected.threw)) {
              expect(membershipOperandNotIndexable(rule, facts)).toBe(true)
              stats.d2Indexable++
            } else {
              expect(expected.threw).toMatch(/Cannot convert object to primitive value/)
              expect(comparisonCannotCoerce(rule, facts)).toBe(true)
              stats.d2Coerce++
            }
            anyThrew = true
            continue
          }
          const fired = expected.fired.length === 1
          expect(compiled.value.test(facts), JSON.stringify({ rule, facts })).toBe(fired)
          stats.compared++
          if (fired) stats.fired++
        }
        if (!anyThrew && accepted.length > 1) {
          const expected = await oracle(accepted.map((a) => a.rule), facts)
          if (!("fired" in expected)) throw new Error(`oracle threw on a set of rules that each ran: ${expected.threw}`)
          const ordered = [...accepted].sort((x, y) => y.priority - x.priority)
          const ours = ordered.filter((a) => a.test(facts)).map((a) => a.rule.event.type)
          const priorityOf = (t: string) => accepted.find((a) => a.rule.event.type === t)?.priority ?? 0
          expect(byPriority(ours, priorityOf)).toEqual(byPriority(expected.fired, priorityOf))
          // between priorities the order is the same, not just the set
          expect(ours.map(priorityOf)).toEqual(expected.fired.map(priorityOf))
          stats.orderChecked++
        }
      }),
      { numRuns: NUM_RUNS }
    )
    // the property must have compared real cases, both firing and not firing
    expect(stats.cases).toBe(NUM_RUNS)
    expect(stats.compared).toBeGreaterThan(NUM_RUNS)
    expect(stats.fired).toBeGreaterThan(stats.compared / 10)
    expect(stats.compared - stats.fired).toBeGreaterThan(stats.compared / 10)
    expect(stats.orderChecked).toBeGreaterThan(NUM_RUNS / 4)
    console.info(`differential: ${JSON.stringify(stats)}`)
  })

  it("D1 and D2 are real: the oracle does what KNOWN-DIFFERENCES.md says", async () => {
    const rule = (value: unknown): TestRule => ({
      name: "r",
      conditions: { all: [{ fact: "a", operator: "in", value }] },
      event: { type: "e" }
    })
    // D1: a string literal is a substring search for json-rules-engine; we reject it when loading
    expect(await oracle([rule("xabcx")], { a: "abc" })).toEqual({ fired: ["e"] })
    expect(compileRule(rule("xabcx"), vocabulary).ok).toBe(false)
    expect(membershipLiteralNotArray(rule("xabcx"))).toBe(true)
    // D1: a number literal makes json-rules-engine throw at run time
    expect(await oracle([rule(5)], { a: 5 })).toEqual({ threw: expect.stringMatching(/indexOf is not a function/) })
    // D2: a fact reference to a number: json-rules-engine throws, we evaluate to false
    const ref = rule({ fact: "b" })
    expect(await oracle([ref], { a: 1, b: 1 })).toEqual({ threw: expect.stringMatching(/indexOf is not a function/) })
    const compiled = compileRule(ref, vocabulary)
    expect(compiled.ok && compiled.value.test({ a: 1, b: 1 })).toBe(false)
    expect(membershipOperandNotIndexable(ref, { a: 1, b: 1 })).toBe(true)
  })

  it("D3 is real: within one priority json-rules-engine orders events by settling time", async () => {
    const deep: TestRule = { name: "deep", conditions: { all: [{ all: [{ all: [{ all: [] }] }] }] }, event: { type: "deep" } }
    const flat: TestRule = { name: "flat", conditions: { all: [] }, event: { type: "flat" } }
    expect(await oracle([deep, flat], {})).toEqual({ fired: ["flat", "deep"] })
  })
})
