import { CalendarDate } from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import { Either, Schema } from "effect"
import type { NonganError, Path } from "@nongan/core/NonganError"
import { ok, type Result } from "@nongan/core/Result"

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
  // Fast path: rejecting excess properties costs more than the rest of decoding, so first check the
  // keys against the schema's own field lists and decode leniently; any doubt goes to the strict
  // decoder, which also produces every error with its path. Same result either way (tested).
  if (onlyKnownKeys(u)) {
    const r = lenient(u)
    if (Either.isRight(r)) return ok(r.right)
  }
  return strict(u, path)
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
