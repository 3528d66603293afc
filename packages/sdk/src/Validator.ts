import * as Decimal from "@nongan/core/Decimal"
import { type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { RecordFailure, RecordReport } from "@nongan/core/Verdict"
import { bundleFits, type Dataset, fromBundle, fromFiles } from "@nongan/engine/Dataset"
import { type Composition } from "@nongan/engine/Compose"
import { evaluateInspection, layerReport } from "@nongan/engine/Evaluate"
import { decode as decodeApplication } from "@nongan/intervals/Application"
import { checkApplication, checkTreatment } from "@nongan/intervals/Check"
import { decode as decodeTreatment } from "@nongan/intervals/Treatment"
import { checkValues, copyInspection, decodeOwned as decodeInspection, type InspectionRecord } from "@nongan/residues/Inspection"
import type { DecisionRule } from "@nongan/residues/Judge"
import { DEFAULT_LIMITS, freezeBelowFindings, type PlainLimits, toPlain } from "@nongan/core/Plain"
import { checkRegion } from "@nongan/core/Region"
import { join } from "node:path"
import { parseSources, readBundle, readBundleHeader, readSources, rulesDir } from "./Files"
import { EVIDENCE_WINDOW as WINDOW, evidenceWindow } from "./EvidenceWindow"
import { localise } from "./Localise"
import { loadComposition, rememberNational } from "./Packs"
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
  /**
   * Programme ids whose decision thresholds (判定值, not MRLs; `rules/national/limits/decision-thresholds.json`)
   * apply to inspections, e.g. `["moa-vet-drug-supervision-2026"]`. Default none: thresholds change
   * nothing unless selected. A result above a selected threshold in force adds a
   * `residue.exceeds-threshold` warning; MRL findings are unchanged. An unknown id is an error.
   */
  readonly thresholds?: ReadonlyArray<string>
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
  /**
   * Validates many records lazily, one result per input, in order, even when an input is hostile;
   * an iterable that throws gives one `unreadable-input` result and ends the batch.
   */
  validateMany(records: Iterable<unknown>): Iterable<Validation>
}

const idOf = (u: unknown): string | null => {
  if (typeof u !== "object" || u === null) return null
  const id = (u as { id?: unknown }).id
  return typeof id === "string" ? id : typeof id === "number" ? String(id) : null
}

/**
 * Loads the national dataset (once) from a rules directory: from the bundle `pnpm build` writes
 * (`dist/national.bundle.json`, the files already decoded) when it was made from exactly these
 * files under these schemas (sha-256 of their bytes; see `Dataset.fromBundle`), else by decoding
 * the files. Either way the same dataset, checked the same way (packages/engine/test/Bundle.test.ts).
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
  const sources = readSources(join(dir, "national"), dir)
  if (!sources.ok) return sources
  // the bundle `pnpm build` writes (rules/dist), when it was made from exactly these files
  const bundle = bundleFits(readBundleHeader(dir), sources.value.digest) ? readBundle(dir) : undefined
  if (bundle !== undefined && bundleFits(bundle.header, sources.value.digest)) {
    const d = fromBundle(bundle.header, bundle.files(), sources.value.digest)
    if (d?.ok) {
      rememberNational(d.value, dir, sources.value.digest, bundle.header.nationalHash)
      return d
    }
  }
  const files = parseSources(sources.value.files)
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
  try {
    return create(options)
  } catch {
    // hostile options (a throwing getter, a Proxy): refused, never thrown
    return fail(make("unreadable-input", [], { detail: "options" }))
  }
}

/**
 * Bounds on the packs given to {@link createValidator} as objects (read into plain data first):
 * nesting 64 deep, 50 000 elements per array, 5 000 000 values in all. The engine then bounds
 * rows, rules and condition depth (`Compose.PACK_LIMITS`, `Condition.maxDepth`).
 *
 * @example
 * import { PACK_INPUT_LIMITS } from "@nongan/sdk/Validator"
 * PACK_INPUT_LIMITS.depth // 64
 *
 * @since 0.2.0
 * @category models
 */
export const PACK_INPUT_LIMITS: PlainLimits = { depth: 64, arrayLength: 50_000, keys: 1_000, stringLength: 1024 * 1024, nodes: 5_000_000 }

/**
 * How many earlier records of a `validateMany` batch a certificate can name as evidence by id: the
 * most recent 100 000 (beyond, pass `lookup` to `validate`). It keeps memory flat over batches of
 * any length.
 *
 * @example
 * import { EVIDENCE_WINDOW } from "@nongan/sdk/Validator"
 * EVIDENCE_WINDOW // 100000
 *
 * @since 0.2.0
 * @category models
 */
export const EVIDENCE_WINDOW: number = WINDOW

const idOfPlain = (u: unknown): string | null => {
  try {
    return idOf(u)
  } catch {
    return null
  }
}

const create = (options: ValidatorOptions): Result<Validator, NonganError> => {
  let dataset = options.dataset
  if (!dataset) {
    const d = loadDataset(options.rulesDir)
    if (!d.ok) return d
    dataset = d.value
  }
  const locale: Locale = options.locale === "en" ? "en" : "zh-CN"
  let rule: DecisionRule = { kind: "reported-value" }
  if (options.decisionRule !== undefined && options.decisionRule !== "reported-value") {
    const u: unknown = typeof options.decisionRule === "object" && options.decisionRule !== null ? options.decisionRule.uncertainty : options.decisionRule
    const d = typeof u === "string" || typeof u === "number" ? Decimal.parse(u) : undefined
    const rel = d === undefined || Decimal.isNegative(d) ? undefined : d
    if (!rel) return fail(make("invalid-decimal", ["decisionRule", "uncertainty"], { value: String(u).slice(0, 40) }))
    // an uncertainty of 100 % or more would excuse any value: refused
    if (Decimal.compare(rel, Decimal.unsafeMake(1)) >= 0)
      return fail(make("invalid-value", ["decisionRule", "uncertainty"], { value: String(u).slice(0, 40), expected: ["0 ≤ U < 1 (100 %)"] }))
    rule = { kind: "uncertainty", relative: rel }
  }
  const ds = dataset
  // programme decision thresholds: only those named; an unknown programme is an error, never silently ignored
  let thresholds: ReadonlySet<string> = new Set()
  if (options.thresholds !== undefined) {
    if (!Array.isArray(options.thresholds)) return fail(make("invalid-type", ["thresholds"], { expected: "array" }))
    const known = ds.thresholds?.programmes
    const ids: Array<string> = []
    for (const [k, id] of (options.thresholds as ReadonlyArray<unknown>).entries()) {
      if (typeof id !== "string" || known === undefined || !known.has(id))
        return fail(make("invalid-value", ["thresholds", k], { value: String(id).slice(0, 80), expected: [...(known?.keys() ?? [])] }))
      ids.push(id)
    }
    thresholds = new Set(ids)
  }
  // extra packs are read into plain data first: a Proxy or a getter in a pack can neither throw nor change it later
  let packs: ReadonlyArray<unknown> | undefined
  if (options.packs !== undefined) {
    const p = toPlain(options.packs, PACK_INPUT_LIMITS, ["packs"])
    if (!p.ok) return p
    if (!Array.isArray(p.value)) return fail(make("invalid-type", ["packs"], { expected: "array" }))
    packs = p.value
  }
  const composed = loadComposition(ds, { rulesDir: options.rulesDir, packs, bundledPacks: options.bundledPacks ?? true })
  if (!composed.ok) return composed
  const composition = composed.value
  // a region selects law: a malformed or unknown code is an error, never a silently national-only verdict
  // (codes found good are remembered: at most the codes of the region table)
  const goodRegions = new Set<string>()
  const regionError = (code: unknown, path: Path): NonganError | undefined => {
    if (typeof code === "string" && goodRegions.has(code)) return undefined
    if (typeof code === "string" && /^\d{6}$/.test(code) && composition.layers.has(code)) return void goodRegions.add(code)
    const r = checkRegion(code, path)
    if (r.ok) goodRegions.add(r.value)
    return r.ok ? undefined : r.errors[0]
  }
  const defaultRegion = options.region
  if (defaultRegion !== undefined) {
    const e = regionError(defaultRegion, ["region"])
    if (e) return fail(e)
  }
  const failure = (u: unknown, errors: ReadonlyArray<NonganError>): Validation => ({
    ok: false,
    failure: { id: idOfPlain(u), error: toJson(errors[0]!, locale), ...(errors.length > 1 ? { errors: errors.map((e) => toJson(e, locale)) } : {}) },
    errors
  })
  // certificates (`@nongan/certificates`): loaded on first use; their evidence is judged by this validator
  let certificates: Result<CertificateDoor, NonganError> | undefined
  // an inspection record decoded (`rec`) from the validator's own copy of the input (`u`), with the error of its region if any
  const judgeInspection = (u: object, bad: NonganError | undefined, rec: Result<InspectionRecord, NonganError>): Validation => {
    if (!rec.ok) return failure(u, bad ? [bad, ...rec.errors] : rec.errors)
    if (bad) return failure(u, [bad])
    const record = rec.value.region === undefined && defaultRegion !== undefined ? { ...rec.value, region: defaultRegion } : rec.value
    const r = evaluateInspection(composition, record, rule, thresholds)
    return r.ok ? { ok: true, report: localise(r.value, locale) } : failure(u, r.errors)
  }
  const judge = (u: unknown, lookup?: (id: string) => unknown): Validation => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return failure(u, [make("invalid-type", [], { expected: "object" })])
    const kind = (u as { kind?: unknown }).kind
    const region = (u as { region?: unknown }).region
    const bad = region === undefined ? undefined : regionError(region, ["region"])
    if (kind === "inspection" || kind === undefined)
      // (u is the validator's own copy of the input: decoded in place)
      return judgeInspection(u, bad, decodeInspection(kind === undefined ? { ...(u as object), kind: "inspection" } : u))
    if (kind === "pesticide-application" || kind === "veterinary-treatment") {
      const withRegion = (r: { readonly region?: string | undefined }) => r.region ?? defaultRegion
      if (kind === "pesticide-application") {
        const rec = decodeApplication(u)
        if (!rec.ok) return failure(u, bad ? [bad, ...rec.errors] : rec.errors)
        if (bad) return failure(u, [bad])
        const r = checkApplication(ds, rec.value)
        if (!r.ok) return failure(u, r.errors)
        return { ok: true, report: layerReport(composition, r.value, kind, withRegion(rec.value), r.value.asOf ?? rec.value.harvestedOn, rec.value.product) }
      }
      const rec = decodeTreatment(u)
      if (!rec.ok) return failure(u, bad ? [bad, ...rec.errors] : rec.errors)
      if (bad) return failure(u, [bad])
      const r = checkTreatment(ds, rec.value)
      if (!r.ok) return failure(u, r.errors)
      return { ok: true, report: layerReport(composition, r.value, kind, withRegion(rec.value), r.value.asOf ?? rec.value.lastDoseOn, rec.value.product) }
    }
    if (kind === "certificate") {
      if (bad) return failure(u, [bad])
      certificates ??= makeDoor({ rulesDir: options.rulesDir, foods: ds.foods, judge: (r) => validate(r), region: defaultRegion })
      if (!certificates.ok) return failure(u, certificates.errors)
      const r = certificates.value.validate(u, lookup)
      return r.ok ? { ok: true, report: r.value } : failure(u, r.errors)
    }
    return failure(u, [make("unknown-record-kind", ["kind"], { value: typeof kind === "string" ? kind.slice(0, 40) : typeof kind })])
  }
  /**
   * The public entry: the input is read into plain data first (a Proxy, a throwing getter, a cycle
   * or a huge array is a typed error of the record, never a throw), and the report returned is a
   * fresh object that shares nothing mutable with the validator or with other reports: its top
   * level and findings are its own, and what lies below them (citations, values, pack
   * references, shared with the rule data) is frozen (`Plain.freezeBelowFindings`).
   */
  const validate = (u: unknown, lookup?: (id: string) => unknown): Validation => {
    try {
      // an inspection record of the usual shape is read once, into its own copy (what toPlain and
      // the decoder make of it together); anything else is copied whole, then decoded
      const copy = copyInspection(u, DEFAULT_LIMITS.stringLength)
      if (copy !== undefined) {
        const r = judgeInspection(copy, copy.region === undefined ? undefined : regionError(copy.region, ["region"]), checkValues(copy))
        return r.ok ? { ok: true, report: freezeBelowFindings(r.report) } : r
      }
      const plain = toPlain(u, DEFAULT_LIMITS)
      if (!plain.ok) return failure(null, plain.errors)
      const r = judge(plain.value, lookup === undefined ? undefined : (id) => {
        try {
          const found = lookup(id)
          const p = toPlain(found, DEFAULT_LIMITS)
          return p.ok ? p.value : undefined
        } catch {
          return undefined
        }
      })
      return r.ok ? { ok: true, report: freezeBelowFindings(r.report) } : r
    } catch (e) {
      return failure(null, [make("internal-error", [], { detail: e instanceof Error ? e.name : typeof e })])
    }
  }
  return ok({
    dataset: ds,
    composition,
    validate: (u: unknown, lookup?: (id: string) => unknown) => validate(u, lookup),
    *validateMany(records: Iterable<unknown>) {
      // a certificate may name its evidence by id: records earlier in the batch are found
      const seen = evidenceWindow<unknown>()
      let it: Iterator<unknown>
      try {
        it = records[Symbol.iterator]()
      } catch {
        yield failure(null, [make("unreadable-input", [], { detail: "not iterable" })])
        return
      }
      for (;;) {
        let step: IteratorResult<unknown>
        try {
          step = it.next()
          if (step.done) return
        } catch {
          // the iterable itself failed: say so, once, and stop (nothing after it can be read)
          yield failure(null, [make("unreadable-input", [], { detail: "iterator throws" })])
          return
        }
        const r = step.value
        yield validate(r, (id) => seen.get(id))
        const id = idOfPlain(r)
        // memory stays flat over any batch: the oldest record leaves the window
        if (id !== null) seen.remember(id, r)
      }
    }
  })
}
