import { Schema } from "effect"
import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Verification } from "@nongan/core/Verification"

/** Where a number comes from and how well it is verified. @since 0.1.0 @category models */
export const Basis = Schema.Struct({ verification: Verification, citation: Schema.optional(Citation), note: Schema.optional(Schema.String) })
/** @since 0.1.0 @category models */
export type Basis = typeof Basis.Type

/**
 * An indicator: a group of evidence types whose weighted points are summed and then capped
 * (`cap.minus`: the most it can take away; `cap.plus`: the most it can add).
 *
 * @example
 * import { Schema } from "effect"
 * import { Indicator } from "@nongan/credit/Model"
 * Schema.decodeUnknownSync(Indicator)({ id: "inspection", label: "抽检", weight: 1, cap: { minus: 60, plus: 5 } }).weight // 1
 *
 * @since 0.1.0
 * @category models
 */
export const Indicator = Schema.Struct({
  id: Schema.String,
  label: Schema.String,
  weight: Schema.NonNegative,
  cap: Schema.Struct({ minus: Schema.NonNegative, plus: Schema.NonNegative })
})
/** @since 0.1.0 @category models */
export type Indicator = typeof Indicator.Type

/**
 * An evidence type: the points one event gives or takes (before the indicator's weight), and how
 * many days an event counts (its validity window, from the event's date).
 *
 * @example
 * import { Schema } from "effect"
 * import { Evidence } from "@nongan/credit/Model"
 * Schema.decodeUnknownSync(Evidence)({ type: "inspection.fail", indicator: "inspection", points: -10, windowDays: 365, label: "不合格" }).points // -10
 *
 * @since 0.1.0
 * @category models
 */
export const Evidence = Schema.Struct({
  type: Schema.String,
  indicator: Schema.String,
  points: Schema.Number,
  windowDays: Schema.Int.pipe(Schema.positive()),
  label: Schema.String,
  basis: Schema.optional(Basis)
})
/** @since 0.1.0 @category models */
export type Evidence = typeof Evidence.Type

/**
 * A hard override: an event of one of `types` sets the grade to `grade` (or worse) for
 * `lockDays` from its date, whatever the score; credit repair does not lift it.
 *
 * @example
 * import { Override } from "@nongan/credit/Model"
 * Override.fields.lockDays !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const Override = Schema.Struct({
  id: Schema.String,
  types: Schema.Array(Schema.String),
  grade: Schema.String,
  lockDays: Schema.Int.pipe(Schema.positive()),
  label: Schema.String,
  basis: Schema.optional(Basis)
})
/** @since 0.1.0 @category models */
export type Override = typeof Override.Type

/**
 * A grade band: the lowest score that earns the grade. Bands are listed best first.
 *
 * @example
 * import { Band } from "@nongan/credit/Model"
 * Band.fields.min !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const Band = Schema.Struct({ grade: Schema.String, min: Schema.Number, label: Schema.optional(Schema.String) })
/** @since 0.1.0 @category models */
export type Band = typeof Band.Type

/**
 * A repair rule (信用修复): an event of `type` may be ended early by a repair event dated at least
 * `minDays` after it. Types without a rule cannot be repaired.
 *
 * @example
 * import { Repair } from "@nongan/credit/Model"
 * Repair.fields.minDays !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const Repair = Schema.Struct({ type: Schema.String, minDays: Schema.Int.pipe(Schema.nonNegative()), label: Schema.String, basis: Schema.optional(Basis) })
/** @since 0.1.0 @category models */
export type Repair = typeof Repair.Type

/**
 * A list entry rule: `count` events of `types` (optionally of given case violations) within
 * `withinDays` put a subject on the list.
 *
 * @example
 * import { EntryRule } from "@nongan/credit/Model"
 * EntryRule.fields.count !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const EntryRule = Schema.Struct({
  id: Schema.String,
  types: Schema.Array(Schema.String),
  violations: Schema.optional(Schema.Array(Schema.String)),
  count: Schema.Int.pipe(Schema.positive()),
  withinDays: Schema.optional(Schema.Int.pipe(Schema.positive())),
  label: Schema.String,
  note: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category models */
export type EntryRule = typeof EntryRule.Type

/**
 * A red or black list. A black list has entry rules and an exit after `exitAfterDays` from the
 * latest entry; a red list has a condition (grade among `grades`, no negative event within
 * `cleanDays`).
 *
 * @example
 * import { ListRule } from "@nongan/credit/Model"
 * ListRule.fields.kind !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const ListRule = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("red", "black"),
  label: Schema.String,
  entry: Schema.optional(Schema.Array(EntryRule)),
  exitAfterDays: Schema.optional(Schema.Int.pipe(Schema.positive())),
  exitBasis: Schema.optional(Basis),
  red: Schema.optional(Schema.Struct({ grades: Schema.Array(Schema.String), cleanDays: Schema.Int.pipe(Schema.positive()) })),
  exitNote: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category models */
export type ListRule = typeof ListRule.Type

const SwitchState = Schema.Literal("reduced", "normal", "tightened")

/**
 * Grade → supervision frequency, and switching rules in the manner of ISO 2859.
 *
 * @example
 * import { SupervisionPolicy } from "@nongan/credit/Model"
 * SupervisionPolicy.fields.switching !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const SupervisionPolicy = Schema.Struct({
  basis: Schema.optional(Basis),
  grades: Schema.Array(Schema.Struct({ grade: Schema.String, direction: Schema.Literal("lower", "normal", "higher"), multiplier: Schema.Positive })),
  switching: Schema.Struct({
    basis: Schema.optional(Basis),
    start: SwitchState,
    normalToReduced: Schema.Struct({ consecutivePasses: Schema.Int.pipe(Schema.positive()) }),
    normalToTightened: Schema.Struct({ failures: Schema.Int.pipe(Schema.positive()), ofLast: Schema.Int.pipe(Schema.positive()) }),
    tightenedToNormal: Schema.Struct({ consecutivePasses: Schema.Int.pipe(Schema.positive()) }),
    reducedOnFailure: Schema.Literal("normal", "tightened"),
    multipliers: Schema.Struct({ reduced: Schema.Positive, normal: Schema.Positive, tightened: Schema.Positive })
  }),
  require: Schema.optional(
    Schema.Array(Schema.Struct({ grades: Schema.Array(Schema.String), direction: Schema.Literal("higher"), label: Schema.String, clause: Schema.optional(Schema.String), layer: Schema.optional(Schema.String) }))
  )
})
/** @since 0.1.0 @category models */
export type SupervisionPolicy = typeof SupervisionPolicy.Type

/**
 * A complete credit model: scale, indicators, evidence types, overrides, grade bands, repair
 * rules, supervision policy and lists. `template: true` marks a neutral model that is not any
 * authority's scheme.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * const m = loadTemplate()
 * if (m.ok) m.value.template // true
 *
 * @since 0.1.0
 * @category models
 */
export const CreditModel = Schema.Struct({
  kind: Schema.Literal("credit-model"),
  id: Schema.String,
  jurisdiction: Schema.String,
  template: Schema.Boolean,
  name: Schema.String,
  nameEn: Schema.optional(Schema.String),
  version: Schema.String,
  effective: EffectivePeriod,
  note: Schema.optional(Schema.String),
  source: Citation,
  scale: Schema.Struct({ base: Schema.Number, floor: Schema.Number, ceiling: Schema.Number }),
  indicators: Schema.Array(Indicator),
  evidence: Schema.Array(Evidence),
  overrides: Schema.Array(Override),
  grades: Schema.Array(Band),
  gradesBasis: Schema.optional(Basis),
  repair: Schema.Array(Repair),
  supervision: SupervisionPolicy,
  lists: Schema.Array(ListRule),
  layers: Schema.optional(Schema.Array(Schema.String))
}).annotations({ identifier: "CreditModel" })
/** @since 0.1.0 @category models */
export type CreditModel = typeof CreditModel.Type

/**
 * A regional credit pack: a partial model layered over its parent. Entries replace the parent's
 * entry of the same key (indicator id, evidence type, override id, grade, repair type, list id,
 * supervision grade) or add new ones; composition checks that the result is stricter.
 *
 * @example
 * import { decodePack } from "@nongan/credit/Model"
 * decodePack({ kind: "credit-pack", id: "x", jurisdiction: "330000", parent: "000000", name: "x", version: "1", effective: { from: "2020-01-01" }, source: { instrument: "x" }, verification: "secondary" }).ok // true
 *
 * @since 0.1.0
 * @category models
 */
export const CreditPack = Schema.Struct({
  kind: Schema.Literal("credit-pack"),
  id: Schema.String,
  jurisdiction: Schema.String.pipe(Schema.pattern(/^\d{6}$/)),
  parent: Schema.String,
  name: Schema.String,
  version: Schema.String,
  effective: EffectivePeriod,
  source: Citation,
  verification: Verification,
  scale: Schema.optional(Schema.Struct({ base: Schema.Number })),
  indicators: Schema.optional(Schema.Array(Indicator)),
  evidence: Schema.optional(Schema.Array(Evidence)),
  overrides: Schema.optional(Schema.Array(Override)),
  grades: Schema.optional(Schema.Array(Band)),
  repair: Schema.optional(Schema.Array(Schema.Struct({ type: Schema.String, minDays: Schema.optional(Schema.Int.pipe(Schema.nonNegative())), forbid: Schema.optional(Schema.Boolean), label: Schema.String }))),
  supervision: Schema.optional(
    Schema.Struct({
      grades: Schema.optional(SupervisionPolicy.fields.grades),
      switching: Schema.optional(Schema.partial(SupervisionPolicy.fields.switching)),
      require: SupervisionPolicy.fields.require
    })
  ),
  lists: Schema.optional(
    Schema.Array(Schema.Struct({ id: Schema.String, entry: Schema.optional(Schema.Array(EntryRule)), exitAfterDays: Schema.optional(Schema.Int.pipe(Schema.positive())), cleanDays: Schema.optional(Schema.Int.pipe(Schema.positive())) }))
  ),
  omitted: Schema.optional(Schema.String)
}).annotations({ identifier: "CreditPack" })
/** @since 0.1.0 @category models */
export type CreditPack = typeof CreditPack.Type

/**
 * Decodes a credit model from unknown input.
 *
 * @example
 * import { decodeModel } from "@nongan/credit/Model"
 * decodeModel({}).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeModel = decoder(CreditModel)

/**
 * Decodes a regional credit pack from unknown input.
 *
 * @example
 * import { decodePack } from "@nongan/credit/Model"
 * decodePack({ kind: "credit-pack" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodePack = decoder(CreditPack)

/**
 * The rank of a grade (0 = best), or the worst rank + 1 for an unknown grade.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { rank } from "@nongan/credit/Model"
 * const m = loadTemplate()
 * if (m.ok) rank(m.value, "A") // 0
 *
 * @since 0.1.0
 * @category combinators
 */
export const rank = (m: Pick<CreditModel, "grades">, grade: string): number => {
  const i = m.grades.findIndex((g) => g.grade === grade)
  return i < 0 ? m.grades.length : i
}
