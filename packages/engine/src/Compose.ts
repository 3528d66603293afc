import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import { contains, overlaps } from "@nongan/core/EffectivePeriod"
import * as Decimal from "@nongan/core/Decimal"
import { lineage } from "@nongan/core/Ids"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { PackRef } from "@nongan/core/Verdict"
import type { LocalName, ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { normalise as normaliseFood } from "@nongan/foods/QualifiedName"
import { normalise as normaliseAnalyte } from "@nongan/substances/AnalyteName"
import { fromTables, type LimitIndex, type Resolution } from "@nongan/residues/LimitIndex"
import type { StatusEntry } from "@nongan/substances/Status"
import { type CompiledRules, compileRules } from "./Compile"
import type { Dataset } from "./Dataset"
import { type FactVocabulary, standard } from "./FactVocabulary"
import { contentHash } from "./Hash"
import { type CustomRule, decode, type Parameter, type RulePack } from "./RulePack"
import { checkRuleValues, knownValues } from "./RuleValues"
import { indexRules, type RuleIndex } from "./RuleIndex"
import { type ResolvedInterval, resolveIntervals } from "./LocalIntervals"
import { buildRegions, type RegionRules, rulesFor } from "./Effective"

/**
 * One composed layer: a regional pack, indexed and checked against every layer above it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Layer {
  readonly pack: RulePack
  readonly ref: PackRef
  readonly limits: LimitIndex
  readonly bans: ReadonlyArray<StatusEntry>
  readonly rules: CompiledRules
  /** the rules indexed by the outcome they can fire on */
  readonly ruleIndex: RuleIndex
  readonly ruleCitations: ReadonlyMap<string, CustomRule>
  readonly keyVarieties: ReadonlySet<string>
  readonly parameters: ReadonlyMap<string, Parameter>
  /** the pack's (longer) withdrawal periods and pre-harvest intervals, resolved */
  readonly intervals: ReadonlyArray<ResolvedInterval>
  /** the pack's local market names (normalised name → catalogue id, `source` = the pack id), checked */
  readonly names: LocalNameMaps
}

/**
 * A layer's local names, keyed by normalised name: foods (`QualifiedName.normalise`) and
 * analytes (`AnalyteName.normalise`).
 *
 * @example
 * import type { LocalNameMaps } from "@nongan/engine/Compose"
 * const n: LocalNameMaps = { foods: new Map([["上海青", { target: "普通白菜", source: "cn-500154-t" }]]), substances: new Map() }
 *
 * @since 0.4.0
 * @category models
 */
export interface LocalNameMaps {
  readonly foods: ReadonlyMap<string, LocalName>
  readonly substances: ReadonlyMap<string, LocalName>
}

/**
 * Checks a pack's `names` section against the national catalogues and the layers above: every
 * target exists; a name the national catalogue already reads (to any entry) is refused — a pack
 * may not re-point a national name; a name a layer above declares for another target is refused
 * (no shadowing); a name twice in one pack is `pack-duplicate`.
 */
const checkNames = (dataset: Dataset, pack: RulePack, path: string, ancestors: ReadonlyArray<Layer>, errors: Array<NonganError>): LocalNameMaps => {
  const foods = new Map<string, LocalName>()
  const substances = new Map<string, LocalName>()
  const loosens = (row: Array<string | number>, name: string, parent: string, detail: string) =>
    errors.push(make("pack-loosens", [path, "names", ...row], { layer: pack.id, parent, name, detail }))
  pack.names?.foods?.forEach((e, i) => {
    const key = normaliseFood(e.name)
    const t = dataset.foods.resolve(e.food)
    const target = t.ok ? t.value.id : dataset.foods.foodOf(e.food)?.id
    if (target === undefined) return void errors.push(make("pack-unknown-reference", [path, "names", "foods", i, "food"], { name: e.food }))
    if (foods.has(key)) return void errors.push(make("pack-duplicate", [path, "names", "foods", i, "name"], { name: e.name }))
    const nat = dataset.foods.read(e.name)
    if (nat.ok)
      return void loosens(["foods", i, "name"], `${e.name} → ${target}`, "cn-national", `已是全国名称 / already a national name: ${e.name} → ${nat.value.food.id}`)
    // a nationally ambiguous name (青椒: 辣椒 / 甜椒) may be settled locally, only as one of the entries it may mean
    const candidates = nat.errors[0]?.code === "ambiguous-name" ? ((nat.errors[0].params as { candidates?: ReadonlyArray<string> }).candidates ?? []) : undefined
    if (candidates !== undefined && !candidates.some((c) => ["same", "first"].includes(dataset.foods.relate(target, c))))
      return void loosens(["foods", i, "name"], `${e.name} → ${target}`, "cn-national", `全国数据中该名称可指 / nationally this name may mean: ${candidates.join("、")}`)
    for (const l of ancestors) {
      const theirs = l.names.foods.get(key)
      if (theirs && theirs.target !== target)
        return void loosens(["foods", i, "name"], `${e.name} → ${target}`, l.pack.id, `上级已声明 / declared above: ${e.name} → ${theirs.target}`)
    }
    foods.set(key, { target, source: pack.id, ...(e.note ? { note: e.note } : {}) })
  })
  pack.names?.substances?.forEach((e, i) => {
    const key = normaliseAnalyte(e.name)
    const t = dataset.substances.resolve(e.substance)
    if (!t.ok) return void errors.push(make("pack-unknown-reference", [path, "names", "substances", i, "substance"], { name: e.substance }))
    const target = t.value.id
    if (substances.has(key)) return void errors.push(make("pack-duplicate", [path, "names", "substances", i, "name"], { name: e.name }))
    const nat = dataset.substances.read(e.name)
    if (nat.ok)
      return void loosens(["substances", i, "name"], `${e.name} → ${target}`, "cn-national", `已是全国名称 / already a national name: ${e.name} → ${nat.value.substance.id}`)
    for (const l of ancestors) {
      const theirs = l.names.substances.get(key)
      if (theirs && theirs.target !== target)
        return void loosens(["substances", i, "name"], `${e.name} → ${target}`, l.pack.id, `上级已声明 / declared above: ${e.name} → ${theirs.target}`)
    }
    substances.set(key, { target, source: pack.id, ...(e.note ? { note: e.note } : {}) })
  })
  return { foods, substances }
}

/**
 * The national layer and every regional layer, keyed by jurisdiction; built once at load, so
 * that conflicts are found when packs are composed, never while records are evaluated.
 *
 * @since 0.1.0
 * @category models
 */
export interface Composition {
  readonly dataset: Dataset
  readonly national: PackRef
  readonly layers: ReadonlyMap<string, ReadonlyArray<Layer>>
}

/**
 * The reference of the national layer: id `cn-national`, the data version and the hash of every
 * national file's canonical JSON (in path order).
 *
 * @example
 * import { nationalRef } from "@nongan/engine/Compose"
 * nationalRef([{ path: "a.json", json: {} }], "0.1.0").id // "cn-national"
 *
 * @since 0.1.0
 * @category constructors
 */
export const nationalRef = (files: ReadonlyArray<{ readonly path: string; readonly json: unknown }>, version: string): PackRef => ({
  id: "cn-national",
  jurisdiction: "000000",
  version,
  hash: contentHash([...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.json]))
})

const subjectOf = (ds: Dataset, row: { food?: string | undefined; species?: string | undefined; tissue?: string | undefined }): ResolvedFood | undefined => {
  if (row.food !== undefined) return { kind: "plant", id: row.food, name: row.food, path: ds.foods.pathOf(row.food) }
  if (row.species !== undefined && row.tissue !== undefined)
    return { kind: "animal", id: `${row.species}/${row.tissue}`, name: row.species, species: row.species, tissue: row.tissue, speciesPath: ds.foods.pathOf(row.species) }
  return undefined
}

/** A parameter's value as a number, when it is one (`"1.5"`, `1.5`); dates, flags and lists are not. */
const numeric = (v: Parameter["value"]): Decimal.Decimal | undefined =>
  typeof v === "number" || typeof v === "string" ? Decimal.parse(v) : undefined

/**
 * The most entries of each kind one rule pack may hold; a larger pack is a `too-large` error at
 * that list (GB 2763-2026 itself has 10 749 limits; a county pack holds a few dozen).
 *
 * @example
 * import { PACK_LIMITS } from "@nongan/engine/Compose"
 * PACK_LIMITS.limits // 20000
 *
 * @since 0.2.0
 * @category models
 */
export const PACK_LIMITS = {
  limits: 20_000,
  bans: 10_000,
  intervals: 10_000,
  customRules: 1_000,
  parameters: 1_000,
  keyVarieties: 10_000
} as const

const sizeErrors = (pack: RulePack, path: string): Array<NonganError> =>
  (Object.keys(PACK_LIMITS) as Array<keyof typeof PACK_LIMITS>).flatMap((k) =>
    (pack[k]?.length ?? 0) > PACK_LIMITS[k] ? [make("too-large", [path, k], { name: k, limit: PACK_LIMITS[k] })] : []
  ).concat(
    (["foods", "substances"] as const).flatMap((k) =>
      (pack.names?.[k]?.length ?? 0) > PACK_LIMITS.keyVarieties ? [make("too-large", [path, "names", k], { name: `names.${k}`, limit: PACK_LIMITS.keyVarieties })] : []
    )
  )

/**
 * Limit rows of one pack that say the same thing twice (same substance, subject, restriction and
 * period: `pack-duplicate`) or whose periods overlap (`pack-overlap`), found by sorting each
 * subject's rows by start date (n log n), at most 100 errors: a pack of 10 000 identical rows is a
 * short list of typed errors, not a quadratic overlap check.
 */
const duplicateRows = (pack: RulePack, path: string): Array<NonganError> => {
  const groups = new Map<string, Array<{ i: number; from: string; to: string | undefined }>>()
  const out: Array<NonganError> = []
  const rows = pack.limits ?? []
  rows.forEach((row, i) => {
    const from = row.effective?.from ?? pack.effective.from
    const to = row.effective ? row.effective.to : pack.effective.to
    const key = [row.substance, row.food ?? "", row.species ?? "", row.tissue ?? "", row.restriction ?? ""].join("\u0000")
    const g = groups.get(key)
    if (g) g.push({ i, from, to })
    else groups.set(key, [{ i, from, to }])
  })
  const name = (i: number) => {
    const row = rows[i]!
    return `${row.substance} / ${row.food ?? `${row.species}/${row.tissue}`}`
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue
    g.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.i - b.i))
    // the row whose period reaches furthest so far: any later start within it overlaps it
    let reach = g[0]!
    for (const r of g.slice(1)) {
      if (out.length >= 100) return out
      if (reach.to === undefined || r.from <= reach.to) {
        const same = r.from === reach.from && r.to === reach.to
        out.push(make(same ? "pack-duplicate" : "pack-overlap", [path, "limits", r.i], { name: `${name(r.i)} = limits[${reach.i}]` }))
      }
      if (reach.to !== undefined && (r.to === undefined || r.to > reach.to)) reach = r
    }
  }
  return out
}

const limitOf = (r: Resolution): Quantity.Quantity | "must-not-detect" | undefined =>
  r.mustNotDetect ? "must-not-detect" : r.limit.row.limit !== undefined ? { value: r.limit.row.limit, unit: r.limit.row.unit } : undefined

/**
 * Composes regional packs over the national dataset. Checks, for every pack: the schema; that its
 * parent is one of its administrative ancestors; that every food, species, substance and fact it
 * names exists; that its custom rules compile; and that it only tightens every layer above it: a
 * limit may not be higher (or less strict than 不得检出) than the national or a parent pack's limit
 * for the same substance and food on any day both are in force (a limit must be above zero:
 * 不得检出 is written `mustNotDetect`), and a numeric parameter may not move against the
 * direction (`at-least` / `at-most`) an ancestor in force at the same time gives it. A loosening
 * is a `pack-loosens` error naming both layers and the row.
 *
 * @example
 * import { compose } from "@nongan/engine/Compose"
 * typeof compose // "function" — see test/Compose.test.ts
 *
 * @since 0.1.0
 * @category constructors
 */
export const compose = (
  dataset: Dataset,
  national: PackRef,
  packs: ReadonlyArray<{ readonly path: string; readonly json: unknown }>,
  vocabulary: FactVocabulary = standard
): Result<Composition, NonganError> => {
  const errors: Array<NonganError> = []
  const decoded: Array<{ path: string; pack: RulePack; json: unknown }> = []
  for (const p of packs) {
    const r = decode(p.json, [p.path])
    if (!r.ok) errors.push(...r.errors)
    else decoded.push({ path: p.path, pack: r.value, json: p.json })
  }
  // ancestors first, so parents are built before children
  decoded.sort((a, b) => lineage(a.pack.jurisdiction).length - lineage(b.pack.jurisdiction).length || (a.pack.id < b.pack.id ? -1 : 1))
  const layers = new Map<string, Array<Layer>>()
  const ids = new Set<string>()
  for (const { path, pack, json } of decoded) {
    const at = (...p: Array<string | number>) => [path, ...p]
    const before = errors.length
    if (ids.has(pack.id)) errors.push(make("pack-duplicate", at("id"), { name: pack.id }))
    ids.add(pack.id)
    const chain = lineage(pack.jurisdiction)
    if (pack.parent !== null && !chain.slice(0, -1).includes(pack.parent))
      errors.push(make("pack-unknown-parent", at("parent"), { name: `${pack.parent} → ${pack.jurisdiction}` }))
    for (const other of layers.get(pack.jurisdiction) ?? [])
      if (overlaps(other.pack.effective, pack.effective))
        errors.push(make("pack-overlap", at("effective"), { name: `${other.pack.id} / ${pack.id}` }))
    // references
    pack.keyVarieties?.forEach((k, i) => {
      if (!dataset.foods.resolve(k.food).ok && !dataset.foods.hasNode(k.food) && !dataset.foods.hasSpecies(k.food)) errors.push(make("pack-unknown-reference", at("keyVarieties", i, "food"), { name: k.food }))
    })
    const bans: Array<StatusEntry> = []
    pack.bans?.forEach((b, i) => {
      const s = dataset.substances.resolve(b.substance)
      if (!s.ok) return void errors.push(make("pack-unknown-reference", at("bans", i, "substance"), { name: b.substance }))
      if (b.scope !== "all") {
        b.scope.foods?.forEach((f, k) => {
          if (!dataset.foods.hasNode(f)) errors.push(make("pack-unknown-reference", at("bans", i, "scope", "foods", k), { name: f }))
        })
        b.scope.species?.forEach((f, k) => {
          if (!dataset.foods.hasSpecies(f)) errors.push(make("pack-unknown-reference", at("bans", i, "scope", "species", k), { name: f }))
        })
      }
      bans.push({
        id: `${pack.id}#bans[${i}]`,
        substance: s.value.id,
        status: b.status,
        scope: b.scope,
        effective: b.effective ?? pack.effective,
        citation: b.citation,
        verification: b.verification ?? pack.verification ?? "official-text"
      })
    })
    // bounded sizes, and no two limit rows for the same subject and period (checked here, in
    // linear time, before the limit index sees them)
    const size = sizeErrors(pack, path)
    if (size.length > 0) {
      errors.push(...size)
      continue
    }
    const dups = duplicateRows(pack, path)
    if (dups.length > 0) {
      errors.push(...dups)
      continue
    }
    // the raw rows: fromTables decodes them itself (the decoded pack holds Decimals already)
    const rawLimits = (json as { limits?: ReadonlyArray<unknown> }).limits ?? []
    const rawSource = (json as { source?: unknown }).source
    // (fromTables rejects a limit of zero or less: "must not be detected" is written `mustNotDetect`)
    const table = { kind: "limit-table", instrument: pack.source.instrument, effective: (json as { effective?: unknown }).effective, citation: rawSource, rows: rawLimits }
    const limits = fromTables([table], dataset.foods, dataset.substances)
    if (!limits.ok) errors.push(...limits.errors.map((e) => ({ ...e, path: [path, "limits", ...e.path.slice(2)] })))
    const plainRules = (pack.customRules ?? []).map(({ citation: _c, verification: _v, note: _n, ...rule }) => rule)
    const rules = compileRules(plainRules, vocabulary)
    if (!rules.ok) errors.push(...rules.errors.map((e) => prefix(e, [path, "customRules"])))
    errors.push(...checkRuleValues(plainRules, knownValues(dataset)).map((e) => prefix(e, [path, "customRules"])))
    if (errors.length > before || !limits.ok || !rules.ok) continue

    // only tightens: limits
    const ancestors = chain.slice(0, -1).flatMap((j) => layers.get(j) ?? [])
    ;(pack.limits ?? []).forEach((row, i) => {
      const subject = subjectOf(dataset, row)
      if (!subject) return
      const from = row.effective?.from ?? pack.effective.from
      const to = row.effective ? row.effective.to : pack.effective.to
      const mine = row.mustNotDetect ? "must-not-detect" : row.limit !== undefined ? { value: row.limit, unit: row.unit } : undefined
      // every day on which a limit above may change: national rows, and the periods of the
      // packs above and of their rows (a parent pack may start after its child)
      const boundaries = new Set<string>([from])
      const edge = (p: { readonly from: string; readonly to?: string | undefined }) => {
        boundaries.add(p.from)
        if (p.to) boundaries.add(addDays(p.to as CalendarDate, 1))
      }
      for (const r of dataset.limits.rows()) if (r.row.substance === row.substance) edge(r)
      for (const l of ancestors) {
        edge(l.pack.effective)
        for (const r of l.limits.rows()) if (r.row.substance === row.substance) edge(r)
      }
      for (const date of [...boundaries].filter((d) => contains({ from, to }, d)).sort()) {
        const above: Array<[string, Resolution | undefined]> = [
          ["cn-national", dataset.limits.resolveAt(row.substance, subject, date)],
          ...ancestors.filter((l) => contains(l.pack.effective, date)).map((l): [string, Resolution | undefined] => [l.pack.id, l.limits.resolveAt(row.substance, subject, date)])
        ]
        for (const [layerId, res] of above) {
          if (!res) continue
          const theirs = limitOf(res)
          if (theirs === undefined || mine === undefined) continue
          const looser =
            theirs === "must-not-detect" ? mine !== "must-not-detect" : mine !== "must-not-detect" && Quantity.compare(mine, theirs) === 1
          if (looser) {
            errors.push(
              make("pack-loosens", [path, "limits", i], {
                layer: pack.id,
                parent: layerId,
                name: `${row.substance} / ${row.food ?? `${row.species}/${row.tissue}`} @ ${date}`,
                detail: `${mine === "must-not-detect" ? "不得检出" : Quantity.format(mine)} > ${theirs === "must-not-detect" ? "不得检出" : Quantity.format(theirs)} (${res.limit.instrument})`
              })
            )
            return
          }
        }
      }
    })
    // only tightens: intervals
    const localIntervals = resolveIntervals(dataset, pack, path)
    errors.push(...localIntervals.errors)
    // only tightens: targets and quotas
    const parameters = new Map((pack.parameters ?? []).map((p) => [p.id, p]))
    ;(pack.parameters ?? []).forEach((p, i) => {
      const mine = numeric(p.value)
      // a target or quota with a direction is a figure: `1批次` or a list cannot be compared, so it is refused
      if (!mine && p.direction !== undefined && !(typeof p.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(p.value)))
        errors.push(make("invalid-decimal", [path, "parameters", i, "value"], { value: String(p.value).slice(0, 40) }))
      const when = p.effective ?? pack.effective
      for (const l of ancestors) {
        const theirs = l.parameters.get(p.id)
        // the layer above says which way its figure may move; a lower layer cannot drop or flip it
        const direction = theirs?.direction ?? p.direction
        const t = theirs ? numeric(theirs.value) : undefined
        if (!theirs || !direction || !t || !overlaps(when, theirs.effective ?? l.pack.effective)) continue
        if (!mine) {
          // not a figure where the layer above set one: it could hide a lower target
          errors.push(make("pack-loosens", [path, "parameters", i], { layer: pack.id, parent: l.pack.id, name: p.id, detail: `${String(p.value).slice(0, 40)} / ${String(theirs.value)}` }))
          continue
        }
        const c = Decimal.compare(mine, t)
        if ((direction === "at-least" && c < 0) || (direction === "at-most" && c > 0))
          errors.push(make("pack-loosens", [path, "parameters", i], { layer: pack.id, parent: l.pack.id, name: p.id, detail: `${p.value} / ${theirs.value}` }))
      }
    })
    // local names: extra aliases only, never a national name re-pointed
    const names = checkNames(dataset, pack, path, ancestors, errors)
    const keyVarieties = new Set(
      (pack.keyVarieties ?? []).flatMap((k) => {
        const f = dataset.foods.resolve(k.food)
        return f.ok ? [f.value.id] : [k.food]
      })
    )
    const layer: Layer = {
      pack,
      ref: { id: pack.id, jurisdiction: pack.jurisdiction, version: pack.version, hash: contentHash(json) },
      limits: limits.value,
      bans,
      rules: rules.value,
      ruleIndex: indexRules(rules.value.rules),
      intervals: localIntervals.intervals,
      ruleCitations: new Map((pack.customRules ?? []).map((r) => [r.name, r])),
      keyVarieties,
      parameters,
      names
    }
    layers.set(pack.jurisdiction, [...(layers.get(pack.jurisdiction) ?? []), layer])
  }
  if (errors.length > 0) return fail(...errors)
  const composition: Composition = { dataset, national, layers }
  // compose once: every layer path's effective rule set, before any record is judged
  buildRegions(composition)
  return ok(composition)
}

const NO_LAYERS: ReadonlyArray<Layer> = []

/**
 * The layers of a region's effective rule set (see `Effective.rulesFor`) in force on a date,
 * province first: the packs whose rows, bans, intervals, parameters and custom rules a record
 * from the region dated that day is judged with. No rule set (no pack on the region's path): none.
 *
 * @example
 * import { layersOn } from "@nongan/engine/Compose"
 * layersOn(undefined, "2026-06-15").length // 0
 *
 * @since 0.4.0
 * @category combinators
 */
export const layersOn = (r: RegionRules | undefined, date: string): ReadonlyArray<Layer> => {
  if (r === undefined) return NO_LAYERS
  const layers = r.layers
  // most days every layer of the path is in force: the rule set's own array, no copy
  let mask = 0
  let all = true
  for (let i = 0; i < layers.length; i++) {
    if (contains(layers[i]!.pack.effective, date)) mask |= i < 30 ? 1 << i : 0
    else all = false
  }
  if (all) return layers
  if (layers.length > 30) return layers.filter((x) => contains(x.pack.effective, date))
  // otherwise one array per set of layers in force, the same from record to record (what is
  // memoised per array of layers — key varieties, the layers with rules — stays memoised)
  let bySet = inForce.get(r)
  if (!bySet) inForce.set(r, (bySet = new Map()))
  let out = bySet.get(mask)
  if (!out) bySet.set(mask, (out = layers.filter((_, i) => (mask & (1 << i)) !== 0)))
  return out
}

const inForce = new WeakMap<RegionRules, Map<number, ReadonlyArray<Layer>>>()

/**
 * The regional layers that judge a record from a region on a date, province first: the layers of
 * the region's effective rule set in force that day (`layersOn(rulesFor(c, region), date)`), one
 * pack per level of the region's lineage that has one. For callers that need the packs
 * themselves (their parameters, targets); a limit, ban or interval is read from the effective
 * rule set, never by walking these layers.
 *
 * @example
 * import { layersFor } from "@nongan/engine/Compose"
 * typeof layersFor // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const layersFor = (c: Composition, region: string | undefined, date: string): ReadonlyArray<Layer> => layersOn(rulesFor(c, region), date)
