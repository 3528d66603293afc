/**
 * `nongan limit` and `nongan limits`: the limit in force for a substance on a food on a date
 * (its row, category path, edition, verification; for a region the entry of its effective rule
 * set, with the rows it overrides and what each regional layer says), and the limit rows of one
 * substance or one food.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "@nongan/core/CalendarDate"
import { lineage } from "@nongan/core/Ids"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { regionName } from "@nongan/core/Region"
import { type Composition, layersOn } from "@nongan/engine/Compose"
import { rulesFor } from "@nongan/engine/Effective"
import type { Dataset } from "@nongan/engine/Dataset"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { Resolution } from "@nongan/residues/LimitIndex"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import { csvCell } from "./Output"

/**
 * One limit as printed: value and unit (or 不得检出), the row reference, the table's instrument
 * and clause, its period, verification, and the node where it was found.
 *
 * @since 0.1.0
 * @category models
 */
export interface LimitLine {
  readonly layer: string
  readonly jurisdiction: string
  readonly limit: string | null
  readonly unit: string
  readonly mustNotDetect: boolean
  readonly temporary: boolean
  readonly instrument: string
  readonly clause: string | undefined
  readonly ref: string
  readonly from: string
  readonly to: string | undefined
  readonly verification: string
  readonly matchedAt?: string | undefined
  readonly food?: string | undefined
  readonly species?: string | undefined
  readonly tissue?: string | undefined
  readonly note?: string | undefined
}

/**
 * The answer of `nongan limit` (`--format json`).
 *
 * @example
 * import type { LimitAnswer } from "@nongan/cli/Lookup"
 * const national = (a: LimitAnswer) => a.applies?.layer === "national" && a.overrides.length === 0
 *
 * @since 0.1.0
 * @category models
 */
export interface LimitAnswer {
  readonly substance: string
  readonly food: string
  readonly on: string
  readonly region: string | null
  readonly regionName: string | null
  readonly categoryPath: ReadonlyArray<string>
  /**
   * the limit that applies: the entry of the region's effective rule set, the row validation
   * judges a sample from the region against (its `layer` names the pack, or `national`)
   */
  readonly applies: LimitLine | null
  /** the rows the applied row overrides: what the layers above it said (empty when no regional row applies) */
  readonly overrides: ReadonlyArray<LimitLine>
  readonly national: LimitLine | null
  /** what each regional layer of the path in force on the date says on its own */
  readonly layers: ReadonlyArray<{ readonly jurisdiction: string; readonly pack: string; readonly limit: LimitLine | null }>
  /** packs of regions below `--region` that set their own limit for this pair */
  readonly below: ReadonlyArray<{ readonly jurisdiction: string; readonly pack: string; readonly limit: LimitLine }>
}

/** A row as printed; a regional row names the instrument its row cites, as its findings do. */
const line = (layer: string, jurisdiction: string, l: IndexedLimit, res?: Resolution): LimitLine => ({
  layer,
  jurisdiction,
  limit: l.row.limit === undefined ? null : l.row.limit.toString(),
  unit: l.row.unit,
  mustNotDetect: res?.mustNotDetect ?? l.row.mustNotDetect === true,
  temporary: l.row.temporary === true,
  instrument: layer === "national" ? l.instrument : l.row.citation.instrument,
  clause: l.row.citation.clause,
  ref: l.ref,
  from: l.from,
  to: l.to,
  verification: l.row.verification,
  ...(res ? { matchedAt: res.matchedAt } : {}),
  ...(l.row.food !== undefined ? { food: l.row.food } : {}),
  ...(l.row.species !== undefined ? { species: l.row.species } : {}),
  ...(l.row.tissue !== undefined ? { tissue: l.row.tissue } : {}),
  ...(l.row.note !== undefined ? { note: l.row.note } : {})
})

const pathOf = (f: ResolvedFood): ReadonlyArray<string> => (f.kind === "plant" ? f.path : [...f.speciesPath, f.tissue])

/**
 * Answers "what is the limit for this substance on this food on this date (here)". With a
 * region, `applies` is read from the region's effective rule set (`Effective.rulesFor`), the
 * same entry validation judges a sample from the region against: the strictest row in force of
 * the national tables and the packs of the region's path, with its layer and, in `overrides`,
 * the rows it overrides.
 *
 * @example
 * import { limitAnswer } from "@nongan/cli/Lookup"
 * import { createValidator } from "@nongan/sdk/Validator"
 * const v = createValidator()
 * if (v.ok) {
 *   const a = limitAnswer(v.value.composition, { substance: "克百威", food: "豇豆", on: "2026-06-15" })
 *   if (a.ok) a.value.applies?.limit // "0.02"
 * }
 *
 * @since 0.1.0
 * @category rules
 */
export const limitAnswer = (
  c: Composition,
  q: { readonly substance: string; readonly food: string; readonly on: string; readonly region?: string | undefined }
): Result<LimitAnswer, NonganError> => {
  const ds: Dataset = c.dataset
  const s = ds.substances.read(q.substance)
  if (!s.ok) return fail(...s.errors.map((e) => ({ ...e, path: ["substance"] })))
  const f = ds.foods.read(q.food)
  if (!f.ok) return fail(...f.errors.map((e) => ({ ...e, path: ["food"] })))
  if (!CalendarDate.isValid(q.on)) return fail(make("invalid-date", ["--on"], { value: q.on }))
  const sub = s.value.substance.id
  const food = f.value.food
  const region = q.region
  const nres = ds.limits.lookup(sub, food, q.on)
  const national = nres ? line("national", "000000", nres.limit, nres) : null
  // the region's effective rule set: what validation applies, with where it came from
  const rules = rulesFor(c, region)
  const inForce = layersOn(rules, q.on)
  const jurisdictionOf = (layer: string) => (layer === "national" ? "000000" : (inForce.find((l) => l.pack.id === layer)?.pack.jurisdiction ?? ""))
  const eff = rules === undefined ? nres : rules.limits.lookup(sub, food, q.on)
  const applied = eff?.layer ?? "national"
  const applies = eff ? line(applied, jurisdictionOf(applied), eff.limit, eff) : null
  const overrides = (eff?.overrides ?? []).map((o) => line(o.layer, jurisdictionOf(o.layer), o.resolution.limit, o.resolution))
  const layers = inForce.map((l) => {
    const r = l.limits.lookup(sub, food, q.on)
    return { jurisdiction: l.pack.jurisdiction, pack: `${l.pack.id}@${l.pack.version}`, limit: r ? line(l.pack.id, l.pack.jurisdiction, r.limit, r) : null }
  })
  const below: Array<LimitAnswer["below"][number]> = []
  const prefix = region === undefined ? "" : region.endsWith("0000") ? region.slice(0, 2) : region.endsWith("00") ? region.slice(0, 4) : region
  for (const [j, ls] of c.layers)
    if (j !== region && j.startsWith(prefix) && !(region !== undefined && lineage(region).includes(j)))
      for (const l of ls) {
        const r = l.limits.lookup(sub, food, q.on)
        if (r) below.push({ jurisdiction: j, pack: `${l.pack.id}@${l.pack.version}`, limit: line(l.pack.id, j, r.limit, r) })
      }
  return ok({
    substance: sub,
    food: food.id,
    on: q.on,
    region: region ?? null,
    regionName: region === undefined ? null : (regionName(region) ?? null),
    categoryPath: nres?.path ?? eff?.path ?? pathOf(food),
    applies,
    overrides,
    national,
    layers,
    below
  })
}

/** A line's value: `1 mg/kg`, 不得检出 / must not be detected, `*` when temporary. */
const value = (l: LimitLine, zh: boolean): string => `${l.mustNotDetect ? (zh ? "不得检出" : "must not be detected") : `${l.limit} ${l.unit}`}${l.temporary ? "*" : ""}`

const show = (l: LimitLine | null, zh: boolean): string =>
  l === null
    ? zh ? "无限量" : "no limit"
    : `${value(l, zh)}  [${l.instrument}${l.clause ? ` ${l.clause}` : ""} · ${l.verification}] ${l.from}~${l.to ?? ""}  ${l.ref}${l.matchedAt ? `  @${l.matchedAt}` : ""}`

/** The layer a line came from, as printed: 国家层 / national, or the pack id. */
const layerName = (l: LimitLine, zh: boolean): string => (l.layer === "national" ? (zh ? "国家层" : "national") : l.layer)

/** `适用 <pack>，取代 国家层 5 mg/kg (GB 2763-2026#…)`: where the applied row came from and what it overrides. */
const appliedLine = (a: LimitAnswer, zh: boolean): ReadonlyArray<string> => {
  if (a.applies === null || a.applies.layer === "national") return []
  const over = a.overrides.map((o) => `${layerName(o, zh)} ${value(o, zh)} (${o.ref})`).join(zh ? "；" : "; ")
  return [`  ${zh ? "适用" : "applies"}: ${a.applies.layer}${over === "" ? "" : zh ? "，取代 " + over : `, overriding ${over}`}`]
}

/**
 * Renders a limit answer as readable lines.
 *
 * @example
 * import { limitLines } from "@nongan/cli/Lookup"
 * typeof limitLines // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const limitLines = (a: LimitAnswer, zh: boolean): ReadonlyArray<string> => [
  `${a.substance} @ ${a.food} ${a.on}${a.region ? ` ${a.region} ${a.regionName ?? ""}` : ""}: ${show(a.applies, zh)}`,
  ...appliedLine(a, zh),
  `  ${zh ? "类别路径" : "category path"}: ${a.categoryPath.join(" › ")}`,
  `  ${zh ? "国家层" : "national"}: ${show(a.national, zh)}`,
  ...a.layers.map((l) => `  ${l.jurisdiction} ${regionName(l.jurisdiction) ?? ""} ${l.pack}: ${show(l.limit, zh)}`),
  ...a.below.map((l) => `  ${zh ? "下级" : "below"} ${l.jurisdiction} ${regionName(l.jurisdiction) ?? ""} ${l.pack}: ${show(l.limit, zh)}`)
]

/**
 * The national limit rows of one substance (`--substance`) or one food (`--food`, the rows on
 * its category path), optionally only those in force on a date.
 *
 * @example
 * import { limitRows } from "@nongan/cli/Lookup"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) { const r = limitRows(ds.value, { substance: "克百威" }); r.ok && r.value.length > 0 } // true
 *
 * @since 0.1.0
 * @category rules
 */
export const limitRows = (
  ds: Dataset,
  q: { readonly substance?: string | undefined; readonly food?: string | undefined; readonly on?: string | undefined }
): Result<ReadonlyArray<LimitLine & { readonly substance: string }>, NonganError> => {
  if ((q.substance === undefined) === (q.food === undefined)) return fail(make("usage", [], { detail: "--substance X | --food Y" }))
  if (q.on !== undefined && !CalendarDate.isValid(q.on)) return fail(make("invalid-date", ["--on"], { value: q.on }))
  let keep: (l: IndexedLimit) => boolean
  if (q.substance !== undefined) {
    const s = ds.substances.read(q.substance)
    if (!s.ok) return fail(...s.errors.map((e) => ({ ...e, path: ["--substance"] })))
    const id = s.value.substance.id
    keep = (l) => l.row.substance === id
  } else {
    const f = ds.foods.read(q.food!)
    if (!f.ok) return fail(...f.errors.map((e) => ({ ...e, path: ["--food"] })))
    const food = f.value.food
    const path = new Set(pathOf(food))
    keep = (l) =>
      food.kind === "plant"
        ? l.row.food !== undefined && path.has(l.row.food)
        : l.row.species !== undefined && (path.has(l.row.species) || l.row.species === "其他动物") && (l.row.tissue === undefined || l.row.tissue === food.tissue)
  }
  const on = q.on
  return ok(
    ds.limits
      .rows()
      .filter((l) => keep(l) && (on === undefined || (l.from <= on && (l.to === undefined || on <= l.to))))
      .map((l) => ({ substance: l.row.substance, ...line("national", "000000", l) }))
  )
}

/**
 * The columns of `nongan limits --format csv`.
 *
 * @example
 * import { LIMIT_COLUMNS } from "@nongan/cli/Lookup"
 * LIMIT_COLUMNS[0] // "substance"
 *
 * @since 0.1.0
 * @category models
 */
export const LIMIT_COLUMNS = ["substance", "food", "species", "tissue", "limit", "unit", "mustNotDetect", "temporary", "instrument", "clause", "from", "to", "verification", "ref", "note"] as const

/**
 * One CSV line of a limit row.
 *
 * @example
 * import { limitCsvLine } from "@nongan/cli/Lookup"
 * typeof limitCsvLine // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const limitCsvLine = (l: LimitLine & { readonly substance: string }): string =>
  LIMIT_COLUMNS.map((c) => csvCell((l as unknown as Record<string, unknown>)[c])).join(",")
