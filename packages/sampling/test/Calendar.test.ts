import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { isWorkday } from "chinese-days"
import { describe, expect, test } from "vitest"
import { addDays, type CalendarDate, unsafeMake as d } from "@nongan/core/CalendarDate"
import { getOrThrow } from "@nongan/core/Result"
import { addWorkingDays, fromFiles, isWorkingDay } from "@nongan/sampling/Calendar"
import { retestRules } from "@nongan/sampling/Retest"
import { prop } from "../../../test/support/property"

const file = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "rules", "national", "calendar", "working-days-2024-2026.json"), "utf8"))
const cal = getOrThrow(fromFiles([file]))
const covered = fc.integer({ min: 0, max: 365 * 3 - 40 }).map((n) => addDays(d("2024-01-01"), n))

describe("the working-day calendar (State Council notices 2024–2026)", () => {
  test("agrees with chinese-days@1.5.7 on every day of 2024–2026", () => {
    const differ: Array<string> = []
    for (let day = d("2024-01-01"); day <= "2026-12-31"; day = addDays(day, 1)) {
      const mine = getOrThrow(isWorkingDay(cal, day))
      if (mine !== isWorkday(day)) differ.push(day)
    }
    expect(differ).toEqual([])
  })
  test("make-up working days and holidays", () => {
    expect(getOrThrow(isWorkingDay(cal, d("2025-01-26")))).toBe(true) // a Sunday, 春节 调休上班
    expect(getOrThrow(isWorkingDay(cal, d("2025-10-08")))).toBe(false) // a Wednesday, 国庆节、中秋节
    expect(isWorkingDay(cal, d("2023-06-01")).ok).toBe(false) // not covered: no guess
  })
  prop([covered, fc.integer({ min: 1, max: 20 })])("a working-day deadline never falls on a rest day, and is after the start", (start, n) => {
    const r = addWorkingDays(cal, start, n)
    if (!r.ok) return
    expect(getOrThrow(isWorkingDay(cal, r.value))).toBe(true)
    expect(r.value > start).toBe(true)
  })
})

describe("re-test deadlines", () => {
  test("agriculture track: 5 working days to apply, 7 for the re-test laboratory; over 国庆节 2025", () => {
    const r = getOrThrow(retestRules(cal, { track: "agriculture", receivedOn: d("2025-09-29"), sampleReceivedOn: d("2025-09-30") }))
    // apply: 9-30, 10-9, 10-10, 10-11 (调休上班), 10-13; report: 10-9 … 10-16
    expect(r.deadlines.map((x) => [x.what, x.by])).toEqual([["apply", "2025-10-13"], ["report", "2025-10-16"]])
    expect(r.conditions).toEqual(["different-lab"])
  })
  test("market-regulation track: 7 working days, laboratory drawn from the list, final", () => {
    const r = getOrThrow(retestRules(cal, { track: "market-regulation", receivedOn: d("2026-02-12") }))
    // 2-13, 2-14 (调休上班), 2-24, 2-25, 2-26, 2-27, 2-28 (调休上班)
    expect(r.deadlines[0]!.by).toBe("2026-02-28")
    expect(r.conditions).toEqual(["different-lab", "lab-drawn-from-list", "result-final"])
  })
  test("a rapid-test result: 4 hours, and no rapid method for the re-test", () => {
    const r = getOrThrow(retestRules(cal, { track: "agriculture", receivedOn: d("2026-05-01"), rapid: { receivedAt: "2026-05-01T22:30" } }))
    expect(r.deadlines[0]).toMatchObject({ by: "2026-05-02T02:30", counted: "hours" })
    expect(r.conditions).toContain("no-rapid-method")
  })
  test("before 2023-01-01 the 2018 law's 5 calendar days apply", () => {
    const r = getOrThrow(retestRules(cal, { track: "agriculture", receivedOn: d("2022-09-29") as CalendarDate }))
    expect(r.deadlines[0]).toMatchObject({ by: "2022-10-04", counted: "calendar-days" })
    expect(r.deadlines[0]!.citation.clause).toBe("第三十六条")
  })
})
