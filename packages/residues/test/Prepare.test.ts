// One bad analyte never sinks a record: per-analyte errors, duplicates, name readings carried
// into findings, and the verdict rules they follow — over the real dataset.
import type { Finding } from "@nongan/core/Finding"
import { formatPath } from "@nongan/core/NonganError"
import type { InspectionRecord } from "@nongan/residues/Inspection"
import { judgeInspection, prepareInspection } from "@nongan/residues/Judge"
import { createValidator, loadDataset } from "@nongan/sdk/Validator"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { arbDateIn, arbExact, foodsUnder, renderX } from "./helpers"

const loaded = loadDataset()
if (!loaded.ok) throw new Error(`rule data does not load: ${JSON.stringify(loaded.errors.slice(0, 5))}`)
const ds = loaded.value

let seq = 0
const record = (product: string, sampledOn: string, results: ReadonlyArray<Record<string, unknown>>, extra: Record<string, unknown> = {}): InspectionRecord =>
  ({ id: `P-${++seq}`, kind: "inspection", sampledOn, product, method: "lab", results, ...extra }) as unknown as InspectionRecord

const judged = (r: InspectionRecord) => {
  const out = judgeInspection(ds, r)
  if (!out.ok) throw new Error(`${JSON.stringify(r)}: ${JSON.stringify(out.errors)}`)
  return out.value
}
const errorsOf = (r: InspectionRecord) => {
  const out = judgeInspection(ds, r)
  return out.ok ? undefined : out.errors.map((e) => `${e.code}@${formatPath(e.path)}`)
}
const codes = (fs: ReadonlyArray<Finding>) => fs.map((f) => f.code)
const UNKNOWN = "某未登记农药"

describe("an analyte that cannot be read is an error of that analyte", () => {
  test("豇豆 with 克百威 0.062 and an uncatalogued analyte keeps its ban finding and criminal referral", () => {
    const r = judged(
      record("豇豆", "2026-06-15", [
        { substance: "克百威", value: "0.062", unit: "mg/kg" },
        { substance: UNKNOWN, value: "0.1", unit: "mg/kg" }
      ])
    )
    expect(r.verdict).toBe("non-compliant")
    expect(codes(r.findings)).toEqual(["residue.exceeds-limit", "residue.prohibited-use", "analyte.unreadable"])
    expect(r.findings[1]).toMatchObject({ severity: "critical", referral: "criminal-referral", substance: "克百威" })
    const bad = r.findings[2]!
    expect(bad).toMatchObject({ severity: "warning", outcome: "unreadable", food: "豇豆", values: { written: UNKNOWN, path: "results[1]" } })
    expect(bad.substance).toBeUndefined()
    expect(bad.error).toMatchObject({ code: "unknown-substance", path: "results[1].substance" })
    expect(bad.error!.message).toContain(UNKNOWN)
  })

  test("a bad analyte among compliant ones makes the record indeterminate, never compliant", () => {
    const r = judged(
      record("韭菜", "2023-05-11", [
        { substance: "腐霉利", value: "0.5", unit: "mg/kg" },
        { substance: "腐霉利", value: "231g/kg" }
      ])
    )
    expect(r.verdict).toBe("indeterminate")
    expect(codes(r.findings)).toEqual(["residue.within-limit", "analyte.unreadable"])
    // the substance was read, so the finding names it
    expect(r.findings[1]).toMatchObject({ substance: "腐霉利", error: { code: "suspect-unit", path: "results[1].value" } })
  })

  test("every kind of analyte error is carried with its path", () => {
    const good = { substance: "腐霉利", value: "0.5", unit: "mg/kg" }
    const cases: ReadonlyArray<[Record<string, unknown>, string]> = [
      [{ substance: UNKNOWN, value: "0.1", unit: "mg/kg" }, "unknown-substance@results[1].substance"],
      [{ substance: "腐霉利", value: "about 3", unit: "mg/kg" }, "unreadable-measurement@results[1].value"],
      [{ substance: "腐霉利", value: "0.1", unit: "ppm" }, "invalid-unit@results[1].unit"],
      [{ substance: "腐霉利", value: "588μg/k" }, "truncated-unit@results[1].value"],
      [{ substance: "腐霉利", value: "2.06×104μg/kg" }, "damaged-exponent@results[1].value"],
      [{ substance: "腐霉利", value: "0.1" }, "missing-field@results[1].unit"],
      [{ substance: "腐霉利" }, "missing-field@results[1].value"],
      [{ substance: "腐霉利", value: "0.1", unit: "mg/kg", uncertainty: "lots" }, "invalid-decimal@results[1].uncertainty"],
      [{ substance: "克百威", components: [{ substance: UNKNOWN, value: "0.01", unit: "mg/kg" }] }, "unknown-substance@results[1].components[0].substance"]
    ]
    for (const [bad, expected] of cases) {
      const r = judged(record("韭菜", "2023-05-11", [good, bad]))
      expect(r.verdict, expected).toBe("indeterminate")
      expect(r.findings.filter((f) => f.error).map((f) => `${f.error!.code}@${f.error!.path}`)).toEqual([expected])
      expect(r.findings[0]).toMatchObject({ code: "residue.within-limit", substance: "腐霉利" })
    }
  })

  test("a record none of whose results can be read is an error of the record, with every path", () => {
    expect(
      errorsOf(
        record("韭菜", "2023-05-11", [
          { substance: UNKNOWN, value: "0.1", unit: "mg/kg" },
          { substance: "腐霉利", value: "231g/kg" }
        ])
      )
    ).toEqual(["unknown-substance@results[0].substance", "suspect-unit@results[1].value"])
  })

  test("a record with no results is an error, not compliant", () => {
    expect(errorsOf(record("韭菜", "2023-05-11", []))).toEqual(["empty-results@results"])
  })

  test("a record whose product cannot be read is an error of the record, listing its analytes' errors too", () => {
    expect(
      errorsOf(
        record("小白采", "2023-05-11", [
          { substance: "腐霉利", value: "0.5", unit: "mg/kg" },
          { substance: UNKNOWN, value: "0.1", unit: "mg/kg" }
        ])
      )
    ).toEqual(["unknown-food@product", "unknown-substance@results[1].substance"])
  })

  // one analyte with a value near its limit, on a food and date the limit reaches
  const valueRows = ds.limits.rows().filter((r) => r.row.limit !== undefined)
  const arbGood = fc
    .constantFrom(...valueRows)
    .chain((r) => {
      const dates = arbDateIn(r)
      const members = foodsUnder(ds, r.row)
      return dates && members.length > 0 ? fc.tuple(fc.constant(r), fc.constantFrom(...members), dates, arbExact(5, 4)) : fc.constant(undefined)
    })
    .filter((x) => x !== undefined)
    .map(([r, food, date, x]) => ({ food: food.id, date, result: { substance: r.row.substance, value: renderX(x), unit: r.row.unit } }))
  const arbBad = fc.constantFrom<Record<string, unknown>>(
    { substance: UNKNOWN, value: "0.1", unit: "mg/kg" },
    { substance: "毒死蜱", value: "about 3", unit: "mg/kg" },
    { substance: "毒死蜱", value: "231g/kg" },
    { substance: "毒死蜱", value: "588μg/k" },
    { substance: "毒死蜱", value: "1.2x10-3", unit: "mg/kg" },
    { substance: "毒死蜱", value: "0.1", unit: "ppm" },
    { substance: "毒死蜱", value: 0.1 }
  )

  test("inserting unreadable analytes anywhere leaves every other finding as it was; the verdict is the clean one, or indeterminate", () => {
    fc.assert(
      fc.property(arbGood, fc.array(fc.tuple(arbBad, fc.nat()), { minLength: 1, maxLength: 3 }), (g, bads) => {
        const clean = judged(record(g.food, g.date, [g.result]))
        const results: Array<Record<string, unknown>> = [g.result]
        for (const [bad, k] of bads) results.splice(k % (results.length + 1), 0, bad)
        const dirty = judged(record(g.food, g.date, results))
        const problems = dirty.findings.filter((f) => f.code === "analyte.unreadable")
        expect(dirty.findings.filter((f) => f.code !== "analyte.unreadable")).toEqual(clean.findings)
        expect(problems).toHaveLength(bads.length)
        const goodAt = results.indexOf(g.result)
        expect(problems.map((f) => f.values!.path)).toEqual(results.flatMap((r, i) => (i === goodAt ? [] : [`results[${i}]`])))
        expect(dirty.verdict).toBe(clean.verdict === "non-compliant" ? "non-compliant" : "indeterminate")
      }),
      { numRuns: 300 }
    )
  })
})

describe("the same analyte twice", () => {
  test("is a warning naming both paths; both are judged", () => {
    const r = judged(
      record("韭菜", "2023-05-11", [
        { substance: "腐霉利", value: "0.5", unit: "mg/kg" },
        { substance: "腐霉利", value: "0.6", unit: "mg/kg" }
      ])
    )
    expect(r.verdict).toBe("indeterminate")
    expect(codes(r.findings)).toEqual(["residue.within-limit", "residue.within-limit", "analyte.duplicate"])
    expect(r.findings[2]).toMatchObject({ severity: "warning", outcome: "duplicate-analyte", substance: "腐霉利", values: { paths: ["results[0]", "results[1]"] } })
  })

  test("is found through an alias (呋喃丹 is 克百威), and never hides a violation", () => {
    const r = judged(
      record("豇豆", "2026-06-15", [
        { substance: "克百威", value: "ND" },
        { substance: "呋喃丹", value: "0.062", unit: "mg/kg" }
      ])
    )
    expect(r.verdict).toBe("non-compliant")
    expect(codes(r.findings)).toEqual(["residue.not-detected", "residue.exceeds-limit", "residue.prohibited-use", "analyte.duplicate"])
  })
})

describe("检出 with no number", () => {
  test("against a numeric limit cannot be compared: a not-quantified warning, not a rapid-test result", () => {
    const r = judged(record("韭菜", "2023-05-11", [{ substance: "腐霉利", value: "检出" }]))
    expect(r.verdict).toBe("indeterminate")
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ code: "residue.not-quantified", outcome: "detected-not-quantified", severity: "warning", limit: 5, values: { reason: "detected-not-quantified" } })
    expect(r.findings[0]!.referral).toBeUndefined()
  })

  test("of a prohibited substance is still illegal use: detection suffices", () => {
    const r = judged(record("豇豆", "2026-06-15", [{ substance: "克百威", value: "检出" }]))
    expect(r.verdict).toBe("non-compliant")
    expect(codes(r.findings)).toEqual(["residue.not-quantified", "residue.prohibited-use"])
    expect(r.findings[1]).toMatchObject({ referral: "criminal-referral" })
  })

  test("on a rapid test stays a screen result", () => {
    const r = judged(record("韭菜", "2023-05-11", [{ substance: "腐霉利", value: "检出" }], { method: "rapid" }))
    expect(codes(r.findings)).toEqual(["residue.screen-positive"])
  })
})

describe("name and value readings are carried into findings", () => {
  test("an alias read as its entry is noted on every finding of the analyte; an exact name is not", () => {
    const r = judged(
      record("豇豆", "2026-06-15", [
        { substance: "呋喃丹", value: "0.062", unit: "mg/kg" },
        { substance: "毒死蜱", value: "ND" }
      ])
    )
    const furadan = r.findings.filter((f) => f.substance === "克百威")
    expect(furadan.length).toBeGreaterThanOrEqual(2)
    for (const f of furadan) expect(f.read?.substance).toMatchObject({ written: "呋喃丹", read: "克百威", steps: [{ kind: "synonym" }] })
    expect(r.findings.find((f) => f.substance === "毒死蜱")!.read).toBeUndefined()
  })

  test("an expressed-as clause is noted; a value in a non-canonical form is noted as written", () => {
    const r = judged(record("菠菜", "2024-03-01", [{ substance: "铅（以Pb计）", value: "０.２５毫克/千克" }]))
    expect(r.findings[0]!.read?.substance?.steps.map((s) => s.kind)).toContain("expressed-as")
    expect(r.findings[0]!.read?.value).toBe("０.２５毫克/千克")
    expect(r.findings[0]).toMatchObject({ code: "residue.within-limit", measured: 0.25 })
  })

  test("a clause that disagrees with the residue definition is a warning, cited; the analyte is still judged", () => {
    const r = judged(record("菠菜", "2024-03-01", [{ substance: "镉(以Pb计)", value: "0.05", unit: "mg/kg" }]))
    expect(codes(r.findings)).toEqual(["residue.within-limit", "analyte.definition-mismatch"])
    const m = r.findings[1]!
    expect(m).toMatchObject({ severity: "warning", outcome: "definition-mismatch", substance: "镉", values: { written: "镉(以Pb计)" } })
    // cited to the residue definition held (or, without one, to the substance's entry)
    const cadmium = ds.substances.get("镉")!
    const cited = cadmium.residueDefinition?.citation ?? cadmium.citation
    expect(cited).toBeDefined()
    expect(m.citation).toEqual(cited)
    expect(m.source).toBe(cited!.instrument)
    expect(r.verdict).toBe("indeterminate")
  })

  test("readings are made per record: a prepared analyte carries its note", () => {
    const p = prepareInspection(ds, record("豇豆", "2026-06-15", [{ substance: "呋喃丹", value: "0.062", unit: "mg/kg" }]))
    if (!p.ok) throw new Error(JSON.stringify(p.errors))
    expect(p.value.analytes[0]!.read?.substance?.read).toBe("克百威")
    expect(p.value.problems).toEqual([])
  })
})

describe("through the SDK", () => {
  test("an analyte's error is rendered in the validator's locale", () => {
    const rec = record("豇豆", "2026-06-15", [
      { substance: "克百威", value: "0.062", unit: "mg/kg" },
      { substance: UNKNOWN, value: "0.1", unit: "mg/kg" }
    ])
    for (const [locale, words] of [["zh-CN", "未知的物质名称"], ["en", "unknown substance"]] as const) {
      const v = createValidator({ dataset: ds, locale })
      if (!v.ok) throw new Error("validator")
      const r = v.value.validate(rec)
      if (!r.ok) throw new Error(JSON.stringify(r.failure))
      const bad = r.report.findings.find((f) => f.code === "analyte.unreadable")!
      expect(bad.error!.message).toContain(words)
      expect(bad.error!.path).toBe("results[1].substance")
      expect(r.report.findings.some((f) => f.referral === "criminal-referral")).toBe(true)
    }
  })
})
