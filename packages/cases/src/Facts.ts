import { Schema } from "effect"
import { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import { Finding } from "@nongan/core/Finding"
import { InputKind, Stage, SubjectType } from "./Subject"

/**
 * An earlier penalty of the same subject: the date it took effect (生效之日, 法释〔2021〕24号
 * art. 25), whether it was administrative or criminal, and for which violation.
 *
 * @example
 * import { Schema } from "effect"
 * import { PriorPenalty } from "@nongan/cases/Facts"
 * Schema.decodeUnknownSync(PriorPenalty)({ effectiveOn: "2023-05-01", kind: "administrative", violation: "residue-exceeds" })
 *
 * @since 0.1.0
 * @category models
 */
export const PriorPenalty = Schema.Struct({
  effectiveOn: CalendarDate,
  kind: Schema.Literal("administrative", "criminal"),
  violation: Schema.optional(Schema.String),
  caseId: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category models */
export type PriorPenalty = typeof PriorPenalty.Type

/**
 * The facts of a case: the subject and its type, the supply-chain stage, the goods value (货值,
 * yuan), illegal gains and sales amount where known, the date of the act, the dates of discovery,
 * report and decision where known, the findings (as the checks produced them) and violations
 * stated directly (by id in the case table), earlier penalties, and the judgements only an
 * officer can make (`seriousExcess`, knowledge indicators, harm, correction by the deadline).
 *
 * @example
 * import { decodeFacts } from "@nongan/cases/Facts"
 * decodeFacts({ id: "C1", subject: { id: "S1", type: "farmer" }, stage: "production", actOn: "2024-06-01", violations: ["production-records"] }).ok // true
 *
 * @since 0.1.0
 * @category models
 */
export const CaseFacts = Schema.Struct({
  id: Schema.String,
  subject: Schema.Struct({ id: Schema.String, type: SubjectType, name: Schema.optional(Schema.String) }),
  stage: Stage,
  aquaculture: Schema.optional(Schema.Boolean),
  input: Schema.optional(InputKind),
  goodsValue: Schema.optional(Schema.NonNegative),
  illegalGains: Schema.optional(Schema.NonNegative),
  salesAmount: Schema.optional(Schema.NonNegative),
  actOn: CalendarDate,
  discoveredOn: Schema.optional(CalendarDate),
  reportedOn: Schema.optional(CalendarDate),
  decidedOn: Schema.optional(CalendarDate),
  findings: Schema.optional(Schema.Array(Finding)),
  violations: Schema.optional(Schema.Array(Schema.String)),
  priorPenalties: Schema.optional(Schema.Array(PriorPenalty)),
  seriousExcess: Schema.optional(Schema.Boolean),
  knowledge: Schema.optional(Schema.Array(Schema.String)),
  harm: Schema.optional(Schema.Boolean),
  correctedByDeadline: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "CaseFacts" })
/** @since 0.1.0 @category models */
export type CaseFacts = typeof CaseFacts.Type

/**
 * Decodes case facts from unknown input: `{ ok: true, value }` or typed errors with paths.
 *
 * @example
 * import { decodeFacts } from "@nongan/cases/Facts"
 * decodeFacts({ id: "C1" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeFacts = decoder(CaseFacts)
