// The table renderer and `explain` show analytes that could not be read, duplicates and how names
// and values were read — on reports made by the real validator.
import { findingLine, reportLines } from "@nongan/cli/Render"
import type { Finding } from "@nongan/core/Finding"
import { describeReading, explain } from "@nongan/sdk/Explain"
import { createValidator, loadDataset } from "@nongan/sdk/Validator"
import { describe, expect, test } from "vitest"

const ds = loadDataset()
if (!ds.ok) throw new Error("rule data does not load")
const report = (rec: unknown, locale: "zh-CN" | "en" = "zh-CN") => {
  const v = createValidator({ dataset: ds.value, locale })
  if (!v.ok) throw new Error("validator")
  const r = v.value.validate(rec)
  if (!r.ok) throw new Error(JSON.stringify(r.failure))
  return r.report
}

const mixed = {
  id: "R1",
  kind: "inspection",
  sampledOn: "2026-06-15",
  product: "豇豆",
  results: [
    { substance: "呋喃丹", value: "0.062", unit: "mg/kg" },
    { substance: "某未登记农药", value: "0.1", unit: "mg/kg" },
    { substance: "克百威", value: "ND" }
  ]
}

describe("the table", () => {
  test("shows the ban, the unreadable analyte with its error and path, the duplicate and the reading", () => {
    const lines = reportLines(report(mixed), "zh-CN")
    expect(lines[0]).toContain("不合格")
    expect(lines).toContain("    · 呋喃丹 读作 克百威（同义名，依据 农业部公告第199号）")
    expect(lines.some((l) => l.includes("涉嫌犯罪，移送公安机关"))).toBe(true)
    const bad = lines.find((l) => l.includes("[unknown-substance]"))!
    expect(bad).toMatch(/^ {4}- 某未登记农药 该检测项目无法读取，未判定 \[unknown-substance\] 未知的物质名称：`某未登记农药`.*（位置：results\[1\]\.substance）$/)
    expect(lines.some((l) => l.includes("同一检测项目重复报告 (results[0]、results[2])"))).toBe(true)
  })

  test("in English, the analyte's error is in English", () => {
    const lines = reportLines(report(mixed, "en"), "en")
    expect(lines.some((l) => l.includes("[unknown-substance] unknown substance `某未登记农药`") && l.endsWith("(at results[1].substance)"))).toBe(true)
    expect(lines).toContain("    · 呋喃丹 read as 克百威 (synonym, per 农业部公告第199号)")
  })

  test("a finding line without a reading is as before", () => {
    const f: Finding = { code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation", substance: "克百威", measured: 0.062, limit: 0.02, unit: "mg/kg", source: "GB 2763-2021" }
    expect(findingLine(f, "zh-CN")).toBe("克百威 0.062 > 0.02 mg/kg 超过限量 [GB 2763-2021]")
  })
})

describe("explain", () => {
  test("says how each name and value was read, and why an analyte was not judged", () => {
    const lines = explain(
      report({ id: "R2", kind: "inspection", sampledOn: "2023-05-11", product: "韭菜", results: [{ substance: "腐霉利", value: "５782微克/千克" }, { substance: "腐霉利", value: "231g/kg" }] }),
      "zh-CN"
    )
    expect(lines).toContain("  读取：检测值 ５782微克/千克 读作 5.782 mg/kg")
    expect(lines.some((l) => l.startsWith("  原因：[suspect-unit] 单位不可信") && l.endsWith("（位置：results[1].value）"))).toBe(true)
  })

  test("describeReading names every step", () => {
    expect(
      describeReading({ written: "韭菜(散装称重)", read: "韭菜", steps: [{ kind: "qualifier", from: "韭菜(散装称重)", to: "韭菜", dropped: "散装称重" }] })
    ).toBe("韭菜(散装称重) 读作 韭菜（去掉限定词 散装称重）")
    expect(describeReading({ written: "番茄", read: "番茄", steps: [] }, "en")).toBe("番茄 read as 番茄")
  })
})
