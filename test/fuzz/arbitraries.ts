/**
 * Generators for the fuzz suite (issue 17): every input form the SDK takes — JS records as a
 * caller builds them, JSON text read losslessly, hostile JavaScript values — mutations that make a
 * record invalid, equivalent spellings of one quantity, and hostile rule packs.
 */
import fc from "fast-check"

type Json = string | number | boolean | null | Json[] | { [k: string]: Json }

const PRODUCTS = ["豇豆", "芹菜", "韭菜", "普通白菜", "苹果", "猪肉"] as const
const SUBSTANCES = ["啶虫脒", "毒死蜱", "腐霉利", "克百威", "吡虫啉", "恩诺沙星"] as const
/** Real, well-formed GB/T 2260 codes (with and without a bundled pack), or none. */
export const REGIONS = ["500154", "511923", "511900", "540103", "110101", undefined] as const
const DATES = ["2023-05-11", "2024-06-15", "2026-06-15", "2022-07-01"] as const

/** A decimal string with at most 6 significant digits, 0.001 … 999. */
export const decimalString = fc
  .tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, places]) => {
    const s = String(n).padStart(places + 1, "0")
    return places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`
  })

const result = fc.record({
  substance: fc.constantFrom(...SUBSTANCES),
  value: fc.oneof(decimalString, fc.constantFrom("ND", "未检出", "<0.01", "检出")),
  unit: fc.constant("mg/kg")
})

/** A well-formed inspection record (its verdict may be anything). */
export const inspection = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    kind: fc.constant("inspection"),
    sampledOn: fc.constantFrom(...DATES),
    product: fc.constantFrom(...PRODUCTS),
    region: fc.constantFrom(...REGIONS),
    method: fc.constantFrom("lab", "rapid"),
    results: fc.array(result, { minLength: 1, maxLength: 4 })
  })
  .map((r) => {
    const out = { ...r } as Record<string, Json>
    if (r.region === undefined) delete out["region"]
    return out
  })

/** A use record (pesticide application or veterinary treatment), well-formed or nearly. */
export const useRecord: fc.Arbitrary<Json> = fc.oneof(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    kind: fc.constant("pesticide-application"),
    product: fc.constantFrom("豇豆", "芹菜", "苹果"),
    pesticide: fc.constantFrom("毒死蜱", "吡虫啉", "啶虫脒"),
    appliedOn: fc.constantFrom("2024-06-01", "2024-06-10"),
    harvestedOn: fc.constantFrom("2024-06-12", "2024-07-01"),
    region: fc.constantFrom("500154", "511923", "5001")
  }),
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    kind: fc.constant("veterinary-treatment"),
    species: fc.constantFrom("猪", "鸡"),
    drug: fc.constantFrom("恩诺沙星", "氟苯尼考"),
    lastDoseOn: fc.constantFrom("2024-06-01"),
    slaughteredOn: fc.constantFrom("2024-06-03", "2024-07-01"),
    region: fc.constantFrom("540103", "abc")
  })
)

/**
 * Mutations that make a valid record invalid: each must give an error or a verdict other than
 * `compliant`, never a confident `compliant`.
 */
type Mutation = { readonly name: string; readonly apply: (r: Record<string, Json>) => Record<string, Json> }
export const invalidating: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .constantFrom("500154 ", " 500154", "５００１５４", "500154\u200b", "5001540", "50015", "abc", "", "999999", "5".repeat(1 << 20))
    .map((region): Mutation => ({ name: `region ${JSON.stringify(region.slice(0, 10))}`, apply: (r) => ({ ...r, region }) })),
  fc.constant({ name: "results []", apply: (r: Record<string, Json>) => ({ ...r, results: [] }) }),
  fc
    .record({ field: fc.constantFrom("lod", "loq"), value: fc.constantFrom<Json>(-1, "", "abc", "-0.5", "1e99999", "<0.01", true, null) })
    .map(({ field, value }): Mutation => ({ name: `${field} ${JSON.stringify(value)}`, apply: (r) => withFirstResult(r, { [field]: value }) })),
  fc
    .constantFrom<Json>(1, "1", "100%", "150%", 2, -0.1, "", "abc", "50 %%")
    .map((u): Mutation => ({ name: `uncertainty ${JSON.stringify(u)}`, apply: (r) => withFirstResult(r, { uncertainty: u }) })),
  fc.constantFrom<Json>("", "LAB", "gc-ms", null).map((method): Mutation => ({ name: `method ${JSON.stringify(method)}`, apply: (r) => ({ ...r, method }) })),
  fc.constantFrom(0.1 + 0.2, 1 / 3, 0.30000000000000004).map((value): Mutation => ({ name: `inexact ${value}`, apply: (r) => withFirstResult(r, { value }) }))
)

const withFirstResult = (r: Record<string, Json>, patch: Record<string, Json>): Record<string, Json> => {
  const results = r["results"] as Array<Record<string, Json>>
  return { ...r, results: [{ ...results[0]!, ...patch }, ...results.slice(1)] }
}

/**
 * One quantity written several ways: a JS number with a unit field, a string, the unit inside the
 * string, full-width digits, µg/kg ×1000, and a JSON text read losslessly.
 */
export const spellings = fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 4 })).map(([n, places]) => {
  const mg = (n / 10 ** places).toFixed(places)
  const ug = (n * 10 ** (3 - places)).toFixed(Math.max(0, places - 3))
  const full = mg.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
  return {
    mg,
    forms: [
      { value: Number(mg), unit: "mg/kg" },
      { value: mg, unit: "mg/kg" },
      { value: `${mg}mg/kg` },
      { value: `${mg} 毫克/千克` },
      { value: full, unit: "mg/kg" },
      { value: ug, unit: "ug/kg" },
      { value: `${ug}μg/kg` }
    ] as ReadonlyArray<Record<string, Json>>
  }
})

/** Hostile JavaScript values a caller might pass (not JSON): each must give a typed error, never a throw. */
export const hostile: fc.Arbitrary<{ readonly name: string; readonly make: () => unknown }> = fc.constantFrom(
  { name: "throwing getter", make: () => Object.defineProperty({ id: "g", kind: "inspection" }, "product", { enumerable: true, get: () => { throw new Error("boom") } }) },
  { name: "throwing Proxy", make: () => new Proxy({}, { ownKeys: () => { throw new Error("trap") }, get: () => { throw new Error("trap") } }) },
  { name: "revoked Proxy", make: () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy } },
  { name: "cycle", make: () => { const r: Record<string, unknown> = { id: "c", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜" }; r["results"] = [r]; return r } },
  { name: "a million holes", make: () => ({ id: "h", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: new Array(1_000_000) }) },
  { name: "150 000 nulls", make: () => ({ id: "n", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: new Array(150_000).fill(null) }) },
  { name: "200 000 results", make: () => ({ id: "b", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: Array.from({ length: 200_000 }, () => ({ substance: "毒死蜱", value: "0.01", unit: "mg/kg" })) }) },
  { name: "frozen", make: () => Object.freeze({ id: "f", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: Object.freeze([Object.freeze({ substance: "毒死蜱", value: "0.01", unit: "mg/kg" })]) }) },
  { name: "throwing toString", make: () => ({ id: { toString: () => { throw new Error("x") } }, kind: { toString: () => { throw new Error("x") } } }) },
  { name: "symbol, bigint, function", make: () => ({ id: Symbol("s"), kind: "inspection", sampledOn: 1n, product: () => 1, results: [] }) },
  { name: "deep nesting", make: () => { let v: unknown = {}; for (let i = 0; i < 5000; i++) v = { extra: v }; return { id: "d", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", extra: v, results: [] } } },
  { name: "__proto__ key", make: () => JSON.parse('{"id":"p","kind":"inspection","sampledOn":"2024-06-15","product":"芹菜","__proto__":{"x":1},"results":[{"substance":"毒死蜱","value":"0.01","unit":"mg/kg"}]}') },
  { name: "array", make: () => [1, 2, 3] },
  { name: "null", make: () => null },
  { name: "number", make: () => 42 },
  { name: "huge string", make: () => "x".repeat(5 * 1024 * 1024) }
)

/** Rule packs built to break the loader: each must give typed errors (or load), never throw. */
type HostilePack = { readonly name: string; readonly pack: () => unknown }
export const hostilePack: fc.Arbitrary<HostilePack> = fc.oneof(
  fc.constantFrom("__proto__", "hasOwnProperty", "valueOf", "constructor", "toString", "isPrototypeOf").map((fact) => ({
    name: `fact ${fact}`,
    pack: () => pack({ customRules: [rule({ all: [{ fact, operator: "equal", value: 1 }] })] })
  })),
  fc.integer({ min: 33, max: 5000 }).map((depth) => ({
    name: `depth ${depth}`,
    pack: () => {
      let c: unknown = { fact: "product", operator: "equal", value: "芹菜" }
      for (let i = 0; i < depth; i++) c = { all: [c] }
      return pack({ customRules: [rule(c)] })
    }
  })),
  fc.constantFrom(2, 1000, 10_000).map((n): HostilePack => ({ name: `${n} identical rows`, pack: () => pack({ limits: Array.from({ length: n }, () => ({ ...ROW })) }) })),
  fc.constant({ name: "1 degree-day withdrawal", pack: () => pack({ intervals: [{ drug: "恩诺沙星", species: "猪", value: "1", unit: "degree-days", citation: CITE }] }) }),
  fc.constantFrom<Json>("1批次", ["1"], "不少于1批次").map((value): HostilePack => ({ name: `at-least ${JSON.stringify(value)}`, pack: () => pack({ parameters: [{ id: "sampling-batches", value, direction: "at-least", citation: CITE }] }) })),
  fc.constant({ name: "1001 rules", pack: () => pack({ customRules: Array.from({ length: 1001 }, (_, i) => ({ ...rule({ all: [] }), name: `r${i}` })) }) }),
  fc.constant({ name: "getter pack", pack: () => Object.defineProperty(pack({}), "limits", { enumerable: true, get: () => { throw new Error("x") } }) }),
  fc.constant({ name: "Proxy pack", pack: () => new Proxy(pack({}), { get: () => { throw new Error("x") } }) }),
  fc.anything().map((junk): HostilePack => ({ name: "junk", pack: () => junk }))
)

const CITE = { instrument: "模糊测试" }
const ROW = { substance: "毒死蜱", food: "芹菜", limit: "0.01", unit: "mg/kg", citation: CITE, verification: "official-text" }
const rule = (conditions: unknown) => ({ name: "r", conditions, event: { type: "local.fuzz" }, citation: CITE })
const pack = (extra: Record<string, unknown>) => ({
  kind: "rule-pack", id: "cn-500154-fuzz", jurisdiction: "500154", name: "模糊测试", version: "1",
  effective: { from: "2020-01-01" }, parent: "500000", source: CITE, ...extra
})
