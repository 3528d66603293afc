// The layered judgement as it was before issue 16 (compose once, judge once), kept only as the
// oracle of the differential test (Layered.test.ts): the national judgement, then per regional layer
// a re-judgement of its stricter limits and extra bans that only adds findings. Not used by src.
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import type { NonganError } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { ok, type Result } from "@nongan/core/Result"
import { fromFindings, type RecordReport } from "@nongan/core/Verdict"
import { contains } from "@nongan/core/EffectivePeriod"
import type { InspectionRecord } from "@nongan/residues/Inspection"
import { type Analyte, assemble, type DecisionRule, judgeAnalyte, markRead, prepareInspection, ruleName, statusAt } from "@nongan/residues/Judge"
import { applies, type Subject } from "@nongan/substances/Status"
import type { CompiledRule, Facts } from "@nongan/engine/Compile"
import type { Composition, Layer } from "@nongan/engine/Compose"
import { lineage } from "@nongan/core/Ids"

/**
 * The old layer selection, kept here so that the oracle shares nothing with the path it checks:
 * one pack per level of the region's lineage that has a pack in force on the date, province first.
 */
const layersFor = (c: Composition, region: string | undefined, date: string): ReadonlyArray<Layer> =>
  region === undefined || !/^\d{6}$/.test(region)
    ? []
    : lineage(region)
        .slice(1)
        .flatMap((j) => c.layers.get(j) ?? [])
        .filter((l) => contains(l.pack.effective, date))

const subjectOf = (a: Analyte): Subject =>
  a.food.kind === "plant"
    ? { kind: "plant", path: a.food.path }
    : { kind: "animal", speciesPath: a.food.speciesPath, state: a.state === "none" ? undefined : a.state }

const detected = (a: Analyte) =>
  a.measurement.kind === "detected" || a.measurement.kind === "positive" || (a.measurement.kind === "quantified" && !Decimal.isZero(a.measurement.value.value))

/**
 * The ids a ban on which reaches a substance: itself, its groups (硝基呋喃类 for 呋喃唑酮) and,
 * for a metabolite, the parent it marks — as national statuses are expanded.
 */
const banKeyCache = new WeakMap<Composition["dataset"], Map<string, ReadonlySet<string>>>()
const banKeys = (ds: Composition["dataset"], id: string): ReadonlySet<string> => {
  let cache = banKeyCache.get(ds)
  if (!cache) banKeyCache.set(ds, (cache = new Map()))
  const hit = cache.get(id)
  if (hit) return hit
  const ids = new Set<string>()
  cache.set(id, ids)
  const visit = (s: string) => {
    if (ids.has(s)) return
    ids.add(s)
    for (const g of ds.substances.groups(s)) visit(g)
    const marker = ds.substances.get(s)?.markerOf
    if (marker) visit(marker)
  }
  visit(id)
  return ids
}

/** The regional bans in force for an analyte, layer by layer. */
const bansOf = (layer: Layer, a: Analyte, keys: ReadonlySet<string>) =>
  layer.bans.length === 0 ? [] : layer.bans.filter((b) => keys.has(b.substance) && contains(b.effective, a.date) && applies(b, subjectOf(a)))

/**
 * Findings from one regional layer's stricter limits and extra bans for one analyte. `above` is
 * what the layers above already found for it: a layer adds a finding only where it is stricter.
 */
const layerFindings = (layer: Layer, a: Analyte, rule: DecisionRule, above: ReadonlyArray<Finding>, keys: ReadonlySet<string>): Array<Finding> => {
  const out: Array<Finding> = []
  if (a.method !== "lab" || !detected(a)) return out
  const base = { substance: a.substance.id, food: a.food.id, layer: layer.pack.id }
  const already = (...outcomes: ReadonlyArray<Finding["outcome"]>) => above.some((f) => f.substance === a.substance.id && outcomes.includes(f.outcome))
  const res = layer.limits.lookup(a.substance.id, a.food, a.date)
  if (res) {
    const row = res.limit.row
    const cite = { source: row.citation.instrument, citation: row.citation, verification: row.verification, categoryPath: [...res.path.slice(0, res.path.indexOf(res.matchedAt) + 1)] }
    if (row.mustNotDetect) {
      if (!already("detected-must-not-detect"))
        out.push({ code: "residue.must-not-detect", outcome: "detected-must-not-detect", severity: "violation", ...base, ...cite, decisionRule: "detected-vs-must-not-detect", referral: "administrative" })
    } else if (row.limit !== undefined && a.measurement.kind === "quantified" && !already("exceeds-limit", "detected-must-not-detect")) {
      const x = Quantity.convert(a.measurement.value, row.unit)!
      let outcome: "within-limit" | "exceeds-limit" | "exceeds-within-uncertainty" = Decimal.compare(x.value, row.limit) > 0 ? "exceeds-limit" : "within-limit"
      if (outcome === "exceeds-limit" && rule.kind === "uncertainty") {
        const rel = a.uncertainty ?? rule.relative
        if (Decimal.compare(Decimal.subtract(x.value, Decimal.multiply(x.value, rel)), row.limit) <= 0) outcome = "exceeds-within-uncertainty"
      }
      // above the stricter limit, but within measurement uncertainty: a warning, as nationally
      if (outcome === "exceeds-limit" || (outcome === "exceeds-within-uncertainty" && !already("exceeds-within-uncertainty")))
        out.push({
          code: `residue.${outcome}`,
          outcome,
          severity: outcome === "exceeds-limit" ? "violation" : "warning",
          ...base,
          ...cite,
          measured: Decimal.toNumber(x.value),
          limit: Decimal.toNumber(row.limit),
          unit: row.unit,
          decisionRule: ruleName(rule),
          ...(outcome === "exceeds-limit" ? { referral: "administrative" as const } : {}),
          ...(Decimal.isZero(row.limit) ? {} : { values: { ratioToLimit: Decimal.toNumber(Decimal.divide(x.value, row.limit, 4)) } })
        })
    }
  }
  const bans = bansOf(layer, a, keys)
  if (bans.length > 0 && !already("prohibited-substance-detected"))
    out.push({
      code: "residue.prohibited-use",
      outcome: "prohibited-substance-detected",
      severity: "critical",
      ...base,
      source: bans[0]!.citation.instrument,
      citation: bans[0]!.citation,
      verification: bans[0]!.verification,
      decisionRule: "detected-after-prohibition",
      referral: "criminal-referral",
      values: { statuses: bans.map((b) => ({ id: b.id, status: b.status, from: b.effective.from })) }
    })
  return out
}

/** The facts a custom rule reads for one finding, as the layered path built them (mg/kg). */
const factsFor = (
  a: Analyte,
  f: Finding,
  record: { readonly region?: string | undefined; readonly kind: string },
  keyVariety: boolean,
  substanceStatus: string
): Facts => {
  const mg = (n: number | undefined) => (n === undefined ? undefined : f.unit === "ug/kg" ? Decimal.toNumber(Decimal.shift(Decimal.unsafeMake(n), -3)) : n)
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
    measured: mg(f.measured),
    limit: mg(f.limit),
    ratioToLimit: (f.values as { ratioToLimit?: number } | undefined)?.ratioToLimit,
    outcome: f.outcome,
    species: a.food.kind === "animal" ? a.food.species : undefined,
    tissue: a.food.kind === "animal" ? a.food.tissue : undefined,
    keyVariety,
    unit: a.measurement.kind === "quantified" ? a.measurement.value.unit : undefined
  }
}

/** The finding a fired custom rule produces: its layer, rule, citation, message and the facts it read. */
const customFinding = (l: Layer, r: CompiledRule, facts: Facts, substance: string | undefined, food: string | undefined): Finding => {
  const params = (r.event.params ?? {}) as { severity?: Finding["severity"]; message?: string }
  const cited = l.ruleCitations.get(r.name)
  return {
    code: r.event.type,
    outcome: "custom",
    severity: params.severity ?? "info",
    ...(substance ? { substance } : {}),
    ...(food ? { food } : {}),
    layer: l.pack.id,
    rule: r.name,
    ...(cited ? { source: cited.citation.instrument, citation: cited.citation, verification: cited.verification ?? l.pack.verification ?? "official-text" } : {}),
    ...(params.message ? { message: params.message } : {}),
    values: Object.fromEntries(r.explain(facts).map((e) => [e.path ? `${e.fact}${e.path}` : e.fact, e.factValue]))
  }
}

/**
 * Evaluates an inspection record through every layer that judges it: the national tables, then
 * each regional pack of the record's region (province, city, county) in force on the sampling
 * date — stricter limits, extra bans, and custom rules, which run on every finding and become
 * findings themselves. A layer adds a finding only where it is stricter than the layers above
 * (under the uncertainty decision rule, a stricter limit exceeded within uncertainty is a
 * warning); a regional ban reaches the members of a group it names and the metabolites that mark
 * its substance, and is the substance's `substanceStatus` for custom rules. Every finding names
 * its layer (and rule); the report names every pack with its version and content hash. Layers
 * only add findings, so a regional pack can never turn a nationally non-compliant record compliant.
 *
 * @example
 * import { evaluateLayered } from "./layered-oracle"
 * typeof evaluateLayered // "function" — the oracle of Layered.test.ts
 */
export const evaluateLayered = (
  c: Composition,
  record: InspectionRecord,
  rule: DecisionRule = { kind: "reported-value" }
): Result<RecordReport, NonganError> => {
  const p = prepareInspection(c.dataset, record)
  if (!p.ok) return p
  const layers = layersFor(c, record.region, record.sampledOn)
  const national = c.dataset.keyVarieties.some((l) => contains(l.effective, record.sampledOn) && l.varieties.some((v) => v.food === p.value.food.id))
  const findings: Array<Finding> = []
  const withRules = layers.filter((l) => l.rules.rules.length > 0)
  for (const a of p.value.analytes) {
    // national findings are fresh objects: mark their layer in place
    const mine = judgeAnalyte(c.dataset, a, rule) as Array<Finding>
    for (const f of mine) (f as { layer?: string }).layer = "national"
    const keys = layers.length > 0 ? banKeys(c.dataset, a.substance.id) : undefined
    for (const l of layers) {
      const extra = layerFindings(l, a, rule, mine, keys!)
      for (const f of extra) mine.push(f)
    }
    if (withRules.length > 0) {
      const path = a.food.kind === "plant" ? a.food.path : a.food.speciesPath
      const keyVariety = national || layers.some((l) => l.keyVarieties.has(a.food.id) || path.some((id) => l.keyVarieties.has(id)))
      const st = statusAt(c.dataset.statuses, a.substance.id, a.food, a.state, a.date)
      // a regional ban is the substance's legal status there as much as a national one
      const regional = layers.flatMap((l) => bansOf(l, a, keys!))
      const status = st.reasons[0]?.status ?? regional[0]?.status ?? st.statuses[0]?.status ?? "none"
      const fired = new Set<CompiledRule>()
      const judged = mine.length
      for (let i = 0; i < judged; i++) {
        const f = mine[i]!
        let facts: Facts | undefined
        for (const l of withRules)
          for (const r of l.ruleIndex.candidates(f.outcome)) {
            if (fired.has(r)) continue
            facts ??= factsFor(a, f, { region: record.region, kind: "inspection" }, keyVariety, status)
            if (!r.test(facts)) continue
            fired.add(r)
            mine.push(customFinding(l, r, facts, a.substance.id, a.food.id))
          }
      }
    }
    markRead(a, mine)
    for (const f of mine) findings.push(f)
  }
  // the record's problems (analytes that could not be read, duplicates) are the national layer's
  for (const f of p.value.problems) (f as { layer?: string }).layer = "national"
  return ok({ ...assemble(p.value, findings), packs: [c.national, ...layers.map((l) => l.ref)] })
}

