// Local market names in regional packs (`names`): extra aliases read by the records of the pack's
// region only, after the national catalogue; a pack may not re-point a national name.
// The names here are test fixtures (cited `测试文件`), not claims about any region's usage.
import { getOrThrow } from "@nongan/core/Result"
import type { Composition } from "@nongan/engine/Compose"
import { evaluateInspection } from "@nongan/engine/Evaluate"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import * as fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import { cite, composeWith, dataset, errorsOf, pack } from "./fixtures"

const KZ = "cn-500154-t"
const food = (name: string, target: string) => ({ name, food: target, citation: cite, verification: "secondary" })
const analyte = (name: string, target: string) => ({ name, substance: target, citation: cite, verification: "secondary" })

const names = {
  foods: [food("瓢儿白", "普通白菜"), food("青椒", "辣椒")],
  substances: [analyte("测试俗名甲", "毒死蜱")]
}
const county = (more: Record<string, unknown> = {}) => pack(KZ, "500154", "500000", { from: "2024-01-01" }, more)

let withNames: Composition
let without: Composition
beforeAll(() => {
  withNames = getOrThrow(composeWith([county({ names })]))
  without = getOrThrow(composeWith([county()]))
})

const judge = (c: Composition, product: string, substance: string, region: string | undefined, value = "0.01") =>
  evaluateInspection(
    c,
    getOrThrow(
      decodeInspection({ id: "N-1", kind: "inspection", sampledOn: "2026-06-15", product, ...(region ? { region } : {}), results: [{ substance, value, unit: "mg/kg" }] })
    )
  )

describe("local names: reading", () => {
  it("a 500154 record of 瓢儿白 is judged as 普通白菜, with a `local` step naming the pack", () => {
    const r = getOrThrow(judge(withNames, "瓢儿白", "毒死蜱", "500154"))
    expect(r.product).toBe("普通白菜")
    const f = r.findings[0]!
    expect(f.read?.product).toEqual({ written: "瓢儿白", read: "普通白菜", steps: [{ kind: "local", from: "瓢儿白", to: "普通白菜", source: KZ }] })
  })

  it("the grammar applies around a local name (瓢儿白（散装）)", () => {
    const r = getOrThrow(judge(withNames, "瓢儿白（散装）", "毒死蜱", "500154"))
    expect(r.product).toBe("普通白菜")
    expect(r.findings[0]!.read?.product?.steps.map((s) => s.kind)).toEqual(["qualifier", "local"])
  })

  it("the same record from another region, or with no region, is `unknown-food` with nearest names", () => {
    for (const region of ["110101", "500101", undefined]) {
      const r = judge(withNames, "瓢儿白", "毒死蜱", region)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.errors[0]!.code).toBe("unknown-food")
      expect(r.errors[0]!.path).toEqual(["product"])
      expect((r.errors[0]!.params.nearest as ReadonlyArray<string>).length).toBeGreaterThan(0)
    }
  })

  it("a nationally ambiguous name (青椒: 辣椒 / 甜椒) is settled in the region only", () => {
    const here = getOrThrow(judge(withNames, "青椒", "毒死蜱", "500154"))
    expect(here.product).toBe("辣椒")
    expect(here.findings[0]!.read?.product?.steps).toEqual([{ kind: "local", from: "青椒", to: "辣椒", source: KZ }])
    const elsewhere = judge(withNames, "青椒", "毒死蜱", "110101")
    expect(!elsewhere.ok && elsewhere.errors[0]!.code).toBe("ambiguous-name")
  })

  it("a local analyte name reads in the region (a `local` step), and nowhere else", () => {
    const here = getOrThrow(judge(withNames, "普通白菜", "测试俗名甲", "500154"))
    expect(here.findings[0]!.substance).toBe("毒死蜱")
    expect(here.findings[0]!.read?.substance?.steps).toEqual([{ kind: "local", from: "测试俗名甲", to: "毒死蜱", source: KZ }])
    const elsewhere = judge(withNames, "普通白菜", "测试俗名甲", "110101")
    expect(elsewhere.ok).toBe(false)
  })

  it("a child layer reads its parent's local names (an alias only: it overrides nothing)", () => {
    const c = getOrThrow(
      composeWith([
        pack("cn-500000-t", "500000", null, { from: "2024-01-01" }, { names: { foods: [food("瓢儿白", "普通白菜")] } }),
        county({ names: { foods: [food("瓢儿白", "普通白菜"), food("测试菜乙", "菠菜")] } })
      ])
    )
    const r = getOrThrow(judge(c, "瓢儿白", "毒死蜱", "500154"))
    expect(r.findings[0]!.read?.product?.steps[0]!.source).toBe("cn-500000-t")
    expect(getOrThrow(judge(c, "测试菜乙", "毒死蜱", "500154")).product).toBe("菠菜")
    // a sibling county of the province reads the province's names, not the county's
    expect(getOrThrow(judge(c, "瓢儿白", "毒死蜱", "500101")).product).toBe("普通白菜")
    expect(judge(c, "测试菜乙", "毒死蜱", "500101").ok).toBe(false)
  })
})

describe("local names: composition", () => {
  const codes = (ps: ReadonlyArray<unknown>) => errorsOf(composeWith(ps)).map((e) => [e.code, e.path.join("."), e.params.parent ?? null])

  it("re-pointing a national name (小白菜, 上海青) is refused, naming the file, the row and the national layer", () => {
    expect(codes([county({ names: { foods: [food("小白菜", "菠菜")] } })])).toEqual([["pack-loosens", "packs[0].names.foods.0.name", "cn-national"]])
    // 上海青 is already a declared national variety of 普通白菜: even the same target is refused
    expect(codes([county({ names: { foods: [food("上海青", "普通白菜")] } })])).toEqual([["pack-loosens", "packs[0].names.foods.0.name", "cn-national"]])
    expect(codes([county({ names: { substances: [analyte("呋喃丹", "毒死蜱")] } })])).toEqual([["pack-loosens", "packs[0].names.substances.0.name", "cn-national"]])
  })

  it("a nationally ambiguous name may be settled only as one of its candidates", () => {
    expect(codes([county({ names: { foods: [food("青椒", "菠菜")] } })])).toEqual([["pack-loosens", "packs[0].names.foods.0.name", "cn-national"]])
  })

  it("shadowing a parent layer's local name with another target is refused", () => {
    expect(
      codes([
        pack("cn-500000-t", "500000", null, { from: "2024-01-01" }, { names: { foods: [food("瓢儿白", "普通白菜")] } }),
        county({ names: { foods: [food("瓢儿白", "菠菜")] } })
      ])
    ).toEqual([["pack-loosens", "packs[1].names.foods.0.name", "cn-500000-t"]])
  })

  it("a duplicate within a pack, or an unknown target, is a typed error at its row", () => {
    expect(codes([county({ names: { foods: [food("瓢儿白（鲜）", "普通白菜"), food("瓢儿白(鲜)", "普通白菜")] } })])).toEqual([["pack-duplicate", "packs[0].names.foods.1.name", null]])
    expect(codes([county({ names: { foods: [food("瓢儿白", "不存在的菜")], substances: [analyte("测试俗名甲", "不存在的药")] } })])).toEqual([
      ["pack-unknown-reference", "packs[0].names.foods.0.food", null],
      ["pack-unknown-reference", "packs[0].names.substances.0.substance", null]
    ])
  })

  it("an entry without a citation is a schema error", () => {
    expect(composeWith([county({ names: { foods: [{ name: "瓢儿白", food: "普通白菜" }] } })]).ok).toBe(false)
  })
})

describe("local names: property", () => {
  const strip = (r: ReturnType<typeof judge>): unknown => (r.ok ? { ...r.value, packs: undefined } : r.errors)

  it("adding a pack's local names never changes how a record of another region, or a national name, reads", () => {
    const national = dataset().foods.names().slice(0, 400)
    const substances = ["毒死蜱", "克百威", "啶虫脒", "镉", "测试俗名甲", "呋喃丹"]
    const product = fc.oneof(fc.constantFrom(...national), fc.constantFrom("瓢儿白", "青椒", "瓢儿白（散装）", "小白菜", "上海青"), fc.string({ maxLength: 4 }))
    const region = fc.constantFrom("500154", "500101", "110101", "511923", undefined)
    fc.assert(
      fc.property(product, fc.constantFrom(...substances), region, fc.constantFrom("0.01", "0.5", "ND"), (p, s, g, v) => {
        const a = judge(withNames, p, s, g, v)
        const b = judge(without, p, s, g, v)
        const nationalReads = dataset().foods.read(p).ok && dataset().substances.read(s).ok
        if (g !== "500154" || nationalReads) expect(strip(a)).toEqual(strip(b))
      }),
      { numRuns: 300 }
    )
  })
})
