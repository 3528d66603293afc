import { Outcome } from "@nongan/core/Finding"
import type { CompiledRule } from "./Compile"

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
   * another product (`{ fact: "product", operator: "equal" | "in", value: <literal> }`, no `path`).
   */
  readonly candidates: (outcome: string, product?: string) => ReadonlyArray<CompiledRule>
}

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
  if (![...products.values()].some((g) => g !== undefined)) return { candidates: (outcome) => byOutcome.get(outcome) ?? unguarded }
  const narrowed = new Map<string, Map<string, ReadonlyArray<CompiledRule>>>()
  return {
    candidates: (outcome, product) => {
      const list = byOutcome.get(outcome) ?? unguarded
      if (product === undefined) return list
      let m = narrowed.get(outcome)
      if (!m) narrowed.set(outcome, (m = new Map()))
      let out = m.get(product)
      if (!out) {
        out = list.filter((r) => {
          const g = products.get(r)
          return g === undefined || g.has(product)
        })
        if (m.size < 10_000) m.set(product, out)
      }
      return out
    }
  }
}
