import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import { getOrThrow } from "@nongan/core/Result"
import type { RecordReport } from "@nongan/core/Verdict"
import type { Composition } from "@nongan/engine/Compose"
import { evaluateInspection } from "@nongan/engine/Evaluate"
import { contentHash } from "@nongan/engine/Hash"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import type { DecisionRule } from "@nongan/residues/Judge"
import { beforeAll, describe, expect, it } from "vitest"
import { bundledPack, composeWith, customRule, dataset, limit, pack } from "./fixtures"

const COUNTY = "cn-511923-t"
const BAZHONG = "cn-511900-2024"

/** An in-memory 恩阳区 pack under the bundled 巴中市 pack. */
const county = pack(COUNTY, "511923", "511900", { from: "2026-03-01", to: "2027-12-31" }, {
  version: "2026.2.0",
  keyVarieties: [{ food: "普通白菜", citation: { instrument: "测试文件" } }],
  limits: [
    limit("啶虫脒", "普通白菜", "0.5"),
    { substance: "啶虫脒", food: "菠菜", mustNotDetect: true, unit: "mg/kg", citation: { instrument: "测试文件" }, verification: "official-text" },
    { substance: "地西泮", species: "鱼", tissue: "皮+肉", mustNotDetect: true, unit: "mg/kg", citation: { instrument: "测试文件" }, verification: "official-text" }
  ],
  bans: [
    { substance: "吡虫啉", status: "banned-in-scope", scope: { foods: ["叶菜类蔬菜"] }, citation: { instrument: "测试禁令", clause: "一" } },
    { substance: "四环素类", status: "banned-food-animals", scope: { species: ["猪"] }, citation: { instrument: "测试禁令", clause: "二" } },
    { substance: "氟苯尼考", status: "banned-food-animals", scope: { species: ["鸡"] }, citation: { instrument: "测试禁令", clause: "三" } }
  ],
  customRules: [
    customRule("near-limit", {
      all: [
        { fact: "outcome", operator: "equal", value: "within-limit" },
        { fact: "ratioToLimit", operator: "greaterThanInclusive", value: 0.8 },
        { fact: "keyVariety", operator: "equal", value: true }
      ]
    }),
    customRule("local-ban-watch", { all: [{ fact: "substanceStatus", operator: "in", value: ["banned-in-scope", "banned-food-animals"] }] }, "info")
  ]
})

let c: Composition
beforeAll(() => {
  c = getOrThrow(composeWith([county], { bundled: true }))
})

const judge = (u: Record<string, unknown>, rule?: DecisionRule): RecordReport =>
  getOrThrow(evaluateInspection(c, getOrThrow(decodeInspection({ id: "T-1", kind: "inspection", sampledOn: "2026-06-15", region: "511923", ...u })), rule))
const one = (product: string, substance: string, value: string, more: Record<string, unknown> = {}) =>
  judge({ product, results: [{ substance, value, unit: "mg/kg" }], ...more })
const brief = (f: Finding) => [f.code, f.layer, f.limit ?? null]

describe("evaluate: layering by region code", () => {
  it("a record from 511923 is judged by the national tables, then 巴中市 (bundled), then 恩阳区 (in memory)", () => {
    const r = one("普通白菜", "啶虫脒", "0.8")
    expect(r.packs?.map((p) => [p.id, p.jurisdiction, p.version])).toEqual([
      ["cn-national", "000000", "test"],
      [BAZHONG, "511900", "2024.1.0"],
      [COUNTY, "511923", "2026.2.0"]
    ])
    for (const p of r.packs ?? []) expect(p.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(r.packs?.[1]?.hash).toBe(contentHash(bundledPack("511900")))
    expect(r.packs?.[2]?.hash).toBe(contentHash(county))
  })

  it("a stricter regional limit is the limit the analyte is judged against, once; custom rules then run on that finding", () => {
    const r = one("普通白菜", "啶虫脒", "0.8")
    expect(r.verdict).toBe("non-compliant")
    // one judgement, on the county's 0.5 (national 1): the county's near-limit rule sees exceeds-limit at 1.6
    expect(r.findings.map(brief)).toEqual([
      ["residue.exceeds-limit", COUNTY, 0.5],
      ["local.traceback-investigation", BAZHONG, null]
    ])
    const regional = r.findings[0]!
    expect(regional).toMatchObject({ source: "测试文件", measured: 0.8, unit: "mg/kg", categoryPath: ["蔬菜", "叶菜类蔬菜", "绿叶类", "普通白菜"], values: { ratioToLimit: 1.6 } })
    // it names the national row it overrode
    expect(regional.values?.["overrides"]).toEqual([expect.objectContaining({ layer: "national", limit: 1, unit: "mg/kg" })])
    // the same record with no region is judged by the national tables alone
    const national = one("普通白菜", "啶虫脒", "0.8", { region: undefined })
    expect(national.verdict).toBe("compliant")
    expect(national.packs?.map((p) => p.id)).toEqual(["cn-national"])
  })

  it("every finding names its layer, and custom-rule findings name the rule and the values it read", () => {
    const r = one("普通白菜", "啶虫脒", "0.8")
    const ids = new Set(["national", ...(r.packs ?? []).map((p) => p.id)])
    for (const f of r.findings) expect(ids.has(f.layer ?? ""), JSON.stringify(f)).toBe(true)
    // 0.45 is within the county's 0.5 at a ratio of 0.9 (0.45 of the national 1: the rule would not fire)
    const near = one("普通白菜", "啶虫脒", "0.45").findings.find((f) => f.code === "local.near-limit")!
    expect(near).toMatchObject({ outcome: "custom", severity: "warning", rule: "near-limit", layer: COUNTY, source: "测试文件", substance: "啶虫脒", food: "普通白菜" })
    expect(near.values).toEqual({ outcome: "within-limit", ratioToLimit: 0.9, keyVariety: true })
    const trace = r.findings.find((f) => f.code === "local.traceback-investigation")!
    expect(trace).toMatchObject({ rule: "bz-nonconforming-traceback", layer: BAZHONG, severity: "violation", values: { kind: "inspection", outcome: "exceeds-limit" } })
  })

  it("a regional ban adds residue.prohibited-use with the regional layer, routed to criminal referral", () => {
    const r = one("普通白菜", "吡虫啉", "0.01")
    const ban = r.findings.find((f) => f.code === "residue.prohibited-use")
    expect(ban).toMatchObject({ layer: COUNTY, severity: "critical", referral: "criminal-referral", source: "测试禁令", decisionRule: "detected-after-prohibition" })
    expect(ban?.values).toEqual({ statuses: [{ id: `${COUNTY}#bans[0]`, status: "banned-in-scope", from: "2026-03-01" }] })
    expect(r.verdict).toBe("non-compliant")
    // the rules of the layers above and of the county itself see it (higher priority first)
    expect(r.findings.filter((f) => f.outcome === "custom").map((f) => [f.rule, f.layer])).toEqual([
      ["local-ban-watch", COUNTY],
      ["bz-nonconforming-traceback", BAZHONG],
      ["bz-suspected-crime-referral", BAZHONG]
    ])
    // the custom rules read the regional status as the substance's status there
    expect(r.findings.find((f) => f.rule === "local-ban-watch")?.values).toEqual({ substanceStatus: "banned-in-scope" })
  })

  it("a regional ban stays within its scope, its period and its region", () => {
    expect(one("苹果", "吡虫啉", "0.01").findings.map(brief)).toEqual([["residue.within-limit", "national", 0.5]])
    expect(one("普通白菜", "吡虫啉", "0.01", { region: "511922" }).findings.some((f) => f.code === "residue.prohibited-use")).toBe(false)
    expect(one("普通白菜", "吡虫啉", "0.01", { sampledOn: "2028-01-01" }).findings.some((f) => f.code === "residue.prohibited-use")).toBe(false)
    // not detected: no illegal-use finding (the county's status rule still reads the ban)
    expect(one("普通白菜", "吡虫啉", "ND").findings.map(brief)).toEqual([
      ["residue.not-detected", "national", 0.5],
      ["local.local-ban-watch", COUNTY, null]
    ])
  })

  it("a regional ban of a group reaches its members (四环素类 → 土霉素)", () => {
    expect(dataset().substances.groups("土霉素")).toContain("四环素类")
    const r = one("猪肉", "土霉素", "0.01")
    expect(r.findings.filter((f) => f.code === "residue.prohibited-use").map((f) => f.layer)).toEqual([COUNTY])
    expect(one("鸡肉", "土霉素", "0.01").findings.some((f) => f.code === "residue.prohibited-use")).toBe(false)
  })

  it("a regional ban of a substance reaches the metabolite that marks it (氟苯尼考 → 氟苯尼考胺)", () => {
    expect(dataset().substances.get("氟苯尼考胺")?.markerOf).toBe("氟苯尼考")
    expect(one("鸡肉", "氟苯尼考", "0.01").findings.filter((f) => f.code === "residue.prohibited-use").map((f) => f.layer)).toEqual([COUNTY])
    const r = one("鸡肉", "氟苯尼考胺", "0.01")
    expect(r.findings.filter((f) => f.code === "residue.prohibited-use").map((f) => [f.layer, f.substance])).toEqual([[COUNTY, "氟苯尼考胺"]])
  })

  it("a regional 不得检出 applies where the national limit is a number; where it already is 不得检出 the national row stays", () => {
    expect(one("菠菜", "啶虫脒", "0.01").findings.map(brief)).toEqual([["residue.must-not-detect", COUNTY, null]])
    const fish = one("鲫鱼", "地西泮", "0.001")
    expect(fish.findings.filter((f) => f.code === "residue.must-not-detect").map((f) => f.layer)).toEqual(["national"])
  })

  it("with the uncertainty decision rule, a regional limit exceeded within uncertainty is a warning, beyond it a violation", () => {
    const mu: DecisionRule = { kind: "uncertainty", relative: Decimal.unsafeMake("0.5") }
    // 0.8 − 50 % = 0.4 ≤ 0.5: within uncertainty of the county limit (national 1: within limit)
    const within = one("普通白菜", "啶虫脒", "0.8", { region: "511923" })
    expect(within.verdict).toBe("non-compliant")
    const w = judge({ product: "普通白菜", results: [{ substance: "啶虫脒", value: "0.8", unit: "mg/kg" }] }, mu)
    expect(w.findings.filter((f) => f.outcome !== "custom").map(brief)).toEqual([["residue.exceeds-within-uncertainty", COUNTY, 0.5]])
    expect(w.verdict).toBe("indeterminate")
    // 1.2 − 50 % = 0.6 > 0.5: beyond uncertainty of the county limit, though within it nationally
    const b = judge({ product: "普通白菜", results: [{ substance: "啶虫脒", value: "1.2", unit: "mg/kg" }] }, mu)
    expect(b.findings.filter((f) => f.outcome !== "custom").map(brief)).toEqual([["residue.exceeds-limit", COUNTY, 0.5]])
    expect(b.verdict).toBe("non-compliant")
  })

  it("a value above both limits is one finding, on the stricter limit", () => {
    expect(one("普通白菜", "啶虫脒", "2").findings.filter((f) => f.outcome === "exceeds-limit").map(brief)).toEqual([["residue.exceeds-limit", COUNTY, 0.5]])
  })

  it("a rapid screen reads the limit that applies; a positive screen is confirmed by a lab, never an illegal-use finding", () => {
    const r = one("普通白菜", "啶虫脒", "0.8", { method: "rapid" })
    expect(r.findings.filter((f) => f.outcome !== "custom").map(brief)).toEqual([["residue.screen-positive", COUNTY, 0.5]])
    expect(one("普通白菜", "吡虫啉", "阳性", { method: "rapid" }).findings.some((f) => f.code === "residue.prohibited-use")).toBe(false)
  })
})

describe("evaluate: as of the sampling date", () => {
  it("packs out of their effective period do not apply (开州区 2022 pack, 2021 record)", () => {
    const base = { product: "豇豆", region: "500154", results: [{ substance: "克百威", value: "0.5", unit: "mg/kg" }] }
    const r2021 = judge({ ...base, sampledOn: "2021-10-15" })
    expect(r2021.packs?.map((p) => p.id)).toEqual(["cn-national"])
    expect(r2021.findings.every((f) => f.layer === "national")).toBe(true)
    const r2022 = judge({ ...base, sampledOn: "2022-06-15" })
    expect(r2022.packs?.map((p) => p.id)).toEqual(["cn-national", "cn-500154-2022"])
    expect(r2022.findings.some((f) => f.layer === "cn-500154-2022")).toBe(true)
    // its last day is in, the day after is out
    expect(judge({ ...base, sampledOn: "2022-12-31" }).packs?.map((p) => p.id)).toContain("cn-500154-2022")
    expect(judge({ ...base, sampledOn: "2023-01-01" }).packs?.map((p) => p.id)).toEqual(["cn-national"])
    expect(judge({ ...base, sampledOn: "2022-04-11" }).packs?.map((p) => p.id)).toEqual(["cn-national"])
  })

  it("the in-memory county pack applies only within its own period, the city pack within its own", () => {
    const r = one("普通白菜", "啶虫脒", "0.8", { sampledOn: "2028-06-15" })
    expect(r.packs?.map((p) => p.id)).toEqual(["cn-national", BAZHONG])
    expect(r.verdict).toBe("compliant")
  })

  it("the limit applied is the one in force on the sampling date", () => {
    const old = one("芹菜", "毒死蜱", "0.01", { sampledOn: "2024-06-15", region: undefined })
    const now = one("芹菜", "毒死蜱", "0.01", { sampledOn: "2026-06-15", region: undefined })
    expect(old.findings[0]?.source).toBe("GB 2763-2021")
    expect(now.findings[0]?.source).toBe("GB 2763-2026")
    expect(old.asOf).toBe("2024-06-15")
  })
})
