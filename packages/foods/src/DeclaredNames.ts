import { Citation } from "@nongan/core/Citation"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"

/**
 * The kinds of declared name, kept apart because they say different things:
 *
 * - `synonym`: another name of the same food (西红柿 = 番茄, 桂圆 = 龙眼);
 * - `variety`: a variety, cultivar, trade name or kind of the target food, whose limits apply to it
 *   (砂糖橘 → 橘, 铁棍山药 → 山药, 基围虾 → 对虾);
 * - `crop`: the name of a crop in use records and status questions, read as the food it yields
 *   (水稻 → 稻谷, 茶树 → 茶叶);
 * - `ambiguous`: a name that may mean several entries (豆角: 菜豆 or 豇豆); it is refused, listing
 *   them, unless a bracket names one of them (`豆角（豇豆）`).
 *
 * @example
 * import { DeclaredNameKind } from "@nongan/foods/DeclaredNames"
 * DeclaredNameKind.literals // ["synonym", "variety", "crop", "ambiguous"]
 *
 * @since 0.2.0
 * @category models
 */
export const DeclaredNameKind = Schema.Literal("synonym", "variety", "crop", "ambiguous").annotations({ identifier: "DeclaredNameKind" })
/** @since 0.2.0 @category models */
export type DeclaredNameKind = typeof DeclaredNameKind.Type

/**
 * A name as regulators write it, declared with its source: what it reads as (`target`, a catalogue
 * id) or, for an `ambiguous` name, the entries it may mean (`candidates`).
 *
 * @example
 * import { Schema } from "effect"
 * import { DeclaredName } from "@nongan/foods/DeclaredNames"
 * Schema.decodeUnknownSync(DeclaredName)({
 *   name: "砂糖橘", kind: "variety", target: "橘",
 *   citation: { instrument: "GB 2763-2021", note: "a mandarin (Citrus reticulata) cultivar" }, verification: "secondary"
 * })
 *
 * @since 0.2.0
 * @category models
 */
export const DeclaredName = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  kind: DeclaredNameKind,
  target: Schema.optional(Schema.NonEmptyTrimmedString),
  candidates: Schema.optional(Schema.Array(Schema.NonEmptyTrimmedString)),
  citation: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "DeclaredName" })
/** @since 0.2.0 @category models */
export type DeclaredName = typeof DeclaredName.Type

/**
 * A word of the qualified-name grammar that does not change the food: a `qualifier` (散装, 鲜, 活,
 * 进口 …) or a place of `origin` (山东, 赣南, 库尔勒 …). `where` says where it may stand: before
 * the name (`prefix`), as a whole bracket (`bracket`, 泥鳅（活）), or both (the default).
 * Origins are read as prefixes only.
 *
 * @example
 * import { Schema } from "effect"
 * import { QualifierWord } from "@nongan/foods/DeclaredNames"
 * Schema.decodeUnknownSync(QualifierWord)({ word: "散装", kind: "qualifier", verification: "secondary" })
 *
 * @since 0.2.0
 * @category models
 */
export const QualifierWord = Schema.Struct({
  word: Schema.NonEmptyTrimmedString,
  kind: Schema.Literal("qualifier", "origin"),
  where: Schema.optional(Schema.Literal("prefix", "bracket", "both")),
  citation: Schema.optional(Citation),
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "QualifierWord" })
/** @since 0.2.0 @category models */
export type QualifierWord = typeof QualifierWord.Type

/**
 * How a species or species group written as a product is read: its edible tissue (鱼 → 皮+肉,
 * 虾 → 肌肉), with the source of that choice.
 *
 * @example
 * import { Schema } from "effect"
 * import { SpeciesAsProduct } from "@nongan/foods/DeclaredNames"
 * Schema.decodeUnknownSync(SpeciesAsProduct)({ tissue: "肌肉", verification: "unverified" })
 *
 * @since 0.2.0
 * @category models
 */
export const SpeciesAsProduct = Schema.Struct({
  tissue: Schema.NonEmptyTrimmedString,
  citation: Schema.optional(Citation),
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "SpeciesAsProduct" })
/** @since 0.2.0 @category models */
export type SpeciesAsProduct = typeof SpeciesAsProduct.Type

/**
 * The text a name step gives as its source: the citation's instrument (and clause), or the
 * fallback when there is none.
 *
 * @example
 * import { sourceOf } from "@nongan/foods/DeclaredNames"
 * sourceOf({ instrument: "GB 2763-2021", clause: "附录A" }, "x") // "GB 2763-2021 附录A"
 *
 * @since 0.2.0
 * @category utils
 */
export const sourceOf = (c: { readonly instrument?: string | undefined; readonly clause?: string | undefined } | undefined, fallback: string): string => {
  const s = [c?.instrument, c?.clause].filter((x): x is string => typeof x === "string" && x.length > 0).join(" ")
  return s.length > 0 ? s : fallback
}
