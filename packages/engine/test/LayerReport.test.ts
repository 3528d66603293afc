// Issue 16: the regional part of the reports of application and treatment checks (`layerReport`)
// reads the region's effective rule set: of the local intervals in force that apply, the longest
// is judged once, naming its layer and row and what it overrides; custom rules read the same facts
// as for an inspection.
import { describe, expect, test } from "vitest"
import type { Finding } from "@nongan/core/Finding"
import { createValidator } from "@nongan/sdk/Validator"
import { cite, pack } from "./fixtures"

const PROVINCE = "t16-510000"
const COUNTY = "t16-511923"
const oxy = (value: string) => ({ product: "土霉素片", species: "猪", value, unit: "d", citation: cite })
// 土霉素片 on 猪: national 7 d (公告第278号); the province 10 d; the county (in force from 2026-06-05) 14 d
const packs = [
  pack(PROVINCE, "510000", null, { from: "2026-01-01" }, { intervals: [oxy("10")] }),
  pack(COUNTY, "511923", "511900", { from: "2026-06-05" }, { intervals: [oxy("14")] })
]
const v = createValidator({ packs })
if (!v.ok) throw new Error(JSON.stringify(v.errors))

const treat = (region: string | undefined, lastDoseOn: string, days: number) => {
  const d = new Date(`${lastDoseOn}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  const slaughteredOn = d.toISOString().slice(0, 10)
  const r = v.value.validate({ id: "V", kind: "veterinary-treatment", species: "猪", product: "土霉素片", lastDoseOn, slaughteredOn, ...(region ? { region } : {}) })
  if (!r.ok) throw new Error(JSON.stringify(r.failure))
  return r.report
}
const short = (fs: ReadonlyArray<Finding>) => fs.filter((f) => f.outcome === "interval-too-short")

describe("local intervals: the longest one in force, judged once", () => {
  test("day 8 in the county: one finding against the county's 14 d, overriding the national 7 d and the province's 10 d", () => {
    const r = treat("511923", "2026-06-10", 8)
    expect(r.verdict).toBe("non-compliant")
    const fs = short(r.findings)
    expect(fs.map((f) => [f.layer, f.measured, f.limit, f.unit])).toEqual([[COUNTY, 8, 14, "d"]])
    expect(fs[0]!.values).toEqual({
      localInterval: "14 d",
      nationalInterval: "7 d",
      row: `${COUNTY}#0`,
      overrides: [
        { layer: "national", interval: "7 d", source: expect.any(String) },
        { layer: PROVINCE, interval: "10 d", source: cite.instrument, row: `${PROVINCE}#0` }
      ]
    })
    expect(r.packs?.map((p) => p.id)).toEqual(["cn-national", PROVINCE, "cn-511900-2024", COUNTY])
  })

  test("day 12 in the county: the province's 10 d is met, the county's 14 d is not; day 14 passes", () => {
    expect(short(treat("511923", "2026-06-10", 12).findings).map((f) => [f.layer, f.limit])).toEqual([[COUNTY, 14]])
    expect(treat("511923", "2026-06-10", 14).verdict).toBe("compliant")
  })

  test("before the county pack is in force, and in a sibling county: the province's 10 d", () => {
    for (const [region, lastDoseOn] of [
      ["511923", "2026-06-01"],
      ["511902", "2026-06-10"]
    ] as const) {
      const fs = short(treat(region, lastDoseOn, 8).findings)
      expect(fs.map((f) => [f.layer, f.limit])).toEqual([[PROVINCE, 10]])
      expect((fs[0]!.values as { overrides: ReadonlyArray<{ layer: string }> }).overrides.map((o) => o.layer)).toEqual(["national"])
      expect(treat(region, lastDoseOn, 10).verdict).toBe("compliant")
    }
  })

  test("outside the province only the national 7 d applies", () => {
    expect(treat("500154", "2026-06-10", 8).verdict).toBe("compliant")
    expect(treat(undefined, "2026-06-10", 8).verdict).toBe("compliant")
    expect(treat("500154", "2026-06-10", 6).verdict).toBe("non-compliant")
  })
})

describe("custom rules on application records read the facts of the single judgement", () => {
  // 豇豆 is on the national key-variety list 2021-06-01..2024-12-31; the county pack (杭州市西湖区,
  // no bundled pack above it) marks nothing
  const rule = { name: "key", conditions: { all: [{ fact: "keyVariety", operator: "equal", value: true }] }, event: { type: "local.key-variety" }, citation: cite }
  const kv = createValidator({ packs: [pack("t16-330106", "330106", null, { from: "2024-01-01" }, { customRules: [rule] })] })
  if (!kv.ok) throw new Error(JSON.stringify(kv.errors))
  const fired = (record: Record<string, unknown>) => {
    const r = kv.value.validate({ region: "330106", ...record })
    if (!r.ok) throw new Error(JSON.stringify(r.failure))
    return r.report.findings.filter((f) => f.outcome === "custom").map((f) => [f.layer, f.rule])
  }
  const application = (on: string) => ({ id: "A", kind: "pesticide-application", crop: "豇豆", pesticide: "阿维菌素", appliedOn: on, harvestedOn: on.replace(/-\d\d$/, "-28") })
  const inspection = (on: string) => ({ id: "K", kind: "inspection", product: "豇豆", sampledOn: on, method: "lab", results: [{ substance: "阿维菌素", value: "0.01", unit: "mg/kg" }] })

  test("a national key variety is a key variety for an application record as for an inspection", () => {
    expect(fired(inspection("2024-06-01"))).toEqual([["t16-330106", "key"]])
    expect(fired(application("2024-06-01"))).toContainEqual(["t16-330106", "key"])
  })
  test("after the national list ends, neither", () => {
    expect(fired(inspection("2025-06-01"))).toEqual([])
    expect(fired(application("2025-06-01"))).toEqual([])
  })
})
