import { Citation } from "@nongan/core/Citation"
import { decoder, fromParseIssue } from "@nongan/core/Decode"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Finding } from "@nongan/core/Finding"
import { ErrorCode, formatPath, type NonganError } from "@nongan/core/NonganError"
import { Quantity } from "@nongan/core/Quantity"
import * as Result from "@nongan/core/Result"
import { Either, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { prop } from "./property"

const Sample = Schema.Struct({ id: Schema.String, results: Schema.Array(Quantity) })
const decodeSample = decoder(Sample)

const failure = (r: Result.Result<unknown, NonganError>): ReadonlyArray<{ code: string; path: string }> => {
  if (r.ok) throw new Error("expected a failure")
  return r.errors.map((e) => ({ code: e.code, path: formatPath(e.path) }))
}

describe("Decode.decoder", () => {
  test("a valid value decodes", () => {
    const r = decodeSample({ id: "KZ-1", results: [{ value: "0.062", unit: "mg/kg" }] })
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.results[0]!.value.toString()).toBe("0.062")
  })

  test("errors inside arrays carry the index: results[0].unit", () => {
    expect(failure(decodeSample({ id: "KZ-1", results: [{ value: "1", unit: "ppm" }] }))).toEqual([
      { code: "invalid-unit", path: "results[0].unit" }
    ])
  })

  test("every error is gathered", () => {
    const errors = failure(
      decodeSample({ results: [{ value: "1", unit: "mg/kg" }, { value: "x", unit: "ppm", extra: 1 }, { unit: "d" }], typo: 1 })
    )
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    expect([...errors].sort(byPath)).toEqual([
      { code: "missing-field", path: "id" },
      { code: "invalid-decimal", path: "results[1].value" },
      { code: "invalid-unit", path: "results[1].unit" },
      { code: "unexpected-field", path: "results[1].extra" },
      { code: "missing-field", path: "results[2].value" },
      { code: "unexpected-field", path: "typo" }
    ].sort(byPath))
  })

  test("a path prefix is put before every error path", () => {
    const r = decoder(Quantity)({ value: "1", unit: "ppm" }, ["records", 3, "limit"])
    expect(failure(r)).toEqual([{ code: "invalid-unit", path: "records[3].limit.unit" }])
  })

  test("a wrong top-level type is invalid-type", () => {
    for (const u of [null, 1, "x", [], true]) {
      const r = decoder(Quantity)(u)
      expect(failure(r)).toEqual([{ code: "invalid-type", path: "" }])
    }
  })

  test("a bad optional field is one error, without noise about `undefined` (regression)", () => {
    expect(decoder(Citation)({ instrument: "GB 2763-2021", url: 5 })).toEqual(
      Result.fail({ _tag: "NonganError", code: "invalid-type", path: ["url"], params: { expected: "string | null" } })
    )
    expect(decoder(Finding)({ code: "x", outcome: "within-limit", severity: "info", measured: "0.1" })).toEqual(
      Result.fail({ _tag: "NonganError", code: "invalid-type", path: ["measured"], params: { expected: "number" } })
    )
    expect(failure(decoder(Finding)({ code: "x", outcome: "within-limit", severity: "info", verification: "checked" }))).toEqual([
      { code: "invalid-value", path: "verification" }
    ])
    expect(failure(decoder(Finding)({ code: "x", outcome: "within-limit", severity: "info", citation: { instrument: "" } }))).toEqual([
      { code: "invalid-value", path: "citation.instrument" }
    ])
    expect(failure(decoder(EffectivePeriod)({ from: "2024-01-01", to: "2024-02-30" }))).toEqual([
      { code: "invalid-date", path: "to" }
    ])
  })

  test("a literal mismatch lists what was expected and what was given", () => {
    const r = decoder(Finding)({ code: "x", outcome: "within-limit", severity: "fatal" })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]!.params).toEqual({ value: "fatal", expected: ["info", "warning", "violation", "critical"] })
    }
  })

  test("long values are shortened in parameters", () => {
    const long = "x".repeat(100)
    const r = decoder(Quantity)({ value: "1", unit: long })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]!.params["value"]).toBe(`${"x".repeat(40)}…`)
  })

  prop([fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true })])(
    "never throws; failures carry known codes and string-or-index paths",
    (u) => {
      for (const decode of [decodeSample, decoder(Finding), decoder(EffectivePeriod)]) {
        const r = decode(u)
        if (r.ok) continue
        expect(r.errors.length).toBeGreaterThan(0)
        for (const e of r.errors) {
          expect(ErrorCode.literals).toContain(e.code)
          expect(e._tag).toBe("NonganError")
          for (const k of e.path) expect(typeof k === "string" || (Number.isInteger(k) && k >= 0)).toBe(true)
        }
      }
    }
  )

  prop([fc.array(fc.record({ value: fc.constantFrom("1", "x"), unit: fc.constantFrom("d", "ppm") }), { maxLength: 6 })])(
    "one error per bad field, at its index",
    (results) => {
      const r = decodeSample({ id: "a", results })
      const expected = results.flatMap((q, i) => [
        ...(q.value === "x" ? [{ code: "invalid-decimal", path: `results[${i}].value` }] : []),
        ...(q.unit === "ppm" ? [{ code: "invalid-unit", path: `results[${i}].unit` }] : [])
      ])
      if (expected.length === 0) expect(r.ok).toBe(true)
      else expect(failure(r)).toEqual(expected)
    }
  )
})

describe("Decode.fromParseIssue", () => {
  test("turns an Effect parse issue into errors with paths", () => {
    const r = Schema.decodeUnknownEither(Schema.Struct({ a: Schema.Number }))({})
    expect(Either.isLeft(r)).toBe(true)
    if (Either.isLeft(r)) expect(fromParseIssue(r.left.issue, ["top"])).toEqual([{ _tag: "NonganError", code: "missing-field", path: ["top", "a"], params: {} }])
  })

  test("a failing filter without a known identifier is invalid-value with the value", () => {
    const r = Schema.decodeUnknownEither(Schema.Number.pipe(Schema.positive()))(-1)
    expect(Either.isLeft(r)).toBe(true)
    if (Either.isLeft(r)) expect(fromParseIssue(r.left.issue)).toEqual([{ _tag: "NonganError", code: "invalid-value", path: [], params: { value: "-1" } }])
  })
})

describe("Result", () => {
  test("ok, fail and getOrThrow", () => {
    expect(Result.getOrThrow(Result.ok(42))).toBe(42)
    expect(Result.ok("a")).toEqual({ ok: true, value: "a" })
    expect(Result.fail("e1", "e2")).toEqual({ ok: false, errors: ["e1", "e2"] })
    expect(() => Result.getOrThrow(Result.fail({ code: "unknown-food" }))).toThrow(/unknown-food/)
  })
})
