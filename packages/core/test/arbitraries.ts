// Hand-written fast-check arbitraries and exact reference implementations shared by the core
// tests. The references use BigInt and Date.UTC only, never the code under test.
import fc from "fast-check"

// ---------------------------------------------------------------------------------------------
// Decimals as (coefficient, scale): the value is coef × 10^-scale
// ---------------------------------------------------------------------------------------------

/** An exact decimal reference: `coef × 10^-scale`. */
export interface Dec {
  readonly coef: bigint
  readonly scale: number
}

const pow10 = (n: number): bigint => 10n ** BigInt(n)

/** Exact order of two reference decimals by cross-multiplication. */
export const cmpRef = (a: Dec, b: Dec): -1 | 0 | 1 => {
  const s = Math.max(a.scale, b.scale)
  const x = a.coef * pow10(s - a.scale)
  const y = b.coef * pow10(s - b.scale)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Exact sum. */
export const addRef = (a: Dec, b: Dec): Dec => {
  const s = Math.max(a.scale, b.scale)
  return { coef: a.coef * pow10(s - a.scale) + b.coef * pow10(s - b.scale), scale: s }
}

/** Exact product. */
export const mulRef = (a: Dec, b: Dec): Dec => ({ coef: a.coef * b.coef, scale: a.scale + b.scale })

/** `a / b` rounded half away from zero to `dp` places, by integer division. */
export const divRef = (a: Dec, b: Dec, dp: number): Dec => {
  // a / b × 10^dp = a.coef × 10^(b.scale + dp - a.scale) / b.coef
  const k = b.scale + dp - a.scale
  let n = a.coef * (k >= 0 ? pow10(k) : 1n)
  let d = b.coef * (k < 0 ? pow10(-k) : 1n)
  if (d < 0n) {
    n = -n
    d = -d
  }
  const neg = n < 0n
  const abs = neg ? -n : n
  let q = abs / d
  if (2n * (abs % d) >= d) q += 1n
  return { coef: neg ? -q : q, scale: dp }
}

/** The canonical plain string of a reference decimal: no exponent, no trailing zeros, `-` only when non-zero. */
export const canonical = (x: Dec): string => {
  let { coef, scale } = x
  if (coef === 0n) return "0"
  while (scale > 0 && coef % 10n === 0n) {
    coef /= 10n
    scale--
  }
  const neg = coef < 0n
  let digits = (neg ? -coef : coef).toString()
  if (scale <= 0) digits += "0".repeat(-scale)
  else {
    digits = digits.padStart(scale + 1, "0")
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
  }
  return neg ? `-${digits}` : digits
}

/** Reads a plain decimal string (as produced by `Decimal.toString`) back into a reference decimal. */
export const refOf = (s: string): Dec => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s)
  if (!m) throw new Error(`not a plain decimal string: ${s}`)
  const frac = m[3] ?? ""
  const coef = BigInt(`${m[2]}${frac}`)
  return { coef: m[1] === "-" ? -coef : coef, scale: frac.length }
}

/** The adjusted exponent (position of the leading digit) of a non-zero reference decimal. */
export const exponentOf = (x: Dec): number => (x.coef < 0n ? -x.coef : x.coef).toString().length - 1 - x.scale

/** Every spelling of one value the decimal grammar allows. */
export interface Rendering {
  readonly trailingZeros: number
  readonly plus: boolean
  readonly leadingZeros: number
  readonly style: "plain" | "coef-exp" | "sci"
  readonly upperE: boolean
  readonly expPlus: boolean
  readonly bareDot: boolean
}

export const renderingArb: fc.Arbitrary<Rendering> = fc.record({
  trailingZeros: fc.nat({ max: 4 }),
  plus: fc.boolean(),
  leadingZeros: fc.nat({ max: 2 }),
  style: fc.constantFrom("plain", "coef-exp", "sci"),
  upperE: fc.boolean(),
  expPlus: fc.boolean(),
  bareDot: fc.boolean()
})

/** Renders a reference decimal as a string in one of the allowed spellings. */
export const render = (x: Dec, r: Rendering): string => {
  // trailing zeros: the same value with a longer coefficient
  const coef = x.coef * pow10(r.trailingZeros)
  const scale = x.scale + r.trailingZeros
  const neg = coef < 0n
  const sign = neg ? "-" : r.plus ? "+" : ""
  const digits = (neg ? -coef : coef).toString()
  const e = r.upperE ? "E" : "e"
  const exp = (n: number): string => `${e}${n >= 0 && r.expPlus ? "+" : ""}${n}`
  switch (r.style) {
    case "coef-exp":
      return `${sign}${"0".repeat(r.leadingZeros)}${digits}${exp(-scale)}`
    case "sci": {
      const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
      return `${sign}${mant}${exp(digits.length - 1 - scale)}`
    }
    case "plain": {
      // bareDot spells integers `5.` and fractions below one `.5`
      if (scale <= 0) {
        const int = `${digits}${coef === 0n ? "" : "0".repeat(-scale)}`
        return `${sign}${"0".repeat(r.leadingZeros)}${int}${r.bareDot ? "." : ""}`
      }
      const padded = digits.padStart(scale + 1, "0")
      const int = padded.slice(0, padded.length - scale)
      const frac = padded.slice(padded.length - scale)
      const lead = r.bareDot && int === "0" ? "" : `${"0".repeat(r.leadingZeros)}${int}`
      return `${sign}${lead}.${frac}`
    }
  }
}

const digitsArb = (min: number, max: number): fc.Arbitrary<bigint> =>
  fc.integer({ min, max }).chain((n) => fc.bigInt({ min: n === 1 ? 0n : pow10(n - 1), max: pow10(n) - 1n }))

const signed = (a: fc.Arbitrary<bigint>): fc.Arbitrary<bigint> =>
  fc.tuple(a, fc.boolean()).map(([c, neg]) => (neg ? -c : c))

/** Coefficients with 1–15 digits (the fast path) or 16–40 digits (the exact path). */
export const coefArb: fc.Arbitrary<bigint> = signed(fc.oneof(digitsArb(1, 15), digitsArb(16, 40)))

/**
 * Reference decimals: everyday scales, and tiny or huge exponents (beyond the range of doubles,
 * within the ±1000 that decimals accept).
 */
export const decArb: fc.Arbitrary<Dec> = fc.record({
  coef: coefArb,
  scale: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -6, max: 12 }) }, fc.integer({ min: -900, max: 900 }))
})

/** A pair of decimals that are often equal or neighbours, so that comparison is stressed. */
export const decPairArb: fc.Arbitrary<readonly [Dec, Dec]> = fc.oneof(
  fc.tuple(decArb, decArb),
  // the same value at a finer scale
  fc.tuple(decArb, fc.nat({ max: 30 })).map(([a, k]) => [a, { coef: a.coef * pow10(k), scale: a.scale + k }] as const),
  // neighbours one unit apart in the last place of a finer scale (more than 15 digits when k is large)
  fc
    .tuple(decArb, fc.nat({ max: 30 }), fc.constantFrom(-1n, 1n))
    .map(([a, k, d]) => [a, { coef: a.coef * pow10(k) + d, scale: a.scale + k }] as const),
  // 15-digit neighbours near the edges of the fast path
  fc
    .tuple(digitsArb(15, 15), fc.integer({ min: -310, max: 310 }), fc.constantFrom(-1n, 1n))
    .map(([c, s, d]) => [{ coef: c, scale: s }, { coef: c + d, scale: s }] as const)
)

// ---------------------------------------------------------------------------------------------
// Calendar dates
// ---------------------------------------------------------------------------------------------

/** Days in a month by Date (month 1–12), valid for every year 1–9999. */
export const daysInMonthRef = (y: number, m: number): number => {
  const d = new Date(0)
  d.setUTCFullYear(y, m, 0)
  return d.getUTCDate()
}

/** Day number (days since 1970-01-01) by Date. */
export const dayNumberRef = (y: number, m: number, d: number): number => {
  const t = new Date(0)
  t.setUTCFullYear(y, m - 1, d)
  return Math.round(t.getTime() / 86_400_000)
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0")

/** Formats year, month, day as `YYYY-MM-DD`. */
export const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`

/** Valid dates as [y, m, d] in a year range. */
export const ymdArb = (minYear = 1900, maxYear = 2200): fc.Arbitrary<readonly [number, number, number]> =>
  fc
    .tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }))
    .chain(([y, m]) => fc.integer({ min: 1, max: daysInMonthRef(y, m) }).map((d) => [y, m, d] as const))

/** Valid date strings in a year range. */
export const dateStringArb = (minYear = 1900, maxYear = 2200): fc.Arbitrary<string> =>
  ymdArb(minYear, maxYear).map(([y, m, d]) => ymd(y, m, d))

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

/** Short human text: Latin, CJK, digits, spaces and punctuation, never a backtick. */
export const textArb = (minLength = 0, maxLength = 12): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.constantFrom(..."abcXYZ019 -_./克百威白菜鸡肌肉（）、".split("")),
    minLength,
    maxLength
  })

/** Non-empty trimmed text. */
export const trimmedArb: fc.Arbitrary<string> = textArb(1, 12)
  .map((s) => s.trim())
  .filter((s) => s.length > 0)

/** Levenshtein distance by the textbook dynamic programme over UTF-16 code units. */
export const levenshteinRef = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}
