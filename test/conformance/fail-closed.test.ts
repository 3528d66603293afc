/**
 * Issue 17's examples as SDK regression cases (`fail-closed.json`): a malformed value that selects
 * law or decides a verdict is an error or `indeterminate`, never `compliant`; hostile packs are
 * typed errors at `createValidator`. Hostile JavaScript values (which JSON cannot hold) are the
 * cases at the end of this file.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { parseJsonLossless } from "@nongan/core/Json"
import { formatPath } from "@nongan/core/NonganError"
import { createValidator, loadDataset, type Validator, type ValidatorOptions } from "@nongan/sdk/Validator"

interface Case {
  readonly name: string
  readonly description: string
  readonly record?: Record<string, unknown>
  readonly text?: string
  readonly packs?: ReadonlyArray<unknown>
  readonly options?: { readonly decisionRule?: { readonly uncertainty: string }; readonly region?: string }
  readonly expect: {
    readonly verdict?: string
    readonly codes?: ReadonlyArray<string>
    readonly error?: string
    readonly path?: string
    readonly at?: "createValidator"
    readonly bundled?: boolean
    readonly generate?: string
  }
}

const file = JSON.parse(readFileSync(join(import.meta.dirname, "fail-closed.json"), "utf8")) as { county: unknown; cases: ReadonlyArray<Case> }
const dataset = loadDataset()
if (!dataset.ok) throw new Error("rule data does not load")

const ROW = { substance: "毒死蜱", food: "芹菜", limit: "0.01", unit: "mg/kg", citation: { instrument: "回归" }, verification: "official-text" }
/** Inputs too large to write into the JSON file, made here from the case's `generate`. */
const generated = (c: Case): { record?: Record<string, unknown>; packs?: ReadonlyArray<unknown> } => {
  const pack = c.packs?.[0] as Record<string, unknown> | undefined
  switch (c.expect.generate) {
    case "region-1mb":
      return { record: { ...c.record, region: "5".repeat(1 << 20) } }
    case "loq-infinity":
      return { record: { ...c.record, results: [{ substance: "啶虫脒", value: "ND", unit: "mg/kg", loq: 1e999 }] } }
    case "depth-5000": {
      let cond: unknown = { fact: "product", operator: "equal", value: "芹菜" }
      for (let i = 0; i < 5000; i++) cond = { all: [cond] }
      return { packs: [{ ...pack, customRules: [{ name: "deep", conditions: cond, event: { type: "local.deep" }, citation: { instrument: "回归" } }] }] }
    }
    case "rows-1000":
    case "rows-10000":
      return { packs: [{ ...pack, limits: Array.from({ length: c.expect.generate === "rows-1000" ? 1000 : 10_000 }, () => ({ ...ROW })) }] }
  }
  return {}
}

const validators = new Map<string, ReturnType<typeof createValidator>>()
const validatorFor = (c: Case, packs: ReadonlyArray<unknown> | undefined) => {
  const opts: ValidatorOptions = {
    dataset: dataset.value,
    ...(c.options?.decisionRule ? { decisionRule: c.options.decisionRule } : {}),
    ...(c.options?.region !== undefined ? { region: c.options.region } : {}),
    packs: (packs ?? []).map((p) => (p === "county" ? file.county : p)),
    bundledPacks: c.expect.at !== "createValidator" || c.expect.bundled === true
  }
  const key = c.expect.at === "createValidator" ? undefined : JSON.stringify([c.options, packs])
  if (key !== undefined && validators.has(key)) return validators.get(key)!
  const v = createValidator(opts)
  if (key !== undefined) validators.set(key, v)
  return v
}

describe("issue 17: fail closed (SDK regression cases)", () => {
  test("the corpus holds every example of the issue", () => {
    expect(file.cases.length).toBeGreaterThanOrEqual(40)
  })
  for (const c of file.cases)
    test(`${c.name}: ${c.description}`, () => {
      const g = generated(c)
      const v = validatorFor(c, g.packs ?? c.packs)
      if (c.expect.at === "createValidator") {
        expect(v.ok).toBe(false)
        if (!v.ok) {
          expect(v.errors.map((e) => e.code)).toContain(c.expect.error)
          if (c.expect.path !== undefined) expect(v.errors.map((e) => formatPath(e.path))).toContain(c.expect.path)
        }
        return
      }
      if (!v.ok) throw new Error(JSON.stringify(v.errors.slice(0, 3)))
      let input: unknown = g.record ?? c.record
      if (c.text !== undefined) {
        const p = parseJsonLossless(c.text)
        if (!p.ok) throw new Error("text")
        input = p.value
      }
      const r = v.value.validate(input)
      if (c.expect.error !== undefined) {
        expect(r.ok).toBe(false)
        if (!r.ok) {
          expect(r.errors[0]!.code).toBe(c.expect.error)
          if (c.expect.path !== undefined) expect(formatPath(r.errors[0]!.path)).toBe(c.expect.path)
          if (c.expect.error === "invalid-region" && /\d/.test(String((input as { region?: unknown }).region)))
            expect((r.errors[0]!.params["nearest"] as ReadonlyArray<string>).length).toBeGreaterThan(0)
        }
        return
      }
      expect(r.ok).toBe(true)
      if (r.ok) {
        expect(r.report.verdict).toBe(c.expect.verdict)
        if (c.expect.codes) expect(r.report.findings.map((f) => f.code)).toEqual(c.expect.codes)
      }
    })
})

describe("issue 17: hostile JavaScript values (SDK regression cases)", () => {
  const v = createValidator({ dataset: dataset.value })
  if (!v.ok) throw new Error("validator")
  const V: Validator = v.value
  const base = { id: "H", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜" }
  const hostile: ReadonlyArray<[string, () => unknown, string]> = [
    ["a sparse array of a million holes", () => ({ ...base, results: new Array(1_000_000) }), "too-large"],
    ["150,000 nulls", () => ({ ...base, results: new Array(150_000).fill(null) }), "too-large"],
    ["a 200,000-element results array", () => ({ ...base, results: Array.from({ length: 200_000 }, () => ({ substance: "毒死蜱", value: "0.01", unit: "mg/kg" })) }), "too-large"],
    ["a throwing getter", () => Object.defineProperty({ ...base }, "results", { enumerable: true, get: () => { throw new RangeError("x") } }), "unreadable-input"],
    ["a Proxy that throws", () => new Proxy({}, { ownKeys: () => { throw new RangeError("x") } }), "unreadable-input"],
    ["a throwing toString", () => ({ ...base, product: { toString: () => { throw new Error("x") } }, results: [] }), "unreadable-input"],
    ["a cycle", () => { const r: Record<string, unknown> = { ...base }; r["results"] = [r]; return r }, "unreadable-input"]
  ]
  for (const [name, make, code] of hostile)
    test(`${name}: ${code}, not a throw`, () => {
      const r = V.validate(make())
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors.map((e) => e.code)).toContain(code)
    })

  test("validateMany yields one result per input when one input is hostile", () => {
    const good = { ...base, results: [{ substance: "毒死蜱", value: "0.01", unit: "mg/kg" }] }
    const out = [...V.validateMany([good, hostile[3]![1](), good, hostile[0]![1](), good])]
    expect(out.map((r) => r.ok)).toEqual([true, false, true, false, true])
  })

  test("no mutable object is shared between two reports, or between a report and the rule data", () => {
    const recs = [
      { ...base, region: "500154", results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }, { substance: "克百威", value: "ND", unit: "mg/kg", lod: "0.01" }] },
      { ...base, product: "韭菜(散装称重)", results: [{ substance: "腐霉利", value: "6.71mg/kg" }, { substance: "毒死蜱", value: "0.5" }, { substance: "毒死蜱", value: "0.4" }] },
      { ...base, results: [{ substance: "不存在的农药", value: "0.1", unit: "mg/kg" }, { substance: "克百威", value: "0.1", unit: "mg/kg" }] },
      { id: "A-1", kind: "pesticide-application", product: "韭菜", pesticide: "腐霉利", lastAppliedOn: "2026-06-01", harvestedOn: "2026-06-03" },
      { id: "T-1", kind: "veterinary-treatment", species: "猪", drug: "恩诺沙星", lastDoseOn: "2026-06-01", slaughteredOn: "2026-06-03" }
    ]
    const mutable = (u: unknown, out: Set<object>, seen = new Set<object>()): Set<object> => {
      if (typeof u !== "object" || u === null || seen.has(u)) return out
      seen.add(u)
      if (!Object.isFrozen(u)) out.add(u)
      for (const v of Object.values(u)) mutable(v, out, seen)
      return out
    }
    let checked = 0
    for (const rec of recs) {
      const a = V.validate(rec)
      const b = V.validate(rec)
      if (!a.ok || !b.ok) continue
      checked++
      const ma = mutable(a.report, new Set())
      const mb = mutable(b.report, new Set())
      expect([...ma].filter((x) => mb.has(x))).toEqual([])
      // what is frozen is frozen all the way down
      const frozenWithMutableChild = (u: unknown, seen = new Set<object>()): boolean => {
        if (typeof u !== "object" || u === null || seen.has(u)) return false
        seen.add(u)
        return Object.values(u).some((v) => (Object.isFrozen(u) && typeof v === "object" && v !== null && !Object.isFrozen(v)) || frozenWithMutableChild(v, seen))
      }
      expect(frozenWithMutableChild(a.report)).toBe(false)
    }
    expect(checked).toBeGreaterThanOrEqual(3)
  })

  test("a frozen record is judged like a plain one", () => {
    const rec = { ...base, results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] }
    expect(JSON.stringify(V.validate(Object.freeze({ ...rec, results: Object.freeze([Object.freeze(rec.results[0]!)]) })))).toBe(JSON.stringify(V.validate(rec)))
  })

  test("mutating a returned report (citations, pack hashes) changes nothing that follows", () => {
    const rec = { ...base, region: "500154", results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] }
    const first = V.validate(rec)
    const expected = JSON.stringify(V.validate(rec))
    if (!first.ok) throw new Error("report")
    // what lies below the findings is frozen: a mutation is refused (TypeError in strict code) or has no effect
    const attempt = (f: () => void) => {
      try {
        f()
      } catch (e) {
        expect(e).toBeInstanceOf(TypeError)
      }
    }
    for (const f of first.report.findings) {
      if (f.citation) attempt(() => void ((f.citation as { instrument: string }).instrument = "vandal"))
      for (const c of f.citations ?? []) attempt(() => void ((c as { instrument: string }).instrument = "vandal"))
      // the finding itself is the caller's to change
      ;(f as { code: string }).code = "vandal"
    }
    for (const p of first.report.packs ?? []) attempt(() => void ((p as { hash: string }).hash = "vandal"))
    attempt(() => void (first.report.packs as Array<unknown>).push("vandal"))
    expect(JSON.stringify(V.validate(rec))).toBe(expected)
    expect(JSON.stringify(V.validate(rec))).not.toContain("vandal")
  })
})
