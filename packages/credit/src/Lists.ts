import { addDays, type CalendarDate, daysBetween } from "@nongan/core/CalendarDate"
import type { CreditEvent } from "./Event"
import type { EntryRule, ListRule } from "./Model"
import { type Prepared, scoreAsOf } from "./Score"

/**
 * A subject's membership of one list as of a date, and why: the entry rule and the events that
 * met it (black), or the grade and the clean period (red).
 *
 * @example
 * import type { Membership } from "@nongan/credit/Lists"
 * const m: Pick<Membership, "member"> = { member: false }
 * m.member // false
 *
 * @since 0.1.0
 * @category models
 */
export interface Membership {
  readonly list: string
  readonly kind: "red" | "black"
  readonly subject: string
  readonly asOf: CalendarDate
  readonly member: boolean
  readonly since?: CalendarDate
  readonly until?: CalendarDate
  readonly rule?: string
  readonly reason: string
  readonly events: ReadonlyArray<string>
}

const matchesRule = (r: EntryRule, e: CreditEvent) => r.types.includes(e.type) && (r.violations === undefined || (e.violation !== undefined && r.violations.includes(e.violation)))

/** The latest date on or before asOf at which the rule was met, and the events that met it. */
const lastTrigger = (r: EntryRule, events: ReadonlyArray<CreditEvent>, asOf: CalendarDate): { on: CalendarDate; events: ReadonlyArray<string> } | undefined => {
  const hits = events.filter((e) => e.on <= asOf && matchesRule(r, e))
  let found: { on: CalendarDate; events: ReadonlyArray<string> } | undefined
  for (let i = r.count - 1; i < hits.length; i++) {
    const first = hits[i - r.count + 1]!
    if (r.withinDays === undefined || daysBetween(first.on, hits[i]!.on) < r.withinDays) found = { on: hits[i]!.on, events: hits.slice(i - r.count + 1, i + 1).map((e) => e.id) }
  }
  return found
}

const negative = (p: Prepared, e: CreditEvent) => (p.evidence.get(e.type)?.points ?? 0) < 0

/**
 * Membership of one list as of a date. Black: member from the latest date an entry rule was met
 * until `exitAfterDays` later (the model's exit; where no exit is given, membership does not
 * end). Red: member while the grade is one of the list's grades and no negative event lies
 * within the last `cleanDays`.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare } from "@nongan/credit/Score"
 * import { membership } from "@nongan/credit/Lists"
 * const m = loadTemplate()
 * if (m.ok) {
 *   const p = prepare(m.value)
 *   const black = m.value.lists.find((l) => l.id === "black")!
 *   membership(p, black, "S1", [{ id: "E1", subject: "S1", type: "finding.banned-substance", on: "2025-03-01" as any }], "2025-06-01" as any).member // true
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const membership = (p: Prepared, list: ListRule, subject: string, events: ReadonlyArray<CreditEvent>, asOf: CalendarDate): Membership => {
  const mine = events.filter((e) => e.subject === subject).slice().sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : 1))
  const base = { list: list.id, kind: list.kind, subject, asOf }
  if (list.kind === "black") {
    let best: { rule: EntryRule; on: CalendarDate; events: ReadonlyArray<string> } | undefined
    for (const r of list.entry ?? []) {
      const t = lastTrigger(r, mine, asOf)
      if (t && (best === undefined || t.on > best.on)) best = { rule: r, ...t }
    }
    if (best === undefined) return { ...base, member: false, reason: "no entry rule met", events: [] }
    const until = list.exitAfterDays === undefined ? undefined : addDays(best.on, list.exitAfterDays)
    const member = until === undefined || asOf < until
    return {
      ...base,
      member,
      since: best.on,
      ...(until ? { until } : {}),
      rule: best.rule.id,
      reason: member ? `${best.rule.label}（${best.rule.id}）` : `${best.rule.label}（${best.rule.id}）: left on ${until}`,
      events: best.events
    }
  }
  const red = list.red!
  const s = scoreAsOf(p, subject, mine, asOf)
  const from = addDays(asOf, -red.cleanDays)
  const dirty = mine.filter((e) => e.on <= asOf && e.on > from && negative(p, e))
  const member = red.grades.includes(s.grade) && dirty.length > 0 === false && mine.some((e) => e.on <= asOf)
  return {
    ...base,
    member,
    reason: member
      ? `grade ${s.grade}, no negative event since ${from}`
      : !red.grades.includes(s.grade)
        ? `grade ${s.grade} not in ${red.grades.join("/")}`
        : dirty.length > 0
          ? `negative events within ${red.cleanDays} days`
          : "no record",
    events: dirty.map((e) => e.id)
  }
}

/**
 * Every list of the model for every subject in the events, as of a date; members only unless
 * `all` is set.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare } from "@nongan/credit/Score"
 * import { listsAsOf } from "@nongan/credit/Lists"
 * const m = loadTemplate()
 * if (m.ok) listsAsOf(prepare(m.value), [{ id: "E1", subject: "S1", type: "inspection.pass", on: "2025-03-01" as any }], "2025-06-01" as any).map((x) => x.list) // ["red"]
 *
 * @since 0.1.0
 * @category constructors
 */
export const listsAsOf = (p: Prepared, events: ReadonlyArray<CreditEvent>, asOf: CalendarDate, all = false): ReadonlyArray<Membership> => {
  const by = new Map<string, Array<CreditEvent>>()
  for (const e of events) (by.get(e.subject) ?? by.set(e.subject, []).get(e.subject)!).push(e)
  const out: Array<Membership> = []
  for (const s of [...by.keys()].sort())
    for (const l of p.model.lists) {
      const m = membership(p, l, s, by.get(s)!, asOf)
      if (all || m.member) out.push(m)
    }
  return out
}
