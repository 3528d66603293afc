import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { type FoodCatalogue, fromFiles as foodsFromFiles } from "@nongan/foods/FoodCatalogue"
import { type LimitIndex, fromTables } from "@nongan/residues/LimitIndex"
import type { Tables } from "@nongan/residues/Judge"
import { type ExemptIndex, fromFiles as exemptFromFiles } from "@nongan/residues/ExemptList"
import { fromFiles as thresholdsFromFiles, type ThresholdIndex } from "@nongan/residues/DecisionThreshold"
import { fromFiles as statusFromFiles, type StatusIndex } from "@nongan/substances/Status"
import { fromFiles as substancesFromFiles, type SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { fromFiles as intervalsFromFiles, type IntervalIndex } from "@nongan/intervals/IntervalIndex"
import { fromFiles as keyVarietiesFromFiles, type KeyVarietyFile } from "./KeyVarieties"

/**
 * A data file as read from `rules/`: where it came from and its parsed JSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface DataFile {
  readonly path: string
  readonly json: unknown
}

/**
 * Every national table, decoded, checked and indexed: foods, substances, statuses, limits and
 * intervals. This is what judgements read.
 *
 * @since 0.1.0
 * @category models
 */
export interface Dataset extends Tables {
  readonly foods: FoodCatalogue
  readonly substances: SubstanceCatalogue
  readonly statuses: StatusIndex
  readonly limits: LimitIndex
  readonly intervals: IntervalIndex
  /** MRL-exempt lists (GB 31650-2019 表2): read on the no-row branch of a judgement */
  readonly exempt: ExemptIndex
  /** programme decision thresholds (not MRLs): applied only when a programme is selected */
  readonly thresholds: ThresholdIndex
  readonly keyVarieties: ReadonlyArray<KeyVarietyFile>
  readonly files: ReadonlyArray<string>
}

const KINDS = ["food-catalogue", "substance-catalogue", "status-list", "limit-table", "withdrawal-table", "phi-table", "key-variety-list",
  "mrl-exempt-list", "decision-threshold-table",
  // read by @nongan/sampling, not by the dataset
  "working-day-calendar", "sampling-check-list", "sampling-targets"] as const

/**
 * Builds the dataset from data files (in any order; each file says its `kind`). Errors carry the
 * file's path as the first path segment. Loading never runs code from a file.
 *
 * @example
 * import { fromFiles } from "@nongan/engine/Dataset"
 * fromFiles([]).ok // true: an empty dataset judges everything as "no limit"
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (files: ReadonlyArray<DataFile>): Result<Dataset, NonganError> => {
  const byKind = new Map<string, Array<DataFile>>()
  const errors: Array<NonganError> = []
  for (const f of files) {
    const kind = typeof f.json === "object" && f.json !== null ? (f.json as { kind?: unknown }).kind : undefined
    if (typeof kind !== "string" || !(KINDS as ReadonlyArray<string>).includes(kind)) {
      errors.push(make("invalid-value", [f.path, "kind"], { expected: [...KINDS] }))
      continue
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), f])
  }
  const lift = (group: ReadonlyArray<DataFile>) => (e: NonganError) => {
    const [first, ...rest] = e.path
    const file = typeof first === "number" ? group[first]?.path ?? String(first) : String(first ?? "")
    return prefix({ ...e, path: rest }, [file])
  }
  const take = (kind: string) => byKind.get(kind) ?? []
  const foodFiles = take("food-catalogue")
  const foods = foodsFromFiles(foodFiles.map((f) => f.json))
  if (!foods.ok) return fail(...errors, ...foods.errors.map(lift(foodFiles)))
  const subFiles = take("substance-catalogue")
  const substances = substancesFromFiles(subFiles.map((f) => f.json))
  if (!substances.ok) return fail(...errors, ...substances.errors.map(lift(subFiles)))
  const statusFiles = take("status-list")
  const statuses = statusFromFiles(statusFiles.map((f) => f.json), substances.value, {
    food: (id) => foods.value.hasNode(id),
    species: (id) => foods.value.hasSpecies(id)
  })
  if (!statuses.ok) errors.push(...statuses.errors.map(lift(statusFiles)))
  const limitFiles = take("limit-table")
  const limits = fromTables(limitFiles.map((f) => f.json), foods.value, substances.value)
  if (!limits.ok) errors.push(...limits.errors.map(lift(limitFiles)))
  const exemptFiles = take("mrl-exempt-list")
  const exempt = exemptFromFiles(exemptFiles.map((f) => f.json), foods.value, substances.value)
  if (!exempt.ok) errors.push(...exempt.errors.map(lift(exemptFiles)))
  const thresholdFiles = take("decision-threshold-table")
  const thresholds = thresholdsFromFiles(thresholdFiles.map((f) => f.json), foods.value, substances.value)
  if (!thresholds.ok) errors.push(...thresholds.errors.map(lift(thresholdFiles)))
  const intervalFiles = [...take("withdrawal-table"), ...take("phi-table")]
  const intervals = intervalsFromFiles(intervalFiles.map((f) => f.json), foods.value, substances.value)
  if (!intervals.ok) errors.push(...intervals.errors.map(lift(intervalFiles)))
  const kvFiles = take("key-variety-list")
  const keyVarieties = keyVarietiesFromFiles(kvFiles.map((f) => f.json), foods.value, substances.value)
  if (!keyVarieties.ok) errors.push(...keyVarieties.errors.map(lift(kvFiles)))
  if (errors.length > 0 || !statuses.ok || !limits.ok || !intervals.ok || !keyVarieties.ok || !exempt.ok || !thresholds.ok) return fail(...errors)
  return ok({
    foods: foods.value,
    substances: substances.value,
    statuses: statuses.value,
    limits: limits.value,
    intervals: intervals.value,
    exempt: exempt.value,
    thresholds: thresholds.value,
    keyVarieties: keyVarieties.value,
    files: files.map((f) => f.path)
  })
}
