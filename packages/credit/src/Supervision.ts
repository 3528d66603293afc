import type { CalendarDate } from "@nongan/core/CalendarDate"
import type { CreditModel } from "./Model"

/**
 * A switching state in the manner of ISO 2859: `reduced`, `normal` or `tightened` inspection.
 *
 * @example
 * import type { SwitchState } from "@nongan/credit/Supervision"
 * const s: SwitchState = "tightened"
 * s // "tightened"
 *
 * @since 0.1.0
 * @category models
 */
export type SwitchState = "reduced" | "normal" | "tightened"

/**
 * The switching state after a history of inspections (pass or fail, in date order, up to and
 * including `asOf`), with every transition and the rule that made it.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { switching } from "@nongan/credit/Supervision"
 * const m = loadTemplate()
 * if (m.ok) switching(m.value, [{ on: "2025-01-01" as any, passed: false }, { on: "2025-02-01" as any, passed: false }], "2025-03-01" as any).state // "tightened"
 *
 * @since 0.1.0
 * @category combinators
 */
export const switching = (
  m: CreditModel,
  inspections: ReadonlyArray<{ readonly on: CalendarDate; readonly passed: boolean }>,
  asOf: CalendarDate
): { readonly state: SwitchState; readonly transitions: ReadonlyArray<{ readonly on: CalendarDate; readonly from: SwitchState; readonly to: SwitchState; readonly rule: string }> } => {
  const r = m.supervision.switching
  let state: SwitchState = r.start
  let run = 0
  let recent: Array<boolean> = []
  const transitions: Array<{ on: CalendarDate; from: SwitchState; to: SwitchState; rule: string }> = []
  const go = (on: CalendarDate, to: SwitchState, rule: string) => {
    transitions.push({ on, from: state, to, rule })
    state = to
    run = 0
    recent = []
  }
  for (const i of [...inspections].filter((x) => x.on <= asOf).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) {
    run = i.passed ? run + 1 : 0
    recent = [...recent, i.passed].slice(-r.normalToTightened.ofLast)
    if (state === "normal") {
      if (recent.filter((x) => !x).length >= r.normalToTightened.failures) go(i.on, "tightened", `${r.normalToTightened.failures} failures of the last ${r.normalToTightened.ofLast}`)
      else if (run >= r.normalToReduced.consecutivePasses) go(i.on, "reduced", `${r.normalToReduced.consecutivePasses} consecutive passes`)
    } else if (state === "tightened") {
      if (run >= r.tightenedToNormal.consecutivePasses) go(i.on, "normal", `${r.tightenedToNormal.consecutivePasses} consecutive passes`)
    } else if (!i.passed) go(i.on, r.reducedOnFailure, "a failure under reduced inspection")
  }
  return { state, transitions }
}

/**
 * The supervision frequency for a grade and switching state: the grade's multiplier × the
 * state's multiplier, with the direction the policy states (lower / normal / higher). The
 * sampling allocation reads `weight` as a subject's relative draw weight.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { frequency } from "@nongan/credit/Supervision"
 * const m = loadTemplate()
 * if (m.ok) frequency(m.value, "D", "tightened").weight // 4
 *
 * @since 0.1.0
 * @category combinators
 */
export const frequency = (m: CreditModel, grade: string, state: SwitchState = "normal"): { readonly grade: string; readonly state: SwitchState; readonly direction: string; readonly weight: number } => {
  const g = m.supervision.grades.find((x) => x.grade === grade)
  const mult = g?.multiplier ?? Math.max(...m.supervision.grades.map((x) => x.multiplier))
  return { grade, state, direction: g?.direction ?? "higher", weight: Math.round(mult * m.supervision.switching.multipliers[state] * 1000) / 1000 }
}

/**
 * Allocation cells for the sampling allocation (`@nongan/sampling/Allocate`): one cell per
 * subject, weighted by its supervision weight (grade × switching state), with the basis named.
 * Weights are written as decimals, as the allocation expects.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { allocationCells } from "@nongan/credit/Supervision"
 * const m = loadTemplate()
 * if (m.ok) allocationCells(m.value, [{ subject: "S1", grade: "D" }, { subject: "S2", grade: "A", state: "reduced" }]).map((c) => c.weight) // ["2", "0.25"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const allocationCells = (
  m: CreditModel,
  subjects: ReadonlyArray<{ readonly subject: string; readonly grade: string; readonly state?: SwitchState }>
): ReadonlyArray<{ readonly key: string; readonly weight: string; readonly basis: string }> =>
  subjects.map((s) => {
    const f = frequency(m, s.grade, s.state ?? "normal")
    return { key: s.subject, weight: String(f.weight), basis: `credit ${f.grade} ${f.direction}, ${f.state} inspection (${m.id})` }
  })
