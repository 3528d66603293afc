import { Schema } from "effect"

/**
 * A unit nongan understands. Concentrations: `mg/kg` and `ug/kg` (the spellings `µg/kg` with the
 * micro sign and `μg/kg` with the Greek mu are accepted on input and read as `ug/kg`). Durations:
 * `d` (days), `h` (hours) and `degree-days` (度日: water °C × days, for fish).
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

const SPELLINGS: ReadonlyMap<string, Unit> = new Map(Object.entries({
  "mg/kg": "mg/kg",
  "ug/kg": "ug/kg",
  "µg/kg": "ug/kg",
  "μg/kg": "ug/kg",
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
 * unknown.
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
