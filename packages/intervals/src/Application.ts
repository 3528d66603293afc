import { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Schema } from "effect"

/**
 * A pesticide application record, checked against pre-harvest intervals (安全间隔期), the
 * substance's legal status and, when registration data is held, the registered crops:
 * `{"id":"A-1","kind":"pesticide-application","crop":"豇豆","pesticide":"阿维菌素",
 * "product":"1.8%阿维菌素乳油","registrationNo":"PD…","appliedOn":"2026-05-01",
 * "harvestedOn":"2026-05-06","region":"500154"}`. Give either `appliedOn` (one application) or
 * `applications` (every application date; the interval counts from the last one). `pesticide` is
 * the active ingredient (有效成分) as catalogued (aliases resolve); `crop` a food-catalogue name.
 *
 * @example
 * import { Schema } from "effect"
 * import { ApplicationRecord } from "@nongan/intervals/Application"
 * Schema.decodeUnknownSync(ApplicationRecord)({
 *   id: "A-1", kind: "pesticide-application", crop: "豇豆", pesticide: "阿维菌素",
 *   appliedOn: "2026-05-01", harvestedOn: "2026-05-06"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const ApplicationRecord = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("pesticide-application"),
  crop: Schema.String,
  pesticide: Schema.String,
  product: Schema.optional(Schema.String),
  registrationNo: Schema.optional(Schema.String),
  appliedOn: Schema.optional(CalendarDate),
  applications: Schema.optional(Schema.NonEmptyArray(CalendarDate)),
  harvestedOn: CalendarDate,
  region: Schema.optional(Schema.String)
}).annotations({ identifier: "ApplicationRecord" })
/** @since 0.1.0 @category models */
export type ApplicationRecord = typeof ApplicationRecord.Type

const decodeSchema = decoder(ApplicationRecord)

/**
 * Decodes an application record; never throws. Unknown fields are errors, and so is a record
 * with neither or both of `appliedOn` and `applications`.
 *
 * @example
 * import { decode } from "@nongan/intervals/Application"
 * decode({ id: "A-1", kind: "pesticide-application", crop: "豇豆", pesticide: "阿维菌素", harvestedOn: "2026-05-06" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (u: unknown, path: Path = []): Result<ApplicationRecord, NonganError> => {
  const r = decodeSchema(u, path)
  if (!r.ok) return r
  const { appliedOn, applications } = r.value
  if (appliedOn === undefined && applications === undefined) return fail(make("missing-field", [...path, "appliedOn"]))
  if (appliedOn !== undefined && applications !== undefined) return fail(make("unexpected-field", [...path, "applications"]))
  return ok(r.value)
}

/**
 * Every application date of a record, in the order given.
 *
 * @example
 * import { applicationDates } from "@nongan/intervals/Application"
 * import { unsafeMake } from "@nongan/core/CalendarDate"
 * applicationDates({ appliedOn: unsafeMake("2026-05-01") }) // ["2026-05-01"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const applicationDates = (r: Pick<ApplicationRecord, "appliedOn" | "applications">): ReadonlyArray<CalendarDate> =>
  r.applications ?? (r.appliedOn !== undefined ? [r.appliedOn] : [])
