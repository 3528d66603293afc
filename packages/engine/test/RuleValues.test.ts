import { Outcome } from "@nongan/core/Finding"
import { formatPath } from "@nongan/core/NonganError"
import { checkRuleValues, knownValues } from "@nongan/engine/RuleValues"
import { beforeAll, describe, expect, it } from "vitest"
import { dataset } from "./fixtures"

let known: ReturnType<typeof knownValues>
beforeAll(() => {
  known = knownValues(dataset())
})
const leaf = (fact: string, operator: string, value: unknown, more: Record<string, unknown> = {}) => ({ fact, operator, value, ...more })
const errors = (conditions: unknown) => checkRuleValues([{ conditions }], known).map((e) => [e.code, formatPath(e.path), e.params["detail"]])

describe("knownValues", () => {
  it("knows the closed sets of the vocabulary", () => {
    for (const o of Outcome.literals) expect(known["outcome"]!(o)).toBe(true)
    expect(known["outcome"]!("detected")).toBe(false)
    expect(known["kind"]!("inspection")).toBe(true)
    expect(known["method"]!("lab")).toBe(true)
    expect(known["method"]!("GB 23200.8")).toBe(false)
    expect(known["substanceStatus"]!("none")).toBe(true)
    expect(known["substanceStatus"]!("withdrawn-food-animals")).toBe(true)
    expect(known["substanceStatus"]!("permitted")).toBe(false)
  })

  it("knows canonical food, category, species, tissue and substance ids, and nothing else", () => {
    expect(known["product"]!("结球甘蓝")).toBe(true)
    expect(known["product"]!("鸡蛋")).toBe(true)
    expect(known["product"]!("卷心菜")).toBe(false) // an alias: the fact holds 结球甘蓝
    expect(known["product"]!("鲜鸡蛋")).toBe(false)
    expect(known["product"]!("鸡")).toBe(false) // a species is not a product
    expect(known["product"]!(1)).toBe(false)
    expect(known["productCategoryPath"]!("叶菜类蔬菜")).toBe(true)
    expect(known["productCategoryPath"]!("水产动物")).toBe(true)
    expect(known["productCategoryPath"]!("鱼类")).toBe(false) // alias of 鱼
    expect(known["species"]!("猪")).toBe(true)
    expect(known["tissue"]!("肌肉")).toBe(true)
    expect(known["substance"]!("克百威")).toBe(true)
    expect(known["substance"]!("呋喃丹")).toBe(false)
    expect(known["substance"]!("carbofuran")).toBe(false)
  })

  it("every canonical product id in the catalogue is known; every alias that differs from its id is not", () => {
    const ds = dataset()
    for (const name of ds.foods.names()) {
      const r = ds.foods.resolve(name)
      if (r.ok) expect(known["product"]!(name), name).toBe(r.value.id === name)
    }
  })
})

describe("checkRuleValues", () => {
  it("reports a literal a fact can never take, with its path, through all / any / not", () => {
    expect(
      errors({
        all: [
          leaf("outcome", "equal", "detected"),
          { any: [leaf("product", "in", ["豇豆", "不存在的菜"]), { not: leaf("substance", "notEqual", "不存在的药") }] }
        ]
      })
    ).toEqual([
      ["rule-invalid", "[0].conditions.all[0].value", "unknown value `detected` for fact `outcome`"],
      ["rule-invalid", "[0].conditions.all[1].any[0].value[1]", "unknown value `不存在的菜` for fact `product`"],
      ["rule-invalid", "[0].conditions.all[1].any[1].not.value", "unknown value `不存在的药` for fact `substance`"]
    ])
  })

  it("checks contains / doesNotContain on the category path", () => {
    expect(errors({ all: [leaf("productCategoryPath", "contains", "水产动物")] })).toEqual([])
    expect(errors({ all: [leaf("productCategoryPath", "doesNotContain", "水产品")] }).map((e) => e[1])).toEqual(["[0].conditions.all[0].value"])
  })

  it("leaves alone facts without a closed set, numeric operators, fact references and paths", () => {
    expect(errors({ all: [leaf("region", "equal", "999999"), leaf("producerGrade", "equal", "Z")] })).toEqual([])
    expect(errors({ all: [leaf("outcome", "greaterThan", 1)] })).toEqual([])
    expect(errors({ all: [leaf("product", "equal", { fact: "substance" })] })).toEqual([])
    expect(errors({ all: [leaf("product", "equal", "x", { path: "$.a" })] })).toEqual([])
    expect(errors({ all: [leaf("unknownFact", "equal", "x")] })).toEqual([])
  })

  it("never throws on malformed conditions (the compiler reports those)", () => {
    for (const c of [null, 1, "x", [], { all: "x" }, { not: null }, { any: [null, 1, { fact: 1 }] }])
      expect(() => checkRuleValues([{ conditions: c }], known)).not.toThrow()
    expect(checkRuleValues([{}], known)).toEqual([])
  })

  it("names each rule by its index", () => {
    const r = checkRuleValues([{ conditions: { all: [] } }, { conditions: { all: [leaf("method", "equal", "快检")] } }], known)
    expect(r.map((e) => formatPath(e.path))).toEqual(["[1].conditions.all[0].value"])
  })
})
