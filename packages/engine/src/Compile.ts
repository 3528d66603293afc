/**
 * Compiles custom rules (json-rules-engine 7.3.1 condition format) into plain synchronous
 * functions. Compilation walks a rule once and builds closures; evaluation never re-reads the
 * rule's JSON, and nothing from a rule is ever executed as code (no `eval`, no `new Function`).
 *
 * Semantics are json-rules-engine's, operator by operator, with the differences listed in
 * `packages/engine/KNOWN-DIFFERENCES.md` (which a differential property test keeps honest).
 *
 * @since 0.1.0
 */
import { make, prefix, type NonganError, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { nearest } from "@nongan/core/Suggest"
import {
  type Condition,
  decodeRule,
  type Event,
  isFactReference,
  type LeafCondition,
  type Operator,
  pathSteps,
  type Rule
} from "./Condition"
import type { FactVocabulary } from "./FactVocabulary"

/**
 * The facts a rule is evaluated against: fact name → value. A fact that is absent (or not an own
 * property) reads as `undefined`.
 *
 * @example
 * import type { Facts } from "@nongan/engine/Compile"
 * const facts: Facts = { product: "普通白菜", measured: 0.5, limit: 0.2, ratioToLimit: 2.5 }
 *
 * @since 0.1.0
 * @category models
 */
export type Facts = Readonly<Record<string, unknown>>

/**
 * One evaluated leaf condition: the fact (and path) read, its value, the operator, the
 * right-hand side (resolved when it is a fact reference) and the result.
 *
 * @example
 * import type { Explanation } from "@nongan/engine/Compile"
 * const e: Explanation = { fact: "measured", operator: "greaterThan", value: 0.2, valueFact: "limit", factValue: 0.5, result: true }
 *
 * @since 0.1.0
 * @category models
 */
export interface Explanation {
  readonly fact: string
  readonly path?: string
  readonly operator: Operator
  readonly value: unknown
  readonly valueFact?: string
  readonly valuePath?: string
  readonly factValue: unknown
  readonly result: boolean
}

/**
 * A compiled rule: its name, priority (default 1), event, the decoded rule, a test and an
 * explanation.
 *
 * @example
 * import { compileRule } from "@nongan/engine/Compile"
 * import { standard } from "@nongan/engine/FactVocabulary"
 * const r = compileRule({ name: "r", conditions: { any: [] }, event: { type: "x" } }, standard)
 * if (r.ok) r.value.priority // 1
 *
 * @since 0.1.0
 * @category models
 */
export interface CompiledRule {
  readonly name: string
  readonly priority: number
  readonly event: Event
  readonly rule: Rule
  /** Whether the rule's conditions hold for these facts. */
  readonly test: (facts: Facts) => boolean
  /** Every leaf condition, in document order, evaluated against these facts (no short-circuit). */
  readonly explain: (facts: Facts) => ReadonlyArray<Explanation>
}

/**
 * Compiled rules, highest priority first (declaration order within a priority), and `run`, which
 * returns the events of the rules that fire, in that order.
 *
 * @example
 * import { compileRules } from "@nongan/engine/Compile"
 * import { standard } from "@nongan/engine/FactVocabulary"
 * const r = compileRules([{ name: "r", conditions: { all: [] }, event: { type: "x" } }], standard)
 * if (r.ok) r.value.run({}) // [{ type: "x" }]
 *
 * @since 0.1.0
 * @category models
 */
export interface CompiledRules {
  readonly rules: ReadonlyArray<CompiledRule>
  readonly run: (facts: Facts) => ReadonlyArray<Event>
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** `Number.parseFloat(x).toString() !== 'NaN'`: json-rules-engine's check on the fact side only. */
const numeric = (x: unknown): boolean =>
  // (for a number, the same answer without the round trip through text: only NaN is not numeric;
  // an absent fact, undefined or null, is never numeric)
  typeof x === "number" ? x === x : x === undefined || x === null ? false : Number.parseFloat(x as string).toString() !== "NaN"

/** Runs a comparison that may coerce an object (`ToPrimitive`); a coercion that throws is false. */
const guarded =
  (f: (a: unknown, b: unknown) => boolean) =>
  (a: unknown, b: unknown): boolean => {
    try {
      return f(a, b)
    } catch {
      return false
    }
  }

const indexable = (b: unknown): b is ReadonlyArray<unknown> | string => Array.isArray(b) || typeof b === "string"

/**
 * The operators, with json-rules-engine 7.3.1's exact semantics (`engine-default-operators.js`):
 * `equal` / `notEqual` are `===` / `!==`; `in` / `notIn` search the right-hand side with
 * `indexOf` (an array, or a string: substring search); `contains` / `doesNotContain` require the
 * fact to be an array; the four numeric operators require only the fact side to pass
 * `Number.parseFloat` and then compare with JavaScript's `<`, `<=`, `>`, `>=` (so `5 < "10"` is
 * true). Where json-rules-engine would throw (an `in` right-hand side that is neither an array nor
 * a string; a coercion that fails) the result is `false`.
 *
 * @example
 * import { operators } from "@nongan/engine/Compile"
 * operators.greaterThan(0.3, 0.2) // true
 * operators.greaterThan("0.3", 0.2) // true: only the fact side must look numeric
 * operators.in("A", ["A", "B"]) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const operators: { readonly [K in Operator]: (factValue: unknown, value: unknown) => boolean } = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: guarded((a, b) => indexable(b) && b.indexOf(a as string) > -1),
  notIn: guarded((a, b) => indexable(b) && b.indexOf(a as string) === -1),
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: guarded((a, b) => numeric(a) && (a as number) < (b as number)),
  lessThanInclusive: guarded((a, b) => numeric(a) && (a as number) <= (b as number)),
  greaterThan: guarded((a, b) => numeric(a) && (a as number) > (b as number)),
  greaterThanInclusive: guarded((a, b) => numeric(a) && (a as number) >= (b as number))
}

/**
 * Reads a value at JSONPath steps the way json-rules-engine 7.3.1 does through jsonpath-plus: a
 * fact that is not a non-null object is returned unchanged (the path is ignored); otherwise each
 * step follows an own property of a truthy value (so `length` and indices of strings and arrays
 * are readable), and a missing step gives `undefined`.
 *
 * @example
 * import { readPath } from "@nongan/engine/Compile"
 * readPath({ results: [{ measured: 0.2 }] }, ["results", "0", "measured"]) // 0.2
 * readPath(7, ["a"]) // 7
 *
 * @since 0.1.0
 * @category combinators
 */
export const readPath = (value: unknown, steps: ReadonlyArray<string>): unknown => {
  if (value === null || typeof value !== "object") return value
  let cur: unknown = value
  for (const k of steps) {
    if (cur && Object.hasOwn(cur as object, k)) cur = (cur as Record<string, unknown>)[k]
    else return undefined
  }
  return cur
}

type Read = (facts: Facts) => unknown

/**
 * How a compiled rule reads a fact (at a JSONPath-like `path`, if any): an own property only,
 * `undefined` when absent or when a step is missing. The one reader every rule and the rule index
 * use.
 *
 * @example
 * import { reader } from "@nongan/engine/Compile"
 * reader("product", undefined)({ product: "豇豆" }) // "豇豆"
 * reader("toString", undefined)({}) // undefined (inherited properties are not facts)
 *
 * @since 0.5.0
 * @category combinators
 */
export const reader = (name: string, path: string | undefined): Read => {
  const steps = path === undefined ? undefined : pathSteps(path)
  if (steps === undefined) return (f) => (has(f, name) ? f[name] : undefined)
  return (f) => readPath(has(f, name) ? f[name] : undefined, steps)
}

interface Node {
  readonly test: (facts: Facts) => boolean
  readonly explain: (facts: Facts, out: Array<Explanation>) => void
}

/**
 * @internal The test of a leaf on a fact read without a path against a literal, as one closure
 * (the fact read and the operator inlined), where that cannot change the answer of
 * `operators[operator](reader(name)(facts), value)`: comparisons that cannot coerce an object
 * (so cannot throw) skip the guard. `undefined` for the other leaves, which keep the general
 * test. A differential test compares the two on hostile facts and values.
 *
 * @example
 * import { directTest } from "@nongan/engine/Compile"
 * directTest("ratioToLimit", "greaterThan", 0.5)?.({ ratioToLimit: 0.8 }) // true
 * directTest("product", "in", "豇豆,芹菜") // undefined: a string right-hand side coerces
 *
 * @since 0.5.0
 * @category combinators
 */
export const directTest = (name: string, operator: Operator, value: unknown): ((facts: Facts) => boolean) | undefined => {
  // (a symbol is the one primitive a comparison with a number throws on)
  const primitive = value === null || (typeof value !== "object" && typeof value !== "function" && typeof value !== "symbol")
  switch (operator) {
    case "equal":
      return (f) => (has(f, name) ? f[name] : undefined) === value
    case "notEqual":
      return (f) => (has(f, name) ? f[name] : undefined) !== value
    case "contains":
      return (f) => {
        const a = has(f, name) ? f[name] : undefined
        return Array.isArray(a) && a.indexOf(value) > -1
      }
    case "doesNotContain":
      return (f) => {
        const a = has(f, name) ? f[name] : undefined
        return Array.isArray(a) && a.indexOf(value) === -1
      }
    case "in":
    case "notIn": {
      // an array is searched by strict equality (no coercion); a string right-hand side coerces the fact: the general test
      if (!Array.isArray(value)) return undefined
      const list: ReadonlyArray<unknown> = value
      return operator === "in" ? (f) => list.indexOf(has(f, name) ? f[name] : undefined) > -1 : (f) => list.indexOf(has(f, name) ? f[name] : undefined) === -1
    }
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive": {
      // a number against a primitive compares without calling anything (NaN compares false, as
      // `numeric` rejects it); any other fact value takes the general, guarded test
      if (!primitive) return undefined
      const op = operators[operator]
      const b = value as number
      if (operator === "lessThan")
        return (f) => {
          const a = has(f, name) ? f[name] : undefined
          return typeof a === "number" ? a < b : op(a, b)
        }
      if (operator === "lessThanInclusive")
        return (f) => {
          const a = has(f, name) ? f[name] : undefined
          return typeof a === "number" ? a <= b : op(a, b)
        }
      if (operator === "greaterThan")
        return (f) => {
          const a = has(f, name) ? f[name] : undefined
          return typeof a === "number" ? a > b : op(a, b)
        }
      return (f) => {
        const a = has(f, name) ? f[name] : undefined
        return typeof a === "number" ? a >= b : op(a, b)
      }
    }
  }
  return undefined
}

const compileLeaf = (leaf: LeafCondition): Node => {
  const op = operators[leaf.operator]
  const lhs = reader(leaf.fact, leaf.path)
  const where = leaf.path === undefined ? {} : { path: leaf.path }
  if (isFactReference(leaf.value)) {
    const ref = leaf.value
    const rhs = reader(ref.fact, ref.path)
    const from = { valueFact: ref.fact, ...(ref.path === undefined ? {} : { valuePath: ref.path }) }
    return {
      test: (f) => op(lhs(f), rhs(f)),
      explain: (f, out) => {
        const factValue = lhs(f)
        const value = rhs(f)
        out.push({ fact: leaf.fact, ...where, operator: leaf.operator, value, ...from, factValue, result: op(factValue, value) })
      }
    }
  }
  const value = leaf.value
  const { fact, operator, path } = leaf
  return {
    test: (path === undefined ? directTest(fact, operator, value) : undefined) ?? ((f) => op(lhs(f), value)),
    // (one literal per shape, keys in the order explanations have always had: no spread)
    explain:
      path === undefined
        ? (f, out) => {
            const factValue = lhs(f)
            out.push({ fact, operator, value, factValue, result: op(factValue, value) })
          }
        : (f, out) => {
            const factValue = lhs(f)
            out.push({ fact, path, operator, value, factValue, result: op(factValue, value) })
          }
  }
}

const always: Node = { test: () => true, explain: () => {} }

const compileNode = (c: Condition): Node => {
  if ("all" in c) {
    if (c.all.length === 0) return always
    const children = c.all.map(compileNode)
    const tests = children.map((n) => n.test)
    const [t0, t1, t2] = tests
    return {
      // (the short conjunctions rules mostly are, without a loop)
      test:
        tests.length === 1
          ? t0!
          : tests.length === 2
            ? (f) => t0!(f) && t1!(f)
            : tests.length === 3
              ? (f) => t0!(f) && t1!(f) && t2!(f)
              : (f) => {
                  for (let i = 0; i < tests.length; i++) if (!tests[i]!(f)) return false
                  return true
                },
      explain: (f, out) => children.forEach((n) => n.explain(f, out))
    }
  }
  if ("any" in c) {
    // json-rules-engine 7.3.1 (rule.js, prioritizeAndRun): an empty `any` is true, like `all`
    if (c.any.length === 0) return always
    const children = c.any.map(compileNode)
    const tests = children.map((n) => n.test)
    return {
      test: (f) => {
        for (const t of tests) if (t(f)) return true
        return false
      },
      explain: (f, out) => children.forEach((n) => n.explain(f, out))
    }
  }
  if ("not" in c) {
    const child = compileNode(c.not)
    const t = child.test
    return { test: (f) => !t(f), explain: child.explain }
  }
  return compileLeaf(c)
}

const unknownFact = (name: string, path: Path, vocabulary: FactVocabulary): NonganError =>
  make("rule-unknown-fact", path, { name, nearest: nearest(name, vocabulary.keys(), 3) })

const checkFacts = (c: Condition, at: Path, vocabulary: FactVocabulary, errors: Array<NonganError>): void => {
  if ("all" in c) c.all.forEach((s, i) => checkFacts(s, [...at, "all", i], vocabulary, errors))
  else if ("any" in c) c.any.forEach((s, i) => checkFacts(s, [...at, "any", i], vocabulary, errors))
  else if ("not" in c) checkFacts(c.not, [...at, "not"], vocabulary, errors)
  else {
    if (!vocabulary.has(c.fact)) errors.push(unknownFact(c.fact, [...at, "fact"], vocabulary))
    if (isFactReference(c.value) && !vocabulary.has(c.value.fact)) {
      errors.push(unknownFact(c.value.fact, [...at, "value", "fact"], vocabulary))
    }
  }
}

/**
 * Decodes a rule (unknown input, typically JSON from a rule pack), checks every fact it reads
 * against the vocabulary, and compiles it. Errors carry paths into the rule: an unknown fact is
 * `rule-unknown-fact` (params `name`, `nearest`), an unknown operator `rule-unknown-operator`
 * (params `name`), anything else `rule-invalid` (params `detail`).
 *
 * @example
 * import { compileRule } from "@nongan/engine/Compile"
 * import { standard } from "@nongan/engine/FactVocabulary"
 * const r = compileRule(
 *   {
 *     name: "key-variety-near-limit",
 *     conditions: { all: [{ fact: "keyVariety", operator: "equal", value: true }, { fact: "ratioToLimit", operator: "greaterThanInclusive", value: 0.8 }] },
 *     event: { type: "local.near-limit" }
 *   },
 *   standard
 * )
 * if (r.ok) r.value.test({ keyVariety: true, ratioToLimit: 0.9 }) // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const compileRule = (rule: unknown, vocabulary: FactVocabulary): Result<CompiledRule, NonganError> => {
  const decoded = decodeRule(rule)
  if (!decoded.ok) return fail(...decoded.errors)
  const r = decoded.value
  const errors: Array<NonganError> = []
  checkFacts(r.conditions, ["conditions"], vocabulary, errors)
  if (errors.length > 0) return fail(...errors)
  const node = compileNode(r.conditions)
  return ok({
    name: r.name,
    priority: r.priority ?? 1,
    event: r.event,
    rule: r,
    test: node.test,
    explain: (facts) => {
      const out: Array<Explanation> = []
      node.explain(facts, out)
      return out
    }
  })
}

/**
 * Compiles a list of rules (errors are prefixed with the rule's index) and orders them like
 * json-rules-engine: higher priority first. Within one priority, rules keep their declaration
 * order (json-rules-engine orders them by when their promises settle; see KNOWN-DIFFERENCES.md).
 *
 * @example
 * import { compileRules } from "@nongan/engine/Compile"
 * import { standard } from "@nongan/engine/FactVocabulary"
 * const r = compileRules(
 *   [
 *     { name: "low", conditions: { all: [] }, event: { type: "low" } },
 *     { name: "high", priority: 5, conditions: { any: [{ fact: "producerGrade", operator: "in", value: ["C", "D"] }] }, event: { type: "high" } }
 *   ],
 *   standard
 * )
 * if (r.ok) r.value.run({ producerGrade: "D" }).map((e) => e.type) // ["high", "low"]
 *
 * @since 0.1.0
 * @category constructors
 */
export const compileRules = (
  rules: ReadonlyArray<unknown>,
  vocabulary: FactVocabulary
): Result<CompiledRules, NonganError> => {
  const compiled: Array<CompiledRule> = []
  const errors: Array<NonganError> = []
  rules.forEach((u, i) => {
    const r = compileRule(u, vocabulary)
    if (r.ok) compiled.push(r.value)
    else errors.push(...r.errors.map((e) => prefix(e, [i])))
  })
  if (errors.length > 0) return fail(...errors)
  const ordered = compiled.sort((a, b) => b.priority - a.priority)
  return ok({
    rules: ordered,
    run: (facts) => {
      const events: Array<Event> = []
      for (const r of ordered) if (r.test(facts)) events.push(r.event)
      return events
    }
  })
}
