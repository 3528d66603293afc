import { CalendarDate, isValid as isCalendarDate } from "@nongan/core/CalendarDate"
import { decoder, decodeUnsafe } from "@nongan/core/Decode"
import { Either, Schema } from "effect"
import * as Decimal from "@nongan/core/Decimal"
import { significantDigits } from "@nongan/core/Json"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import { type Measurement, parse } from "./Measurement"

const Value = Schema.Union(Schema.String, Schema.Number)

/**
 * One reported component of a residue definition (e.g. 3-羟基克百威 for 克百威).
 *
 * @example
 * import { Schema } from "effect"
 * import { ComponentResult } from "@nongan/residues/Inspection"
 * Schema.decodeUnknownSync(ComponentResult)({ substance: "3-羟基克百威", value: "0.01", unit: "mg/kg" })
 *
 * @since 0.1.0
 * @category models
 */
export const ComponentResult = Schema.Struct({
  substance: Schema.String,
  value: Value,
  unit: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * One analyte result. `value` is what the laboratory wrote (`0.062`, `"0.062mg/kg"`, `"<0.01"`,
 * `"ND"`, `"未检出"`, `"阳性"`, `"5782微克/千克"`: see `Measurement.parse`); `components` lets the
 * library compute a residue-definition sum; `uncertainty` is the relative expanded measurement
 * uncertainty (`"0.5"` = 50 %) for the uncertainty decision rule.
 *
 * @example
 * import { Schema } from "effect"
 * import { AnalyteResult } from "@nongan/residues/Inspection"
 * Schema.decodeUnknownSync(AnalyteResult)({ substance: "克百威", value: "0.062", unit: "mg/kg" })
 *
 * @since 0.1.0
 * @category models
 */
export const AnalyteResult = Schema.Struct({
  substance: Schema.String,
  value: Schema.optional(Value),
  unit: Schema.optional(Schema.NullOr(Schema.String)),
  lod: Schema.optional(Value),
  loq: Schema.optional(Value),
  uncertainty: Schema.optional(Value),
  components: Schema.optional(Schema.Array(ComponentResult)),
  method: Schema.optional(Schema.String)
}).annotations({ identifier: "AnalyteResult" })
/** @since 0.1.0 @category models */
export type AnalyteResult = typeof AnalyteResult.Type

/**
 * An inspection (sampling) record, the input contract of `nongan check`:
 * `{"id":"KZ-0001","kind":"inspection","sampledOn":"2026-06-15","product":"豇豆","region":"500154",
 * "method":"lab","results":[{"substance":"克百威","value":"0.062","unit":"mg/kg"}]}`.
 * `method` is `lab` (default) or `rapid`; `state` names a production state (laying, lactating)
 * for animal products; `extra` carries anything else a system wants echoed, untouched. `results`
 * must not be empty (judging says `empty-results`); a result that cannot be read is an error of
 * that result, not of the record (see `Judge.prepareInspection`).
 *
 * @example
 * import { Schema } from "effect"
 * import { InspectionRecord } from "@nongan/residues/Inspection"
 * Schema.decodeUnknownSync(InspectionRecord)({
 *   id: "KZ-0001", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", region: "500154",
 *   method: "lab", results: [{ substance: "克百威", value: "0.062", unit: "mg/kg" }]
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const InspectionRecord = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("inspection"),
  sampledOn: CalendarDate,
  product: Schema.String,
  region: Schema.optional(Schema.String),
  method: Schema.optional(Schema.Literal("lab", "rapid")),
  state: Schema.optional(Schema.Literal("laying", "lactating", "none")),
  producer: Schema.optional(Schema.String),
  stage: Schema.optional(Schema.String),
  sampleNo: Schema.optional(Schema.String),
  extra: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  results: Schema.Array(AnalyteResult)
}).annotations({ identifier: "InspectionRecord" })
/** @since 0.1.0 @category models */
export type InspectionRecord = typeof InspectionRecord.Type

/**
 * Decodes an inspection record; never throws. Unknown fields are errors (so a misspelt field is
 * never silently ignored).
 *
 * @example
 * import { decode } from "@nongan/residues/Inspection"
 * decode({ id: "x" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (u: unknown, path: Path = []): Result<InspectionRecord, NonganError> => {
  try {
    return decodeTrusted(u, path)
  } catch {
    // a hostile value (a Proxy, a throwing getter, a cycle): read as plain data first; never throw
    return decodeUnsafe(decodeTrusted, u, path)
  }
}

/**
 * {@link decode} of a value its caller owns: a fresh copy that nothing else holds or will change,
 * as `Plain.toPlain` makes (the SDK's validator decodes its copy of each record). A record of the
 * usual shape is then returned itself, not copied again; the same result as {@link decode}
 * otherwise (the same fields and values, and the same errors).
 *
 * @example
 * import { decodeOwned } from "@nongan/residues/Inspection"
 * const mine = { id: "A", kind: "inspection", sampledOn: "2025-06-01", product: "豇豆", results: [] }
 * const r = decodeOwned(mine)
 * r.ok && r.value === (mine as unknown) // true: no copy
 *
 * @since 0.5.0
 * @category constructors
 */
export const decodeOwned = (u: unknown, path: Path = []): Result<InspectionRecord, NonganError> => {
  try {
    return decodeTrusted(u, path, true)
  } catch {
    return decodeUnsafe(decodeTrusted, u, path)
  }
}

const decodeTrusted = (u: unknown, path: Path, owned = false): Result<InspectionRecord, NonganError> => {
  const results = typeof u === "object" && u !== null ? (u as { results?: unknown }).results : undefined
  if (Array.isArray(results) && results.length > MAX_RESULTS) return fail(make("too-large", [...path, "results"], { name: "results", limit: MAX_RESULTS }))
  // Fast path: rejecting excess properties costs more than the rest of decoding, so first check the
  // keys against the schema's own field lists and decode leniently; any doubt goes to the strict
  // decoder, which also produces every error with its path. Same result either way (tested).
  // Faster still, a record of the usual shape is read field by field against the same schema
  // (`structural`); anything it does not recognise goes to Effect's decoders. Equal results on
  // every input it accepts (a property test in test/Inspection.test.ts).
  const fast = owned ? structuralOwned(u) : structural(u)
  if (fast !== undefined) return checkValues(fast, path)
  if (onlyKnownKeys(u)) {
    const r = lenient(u)
    if (Either.isRight(r)) return checkValues(r.right, path)
  }
  const r = strict(u, path)
  return r.ok ? checkValues(r.value, path) : r
}

/**
 * The most analytes one record may carry (a multi-residue screen reports a few hundred); beyond,
 * the record is a `too-large` error.
 *
 * @example
 * import { MAX_RESULTS } from "@nongan/residues/Inspection"
 * MAX_RESULTS // 2000
 *
 * @since 0.2.0
 * @category models
 */
export const MAX_RESULTS = 2000

type Value = string | number

/** A JS number with more than 15 significant digits is binary arithmetic, not a laboratory's figure. */
const isInexact = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && significantDigits(v) > 15

const inexact = (v: unknown, at: Path, errors: Array<NonganError>): boolean => {
  if (!isInexact(v)) return false
  errors.push(make("inexact-number", at, { value: String(v) }))
  return true
}

/** A detection or quantification limit: a non-negative finite quantity, in its own unit or the result's. */
const readLimit = (v: Value, unit: string | null | undefined, at: Path, errors: Array<NonganError>): void => {
  if (inexact(v, at, errors)) return
  const m = parse(v, unit)
  if (!m.ok || m.value.kind !== "quantified") errors.push(make("invalid-decimal", at, { value: String(v).slice(0, 40) }))
}

/** A relative expanded uncertainty: `0.5`, `"0.5"` or `"50%"`, at least 0 and below 1 (100 %). */
const readUncertainty = (v: Value, at: Path, errors: Array<NonganError>): void => {
  if (inexact(v, at, errors)) return
  const d = uncertaintyOf(v)
  if (d === undefined) return void errors.push(make("invalid-decimal", at, { value: String(v).slice(0, 40) }))
  if (Decimal.compare(d, Decimal.unsafeMake(1)) >= 0) errors.push(make("invalid-value", at, { value: String(v).slice(0, 40), expected: ["0 ≤ U < 1 (100 %)"] }))
}

/**
 * Reads a relative uncertainty as written (`0.5`, `"0.5"`, `"50%"`): the decimal, or undefined
 * when it is not a non-negative number.
 *
 * @example
 * import { uncertaintyOf } from "@nongan/residues/Inspection"
 * uncertaintyOf("50%")?.toString() // "0.5"
 * uncertaintyOf("-1") // undefined
 *
 * @since 0.2.0
 * @category constructors
 */
export const uncertaintyOf = (v: Value): Decimal.Decimal | undefined => {
  if (typeof v === "number" && !Number.isFinite(v)) return undefined
  const txt = String(v).trim()
  const pct = txt.endsWith("%")
  const d = Decimal.parse(pct ? txt.slice(0, -1).trim() : txt)
  if (d === undefined || Decimal.isNegative(d)) return undefined
  return pct ? Decimal.shift(d, -2) : d
}

/**
 * The checks the schema cannot state, which {@link decode} runs after it: detection and
 * quantification limits and uncertainties must be readable (never silently ignored; an
 * uncertainty of 100 % or more is refused), and a JS number must be one a laboratory could have
 * written (at most 15 significant digits: `0.1 + 0.2` is refused as `inexact-number`; a number
 * that JSON.parse already rounded, such as `5.0000000000000001` → `5`, cannot be told apart here:
 * read JSON text with `Json.parseJsonLossless`).
 *
 * @example
 * import { checkValues } from "@nongan/residues/Inspection"
 * checkValues({ id: "A", kind: "inspection", sampledOn: "2026-06-15" as never, product: "豇豆",
 *   results: [{ substance: "克百威", value: "ND", unit: "mg/kg", lod: -1 }] }).ok // false
 *
 * @since 0.2.0
 * @category constructors
 */
export const checkValues = (rec: InspectionRecord, path: Path = []): Result<InspectionRecord, NonganError> => {
  let errors: Array<NonganError> | undefined
  const results = rec.results
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!
    // most results carry only a value: its paths are made only for an error
    if (r.lod === undefined && r.loq === undefined && r.uncertainty === undefined && r.components === undefined && !isInexact(r.value)) continue
    const at: Path = [...path, "results", i]
    errors ??= []
    if (r.value !== undefined) inexact(r.value, [...at, "value"], errors)
    if (r.lod !== undefined) readLimit(r.lod, r.unit, [...at, "lod"], errors)
    if (r.loq !== undefined) readLimit(r.loq, r.unit, [...at, "loq"], errors)
    if (r.uncertainty !== undefined) readUncertainty(r.uncertainty, [...at, "uncertainty"], errors)
    r.components?.forEach((c, k) => inexact(c.value, [...at, "components", k, "value"], errors!))
  }
  return errors !== undefined && errors.length > 0 ? fail(...errors) : ok(rec)
}

/**
 * A "not detected" measurement with the reporting limit the result states: `ND` with
 * `lod: "0.01"` (or `loq`) is `<0.01`, so that a limit of detection above the applicable limit
 * makes the result inconclusive however it is written. The largest of the stated limits is kept
 * (`<0.05` with `lod: 0.1` is `<0.1`). Other measurements are returned unchanged.
 *
 * @example
 * import { withReportingLimit } from "@nongan/residues/Inspection"
 * const m = withReportingLimit({ kind: "not-detected" }, { substance: "克百威", value: "ND", lod: "100", unit: "mg/kg" })
 * m.kind === "not-detected" && m.below?.value.toString() // "100"
 *
 * @since 0.2.0
 * @category combinators
 */
export const withReportingLimit = (m: Measurement, r: AnalyteResult): Measurement => {
  if (m.kind !== "not-detected" || (r.lod === undefined && r.loq === undefined)) return m
  let below = m.below
  for (const v of [r.lod, r.loq]) {
    if (v === undefined) continue
    const q = parse(v, r.unit)
    if (!q.ok || q.value.kind !== "quantified") continue
    const c = below === undefined ? 1 : Quantity.compare(q.value.value, below)
    if (c === undefined || c > 0) below = q.value.value
  }
  return below === m.below ? m : { kind: "not-detected", below }
}

const strict = decoder(InspectionRecord)
const lenient = Schema.decodeUnknownEither(InspectionRecord, { errors: "first" })
const RECORD_KEYS = new Set(Object.keys(InspectionRecord.fields))
const RESULT_KEYS = new Set(Object.keys(AnalyteResult.fields))
const COMPONENT_KEYS = new Set(Object.keys(ComponentResult.fields))

const keysWithin = (u: unknown, keys: ReadonlySet<string>): boolean => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return true // the decoder reports the type
  for (const k in u) if (!keys.has(k)) return false
  return true
}

/** Whether a value has no property the schema does not name, at any level (`extra` is free-form). */
const onlyKnownKeys = (u: unknown): boolean => {
  if (typeof u !== "object" || u === null) return true
  if (!keysWithin(u, RECORD_KEYS)) return false
  const results = (u as { results?: unknown }).results
  if (!Array.isArray(results)) return true
  for (const r of results) {
    if (!keysWithin(r, RESULT_KEYS)) return false
    const components = (r as { components?: unknown } | null)?.components
    if (Array.isArray(components)) for (const c of components) if (!keysWithin(c, COMPONENT_KEYS)) return false
  }
  return true
}

// ——— the structural fast path of `decode` ———
type ComponentResultType = typeof ComponentResult.Type
// The schema above, field by field, for the shape almost every record has. It answers a copy
// built as Effect's decoder builds it (the schema's fields in its own order, an optional field
// present only when the input has it) or `undefined` for "not sure": any other shape — `extra`,
// an unknown key, a wrong type anywhere — is left to the schema, which also says what is wrong.

const isValue = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number"
const isUnit = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === "string"
/** A plain data object (what JSON gives): anything else — a class instance, inherited fields — goes to the schema. */
const isPlainObject = (u: unknown, keys: ReadonlySet<string>): u is Record<string, unknown> => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return (proto === Object.prototype || proto === null) && keysWithin(u, keys)
}

// Whether a value has the usual shape, field by field against the schema (no copy).
const isComponent = (c: unknown): c is Record<string, unknown> => {
  if (!isPlainObject(c, COMPONENT_KEYS)) return false
  return typeof c.substance === "string" && isValue(c.value) && isUnit(c.unit)
}

// the optional fields, in the schema's order (the decoded record keeps it)
const RESULT_FIELDS = ["value", "unit", "lod", "loq", "uncertainty", "components", "method"] as const
const RECORD_FIELDS = ["region", "method", "state", "producer", "stage", "sampleNo"] as const

const isResult = (r: unknown): r is Record<string, unknown> => {
  if (!isPlainObject(r, RESULT_KEYS)) return false
  if (typeof r.substance !== "string") return false
  for (const k of RESULT_FIELDS) {
    const v = r[k]
    if (v === undefined) continue
    if (k === "unit") {
      if (!isUnit(v)) return false
    } else if (k === "method") {
      if (typeof v !== "string") return false
    } else if (k === "components") {
      if (!Array.isArray(v)) return false
      for (const c of v) if (!isComponent(c)) return false
    } else if (!isValue(v)) return false
  }
  return true
}

const isRecord = (u: unknown): u is Record<string, unknown> & { readonly results: ReadonlyArray<unknown> } => {
  if (!isPlainObject(u, RECORD_KEYS)) return false
  if ("extra" in u) return false
  if (typeof u.id !== "string" || u.kind !== "inspection" || typeof u.sampledOn !== "string" || !isCalendarDate(u.sampledOn) || typeof u.product !== "string") return false
  if (!Array.isArray(u.results)) return false
  for (const r of u.results) if (!isResult(r)) return false
  for (const k of RECORD_FIELDS) {
    const v = u[k]
    if (v === undefined) continue
    if (k === "method" ? v !== "lab" && v !== "rapid" : k === "state" ? v !== "laying" && v !== "lactating" && v !== "none" : typeof v !== "string") return false
  }
  return true
}

// the copies: the schema's keys in its order, a key present with `undefined` kept
const copyComponent = (o: Record<string, unknown>): ComponentResultType => {
  const out: { -readonly [K in keyof ComponentResultType]: ComponentResultType[K] } = { substance: o.substance as string, value: o.value as string | number }
  if ("unit" in o) out.unit = o.unit as string | null | undefined
  return out
}

const copyResult = (o: Record<string, unknown>): AnalyteResult => {
  const out: Record<string, unknown> = { substance: o.substance }
  for (const k of RESULT_FIELDS) {
    if (!(k in o)) continue
    const v = o[k]
    out[k] = k === "components" && v !== undefined ? (v as Array<Record<string, unknown>>).map(copyComponent) : v
  }
  return out as AnalyteResult
}

/** @internal The record read field by field when it has the usual shape, else `undefined` (decode with the schema). */
export const structural = (u: unknown): InspectionRecord | undefined => {
  if (!isRecord(u)) return undefined
  const o = u
  const results: Array<AnalyteResult> = []
  for (const r of o.results) results.push(copyResult(r as Record<string, unknown>))
  const out: Record<string, unknown> = { id: o.id, kind: "inspection", sampledOn: o.sampledOn, product: o.product }
  for (const k of RECORD_FIELDS) if (k in o) out[k] = o[k]
  out.results = results
  return out as InspectionRecord
}

/**
 * @internal {@link structural} on a value its caller owns — a fresh copy nothing else holds, as
 * `Plain.toPlain` makes — which it returns itself, uncopied, when it has the usual shape (the
 * same fields and values as `structural`'s copy; the keys in the value's own order).
 */
export const structuralOwned = (u: unknown): InspectionRecord | undefined => (isRecord(u) ? (u as unknown as InspectionRecord) : undefined)


// ---------------------------------------------------------------------------------------------
// One read of an untrusted record of the usual shape: each own key read once into a fresh copy
// (as `Plain.toPlain` reads them), then checked as `structural` checks its input.
// ---------------------------------------------------------------------------------------------

/** Own enumerable keys of a plain object, each read once, into a fresh object; undefined when not plain or a key is not the schema's. */
const readOnce = (u: unknown, keys: ReadonlySet<string>, maxString: number): Record<string, unknown> | undefined => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return undefined
  const proto = Object.getPrototypeOf(u)
  if (proto !== Object.prototype && proto !== null) return undefined
  const own = Object.keys(u)
  if (own.length > keys.size) return undefined
  const out: Record<string, unknown> = {}
  for (let i = 0; i < own.length; i++) {
    const k = own[i]!
    if (!keys.has(k)) return undefined
    const v = (u as Record<string, unknown>)[k]
    // (a string beyond the plain-data bound is the general path's `too-large`)
    if (typeof v === "string" && v.length > maxString) return undefined
    out[k] = v
  }
  return out
}

/** An array's elements, each read once, through `each`; undefined when not an array, too long, or an element is refused. */
const arrayOnce = <A>(u: unknown, max: number, each: (x: unknown) => A | undefined): Array<A> | undefined => {
  if (!Array.isArray(u)) return undefined
  const n = (u as ReadonlyArray<unknown>).length
  if (n > max) return undefined
  const out: Array<A> = []
  for (let i = 0; i < n; i++) {
    const x = each((u as ReadonlyArray<unknown>)[i])
    if (x === undefined) return undefined
    out.push(x)
  }
  return out
}

/**
 * @internal An inspection record of the usual shape read from an untrusted value in ONE pass:
 * each own key of the record, of each result and of each component read once (as
 * `Plain.toPlain` reads them), into a fresh record — what {@link decodeOwned} makes of
 * `toPlain`'s copy of the value (the keys in the value's order). A record without `kind` is read
 * as an inspection (its `kind` then last). `undefined`, never a throw, for anything else (another kind, an unknown key, a
 * wrong type, a string longer than `maxString`, more than `MAX_RESULTS` results, a Proxy trap or
 * getter that throws): the caller then copies and decodes the value in full, errors and all.
 *
 * @example
 * import { copyInspection } from "@nongan/residues/Inspection"
 * const r = copyInspection({ id: "A", sampledOn: "2025-06-01", product: "豇豆", results: [{ substance: "克百威", value: "ND" }] }, 1024)
 * r?.kind // "inspection"
 *
 * @since 0.5.0
 * @category constructors
 */
export const copyInspection = (u: unknown, maxString: number): InspectionRecord | undefined => {
  try {
    const o = readOnce(u, RECORD_KEYS, maxString)
    if (o === undefined) return undefined
    if ("kind" in o && o.kind !== "inspection") return undefined
    const results = arrayOnce(o.results, MAX_RESULTS, (r) => {
      const x = readOnce(r, RESULT_KEYS, maxString)
      if (x === undefined) return undefined
      if (x.components !== undefined) {
        // (a hundred components a result at most here, so that the copy stays within toPlain's bound on values)
        const cs = arrayOnce(x.components, 100, (c) => readOnce(c, COMPONENT_KEYS, maxString))
        if (cs === undefined) return undefined
        x.components = cs
      }
      return x
    })
    if (results === undefined) return undefined
    o.results = results
    if (!("kind" in o)) o.kind = "inspection"
    // the copy is plain data now, and the caller's alone: checked as `structural` checks it
    return structuralOwned(o)
  } catch {
    return undefined
  }
}
