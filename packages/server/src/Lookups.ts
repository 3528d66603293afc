import * as CalendarDate from "@nongan/core/CalendarDate"
import * as Citation from "@nongan/core/Citation"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { Dataset } from "@nongan/engine/Dataset"
import type { Subject } from "@nongan/substances/Status"
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
  const s = ds.substances.resolve(name.value)
  if (!s.ok) return fail(...s.errors.map((e) => ({ ...e, path: ["substance"] })))
  if (!CalendarDate.isValid(on.value)) return fail(make("invalid-date", ["on"], { value: on.value }))
  let subject: Subject = { kind: "anywhere" }
  if (q.food !== undefined && q.species !== undefined) return fail(make("unexpected-field", ["species"]))
  if (q.food !== undefined) {
    const f = ds.foods.resolve(q.food)
    if (!f.ok) return fail(...f.errors.map((e) => ({ ...e, path: ["food"] })))
    subject = f.value.kind === "plant" ? { kind: "plant", path: f.value.path } : { kind: "animal", speciesPath: f.value.speciesPath }
  } else if (q.species !== undefined) {
    const sp = ds.foods.resolveSpecies(q.species)
    if (!sp.ok) return fail(...sp.errors.map((e) => ({ ...e, path: ["species"] })))
    const state = q.state === "laying" || q.state === "lactating" ? q.state : undefined
    subject = { kind: "animal", speciesPath: ds.foods.pathOf(sp.value), state }
  }
  const a = ds.statuses.statusOn(s.value.id, on.value, subject)
  const seen = new Set<string>()
  const citations = [...a.statuses, ...a.elsewhere].map((e) => e.citation).filter((c) => {
    const k = Citation.format(c)
    return seen.has(k) ? false : (seen.add(k), true)
  })
  return ok({
    substance: s.value.id,
    on: on.value,
    subject: q.food !== undefined ? { food: q.food } : q.species !== undefined ? { species: q.species, ...(q.state ? { state: q.state } : {}) } : null,
    prohibited: a.prohibited,
    statuses: a.statuses,
    reasons: a.reasons.map((r) => r.id),
    elsewhere: a.elsewhere,
    citations
  })
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
