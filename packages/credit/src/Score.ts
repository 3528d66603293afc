import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import type { CreditEvent } from "./Event"
import { type CreditModel, type Evidence, type Indicator, rank } from "./Model"

/**
 * What one event did to a score as of a date: which rule, which indicator, how many points
 * (after the indicator's weight), until when it counts, and its status (`active`; `expired`,
 * past its window; `repaired`, ended early by 信用修复; `future`, after the date; `unknown-type`,
 * not an evidence type of the model).
 *
 * @example
 * import type { Line } from "@nongan/credit/Score"
 * const s: Line["status"] = "active"
 * s // "active"
 *
 * @since 0.1.0
 * @category models
 */
export interface Line {
  readonly event: string
  readonly type: string
  readonly on: CalendarDate
  readonly status: "active" | "expired" | "repaired" | "future" | "unknown-type"
  readonly indicator?: string
  readonly points: number
  readonly until?: CalendarDate
  readonly repairedOn?: CalendarDate
  readonly rule?: string
}

/**
 * A subject's score and grade as of a date, explained: the lines per event, each indicator's sum
 * and capped contribution, the grade from the bands, and any override that locked the grade.
 *
 * @example
 * import type { Score } from "@nongan/credit/Score"
 * const s: Pick<Score, "grade"> = { grade: "A" }
 * s.grade // "A"
 *
 * @since 0.1.0
 * @category models
 */
export interface Score {
  readonly subject: string
  readonly asOf: CalendarDate
  readonly model: string
  readonly layers: ReadonlyArray<string>
  readonly template: boolean
  readonly score: number
  readonly grade: string
  readonly gradeByScore: string
  readonly override?: { readonly id: string; readonly label: string; readonly event: string; readonly until: CalendarDate; readonly grade: string }
  readonly indicators: ReadonlyArray<{ readonly id: string; readonly sum: number; readonly contribution: number; readonly capped: boolean }>
  readonly lines: ReadonlyArray<Line>
}

/**
 * A model prepared for scoring many subjects: evidence, indicators and repair rules indexed.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare } from "@nongan/credit/Score"
 * const m = loadTemplate()
 * if (m.ok) prepare(m.value).evidence.size > 5 // true
 *
 * @since 0.1.0
 * @category models
 */
export interface Prepared {
  readonly model: CreditModel
  readonly evidence: ReadonlyMap<string, Evidence>
  readonly indicators: ReadonlyMap<string, Indicator>
  readonly repair: ReadonlyMap<string, number>
  readonly overridesByType: ReadonlyMap<string, ReadonlyArray<CreditModel["overrides"][number]>>
}

/**
 * Indexes a model for scoring.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare } from "@nongan/credit/Score"
 * const m = loadTemplate()
 * if (m.ok) prepare(m.value).repair.get("case.administrative-penalty") // 90
 *
 * @since 0.1.0
 * @category constructors
 */
export const prepare = (model: CreditModel): Prepared => ({
  model,
  evidence: new Map(model.evidence.map((e) => [e.type, e])),
  indicators: new Map(model.indicators.map((i) => [i.id, i])),
  repair: new Map(model.repair.map((r) => [r.type, r.minDays])),
  overridesByType: new Map([...new Set(model.overrides.flatMap((o) => o.types))].map((t) => [t, model.overrides.filter((o) => o.types.includes(t))]))
})

const round2 = (n: number): number => Math.round(n * 100) / 100
const byDateThenId = (a: CreditEvent, b: CreditEvent): number => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The end of an event's effect: its window's end, or the date of a repair where the model allows
 * repair of that type and the repair came at least `minDays` after the event (and by the date).
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare, endOf } from "@nongan/credit/Score"
 * const m = loadTemplate()
 * if (m.ok) endOf(prepare(m.value), { id: "E", subject: "S", type: "inspection.fail", on: "2025-01-01" as any }, undefined).until // "2026-01-01"
 *
 * @since 0.1.0
 * @category combinators
 */
export const endOf = (p: Prepared, e: CreditEvent, repairOn: CalendarDate | undefined): { until: CalendarDate; repaired: boolean } => {
  const rule = p.evidence.get(e.type)
  const until = addDays(e.on, rule?.windowDays ?? 0)
  const min = p.repair.get(e.type)
  if (repairOn !== undefined && min !== undefined && repairOn >= addDays(e.on, min) && repairOn < until) return { until: repairOn, repaired: true }
  return { until, repaired: false }
}

/**
 * Scores one subject as of a date from its events (others' events and events after the date are
 * ignored; a repair counts only if dated on or before the date). Deterministic: the same events
 * in any order give the same score. An event counts from its date to the day before `until`.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare, scoreAsOf } from "@nongan/credit/Score"
 * const m = loadTemplate()
 * if (m.ok) {
 *   const s = scoreAsOf(prepare(m.value), "S1", [{ id: "E1", subject: "S1", type: "inspection.fail", on: "2025-03-01" as any }], "2025-06-01" as any)
 *   s.score // 90
 *   s.grade // "A"
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const scoreAsOf = (p: Prepared, subject: string, events: ReadonlyArray<CreditEvent>, asOf: CalendarDate): Score => {
  const m = p.model
  const mine = events.filter((e) => e.subject === subject).sort(byDateThenId)
  const repairs = new Map<string, CalendarDate>()
  for (const e of mine)
    if (e.type === "credit.repair" && e.target !== undefined && e.on <= asOf) {
      const prev = repairs.get(e.target)
      if (prev === undefined || e.on < prev) repairs.set(e.target, e.on)
    }
  const sums = new Map<string, number>()
  const lines: Array<Line> = []
  let override: Score["override"]
  for (const e of mine) {
    if (e.type === "credit.repair") continue
    const rule = p.evidence.get(e.type)
    if (e.on > asOf) {
      lines.push({ event: e.id, type: e.type, on: e.on, status: "future", points: 0 })
      continue
    }
    for (const o of p.overridesByType.get(e.type) ?? []) {
      const until = addDays(e.on, o.lockDays)
      if (asOf < until && (override === undefined || rank(m, o.grade) > rank(m, override.grade) || (o.grade === override.grade && until > override.until)))
        override = { id: o.id, label: o.label, event: e.id, until, grade: o.grade }
    }
    if (rule === undefined) {
      lines.push({ event: e.id, type: e.type, on: e.on, status: "unknown-type", points: 0 })
      continue
    }
    const { until, repaired } = endOf(p, e, repairs.get(e.id))
    const w = p.indicators.get(rule.indicator)?.weight ?? 0
    const active = asOf < until
    const pts = active ? round2(w * rule.points) : 0
    if (active) sums.set(rule.indicator, round2((sums.get(rule.indicator) ?? 0) + pts))
    lines.push({
      event: e.id,
      type: e.type,
      on: e.on,
      status: active ? "active" : repaired ? "repaired" : "expired",
      indicator: rule.indicator,
      points: pts,
      until,
      ...(repaired ? { repairedOn: repairs.get(e.id)! } : {}),
      rule: `${rule.label} ${rule.points > 0 ? "+" : ""}${rule.points} × ${w}，${rule.windowDays} 日`
    })
  }
  const indicators = m.indicators.map((i) => {
    const sum = sums.get(i.id) ?? 0
    const contribution = Math.min(Math.max(sum, -i.cap.minus), i.cap.plus)
    return { id: i.id, sum, contribution, capped: contribution !== sum }
  })
  const raw = m.scale.base + indicators.reduce((a, i) => a + i.contribution, 0)
  const score = round2(Math.min(Math.max(raw, m.scale.floor), m.scale.ceiling))
  const band = m.grades.find((g) => score >= g.min) ?? m.grades[m.grades.length - 1]!
  const grade = override && rank(m, override.grade) > rank(m, band.grade) ? override.grade : band.grade
  return {
    subject,
    asOf,
    model: m.id,
    layers: m.layers ?? [m.id],
    template: m.template,
    score,
    grade,
    gradeByScore: band.grade,
    ...(override && grade === override.grade && override.grade !== band.grade ? { override } : {}),
    indicators,
    lines
  }
}

/**
 * Scores every subject of an event list as of a date, grouping the events by subject once.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { prepare, scoreAll } from "@nongan/credit/Score"
 * const m = loadTemplate()
 * if (m.ok) scoreAll(prepare(m.value), [{ id: "E1", subject: "S1", type: "inspection.pass", on: "2025-03-01" as any }], "2025-06-01" as any).length // 1
 *
 * @since 0.1.0
 * @category constructors
 */
export const scoreAll = (p: Prepared, events: ReadonlyArray<CreditEvent>, asOf: CalendarDate): ReadonlyArray<Score> => {
  const by = new Map<string, Array<CreditEvent>>()
  for (const e of events) {
    const a = by.get(e.subject)
    if (a) a.push(e)
    else by.set(e.subject, [e])
  }
  return [...by.keys()].sort().map((s) => scoreAsOf(p, s, by.get(s)!, asOf))
}
