import { getOrThrow } from "@nongan/core/Result"
import type { Finding } from "@nongan/core/Finding"
import { createValidator, loadDataset, type Validation } from "@nongan/sdk/Validator"
import { describe, expect, it } from "vitest"

const ds = getOrThrow(loadDataset())
const plain = getOrThrow(createValidator({ dataset: ds }))
const PROGRAMME = "moa-vet-drug-supervision-2026"
const moa = getOrThrow(createValidator({ dataset: ds, thresholds: [PROGRAMME] }))
const egg = (value: string, sampledOn = "2026-06-15", substance = "恩诺沙星") => ({
  id: "T-1",
  kind: "inspection",
  sampledOn,
  product: "鸡蛋",
  results: [{ substance, value, unit: "ug/kg" }]
})
const findings = (r: Validation): ReadonlyArray<Finding> => (r.ok ? r.report.findings : [])
const strip = (fs: ReadonlyArray<Finding>) => fs.filter((f) => f.code !== "residue.exceeds-threshold")

describe("programme decision thresholds", () => {
  it("are not applied by default", () => {
    expect(findings(plain.validate(egg("12"))).map((f) => f.code)).not.toContain("residue.exceeds-threshold")
  })

  it("selected: 鸡蛋 恩诺沙星 12 µg/kg is above the 农业农村部 2026 plan's 10 µg/kg — a separate warning, never an MRL", () => {
    const with_ = moa.validate(egg("12"))
    const without = plain.validate(egg("12"))
    const t = findings(with_).find((f) => f.code === "residue.exceeds-threshold")
    expect(t).toMatchObject({
      outcome: "exceeds-threshold",
      severity: "warning",
      substance: "恩诺沙星",
      food: "鸡蛋",
      measured: 12,
      unit: "ug/kg",
      source: "农业农村部 2026年兽药质量监督抽检和风险监测计划",
      decisionRule: "above-programme-threshold",
      values: { notAnMrl: true, programme: PROGRAMME, threshold: 10, residue: "恩诺沙星与环丙沙星之和" }
    })
    expect(t!.limit).toBeUndefined()
    // the MRL findings are exactly those judged without the option
    expect(strip(findings(with_))).toEqual(findings(without))
    expect(with_.ok && without.ok && with_.report.verdict).toBe(without.ok && without.report.verdict)
  })

  it("at or below the threshold, outside its dates, or on another food: nothing added", () => {
    for (const r of [egg("10"), egg("8"), egg("12", "2026-03-17"), egg("12", "2027-01-01"), { ...egg("12"), product: "鸡肉" }])
      expect(findings(moa.validate(r))).toEqual(findings(plain.validate(r)))
  })

  it("the 氟苯尼考 threshold of the same programme fires too", () => {
    expect(findings(moa.validate(egg("20", "2026-06-15", "氟苯尼考"))).map((f) => f.code)).toContain("residue.exceeds-threshold")
  })

  it("an unknown programme id is an error, never silently ignored", () => {
    const r = createValidator({ dataset: ds, thresholds: ["no-such-programme"] })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "invalid-value", path: ["thresholds", 0] })
  })
})
