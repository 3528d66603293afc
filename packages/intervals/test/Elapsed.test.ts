// Exact interval arithmetic: days, hours (with the bound used when times are missing) and
// degree-days, checked against small integer references, and its monotonicity laws.
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { type CalendarDate, unsafeMake as d } from "@nongan/core/CalendarDate"
import * as Decimal from "@nongan/core/Decimal"
import { degreeDays, elapsedSeconds, isLocalDateTime, measure, toSeconds } from "@nongan/intervals/Elapsed"
import { dateArb, plus, prop } from "./fixtures"

const n = Decimal.unsafeMake
/** Temperatures as tenths of a degree, so the reference sum is an integer. */
const tenthsArb = fc.integer({ min: -20, max: 400 })
const asDec = (tenths: number) => Decimal.shift(n(tenths), -1)
const tempsFrom = (from: CalendarDate, tenths: ReadonlyArray<number>) => new Map(tenths.map((t, k) => [plus(from, k + 1) as string, asDec(t)]))
const meets = (m: ReturnType<typeof measure>) => m.kind === "measured" && m.meets

describe("local date-times", () => {
  test("accepted and refused forms", () => {
    expect(["2026-05-01T08:30", "2026-05-01T23:59:59", "2024-02-29T00:00"].every(isLocalDateTime)).toBe(true)
    expect(["2026-05-01T24:00", "2026-05-01 08:30", "2026-05-01T08:30Z", "2026-05-01T08:30+08:00", "2025-02-29T00:00", "2026-05-01T8:30"].some(isLocalDateTime)).toBe(
      false
    )
  })
  test("seconds across days", () => {
    expect(toSeconds("2026-05-03T08:00") - toSeconds("2026-05-01T08:00")).toBe(48 * 3600)
    expect(toSeconds("2024-03-01T00:00") - toSeconds("2024-02-28T00:00")).toBe(2 * 86400)
  })
})

describe("days", () => {
  test("day 0 is the day of use; day N meets N days", () => {
    expect(meets(measure({ value: n("7"), unit: "d" }, { from: d("2026-02-22"), to: d("2026-03-01") }))).toBe(true)
    expect(meets(measure({ value: n("7"), unit: "d" }, { from: d("2026-02-22"), to: d("2026-02-28") }))).toBe(false)
    expect(meets(measure({ value: n("0"), unit: "d" }, { from: d("2026-02-22"), to: d("2026-02-22") }))).toBe(true)
    // a fractional period needs the next whole day
    const half = measure({ value: n("1.5"), unit: "d" }, { from: d("2026-01-01"), to: d("2026-01-02") })
    expect(half).toMatchObject({ meets: false, earliestOn: "2026-01-03" })
  })
  prop([dateArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 })])(
    "a gap of g days meets a period of p days exactly when g >= p",
    (from, g, p) => meets(measure({ value: n(p), unit: "d" }, { from, to: plus(from, g) })) === g >= p
  )
})

describe("hours", () => {
  test("recorded times are exact; missing times never overstate the elapsed time", () => {
    const from = d("2026-05-01"), to = d("2026-05-03")
    expect(elapsedSeconds({ from, to, fromAt: "2026-05-01T08:00", toAt: "2026-05-03T07:59:59" })).toBe(48 * 3600 - 1)
    expect(elapsedSeconds({ from, to })).toBe(24 * 3600)
    expect(elapsedSeconds({ from, to, fromAt: "2026-05-01T08:00" })).toBe(40 * 3600)
    expect(elapsedSeconds({ from, to, toAt: "2026-05-03T06:00" })).toBe(30 * 3600)
    expect(elapsedSeconds({ from, to: from })).toBe(0)
  })
  prop([dateArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 })])(
    "the bound from dates alone is never more than the real elapsed time, whatever the times of day",
    (from, days, a, b) => {
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`
      const to = plus(from, days)
      const real = elapsedSeconds({ from, to, fromAt: `${from}T${hhmm(a)}`, toAt: `${to}T${hhmm(b)}` })
      return elapsedSeconds({ from, to }) <= Math.max(0, real) + 0
    }
  )
  prop([dateArb, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 400 })])(
    "m minutes meet a period of h hours exactly when m >= 60h",
    (from, minutes, h) => {
      const at = `${from}T00:00`
      const endSeconds = toSeconds(at) + minutes * 60
      const day = Math.floor(endSeconds / 86400)
      const to = plus("1970-01-01", day)
      const rest = endSeconds - day * 86400
      const toAt = `${to}T${String(Math.floor(rest / 3600)).padStart(2, "0")}:${String(Math.floor((rest % 3600) / 60)).padStart(2, "0")}`
      return meets(measure({ value: n(h), unit: "h" }, { from, to, fromAt: at, toAt })) === minutes >= 60 * h
    }
  )
})

describe("degree-days", () => {
  test("sum of daily means from the day after the dose to the end day, exactly", () => {
    const from = d("2026-05-01")
    const dd = degreeDays(from, d("2026-05-04"), new Map([["2026-05-01", n("99")], ["2026-05-02", n("0.1")], ["2026-05-03", n("0.2")], ["2026-05-04", n("12.7")]]))
    expect(dd).toMatchObject({ days: 3, missing: [] })
    expect(dd.sum.toString()).toBe("13")
    expect(degreeDays(from, d("2026-05-04"), new Map()).missing).toEqual(["2026-05-02", "2026-05-03", "2026-05-04"])
    expect(measure({ value: n("10"), unit: "degree-days" }, { from, to: d("2026-05-04") })).toMatchObject({ kind: "unknown", reason: "water-temperatures-missing" })
  })
  prop([dateArb, fc.array(tenthsArb, { minLength: 0, maxLength: 40 })])("the sum equals the integer reference (tenths of a degree)", (from, tenths) => {
    const dd = degreeDays(from, plus(from, tenths.length), tempsFrom(from, tenths))
    return Decimal.equals(dd.sum, asDec(tenths.reduce((a, b) => a + b, 0))) && dd.missing.length === 0
  })
  prop([dateArb, fc.array(tenthsArb, { minLength: 1, maxLength: 40 }), fc.nat({ max: 39 }), fc.integer({ min: 0, max: 100 })])(
    "monotone in temperature: warming any day never lowers the sum",
    (from, tenths, k, warmer) => {
      const i = k % tenths.length
      const up = tenths.map((t, j) => (j === i ? t + warmer : t))
      const to = plus(from, tenths.length)
      return Decimal.compare(degreeDays(from, to, tempsFrom(from, up)).sum, degreeDays(from, to, tempsFrom(from, tenths)).sum) >= 0
    }
  )
  prop([dateArb, fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 0, maxLength: 40 }), fc.integer({ min: 0, max: 40 })])(
    "monotone in days: with water at or above 0 °C, more days never lower the sum",
    (from, tenths, extra) => {
      const temps = tempsFrom(from, tenths)
      const days = Math.min(extra, tenths.length)
      return Decimal.compare(degreeDays(from, plus(from, tenths.length), temps).sum, degreeDays(from, plus(from, days), temps).sum) >= 0
    }
  )
  prop([dateArb, fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 5000 })])(
    "a missing day is never a pass, whatever the other temperatures",
    (from, tenths, required) => {
      const temps = tempsFrom(from, tenths.map((t) => t + 1000))
      temps.delete(plus(from, 1 + (required % tenths.length)))
      return !meets(measure({ value: n(required), unit: "degree-days" }, { from, to: plus(from, tenths.length), temperatures: temps }))
    }
  )
})
