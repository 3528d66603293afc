// Decimals by their digits: the coefficient and exponent of a big.js value (Decimal's own
// representation), so that the judgement compares, converts and divides small decimals with
// numbers, exactly as the decimal operations would (see JudgeFastPaths.test.ts and the
// differential test, JudgeDifferential.test.ts). Internal to @nongan/residues.
import * as Decimal from "@nongan/core/Decimal"
import * as Quantity from "@nongan/core/Quantity"

export interface BigParts {
  readonly c: ReadonlyArray<number>
  readonly e: number
  readonly s: number
}
export const partsOf = (d: Decimal.Decimal): BigParts => (d as unknown as { readonly big: BigParts }).big

// The coefficient of a decimal as an integer (its digits), or -1 beyond 15 digits.
export const coefficient = (b: BigParts): number => {
  const c = b.c
  if (c.length > 15) return -1
  let n = 0
  for (let i = 0; i < c.length; i++) n = n * 10 + c[i]!
  return n
}

// Whether `d × 10^k` compares by its nearest number, as Decimal.compare's fast path does (at most
// 15 significant digits, an exponent within ±300); `Decimal.shiftNumber(toNumber(d), k)` is then
// that number, exactly as `toNumber(shift(d, k))`.
export const fastShifted = (b: BigParts, k: number): boolean => b.c.length <= 15 && b.e > -300 && b.e < 300 && b.e + k > -300 && b.e + k < 300

// The power of ten from one concentration unit to the other (mg/kg ↔ µg/kg), 0 for the same unit.
export const concentrationShift = (from: string, to: string): number | undefined =>
  from === to ? 0 : from === "mg/kg" && to === "ug/kg" ? 3 : from === "ug/kg" && to === "mg/kg" ? -3 : undefined

/** A value as a number in a concentration unit: `toNumber(convert(q, unit).value)`, without building decimals when it can. */
export const measuredIn = (q: Quantity.Quantity, unit: string): number => {
  const k = concentrationShift(q.unit, unit)
  if (k === 0) return Decimal.toNumber(q.value)
  if (k !== undefined && fastShifted(partsOf(q.value), k)) return Decimal.shiftNumber(Decimal.toNumber(q.value), k)
  return Decimal.toNumber(Quantity.convert(q, unit as Quantity.Quantity["unit"])!.value)
}

// x ÷ limit rounded half-up to 4 places, as a number: what
// `Decimal.toNumber(Decimal.divide(x, limit, 4))` gives, without big.js's long division when both
// coefficients are small (the usual case: values and limits have a few significant digits). The
// quotient is then an exact integer computation, and q / 10⁴ is the double nearest the 4-place
// decimal (IEEE division rounds correctly, as Number() of its decimal string does).
const SMALL = 2 ** 52
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

// (cx·10^px) ÷ (cl·10^pl) to 4 places as `ratio4` gives it, for positive coefficients of at most
// 15 digits; NaN when the integer computation does not apply.
export const ratio4Of = (cx: number, px: number, cl: number, pl: number): number => {
  if (cx > 0 && cl > 0) {
    // ratio·10⁴ = cx·10^k / cl with k = px − pl + 4
    const k = px - pl + 4
    if (k >= -22 && k <= 22) {
      const n = k >= 0 ? cx * POW10[k]! : cx
      const d = k >= 0 ? cl : cl * POW10[-k]!
      if (n < SMALL && d < SMALL) {
        let q = Math.floor(n / d)
        let r = n - q * d
        if (r < 0) {
          q--
          r += d
        } else if (r >= d) {
          q++
          r -= d
        }
        if (2 * r >= d) q++
        return q / 1e4
      }
    }
  }
  return Number.NaN
}
