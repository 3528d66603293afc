import * as Decimal from "@nongan/core/Decimal"
import { make, type NonganError } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { Substance } from "@nongan/substances/SubstanceCatalogue"
import type { Measurement } from "./Measurement"

/**
 * The one policy for sums whose components are partly not detected: a component that is not
 * detected counts as zero (lower bound); when no component is detected the sum is not detected.
 * A component detected but not quantified makes the quantified sum a lower bound (or, when no
 * component is quantified, the sum is `detected`).
 *
 * @example
 * import { SUM_POLICY } from "@nongan/residues/ResidueSum"
 * SUM_POLICY // "nd-as-zero"
 *
 * @since 0.1.0
 * @category models
 */
export const SUM_POLICY = "nd-as-zero" as const

/**
 * Computes a residue-definition sum from reported components, each converted by its factor into
 * the substance the sum is expressed as, in the unit of the first quantified component. Components
 * must belong to the definition, each reported once (a repeated component, also through an alias,
 * is an error rather than counted twice).
 *
 * @example
 * import { sum } from "@nongan/residues/ResidueSum"
 * // 克百威 0.04 + 3-羟基克百威 0.02 × 0.9326 = 0.058652 mg/kg (see test/ResidueSum.test.ts)
 * typeof sum // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const sum = (
  substance: Substance,
  components: ReadonlyArray<{ readonly substance: Substance; readonly measurement: Measurement }>
): Result<
  {
    readonly measurement: Measurement
    readonly parts: ReadonlyArray<{ substance: string; converted: string | null }>
    /** a component was detected but not quantified: the sum is a lower bound */
    readonly lowerBound: boolean
  },
  NonganError
> => {
  const def = substance.residueDefinition
  if (!def) return fail(make("invalid-value", ["components"], { expected: [`${substance.id}: no residue definition`] }))
  const factors = new Map(def.components.map((c) => [c.substance, c.factor]))
  let total: Quantity.Quantity | undefined
  let detectedUnquantified = false
  const parts: Array<{ substance: string; converted: string | null }> = []
  const seen = new Set<string>()
  for (const [i, c] of components.entries()) {
    const factor = factors.get(c.substance.id)
    if (factor === undefined)
      return fail(make("invalid-value", ["components", i, "substance"], { expected: def.components.map((x) => x.substance) }))
    if (seen.has(c.substance.id)) return fail(make("pack-duplicate", ["components", i, "substance"], { name: c.substance.id }))
    seen.add(c.substance.id)
    const m = c.measurement
    if (m.kind === "quantified") {
      const converted = { value: Decimal.multiply(m.value.value, factor), unit: m.value.unit }
      if (total === undefined) total = converted
      else {
        const same = Quantity.convert(converted, total.unit)!
        total = { value: Decimal.add(total.value, same.value), unit: total.unit }
      }
      parts.push({ substance: c.substance.id, converted: Quantity.format(converted) })
    } else if (m.kind === "detected" || m.kind === "positive") {
      detectedUnquantified = true
      parts.push({ substance: c.substance.id, converted: null })
    } else parts.push({ substance: c.substance.id, converted: null })
  }
  const measurement: Measurement = total
    ? { kind: "quantified", value: total }
    : detectedUnquantified
      ? { kind: "detected" }
      : { kind: "not-detected" }
  return ok({ measurement, parts, lowerBound: detectedUnquantified && total !== undefined })
}
