import { JSONSchema, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeRule, isFactReference, isJson, isOperator, JsonPath, pathSteps, Rule } from "@nongan/engine/Condition"

describe("pathSteps: the supported JSONPath subset", () => {
  it.each([
    ["$", []],
    ["$.a", ["a"]],
    ["$.a.b", ["a", "b"]],
    ["$.a[0]", ["a", "0"]],
    ["$[0]", ["0"]],
    ["$[12].x", ["12", "x"]],
    ["$['a']", ["a"]],
    ["$['a b']['x.y'][0].中文", ["a b", "x.y", "0", "中文"]],
    ["$.results[0]['农药-名称']", ["results", "0", "农药-名称"]],
    ["$._x1", ["_x1"]]
  ])("%s", (path, steps) => {
    expect(pathSteps(path)).toEqual(steps)
    expect(Schema.is(JsonPath)(path)).toBe(true)
  })

  it.each([
    "",
    "a.b",
    "$.",
    "$..a",
    "$.*",
    "$[*]",
    "$[-1]",
    "$[01]",
    "$[0:2]",
    "$['a','b']",
    "$[?(@.a)]",
    "$[(@.length-1)]",
    "$['(x)']",
    "$.$",
    "$.^",
    "$.a~",
    "$.1a",
    '$["a"]',
    "$.@string()",
    "$['a']b",
    "$['it''s']",
    "$.`a"
  ])("rejects %j", (path) => {
    expect(pathSteps(path)).toBeUndefined()
    expect(Schema.is(JsonPath)(path)).toBe(false)
  })
})

describe("guards", () => {
  it("isOperator", () => {
    expect(isOperator("doesNotContain")).toBe(true)
    expect(isOperator("not:equal")).toBe(false)
    expect(isOperator("toString")).toBe(false)
    expect(isOperator(1)).toBe(false)
  })
  it("isFactReference: any object with an own `fact`, as json-rules-engine decides", () => {
    expect(isFactReference({ fact: "limit", path: "$.x" })).toBe(true)
    expect(isFactReference({ facts: "limit" })).toBe(false)
    expect(isFactReference(Object.create({ fact: "limit" }))).toBe(false)
    expect(isFactReference(null)).toBe(false)
  })
  it("isJson: plain data only", () => {
    expect(isJson([1, "a", null, false, { b: [{}] }])).toBe(true)
    expect(isJson(Number.NaN)).toBe(false)
    expect(isJson(undefined)).toBe(false)
    expect(isJson(new Map())).toBe(false)
    expect(isJson({ get x() { return 1 } })).toBe(false)
    expect(isJson({ f: () => 1 })).toBe(false)
  })
})

describe("decodeRule", () => {
  const input = {
    name: "重点品种接近限量",
    priority: 5,
    conditions: {
      all: [
        { fact: "keyVariety", operator: "equal", value: true, name: "key", priority: 2 },
        { any: [{ fact: "ratioToLimit", operator: "greaterThanInclusive", value: 0.8 }, { not: { fact: "region", operator: "in", value: ["500154"] } }] },
        { fact: "measured", operator: "lessThan", value: { fact: "limit", path: "$", params: { unit: "mg/kg" } } }
      ]
    },
    event: { type: "local.near-limit", params: { severity: "warning" } }
  }

  it("decodes a valid rule into a value of the Rule schema", () => {
    const r = decodeRule(input)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toEqual(input)
    expect(Schema.is(Rule)(r.value)).toBe(true)
    expect(Schema.decodeUnknownSync(Rule)(r.value)).toEqual(input)
  })

  it("copies literal values, so changing the input later changes nothing", () => {
    const values = ["500154"]
    const u = { name: "r", conditions: { all: [{ fact: "region", operator: "in", value: values }] }, event: { type: "x" } }
    const r = decodeRule(u)
    values.push("511900")
    expect(r.ok && (r.value.conditions as { all: ReadonlyArray<{ value: unknown }> }).all[0]?.value).toEqual(["500154"])
  })

  it("reports every problem at once, each with its path", () => {
    const r = decodeRule({
      name: "",
      conditions: { any: [{ fact: "x", operator: "like", value: 1 }, { fact: "y", operator: "equal", value: 1, path: "$.*" }] },
      event: {}
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => [e.code, e.path.join("."), e.params["detail"] ?? e.params["name"]])).toEqual([
      ["rule-invalid", "name", "invalid-value"],
      ["rule-invalid", "event.type", "missing-field"],
      ["rule-unknown-operator", "conditions.any.0.operator", "like"],
      ["rule-invalid", "conditions.any.1.path", "unsupported-path"]
    ])
  })

  it("prefixes paths when asked", () => {
    const r = decodeRule({ name: "r", conditions: { not: { condition: "c" } }, event: { type: "x" } }, ["rules", 3])
    expect(!r.ok && r.errors[0]?.path).toEqual(["rules", 3, "conditions", "not", "condition"])
  })

  it("rejects input that is not an object", () => {
    for (const u of [null, 1, "rule", []]) expect(decodeRule(u).ok).toBe(false)
  })
})

describe("the Rule schema", () => {
  it("has a JSON Schema for rule-pack tooling", () => {
    const schema = JSONSchema.make(Rule) as { $defs?: Record<string, unknown> }
    expect(Object.keys(schema.$defs ?? {})).toEqual(expect.arrayContaining(["Condition", "LeafCondition", "Operator", "JsonPath"]))
  })
})
