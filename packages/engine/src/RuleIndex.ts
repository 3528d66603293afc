import { Outcome } from "@nongan/core/Finding"
import { type CompiledRule, type Facts, operators, reader } from "./Compile"
import { type Condition, isFactReference } from "./Condition"

/**
 * Compiled rules indexed by the finding outcome they can fire on. A rule whose top-level `all`
 * contains `{ fact: "outcome", operator: "equal" | "in", value: <literal> }` (no `path`) can only
 * fire on findings with one of those outcomes, so it is not even tested on the others; rules
 * without such a guard are candidates for every finding. Each list keeps the rules' order, so
 * the events fire exactly as if every rule were tested.
 *
 * @example
 * import { indexRules } from "@nongan/engine/RuleIndex"
 * indexRules([]).candidates("exceeds-limit") // []
 *
 * @since 0.1.0
 * @category models
 */
export interface RuleIndex {
  /**
   * The rules that may fire on a finding with this outcome, in rule order; with `product` (the
   * `product` fact of the finding's facts), also without the rules whose top-level `all` requires
   * another product (`{ fact: "product", operator: "equal" | "in", value: <literal> }`, no `path`);
   * with `subject` as well (the other facts fixed by the product: see {@link Subject}), also
   * without the rules whose conditions are false whatever the other facts ({@link staticTruth}).
   */
  readonly candidates: (outcome: string, product?: string, subject?: Subject) => ReadonlyArray<CompiledRule>
}

/**
 * The facts of a finding that its product fixes (with the record's kind): the catalogue gives
 * one category path, species and tissue per food id. A caller passing a subject promises that
 * for one `kind` and `product` it is always the same (candidate lists are memoised by them).
 *
 * @example
 * import type { Subject } from "@nongan/engine/RuleIndex"
 * const s: Subject = { kind: "inspection", productCategoryPath: ["蔬菜", "豆类蔬菜", "豇豆"], species: undefined, tissue: undefined }
 *
 * @since 0.5.0
 * @category models
 */
export interface Subject {
  readonly kind: string
  readonly productCategoryPath: ReadonlyArray<string>
  readonly species: string | undefined
  readonly tissue: string | undefined
}

/** The facts {@link staticTruth} knows: the outcome, the product and its {@link Subject}. */
const STATIC_FACTS: ReadonlySet<string> = new Set(["outcome", "product", "kind", "productCategoryPath", "species", "tissue"])

/**
 * A condition's value when only some facts are known (`known` holds them, `isKnown` names them):
 * `true` or `false` when the known facts decide it whatever the others are, `undefined` when it
 * depends on an unknown fact. Leaves are read and compared exactly as compiled rules read and
 * compare them (`Compile.reader`, `Compile.operators`), so a condition found `false` here is false
 * on every full fact set that agrees with `known`.
 *
 * @example
 * import { staticTruth } from "@nongan/engine/RuleIndex"
 * const c = { all: [{ fact: "productCategoryPath", operator: "contains", value: "水果" }, { fact: "ratioToLimit", operator: "greaterThan", value: 0.5 }] } as const
 * staticTruth(c, { productCategoryPath: ["蔬菜"] }, (f) => f === "productCategoryPath") // false
 * staticTruth(c, { productCategoryPath: ["水果"] }, (f) => f === "productCategoryPath") // undefined
 *
 * @since 0.5.0
 * @category combinators
 */
export const staticTruth = (c: Condition, known: Facts, isKnown: (fact: string) => boolean): boolean | undefined => {
  if ("all" in c) {
    let out: boolean | undefined = true
    for (const x of c.all) {
      const t = staticTruth(x, known, isKnown)
      if (t === false) return false
      if (t === undefined) out = undefined
    }
    return out
  }
  if ("any" in c) {
    // (an empty `any` is true, as compiled rules and json-rules-engine take it)
    if (c.any.length === 0) return true
    let out: boolean | undefined = false
    for (const x of c.any) {
      const t = staticTruth(x, known, isKnown)
      if (t === true) return true
      if (t === undefined) out = undefined
    }
    return out
  }
  if ("not" in c) {
    const t = staticTruth(c.not, known, isKnown)
    return t === undefined ? undefined : !t
  }
  if (!isKnown(c.fact)) return undefined
  const lhs = reader(c.fact, c.path)(known)
  let rhs: unknown = c.value
  if (isFactReference(c.value)) {
    if (!isKnown(c.value.fact)) return undefined
    rhs = reader(c.value.fact, c.value.path)(known)
  }
  return operators[c.operator](lhs, rhs)
}

const isStatic = (fact: string): boolean => STATIC_FACTS.has(fact)

/**
 * The outcomes a rule is guarded by, or `undefined` when it has no outcome guard.
 *
 * @example
 * import { outcomeGuard } from "@nongan/engine/RuleIndex"
 * outcomeGuard({ all: [{ fact: "outcome", operator: "in", value: ["exceeds-limit"] }] }) // Set { "exceeds-limit" }
 *
 * @since 0.1.0
 * @category combinators
 */
export const outcomeGuard = (conditions: unknown): ReadonlySet<string> | undefined => factGuard(conditions, "outcome")

/**
 * The literal values a rule's top-level `all` requires of a fact (`equal` a string, or `in` a
 * list of strings, with no `path` or `params`), or `undefined` when it places no such guard on it.
 * json-rules-engine's `equal` and `in` are strict comparisons, so a rule can fire only when the
 * fact has one of these values.
 *
 * @example
 * import { factGuard } from "@nongan/engine/RuleIndex"
 * factGuard({ all: [{ fact: "product", operator: "equal", value: "豇豆" }] }, "product") // Set { "豇豆" }
 *
 * @since 0.5.0
 * @category combinators
 */
export const factGuard = (conditions: unknown, fact: string): ReadonlySet<string> | undefined => {
  const all = (conditions as { all?: unknown }).all
  if (!Array.isArray(all)) return undefined
  let guard: Set<string> | undefined
  for (const c of all as Array<Record<string, unknown>>) {
    if (c === null || typeof c !== "object" || c.fact !== fact || c.path !== undefined || c.params !== undefined) continue
    const v = c.value
    const values =
      c.operator === "equal" && typeof v === "string" ? [v] : c.operator === "in" && Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as Array<string>) : undefined
    if (!values) continue
    // several guards in one `all`: the rule needs every one of them
    guard = guard === undefined ? new Set(values) : new Set(values.filter((x) => guard!.has(x)))
  }
  return guard
}

/**
 * Builds the index over rules in their evaluation order.
 *
 * @example
 * import { indexRules } from "@nongan/engine/RuleIndex"
 * typeof indexRules // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const indexRules = (rules: ReadonlyArray<CompiledRule>): RuleIndex => {
  const guards = rules.map((r) => outcomeGuard(r.rule.conditions))
  const byOutcome = new Map<string, ReadonlyArray<CompiledRule>>()
  for (const o of Outcome.literals) byOutcome.set(o, rules.filter((_, i) => guards[i] === undefined || guards[i]!.has(o)))
  const unguarded = rules.filter((_, i) => guards[i] === undefined)
  // the product guard narrows each outcome's list per product, lists made on first use
  const products = new Map(rules.map((r) => [r, factGuard(r.rule.conditions, "product")] as const))
  const productGuards = [...products.values()].some((g) => g !== undefined)
  const narrowed = new Map<string, Map<string, ReadonlyArray<CompiledRule>>>()
  const byProduct = (list: ReadonlyArray<CompiledRule>, product: string): ReadonlyArray<CompiledRule> =>
    productGuards
      ? list.filter((r) => {
          const g = products.get(r)
          return g === undefined || g.has(product)
        })
      : list
  // with a subject: lists per kind, product and outcome, without the rules the known facts rule out
  const decided = new Map<string, Map<string, Map<string, ReadonlyArray<CompiledRule>>>>()
  return {
    candidates: (outcome, product, subject) => {
      if (product === undefined) return byOutcome.get(outcome) ?? unguarded
      if (subject === undefined) {
        let m = narrowed.get(outcome)
        if (!m) narrowed.set(outcome, (m = new Map()))
        let out = m.get(product)
        if (!out) {
          out = byProduct(byOutcome.get(outcome) ?? unguarded, product)
          if (m.size < 10_000) m.set(product, out)
        }
        return out
      }
      let forKind = decided.get(subject.kind)
      if (!forKind) decided.set(subject.kind, (forKind = new Map()))
      let forProduct = forKind.get(product)
      if (!forProduct) {
        forProduct = new Map()
        if (forKind.size < 10_000) forKind.set(product, forProduct)
      }
      let kept = forProduct.get(outcome)
      if (!kept) {
        const known: Facts = {
          outcome,
          product,
          kind: subject.kind,
          productCategoryPath: subject.productCategoryPath,
          species: subject.species,
          tissue: subject.tissue
        }
        kept = byProduct(byOutcome.get(outcome) ?? unguarded, product).filter((r) => staticTruth(r.rule.conditions, known, isStatic) !== false)
        if (forProduct.size < 100) forProduct.set(outcome, kept)
      }
      return kept
    }
  }
}
