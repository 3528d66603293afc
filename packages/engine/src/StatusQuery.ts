import * as CalendarDate from "@nongan/core/CalendarDate"
import * as Citation from "@nongan/core/Citation"
import { changed, type NameReading } from "@nongan/core/NameReading"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { StatusEntry, Subject } from "@nongan/substances/Status"
import type { Dataset } from "./Dataset"

/**
 * A status question: a substance on a date, anywhere or for a food (or crop) or an animal species.
 *
 * @since 0.2.0
 * @category models
 */
export interface StatusQuery {
  readonly substance: string
  readonly on: string
  readonly food?: string | undefined
  readonly species?: string | undefined
  readonly state?: string | undefined
}

/**
 * The answer to a {@link StatusQuery}: the statuses in force with their citations, and how the
 * names as written were read (only the readings that changed a name).
 *
 * @since 0.2.0
 * @category models
 */
export interface StatusAnswer {
  readonly substance: string
  readonly on: string
  readonly subject: { readonly food?: string; readonly species?: string; readonly state?: string } | null
  readonly prohibited: boolean
  readonly statuses: ReadonlyArray<StatusEntry>
  readonly reasons: ReadonlyArray<string>
  readonly elsewhere: ReadonlyArray<StatusEntry>
  readonly citations: ReadonlyArray<Citation.Citation>
  readonly read?: { readonly substance?: NameReading; readonly food?: NameReading }
}

/** Where each field of the question sits in its caller's input, for error paths. */
export interface StatusPaths {
  readonly substance: ReadonlyArray<string>
  readonly on: ReadonlyArray<string>
  readonly food: ReadonlyArray<string>
  readonly species: ReadonlyArray<string>
}

const at = (errors: ReadonlyArray<NonganError>, path: ReadonlyArray<string>): Result<never, NonganError> =>
  fail(...errors.map((e) => ({ ...e, path: [...path, ...e.path] })))

/**
 * Answers "what is the status of this substance on this date, here", for the CLI's `status` and
 * the HTTP service's `/v1/status` alike. The substance and the food (or crop: 水稻 → 稻谷) are
 * read as written, through declared names only, and the readings that changed a name are
 * returned; the species is resolved exactly.
 *
 * @example
 * import { statusOf } from "@nongan/engine/StatusQuery"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) {
 *   const r = statusOf(ds.value, { substance: "氟虫腈", on: "2025-01-01", food: "水稻" })
 *   r.ok && r.value.read?.food?.read // "稻谷"
 * }
 *
 * @since 0.2.0
 * @category rules
 */
export const statusOf = (
  ds: Dataset,
  q: StatusQuery,
  paths: StatusPaths = { substance: ["substance"], on: ["on"], food: ["food"], species: ["species"] }
): Result<StatusAnswer, NonganError> => {
  const s = ds.substances.read(q.substance)
  if (!s.ok) return at(s.errors, paths.substance)
  if (!CalendarDate.isValid(q.on)) return fail(make("invalid-date", [...paths.on], { value: q.on }))
  if (q.food !== undefined && q.species !== undefined) return fail(make("unexpected-field", [...paths.species]))
  let subject: Subject = { kind: "anywhere" }
  let foodReading: NameReading | undefined
  if (q.food !== undefined) {
    const f = ds.foods.read(q.food)
    if (!f.ok) return at(f.errors, paths.food)
    const food = f.value.food
    foodReading = f.value.reading
    subject = food.kind === "plant" ? { kind: "plant", path: food.path } : { kind: "animal", speciesPath: food.speciesPath }
  } else if (q.species !== undefined) {
    const sp = ds.foods.resolveSpecies(q.species)
    if (!sp.ok) return at(sp.errors, paths.species)
    const state = q.state === "laying" || q.state === "lactating" ? q.state : undefined
    subject = { kind: "animal", speciesPath: ds.foods.pathOf(sp.value), state }
  }
  const id = s.value.substance.id
  const a = ds.statuses.statusOn(id, q.on, subject)
  const seen = new Set<string>()
  const citations = [...a.statuses, ...a.elsewhere].map((e) => e.citation).filter((c) => {
    const k = Citation.format(c)
    return seen.has(k) ? false : (seen.add(k), true)
  })
  const readSubstance = changed(s.value.reading) ? s.value.reading : undefined
  const readFood = foodReading !== undefined && changed(foodReading) ? foodReading : undefined
  return ok({
    substance: id,
    on: q.on,
    subject: q.food !== undefined ? { food: q.food } : q.species !== undefined ? { species: q.species, ...(q.state ? { state: q.state } : {}) } : null,
    prohibited: a.prohibited,
    statuses: a.statuses,
    reasons: a.reasons.map((r) => r.id),
    elsewhere: a.elsewhere,
    citations,
    ...(readSubstance || readFood ? { read: { ...(readSubstance ? { substance: readSubstance } : {}), ...(readFood ? { food: readFood } : {}) } } : {})
  })
}
