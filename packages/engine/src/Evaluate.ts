import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import type { NonganError } from "@nongan/core/NonganError"
import { deepFreeze } from "@nongan/core/Plain"
import { ok, type Result } from "@nongan/core/Result"
import { fromFindings, type RecordReport } from "@nongan/core/Verdict"
import { contains } from "@nongan/core/EffectivePeriod"
import type { InspectionRecord } from "@nongan/residues/Inspection"
import { judgeThresholds } from "@nongan/residues/DecisionThreshold"
import { type Analyte, assemble, type DecisionRule, judgeAnalyte, type JudgementBasis, markRead, prepareInspection, type Tables } from "@nongan/residues/Judge"
import type { Resolution } from "@nongan/residues/LimitIndex"
import type { CompiledRule, Facts } from "./Compile"
import { type Composition, type Layer, layersOn } from "./Compose"
import { localNames, type RegionRules, rulesFor } from "./Effective"
import type { Subject } from "./RuleIndex"
import { localIntervalFinding } from "./IntervalJudgement"

/**
 * The facts a custom rule reads for one finding (see `FactVocabulary.standard`). Concentrations
 * are in mg/kg.
 *
 * @example
 * import { factsFor } from "@nongan/engine/Evaluate"
 * typeof factsFor // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const factsFor = (
  a: Analyte,
  f: Finding,
  record: { readonly region?: string | undefined; readonly kind: string },
  keyVariety: boolean,
  substanceStatus: string
): Facts => {
  const ug = f.unit === "ug/kg"
  const path = a.food.kind === "plant" ? a.food.path : [...a.food.speciesPath]
  return {
    kind: record.kind,
    product: a.food.id,
    productCategoryPath: path,
    region: record.region,
    sampledOn: a.date,
    method: a.method,
    substance: a.substance.id,
    substanceStatus,
    measured: mgOf(f.measured, ug),
    limit: mgOf(f.limit, ug),
    ratioToLimit: (f.values as { ratioToLimit?: number } | undefined)?.ratioToLimit,
    outcome: f.outcome,
    species: a.food.kind === "animal" ? a.food.species : undefined,
    tissue: a.food.kind === "animal" ? a.food.tissue : undefined,
    keyVariety,
    unit: a.measurement.kind === "quantified" ? a.measurement.value.unit : undefined
  }
}

// a concentration in mg/kg (from ug/kg when `ug`)
const mgOf = (n: number | undefined, ug: boolean): number | undefined => (n === undefined ? undefined : ug ? Decimal.shiftNumber(n, -3) : n)

// What a rule's findings in a layer all say (its code, severity, citation, message), read once
// per layer and rule.
interface RuleFinding {
  readonly code: string
  readonly severity: Finding["severity"]
  readonly cited: { readonly source: string; readonly citation: NonNullable<Finding["citation"]>; readonly verification: NonNullable<Finding["verification"]> } | undefined
  readonly message: string | undefined
}
const ruleFindings = new WeakMap<Layer, Map<CompiledRule, RuleFinding>>()
const ruleFinding = (l: Layer, r: CompiledRule): RuleFinding => {
  let byRule = ruleFindings.get(l)
  if (!byRule) ruleFindings.set(l, (byRule = new Map()))
  let hit = byRule.get(r)
  if (hit === undefined) {
    const params = (r.event.params ?? {}) as { severity?: Finding["severity"]; message?: string }
    const cited = l.ruleCitations.get(r.name)
    hit = {
      code: r.event.type,
      severity: params.severity ?? "info",
      cited: cited ? { source: cited.citation.instrument, citation: cited.citation, verification: cited.verification ?? l.pack.verification ?? "official-text" } : undefined,
      message: params.message ? params.message : undefined
    }
    byRule.set(r, hit)
  }
  return hit
}

/** The finding a fired custom rule produces: its layer, rule, citation, message and the facts it read. */
const customFinding = (l: Layer, r: CompiledRule, facts: Facts, substance: string | undefined, food: string | undefined): Finding => {
  const t = ruleFinding(l, r)
  // built property by property, keys in the order findings have always had (spreads are a slow path in V8)
  const out: { -readonly [K in keyof Finding]?: Finding[K] } = { code: t.code, outcome: "custom", severity: t.severity }
  if (substance) out.substance = substance
  if (food) out.food = food
  out.layer = l.pack.id
  out.rule = r.name
  const cited = t.cited
  if (cited) {
    out.source = cited.source
    out.citation = cited.citation
    out.verification = cited.verification
  }
  if (t.message !== undefined) out.message = t.message
  const values: Record<string, unknown> = {}
  for (const e of r.explain(facts)) {
    const k = e.path ? `${e.fact}${e.path}` : e.fact
    if (k === "__proto__") Object.defineProperty(values, k, { value: e.factValue, enumerable: true, writable: true, configurable: true })
    else values[k] = e.factValue
  }
  out.values = values
  return out as Finding
}

type Overridden = { readonly layer: string; readonly limit?: number; readonly mustNotDetect?: true; readonly unit: string; readonly source: string; readonly row: string; readonly categoryPath: ReadonlyArray<string> }

// one array per effective resolution (resolutions are memoised per timeline segment)
const overridesMemo = new WeakMap<Resolution, ReadonlyArray<Overridden>>()
const overridesOf = (res: Resolution): ReadonlyArray<Overridden> => {
  let hit = overridesMemo.get(res)
  if (!hit)
    overridesMemo.set(
      res,
      (hit = (res.overrides ?? []).map(({ layer, resolution: r }) => ({
        layer,
        ...(r.mustNotDetect ? { mustNotDetect: true as const } : r.limit.row.limit !== undefined ? { limit: Decimal.toNumber(r.limit.row.limit) } : {}),
        unit: r.limit.row.unit,
        source: r.limit.instrument,
        row: r.limit.ref,
        categoryPath: r.path.slice(0, r.path.indexOf(r.matchedAt) + 1)
      })))
    )
  return hit
}

/**
 * Names the layer of each finding of one judgement against a region's effective rules: the
 * regional pack whose row or ban the finding cites, else `national`; a finding on a regional row
 * carries the rows it overrode in `values.overrides`.
 */
const markLayers = (r: RegionRules | undefined, a: Analyte, findings: ReadonlyArray<Finding>, basis: JudgementBasis): void => {
  if (r === undefined) {
    for (const f of findings) (f as { layer?: string }).layer = "national"
    return
  }
  // the resolution and status the judgement read (of the region's effective tables)
  const res = basis.resolution
  for (const f of findings) {
    const m = f as { layer?: string; values?: Record<string, unknown> }
    m.layer = "national"
    if (res?.layer !== undefined && f.citation === res.limit.row.citation && f.outcome !== "prohibited-substance-detected") {
      m.layer = res.layer
      const over = overridesOf(res)
      if (over.length > 0) m.values = f.values === undefined ? { overrides: over } : Object.assign({}, f.values, { overrides: over })
    } else if (r.banLayer.size > 0 && f.citation !== undefined && (f.outcome === "prohibited-substance-detected" || f.outcome === "detected-must-not-detect")) {
      const e = basis.status!.statuses.find((x) => x.citation === f.citation)
      const layer = e ? r.banLayer.get(e.id) : undefined
      if (layer !== undefined) m.layer = layer
    }
  }
}

const NO_PROGRAMMES: ReadonlySet<string> = new Set()

// The packs a report names — the national pack, then each layer in force — one frozen array per
// composition and array of layers in force (`layersOn` gives the same array for the same layers),
// shared by the reports that name them: freezing a fresh array per report costs more than the
// rest of its packs' handling.
const packsMemo = new WeakMap<Composition, WeakMap<ReadonlyArray<Layer>, ReadonlyArray<Composition["national"]>>>()
const packsOf = (c: Composition, layers: ReadonlyArray<Layer>): ReadonlyArray<Composition["national"]> => {
  let byLayers = packsMemo.get(c)
  if (!byLayers) packsMemo.set(c, (byLayers = new WeakMap()))
  let hit = byLayers.get(layers)
  if (hit === undefined) byLayers.set(layers, (hit = deepFreeze([c.national, ...layers.map((l) => l.ref)])))
  return hit
}

// the layers of an array of layers in force that have custom rules (`layersOn` gives the same
// array for the same layers), memoised by that array
const withRulesMemo = new WeakMap<ReadonlyArray<Layer>, ReadonlyArray<Layer>>()
const layersWithRules = (layers: ReadonlyArray<Layer>): ReadonlyArray<Layer> => {
  if (layers.length === 0) return layers
  let hit = withRulesMemo.get(layers)
  if (hit === undefined) withRulesMemo.set(layers, (hit = layers.filter((l) => l.rules.rules.length > 0)))
  return hit
}

/**
 * Whether a food is a key variety (重点品种) on a date for a record judged with these layers: on
 * the national list (the food itself), or on a layer's list (the food or a category above it).
 * The `keyVariety` fact of every custom rule, whatever the record's kind.
 */
const isKeyVariety = (c: Composition, layers: ReadonlyArray<Layer>, food: string | undefined, path: ReadonlyArray<string>, date: string): boolean =>
  food !== undefined && (nationalKeyVariety(c, food, date) || layerKeyVariety(layers, food, path))

// Both halves are read once per analyte: memoised — the national lists per food (the periods of
// the lists naming it), the layers' per array of layers in force (a region's own array on most
// days) and food. The catalogue's paths are fixed, so the food id stands for its path.
const nationalByFood = new WeakMap<Composition, Map<string, ReadonlyArray<KeyVarietyPeriod>>>()
type KeyVarietyPeriod = Composition["dataset"]["keyVarieties"][number]["effective"]
const nationalKeyVariety = (c: Composition, food: string, date: string): boolean => {
  let m = nationalByFood.get(c)
  if (!m) nationalByFood.set(c, (m = new Map()))
  let periods = m.get(food)
  if (periods === undefined) {
    periods = c.dataset.keyVarieties.filter((l) => l.varieties.some((v) => v.food === food)).map((l) => l.effective)
    if (m.size < 100_000) m.set(food, periods)
  }
  for (const p of periods) if (contains(p, date)) return true
  return false
}
const layersByFood = new WeakMap<ReadonlyArray<Layer>, Map<string, boolean>>()
const layerKeyVariety = (layers: ReadonlyArray<Layer>, food: string, path: ReadonlyArray<string>): boolean => {
  if (layers.length === 0) return false
  let m = layersByFood.get(layers)
  if (!m) layersByFood.set(layers, (m = new Map()))
  let hit = m.get(food)
  if (hit === undefined) {
    hit = layers.some((l) => l.keyVarieties.has(food) || path.some((id) => l.keyVarieties.has(id)))
    if (m.size < 100_000) m.set(food, hit)
  }
  return hit
}

/**
 * Evaluates an inspection record against its region's effective rule set (see `Effective`): the
 * national tables with every regional pack of the record's region (province, city, county) in
 * force on the sampling date composed in, so that each analyte is judged ONCE against the
 * strictest limit in force and every prohibition — national or regional — and `ratioToLimit`,
 * every finding and every custom rule see the limit that actually applies. A finding on a
 * regional row names that pack as its `layer`, cites the pack's row and lists what the layers
 * above said in `values.overrides`; a regional ban is the substance's `substanceStatus` for
 * custom rules as much as a national one. Custom rules run on every finding and become findings
 * themselves. Programme decision thresholds (not MRLs) are applied only for the programme ids in
 * `thresholds` (default none), each as a separate `residue.exceeds-threshold` finding. The report
 * names every pack with its version and content hash. Composition checks
 * that packs only tighten, so a regional pack can never turn a nationally non-compliant record
 * compliant.
 *
 * @example
 * import { evaluateInspection } from "@nongan/engine/Evaluate"
 * typeof evaluateInspection // "function" — see test/Evaluate.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const evaluateInspection = (
  c: Composition,
  record: InspectionRecord,
  rule: DecisionRule = { kind: "reported-value" },
  thresholds: ReadonlySet<string> = NO_PROGRAMMES
): Result<RecordReport, NonganError> => {
  const rules = rulesFor(c, record.region)
  const layers = layersOn(rules, record.sampledOn)
  // no pack of the path in force that day: the national tables alone judge the record
  const region = layers.length > 0 ? rules : undefined
  // names are read nationally first; a region's local names only where the national catalogue reads nothing
  const p = prepareInspection(c.dataset, record, region === undefined ? undefined : localNames(region, layers))
  if (!p.ok) return p
  const tables: Tables = region ?? c.dataset
  const findings: Array<Finding> = []
  const withRules = layersWithRules(layers)
  const asRecord = { region: record.region, kind: "inspection" }
  // what each judgement read, rewritten by every judgeAnalyte below
  const basis: JudgementBasis = { resolution: undefined, status: undefined }
  for (const a of p.value.analytes) {
    // one judgement, against the region's effective tables; its findings are fresh objects
    const mine = judgeAnalyte(tables, a, rule, basis) as Array<Finding>
    // programme decision thresholds (not MRLs): only those selected, as separate findings
    if (thresholds.size > 0) for (const f of judgeThresholds(c.dataset.thresholds, a, thresholds)) mine.push(f)
    markLayers(region, a, mine, basis)
    if (withRules.length > 0) {
      const path = a.food.kind === "plant" ? a.food.path : a.food.speciesPath
      // what the product fixes: rules these facts rule out are not tested (RuleIndex.staticTruth)
      const subject: Subject = {
        kind: "inspection",
        productCategoryPath: path,
        species: a.food.kind === "animal" ? a.food.species : undefined,
        tissue: a.food.kind === "animal" ? a.food.tissue : undefined
      }
      // the key variety and the substance's status, read only when a candidate rule needs facts
      let keyVariety: boolean | undefined
      let status: string | undefined
      // the rules fired on this analyte (a rule fires once per analyte): a short list, so a
      // linear search beats a Set, made only when a rule first fires
      let fired: Array<CompiledRule> | undefined
      const judged = mine.length
      for (let i = 0; i < judged; i++) {
        const f = mine[i]!
        let facts: Facts | undefined
        for (const l of withRules) {
          // (the facts' `product` is the food's id: rules guarded on another product are not tested)
          const candidates = l.ruleIndex.candidates(f.outcome, a.food.id, subject)
          for (let k = 0; k < candidates.length; k++) {
            const r = candidates[k]!
            if (fired !== undefined && fired.includes(r)) continue
            if (facts === undefined) {
              if (status === undefined) {
                keyVariety = isKeyVariety(c, layers, a.food.id, path, record.sampledOn)
                // the status the judgement read (statusAt's answer for the analyte)
                status = basis.status!.factStatus
              }
              facts = factsFor(a, f, asRecord, keyVariety!, status)
            }
            if (!r.test(facts)) continue
            ;(fired ??= []).push(r)
            mine.push(customFinding(l, r, facts, a.substance.id, a.food.id))
          }
        }
      }
    }
    markRead(a, mine)
    for (const f of mine) findings.push(f)
  }
  // the record's problems (analytes that could not be read, duplicates) are the national layer's
  for (const f of p.value.problems) (f as { layer?: string }).layer = "national"
  // (assemble's report is fresh: the packs are set on it, not spread into a copy — a slow path in V8)
  const report = assemble(p.value, findings) as { -readonly [K in keyof RecordReport]: RecordReport[K] }
  report.packs = packsOf(c, layers)
  return ok(report)
}

/**
 * Completes a report produced by another checker (pesticide application and veterinary treatment
 * checks) with its region's effective rule set (see `Effective.rulesFor`) on the record's date:
 * where the national interval is respected but a longer local interval of a layer in force is
 * not, one `interval.too-short` finding against the longest local interval that applies, naming
 * its layer and row and, in `values.overrides`, the national interval and the other local rows it
 * overrides (see `IntervalJudgement`); then the custom rules of the layers in force, with the
 * facts each finding carries (kind, product, region, date, substance, outcome, key variety). Names
 * the packs. A region only adds findings.
 *
 * @example
 * import { layerReport } from "@nongan/engine/Evaluate"
 * typeof layerReport // "function" — see test/LayerReport.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const layerReport = (
  c: Composition,
  report: RecordReport,
  kind: string,
  region: string | undefined,
  date: string,
  product?: string
): RecordReport => {
  const rules = rulesFor(c, region)
  const layers = layersOn(rules, date)
  const findings: Array<Finding> = report.findings.map((f) => ({ ...f, layer: f.layer ?? "national" }))
  if (rules !== undefined && layers.length > 0 && rules.intervals.length > 0) {
    // longer local intervals: a nationally respected interval may still be too short here
    const subjectPath = report.product === undefined ? [] : c.dataset.foods.pathOf(report.product)
    for (const f of [...findings]) {
      const x = localIntervalFinding(rules, f, subjectPath, date, product)
      if (x) findings.push(x)
    }
  }
  if (layers.some((l) => l.rules.rules.length > 0)) {
    const fired = new Set<string>()
    for (const f of [...findings]) {
      const product = f.food ?? report.product
      const food = product !== undefined ? c.dataset.foods.resolve(product) : undefined
      const path = food?.ok ? (food.value.kind === "plant" ? food.value.path : food.value.speciesPath) : []
      const facts: Facts = {
        kind,
        product,
        productCategoryPath: path,
        region,
        sampledOn: date,
        substance: f.substance,
        outcome: f.outcome,
        keyVariety: isKeyVariety(c, layers, product, path, date)
      }
      for (const l of layers)
        for (const r of l.rules.rules) {
          const key = `${l.pack.id}/${r.name}/${f.substance ?? ""}`
          if (fired.has(key) || !r.test(facts)) continue
          fired.add(key)
          findings.push(customFinding(l, r, facts, f.substance, product))
        }
    }
  }
  return { ...report, verdict: fromFindings(findings), findings, packs: packsOf(c, layers) }
}
