// Compose once, judge once (issue 16): a regional limit is the limit a record is judged against,
// through the SDK's front door, and `explain` shows the row applied and the row it overrode.
import type { Finding } from "@nongan/core/Finding"
import { explain } from "@nongan/sdk/Explain"
import { createValidator, type Validator } from "@nongan/sdk/Validator"
import { beforeAll, describe, expect, it } from "vitest"
import { getOrThrow } from "@nongan/core/Result"
import { rulesFor, stricter } from "@nongan/engine/Effective"
import { composeWith, limit, pack } from "./fixtures"

const COUNTY = "cn-330106-t16"
/** A county pack: 腐霉利 on 韭菜 at 1 mg/kg (national 5), and its own rule on ratioToLimit > 0.5. */
const county = pack(COUNTY, "330106", null, { from: "2024-01-01" }, {
  limits: [limit("腐霉利", "韭菜", "1", "mg/kg", { citation: { instrument: "测试文件", clause: "一" } })],
  customRules: [
    {
      name: "half-limit",
      conditions: { all: [{ fact: "ratioToLimit", operator: "greaterThan", value: 0.5 }] },
      event: { type: "local.half-limit", params: { severity: "warning" } },
      citation: { instrument: "测试文件", clause: "二" }
    }
  ]
})

let v: Validator
beforeAll(() => {
  const r = createValidator({ packs: [county] })
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  v = r.value
})

const sample = (region: string | undefined, value: string) => {
  const r = v.validate({ id: "K-1", kind: "inspection", sampledOn: "2026-06-15", product: "韭菜", ...(region ? { region } : {}), method: "lab", results: [{ substance: "腐霉利", value, unit: "mg/kg" }] })
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.report
}
const residue = (fs: ReadonlyArray<Finding>) => fs.filter((f) => f.outcome !== "custom")

describe("a county limit is the limit a county sample is judged against", () => {
  it("0.7 mg/kg 腐霉利 on 韭菜 from the county: within the county's 1 mg/kg, ratio 0.7, the county's rule fires", () => {
    const r = sample("330106", "0.7")
    const [f, ...rest] = residue(r.findings)
    expect(rest).toEqual([])
    expect([f!.outcome, f!.limit, f!.layer, f!.source, f!.citation]).toEqual(["within-limit", 1, COUNTY, "测试文件", { instrument: "测试文件", clause: "一" }])
    expect(f!.values?.["ratioToLimit"]).toBe(0.7)
    expect(f!.values?.["overrides"]).toEqual([expect.objectContaining({ layer: "national", limit: 5, unit: "mg/kg" })])
    expect(r.findings.filter((x) => x.outcome === "custom").map((x) => [x.rule, x.layer, x.values?.["ratioToLimit"]])).toEqual([["half-limit", COUNTY, 0.7]])
    expect(r.packs?.map((p) => p.id)).toEqual(["cn-national", COUNTY])
  })

  it("explain shows the county row applied and the national row it overrode", () => {
    const lines = explain(sample("330106", "0.7"), "en").join("\n")
    expect(lines).toContain("limit 1 mg/kg")
    expect(lines).toContain(`layer: ${COUNTY}`)
    expect(lines).toMatch(/overrides the limit above: national 5 mg\/kg \(GB 2763/)
  })

  it("1.2 mg/kg exceeds the county limit once (one finding, the county's), within the national 5", () => {
    const [f, ...rest] = residue(sample("330106", "1.2").findings)
    expect(rest).toEqual([])
    expect([f!.outcome, f!.limit, f!.layer, f!.referral]).toEqual(["exceeds-limit", 1, COUNTY, "administrative"])
  })

  it("the same sample from elsewhere is judged by the national table alone; the county rule does not run", () => {
    const r = sample("330105", "0.7")
    expect(r.findings.map((x) => [x.outcome, x.limit, x.layer, x.values?.["ratioToLimit"]])).toEqual([["within-limit", 5, "national", 0.14]])
  })

  it("6 mg/kg exceeds both: one finding, on the stricter county limit", () => {
    const fs = residue(sample("330106", "6").findings)
    expect(fs.map((x) => [x.outcome, x.limit, x.layer])).toEqual([["exceeds-limit", 1, COUNTY]])
  })
})

describe("the effective rule set", () => {
  it("is built at composition for every pack's path and shared by the regions below", () => {
    const c = getOrThrow(composeWith([county]))
    const a = rulesFor(c, "330106")
    expect(a?.layers.map((l) => l.pack.id)).toEqual([COUNTY])
    expect(rulesFor(c, "330105")).toBeUndefined()
    expect(rulesFor(c, undefined)).toBeUndefined()
  })

  it("stricter: the county row beats the national one, ties are not stricter; before the pack, the national row", () => {
    const c = getOrThrow(composeWith([county]))
    // real resolutions from the tables: the county row (1 mg/kg) is stricter than the national (5)
    const rules = rulesFor(c, "330106")!
    const food = getOrThrow(c.dataset.foods.resolve("韭菜"))
    const nat = c.dataset.limits.lookup("腐霉利", food, "2026-06-15")!
    const eff = rules.limits.lookup("腐霉利", food, "2026-06-15")!
    expect(stricter(eff, nat)).toBe(true)
    expect(stricter(nat, eff)).toBe(false)
    expect(stricter(nat, nat)).toBe(false)
    expect(eff.overrides?.map((o) => o.resolution)).toEqual([nat])
    // before the pack is in force, the national row applies
    expect(rules.limits.lookup("腐霉利", food, "2023-06-15")).toBe(c.dataset.limits.lookup("腐霉利", food, "2023-06-15"))
  })
})
