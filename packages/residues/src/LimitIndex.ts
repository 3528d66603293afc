import { segmentAt } from "@nongan/core/Timeline"
import { addDays } from "@nongan/core/CalendarDate"
import type { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import * as Decimal from "@nongan/core/Decimal"
import { contains, overlaps } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { FoodCatalogue, ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { type IndexedLimit, LimitTableFile } from "./LimitTable"

/**
 * The limit that applies to a substance in a food on a date, and how it was found: the node (or
 * species) where the row sits, the food's path, and whether detection itself is the breach
 * (不得检出, or 产蛋期 / 泌乳期禁用 for eggs and milk).
 *
 * @since 0.1.0
 * @category models
 */
export interface Resolution {
  readonly limit: IndexedLimit
  readonly matchedAt: string
  readonly path: ReadonlyArray<string>
  readonly mustNotDetect: boolean
  readonly because?: "must-not-detect" | "laying" | "lactating"
  /** the regional pack whose row this is, when a composed region's row applies (absent: national) */
  readonly layer?: string | undefined
  /** what the layers above said for the same substance and food, when a stricter regional row overrides them */
  readonly overrides?: ReadonlyArray<{ readonly layer: string; readonly resolution: Resolution }> | undefined
}

/** The GB 31650 species group for the food animals an entry does not name. */
const OTHER_ANIMALS = "其他动物"

/**
 * One segment of a limit timeline (`LimitIndex.segments`): the resolution in force from `from`
 * (an ISO date) until the next segment starts; `undefined` where no row is in force.
 *
 * @example
 * import type { LimitSegment } from "@nongan/residues/LimitIndex"
 * const before: LimitSegment = { from: "2021-09-03", res: undefined }
 *
 * @since 0.5.0
 * @category models
 */
export interface LimitSegment {
  readonly from: string
  readonly res: Resolution | undefined
}
type Segment = LimitSegment

/**
 * Limit rows indexed by substance × food node (plant side) and substance × species (animal side).
 * Lookups walk the food's category path from the most specific node up, honouring exclusions,
 * and are memoised per substance × food as a timeline of segments, so a judgement is a few map
 * reads and one binary search.
 *
 * @example
 * import { fromTables } from "@nongan/residues/LimitIndex"
 * // see test/LimitIndex.test.ts for a complete example with catalogues
 * typeof fromTables // "function"
 *
 * @since 0.1.0
 * @category models
 */
export class LimitIndex {
  /** @internal */
  readonly plant = new Map<string, Map<string, Array<IndexedLimit>>>()
  /** @internal */
  readonly animal = new Map<string, Map<string, Array<IndexedLimit>>>()
  /** @internal */
  readonly timelines = new Map<string, Map<string, ReadonlyArray<Segment>>>()
  /** @internal */
  readonly all: Array<IndexedLimit> = []
  /** @internal */
  readonly tables = new Map<string, { readonly from: string; readonly to?: string | undefined }>()
  /** @internal */
  constructor(readonly foods: FoodCatalogue) {}

  /** @internal instrument → substances whose table it holds whole */
  readonly whole = new Map<string, ReadonlySet<string>>()
  /** @internal `instrument \0 substance` → rows held */
  readonly counts = new Map<string, number>()

  /**
   * What nongan holds of each instrument in force on a date for a substance: whether the
   * instrument's table for it is held whole, and how many rows of it are held. Tells `no-limit`
   * (the law sets none) from `limit-not-held` (nongan's data is incomplete).
   */
  coverageOn(substance: string, date: string): ReadonlyArray<{ readonly instrument: string; readonly whole: boolean; readonly rows: number }> {
    const out: Array<{ instrument: string; whole: boolean; rows: number }> = []
    for (const [instrument, period] of this.tables) {
      if (date < period.from || (period.to !== undefined && date > period.to)) continue
      const whole = this.whole.get(instrument)?.has(substance) ?? false
      out.push({ instrument, whole, rows: this.counts.get(`${instrument}\u0000${substance}`) ?? 0 })
    }
    return out
  }

  /** The substances whose table an instrument holds whole. */
  heldWhole(instrument: string): ReadonlyArray<string> {
    return [...(this.whole.get(instrument) ?? [])]
  }

  /** Every indexed row. */
  rows(): ReadonlyArray<IndexedLimit> {
    return this.all
  }

  /** The effective period of an instrument's table, as loaded. */
  tablePeriod(instrument: string): { readonly from: string; readonly to?: string | undefined } | undefined {
    return this.tables.get(instrument)
  }

  /** The limit for a substance (canonical id) in a resolved food on a date, or `undefined` (no limit). */
  lookup(substance: string, food: ResolvedFood, date: string): Resolution | undefined {
    return segmentAt(this.segments(substance, food), date)?.res
  }

  /**
   * @internal The memoised timeline of a substance in a food, what {@link LimitIndex.lookup}
   * reads: one per substance × food asked (the bound of the memo), its segments sorted by the day
   * each starts, no segment before the first row comes into force. The judgement's plans
   * (Judge.ts) read it on a plain `LimitIndex` only: a subclass answers through `lookup`.
   */
  segments(substance: string, food: ResolvedFood): ReadonlyArray<LimitSegment> {
    let bySubstance = this.timelines.get(substance)
    if (!bySubstance) this.timelines.set(substance, (bySubstance = new Map()))
    let segments = bySubstance.get(food.id)
    if (!segments) bySubstance.set(food.id, (segments = this.timeline(substance, food)))
    return segments
  }

  /**
   * @internal Whether {@link LimitIndex.segments} is the timeline {@link LimitIndex.lookup}
   * answers from, so that a judgement may read the segments instead of asking `lookup`: true of
   * this class; a subclass says so itself (and then keeps the two consistent).
   */
  plannable(): boolean {
    return Object.getPrototypeOf(this) === LimitIndex.prototype
  }

  /**
   * @internal The index whose tables and periods {@link LimitIndex.coverageOn} reports: this one;
   * a subclass that answers coverage from another index names it.
   */
  coverageIndex(): LimitIndex {
    return this
  }

  /** Resolution without the memo: walk the path on a date. */
  resolveAt(substance: string, food: ResolvedFood, date: string): Resolution | undefined {
    return food.kind === "plant"
      ? this.resolvePlant(substance, food.path, date)
      : this.resolveAnimal(substance, food, date) ?? this.resolveAnimalCategory(substance, food, date)
  }

  /** @internal */
  timeline(substance: string, food: ResolvedFood): ReadonlyArray<Segment> {
    const bounds = new Set<string>()
    const collect = (keys: ReadonlyArray<string>, source: Map<string, Array<IndexedLimit>> | undefined) => {
      for (const k of keys)
        for (const r of source?.get(k) ?? []) {
          bounds.add(r.from)
          if (r.to !== undefined) bounds.add(addDays(r.to as CalendarDate, 1))
        }
    }
    if (food.kind === "plant") collect(food.path, this.plant.get(substance))
    else {
      collect(food.speciesPath, this.animal.get(substance))
      collect([OTHER_ANIMALS], this.animal.get(substance))
      if (food.categoryPath) collect(food.categoryPath, this.plant.get(substance))
    }
    const sorted = [...bounds].sort()
    return sorted.map((from) => ({ from, res: this.resolveAt(substance, food, from) }))
  }

  /** @internal */
  resolvePlant(substance: string, path: ReadonlyArray<string>, date: string): Resolution | undefined {
    const bySubstance = this.plant.get(substance)
    if (!bySubstance) return undefined
    for (let k = path.length - 1; k >= 0; k--) {
      const rows = bySubstance.get(path[k]!)
      if (!rows) continue
      const below = path.slice(k + 1)
      let best: IndexedLimit | undefined
      for (const r of rows) {
        if (!contains(r, date)) continue
        if (r.row.excludes?.some((x) => below.includes(x))) continue
        if (r.row.excludesListed && below.some((n) => bySubstance.get(n)?.some((o) => o.instrument === r.instrument && contains(o, date)))) continue
        if (!best || r.from > best.from) best = r
      }
      if (best) {
        const must = best.row.mustNotDetect === true
        return { limit: best, matchedAt: path[k]!, path, mustNotDetect: must, ...(must ? { because: "must-not-detect" as const } : {}) }
      }
    }
    return undefined
  }

  /** @internal */
  resolveAnimal(substance: string, food: Extract<ResolvedFood, { kind: "animal" }>, date: string): Resolution | undefined {
    const bySubstance = this.animal.get(substance)
    if (!bySubstance) return undefined
    const path = food.speciesPath
    for (let k = path.length - 1; k >= 0; k--) {
      let best: IndexedLimit | undefined
      for (const r of bySubstance.get(path[k]!) ?? []) {
        if (!contains(r, date)) continue
        if (r.row.tissue !== food.tissue && r.row.tissue !== "*") continue
        if (r.row.excludes?.some((x) => path.slice(k + 1).includes(x))) continue
        if (!best || r.from > best.from) best = r
      }
      if (best) {
        const must = best.row.mustNotDetect === true
        return { limit: best, matchedAt: path[k]!, path, mustNotDetect: must, ...(must ? { because: "must-not-detect" as const } : {}) }
      }
    }
    // GB 31650 其他动物 ("other animals"): the food animals a drug's entry does not name. Its row
    // applies to a product only when no row of the same instrument names a species on its path.
    const others = path.includes(OTHER_ANIMALS) ? undefined : bySubstance.get(OTHER_ANIMALS)
    if (others) {
      let best: IndexedLimit | undefined
      for (const r of others) {
        if (!contains(r, date) || (r.row.tissue !== food.tissue && r.row.tissue !== "*")) continue
        const named = path.some((sp) => (bySubstance.get(sp) ?? []).some((o) => o.instrument === r.instrument))
        if (named) continue
        if (!best || r.from > best.from) best = r
      }
      if (best) {
        const must = best.row.mustNotDetect === true
        return { limit: best, matchedAt: OTHER_ANIMALS, path, mustNotDetect: must, ...(must ? { because: "must-not-detect" as const } : {}) }
      }
    }
    // 产蛋期禁用 / 泌乳期禁用: no egg (milk) limit, but the drug is restricted for laying (lactating) animals
    const state = food.tissue === "蛋" ? "laying" : food.tissue === "奶" ? "lactating" : undefined
    if (state)
      for (let k = path.length - 1; k >= 0; k--)
        for (const r of bySubstance.get(path[k]!) ?? [])
          if (r.row.restriction === state && contains(r, date))
            return { limit: r, matchedAt: path[k]!, path, mustNotDetect: true, because: state }
    return undefined
  }

  /** @internal GB 2763 limits on the animal-origin category that covers the product (蛋类, 禽肉类, 生乳 …). */
  resolveAnimalCategory(substance: string, food: Extract<ResolvedFood, { kind: "animal" }>, date: string): Resolution | undefined {
    return food.categoryPath && food.categoryPath.length > 0 ? this.resolvePlant(substance, food.categoryPath, date) : undefined
  }
}

const decodeTable = decoder(LimitTableFile)

/**
 * Builds a limit index from limit-table files, checking that every substance, food, species and
 * tissue is catalogued, every value is present unless the row is 不得检出, units are
 * concentrations, and no two rows of one subject overlap in time within one instrument.
 *
 * @example
 * import { fromTables } from "@nongan/residues/LimitIndex"
 * typeof fromTables // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromTables = (
  files: ReadonlyArray<unknown>,
  foods: FoodCatalogue,
  substances: SubstanceCatalogue
): Result<LimitIndex, NonganError> => {
  const idx = new LimitIndex(foods)
  const errors: Array<NonganError> = []
  files.forEach((raw, i) => {
    const r = decodeTable(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    const t = r.value
    idx.tables.set(t.instrument, t.effective)
    if (t.holdsWhole) {
      idx.whole.set(t.instrument, new Set(t.holdsWhole))
      t.holdsWhole.forEach((s, k) => {
        if (!substances.get(s)) errors.push(make("pack-unknown-reference", [i, "holdsWhole", k], { name: s }))
      })
    }
    t.rows.forEach((row, j) => {
      const path = [i, "rows", j]
      const from = row.effective?.from ?? t.effective.from
      const to = row.effective ? row.effective.to : t.effective.to
      const entry: IndexedLimit = { ref: `${t.instrument}#${j}`, instrument: t.instrument, from, to, row }
      if (!substances.get(row.substance)) errors.push(make("pack-unknown-reference", [...path, "substance"], { name: row.substance }))
      if (row.limit === undefined && !row.mustNotDetect) errors.push(make("missing-field", [...path, "limit"]))
      if (row.limit !== undefined && (Decimal.isNegative(row.limit) || Decimal.isZero(row.limit)))
        errors.push(make("invalid-value", [...path, "limit"], { value: row.limit.toString(), expected: ["a limit above zero"] }))
      if (row.unit !== "mg/kg" && row.unit !== "ug/kg") errors.push(make("invalid-unit", [...path, "unit"], { value: row.unit }))
      let target: Map<string, Map<string, Array<IndexedLimit>>>
      let key: string
      if (row.food !== undefined && row.species === undefined) {
        if (!foods.hasNode(row.food)) errors.push(make("pack-unknown-reference", [...path, "food"], { name: row.food }))
        row.excludes?.forEach((x, k) => {
          if (!foods.hasNode(x)) errors.push(make("pack-unknown-reference", [...path, "excludes", k], { name: x }))
          // an exclusion names a member of the row's category; anything else would exclude nothing
          else if (foods.hasNode(row.food!) && !foods.isWithin(x, row.food!) || x === row.food)
            errors.push(make("invalid-value", [...path, "excludes", k], { value: x, expected: [`a member of ${row.food}`] }))
        })
        target = idx.plant
        key = row.food
      } else if (row.species !== undefined && row.tissue !== undefined && row.food === undefined) {
        if (!foods.hasSpecies(row.species)) errors.push(make("pack-unknown-reference", [...path, "species"], { name: row.species }))
        if (row.tissue !== "*" && !foods.hasTissue(row.tissue)) errors.push(make("pack-unknown-reference", [...path, "tissue"], { name: row.tissue }))
        target = idx.animal
        key = row.species
      } else {
        errors.push(make("invalid-value", path, { expected: ["food", "species + tissue"] }))
        return
      }
      let bySubstance = target.get(row.substance)
      if (!bySubstance) target.set(row.substance, (bySubstance = new Map()))
      const list = bySubstance.get(key) ?? []
      for (const other of list)
        if (
          other.instrument === entry.instrument &&
          other.row.tissue === row.tissue &&
          other.row.restriction === row.restriction &&
          overlaps(other, entry)
        )
          errors.push(make("pack-overlap", path, { name: `${row.substance} / ${key}${row.tissue ? ` / ${row.tissue}` : ""} (${t.instrument})` }))
      list.push(entry)
      bySubstance.set(key, list)
      idx.all.push(entry)
      const ck = `${t.instrument}\u0000${row.substance}`
      idx.counts.set(ck, (idx.counts.get(ck) ?? 0) + 1)
    })
  })
  return errors.length > 0 ? fail(...errors) : ok(idx)
}
