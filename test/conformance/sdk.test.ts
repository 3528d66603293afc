import { describe, expect, test } from "vitest"
import { createValidator, loadDataset } from "@nongan/sdk/Validator"
import { cases, mismatches } from "./corpus"

const dataset = loadDataset()
if (!dataset.ok) throw new Error(`rule data does not load: ${JSON.stringify(dataset.errors.slice(0, 5))}`)

describe("conformance corpus through the SDK", () => {
  test("the corpus is not empty and covers verdicts and errors", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
    expect(cases.some((c) => "error" in c.expect)).toBe(true)
    for (const v of ["compliant", "non-compliant", "indeterminate"]) expect(cases.some((c) => "verdict" in c.expect && c.expect.verdict === v)).toBe(true)
  })
  for (const c of cases)
    test(c.name, () => {
      const v = createValidator({ dataset: dataset.value, decisionRule: c.options?.decisionRule ?? "reported-value" })
      if (!v.ok) throw new Error("validator")
      const r = v.value.validate(c.record)
      const out = r.ok ? r.report : r.failure
      expect(mismatches(c, out)).toEqual([])
    })
})
