import { addDays, type CalendarDate, toDayNumber } from "@nongan/core/CalendarDate"
import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"

/**
 * One listed day of a year's holiday notice: a rest day (`holiday`) or a weekend day made a
 * working day (`workday`, 调休上班), with the holiday it belongs to and the notice's item.
 *
 * @example
 * import { Schema } from "effect"
 * import { ListedDay } from "@nongan/sampling/Calendar"
 * Schema.decodeUnknownSync(ListedDay)({ date: "2025-01-26", type: "workday", name: "春节", clause: "二" })
 *
 * @since 0.1.0
 * @category models
 */
export const ListedDay = Schema.Struct({
  date: Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)),
  type: Schema.Literal("holiday", "workday"),
  name: Schema.String,
  clause: Schema.optional(Schema.String)
}).annotations({ identifier: "ListedDay" })
/** @since 0.1.0 @category models */
export type ListedDay = typeof ListedDay.Type

/**
 * The working-day calendar file (`rules/national/calendar/*.json`, kind `working-day-calendar`):
 * one entry per year covered, each citing that year's State Council notice.
 *
 * @example
 * import { Schema } from "effect"
 * import { CalendarFile } from "@nongan/sampling/Calendar"
 * Schema.decodeUnknownSync(CalendarFile)({ kind: "working-day-calendar", id: "x", years: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const CalendarFile = Schema.Struct({
  kind: Schema.Literal("working-day-calendar"),
  id: Schema.String,
  title: Schema.optional(Schema.String),
  rule: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  years: Schema.Array(
    Schema.Struct({ year: Schema.Int, citation: Citation, verification: Verification, days: Schema.Array(ListedDay) })
  )
}).annotations({ identifier: "CalendarFile" })
/** @since 0.1.0 @category models */
export type CalendarFile = typeof CalendarFile.Type

/**
 * A working-day calendar: which years it covers and, for a covered date, whether it is a working
 * day and why.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkingDays {
  readonly years: ReadonlyMap<number, { readonly citation: Citation; readonly verification: Verification }>
  readonly listed: ReadonlyMap<string, ListedDay & { readonly year: number }>
}

const decodeFile = decoder(CalendarFile)

/**
 * Builds the calendar from its files; a year given twice, a listed date outside its year, a
 * holiday on a date listed as a workday, or a workday that is not a weekend day is an error.
 *
 * @example
 * import { fromFiles } from "@nongan/sampling/Calendar"
 * fromFiles([{ kind: "working-day-calendar", id: "x", years: [] }]).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (files: ReadonlyArray<unknown>): Result<WorkingDays, NonganError> => {
  const years = new Map<number, { citation: Citation; verification: Verification }>()
  const listed = new Map<string, ListedDay & { year: number }>()
  const errors: Array<NonganError> = []
  files.forEach((f, i) => {
    const r = decodeFile(f, [i])
    if (!r.ok) return void errors.push(...r.errors)
    r.value.years.forEach((y, k) => {
      if (years.has(y.year)) errors.push(make("invalid-value", [i, "years", k, "year"], { detail: `year ${y.year} listed twice` }))
      years.set(y.year, { citation: y.citation, verification: y.verification })
      y.days.forEach((d, j) => {
        const at = [i, "years", k, "days", j]
        if (!d.date.startsWith(`${y.year}-`)) errors.push(make("invalid-value", [...at, "date"], { detail: `${d.date} is not in ${y.year}` }))
        if (listed.has(d.date)) errors.push(make("invalid-value", [...at, "date"], { detail: `${d.date} listed twice` }))
        if (d.type === "workday" && !isWeekend(d.date as CalendarDate)) errors.push(make("invalid-value", [...at, "type"], { detail: `${d.date} is a weekday` }))
        listed.set(d.date, { ...d, year: y.year })
      })
    })
  })
  return errors.length > 0 ? fail(...errors) : ok({ years, listed })
}

/**
 * Whether a date is a Saturday or a Sunday.
 *
 * @example
 * import { isWeekend } from "@nongan/sampling/Calendar"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * isWeekend(d("2025-01-26")) // true (a Sunday)
 *
 * @since 0.1.0
 * @category predicates
 */
export const isWeekend = (date: CalendarDate): boolean => {
  // day 0 (1970-01-01) was a Thursday
  const dow = (((toDayNumber(date) + 4) % 7) + 7) % 7
  return dow === 0 || dow === 6
}

/**
 * Whether a date is a working day: Monday to Friday unless listed as a holiday, or a weekend day
 * listed as a working day. A date in a year the calendar does not cover is an error (the answer
 * would be a guess).
 *
 * @example
 * import { isWorkingDay, fromFiles } from "@nongan/sampling/Calendar"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * const cal = fromFiles([{ kind: "working-day-calendar", id: "x", years: [{ year: 2025, citation: { instrument: "国务院办公厅关于2025年部分节假日安排的通知" },
 *   verification: "secondary", days: [{ date: "2025-01-26", type: "workday", name: "春节" }] }] }])
 * if (cal.ok) isWorkingDay(cal.value, d("2025-01-26")) // { ok: true, value: true }
 *
 * @since 0.1.0
 * @category predicates
 */
export const isWorkingDay = (cal: WorkingDays, date: CalendarDate): Result<boolean, NonganError> => {
  if (!cal.years.has(Number(date.slice(0, 4)))) return fail(notCovered(cal, date))
  const l = cal.listed.get(date)
  return ok(l ? l.type === "workday" : !isWeekend(date))
}

const notCovered = (cal: WorkingDays, date: string): NonganError =>
  make("invalid-value", ["date"], { value: date, detail: `the working-day calendar covers ${[...cal.years.keys()].sort().join(", ") || "no year"}` })

/**
 * The n-th working day after a date (the day itself is not counted, so a period that starts on
 * receipt ends on the n-th following working day). An error when it runs out of covered years.
 *
 * @example
 * import { addWorkingDays, fromFiles } from "@nongan/sampling/Calendar"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * const cal = fromFiles([{ kind: "working-day-calendar", id: "x", years: [{ year: 2026, citation: { instrument: "x" }, verification: "secondary", days: [] }] }])
 * if (cal.ok) addWorkingDays(cal.value, d("2026-03-06"), 5) // { ok: true, value: "2026-03-13" }
 *
 * @since 0.1.0
 * @category combinators
 */
export const addWorkingDays = (cal: WorkingDays, date: CalendarDate, n: number): Result<CalendarDate, NonganError> => {
  let d = date
  let left = n
  while (left > 0) {
    d = addDays(d, 1)
    const w = isWorkingDay(cal, d)
    if (!w.ok) return w
    if (w.value) left--
  }
  return ok(d)
}

/**
 * The first working day on or after a date (a calendar-day period that ends on a rest day runs
 * to the next working day).
 *
 * @example
 * import { nextWorkingDay, fromFiles } from "@nongan/sampling/Calendar"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * const cal = fromFiles([{ kind: "working-day-calendar", id: "x", years: [{ year: 2026, citation: { instrument: "x" }, verification: "secondary", days: [] }] }])
 * if (cal.ok) nextWorkingDay(cal.value, d("2026-03-07")) // { ok: true, value: "2026-03-09" }
 *
 * @since 0.1.0
 * @category combinators
 */
export const nextWorkingDay = (cal: WorkingDays, date: CalendarDate): Result<CalendarDate, NonganError> => {
  let d = date
  for (;;) {
    const w = isWorkingDay(cal, d)
    if (!w.ok) return w
    if (w.value) return ok(d)
    d = addDays(d, 1)
  }
}
