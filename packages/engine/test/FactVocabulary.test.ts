import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { FactDefinition, standard } from "@nongan/engine/FactVocabulary"

describe("the standard fact vocabulary", () => {
  it("documents every fact with its type", () => {
    expect(Object.fromEntries([...standard].map(([name, d]) => [name, d.type]))).toEqual({
      product: "string",
      productCategoryPath: "string[]",
      region: "string",
      sampledOn: "date",
      method: "string",
      kind: "string",
      substance: "string",
      substanceStatus: "string",
      measured: "number",
      limit: "number",
      ratioToLimit: "number",
      outcome: "string",
      producerGrade: "string",
      species: "string",
      tissue: "string",
      keyVariety: "boolean",
      unit: "string"
    })
  })

  it("every definition is valid and described in zh-CN and en", () => {
    for (const [name, d] of standard) {
      expect(Schema.is(FactDefinition)(d), name).toBe(true)
      expect(d.description["zh-CN"].length, name).toBeGreaterThan(0)
      expect(d.description.en.length, name).toBeGreaterThan(0)
    }
  })

  it("quantities name their unit", () => {
    expect(standard.get("measured")?.description.en).toContain("mg/kg")
    expect(standard.get("limit")?.description.en).toContain("mg/kg")
  })
})
