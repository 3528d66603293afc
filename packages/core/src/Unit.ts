import { Schema } from "effect"

/**
 * A unit nongan understands. Concentrations: `mg/kg` and `ug/kg` (on input also `µg/kg` with the
 * micro sign, `μg/kg` with the Greek mu, and the Chinese `毫克`/`微克` over `千克`/`公斤` in any
 * combination with the Latin forms: `毫克/千克`, `mg/公斤`, `微克/千克`). Durations: `d` (days),
 * `h` (hours) and `degree-days` (度日: water °C × days, for fish).
 *
 * @example
 * import { parse } from "@nongan/core/Unit"
 * parse("µg/kg") // "ug/kg"
 *
 * @since 0.1.0
 * @category models
 */
export const Unit = Schema.Literal("mg/kg", "ug/kg", "d", "h", "degree-days").annotations({ identifier: "Unit" })

/**
 * @since 0.1.0
 * @category models
 */
export type Unit = typeof Unit.Type

/**
 * Units of concentration.
 *
 * @since 0.1.0
 * @category models
 */
export type ConcentrationUnit = "mg/kg" | "ug/kg"

/**
 * Units of duration.
 *
 * @since 0.1.0
 * @category models
 */
export type DurationUnit = "d" | "h" | "degree-days"

// Mass over mass: the numerators and denominators a concentration is written with.
const MILLI = ["mg", "毫克"]
const MICRO = ["ug", "µg", "μg", "微克"]
const PER_KG = ["kg", "千克", "公斤"]
const over = (nums: ReadonlyArray<string>, dens: ReadonlyArray<string>): Array<string> => nums.flatMap((n) => dens.map((d) => `${n}/${d}`))

const CONCENTRATIONS: ReadonlyMap<string, ConcentrationUnit> = new Map([
  ...over(MILLI, PER_KG).map((s) => [s, "mg/kg"] as const),
  ...over(MICRO, PER_KG).map((s) => [s, "ug/kg"] as const)
])

// grams (or kilograms) of residue per kilogram or gram of food: no residue is reported so, and the
// form is what `µg/kg` or `mg/kg` becomes when its prefix is lost (`231g/kg`)
const SUSPECT = new Set(over(["g", "克", "kg", "千克", "公斤"], [...PER_KG, "g", "克"]))

const SPELLINGS: ReadonlyMap<string, Unit> = new Map(Object.entries({
  ...Object.fromEntries(CONCENTRATIONS),
  "d": "d",
  "day": "d",
  "days": "d",
  "天": "d",
  "日": "d",
  "h": "h",
  "hour": "h",
  "hours": "h",
  "小时": "h",
  "degree-days": "degree-days",
  "度日": "degree-days"
} satisfies Record<string, Unit>))

/**
 * Reads a unit spelling (case-insensitive for Latin letters, spaces ignored); `undefined` when
 * unknown. Only half-width text: {@link readConcentration} says why a residue unit is refused.
 *
 * @example
 * import { parse } from "@nongan/core/Unit"
 * parse("MG/KG") // "mg/kg"
 * parse("ppm") // undefined
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (s: string): Unit | undefined =>
  // a Map, not an object literal: `constructor` or `__proto__` must not read as units
  SPELLINGS.get(s.replace(/\s+/g, "").toLowerCase()) ?? SPELLINGS.get(s.trim())

/**
 * Whether a unit measures concentration.
 *
 * @example
 * import { isConcentration } from "@nongan/core/Unit"
 * isConcentration("ug/kg") // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const isConcentration = (u: Unit): u is ConcentrationUnit => u === "mg/kg" || u === "ug/kg"

/**
 * The power of ten that converts a value in `from` to `to` (`mg/kg` → `ug/kg` is 3; `d` → `h`
 * is not a power of ten and is handled by Quantity), or `undefined` when the units are not
 * commensurable.
 *
 * @example
 * import { decimalShift } from "@nongan/core/Unit"
 * decimalShift("mg/kg", "ug/kg") // 3
 *
 * @since 0.1.0
 * @category combinators
 */
export const decimalShift = (from: Unit, to: Unit): number | undefined => {
  if (from === to) return 0
  if (from === "mg/kg" && to === "ug/kg") return 3
  if (from === "ug/kg" && to === "mg/kg") return -3
  return undefined
}

const key = (s: string): string => s.replace(/\s+/g, "").toLowerCase()

/**
 * Why a written unit is not a residue concentration nongan reads:
 *
 * - `suspect-unit`: grams (or kilograms) per kilogram or gram (`g/kg`, `克/千克`): no residue is
 *   reported so; it is what `µg/kg` or `mg/kg` becomes when its prefix is lost
 * - `truncated-unit`: the start of a concentration unit, cut off (`μg/k`, `mg/`, `毫克/千`)
 * - `invalid-unit`: anything else (`ppm`, `mg/L`, a duration)
 *
 * Never a guess at what was meant: the caller reports the error with its path.
 *
 * @example
 * import { diagnose } from "@nongan/core/Unit"
 * diagnose("g/kg") // "suspect-unit"
 * diagnose("μg/k") // "truncated-unit"
 * diagnose("ppm") // "invalid-unit"
 *
 * @since 0.2.0
 * @category predicates
 */
export const diagnose = (s: string): "suspect-unit" | "truncated-unit" | "invalid-unit" => {
  const k = key(s)
  if (SUSPECT.has(k)) return "suspect-unit"
  if (k !== "") for (const spelling of CONCENTRATIONS.keys()) if (spelling.length > k.length && spelling.startsWith(k)) return "truncated-unit"
  return "invalid-unit"
}

/**
 * Reads a residue concentration unit (any spelling {@link parse} reads as `mg/kg` or `ug/kg`), or
 * says why it cannot ({@link diagnose}).
 *
 * @example
 * import { readConcentration } from "@nongan/core/Unit"
 * readConcentration("微克/千克") // { ok: true, unit: "ug/kg" }
 * readConcentration("g/kg") // { ok: false, problem: "suspect-unit" }
 *
 * @since 0.2.0
 * @category constructors
 */
export const readConcentration = (
  s: string
): { readonly ok: true; readonly unit: ConcentrationUnit } | { readonly ok: false; readonly problem: ReturnType<typeof diagnose> } => {
  const u = CONCENTRATIONS.get(key(s))
  return u !== undefined ? { ok: true, unit: u } : { ok: false, problem: diagnose(s) }
}
