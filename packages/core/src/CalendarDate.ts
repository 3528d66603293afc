import { Brand, Schema } from "effect"

/**
 * A calendar date `YYYY-MM-DD`. China has one time zone, so legal dates are days, never instants.
 * Lexicographic order of two calendar dates is their chronological order.
 *
 * @example
 * import * as CalendarDate from "@nongan/core/CalendarDate"
 * const d = CalendarDate.unsafeMake("2026-03-01")
 * CalendarDate.addDays(d, -1) // "2026-02-28"
 *
 * @since 0.1.0
 * @category models
 */
export type CalendarDate = string & Brand.Brand<"CalendarDate">

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/**
 * Whether a string is a real calendar date in `YYYY-MM-DD` form (`2025-02-29` is not).
 *
 * @example
 * import { isValid } from "@nongan/core/CalendarDate"
 * isValid("2024-02-29") // true
 * isValid("2025-02-29") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (s: string): boolean => {
  if (VALID.has(s)) return true
  const m = PATTERN.exec(s)
  if (!m) return false
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3])
  const valid = y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
  if (valid && VALID.size < 20_000) VALID.add(s)
  return valid
}

// dates found valid (a batch names few distinct days): at most 20 000, about 55 years of days
const VALID = new Set<string>()

/**
 * The schema of a calendar date: a `YYYY-MM-DD` string that names a real day.
 *
 * @example
 * import { Schema } from "effect"
 * import { CalendarDate } from "@nongan/core/CalendarDate"
 * Schema.decodeUnknownSync(CalendarDate)("2024-09-01")
 *
 * @since 0.1.0
 * @category models
 */
export const CalendarDate = Schema.String.pipe(
  Schema.filter(isValid, { description: "a calendar date YYYY-MM-DD" }),
  // the identifier goes on the brand: Effect drops an identifier when a schema is re-annotated,
  // and Decode maps it to the `invalid-date` code
  Schema.brand("CalendarDate", { identifier: "CalendarDate" })
)

/**
 * Makes a calendar date, throwing on an invalid string; for literals in code and tests.
 *
 * @example
 * import { unsafeMake } from "@nongan/core/CalendarDate"
 * unsafeMake("2026-06-01")
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (s: string): CalendarDate => {
  if (!isValid(s)) throw new RangeError(`not a calendar date: ${s}`)
  return s as CalendarDate
}

/**
 * Parses a calendar date, returning `undefined` when the string is not one.
 *
 * @example
 * import { parse } from "@nongan/core/CalendarDate"
 * parse("2026-13-01") // undefined
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (s: string): CalendarDate | undefined => (isValid(s) ? (s as CalendarDate) : undefined)

/**
 * The day number of a date: days since 1970-01-01 (exact integer arithmetic, proleptic Gregorian).
 *
 * @example
 * import { toDayNumber, unsafeMake } from "@nongan/core/CalendarDate"
 * toDayNumber(unsafeMake("1970-01-02")) // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const toDayNumber = (d: CalendarDate): number => {
  // days_from_civil (H. Hinnant), integer only
  let y = Number(d.slice(0, 4))
  const m = Number(d.slice(5, 7))
  const day = Number(d.slice(8, 10))
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (m + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/**
 * The date of a day number (inverse of {@link toDayNumber}).
 *
 * @example
 * import { fromDayNumber } from "@nongan/core/CalendarDate"
 * fromDayNumber(0) // "1970-01-01"
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromDayNumber = (n: number): CalendarDate => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` as CalendarDate
}

/**
 * The date `n` days after (or before, for negative `n`) a date.
 *
 * @example
 * import { addDays, unsafeMake } from "@nongan/core/CalendarDate"
 * addDays(unsafeMake("2024-02-28"), 1) // "2024-02-29"
 *
 * @since 0.1.0
 * @category combinators
 */
export const addDays = (d: CalendarDate, n: number): CalendarDate => fromDayNumber(toDayNumber(d) + n)

/**
 * Whole days from `a` to `b` (`b - a`).
 *
 * @example
 * import { daysBetween, unsafeMake } from "@nongan/core/CalendarDate"
 * daysBetween(unsafeMake("2024-08-31"), unsafeMake("2024-09-01")) // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number => toDayNumber(b) - toDayNumber(a)

/**
 * Orders two dates: -1, 0 or 1.
 *
 * @example
 * import { compare, unsafeMake } from "@nongan/core/CalendarDate"
 * compare(unsafeMake("2024-01-01"), unsafeMake("2025-01-01")) // -1
 *
 * @since 0.1.0
 * @category combinators
 */
export const compare = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)
