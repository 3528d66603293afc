import { Schema } from "effect"

/**
 * Canonical id of a substance (its Chinese common name, e.g. `克百威`).
 *
 * @example
 * import { Schema } from "effect"
 * import { SubstanceId } from "@nongan/core/Ids"
 * Schema.decodeUnknownSync(SubstanceId)("克百威")
 *
 * @since 0.1.0
 * @category models
 */
export const SubstanceId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("SubstanceId"))
/** @since 0.1.0 @category models */
export type SubstanceId = typeof SubstanceId.Type

/**
 * Canonical id of a food-catalogue node (category or food), e.g. `普通白菜`.
 *
 * @example
 * import { Schema } from "effect"
 * import { FoodId } from "@nongan/core/Ids"
 * Schema.decodeUnknownSync(FoodId)("普通白菜")
 *
 * @since 0.1.0
 * @category models
 */
export const FoodId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("FoodId"))
/** @since 0.1.0 @category models */
export type FoodId = typeof FoodId.Type

/**
 * Canonical id of an animal species or species group (`鸡`, `家禽`, `所有食品动物`).
 *
 * @example
 * import { Schema } from "effect"
 * import { SpeciesId } from "@nongan/core/Ids"
 * Schema.decodeUnknownSync(SpeciesId)("鸡")
 *
 * @since 0.1.0
 * @category models
 */
export const SpeciesId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("SpeciesId"))
/** @since 0.1.0 @category models */
export type SpeciesId = typeof SpeciesId.Type

/**
 * Canonical id of an animal tissue (`肌肉`, `肝`, `蛋`, `皮+肉`).
 *
 * @example
 * import { Schema } from "effect"
 * import { TissueId } from "@nongan/core/Ids"
 * Schema.decodeUnknownSync(TissueId)("肌肉")
 *
 * @since 0.1.0
 * @category models
 */
export const TissueId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("TissueId"))
/** @since 0.1.0 @category models */
export type TissueId = typeof TissueId.Type

/**
 * A GB/T 2260 administrative division code: six digits (`500154` 开州区; `000000` is the
 * national layer).
 *
 * @example
 * import { Schema } from "effect"
 * import { RegionCode } from "@nongan/core/Ids"
 * Schema.decodeUnknownSync(RegionCode)("500154")
 *
 * @since 0.1.0
 * @category models
 */
export const RegionCode = Schema.String.pipe(
  Schema.pattern(/^\d{6}$/, { description: "a six-digit GB/T 2260 region code" }),
  // on the brand, not the pattern: Effect drops an identifier when a schema is re-annotated
  Schema.brand("RegionCode", { identifier: "RegionCode" })
)
/** @since 0.1.0 @category models */
export type RegionCode = typeof RegionCode.Type

/**
 * The layers of a region code, national first: province, city (prefecture), county. Layers that
 * have no pack are skipped by whoever composes packs.
 *
 * @example
 * import { lineage } from "@nongan/core/Ids"
 * lineage("511923") // ["000000", "510000", "511900", "511923"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const lineage = (code: string): ReadonlyArray<string> => {
  const out = ["000000"]
  // each layer refines the one before, so a repeated layer can only repeat the last one
  for (const layer of [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code]) {
    if (layer !== out[out.length - 1]) out.push(layer)
  }
  return out
}
