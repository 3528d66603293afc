import { Schema } from "effect"

/**
 * What one step of reading a name as written did. Names as regulators and laboratories write them
 * (`韭菜(散装称重)`, `镉(以Cd计)`, `砂糖橘`) are read through declared data only; each step that
 * changed the name is recorded so a finding can say how the written name was read.
 *
 * - `normalise`: width, spacing or bracket form only (`（` → `(`, full-width digits, trailing spaces)
 * - `qualifier`: a declared qualifier that does not change the food was dropped (散装, 称重, 鲜 …)
 * - `origin`: a declared place-of-origin prefix was dropped (赣南脐橙 → 脐橙)
 * - `bracket`: a parenthesised name was read (荷兰豆（食荚豌豆）, 镉(以Cd计))
 * - `synonym`: a declared synonym of the entry (西红柿 = 番茄)
 * - `variety`: a declared variety or trade name of the entry (砂糖橘 → 橘)
 * - `local`: a local market name declared by a regional pack
 * - `expressed-as`: an "expressed as" clause (以X计) was read against the residue definition
 * - `group`: a group or sum written as the standard names it (A和B, A/B/C, 总量, 组合含量)
 * - `mismatch`: a bracket or clause that disagrees with the residue definition held (a warning)
 *
 * @example
 * import type { NameStep } from "@nongan/core/NameReading"
 * const s: NameStep = { kind: "qualifier", from: "韭菜(散装称重)", to: "韭菜", dropped: "散装称重" }
 *
 * @since 0.2.0
 * @category models
 */
export const NameStepKind = Schema.Literal(
  "normalise",
  "qualifier",
  "origin",
  "bracket",
  "synonym",
  "variety",
  "local",
  "expressed-as",
  "group",
  "mismatch"
).annotations({ identifier: "NameStepKind" })
/** @since 0.2.0 @category models */
export type NameStepKind = typeof NameStepKind.Type

/**
 * One step of a name reading.
 *
 * @example
 * import { Schema } from "effect"
 * import { NameStep } from "@nongan/core/NameReading"
 * Schema.decodeUnknownSync(NameStep)({ kind: "synonym", from: "西红柿", to: "番茄" })
 *
 * @since 0.2.0
 * @category models
 */
export const NameStep = Schema.Struct({
  kind: NameStepKind,
  from: Schema.String,
  to: Schema.String,
  /** the text dropped by a qualifier, origin or bracket step */
  dropped: Schema.optional(Schema.String),
  /** where the declared name comes from (instrument or source title), for synonym / variety / local steps */
  source: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "NameStep" })
/** @since 0.2.0 @category models */
export type NameStep = typeof NameStep.Type

/**
 * How a written name was read: the name as written, the catalogue id it was read as, and every
 * step in order. A name read without any step has `steps: []`.
 *
 * @example
 * import { Schema } from "effect"
 * import { NameReading } from "@nongan/core/NameReading"
 * Schema.decodeUnknownSync(NameReading)({
 *   written: "韭菜(散装称重)", read: "韭菜",
 *   steps: [{ kind: "qualifier", from: "韭菜(散装称重)", to: "韭菜", dropped: "散装称重" }]
 * })
 *
 * @since 0.2.0
 * @category models
 */
export const NameReading = Schema.Struct({
  written: Schema.String,
  read: Schema.String,
  steps: Schema.Array(NameStep)
}).annotations({ identifier: "NameReading" })
/** @since 0.2.0 @category models */
export type NameReading = typeof NameReading.Type

/**
 * Whether a reading changed the name at all (any step other than `normalise`).
 *
 * @example
 * import { changed } from "@nongan/core/NameReading"
 * changed({ written: "番茄", read: "番茄", steps: [] }) // false
 *
 * @since 0.2.0
 * @category predicates
 */
export const changed = (r: NameReading): boolean => r.steps.some((s) => s.kind !== "normalise")
