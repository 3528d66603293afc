import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import type { CaseTable } from "./CaseTable"

/**
 * The transfer clock of 国务院令第310号 as dates: the head's decision (art. 5 ¶2, 3 days from the
 * report), the transfer to the police (art. 5 ¶2, 24 hours from approval) and the police review
 * (art. 8, 3 days from receipt). Each date is the last day on which the step is on time.
 *
 * @example
 * import type { TransferClock } from "@nongan/cases/Clock"
 * const c: TransferClock = { reportedOn: "2026-06-01" as any, decideBy: "2026-06-04" as any, transferBy: "2026-06-05" as any, policeReviewBy: "2026-06-08" as any, counting: "calendar days" }
 * c.transferBy // "2026-06-05"
 *
 * @since 0.1.0
 * @category models
 */
export interface TransferClock {
  readonly reportedOn: CalendarDate
  readonly decideBy: CalendarDate
  readonly transferBy: CalendarDate
  readonly policeReviewBy: CalendarDate
  readonly counting: string
}

/**
 * Computes the transfer clock from the date the written transfer report reached the head of the
 * agency. When the approval or the transfer already happened, pass their dates: later steps
 * count from them; otherwise from the last on-time date of the step before.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * import { transferClock } from "@nongan/cases/Clock"
 * import { unsafeMake } from "@nongan/core/CalendarDate"
 * const t = loadTable()
 * if (t.ok) transferClock(t.value, unsafeMake("2026-06-01")).policeReviewBy // "2026-06-08"
 *
 * @since 0.1.0
 * @category constructors
 */
export const transferClock = (
  t: CaseTable,
  reportedOn: CalendarDate,
  done: { readonly approvedOn?: CalendarDate | undefined; readonly transferredOn?: CalendarDate | undefined } = {}
): TransferClock => {
  const step = (id: string) => t.procedure.clock.find((s) => s.id === id)!
  const span = (id: string) => {
    const s = step(id)
    return s.days ?? Math.ceil((s.hours ?? 0) / 24)
  }
  const decideBy = addDays(reportedOn, span("approval"))
  const transferBy = addDays(done.approvedOn ?? decideBy, span("transfer"))
  const policeReviewBy = addDays(done.transferredOn ?? transferBy, span("police-review"))
  return { reportedOn, decideBy, transferBy, policeReviewBy, counting: t.procedure.clockCounting.note }
}
