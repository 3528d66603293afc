import * as Decimal from "@nongan/core/Decimal"
import { make, type NonganError } from "@nongan/core/NonganError"
import type { Quantity } from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import * as Unit from "@nongan/core/Unit"

/**
 * What a laboratory or a rapid test reported for one analyte.
 *
 * - `quantified`: a number with a unit (`0.062 mg/kg`)
 * - `not-detected`: `ND`, `未检出`, `<0.01` (then `below` is the reporting limit)
 * - `detected`: `检出` / `NQ`, detected but not quantified
 * - `positive` / `negative`: a qualitative rapid-test result (`阳性` / `阴性`)
 *
 * @since 0.1.0
 * @category models
 */
export type Measurement =
  | { readonly kind: "quantified"; readonly value: Quantity }
  | { readonly kind: "not-detected"; readonly below?: Quantity | undefined }
  | { readonly kind: "detected" }
  | { readonly kind: "positive" }
  | { readonly kind: "negative" }

const ND = new Set(["nd", "n.d.", "未检出", "未检测到", "not detected", "<lod", "<loq", "< lod", "< loq", "-", "—", "/"])
const DETECTED = new Set(["检出", "nq", "detected", "阳性(检出)"])
const POSITIVE = new Set(["阳性", "positive", "+", "pos", "不合格(快检)"])
const NEGATIVE = new Set(["阴性", "negative", "neg"])
const NUMBER = /^([<＜≤]?)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/

/**
 * Reads a reported value: numbers or strings such as `0.062`, `"0.062mg/kg"`, `"<0.01"`, `"ND"`,
 * `"未检出"`, `"阳性"`, with the unit given beside it or inside the string (`mg/kg`, `ug/kg`,
 * `µg/kg`, `μg/kg`). A value that cannot be read is an error with its path, never a guess.
 *
 * @example
 * import { parse } from "@nongan/residues/Measurement"
 * parse("0.062mg/kg").ok // true
 * parse("<0.01", "mg/kg") // { ok: true, value: { kind: "not-detected", below: … } }
 * parse("about 3", "mg/kg").ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (value: unknown, unit?: string | null): Result<Measurement, NonganError> => {
  const fieldUnit = unit === undefined || unit === null || unit === "" ? undefined : Unit.parse(unit)
  if (unit !== undefined && unit !== null && unit !== "" && fieldUnit === undefined)
    return fail(make("invalid-unit", ["unit"], { value: String(unit) }))
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return fail(make("unreadable-measurement", ["value"], { value: String(value) }))
    if (!fieldUnit) return fail(make("missing-field", ["unit"]))
    if (!Unit.isConcentration(fieldUnit)) return fail(make("invalid-unit", ["unit"], { value: fieldUnit }))
    return ok({ kind: "quantified", value: { value: Decimal.unsafeMake(value), unit: fieldUnit } })
  }
  if (typeof value !== "string") return fail(make("unreadable-measurement", ["value"]))
  const s = value.trim()
  const lower = s.toLowerCase()
  if (ND.has(lower)) return ok({ kind: "not-detected" })
  if (DETECTED.has(lower)) return ok({ kind: "detected" })
  if (POSITIVE.has(lower)) return ok({ kind: "positive" })
  if (NEGATIVE.has(lower)) return ok({ kind: "negative" })
  // 未检出(<0.01) or 未检出（0.01）
  const nd = /^(?:未检出|nd)\s*[(（]\s*[<＜]?\s*(.+?)\s*[)）]$/i.exec(s)
  const m = NUMBER.exec(nd ? `<${nd[1]}` : s)
  if (!m) return fail(make("unreadable-measurement", ["value"], { value: s }))
  const d = Decimal.parse(m[2]!)
  if (d === undefined || Decimal.isNegative(d)) return fail(make("unreadable-measurement", ["value"], { value: s }))
  const inline = m[3]!.trim()
  let u = fieldUnit
  if (inline !== "") {
    const iu = Unit.parse(inline)
    if (iu === undefined) return fail(make("unreadable-measurement", ["value"], { value: s }))
    if (fieldUnit !== undefined && iu !== fieldUnit) return fail(make("unit-mismatch", ["unit"], { value: `${inline} / ${unit}` }))
    u = iu
  }
  if (u === undefined) return fail(make("missing-field", ["unit"]))
  if (!Unit.isConcentration(u)) return fail(make("invalid-unit", ["unit"], { value: u }))
  const q: Quantity = { value: d, unit: u }
  return ok(m[1] ? { kind: "not-detected", below: q } : { kind: "quantified", value: q })
}
