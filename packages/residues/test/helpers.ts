// Shared test helpers for @nongan/residues: exact decimal arithmetic on BigInt (an oracle that
// shares no code with @nongan/core/Decimal), calendar-date arbitraries and dataset pickers.
import { addDays, type CalendarDate, daysBetween } from "@nongan/core/CalendarDate"
import type { Dataset } from "@nongan/engine/Dataset"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import fc from "fast-check"

/** An exact decimal as `n × 10^-scale` (`n` a BigInt, `scale` ≥ 0). */
export interface Exact {
  readonly n: bigint
  readonly scale: number
}

/** Reads a plain decimal string (`"0.062"`, `"100"`, `"-0.5"`) exactly. */
export const exact = (s: string): Exact => {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim())
  if (!m) throw new Error(`not a plain decimal: ${s}`)
  const frac = m[3] ?? ""
  const n = BigInt(`${m[2] || "0"}${frac}`)
  return { n: m[1] === "-" ? -n : n, scale: frac.length }
}

const pow10 = (k: number): bigint => 10n ** BigInt(k)

/** Brings two exact decimals to a common scale. */
const align = (a: Exact, b: Exact): [bigint, bigint, number] => {
  const s = Math.max(a.scale, b.scale)
  return [a.n * pow10(s - a.scale), b.n * pow10(s - b.scale), s]
}

export const addX = (a: Exact, b: Exact): Exact => {
  const [x, y, scale] = align(a, b)
  return { n: x + y, scale }
}
export const mulX = (a: Exact, b: Exact): Exact => ({ n: a.n * b.n, scale: a.scale + b.scale })
/** × 10^k (k may be negative). */
export const shiftX = (a: Exact, k: number): Exact => (k >= 0 ? { n: a.n * pow10(k), scale: a.scale } : { n: a.n, scale: a.scale - k })
export const cmpX = (a: Exact, b: Exact): -1 | 0 | 1 => {
  const [x, y] = align(a, b)
  return x < y ? -1 : x > y ? 1 : 0
}
export const eqX = (a: Exact, b: Exact): boolean => cmpX(a, b) === 0

/** Renders an exact decimal as a plain string with exactly `scale` places (`{ n: 62n, scale: 3 }` → `"0.062"`). */
export const renderX = (a: Exact): string => {
  const neg = a.n < 0n
  const digits = (neg ? -a.n : a.n).toString().padStart(a.scale + 1, "0")
  const int = digits.slice(0, digits.length - a.scale)
  const frac = digits.slice(digits.length - a.scale)
  return `${neg ? "-" : ""}${int}${a.scale > 0 ? `.${frac}` : ""}`
}

/** A non-negative exact decimal with up to `maxScale` places and up to `maxDigits` digits. */
export const arbExact = (maxDigits = 9, maxScale = 6): fc.Arbitrary<Exact> =>
  fc.record({ n: fc.bigInt({ min: 0n, max: pow10(maxDigits) - 1n }), scale: fc.integer({ min: 0, max: maxScale }) })

/** Values near a limit: 0, the limit, one unit of the last place either side, and multiples of it. */
export const arbNear = (limit: Exact): fc.Arbitrary<Exact> =>
  fc.oneof(
    fc.constant(limit),
    fc.integer({ min: 0, max: 400 }).map((pct) => mulX(limit, { n: BigInt(pct), scale: 2 })),
    fc.integer({ min: -3, max: 3 }).map((d) => {
      const fine = { n: limit.n * 10n + BigInt(d), scale: limit.scale + 1 }
      return fine.n < 0n ? { n: 0n, scale: 0 } : fine
    }),
    arbExact(7, 5)
  )

export const FIRST_DAY = "2019-01-01" as CalendarDate
export const LAST_DAY = "2027-12-31" as CalendarDate
const SPAN = 365 * 9 + 2

/** A calendar date in 2019–2027. */
export const arbDate: fc.Arbitrary<string> = fc.integer({ min: 0, max: SPAN - 1 }).map((k) => addDays(FIRST_DAY, k))

/** A date in a period intersected with 2019–2027, or `undefined` when they do not meet. */
export const arbDateIn = (p: { readonly from: string; readonly to?: string | undefined }): fc.Arbitrary<string> | undefined => {
  const from = p.from > FIRST_DAY ? p.from : FIRST_DAY
  const to = p.to === undefined || p.to > LAST_DAY ? LAST_DAY : p.to
  if (from > to) return undefined
  const days = daysBetween(from as CalendarDate, to as CalendarDate)
  return fc.oneof(fc.constant(from), fc.constant(to), fc.integer({ min: 0, max: days }).map((k) => addDays(from as CalendarDate, k)))
}

/** Every food a row applies to by position (ignoring exclusions): plant nodes under its node, or animal products under its species with its tissue. */
export const foodsUnder = (ds: Dataset, row: IndexedLimit["row"]): ReadonlyArray<ResolvedFood> => {
  if (row.food !== undefined)
    return ds.foods
      .nodes()
      .filter((n) => ds.foods.pathOf(n.id).includes(row.food!))
      .map((n) => resolveFood(ds, n.id))
  return ds.foods
    .products()
    .filter((p) => ds.foods.pathOf(p.species).includes(row.species!) && (row.tissue === "*" || row.tissue === p.tissue))
    .map((p) => resolveFood(ds, p.id))
}

export const resolveFood = (ds: Dataset, name: string): ResolvedFood => {
  const r = ds.foods.resolve(name)
  if (!r.ok) throw new Error(`food ${name}: ${JSON.stringify(r.errors)}`)
  return r.value
}

/** The path a row is matched on: the plant path or the species path. */
export const pathOf = (f: ResolvedFood): ReadonlyArray<string> => (f.kind === "plant" ? f.path : f.speciesPath)

/** The node (or species) a row sits on. */
export const nodeOf = (row: IndexedLimit["row"]): string => row.food ?? row.species!

/** Whether a row excludes a food (a listed exclusion lies on the food's path below the row's node). */
export const excludesFood = (row: IndexedLimit["row"], f: ResolvedFood): boolean => {
  const path = pathOf(f)
  const below = path.slice(path.indexOf(nodeOf(row)) + 1)
  return (row.excludes ?? []).some((x) => below.includes(x))
}
