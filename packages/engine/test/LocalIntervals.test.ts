// Regional withdrawal periods and pre-harvest intervals: a pack may only lengthen them, and a
// longer local interval turns a nationally respected interval into a regional violation.
import { describe, expect, test } from "vitest"
import { createValidator } from "@nongan/sdk/Validator"
import { cite, composeWith, errorsOf, pack } from "./fixtures"

const withInterval = (row: Record<string, unknown>) =>
  pack("cn-511923-test", "511923", "511900", { from: "2025-01-01" }, { intervals: [{ citation: cite, ...row }] })

describe("local intervals only lengthen national ones", () => {
  test("a shorter withdrawal period for 土霉素片 on 猪 (national 7 d, 公告第278号) is pack-loosens naming both layers", () => {
    const errors = errorsOf(composeWith([withInterval({ product: "土霉素片", species: "猪", value: "6", unit: "d" })]))
    expect(errors.map((e) => e.code)).toEqual(["pack-loosens"])
    expect(errors[0]!.params).toMatchObject({ parent: "cn-national" })
    expect(String(errors[0]!.params.layer)).toContain("511923")
    expect(errors[0]!.path.slice(-2)).toEqual(["intervals", 0])
  })
  test("the same in hours (144 h < 7 d) is caught too; 168 h is accepted", () => {
    expect(errorsOf(composeWith([withInterval({ product: "土霉素片", species: "猪", value: "144", unit: "h" })])).map((e) => e.code)).toEqual(["pack-loosens"])
    expect(composeWith([withInterval({ product: "土霉素片", species: "猪", value: "168", unit: "h" })]).ok).toBe(true)
  })
  test("a longer period, or one where national law has none, is accepted", () => {
    expect(composeWith([withInterval({ product: "土霉素片", species: "猪", value: "10", unit: "d" })]).ok).toBe(true)
    expect(composeWith([withInterval({ drug: "土霉素", species: "兔", value: "3", unit: "d" })]).ok).toBe(true)
  })
  test("unknown names are errors with their path", () => {
    const errors = errorsOf(composeWith([withInterval({ drug: "不存在的药", species: "猪", value: "10", unit: "d" })]))
    expect(errors.map((e) => [e.code, e.path.slice(-1)[0]])).toEqual([["pack-unknown-reference", "drug"]])
  })
})

describe("a longer local interval is applied to records from the region", () => {
  const v = createValidator({ packs: [withInterval({ product: "土霉素片", species: "猪", value: "10", unit: "d" })] })
  if (!v.ok) throw new Error(JSON.stringify(v.errors))
  const treat = (slaughteredOn: string, region?: string) => {
    const r = v.value.validate({ id: "V", kind: "veterinary-treatment", species: "猪", product: "土霉素片", lastDoseOn: "2026-06-01", slaughteredOn, ...(region ? { region } : {}) })
    if (!r.ok) throw new Error(JSON.stringify(r.failure))
    return r.report
  }
  test("day 8: respects the national 7 d, not the county's 10 d", () => {
    const r = treat("2026-06-09", "511923")
    expect(r.verdict).toBe("non-compliant")
    expect(r.findings.map((f) => [f.layer, f.code, f.measured, f.limit])).toEqual([
      ["national", "interval.respected", 8, 7],
      [expect.stringContaining("511923"), "interval.too-short", 8, 10]
    ])
  })
  test("day 10 passes; outside the region only national law applies", () => {
    expect(treat("2026-06-11", "511923").verdict).toBe("compliant")
    expect(treat("2026-06-09").verdict).toBe("compliant")
    expect(treat("2026-06-09", "500154").verdict).toBe("compliant")
  })
})
