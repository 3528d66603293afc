/**
 * Local intervals (longer withdrawal periods and pre-harvest intervals of regional packs) judged
 * against a region's effective rule set: of every local row in force that applies, the longest.
 *
 * @since 0.4.0
 */
import { contains } from "@nongan/core/EffectivePeriod"
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import * as Quantity from "@nongan/core/Quantity"
import type { RegionRules } from "./Effective"

/**
 * One interval a layer says applies to a record, as listed in `values.overrides` of an
 * `interval.too-short` finding: the national one (`layer` `national`), or a local row.
 *
 * @example
 * import type { OverriddenInterval } from "@nongan/engine/IntervalJudgement"
 * const o: OverriddenInterval = { layer: "national", interval: "7 d", source: "农业农村部公告第278号" }
 *
 * @since 0.4.0
 * @category models
 */
export interface OverriddenInterval {
  readonly layer: string
  readonly interval: string
  readonly source?: string | undefined
  /** the local row (`<pack id>#<index>`) */
  readonly row?: string | undefined
}

type Entry = RegionRules["intervals"][number]

/**
 * The local rows of a region in force on a date that apply to a finding: the row's period and its
 * pack's cover the date, it names the finding's substance or the record's product, and its species
 * or crop is on the subject's path. Path order (province first), then row order.
 */
const applying = (r: RegionRules, f: Finding, subjectPath: ReadonlyArray<string>, date: string, product: string | undefined): ReadonlyArray<Entry> =>
  r.intervals.filter(({ layer, interval: iv }) => {
    if (!contains(layer.pack.effective, date) || !contains({ from: iv.from, to: iv.to }, date)) return false
    const target = iv.species ?? iv.crop
    const names = iv.substance === f.substance || (iv.product !== undefined && iv.product === product)
    return names && target !== undefined && subjectPath.includes(target)
  })

/**
 * The longest of the local rows that apply (ties stay with the layer above, then the earlier row);
 * rows in units not comparable with the longest so far are passed over, as composition refuses
 * them against the national interval.
 */
const longest = (rows: ReadonlyArray<Entry>): Entry | undefined => {
  let best: Entry | undefined
  for (const e of rows) if (best === undefined || Quantity.compare(e.interval.required, best.interval.required) === 1) best = e
  return best
}

/**
 * The `interval.too-short` finding a region adds to a nationally respected interval (`f`, outcome
 * `interval-respected`, its elapsed time in `measured`/`unit`): judged once against the longest
 * local interval in force that applies (see the module note), naming that row's layer and
 * citation; `values.overrides` lists the national interval and every other local row that applied,
 * so that the report shows what the applied row overrode. `undefined` when the finding is not a
 * respected interval, no local row applies, or the elapsed time meets the longest one.
 *
 * @example
 * import { localIntervalFinding } from "@nongan/engine/IntervalJudgement"
 * typeof localIntervalFinding // "function" — see test/LayerReport.test.ts
 *
 * @since 0.4.0
 * @category rules
 */
export const localIntervalFinding = (
  r: RegionRules,
  f: Finding,
  subjectPath: ReadonlyArray<string>,
  date: string,
  product: string | undefined
): Finding | undefined => {
  if (f.outcome !== "interval-respected" || f.measured === undefined || f.unit === undefined) return undefined
  const rows = applying(r, f, subjectPath, date, product)
  const win = longest(rows)
  if (win === undefined) return undefined
  const { layer, interval: iv } = win
  const elapsed = Quantity.unsafeMake(String(f.measured), f.unit)
  const cmp = Quantity.compare(elapsed, iv.required)
  if (cmp === undefined || cmp >= 0) return undefined
  const overrides: ReadonlyArray<OverriddenInterval> = [
    { layer: "national", interval: `${f.limit} ${f.unit}`, ...(f.source !== undefined ? { source: f.source } : {}) },
    ...rows
      .filter((e) => e !== win)
      .map((e) => ({ layer: e.layer.pack.id, interval: Quantity.format(e.interval.required), source: e.interval.row.citation.instrument, row: `${e.layer.pack.id}#${e.interval.index}` }))
  ]
  return {
    code: "interval.too-short",
    outcome: "interval-too-short",
    severity: "violation",
    ...(f.substance ? { substance: f.substance } : {}),
    ...(f.food ? { food: f.food } : {}),
    measured: f.measured,
    limit: Decimal.toNumber(Quantity.convert(iv.required, f.unit as Quantity.Quantity["unit"])?.value ?? iv.required.value),
    unit: f.unit,
    source: iv.row.citation.instrument,
    citation: iv.row.citation,
    verification: iv.row.verification ?? layer.pack.verification ?? "official-text",
    decisionRule: "elapsed >= required (local interval)",
    referral: "administrative",
    layer: layer.pack.id,
    values: { localInterval: Quantity.format(iv.required), nationalInterval: `${f.limit} ${f.unit}`, row: `${layer.pack.id}#${iv.index}`, overrides }
  }
}
