// Exact non-negative rationals over BigInt, for quotas and shares: `1.5 × 670000 / 1000` must be
// exactly 1005, never 1004.9999.

/** @internal */
export interface Ratio {
  readonly n: bigint
  readonly d: bigint
}

const DEC = /^(\d+)(?:\.(\d+))?$/

/** @internal a decimal string or number (`"1.5"`, `0.2`, `670000`) as a ratio; undefined if not a non-negative decimal */
export const parse = (u: string | number): Ratio | undefined => {
  const s = typeof u === "number" ? (Number.isFinite(u) && u >= 0 ? String(u) : "") : u.trim()
  const m = DEC.exec(s)
  if (!m) return undefined
  const frac = m[2] ?? ""
  return norm({ n: BigInt(m[1]! + frac), d: 10n ** BigInt(frac.length) })
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))

/** @internal */
export const norm = (r: Ratio): Ratio => {
  const g = gcd(r.n, r.d)
  return g <= 1n ? r : { n: r.n / g, d: r.d / g }
}

/** @internal */
export const of = (n: bigint | number, d: bigint | number = 1n): Ratio => norm({ n: BigInt(n), d: BigInt(d) })

/** @internal */
export const mul = (a: Ratio, b: Ratio): Ratio => norm({ n: a.n * b.n, d: a.d * b.d })

/** @internal */
export const cmp = (a: Ratio, b: Ratio): -1 | 0 | 1 => {
  const l = a.n * b.d
  const r = b.n * a.d
  return l < r ? -1 : l > r ? 1 : 0
}

/** @internal */
export const floor = (r: Ratio): bigint => r.n / r.d

/** @internal */
export const ceil = (r: Ratio): bigint => (r.n + r.d - 1n) / r.d

/** @internal round half up */
export const halfUp = (r: Ratio): bigint => (2n * r.n + r.d) / (2n * r.d)

/** @internal a short decimal rendering (exact when it terminates within `dp` places, else rounded half up) */
export const format = (r: Ratio, dp = 6): string => {
  const scale = 10n ** BigInt(dp)
  const v = halfUp({ n: r.n * scale, d: r.d })
  const int = v / scale
  const frac = (v % scale).toString().padStart(dp, "0").replace(/0+$/, "")
  return frac.length > 0 ? `${int}.${frac}` : `${int}`
}
