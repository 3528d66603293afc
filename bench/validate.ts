/**
 * "validate-layered" and "compose-packs": SDK `validate()` on realistic inspection records in a
 * county with three regional layers (province 510000 and county 511923 in memory, city 511900
 * bundled), 50 custom rules in all; json-rules-engine runs the same 50 rules on the same
 * per-finding fact sets.
 */
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { contains } from "@nongan/core/EffectivePeriod"
import type { Finding } from "@nongan/core/Finding"
import type { CompiledRule, Facts } from "@nongan/engine/Compile"
import { layersFor } from "@nongan/engine/Compose"
import type { Dataset } from "@nongan/engine/Dataset"
import { factsFor } from "@nongan/engine/Evaluate"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import { prepareInspection } from "@nongan/residues/Judge"
import { readBundleHeader, readSources, rulesDir } from "@nongan/sdk/Files"
import { bundleFits } from "@nongan/engine/Dataset"
import { loadComposition } from "@nongan/sdk/Packs"
import { createValidator, loadDataset } from "@nongan/sdk/Validator"
import { buildRegions, rulesFor } from "@nongan/engine/Effective"
import { Engine } from "json-rules-engine"
import { median, round, timeAsync, timeMs, timeSync } from "./harness"

export const REGION = "511923"

const cite = (clause: string) => ({ instrument: "nongan 基准测试规则（非真实文件）", clause })
const rule = (name: string, conditions: unknown, type: string, severity: string, priority?: number) => ({
  name,
  conditions,
  event: { type: `local.${type}`, params: { severity, message: name } },
  ...(priority !== undefined ? { priority } : {}),
  citation: cite(name)
})
const any = (...xs: Array<unknown>) => ({ any: xs })
const all = (...xs: Array<unknown>) => ({ all: xs })
const fact = (f: string, operator: string, value: unknown) => ({ fact: f, operator, value })
const VIOLATIONS = ["exceeds-limit", "detected-must-not-detect", "prohibited-substance-detected"]

/** 23 rules for the province: key varieties near their limit, banned substances by category, large exceedances, rapid-test positives, watched substances. */
const provinceRules = (): Array<unknown> => [
  ...["豇豆", "芹菜", "韭菜", "鸡蛋", "大口黑鲈", "乌鳢"].map((p, i) =>
    rule(`sc-near-limit-${i}`, all(fact("product", "equal", p), fact("ratioToLimit", "greaterThanInclusive", 0.8)), "near-limit", "warning")
  ),
  ...["蔬菜", "水果", "水产动物", "家禽", "家畜", "茶叶"].map((c, i) =>
    rule(
      `sc-banned-in-category-${i}`,
      all(fact("productCategoryPath", "contains", c), fact("substanceStatus", "equal", "banned"), fact("outcome", "in", [...VIOLATIONS, "within-limit"])),
      "banned-detected",
      "critical",
      5
    )
  ),
  ...[1.5, 2, 3, 5, 10].map((x, i) =>
    rule(`sc-exceeds-times-${i}`, all(fact("outcome", "equal", "exceeds-limit"), fact("ratioToLimit", "greaterThan", x)), "exceeds-times", "violation")
  ),
  rule("sc-key-variety-violation", all(fact("keyVariety", "equal", true), fact("outcome", "in", VIOLATIONS)), "key-variety-violation", "violation", 3),
  ...["蔬菜", "水果", "所有食品动物"].map((c, i) =>
    rule(
      `sc-rapid-positive-${i}`,
      all(fact("method", "equal", "rapid"), fact("outcome", "equal", "screen-positive"), fact("productCategoryPath", "contains", c)),
      "rapid-positive",
      "warning"
    )
  ),
  rule("sc-watch-organophosphates", all(fact("substance", "in", ["克百威", "氧乐果", "甲拌磷", "水胺硫磷"]), fact("measured", "greaterThan", 0)), "watch", "info"),
  rule("sc-watch-quinolones", all(fact("substance", "in", ["恩诺沙星", "氧氟沙星"]), fact("outcome", "equal", "exceeds-limit")), "watch", "warning")
]

/** 23 rules for the county: its own region, detections in local products, aquatic drugs, vegetables near the limit. */
const countyRules = (): Array<unknown> => [
  rule("pc-region-exceeds", all(fact("region", "equal", REGION), fact("outcome", "equal", "exceeds-limit")), "county-report", "violation"),
  rule("pc-region-must-not-detect", all(fact("region", "equal", REGION), fact("outcome", "equal", "detected-must-not-detect")), "county-report", "violation"),
  ...["豇豆", "韭菜", "芹菜", "普通白菜", "菠菜", "番茄", "黄瓜", "辣椒", "苹果", "茶叶"].map((p, i) =>
    rule(`pc-detected-${i}`, all(fact("product", "equal", p), { not: fact("outcome", "in", ["not-detected", "screen-negative"]) }), "detected", "info")
  ),
  ...["孔雀石绿", "氯霉素", "地西泮", "恩诺沙星"].map((s, i) =>
    rule(
      `pc-aquatic-${i}`,
      all(
        fact("productCategoryPath", "contains", "水产动物"),
        fact("substance", "equal", s),
        any(fact("outcome", "equal", "prohibited-substance-detected"), fact("ratioToLimit", "greaterThan", 0.5))
      ),
      "aquatic",
      "warning"
    )
  ),
  ...[0.3, 0.5, 0.7].map((x, i) =>
    rule(
      `pc-vegetable-ratio-${i}`,
      all(fact("productCategoryPath", "contains", "蔬菜"), fact("ratioToLimit", "greaterThanInclusive", x), fact("method", "equal", "lab")),
      "vegetable-ratio",
      "info"
    )
  ),
  rule(
    "pc-lab-prohibited",
    all(fact("method", "equal", "lab"), fact("substanceStatus", "in", ["banned", "banned-in-scope"]), fact("outcome", "equal", "prohibited-substance-detected")),
    "criminal-referral",
    "critical",
    10
  ),
  rule("pc-fruit-exceeds", all(fact("productCategoryPath", "contains", "水果"), fact("outcome", "equal", "exceeds-limit")), "fruit-exceeds", "violation"),
  rule("pc-key-variety-half", all(fact("keyVariety", "equal", true), fact("ratioToLimit", "greaterThan", 0.5)), "key-variety-half", "warning"),
  rule("pc-veterinary-trace", all(fact("unit", "equal", "ug/kg"), fact("measured", "greaterThan", 0.01)), "veterinary-trace", "info")
]

const pack = (id: string, jurisdiction: string, name: string, parent: string | null, customRules: Array<unknown>) => ({
  kind: "rule-pack",
  id,
  jurisdiction,
  name,
  version: "0.0.0-bench",
  effective: { from: "2021-01-01" },
  parent,
  source: cite("全文"),
  verification: "unverified",
  customRules
})

/** The two in-memory packs (province and county) added over the bundled ones. */
export const benchPacks = (): Array<unknown> => [
  pack("bench-510000", "510000", "四川省（基准测试）", null, provinceRules()),
  pack("bench-511923", "511923", "平昌县（基准测试）", "511900", countyRules())
]

/** Realistic records: examples/sampling-batch.jsonl, all sampled in the county. */
export const records = (): Array<Record<string, unknown>> =>
  readFileSync(join(import.meta.dirname, "..", "examples", "sampling-batch.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => ({ ...(JSON.parse(l) as Record<string, unknown>), region: REGION }))

const plain = (r: { name: string; conditions: unknown; event: unknown; priority?: number }) => ({
  name: r.name,
  conditions: r.conditions,
  event: r.event,
  ...(r.priority !== undefined ? { priority: r.priority } : {})
})

export const benchValidate = async (ds: Dataset): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const packs = benchPacks()
  const v = createValidator({ dataset: ds, packs })
  if (!v.ok) throw new Error(`bench packs do not compose: ${JSON.stringify(v.errors.slice(0, 3))}`)
  const validator = v.value
  const c = validator.composition
  const recs = records()

  // the layers that judge the county, and their 50 rules, as written (json-rules-engine format)
  const chain = ["510000", "511900", REGION].flatMap((j) => c.layers.get(j) ?? [])
  const allRules = chain.flatMap((l) => (l.pack.customRules ?? []).map((r) => plain(r as never)))
  const names = new Set(allRules.map((r) => r.name))
  if (names.size !== allRules.length) throw new Error("rule names must be unique across layers for the comparison")
  if (chain.some((l) => l.bans.length > 0)) throw new Error("the fact replication below assumes no regional bans")
  // json-rules-engine gets the rules of the layers in force for the record (the city pack starts
  // on 2024-04-04): one engine per combination of layers, built once
  const engines = new Map<string, Engine>()
  const engineFor = (layers: ReadonlyArray<{ readonly pack: { readonly id: string; readonly customRules?: ReadonlyArray<unknown> | undefined } }>): Engine => {
    const key = layers.map((l) => l.pack.id).join("+")
    let e = engines.get(key)
    if (!e) engines.set(key, (e = new Engine(layers.flatMap((l) => (l.pack.customRules ?? []).map((r) => plain(r as never))) as never, { allowUndefinedFacts: true })))
    return e
  }

  // ours: the whole validation of each record (decode, national judgement, three layers, custom rules, report)
  let sink = 0
  const ours = timeSync(
    recs.length,
    () => {
      for (const r of recs) if (validator.validate(r).ok) sink++
    },
    { warmup: 3, runs: 7 }
  )

  // the per-finding fact sets evaluateInspection gives the custom rules, rebuilt once per record
  interface Work {
    readonly id: string
    readonly engine: Engine
    readonly rules: ReadonlyArray<CompiledRule>
    readonly analytes: ReadonlyArray<{ readonly substance: string; readonly facts: ReadonlyArray<Facts> }>
    readonly ours: ReadonlySet<string>
  }
  const work: Array<Work> = []
  let layered = 0
  for (const raw of recs) {
    const val = validator.validate(raw)
    if (!val.ok) continue
    const rec = decodeInspection(raw)
    if (!rec.ok) continue
    const p = prepareInspection(ds, rec.value)
    if (!p.ok) continue
    const record = rec.value
    const layers = layersFor(c, record.region, record.sampledOn)
    if (layers.length === 3) layered++
    const national = ds.keyVarieties.some((l) => contains(l.effective, record.sampledOn) && l.varieties.some((x) => x.food === p.value.food.id))
    const findings = val.report.findings
    const analytes = p.value.analytes.map((a) => {
      const path = a.food.kind === "plant" ? a.food.path : a.food.speciesPath
      const keyVariety = national || layers.some((l) => l.keyVarieties.has(a.food.id) || path.some((id) => l.keyVarieties.has(id)))
      const subject =
        a.food.kind === "plant" ? { kind: "plant" as const, path: a.food.path } : { kind: "animal" as const, speciesPath: a.food.speciesPath, state: a.state === "none" ? undefined : a.state }
      const st = ds.statuses.statusOn(a.substance.id, a.date, subject)
      const status = st.reasons[0]?.status ?? st.statuses[0]?.status ?? "none"
      const mine = findings.filter((f: Finding) => f.substance === a.substance.id && f.outcome !== "custom")
      return { substance: a.substance.id, facts: mine.map((f) => factsFor(a, f, { region: record.region, kind: "inspection" }, keyVariety, status)) }
    })
    const fired = new Set(findings.filter((f) => f.outcome === "custom").map((f) => `${f.substance}|${f.rule}`))
    work.push({ id: String(record.id), engine: engineFor(layers), rules: layers.flatMap((l) => l.rules.rules), analytes, ours: fired })
  }
  const factSets = work.reduce((n, w) => n + w.analytes.reduce((m, a) => m + a.facts.length, 0), 0)

  // json-rules-engine on every fact set: the same events, each rule at most once per analyte (as evaluateInspection fires them)
  const jreFired = async (w: Work): Promise<Set<string>> => {
    const out = new Set<string>()
    for (const a of w.analytes)
      for (const f of a.facts) for (const r of (await w.engine.run(f as Record<string, unknown>)).results) out.add(`${a.substance}|${r.name}`)
    return out
  }
  let eventsOurs = 0
  let eventsJre = 0
  let agreeing = 0
  const disagreements: Array<unknown> = []
  for (const w of work) {
    const theirs = await jreFired(w)
    eventsOurs += w.ours.size
    eventsJre += theirs.size
    const same = theirs.size === w.ours.size && [...theirs].every((k) => w.ours.has(k))
    if (same) agreeing++
    else if (disagreements.length < 3) disagreements.push({ id: w.id, ours: [...w.ours], jre: [...theirs] })
  }

  // timing json-rules-engine: all fact sets of a slice of the records
  const slice = work.slice(0, 800)
  const base = await timeAsync(
    slice.length,
    async () => {
      for (const w of slice) for (const a of w.analytes) for (const f of a.facts) sink += (await w.engine.run(f as Record<string, unknown>)).events.length
    },
    { warmup: 1, runs: 5 }
  )
  const sliceFacts = slice.reduce((n, w) => n + w.analytes.reduce((m, a) => m + a.facts.length, 0), 0)

  // for reference: our compiled rules alone on the same fact sets (no national judgement, no report)
  const flat = work.flatMap((w) => w.analytes.flatMap((a) => a.facts.map((f) => ({ f, rules: w.rules }))))
  const rulesOnly = timeSync(
    flat.length,
    () => {
      for (const { f, rules } of flat) for (const r of rules) if (r.test(f)) sink++
    },
    { warmup: 3, runs: 7 }
  )
  if (sink === 42) console.error("")

  const baseRecords = base.opsPerSec
  const baseFactSets = (base.opsPerSec * sliceFacts) / slice.length
  return [
    {
      name: "validate-layered",
      opsPerSec: round(ours.opsPerSec),
      baselineOpsPerSec: round(baseRecords),
      ratio: round(ours.opsPerSec / baseRecords),
      unit: "records/s (ours: full validate(); baseline: only the 50 custom rules, json-rules-engine, on the same fact sets)",
      opsPerCpuSec: round(ours.opsPerCpuSec),
      baselineOpsPerCpuSec: round(base.opsPerCpuSec),
      nsPerOp: round(ours.nsPerOp),
      runs: ours.runs,
      records: recs.length,
      reports: work.length,
      recordsWithThreeLayers: layered,
      region: REGION,
      layers: chain.map((l) => `${l.pack.id} (${l.rules.rules.length} rules)`),
      engines: engines.size,
      customRules: allRules.length,
      factSets,
      factSetsPerRecord: round(factSets / work.length),
      eventsOurs,
      eventsJre,
      eventsAgree: eventsOurs === eventsJre && agreeing === work.length,
      recordsAgreeing: agreeing,
      ...(disagreements.length > 0 ? { disagreements } : {}),
      baselineFactSetsPerSec: round(baseFactSets),
      baselineRecordsTimed: slice.length,
      compiledRulesFactSetsPerSec: round(rulesOnly.opsPerSec),
      compiledRulesVsBaselineRatio: round(rulesOnly.opsPerSec / baseFactSets)
    }
  ]
}

/** A fresh node process (this one's flags: the sources through tsx, or the build) timing its first load. */
const coldStart = (): Record<string, number> | undefined => {
  const script = `
    const t0 = performance.now()
    const { loadDataset } = await import("@nongan/sdk/Validator")
    const { loadComposition } = await import("@nongan/sdk/Packs")
    const { rulesFor } = await import("@nongan/engine/Effective")
    const t1 = performance.now()
    const d = loadDataset(); if (!d.ok) process.exit(3)
    const t2 = performance.now()
    const c = loadComposition(d.value); if (!c.ok) process.exit(4)
    if (rulesFor(c.value, ${JSON.stringify(REGION)}) === undefined) process.exit(5)
    const t3 = performance.now()
    console.log(JSON.stringify({ importMs: t1 - t0, nationalMs: t2 - t1, composedRegionMs: t3 - t2 }))`
  const runs: Array<Record<string, number>> = []
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, "--input-type=module", "-e", script], { cwd: join(import.meta.dirname, ".."), encoding: "utf8" })
    if (r.status !== 0) return undefined
    runs.push(JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number>)
  }
  const med = (k: string) => round(median(runs.map((x) => x[k]!)))
  return { importMs: med("importMs"), nationalMs: med("nationalMs"), composedRegionMs: med("composedRegionMs") }
}

/**
 * sdk-start: the SDK's start-up. In this (warm) process: `loadDataset` (the national tables:
 * from the bundle `pnpm build` writes when it fits the sources, else read, decode, check, index),
 * then the composition of the bundled packs plus the bench's two (decode, check only-tightens,
 * compile rules) with one region's effective rule set (`composedRegionMs`, what a run judging one
 * region pays: rule sets are built on first use) and with every region's (`composedRegionsMs`),
 * median of 5. And `cold`: the same first load in a fresh node process (median of 5 processes),
 * what `nongan` pays on every run.
 */
export const benchStart = (): Record<string, unknown> => {
  const packs = benchPacks()
  let ds: Dataset | undefined
  const national = timeMs(
    () => {
      const d = loadDataset()
      if (!d.ok) throw new Error("tables do not load")
      ds = d.value
    },
    { warmup: 1, runs: 5 }
  )
  let regions = 0
  const all = timeMs(
    () => {
      const c = loadComposition(ds!, { packs })
      if (!c.ok) throw new Error("compose failed")
      regions = c.value.layers.size
      buildRegions(c.value, true)
      if (rulesFor(c.value, REGION) === undefined) throw new Error("no effective rules for the bench region")
    },
    { warmup: 1, runs: 5 }
  )
  const one = timeMs(
    () => {
      const c = loadComposition(ds!, { packs })
      if (!c.ok) throw new Error("compose failed")
      if (rulesFor(c.value, REGION) === undefined) throw new Error("no effective rules for the bench region")
    },
    { warmup: 1, runs: 5 }
  )
  const header = readBundleHeader(rulesDir())
  const sources = readSources(join(rulesDir(), "national"), rulesDir())
  const bundled = sources.ok && bundleFits(header, sources.value.digest)
  return {
    name: "sdk-start",
    opsPerSec: round(1000 / (national.ms + all.ms)),
    baselineOpsPerSec: null,
    ratio: null,
    nationalMs: round(national.ms),
    composedRegionsMs: round(all.ms),
    composedRegionMs: round(one.ms),
    targetNationalMs: 150,
    targetComposedMs: 50,
    jurisdictionsWithPacks: regions,
    nationalFrom: bundled ? "bundle (rules/dist/national.bundle.json, fits the sources)" : "sources (no bundle fitting them: pnpm build)",
    cold: coldStart() ?? null,
    note: "in-process, after the module graph is loaded (no tsx or node start-up counted): loadDataset(), then loadComposition() with one region's effective rule set (composedRegionMs) or every region's (composedRegionsMs); cold: a fresh process's first load (importMs: the module graph)"
  }
}

/** compose-packs: loadComposition of the bundled packs plus the two in-memory ones (median of 5). */
export const benchCompose = (ds: Dataset): Record<string, unknown> => {
  const packs = benchPacks()
  let layers = 0
  let rules = 0
  const t = timeMs(
    () => {
      const c = loadComposition(ds, { packs })
      if (!c.ok) throw new Error("compose failed")
      const all = [...c.value.layers.values()].flat()
      layers = all.length
      rules = all.reduce((n, l) => n + l.rules.rules.length, 0)
    },
    { warmup: 1, runs: 5 }
  )
  return {
    name: "compose-packs",
    opsPerSec: round(1000 / t.ms),
    baselineOpsPerSec: null,
    ratio: null,
    ms: round(t.ms),
    runsMs: t.runs,
    packs: layers,
    bundledPacks: layers - packs.length,
    customRules: rules,
    rulesDir: rulesDir().replace(`${process.cwd()}/`, ""),
    note: "reads rules/regions and rules/national (for the national hash), decodes, checks references and only-tightens, compiles rules"
  }
}
