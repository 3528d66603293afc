// The inspection-record decoder's fast path (lenient decode after a key check) must give exactly
// what the strict decoder gives, for valid and invalid records alike.
import { Either, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { decoder } from "@nongan/core/Decode"
import { toPlain } from "@nongan/core/Plain"
import { checkValues, copyInspection, decode, decodeOwned, InspectionRecord, structural } from "@nongan/residues/Inspection"

const strict = decoder(InspectionRecord)
const key = fc.constantFrom("id", "kind", "sampledOn", "product", "region", "method", "state", "results", "extra", "prodcut", "value", "unit", "x")
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("2026-06-15", "2025-02-29", "inspection", "lab", "rapid", "laying", "豇豆", "克百威", "0.062", "mg/kg"), fc.integer(), fc.constant(null))
const component = fc.dictionary(fc.constantFrom("substance", "value", "unit", "x"), scalar, { maxKeys: 4 })
const result = fc.oneof(
  fc.record({ substance: fc.constantFrom("克百威", "毒死蜱"), value: fc.oneof(fc.constantFrom("0.062", "ND", "<0.01"), fc.double({ noNaN: true })), unit: fc.constantFrom("mg/kg", "ug/kg") }, { requiredKeys: ["substance"] }),
  fc.dictionary(fc.constantFrom("substance", "value", "unit", "lod", "components", "y"), fc.oneof(scalar, fc.array(component, { maxLength: 2 })), { maxKeys: 5 })
)
const valid = fc.record({
  id: fc.string({ minLength: 1, maxLength: 5 }),
  kind: fc.constant("inspection"),
  sampledOn: fc.constantFrom("2026-06-15", "2024-02-29"),
  product: fc.constantFrom("豇豆", "芹菜"),
  method: fc.constantFrom("lab", "rapid"),
  results: fc.array(result, { maxLength: 3 })
})
const mutated = fc.tuple(valid, fc.dictionary(key, fc.oneof(scalar, fc.array(result, { maxLength: 2 })), { maxKeys: 3 })).map(([v, extra]) => ({ ...v, ...extra }))
const anything = fc.oneof(valid, mutated, fc.anything())

describe("Inspection.decode", () => {
  test("the fast path agrees with the strict decoder on every input (value or errors with paths)", () => {
    fc.assert(
      fc.property(anything, (u) => {
        // (then the checks the schema cannot state: lod, loq, uncertainty, exact numbers)
        const s = strict(u)
        expect(decode(u)).toEqual(s.ok ? checkValues(s.value) : s)
      }),
      { numRuns: 3000 }
    )
  })
  test("a misspelt field is an error at that field even though the lenient decoder would drop it", () => {
    const r = decode({ id: "a", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "克百威", value: "ND", untis: "mg/kg" }] })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => [e.code, e.path])).toEqual([["unexpected-field", ["results", 0, "untis"]]])
    expect(Either.isRight(Schema.decodeUnknownEither(InspectionRecord)({ id: "a", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "克百威", untis: "x" }] }))).toBe(true)
  })

  test("the structural fast path: whatever it accepts, the strict decoder accepts with the same value, keys and key order", () => {
    // undefined-valued keys, null-prototype objects and class instances as well as plain records
    const withUndefined = fc.tuple(valid, fc.subarray(["region", "method", "state", "producer"] as const)).map(([v, ks]) => {
      const out: Record<string, unknown> = { ...v }
      for (const k of ks) out[k] = undefined
      return out
    })
    const resultsWithUndefined = valid.map((v) => ({ ...v, results: v.results.map((r) => ({ ...r, unit: undefined, lod: undefined })) }))
    const nullProto = valid.map((v) => Object.assign(Object.create(null), v))
    class Rec { constructor(v: object) { Object.assign(this, v) } }
    const instance = valid.map((v) => new Rec(v))
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(valid, mutated, withUndefined, resultsWithUndefined, nullProto, instance, fc.anything()), (u) => {
        const fast = structural(u)
        if (fast === undefined) return
        accepted++
        const s = strict(u)
        expect(s.ok).toBe(true)
        if (!s.ok) return
        expect(fast).toStrictEqual(s.value)
        expect(JSON.stringify(fast)).toBe(JSON.stringify(s.value))
        const keys = (x: unknown): unknown => (Array.isArray(x) ? x.map(keys) : typeof x === "object" && x !== null ? Object.entries(x).map(([k, v]) => [k, keys(v)]) : typeof x)
        expect(keys(fast)).toEqual(keys(s.value))
      }),
      { numRuns: 3000 }
    )
    // the property is not vacuous: most generated records take the fast path
    expect(accepted).toBeGreaterThan(500)
  })

  test("decodeOwned on a copy of its own gives what decode gives (fields, values, errors), uncopied when it has the usual shape", () => {
    const withUndefined = valid.map((v) => ({ ...v, region: undefined, results: v.results.map((r) => ({ ...r, lod: undefined })) }))
    let same = 0
    fc.assert(
      fc.property(fc.oneof(valid, mutated, withUndefined, fc.anything()), (u) => {
        const want = decode(u)
        // the validator's own copy of the input, as it decodes it
        const copy = toPlain(u)
        if (!copy.ok) return
        const got = decodeOwned(copy.value)
        expect(got).toEqual(want)
        if (got.ok && want.ok) {
          // the same keys and values; the order of keys may be the input's own
          const sorted = (x: unknown): unknown => (Array.isArray(x) ? x.map(sorted) : typeof x === "object" && x !== null ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)])) : x)
          expect(sorted(got.value)).toStrictEqual(sorted(want.value))
          if (got.value === copy.value) same++
        }
      }),
      { numRuns: 3000 }
    )
    expect(same).toBeGreaterThan(300)
  })

  test("copyInspection reads an untrusted record once into what toPlain and decodeOwned make of it, or leaves it to them", () => {
    const noKind = valid.map(({ kind: _, ...rest }) => rest)
    // getters (counting their reads), a Proxy, a getter that throws, a string beyond the bound
    const withGetters = valid.map((v) => {
      const reads = { n: 0 }
      const o: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(o, k, { enumerable: true, get: () => (reads.n++, x) })
      return o
    })
    const proxied = valid.map((v) => new Proxy(v, {}))
    const throwing = valid.map((v) => Object.defineProperty({ ...v }, "product", { enumerable: true, get: () => { throw new Error("no") } }))
    const longString = valid.map((v) => ({ ...v, producer: "x".repeat(40) }))
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(valid, mutated, noKind, withGetters, proxied, throwing, longString, fc.anything()), (u) => {
        const c = copyInspection(u, 32)
        if (c === undefined) return
        accepted++
        const plain = toPlain(u, { depth: 32, arrayLength: 10_000, keys: 1_000, stringLength: 32, nodes: 1_000_000 })
        expect(plain.ok).toBe(true)
        if (!plain.ok) return
        const p = plain.value as Record<string, unknown>
        const want = decodeOwned(p.kind === undefined ? { ...p, kind: "inspection" } : p)
        expect(checkValues(c)).toEqual(want)
        if (want.ok) expect(JSON.stringify(c)).toBe(JSON.stringify(want.value))
      }),
      { numRuns: 3000 }
    )
    expect(accepted).toBeGreaterThan(500)
  })

  test("copyInspection reads each field of a record once", () => {
    let reads = 0
    const o: Record<string, unknown> = {}
    const r = { substance: "克百威", value: "0.1", unit: "mg/kg" }
    const result: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(r)) Object.defineProperty(result, k, { enumerable: true, get: () => (reads++, x) })
    for (const [k, x] of Object.entries({ id: "A", kind: "inspection", sampledOn: "2025-06-01", product: "豇豆", results: [result] }))
      Object.defineProperty(o, k, { enumerable: true, get: () => (reads++, x) })
    const c = copyInspection(o, 1024)
    expect(c?.results[0]?.value).toBe("0.1")
    expect(reads).toBe(8)
    // a throwing getter is refused, never thrown
    expect(copyInspection(Object.defineProperty({}, "id", { enumerable: true, get: () => { throw new Error("x") } }), 1024)).toBeUndefined()
  })
})
