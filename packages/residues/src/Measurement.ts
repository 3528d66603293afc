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
 * @example
 * import type { Measurement } from "@nongan/residues/Measurement"
 * import * as Quantity from "@nongan/core/Quantity"
 * const m: Measurement = { kind: "quantified", value: Quantity.unsafeMake("0.062", "mg/kg") }
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

/**
 * A value as read: the measurement, the text as written (the value, and the unit field when the
 * value carried no unit of its own), and whether reading it took more than the canonical form —
 * full-width characters, a bracketed or Chinese unit, a `×10^n` exponent.
 *
 * @example
 * import { read, type ValueReading } from "@nongan/residues/Measurement"
 * const r = read("0.05", "毫克/千克")
 * const v: ValueReading | undefined = r.ok ? r.value : undefined // written "0.05 毫克/千克", changed
 *
 * @since 0.2.0
 * @category models
 */
export interface ValueReading {
  readonly measurement: Measurement
  readonly written: string
  readonly changed: boolean
}

const ND = new Set(["nd", "n.d.", "未检出", "未检测到", "not detected", "<lod", "<loq", "< lod", "< loq", "-", "—", "/"])
const DETECTED = new Set(["检出", "nq", "detected", "阳性(检出)"])
const POSITIVE = new Set(["阳性", "positive", "+", "pos", "不合格(快检)"])
const NEGATIVE = new Set(["阴性", "negative", "neg"])
const NOT_DETECTED: Measurement = { kind: "not-detected" }
const DETECTION: Measurement = { kind: "detected" }
const POSITIVE_M: Measurement = { kind: "positive" }
const NEGATIVE_M: Measurement = { kind: "negative" }
// sign, mantissa, e-exponent, then the rest (a `×10^n` exponent and/or a unit)
const NUMBER = /^([<≤]?)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/s
// `×10^4`, `x10^-3`, `*10⁴`, `×10⁻³`: a power of ten written out, read exactly
const TIMES_TEN = /^\s*[×xX*·]\s*10/
const POWER = /^\s*[×xX*·]\s*10(?:\^([+-]?\d+)|([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))(.*)$/s
const SUPERSCRIPT: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁺": "+", "⁻": "-" }
// the canonical unit spellings: reading them is not a change of the text
const PLAIN_UNITS = new Set(["mg/kg", "ug/kg", "µg/kg", "μg/kg"])

/**
 * Full-width forms (U+FF01–U+FF5E: `０．０５`, `（`, `／`, `＜`) and the ideographic space read as
 * their ASCII counterparts. Nothing else is rewritten.
 *
 * @example
 * import { halfWidth } from "@nongan/residues/Measurement"
 * halfWidth("０．０５ｍｇ／ｋｇ") // "0.05mg/kg"
 *
 * @since 0.2.0
 * @category combinators
 */
export const halfWidth = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  /[\uFF01-\uFF5E\u3000]/.test(s) ? s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0))) : s

type UnitRead = { readonly ok: true; readonly unit: Unit.ConcentrationUnit | Unit.Unit; readonly plain: boolean } | { readonly ok: false; readonly error: NonganError }

/**
 * Reads a unit as written, inline (`where: "value"`) or in the unit field: optional brackets
 * (`(µg/kg)`, an unclosed `(mg/kg`), any spelling Unit reads. A duration is returned for the caller
 * to refuse as a concentration; a damaged unit is a typed error.
 */
const readUnit = (text: string, where: "value" | "unit", whole: string): UnitRead => {
  // a batch writes a handful of units: the readings (never the errors, which name the value) are memoised
  const hit = UNITS_READ.get(text)
  if (hit !== undefined) return hit
  const r = readUnitUncached(text, where, whole)
  if (r.ok && UNITS_READ.size < 1024) UNITS_READ.set(text, r)
  return r
}
const UNITS_READ = new Map<string, UnitRead>()

const readUnitUncached = (text: string, where: "value" | "unit", whole: string): UnitRead => {
  let t = text.trim()
  let plain = true
  if (t.startsWith("(")) {
    t = t.slice(1).trim()
    if (t.endsWith(")")) t = t.slice(0, -1).trim()
    plain = false
  }
  const c = Unit.readConcentration(t)
  if (c.ok) return { ok: true, unit: c.unit, plain: plain && PLAIN_UNITS.has(t.replace(/\s+/g, "").toLowerCase()) }
  const other = Unit.parse(t)
  if (other !== undefined) return { ok: true, unit: other, plain }
  const value = where === "value" ? whole : text
  // an inline unit nobody writes is an unreadable value, as it always was
  const code = c.problem === "invalid-unit" && where === "value" ? "unreadable-measurement" : c.problem
  return { ok: false, error: make(code, [code === "unreadable-measurement" ? "value" : where], { value }) }
}

/**
 * Reads a reported value and says how it was written; {@link parse} is the same reading without
 * the note. See {@link parse} for the forms accepted and refused.
 *
 * @example
 * import { read } from "@nongan/residues/Measurement"
 * const r = read("5782微克/千克")
 * if (r.ok) r.value.changed // true: a Chinese unit was read as ug/kg
 *
 * @since 0.2.0
 * @category constructors
 */
export const read = (value: unknown, unit?: string | null): Result<ValueReading, NonganError> => {
  // the common cases — a word, a decimal or a reporting limit as written, with the unit in its
  // field — read as `readAny` reads them, without its regular expressions (a differential test
  // compares the two)
  if (typeof value === "string") {
    // a word as written ("ND", "未检出", "阴性"): the unit field, if any, must still read
    const word = WORDS.get(value)
    if (word !== undefined) {
      if (unit === undefined || unit === null || unit === "") return ok({ measurement: word, written: value, changed: false })
      if (typeof unit === "string") {
        const u = readFieldUnit(unit)
        return u.ok ? ok({ measurement: word, written: value, changed: u.changed }) : fail(u.error)
      }
    }
    // a decimal, or a reporting limit "<0.01", with a concentration in the unit field
    const below = value.charCodeAt(0) === 60 /* < */
    if (typeof unit === "string" && unit !== "" && isPlainDecimal(value, below ? 1 : 0)) {
      const u = readFieldUnit(unit)
      if (u.ok && Unit.isConcentration(u.unit)) {
        const d = Decimal.parse(below ? value.slice(1) : value)
        if (d !== undefined) {
          const q: Quantity = { value: d, unit: u.unit }
          return ok({ measurement: below ? { kind: "not-detected", below: q } : { kind: "quantified", value: q }, written: `${value} ${unit}`, changed: u.changed })
        }
      }
    }
  }
  return readAny(value, unit)
}

type FieldUnit = { readonly ok: true; readonly unit: Unit.ConcentrationUnit | Unit.Unit; readonly changed: boolean } | { readonly ok: false; readonly error: NonganError }

/** The unit field as written: its reading, and whether reading it changed the text (full-width forms, brackets, a Chinese unit). */
const readFieldUnit = (unit: string): FieldUnit => {
  const wide = halfWidth(unit)
  const u = readUnit(wide, "unit", unit)
  return u.ok ? { ok: true, unit: u.unit, changed: !u.plain || wide !== unit } : u
}

// the words of the sets below as written in the forms they are looked up in (lower case), and in upper case
const WORDS: ReadonlyMap<string, Measurement> = new Map(
  (
    [
      [ND, NOT_DETECTED],
      [DETECTED, DETECTION],
      [POSITIVE, POSITIVE_M],
      [NEGATIVE, NEGATIVE_M]
    ] as const
  ).flatMap(([words, m]) =>
    [...words].flatMap((w): Array<[string, Measurement]> => [
      [w, m],
      [w.toUpperCase(), m]
    ])
  )
)

// digits with at most one point among or after them ("0.062", "5", "5."): a number `NUMBER` reads with nothing after it
const isPlainDecimal = (s: string, from: number): boolean => {
  const n = s.length
  if (n <= from || n > 40) return false
  let c = s.charCodeAt(from)
  if (c < 48 || c > 57) return false
  let point = false
  for (let i = from + 1; i < n; i++) {
    c = s.charCodeAt(i)
    if (c === 46 && !point) point = true
    else if (c < 48 || c > 57) return false
  }
  return true
}

/**
 * @internal {@link read} by its general path alone, every form through the same steps; `read`
 * takes a shortcut for plain decimal strings that must answer exactly as this does.
 *
 * @example
 * import { readAny } from "@nongan/residues/Measurement"
 * readAny("0.062", "mg/kg").ok // true
 *
 * @since 0.5.0
 * @category constructors
 */
export const readAny = (value: unknown, unit?: string | null): Result<ValueReading, NonganError> => {
  let fieldUnit: Unit.Unit | undefined
  let changed = false
  const hasField = unit !== undefined && unit !== null && unit !== ""
  if (hasField) {
    const u = readFieldUnit(unit)
    if (!u.ok) return fail(u.error)
    fieldUnit = u.unit
    changed = u.changed
  }
  // (no closures here: this runs once per analyte, and a closure per call costs more than the reading)
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return fail(make("unreadable-measurement", ["value"], { value: String(value) }))
    if (!fieldUnit) return fail(make("missing-field", ["unit"]))
    if (!Unit.isConcentration(fieldUnit)) return fail(make("invalid-unit", ["unit"], { value: fieldUnit }))
    // a JSON number is read through its shortest round-trip string: `0.062` stays 0.062
    return ok({ measurement: { kind: "quantified", value: { value: Decimal.unsafeMake(value), unit: fieldUnit } }, written: hasField ? `${value} ${unit}` : String(value), changed })
  }
  if (typeof value !== "string") return fail(make("unreadable-measurement", ["value"]))
  const s = halfWidth(value).trim()
  if (s !== value.trim()) changed = true
  const lower = s.toLowerCase()
  const word = ND.has(lower) ? NOT_DETECTED : DETECTED.has(lower) ? DETECTION : POSITIVE.has(lower) ? POSITIVE_M : NEGATIVE.has(lower) ? NEGATIVE_M : undefined
  if (word !== undefined) return ok({ measurement: word, written: value, changed })
  // 未检出(<0.01) or 未检出（0.01）
  const nd = /^(?:未检出|nd)\s*\(\s*[<≤]?\s*(.+?)\s*\)$/i.exec(s)
  const m = NUMBER.exec(nd ? `<${nd[1]}` : s)
  if (!m) return fail(make("unreadable-measurement", ["value"], { value: s }))
  let digits = m[2]!
  let rest = m[3]!
  if (TIMES_TEN.test(rest)) {
    const p = POWER.exec(rest)
    // `2.06×104`, `1.2x10-3`, `5×10 μg/kg`: the superscript was lost; 10⁴ or 104 cannot be told apart
    if (!p || /[eE]/.test(digits)) return fail(make("damaged-exponent", ["value"], { value: s }))
    const exponent = p[1] ?? [...p[2]!].map((c) => SUPERSCRIPT[c]).join("")
    digits = `${digits}e${exponent}`
    rest = p[3]!
    changed = true
  }
  const d = Decimal.parse(digits)
  if (d === undefined || Decimal.isNegative(d)) return fail(make("unreadable-measurement", ["value"], { value: s }))
  const inline = rest.trim()
  let u = fieldUnit
  if (inline !== "") {
    const iu = readUnit(inline, "value", s)
    if (!iu.ok) return fail(iu.error)
    if (!iu.plain) changed = true
    if (fieldUnit !== undefined && iu.unit !== fieldUnit) return fail(make("unit-mismatch", ["unit"], { value: `${inline} / ${unit}` }))
    u = iu.unit
  }
  if (u === undefined) return fail(make("missing-field", ["unit"]))
  if (!Unit.isConcentration(u)) return fail(make("invalid-unit", ["unit"], { value: u }))
  const q: Quantity = { value: d, unit: u }
  return ok({
    measurement: m[1] ? { kind: "not-detected", below: q } : { kind: "quantified", value: q },
    written: inline === "" && hasField ? `${value} ${unit}` : value,
    changed
  })
}

/**
 * Reads a reported value as laboratories write it. Accepted:
 *
 * - a number and a unit, in one string or apart: `0.45 mg/kg`, `6.71mg/kg`, `"0.062"` with
 *   `unit: "mg/kg"`, a JSON number with a unit field
 * - units `mg/kg`, `ug/kg`, `µg/kg`, `μg/kg`, `毫克/千克`, `微克/千克`, `mg/公斤`, `mg/千克` … (any of
 *   mg/毫克, ug/µg/μg/微克 over kg/千克/公斤), case- and space-insensitive, optionally bracketed:
 *   `80(µg/kg)`, `0.43(mg/kg`
 * - full-width digits and punctuation: `０.０５`, `０．０５`, `＜0.01`, `（mg/kg）`
 * - a reporting limit `<0.01`, `＜0.01`, `≤0.01`, `未检出(<0.01)`; `ND`, `未检出`; `检出`, `NQ`;
 *   `阳性`, `阴性`
 * - an exponent written out: `5e-3`, `2.06×10^4`, `2.06×10⁴`
 *
 * Refused with a typed error, never repaired: a lost µ (`231g/kg`: `suspect-unit`), a cut unit
 * (`588μg/k`: `truncated-unit`), a lost superscript (`2.06×104μg/kg`, `1.2x10-3`:
 * `damaged-exponent`), a bare number with no unit anywhere (`missing-field` at `unit`), units
 * that disagree (`unit-mismatch`), anything else (`unreadable-measurement`, `invalid-unit`).
 *
 * @example
 * import { parse } from "@nongan/residues/Measurement"
 * parse("0.062mg/kg").ok // true
 * parse("5782微克/千克").ok // true
 * parse("<0.01", "mg/kg") // { ok: true, value: { kind: "not-detected", below: … } }
 * parse("231g/kg").ok // false: suspect-unit
 * parse("about 3", "mg/kg").ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (value: unknown, unit?: string | null): Result<Measurement, NonganError> => {
  const r = read(value, unit)
  return r.ok ? ok(r.value.measurement) : r
}

/**
 * The canonical string of a measurement, which {@link parse} reads back to an equal one:
 * `0.062 mg/kg`, `<0.01 mg/kg`, `未检出`, `检出`, `阳性`, `阴性`.
 *
 * @example
 * import { format, parse } from "@nongan/residues/Measurement"
 * const m = parse("６２ µg/kg")
 * if (m.ok) format(m.value) // "62 ug/kg"
 *
 * @since 0.2.0
 * @category combinators
 */
export const format = (m: Measurement): string => {
  switch (m.kind) {
    case "quantified":
      return `${m.value.value.toString()} ${m.value.unit}`
    case "not-detected":
      return m.below ? `<${m.below.value.toString()} ${m.below.unit}` : "未检出"
    case "detected":
      return "检出"
    case "positive":
      return "阳性"
    case "negative":
      return "阴性"
  }
}

const sameQuantity = (a: Quantity | undefined, b: Quantity | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.unit === b.unit && Decimal.equals(a.value, b.value)

/**
 * Whether two measurements are the same report: same kind, same unit, equal values (exactly).
 * `0.062 mg/kg` and `62 ug/kg` are equal quantities but different reports.
 *
 * @example
 * import { equals, parse } from "@nongan/residues/Measurement"
 * const a = parse("０.５mg/kg"), b = parse("0.50", "毫克/千克")
 * if (a.ok && b.ok) equals(a.value, b.value) // true
 *
 * @since 0.2.0
 * @category predicates
 */
export const equals = (a: Measurement, b: Measurement): boolean => {
  if (a.kind !== b.kind) return false
  if (a.kind === "quantified") return sameQuantity(a.value, (b as typeof a).value)
  if (a.kind === "not-detected") return sameQuantity(a.below, (b as typeof a).below)
  return true
}
