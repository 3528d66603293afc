// Shared fixtures for the interval tests: the real national pack (rules/national) read with
// node:fs and built by the engine's dataset loader, so the checks run on the real food and
// substance catalogues, statuses and interval rows; record builders; a plain fast-check helper.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import fc from "fast-check"
import { test } from "vitest"
import { type CalendarDate, addDays, unsafeMake } from "@nongan/core/CalendarDate"
import type { NonganError } from "@nongan/core/NonganError"
import { getOrThrow, type Result } from "@nongan/core/Result"
import type { RecordReport } from "@nongan/core/Verdict"
import { type DataFile, type Dataset, fromFiles } from "@nongan/engine/Dataset"
import * as Application from "@nongan/intervals/Application"
import { checkApplication, checkTreatment } from "@nongan/intervals/Check"
import * as Treatment from "@nongan/intervals/Treatment"

/** The national pack directory of this workspace. */
export const NATIONAL = join(import.meta.dirname, "..", "..", "..", "rules", "national")

const walk = (dir: string): Array<string> =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name)
      return statSync(p).isDirectory() ? walk(p) : name.endsWith(".json") ? [p] : []
    })

/**
 * The kinds these tests load. Limit tables and regional packs are left out so that work on them
 * cannot break (or mask) the interval tests; the whole pack is checked by `pnpm rules:check`.
 */
export const OWN_KINDS: ReadonlyArray<string> = ["food-catalogue", "substance-catalogue", "status-list", "withdrawal-table", "phi-table"]

let files: ReadonlyArray<DataFile> | undefined
let loaded: Dataset | undefined

/** Every data file of the kinds above, parsed with `JSON.parse` (read once per test file). */
export const dataFiles = (): ReadonlyArray<DataFile> =>
  (files ??= walk(NATIONAL)
    .map((p) => ({ path: relative(NATIONAL, p), json: JSON.parse(readFileSync(p, "utf8")) as unknown }))
    .filter((f) => OWN_KINDS.includes((f.json as { kind?: string }).kind ?? "")))

/** The real dataset, built by the engine's `fromFiles` (throws if it does not load). */
export const dataset = (): Dataset => (loaded ??= getOrThrow(fromFiles(dataFiles())))

/** The dataset with extra data files (for example a user's registration data) added. */
export const datasetWith = (...extra: ReadonlyArray<DataFile>): Result<Dataset, NonganError> => fromFiles([...dataFiles(), ...extra])

/** The raw JSON of the interval files, by file name. */
export const rawFile = <A = { rows: ReadonlyArray<Record<string, unknown>> }>(name: string): A =>
  JSON.parse(readFileSync(join(NATIONAL, "intervals", name), "utf8")) as A

/** A calendar date `n` days after `d`. */
export const plus = (d: string, n: number): CalendarDate => addDays(unsafeMake(d), n)

/** Decodes and checks a treatment record (throws on a decode error, so tests read plainly). */
export const treat = (record: Record<string, unknown>, ds: Dataset = dataset()): Result<RecordReport, NonganError> => {
  const r = Treatment.decode({ id: "T", kind: "veterinary-treatment", ...record })
  if (!r.ok) throw new Error(`treatment record does not decode: ${JSON.stringify(r.errors)}`)
  return checkTreatment(ds, r.value)
}

/** Decodes and checks an application record (throws on a decode error). */
export const apply = (record: Record<string, unknown>, ds: Dataset = dataset()): Result<RecordReport, NonganError> => {
  const r = Application.decode({ id: "A", kind: "pesticide-application", ...record })
  if (!r.ok) throw new Error(`application record does not decode: ${JSON.stringify(r.errors)}`)
  return checkApplication(ds, r.value)
}

/** The report of a check that must succeed. */
export const reportOf = (r: Result<RecordReport, NonganError>): RecordReport => getOrThrow(r)

/** The finding codes of a report. */
export const codes = (r: RecordReport): ReadonlyArray<string> => r.findings.map((f) => f.code)

/** The interval finding of a report (the one whose code starts with `interval.`). */
export const intervalFinding = (r: RecordReport) => {
  const f = r.findings.filter((x) => x.code.startsWith("interval."))
  if (f.length === 0) throw new Error(`no interval finding in ${JSON.stringify(r)}`)
  return f[0]!
}

/**
 * Declares a property test: `predicate` must hold (return `true`/`undefined` and not throw) for
 * every generated tuple.
 */
export const prop =
  <Ts extends [unknown, ...Array<unknown>]>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, parameters: fc.Parameters<Ts> = {}) =>
  (name: string, predicate: (...args: Ts) => boolean | void): void => {
    test(name, () => {
      fc.assert(fc.property(...arbitraries, predicate), parameters)
    })
  }

/** Calendar dates from 2003-05-22 (278 in force) to 2030-12-31. */
export const dateArb: fc.Arbitrary<CalendarDate> = fc
  .integer({ min: 0, max: 10_000 })
  .map((n) => plus("2003-05-22", n))
