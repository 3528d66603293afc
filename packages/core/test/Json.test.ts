// A number token called exact must be read by Number() to a double whose shortest decimal is the
// token's own value: no rounding before the exact comparison.
import Big from "big.js"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { isExactNumberToken, parseJsonLossless } from "@nongan/core/Json"

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
