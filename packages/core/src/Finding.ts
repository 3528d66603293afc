import { Schema } from "effect"
import { Citation } from "./Citation"
import { NameReading } from "./NameReading"
import { ErrorJson } from "./NonganError"
import { Verification } from "./Verification"

/**
 * What a check found about one analyte, one interval or one rule. Outcomes are a closed list.
 *
 * - `not-detected`: below the reporting limit (LOD/LOQ), or `ND` / `未检出`
 * - `within-limit`: detected, not above the limit
 * - `exceeds-limit`: above the limit (plain comparison, or beyond measurement uncertainty)
 * - `exceeds-within-uncertainty`: above the limit but not beyond measurement uncertainty
 * - `detected-must-not-detect`: detected where the standard says 不得检出 (or 产蛋期/泌乳期禁用)
 * - `prohibited-substance-detected`: a substance whose use was prohibited there on the date
 * - `no-limit`: no limit for the substance and food on the date (China has no default limit)
 * - `exceeds-threshold`: above a sampling programme's decision threshold (判定值; not an MRL),
 *   reported only when that programme's thresholds are selected
 * - `inconclusive`: not detected, but the method's reporting limit lies above the limit
 * - `screen-negative` / `screen-positive`: rapid test results; positive means confirm by a lab
 * - `interval-respected` / `interval-too-short` / `interval-unknown` / `prohibited-in-state`
 * - `use-prohibited` / `use-outside-registration` / `registered-use`
 * - `detected-not-quantified`: a laboratory `检出` with no number where a numeric limit applies
 *   (the comparison cannot be made: quantify the result)
 * - `unreadable`: one analyte of a record could not be read (its `error` says why and where)
 * - `duplicate-analyte`: the same analyte reported twice in one record
 * - `definition-mismatch`: the name as written disagrees with the residue definition held
 * - certificate outcomes (`@nongan/certificates`): `certificate-conforms`, `element-missing`,
 *   `nonconforming-text`, `basis-not-in-force`, `invalid-date`, `no-regime`, `out-of-scope`,
 *   `not-obliged`, `false-commitment`, `basis-not-covered`, `evidence-missing`, `upstream-missing`,
 *   `legacy-mapped`
 * - `custom`: a finding from a regional custom rule
 *
 * @example
 * import { Outcome } from "@nongan/core/Finding"
 * Outcome.literals.length > 10 // true
 *
 * @since 0.1.0
 * @category models
 */
export const Outcome = Schema.Literal(
  "not-detected",
  "within-limit",
  "exceeds-limit",
  "exceeds-within-uncertainty",
  "detected-must-not-detect",
  "prohibited-substance-detected",
  "no-limit",
  "limit-not-held",
  "exceeds-threshold",
  "inconclusive",
  "screen-negative",
  "screen-positive",
  "interval-respected",
  "interval-too-short",
  "interval-unknown",
  "prohibited-in-state",
  "use-prohibited",
  "use-outside-registration",
  "registered-use",
  "detected-not-quantified",
  "unreadable",
  "duplicate-analyte",
  "definition-mismatch",
  "certificate-conforms",
  "element-missing",
  "nonconforming-text",
  "basis-not-in-force",
  "invalid-date",
  "no-regime",
  "out-of-scope",
  "not-obliged",
  "false-commitment",
  "basis-not-covered",
  "evidence-missing",
  "upstream-missing",
  "legacy-mapped",
  "custom"
).annotations({ identifier: "Outcome" })

/** @since 0.1.0 @category models */
export type Outcome = typeof Outcome.Type

/**
 * How serious a finding is: `info` (nothing wrong), `warning` (needs attention or confirmation),
 * `violation` (non-compliant), `critical` (illegal use: criminal referral).
 *
 * @example
 * import { Severity } from "@nongan/core/Finding"
 * Severity.literals // ["info", "warning", "violation", "critical"]
 *
 * @since 0.1.0
 * @category models
 */
export const Severity = Schema.Literal("info", "warning", "violation", "critical").annotations({ identifier: "Severity" })
/** @since 0.1.0 @category models */
export type Severity = typeof Severity.Type

/**
 * Where a finding is routed: `criminal-referral` (涉嫌犯罪，移送公安机关: 立案追诉 has no quantity
 * threshold for banned substances), `administrative` (行政处罚 / 不合格处置), `confirm-by-lab`
 * (a rapid-test positive), or none.
 *
 * @example
 * import { Referral } from "@nongan/core/Finding"
 * Referral.literals.includes("criminal-referral") // true
 *
 * @since 0.1.0
 * @category models
 */
export const Referral = Schema.Literal("criminal-referral", "administrative", "confirm-by-lab").annotations({
  identifier: "Referral"
})
/** @since 0.1.0 @category models */
export type Referral = typeof Referral.Type

/**
 * Stable finding codes. Regional custom rules add codes of the form `local.<name>`.
 *
 * @example
 * import { FindingCode } from "@nongan/core/Finding"
 * FindingCode.literals.includes("residue.exceeds-limit") // true
 *
 * @since 0.1.0
 * @category models
 */
export const FindingCode = Schema.Literal(
  "residue.not-detected",
  "residue.within-limit",
  "residue.exceeds-limit",
  "residue.exceeds-within-uncertainty",
  "residue.must-not-detect",
  "residue.prohibited-use",
  "residue.no-limit",
  "residue.limit-not-held",
  "residue.exceeds-threshold",
  "residue.inconclusive",
  "residue.screen-negative",
  "residue.screen-positive",
  "residue.not-quantified",
  "analyte.unreadable",
  "analyte.duplicate",
  "analyte.definition-mismatch",
  "interval.respected",
  "interval.too-short",
  "interval.unknown",
  "interval.prohibited-in-state",
  "use.prohibited-substance",
  "use.outside-registration",
  "use.registered",
  "certificate.conforms",
  "certificate.element-missing",
  "certificate.commitment-text",
  "certificate.basis-not-in-force",
  "certificate.date-in-future",
  "certificate.date-before-batch",
  "certificate.no-regime",
  "certificate.out-of-scope",
  "certificate.issuer-not-obliged",
  "certificate.false-commitment",
  "certificate.product-violation",
  "certificate.basis-not-covered",
  "certificate.evidence-missing",
  "certificate.interval-not-over",
  "certificate.upstream-missing",
  "certificate.legacy-basis"
).annotations({ identifier: "FindingCode" })
/** @since 0.1.0 @category models */
export type FindingCode = typeof FindingCode.Type

/**
 * Whether a string is a known finding code or a custom rule code (`local.<name>`).
 *
 * @example
 * import { isKnownCode } from "@nongan/core/Finding"
 * isKnownCode("local.kz-key-variety") // true
 * isKnownCode("whatever") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const isKnownCode = (code: string): boolean =>
  (FindingCode.literals as ReadonlyArray<string>).includes(code) || /^local\.[a-z0-9][a-z0-9.-]*$/.test(code)

/**
 * A finding: one judgement with the values it read and the law it rests on. Numbers in
 * `measured` and `limit` are in `unit`; `source` names the instrument whose datum was applied;
 * `verification` is that datum's verification level; `decisionRule` names how the comparison was
 * made; `layer` and `rule` name the rule pack and rule that produced it.
 *
 * @example
 * import { Schema } from "effect"
 * import { Finding } from "@nongan/core/Finding"
 * Schema.decodeUnknownSync(Finding)({
 *   code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation",
 *   substance: "克百威", measured: 0.062, limit: 0.02, unit: "mg/kg", source: "GB 2763-2021"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const Finding = Schema.Struct({
  code: Schema.String,
  outcome: Outcome,
  severity: Severity,
  substance: Schema.optional(Schema.String),
  food: Schema.optional(Schema.String),
  measured: Schema.optional(Schema.Number),
  limit: Schema.optional(Schema.Number),
  unit: Schema.optional(Schema.String),
  source: Schema.optional(Schema.String),
  citation: Schema.optional(Citation),
  citations: Schema.optional(Schema.Array(Citation)),
  verification: Schema.optional(Verification),
  temporary: Schema.optional(Schema.Boolean),
  decisionRule: Schema.optional(Schema.String),
  referral: Schema.optional(Referral),
  categoryPath: Schema.optional(Schema.Array(Schema.String)),
  layer: Schema.optional(Schema.String),
  rule: Schema.optional(Schema.String),
  values: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  /** how the names as written were read (only present when a reading changed a name) */
  read: Schema.optional(
    Schema.Struct({ product: Schema.optional(NameReading), substance: Schema.optional(NameReading), value: Schema.optional(Schema.String) })
  ),
  message: Schema.optional(Schema.String),
  /** why an analyte could not be read (`analyte.unreadable`), with its path in the record */
  error: Schema.optional(ErrorJson)
}).annotations({ identifier: "Finding" })

/** @since 0.1.0 @category models */
export type Finding = typeof Finding.Type
