import * as Decimal from "@nongan/core/Decimal"
import { type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError, type Params, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { RecordFailure, RecordReport } from "@nongan/core/Verdict"
import { type Dataset, fromFiles } from "@nongan/engine/Dataset"
import { type Composition } from "@nongan/engine/Compose"
import { evaluateInspection, layerReport } from "@nongan/engine/Evaluate"
import { decode as decodeApplication } from "@nongan/intervals/Application"
import { checkApplication, checkTreatment } from "@nongan/intervals/Check"
import { decode as decodeTreatment } from "@nongan/intervals/Treatment"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import type { DecisionRule } from "@nongan/residues/Judge"
import { join } from "node:path"
import { readDataDir, rulesDir } from "./Files"
import { loadComposition } from "./Packs"
import { type CertificateDoor, makeDoor } from "@nongan/certificates/Door"

/**
 * Options of {@link createValidator}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ValidatorOptions {
  /** Directory holding `national/` and `regions/`; defaults to the bundled `@nongan/rules`. */
  readonly rulesDir?: string
  /** A dataset already loaded (skips reading files). */
  readonly dataset?: Dataset
  /** Decision rule: `reported-value` (default) or `{ uncertainty: "0.5" }`. */
  readonly decisionRule?: "reported-value" | { readonly uncertainty: string }
  /** Locale of rendered error messages: `zh-CN` (default) or `en`. */
  readonly locale?: Locale
  /** Extra rule packs (JSON objects, e.g. from `definePlugin`), composed with the bundled ones. */
  readonly packs?: ReadonlyArray<unknown>
  /** Whether to load the bundled regional packs under `rules/regions` (default true). */
  readonly bundledPacks?: boolean
  /** The region used for records that carry none (a GB/T 2260 code). */
  readonly region?: string
}

/**
 * The outcome of validating one record: a report, or the record's errors. An analyte that cannot
 * be read is not an error of the record: the report carries it as an `analyte.unreadable` finding
 * (its `error` rendered in the validator's locale) and judges the other analytes.
 *
 * @since 0.1.0
 * @category models
 */
export type Validation =
  | { readonly ok: true; readonly report: RecordReport }
  | { readonly ok: false; readonly failure: RecordFailure; readonly errors: ReadonlyArray<NonganError> }

/**
 * A validator: judge records of any supported kind against the loaded tables.
 *
 * @since 0.1.0
 * @category models
 */
export interface Validator {
  readonly dataset: Dataset
  readonly composition: Composition
  /**
   * Validates one record (an unknown value: decoded first; never throws). `lookup` finds the
   * records a certificate names as evidence by id (`validateMany` looks among earlier records).
   */
  validate(record: unknown, lookup?: (id: string) => unknown): Validation
  /** Validates many records lazily, one result per input, in order. */
  validateMany(records: Iterable<unknown>): Iterable<Validation>
}

// "results[1].components[0].substance" → ["results", 1, "components", 0, "substance"]
const pathOf = (s: string): Path => [...s.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!))

/**
 * A report with the errors its findings carry (an analyte that could not be read) rendered in a
 * locale; reports are made with zh-CN messages, the default.
 */
const localise = (report: RecordReport, locale: Locale): RecordReport => {
  if (locale === "zh-CN" || !report.findings.some((f) => f.error !== undefined)) return report
  return {
    ...report,
    findings: report.findings.map((f) =>
      f.error === undefined
        ? f
        : { ...f, error: toJson(make(f.error.code, pathOf(f.error.path), (f.error.params ?? {}) as Params), locale) }
    )
  }
}

const idOf = (u: unknown): string | null => {
  if (typeof u !== "object" || u === null) return null
  const id = (u as { id?: unknown }).id
  return typeof id === "string" ? id : typeof id === "number" ? String(id) : null
}

/**
 * Loads the national dataset (once) from a rules directory.
 *
 * @example
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const r = loadDataset()
 * if (r.ok) r.value.limits.rows().length > 0 // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadDataset = (dir: string = rulesDir()): Result<Dataset, NonganError> => {
  const files = readDataDir(join(dir, "national"), dir)
  if (!files.ok) return files
  return fromFiles(files.value)
}

/**
 * Creates a validator. Returns the loading errors (with file paths) instead of throwing when the
 * rule data is invalid.
 *
 * @example
 * import { createValidator } from "@nongan/sdk/Validator"
 * const v = createValidator()
 * if (v.ok) {
 *   const r = v.value.validate({ id: "KZ-0001", kind: "inspection", sampledOn: "2025-06-15", product: "豇豆",
 *     results: [{ substance: "克百威", value: "0.062", unit: "mg/kg" }] })
 *   if (r.ok) r.report.verdict // "non-compliant"
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const createValidator = (options: ValidatorOptions = {}): Result<Validator, NonganError> => {
  let dataset = options.dataset
  if (!dataset) {
    const d = loadDataset(options.rulesDir)
    if (!d.ok) return d
    dataset = d.value
  }
  const locale = options.locale ?? "zh-CN"
  let rule: DecisionRule = { kind: "reported-value" }
  if (options.decisionRule && options.decisionRule !== "reported-value") {
    const rel = Decimal.parse(options.decisionRule.uncertainty)
    if (!rel || Decimal.isNegative(rel)) return fail(make("invalid-decimal", ["decisionRule", "uncertainty"], { value: options.decisionRule.uncertainty }))
    rule = { kind: "uncertainty", relative: rel }
  }
  const ds = dataset
  const composed = loadComposition(ds, { rulesDir: options.rulesDir, packs: options.packs, bundledPacks: options.bundledPacks ?? true })
  if (!composed.ok) return composed
  const composition = composed.value
  const defaultRegion = options.region
  const failure = (u: unknown, errors: ReadonlyArray<NonganError>): Validation => ({
    ok: false,
    failure: { id: idOf(u), error: toJson(errors[0]!, locale), ...(errors.length > 1 ? { errors: errors.map((e) => toJson(e, locale)) } : {}) },
    errors
  })
  // certificates (`@nongan/certificates`): loaded on first use; their evidence is judged by this validator
  let certificates: Result<CertificateDoor, NonganError> | undefined
  const validate = (u: unknown, lookup?: (id: string) => unknown): Validation => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return failure(u, [make("invalid-type", [], { expected: "object" })])
    const kind = (u as { kind?: unknown }).kind
    if (kind === "inspection" || kind === undefined) {
      const rec = decodeInspection(kind === undefined ? { ...(u as object), kind: "inspection" } : u)
      if (!rec.ok) return failure(u, rec.errors)
      const record = rec.value.region === undefined && defaultRegion !== undefined ? { ...rec.value, region: defaultRegion } : rec.value
      const r = evaluateInspection(composition, record, rule)
      return r.ok ? { ok: true, report: localise(r.value, locale) } : failure(u, r.errors)
    }
    if (kind === "pesticide-application" || kind === "veterinary-treatment") {
      const withRegion = (r: { readonly region?: string | undefined }) => r.region ?? defaultRegion
      if (kind === "pesticide-application") {
        const rec = decodeApplication(u)
        if (!rec.ok) return failure(u, rec.errors)
        const r = checkApplication(ds, rec.value)
        if (!r.ok) return failure(u, r.errors)
        return { ok: true, report: layerReport(composition, r.value, kind, withRegion(rec.value), r.value.asOf ?? rec.value.harvestedOn, rec.value.product) }
      }
      const rec = decodeTreatment(u)
      if (!rec.ok) return failure(u, rec.errors)
      const r = checkTreatment(ds, rec.value)
      if (!r.ok) return failure(u, r.errors)
      return { ok: true, report: layerReport(composition, r.value, kind, withRegion(rec.value), r.value.asOf ?? rec.value.lastDoseOn, rec.value.product) }
    }
    if (kind === "certificate") {
      certificates ??= makeDoor({ rulesDir: options.rulesDir, foods: ds.foods, judge: (r) => validate(r), region: defaultRegion })
      if (!certificates.ok) return failure(u, certificates.errors)
      const r = certificates.value.validate(u, lookup)
      return r.ok ? { ok: true, report: r.value } : failure(u, r.errors)
    }
    return failure(u, [make("unknown-record-kind", ["kind"], { value: String(kind) })])
  }
  return ok({
    dataset: ds,
    composition,
    validate: (u: unknown, lookup?: (id: string) => unknown) => validate(u, lookup),
    *validateMany(records: Iterable<unknown>) {
      // a certificate may name its evidence by id: records earlier in the batch are found
      const seen = new Map<string, unknown>()
      for (const r of records) {
        yield validate(r, (id) => seen.get(id))
        const id = idOf(r)
        if (id !== null && !seen.has(id)) seen.set(id, r)
      }
    }
  })
}
