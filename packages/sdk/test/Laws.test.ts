/**
 * The law kit (laws.ts) run over the real dataset: the three bundled packs, random in-memory packs
 * that only tighten, and random records over every region.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import { contains } from "@nongan/core/EffectivePeriod"
import { Outcome } from "@nongan/core/Finding"
import * as Quantity from "@nongan/core/Quantity"
import { getOrThrow } from "@nongan/core/Result"
import type { RecordReport } from "@nongan/core/Verdict"
import type { Dataset } from "@nongan/engine/Dataset"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { rulesDir } from "@nongan/sdk/Files"
import { createValidator, loadDataset, type Validation, type Validator } from "@nongan/sdk/Validator"
import { StatusKind } from "@nongan/substances/Status"
import { beforeAll, describe, expect, it } from "vitest"
import {
  checkFindings,
  checkPackLaws,
  checkRecordLaws,
  checkRegionTightens,
  checkReplay,
  checkTighter,
  generalTargets,
  recordArbitrary,
  validateTotal
} from "./laws"

/** 1 by default; set LAWS_SCALE (e.g. 20) to hunt for counterexamples with longer runs. */
const SCALE = Number(process.env["LAWS_SCALE"] ?? 1)
const runs = (n: number) => Math.max(1, Math.round(n * SCALE))

let ds: Dataset
let v: Validator
beforeAll(() => {
  ds = getOrThrow(loadDataset())
  v = getOrThrow(createValidator({ dataset: ds }))
})

const bundled = (code: string): unknown => JSON.parse(readFileSync(join(rulesDir(), "regions", code, "pack.json"), "utf8"))

// ---------------------------------------------------------------------------------------------
// Random packs that only tighten

const cite = { instrument: "随机测试规则包" }

const JURISDICTIONS = [
  { jurisdiction: "511923", parent: "511900" },
  { jurisdiction: "500154", parent: "500000" },
  { jurisdiction: "540103", parent: "540100" },
  { jurisdiction: "330100", parent: "330000" },
  { jurisdiction: "510000", parent: null }
] as const
// none overlaps a bundled pack of the same jurisdiction (500154: 2022; 540103: 2020)
const PERIODS: ReadonlyArray<{ readonly from: string; readonly to?: string }> = [
  { from: "2023-01-01", to: "2024-12-31" },
  { from: "2025-06-01", to: "2026-12-31" },
  { from: "2026-03-01" },
  { from: "2024-04-04", to: "2030-12-31" }
]

interface Subject {
  readonly substance: string
  readonly food?: string
  readonly species?: string
  readonly tissue?: string
}

const resolvedOf = (s: Subject): ResolvedFood =>
  s.food !== undefined
    ? { kind: "plant", id: s.food, name: s.food, path: ds.foods.pathOf(s.food) }
    : { kind: "animal", id: `${s.species}/${s.tissue}`, name: s.species!, species: s.species!, tissue: s.tissue!, speciesPath: ds.foods.pathOf(s.species!) }

/**
 * A row at most as loose as the national limit on every day of the period: 不得检出 if the
 * national limit is 不得检出 on any day, else the smallest national limit × factor (factor in
 * (0, 1]); a subject with no national limit in the period may take any limit.
 */
const tightRow = (s: Subject, period: { readonly from: string; readonly to?: string }, percent: number) => {
  const days = new Set([period.from])
  for (const r of ds.limits.rows())
    if (r.row.substance === s.substance) {
      days.add(r.from)
      if (r.to) days.add(addDays(r.to as CalendarDate, 1))
    }
  const found = [...days].filter((d) => contains(period, d)).flatMap((d) => ds.limits.resolveAt(s.substance, resolvedOf(s), d) ?? [])
  const base = { ...s, citation: cite, verification: "official-text" }
  if (found.some((r) => r.mustNotDetect)) return { ...base, mustNotDetect: true, unit: "mg/kg" }
  const limits = found.flatMap((r) => (r.limit.row.limit !== undefined ? [{ value: r.limit.row.limit, unit: r.limit.row.unit }] : []))
  if (limits.length === 0) return { ...base, limit: String(percent / 100), unit: "mg/kg" }
  const min = limits.reduce((a, b) => (Quantity.compare(b, a) === -1 ? b : a))
  return { ...base, limit: scaled(min.value.toString(), percent), unit: min.unit }
}
const scaled = (value: string, percent: number): string => {
  // exact: value × percent / 100
  const [i, f = ""] = value.split(".")
  const digits = BigInt(`${i}${f}`) * BigInt(percent)
  const scale = f.length + 2
  const s = digits.toString().padStart(scale + 1, "0")
  const out = `${s.slice(0, -scale)}.${s.slice(-scale)}`.replace(/\.?0+$/, "")
  return out === "" ? "0" : out
}

const tighteningPack = (): fc.Arbitrary<Record<string, unknown>> => {
  const seen = new Set<string>()
  const subjects: Array<Subject> = []
  for (const r of ds.limits.rows()) {
    const s: Subject = r.row.food !== undefined ? { substance: r.row.substance, food: r.row.food } : { substance: r.row.substance, species: r.row.species!, tissue: r.row.tissue! }
    const key = JSON.stringify(s)
    if (!seen.has(key)) seen.add(key), subjects.push(s)
  }
  const productIds = [...ds.foods.nodes().filter((n) => n.kind === "food").map((n) => n.id), ...ds.foods.products().map((p) => p.id)]
  const nodeIds = ds.foods.nodes().map((n) => n.id)
  const speciesIds = ds.foods.species().map((s) => s.id)
  const tissueIds = ds.foods.tissues().map((t) => t.id)
  const substanceIds = ds.substances.all().map((s) => s.id)
  const c = fc.constantFrom
  const leaf: fc.Arbitrary<unknown> = fc.oneof(
    fc.record({ fact: c("product"), operator: c("equal", "notEqual"), value: c(...productIds) }),
    fc.record({ fact: c("product"), operator: c("in", "notIn"), value: fc.uniqueArray(c(...productIds), { minLength: 1, maxLength: 3 }) }),
    fc.record({ fact: c("productCategoryPath"), operator: c("contains", "doesNotContain"), value: c(...nodeIds, ...speciesIds) }),
    fc.record({ fact: c("substance"), operator: c("equal", "notEqual"), value: c(...substanceIds) }),
    fc.record({ fact: c("substanceStatus"), operator: c("in", "notIn"), value: fc.uniqueArray(c(...StatusKind.literals, "none"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ fact: c("outcome"), operator: c("equal", "notEqual"), value: c(...Outcome.literals) }),
    fc.record({ fact: c("outcome"), operator: c("in"), value: fc.uniqueArray(c(...Outcome.literals), { minLength: 1, maxLength: 4 }) }),
    fc.record({ fact: c("method"), operator: c("equal"), value: c("lab", "rapid") }),
    fc.record({ fact: c("kind"), operator: c("equal"), value: c("inspection") }),
    fc.record({ fact: c("measured", "limit", "ratioToLimit"), operator: c("greaterThan", "greaterThanInclusive", "lessThan", "lessThanInclusive"), value: c(0, 0.01, 0.5, 0.8, 1, 2) }),
    fc.record({ fact: c("ratioToLimit"), operator: c("greaterThan"), value: fc.constant({ fact: "limit" }) }),
    fc.record({ fact: c("keyVariety"), operator: c("equal"), value: fc.boolean() }),
    fc.record({ fact: c("region"), operator: c("equal", "notEqual"), value: c(...JURISDICTIONS.map((j) => j.jurisdiction)) }),
    fc.record({ fact: c("sampledOn"), operator: c("greaterThanInclusive", "lessThan"), value: c("2024-01-01", "2026-03-01") }),
    fc.record({ fact: c("species"), operator: c("equal"), value: c(...speciesIds) }),
    fc.record({ fact: c("tissue"), operator: c("equal"), value: c(...tissueIds) }),
    fc.record({ fact: c("unit"), operator: c("equal"), value: c("mg/kg", "ug/kg") }),
    fc.record({ fact: c("producerGrade"), operator: c("in"), value: fc.constant(["C", "D"]) })
  )
  const node = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 2, depthIdentifier: "cond" },
      { arbitrary: leaf, weight: 4 },
      fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }),
      fc.record({ not: tie("node") })
    )
  })).node
  const top = fc.oneof(fc.record({ all: fc.array(node, { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(node, { minLength: 1, maxLength: 3 }) }))
  const rule = fc.record({
    conditions: top,
    severity: c("info", "warning", "violation", "critical"),
    priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined })
  })
  const ban = fc.record({
    substance: c(...substanceIds),
    how: fc.oneof(
      fc.constant({ status: "banned", scope: "all" }),
      fc.uniqueArray(c(...nodeIds), { minLength: 1, maxLength: 2 }).map((foods) => ({ status: "banned-in-scope", scope: { foods } })),
      fc.uniqueArray(c(...speciesIds), { minLength: 1, maxLength: 2 }).map((species) => ({ status: "banned-food-animals", scope: { species } })),
      fc.constant({ status: "banned-food-animals", scope: "all" })
    )
  })
  return fc
    .record({
      where: c(...JURISDICTIONS),
      period: c(...PERIODS),
      limits: fc.uniqueArray(fc.tuple(c(...subjects), fc.integer({ min: 1, max: 100 })), { maxLength: 6, selector: ([s]) => JSON.stringify(s) }),
      bans: fc.array(ban, { maxLength: 3 }),
      rules: fc.array(rule, { maxLength: 4 }),
      keyVarieties: fc.uniqueArray(c(...productIds, ...nodeIds), { maxLength: 3 }),
      parameters: fc.uniqueArray(
        fc.record({ id: c("test.rate", "test.quota", "test.cap"), value: fc.integer({ min: 0, max: 1000 }).map(String), direction: c("at-least", "at-most") }),
        { maxLength: 2, selector: (p) => p.id }
      )
    })
    .map(({ where, period, limits, bans, rules, keyVarieties, parameters }) => ({
      kind: "rule-pack",
      id: `cn-${where.jurisdiction}-random`,
      jurisdiction: where.jurisdiction,
      name: "随机规则包",
      version: "0.0.1",
      effective: period,
      parent: where.parent,
      source: cite,
      keyVarieties: keyVarieties.map((food) => ({ food, citation: cite })),
      parameters: parameters.map((p) => ({ ...p, citation: cite })),
      limits: limits.map(([s, percent]) => tightRow(s, period, percent)),
      bans: bans.map((b) => ({ substance: b.substance, ...b.how, citation: cite })),
      customRules: rules.map((r, i) => ({
        name: `rule-${i}`,
        conditions: r.conditions,
        event: { type: `local.random-${i}`, params: { severity: r.severity, message: `随机规则 ${i}` } },
        ...(r.priority !== undefined ? { priority: r.priority } : {}),
        citation: cite
      }))
    }))
}

// ---------------------------------------------------------------------------------------------

describe("the law kit on the bundled packs", () => {
  for (const code of ["500154", "511900", "540103"])
    it(`${code}: composes, and every law holds`, () => {
      const stats = checkPackLaws(bundled(code), { dataset: ds, numRuns: runs(40) })
      expect(stats.judgedByPack).toBeGreaterThan(0)
      expect(stats.packFindings).toBeGreaterThan(0)
    })
})

describe("the law kit on random packs that only tighten", () => {
  it("random stricter limits, bans, key varieties, targets and custom rules pass every law", () => {
    let withLimits = 0
    let loosened = 0
    let packFindings = 0
    fc.assert(
      fc.property(tighteningPack(), (pack) => {
        const stats = checkPackLaws(pack, { dataset: ds, numRuns: 12, replays: 1 })
        if ((pack["limits"] as ReadonlyArray<unknown>).length > 0) withLimits++
        loosened += stats.loosenedRows
        packFindings += stats.packFindings
      }),
      { numRuns: runs(10) }
    )
    // the property was exercised on the laws that need limits
    expect(withLimits).toBeGreaterThan(0)
    expect(loosened).toBeGreaterThan(0)
    expect(packFindings).toBeGreaterThan(0)
  })

  it("the stricter-limit generator is exact: a national 0.02 × 37 % is 0.0074", () => {
    expect(scaled("0.02", 37)).toBe("0.0074")
    expect(scaled("5", 100)).toBe("5")
    expect(scaled("100", 1)).toBe("1")
  })
})

describe("the laws over the real dataset, the bundled packs and random records", () => {
  const arb = () => recordArbitrary(ds, generalTargets(ds))

  it("(1, 2, 3, 5) deterministic, total, only known codes, limit rows in force — on 1,000 random records", () => {
    const seen = { reports: 0, errors: 0, regional: 0, cited: 0 }
    fc.assert(
      fc.property(arb(), (record) => {
        const r = checkRecordLaws(v, record)
        if (!r.ok) return void seen.errors++
        seen.reports++
        if ((r.report.packs?.length ?? 0) > 1) seen.regional++
        seen.cited += r.report.findings.filter((f) => f.categoryPath !== undefined).length
      }),
      { numRuns: runs(1000) }
    )
    // both branches and the regional layers were exercised
    expect(seen.reports).toBeGreaterThan(50)
    expect(seen.errors).toBeGreaterThan(10)
    expect(seen.regional).toBeGreaterThan(10)
    expect(seen.cited).toBeGreaterThan(50)
  })

  it("(4) a regional pack never turns a nationally non-compliant record compliant", () => {
    let nonCompliantWithPack = 0
    fc.assert(
      fc.property(arb(), (record) => {
        checkRegionTightens(v, record)
        const r = v.validate(record)
        if (r.ok && r.report.verdict === "non-compliant" && (r.report.packs?.length ?? 0) > 1) nonCompliantWithPack++
      }),
      { numRuns: runs(1000) }
    )
    expect(nonCompliantWithPack).toBeGreaterThan(5)
  })

  it("(5) judging a record again after 100 others gives the same result", () => {
    const fresh = getOrThrow(createValidator({ dataset: getOrThrow(loadDataset()) }))
    fc.assert(
      fc.property(arb(), fc.array(arb(), { minLength: 100, maxLength: 100 }), (record, others) => {
        checkReplay(fresh, record, others)
      }),
      { numRuns: runs(6) }
    )
  })

  it("(5) a record judged on a fresh validator and on one that judged thousands agree", () => {
    const records = fc.sample(arb(), { numRuns: 300, seed: 42 })
    const warm = records.map((r) => v.validate(r))
    const cold = getOrThrow(createValidator({ dataset: getOrThrow(loadDataset()) }))
    // in reverse order, so that no memo is filled in the same order
    const again = [...records].reverse().map((r) => cold.validate(r)).reverse()
    expect(again).toEqual(warm)
  })
})

describe("the kit itself catches broken validators", () => {
  const rep = (verdict: "compliant" | "non-compliant", findings: ReadonlyArray<Record<string, unknown>> = []): RecordReport =>
    ({ id: "x", kind: "inspection", verdict, asOf: "2026-06-15", findings, packs: [{ id: "cn-national", jurisdiction: "000000", version: "0", hash: "0" }] }) as unknown as RecordReport
  const report = (verdict: "compliant" | "non-compliant", findings: ReadonlyArray<Record<string, unknown>> = []): Validation => ({ ok: true, report: rep(verdict, findings) })

  it("a validator that throws fails law 2", () => {
    const broken = { ...v, validate: () => { throw new Error("boom") } } as Validator
    expect(() => validateTotal(broken, {})).toThrow(/law 2/)
  })

  it("a layer that turns non-compliant into compliant fails law 4", () => {
    expect(() => checkTighter(report("compliant"), report("non-compliant"), "a region")).toThrow(/law 4/)
    const f = { code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation", layer: "national" }
    expect(() => checkTighter(report("non-compliant", []), report("non-compliant", [f]), "a region")).toThrow(/law 4/)
    expect(() => checkTighter(report("non-compliant", [f]), report("compliant"), "a region")).toThrow(/law 4/)
  })

  it("an unknown code or an unnamed layer fails law 3", () => {
    expect(() => checkFindings(v, rep("compliant", [{ code: "residue.whatever", outcome: "within-limit", severity: "info", layer: "national" }]))).toThrow(/law 3/)
    expect(() => checkFindings(v, rep("compliant", [{ code: "residue.within-limit", outcome: "within-limit", severity: "info", layer: "cn-nowhere" }]))).toThrow(/law 3/)
    expect(() => checkFindings(v, rep("compliant", [{ code: "local.x", outcome: "custom", severity: "info", layer: "national" }]))).toThrow(/law 3/)
  })

  it("a validator whose results drift fails law 5", () => {
    let n = 0
    const drifting = { ...v, validate: () => report(n++ === 0 ? "compliant" : "non-compliant") } as Validator
    expect(() => checkReplay(drifting, {}, [{}])).toThrow(/law 5/)
  })

  it("a loosening pack fails law 0", () => {
    const loose = {
      kind: "rule-pack", id: "cn-330100-loose", jurisdiction: "330100", name: "放宽", version: "1", effective: { from: "2026-03-01" }, parent: "330000", source: cite,
      limits: [{ substance: "啶虫脒", food: "普通白菜", limit: "2", unit: "mg/kg", citation: cite, verification: "secondary" }]
    }
    expect(() => checkPackLaws(loose, { dataset: ds, numRuns: 1 })).toThrow(/law 0/)
  })
})
