import type { Amount, CaseTable, FineBand } from "./CaseTable"
import type { SubjectType } from "./Subject"

/**
 * A fine range in yuan (both ends inclusive), and the band that gave it.
 *
 * @example
 * import type { FineRange } from "@nongan/cases/Fine"
 * const r: FineRange = { min: 500, max: 5000, band: 2 }
 * r.max // 5000
 *
 * @since 0.1.0
 * @category models
 */
export interface FineRange {
  readonly min: number
  readonly max: number
  readonly band: number
}

/**
 * Why no range could be computed: no band for this subject type, or the goods value or illegal
 * gains the band needs is unknown.
 *
 * @example
 * import type { NoRange } from "@nongan/cases/Fine"
 * const n: NoRange = { reason: "no-band-for-subject" }
 * n.reason // "no-band-for-subject"
 *
 * @since 0.1.0
 * @category models
 */
export interface NoRange {
  readonly reason: "no-band-for-subject" | "goods-value-unknown" | "illegal-gains-unknown" | "refers-elsewhere"
}

/** Money in fen (integer), so that 15 × 1 234.56 yuan stays exact. */
const fen = (yuan: number): number => Math.round(yuan * 100)

const amount = (a: Amount, goodsValue: number | undefined, illegalGains: number | undefined): number | NoRange => {
  if ("yuan" in a) return fen(a.yuan)
  const base = a.of === "goods-value" ? goodsValue : illegalGains
  if (base === undefined) return { reason: a.of === "goods-value" ? "goods-value-unknown" : "illegal-gains-unknown" }
  return a.times * fen(base)
}

/**
 * Whether a band applies to a subject type (`subjects` absent: every type).
 *
 * @example
 * import { bandCovers } from "@nongan/cases/Fine"
 * bandCovers({}, { subjects: ["farmer"], min: { yuan: 0 }, max: { yuan: 1 } }, "farmer") // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const bandCovers = (groups: CaseTable["subjectGroups"], b: FineBand, s: SubjectType): boolean =>
  b.subjects === undefined || (typeof b.subjects === "string" ? (groups[b.subjects] ?? []) : b.subjects).includes(s)

/**
 * The fine range a set of bands gives for a subject type and goods value (货值 `below` N means
 * strictly below; `atLeast` N means N or more), in yuan rounded to the fen.
 *
 * @example
 * import { fineRange } from "@nongan/cases/Fine"
 * const bands = [
 *   { goodsValue: { below: 10000 }, min: { yuan: 50000 }, max: { yuan: 100000 } },
 *   { goodsValue: { atLeast: 10000 }, min: { times: 10, of: "goods-value" as const }, max: { times: 20, of: "goods-value" as const } }
 * ]
 * fineRange({}, bands, { subject: "enterprise", goodsValue: 12000 }) // { min: 120000, max: 240000, band: 1 }
 *
 * @since 0.1.0
 * @category combinators
 */
export const fineRange = (
  groups: CaseTable["subjectGroups"],
  bands: ReadonlyArray<FineBand> | null,
  facts: { readonly subject: SubjectType; readonly goodsValue?: number | undefined; readonly illegalGains?: number | undefined }
): FineRange | NoRange => {
  if (bands === null) return { reason: "refers-elsewhere" }
  const mine = bands.map((b, i) => [b, i] as const).filter(([b]) => bandCovers(groups, b, facts.subject))
  if (mine.length === 0) return { reason: "no-band-for-subject" }
  const needsValue = mine.some(([b]) => b.goodsValue !== undefined)
  if (needsValue && facts.goodsValue === undefined) return { reason: "goods-value-unknown" }
  const hit = mine.find(([b]) => {
    const g = b.goodsValue
    if (g === undefined) return true
    const v = facts.goodsValue!
    return (g.below === undefined || v < g.below) && (g.atLeast === undefined || v >= g.atLeast)
  })
  if (hit === undefined) return { reason: "no-band-for-subject" }
  const [b, i] = hit
  const lo = amount(b.min, facts.goodsValue, facts.illegalGains)
  const hi = amount(b.max, facts.goodsValue, facts.illegalGains)
  if (typeof lo !== "number") return lo
  if (typeof hi !== "number") return hi
  return { min: lo / 100, max: hi / 100, band: i }
}

/**
 * Whether a computed value is a range (not a reason for having none).
 *
 * @example
 * import { isRange } from "@nongan/cases/Fine"
 * isRange({ min: 1, max: 2, band: 0 }) // true
 * isRange({ reason: "goods-value-unknown" }) // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRange = (r: FineRange | NoRange): r is FineRange => "min" in r

/**
 * Orders two ranges by severity, as 行政处罚法 art. 29 needs ("按照罚款数额高的规定"): the higher
 * maximum wins, then the higher minimum. Positive when `a` is heavier.
 *
 * @example
 * import { heavier } from "@nongan/cases/Fine"
 * heavier({ min: 50000, max: 100000, band: 0 }, { min: 100000, max: 150000, band: 0 }) < 0 // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const heavier = (a: FineRange, b: FineRange): number => a.max - b.max || a.min - b.min
