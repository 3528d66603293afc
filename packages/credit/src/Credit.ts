import type { CalendarDate } from "@nongan/core/CalendarDate"
import type { NonganError } from "@nongan/core/NonganError"
import { ok, type Result } from "@nongan/core/Result"
import { composeFor } from "./Compose"
import type { CreditEvent } from "./Event"
import { listsAsOf, type Membership } from "./Lists"
import { loadPacks, loadTemplate } from "./Load"
import type { CreditModel } from "./Model"
import { prepare, type Score, scoreAll, scoreAsOf } from "./Score"
import { frequency } from "./Supervision"

/**
 * The credit front door for one region and date: the composed model (national template and the
 * region's packs, each checked to be stricter), and scores, lists and supervision weights from
 * events.
 *
 * @example
 * import { createCredit } from "@nongan/credit/Credit"
 * const c = createCredit({ region: "330106", on: "2025-12-31" as any })
 * if (c.ok) c.value.model.layers // ["cn-credit-template", "cn-330000-credit-2020"]
 *
 * @since 0.1.0
 * @category models
 */
export interface Credit {
  readonly model: CreditModel
  readonly score: (subject: string, events: ReadonlyArray<CreditEvent>, asOf?: CalendarDate) => Score
  readonly scores: (events: ReadonlyArray<CreditEvent>, asOf?: CalendarDate) => ReadonlyArray<Score>
  readonly lists: (events: ReadonlyArray<CreditEvent>, asOf?: CalendarDate) => ReadonlyArray<Membership>
  readonly weight: (grade: string) => number
}

/**
 * Creates the credit front door from the bundled data: the template, composed with the packs of
 * `region` (default national) in force on `on`, which is also the default as-of date.
 *
 * @example
 * import { createCredit } from "@nongan/credit/Credit"
 * const c = createCredit({ on: "2025-12-31" as any })
 * if (c.ok) c.value.score("S1", [{ id: "E1", subject: "S1", type: "inspection.fail", on: "2025-03-01" as any }]).grade // "A"
 *
 * @since 0.1.0
 * @category constructors
 */
export const createCredit = (options: { readonly region?: string; readonly on: CalendarDate }): Result<Credit, NonganError> => {
  const t = loadTemplate()
  if (!t.ok) return t
  const p = loadPacks()
  if (!p.ok) return p
  const m = composeFor(t.value, p.value, options.region ?? "000000", options.on)
  if (!m.ok) return m
  const model = m.value
  const prepared = prepare(model)
  return ok({
    model,
    score: (subject, events, asOf = options.on) => scoreAsOf(prepared, subject, events, asOf),
    scores: (events, asOf = options.on) => scoreAll(prepared, events, asOf),
    lists: (events, asOf = options.on) => listsAsOf(prepared, events, asOf),
    weight: (grade) => frequency(model, grade).weight
  })
}
