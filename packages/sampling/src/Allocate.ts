import { Schema } from "effect"
import * as R from "./internal/Ratio"

/**
 * One cell to allocate to: a key (a township code, a producer, a product, a link), its weight (a
 * non-negative decimal: population, production, past failures, a credit multiplier), the basis
 * the weight stands for, and an optional minimum count.
 *
 * @example
 * import { Schema } from "effect"
 * import { Cell } from "@nongan/sampling/Allocate"
 * Schema.decodeUnknownSync(Cell)({ key: "汉丰街道", weight: "120000", basis: "population" })
 *
 * @since 0.1.0
 * @category models
 */
export const Cell = Schema.Struct({
  key: Schema.NonEmptyTrimmedString,
  weight: Schema.String.pipe(Schema.pattern(/^\d+(\.\d+)?$/, { identifier: "Weight", description: "a non-negative decimal" })),
  basis: Schema.optional(Schema.String),
  minimum: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
}).annotations({ identifier: "Cell" })
/** @since 0.1.0 @category models */
export type Cell = typeof Cell.Type

/**
 * A cell's count and why: its exact share, the whole part, whether it got one of the remaining
 * units (largest remainder first), or that it was raised to its minimum.
 *
 * @since 0.1.0
 * @category models
 */
export interface Allocated {
  readonly key: string
  readonly count: number
  readonly weight: string
  readonly basis?: string | undefined
  readonly minimum: number
  /** the exact share, as a decimal (6 places); empty when the cell was raised to its minimum */
  readonly share: string
  readonly extra: boolean
  readonly why: string
}

/**
 * Splits `total` over cells by their weights with the largest-remainder (Hamilton) method: each
 * cell gets the whole part of its exact share, and the units left go one each to the largest
 * remainders; ties go to the larger weight, then to the key that sorts first. A cell whose count
 * falls below its `minimum` is raised to it and the rest is split again over the other cells
 * (so a minimum is a floor, not an addition). Deterministic: the order of the cells does not
 * matter. Counts sum to `total`, are whole and never negative. Throws a `RangeError` when the
 * minimums exceed the total, a key repeats, or every weight is zero while something is left.
 *
 * @example
 * import { allocate } from "@nongan/sampling/Allocate"
 * allocate(10, [{ key: "a", weight: "1" }, { key: "b", weight: "1" }, { key: "c", weight: "1" }]).map((c) => c.count) // [4, 3, 3]
 *
 * @since 0.1.0
 * @category constructors
 */
export const allocate = (total: number, cells: ReadonlyArray<Cell>): ReadonlyArray<Allocated> => {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a whole number: ${total}`)
  const keys = new Set<string>()
  for (const c of cells) {
    if (keys.has(c.key)) throw new RangeError(`duplicate key \`${c.key}\``)
    keys.add(c.key)
  }
  const weights = cells.map((c) => {
    const w = R.parse(c.weight)
    if (!w) throw new RangeError(`weight of \`${c.key}\` must be a non-negative decimal: \`${c.weight}\``)
    return w
  })
  const minimums = cells.map((c) => c.minimum ?? 0)
  if (minimums.reduce((a, b) => a + b, 0) > total) throw new RangeError(`the minimums exceed the total (${total})`)
  // common denominator: weights as integers over one scale
  const scale = weights.reduce((l, w) => (l % w.d === 0n ? l : (l * w.d) / gcd(l, w.d)), 1n)
  const ints = weights.map((w) => (w.n * scale) / w.d)
  const fixed = new Set<number>()
  for (;;) {
    const free = cells.map((_, i) => i).filter((i) => !fixed.has(i))
    const rest = BigInt(total - [...fixed].reduce((a, i) => a + minimums[i]!, 0))
    const sum = free.reduce((a, i) => a + ints[i]!, 0n)
    if (sum === 0n && rest > 0n) throw new RangeError("every weight is zero")
    const whole = new Map(free.map((i) => [i, sum === 0n ? 0n : (rest * ints[i]!) / sum]))
    const rem = new Map(free.map((i) => [i, sum === 0n ? 0n : (rest * ints[i]!) % sum]))
    let left = rest - [...whole.values()].reduce((a, b) => a + b, 0n)
    const order = [...free].sort((a, b) => {
      const ra = rem.get(a)!, rb = rem.get(b)!
      return rb > ra ? 1 : rb < ra ? -1 : ints[b]! > ints[a]! ? 1 : ints[b]! < ints[a]! ? -1 : cells[a]!.key < cells[b]!.key ? -1 : 1
    })
    const extra = new Set<number>()
    for (const i of order) {
      if (left <= 0n) break
      extra.add(i)
      left--
    }
    const count = (i: number) => Number(whole.get(i)!) + (extra.has(i) ? 1 : 0)
    const below = free.filter((i) => count(i) < minimums[i]!)
    if (below.length > 0) {
      below.forEach((i) => fixed.add(i))
      continue
    }
    return cells.map((c, i) => {
      if (fixed.has(i)) {
        return { key: c.key, count: minimums[i]!, weight: c.weight, basis: c.basis, minimum: minimums[i]!, share: "", extra: false, why: `raised to its minimum ${minimums[i]} (its share was lower)` }
      }
      const share = R.format(sum === 0n ? R.of(0) : R.of(rest * ints[i]!, sum))
      const n = count(i)
      const why = `${c.weight}/${R.format(R.of(sum, scale))} × ${rest} = ${share} → ${whole.get(i)}${extra.has(i) ? " + 1 (largest remainder)" : ""} = ${n}`
      return { key: c.key, count: n, weight: c.weight, basis: c.basis, minimum: minimums[i]!, share, extra: extra.has(i), why }
    })
  }
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
