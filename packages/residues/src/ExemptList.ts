import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import type { FoodCatalogue, ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { Schema } from "effect"

/**
 * One drug of an MRL-exempt list (GB 31650-2019 表2, 允许用于食品动物，但不需要制定残留限量的兽药):
 * the substance as the table writes it, the species as written and those that are catalogue
 * species ids, the table's 其他规定 (`conditions`, `null` when not read) and, where a condition is
 * machine-readable, the animal states in which the exemption does not apply (`notInStates`:
 * 产蛋期禁用 → `laying`, 泌乳期禁用 → `lactating`).
 *
 * @example
 * import { Schema } from "effect"
 * import { ExemptEntry } from "@nongan/residues/ExemptList"
 * Schema.decodeUnknownSync(ExemptEntry)({
 *   substance: "醋酸", catalogued: true, species: ["牛", "马"], speciesCatalogued: ["牛", "马"],
 *   conditions: null, alsoInTable1: false,
 *   citation: { instrument: "GB 31650-2019", clause: "表2" }, verification: "secondary"
 * })
 *
 * @since 0.3.0
 * @category models
 */
export const ExemptEntry = Schema.Struct({
  substance: Schema.NonEmptyTrimmedString,
  catalogued: Schema.Boolean,
  species: Schema.Array(Schema.String),
  speciesCatalogued: Schema.Array(Schema.NonEmptyTrimmedString),
  conditions: Schema.NullOr(Schema.Array(Schema.String)),
  notInStates: Schema.optional(Schema.Array(Schema.Literal("laying", "lactating"))),
  alsoInTable1: Schema.Boolean,
  citation: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "ExemptEntry" })
/** @since 0.3.0 @category models */
export type ExemptEntry = typeof ExemptEntry.Type

/**
 * The schema of an MRL-exempt list file (`kind: "mrl-exempt-list"`, e.g.
 * `rules/national/limits/gb31650-2019-exempt.json`): the instrument and table, its effective
 * period, and its entries.
 *
 * @example
 * import { Schema } from "effect"
 * import { ExemptListFile } from "@nongan/residues/ExemptList"
 * Schema.decodeUnknownSync(ExemptListFile)({
 *   kind: "mrl-exempt-list", instrument: "GB 31650-2019", table: "表2",
 *   effective: { from: "2020-04-01" }, citation: { instrument: "GB 31650-2019" }, entries: []
 * })
 *
 * @since 0.3.0
 * @category models
 */
export const ExemptListFile = Schema.Struct({
  kind: Schema.Literal("mrl-exempt-list"),
  instrument: Schema.NonEmptyTrimmedString,
  table: Schema.NonEmptyTrimmedString,
  title: Schema.optional(Schema.String),
  effective: EffectivePeriod,
  publishedCount: Schema.optional(Schema.Number),
  citation: Citation,
  meaning: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  entries: Schema.Array(ExemptEntry),
  pending: Schema.optional(Schema.String)
}).annotations({ identifier: "ExemptListFile" })
/** @since 0.3.0 @category models */
export type ExemptListFile = typeof ExemptListFile.Type

/**
 * An exemption that covers an analyte: the entry, the list's instrument and table, and the
 * species of the entry that matched the food.
 *
 * @since 0.3.0
 * @category models
 */
export interface Exemption {
  readonly instrument: string
  readonly table: string
  readonly entry: ExemptEntry
  readonly species: string
}

interface Indexed {
  readonly instrument: string
  readonly table: string
  readonly from: string
  readonly to: string | undefined
  readonly entry: ExemptEntry
}

/**
 * MRL-exempt entries indexed by substance id. Read only where a detected substance has no limit
 * row in force (the no-row branch of `judgeAnalyte`), so it costs nothing otherwise.
 *
 * @example
 * import { empty } from "@nongan/residues/ExemptList"
 * empty().lookup("醋酸", { kind: "plant", id: "x", name: "x", path: ["x"] }, undefined, "2026-01-01") // undefined
 *
 * @since 0.3.0
 * @category models
 */
export class ExemptIndex {
  /** @internal */
  readonly bySubstance = new Map<string, Array<Indexed>>()
  /**
   * The exemption covering a substance in an animal food on a date: an entry in force whose
   * catalogued species is the food's species or an ancestor of it, and whose machine-readable
   * conditions (`notInStates`) do not exclude the animal's state. Plant foods are never covered.
   */
  lookup(substance: string, food: ResolvedFood, state: "laying" | "lactating" | "none" | undefined, date: string): Exemption | undefined {
    const list = this.bySubstance.get(substance)
    if (list === undefined || food.kind !== "animal") return undefined
    for (const x of list) {
      if (!contains(x, date)) continue
      if (state !== undefined && state !== "none" && x.entry.notInStates?.includes(state)) continue
      const species = x.entry.speciesCatalogued.find((s) => food.speciesPath.includes(s))
      if (species !== undefined) return { instrument: x.instrument, table: x.table, entry: x.entry, species }
    }
    return undefined
  }
  /** The number of entries held. */
  get size(): number {
    let n = 0
    for (const l of this.bySubstance.values()) n += l.length
    return n
  }
}

/**
 * An index holding no exemption.
 *
 * @example
 * import { empty } from "@nongan/residues/ExemptList"
 * empty().size // 0
 *
 * @since 0.3.0
 * @category constructors
 */
export const empty = (): ExemptIndex => new ExemptIndex()

const decodeList = decoder(ExemptListFile)

/**
 * Builds the exempt index from `mrl-exempt-list` files, checking that every catalogued substance
 * and every `speciesCatalogued` id is in the catalogues. Entries marked `catalogued: false` are
 * kept out of the index (a name the catalogue cannot read cannot be judged).
 *
 * @example
 * import { fromFiles } from "@nongan/residues/ExemptList"
 * typeof fromFiles // "function" — see test/ExemptList.test.ts
 *
 * @since 0.3.0
 * @category constructors
 */
export const fromFiles = (
  files: ReadonlyArray<unknown>,
  foods: FoodCatalogue,
  substances: SubstanceCatalogue
): Result<ExemptIndex, NonganError> => {
  const idx = new ExemptIndex()
  const errors: Array<NonganError> = []
  files.forEach((raw, i) => {
    const r = decodeList(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    const t = r.value
    t.entries.forEach((entry, j) => {
      const path = [i, "entries", j]
      entry.speciesCatalogued.forEach((s, k) => {
        if (!foods.hasSpecies(s)) errors.push(make("pack-unknown-reference", [...path, "speciesCatalogued", k], { name: s }))
      })
      if (!entry.catalogued) return
      const sub = substances.get(entry.substance) ?? (() => {
        const res = substances.resolve(entry.substance)
        return res.ok ? res.value : undefined
      })()
      if (sub === undefined) return void errors.push(make("pack-unknown-reference", [...path, "substance"], { name: entry.substance }))
      const list = idx.bySubstance.get(sub.id) ?? []
      list.push({ instrument: t.instrument, table: t.table, from: t.effective.from, to: t.effective.to, entry })
      idx.bySubstance.set(sub.id, list)
    })
  })
  return errors.length > 0 ? fail(...errors) : ok(idx)
}
