import { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import { fileHeader } from "./internal/fileHeader"

/**
 * A non-negative decimal written as a JSON string (`"7"`, `"48"`, `"500"`), decoded exactly.
 *
 * @example
 * import { Schema } from "effect"
 * import { Amount } from "@nongan/intervals/WithdrawalTable"
 * Schema.decodeUnknownSync(Amount)("7").toString() // "7"
 *
 * @since 0.1.0
 * @category models
 */
export const Amount = Decimal.DecimalFromString.pipe(
  Schema.filter((d) => !Decimal.isNegative(d), { identifier: "NonNegativeDecimal", description: "a decimal that is not negative" })
)

/**
 * The unit of an interval: `d` (days), `h` (hours) or `degree-days` (度日: the sum of daily mean
 * water temperatures in °C, for fish).
 *
 * @example
 * import { IntervalUnit } from "@nongan/intervals/WithdrawalTable"
 * IntervalUnit.literals // ["d", "h", "degree-days"]
 *
 * @since 0.1.0
 * @category models
 */
export const IntervalUnit = Schema.Literal("d", "h", "degree-days").annotations({ identifier: "IntervalUnit" })
/** @since 0.1.0 @category models */
export type IntervalUnit = typeof IntervalUnit.Type

/**
 * An interval: an exact amount and its unit (`{ "value": "48", "unit": "h" }`).
 *
 * @example
 * import { Schema } from "effect"
 * import { Interval } from "@nongan/intervals/WithdrawalTable"
 * Schema.decodeUnknownSync(Interval)({ value: "48", unit: "h" })
 *
 * @since 0.1.0
 * @category models
 */
export const Interval = Schema.Struct({ value: Amount, unit: IntervalUnit }).annotations({ identifier: "Interval" })
/** @since 0.1.0 @category models */
export type Interval = typeof Interval.Type

/**
 * A withdrawal period (休药期) for some species: the species (catalogue ids or names, a group such as
 * `家禽` covers its members) and the interval between the last dose and slaughter.
 *
 * @example
 * import { Schema } from "effect"
 * import { SpeciesPeriod } from "@nongan/intervals/WithdrawalTable"
 * Schema.decodeUnknownSync(SpeciesPeriod)({ species: ["牛", "羊", "猪"], value: "7", unit: "d" })
 *
 * @since 0.1.0
 * @category models
 */
export const SpeciesPeriod = Schema.Struct({
  species: Schema.NonEmptyArray(Schema.NonEmptyTrimmedString),
  value: Amount,
  unit: IntervalUnit
}).annotations({ identifier: "SpeciesPeriod" })
/** @since 0.1.0 @category models */
export type SpeciesPeriod = typeof SpeciesPeriod.Type

/**
 * Production states in which a product must not be used: `laying` (产蛋期禁用) and `lactating`
 * (泌乳期禁用).
 *
 * @example
 * import { ProhibitedState } from "@nongan/intervals/WithdrawalTable"
 * ProhibitedState.literals // ["laying", "lactating"]
 *
 * @since 0.1.0
 * @category models
 */
export const ProhibitedState = Schema.Literal("laying", "lactating")
/** @since 0.1.0 @category models */
export type ProhibitedState = typeof ProhibitedState.Type

/**
 * Why a row is kept in the file but not loaded: a name in it is not (yet) in a catalogue. A
 * withheld row is decoded and must be cited like any other, but no judgement ever uses it; a
 * record that needs it gets `interval.unknown`. Remove the marker once the names are catalogued.
 *
 * @example
 * import { Schema } from "effect"
 * import { Withheld } from "@nongan/intervals/WithdrawalTable"
 * Schema.decodeUnknownSync(Withheld)({ reason: "uncatalogued-substance", names: ["马杜霉素"] })
 *
 * @since 0.1.0
 * @category models
 */
export const Withheld = Schema.Struct({
  reason: Schema.Literal("uncatalogued-substance", "uncatalogued-food", "uncatalogued-species"),
  names: Schema.NonEmptyArray(Schema.String),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "Withheld" })
/** @since 0.1.0 @category models */
export type Withheld = typeof Withheld.Type

/**
 * One row of a withdrawal table (农业部公告第278号 附件1 and its successors): a veterinary product
 * (制剂) with its active ingredients, withdrawal periods per species, egg and milk discard periods
 * (弃蛋期, 弃奶期), the production states it is prohibited in, its effective period (a row
 * repealed by a later instrument ends the day before the repeal and names it in `repealedBy`),
 * citation and verification. `effective` may be left to the file.
 *
 * @example
 * import { Schema } from "effect"
 * import { WithdrawalRow } from "@nongan/intervals/WithdrawalTable"
 * Schema.decodeUnknownSync(WithdrawalRow)({
 *   id: "278-土霉素片", product: "土霉素片", drugs: ["土霉素"],
 *   periods: [{ species: ["牛", "羊", "猪"], value: "7", unit: "d" }, { species: ["家禽"], value: "5", unit: "d" }],
 *   eggDiscard: { value: "2", unit: "d" }, milkDiscard: { value: "3", unit: "d" }, prohibitedStates: [],
 *   effective: { from: "2003-05-22" }, citation: { instrument: "农业部公告第278号", clause: "附件1 第4项" },
 *   verification: "official-text"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const WithdrawalRow = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  product: Schema.NonEmptyTrimmedString,
  drugs: Schema.NonEmptyArray(Schema.NonEmptyTrimmedString),
  standard: Schema.optional(Schema.String),
  periods: Schema.Array(SpeciesPeriod),
  eggDiscard: Schema.optional(Interval),
  milkDiscard: Schema.optional(Interval),
  prohibitedStates: Schema.optional(Schema.Array(ProhibitedState)),
  effective: Schema.optional(EffectivePeriod),
  repealedBy: Schema.optional(Citation),
  notes: Schema.optional(Schema.String),
  withheld: Schema.optional(Withheld),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification)
}).annotations({ identifier: "WithdrawalRow" })
/** @since 0.1.0 @category models */
export type WithdrawalRow = typeof WithdrawalRow.Type

/**
 * The schema of a withdrawal-table file (`rules/national/intervals/withdrawal-*.json`). Every row
 * must carry its own citation and verification; `effective` on the file is the default for rows
 * that have none.
 *
 * @example
 * import { Schema } from "effect"
 * import { WithdrawalFile } from "@nongan/intervals/WithdrawalTable"
 * Schema.decodeUnknownSync(WithdrawalFile)({ kind: "withdrawal-table", id: "demo", rows: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const WithdrawalFile = Schema.Struct({
  kind: Schema.Literal("withdrawal-table"),
  ...fileHeader,
  instrument: Schema.optional(Schema.String),
  rows: Schema.Array(WithdrawalRow)
}).annotations({ identifier: "WithdrawalFile" })
/** @since 0.1.0 @category models */
export type WithdrawalFile = typeof WithdrawalFile.Type
