import type { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { type EffectivePeriod, overlaps } from "@nongan/core/EffectivePeriod"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { Verification } from "@nongan/core/Verification"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { PhiFile, type PhiRow } from "./PhiTable"
import { type Interval, WithdrawalFile, type Withheld, type WithdrawalRow } from "./WithdrawalTable"

/**
 * A withdrawal row as loaded: the decoded row with its drugs resolved to catalogue ids, its
 * species resolved to catalogue species ids, and its effective period, citation and verification
 * made explicit.
 *
 * @example
 * import type { IntervalIndex, WithdrawalEntry } from "@nongan/intervals/IntervalIndex"
 * declare const idx: IntervalIndex
 * const rows: ReadonlyArray<WithdrawalEntry> = idx.byProduct("土霉素片")
 * rows.map((r) => r.periods.map((p) => `${p.species.join("、")} ${p.interval.value} ${p.interval.unit}`))
 *
 * @since 0.1.0
 * @category models
 */
export interface WithdrawalEntry {
  readonly kind: "withdrawal"
  readonly id: string
  readonly row: WithdrawalRow
  readonly product: string
  readonly drugs: ReadonlyArray<string>
  readonly periods: ReadonlyArray<{ readonly species: ReadonlyArray<string>; readonly interval: Interval }>
  readonly effective: EffectivePeriod
  readonly citation: Citation
  readonly verification: Verification
}

/**
 * A pre-harvest-interval row as loaded: active ingredients resolved to catalogue ids and the crop
 * to a plant-side food node (with its category path, root first).
 *
 * @example
 * import type { IntervalIndex, PhiEntry } from "@nongan/intervals/IntervalIndex"
 * declare const idx: IntervalIndex
 * const rows: ReadonlyArray<PhiEntry> = idx.byIngredientCrop("阿维菌素", "豇豆")
 * rows.map((r) => `${r.row.product}: ${r.phi.value} d`)
 *
 * @since 0.1.0
 * @category models
 */
export interface PhiEntry {
  readonly kind: "phi"
  readonly id: string
  readonly row: PhiRow
  readonly registrationNo: string | undefined
  readonly ingredients: ReadonlyArray<string>
  readonly crop: string
  readonly cropPath: ReadonlyArray<string>
  readonly phi: Interval
  readonly effective: EffectivePeriod | undefined
  readonly citation: Citation
  readonly verification: Verification
}

/**
 * A row kept in a file but not loaded (see `Withheld`): never used by a judgement.
 *
 * @example
 * import type { IntervalIndex, WithheldEntry } from "@nongan/intervals/IntervalIndex"
 * declare const idx: IntervalIndex
 * const held: ReadonlyArray<WithheldEntry> = idx.withheld()
 * held.map((w) => `${w.id}: ${w.withheld.reason} ${w.withheld.names.join("、")}`)
 *
 * @since 0.1.0
 * @category models
 */
export interface WithheldEntry {
  readonly kind: "withdrawal" | "phi"
  readonly id: string
  readonly product: string | undefined
  readonly withheld: Withheld
  readonly citation: Citation
  readonly verification: Verification
}

const key = (...parts: ReadonlyArray<string>): string => parts.join("\u0000")

const push = <K, V>(m: Map<K, Array<V>>, k: K, v: V): void => {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

/**
 * Withdrawal periods and pre-harvest intervals, indexed: withdrawal rows by product name and by
 * drug (catalogue id), pre-harvest-interval rows by registration number and by (active
 * ingredient, crop node). Lookups return every row, whatever its effective period; checks pick
 * the rows in force on the date of use. Build one with {@link fromFiles}.
 *
 * @example
 * import { fromFiles } from "@nongan/intervals/IntervalIndex"
 * import { fromFiles as foods } from "@nongan/foods/FoodCatalogue"
 * import { fromFiles as substances } from "@nongan/substances/SubstanceCatalogue"
 * const f = foods([{ kind: "food-catalogue", id: "f", nodes: [], species: [{ id: "牛", name: "牛" }] }])
 * const s = substances([{ kind: "substance-catalogue", substances: [{ id: "土霉素", name: "土霉素", kind: "veterinary-drug" }] }])
 * if (f.ok && s.ok) {
 *   const idx = fromFiles([{ kind: "withdrawal-table", id: "w", rows: [{ id: "278-土霉素片", product: "土霉素片",
 *     drugs: ["土霉素"], periods: [{ species: ["牛"], value: "7", unit: "d" }], effective: { from: "2003-05-22" },
 *     citation: { instrument: "农业部公告第278号" }, verification: "official-text" }] }], f.value, s.value)
 *   if (idx.ok) idx.value.byProduct("土霉素片").length // 1
 * }
 *
 * @since 0.1.0
 * @category models
 */
export class IntervalIndex {
  /** @internal */
  readonly withdrawal: Array<WithdrawalEntry> = []
  /** @internal */
  readonly phi: Array<PhiEntry> = []
  /** @internal */
  readonly held: Array<WithheldEntry> = []
  /** @internal */
  readonly productIndex = new Map<string, Array<WithdrawalEntry>>()
  /** @internal */
  readonly drugIndex = new Map<string, Array<WithdrawalEntry>>()
  /** @internal */
  readonly registrationIndex = new Map<string, Array<PhiEntry>>()
  /** @internal */
  readonly ingredientCropIndex = new Map<string, Array<PhiEntry>>()
  /** @internal */
  constructor() {}

  /** Every loaded withdrawal row. */
  withdrawalRows(): ReadonlyArray<WithdrawalEntry> {
    return this.withdrawal
  }
  /** Every loaded pre-harvest-interval row. */
  phiRows(): ReadonlyArray<PhiEntry> {
    return this.phi
  }
  /** Every row kept in a file but withheld from judgements, with the reason. */
  withheld(): ReadonlyArray<WithheldEntry> {
    return this.held
  }
  /** Withdrawal rows of a product (exact name as the table prints it). */
  byProduct(product: string): ReadonlyArray<WithdrawalEntry> {
    return this.productIndex.get(product.trim()) ?? []
  }
  /** Withdrawal rows whose product contains a drug (catalogue id). */
  byDrug(substanceId: string): ReadonlyArray<WithdrawalEntry> {
    return this.drugIndex.get(substanceId) ?? []
  }
  /** Pre-harvest-interval rows of a registration number. */
  byRegistration(registrationNo: string): ReadonlyArray<PhiEntry> {
    return this.registrationIndex.get(registrationNo.trim()) ?? []
  }
  /** Pre-harvest-interval rows for an active ingredient (catalogue id) set on exactly this crop node. */
  byIngredientCrop(substanceId: string, cropNode: string): ReadonlyArray<PhiEntry> {
    return this.ingredientCropIndex.get(key(substanceId, cropNode)) ?? []
  }
  /** Withheld rows of a product (exact name), so a check can say why it found no row. */
  withheldProduct(product: string): ReadonlyArray<WithheldEntry> {
    return this.held.filter((h) => h.product === product.trim())
  }
}

const decodeWithdrawal = decoder(WithdrawalFile)
const decodePhi = decoder(PhiFile)
const KINDS = ["withdrawal-table", "phi-table"]

/**
 * Builds the interval index from withdrawal-table and phi-table files (in any order). Checks that
 * every drug and active ingredient is a catalogued substance (aliases resolve to the canonical
 * id), every species resolves in the food catalogue, every crop resolves to a plant-side food
 * node, ids are unique across files, every row carries a citation and a verification level
 * (`pack-uncited`), every withdrawal row has an effective period (its own or the file's), a row
 * marked `repealedBy` ends (`effective.to`), no species is listed twice in one row, and no two rows
 * for the same product (or registration, product and crop) are in force on the same day
 * (`pack-overlap`). Rows marked `withheld` are decoded and must be cited but are not resolved or
 * indexed. Error paths start with the file's index.
 *
 * @example
 * import { fromFiles } from "@nongan/intervals/IntervalIndex"
 * import { fromFiles as foods } from "@nongan/foods/FoodCatalogue"
 * import { fromFiles as substances } from "@nongan/substances/SubstanceCatalogue"
 * const f = foods([{ kind: "food-catalogue", id: "f", nodes: [] }])
 * const s = substances([{ kind: "substance-catalogue", substances: [] }])
 * if (f.ok && s.ok) fromFiles([{ kind: "phi-table", id: "empty", rows: [] }], f.value, s.value).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (
  files: ReadonlyArray<unknown>,
  foods: FoodCatalogue,
  substances: SubstanceCatalogue
): Result<IntervalIndex, NonganError> => {
  const idx = new IntervalIndex()
  const errors: Array<NonganError> = []
  const ids = new Set<string>()
  const withdrawalPaths = new Map<WithdrawalEntry, ReadonlyArray<string | number>>()
  const phiPaths = new Map<PhiEntry, ReadonlyArray<string | number>>()

  const cited = (
    row: { readonly id: string; readonly citation?: Citation | undefined; readonly verification?: Verification | undefined },
    path: ReadonlyArray<string | number>
  ): { citation: Citation; verification: Verification } | undefined => {
    if (ids.has(row.id)) errors.push(make("pack-duplicate", [...path, "id"], { name: row.id }))
    ids.add(row.id)
    if (row.citation === undefined) errors.push(make("pack-uncited", [...path, "citation"], { name: row.id }))
    if (row.verification === undefined) errors.push(make("pack-uncited", [...path, "verification"], { name: row.id }))
    return row.citation !== undefined && row.verification !== undefined
      ? { citation: row.citation, verification: row.verification }
      : undefined
  }
  const substance = (name: string, path: ReadonlyArray<string | number>): string | undefined => {
    const r = substances.resolve(name)
    if (!r.ok) return void errors.push(...r.errors.map((e) => prefix(e, path)))
    return r.value.id
  }

  files.forEach((raw, i) => {
    const kind = typeof raw === "object" && raw !== null ? (raw as { kind?: unknown }).kind : undefined
    if (kind === "withdrawal-table") {
      const r = decodeWithdrawal(raw, [i])
      if (!r.ok) return void errors.push(...r.errors)
      r.value.rows.forEach((row, j) => {
        const path = [i, "rows", j]
        const c = cited(row, path)
        const effective = row.effective ?? r.value.effective
        if (effective === undefined) errors.push(make("missing-field", [...path, "effective"]))
        if (row.repealedBy !== undefined && effective?.to === undefined) errors.push(make("missing-field", [...path, "effective", "to"]))
        if (!c || effective === undefined) return
        if (row.withheld) {
          idx.held.push({ kind: "withdrawal", id: row.id, product: row.product, withheld: row.withheld, ...c })
          return
        }
        const before = errors.length
        const drugs = row.drugs.map((d, k) => substance(d, [...path, "drugs", k]))
        const seen = new Set<string>()
        const periods = row.periods.map((p, k) => ({
          species: p.species.map((s, m) => {
            const at = [...path, "periods", k, "species", m]
            const sp = foods.resolveSpecies(s)
            if (!sp.ok) return void errors.push(...sp.errors.map((e) => prefix(e, at)))
            if (seen.has(sp.value)) errors.push(make("pack-duplicate", at, { name: s }))
            seen.add(sp.value)
            return sp.value
          }),
          interval: { value: p.value, unit: p.unit }
        }))
        if (errors.length > before) return
        const entry: WithdrawalEntry = {
          kind: "withdrawal",
          id: row.id,
          row,
          product: row.product,
          drugs: [...new Set(drugs as Array<string>)],
          periods: periods.map((p) => ({ species: p.species as Array<string>, interval: p.interval })),
          effective,
          ...c
        }
        idx.withdrawal.push(entry)
        withdrawalPaths.set(entry, path)
        push(idx.productIndex, entry.product, entry)
        for (const d of entry.drugs) push(idx.drugIndex, d, entry)
      })
    } else if (kind === "phi-table") {
      const r = decodePhi(raw, [i])
      if (!r.ok) return void errors.push(...r.errors)
      r.value.rows.forEach((row, j) => {
        const path = [i, "rows", j]
        const c = cited(row, path)
        if (!c) return
        const effective = row.effective ?? r.value.effective
        if (row.withheld) {
          idx.held.push({ kind: "phi", id: row.id, product: row.product, withheld: row.withheld, ...c })
          return
        }
        const before = errors.length
        const ingredients = row.activeIngredients.map((a, k) => substance(a, [...path, "activeIngredients", k]))
        const crop = foods.resolve(row.crop)
        if (!crop.ok) errors.push(...crop.errors.map((e) => prefix(e, [...path, "crop"])))
        else if (crop.value.kind !== "plant") errors.push(make("invalid-value", [...path, "crop"], { value: row.crop }))
        if (errors.length > before || !crop.ok || crop.value.kind !== "plant") return
        const registrationNo = row.registrationNo ?? undefined
        const entry: PhiEntry = {
          kind: "phi",
          id: row.id,
          row,
          registrationNo,
          ingredients: [...new Set(ingredients as Array<string>)],
          crop: crop.value.id,
          cropPath: crop.value.path,
          phi: { value: row.phiDays, unit: "d" },
          effective,
          ...c
        }
        idx.phi.push(entry)
        phiPaths.set(entry, path)
        if (registrationNo !== undefined) push(idx.registrationIndex, registrationNo, entry)
        for (const a of entry.ingredients) push(idx.ingredientCropIndex, key(a, entry.crop), entry)
      })
    } else {
      errors.push(make("invalid-value", [i, "kind"], { expected: KINDS }))
    }
  })

  // no two rows for the same subject may be in force on the same day
  const always: EffectivePeriod = { from: "0001-01-01" } as EffectivePeriod
  const overlapCheck = <E extends { readonly effective: EffectivePeriod | undefined }>(
    groups: Map<string, Array<E>>,
    paths: Map<E, ReadonlyArray<string | number>>,
    name: (e: E) => string
  ) => {
    for (const list of groups.values())
      list.forEach((b, n) => {
        const a = list.slice(0, n).find((x) => overlaps(x.effective ?? always, b.effective ?? always))
        if (a) errors.push(make("pack-overlap", [...paths.get(b)!, "effective"], { name: name(b) }))
      })
  }
  overlapCheck(idx.productIndex, withdrawalPaths, (e) => e.product)
  const phiGroups = new Map<string, Array<PhiEntry>>()
  for (const e of idx.phi)
    push(phiGroups, key(e.registrationNo ?? "", e.row.product ?? "", e.row.formulation ?? "", e.crop, ...[...e.ingredients].sort()), e)
  overlapCheck(phiGroups, phiPaths, (e) => `${e.row.product ?? e.ingredients.join("+")} / ${e.crop}`)

  return errors.length > 0 ? fail(...errors) : ok(idx)
}
