import { addDays, type CalendarDate, daysBetween, isValid, toDayNumber } from "@nongan/core/CalendarDate"
import * as Decimal from "@nongan/core/Decimal"
import { Schema } from "effect"
import type { Interval } from "./WithdrawalTable"

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * Whether a string is a local date-time `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss` (China has
 * one time zone, so no offset is written or accepted).
 *
 * @example
 * import { isLocalDateTime } from "@nongan/intervals/Elapsed"
 * isLocalDateTime("2026-05-01T08:30") // true
 * isLocalDateTime("2026-05-01T08:30Z") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const isLocalDateTime = (s: string): boolean => {
  const m = DATE_TIME.exec(s)
  return m !== null && isValid(m[1]!) && Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4] ?? "0") <= 59
}

/**
 * The schema of a local date-time (`2026-05-01T08:30`, seconds optional, no time zone).
 *
 * @example
 * import { Schema } from "effect"
 * import { LocalDateTime } from "@nongan/intervals/Elapsed"
 * Schema.decodeUnknownSync(LocalDateTime)("2026-05-01T08:30:00")
 *
 * @since 0.1.0
 * @category models
 */
export const LocalDateTime = Schema.String.pipe(
  Schema.filter(isLocalDateTime, { identifier: "LocalDateTime", description: "a local date-time YYYY-MM-DDTHH:mm[:ss]" })
)
/** @since 0.1.0 @category models */
export type LocalDateTime = typeof LocalDateTime.Type

/**
 * The calendar date of a local date-time.
 *
 * @example
 * import { dateOf } from "@nongan/intervals/Elapsed"
 * dateOf("2026-05-01T08:30") // "2026-05-01"
 *
 * @since 0.1.0
 * @category combinators
 */
export const dateOf = (t: LocalDateTime): CalendarDate => t.slice(0, 10) as CalendarDate

/**
 * Seconds since 1970-01-01T00:00 local time (exact integer arithmetic).
 *
 * @example
 * import { toSeconds } from "@nongan/intervals/Elapsed"
 * toSeconds("1970-01-02T01:00") // 90000
 *
 * @since 0.1.0
 * @category combinators
 */
export const toSeconds = (t: LocalDateTime): number => {
  const m = DATE_TIME.exec(t)!
  return toDayNumber(m[1] as CalendarDate) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? "0")
}

/**
 * The span an interval is measured over: from the last use (application or dose) to the end event
 * (harvest, slaughter, milking, egg collection), as calendar dates, with optional times of day
 * (for hour periods) and daily mean water temperatures in °C (for degree-day periods).
 *
 * @example
 * import type { Span } from "@nongan/intervals/Elapsed"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * const span: Span = { from: d("2026-05-01"), to: d("2026-05-03"), fromAt: "2026-05-01T08:00", toAt: "2026-05-03T08:00" }
 *
 * @since 0.1.0
 * @category models
 */
export interface Span {
  readonly from: CalendarDate
  readonly to: CalendarDate
  readonly fromAt?: LocalDateTime | undefined
  readonly toAt?: LocalDateTime | undefined
  readonly temperatures?: ReadonlyMap<string, Decimal.Decimal> | undefined
}

/**
 * What measuring a span against an interval gives: the elapsed amount in the interval's unit and
 * whether it meets the interval, or why it cannot be measured (`water-temperatures-missing` with
 * the days that lack a temperature).
 *
 * @example
 * import { measure, type Measure } from "@nongan/intervals/Elapsed"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * import { unsafeMake as n } from "@nongan/core/Decimal"
 * const m: Measure = measure({ value: n("500"), unit: "degree-days" }, { from: d("2026-05-01"), to: d("2026-05-03") })
 * m.kind // "unknown": no water temperatures
 *
 * @since 0.1.0
 * @category models
 */
export type Measure =
  | {
      readonly kind: "measured"
      readonly elapsed: Decimal.Decimal
      readonly required: Decimal.Decimal
      readonly unit: Interval["unit"]
      readonly meets: boolean
      readonly rule: string
      /** For day periods: the first day on which the end event meets the interval. */
      readonly earliestOn?: CalendarDate | undefined
      /** For hour periods: whether the times of day were taken from the record or bounded from dates. */
      readonly times?: "recorded" | "bounded-from-dates" | undefined
    }
  | { readonly kind: "unknown"; readonly reason: "water-temperatures-missing"; readonly missing: ReadonlyArray<CalendarDate> }

/**
 * Rule names as findings print them.
 *
 * @example
 * import { RULES } from "@nongan/intervals/Elapsed"
 * RULES.days // "elapsed-days>=interval"
 *
 * @since 0.1.0
 * @category models
 */
export const RULES = {
  days: "elapsed-days>=interval",
  hours: "elapsed-hours>=interval",
  degreeDays: "degree-days>=interval"
} as const

const SECONDS_PER_HOUR = Decimal.unsafeMake(3600)

/**
 * Whole days from the last use to the end event (`to − from`). Day 0 is the day of use: a
 * harvest or slaughter on day N meets an interval of N days, day N − 1 does not.
 *
 * @example
 * import { elapsedDays } from "@nongan/intervals/Elapsed"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * elapsedDays(d("2026-05-01"), d("2026-05-08")) // 7
 *
 * @since 0.1.0
 * @category combinators
 */
export const elapsedDays = (from: CalendarDate, to: CalendarDate): number => daysBetween(from, to)

/**
 * Seconds from the last dose to the end event, never more than certainly elapsed: a missing time
 * of the dose is taken as the end of the dose day (24:00) and a missing time of the end event as
 * the start of its day (00:00). Never negative.
 *
 * @example
 * import { elapsedSeconds } from "@nongan/intervals/Elapsed"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * elapsedSeconds({ from: d("2026-05-01"), to: d("2026-05-03"), fromAt: "2026-05-01T08:00", toAt: "2026-05-03T08:00" }) // 172800
 * elapsedSeconds({ from: d("2026-05-01"), to: d("2026-05-03") }) // 86400
 *
 * @since 0.1.0
 * @category combinators
 */
export const elapsedSeconds = (span: Span): number => {
  const start = span.fromAt !== undefined ? toSeconds(span.fromAt) : (toDayNumber(span.from) + 1) * 86400
  const end = span.toAt !== undefined ? toSeconds(span.toAt) : toDayNumber(span.to) * 86400
  return Math.max(0, end - start)
}

/**
 * Degree-days (度日) accumulated after the last dose: the sum of the daily mean water temperatures
 * (°C) of every day from the day after the last dose up to and including the end day. Days with no
 * temperature are listed in `missing` (the sum then covers only the days that have one).
 *
 * @example
 * import { degreeDays } from "@nongan/intervals/Elapsed"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * import { unsafeMake as n } from "@nongan/core/Decimal"
 * const t = new Map([["2026-05-02", n("20")], ["2026-05-03", n("21.5")]])
 * degreeDays(d("2026-05-01"), d("2026-05-03"), t).sum.toString() // "41.5"
 *
 * @since 0.1.0
 * @category combinators
 */
export const degreeDays = (
  from: CalendarDate,
  to: CalendarDate,
  temperatures: ReadonlyMap<string, Decimal.Decimal>
): { readonly sum: Decimal.Decimal; readonly days: number; readonly missing: ReadonlyArray<CalendarDate> } => {
  let sum = Decimal.zero
  const missing: Array<CalendarDate> = []
  const days = Math.max(0, daysBetween(from, to))
  for (let k = 1; k <= days; k++) {
    const day = addDays(from, k)
    const t = temperatures.get(day)
    if (t === undefined) missing.push(day)
    else sum = Decimal.add(sum, t)
  }
  return { sum, days, missing }
}

const ceilDays = (d: Decimal.Decimal): number => {
  const whole = Math.trunc(Decimal.toNumber(d))
  return Decimal.compare(Decimal.unsafeMake(whole), d) < 0 ? whole + 1 : whole
}

/**
 * Measures a span against an interval in the interval's own unit, exactly:
 *
 * - `d`: calendar days from the day of last use (day 0) to the end day; times of day are ignored.
 * - `h`: seconds between the recorded times ({@link elapsedSeconds}: a missing time is bounded so
 *   that the elapsed time is never overstated), compared with the hours × 3600.
 * - `degree-days`: {@link degreeDays}; a day without a water temperature makes the measure
 *   `unknown`, never a pass.
 *
 * @example
 * import { measure } from "@nongan/intervals/Elapsed"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * import { unsafeMake as n } from "@nongan/core/Decimal"
 * const m = measure({ value: n("7"), unit: "d" }, { from: d("2026-05-01"), to: d("2026-05-07") })
 * m.kind === "measured" && m.meets // false: day 6 of a 7-day interval
 *
 * @since 0.1.0
 * @category rules
 */
export const measure = (interval: Interval, span: Span): Measure => {
  const required = interval.value
  switch (interval.unit) {
    case "d": {
      const elapsed = Decimal.unsafeMake(elapsedDays(span.from, span.to))
      return {
        kind: "measured",
        elapsed,
        required,
        unit: "d",
        meets: Decimal.compare(elapsed, required) >= 0,
        rule: RULES.days,
        earliestOn: addDays(span.from, ceilDays(required))
      }
    }
    case "h": {
      const seconds = Decimal.unsafeMake(elapsedSeconds(span))
      return {
        kind: "measured",
        elapsed: Decimal.divide(seconds, SECONDS_PER_HOUR, 6),
        required,
        unit: "h",
        meets: Decimal.compare(seconds, Decimal.multiply(required, SECONDS_PER_HOUR)) >= 0,
        rule: RULES.hours,
        times: span.fromAt !== undefined && span.toAt !== undefined ? "recorded" : "bounded-from-dates"
      }
    }
    case "degree-days": {
      const dd = degreeDays(span.from, span.to, span.temperatures ?? new Map())
      if (dd.missing.length > 0 && !Decimal.isZero(required)) {
        return { kind: "unknown", reason: "water-temperatures-missing", missing: dd.missing }
      }
      return {
        kind: "measured",
        elapsed: dd.sum,
        required,
        unit: "degree-days",
        meets: Decimal.isZero(required) || Decimal.compare(dd.sum, required) >= 0,
        rule: RULES.degreeDays
      }
    }
  }
}
