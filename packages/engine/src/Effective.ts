import { segmentAt } from "@nongan/core/Timeline"
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import { contains } from "@nongan/core/EffectivePeriod"
import { lineage } from "@nongan/core/Ids"
import * as Quantity from "@nongan/core/Quantity"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { LocalName } from "@nongan/foods/FoodCatalogue"
import type { LocalNames, Tables } from "@nongan/residues/Judge"
import { LimitIndex, type LimitSegment, type Resolution } from "@nongan/residues/LimitIndex"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import { type StatusEntry, StatusIndex } from "@nongan/substances/Status"
import type { Composition, Layer } from "./Compose"
import type { Parameter } from "./RulePack"
import type { ResolvedInterval } from "./LocalIntervals"

/**
 * Whether resolution `a` is strictly stricter than `b`: 不得检出 beats any number, a lower number
 * beats a higher one (across mg/kg and µg/kg), and any limit beats a row with none.
 *
 * @example
 * import { stricter } from "@nongan/engine/Effective"
 * typeof stricter // "function" — see test/Effective.test.ts
 *
 * @since 0.3.0
 * @category predicates
 */
export const stricter = (a: Resolution, b: Resolution): boolean => {
  if (b.mustNotDetect) return false
  if (a.mustNotDetect) return true
  const la = a.limit.row.limit
  const lb = b.limit.row.limit
  if (la === undefined) return false
  if (lb === undefined) return true
  const q = (value: typeof la, unit: string) => ({ value, unit }) as Quantity.Quantity
  return Quantity.compare(q(la, a.limit.row.unit), q(lb, b.limit.row.unit)) === -1
}

interface Segment {
  readonly from: string
  readonly res: Resolution | undefined
}

const search = (segments: ReadonlyArray<Segment>, date: string): Resolution | undefined => segmentAt(segments, date)?.res

/**
 * The effective limit index of one layer path (national → province → city → county): a
 * `LimitIndex` whose `lookup` answers the national resolution unless a regional row in force (its
 * pack in force too) for the same substance and a food on the path is stricter; then that row,
 * marked with its `layer` and with `overrides`, what every layer above said. Ties stay with the
 * layer above. Memoised per substance × food as a timeline, like the national index; a substance
 * no regional row names is answered by the national index directly.
 *
 * @example
 * import { RegionalLimits } from "@nongan/engine/Effective"
 * typeof RegionalLimits // "function" — see test/Effective.test.ts
 *
 * @since 0.3.0
 * @category models
 */
export class RegionalLimits extends LimitIndex {
  /** @internal substance → food id → segments */
  readonly effective = new Map<string, Map<string, ReadonlyArray<Segment>>>()
  /** @internal the substances some regional row names */
  readonly named: ReadonlySet<string>
  private allRows: ReadonlyArray<IndexedLimit> | undefined

  constructor(
    readonly national: LimitIndex,
    readonly layers: ReadonlyArray<Layer>
  ) {
    super(national.foods)
    this.named = new Set(layers.flatMap((l) => l.limits.rows().map((r) => r.row.substance)))
  }

  override lookup(substance: string, food: ResolvedFood, date: string): Resolution | undefined {
    return search(this.segments(substance, food), date)
  }

  /** @internal The effective timeline `lookup` answers from (the national one for a substance no regional row names). */
  override segments(substance: string, food: ResolvedFood): ReadonlyArray<LimitSegment> {
    if (!this.named.has(substance)) return this.national.segments(substance, food)
    let bySubstance = this.effective.get(substance)
    if (!bySubstance) this.effective.set(substance, (bySubstance = new Map()))
    let segments = bySubstance.get(food.id)
    if (!segments) bySubstance.set(food.id, (segments = this.build(substance, food)))
    return segments
  }

  /** @internal `lookup` reads `segments`: a judgement may read them itself. */
  override plannable(): boolean {
    return true
  }

  /** @internal Coverage is the national tables'. */
  override coverageIndex(): LimitIndex {
    return this.national.coverageIndex()
  }

  override resolveAt(substance: string, food: ResolvedFood, date: string): Resolution | undefined {
    return this.at(substance, food, date)
  }

  override coverageOn(substance: string, date: string) {
    return this.national.coverageOn(substance, date)
  }

  override heldWhole(instrument: string): ReadonlyArray<string> {
    return this.national.heldWhole(instrument)
  }

  override tablePeriod(instrument: string) {
    return this.national.tablePeriod(instrument)
  }

  /** The national rows, then each layer's. */
  override rows(): ReadonlyArray<IndexedLimit> {
    return (this.allRows ??= [...this.national.rows(), ...this.layers.flatMap((l) => l.limits.rows())])
  }

  /** @internal the effective resolution on one day, not memoised */
  at(substance: string, food: ResolvedFood, date: string): Resolution | undefined {
    const said: Array<{ readonly layer: string; readonly resolution: Resolution }> = []
    const national = this.national.lookup(substance, food, date)
    if (national) said.push({ layer: "national", resolution: national })
    let chosen = national ? 0 : -1
    for (const l of this.layers) {
      if (!contains(l.pack.effective, date)) continue
      const r = l.limits.lookup(substance, food, date)
      if (!r) continue
      said.push({ layer: l.pack.id, resolution: r })
      if (chosen < 0 || stricter(r, said[chosen]!.resolution)) chosen = said.length - 1
    }
    if (chosen < 0) return undefined
    const win = said[chosen]!
    if (win.layer === "national") return win.resolution
    // a regional finding names the instrument its row cites (the pack's own source when the row cites it)
    const limit = { ...win.resolution.limit, instrument: win.resolution.limit.row.citation.instrument }
    return { ...win.resolution, limit, layer: win.layer, overrides: said.slice(0, chosen) }
  }

  private build(substance: string, food: ResolvedFood): ReadonlyArray<Segment> {
    const bounds = new Set<string>()
    for (const s of this.national.timeline(substance, food)) bounds.add(s.from)
    for (const l of this.layers) {
      bounds.add(l.pack.effective.from)
      if (l.pack.effective.to) bounds.add(addDays(l.pack.effective.to as CalendarDate, 1))
      for (const s of l.limits.timeline(substance, food)) bounds.add(s.from)
    }
    return [...bounds].sort().map((from) => ({ from, res: this.at(substance, food, from) }))
  }
}

/**
 * The effective status index of one layer path: the national entries and every regional ban,
 * each clipped to its pack's period, so that groups (a ban on 硝基呋喃类 reaches 呋喃唑酮) and
 * metabolites are expanded exactly as nationally.
 *
 * @example
 * import { RegionalStatuses } from "@nongan/engine/Effective"
 * typeof RegionalStatuses // "function"
 *
 * @since 0.3.0
 * @category models
 */
export class RegionalStatuses extends StatusIndex {
  constructor(national: StatusIndex, bans: ReadonlyArray<StatusEntry>) {
    super(national.catalogue)
    for (const [k, v] of national.own) this.own.set(k, v)
    for (const b of bans) this.own.set(b.substance, [...(this.own.get(b.substance) ?? []), b])
  }
}

const clip = (e: StatusEntry, p: Layer["pack"]["effective"]): StatusEntry => {
  const from = e.effective.from > p.from ? e.effective.from : p.from
  const to = e.effective.to === undefined ? p.to : p.to === undefined || e.effective.to < p.to ? e.effective.to : p.to
  return { ...e, effective: to === undefined ? { from } : { from, to } }
}

/**
 * One region's effective rule set, built when packs are composed: the tables a record from the
 * region is judged against once (limits, statuses), with where each regional entry came from,
 * and the layers' parameters and local intervals.
 *
 * @since 0.3.0
 * @category models
 */
export interface RegionRules extends Tables {
  readonly jurisdiction: string
  /** the regional layers of the path, province first (each filtered by its period when used) */
  readonly layers: ReadonlyArray<Layer>
  readonly limits: RegionalLimits
  readonly statuses: RegionalStatuses
  /** regional status entry id → the pack it came from */
  readonly banLayer: ReadonlyMap<string, string>
  /** the longer local intervals of every layer, with their layer */
  readonly intervals: ReadonlyArray<{ readonly layer: Layer; readonly interval: ResolvedInterval }>
  /** whether some layer of the path declares local names (see {@link localNames}) */
  readonly hasNames: boolean
}

const namesMemo = new WeakMap<RegionRules, Map<string, LocalNames>>()

/**
 * The local market names a record of the region reads, from the layers of its path in force on
 * its date (`layersFor`), province first: a lower layer only adds names (composition refuses a
 * name re-pointed or shadowed). `undefined` when no layer in force declares one, so records read
 * names nationally only. Memoised per set of layers, so that readings are memoised too.
 *
 * @example
 * import { localNames } from "@nongan/engine/Effective"
 * typeof localNames // "function" — see test/LocalNames.test.ts
 *
 * @since 0.4.0
 * @category combinators
 */
export const localNames = (r: RegionRules, inForce: ReadonlyArray<Layer>): LocalNames | undefined => {
  if (!r.hasNames) return undefined
  const named = inForce.filter((l) => l.names.foods.size > 0 || l.names.substances.size > 0)
  if (named.length === 0) return undefined
  let m = namesMemo.get(r)
  if (!m) namesMemo.set(r, (m = new Map()))
  const key = named.map((l) => l.pack.id).join("\u0000")
  let out = m.get(key)
  if (!out) {
    const foods = new Map<string, LocalName>()
    const substances = new Map<string, LocalName>()
    for (const l of named) {
      for (const [k, v] of l.names.foods) if (!foods.has(k)) foods.set(k, v)
      for (const [k, v] of l.names.substances) if (!substances.has(k)) substances.set(k, v)
    }
    m.set(key, (out = { foods, substances }))
  }
  return out
}

/**
 * Builds the effective rule set of a layer path.
 *
 * @example
 * import { regionRules } from "@nongan/engine/Effective"
 * typeof regionRules // "function"
 *
 * @since 0.3.0
 * @category constructors
 */
export const regionRules = (dataset: Tables, jurisdiction: string, layers: ReadonlyArray<Layer>): RegionRules => {
  const bans = layers.flatMap((l) => l.bans.map((b) => clip(b, l.pack.effective)))
  return {
    jurisdiction,
    layers,
    foods: dataset.foods,
    substances: dataset.substances,
    limits: new RegionalLimits(dataset.limits, layers),
    exempt: dataset.exempt,
    statuses: new RegionalStatuses(dataset.statuses, bans),
    banLayer: new Map(layers.flatMap((l) => l.bans.map((b): [string, string] => [b.id, l.pack.id]))),
    intervals: layers.flatMap((l) => l.intervals.map((interval) => ({ layer: l, interval }))),
    hasNames: layers.some((l) => l.names.foods.size > 0 || l.names.substances.size > 0)
  }
}

const pathOf = (c: Pick<Composition, "layers">, jurisdiction: string): ReadonlyArray<Layer> =>
  lineage(jurisdiction)
    .slice(1)
    .flatMap((j) => c.layers.get(j) ?? [])

const built = new WeakMap<object, Map<string, RegionRules | undefined>>()

/**
 * Prepares the effective rule sets of a composition: each jurisdiction's (its whole path) is
 * built on first use by {@link rulesFor}, once, and memoised, so that composing packs for many
 * regions costs only the regions asked for. `eager` builds every jurisdiction that has a pack now
 * (the same rule sets, sooner).
 *
 * @example
 * import { buildRegions } from "@nongan/engine/Effective"
 * typeof buildRegions // "function"
 *
 * @since 0.3.0
 * @category constructors
 */
export const buildRegions = (c: Composition, eager = false): void => {
  let m = built.get(c)
  if (!m) built.set(c, (m = new Map()))
  if (eager) for (const j of c.layers.keys()) if (!m.has(j)) m.set(j, regionRules(c.dataset, j, pathOf(c, j)))
}

/**
 * The effective rule set a record from a region is judged against, or `undefined` when no pack
 * lies on the region's path (the national tables alone judge it).
 *
 * @example
 * import { rulesFor } from "@nongan/engine/Effective"
 * typeof rulesFor // "function"
 *
 * @since 0.3.0
 * @category combinators
 */
export const rulesFor = (c: Composition, region: string | undefined): RegionRules | undefined => {
  if (region === undefined || c.layers.size === 0) return undefined
  let m = built.get(c)
  if (!m) built.set(c, (m = new Map()))
  if (m.has(region)) return m.get(region)
  let out: RegionRules | undefined
  if (/^\d{6}$/.test(region)) {
    const chain = lineage(region)
    for (let k = chain.length - 1; k >= 1 && !out; k--) {
      const j = chain[k]!
      if (!c.layers.has(j)) continue
      if (!m.has(j)) m.set(j, regionRules(c.dataset, j, pathOf(c, j)))
      out = m.get(j)
    }
  }
  if (m.size < 10_000) m.set(region, out)
  return out
}

/**
 * The value of a parameter in force for a region on a date: the most specific layer's, with the
 * layers above it that it overrides (only-tightens is checked at composition).
 *
 * @example
 * import { parameterOn } from "@nongan/engine/Effective"
 * typeof parameterOn // "function"
 *
 * @since 0.3.0
 * @category combinators
 */
export const parameterOn = (
  r: RegionRules,
  id: string,
  date: string
): { readonly layer: string; readonly parameter: Parameter; readonly overrides: ReadonlyArray<{ readonly layer: string; readonly parameter: Parameter }> } | undefined => {
  const said: Array<{ layer: string; parameter: Parameter }> = []
  for (const l of r.layers) {
    const p = l.parameters.get(id)
    if (p && contains(l.pack.effective, date) && contains(p.effective ?? l.pack.effective, date)) said.push({ layer: l.pack.id, parameter: p })
  }
  const last = said[said.length - 1]
  return last ? { ...last, overrides: said.slice(0, -1) } : undefined
}
