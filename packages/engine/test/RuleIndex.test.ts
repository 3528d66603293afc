// The rule index never changes which rules fire, nor their order: for random rules (guarded on
// outcome and product or not) and random facts, the rules that pass among the candidates for the
// facts' outcome and product are exactly the rules that pass among all of them, in rule order.
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { compileRule, type CompiledRule } from "@nongan/engine/Compile"
import type { FactDefinition, FactVocabulary } from "@nongan/engine/FactVocabulary"
import { factGuard, indexRules, type Subject } from "@nongan/engine/RuleIndex"

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

// With a subject: the facts a product fixes (its category path, species and tissue, and the
// record's kind) decide some conditions before any other fact is known. Random nested conditions
// over known and unknown facts, with fact references and paths; each product has one subject.
const vocabulary2: FactVocabulary = new Map(["outcome", "product", "ratio", "kind", "productCategoryPath", "species", "tissue", "method"].map((f) => [f, def]))
const SUBJECTS: Record<string, Subject> = {
  豇豆: { kind: "inspection", productCategoryPath: ["蔬菜", "豆类蔬菜", "豇豆"], species: undefined, tissue: undefined },
  芹菜: { kind: "inspection", productCategoryPath: ["蔬菜", "叶菜类蔬菜", "芹菜"], species: undefined, tissue: undefined },
  苹果: { kind: "inspection", productCategoryPath: ["水果", "仁果类水果", "苹果"], species: undefined, tissue: undefined },
  猪肉: { kind: "inspection", productCategoryPath: ["所有食品动物", "猪"], species: "猪", tissue: "肌肉" }
}
const CATEGORIES = ["蔬菜", "水果", "豆类蔬菜", "所有食品动物", "猪"] as const
const leaf2 = fc.oneof(
  leaf,
  fc.record({ fact: fc.constant("productCategoryPath"), operator: fc.constantFrom("contains", "doesNotContain"), value: fc.constantFrom(...CATEGORIES) }),
  fc.record({ fact: fc.constant("productCategoryPath"), operator: fc.constant("equal"), value: fc.constant({ fact: "productCategoryPath" }) }),
  fc.record({ fact: fc.constant("productCategoryPath"), path: fc.constantFrom("$[0]", "$[1]", "$.length"), operator: fc.constantFrom("equal", "notEqual"), value: fc.constantFrom(...CATEGORIES, 2, 3) }),
  fc.record({ fact: fc.constant("species"), operator: fc.constantFrom("equal", "notEqual"), value: fc.constantFrom("猪", "牛") }),
  fc.record({ fact: fc.constant("tissue"), operator: fc.constantFrom("in", "notIn"), value: fc.constant(["肌肉", "肝"]) }),
  fc.record({ fact: fc.constant("kind"), operator: fc.constantFrom("equal", "notEqual"), value: fc.constantFrom("inspection", "certificate") }),
  fc.record({ fact: fc.constant("method"), operator: fc.constant("equal"), value: fc.constantFrom("lab", "rapid") }),
  fc.record({ fact: fc.constant("ratio"), operator: fc.constant("greaterThan"), value: fc.constant({ fact: "ratio", path: "$.x" }) })
)
const { node: condition2 } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf2,
    fc.array(tie("node"), { minLength: 0, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie("node"), { minLength: 0, maxLength: 3 }).map((any) => ({ any })),
    tie("node").map((not) => ({ not }))
  )
}))
const rules2 = fc.array(condition2, { minLength: 1, maxLength: 12 }).map((cs) =>
  cs.map((c, i) => {
    const conditions = typeof c === "object" && c !== null && ("all" in c || "any" in c) ? c : { all: [c] }
    const r = compileRule({ name: `r${i}`, conditions, event: { type: "local.x" } }, vocabulary2)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    return r.value
  })
)
const facts2 = fc
  .record({
    outcome: fc.constantFrom(...OUTCOMES),
    product: fc.constantFrom(...Object.keys(SUBJECTS)),
    ratio: fc.double({ min: 0, max: 2, noNaN: true }),
    method: fc.constantFrom("lab", "rapid")
  })
  .map((f) => ({ ...f, ...SUBJECTS[f.product]! }))

describe("RuleIndex with a subject", () => {
  it("candidates(outcome, product, subject) fire exactly the rules that fire among all, in order", () => {
    let narrowed = 0
    let fired = 0
    fc.assert(
      fc.property(rules2, fc.array(facts2, { minLength: 1, maxLength: 5 }), (rs: ReadonlyArray<CompiledRule>, fs) => {
        const index = indexRules(rs)
        for (const f of fs) {
          const all = rs.filter((r) => r.test(f)).map((r) => r.name)
          const subject = SUBJECTS[f.product]!
          const kept = index.candidates(f.outcome, f.product, subject)
          if (kept.length < index.candidates(f.outcome, f.product).length) narrowed++
          fired += all.length
          expect(kept.filter((r) => r.test(f)).map((r) => r.name)).toEqual(all)
          // the memoised list is the same on a second call
          expect(index.candidates(f.outcome, f.product, subject)).toBe(kept)
        }
      }),
      { numRuns: 2000 }
    )
    // not vacuous: known facts did rule rules out, and rules did fire
    expect(narrowed).toBeGreaterThan(200)
    expect(fired).toBeGreaterThan(200)
  })
})
