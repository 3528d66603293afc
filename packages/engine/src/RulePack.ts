import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { RegionCode } from "@nongan/core/Ids"
import { Verification } from "@nongan/core/Verification"
import { LimitRow } from "@nongan/residues/LimitTable"
import { Scope, StatusKind } from "@nongan/substances/Status"
import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"

/**
 * A local parameter: a quota, target or coverage figure (stored now; sampling and credit work
 * read them). `direction` says which way a lower layer may move it: `at-least` (targets, quotas:
 * a lower layer may only raise them) or `at-most`.
 *
 * @example
 * import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"
 * import { Parameter } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(Parameter)({ id: "sampling.quantitative.perThousand", value: "1.5", unit: "批次/千人",
 *   direction: "at-least", citation: { instrument: "开州区 2022 工作要点", clause: "（八）" } })
 *
 * @since 0.1.0
 * @category models
 */
export const Parameter = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  value: Schema.Union(Schema.String, Schema.Number, Schema.Array(Schema.String)),
  unit: Schema.optional(Schema.String),
  direction: Schema.optional(Schema.Literal("at-least", "at-most")),
  effective: Schema.optional(EffectivePeriod),
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "Parameter" })
/** @since 0.1.0 @category models */
export type Parameter = typeof Parameter.Type

/**
 * A local ban or scope ban: only statuses that prohibit use may be added (a pack cannot lift a
 * ban: there is no way to write one).
 *
 * @example
 * import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"
 * import { LocalBan } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(LocalBan)({ substance: "毒死蜱", status: "banned-in-scope", scope: { foods: ["茶叶"] },
 *   citation: { instrument: "某省公告" } })
 *
 * @since 0.1.0
 * @category models
 */
export const LocalBan = Schema.Struct({
  substance: Schema.NonEmptyTrimmedString,
  status: Schema.Literal("banned", "banned-in-scope", "banned-food-animals"),
  scope: Scope,
  effective: Schema.optional(EffectivePeriod),
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "LocalBan" })
/** @since 0.1.0 @category models */
export type LocalBan = typeof LocalBan.Type

/**
 * A local (longer) withdrawal period or pre-harvest interval.
 *
 * @example
 * import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"
 * import { LocalInterval } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(LocalInterval)({ product: "土霉素片", species: "猪", value: "10", unit: "d",
 *   citation: { instrument: "某县规定" } })
 *
 * @since 0.1.0
 * @category models
 */
export const LocalInterval = Schema.Struct({
  product: Schema.optional(Schema.String),
  drug: Schema.optional(Schema.String),
  pesticide: Schema.optional(Schema.String),
  species: Schema.optional(Schema.String),
  crop: Schema.optional(Schema.String),
  value: Schema.String,
  unit: Schema.Literal("d", "h", "degree-days"),
  effective: Schema.optional(EffectivePeriod),
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "LocalInterval" })
/** @since 0.1.0 @category models */
export type LocalInterval = typeof LocalInterval.Type

/**
 * A key variety named by a local plan.
 *
 * @example
 * import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"
 * import { LocalKeyVariety } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(LocalKeyVariety)({ food: "豇豆", citation: { instrument: "巴中市行动方案" } })
 *
 * @since 0.1.0
 * @category models
 */
export const LocalKeyVariety = Schema.Struct({
  food: Schema.NonEmptyTrimmedString,
  substances: Schema.optional(Schema.Array(Schema.String)),
  reason: Schema.optional(Schema.String),
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "LocalKeyVariety" })

/**
 * A custom rule as stored in a pack: the json-rules-engine rule (name, conditions, event,
 * priority) plus the citation that makes it law. The event `type` must be `local.<name>` and its
 * `params.severity` one of info, warning, violation, critical.
 *
 * @example
 * import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"
 * import { CustomRule } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(CustomRule)({ name: "r", conditions: { all: [] }, event: { type: "local.r", params: { severity: "info" } },
 *   citation: { instrument: "x" } })
 *
 * @since 0.1.0
 * @category models
 */
export const CustomRule = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  // decoded by the rule compiler, which reports precise codes (rule-unknown-fact, rule-unknown-operator);
  // the JSON Schema still describes the condition format for editors
  conditions: Schema.Unknown.annotations({ jsonSchema: JSONSchema.make(TopLevelCondition) as object }),
  event: Schema.Struct({
    type: Schema.String.pipe(Schema.pattern(/^local\.[a-z0-9][a-z0-9.-]*$/, { identifier: "LocalEventType", description: "local.<name>" })),
    params: Schema.optional(
      Schema.Struct({
        severity: Schema.Literal("info", "warning", "violation", "critical"),
        message: Schema.optional(Schema.String)
      }).pipe(Schema.extend(Schema.Record({ key: Schema.String, value: Schema.Unknown })))
    )
  }),
  priority: Schema.optional(Schema.Number),
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "CustomRule" })
/** @since 0.1.0 @category models */
export type CustomRule = typeof CustomRule.Type

/**
 * A local market name a regional pack declares for a food (上海青 → 普通白菜): an extra alias that
 * records of the pack's region read, through the national catalogue first. It may not re-point a
 * name the national catalogue (or a layer above) already reads (checked at composition).
 *
 * @example
 * import { Schema } from "effect"
 * import { LocalFoodName } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(LocalFoodName)({ name: "上海青", food: "普通白菜", citation: { instrument: "某县抽检计划" } })
 *
 * @since 0.4.0
 * @category models
 */
export const LocalFoodName = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  food: Schema.NonEmptyTrimmedString,
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "LocalFoodName" })
/** @since 0.4.0 @category models */
export type LocalFoodName = typeof LocalFoodName.Type

/**
 * A local name a regional pack declares for an analyte: an extra alias of a catalogue substance,
 * read (exactly, after normalisation) only when the national catalogue does not read the name.
 *
 * @example
 * import { Schema } from "effect"
 * import { LocalSubstanceName } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(LocalSubstanceName)({ name: "某俗名", substance: "克百威", citation: { instrument: "某县抽检计划" } })
 *
 * @since 0.4.0
 * @category models
 */
export const LocalSubstanceName = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  substance: Schema.NonEmptyTrimmedString,
  citation: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "LocalSubstanceName" })
/** @since 0.4.0 @category models */
export type LocalSubstanceName = typeof LocalSubstanceName.Type

/**
 * The `names` section of a pack: local market names of foods and analytes, each cited.
 *
 * @example
 * import { Schema } from "effect"
 * import { LocalNames } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(LocalNames)({ foods: [{ name: "上海青", food: "普通白菜", citation: { instrument: "x" } }] })
 *
 * @since 0.4.0
 * @category models
 */
export const LocalNames = Schema.Struct({
  foods: Schema.optional(Schema.Array(LocalFoodName)),
  substances: Schema.optional(Schema.Array(LocalSubstanceName))
}).annotations({ identifier: "LocalNames" })
/** @since 0.4.0 @category models */
export type LocalNames = typeof LocalNames.Type

/**
 * A rule pack (plugin): id, jurisdiction (GB/T 2260 code), version, effective period, parent
 * jurisdiction, the document it comes from, and its contents. Validated against this schema at
 * load; loading never executes anything from a pack.
 *
 * @example
 * import { JSONSchema, Schema } from "effect"
import { TopLevelCondition } from "./Condition"
 * import { RulePack } from "@nongan/engine/RulePack"
 * Schema.decodeUnknownSync(RulePack)({ kind: "rule-pack", id: "cn-500154-2022", jurisdiction: "500154", name: "开州区",
 *   version: "2022.1.0", effective: { from: "2022-04-12" }, parent: "500000", source: { instrument: "2022年全区农产品质量安全工作要点" } })
 *
 * @since 0.1.0
 * @category models
 */
export const RulePack = Schema.Struct({
  $schema: Schema.optional(Schema.String),
  kind: Schema.Literal("rule-pack"),
  id: Schema.String.pipe(Schema.pattern(/^[a-z0-9][a-z0-9.-]*$/, { identifier: "PackId", description: "a pack id" })),
  jurisdiction: RegionCode,
  name: Schema.NonEmptyTrimmedString,
  version: Schema.NonEmptyTrimmedString,
  effective: EffectivePeriod,
  parent: Schema.NullOr(RegionCode),
  source: Citation,
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String),
  keyVarieties: Schema.optional(Schema.Array(LocalKeyVariety)),
  parameters: Schema.optional(Schema.Array(Parameter)),
  limits: Schema.optional(Schema.Array(LimitRow)),
  bans: Schema.optional(Schema.Array(LocalBan)),
  intervals: Schema.optional(Schema.Array(LocalInterval)),
  customRules: Schema.optional(Schema.Array(CustomRule)),
  names: Schema.optional(LocalNames)
}).annotations({ identifier: "RulePack", title: "nongan rule pack" })
/** @since 0.1.0 @category models */
export type RulePack = typeof RulePack.Type

/**
 * Decodes a rule pack (unknown fields are errors).
 *
 * @example
 * import { decode } from "@nongan/engine/RulePack"
 * decode({ kind: "rule-pack" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = decoder(RulePack)

/** @internal */
export const prohibiting: ReadonlyArray<StatusKind> = ["banned", "banned-in-scope", "banned-food-animals"]
