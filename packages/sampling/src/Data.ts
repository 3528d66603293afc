import type { NonganError } from "@nongan/core/NonganError"
import { prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { DataFile } from "@nongan/engine/Dataset"
import { fromFiles as calendarFromFiles, type WorkingDays } from "./Calendar"
import { decodeFile as decodeTargets, type Target } from "./Targets"
import { type CheckListFile, decodeCheckList } from "./TestItems"

/**
 * The sampling data of the national rules: the working-day calendar, the national targets and
 * the check lists.
 *
 * @since 0.1.0
 * @category models
 */
export interface SamplingData {
  readonly calendar: WorkingDays
  readonly targets: ReadonlyArray<Target>
  readonly checkLists: ReadonlyArray<CheckListFile>
}

/**
 * Picks the sampling files (kinds `working-day-calendar`, `sampling-targets`,
 * `sampling-check-list`) out of the data files of `rules/national` and decodes them; errors
 * carry the file's path.
 *
 * @example
 * import { fromDataFiles } from "@nongan/sampling/Data"
 * fromDataFiles([]).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromDataFiles = (files: ReadonlyArray<DataFile>): Result<SamplingData, NonganError> => {
  const kind = (f: DataFile) => (typeof f.json === "object" && f.json !== null ? (f.json as { kind?: unknown }).kind : undefined)
  const errors: Array<NonganError> = []
  const calFiles = files.filter((f) => kind(f) === "working-day-calendar")
  const calendar = calendarFromFiles(calFiles.map((f) => f.json))
  if (!calendar.ok) errors.push(...calendar.errors.map((e) => prefix({ ...e, path: e.path.slice(1) }, [calFiles[Number(e.path[0])]?.path ?? ""])))
  const targets: Array<Target> = []
  for (const f of files.filter((f) => kind(f) === "sampling-targets")) {
    const r = decodeTargets(f.json, [f.path])
    if (r.ok) targets.push(...r.value.targets)
    else errors.push(...r.errors)
  }
  const checkLists: Array<CheckListFile> = []
  for (const f of files.filter((f) => kind(f) === "sampling-check-list")) {
    const r = decodeCheckList(f.json, [f.path])
    if (r.ok) checkLists.push(r.value)
    else errors.push(...r.errors)
  }
  return errors.length > 0 || !calendar.ok ? fail(...errors) : ok({ calendar: calendar.value, targets, checkLists })
}
