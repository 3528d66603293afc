import { Citation } from "@nongan/core/Citation"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import { fileHeader } from "./internal/fileHeader"
import { Amount, Withheld } from "./WithdrawalTable"

/**
 * Where a pre-harvest interval comes from: `registration` (the label of a registered product, PD
 * number in `registrationNo`), `standard` (a GB/T 8321 《农药合理使用准则》 row) or `reference-table`
 * (a secondary table that is not tied to a registration; the label of the product actually used
 * prevails).
 *
 * @example
 * import { PhiBasis } from "@nongan/intervals/PhiTable"
 * PhiBasis.literals // ["registration", "standard", "reference-table"]
 *
 * @since 0.1.0
 * @category models
 */
export const PhiBasis = Schema.Literal("registration", "standard", "reference-table")
/** @since 0.1.0 @category models */
export type PhiBasis = typeof PhiBasis.Type

/**
 * One pre-harvest interval (安全间隔期) row: a product with its active ingredients, registered (or
 * recommended) on a crop, with the interval in days from the last application to harvest and the
 * maximum number of applications per season. `crop` is a food-catalogue name or alias on the
 * plant side (a category such as `叶菜类蔬菜` covers its members); `cropAsPrinted` keeps the
 * source's wording when it differs.
 *
 * @example
 * import { Schema } from "effect"
 * import { PhiRow } from "@nongan/intervals/PhiTable"
 * Schema.decodeUnknownSync(PhiRow)({
 *   id: "PD20000000-豇豆", registrationNo: "PD20000000", basis: "registration", product: "1.8%阿维菌素乳油",
 *   activeIngredients: ["阿维菌素"], crop: "豇豆", phiDays: "5", maxApplications: 3,
 *   citation: { instrument: "农药登记证 PD20000000" }, verification: "official-text"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const PhiRow = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  registrationNo: Schema.optional(Schema.NullOr(Schema.NonEmptyTrimmedString)),
  basis: Schema.optional(PhiBasis),
  product: Schema.optional(Schema.NonEmptyTrimmedString),
  registrant: Schema.optional(Schema.String),
  formulation: Schema.optional(Schema.String),
  activeIngredients: Schema.NonEmptyArray(Schema.NonEmptyTrimmedString),
  crop: Schema.NonEmptyTrimmedString,
  cropAsPrinted: Schema.optional(Schema.String),
  target: Schema.optional(Schema.String),
  dosage: Schema.optional(Schema.String),
  phiDays: Amount,
  maxApplications: Schema.optional(Schema.NullOr(Schema.Int.pipe(Schema.positive()))),
  effective: Schema.optional(EffectivePeriod),
  notes: Schema.optional(Schema.String),
  withheld: Schema.optional(Withheld),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification)
}).annotations({ identifier: "PhiRow" })
/** @since 0.1.0 @category models */
export type PhiRow = typeof PhiRow.Type

/**
 * The schema of a pre-harvest-interval file (`rules/national/intervals/phi*.json`, or a file of
 * registration data a user imports). Every row must carry its own citation and verification.
 *
 * @example
 * import { Schema } from "effect"
 * import { PhiFile } from "@nongan/intervals/PhiTable"
 * Schema.decodeUnknownSync(PhiFile)({ kind: "phi-table", id: "my-labels", rows: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const PhiFile = Schema.Struct({
  kind: Schema.Literal("phi-table"),
  ...fileHeader,
  rows: Schema.Array(PhiRow)
}).annotations({ identifier: "PhiFile" })
/** @since 0.1.0 @category models */
export type PhiFile = typeof PhiFile.Type
