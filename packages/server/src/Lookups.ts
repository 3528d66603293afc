import * as CalendarDate from "@nongan/core/CalendarDate"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { checkRegion } from "@nongan/core/Region"
import type { Composition } from "@nongan/engine/Compose"
import type { Dataset } from "@nongan/engine/Dataset"
import { rulesFor } from "@nongan/engine/Effective"
import type { Resolution } from "@nongan/residues/LimitIndex"
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

/** A resolution as the service answers it; `layer` only when a region was asked. */
const row = (res: Resolution, layer?: string): NonNullable<LimitAnswer["limit"]> => {
  const r = res.limit.row
  return {
    value: r.limit === undefined ? null : r.limit.toString(),
    unit: r.unit,
    instrument: res.limit.instrument,
    temporary: r.temporary === true,
    matchedAt: res.matchedAt,
    categoryPath: res.path.slice(0, res.path.indexOf(res.matchedAt) + 1),
    citation: r.citation,
    verification: r.verification,
    ...(layer !== undefined ? { layer } : {})
  }
}

/**
 * Looks up a limit: substance and food resolved exactly as written, on a date. Without `region`,
 * the national limit. With `region` (a GB/T 2260 code) and the composition, the entry of the
 * region's effective rule set (`Effective.rulesFor`), the row validation judges a sample from the
 * region against: its `layer` (the pack id, or `national`) and, in `overrides`, the rows of the
 * layers above that it overrides — the same answer as `nongan limit --region`.
 *
 * @example
 * import { limit } from "@nongan/server/Lookups"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) { const r = limit(ds.value, { substance: "克百威", food: "豇豆", on: "2026-06-15" }); r.ok && r.value.limit?.value } // "0.02"
 * // a region: the bundled 巴中市 pack sets no limit of its own, so the national row applies there
 * import { createValidator } from "@nongan/sdk/Validator"
 * const v = createValidator()
 * if (v.ok) { const c = v.value.composition; const r = limit(c.dataset, { substance: "克百威", food: "豇豆", on: "2026-06-15", region: "511923" }, c); r.ok && r.value.limit?.layer } // "national"
 *
 * @since 0.1.0
 * @category rules
 */
export const limit = (
  ds: Dataset,
  q: { readonly substance?: string | undefined; readonly food?: string | undefined; readonly on?: string | undefined; readonly region?: string | undefined },
  composition?: Composition
): Result<LimitAnswer, NonganError> => {
  const name = need(q.substance, "substance")
  if (!name.ok) return name
  const foodName = need(q.food, "food")
  if (!foodName.ok) return foodName
  const on = need(q.on, "on")
  if (!on.ok) return on
  const region = q.region === undefined ? undefined : checkRegion(q.region)
  if (region !== undefined && !region.ok) return region
  if (region !== undefined && composition === undefined) return fail(make("usage", ["region"], { detail: "a regional look-up needs the composition" }))
  const s = ds.substances.resolve(name.value)
  if (!s.ok) return fail(...s.errors.map((e) => ({ ...e, path: ["substance"] })))
  const f = ds.foods.resolve(foodName.value)
  if (!f.ok) return fail(...f.errors.map((e) => ({ ...e, path: ["food"] })))
  if (!CalendarDate.isValid(on.value)) return fail(make("invalid-date", ["on"], { value: on.value }))
  // a region's effective rule set, when one is composed for it; otherwise the national tables
  const rules = region === undefined ? undefined : rulesFor(composition!, region.value)
  const res = (rules?.limits ?? ds.limits).lookup(s.value.id, f.value, on.value)
  const coverage = ds.limits.coverageOn(s.value.id, on.value)
  const layer = region === undefined ? undefined : (res?.layer ?? "national")
  return ok({
    substance: s.value.id,
    food: f.value.id,
    on: on.value,
    ...(region !== undefined ? { region: region.value } : {}),
    outcome: res === undefined ? (coverage.some((c) => c.whole) ? "no-limit" : "limit-not-held") : res.mustNotDetect ? "must-not-detect" : "limit",
    limit: res === undefined ? null : row(res, layer),
    ...(region !== undefined ? { overrides: (res?.overrides ?? []).map((o) => row(o.resolution, o.layer)) } : {}),
    coverage
  })
}
