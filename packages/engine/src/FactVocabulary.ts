/**
 * The documented facts a custom rule may read: record fields and derived facts. A rule that reads
 * any other fact is rejected when it is loaded (`rule-unknown-fact`), so a typo never silently
 * evaluates to `undefined`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The type of a fact's value. `date` is a calendar date as a `YYYY-MM-DD` string; `string[]` is
 * an array of strings. Quantities are plain numbers in the unit the description names.
 *
 * @example
 * import { FactType } from "@nongan/engine/FactVocabulary"
 * FactType.literals // ["string", "string[]", "number", "boolean", "date"]
 *
 * @since 0.1.0
 * @category models
 */
export const FactType = Schema.Literal("string", "string[]", "number", "boolean", "date").annotations({
  identifier: "FactType"
})

/**
 * A fact's value type.
 *
 * @example
 * import type { FactType } from "@nongan/engine/FactVocabulary"
 * const t: FactType = "string[]"
 *
 * @since 0.1.0
 * @category models
 */
export type FactType = typeof FactType.Type

/**
 * A documented fact: what it means (zh-CN and en) and the type of its value.
 *
 * @example
 * import { Schema } from "effect"
 * import { FactDefinition } from "@nongan/engine/FactVocabulary"
 * Schema.is(FactDefinition)({ description: { "zh-CN": "产地", en: "place of origin" }, type: "string" }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const FactDefinition = Schema.Struct({
  description: Schema.Struct({ "zh-CN": Schema.String, en: Schema.String }),
  type: FactType
}).annotations({ identifier: "FactDefinition" })

/**
 * A documented fact.
 *
 * @example
 * import type { FactDefinition } from "@nongan/engine/FactVocabulary"
 * const d: FactDefinition = { description: { "zh-CN": "测定值", en: "measured value" }, type: "number" }
 *
 * @since 0.1.0
 * @category models
 */
export type FactDefinition = typeof FactDefinition.Type

/**
 * A fact vocabulary: fact name → definition.
 *
 * @example
 * import type { FactVocabulary } from "@nongan/engine/FactVocabulary"
 * const v: FactVocabulary = new Map([["measured", { description: { "zh-CN": "测定值", en: "measured value" }, type: "number" }]])
 *
 * @since 0.1.0
 * @category models
 */
export type FactVocabulary = ReadonlyMap<string, FactDefinition>

const fact = (type: FactType, zh: string, en: string): FactDefinition => ({ description: { "zh-CN": zh, en }, type })

/**
 * The standard vocabulary: the facts nongan supplies to custom rules.
 *
 * @example
 * import { standard } from "@nongan/engine/FactVocabulary"
 * standard.get("ratioToLimit")?.type // "number"
 *
 * @since 0.1.0
 * @category models
 */
export const standard: FactVocabulary = new Map<string, FactDefinition>([
  ["product", fact("string", "产品名称（已按别名解析为规范名，如“普通白菜”）", "the product's canonical food name, after alias resolution (e.g. 普通白菜)")],
  [
    "productCategoryPath",
    fact("string[]", "产品在 GB 2763 附录 A 食品分类中的路径，自大类至产品本身", "the product's path in the GB 2763 Annex A food classification, from the top category down to the product")
  ],
  ["region", fact("string", "抽样地的 6 位行政区划代码", "the 6-digit administrative division code where the sample was taken")],
  ["sampledOn", fact("date", "抽样日期（YYYY-MM-DD），判定所依据的日期", "the sampling date (YYYY-MM-DD), the date as of which the result is judged")],
  ["method", fact("string", "检测方法（标准编号或速测方法）", "the detection method (a standard's number or a rapid-test method)")],
  ["kind", fact("string", "记录类型（如实验室检测结果、速测结果、用药记录、合格证）", "the record kind (such as a laboratory result, a rapid test, a use record, a certificate)")],
  ["substance", fact("string", "物质规范名（农药、兽药或污染物）", "the substance's canonical name (pesticide, veterinary drug or contaminant)")],
  [
    "substanceStatus",
    fact("string", "物质在判定日期、对该产品范围的法律状态（如禁用、限用、允许使用）", "the substance's legal status on the judgement date for the product's scope (such as banned, restricted, permitted)")
  ],
  ["measured", fact("number", "测定值，单位 mg/kg", "the measured value, in mg/kg")],
  ["limit", fact("number", "适用的最大残留限量，单位 mg/kg", "the applicable maximum residue limit, in mg/kg")],
  ["ratioToLimit", fact("number", "测定值与限量之比（测定值 ÷ 限量）", "the ratio of the measured value to the limit (measured ÷ limit)")],
  ["outcome", fact("string", "国家规则判定的结果代码（如 exceeds-limit）", "the outcome code of the national judgement (such as exceeds-limit)")],
  ["producerGrade", fact("string", "生产经营主体的信用等级", "the producer's credit grade")],
  ["species", fact("string", "动物种类（动物性产品）", "the animal species (animal products)")],
  ["tissue", fact("string", "动物组织（如肌肉、肝、肾）", "the animal tissue (such as muscle, liver, kidney)")],
  ["keyVariety", fact("boolean", "产品是否为本地重点监管品种", "whether the product is a local key variety under closer supervision")],
  ["unit", fact("string", "原始测定值的单位", "the unit of the original measurement")]
])
