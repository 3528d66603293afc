import { Schema } from "effect"

/**
 * Who committed the act: `enterprise` (农产品生产企业 or 销售企业), `cooperative` (农民专业合作社),
 * `service-org` (农业社会化服务组织 or 专业化病虫害防治服务组织), `farmer` (农户, an individual),
 * `purchaser` (从事农产品收购的单位或者个人), `market` (a seller in a wholesale or retail market).
 *
 * @example
 * import { SubjectType } from "@nongan/cases/Subject"
 * SubjectType.literals.includes("farmer") // true
 *
 * @since 0.1.0
 * @category models
 */
export const SubjectType = Schema.Literal("enterprise", "cooperative", "service-org", "farmer", "purchaser", "market").annotations({
  identifier: "SubjectType"
})
/** @since 0.1.0 @category models */
export type SubjectType = typeof SubjectType.Type

/**
 * Where in the supply chain the act took place: `production` (growing, raising), `purchase`
 * (收购), `market` (wholesale or retail market), `processing` (a food producer). Before market
 * entry the agriculture department acts; after it, market regulation (农安法 art. 77).
 *
 * @example
 * import { Stage } from "@nongan/cases/Subject"
 * Stage.literals // ["production", "purchase", "market", "processing"]
 *
 * @since 0.1.0
 * @category models
 */
export const Stage = Schema.Literal("production", "purchase", "market", "processing").annotations({ identifier: "Stage" })
/** @since 0.1.0 @category models */
export type Stage = typeof Stage.Type

/**
 * The kind of input the act concerns: a pesticide (农药条例), a veterinary drug (兽药条例), or other.
 *
 * @example
 * import { InputKind } from "@nongan/cases/Subject"
 * InputKind.literals.length // 3
 *
 * @since 0.1.0
 * @category models
 */
export const InputKind = Schema.Literal("pesticide", "veterinary-drug", "other").annotations({ identifier: "InputKind" })
/** @since 0.1.0 @category models */
export type InputKind = typeof InputKind.Type

/**
 * Whether a stage is after market entry (market regulation is competent there).
 *
 * @example
 * import { afterMarketEntry } from "@nongan/cases/Subject"
 * afterMarketEntry("market") // true
 * afterMarketEntry("purchase") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const afterMarketEntry = (s: Stage): boolean => s === "market" || s === "processing"
