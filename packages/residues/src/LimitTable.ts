import { Citation } from "@nongan/core/Citation"
import { DecimalFromString } from "@nongan/core/Decimal"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Unit } from "@nongan/core/Unit"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"

/**
 * One limit: a substance on a plant-side food node, or on an animal species + tissue, with its
 * value (exact decimal), unit, flags and citation. `limit` may be absent only when
 * `mustNotDetect` is set (不得检出). `extraneous` marks a 再残留限量 (EMRL): the limit GB 2763 sets
 * for a persistent banned pesticide still present in the environment (滴滴涕, 六六六, 狄氏剂 …).
 *
 * @example
 * import { Schema } from "effect"
 * import { LimitRow } from "@nongan/residues/LimitTable"
 * Schema.decodeUnknownSync(LimitRow)({
 *   substance: "毒死蜱", food: "芹菜", limit: "0.05", unit: "mg/kg",
 *   citation: { instrument: "GB 2763-2021" }, verification: "secondary"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const LimitRow = Schema.Struct({
  substance: Schema.NonEmptyTrimmedString,
  food: Schema.optional(Schema.NonEmptyTrimmedString),
  species: Schema.optional(Schema.NonEmptyTrimmedString),
  tissue: Schema.optional(Schema.NonEmptyTrimmedString),
  limit: Schema.optional(DecimalFromString),
  unit: Unit,
  temporary: Schema.optional(Schema.Boolean),
  mustNotDetect: Schema.optional(Schema.Boolean),
  extraneous: Schema.optional(Schema.Boolean),
  excludes: Schema.optional(Schema.Array(Schema.String)),
  excludesListed: Schema.optional(Schema.Boolean),
  restriction: Schema.optional(Schema.Literal("laying", "lactating")),
  effective: Schema.optional(EffectivePeriod),
  citation: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "LimitRow" })
/** @since 0.1.0 @category models */
export type LimitRow = typeof LimitRow.Type

/**
 * The schema of a limit-table file (`rules/national/limits/*.json`): one instrument edition,
 * its effective period, and its rows.
 *
 * @example
 * import { Schema } from "effect"
 * import { LimitTableFile } from "@nongan/residues/LimitTable"
 * Schema.decodeUnknownSync(LimitTableFile)({
 *   kind: "limit-table", instrument: "GB 2763-2026", effective: { from: "2026-03-01" },
 *   citation: { instrument: "GB 2763-2026" }, rows: []
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const LimitTableFile = Schema.Struct({
  kind: Schema.Literal("limit-table"),
  instrument: Schema.NonEmptyTrimmedString,
  title: Schema.optional(Schema.String),
  effective: EffectivePeriod,
  citation: Citation,
  note: Schema.optional(Schema.String),
  /** per clause of the instrument (GB 2763): the compound, its residue definition and ADI as the clause states them */
  clauses: Schema.optional(
    Schema.Array(
      Schema.Struct({
        clause: Schema.String,
        compound: Schema.String,
        substance: Schema.optional(Schema.String),
        english: Schema.optional(Schema.String),
        residue: Schema.optional(Schema.String),
        adi: Schema.optional(Schema.String),
        use: Schema.optional(Schema.String)
      })
    )
  ),
  /**
   * Substances whose table in this instrument is held whole: every row the instrument sets for
   * them is here. For these, a food with no row has no limit in law (`no-limit`); for any other
   * substance a missing row only means nongan does not hold it (`limit-not-held`).
   */
  holdsWhole: Schema.optional(Schema.Array(Schema.String)),
  /** the number of limits the instrument publishes in all, when known (for coverage reports) */
  publishedTotal: Schema.optional(Schema.Number),
  rows: Schema.Array(LimitRow)
}).annotations({ identifier: "LimitTableFile" })
/** @since 0.1.0 @category models */
export type LimitTableFile = typeof LimitTableFile.Type

/**
 * A limit row as indexed: the row with its instrument, effective period (the row's own or the
 * table's) and a stable reference `instrument#index`.
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexedLimit {
  readonly ref: string
  readonly instrument: string
  readonly from: string
  readonly to: string | undefined
  readonly row: LimitRow
}
