import fc from "fast-check"
import * as CalendarDate from "@nongan/core/CalendarDate"
import { decoder } from "@nongan/core/Decode"
import * as EffectivePeriod from "@nongan/core/EffectivePeriod"
import { describe, expect, test } from "vitest"
import { prop } from "./property"
import { dayNumberRef, ymdArb } from "./arbitraries"

interface Period {
  readonly from: string
  readonly to?: string
}

// dates and their day numbers computed by Date, never by the module under test
const datedArb = ymdArb(2000, 2030).map(([y, m, d]) => ({
  s: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  n: dayNumberRef(y, m, d)
}))

// a period as strings plus its inclusive bounds as day numbers (to = +∞ when open)
const periodArb = fc.tuple(datedArb, fc.option(datedArb, { nil: undefined })).map(([a, b]) => {
  if (b === undefined) return { p: { from: a.s } as Period, lo: a.n, hi: Number.POSITIVE_INFINITY }
  const [x, y] = a.n <= b.n ? [a, b] : [b, a]
  return { p: { from: x.s, to: y.s } as Period, lo: x.n, hi: y.n }
})

const decode = decoder(EffectivePeriod.EffectivePeriod)

describe("EffectivePeriod predicates", () => {
  const d = CalendarDate.unsafeMake

  test("documented examples", () => {
    expect(EffectivePeriod.contains({ from: d("2024-09-01") }, d("2024-08-31"))).toBe(false)
    expect(EffectivePeriod.contains({ from: d("2024-09-01") }, d("2024-09-01"))).toBe(true)
    expect(EffectivePeriod.overlaps({ from: d("2021-09-03"), to: d("2026-02-28") }, { from: d("2026-03-01") })).toBe(false)
    expect(EffectivePeriod.overlaps({ from: d("2021-09-03"), to: d("2026-03-01") }, { from: d("2026-03-01") })).toBe(true)
    expect(EffectivePeriod.within({ from: d("2022-01-01"), to: d("2022-12-31") }, { from: d("2021-09-03") })).toBe(true)
    expect(EffectivePeriod.within({ from: d("2022-01-01") }, { from: d("2021-09-03"), to: d("2030-01-01") })).toBe(false)
  })

  prop([periodArb, datedArb])("contains: both ends inclusive, no end means still in force", ({ p, lo, hi }, date) => {
    expect(EffectivePeriod.contains(p, date.s)).toBe(lo <= date.n && date.n <= hi)
  })

  prop([periodArb, periodArb])("overlaps: the periods share a day", (a, b) => {
    const shared = Math.max(a.lo, b.lo) <= Math.min(a.hi, b.hi)
    expect(EffectivePeriod.overlaps(a.p, b.p)).toBe(shared)
    expect(EffectivePeriod.overlaps(b.p, a.p)).toBe(shared)
  })

  prop([periodArb, periodArb])("within: every day of inner is a day of outer", (inner, outer) => {
    expect(EffectivePeriod.within(inner.p, outer.p)).toBe(outer.lo <= inner.lo && inner.hi <= outer.hi)
  })

  prop([periodArb, periodArb, datedArb])("a day in a period within another is in the other", (a, b, date) => {
    // shrink b into a by intersecting, so that `within` holds often
    const from = a.p.from > b.p.from ? a.p.from : b.p.from
    const ends = [a.p.to, b.p.to].filter((t): t is string => t !== undefined).sort()
    fc.pre(ends[0] === undefined || from <= ends[0])
    const inner: Period = ends[0] === undefined ? { from } : { from, to: ends[0] }
    expect(EffectivePeriod.within(inner, a.p)).toBe(true)
    expect(EffectivePeriod.within(inner, b.p)).toBe(true)
    if (EffectivePeriod.contains(inner, date.s)) {
      expect(EffectivePeriod.contains(a.p, date.s)).toBe(true)
      expect(EffectivePeriod.contains(b.p, date.s)).toBe(true)
    }
  })
})

describe("EffectivePeriod schema", () => {
  prop([periodArb])("ordered periods decode to themselves", ({ p }) => {
    const r = decode(p)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value).toEqual(p)
  })

  prop([datedArb, datedArb])("an end before the start is a date-order error", (a, b) => {
    fc.pre(a.n !== b.n)
    const [early, late] = a.n < b.n ? [a, b] : [b, a]
    const r = decode({ from: late.s, to: early.s })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => [e.code, e.path])).toEqual([["date-order", []]])
  })

  test("a one-day period is valid", () => {
    expect(decode({ from: "2024-02-29", to: "2024-02-29" }).ok).toBe(true)
  })

  test("an invalid date is an invalid-date error at its field", () => {
    const r = decode({ from: "2024-02-30", to: "2024-03-01" })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => [e.code, e.path, e.params["value"]])).toEqual([["invalid-date", ["from"], "2024-02-30"]])
  })
})
