import { Schema } from "effect"
import { Finding } from "./Finding"
import { ErrorJson } from "./NonganError"
import { Verification } from "./Verification"

/**
 * The verdict on a whole record: `compliant`, `non-compliant`, or `indeterminate` (something
 * could not be decided: no limit, an unknown interval, a rapid-test positive awaiting a lab, an
 * analyte that could not be read or was reported twice).
 *
 * @example
 * import { Verdict } from "@nongan/core/Verdict"
 * Verdict.literals // ["compliant", "non-compliant", "indeterminate"]
 *
 * @since 0.1.0
 * @category models
 */
export const Verdict = Schema.Literal("compliant", "non-compliant", "indeterminate").annotations({ identifier: "Verdict" })
/** @since 0.1.0 @category models */
export type Verdict = typeof Verdict.Type

/**
 * The verdict a set of findings implies: any `violation` or `critical` finding makes a record
 * non-compliant; otherwise any `warning` makes it indeterminate; otherwise it is compliant.
 *
 * @example
 * import { fromFindings } from "@nongan/core/Verdict"
 * fromFindings([{ severity: "info" }, { severity: "warning" }]) // "indeterminate"
 *
 * @since 0.1.0
 * @category combinators
 */
export const fromFindings = (findings: ReadonlyArray<{ readonly severity: string }>): Verdict => {
  let verdict: Verdict = "compliant"
  for (const f of findings) {
    if (f.severity === "violation" || f.severity === "critical") return "non-compliant"
    if (f.severity === "warning") verdict = "indeterminate"
  }
  return verdict
}

/**
 * A rule pack that took part in a judgement: id, jurisdiction, version, sha-256 of its canonical
 * JSON.
 *
 * @example
 * import { Schema } from "effect"
 * import { PackRef } from "@nongan/core/Verdict"
 * Schema.decodeUnknownSync(PackRef)({ id: "cn-national", jurisdiction: "000000", version: "1", hash: "ab" })
 *
 * @since 0.1.0
 * @category models
 */
export const PackRef = Schema.Struct({
  id: Schema.String,
  jurisdiction: Schema.String,
  version: Schema.String,
  hash: Schema.String
}).annotations({ identifier: "PackRef" })
/** @since 0.1.0 @category models */
export type PackRef = typeof PackRef.Type

/**
 * The report on one record: its verdict, the findings, the date it was judged as of, the weakest
 * verification level of the data used, and the packs that judged it. An analyte that could not be
 * read is a finding (`analyte.unreadable`, a warning) whose `error` carries the code, the path in
 * the record (`results[1].substance`) and the message: one bad analyte never sinks a record.
 *
 * @example
 * import { Schema } from "effect"
 * import { RecordReport } from "@nongan/core/Verdict"
 * Schema.decodeUnknownSync(RecordReport)({ id: "KZ-0001", verdict: "compliant", findings: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const RecordReport = Schema.Struct({
  id: Schema.String,
  kind: Schema.optional(Schema.String),
  verdict: Verdict,
  asOf: Schema.optional(Schema.String),
  product: Schema.optional(Schema.String),
  region: Schema.optional(Schema.String),
  verification: Schema.optional(Verification),
  findings: Schema.Array(Finding),
  packs: Schema.optional(Schema.Array(PackRef))
}).annotations({ identifier: "RecordReport" })
/** @since 0.1.0 @category models */
export type RecordReport = typeof RecordReport.Type

/**
 * A record that could not be read: its id (when it had one) and the first error.
 *
 * @example
 * import { Schema } from "effect"
 * import { RecordFailure } from "@nongan/core/Verdict"
 * Schema.decodeUnknownSync(RecordFailure)({ id: null, error: { code: "invalid-json", path: "", message: "x" } })
 *
 * @since 0.1.0
 * @category models
 */
export const RecordFailure = Schema.Struct({
  id: Schema.NullOr(Schema.String),
  error: ErrorJson,
  errors: Schema.optional(Schema.Array(ErrorJson))
}).annotations({ identifier: "RecordFailure" })
/** @since 0.1.0 @category models */
export type RecordFailure = typeof RecordFailure.Type

/**
 * Counts over a batch: every record read is counted exactly once.
 *
 * @example
 * import { emptySummary } from "@nongan/core/Verdict"
 * emptySummary().records // 0
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  records: number
  compliant: number
  nonCompliant: number
  indeterminate: number
  malformed: number
  criminalReferrals: number
}

/**
 * A zeroed {@link Summary}.
 *
 * @example
 * import { emptySummary } from "@nongan/core/Verdict"
 * emptySummary().malformed // 0
 *
 * @since 0.1.0
 * @category constructors
 */
export const emptySummary = (): Summary => ({
  records: 0,
  compliant: 0,
  nonCompliant: 0,
  indeterminate: 0,
  malformed: 0,
  criminalReferrals: 0
})

/**
 * Adds one outcome to a summary (mutates and returns it).
 *
 * @example
 * import { emptySummary, tally } from "@nongan/core/Verdict"
 * tally(emptySummary(), { verdict: "compliant", findings: [] }).compliant // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const tally = (
  s: Summary,
  r: { readonly verdict: Verdict; readonly findings: ReadonlyArray<{ readonly referral?: string | undefined }> } | "malformed"
): Summary => {
  s.records++
  if (r === "malformed") s.malformed++
  else {
    if (r.verdict === "compliant") s.compliant++
    else if (r.verdict === "non-compliant") s.nonCompliant++
    else s.indeterminate++
    if (r.findings.some((f) => f.referral === "criminal-referral")) s.criminalReferrals++
  }
  return s
}
