import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { Schema } from "effect"

/**
 * A key variety of a supervision programme and the substances targeted on it.
 *
 * @example
 * import { Schema } from "effect"
 * import { KeyVariety } from "@nongan/engine/KeyVarieties"
 * Schema.decodeUnknownSync(KeyVariety)({ food: "豇豆", substances: ["克百威"] })
 *
 * @since 0.1.0
 * @category models
 */
export const KeyVariety = Schema.Struct({
  food: Schema.NonEmptyTrimmedString,
  substances: Schema.Array(Schema.NonEmptyTrimmedString),
  reason: Schema.optional(Schema.String),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification)
}).annotations({ identifier: "KeyVariety" })
/** @since 0.1.0 @category models */
export type KeyVariety = typeof KeyVariety.Type

/**
 * The schema of a key-variety list file (`rules/national/programs/*.json`).
 *
 * @example
 * import { Schema } from "effect"
 * import { KeyVarietyFile } from "@nongan/engine/KeyVarieties"
 * Schema.decodeUnknownSync(KeyVarietyFile)({ kind: "key-variety-list", id: "x", effective: { from: "2021-06-01" },
 *   citation: { instrument: "x" }, verification: "secondary", varieties: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const KeyVarietyFile = Schema.Struct({
  kind: Schema.Literal("key-variety-list"),
  id: Schema.NonEmptyTrimmedString,
  title: Schema.optional(Schema.String),
  effective: EffectivePeriod,
  citation: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String),
  varieties: Schema.Array(KeyVariety)
}).annotations({ identifier: "KeyVarietyFile" })
/** @since 0.1.0 @category models */
export type KeyVarietyFile = typeof KeyVarietyFile.Type

const decodeFile = decoder(KeyVarietyFile)

/**
 * Decodes key-variety lists, checking that every food and substance resolves exactly; returns the
 * lists with canonical ids.
 *
 * @example
 * import { fromFiles } from "@nongan/engine/KeyVarieties"
 * typeof fromFiles // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (
  files: ReadonlyArray<unknown>,
  foods: FoodCatalogue,
  substances: SubstanceCatalogue
): Result<ReadonlyArray<KeyVarietyFile>, NonganError> => {
  const out: Array<KeyVarietyFile> = []
  const errors: Array<NonganError> = []
  files.forEach((raw, i) => {
    const r = decodeFile(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    const varieties = r.value.varieties.map((v, j) => {
      const f = foods.resolve(v.food)
      if (!f.ok) errors.push(make("pack-unknown-reference", [i, "varieties", j, "food"], { name: v.food }))
      const subs = v.substances.map((s, k) => {
        const sr = substances.resolve(s)
        if (!sr.ok) errors.push(make("pack-unknown-reference", [i, "varieties", j, "substances", k], { name: s }))
        return sr.ok ? sr.value.id : s
      })
      return { ...v, food: f.ok ? f.value.id : v.food, substances: subs }
    })
    out.push({ ...r.value, varieties })
  })
  return errors.length > 0 ? fail(...errors) : ok(out)
}
