import Big from "big.js"
import { Schema } from "effect"

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

// The largest decimal exponent accepted on input. The canonical string has no exponent, so an
// unbounded one would let a 12-character input such as `1e1000000000` take minutes to render.
const MAX_EXPONENT = 1000

// A separate constructor whose DP is set per call, so division rounds once, to the places asked for.
const Quotient = Big()

const fromString = (s: string): Big | undefined => {
  if (!DECIMAL.test(s)) return undefined
  // big.js does not accept a leading `+`
  const big = new Big(s.startsWith("+") ? s.slice(1) : s)
  return big.e > MAX_EXPONENT || big.e < -MAX_EXPONENT ? undefined : big
}

/**
 * An exact decimal number. Limits, measured values and conversion factors are decimals, never
 * binary floats, so `0.1 + 0.2` is exactly `0.3` and comparisons have no float artefacts.
 * Arithmetic is delegated to big.js; comparison takes a fast path when both numbers have at most
 * 15 significant digits (where the nearest binary doubles preserve decimal order exactly).
 *
 * @example
 * import * as Decimal from "@nongan/core/Decimal"
 * const a = Decimal.unsafeMake("0.1")
 * Decimal.equals(Decimal.add(a, Decimal.unsafeMake("0.2")), Decimal.unsafeMake("0.3")) // true
 *
 * @since 0.1.0
 * @category models
 */
export class Decimal {
  /** @internal */
  readonly big: Big
  /** @internal */
  readonly approx: number
  /** @internal */
  readonly fast: boolean
  /** @internal `approx`, when given, must be the nearest double of `big` (as `Number` of any of its decimal strings is) */
  constructor(big: Big, approx?: number) {
    this.big = big
    this.approx = approx ?? Number(big.toString())
    this.fast = big.c.length <= 15 && big.e > -300 && big.e < 300
  }
  /** The canonical decimal string (no exponent): `0.062`. */
  toString(): string {
    return this.big.toFixed()
  }
  /** JSON renders the decimal string. */
  toJSON(): string {
    return this.toString()
  }
}

/**
 * Whether a value is a {@link Decimal}.
 *
 * @example
 * import { isDecimal, unsafeMake } from "@nongan/core/Decimal"
 * isDecimal(unsafeMake("1")) // true
 *
 * @since 0.1.0
 * @category guards
 */
export const isDecimal = (u: unknown): u is Decimal => u instanceof Decimal

/**
 * Whether a string is a plain decimal (`0.062`, `-1`, `+2`, `5e-3`). Decimals whose magnitude is
 * beyond `1e±1000` are refused: their canonical string would be unreasonably long.
 *
 * @example
 * import { isDecimalString } from "@nongan/core/Decimal"
 * isDecimalString("0.02") // true
 * isDecimalString("0.02mg") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const isDecimalString = (s: string): boolean => fromString(s) !== undefined

/**
 * Parses a decimal string or a finite number (numbers are read through their shortest string,
 * so `0.062` stays `0.062`). Returns `undefined` when the input is not a decimal.
 *
 * @example
 * import { parse } from "@nongan/core/Decimal"
 * parse("0.062")?.toString() // "0.062"
 * parse("abc") // undefined
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (u: string | number): Decimal | undefined => {
  if (typeof u === "number") {
    if (!Number.isFinite(u)) return undefined
    // (a finite number is the nearest double of its shortest string; -0 reads as 0)
    return new Decimal(new Big(String(u)), u === 0 ? 0 : u)
  }
  const t = u.trim()
  const big = fromString(t)
  // the string is a plain decimal: Number() of it is the nearest double of its value
  return big === undefined ? undefined : new Decimal(big, Number(t))
}

/**
 * Makes a decimal, throwing when the input is not one; for literals in code and tests.
 *
 * @example
 * import { unsafeMake } from "@nongan/core/Decimal"
 * unsafeMake("10").toString() // "10"
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (u: string | number): Decimal => {
  const d = parse(u)
  if (d === undefined) throw new RangeError(`not a decimal: ${String(u)}`)
  return d
}

/**
 * Orders two decimals exactly: -1, 0 or 1.
 *
 * @example
 * import { compare, unsafeMake } from "@nongan/core/Decimal"
 * compare(unsafeMake("0.062"), unsafeMake("0.02")) // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const compare = (a: Decimal, b: Decimal): -1 | 0 | 1 => {
  if (a.fast && b.fast) return a.approx < b.approx ? -1 : a.approx > b.approx ? 1 : 0
  return a.big.cmp(b.big) as -1 | 0 | 1
}

/**
 * Exact equality.
 *
 * @example
 * import { equals, unsafeMake } from "@nongan/core/Decimal"
 * equals(unsafeMake("0.50"), unsafeMake("0.5")) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const equals = (a: Decimal, b: Decimal): boolean => compare(a, b) === 0

/**
 * Exact sum.
 *
 * @example
 * import { add, unsafeMake } from "@nongan/core/Decimal"
 * add(unsafeMake("0.1"), unsafeMake("0.2")).toString() // "0.3"
 *
 * @since 0.1.0
 * @category combinators
 */
export const add = (a: Decimal, b: Decimal): Decimal => new Decimal(a.big.plus(b.big))

/**
 * Exact difference `a - b`.
 *
 * @example
 * import { subtract, unsafeMake } from "@nongan/core/Decimal"
 * subtract(unsafeMake("0.3"), unsafeMake("0.1")).toString() // "0.2"
 *
 * @since 0.1.0
 * @category combinators
 */
export const subtract = (a: Decimal, b: Decimal): Decimal => new Decimal(a.big.minus(b.big))

/**
 * Exact product.
 *
 * @example
 * import { multiply, unsafeMake } from "@nongan/core/Decimal"
 * multiply(unsafeMake("0.062"), unsafeMake("1000")).toString() // "62"
 *
 * @since 0.1.0
 * @category combinators
 */
export const multiply = (a: Decimal, b: Decimal): Decimal => new Decimal(a.big.times(b.big))

/**
 * Exact multiplication by a power of ten (`a × 10^n`; a negative `n` divides), used by unit
 * conversion.
 *
 * @example
 * import { shift, unsafeMake } from "@nongan/core/Decimal"
 * shift(unsafeMake("62"), -3).toString() // "0.062"
 *
 * @since 0.1.0
 * @category combinators
 */
export const shift = (a: Decimal, n: number): Decimal => new Decimal(a.big.times(new Big(`1e${n}`)))

const SAFE = 2 ** 53
// 10^0 … 10^22, each exactly a double
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`))

/**
 * The number nearest `n × 10^k`, exactly as `toNumber(shift(unsafeMake(n), k))` gives it (the
 * decimal `n` prints as, shifted, then read once) but without building decimals: a unit
 * conversion (µg/kg → mg/kg) of a number read from a report.
 *
 * @example
 * import { shiftNumber } from "@nongan/core/Decimal"
 * shiftNumber(0.3, -3) // 0.0003
 * shiftNumber(62, -3) // 0.062
 *
 * @since 0.5.0
 * @category combinators
 */
export const shiftNumber = (n: number, k: number): number => {
  if (!Number.isFinite(n) || !Number.isInteger(k)) return Number.NaN
  // a safe integer times or over an exact power of ten: one correctly rounded operation on exact
  // operands, the same double as reading its digits with the shifted exponent (no text)
  if (Number.isInteger(n) && n !== 0 && n < SAFE && n > -SAFE && k >= -22 && k <= 22) return k < 0 ? n / POW10[-k]! : n * POW10[k]!
  const s = String(n)
  const e = s.indexOf("e")
  // "1.5e-7" → mantissa 1.5, exponent −7 + k; else the digits with exponent k: read once, correctly rounded
  return e < 0 ? Number(`${s}e${k}`) : Number(`${s.slice(0, e)}e${Number(s.slice(e + 1)) + k}`)
}

/**
 * Quotient rounded once to `dp` decimal places (half-up); used for ratios reported to people and
 * for hours-to-days conversion, never for a decision.
 *
 * @example
 * import { divide, unsafeMake } from "@nongan/core/Decimal"
 * divide(unsafeMake("0.062"), unsafeMake("0.02"), 2).toString() // "3.1"
 *
 * @since 0.1.0
 * @category combinators
 */
export const divide = (a: Decimal, b: Decimal, dp = 6): Decimal => {
  Quotient.DP = dp
  Quotient.RM = 1
  return new Decimal(new Big(new Quotient(a.big).div(b.big)))
}

/**
 * The nearest JavaScript number, for display and JSON output.
 *
 * @example
 * import { toNumber, unsafeMake } from "@nongan/core/Decimal"
 * toNumber(unsafeMake("0.062")) // 0.062
 *
 * @since 0.1.0
 * @category combinators
 */
export const toNumber = (a: Decimal): number => a.approx

/**
 * Whether a decimal is zero.
 *
 * @example
 * import { isZero, unsafeMake } from "@nongan/core/Decimal"
 * isZero(unsafeMake("0.000")) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const isZero = (a: Decimal): boolean => a.big.c[0] === 0

/**
 * Whether a decimal is below zero.
 *
 * @example
 * import { isNegative, unsafeMake } from "@nongan/core/Decimal"
 * isNegative(unsafeMake("-1")) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const isNegative = (a: Decimal): boolean => a.big.s < 0 && !isZero(a)

/**
 * The zero decimal.
 *
 * @example
 * import { zero } from "@nongan/core/Decimal"
 * zero.toString() // "0"
 *
 * @since 0.1.0
 * @category constructors
 */
export const zero: Decimal = new Decimal(new Big(0))

const DecimalInstance = Schema.declare(isDecimal, { identifier: "DecimalInstance" })

/**
 * Schema from a decimal string to a {@link Decimal}; encodes back to the canonical string.
 *
 * @example
 * import { Schema } from "effect"
 * import { DecimalFromString } from "@nongan/core/Decimal"
 * Schema.decodeUnknownSync(DecimalFromString)("0.02").toString() // "0.02"
 *
 * @since 0.1.0
 * @category models
 */
export const DecimalFromString = Schema.transform(
  Schema.String.pipe(Schema.filter(isDecimalString, { identifier: "Decimal", description: "a decimal number string" })),
  DecimalInstance,
  { strict: true, decode: (s) => unsafeMake(s), encode: (d) => d.toString() }
).annotations({ identifier: "Decimal" })
