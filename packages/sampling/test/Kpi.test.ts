import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { unsafeMake as d } from "@nongan/core/CalendarDate"
import { passRateChart } from "@nongan/sampling/Chart"
import { allocate } from "@nongan/sampling/Allocate"
import { joinRecords, kpi, type ReportLine, weightsFrom } from "@nongan/sampling/Kpi"
import { targetsFor } from "@nongan/sampling/Targets"
import { prop } from "../../../test/support/property"
import { data, validator } from "./fixtures"

// frozen copies (2026-12-01) of examples/hand-checked.jsonl and of what `nongan check --format jsonl`
// printed for it, so that the golden KPI report changes only when the KPI code does
const readLines = (name: string) =>
  readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>)
const records = readLines("hand-checked.records.jsonl")
const reports = (): Array<ReportLine> => readLines("hand-checked.report.jsonl") as Array<ReportLine>

const line = fc.record({
  id: fc.string(),
  verdict: fc.constantFrom("compliant", "non-compliant", "indeterminate"),
  product: fc.constantFrom("豇豆", "韭菜", "芹菜"),
  asOf: fc.constantFrom("2025-03-01", "2025-09-01"),
  findings: fc.constant([{ code: "residue.within-limit" }])
})

describe("KPIs from judged reports", () => {
  test("golden: the hand-checked records, against 巴中市's targets in 2025", async () => {
    const ds = validator().dataset
    const isBanned = (s: string, path: ReadonlyArray<string> | undefined, on: string | undefined) =>
      on !== undefined && ds.statuses.statusOn(s, on, path ? { kind: "plant", path } : { kind: "anywhere" }).prohibited
    const targets = targetsFor(validator().composition, data().targets, "511900", d("2025-06-30"))
    const join = joinRecords(records)
    const r = kpi(reports().map(join), { isBanned, quota: 40 }, targets)
    expect(r.lines).toBe(records.length)
    expect(r.overall.sampled + r.overall.indeterminate + r.overall.rapid + r.malformed).toBe(records.length)
    expect(r.targets.map((t) => [t.target.id, t.met])).toContainEqual(["monitoring.provincialRoutine.passRate.target.2025", false])
    expect(r).toMatchSnapshot()
    const svg = passRateChart(r.by.product, { target: 0.985, label: "巴中市 2025 98.5 %" })
    await expect(svg).toMatchFileSnapshot("__snapshots__/pass-rate.svg")
  })
  test("rapid tests and indeterminate batches are counted apart; any failing analyte fails the batch", () => {
    const r = kpi([
      { id: "a", verdict: "compliant", findings: [{ code: "residue.within-limit" }] },
      { id: "b", verdict: "non-compliant", findings: [{ code: "residue.within-limit" }, { code: "residue.exceeds-limit" }] },
      { id: "c", verdict: "indeterminate", findings: [{ code: "residue.no-limit" }] },
      { id: "d", verdict: "indeterminate", findings: [{ code: "residue.screen-positive" }] },
      { id: "e", error: { code: "invalid-json" } }
    ])
    expect(r.overall).toMatchObject({ sampled: 2, passed: 1, failed: 1, indeterminate: 1, rapid: 1, rapidPositive: 1, percent: "50 %" })
    expect(r.malformed).toBe(1)
    const c = kpi([{ id: "a", verdict: "compliant", product: "豇豆", findings: [] }], { quota: 4, quotaByProduct: { 豇豆: 2, 韭菜: 2 } })
    expect(c.completion).toEqual({ quota: 4, sampled: 1, percent: "25 %" })
    expect(c.completionByProduct).toEqual([{ key: "豇豆", quota: 2, sampled: 1, percent: "50 %" }, { key: "韭菜", quota: 2, sampled: 0, percent: "0 %" }])
  })
  test("past failures as allocation weights: more samples where pass rates were low", () => {
    const r = kpi([
      ...Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, verdict: i < 3 ? "non-compliant" : "compliant", product: "豇豆", findings: [] })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, verdict: i < 1 ? "non-compliant" : "compliant", product: "韭菜", findings: [] }))
    ])
    const cells = allocate(100, weightsFrom(r.by.product, "failed", 10))
    expect(cells.map((c) => [c.key, c.count])).toEqual([["豇豆", 75], ["韭菜", 25]])
    expect(weightsFrom(r.by.product, "failed")[0]!.basis).toBe("past failures: 3 failed of 10 (70 % passed)")
  })
  prop([fc.array(line, { maxLength: 60 })])("合格率 is in [0, 1]", (lines) => {
    const r = kpi(lines)
    if (r.overall.rate !== null) expect(r.overall.rate >= 0 && r.overall.rate <= 1).toBe(true)
    for (const g of r.by.product) if (g.rate !== null) expect(g.rate >= 0 && g.rate <= 1).toBe(true)
  })
  prop([fc.array(line, { maxLength: 60 }), fc.constantFrom("豇豆", "韭菜")])("adding a failing batch never raises the pass rate", (lines, product) => {
    const before = kpi(lines)
    const after = kpi([...lines, { id: "x", verdict: "non-compliant", product, asOf: "2025-03-01", findings: [{ code: "residue.exceeds-limit" }] }])
    expect(after.overall.rate!).toBeLessThanOrEqual(before.overall.rate ?? 1)
    const g = (r: typeof before) => r.by.product.find((x) => x.key === product)?.rate ?? 1
    expect(g(after)).toBeLessThanOrEqual(g(before))
  })
})
