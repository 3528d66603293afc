import { Schema } from "effect"
import * as Decimal from "./Decimal"
import * as Unit from "./Unit"

/**
 * An exact amount with an explicit unit.
 *
 * @example
 * import * as Quantity from "@nongan/core/Quantity"
 * const q = Quantity.unsafeMake("0.062", "mg/kg")
 * Quantity.convert(q, "ug/kg")?.value.toString() // "62"
 *
 * @since 0.1.0
 * @category models
 */
export const Quantity = Schema.Struct({ value: Decimal.DecimalFromString, unit: Unit.Unit }).annotations({
  identifier: "Quantity"
})

/**
 * @since 0.1.0
 * @category models
 */
export type Quantity = typeof Quantity.Type

/**
 * Makes a quantity from a decimal string and a unit spelling; throws on bad input (for literals).
 *
 * @example
 * import { unsafeMake } from "@nongan/core/Quantity"
 * unsafeMake("7", "d")
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (value: string | number, unit: string): Quantity => {
  const u = Unit.parse(unit)
  if (u === undefined) throw new RangeError(`unknown unit: ${unit}`)
  return { value: Decimal.unsafeMake(value), unit: u }
}

const HOURS_PER_DAY = Decimal.unsafeMake("24")

// Decimal places of a decimal's canonical string.
const placesOf = (d: Decimal.Decimal): number => {
  const s = d.toString()
  const dot = s.indexOf(".")
  return dot < 0 ? 0 : s.length - dot - 1
}

/**
 * Converts between commensurable units (`mg/kg` ↔ `ug/kg`, `d` ↔ `h`); `undefined` when they are
 * not (days and degree-days, for instance). Every conversion is exact, except hours to days when
 * hours ÷ 24 has no finite decimal expansion (`1 h` is `1/24 d`): that quotient is rounded
 * half-up to 30 decimal places.
 *
 * @example
 * import { convert, unsafeMake } from "@nongan/core/Quantity"
 * convert(unsafeMake("48", "h"), "d")?.value.toString() // "2"
 *
 * @since 0.1.0
 * @category combinators
 */
export const convert = (q: Quantity, to: Unit.Unit): Quantity | undefined => {
  if (q.unit === to) return q
  const shift = Unit.decimalShift(q.unit, to)
  if (shift !== undefined) return { value: Decimal.shift(q.value, shift), unit: to }
  if (q.unit === "d" && to === "h") return { value: Decimal.multiply(q.value, HOURS_PER_DAY), unit: to }
  if (q.unit === "h" && to === "d") {
    // a finite quotient has at most 3 more places than the hours (÷ 24 = × 125 ÷ 3000)
    return { value: Decimal.divide(q.value, HOURS_PER_DAY, Math.max(30, placesOf(q.value) + 3)), unit: to }
  }
  return undefined
}

/**
 * Orders two quantities exactly after converting the second into the first's unit; `undefined`
 * when the units are not commensurable.
 *
 * @example
 * import { compare, unsafeMake } from "@nongan/core/Quantity"
 * compare(unsafeMake("0.062", "mg/kg"), unsafeMake("20", "ug/kg")) // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const compare = (a: Quantity, b: Quantity): -1 | 0 | 1 | undefined => {
  // compare in the finer unit, where conversion is a multiplication and therefore exact
  const target: Unit.Unit = a.unit === "d" && b.unit === "h" ? "h" : a.unit === "mg/kg" && b.unit === "ug/kg" ? "ug/kg" : a.unit
  const aa = convert(a, target)
  const bb = convert(b, target)
  return aa === undefined || bb === undefined ? undefined : Decimal.compare(aa.value, bb.value)
}

/**
 * Renders `0.062 mg/kg`.
 *
 * @example
 * import { format, unsafeMake } from "@nongan/core/Quantity"
 * format(unsafeMake("0.062", "mg/kg")) // "0.062 mg/kg"
 *
 * @since 0.1.0
 * @category combinators
 */
export const format = (q: Quantity): string => `${q.value.toString()} ${q.unit}`
