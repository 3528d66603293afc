import { randomUUID } from "node:crypto"
import { emptySummary, type Summary, tally } from "@nongan/core/Verdict"
import type { Validator } from "@nongan/sdk/Validator"
import type { DecisionLog } from "./DecisionLog"
import type { DecisionFailure, DecisionReport } from "./Schemas"

/**
 * Judges one record with the SDK's validator and gives the decision an id: a report, or the
 * record's failure with its typed errors. Never throws.
 *
 * @example
 * import { decide } from "@nongan/server/Decide"
 * import { createValidator } from "@nongan/sdk/Validator"
 * const v = createValidator()
 * if (v.ok) "verdict" in decide(v.value, { id: "A", sampledOn: "2024-06-15", product: "芹菜",
 *   results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] }) // true
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (validator: Validator, record: unknown, log?: DecisionLog): DecisionReport | DecisionFailure => {
  const v = validator.validate(record)
  const item = v.ok ? withDecisionId(v.report) : withDecisionId(v.failure)
  log?.write(item)
  return item
}

// The SDK's report (or failure) with a decision id as its last key. The validator returns a
// fresh top-level object that nothing else holds (`Validator.validate`), so the id is added in
// place instead of copying every key; a frozen or sealed one is copied.
const withDecisionId = <A extends object>(o: A): A & { readonly decisionId: string } => {
  if (!Object.isExtensible(o) || "decisionId" in o) return { ...o, decisionId: randomUUID() }
  ;(o as { decisionId?: string }).decisionId = randomUUID()
  return o as A & { readonly decisionId: string }
}

/**
 * Counts a decision into a batch summary (mutates and returns it).
 *
 * @example
 * import { count } from "@nongan/server/Decide"
 * import { emptySummary } from "@nongan/core/Verdict"
 * count(emptySummary(), { decisionId: "d", id: null, error: { code: "invalid-json", path: "", message: "m" } }).malformed // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const count = (s: Summary, item: DecisionReport | DecisionFailure): Summary => tally(s, "verdict" in item ? item : "malformed")

/**
 * Judges a batch: one decision per item, in order, and the counts.
 *
 * @example
 * import { decideAll } from "@nongan/server/Decide"
 * import { createValidator } from "@nongan/sdk/Validator"
 * const v = createValidator()
 * if (v.ok) decideAll(v.value, [1, {}]).summary.malformed // 2
 *
 * @since 0.1.0
 * @category rules
 */
export const decideAll = (
  validator: Validator,
  records: ReadonlyArray<unknown>,
  log?: DecisionLog
): { readonly items: ReadonlyArray<DecisionReport | DecisionFailure>; readonly summary: Summary } => {
  const summary = emptySummary()
  const items = records.map((r) => {
    const item = decide(validator, r, log)
    count(summary, item)
    return item
  })
  return { items, summary }
}
