import { ErrorCode, formatPath, type NonganError } from "@nongan/core/NonganError"
import { formatError } from "@nongan/core/Messages"
import { getOrThrow } from "@nongan/core/Result"
import { layersFor } from "@nongan/engine/Compose"
import { evaluateInspection } from "@nongan/engine/Evaluate"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import { describe, expect, it } from "vitest"
import { bundledPack, composeWith, customRule, dataset, errorsOf, limit, pack } from "./fixtures"

const y2026 = { from: "2026-03-01" }
const at = (e: NonganError) => formatPath(e.path)
const brief = (e: NonganError) => [e.code, at(e)]
const inspection = (u: Record<string, unknown>) => getOrThrow(decodeInspection({ id: "T-1", kind: "inspection", ...u }))

/** The national limit, as a precondition of the tests that compare against it. */
const nationalLimit = (substance: string, food: string, date: string) => {
  const f = getOrThrow(dataset().foods.resolve(food))
  const r = dataset().limits.lookup(substance, f, date)
  return r?.mustNotDetect ? "不得检出" : r?.limit.row.limit?.toString()
}

describe("compose: only tightens — limits against the national tables", () => {
  it("the preconditions: national 啶虫脒 in 普通白菜 is 1 mg/kg from 2026-03-01", () => {
    expect(nationalLimit("啶虫脒", "普通白菜", "2026-06-15")).toBe("1")
  })

  it("a higher limit than the national one is `pack-loosens` naming both layers and the row", () => {
    const p = pack("cn-511923-t", "511923", "511900", y2026, { limits: [limit("啶虫脒", "菠菜", "0.1"), limit("啶虫脒", "普通白菜", "1.5")] })
    const errors = errorsOf(composeWith([p]))
    expect(errors).toHaveLength(1)
    const e = errors[0]!
    expect(e.code).toBe("pack-loosens")
    expect(e.path).toEqual(["packs[0]", "limits", 1])
    expect(e.params).toMatchObject({ layer: "cn-511923-t", parent: "cn-national" })
    expect(e.params["name"]).toContain("啶虫脒 / 普通白菜")
    expect(e.params["detail"]).toContain("1.5 mg/kg > 1 mg/kg")
    expect(formatError(e, "en")).toContain("cn-national")
  })

  it("two rows of one pack for the same subject and days are `pack-overlap`, whatever their values", () => {
    const rows = [limit("啶虫脒", "普通白菜", "0.5"), limit("啶虫脒", "普通白菜", "0.4", "mg/kg", { effective: { from: "2027-01-01" } })]
    expect(errorsOf(composeWith([pack("t", "511923", "511900", y2026, { limits: rows })])).map(brief)).toEqual([["pack-overlap", "packs[0].limits[1]"]])
  })

  it("a lower or equal limit is accepted, and units are converted exactly", () => {
    for (const [value, unit] of [["0.5", "mg/kg"], ["1", "mg/kg"], ["1000", "ug/kg"], ["999.999", "ug/kg"]] as const)
      expect(composeWith([pack("t", "330100", "330000", y2026, { limits: [limit("啶虫脒", "普通白菜", value, unit)] })]).ok, `${value} ${unit}`).toBe(true)
    const e = errorsOf(composeWith([pack("t", "330100", "330000", y2026, { limits: [limit("啶虫脒", "普通白菜", "1000.001", "ug/kg")] })]))
    expect(e.map(brief)).toEqual([["pack-loosens", "packs[0].limits[0]"]])
  })

  it("is checked on every day both are in force: a pack spanning two editions meets the stricter one", () => {
    // 毒死蜱 in 芹菜: 0.05 in GB 2763-2021 and in GB 2763-2026; a pack from 2024 to 2027 at 0.05 is fine
    expect(nationalLimit("毒死蜱", "芹菜", "2024-06-15")).toBe("0.05")
    expect(composeWith([pack("t", "330100", "330000", { from: "2024-01-01", to: "2027-12-31" }, { limits: [limit("毒死蜱", "芹菜", "0.05")] })]).ok).toBe(true)
    // 噻虫嗪 in 芹菜 has a 2026 limit of 1: a row at 2 from 2024 is looser from 2026-03-01 on
    const p = pack("t", "330100", "330000", { from: "2024-01-01" }, { limits: [limit("噻虫嗪", "芹菜", "2")] })
    const [e] = errorsOf(composeWith([p]))
    expect(e?.code).toBe("pack-loosens")
    expect(e?.params["name"]).toContain("@ 2026-03-01")
  })

  it("`不得检出` above and a number below is a loosening (地西泮 must not be detected in any food animal)", () => {
    expect(nationalLimit("地西泮", "鲫鱼", "2024-06-15")).toBe("不得检出")
    const row = { substance: "地西泮", species: "鱼", tissue: "皮+肉", limit: "0.0001", unit: "mg/kg", citation: { instrument: "x" }, verification: "secondary" }
    const [e] = errorsOf(composeWith([pack("t", "511923", "511900", { from: "2024-06-01" }, { limits: [row] })]))
    expect(e).toMatchObject({ code: "pack-loosens", path: ["packs[0]", "limits", 0], params: { layer: "t", parent: "cn-national" } })
    expect(e?.params["detail"]).toContain("不得检出")
    // 不得检出 below 不得检出 is fine
    const same = { ...row, limit: undefined, mustNotDetect: true }
    expect(composeWith([pack("t", "511923", "511900", { from: "2024-06-01" }, { limits: [same] })]).ok).toBe(true)
  })
})

describe("compose: only tightens — against the packs above", () => {
  const city = (limits: ReadonlyArray<unknown>, effective: { from: string; to?: string } = y2026) => pack("cn-511900-t", "511900", "510000", effective, { limits })
  const county = (limits: ReadonlyArray<unknown>, effective: { from: string; to?: string } = y2026) => pack("cn-511923-t", "511923", "511900", effective, { limits })

  it("a county pack looser than its city pack is an error naming the city pack", () => {
    const errors = errorsOf(composeWith([city([limit("啶虫脒", "普通白菜", "0.5")]), county([limit("啶虫脒", "普通白菜", "0.8")])]))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: "pack-loosens", path: ["packs[1]", "limits", 0], params: { layer: "cn-511923-t", parent: "cn-511900-t" } })
    expect(errors[0]?.params["detail"]).toContain("0.8 mg/kg > 0.5 mg/kg")
  })

  it("whatever order the packs are given in", () => {
    const errors = errorsOf(composeWith([county([limit("啶虫脒", "普通白菜", "0.8")]), city([limit("啶虫脒", "普通白菜", "0.5")])]))
    expect(errors.map((e) => [e.code, e.path[0], e.params["parent"]])).toEqual([["pack-loosens", "packs[0]", "cn-511900-t"]])
  })

  it("a county pack stricter than its city pack is accepted", () => {
    expect(composeWith([city([limit("啶虫脒", "普通白菜", "0.5")]), county([limit("啶虫脒", "普通白菜", "0.3")])]).ok).toBe(true)
  })

  it("a city pack that starts after the county pack still binds it from its first day", () => {
    // nothing changes nationally on 2026-07-01: the check must look at the days the city pack's period begins
    const errors = errorsOf(
      composeWith([city([limit("啶虫脒", "普通白菜", "0.5")], { from: "2026-07-01" }), county([limit("啶虫脒", "普通白菜", "0.8")], { from: "2026-03-01", to: "2026-12-31" })])
    )
    expect(errors.map((e) => [e.code, e.params["parent"], e.params["name"]])).toEqual([["pack-loosens", "cn-511900-t", "啶虫脒 / 普通白菜 @ 2026-07-01"]])
    // and a city pack that ended before the county pack began does not bind it
    expect(
      composeWith([city([limit("啶虫脒", "普通白菜", "0.5")], { from: "2026-03-01", to: "2026-06-30" }), county([limit("啶虫脒", "普通白菜", "0.8")], { from: "2026-07-01" })]).ok
    ).toBe(true)
  })

  it("`不得检出` in the city pack and a number in the county pack is a loosening naming the city pack", () => {
    const errors = errorsOf(
      composeWith([city([{ ...limit("啶虫脒", "叶菜类蔬菜", "1"), limit: undefined, mustNotDetect: true }]), county([limit("啶虫脒", "普通白菜", "0.001")])])
    )
    expect(errors.map((e) => [e.code, e.params["layer"], e.params["parent"]])).toEqual([["pack-loosens", "cn-511923-t", "cn-511900-t"]])
  })

  it("a category limit whose member has a stricter national limit is accepted; the member keeps its national limit", () => {
    // GB 2763-2026: 噻虫嗪 叶菜类蔬菜 3 mg/kg (芹菜 and four others excluded), 芹菜 1 mg/kg
    expect(nationalLimit("噻虫嗪", "普通白菜", "2026-06-15")).toBe("3")
    expect(nationalLimit("噻虫嗪", "芹菜", "2026-06-15")).toBe("1")
    // a pack lowers the category to 2: tighter for 普通白菜 and the others; it does not (and cannot)
    // raise 芹菜 to 2: the effective limit is the strictest in force, the national 1
    const c = getOrThrow(composeWith([county([limit("噻虫嗪", "叶菜类蔬菜", "2")])]))
    const judge = (product: string, value: string) =>
      getOrThrow(evaluateInspection(c, inspection({ sampledOn: "2026-06-15", region: "511923", product, results: [{ substance: "噻虫嗪", value, unit: "mg/kg" }] })))
    const celery = judge("芹菜", "1.5")
    expect(celery.verdict).toBe("non-compliant")
    expect(celery.findings.map((f) => [f.code, f.layer, f.limit])).toEqual([["residue.exceeds-limit", "national", 1]])
    const cabbage = judge("普通白菜", "2.5")
    expect(cabbage.findings.map((f) => [f.code, f.layer, f.limit])).toEqual([["residue.exceeds-limit", "cn-511923-t", 2]])
    // raising the category itself is a loosening
    const [e] = errorsOf(composeWith([county([limit("噻虫嗪", "叶菜类蔬菜", "4")])]))
    expect(e?.params["name"]).toContain("噻虫嗪 / 叶菜类蔬菜")
  })

  it("a limit of zero or less is rejected (不得检出 is written `mustNotDetect`)", () => {
    for (const v of ["0", "-0.1"]) {
      const errors = errorsOf(composeWith([county([limit("啶虫脒", "普通白菜", v)])]))
      expect(errors.map(brief)).toEqual([["invalid-value", "packs[0].limits[0].limit"]])
    }
  })
})

describe("compose: only tightens — parameters", () => {
  const param = (id: string, value: string | number, direction?: "at-least" | "at-most", more: Record<string, unknown> = {}) => ({
    id,
    value,
    ...(direction ? { direction } : {}),
    citation: { instrument: "x" },
    ...more
  })
  const city = (parameters: ReadonlyArray<unknown>, effective = { from: "2024-01-01", to: "2030-12-31" }) => pack("city", "511900", "510000", effective, { parameters })
  const county = (parameters: ReadonlyArray<unknown>, effective: { from: string; to?: string } = { from: "2025-01-01" }) =>
    pack("county", "511923", "511900", effective, { parameters })

  it("an `at-least` target lower than the parent's is `pack-loosens`", () => {
    const errors = errorsOf(composeWith([city([param("pass-rate", "0.985", "at-least")]), county([param("pass-rate", "0.98", "at-least")])]))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: "pack-loosens", path: ["packs[1]", "parameters", 0], params: { layer: "county", parent: "city", name: "pass-rate", detail: "0.98 / 0.985" } })
  })

  it("an equal or higher `at-least` target, and a lower `at-most` one, are accepted", () => {
    expect(composeWith([city([param("a", "0.985", "at-least")]), county([param("a", "0.985", "at-least")])]).ok).toBe(true)
    expect(composeWith([city([param("a", "0.985", "at-least")]), county([param("a", "0.99", "at-least")])]).ok).toBe(true)
    expect(composeWith([city([param("m", "5", "at-most")]), county([param("m", "4", "at-most")])]).ok).toBe(true)
    expect(errorsOf(composeWith([city([param("m", "5", "at-most")]), county([param("m", "6", "at-most")])])).map((e) => e.code)).toEqual(["pack-loosens"])
  })

  it("the direction is the parent's: a child cannot drop or flip it", () => {
    expect(errorsOf(composeWith([city([param("a", "2", "at-least")]), county([param("a", "1")])])).map((e) => e.code)).toEqual(["pack-loosens"])
    expect(errorsOf(composeWith([city([param("a", "2", "at-least")]), county([param("a", "1", "at-most")])])).map((e) => e.code)).toEqual(["pack-loosens"])
  })

  it("numbers are compared whether written as strings or as JSON numbers", () => {
    expect(errorsOf(composeWith([city([param("n", 5, "at-least")]), county([param("n", "4.5", "at-least")])])).map((e) => e.code)).toEqual(["pack-loosens"])
    expect(errorsOf(composeWith([city([param("n", "5", "at-least")]), county([param("n", 4, "at-least")])])).map((e) => e.code)).toEqual(["pack-loosens"])
  })

  it("parameters of packs that are never in force together are not compared", () => {
    expect(composeWith([city([param("a", "2", "at-least")]), county([param("a", "1", "at-least")], { from: "2020-01-01", to: "2020-12-31" })]).ok).toBe(true)
    const dated = param("a", "1", "at-least", { effective: { from: "2031-01-01" } })
    expect(composeWith([city([param("a", "2", "at-least")]), county([dated])]).ok).toBe(true)
  })

  it("non-numeric parameters (dates, flags, lists) are not compared", () => {
    expect(composeWith([city([param("d", "2025-12-31", "at-most")]), county([param("d", "2026-06-30", "at-most")])]).ok).toBe(true)
  })

  it("the bundled 巴中市 pack's targets bind an in-memory 恩阳区 pack", () => {
    const target = (bundledPack("511900")["parameters"] as ReadonlyArray<{ id: string; value: unknown; direction?: string }>).find((p) => p.direction === "at-least" && typeof p.value === "string" && /^\d/.test(p.value))
    expect(target).toBeDefined()
    const lower = param(target!.id, "0", "at-least")
    const errors = errorsOf(composeWith([pack("cn-511923-t", "511923", "511900", { from: "2025-01-01" }, { parameters: [lower] })], { bundled: true }))
    expect(errors.map((e) => [e.code, e.params["parent"]])).toEqual([["pack-loosens", "cn-511900-2024"]])
  })
})

describe("compose: structure and references", () => {
  it("a parent that is not an administrative ancestor is `pack-unknown-parent`", () => {
    const errors = errorsOf(composeWith([pack("t", "500154", "510000", y2026)]))
    expect(errors.map(brief)).toEqual([["pack-unknown-parent", "packs[0].parent"]])
    expect(errors[0]?.params["name"]).toBe("510000 → 500154")
    for (const parent of ["500000", "500100", "000000", null]) expect(composeWith([pack("t", "500154", parent, y2026)]).ok, String(parent)).toBe(true)
    expect(errorsOf(composeWith([pack("t", "500154", "500154", y2026)])).map((e) => e.code)).toEqual(["pack-unknown-parent"])
  })

  it("two packs for one jurisdiction with overlapping periods are `pack-overlap`; adjacent periods are fine", () => {
    const a = pack("a", "330100", "330000", { from: "2024-01-01", to: "2024-12-31" })
    const errors = errorsOf(composeWith([a, pack("b", "330100", "330000", { from: "2024-12-31" })]))
    expect(errors.map(brief)).toEqual([["pack-overlap", "packs[1].effective"]])
    expect(errors[0]?.params["name"]).toBe("a / b")
    expect(composeWith([a, pack("b", "330100", "330000", { from: "2025-01-01" })]).ok).toBe(true)
    // an open-ended pack overlaps every later one
    expect(errorsOf(composeWith([pack("a", "330100", "330000", { from: "2020-01-01" }), pack("b", "330100", "330000", { from: "2030-01-01" })])).map((e) => e.code)).toEqual(["pack-overlap"])
  })

  it("an in-memory pack overlapping a bundled one is `pack-overlap`", () => {
    expect(errorsOf(composeWith([pack("t", "500154", "500000", { from: "2022-12-31" })], { bundled: true })).map((e) => e.code)).toEqual(["pack-overlap"])
  })

  it("two packs with one id are `pack-duplicate`", () => {
    const errors = errorsOf(composeWith([pack("a", "330100", "330000", y2026), pack("a", "330200", "330000", y2026)]))
    expect(errors.map(brief)).toEqual([["pack-duplicate", "packs[1].id"]])
  })

  it("an unknown fact or operator in a custom rule is reported at load, with its path", () => {
    const p = pack("t", "330100", "330000", y2026, {
      customRules: [
        customRule("a", { all: [{ fact: "ratioToLimt", operator: "greaterThan", value: 1 }] }),
        customRule("b", { any: [{ not: { fact: "outcome", operator: "bigger", value: "x" } }] })
      ]
    })
    const errors = errorsOf(composeWith([p]))
    expect(errors.map(brief)).toEqual([
      ["rule-unknown-fact", "packs[0].customRules[0].conditions.all[0].fact"],
      ["rule-unknown-operator", "packs[0].customRules[1].conditions.any[0].not.operator"]
    ])
    expect(errors[0]?.params["nearest"]).toContain("ratioToLimit")
    expect(errors[1]?.params["name"]).toBe("bigger")
  })

  it("a literal a fact can never take is `rule-invalid` at load", () => {
    const p = pack("t", "330100", "330000", y2026, {
      customRules: [
        customRule("a", { all: [{ fact: "outcome", operator: "equal", value: "detected" }] }),
        customRule("b", { all: [{ fact: "product", operator: "in", value: ["豇豆", "不存在的菜"] }] }),
        // aliases resolve as names, but the facts hold canonical names: 卷心菜 is 结球甘蓝, 呋喃丹 is 克百威
        customRule("c", { any: [{ fact: "product", operator: "equal", value: "卷心菜" }, { fact: "substance", operator: "equal", value: "呋喃丹" }] })
      ]
    })
    const errors = errorsOf(composeWith([p]))
    expect(errors.map(brief)).toEqual([
      ["rule-invalid", "packs[0].customRules[0].conditions.all[0].value"],
      ["rule-invalid", "packs[0].customRules[1].conditions.all[0].value[1]"],
      ["rule-invalid", "packs[0].customRules[2].conditions.any[0].value"],
      ["rule-invalid", "packs[0].customRules[2].conditions.any[1].value"]
    ])
    expect(errors[0]?.params["detail"]).toContain("`detected`")
    expect(getOrThrow(dataset().foods.resolve("卷心菜")).id).toBe("结球甘蓝")
  })

  it("an unknown food in keyVarieties, or an unknown substance or scope in a ban, is `pack-unknown-reference`", () => {
    const p = pack("t", "330100", "330000", y2026, {
      keyVarieties: [{ food: "豇豆", citation: { instrument: "x" } }, { food: "不存在的菜", citation: { instrument: "x" } }],
      bans: [
        { substance: "不存在的药", status: "banned", scope: "all", citation: { instrument: "x" } },
        { substance: "啶虫脒", status: "banned-in-scope", scope: { foods: ["叶菜", "芹菜"], species: ["龙"] }, citation: { instrument: "x" } }
      ]
    })
    expect(errorsOf(composeWith([p])).map(brief)).toEqual([
      ["pack-unknown-reference", "packs[0].keyVarieties[1].food"],
      ["pack-unknown-reference", "packs[0].bans[0].substance"],
      ["pack-unknown-reference", "packs[0].bans[1].scope.foods[0]"],
      ["pack-unknown-reference", "packs[0].bans[1].scope.species[0]"]
    ])
  })

  it("an unknown substance or food in a limit row is `pack-unknown-reference` under `limits`", () => {
    const p = pack("t", "330100", "330000", y2026, { limits: [limit("不存在的药", "普通白菜", "0.1"), limit("啶虫脒", "不存在的菜", "0.1")] })
    expect(errorsOf(composeWith([p])).map(brief)).toEqual([
      ["pack-unknown-reference", "packs[0].limits[0].substance"],
      ["pack-unknown-reference", "packs[0].limits[1].food"]
    ])
  })

  it("an event type outside `local.*` or a severity `major` is a schema error with its path", () => {
    const rule = (event: unknown) => pack("t", "330100", "330000", y2026, { customRules: [{ name: "r", conditions: { all: [] }, event, citation: { instrument: "x" } }] })
    expect(errorsOf(composeWith([rule({ type: "alert.x", params: { severity: "info" } })])).map(brief)).toEqual([["invalid-value", "packs[0].customRules[0].event.type"]])
    const [e] = errorsOf(composeWith([rule({ type: "local.x", params: { severity: "major" } })]))
    expect(brief(e!)).toEqual(["invalid-value", "packs[0].customRules[0].event.params.severity"])
    expect(e?.params["expected"]).toEqual(["info", "warning", "violation", "critical"])
  })

  it("a malformed pack is a schema error, never a throw, and the others are still checked", () => {
    const errors = errorsOf(composeWith([42, { kind: "rule-pack" }, pack("t", "500154", "510000", y2026)]))
    expect(errors.every((e) => (ErrorCode.literals as ReadonlyArray<string>).includes(e.code))).toBe(true)
    expect(errors.map((e) => e.path[0])).toContain("packs[0]")
    expect(errors.map((e) => e.path[0])).toContain("packs[1]")
    expect(errors.map(brief)).toContainEqual(["pack-unknown-parent", "packs[2].parent"])
  })

  it("the three bundled packs compose over the national tables", () => {
    const c = getOrThrow(composeWith([], { bundled: true }))
    expect([...c.layers.keys()].sort()).toEqual(["500154", "511900", "540103"])
    expect(layersFor(c, "511923", "2026-06-15").map((l) => l.pack.id)).toEqual(["cn-511900-2024"])
    expect(layersFor(c, "500154", "2021-06-15")).toEqual([])
    expect(layersFor(c, undefined, "2022-06-15")).toEqual([])
    expect(layersFor(c, "5001", "2022-06-15")).toEqual([])
  })
})

describe("compose: conflicts are found when packs are composed, not while records are evaluated", () => {
  it("a loosening pack never yields a composition, so no record is ever judged by it", () => {
    const r = composeWith([pack("t", "511923", "511900", y2026, { limits: [limit("啶虫脒", "普通白菜", "2")] })], { bundled: true })
    expect(r.ok).toBe(false)
  })

  it("evaluation reports only record errors, never pack or rule errors", () => {
    const c = getOrThrow(composeWith([pack("t", "511923", "511900", y2026, { limits: [limit("啶虫脒", "普通白菜", "0.5")] })], { bundled: true }))
    const bad = [
      { sampledOn: "2026-06-15", product: "不存在的菜", region: "511923", results: [] },
      { sampledOn: "2026-06-15", product: "普通白菜", region: "511923", results: [{ substance: "不存在的药", value: "1", unit: "mg/kg" }] },
      { sampledOn: "2026-06-15", product: "普通白菜", region: "511923", results: [{ substance: "啶虫脒", value: "about 1", unit: "mg/kg" }] }
    ]
    for (const u of bad) {
      const r = evaluateInspection(c, inspection(u))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors.every((e) => !e.code.startsWith("pack-") && !e.code.startsWith("rule-"))).toBe(true)
    }
  })
})
