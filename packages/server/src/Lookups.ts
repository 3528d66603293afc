import * as CalendarDate from "@nongan/core/CalendarDate"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { Dataset } from "@nongan/engine/Dataset"
import { statusOf } from "@nongan/engine/StatusQuery"
import type { LimitAnswer, StatusAnswer } from "./Schemas"

export type { LimitAnswer, StatusAnswer } from "./Schemas"

const need = (v: string | undefined, name: string): Result<string, NonganError> =>
  v === undefined || v === "" ? fail(make("missing-field", [name])) : ok(v)

/**
 * The legal status of a substance on a date, anywhere or for a food or an animal species.
 *
 * @example
 * import { status } from "@nongan/server/Lookups"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) status(ds.value, { substance: "甲拌磷", on: "2024-09-01" }).ok // true
 *
 * @since 0.1.0
 * @category rules
 */
export const status = (
  ds: Dataset,
  q: { readonly substance?: string | undefined; readonly on?: string | undefined; readonly food?: string | undefined; readonly species?: string | undefined; readonly state?: string | undefined }
): Result<StatusAnswer, NonganError> => {
  const name = need(q.substance, "substance")
  if (!name.ok) return name
  const on = need(q.on, "on")
  if (!on.ok) return on
  const r = statusOf(ds, { substance: name.value, on: on.value, food: q.food, species: q.species, state: q.state })
  if (!r.ok) return r
  // the service's answer schema (OpenAPI) has no readings: the same answer without them
  const { read: _read, ...answer } = r.value
  return ok(answer)
}

/**
 * Looks up a limit: substance and food resolved exactly as written, on a date.
 *
 * @example
 * import { limit } from "@nongan/server/Lookups"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) { const r = limit(ds.value, { substance: "克百威", food: "豇豆", on: "2026-06-15" }); r.ok && r.value.limit?.value } // "0.02"
 *
 * @since 0.1.0
 * @category rules
 */
export const limit = (
  ds: Dataset,
  q: { readonly substance?: string | undefined; readonly food?: string | undefined; readonly on?: string | undefined }
): Result<LimitAnswer, NonganError> => {
  const name = need(q.substance, "substance")
  if (!name.ok) return name
  const foodName = need(q.food, "food")
  if (!foodName.ok) return foodName
  const on = need(q.on, "on")
  if (!on.ok) return on
  const s = ds.substances.resolve(name.value)
  if (!s.ok) return fail(...s.errors.map((e) => ({ ...e, path: ["substance"] })))
  const f = ds.foods.resolve(foodName.value)
  if (!f.ok) return fail(...f.errors.map((e) => ({ ...e, path: ["food"] })))
  if (!CalendarDate.isValid(on.value)) return fail(make("invalid-date", ["on"], { value: on.value }))
  const res = ds.limits.lookup(s.value.id, f.value, on.value)
  const coverage = ds.limits.coverageOn(s.value.id, on.value)
  const row = res?.limit.row
  return ok({
    substance: s.value.id,
    food: f.value.id,
    on: on.value,
    outcome: res === undefined ? (coverage.some((c) => c.whole) ? "no-limit" : "limit-not-held") : res.mustNotDetect ? "must-not-detect" : "limit",
    limit:
      res === undefined || row === undefined
        ? null
        : {
            value: row.limit === undefined ? null : row.limit.toString(),
            unit: row.unit,
            instrument: res.limit.instrument,
            temporary: row.temporary === true,
            matchedAt: res.matchedAt,
            categoryPath: res.path.slice(0, res.path.indexOf(res.matchedAt) + 1),
            citation: row.citation,
            verification: row.verification
          },
    coverage
  })
}
