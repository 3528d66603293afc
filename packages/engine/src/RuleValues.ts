import { Outcome } from "@nongan/core/Finding"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import { StatusKind } from "@nongan/substances/Status"
import type { Dataset } from "./Dataset"

/**
 * For facts with a closed set of values, a predicate saying whether a literal is one of them.
 *
 * @since 0.1.0
 * @category models
 */
export type KnownValues = Readonly<Record<string, (value: unknown) => boolean>>

const oneOf = (values: ReadonlyArray<string>) => {
  const set = new Set(values)
  return (v: unknown) => typeof v === "string" && set.has(v)
}

/**
 * The closed value sets of the fact vocabulary: `outcome`, `kind`, `method`, `substanceStatus`,
 * and, from the dataset, food, category, species, tissue and substance ids. Facts hold canonical
 * ids, so an alias (`小白菜`, `呋喃丹`) is not a value they can take.
 *
 * @example
 * import { knownValues } from "@nongan/engine/RuleValues"
 * typeof knownValues // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const knownValues = (ds: Dataset): KnownValues => ({
  outcome: oneOf(Outcome.literals),
  kind: oneOf(["inspection", "pesticide-application", "veterinary-treatment"]),
  method: oneOf(["lab", "rapid"]),
  substanceStatus: oneOf([...StatusKind.literals, "none"]),
  // the fact holds the canonical name, so an alias (小白菜 for 普通白菜) would never match
  product: (v) => {
    if (typeof v !== "string") return false
    const f = ds.foods.resolve(v)
    return f.ok && f.value.id === v
  },
  productCategoryPath: (v) => typeof v === "string" && (ds.foods.hasNode(v) || ds.foods.hasSpecies(v)),
  substance: (v) => typeof v === "string" && ds.substances.get(v) !== undefined,
  species: (v) => typeof v === "string" && ds.foods.hasSpecies(v),
  tissue: (v) => typeof v === "string" && ds.foods.hasTissue(v)
})

// deeper conditions are refused by the rule compiler (`Condition.maxDepth`); they are not walked here
const MAX_WALK_DEPTH = 64

const walk = (node: unknown, path: Path, known: KnownValues, out: Array<NonganError>, depth = 0) => {
  if (typeof node !== "object" || node === null || depth > MAX_WALK_DEPTH) return
  const n = node as Record<string, unknown>
  for (const key of ["all", "any"] as const)
    if (Object.hasOwn(n, key) && Array.isArray(n[key])) (n[key] as Array<unknown>).forEach((c, i) => walk(c, [...path, key, i], known, out, depth + 1))
  if (Object.hasOwn(n, "not") && n.not !== undefined) walk(n.not, [...path, "not"], known, out, depth + 1)
  if (typeof n.fact !== "string" || n.path !== undefined) return
  // own properties only: a fact named `__proto__` or `valueOf` is an unknown fact (the compiler says so), not a check
  const check = Object.hasOwn(known, n.fact) ? known[n.fact] : undefined
  const value = n.value
  if (!check || (typeof value === "object" && value !== null && !Array.isArray(value))) return
  const op = n.operator
  const literals = op === "in" || op === "notIn" ? (Array.isArray(value) ? value : []) : op === "equal" || op === "notEqual" || op === "contains" || op === "doesNotContain" ? [value] : []
  literals.forEach((v, i) => {
    if (!check(v))
      out.push(make("rule-invalid", [...path, "value", ...(Array.isArray(value) ? [i] : [])], { detail: `unknown value \`${String(v)}\` for fact \`${n.fact}\`` }))
  })
}

/**
 * Finds literals in rule conditions that can never match because the fact never takes that value
 * (a misspelt outcome, an unknown food or substance): such a rule would silently never fire, so
 * it is a load-time error.
 *
 * @example
 * import { checkRuleValues } from "@nongan/engine/RuleValues"
 * checkRuleValues([{ conditions: { all: [{ fact: "outcome", operator: "equal", value: "detected" }] } }],
 *   { outcome: (v) => v === "exceeds-limit" })[0]?.code // "rule-invalid"
 *
 * @since 0.1.0
 * @category rules
 */
export const checkRuleValues = (rules: ReadonlyArray<{ readonly conditions?: unknown }>, known: KnownValues): ReadonlyArray<NonganError> => {
  const out: Array<NonganError> = []
  rules.forEach((r, i) => walk(r.conditions, [i, "conditions"], known, out))
  return out
}
