import { addDays, type CalendarDate, compare } from "@nongan/core/CalendarDate"
import type { Citation } from "@nongan/core/Citation"
import type { NonganError } from "@nongan/core/NonganError"
import { ok, type Result } from "@nongan/core/Result"
import type { Verification } from "@nongan/core/Verification"
import { addWorkingDays, type WorkingDays } from "./Calendar"

/**
 * The two re-test (复检) tracks: `agriculture` (农安法, a 监督抽查 by an agriculture department)
 * and `market-regulation` (食品安全法, a market-regulation 抽检).
 *
 * @example
 * import type { Track } from "@nongan/sampling/Retest"
 * const t: Track = "agriculture"
 *
 * @since 0.1.0
 * @category models
 */
export type Track = "agriculture" | "market-regulation"

/**
 * One deadline: what must happen, by when (a date, or a local date-time for the 4-hour rule),
 * how it was counted, and its legal source.
 *
 * @since 0.1.0
 * @category models
 */
export interface Deadline {
  readonly what: "apply" | "report"
  readonly by: string
  readonly counted: "working-days" | "calendar-days" | "hours"
  readonly amount: number
  readonly from: string
  readonly citation: Citation
  readonly verification: Verification
}

/**
 * The re-test deadlines and conditions of one result.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetestRules {
  readonly track: Track
  readonly deadlines: ReadonlyArray<Deadline>
  /** conditions on the re-test, as stable codes: `different-lab`, `lab-drawn-from-list`, `result-final`, `no-rapid-method` */
  readonly conditions: ReadonlyArray<string>
  readonly notes: ReadonlyArray<string>
}

const LAW_2022: Citation = {
  instrument: "《中华人民共和国农产品质量安全法》（2022年修订）",
  clause: "第五十一条",
  repo: "LawRefBook/Laws",
  path: "经济法/农产品质量安全法(2022-09-02).md",
  note: "In force 2023-01-01 (DOMAIN-FACTS-2 §2.2, V via the LRB transcription of the NPC database)"
}
const LAW_2018: Citation = {
  instrument: "《中华人民共和国农产品质量安全法》（2018年修正）",
  clause: "第三十六条",
  repo: "LawRefBook/Laws",
  path: "经济法/农产品质量安全法(2018-10-26).md",
  note: "“五日内”: calendar days (DOMAIN-FACTS-2 §2.2)"
}
const FOOD_LAW: Citation = {
  instrument: "《中华人民共和国食品安全法》（2021年修正）",
  clause: "第八十八条",
  repo: "LawRefBook/Laws",
  path: "行政法/食品安全法(2021-04-29).md",
  note: "DOMAIN-FACTS-2 §2.2, V via LRB"
}
/** the 2022 law's working-day rule applies to results received from this day */
const NEW_LAW_FROM = "2023-01-01" as CalendarDate

/**
 * The input: the track, the day the sampled party received the result, whether the result came
 * from a rapid test (then the local date-time it was received, for the 4-hour rule), and the
 * day the re-test laboratory received the sample (for its reporting deadline).
 *
 * @since 0.1.0
 * @category models
 */
export interface RetestInput {
  readonly track: Track
  readonly receivedOn: CalendarDate
  readonly rapid?: { readonly receivedAt: string } | undefined
  readonly sampleReceivedOn?: CalendarDate | undefined
}

const plusHours = (at: string, h: number): string => {
  const [date, time] = at.split("T") as [string, string]
  const [hh, mm, ss] = time.split(":")
  const total = Number(hh) + h
  const d = addDays(date as CalendarDate, Math.floor(total / 24))
  return `${d}T${String(total % 24).padStart(2, "0")}:${mm}${ss !== undefined ? `:${ss}` : ""}`
}

/**
 * The re-test deadlines of a result. Agriculture track: apply within 5 working days of receiving
 * the result (results received before 2023-01-01: 5 calendar days, the 2018 law), at a
 * different laboratory, which reports within 7 working days of receiving the sample.
 * Market-regulation track: apply within 7 working days; the laboratory is drawn from the
 * published list, differs from the first, and its result is final. A rapid-test result: object
 * within 4 hours, and the re-test may not use a rapid method. Working days come from the
 * calendar; a date it does not cover is an error.
 *
 * @example
 * import { retestRules } from "@nongan/sampling/Retest"
 * import { fromFiles } from "@nongan/sampling/Calendar"
 * import { unsafeMake as d } from "@nongan/core/CalendarDate"
 * const cal = fromFiles([{ kind: "working-day-calendar", id: "x", years: [{ year: 2026, citation: { instrument: "x" }, verification: "secondary", days: [] }] }])
 * if (cal.ok) {
 *   const r = retestRules(cal.value, { track: "agriculture", receivedOn: d("2026-03-06") })
 *   if (r.ok) r.value.deadlines[0]?.by // "2026-03-13"
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const retestRules = (cal: WorkingDays, input: RetestInput): Result<RetestRules, NonganError> => {
  const deadlines: Array<Deadline> = []
  const notes: Array<string> = []
  const agri = input.track === "agriculture"
  const newLaw = compare(input.receivedOn, NEW_LAW_FROM) >= 0
  const cite = agri ? (newLaw ? LAW_2022 : LAW_2018) : FOOD_LAW
  const verification: Verification = "secondary"
  if (input.rapid) {
    deadlines.push({ what: "apply", by: plusHours(input.rapid.receivedAt, 4), counted: "hours", amount: 4, from: input.rapid.receivedAt, citation: cite, verification })
  } else if (agri && !newLaw) {
    deadlines.push({ what: "apply", by: addDays(input.receivedOn, 5), counted: "calendar-days", amount: 5, from: input.receivedOn, citation: cite, verification })
    notes.push("calendar days: whether a period ending on a rest day runs to the next working day is not in our sources")
  } else {
    const n = agri ? 5 : 7
    const by = addWorkingDays(cal, input.receivedOn, n)
    if (!by.ok) return by
    deadlines.push({ what: "apply", by: by.value, counted: "working-days", amount: n, from: input.receivedOn, citation: cite, verification })
  }
  if (agri && newLaw && input.sampleReceivedOn !== undefined) {
    const by = addWorkingDays(cal, input.sampleReceivedOn, 7)
    if (!by.ok) return by
    deadlines.push({ what: "report", by: by.value, counted: "working-days", amount: 7, from: input.sampleReceivedOn, citation: LAW_2022, verification })
  }
  if (!agri && input.sampleReceivedOn !== undefined) notes.push("no reporting deadline for the market-regulation re-test laboratory is held")
  const conditions = agri ? ["different-lab"] : ["different-lab", "lab-drawn-from-list", "result-final"]
  if (input.rapid) conditions.push("no-rapid-method")
  return ok({ track: input.track, deadlines, conditions, notes })
}
