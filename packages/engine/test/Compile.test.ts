import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { formatError } from "@nongan/core/Messages"
import { getOrThrow } from "@nongan/core/Result"
import { describe, expect, it } from "vitest"
import { compileRule, compileRules, type Facts, operators, readPath } from "@nongan/engine/Compile"
import { standard } from "@nongan/engine/FactVocabulary"

const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({
  name: "r",
  conditions,
  event: { type: "local.test" },
  ...extra
})
const leaf = (fact: string, operator: string, value: unknown, more: Record<string, unknown> = {}) => ({
  fact,
  operator,
  value,
  ...more
})
const compile = (conditions: unknown) => getOrThrow(compileRule(rule(conditions), standard))
const errorsOf = (u: unknown) => {
  const r = compileRule(u, standard)
  if (r.ok) throw new Error("expected errors")
  return r.errors
}

describe("operators (json-rules-engine 7.3.1 semantics)", () => {
  const cases: ReadonlyArray<readonly [keyof typeof operators, unknown, unknown, boolean]> = [
    // equal / notEqual: strict equality, no coercion
    ["equal", 1, 1, true],
    ["equal", 1, "1", false],
    ["equal", null, null, true],
    ["equal", undefined, null, false],
    ["equal", -0, 0, true],
    ["equal", [1], [1], false],
    ["notEqual", undefined, null, true],
    ["notEqual", "a", "a", false],
    // numeric: only the fact side must pass Number.parseFloat; then JavaScript's comparison
    ["lessThan", 1, 2, true],
    ["lessThan", 2, 2, false],
    ["lessThan", "1", 2, true],
    ["lessThan", 5, "10", true],
    ["lessThan", "5", "10", false], // both strings: compared as strings
    ["lessThan", "1abc", 2, false], // passes parseFloat, but "1abc" < 2 is NaN < 2
    ["lessThan", [3], 4, true], // parseFloat([3]) is 3, and [3] < 4
    ["lessThan", null, 1, false], // null fails parseFloat (though null < 1 in JavaScript)
    ["lessThan", true, 2, false],
    ["lessThan", "", 1, false],
    ["lessThan", undefined, 1, false],
    ["lessThan", 1, null, false], // 1 < 0
    ["lessThan", -1, null, true], // -1 < 0: the value side is not checked
    ["lessThanInclusive", 2, 2, true],
    ["lessThanInclusive", "2", 2, true],
    ["lessThanInclusive", 0.30000000000000004, 0.3, false], // floats are compared as they are
    ["greaterThan", 0.30000000000000004, 0.3, true],
    ["greaterThan", "Infinity", 1e308, true],
    ["greaterThan", 3, undefined, false],
    ["greaterThanInclusive", 2, 2, true],
    ["greaterThanInclusive", " 2", 2, true],
    ["greaterThanInclusive", {}, 0, false],
    // in / notIn: indexOf on the value side (an array; a string is a substring search)
    ["in", "A", ["A", "B"], true],
    ["in", 1, ["1"], false],
    ["in", null, [null], true],
    ["in", undefined, [null], false],
    ["in", "b", "abc", true],
    ["in", undefined, "xundefinedx", true],
    ["in", 5, 5, false], // json-rules-engine throws (KNOWN-DIFFERENCES D2)
    ["in", 5, undefined, false], // json-rules-engine throws (D2)
    ["notIn", "A", ["B"], true],
    ["notIn", "A", ["A"], false],
    ["notIn", "A", [], true],
    ["notIn", "A", null, false], // json-rules-engine throws (D2)
    // contains / doesNotContain: the fact must be an array
    ["contains", ["a", "b"], "a", true],
    ["contains", [1], "1", false],
    ["contains", "abc", "a", false],
    ["contains", undefined, undefined, false],
    ["contains", [null], null, true],
    ["doesNotContain", ["a"], "b", true],
    ["doesNotContain", ["a"], "a", false],
    ["doesNotContain", "abc", "x", false],
    ["doesNotContain", undefined, "x", false]
  ]
  it.each(cases)("%s(%j, %j) is %s", (op, a, b, expected) => {
    expect(operators[op](a, b)).toBe(expected)
  })

  it("an object that cannot be turned into a primitive compares false instead of throwing", () => {
    const bare = Object.create(null) as object
    expect(operators.lessThan(bare, 1)).toBe(false)
    expect(operators.greaterThan(1, bare)).toBe(false)
    expect(operators.in(bare, "abc")).toBe(false)
  })
})

describe("paths", () => {
  it("follow own properties, like jsonpath-plus", () => {
    expect(readPath({ a: { b: 1 } }, ["a", "b"])).toBe(1)
    expect(readPath({ a: [10, 20] }, ["a", "1"])).toBe(20)
    expect(readPath({ a: "abc" }, ["a", "length"])).toBe(3)
    expect(readPath({ a: "abc" }, ["a", "0"])).toBe("a")
    expect(readPath({ a: [1, 2] }, ["a", "length"])).toBe(2)
    expect(readPath({}, ["constructor"])).toBeUndefined()
    expect(readPath({ a: 0 }, ["a", "x"])).toBeUndefined()
    expect(readPath({ a: { b: 1 } }, [])).toEqual({ a: { b: 1 } })
  })
  it("are ignored on a fact that is not an object, as json-rules-engine does", () => {
    expect(readPath(7, ["a"])).toBe(7)
    expect(readPath("abc", ["length"])).toBe("abc")
    expect(readPath(null, ["a"])).toBeNull()
    expect(readPath(undefined, ["a"])).toBeUndefined()
  })
  it("are used on both sides of a condition", () => {
    const r = compile({ all: [leaf("product", "equal", { fact: "region", path: "$['名称']" }, { path: "$.name" })] })
    expect(r.test({ product: { name: "苹果" }, region: { 名称: "苹果" } })).toBe(true)
    expect(r.test({ product: { name: "苹果" }, region: { 名称: "梨" } })).toBe(false)
  })
})

describe("boolean conditions", () => {
  const over = leaf("ratioToLimit", "greaterThan", 1)
  const key = leaf("keyVariety", "equal", true)
  it("all, any and not", () => {
    const r = compile({ all: [key, { not: over }] })
    expect(r.test({ keyVariety: true, ratioToLimit: 0.5 })).toBe(true)
    expect(r.test({ keyVariety: true, ratioToLimit: 2 })).toBe(false)
    expect(r.test({ keyVariety: false, ratioToLimit: 0.5 })).toBe(false)
    const a = compile({ any: [key, over] })
    expect(a.test({ keyVariety: false, ratioToLimit: 2 })).toBe(true)
    expect(a.test({})).toBe(false)
  })
  it("not at the root, and not of not", () => {
    expect(compile({ not: over }).test({ ratioToLimit: 2 })).toBe(false)
    expect(compile({ not: { not: over } }).test({ ratioToLimit: 2 })).toBe(true)
    expect(compile({ not: over }).test({})).toBe(true) // a missing fact is undefined, and undefined > 1 is false
  })
  it("empty all and empty any are both true (json-rules-engine 7.3.1)", () => {
    expect(compile({ all: [] }).test({})).toBe(true)
    expect(compile({ any: [] }).test({})).toBe(true)
    expect(compile({ not: { any: [] } }).test({})).toBe(false)
  })
  it("inherited properties of the facts object are not facts", () => {
    const vocabulary = new Map([["constructor", standard.get("product")!]])
    const r = getOrThrow(compileRule(rule({ all: [leaf("constructor", "equal", null)] }), vocabulary))
    expect(r.test({})).toBe(false)
    const missing = getOrThrow(compileRule(rule({ all: [leaf("constructor", "notEqual", null)] }), vocabulary))
    expect(missing.test({} as Facts)).toBe(true) // reads undefined, not Object
    expect(missing.explain({})[0]?.factValue).toBeUndefined()
  })
})

describe("errors", () => {
  it("an unknown fact names the fact, its path and the nearest known facts", () => {
    const errors = errorsOf(rule({ all: [leaf("mesured", "greaterThan", 1), { not: leaf("measured", "equal", { fact: "limt" }) }] }))
    expect(errors).toEqual([
      expect.objectContaining({ code: "rule-unknown-fact", path: ["conditions", "all", 0, "fact"], params: expect.objectContaining({ name: "mesured" }) }),
      expect.objectContaining({ code: "rule-unknown-fact", path: ["conditions", "all", 1, "not", "value", "fact"], params: expect.objectContaining({ name: "limt" }) })
    ])
    expect(errors[0]?.params["nearest"]).toContain("measured")
    expect(errors[1]?.params["nearest"]).toContain("limit")
    expect(formatError(errors[0]!, "en")).toContain("`mesured`")
    expect(formatError(errors[0]!, "zh-CN")).toContain("`mesured`")
  })
  it("an unknown operator names the operator and its path", () => {
    expect(errorsOf(rule({ any: [leaf("measured", "greaterThanOrEqual", 1)] }))).toEqual([
      expect.objectContaining({ code: "rule-unknown-operator", path: ["conditions", "any", 0, "operator"], params: { name: "greaterThanOrEqual" } })
    ])
    // operator decorators are not supported
    expect(errorsOf(rule({ all: [leaf("productCategoryPath", "someFact:equal", "蔬菜")] }))[0]?.code).toBe("rule-unknown-operator")
  })
  it("other problems are rule-invalid with a detail code and a path", () => {
    const cases: ReadonlyArray<readonly [unknown, ReadonlyArray<string | number>, string]> = [
      [rule({ condition: "shared" }), ["conditions", "condition"], "condition-reference-unsupported"],
      [rule({ all: [{ condition: "shared" }] }), ["conditions", "all", 0, "condition"], "condition-reference-unsupported"],
      [rule(leaf("measured", "equal", 1)), ["conditions"], "root-must-be-all-any-or-not"],
      [rule({ all: [{ fact: "measured", operator: "equal" }] }), ["conditions", "all", 0, "value"], "missing-field"],
      [rule({ all: [leaf("measured", "equal", 1, { path: "$..x" })] }), ["conditions", "all", 0, "path"], "unsupported-path"],
      [rule({ all: [leaf("measured", "equal", { fact: "limit", path: "$[*]" })] }), ["conditions", "all", 0, "value", "path"], "unsupported-path"],
      [rule({ all: [leaf("measured", "equal", 1, { note: "x" })] }), ["conditions", "all", 0, "note"], "unexpected-field"],
      [rule({ all: [leaf("region", "in", "500154,511900")] }), ["conditions", "all", 0, "value"], "membership-value-not-an-array"],
      [rule({ all: [], any: [] }), ["conditions"], "ambiguous-condition"],
      [rule({ all: {} }), ["conditions", "all"], "invalid-type"],
      [rule({ not: [] }), ["conditions", "not"], "invalid-type"],
      [rule({ all: [] }, { priority: 0 }), ["priority"], "invalid-value"],
      [rule({ all: [leaf("measured", "equal", () => 1)] }), ["conditions", "all", 0, "value"], "invalid-value"],
      [rule({ all: [leaf("sampledOn", "lessThan", new Date())] }), ["conditions", "all", 0, "value"], "invalid-value"],
      [{ name: "r", event: { type: "x" } }, ["conditions"], "missing-field"]
    ]
    for (const [input, path, detail] of cases) {
      const r = compileRule(input, standard)
      expect(r.ok, JSON.stringify(input)).toBe(false)
      const errors = r.ok ? [] : r.errors
      expect(errors, JSON.stringify(input)).toContainEqual(expect.objectContaining({ code: "rule-invalid", path, params: expect.objectContaining({ detail }) }))
    }
  })
  it("conditions nested deeper than the limit are rejected, not a stack overflow", () => {
    let c: unknown = leaf("measured", "equal", 1)
    for (let i = 0; i < 10_000; i++) c = { not: c }
    expect(errorsOf(rule(c))[0]).toMatchObject({ code: "rule-invalid", params: { detail: "too-deep" } })
  })
  it("compileRules prefixes each error with its rule's index", () => {
    const r = compileRules([rule({ all: [] }), rule({ all: [leaf("nope", "equal", 1)] })], standard)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]?.path).toEqual([1, "conditions", "all", 0, "fact"])
  })
})

describe("compileRules", () => {
  it("runs higher priority first, declaration order within a priority (default 1)", () => {
    const always = { all: [] }
    const r = getOrThrow(
      compileRules(
        [
          { name: "a", conditions: always, event: { type: "a" } },
          { name: "b", priority: 3, conditions: always, event: { type: "b" } },
          { name: "c", priority: 1, conditions: always, event: { type: "c" } },
          { name: "d", priority: 7, conditions: { any: [leaf("producerGrade", "in", ["C", "D"])] }, event: { type: "d", params: { severity: "warning" } } },
          { name: "e", priority: 3, conditions: always, event: { type: "e" } }
        ],
        standard
      )
    )
    expect(r.rules.map((x) => x.name)).toEqual(["d", "b", "e", "a", "c"])
    expect(r.run({ producerGrade: "D" })).toEqual([{ type: "d", params: { severity: "warning" } }, { type: "b" }, { type: "e" }, { type: "a" }, { type: "c" }])
    expect(r.run({ producerGrade: "A" }).map((x) => x.type)).toEqual(["b", "e", "a", "c"])
  })
})

describe("explain", () => {
  it("lists every leaf in document order with the values it compared", () => {
    const r = compile({
      any: [
        leaf("keyVariety", "equal", true),
        { all: [leaf("measured", "greaterThan", { fact: "limit" }), leaf("productCategoryPath", "contains", "叶菜类蔬菜")] },
        { not: leaf("product", "equal", "苹果", { path: "$" }) }
      ]
    })
    const facts = { keyVariety: false, measured: 0.5, limit: 0.2, productCategoryPath: ["蔬菜类", "叶菜类蔬菜"], product: "普通白菜" }
    expect(r.test(facts)).toBe(true)
    expect(r.explain(facts)).toEqual([
      { fact: "keyVariety", operator: "equal", value: true, factValue: false, result: false },
      { fact: "measured", operator: "greaterThan", value: 0.2, valueFact: "limit", factValue: 0.5, result: true },
      { fact: "productCategoryPath", operator: "contains", value: "叶菜类蔬菜", factValue: ["蔬菜类", "叶菜类蔬菜"], result: true },
      { fact: "product", path: "$", operator: "equal", value: "苹果", factValue: "普通白菜", result: false }
    ])
  })
  it("is empty for a rule without leaves", () => {
    expect(compile({ all: [] }).explain({})).toEqual([])
  })
})

describe("rules are data", () => {
  it("the engine's source never evaluates code", () => {
    const dir = join(import.meta.dirname, "..", "src")
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
      expect(text, f).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/)
    }
  })
})
