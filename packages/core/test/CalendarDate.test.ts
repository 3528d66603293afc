import fc from "fast-check"
import * as CalendarDate from "@nongan/core/CalendarDate"
import { describe, expect, test } from "vitest"
import { prop } from "./property"
import { dateStringArb, dayNumberRef, daysInMonthRef, ymd, ymdArb } from "./arbitraries"

const d = CalendarDate.unsafeMake

// day numbers of 1900-01-01 and 2200-12-31, by Date.UTC
const MIN_DAY = Date.UTC(1900, 0, 1) / 86_400_000
const MAX_DAY = Date.UTC(2200, 11, 31) / 86_400_000

const dateArb = dateStringArb().map(d)
const offsetArb = fc.integer({ min: -40_000, max: 40_000 })

describe("CalendarDate.isValid", () => {
  test.each(["2024-02-29", "2000-02-29", "2026-03-01", "1900-02-28", "2024-04-30", "2023-12-31", "0001-01-01", "9999-12-31"])(
    "accepts %s",
    (s) => {
      expect(CalendarDate.isValid(s)).toBe(true)
      expect(CalendarDate.parse(s)).toBe(s)
    }
  )

  test.each([
    "2025-02-29",
    "1900-02-29",
    "2100-02-29",
    "2023-13-01",
    "2023-00-10",
    "2024-04-31",
    "2024-06-31",
    "2024-01-32",
    "2024-01-00",
    "0000-01-01",
    "2024-1-01",
    "24-01-01",
    "2024/01/01",
    "2024-01-01T00:00:00Z",
    " 2024-01-01",
    "2024-01-01\n",
    "２０２４-０１-０１",
    "+2024-01-01",
    ""
  ])("rejects %j", (s) => {
    expect(CalendarDate.isValid(s)).toBe(false)
    expect(CalendarDate.parse(s)).toBeUndefined()
    expect(() => d(s)).toThrow(RangeError)
  })

  prop([fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })])(
    "agrees with Date on every YYYY-MM-DD string",
    (y, m, day) => {
      const expected = y >= 1 && m >= 1 && m <= 12 && day >= 1 && day <= daysInMonthRef(y, m)
      expect(CalendarDate.isValid(ymd(y, m, day))).toBe(expected)
    }
  )
})

describe("CalendarDate day numbers", () => {
  test("documented examples", () => {
    expect(CalendarDate.toDayNumber(d("1970-01-02"))).toBe(1)
    expect(CalendarDate.fromDayNumber(0)).toBe("1970-01-01")
    expect(CalendarDate.addDays(d("2026-03-01"), -1)).toBe("2026-02-28")
    expect(CalendarDate.addDays(d("2024-02-28"), 1)).toBe("2024-02-29")
    expect(CalendarDate.addDays(d("2025-02-28"), 1)).toBe("2025-03-01")
    expect(CalendarDate.daysBetween(d("2024-08-31"), d("2024-09-01"))).toBe(1)
    expect(CalendarDate.compare(d("2024-01-01"), d("2025-01-01"))).toBe(-1)
  })

  prop([ymdArb()])("toDayNumber agrees with Date.UTC", ([y, m, day]) => {
    expect(CalendarDate.toDayNumber(d(ymd(y, m, day)))).toBe(Date.UTC(y, m - 1, day) / 86_400_000)
  })

  prop([ymdArb(1, 9999)])("toDayNumber agrees with Date over years 1–9999", ([y, m, day]) => {
    expect(CalendarDate.toDayNumber(d(ymd(y, m, day)))).toBe(dayNumberRef(y, m, day))
  })

  prop([fc.integer({ min: MIN_DAY, max: MAX_DAY })])("fromDayNumber agrees with Date", (n) => {
    expect(CalendarDate.fromDayNumber(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10))
  })

  prop([dateArb])("fromDayNumber(toDayNumber(d)) is d", (date) => {
    expect(CalendarDate.fromDayNumber(CalendarDate.toDayNumber(date))).toBe(date)
  })

  prop([fc.integer({ min: MIN_DAY, max: MAX_DAY })])("toDayNumber(fromDayNumber(n)) is n and the date is valid", (n) => {
    const date = CalendarDate.fromDayNumber(n)
    expect(CalendarDate.isValid(date)).toBe(true)
    expect(CalendarDate.toDayNumber(date)).toBe(n)
  })

  prop([dateArb, offsetArb, offsetArb])("addDays(addDays(d, a), b) is addDays(d, a + b)", (date, a, b) => {
    expect(CalendarDate.addDays(CalendarDate.addDays(date, a), b)).toBe(CalendarDate.addDays(date, a + b))
  })

  prop([dateArb])("addDays(d, 0) is d", (date) => {
    expect(CalendarDate.addDays(date, 0)).toBe(date)
  })

  prop([dateArb, offsetArb])("daysBetween(d, addDays(d, n)) is n", (date, n) => {
    expect(CalendarDate.daysBetween(date, CalendarDate.addDays(date, n))).toBe(n)
  })

  prop([dateArb])("consecutive days differ by one calendar step", (date) => {
    const next = CalendarDate.addDays(date, 1)
    const [y, m, day] = date.split("-").map(Number) as [number, number, number]
    const expected =
      day < daysInMonthRef(y, m) ? ymd(y, m, day + 1) : m < 12 ? ymd(y, m + 1, 1) : ymd(y + 1, 1, 1)
    expect(next).toBe(expected)
  })
})

describe("CalendarDate order", () => {
  prop([dateArb, dateArb])("string order is day-number order", (a, b) => {
    const byNumber = Math.sign(CalendarDate.toDayNumber(a) - CalendarDate.toDayNumber(b))
    expect(CalendarDate.compare(a, b)).toBe(byNumber === 0 ? 0 : byNumber)
    expect(a < b).toBe(byNumber < 0)
    expect(a === b).toBe(byNumber === 0)
  })

  prop([dateArb, fc.integer({ min: 1, max: 40_000 })])("a later date compares greater", (date, n) => {
    expect(CalendarDate.compare(date, CalendarDate.addDays(date, n))).toBe(-1)
    expect(CalendarDate.compare(CalendarDate.addDays(date, n), date)).toBe(1)
    expect(CalendarDate.compare(date, date)).toBe(0)
  })
})
