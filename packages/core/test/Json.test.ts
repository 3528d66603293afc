// A number token called exact must be read by Number() to a double whose shortest decimal is the
// token's own value: no rounding before the exact comparison.
import Big from "big.js"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { hasInexactNumber, hasInexactNumberByRegExp, isExactNumberToken, parseJsonLossless } from "@nongan/core/Json"

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""))
const token = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), digits(0, 19), fc.option(digits(1, 19)), fc.option(fc.integer({ min: -330, max: 330 })))
  .map(([neg, lead, rest, frac, exp]) => `${neg ? "-" : ""}${lead}${rest}${frac !== null ? `.${frac}` : ""}${exp !== null ? `e${exp}` : ""}`)
const zeroLed = fc.tuple(digits(1, 17), fc.boolean()).map(([f, neg]) => `${neg ? "-" : ""}0.${f}`)

describe("Json", () => {
  test("an exact token reads to a double equal to its decimal value", () => {
    let exact = 0
    fc.assert(
      fc.property(fc.oneof(token, zeroLed), (t) => {
        if (!isExactNumberToken(t)) return
        exact++
        const n = Number(t)
        expect(Number.isFinite(n)).toBe(true)
        expect(new Big(String(n)).eq(new Big(t))).toBe(true)
      }),
      { numRuns: 20000, seed: 5 }
    )
    expect(exact).toBeGreaterThan(2000)
  })

  test("an inexact number is kept as its digits", () => {
    expect(parseJsonLossless('{"v":5.0000000000000001,"w":0.062,"x":1e999}')).toEqual({ ok: true, value: { v: "5.0000000000000001", w: 0.062, x: "1e999" } })
  })
})

describe("hasInexactNumber: the scan parseJsonLossless makes before JSON.parse", () => {
  // texts built from the characters that matter to the token grammar: quotes, backslashes, line
  // terminators, digits, signs, points and exponents, and long digit runs
  const piece = fc.oneof(
    fc.constantFrom('"', "\\", "\n", "\r", "\u2028", "-", "+", ".", "e", "E", "0", "a", ",", "[", "]", ":", "{", "}", " "),
    fc.stringMatching(/^[0-9]{1,22}$/),
    fc.stringMatching(/^-?(0|[1-9][0-9]{0,20})(\.[0-9]{1,20})?([eE][+-]?[0-9]{1,4})?$/)
  )
  const text = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(""))
  // few characters, so that quotes, escapes, line terminators and numbers meet in every order
  const dense = fc
    .array(fc.constantFrom('"', "\\", "\n", "\r", "\u2028", "\u2029", "0.12345678901234567", "1", "x"), { maxLength: 12 })
    .map((xs) => xs.join(""))
  const json = fc.jsonValue().map((v) => JSON.stringify(v))
  test("decides as the regular-expression scan does, on any text", () => {
    let inexact = 0
    fc.assert(
      fc.property(fc.oneof(text, dense, json, fc.string()), (t) => {
        const want = hasInexactNumberByRegExp(t)
        if (want) inexact++
        expect(hasInexactNumber(t)).toBe(want)
      }),
      { numRuns: 20_000 }
    )
    // not vacuous: texts with an inexact number were met
    expect(inexact).toBeGreaterThan(1_000)
  })
  test("a digit inside a string is never a number; an escaped quote does not end the string", () => {
    expect(hasInexactNumber('{"v":"0.12345678901234567"}')).toBe(false)
    expect(hasInexactNumber('{"v":"a\\"0.12345678901234567"}')).toBe(false)
    expect(hasInexactNumber('{"v":0.12345678901234567}')).toBe(true)
    // a backslash before a line terminator ends no string: the digits after it are read as a number
    for (const t of ["\n", "\r", "\u2028", "\u2029"]) expect(hasInexactNumber(`"\\${t}0.12345678901234567"`)).toBe(true)
  })
  test("a line sliced out of a larger text (as a stream reader gives it) of 10 MB is scanned in one pass", () => {
    const big = JSON.stringify({ results: Array.from({ length: 200_000 }, () => ({ substance: "克百威", value: "0.01", unit: "mg/kg" })) })
    const line = ` ${big}`.slice(1)
    // (an indexOf-based scan took minutes on such a string; no timing is asserted, the test would hang)
    expect(hasInexactNumber(line)).toBe(false)
    expect(hasInexactNumber(`${line.slice(0, -2)},1e400]}`)).toBe(true)
  })
})
