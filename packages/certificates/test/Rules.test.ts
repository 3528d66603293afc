import { describe, expect, test } from "vitest"
import type { CalendarDate } from "@nongan/core/CalendarDate"
import { matchesTemplate } from "@nongan/certificates/Commitment"
import { coverage, parsePeriod } from "@nongan/certificates/Coverage"
import { applyLayers, layersFor } from "@nongan/certificates/Layer"
import { readBasis, regimeOn } from "@nongan/certificates/Rules"
import { scopeOf } from "@nongan/certificates/Scope"
import { asOfIssue, intervalJudge, makeCertificateValidator } from "@nongan/certificates/Validate"
import { loadDataset } from "@nongan/sdk/Validator"
import { bundle, foods, rules } from "./arbitraries"

const at = (date: string, region?: string) => regimeOn(rules, date, region)?.id

describe("regimes by date", () => {
  test("each date and place has the regime of its day", () => {
    expect(at("2015-12-31", "330106")).toBeUndefined()
    expect(at("2017-06-15", "330106")).toBe("pilot-2016")
    expect(at("2017-06-15", "500154")).toBeUndefined()
    expect(at("2019-12-01", "500154")).toBe("trial-2019")
    expect(at("2022-12-31")).toBe("trial-2019")
    expect(at("2023-01-01")).toBe("law-2023")
    expect(at("2026-01-31")).toBe("law-2023")
    expect(at("2026-02-01")).toBe("banfa-2026")
  })
  test("retention by regime: 1 year, 2 years, 6 months", () => {
    const months = (id: string) => rules.regimes.find((r) => r.id === id)!.retention.find((r) => r.role === "issuer")!.months
    expect([months("trial-2019"), months("law-2023"), months("banfa-2026")]).toEqual([12, 24, 6])
  })
  test("every rule row is cited with a verification level, and nothing rests on official text that is a transcription", () => {
    for (const r of rules.regimes) {
      for (const row of [r, r.issuers, ...r.elements, ...r.templates, ...r.basisOptions, ...r.retention]) {
        expect(row.citation.instrument.length).toBeGreaterThan(0)
        expect(row.verification).toBeDefined()
        if (row.citation.repo === "LawRefBook/Laws") expect(row.verification).toBe("secondary")
      }
    }
  })
  test("legacy labels are read, not rewritten", () => {
    const r26 = rules.regimes.find((r) => r.id === "banfa-2026")!
    expect(readBasis(rules, r26, "自我承诺")).toMatchObject({ kind: "legacy", option: { label: "自我承诺", means: "control" } })
    expect(readBasis(rules, r26, "委托检测合格")).toMatchObject({ kind: "option" })
    expect(readBasis(rules, r26, "随便写的")).toEqual({ kind: "unknown" })
  })
})

describe("commitment templates", () => {
  const style1 = rules.regimes.find((r) => r.id === "banfa-2026")!.templates.find((t) => t.id === "style-1")!
  test("the fixed text matches with or without its lead-in, in any order and punctuation", () => {
    expect(matchesTemplate("我承诺生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标。", style1)).toBe(true)
    expect(matchesTemplate(["使用的常规农药、兽药残留不超标", "未使用禁用农药、兽药及其他化合物"], style1)).toBe(true)
    expect(matchesTemplate("未使用禁用农药、兽药及其他化合物", style1)).toBe(false)
    expect(matchesTemplate("未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标；保证好吃", style1)).toBe(false)
  })
})

describe("scope", () => {
  const s = (product: string, wild = false) => scopeOf(rules, "banfa-2026", foods, product, wild)
  test("the six categories; wild and processed products are out", () => {
    expect(s("豇豆")).toMatchObject({ kind: "in", category: { id: "vegetables" } })
    expect(s("香菇")).toMatchObject({ kind: "in", category: { id: "cultivated-fungi" } })
    expect(s("香菇", true)).toMatchObject({ kind: "wild" })
    expect(s("苹果")).toMatchObject({ kind: "in", category: { id: "fruit" } })
    expect(s("茶鲜叶")).toMatchObject({ kind: "in", category: { id: "fresh-tea-leaves" } })
    expect(s("茶叶")).toMatchObject({ kind: "out" })
    expect(s("猪")).toMatchObject({ kind: "in", category: { id: "livestock-poultry" } })
    expect(s("鸡蛋")).toMatchObject({ kind: "in", category: { id: "eggs" } })
    expect(s("草鱼")).toMatchObject({ kind: "in", category: { id: "farmed-aquatic" } })
    expect(s("草鱼", true)).toMatchObject({ kind: "wild" })
    expect(s("稻谷")).toMatchObject({ kind: "out" })
    expect(s("小白采")).toMatchObject({ kind: "unknown" })
  })
  test("茶鲜叶 and fungi were not in the trial scope", () => {
    expect(scopeOf(rules, "trial-2019", foods, "茶鲜叶", false).kind).toBe("unknown")
    expect(scopeOf(rules, "trial-2019", foods, "香菇", false).kind).toBe("out")
  })
})

describe("regional layers", () => {
  const r26 = rules.regimes.find((r) => r.id === "banfa-2026")!
  test("浙江's layer applies below 330000 and obliges 规模生产者", () => {
    const ls = layersFor(bundle.layers, "330106", "2026-06-15")
    expect(ls.map((l) => l.id)).toEqual(["zj-330000-certificate"])
    const r = applyLayers(r26, ls)
    expect(r.ok && r.value.issuers.scaleObliged?.layer).toBe("zj-330000-certificate")
    expect(layersFor(bundle.layers, "500154", "2026-06-15")).toEqual([])
  })
  test("a layer that lowers a severity or shortens retention is refused, naming both layers", () => {
    const loose = {
      ...bundle.layers[0]!,
      id: "loose-330100",
      jurisdiction: "330100",
      textSeverity: "info" as const,
      retention: [{ role: "issuer" as const, months: 1, citation: { instrument: "x" }, verification: "unverified" as const }]
    }
    const r = applyLayers(r26, [bundle.layers[0]!, loose])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors.map((e) => [e.code, e.params.layer, e.params.parent, e.params.name])).toEqual([
        ["pack-loosens", "loose-330100", "zj-330000-certificate", "retention.issuer"],
        ["pack-loosens", "loose-330100", "zj-330000-certificate", "textSeverity"]
      ])
    }
  })
})

describe("coverage", () => {
  const definition = (id: string) => bundle.definitions.find((d) => d.id === id)!
  const subjects = [
    { id: "S1", type: "cooperative" as const, region: "500154", products: ["豇豆"], obliged: true },
    { id: "S2", type: "enterprise" as const, region: "500154", products: ["柑橘"], obliged: true },
    { id: "S3", type: "farmer" as const, region: "500154", obliged: false }
  ]
  const certificates = [{ id: "C1", subjectId: "S1", issuedOn: "2022-06-15" }, { id: "C3", subjectId: "S3", issuedOn: "2022-06-15" }]
  test("主体覆盖率 with numerator, denominator, missing subjects and the gap to a 100 % target", () => {
    const r = coverage({ definition: definition("subject-coverage"), period: parsePeriod("2022")!, subjects, certificates, batches: [], target: { value: "1.00", citation: { instrument: "开州区 2022 工作要点", clause: "（十三）" } } })
    expect(r.total).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, missing: ["S2"] })
    expect(r.target).toMatchObject({ met: false, gap: "0.5", short: 1 })
  })
  test("带证上市率 counts certificates known in the records, and a layer's accepted proofs", () => {
    const batches = [
      { id: "M1", kind: "market-batch" as const, product: "豇豆", marketedOn: "2022-06-15" as CalendarDate, region: "330106", certificate: "C1" },
      { id: "M2", kind: "market-batch" as const, product: "豇豆", marketedOn: "2022-06-16" as CalendarDate, region: "330106", certificate: "NOT-HELD" },
      { id: "M3", kind: "market-batch" as const, product: "鸡蛋", marketedOn: "2022-06-16" as CalendarDate, region: "330106", proofs: ["绿色食品"] }
    ]
    const national = coverage({ definition: definition("market-batch-coverage"), period: parsePeriod("2022-06")!, subjects, certificates, batches })
    expect(national.total).toMatchObject({ numerator: 1, denominator: 3, missing: ["M2", "M3"] })
    const zj = coverage({ definition: definition("zj-market-batch-with-equivalents"), period: parsePeriod("2022-06")!, subjects, certificates, batches })
    expect(zj.total).toMatchObject({ numerator: 2, denominator: 3, missing: ["M2"] })
  })
  test("periods", () => {
    expect(parsePeriod("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" })
    expect(parsePeriod("2026-01..2026-06")).toEqual({ from: "2026-01-01", to: "2026-06-30" })
    expect(parsePeriod("2026-07..2026-06")).toBeUndefined()
  })
})

test("use records are judged to the issue date when it is earlier than their end event", () => {
  expect(asOfIssue({ harvestedOn: "2026-06-20" }, "2026-06-15" as CalendarDate)).toEqual({ harvestedOn: "2026-06-15" })
  expect(asOfIssue({ slaughteredOn: "2026-06-10" }, "2026-06-15" as CalendarDate)).toEqual({ slaughteredOn: "2026-06-10" })
})

test("without the SDK, the intervals judge checks use records on the certificate's date", () => {
  const ds = loadDataset()
  if (!ds.ok) throw new Error("dataset")
  const v = makeCertificateValidator({ rules, foods: ds.value.foods, judge: intervalJudge(ds.value), judgedOn: "2026-12-01" as CalendarDate })
  const r = v.validate({
    id: "C", kind: "certificate", issuer: { name: "某合作社", type: "cooperative", contact: "1" }, product: "豇豆", quantity: "1 t", origin: "开州",
    issuedOn: "2026-06-15", batch: { id: "B" }, commitment: "未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标", basis: ["质量安全控制符合要求"],
    evidence: { records: [{ id: "A", kind: "pesticide-application", crop: "豇豆", pesticide: "阿维菌素", product: "1.8%阿维菌素乳油", appliedOn: "2026-06-13", harvestedOn: "2026-06-25" }] }
  })
  expect(r.ok && r.value.findings.map((f) => f.code)).toEqual(["certificate.interval-not-over"])
})
