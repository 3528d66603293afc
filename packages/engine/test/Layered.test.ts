/**
 * Differential (issue 16): on random packs that only tighten (stricter limits, 不得检出 rows,
 * category rows, bans, on a province → county path and under the bundled 巴中市 pack), the single
 * judgement against the composed region equals the strictest of the layers' individual judgements
 * (the old layered path, kept as the oracle in layered-oracle.ts), finding by finding. Every
 * difference must be one of the named, intended classes below; anything else fails.
 *
 * 1,000 records by default; LAYERED_RECORDS=10000 for the full run reported in issue 16.
 */
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import { getOrThrow } from "@nongan/core/Result"
import type { RecordReport } from "@nongan/core/Verdict"
import type { Composition } from "@nongan/engine/Compose"
import { evaluateInspection } from "@nongan/engine/Evaluate"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import type { DecisionRule } from "@nongan/residues/Judge"
import { describe, expect, it } from "vitest"
import { evaluateLayered } from "./layered-oracle"
import { composeWith, dataset, pack } from "./fixtures"

const RECORDS = Number(process.env["LAYERED_RECORDS"] ?? 1_000)

/** mulberry32: a seeded generator, so a failure is reproducible from its seed */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const cite = (clause: string) => ({ instrument: "随机测试文件", clause })
const PATHS = [
  { jurisdiction: "330106", parent: "330000", province: true },
  { jurisdiction: "511923", parent: "511900", province: false }
] as const

interface Row {
  readonly substance: string
  readonly food: string
  readonly limit?: string
  readonly mustNotDetect?: true
  readonly unit: string
}

/** Random packs that only tighten; rows the composer calls loosening are dropped and the packs recomposed. */
const randomPacks = (next: () => number) => {
  const ds = dataset()
  const rows = ds.limits.rows().filter((r) => r.row.food !== undefined && r.row.limit !== undefined && (r.to === undefined || r.to >= "2026-06-15") && r.from <= "2026-06-15")
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(next() * xs.length)]!
  const limitsFor = (n: number): Array<Row> =>
    Array.from({ length: n }, () => {
      const r = pick(rows)
      const food = next() < 0.2 ? ds.foods.pathOf(r.row.food!).slice(-2)[0] ?? r.row.food! : r.row.food!
      if (next() < 0.1) return { substance: r.row.substance, food, mustNotDetect: true as const, unit: r.row.unit }
      const f = pick(["0.1", "0.3", "0.5", "0.8", "0.99"])
      return { substance: r.row.substance, food, limit: Decimal.multiply(r.row.limit!, Decimal.unsafeMake(f)).toString(), unit: r.row.unit }
    })
  const bansFor = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const r = pick(rows)
      return { substance: r.row.substance, status: "banned-in-scope", scope: { foods: [ds.foods.pathOf(r.row.food!)[0]!] }, citation: cite(`ban-${i}`) }
    })
  const make = (limits: ReadonlyArray<Row>, which: (typeof PATHS)[number], id: string, jurisdiction: string, parent: string | null, bans: ReturnType<typeof bansFor>) =>
    pack(id, jurisdiction, parent, { from: "2025-01-01", ...(next() < 0.3 ? { to: "2026-12-31" } : {}) }, {
      limits: limits.map((l, i) => ({ ...l, citation: cite(`${id}-${i}`), verification: "official-text" })),
      bans,
      _which: which.jurisdiction
    })
  let province = limitsFor(3)
  let county = limitsFor(6)
  let county2 = limitsFor(6)
  const pBans = bansFor(1)
  const cBans = bansFor(next() < 0.5 ? 1 : 0)
  for (let attempt = 0; attempt < 20; attempt++) {
    const packs = [
      make(province, PATHS[0], "rnd-330000", "330000", null, pBans),
      make(county, PATHS[0], "rnd-330106", "330106", "330000", cBans),
      make(county2, PATHS[1], "rnd-511923", "511923", "511900", [])
    ].map(({ _which: _w, ...p }) => p)
    const c = composeWith(packs, { bundled: true })
    if (c.ok) return { composition: c.value, rows: [...province, ...county, ...county2], packs }
    const drop = (list: Array<Row>, p: string) => {
      const bad = new Set(c.errors.filter((e) => e.path[0] === p && e.path[1] === "limits").map((e) => e.path[2] as number))
      return list.filter((_, i) => !bad.has(i))
    }
    const other = c.errors.filter((e) => e.code !== "pack-loosens")
    if (other.length > 0) throw new Error(JSON.stringify(other))
    province = drop(province, "packs[0]")
    county = drop(county, "packs[1]")
    county2 = drop(county2, "packs[2]")
  }
  throw new Error("could not compose")
}

const EMRL = "a regional ban does not reach a residue within a national EMRL"
const SEVERITY: Record<string, number> = { info: 0, warning: 1, violation: 2, critical: 3 }
const residue = (fs: ReadonlyArray<Finding>, s: string) => fs.filter((f) => f.substance === s && f.outcome !== "custom" && f.outcome !== "prohibited-substance-detected")
const prohibited = (fs: ReadonlyArray<Finding>, s: string) => fs.filter((f) => f.substance === s && f.outcome === "prohibited-substance-detected")
/** the strictest of the old findings for an analyte: the most severe, and among equals the lowest layer's */
const strictest = (fs: ReadonlyArray<Finding>): Finding | undefined => fs.reduce<Finding | undefined>((m, f) => (!m || SEVERITY[f.severity]! >= SEVERITY[m.severity]! ? f : m), undefined)

type Class =
  | "same"
  | "a stricter regional limit now cited (same outcome)"
  | "a rapid screen on the stricter limit"
  | "a regional limit where the national tables hold none"
  | "the prohibition cites its primary reason's layer"
  | "unexplained"

const classify = (o: Finding | undefined, n: Finding | undefined, method: string): Class => {
  if (!o || !n) return o === n ? "same" : "unexplained"
  // (the old layered 不得检出 finding carried no measured value or unit; the single judgement's does)
  const key = (f: Finding) => JSON.stringify([f.code, f.severity, f.limit ?? null, f.limit === undefined ? null : f.unit ?? null, f.layer, f.source ?? null])
  if (key(o) === key(n)) return "same"
  if (method === "rapid" && n.layer !== "national") return "a rapid screen on the stricter limit"
  const none = o.outcome === "no-limit" || o.outcome === "limit-not-held" || (o.outcome === n.outcome && o.limit === undefined && o.source === undefined)
  if (none && n.layer !== "national") return "a regional limit where the national tables hold none"
  // a lower number, or a regional 不得检出 (no number) over a national number
  const lower = n.limit !== undefined && o.limit !== undefined ? n.limit < o.limit || n.unit !== o.unit : n.limit === undefined && o.limit !== undefined
  if (o.layer === "national" && n.layer !== "national" && n.outcome === o.outcome && lower && Array.isArray(n.values?.["overrides"])) return "a stricter regional limit now cited (same outcome)"
  return "unexplained"
}

describe("compose once, judge once — the differential against the layered path", () => {
  it(`equals the strictest of the layers' judgements, finding by finding, on ${RECORDS} random records`, () => {
    const next = rng(16)
    const counts = new Map<string, number>()
    const verdicts = new Map<string, number>()
    const unexplained: Array<unknown> = []
    let composition: Composition | undefined
    let rows: ReadonlyArray<Row> = []
    const ds = dataset()
    const leaves = ds.foods.nodes().filter((x) => x.kind === "food").map((x) => x.id)
    for (let i = 0; i < RECORDS; i++) {
      if (i % 100 === 0) ({ composition, rows } = randomPacks(next))
      const row = rows[Math.floor(next() * rows.length)]
      if (!row) continue
      const members = ds.foods.hasNode(row.food) && leaves.includes(row.food) ? [row.food] : leaves.filter((l) => ds.foods.isWithin(l, row.food))
      const product = members[Math.floor(next() * members.length)] ?? row.food
      const base = row.limit ?? "0.01"
      const value =
        next() < 0.1 ? "ND" : next() < 0.05 ? "检出" : Decimal.multiply(Decimal.unsafeMake(base), Decimal.unsafeMake(["0.3", "0.7", "1", "1.2", "3", "12", "40"][Math.floor(next() * 7)]!)).toString()
      const region = next() < 0.5 ? "330106" : next() < 0.5 ? "511923" : "330102"
      const method = next() < 0.1 ? "rapid" : "lab"
      const rule: DecisionRule = next() < 0.3 ? { kind: "uncertainty", relative: Decimal.unsafeMake("0.5") } : { kind: "reported-value" }
      const record = getOrThrow(
        decodeInspection({ id: `D-${i}`, kind: "inspection", sampledOn: next() < 0.85 ? "2026-06-15" : "2024-06-15", region, product, method, results: [{ substance: row.substance, value, unit: row.unit }] })
      )
      const n = evaluateInspection(composition!, record, rule)
      const o = evaluateLayered(composition!, record, rule)
      expect(n.ok).toBe(o.ok)
      if (!n.ok || !o.ok) continue
      const nr: RecordReport = n.value
      const or: RecordReport = o.value
      expect(nr.packs).toEqual(or.packs)
      const rn = residue(nr.findings, row.substance)
      expect(rn.length, JSON.stringify(nr.findings)).toBe(1)
      const c = classify(strictest(residue(or.findings, row.substance)), rn[0], method)
      counts.set(c, (counts.get(c) ?? 0) + 1)
      // prohibitions: found by both or by neither; the layer is the cited (primary) reason's
      const po = prohibited(or.findings, row.substance)
      const pn = prohibited(nr.findings, row.substance)
      // a residue within a national 再残留限量 (EMRL) is not evidence of use, under a regional ban either
      // (the layered path raised regional bans without asking; the single judgement asks once for all)
      const food = ds.foods.resolve(product)
      const emrl = food.ok && ds.limits.lookup(row.substance, food.value, record.sampledOn)?.limit.row.extraneous === true
      const emrlBan = emrl && po.length > 0 && pn.length === 0 && po.every((f) => f.layer !== "national")
      if (emrlBan) counts.set(EMRL, (counts.get(EMRL) ?? 0) + 1)
      else if (po.length > 0 !== pn.length > 0) unexplained.push({ record, old: po, now: pn })
      else if (pn.length > 0 && po[0]!.layer !== pn[0]!.layer) counts.set("the prohibition cites its primary reason's layer", (counts.get("the prohibition cites its primary reason's layer") ?? 0) + 1)
      if (pn.length > 1) unexplained.push({ record, twice: pn })
      const v = `${or.verdict} → ${nr.verdict}`
      if (or.verdict !== nr.verdict) verdicts.set(v, (verdicts.get(v) ?? 0) + 1)
      if (c === "unexplained") unexplained.push({ record: { product, value, region, method, rule: rule.kind, sampledOn: record.sampledOn }, old: residue(or.findings, row.substance), now: rn })
      // a verdict may differ only where a regional row now applies where the national tables hold none
      if (or.verdict !== nr.verdict && !emrlBan && c !== "a regional limit where the national tables hold none" && c !== "a rapid screen on the stricter limit") unexplained.push({ verdict: v, record, old: or.findings, now: nr.findings })
    }
    console.log(`layered differential on ${RECORDS} records:`, Object.fromEntries(counts), "verdict changes:", Object.fromEntries(verdicts))
    const brief = (x: unknown): unknown =>
      Array.isArray(x) ? x.map((f: Finding) => [f.code, f.layer, f.limit ?? null, f.unit ?? null, f.measured ?? null, f.source ?? null]) : x
    expect(unexplained.slice(0, 6).map((u) => Object.fromEntries(Object.entries(u as object).map(([k, v]) => [k, k === "record" ? JSON.stringify(v) : brief(v)])))).toEqual([])
    expect(counts.get("same") ?? 0).toBeGreaterThan(RECORDS / 4)
    expect(counts.get("a stricter regional limit now cited (same outcome)") ?? 0).toBeGreaterThan(0)
  }, 600_000)
})
