/**
 * Custom rules in the json-rules-engine 7.3.1 condition format, as data: schemas for rules,
 * conditions, fact references and events, and a strict decoder that turns unknown JSON into a
 * {@link Rule} or typed errors with paths. Loading a rule never runs code from it.
 *
 * Supported: `all` / `any` / `not` nodes, leaf conditions `{ fact, operator, value, path?, params?,
 * priority?, name? }`, a `value` that is a literal or a fact reference `{ fact, path?, params? }`,
 * and JSONPath `path`s of the form `$`, `$.a.b`, `$.a[0]`, `$['a b']`. Not supported (rejected when
 * loading): condition references `{ condition: name }`, operator decorators (`someFact:equal`),
 * any other JSONPath syntax. See `KNOWN-DIFFERENCES.md`.
 *
 * @since 0.1.0
 */
import { decoder } from "@nongan/core/Decode"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Schema } from "effect"

/**
 * The operators of json-rules-engine 7.3.1 that custom rules may use.
 *
 * @example
 * import { Operator } from "@nongan/engine/Condition"
 * Operator.literals.includes("greaterThanInclusive") // true
 *
 * @since 0.1.0
 * @category models
 */
export const Operator = Schema.Literal(
  "equal",
  "notEqual",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  "in",
  "notIn",
  "contains",
  "doesNotContain"
).annotations({ identifier: "Operator" })

/**
 * An operator name.
 *
 * @example
 * import type { Operator } from "@nongan/engine/Condition"
 * const op: Operator = "notIn"
 *
 * @since 0.1.0
 * @category models
 */
export type Operator = typeof Operator.Type

/**
 * Whether a value is one of the supported {@link Operator}s.
 *
 * @example
 * import { isOperator } from "@nongan/engine/Condition"
 * isOperator("in") // true
 * isOperator("someFact:equal") // false
 *
 * @since 0.1.0
 * @category guards
 */
export const isOperator = (u: unknown): u is Operator =>
  typeof u === "string" && (Operator.literals as ReadonlyArray<string>).includes(u)

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u
const QUOTED = /^[\p{L}\p{N}_][\p{L}\p{N}_ .-]*$/u
const SEGMENT = /^(?:\.([^.[\]']+)|\[(0|[1-9][0-9]*)\]|\['([^'\]]*)'\])/u

/**
 * The property steps of a JSONPath in the supported subset (`$`, `$.a.b`, `$.a[0]`, `$['a b']`),
 * or `undefined` for any other path. Dot names are letters, digits and `_` (not starting with a
 * digit); quoted names may also hold spaces, `.` and `-`; indices are non-negative integers
 * without leading zeros. Every other JSONPath feature (wildcards, `..`, filters, slices, unions,
 * script expressions) is outside the subset.
 *
 * @example
 * import { pathSteps } from "@nongan/engine/Condition"
 * pathSteps("$.results[0]['农药 名称']") // ["results", "0", "农药 名称"]
 * pathSteps("$..name") // undefined
 *
 * @since 0.1.0
 * @category constructors
 */
export const pathSteps = (path: string): ReadonlyArray<string> | undefined => {
  if (!path.startsWith("$")) return undefined
  const steps: Array<string> = []
  let rest = path.slice(1)
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest)
    if (m === null) return undefined
    const [whole, dotted, index, quoted] = m
    if (dotted !== undefined) {
      if (!IDENT.test(dotted)) return undefined
      steps.push(dotted)
    } else if (index !== undefined) steps.push(index)
    else if (quoted !== undefined) {
      if (!QUOTED.test(quoted)) return undefined
      steps.push(quoted)
    }
    rest = rest.slice(whole.length)
  }
  return steps
}

/**
 * A JSONPath into an object-valued fact, in the subset that {@link pathSteps} accepts.
 *
 * @example
 * import { Schema } from "effect"
 * import { JsonPath } from "@nongan/engine/Condition"
 * Schema.is(JsonPath)("$.results[0].measured") // true
 * Schema.is(JsonPath)("$.results[*]") // false
 *
 * @since 0.1.0
 * @category models
 */
export const JsonPath = Schema.String.pipe(Schema.filter((s) => pathSteps(s) !== undefined)).annotations({
  identifier: "JsonPath",
  description: "a JSONPath of the form $, $.a.b, $.a[0] or $['a b']"
})

/**
 * A JSONPath string in the supported subset.
 *
 * @example
 * import type { JsonPath } from "@nongan/engine/Condition"
 * const p: JsonPath = "$.results[0].measured"
 *
 * @since 0.1.0
 * @category models
 */
export type JsonPath = typeof JsonPath.Type

/**
 * A JSON value: what a literal `value` in a condition may be.
 *
 * @example
 * import type { Json } from "@nongan/engine/Condition"
 * const v: Json = { codes: ["500154", "511900"], strict: true }
 *
 * @since 0.1.0
 * @category models
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const isPlainObject = (u: unknown): u is object => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

const isJsonAt = (u: unknown, depth: number): boolean => {
  if (u === null || typeof u === "boolean" || typeof u === "string") return true
  if (typeof u === "number") return Number.isFinite(u)
  if (depth > 64) return false
  if (Array.isArray(u)) return u.every((x) => isJsonAt(x, depth + 1))
  if (!isPlainObject(u)) return false
  // data properties only: reading a getter would run code
  return Object.values(Object.getOwnPropertyDescriptors(u)).every((d) => "value" in d && isJsonAt(d.value, depth + 1))
}

/**
 * Whether a value is plain JSON data: `null`, booleans, strings, finite numbers, arrays and plain
 * objects of those (no functions, class instances, getters; at most 64 levels deep).
 *
 * @example
 * import { isJson } from "@nongan/engine/Condition"
 * isJson({ a: [1, "x", null, true] }) // true
 * isJson(new Date()) // false
 *
 * @since 0.1.0
 * @category guards
 */
export const isJson = (u: unknown): u is Json => isJsonAt(u, 0)

/**
 * The schema of a {@link Json} value: plain data only, so a comparison can never call code hidden
 * in a rule.
 *
 * @example
 * import { Schema } from "effect"
 * import { Json } from "@nongan/engine/Condition"
 * Schema.is(Json)({ a: [1, "x", null, true] }) // true
 * Schema.is(Json)(new Date()) // false
 *
 * @since 0.1.0
 * @category models
 */
export const Json: Schema.Schema<Json> = Schema.declare(isJson, {
  identifier: "Json",
  description: "a JSON value",
  jsonSchema: { type: ["null", "boolean", "number", "string", "array", "object"] }
})

/**
 * A fact name: a non-empty string.
 *
 * @example
 * import { Schema } from "effect"
 * import { FactName } from "@nongan/engine/Condition"
 * Schema.is(FactName)("ratioToLimit") // true
 *
 * @since 0.1.0
 * @category models
 */
export const FactName = Schema.NonEmptyString.annotations({ identifier: "FactName" })

/**
 * A priority: a positive integer; higher runs first.
 *
 * @example
 * import { Schema } from "effect"
 * import { Priority } from "@nongan/engine/Condition"
 * Schema.is(Priority)(10) // true
 * Schema.is(Priority)(0) // false
 *
 * @since 0.1.0
 * @category models
 */
export const Priority = Schema.Int.pipe(Schema.positive()).annotations({ identifier: "Priority" })

/**
 * Fact parameters. Our facts are values, not functions, so parameters never change a value; they
 * are accepted for compatibility with json-rules-engine and otherwise ignored.
 *
 * @example
 * import { Schema } from "effect"
 * import { FactParams } from "@nongan/engine/Condition"
 * Schema.is(FactParams)({ unit: "mg/kg" }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const FactParams = Schema.Record({ key: Schema.String, value: Json }).annotations({ identifier: "FactParams" })

/**
 * A fact reference used as a condition's `value`: the right-hand side is read from another fact.
 *
 * @example
 * import { Schema } from "effect"
 * import { FactReference } from "@nongan/engine/Condition"
 * Schema.is(FactReference)({ fact: "limit" }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const FactReference = Schema.Struct({
  fact: FactName,
  path: Schema.optional(JsonPath),
  params: Schema.optional(FactParams)
}).annotations({ identifier: "FactReference" })

/**
 * A fact reference.
 *
 * @example
 * import type { FactReference } from "@nongan/engine/Condition"
 * const ref: FactReference = { fact: "limit" }
 *
 * @since 0.1.0
 * @category models
 */
export type FactReference = typeof FactReference.Type

/**
 * Whether a condition's `value` is a fact reference: as in json-rules-engine, any object with an
 * own `fact` property.
 *
 * @example
 * import { isFactReference } from "@nongan/engine/Condition"
 * isFactReference({ fact: "limit" }) // true
 * isFactReference([1, 2]) // false
 *
 * @since 0.1.0
 * @category guards
 */
export const isFactReference = (u: unknown): u is FactReference =>
  typeof u === "object" && u !== null && Object.prototype.hasOwnProperty.call(u, "fact")

/**
 * A leaf condition: `fact` (at `path`) compared by `operator` with `value`.
 *
 * @example
 * import { Schema } from "effect"
 * import { LeafCondition } from "@nongan/engine/Condition"
 * Schema.is(LeafCondition)({ fact: "ratioToLimit", operator: "greaterThan", value: 1 }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const LeafCondition = Schema.Struct({
  fact: FactName,
  operator: Operator,
  value: Schema.Union(FactReference, Json),
  path: Schema.optional(JsonPath),
  params: Schema.optional(FactParams),
  priority: Schema.optional(Priority),
  name: Schema.optional(Schema.String)
}).annotations({ identifier: "LeafCondition" })

/**
 * A leaf condition.
 *
 * @example
 * import type { LeafCondition } from "@nongan/engine/Condition"
 * const c: LeafCondition = { fact: "producerGrade", operator: "in", value: ["C", "D"] }
 *
 * @since 0.1.0
 * @category models
 */
export type LeafCondition = typeof LeafCondition.Type

/**
 * True when every sub-condition is true (and when there are none).
 *
 * @example
 * import type { AllCondition } from "@nongan/engine/Condition"
 * const c: AllCondition = { all: [{ fact: "keyVariety", operator: "equal", value: true }] }
 *
 * @since 0.1.0
 * @category models
 */
export interface AllCondition {
  readonly all: ReadonlyArray<Condition>
  readonly priority?: number | undefined
  readonly name?: string | undefined
}

/**
 * True when some sub-condition is true. As in json-rules-engine 7.3.1, `any: []` is true.
 *
 * @example
 * import type { AnyCondition } from "@nongan/engine/Condition"
 * const c: AnyCondition = { any: [{ fact: "outcome", operator: "in", value: ["exceeds-limit", "prohibited-substance-detected"] }] }
 *
 * @since 0.1.0
 * @category models
 */
export interface AnyCondition {
  readonly any: ReadonlyArray<Condition>
  readonly priority?: number | undefined
  readonly name?: string | undefined
}

/**
 * True when its one sub-condition is false.
 *
 * @example
 * import type { NotCondition } from "@nongan/engine/Condition"
 * const c: NotCondition = { not: { fact: "region", operator: "equal", value: "500154" } }
 *
 * @since 0.1.0
 * @category models
 */
export interface NotCondition {
  readonly not: Condition
  readonly priority?: number | undefined
  readonly name?: string | undefined
}

/**
 * A condition: `all`, `any`, `not` or a leaf.
 *
 * @example
 * import type { Condition } from "@nongan/engine/Condition"
 * const c: Condition = { fact: "ratioToLimit", operator: "greaterThanInclusive", value: 0.8 }
 *
 * @since 0.1.0
 * @category models
 */
export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition

const nodeFields = { priority: Schema.optional(Priority), name: Schema.optional(Schema.String) }
const sub = Schema.suspend((): Schema.Schema<Condition> => Condition)

/**
 * The schema of an {@link AllCondition}.
 *
 * @example
 * import { Schema } from "effect"
 * import { AllCondition } from "@nongan/engine/Condition"
 * Schema.is(AllCondition)({ all: [] }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const AllCondition: Schema.Schema<AllCondition> = Schema.Struct({ all: Schema.Array(sub), ...nodeFields })
  .annotations({ identifier: "AllCondition" })

/**
 * The schema of an {@link AnyCondition}.
 *
 * @example
 * import { Schema } from "effect"
 * import { AnyCondition } from "@nongan/engine/Condition"
 * Schema.is(AnyCondition)({ any: [] }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const AnyCondition: Schema.Schema<AnyCondition> = Schema.Struct({ any: Schema.Array(sub), ...nodeFields })
  .annotations({ identifier: "AnyCondition" })

/**
 * The schema of a {@link NotCondition}.
 *
 * @example
 * import { Schema } from "effect"
 * import { NotCondition } from "@nongan/engine/Condition"
 * Schema.is(NotCondition)({ not: { all: [] } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const NotCondition: Schema.Schema<NotCondition> = Schema.Struct({ not: sub, ...nodeFields })
  .annotations({ identifier: "NotCondition" })

/**
 * The schema of a {@link Condition}.
 *
 * @example
 * import { Schema } from "effect"
 * import { Condition } from "@nongan/engine/Condition"
 * Schema.is(Condition)({ not: { fact: "keyVariety", operator: "equal", value: true } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const Condition: Schema.Schema<Condition> = Schema.Union(AllCondition, AnyCondition, NotCondition, LeafCondition)
  .annotations({ identifier: "Condition" })

/**
 * The root of a rule's conditions: `all`, `any` or `not` (never a bare leaf, never a
 * `{ condition: name }` reference).
 *
 * @example
 * import { Schema } from "effect"
 * import { TopLevelCondition } from "@nongan/engine/Condition"
 * Schema.is(TopLevelCondition)({ any: [] }) // true
 * Schema.is(TopLevelCondition)({ condition: "shared" }) // false
 *
 * @since 0.1.0
 * @category models
 */
export const TopLevelCondition = Schema.Union(AllCondition, AnyCondition, NotCondition).annotations({
  identifier: "TopLevelCondition"
})

/**
 * The root of a rule's conditions.
 *
 * @example
 * import type { TopLevelCondition } from "@nongan/engine/Condition"
 * const c: TopLevelCondition = { not: { fact: "keyVariety", operator: "equal", value: true } }
 *
 * @since 0.1.0
 * @category models
 */
export type TopLevelCondition = typeof TopLevelCondition.Type

/**
 * The event a rule fires: a `type` and optional `params`.
 *
 * @example
 * import { Schema } from "effect"
 * import { Event } from "@nongan/engine/Condition"
 * Schema.is(Event)({ type: "local.key-variety-exceeds", params: { severity: "violation" } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const Event = Schema.Struct({
  type: Schema.NonEmptyString,
  params: Schema.optional(Schema.Record({ key: Schema.String, value: Json }))
}).annotations({ identifier: "Event" })

/**
 * An event.
 *
 * @example
 * import type { Event } from "@nongan/engine/Condition"
 * const e: Event = { type: "local.attention" }
 *
 * @since 0.1.0
 * @category models
 */
export type Event = typeof Event.Type

/**
 * A custom rule: a name, an optional priority (default 1, higher runs first), conditions and the
 * event fired when they hold.
 *
 * @example
 * import { Schema } from "effect"
 * import { Rule } from "@nongan/engine/Condition"
 * Schema.is(Rule)({
 *   name: "key-variety-over-half-limit",
 *   conditions: { all: [{ fact: "keyVariety", operator: "equal", value: true }, { fact: "ratioToLimit", operator: "greaterThan", value: 0.5 }] },
 *   event: { type: "local.attention" }
 * }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const Rule = Schema.Struct({
  name: Schema.NonEmptyString,
  priority: Schema.optional(Priority),
  conditions: TopLevelCondition,
  event: Event
}).annotations({ identifier: "Rule" })

/**
 * A custom rule.
 *
 * @example
 * import type { Rule } from "@nongan/engine/Condition"
 * const r: Rule = { name: "always", conditions: { all: [] }, event: { type: "local.always" } }
 *
 * @since 0.1.0
 * @category models
 */
export type Rule = typeof Rule.Type

// ---------------------------------------------------------------------------------------------
// Decoding: a walker that decides each node's kind the way json-rules-engine does (by its own
// keys), then decodes the node's fields with the schemas above, so that every error has one
// precise path instead of one error per union member.

/**
 * How deep conditions may nest. Deeper rules are rejected (`rule-invalid`, detail `too-deep`)
 * rather than risk exhausting the stack.
 *
 * @example
 * import { maxDepth } from "@nongan/engine/Condition"
 * maxDepth // 32
 *
 * @since 0.1.0
 * @category models
 */
export const maxDepth = 32

const BOOLEAN_KEYS = ["all", "any", "not"] as const
type BooleanKey = (typeof BOOLEAN_KEYS)[number]

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)
const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const invalid = (path: Path, detail: string): NonganError => make("rule-invalid", path, { detail })
const asRuleErrors = (errors: ReadonlyArray<NonganError>): Array<NonganError> =>
  errors.map((e) => make("rule-invalid", e.path, { ...e.params, detail: e.code }))

const decodeRuleShell = decoder(
  Schema.Struct({ name: Schema.NonEmptyString, priority: Schema.optional(Priority), conditions: Schema.Unknown, event: Event })
)
const decodeNodeShell = {
  all: decoder(Schema.Struct({ all: Schema.Array(Schema.Unknown), ...nodeFields })),
  any: decoder(Schema.Struct({ any: Schema.Array(Schema.Unknown), ...nodeFields })),
  not: decoder(Schema.Struct({ not: Schema.Unknown, ...nodeFields }))
}
const decodeLeafShell = decoder(
  Schema.Struct({
    fact: FactName,
    operator: Schema.Unknown,
    value: Schema.Unknown,
    path: Schema.optional(Schema.String),
    params: Schema.optional(FactParams),
    priority: Schema.optional(Priority),
    name: Schema.optional(Schema.String)
  })
)
const decodeFactReference = decoder(
  Schema.Struct({ fact: FactName, path: Schema.optional(Schema.String), params: Schema.optional(FactParams) })
)

const checkPath = (path: unknown, at: Path, errors: Array<NonganError>): void => {
  if (typeof path === "string" && pathSteps(path) === undefined) errors.push(invalid(at, "unsupported-path"))
}

const decodeValue = (u: unknown, operator: unknown, at: Path, errors: Array<NonganError>): FactReference | Json | undefined => {
  if (isFactReference(u)) {
    const r = decodeFactReference(u, at)
    if (!r.ok) {
      errors.push(...asRuleErrors(r.errors))
      return undefined
    }
    checkPath(r.value.path, [...at, "path"], errors)
    return r.value
  }
  if (!isJson(u)) {
    errors.push(invalid(at, "invalid-value"))
    return undefined
  }
  if ((operator === "in" || operator === "notIn") && !Array.isArray(u)) {
    errors.push(invalid(at, "membership-value-not-an-array"))
    return undefined
  }
  // a copy: later changes to the input never change a loaded rule
  return structuredClone(u)
}

const decodeLeaf = (u: Record<string, unknown>, at: Path, errors: Array<NonganError>): LeafCondition | undefined => {
  const before = errors.length
  for (const k of ["fact", "operator", "value"]) if (!has(u, k)) errors.push(invalid([...at, k], "missing-field"))
  if (errors.length > before) return undefined
  const shell = decodeLeafShell(u, at)
  if (!shell.ok) errors.push(...asRuleErrors(shell.errors))
  const operator = u["operator"]
  if (!isOperator(operator)) {
    errors.push(
      typeof operator === "string"
        ? make("rule-unknown-operator", [...at, "operator"], { name: operator })
        : invalid([...at, "operator"], "invalid-type")
    )
  }
  if (shell.ok) checkPath(shell.value.path, [...at, "path"], errors)
  const value = decodeValue(u["value"], operator, [...at, "value"], errors)
  if (!shell.ok || errors.length > before) return undefined
  return { ...shell.value, operator: operator as Operator, value: value as FactReference | Json }
}

const decodeNode = (u: unknown, at: Path, depth: number, top: boolean, errors: Array<NonganError>): Condition | undefined => {
  if (!isRecord(u)) {
    errors.push(invalid(at, "invalid-type"))
    return undefined
  }
  if (depth > maxDepth) {
    errors.push(invalid(at, "too-deep"))
    return undefined
  }
  if (has(u, "condition")) {
    errors.push(invalid([...at, "condition"], "condition-reference-unsupported"))
    return undefined
  }
  const keys = BOOLEAN_KEYS.filter((k) => has(u, k))
  if (keys.length > 1) {
    errors.push(invalid(at, "ambiguous-condition"))
    return undefined
  }
  const key: BooleanKey | undefined = keys[0]
  if (key === undefined) {
    if (top) {
      errors.push(invalid(at, "root-must-be-all-any-or-not"))
      return undefined
    }
    return decodeLeaf(u, at, errors)
  }
  const shell = decodeNodeShell[key](u, at)
  if (!shell.ok) {
    errors.push(...asRuleErrors(shell.errors))
    return undefined
  }
  const { priority, name } = shell.value
  const meta = { ...(priority === undefined ? {} : { priority }), ...(name === undefined ? {} : { name }) }
  const before = errors.length
  if (key === "not") {
    const child = decodeNode(u["not"], [...at, "not"], depth + 1, false, errors)
    return child === undefined || errors.length > before ? undefined : { not: child, ...meta }
  }
  const items = u[key] as ReadonlyArray<unknown>
  const children = items.map((c, i) => decodeNode(c, [...at, key, i], depth + 1, false, errors))
  if (errors.length > before) return undefined
  return key === "all"
    ? { all: children as ReadonlyArray<Condition>, ...meta }
    : { any: children as ReadonlyArray<Condition>, ...meta }
}

/**
 * Decodes unknown input (typically parsed JSON from a rule pack) into a {@link Rule}. Every
 * problem is reported with its path: an unknown operator as `rule-unknown-operator` (params
 * `name`), anything else as `rule-invalid` (params `detail`: a stable code such as
 * `missing-field`, `unexpected-field`, `unsupported-path`, `condition-reference-unsupported`,
 * `membership-value-not-an-array`). Fact names are checked later, against a vocabulary, by
 * `Compile.compileRule`.
 *
 * @example
 * import { decodeRule } from "@nongan/engine/Condition"
 * const r = decodeRule({ name: "r", conditions: { all: [{ fact: "measured", operator: "bigger", value: 1 }] }, event: { type: "x" } })
 * if (!r.ok) r.errors[0] // { code: "rule-unknown-operator", path: ["conditions", "all", 0, "operator"], params: { name: "bigger" } }
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeRule = (u: unknown, path: Path = []): Result<Rule, NonganError> => {
  const shell = decodeRuleShell(u, path)
  const errors: Array<NonganError> = shell.ok ? [] : asRuleErrors(shell.errors)
  if (isRecord(u) && !has(u, "conditions")) errors.push(invalid([...path, "conditions"], "missing-field"))
  if (!shell.ok) {
    if (isRecord(u) && has(u, "conditions")) decodeNode(u["conditions"], [...path, "conditions"], 0, true, errors)
    return fail(...errors)
  }
  const conditions = decodeNode(shell.value.conditions, [...path, "conditions"], 0, true, errors)
  if (conditions === undefined || errors.length > 0) return fail(...errors)
  const { name, priority, event } = shell.value
  return ok({ name, ...(priority === undefined ? {} : { priority }), conditions: conditions as TopLevelCondition, event })
}
