/**
 * The validator for browsers (and any runtime without a file system): built from data objects
 * instead of `rules/` on disk. This module imports no Node built-in itself; the one the engine
 * uses (`node:crypto`, for the sha-256 of pack hashes) is replaced by a pure-JS sha-256 in the
 * browser bundle (`examples/web/build.ts`). Judgements are the SDK's: the same decoders, the same
 * composition and evaluation, the same reports (a test in Chromium compares them record by record).
 */
import * as Decimal from "@nongan/core/Decimal"
import { type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { compose, nationalRef } from "@nongan/engine/Compose"
import { type DataFile, fromFiles } from "@nongan/engine/Dataset"
import { evaluateInspection, layerReport } from "@nongan/engine/Evaluate"
import { decode as decodeApplication } from "@nongan/intervals/Application"
import { checkApplication, checkTreatment } from "@nongan/intervals/Check"
import { decode as decodeTreatment } from "@nongan/intervals/Treatment"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import type { DecisionRule } from "@nongan/residues/Judge"
import { localise } from "./Localise"
import type { Validation, Validator } from "./Validator"

/**
 * The rule data as plain objects: what `rules/national/**` and `rules/regions/**` hold, each file
 * with its path relative to `rules/` (`national/limits/gb2763-2021.json`), and the data version.
 * Paths take part in the national layer's hash, so they must be the paths the files have in
 * `@nongan/rules` for the hashes to equal the Node SDK's.
 *
 * @since 0.2.0
 * @category models
 */
export interface RuleData {
  readonly version: string
  readonly national: ReadonlyArray<DataFile>
  readonly regions: ReadonlyArray<DataFile>
}

/**
 * Options of {@link createBrowserValidator}: those of `createValidator` that need no file system.
 *
 * @since 0.2.0
 * @category models
 */
export interface BrowserValidatorOptions {
  readonly data: RuleData
  readonly decisionRule?: "reported-value" | { readonly uncertainty: string }
  readonly locale?: Locale
  /** Extra rule packs (JSON objects), composed after the bundled regional ones. */
  readonly packs?: ReadonlyArray<unknown>
  readonly bundledPacks?: boolean
  readonly region?: string
}

const idOf = (u: unknown): string | null => {
  if (typeof u !== "object" || u === null) return null
  const id = (u as { id?: unknown }).id
  return typeof id === "string" ? id : typeof id === "number" ? String(id) : null
}

/**
 * Creates a validator from rule data given as objects (fetched as JSON, or bundled). Same
 * contract as `createValidator`: the loading errors instead of a throw, and `validate` never
 * throws.
 *
 * @example
 * import { createBrowserValidator } from "@nongan/sdk/Browser"
 * const data = await (await fetch("/rules.json")).json()
 * const v = createBrowserValidator({ data, locale: "en" })
 * if (v.ok) {
 *   const r = v.value.validate({ id: "A1", sampledOn: "2024-06-15", product: "芹菜",
 *     results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] })
 *   if (r.ok) r.report.verdict // "non-compliant"
 * }
 *
 * @since 0.2.0
 * @category constructors
 */
export const createBrowserValidator = (options: BrowserValidatorOptions): Result<Validator, NonganError> => {
  const d = fromFiles(options.data.national)
  if (!d.ok) return d
  const ds = d.value
  const locale = options.locale ?? "zh-CN"
  let rule: DecisionRule = { kind: "reported-value" }
  if (options.decisionRule && options.decisionRule !== "reported-value") {
    const rel = Decimal.parse(options.decisionRule.uncertainty)
    if (!rel || Decimal.isNegative(rel)) return fail(make("invalid-decimal", ["decisionRule", "uncertainty"], { value: options.decisionRule.uncertainty }))
    rule = { kind: "uncertainty", relative: rel }
  }
  const files = [
    ...(options.bundledPacks === false ? [] : options.data.regions),
    ...(options.packs ?? []).map((json, i) => ({ path: `packs[${i}]`, json }))
  ]
  const composed = compose(ds, nationalRef(options.data.national, options.data.version), files)
  if (!composed.ok) return composed
  const composition = composed.value
  const defaultRegion = options.region
  const failure = (u: unknown, errors: ReadonlyArray<NonganError>): Validation => ({
    ok: false,
    failure: { id: idOf(u), error: toJson(errors[0]!, locale), ...(errors.length > 1 ? { errors: errors.map((e) => toJson(e, locale)) } : {}) },
    errors
  })
  const validate = (u: unknown): Validation => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return failure(u, [make("invalid-type", [], { expected: "object" })])
    const kind = (u as { kind?: unknown }).kind
    if (kind === "inspection" || kind === undefined) {
      const rec = decodeInspection(kind === undefined ? { ...(u as object), kind: "inspection" } : u)
      if (!rec.ok) return failure(u, rec.errors)
      const record = rec.value.region === undefined && defaultRegion !== undefined ? { ...rec.value, region: defaultRegion } : rec.value
      const r = evaluateInspection(composition, record, rule)
      return r.ok ? { ok: true, report: localise(r.value, locale) } : failure(u, r.errors)
    }
    if (kind === "pesticide-application") {
      const rec = decodeApplication(u)
      if (!rec.ok) return failure(u, rec.errors)
      const r = checkApplication(ds, rec.value)
      if (!r.ok) return failure(u, r.errors)
      return { ok: true, report: layerReport(composition, r.value, kind, rec.value.region ?? defaultRegion, r.value.asOf ?? rec.value.harvestedOn, rec.value.product) }
    }
    if (kind === "veterinary-treatment") {
      const rec = decodeTreatment(u)
      if (!rec.ok) return failure(u, rec.errors)
      const r = checkTreatment(ds, rec.value)
      if (!r.ok) return failure(u, r.errors)
      return { ok: true, report: layerReport(composition, r.value, kind, rec.value.region ?? defaultRegion, r.value.asOf ?? rec.value.lastDoseOn, rec.value.product) }
    }
    return failure(u, [make("unknown-record-kind", ["kind"], { value: String(kind) })])
  }
  return ok({
    dataset: ds,
    composition,
    validate,
    *validateMany(records: Iterable<unknown>) {
      for (const r of records) yield validate(r)
    }
  })
}
