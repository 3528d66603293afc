import * as R from "./internal/Ratio"

/**
 * How a fractional quota becomes a whole number of batches: `ceiling` (the default: a quota is a
 * minimum, so 1.5 批次/千人 over 669 400 people is 1 005 batches, never 1 004), `half-up`, or
 * `floor`.
 *
 * @example
 * import type { Rounding } from "@nongan/sampling/Quota"
 * const r: Rounding = "ceiling"
 *
 * @since 0.1.0
 * @category models
 */
export type Rounding = "ceiling" | "half-up" | "floor"

/**
 * A quota: the whole number of batches, the exact figure it was rounded from, the rounding rule,
 * and the arithmetic written out.
 *
 * @since 0.1.0
 * @category models
 */
export interface Quota {
  readonly count: number
  readonly exact: string
  readonly rounding: Rounding
  readonly explain: string
}

const round = (r: R.Ratio, rule: Rounding): bigint => (rule === "ceiling" ? R.ceil(r) : rule === "floor" ? R.floor(r) : R.halfUp(r))

const need = (u: string | number, what: string): R.Ratio => {
  const r = R.parse(u)
  if (!r) throw new RangeError(`${what} must be a non-negative decimal: \`${u}\``)
  return r
}

/**
 * The quota of a sampling density: `perThousand` batches per 1 000 people over `population`,
 * rounded by `rounding`. Exact decimal arithmetic. Throws a `RangeError` on a negative or
 * non-decimal input (inputs are checked by the plan's schema first).
 *
 * @example
 * import { perThousand } from "@nongan/sampling/Quota"
 * perThousand("1.5", 670000).count // 1005
 * perThousand("2", 2712900).count // 5426 (5425.8 rounded up)
 *
 * @since 0.1.0
 * @category constructors
 */
export const perThousand = (rate: string | number, population: string | number, rounding: Rounding = "ceiling"): Quota => {
  const exact = R.mul(R.mul(need(rate, "rate"), need(population, "population")), R.of(1, 1000))
  const count = Number(round(exact, rounding))
  return { count, exact: R.format(exact), rounding, explain: `${rate} × ${population} ÷ 1000 = ${R.format(exact)} → ${count} (${rounding})` }
}

/**
 * A share of another quota (监督抽查 = 20 % of the monitoring tasks; banned-substance tests at
 * least some share of the samples), rounded by `rounding`.
 *
 * @example
 * import { shareOf } from "@nongan/sampling/Quota"
 * shareOf("0.20", 1005).count // 201
 *
 * @since 0.1.0
 * @category constructors
 */
export const shareOf = (share: string | number, of: number, rounding: Rounding = "ceiling"): Quota => {
  const exact = R.mul(need(share, "share"), R.of(of))
  const count = Number(round(exact, rounding))
  return { count, exact: R.format(exact), rounding, explain: `${share} × ${of} = ${R.format(exact)} → ${count} (${rounding})` }
}

/**
 * The populations that give a quota under a rate and rounding rule (inclusive bounds, whole
 * people): what a published quota implies about the population it was computed from.
 *
 * @example
 * import { impliedPopulation } from "@nongan/sampling/Quota"
 * impliedPopulation("1.5", 1005) // { min: 669334, max: 670000 }
 *
 * @since 0.1.0
 * @category combinators
 */
export const impliedPopulation = (rate: string | number, count: number, rounding: Rounding = "ceiling"): { readonly min: number; readonly max: number } => {
  const r = need(rate, "rate")
  // population p gives count c when round(r·p/1000) = c; scan the (monotone) boundary exactly
  const people = (q: R.Ratio) => R.mul(q, R.of(r.d * 1000n, r.n)) // q ÷ (r/1000)
  const c = BigInt(count)
  const lowQ = rounding === "ceiling" ? R.of(c - 1n) : rounding === "floor" ? R.of(c) : R.of(2n * c - 1n, 2n)
  const highQ = rounding === "ceiling" ? R.of(c) : rounding === "floor" ? R.of(c + 1n) : R.of(2n * c + 1n, 2n)
  const lo = people(lowQ)
  const hi = people(highQ)
  // ceiling: (lo, hi]; floor: [lo, hi); half-up: [lo, hi)
  const min = rounding === "ceiling" ? R.floor(lo) + 1n : R.ceil(lo)
  const max = rounding === "ceiling" ? R.floor(hi) : R.ceil(hi) - 1n
  return { min: Math.max(0, Number(min)), max: Number(max) }
}
