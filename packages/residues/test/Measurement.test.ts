import * as Decimal from "@nongan/core/Decimal"
import { formatPath } from "@nongan/core/NonganError"
import { equals, format, halfWidth, type Measurement, parse, read, readAny } from "@nongan/residues/Measurement"
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
    ["阴性", undefined, { negative: true }],
    // values as laboratories write them: one string with its unit
    ["0.45 mg/kg", undefined, { quantified: "0.45 mg/kg" }],
    ["6.71mg/kg", undefined, { quantified: "6.71 mg/kg" }],
    ["80(µg/kg)", undefined, { quantified: "80 ug/kg" }],
    ["80（μg/kg）", undefined, { quantified: "80 ug/kg" }],
    ["0.43(mg/kg", undefined, { quantified: "0.43 mg/kg" }],
    ["5782微克/千克", undefined, { quantified: "5782 ug/kg" }],
    ["10.3mg/公斤", undefined, { quantified: "10.3 mg/kg" }],
    ["4.21mg/千克", undefined, { quantified: "4.21 mg/kg" }],
    ["0.05", "毫克/千克", { quantified: "0.05 mg/kg" }],
    ["0.05", "毫克/公斤", { quantified: "0.05 mg/kg" }],
    ["12", "微克/公斤", { quantified: "12 ug/kg" }],
    ["12", "(ug/kg)", { quantified: "12 ug/kg" }],
    ["12 ug/kg", "微克/千克", { quantified: "12 ug/kg" }],
    ["12", "μg/kg", { quantified: "12 ug/kg" }],
    ["12", "µg/kg", { quantified: "12 ug/kg" }],
    ["12", "ug/kg", { quantified: "12 ug/kg" }],
    // full-width digits and punctuation
    ["０.０５", "mg/kg", { quantified: "0.05 mg/kg" }],
    ["０．０５", "mg/kg", { quantified: "0.05 mg/kg" }],
    ["0．05mg/kg", undefined, { quantified: "0.05 mg/kg" }],
    ["０.０５ｍｇ／ｋｇ", undefined, { quantified: "0.05 mg/kg" }],
    ["0.05", "ｍｇ／ｋｇ", { quantified: "0.05 mg/kg" }],
    ["\u30000.05\u3000mg/kg", undefined, { quantified: "0.05 mg/kg" }],
    ["ＮＤ", undefined, { notDetected: true }],
    // reporting limits
    ["≤0.01", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["≤ 0.01mg/kg", undefined, { notDetectedBelow: "0.01 mg/kg" }],
    ["＜０.０１", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["<5微克/千克", undefined, { notDetectedBelow: "5 ug/kg" }],
    ["未检出（＜0.01）", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    ["未检出(≤0.01)", "mg/kg", { notDetectedBelow: "0.01 mg/kg" }],
    // exponents written out
    ["5e-3", "mg/kg", { quantified: "0.005 mg/kg" }],
    ["2.06×10^4μg/kg", undefined, { quantified: "20600 ug/kg" }],
    ["2.06×10⁴μg/kg", undefined, { quantified: "20600 ug/kg" }],
    ["1.2x10^-3", "mg/kg", { quantified: "0.0012 mg/kg" }],
    ["1.2×10⁻³ mg/kg", undefined, { quantified: "0.0012 mg/kg" }]
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
    ["a duration inline unit", "3 d", undefined, "invalid-unit@unit"],
    // damaged values: refused with their own codes, never repaired
    ["µ lost: a g/kg residue", "231g/kg", undefined, "suspect-unit@value"],
    ["µ lost, in Chinese", "231克/千克", undefined, "suspect-unit@value"],
    ["µ lost, in the unit field", "231", "g/kg", "suspect-unit@unit"],
    ["g/g in the unit field", "0.2", "g/g", "suspect-unit@unit"],
    ["the unit cut: μg/k", "588μg/k", undefined, "truncated-unit@value"],
    ["the unit cut: mg/", "0.5mg/", undefined, "truncated-unit@value"],
    ["the unit cut: mg", "0.5 mg", undefined, "truncated-unit@value"],
    ["the unit cut: 毫克/千", "0.5毫克/千", undefined, "truncated-unit@value"],
    ["the unit cut in the field", "0.5", "μg/k", "truncated-unit@unit"],
    ["a lost superscript: ×104", "2.06×104μg/kg", undefined, "damaged-exponent@value"],
    ["a lost superscript and minus: x10-3", "1.2x10-3", "mg/kg", "damaged-exponent@value"],
    ["a lost superscript: ×10 then the unit", "5×10μg/kg", undefined, "damaged-exponent@value"],
    ["an e-exponent and a ×10", "1e2×10^3", "mg/kg", "damaged-exponent@value"],
    ["a bare full-width number without a unit", "０.０５", undefined, "missing-field@unit"],
    ["a thousands separator", "5,782", "ug/kg", "unreadable-measurement@value"],
    ["a unit with no number", "毫克/千克", undefined, "unreadable-measurement@value"],
    ["a closing bracket with no opening one", "0.43mg/kg)", undefined, "unreadable-measurement@value"],
    ["Chinese mg in the string, ug in the field", "0.5毫克/千克", "ug/kg", "unit-mismatch@unit"]
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

describe("Measurement.read: how a value was written", () => {
  test.each([
    ["0.062", "mg/kg", "0.062 mg/kg", false],
    ["0.062mg/kg", undefined, "0.062mg/kg", false],
    ["62 µg/kg", undefined, "62 µg/kg", false],
    ["ND", undefined, "ND", false],
    ["5782微克/千克", undefined, "5782微克/千克", true],
    ["0.05", "毫克/千克", "0.05 毫克/千克", true],
    ["80(µg/kg)", undefined, "80(µg/kg)", true],
    ["０.０５", "mg/kg", "０.０５ mg/kg", true],
    ["2.06×10^4μg/kg", undefined, "2.06×10^4μg/kg", true]
  ] as const)("%j [%s] is written %j (changed: %s)", (value, unit, written, changed) => {
    const r = read(value, unit)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.value.written).toBe(written)
    expect(r.value.changed).toBe(changed)
  })

  test("halfWidth maps the full-width block and the ideographic space, nothing else", () => {
    expect(halfWidth("０１２３４５６７８９．（）／＜")).toBe("0123456789.()/<")
    expect(halfWidth("\u3000")).toBe(" ")
    expect(halfWidth("微克/千克 µ μ ≤ ×")).toBe("微克/千克 µ μ ≤ ×")
  })
})

describe("Measurement.format: a canonical string parse reads back", () => {
  test.each([
    ["0.062", "mg/kg", "0.062 mg/kg"],
    ["５７８２微克/千克", undefined, "5782 ug/kg"],
    ["<0.01", "mg/kg", "<0.01 mg/kg"],
    ["ND", undefined, "未检出"],
    ["检出", undefined, "检出"],
    ["阳性", undefined, "阳性"],
    ["阴性", undefined, "阴性"]
  ] as const)("%j [%s] formats as %j", (value, unit, text) => {
    const m = parse(value, unit)
    if (!m.ok) throw new Error(JSON.stringify(m.errors))
    expect(format(m.value)).toBe(text)
  })

  test("equals compares kind, unit and exact value; mg/kg and ug/kg reports differ", () => {
    const m = (v: unknown, u?: string) => {
      const r = parse(v, u)
      if (!r.ok) throw new Error(JSON.stringify(r.errors))
      return r.value
    }
    expect(equals(m("0.50", "mg/kg"), m("0.5mg/kg"))).toBe(true)
    expect(equals(m("0.062", "mg/kg"), m("62", "ug/kg"))).toBe(false)
    expect(equals(m("<0.01", "mg/kg"), m("0.01", "mg/kg"))).toBe(false)
    expect(equals(m("<0.01", "mg/kg"), m("<0.02", "mg/kg"))).toBe(false)
    expect(equals(m("ND"), m("未检出"))).toBe(true)
    expect(equals(m("ND"), m("<0.01", "mg/kg"))).toBe(false)
    expect(equals(m("阳性"), m("阴性"))).toBe(false)
  })

  const arbUnit = fc.constantFrom<"mg/kg" | "ug/kg">("mg/kg", "ug/kg")
  const arbMeasurement: fc.Arbitrary<Measurement> = fc.oneof(
    fc.tuple(arbExact(15, 12), arbUnit).map(([x, unit]): Measurement => ({ kind: "quantified", value: { value: Decimal.unsafeMake(renderX(x)), unit } })),
    fc.tuple(arbExact(8, 6), arbUnit).map(([x, unit]): Measurement => ({ kind: "not-detected", below: { value: Decimal.unsafeMake(renderX(x)), unit } })),
    fc.constantFrom<Measurement>({ kind: "not-detected" }, { kind: "detected" }, { kind: "positive" }, { kind: "negative" })
  )

  test("parse(format(m)) equals m for random measurements", () => {
    fc.assert(
      fc.property(arbMeasurement, (m) => {
        const back = parse(format(m))
        if (!back.ok) throw new Error(`${format(m)}: ${JSON.stringify(back.errors)}`)
        expect(equals(back.value, m)).toBe(true)
        expect(format(back.value)).toBe(format(m))
      }),
      { numRuns: 1000 }
    )
  })

  // every way of writing the same report: half/full width, spaces, brackets, Chinese or Latin
  // units, the unit inline or in the field
  const FULL = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
  const UNIT_SPELLINGS = {
    "mg/kg": ["mg/kg", "MG/KG", "毫克/千克", "毫克/公斤", "mg/公斤", "mg/千克", "mg / kg"],
    "ug/kg": ["ug/kg", "µg/kg", "μg/kg", "微克/千克", "微克/公斤", "μg/千克", "UG/KG"]
  } as const
  const arbSpelt = fc
    .tuple(
      arbExact(10, 6),
      arbUnit,
      fc.boolean(),
      fc.nat(6),
      fc.constantFrom("inline", "inline-space", "bracket", "open-bracket", "field", "both"),
      fc.boolean(),
      fc.constantFrom("", " ", "\u3000")
    )
    .map(([x, unit, below, k, where, wide, pad]) => {
      const spelling = UNIT_SPELLINGS[unit][k % UNIT_SPELLINGS[unit].length]!
      const digits = `${below ? "<" : ""}${renderX(x)}`
      const number = wide ? FULL(digits) : digits
      const text =
        where === "inline" ? `${number}${spelling}` :
        where === "inline-space" ? `${number} ${spelling}` :
        where === "bracket" ? `${number}(${spelling})` :
        where === "open-bracket" ? `${number}(${spelling}` :
        where === "both" ? `${number}${spelling}` : number
      const field = where === "field" ? (wide ? FULL(spelling) : spelling) : where === "both" ? UNIT_SPELLINGS[unit][0] : undefined
      const expected: Measurement = below
        ? { kind: "not-detected", below: { value: Decimal.unsafeMake(renderX(x)), unit } }
        : { kind: "quantified", value: { value: Decimal.unsafeMake(renderX(x)), unit } }
      return { value: `${pad}${text}${pad}`, field, expected }
    })

  test("equivalent spellings give equal measurements", () => {
    fc.assert(
      fc.property(arbSpelt, ({ value, field, expected }) => {
        const r = parse(value, field)
        if (!r.ok) throw new Error(`${JSON.stringify(value)} [${field}]: ${JSON.stringify(r.errors)}`)
        expect(equals(r.value, expected)).toBe(true)
      }),
      { numRuns: 1000 }
    )
  })

  test("a JSON number and its shortest string are the same measurement", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), arbUnit, (n, unit) => {
        const a = parse(n, unit)
        const b = parse(String(n), unit)
        if (!a.ok || !b.ok) throw new Error(String(n))
        expect(equals(a.value, b.value)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

describe("read's shortcut for plain decimal strings", () => {
  // decimal-looking strings (and near misses) with units as written, canonical or not
  const digits = fc.stringMatching(/^[0-9]{0,6}(\.[0-9]{0,6})?$/)
  const nearMiss = fc.oneof(
    fc.constantFrom("0.05.1", ".5", "5.", "00.010", "1e-3", " 0.5", "0.5 ", "０.５", "0.5mg/kg", "", "-0.1", "+0.1", "<", "<.5", "< 0.01", "≤0.01", "<0.01mg/kg", "<<0.1"),
    fc.string({ maxLength: 6 })
  )
  const words = fc.constantFrom("ND", "nd", "Nd", "N.D.", "未检出", "未检测到", "NOT DETECTED", "Not detected", "<LOD", "<lod", "< LOQ", "-", "—", "/", "检出", "NQ", "阳性", "阳性(检出)", "POS", "+", "阴性", "NEG", "negative", " ND", "ND ", "ＮＤ", "不合格(快检)")
  const below = digits.map((d) => `<${d}`)
  const unit = fc.constantFrom("mg/kg", "ug/kg", "µg/kg", "μg/kg", "毫克/千克", "(mg/kg)", "ｍｇ／ｋｇ", "MG/KG", "天", "g/kg", "mg/k", "", " mg/kg ")
  test("answers exactly as the general reading", () => {
    fc.assert(
      fc.property(fc.oneof(digits, nearMiss, words, below), fc.option(fc.oneof(unit, fc.constant(null)), { nil: undefined }), (v, u) => {
        expect(read(v, u)).toEqual(readAny(v, u))
      }),
      { numRuns: 5000 }
    )
  })
})
