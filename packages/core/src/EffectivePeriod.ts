import { Schema } from "effect"
import { CalendarDate } from "./CalendarDate"

/**
 * The period a datum is in force: `from` and `to` are both inclusive calendar dates (`to` is the
 * last day in force); no `to` means still in force.
 *
 * @example
 * import { Schema } from "effect"
 * import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
 * Schema.decodeUnknownSync(EffectivePeriod)({ from: "2021-09-03", to: "2026-02-28" })
 *
 * @since 0.1.0
 * @category models
 */
export const EffectivePeriod = Schema.Struct({
  from: CalendarDate,
  to: Schema.optional(CalendarDate)
}).pipe(
  Schema.filter((p) => p.to === undefined || p.from <= p.to, {
    identifier: "EffectivePeriod",
    description: "an effective period whose end is not before its start"
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type EffectivePeriod = typeof EffectivePeriod.Type

/**
 * Whether a period is in force on a date.
 *
 * @example
 * import { contains } from "@nongan/core/EffectivePeriod"
 * import { unsafeMake } from "@nongan/core/CalendarDate"
 * const p = { from: unsafeMake("2024-09-01") }
 * contains(p, unsafeMake("2024-08-31")) // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const contains = (p: { readonly from: string; readonly to?: string | undefined }, date: string): boolean =>
  p.from <= date && (p.to === undefined || date <= p.to)

/**
 * Whether two periods share at least one day.
 *
 * @example
 * import { overlaps } from "@nongan/core/EffectivePeriod"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * overlaps({ from: d("2021-09-03"), to: d("2026-02-28") }, { from: d("2026-03-01") }) // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const overlaps = (
  a: { readonly from: string; readonly to?: string | undefined },
  b: { readonly from: string; readonly to?: string | undefined }
): boolean => (a.to === undefined || b.from <= a.to) && (b.to === undefined || a.from <= b.to)

/**
 * Whether period `inner` lies wholly within `outer`.
 *
 * @example
 * import { within } from "@nongan/core/EffectivePeriod"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * within({ from: d("2022-01-01"), to: d("2022-12-31") }, { from: d("2021-09-03") }) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const within = (
  inner: { readonly from: string; readonly to?: string | undefined },
  outer: { readonly from: string; readonly to?: string | undefined }
): boolean =>
  outer.from <= inner.from && (outer.to === undefined || (inner.to !== undefined && inner.to <= outer.to))
