import { Schema } from "effect"
import { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import type { Finding } from "@nongan/core/Finding"
import type { Case } from "@nongan/cases/Route"

/**
 * A dated credit event of one subject. `type` names an evidence type of the model
 * (`inspection.fail`, `case.administrative-penalty` …) or `credit.repair`, which ends the event
 * named by `target` early where the model's repair rules allow it.
 *
 * @example
 * import { decodeEvent } from "@nongan/credit/Event"
 * decodeEvent({ id: "E1", subject: "S1", type: "inspection.fail", on: "2025-03-01" }).ok // true
 *
 * @since 0.1.0
 * @category models
 */
export const CreditEvent = Schema.Struct({
  id: Schema.String,
  subject: Schema.String,
  type: Schema.String,
  on: CalendarDate,
  target: Schema.optional(Schema.String),
  violation: Schema.optional(Schema.String),
  caseId: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "CreditEvent" })
/** @since 0.1.0 @category models */
export type CreditEvent = typeof CreditEvent.Type

/**
 * Decodes one credit event from unknown input.
 *
 * @example
 * import { decodeEvent } from "@nongan/credit/Event"
 * decodeEvent({ id: "E1" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeEvent = decoder(CreditEvent)

const BANNED = new Set(["residue.prohibited-use", "use.prohibited-substance"])
const FAIL = new Set(["residue.exceeds-limit", "residue.must-not-detect", "interval.too-short", "interval.prohibited-in-state", "use.outside-registration"])
const PASS = new Set(["residue.not-detected", "residue.within-limit", "interval.respected", "use.registered"])

/**
 * The credit event one inspection report gives: `finding.banned-substance` when a banned
 * substance was found or used, else `inspection.fail` for an exceedance or an interval breach,
 * else `inspection.pass` when every finding is a pass. A report with only rapid-test positives,
 * unreadable analytes or no-limit outcomes gives no event (nothing was established).
 *
 * @example
 * import { eventFromReport } from "@nongan/credit/Event"
 * eventFromReport("R1", "S1", "2025-03-01" as any, [{ code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation" }])?.type // "inspection.fail"
 *
 * @since 0.1.0
 * @category constructors
 */
export const eventFromReport = (id: string, subject: string, on: CalendarDate, findings: ReadonlyArray<Finding>): CreditEvent | undefined => {
  if (findings.some((f) => BANNED.has(f.code))) return { id, subject, type: "finding.banned-substance", on }
  if (findings.some((f) => FAIL.has(f.code))) return { id, subject, type: "inspection.fail", on }
  if (findings.length > 0 && findings.every((f) => PASS.has(f.code))) return { id, subject, type: "inspection.pass", on }
  return undefined
}

/**
 * The credit events a routed case gives, dated on the decision (or transfer) date: one
 * `case.criminal-referral` per count transferred to the police, one `case.administrative-penalty`
 * per count with an administrative penalty that applies. Counts not decided (pending assessment,
 * time-barred, corrected, no provision) give none.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * import { routeCase } from "@nongan/cases/Route"
 * import { eventsFromCase } from "@nongan/credit/Event"
 * const t = loadTable()
 * if (t.ok) {
 *   const c = routeCase(t.value, { id: "C1", subject: { id: "S1", type: "enterprise" }, stage: "production", actOn: "2025-03-01" as any, goodsValue: 2000, violations: ["inspection-obstructed"] })
 *   eventsFromCase(c, "2025-04-01" as any).map((e) => e.type) // ["case.administrative-penalty"]
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const eventsFromCase = (c: Case, decidedOn: CalendarDate): ReadonlyArray<CreditEvent> =>
  c.counts.flatMap((k, i): ReadonlyArray<CreditEvent> => {
    const base = { subject: c.subject.id, on: decidedOn, violation: k.violation, caseId: c.id }
    if (k.criminal?.kind === "transfer") return [{ id: `${c.id}#${i}`, type: "case.criminal-referral", ...base }]
    if (k.administrative.status === "applies") return [{ id: `${c.id}#${i}`, type: "case.administrative-penalty", ...base }]
    return []
  })
