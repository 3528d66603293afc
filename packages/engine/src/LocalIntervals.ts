import { overlaps } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import * as Decimal from "@nongan/core/Decimal"
import type { Dataset } from "./Dataset"
import type { LocalInterval, RulePack } from "./RulePack"

/**
 * A pack's interval row, resolved: the drug or pesticide (canonical id), the product name, the
 * species or crop (canonical id) and the required interval.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResolvedInterval {
  readonly index: number
  readonly row: LocalInterval
  readonly substance: string | undefined
  readonly product: string | undefined
  readonly species: string | undefined
  readonly crop: string | undefined
  readonly required: Quantity.Quantity
  readonly from: string
  readonly to: string | undefined
}

const comparable = (a: Quantity.Quantity, b: Quantity.Quantity) => Quantity.compare(a, b)

/** A `pack-loosens` error: the local interval is in a unit the national one cannot be compared with (degree-days against days). */
const incomparable = (at: ReadonlyArray<string | number>, pack: RulePack, name: string, required: Quantity.Quantity, national: Quantity.Quantity, source: string) =>
  make("pack-loosens", [...at, "unit"], {
    layer: pack.id,
    parent: "cn-national",
    name,
    detail: `${Quantity.format(required)} ≠ ${Quantity.format(national)} (${source}): a local interval must be in a unit comparable with the national one`
  })

/** A `pack-loosens` error: the local interval is shorter than the national one. */
const shorter = (at: ReadonlyArray<string | number>, pack: RulePack, name: string, required: Quantity.Quantity, national: Quantity.Quantity, source: string) =>
  make("pack-loosens", at, {
    layer: pack.id,
    parent: "cn-national",
    name,
    detail: `${Quantity.format(required)} < ${Quantity.format(national)} (${source})`
  })

/**
 * Resolves a pack's interval rows and checks that each only lengthens the national interval for
 * the same product or drug on the same species (withdrawal, 休药期) or the same active ingredient
 * on the same crop (pre-harvest interval, 安全间隔期) in every overlapping period. A shorter
 * interval is `pack-loosens`; an interval where national law has none adds a rule and is allowed.
 *
 * @example
 * import { resolveIntervals } from "@nongan/engine/LocalIntervals"
 * typeof resolveIntervals // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolveIntervals = (
  ds: Dataset,
  pack: RulePack,
  path: string
): { readonly intervals: ReadonlyArray<ResolvedInterval>; readonly errors: ReadonlyArray<NonganError> } => {
  const errors: Array<NonganError> = []
  const out: Array<ResolvedInterval> = []
  ;(pack.intervals ?? []).forEach((row, i) => {
    const at = [path, "intervals", i]
    const name = row.drug ?? row.pesticide
    const sub = name !== undefined ? ds.substances.resolve(name) : undefined
    if (sub && !sub.ok) return void errors.push(make("pack-unknown-reference", [...at, row.drug !== undefined ? "drug" : "pesticide"], { name: name! }))
    if (name === undefined && row.product === undefined) return void errors.push(make("missing-field", [...at, "product"]))
    let species: string | undefined
    let crop: string | undefined
    if (row.species !== undefined) {
      const sp = ds.foods.resolveSpecies(row.species)
      if (!sp.ok) return void errors.push(make("pack-unknown-reference", [...at, "species"], { name: row.species }))
      species = sp.value
    }
    if (row.crop !== undefined) {
      const c = ds.foods.resolve(row.crop)
      if (!c.ok || c.value.kind !== "plant") return void errors.push(make("pack-unknown-reference", [...at, "crop"], { name: row.crop }))
      crop = c.value.id
    }
    if ((species === undefined) === (crop === undefined)) return void errors.push(make("invalid-value", at, { expected: ["species", "crop"] }))
    const value = Decimal.parse(row.value)
    if (!value || Decimal.isNegative(value)) return void errors.push(make("invalid-decimal", [...at, "value"], { value: row.value }))
    const required: Quantity.Quantity = { value, unit: row.unit }
    const from = row.effective?.from ?? pack.effective.from
    const to = row.effective ? row.effective.to : pack.effective.to
    const resolved: ResolvedInterval = { index: i, row, substance: sub?.ok ? sub.value.id : undefined, product: row.product, species, crop, required, from, to }
    // only lengthens
    if (species !== undefined) {
      const speciesPath = ds.foods.pathOf(species)
      const entries = [
        ...(row.product !== undefined ? ds.intervals.byProduct(row.product) : []),
        ...(resolved.substance !== undefined ? ds.intervals.byDrug(resolved.substance) : [])
      ]
      for (const e of entries) {
        if (!overlaps(e.effective, { from, to })) continue
        for (const p of e.periods) {
          if (!p.species.some((s) => speciesPath.includes(s))) continue
          const national: Quantity.Quantity = { value: p.interval.value, unit: p.interval.unit }
          const c = comparable(required, national)
          if (c === undefined) errors.push(incomparable(at, pack, `${row.product ?? name} / ${row.species}`, required, national, `${e.citation.instrument} ${e.id}`))
          else if (c === -1)
            errors.push(shorter(at, pack, `${row.product ?? name} / ${row.species}`, required, national, `${e.citation.instrument} ${e.id}`))
        }
      }
    } else if (crop !== undefined && resolved.substance !== undefined) {
      for (const node of ds.foods.pathOf(crop))
        for (const e of ds.intervals.byIngredientCrop(resolved.substance, node)) {
          if (e.effective && !overlaps(e.effective, { from, to })) continue
          const national: Quantity.Quantity = { value: e.phi.value, unit: e.phi.unit }
          const c = comparable(required, national)
          if (c === undefined) errors.push(incomparable(at, pack, `${name} / ${row.crop}`, required, national, `${e.citation.instrument} ${e.id}`))
          else if (c === -1)
            errors.push(shorter(at, pack, `${name} / ${row.crop}`, required, national, `${e.citation.instrument} ${e.id}`))
        }
    }
    out.push(resolved)
  })
  return { intervals: out, errors }
}
