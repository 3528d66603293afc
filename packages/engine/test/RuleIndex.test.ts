// The rule index never changes which rules fire, nor their order: for random rules (guarded on
// outcome and product or not) and random facts, the rules that pass among the candidates for the
// facts' outcome and product are exactly the rules that pass among all of them, in rule order.
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { compileRule, type CompiledRule } from "@nongan/engine/Compile"
import type { FactDefinition, FactVocabulary } from "@nongan/engine/FactVocabulary"
import { factGuard, indexRules } from "@nongan/engine/RuleIndex"

const def: FactDefinition = { description: { "zh-CN": "测试", en: "test" }, type: "string" }
const vocabulary: FactVocabulary = new Map(["outcome", "product", "ratio"].map((f) => [f, def]))
const OUTCOMES = ["within-limit", "exceeds-limit", "not-detected", "custom"] as const
const PRODUCTS = ["豇豆", "芹菜", "韭菜"] as const

const leaf = fc.oneof(
  fc.record({ fact: fc.constant("outcome"), operator: fc.constant("equal"), value: fc.constantFrom(...OUTCOMES) }),
  fc.record({ fact: fc.constant("outcome"), operator: fc.constant("in"), value: fc.subarray([...OUTCOMES]) }),
  fc.record({ fact: fc.constant("product"), operator: fc.constant("equal"), value: fc.constantFrom(...PRODUCTS, "苹果") }),
  fc.record({ fact: fc.constant("product"), operator: fc.constant("in"), value: fc.subarray([...PRODUCTS]) }),
  fc.record({ fact: fc.constant("product"), operator: fc.constant("notEqual"), value: fc.constantFrom(...PRODUCTS) }),
  fc.record({ fact: fc.constant("ratio"), operator: fc.constantFrom("greaterThan", "lessThan"), value: fc.double({ min: 0, max: 2, noNaN: true }) })
)
const condition = fc.oneof(
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  leaf.map((l) => ({ not: l }))
)
const rules = fc.array(condition, { minLength: 1, maxLength: 12 }).map((cs) =>
  cs.map((conditions, i) => {
    const r = compileRule({ name: `r${i}`, conditions, event: { type: "local.x" } }, vocabulary)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    return r.value
  })
)
const facts = fc.record({ outcome: fc.constantFrom(...OUTCOMES), product: fc.constantFrom(...PRODUCTS, "苹果"), ratio: fc.double({ min: 0, max: 2, noNaN: true }) })

describe("RuleIndex", () => {
  it("candidates(outcome, product) fire exactly the rules that fire among all, in order", () => {
    let narrowed = 0
    fc.assert(
      fc.property(rules, fc.array(facts, { minLength: 1, maxLength: 5 }), (rs: ReadonlyArray<CompiledRule>, fs) => {
        const index = indexRules(rs)
        for (const f of fs) {
          const all = rs.filter((r) => r.test(f)).map((r) => r.name)
          const byOutcome = index.candidates(f.outcome).filter((r) => r.test(f)).map((r) => r.name)
          const both = index.candidates(f.outcome, f.product)
          if (both.length < index.candidates(f.outcome).length) narrowed++
          expect(byOutcome).toEqual(all)
          expect(both.filter((r) => r.test(f)).map((r) => r.name)).toEqual(all)
        }
      }),
      { numRuns: 2000, seed: 16 }
    )
    // the property is not vacuous: the product guard did narrow lists
    expect(narrowed).toBeGreaterThan(100)
  })

  it("factGuard reads equal and in guards of a top-level all only", () => {
    expect(factGuard({ all: [{ fact: "product", operator: "in", value: ["豇豆", "芹菜"] }] }, "product")).toEqual(new Set(["豇豆", "芹菜"]))
    expect(factGuard({ any: [{ fact: "product", operator: "equal", value: "豇豆" }] }, "product")).toBeUndefined()
    expect(factGuard({ all: [{ fact: "product", operator: "equal", value: "豇豆", path: "$.x" }] }, "product")).toBeUndefined()
    expect(factGuard({ all: [{ fact: "product", operator: "equal", value: "豇豆" }, { fact: "product", operator: "equal", value: "芹菜" }] }, "product")).toEqual(new Set())
  })
})
