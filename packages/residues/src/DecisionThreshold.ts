import { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod } from "@nongan/core/EffectivePeriod"
import type { Finding } from "@nongan/core/Finding"
import { make, type NonganError } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Unit } from "@nongan/core/Unit"
import { Verification } from "@nongan/core/Verification"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { Schema } from "effect"
import type { Analyte } from "./Judge"

/**
 * The sampling or monitoring programme that sets a decision threshold: its id (what
 * `createValidator({ thresholds: [...] })` selects), name, issuer, kind and scope.
 *
 * @example
 * import { Schema } from "effect"
 * import { Programme } from "@nongan/residues/DecisionThreshold"
 * Schema.decodeUnknownSync(Programme)({
 *   id: "moa-vet-drug-supervision-2026", name: "2026年兽药质量监督抽检和风险监测计划",
 *   issuer: "农业农村部", kind: "monitoring-plan"
 * })
 *
 * @since 0.3.0
 * @category models
 */
export const Programme = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  name: Schema.NonEmptyTrimmedString,
  issuer: Schema.NonEmptyTrimmedString,
  kind: Schema.Literal("monitoring-plan", "sampling-plan"),
  scope: Schema.optional(Schema.String)
}).annotations({ identifier: "Programme" })
/** @since 0.3.0 @category models */
export type Programme = typeof Programme.Type

/**
 * One decision threshold (判定值): the value a programme uses to call a result positive where the
 * food standard sets no MRL for that food. It is not a maximum residue limit and binds only inside
 * its programme. `comparison: "exceeds"` — a result above the threshold is positive.
 *
 * @example
 * import { Schema } from "effect"
 * import { DecisionThreshold } from "@nongan/residues/DecisionThreshold"
 * Schema.decodeUnknownSync(DecisionThreshold)({
 *   id: "p/鸡蛋/恩诺沙星", substance: "恩诺沙星", analytes: ["恩诺沙星", "环丙沙星"],
 *   species: "鸡", tissue: "蛋", threshold: "10", unit: "ug/kg", comparison: "exceeds",
 *   programme: { id: "p", name: "plan", issuer: "农业农村部", kind: "monitoring-plan" },
 *   effective: { from: "2026-03-18", to: "2026-12-31" },
 *   citation: { instrument: "plan" }, verification: "secondary"
 * })
 *
 * @since 0.3.0
 * @category models
 */
export const DecisionThreshold = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  substance: Schema.NonEmptyTrimmedString,
  residue: Schema.optional(Schema.String),
  analytes: Schema.optional(Schema.Array(Schema.String)),
  species: Schema.NonEmptyTrimmedString,
  tissue: Schema.NonEmptyTrimmedString,
  food: Schema.optional(Schema.String),
  threshold: Decimal.DecimalFromString,
  unit: Unit,
  comparison: Schema.Literal("exceeds"),
  programme: Programme,
  effective: EffectivePeriod,
  citation: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "DecisionThreshold" })
/** @since 0.3.0 @category models */
export type DecisionThreshold = typeof DecisionThreshold.Type

/**
 * The schema of a decision-threshold file (`kind: "decision-threshold-table"`,
 * `rules/national/limits/decision-thresholds.json`).
 *
 * @example
 * import { Schema } from "effect"
 * import { DecisionThresholdFile } from "@nongan/residues/DecisionThreshold"
 * Schema.decodeUnknownSync(DecisionThresholdFile)({ kind: "decision-threshold-table", id: "t", thresholds: [] })
 *
 * @since 0.3.0
 * @category models
 */
export const DecisionThresholdFile = Schema.Struct({
  kind: Schema.Literal("decision-threshold-table"),
  id: Schema.NonEmptyTrimmedString,
  title: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  thresholds: Schema.Array(DecisionThreshold)
}).annotations({ identifier: "DecisionThresholdFile" })
/** @since 0.3.0 @category models */
export type DecisionThresholdFile = typeof DecisionThresholdFile.Type

/**
 * Decision thresholds indexed by substance; `programmes` lists every programme id held.
 *
 * @example
 * import { empty } from "@nongan/residues/DecisionThreshold"
 * empty().programmes.size // 0
 *
 * @since 0.3.0
 * @category models
 */
export class ThresholdIndex {
  /** @internal */
  readonly bySubstance = new Map<string, Array<DecisionThreshold>>()
  /** the programme ids held, with their programme */
  readonly programmes = new Map<string, Programme>()
}

/**
 * An index holding no threshold.
 *
 * @example
 * import { empty } from "@nongan/residues/DecisionThreshold"
 * empty().bySubstance.size // 0
 *
 * @since 0.3.0
 * @category constructors
 */
export const empty = (): ThresholdIndex => new ThresholdIndex()

const decodeFile = decoder(DecisionThresholdFile)

/**
 * Builds the threshold index from `decision-threshold-table` files, checking substances, species
 * and tissues against the catalogues and that a threshold is above zero.
 *
 * @example
 * import { fromFiles } from "@nongan/residues/DecisionThreshold"
 * typeof fromFiles // "function" — see test/DecisionThreshold.test.ts
 *
 * @since 0.3.0
 * @category constructors
 */
export const fromFiles = (
  files: ReadonlyArray<unknown>,
  foods: FoodCatalogue,
  substances: SubstanceCatalogue
): Result<ThresholdIndex, NonganError> => {
  const idx = new ThresholdIndex()
  const errors: Array<NonganError> = []
  files.forEach((raw, i) => {
    const r = decodeFile(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    r.value.thresholds.forEach((t, j) => {
      const path = [i, "thresholds", j]
      if (!substances.get(t.substance)) errors.push(make("pack-unknown-reference", [...path, "substance"], { name: t.substance }))
      if (!foods.hasSpecies(t.species)) errors.push(make("pack-unknown-reference", [...path, "species"], { name: t.species }))
      if (!foods.hasTissue(t.tissue)) errors.push(make("pack-unknown-reference", [...path, "tissue"], { name: t.tissue }))
      if (Decimal.isNegative(t.threshold) || Decimal.isZero(t.threshold))
        errors.push(make("invalid-value", [...path, "threshold"], { value: t.threshold.toString(), expected: ["a threshold above zero"] }))
      if (t.unit !== "mg/kg" && t.unit !== "ug/kg") errors.push(make("invalid-unit", [...path, "unit"], { value: t.unit }))
      idx.programmes.set(t.programme.id, t.programme)
      const list = idx.bySubstance.get(t.substance) ?? []
      list.push(t)
      idx.bySubstance.set(t.substance, list)
    })
  })
  return errors.length > 0 ? fail(...errors) : ok(idx)
}

/**
 * Judges one laboratory analyte against the decision thresholds of the selected programmes: for
 * each threshold in force on the analyte's date, on its substance, species (or a descendant) and
 * tissue, a quantified result above it gives a `residue.exceeds-threshold` finding — severity
 * `warning` (a programme positive is not an MRL breach and never makes a record non-compliant by
 * itself), cited to the programme, `values.notAnMrl: true`. Nothing else: a result at or below the
 * threshold, or not quantified, adds no finding. MRL findings are never touched.
 *
 * @example
 * import { empty, judgeThresholds } from "@nongan/residues/DecisionThreshold"
 * judgeThresholds(empty(), undefined as never, new Set()) // [] — nothing selected
 *
 * @since 0.3.0
 * @category rules
 */
export const judgeThresholds = (idx: ThresholdIndex, a: Analyte, selected: ReadonlySet<string>): ReadonlyArray<Finding> => {
  if (selected.size === 0) return []
  const list = idx.bySubstance.get(a.substance.id)
  if (list === undefined || a.food.kind !== "animal" || a.method === "rapid" || a.measurement.kind !== "quantified") return []
  const food = a.food
  const m = a.measurement
  const out: Array<Finding> = []
  for (const t of list) {
    if (!selected.has(t.programme.id) || !contains(t.effective, a.date)) continue
    if (t.tissue !== food.tissue || !food.speciesPath.includes(t.species)) continue
    const x = Quantity.convert(m.value, t.unit)
    if (x === undefined || Decimal.compare(x.value, t.threshold) <= 0) continue
    const values: Record<string, unknown> = {
      notAnMrl: true,
      programme: t.programme.id,
      programmeName: t.programme.name,
      thresholdId: t.id,
      threshold: Decimal.toNumber(t.threshold),
      comparison: t.comparison
    }
    if (t.residue !== undefined) values.residue = t.residue
    out.push({
      code: "residue.exceeds-threshold",
      outcome: "exceeds-threshold",
      severity: "warning",
      substance: a.substance.id,
      food: food.id,
      measured: Decimal.toNumber(x.value),
      unit: t.unit,
      source: t.citation.instrument,
      citation: t.citation,
      verification: t.verification,
      decisionRule: "above-programme-threshold",
      values
    })
  }
  return out
}
