import fc from "fast-check"
import * as Decimal from "@nongan/core/Decimal"
import { describe, expect, test } from "vitest"
import { prop } from "./property"
import {
  addRef,
  canonical,
  cmpRef,
  type Dec,
  decArb,
  decPairArb,
  divRef,
  exponentOf,
  mulRef,
  refOf,
  render,
  renderingArb
} from "./arbitraries"

const d = Decimal.unsafeMake

const mk = (x: Dec): Decimal.Decimal => {
  const parsed = Decimal.parse(canonical(x))
  if (parsed === undefined) throw new Error(`reference decimal did not parse: ${canonical(x)}`)
  return parsed
}

describe("Decimal examples", () => {
  test("0.1 + 0.2 is exactly 0.3", () => {
    const sum = Decimal.add(d("0.1"), d("0.2"))
    expect(sum.toString()).toBe("0.3")
    expect(Decimal.equals(sum, d("0.3"))).toBe(true)
    // the float sum is not 0.3, the decimal one is
    expect(0.1 + 0.2 === 0.3).toBe(false)
  })

  test("documented examples", () => {
    expect(Decimal.compare(d("0.062"), d("0.02"))).toBe(1)
    expect(Decimal.compare(d("0.02"), d("0.062"))).toBe(-1)
    expect(Decimal.equals(d("0.50"), d("0.5"))).toBe(true)
    expect(Decimal.subtract(d("0.3"), d("0.1")).toString()).toBe("0.2")
    expect(Decimal.multiply(d("0.062"), d("1000")).toString()).toBe("62")
    expect(Decimal.shift(d("62"), -3).toString()).toBe("0.062")
    expect(Decimal.shift(d("0.062"), 3).toString()).toBe("62")
    expect(Decimal.divide(d("0.062"), d("0.02"), 2).toString()).toBe("3.1")
    expect(Decimal.toNumber(d("0.062"))).toBe(0.062)
    expect(Decimal.zero.toString()).toBe("0")
    expect(JSON.stringify({ v: d("5e-3") })).toBe('{"v":"0.005"}')
  })

  test("zero and sign predicates", () => {
    expect(Decimal.isZero(d("0.000"))).toBe(true)
    expect(Decimal.isZero(d("-0"))).toBe(true)
    expect(Decimal.isZero(d("0.001"))).toBe(false)
    expect(Decimal.isNegative(d("-1"))).toBe(true)
    expect(Decimal.isNegative(d("-0"))).toBe(false)
    expect(Decimal.isNegative(d("0"))).toBe(false)
    expect(Decimal.isNegative(d("1e-900"))).toBe(false)
    expect(d("-0").toString()).toBe("0")
    expect(Decimal.equals(d("-0"), Decimal.zero)).toBe(true)
  })

  test("isDecimal tells decimals from look-alikes", () => {
    expect(Decimal.isDecimal(d("1"))).toBe(true)
    expect(Decimal.isDecimal("1")).toBe(false)
    expect(Decimal.isDecimal(1)).toBe(false)
    expect(Decimal.isDecimal({ big: {}, approx: 1, fast: true })).toBe(false)
  })
})

describe("Decimal.parse", () => {
  test.each(["0.062", "-1", "+2", "5e-3", "5E+3", "1.", ".5", "-.5", "+.5", "007", "  0.5  ", "1e1000", "1e-1000"])(
    "accepts %j",
    (s) => {
      expect(Decimal.parse(s)).toBeDefined()
    }
  )

  test.each(["", " ", ".", "-", "+", "e5", "1e", "1e+", "--1", "+-1", "1..2", "1.2.3", "0x10", "Infinity", "NaN", "1_000", "1,5", "１", "0.02mg", "1e1001", "-1e-1001", "1e1000000000"])(
    "rejects %j",
    (s) => {
      expect(Decimal.parse(s)).toBeUndefined()
      expect(() => d(s)).toThrow(RangeError)
    }
  )

  test("a leading plus sign is read, not thrown on (regression)", () => {
    expect(Decimal.parse("+1")?.toString()).toBe("1")
    expect(Decimal.parse("+0.062")?.toString()).toBe("0.062")
  })

  test("a huge exponent is refused quickly instead of rendering a gigabyte string (regression)", () => {
    const start = Date.now()
    expect(Decimal.parse("1e1000000000")).toBeUndefined()
    expect(Decimal.isDecimalString("9e-99999999999")).toBe(false)
    expect(Date.now() - start).toBeLessThan(1000)
  })

  test("numbers are read through their shortest string", () => {
    expect(Decimal.parse(0.062)?.toString()).toBe("0.062")
    expect(Decimal.parse(1e21)?.toString()).toBe(`1${"0".repeat(21)}`)
    expect(Decimal.parse(-0)?.toString()).toBe("0")
    expect(Decimal.parse(Number.NaN)).toBeUndefined()
    expect(Decimal.parse(Number.POSITIVE_INFINITY)).toBeUndefined()
    expect(Decimal.parse(Number.NEGATIVE_INFINITY)).toBeUndefined()
  })

  prop([fc.double({ noNaN: true, noDefaultInfinity: true })])("any finite number parses to its shortest decimal", (x) => {
    const parsed = Decimal.parse(x)
    expect(parsed).toBeDefined()
    expect(Decimal.toNumber(parsed!)).toBe(x === 0 ? 0 : x)
  })

  prop([fc.string({ unit: fc.constantFrom(..."0123456789+-.eE ".split("")), maxLength: 10 })])(
    "isDecimalString agrees with parse and neither throws",
    (s) => {
      const parsed = Decimal.parse(s)
      if (s.trim() === s) expect(Decimal.isDecimalString(s)).toBe(parsed !== undefined)
      else expect(Decimal.isDecimalString(s)).toBe(false)
    }
  )

  prop([fc.oneof(fc.tuple(decArb, renderingArb).map(([x, r]) => render(x, r)), fc.double({ noNaN: true, noDefaultInfinity: true }))])(
    "the double a decimal carries is the nearest double of its value, whether parsed from text or a number",
    (u) => {
      const d = Decimal.parse(u)
      if (d === undefined) return
      expect(Object.is(Decimal.toNumber(d), Number(d.big.toString()))).toBe(true)
    }
  )

  prop([decArb, renderingArb])("every spelling of a value parses to its canonical string", (x, r) => {
    const s = render(x, r)
    const parsed = Decimal.parse(s)
    expect(parsed, s).toBeDefined()
    expect(parsed!.toString()).toBe(canonical(x))
    expect(Decimal.isDecimalString(s)).toBe(true)
  })

  prop([fc.tuple(decArb, fc.integer({ min: 1001, max: 5000 }), fc.boolean())])(
    "values whose leading digit is beyond 1e±1000 are refused",
    ([x, e, small]) => {
      const coef = x.coef === 0n ? 1n : x.coef
      const digits = (coef < 0n ? -coef : coef).toString().length
      // choose the scale that puts the leading digit at exponent ±e
      const y: Dec = { coef, scale: digits - 1 - (small ? -e : e) }
      expect(exponentOf(y)).toBe(small ? -e : e)
      expect(Decimal.parse(render(y, { trailingZeros: 0, plus: false, leadingZeros: 0, style: "sci", upperE: false, expPlus: false, bareDot: false }))).toBeUndefined()
    }
  )
})

describe("Decimal.compare", () => {
  prop([decPairArb, renderingArb, renderingArb])(
    "agrees with exact BigInt cross-multiplication for any spelling",
    ([a, b], ra, rb) => {
      const da = d(render(a, ra))
      const db = d(render(b, rb))
      const expected = cmpRef(a, b)
      expect(Decimal.compare(da, db)).toBe(expected)
      expect(Decimal.compare(db, da)).toBe(0 - expected)
      expect(Decimal.equals(da, db)).toBe(expected === 0)
    }
  )

  prop([decArb, renderingArb, renderingArb])("two spellings of one value are equal", (x, r1, r2) => {
    expect(Decimal.equals(d(render(x, r1)), d(render(x, r2)))).toBe(true)
  })

  test("neighbours beyond 15 significant digits are told apart", () => {
    expect(Decimal.compare(d("0.1000000000000000001"), d("0.1"))).toBe(1)
    expect(Decimal.compare(d("9007199254740993"), d("9007199254740992"))).toBe(1)
    expect(Decimal.compare(d("1e-400"), d("0"))).toBe(1)
    expect(Decimal.compare(d("-1e-400"), d("-2e-400"))).toBe(1)
    expect(Decimal.compare(d("1e400"), d("9.99e399"))).toBe(1)
    expect(Decimal.compare(d("123456789012345e-299"), d("123456789012346e-299"))).toBe(-1)
  })
})

describe("Decimal arithmetic is exact", () => {
  prop([decArb, decArb])("add matches the BigInt sum", (a, b) => {
    expect(Decimal.add(mk(a), mk(b)).toString()).toBe(canonical(addRef(a, b)))
  })

  prop([decArb, decArb])("subtract matches the BigInt difference", (a, b) => {
    expect(Decimal.subtract(mk(a), mk(b)).toString()).toBe(canonical(addRef(a, { coef: -b.coef, scale: b.scale })))
  })

  prop([decArb, decArb])("multiply matches the BigInt product", (a, b) => {
    expect(Decimal.multiply(mk(a), mk(b)).toString()).toBe(canonical(mulRef(a, b)))
  })

  prop([decArb, fc.integer({ min: -60, max: 60 })])("shift(a, n) is a × 10^n", (a, n) => {
    const shifted = Decimal.shift(mk(a), n)
    expect(shifted.toString()).toBe(canonical({ coef: a.coef, scale: a.scale - n }))
    // and shifting back is the identity
    expect(Decimal.equals(Decimal.shift(shifted, -n), mk(a))).toBe(true)
  })

  prop([decArb, decArb.filter((b) => b.coef !== 0n), fc.integer({ min: 0, max: 40 })])(
    "divide rounds the exact quotient once, half away from zero, to dp places",
    (a, b, dp) => {
      const q = Decimal.divide(mk(a), mk(b), dp)
      expect(q.toString()).toBe(canonical(divRef(a, b, dp)))
      expect(refOf(q.toString()).scale).toBeLessThanOrEqual(dp)
    }
  )

  test("divide rounds once: 0.4999999999999999999996 rounds to 0, not to 1 (regression)", () => {
    // rounding first to 20 places gives 0.5, which then rounded to 0 places gives 1
    expect(Decimal.divide(d("4999999999999999999996"), d("1e22"), 0).toString()).toBe("0")
    expect(Decimal.divide(d("1"), d("3"), 30).toString()).toBe(`0.${"3".repeat(30)}`)
    expect(Decimal.divide(d("2"), d("3"), 0).toString()).toBe("1")
    expect(Decimal.divide(d("-1"), d("2"), 0).toString()).toBe("-1")
  })

  prop([decArb])("toNumber is the nearest double of the canonical string", (a) => {
    expect(Decimal.toNumber(mk(a))).toBe(Number(canonical(a)))
  })

  prop([decArb])("isZero and isNegative follow the sign of the coefficient", (a) => {
    expect(Decimal.isZero(mk(a))).toBe(a.coef === 0n)
    expect(Decimal.isNegative(mk(a))).toBe(a.coef < 0n)
  })
})

describe("shiftNumber", () => {
  test("equals the decimal path (unsafeMake, shift, toNumber) on any finite double and shift", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(0.3, 62, 1e-7, 1.5e-300, 5e-324, 1e21, -0)), fc.integer({ min: -12, max: 12 }), (n, k) => {
        expect(Object.is(Decimal.shiftNumber(n, k), Decimal.toNumber(Decimal.shift(Decimal.unsafeMake(n), k))) || (n === 0 && Decimal.shiftNumber(n, k) === 0)).toBe(true)
      }),
      { numRuns: 5000 }
    )
  })
  test("on safe integers and shifts up to ±22 (its arithmetic path), equals the decimal path", () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(2 ** 53 - 1, 1, -1, 999, 123456789)), fc.integer({ min: -24, max: 24 }), (n, k) => {
        expect(Object.is(Decimal.shiftNumber(n, k), Decimal.toNumber(Decimal.shift(Decimal.unsafeMake(n), k))) || (n === 0 && Decimal.shiftNumber(n, k) === 0)).toBe(true)
      }),
      { numRuns: 20000 }
    )
  })
})
