/**
 * "judge-analyte" and "judge-decision": analyte judgements against every national table, and the
 * same decisions made by json-rules-engine from rules generated from the same tables.
 */
import { addDays, toDayNumber, unsafeMake as day, type CalendarDate } from "@nongan/core/CalendarDate"
import * as Decimal from "@nongan/core/Decimal"
import * as Quantity from "@nongan/core/Quantity"
import type { Dataset } from "@nongan/engine/Dataset"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import { type Analyte, judgeAnalyte } from "@nongan/residues/Judge"
import { parse } from "@nongan/residues/Measurement"
import { Engine } from "json-rules-engine"
import { mulberry32, round, type Timing, timeAsync, timeSync } from "./harness"

const FIRST_DAY = day("2021-09-01")
const LAST_DAY = day("2026-11-30")
const SPAN = toDayNumber(LAST_DAY) - toDayNumber(FIRST_DAY) + 1

/** The foods a limit row covers: every catalogued food (plant) or animal product below its node. */
const memberFoods = (ds: Dataset): ((r: IndexedLimit) => ReadonlyArray<ResolvedFood>) => {
  const plants = ds.foods
    .nodes()
    .filter((n) => n.kind === "food")
    .map((n) => ds.foods.resolve(n.id))
    .flatMap((r) => (r.ok ? [r.value] : []))
  const animals = ds.foods
    .products()
    .map((p) => ds.foods.resolve(p.id))
    .flatMap((r) => (r.ok ? [r.value] : []))
  const memo = new Map<string, ReadonlyArray<ResolvedFood>>()
  return (r) => {
    const row = r.row
    const key = row.food !== undefined ? `p:${row.food}` : `a:${row.species}/${row.tissue}/${row.restriction ?? ""}`
    const hit = memo.get(key)
    if (hit) return hit
    let out: Array<ResolvedFood>
    if (row.food !== undefined) out = plants.filter((f) => f.kind === "plant" && f.path.includes(row.food!))
    else
      out = animals.filter(
        (f) =>
          f.kind === "animal" &&
          f.speciesPath.includes(row.species!) &&
          (row.tissue === "*" ||
            f.tissue === row.tissue ||
            (row.restriction === "laying" && f.tissue === "蛋") ||
            (row.restriction === "lactating" && f.tissue === "奶"))
      )
    memo.set(key, out)
    return out
  }
}

/** One workload item: the analyte as judged, and the facts json-rules-engine judges. */
export interface Item {
  readonly analyte: Analyte
  readonly facts: { readonly substance: string; readonly food: string; readonly day: number; readonly measured: number }
}

/**
 * A realistic workload: a random limit row, a random food below its node, a random sampling date
 * from 2021-09 to 2026-11, and a value around the row's limit in the row's unit (40 % not
 * detected, written as `ND`, `未检出` or `<0.01`). Values are parsed once.
 */
export const workload = (ds: Dataset, n: number, seed = 20261125): ReadonlyArray<Item> => {
  const rnd = mulberry32(seed)
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!
  const members = memberFoods(ds)
  const rows = ds.limits.rows().filter((r) => members(r).length > 0)
  const out: Array<Item> = []
  while (out.length < n) {
    const r = pick(rows)
    const food = pick(members(r))
    // mostly while the row is in force (samples are judged against the edition of their date), some anywhere
    const lo = Math.max(toDayNumber(FIRST_DAY), toDayNumber(r.from as CalendarDate))
    const hi = Math.min(toDayNumber(LAST_DAY), r.to !== undefined ? toDayNumber(r.to as CalendarDate) : Infinity)
    const date = rnd() < 0.85 && lo <= hi ? addDays(FIRST_DAY, lo - toDayNumber(FIRST_DAY) + Math.floor(rnd() * (hi - lo + 1))) : addDays(FIRST_DAY, Math.floor(rnd() * SPAN))
    const u = rnd()
    const limit = r.row.limit !== undefined ? Decimal.toNumber(r.row.limit) : r.row.unit === "ug/kg" ? 1 : 0.01
    let text: string
    if (u < 0.4) text = pick(["ND", "未检出", "<0.01"])
    else {
      const factor = u < 0.8 ? rnd() : u < 0.95 ? 1 + rnd() : 2 + rnd() * 8
      const v = limit * factor
      text = v.toPrecision(3)
      if (u < 0.42) text = String(limit) // exactly at the limit: within
    }
    const m = parse(text, r.row.unit)
    if (!m.ok) throw new Error(`workload value ${text} ${r.row.unit} does not parse`)
    const substance = ds.substances.get(r.row.substance)!
    const measurement = m.value
    // json-rules-engine sees the value in mg/kg as a number (0 when not detected)
    const mg = measurement.kind === "quantified" ? Decimal.toNumber(Quantity.convert(measurement.value, "mg/kg")!.value) : 0
    out.push({
      analyte: { substance, food, date, method: "lab", measurement },
      facts: { substance: substance.id, food: food.id, day: toDayNumber(date as CalendarDate), measured: mg }
    })
  }
  return out
}

/** The decision both engines make: does the result breach the limit that applies (exceeds it, or 不得检出 and detected)? */
export const breaches = (outcome: string): boolean => outcome === "exceeds-limit" || outcome === "detected-must-not-detect"

/**
 * json-rules-engine rules generated from the same tables: one rule per limit row and period in
 * force (conditions: substance equal, food in the row's member foods, sampling day within the
 * period as day numbers, measured greaterThan the limit in mg/kg (or > 0 for 不得检出); event
 * `exceeds`). A row's member foods are the foods for which it is the applicable row in that
 * period, i.e. after precedence (most specific node first, newest edition, exclusions), which a
 * flat rule list cannot express by itself: the precedence is taken from the limit index's
 * timelines, so the baseline decides exactly what the index decides.
 */
export const rulesFromTables = (ds: Dataset): { rules: Array<Record<string, unknown>>; naive: number } => {
  const members = memberFoods(ds)
  const groups = new Map<string, { r: IndexedLimit; from: number; to: number | undefined; must: boolean; foods: Set<string> }>()
  const pairs = new Set<string>()
  for (const r of ds.limits.rows())
    for (const f of members(r)) {
      const key = `${r.row.substance}\u0000${f.id}`
      if (pairs.has(key)) continue
      pairs.add(key)
      const segments = ds.limits.timeline(r.row.substance, f)
      segments.forEach((s, i) => {
        if (!s.res) return
        const next = segments[i + 1]
        const from = toDayNumber(s.from as CalendarDate)
        const to = next ? toDayNumber(next.from as CalendarDate) - 1 : undefined
        const g = `${s.res.limit.ref}|${from}|${to}|${s.res.mustNotDetect}`
        let e = groups.get(g)
        if (!e) groups.set(g, (e = { r: s.res.limit, from, to, must: s.res.mustNotDetect, foods: new Set() }))
        e.foods.add(f.id)
      })
    }
  const rules: Array<Record<string, unknown>> = []
  let i = 0
  for (const g of groups.values()) {
    const row = g.r.row
    if (!g.must && row.limit === undefined) continue
    const limitMg = g.must ? 0 : Decimal.toNumber(Quantity.convert({ value: row.limit!, unit: row.unit }, "mg/kg")!.value)
    rules.push({
      name: `limit-${i++}`,
      conditions: {
        all: [
          { fact: "substance", operator: "equal", value: row.substance },
          { fact: "food", operator: "in", value: [...g.foods] },
          { fact: "day", operator: "greaterThanInclusive", value: g.from },
          ...(g.to !== undefined ? [{ fact: "day", operator: "lessThanInclusive", value: g.to }] : []),
          { fact: "measured", operator: "greaterThan", value: limitMg }
        ]
      },
      event: { type: "exceeds", params: { ref: g.r.ref } }
    })
  }
  return { rules, naive: ds.limits.rows().length }
}

export interface JudgeResult {
  readonly lines: ReadonlyArray<Record<string, unknown>>
}

const N_OURS = 20_000
const N_AGREE = 5_000
const JRE_BATCH = 60

/** Runs judge-analyte and judge-decision, returning their JSON lines. */
export const benchJudge = async (ds: Dataset): Promise<JudgeResult> => {
  const items = workload(ds, N_OURS)
  const analytes = items.map((x) => x.analyte)

  // ours, the full judgement
  let sink = 0
  const full: Timing = timeSync(
    analytes.length,
    () => {
      for (const a of analytes) sink += judgeAnalyte(ds, a).length
    },
    { warmup: 5, runs: 9 }
  )

  // ours, decision only: the memoised lookup and one exact comparison
  const limits = ds.limits
  const decide = (a: Analyte): boolean => {
    const res = limits.lookup(a.substance.id, a.food, a.date)
    const m = a.measurement
    if (!res || m.kind !== "quantified" || Decimal.isZero(m.value.value)) return false
    if (res.mustNotDetect) return true
    const row = res.limit.row
    return row.limit !== undefined && Quantity.compare(m.value, { value: row.limit, unit: row.unit }) === 1
  }
  const decision: Timing = timeSync(
    analytes.length,
    () => {
      for (const a of analytes) if (decide(a)) sink++
    },
    { warmup: 5, runs: 9 }
  )

  // the baseline: one engine holding every rule, run once per fact set
  const gen = rulesFromTables(ds)
  const engine = new Engine(gen.rules as never, { allowUndefinedFacts: true })
  // the same rules split by substance (a friendlier set-up: only that substance's rules run)
  const bySubstance = new Map<string, Engine>()
  for (const r of gen.rules) {
    const s = (r.conditions as { all: Array<{ value: string }> }).all[0]!.value
    let e = bySubstance.get(s)
    if (!e) bySubstance.set(s, (e = new Engine([], { allowUndefinedFacts: true })))
    e.addRule(r as never)
  }
  const empty = new Engine([], { allowUndefinedFacts: true })
  const engineFor = (f: Item["facts"]) => bySubstance.get(f.substance) ?? empty

  // agreement on a sample of the workload: the full judgement, the decision path and json-rules-engine
  // (the per-substance engines; the single engine is checked on the items it is timed on)
  const single = new Set(items.slice(0, JRE_BATCH))
  let agree = 0
  let exceeding = 0
  const disagreements: Array<Record<string, unknown>> = []
  for (const it of items.slice(0, N_AGREE)) {
    const findings = judgeAnalyte(ds, it.analyte)
    const ours = findings.some((f) => breaches(f.outcome))
    const fast = decide(it.analyte)
    const theirs = (await engineFor(it.facts).run(it.facts)).events.length > 0
    const theirsSingle = single.has(it) ? (await engine.run(it.facts)).events.length > 0 : theirs
    if (ours) exceeding++
    if (ours === theirs && fast === ours && theirsSingle === theirs) agree++
    else if (disagreements.length < 5)
      disagreements.push({ ...it.facts, date: it.analyte.date, ours, decision: fast, jre: theirs, jreSingle: theirsSingle, outcomes: findings.map((f) => f.outcome) })
  }

  // what a flat "one rule per row" encoding without precedence would decide (any row in force for
  // the food whose limit is exceeded): how often it disagrees with the tables, on the same sample
  const members = memberFoods(ds)
  const naiveRows = ds.limits.rows().map((r) => ({
    substance: r.row.substance,
    foods: new Set(members(r).map((f) => f.id)),
    from: toDayNumber(r.from as CalendarDate),
    to: r.to !== undefined ? toDayNumber(r.to as CalendarDate) : Infinity,
    limit: r.row.mustNotDetect ? 0 : r.row.limit !== undefined ? Decimal.toNumber(Quantity.convert({ value: r.row.limit, unit: r.row.unit }, "mg/kg")!.value) : undefined
  }))
  let naiveDisagree = 0
  for (const it of items.slice(0, N_AGREE)) {
    const f = it.facts
    const naive = naiveRows.some((r) => r.substance === f.substance && r.foods.has(f.food) && r.from <= f.day && f.day <= r.to && r.limit !== undefined && f.measured > r.limit)
    if (naive !== judgeAnalyte(ds, it.analyte).some((x) => breaches(x.outcome))) naiveDisagree++
  }

  const jreItems = items.slice(0, JRE_BATCH).map((x) => x.facts)
  const base = await timeAsync(
    jreItems.length,
    async () => {
      for (const f of jreItems) if ((await engine.run(f)).events.length > 0) sink++
    },
    { warmup: 1, runs: 5 }
  )
  const partItems = items.slice(0, 2_000).map((x) => x.facts)
  const part = await timeAsync(
    partItems.length,
    async () => {
      for (const f of partItems) if ((await engineFor(f).run(f)).events.length > 0) sink++
    },
    { warmup: 1, runs: 5 }
  )
  if (sink === 42) console.error("")

  const common = {
    substances: new Set(items.map((x) => x.facts.substance)).size,
    foods: new Set(items.map((x) => x.facts.food)).size,
    limitRows: ds.limits.rows().length,
    workload: items.length,
    jreRules: gen.rules.length,
    agreement: `${agree}/${N_AGREE}`,
    agreeing: agree,
    compared: N_AGREE,
    breachesInSample: exceeding,
    naiveRowRulesWouldDisagree: naiveDisagree,
    ...(disagreements.length > 0 ? { disagreements } : {}),
    baselineNsPerOp: round(1e9 / base.opsPerSec),
    baselinePerSubstanceEngineOpsPerSec: round(part.opsPerSec),
    baselineFacts: jreItems.length
  }
  return {
    lines: [
      {
        name: "judge-analyte",
        opsPerSec: round(full.opsPerSec),
        baselineOpsPerSec: round(base.opsPerSec),
        ratio: round(full.opsPerSec / base.opsPerSec),
        unit: "analyte judgements/s",
        opsPerCpuSec: round(full.opsPerCpuSec),
        baselineOpsPerCpuSec: round(base.opsPerCpuSec),
        nsPerOp: round(full.nsPerOp),
        runs: full.runs,
        ...common,
        ratioVsPerSubstanceEngine: round(full.opsPerSec / part.opsPerSec)
      },
      {
        name: "judge-decision",
        opsPerSec: round(decision.opsPerSec),
        baselineOpsPerSec: round(base.opsPerSec),
        ratio: round(decision.opsPerSec / base.opsPerSec),
        unit: "exceed/not-exceed decisions/s (lookup + exact comparison, no Finding objects)",
        opsPerCpuSec: round(decision.opsPerCpuSec),
        baselineOpsPerCpuSec: round(base.opsPerCpuSec),
        nsPerOp: round(decision.nsPerOp),
        runs: decision.runs,
        ...common,
        ratioVsPerSubstanceEngine: round(decision.opsPerSec / part.opsPerSec)
      }
    ]
  }
}

