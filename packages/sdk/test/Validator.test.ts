import { ErrorCode, formatPath } from "@nongan/core/NonganError"
import { getOrThrow } from "@nongan/core/Result"
import type { Dataset } from "@nongan/engine/Dataset"
import { definePlugin } from "@nongan/sdk/Packs"
import { createValidator, loadDataset, type Validation, type Validator } from "@nongan/sdk/Validator"
import { beforeAll, describe, expect, it } from "vitest"

let ds: Dataset
let v: Validator
beforeAll(() => {
  ds = getOrThrow(loadDataset())
  v = getOrThrow(createValidator({ dataset: ds }))
})

const cite = { instrument: "测试文件" }
const countyPack = definePlugin({
  kind: "rule-pack",
  id: "cn-511923-t",
  jurisdiction: "511923" as never,
  name: "恩阳区（测试）",
  version: "1.0.0",
  effective: { from: "2026-03-01" as never },
  parent: "511900" as never,
  source: cite,
  customRules: [
    {
      name: "key-variety-watch",
      conditions: { all: [{ fact: "product", operator: "equal", value: "豇豆" }] },
      event: { type: "local.key-variety-watch", params: { severity: "info" } },
      citation: cite
    }
  ]
})
const rec = (u: Record<string, unknown> = {}) => ({
  id: "R-1",
  kind: "inspection",
  sampledOn: "2026-06-15",
  product: "普通白菜",
  results: [{ substance: "啶虫脒", value: "0.5", unit: "mg/kg" }],
  ...u
})
const codes = (r: Validation) => (r.ok ? [] : r.errors.map((e) => [e.code, formatPath(e.path)]))

describe("createValidator", () => {
  it("loads the bundled data and packs", () => {
    expect([...v.composition.layers.keys()].sort()).toEqual(["500154", "511900", "540103"])
    expect(v.composition.national.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it("an invalid extra pack returns { ok: false, errors } with paths, and never throws", () => {
    const cases: ReadonlyArray<readonly [unknown, string, string]> = [
      [{ kind: "rule-pack", id: "x" }, "missing-field", "packs[0]"],
      [42, "invalid-type", "packs[0]"],
      [null, "invalid-type", "packs[0]"],
      [{ ...countyPack, parent: "500000" }, "pack-unknown-parent", "packs[0].parent"],
      [{ ...countyPack, limits: [{ substance: "啶虫脒", food: "普通白菜", limit: "2", unit: "mg/kg", citation: cite, verification: "secondary" }] }, "pack-loosens", "packs[0].limits[0]"],
      [{ ...countyPack, customRules: [{ ...countyPack.customRules[0], conditions: { all: [{ fact: "prodcut", operator: "equal", value: "豇豆" }] } }] }, "rule-unknown-fact", "packs[0].customRules[0].conditions.all[0].fact"],
      [{ ...countyPack, jurisdiction: "5119" }, "invalid-region", "packs[0].jurisdiction"],
      [{ ...countyPack, effective: { from: "2026-03-01", to: "2026-01-01" } }, "date-order", "packs[0].effective"]
    ]
    for (const [pack, code, path] of cases) {
      let r: ReturnType<typeof createValidator> | undefined
      expect(() => (r = createValidator({ dataset: ds, packs: [pack] }))).not.toThrow()
      expect(r!.ok, JSON.stringify(pack)).toBe(false)
      if (r!.ok) continue
      for (const e of r!.errors) expect((ErrorCode.literals as ReadonlyArray<string>).includes(e.code)).toBe(true)
      const found = r!.errors.map((e) => [e.code, formatPath(e.path)])
      expect(found.some(([c, p]) => c === code && p!.startsWith(path)), `${code} at ${path} in ${JSON.stringify(found)}`).toBe(true)
    }
  })

  it("a valid extra pack is composed with the bundled ones", () => {
    const w = getOrThrow(createValidator({ dataset: ds, packs: [countyPack] }))
    const r = w.validate(rec({ product: "豇豆", region: "511923", results: [{ substance: "克百威", value: "ND" }] }))
    expect(r.ok && r.report.packs?.map((p) => p.id)).toEqual(["cn-national", "cn-511900-2024", "cn-511923-t"])
    expect(r.ok && r.report.findings.map((f) => f.code)).toContain("local.key-variety-watch")
  })

  it("a missing rules directory is an error, not a throw", () => {
    const r = createValidator({ rulesDir: "/nonexistent/rules" })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]?.code).toBe("io")
  })

  it("a decision rule with a bad uncertainty is `invalid-decimal` at decisionRule.uncertainty", () => {
    for (const u of ["abc", "-0.5", "", "50%"]) {
      const r = createValidator({ dataset: ds, decisionRule: { uncertainty: u } })
      expect(r.ok, u).toBe(false)
      if (!r.ok) expect(r.errors.map((e) => [e.code, formatPath(e.path), e.params["value"]])).toEqual([["invalid-decimal", "decisionRule.uncertainty", u]])
    }
  })

  it("a good uncertainty is the decision rule every finding names", () => {
    const mu = getOrThrow(createValidator({ dataset: ds, decisionRule: { uncertainty: "0.5" } }))
    const record = rec({ results: [{ substance: "啶虫脒", value: "1.2", unit: "mg/kg" }] })
    const plain = v.validate(record)
    const judged = mu.validate(record)
    expect(plain.ok && plain.report.verdict).toBe("non-compliant")
    expect(judged.ok && judged.report.verdict).toBe("indeterminate")
    expect(judged.ok && judged.report.findings[0]?.decisionRule).toBe("uncertainty(x-U>L, U=50%)")
  })

  it("the default region judges records that carry none", () => {
    const w = getOrThrow(createValidator({ dataset: ds, region: "500154" }))
    const r = w.validate(rec({ sampledOn: "2022-06-15" }))
    expect(r.ok && r.report.region).toBe("500154")
    expect(r.ok && r.report.packs?.map((p) => p.id)).toEqual(["cn-national", "cn-500154-2022"])
    const own = w.validate(rec({ sampledOn: "2022-06-15", region: "540103" }))
    expect(own.ok && own.report.packs?.map((p) => p.id)).toEqual(["cn-national"])
  })
})

describe("validate", () => {
  it("judges a record, and a record without `kind` as an inspection", () => {
    const r = v.validate(rec())
    expect(r.ok && r.report.verdict).toBe("compliant")
    const { kind: _k, ...bare } = rec()
    expect(v.validate(bare)).toEqual(r)
  })

  it("never throws on any input, and names what is wrong with a path", () => {
    expect(codes(v.validate(42))).toEqual([["invalid-type", ""]])
    expect(codes(v.validate(null))).toEqual([["invalid-type", ""]])
    expect(codes(v.validate([rec()]))).toEqual([["invalid-type", ""]])
    expect(codes(v.validate(rec({ kind: "market-report" })))).toEqual([["unknown-record-kind", "kind"]])
    expect(codes(v.validate(rec({ sampledOn: "2026-02-30" })))).toEqual([["invalid-date", "sampledOn"]])
    expect(codes(v.validate(rec({ product: "不存在的菜" })))).toEqual([["unknown-food", "product"]])
    expect(codes(v.validate(rec({ results: [{ substance: "啶虫脒", value: "about 1", unit: "mg/kg" }] })))).toEqual([["unreadable-measurement", "results[0].value"]])
    expect(codes(v.validate(rec({ colour: "green" })))).toEqual([["unexpected-field", "colour"]])
  })

  it("a failure carries the record's id and its first error rendered", () => {
    const r = v.validate(rec({ id: "KZ-9", product: "不存在的菜" }))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.failure.id).toBe("KZ-9")
      expect(r.failure.error).toMatchObject({ code: "unknown-food", path: "product" })
      expect(r.failure.error.message.length).toBeGreaterThan(0)
    }
    const en = getOrThrow(createValidator({ dataset: ds, locale: "en" })).validate(rec({ product: "不存在的菜" }))
    expect(!en.ok && en.failure.error.message).toMatch(/unknown food/i)
    const many = v.validate(rec({ product: "不存在的菜", results: [{ substance: "不存在的药", value: "1", unit: "mg/kg" }] }))
    expect(!many.ok && many.failure.errors?.map((e) => e.code)).toEqual(["unknown-food", "unknown-substance"])
  })
})

describe("validateMany", () => {
  it("gives one result per input, in order, for an iterable of mixed good and bad records", () => {
    const inputs: ReadonlyArray<unknown> = [
      rec({ id: "a" }),
      42,
      rec({ id: "c", product: "不存在的菜" }),
      null,
      rec({ id: "e", results: [{ substance: "啶虫脒", value: "2", unit: "mg/kg" }] }),
      "not a record",
      rec({ id: "g", kind: "market-report" }),
      rec({ id: "h", region: "511923" })
    ]
    function* gen() {
      yield* inputs
    }
    const out = [...v.validateMany(gen())]
    expect(out).toHaveLength(inputs.length)
    expect(out.map((r) => (r.ok ? r.report.verdict : r.errors[0]!.code))).toEqual([
      "compliant",
      "invalid-type",
      "unknown-food",
      "invalid-type",
      "non-compliant",
      "invalid-type",
      "unknown-record-kind",
      "compliant"
    ])
    expect(out.map((r) => (r.ok ? r.report.id : r.failure.id))).toEqual(["a", null, "c", null, "e", null, "g", "h"])
    // the same results as one validate per record
    expect(out).toEqual(inputs.map((i) => v.validate(i)))
  })

  it("is lazy: it reads a record only when its result is asked for", () => {
    let read = 0
    function* gen() {
      for (let i = 0; i < 1_000_000; i++) {
        read++
        yield rec({ id: `r${i}` })
      }
    }
    const it = v.validateMany(gen())[Symbol.iterator]()
    const first = it.next()
    expect(!first.done && first.value.ok && first.value.report.id).toBe("r0")
    expect(read).toBe(1)
  })

  it("an empty iterable gives no results", () => {
    expect([...v.validateMany([])]).toEqual([])
  })
})
