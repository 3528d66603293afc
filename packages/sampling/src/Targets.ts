import { type CalendarDate } from "@nongan/core/CalendarDate"
import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod, overlaps } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { type Composition, layersFor } from "@nongan/engine/Compose"
import { Schema } from "effect"
import * as R from "./internal/Ratio"

/**
 * What a target measures: `pass-rate` (合格率), `banned-pass-rate` (the pass rate of batches
 * tested for banned substances), `traceback-rate` (问题产品溯源查处率), `disposal-rate`
 * (问题产品处置率).
 *
 * @example
 * import { Metric } from "@nongan/sampling/Targets"
 * Metric.literals.includes("pass-rate") // true
 *
 * @since 0.1.0
 * @category models
 */
export const Metric = Schema.Literal("pass-rate", "banned-pass-rate", "traceback-rate", "disposal-rate").annotations({ identifier: "Metric" })
/** @since 0.1.0 @category models */
export type Metric = typeof Metric.Type

/**
 * A target: its id, what it measures, the minimum (a ratio), when it applies, its scope in
 * words, and its source. `policy` marks a figure this library sets where no legal text does.
 *
 * @example
 * import { Schema } from "effect"
 * import { Target } from "@nongan/sampling/Targets"
 * Schema.decodeUnknownSync(Target)({ id: "t", metric: "pass-rate", value: "0.98", direction: "at-least",
 *   effective: { from: "2015-07-31" }, citation: { instrument: "农质发〔2015〕8号" }, verification: "secondary" })
 *
 * @since 0.1.0
 * @category models
 */
export const Target = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  metric: Metric,
  programme: Schema.optional(Schema.String),
  value: Schema.String.pipe(Schema.pattern(/^\d+(\.\d+)?$/)),
  direction: Schema.Literal("at-least"),
  effective: EffectivePeriod,
  scope: Schema.optional(Schema.String),
  policy: Schema.optional(Schema.Boolean),
  layer: Schema.optional(Schema.String),
  citation: Citation,
  verification: Verification
}).annotations({ identifier: "Target" })
/** @since 0.1.0 @category models */
export type Target = typeof Target.Type

/**
 * The national targets file (`rules/national/programs/sampling-targets.json`).
 *
 * @example
 * import { Schema } from "effect"
 * import { TargetFile } from "@nongan/sampling/Targets"
 * Schema.decodeUnknownSync(TargetFile)({ kind: "sampling-targets", id: "x", targets: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const TargetFile = Schema.Struct({
  kind: Schema.Literal("sampling-targets"),
  id: Schema.String,
  title: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  targets: Schema.Array(Target)
}).annotations({ identifier: "TargetFile" })
/** @since 0.1.0 @category models */
export type TargetFile = typeof TargetFile.Type

/**
 * Decodes a targets file.
 *
 * @example
 * import { decodeFile } from "@nongan/sampling/Targets"
 * decodeFile({ kind: "sampling-targets", id: "x", targets: [] }).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeFile = decoder(TargetFile)

/** pack parameter ids that are targets, and what they measure (the year is the id's suffix) */
const PACK_TARGETS: ReadonlyArray<{ readonly pattern: RegExp; readonly metric: Metric; readonly programme?: string }> = [
  { pattern: /^monitoring\.[A-Za-z]*Routine\.passRate\.target\.(\d{4})$/, metric: "pass-rate", programme: "routine-monitoring" },
  { pattern: /^followUp\.tracebackInvestigationRate$/, metric: "traceback-rate" }
]

/** a pack parameter that says the region holds or is creating the 国家农产品质量安全县 title */
const COUNTY_TITLE = /^nationalQualitySafetyCounty\.(creating|creation\.deadline)$/

/**
 * The targets in force for a region on a date: the national ones (the 国家农产品质量安全县
 * minimum only where a pack of the region says it holds or is creating the title) and those
 * of the region's packs (`monitoring.*Routine.passRate.target.YYYY` applies through the year
 * YYYY and after it, to the pack's end; `followUp.tracebackInvestigationRate` while the pack is
 * in force). Each says the layer it came from.
 *
 * @example
 * import { targetsFor } from "@nongan/sampling/Targets"
 * typeof targetsFor // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const targetsFor = (composition: Composition, national: ReadonlyArray<Target>, region: string | undefined, on: CalendarDate): ReadonlyArray<Target> => {
  const layers = layersFor(composition, region, on)
  const county = layers.some((l) => (l.pack.parameters ?? []).some((p) => COUNTY_TITLE.test(p.id)))
  const out: Array<Target> = national
    .filter((t) => contains(t.effective, on))
    .filter((t) => !t.id.startsWith("nationalQualitySafetyCounty.") || county)
    .map((t) => ({ ...t, layer: t.layer ?? "cn-national" }))
  for (const l of layers)
    for (const p of l.pack.parameters ?? []) {
      for (const k of PACK_TARGETS) {
        const m = k.pattern.exec(p.id)
        if (!m || typeof p.value !== "string") continue
        const effective = m[1] !== undefined ? { from: `${m[1]}-01-01`, to: l.pack.effective.to } : p.effective ?? l.pack.effective
        if (!contains(effective as EffectivePeriod, on)) continue
        out.push({
          id: p.id,
          metric: k.metric,
          programme: k.programme,
          value: p.value,
          direction: "at-least",
          effective: effective as EffectivePeriod,
          layer: l.pack.id,
          citation: { ...p.citation, instrument: p.citation.instrument },
          // a pack that states no level: its text was not read on the issuing authority's site, so not official-text
          verification: p.verification ?? l.pack.verification ?? "secondary"
        })
      }
    }
  // of several pass-rate targets of one pack, the latest year in force wins (2030 over 2025)
  return out.filter((t) => !out.some((u) => u !== t && u.layer === t.layer && u.metric === t.metric && u.programme === t.programme && u.effective.from > t.effective.from))
}

/**
 * Checks that targets only rise down the layers: a pack's target may not be lower than a
 * national (or higher-layer) target of the same metric and programme in force at the same time.
 * A lower one is a `pack-loosens` error naming both.
 *
 * @example
 * import { checkOnlyRaises } from "@nongan/sampling/Targets"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * const t = (id: string, value: string, layer: string) => ({ id, metric: "pass-rate" as const, value, direction: "at-least" as const,
 *   effective: { from: d("2025-01-01") }, layer, citation: { instrument: "x" }, verification: "secondary" as const })
 * checkOnlyRaises([t("n", "0.98", "cn-national"), t("p", "0.97", "cn-511900")]).ok // false
 *
 * @since 0.1.0
 * @category rules
 */
export const checkOnlyRaises = (targets: ReadonlyArray<Target>): Result<ReadonlyArray<Target>, NonganError> => {
  const errors: Array<NonganError> = []
  const national = targets.filter((t) => t.layer === undefined || t.layer === "cn-national")
  targets.forEach((t, i) => {
    if (t.layer === undefined || t.layer === "cn-national") return
    for (const n of national) {
      if (n.metric !== t.metric || (n.programme ?? "") !== (t.programme ?? "") || n.policy || !overlaps(n.effective, t.effective)) continue
      if (n.id.startsWith("nationalQualitySafetyCounty.") && !t.id.startsWith("nationalQualitySafetyCounty.")) continue
      if (R.cmp(R.parse(t.value)!, R.parse(n.value)!) < 0)
        errors.push(make("pack-loosens", ["targets", i], { layer: t.layer, parent: "cn-national", name: t.id, detail: `${t.value} < ${n.value} (${n.id})` }))
    }
  })
  return errors.length > 0 ? fail(...errors) : ok(targets)
}
