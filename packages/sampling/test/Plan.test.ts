import { describe, expect, test } from "vitest"
import { unsafeMake as d } from "@nongan/core/CalendarDate"
import { buildPlan, type Plan } from "@nongan/sampling/Plan"
import { checkOnlyRaises } from "@nongan/sampling/Targets"
import { BAZHONG_2025, context, KAIZHOU_2022 } from "./fixtures"

const ok = (r: ReturnType<typeof buildPlan>): Plan => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.value
}

describe("sampling plans from the packs", () => {
  test("开州区 2022: 1 005 monitoring tasks and 201 supervision tasks, as the pack publishes them", () => {
    const p = ok(buildPlan(context(), KAIZHOU_2022))
    expect(p.packs).toEqual(["cn-500154-2022@2022.1.0"])
    expect(p.quotas.monitoring.count).toBe(1005)
    expect(p.quotas.supervision?.count).toBe(201)
    expect(p.reproduces).toEqual([
      { figure: "monitoring", published: 1005, computed: 1005, matches: true },
      { figure: "supervision", published: 201, computed: 201, matches: true }
    ])
    expect(p.sources.find((s) => s.figure === "perThousand")).toMatchObject({ value: "1.5", layer: "cn-500154-2022" })
    // its 11 key varieties, with their test items on the plan's date
    expect(p.testItems.map((i) => i.food)).toContain("豇豆")
    expect(p.testItems.find((i) => i.food === "豇豆")!.items.map((i) => [i.substance, i.status])).toContainEqual(["克百威", "prohibited"])
  })
  test("golden: 开州区 2022 with a product allocation and link shares", () => {
    const p = ok(
      buildPlan(context(), {
        ...KAIZHOU_2022,
        minimumPerProduct: 30,
        products: [
          { key: "豇豆", weight: "40", basis: "production (t, illustrative)" },
          { key: "韭菜", weight: "25", basis: "production (t, illustrative)" },
          { key: "芹菜", weight: "20", basis: "production (t, illustrative)" },
          { key: "鸡蛋", weight: "1", basis: "production (t, illustrative)" }
        ],
        linkShares: [{ link: "产地", share: "0.5" }, { link: "三前", share: "0.3" }],
        bannedShare: "0.25",
        keyVarieties: []
      })
    )
    expect(p.allocations[0]!.cells.reduce((a, c) => a + c.count, 0)).toBe(1005)
    expect(p.allocations[0]!.cells.find((c) => c.key === "鸡蛋")!.count).toBe(30)
    expect(p).toMatchSnapshot()
  })
  test("巴中市 2025: 2 批次/千人 over 2 712 900 people, targets 98.5 % (pack) over 98 % (national)", () => {
    const p = ok(buildPlan(context(), BAZHONG_2025))
    expect(p.quotas.monitoring).toMatchObject({ count: 5426, exact: "5425.8" })
    expect(p.quotas.supervision).toBeUndefined() // the 巴中 draft sets no supervision share
    const targets = p.targets.map((t) => [t.id, t.value, t.layer])
    expect(targets).toContainEqual(["monitoring.provincialRoutine.passRate.target.2025", "0.985", "cn-511900-2024"])
    expect(targets).toContainEqual(["national.routineMonitoring.passRate.target.2025", "0.98", "cn-national"])
    expect(targets).toContainEqual(["followUp.tracebackInvestigationRate", "1.00", "cn-511900-2024"])
    expect(p.skipped).toContainEqual({ food: "水产动物", code: "not-an-animal-product" })
  })
  test("a plan may only raise the packs' figures", () => {
    const low = buildPlan(context(), { ...KAIZHOU_2022, perThousand: "1.2" })
    expect(!low.ok && low.errors.map((e) => [e.code, e.params.name])).toEqual([["pack-loosens", "sampling.quantitative.perThousand"]])
    const lowShare = buildPlan(context(), { ...KAIZHOU_2022, supervisionShare: "0.1" })
    expect(!lowShare.ok && lowShare.errors[0]!.code).toBe("pack-loosens")
    const higher = ok(buildPlan(context(), { ...KAIZHOU_2022, perThousand: "2" }))
    expect(higher.quotas.monitoring.count).toBe(1340)
    expect(higher.reproduces[0]!.matches).toBe(false)
  })
  test("a pack target below the national one is refused", () => {
    const t = (id: string, value: string, layer: string) => ({
      id, metric: "pass-rate" as const, programme: "routine-monitoring", value, direction: "at-least" as const,
      effective: { from: d("2025-01-01"), to: d("2025-12-31") }, layer, citation: { instrument: "x" }, verification: "secondary" as const
    })
    const r = checkOnlyRaises([t("national", "0.98", "cn-national"), t("local", "0.975", "cn-511900-2024")])
    expect(!r.ok && r.errors[0]!.code).toBe("pack-loosens")
    expect(checkOnlyRaises([t("national", "0.98", "cn-national"), t("local", "0.985", "cn-511900-2024")]).ok).toBe(true)
  })
  test("a missing population or an unknown product is an error, not a guess", () => {
    const { population: _p, ...noPopulation } = KAIZHOU_2022
    const r = buildPlan(context(), noPopulation)
    expect(!r.ok && r.errors[0]!.code).toBe("missing-field")
    const u = buildPlan(context(), { ...KAIZHOU_2022, products: [{ key: "小白采", weight: "1" }] })
    expect(!u.ok && u.errors[0]!.code).toBe("unknown-food")
  })
})

describe("packs may only raise sampling figures (checked when packs are composed)", () => {
  const child = (value: string) => ({
    kind: "rule-pack", id: "test-511902-2025", jurisdiction: "511902", name: "巴州区 (test)", version: "0.0.1",
    effective: { from: "2025-01-01", to: "2025-12-31" }, parent: "511900", source: { instrument: "test pack" },
    parameters: [{ id: "sampling.quantitative.perThousand.target.2025", value, unit: "批次/千人", direction: "at-least", citation: { instrument: "test pack" } }]
  })
  test("a county below its city's 2 批次/千人 is refused; above it, the county's rate makes the plan", async () => {
    const { createValidator } = await import("@nongan/sdk/Validator")
    const low = createValidator({ dataset: context().composition.dataset, packs: [child("1.5")] })
    expect(!low.ok && low.errors.map((e) => e.code)).toContain("pack-loosens")
    const high = createValidator({ dataset: context().composition.dataset, packs: [child("2.5")] })
    if (!high.ok) throw new Error(JSON.stringify(high.errors))
    const p = ok(buildPlan({ ...context(), composition: high.value.composition }, { ...BAZHONG_2025, id: "bazhou-2025", region: "511902", population: { value: "100000", source: "test", verification: "unverified" } }))
    expect(p.packs).toEqual(["cn-511900-2024@2024.1.0", "test-511902-2025@0.0.1"])
    expect(p.quotas.monitoring.count).toBe(250)
  })
})
