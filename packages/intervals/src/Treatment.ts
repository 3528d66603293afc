import { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Schema } from "effect"
import { LocalDateTime } from "./Elapsed"

/**
 * A daily mean water temperature in °C (a decimal string or a number), for degree-day periods.
 *
 * @example
 * import { Schema } from "effect"
 * import { WaterTemperature } from "@nongan/intervals/Treatment"
 * Schema.decodeUnknownSync(WaterTemperature)({ date: "2026-05-02", celsius: "18.5" })
 *
 * @since 0.1.0
 * @category models
 */
export const WaterTemperature = Schema.Struct({
  date: CalendarDate,
  celsius: Schema.Union(Schema.String, Schema.Number)
}).annotations({ identifier: "WaterTemperature" })
/** @since 0.1.0 @category models */
export type WaterTemperature = typeof WaterTemperature.Type

/**
 * The end events a withdrawal is measured to, by field name: slaughter (休药期), milking (弃奶期)
 * and egg collection (弃蛋期).
 *
 * @example
 * import { END_EVENTS } from "@nongan/intervals/Treatment"
 * END_EVENTS.milkedOn // "milk"
 *
 * @since 0.1.0
 * @category models
 */
export const END_EVENTS = { slaughteredOn: "slaughter", milkedOn: "milk", eggsCollectedOn: "eggs" } as const
/**
 * An end event: `slaughter`, `milk` or `eggs`.
 *
 * @example
 * import type { EndEvent } from "@nongan/intervals/Treatment"
 * const e: EndEvent = "milk"
 *
 * @since 0.1.0
 * @category models
 */
export type EndEvent = (typeof END_EVENTS)[keyof typeof END_EVENTS]

/**
 * A veterinary treatment record, checked against withdrawal periods (农业部公告第278号), production
 * state prohibitions (产蛋期禁用, 泌乳期禁用) and the drug's legal status:
 * `{"id":"T-1","kind":"veterinary-treatment","species":"牛","product":"土霉素片",
 * "lastDoseOn":"2026-05-01","slaughteredOn":"2026-05-08"}`. Name the product (制剂, as in 278) or
 * the drug (active ingredient), or both; give exactly one end event (`slaughteredOn`, `milkedOn`,
 * `eggsCollectedOn`). `lastDoseAt` / `endAt` (local date-times on those days) make hour periods
 * exact; `waterTemperatures` (daily means) measure degree-day periods for fish.
 *
 * @example
 * import { Schema } from "effect"
 * import { TreatmentRecord } from "@nongan/intervals/Treatment"
 * Schema.decodeUnknownSync(TreatmentRecord)({
 *   id: "T-1", kind: "veterinary-treatment", species: "牛", product: "土霉素片",
 *   lastDoseOn: "2026-05-01", slaughteredOn: "2026-05-08"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const TreatmentRecord = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("veterinary-treatment"),
  species: Schema.String,
  state: Schema.optional(Schema.Literal("laying", "lactating", "none")),
  drug: Schema.optional(Schema.String),
  product: Schema.optional(Schema.String),
  lastDoseOn: CalendarDate,
  slaughteredOn: Schema.optional(CalendarDate),
  milkedOn: Schema.optional(CalendarDate),
  eggsCollectedOn: Schema.optional(CalendarDate),
  lastDoseAt: Schema.optional(LocalDateTime),
  endAt: Schema.optional(LocalDateTime),
  waterTemperatures: Schema.optional(Schema.Array(WaterTemperature)),
  region: Schema.optional(Schema.String)
}).annotations({ identifier: "TreatmentRecord" })
/** @since 0.1.0 @category models */
export type TreatmentRecord = typeof TreatmentRecord.Type

const decodeSchema = decoder(TreatmentRecord)

/**
 * The end event of a treatment record and its date (the record must have exactly one).
 *
 * @example
 * import { endOf } from "@nongan/intervals/Treatment"
 * import { unsafeMake } from "@nongan/core/CalendarDate"
 * endOf({ milkedOn: unsafeMake("2026-05-04") }) // { field: "milkedOn", event: "milk", date: "2026-05-04" }
 *
 * @since 0.1.0
 * @category combinators
 */
export const endOf = (
  r: Pick<TreatmentRecord, "slaughteredOn" | "milkedOn" | "eggsCollectedOn">
): { readonly field: keyof typeof END_EVENTS; readonly event: EndEvent; readonly date: CalendarDate } | undefined => {
  for (const field of Object.keys(END_EVENTS) as Array<keyof typeof END_EVENTS>) {
    const date = r[field]
    if (date !== undefined) return { field, event: END_EVENTS[field], date }
  }
  return undefined
}

/**
 * Decodes a treatment record; never throws. Unknown fields are errors, and so is a record with no
 * end event or more than one, or with neither `drug` nor `product`.
 *
 * @example
 * import { decode } from "@nongan/intervals/Treatment"
 * decode({ id: "T-1", kind: "veterinary-treatment", species: "牛", product: "土霉素片", lastDoseOn: "2026-05-01" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (u: unknown, path: Path = []): Result<TreatmentRecord, NonganError> => {
  const r = decodeSchema(u, path)
  if (!r.ok) return r
  const errors: Array<NonganError> = []
  const present = (Object.keys(END_EVENTS) as Array<keyof typeof END_EVENTS>).filter((f) => r.value[f] !== undefined)
  if (present.length === 0) errors.push(make("missing-field", [...path, "slaughteredOn"], { expected: Object.keys(END_EVENTS) }))
  for (const extra of present.slice(1)) errors.push(make("unexpected-field", [...path, extra]))
  if (r.value.drug === undefined && r.value.product === undefined) errors.push(make("missing-field", [...path, "product"]))
  return errors.length > 0 ? fail(...errors) : ok(r.value)
}
