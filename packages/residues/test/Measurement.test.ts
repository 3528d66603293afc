import * as Decimal from "@nongan/core/Decimal"
import { formatPath } from "@nongan/core/NonganError"
import { type Measurement, parse } from "@nongan/residues/Measurement"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { arbExact, eqX, exact, renderX } from "./helpers"

/** A compact, comparable view of a parse result. */
const view = (r: ReturnType<typeof parse>): unknown => {
  if (!r.ok) return { error: r.errors.map((e) => `${e.code}@${formatPath(e.path)}`) }
  const m: Measurement = r.value
  switch (m.kind) {
    case "quantified":
      return { quantified: `${m.value.value.toString()} ${m.value.unit}` }
    case "not-detected":
      return m.below ? { notDetectedBelow: `${m.below.value.toString()} ${m.below.unit}` } : { notDetected: true }
    default:
      return { [m.kind]: true }
  }
}

describe("Measurement.parse: every accepted spelling", () => {
  const accepted: ReadonlyArray<[unknown, string | undefined, unknown]> = [
    ["0.062", "mg/kg", { quantified: "0.062 mg/kg" }],
    [0.062, "mg/kg", { quantified: "0.062 mg/kg" }],
    [0, "mg/kg", { quantified: "0 mg/kg" }],
    [150, "ug/kg", { quantified: "150 ug/kg" }],
    ["0.062mg/kg", undefined, { quantified: "0.062 mg/kg" }],
    ["0.062 mg/kg", undefined, { quantified: "0.062 mg/kg" }],
    ["0.062mg/kg", "mg/kg", { quantified: "0.062 mg/kg" }],
    ["62 µg/kg", undefined, { quantified: "62 ug/kg" }], // U+00B5 MICRO SIGN
    ["62μg/kg", undefined, { quantified: "62 ug/kg" }], // U+03BC GREEK SMALL LETTER MU
    ["62", "µg/kg", { quantified: "62 ug/kg" }],
    ["62", "μg/kg", { quantified: "62 ug/kg" }],
    ["62 ug/kg", "µg/kg", { quantified: "62 ug/kg" }],
    ["  0.5  ", "mg/kg", { quantified: "0.5 mg/kg" }],
    ["<0.01", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["＜0.01", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["<0.01mg/kg", undefined, { notDetectedBelow: "0.01 mg/kg" }],
    ["ND", undefined, { notDetected: true }],
    ["nd", undefined, { notDetected: true }],
    ["ND", "mg/kg", { notDetected: true }],
    ["未检出", undefined, { notDetected: true }],
    ["未检出", "mg/kg", { notDetected: true }],
    ["未检出(<0.01)", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["未检出（0.01）", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["未检出(<10 µg/kg)", undefined, { notDetectedBelow: "10 ug/kg" }],
    ["检出", undefined, { detected: true }],
    ["阳性", undefined, { positive: true }],
    ["阴性", undefined, { negative: true }]
  ]
  for (const [value, unit, expected] of accepted)
    test(`${JSON.stringify(value)}${unit ? ` [${unit}]` : ""}`, () => {
      expect(view(parse(value, unit))).toEqual(expected)
    })

  test("a number is read through its shortest decimal rendering, never through binary arithmetic", () => {
    const r = parse(0.1 + 0.2, "mg/kg")
    expect(view(r)).toEqual({ quantified: "0.30000000000000004 mg/kg" })
    expect(view(parse(1e-7, "mg/kg"))).toEqual({ quantified: "0.0000001 mg/kg" })
  })
})

describe("Measurement.parse: every rejection names its code and path", () => {
  const rejected: ReadonlyArray<[string, unknown, string | null | undefined, string]> = [
    ["words", "about 3", "mg/kg", "unreadable-measurement@value"],
    ["an unknown inline unit", "0.1 ppm", undefined, "unreadable-measurement@value"],
    ["an unknown inline unit beside a field unit", "0.1 ppm", "mg/kg", "unreadable-measurement@value"],
    ["a negative number", -0.1, "mg/kg", "unreadable-measurement@value"],
    ["a negative string", "-0.1", "mg/kg", "unreadable-measurement@value"],
    ["a negative reporting limit", "<-0.1", "mg/kg", "unreadable-measurement@value"],
    ["NaN", Number.NaN, "mg/kg", "unreadable-measurement@value"],
    ["Infinity", Number.POSITIVE_INFINITY, "mg/kg", "unreadable-measurement@value"],
    ["an object", { value: 0.1 }, "mg/kg", "unreadable-measurement@value"],
    ["an array", [0.1], "mg/kg", "unreadable-measurement@value"],
    ["null", null, "mg/kg", "unreadable-measurement@value"],
    ["a boolean", true, "mg/kg", "unreadable-measurement@value"],
    ["undefined", undefined, "mg/kg", "unreadable-measurement@value"],
    ["an empty string", "", "mg/kg", "unreadable-measurement@value"],
    ["a bare number without a unit", 0.062, undefined, "missing-field@unit"],
    ["a bare number with a null unit", 0.062, null, "missing-field@unit"],
    ["a bare numeric string without a unit", "0.062", undefined, "missing-field@unit"],
    ["a bare numeric string with an empty unit", "0.062", "", "missing-field@unit"],
    ["a reporting limit without a unit", "<0.01", undefined, "missing-field@unit"],
    ["mg/kg in the string, ug/kg in the field", "0.062mg/kg", "ug/kg", "unit-mismatch@unit"],
    ["µg/kg in the string, mg/kg in the field", "62 µg/kg", "mg/kg", "unit-mismatch@unit"],
    ["an unknown field unit", "0.062", "ppm", "invalid-unit@unit"],
    ["a duration field unit on a string", "3", "d", "invalid-unit@unit"],
    // regression: a number with a duration unit used to be accepted, and crashed the judgement
    ["a duration field unit on a number", 3, "d", "invalid-unit@unit"],
    ["a duration field unit on a number (hours)", 3, "小时", "invalid-unit@unit"],
    ["a duration inline unit", "3 d", undefined, "invalid-unit@unit"]
  ]
  for (const [name, value, unit, expected] of rejected)
    test(name, () => {
      const r = parse(value, unit)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors.map((e) => `${e.code}@${formatPath(e.path)}`)).toEqual([expected])
    })
})

describe("Measurement.parse: properties", () => {
  const spellings: ReadonlyArray<[string, "mg/kg" | "ug/kg"]> = [
    ["mg/kg", "mg/kg"],
    ["MG/KG", "mg/kg"],
    ["ug/kg", "ug/kg"],
    ["µg/kg", "ug/kg"],
    ["μg/kg", "ug/kg"],
    ["UG/KG", "ug/kg"]
  ]
  const arbSpelling = fc.constantFrom(...spellings)
  // a decimal rendered with extra leading/trailing zeros sometimes, to exercise the reader
  const arbRendered = fc.tuple(arbExact(12, 8), fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([x, pad, lead]) => {
    const padded = { n: x.n * 10n ** BigInt(pad), scale: x.scale + pad }
    const s = renderX(padded)
    return { x, s: lead && !s.startsWith("0") ? `0${s}` : s }
  })

  test("random decimals written with a random accepted unit (inline or in the field) parse to the exact value", () => {
    fc.assert(
      fc.property(arbRendered, arbSpelling, fc.constantFrom("inline", "inline-space", "field", "both"), ({ x, s }, [spelling, unit], where) => {
        const r =
          where === "inline"
            ? parse(`${s}${spelling}`)
            : where === "inline-space"
              ? parse(`${s} ${spelling}`)
              : where === "field"
                ? parse(s, spelling)
                : parse(`${s}${spelling}`, unit)
        expect(r.ok).toBe(true)
        if (!r.ok || r.value.kind !== "quantified") throw new Error("not quantified")
        expect(r.value.value.unit).toBe(unit)
        expect(eqX(exact(r.value.value.value.toString()), x)).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  test("a reporting limit '<x' reads as not detected below exactly x", () => {
    fc.assert(
      fc.property(arbRendered, arbSpelling, fc.constantFrom("<", "＜", "未检出(<", "ND("), ({ x, s }, [spelling, unit], lead) => {
        const text = lead.endsWith("(") || lead.endsWith("(<") ? `${lead}${s})` : `${lead}${s}`
        const r = parse(text, spelling)
        if (!r.ok || r.value.kind !== "not-detected" || !r.value.below) throw new Error(`${text}: ${JSON.stringify(r)}`)
        expect(r.value.below.unit).toBe(unit)
        expect(eqX(exact(r.value.below.value.toString()), x)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  test("a finite non-negative number reads as its shortest decimal rendering", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), arbSpelling, (n, [spelling, unit]) => {
        const r = parse(n, spelling)
        if (!r.ok || r.value.kind !== "quantified") throw new Error(JSON.stringify(r))
        expect(r.value.value.unit).toBe(unit)
        expect(Decimal.equals(r.value.value.value, Decimal.unsafeMake(String(n)))).toBe(true)
        expect(Number(r.value.value.value.toString())).toBe(n)
      }),
      { numRuns: 300 }
    )
  })

  test("any input whatsoever gives a result or a typed error: it never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.double(), fc.stringMatching(/^[<＜≤]?\s*-?\d{0,4}(\.\d{0,4})?\s*(mg\/kg|ug\/kg|µg\/kg|d|h|ppm|%)?$/)),
        fc.option(fc.oneof(fc.constantFrom("mg/kg", "ug/kg", "µg/kg", "d", "h", "度日", "ppm", ""), fc.string()), { nil: undefined }),
        (value, unit) => {
          const r = parse(value, unit)
          if (r.ok) {
            const m = r.value
            if (m.kind === "quantified") {
              expect(["mg/kg", "ug/kg"]).toContain(m.value.unit)
              expect(Decimal.isNegative(m.value.value)).toBe(false)
            }
            if (m.kind === "not-detected" && m.below) expect(["mg/kg", "ug/kg"]).toContain(m.below.unit)
          } else {
            expect(r.errors.length).toBeGreaterThan(0)
            for (const e of r.errors) expect(["value", "unit"]).toContain(formatPath(e.path))
          }
        }
      ),
      { numRuns: 1000 }
    )
  })
})
