import { lineage } from "@nongan/core/Ids"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { CreditModel, CreditPack, Evidence } from "./Model"

/**
 * "Stricter", precisely. A pack P over a model M is stricter when, on every set of events, the
 * composed model never scores a subject higher, never grades it better, never lists it red when M
 * does not, never lists it black for a shorter time, and never inspects it less often. The check
 * enforces sufficient conditions, each on data:
 *
 * 1. base score: P's ≤ M's (floor and ceiling cannot change);
 * 2. effective points (indicator weight × evidence points) of every evidence type: P's ≤ M's,
 *    signed (a penalty may grow, a reward may shrink); a new type may only take points (≤ 0);
 *    changing a weight is checked through these effective points, never on its own;
 * 3. windows: a type that takes points in both layers may only last longer; one that gives points
 *    in the composed layer may only last shorter; one that gives nothing may last any time;
 * 4. caps: an indicator's `minus` cap may only grow, its `plus` cap only shrink;
 * 5. bands: the same grades in the same order, each minimum ≥ M's;
 * 6. overrides: M's stay, a lock may only lengthen, the grade may only get worse; new ones may be added;
 * 7. repair: a type's minimum delay may only lengthen, repair may be forbidden, a new repairable type may not be added;
 * 8. lists: black entry rules may be added, black exit may only get later, red `cleanDays` only longer;
 * 9. supervision: each grade's multiplier ≥ M's; reduced inspection harder to reach and tightened
 *    easier (consecutive passes ≥, failures ≤, window ≥, tightened → normal passes ≥, switching
 *    multipliers ≥).
 *
 * Under 1–7 every indicator sum, hence every clamped contribution and the total, is ≤ M's, and
 * the grade is at best M's (tests check this on random histories).
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * import { layer } from "@nongan/credit/Compose"
 * const m = loadTemplate()
 * if (m.ok) {
 *   const r = layer(m.value, { kind: "credit-pack", id: "loose", jurisdiction: "330100", parent: "000000", name: "x", version: "1",
 *     effective: { from: "2024-01-01" }, source: { instrument: "x" }, verification: "unverified", scale: { base: 110 } })
 *   r.ok // false: a higher base score loosens
 * }
 *
 * @since 0.1.0
 * @category combinators
 */
export const layer = (m: CreditModel, p: CreditPack): Result<CreditModel, NonganError> => {
  const errors: Array<NonganError> = []
  const loosens = (path: ReadonlyArray<string | number>, name: string, detail: string) =>
    errors.push(make("pack-loosens", [p.id, ...path], { layer: p.id, parent: m.id, name, detail }))

  const base = p.scale?.base ?? m.scale.base
  if (base > m.scale.base) loosens(["scale", "base"], "base", `${base} > ${m.scale.base}`)

  const indicators = new Map(m.indicators.map((i) => [i.id, i]))
  for (const [k, i] of (p.indicators ?? []).entries()) {
    const old = indicators.get(i.id)
    if (old) {
      if (i.cap.minus < old.cap.minus) loosens(["indicators", k, "cap", "minus"], i.id, `${i.cap.minus} < ${old.cap.minus}`)
      if (i.cap.plus > old.cap.plus) loosens(["indicators", k, "cap", "plus"], i.id, `${i.cap.plus} > ${old.cap.plus}`)
    }
    indicators.set(i.id, i)
  }
  const weightOf = (ind: string, src: ReadonlyMap<string, { readonly weight: number }>) => src.get(ind)?.weight ?? 0
  const oldIndicators = new Map(m.indicators.map((i) => [i.id, i]))
  const evidence = new Map<string, Evidence>(m.evidence.map((e) => [e.type, e]))
  for (const [k, e] of (p.evidence ?? []).entries()) {
    if (!indicators.has(e.indicator)) errors.push(make("pack-unknown-reference", [p.id, "evidence", k, "indicator"], { name: e.indicator }))
    evidence.set(e.type, e)
  }
  // effective points and windows of every type, including types whose indicator weight changed
  for (const [type, e] of evidence) {
    const old = m.evidence.find((x) => x.type === type)
    const eff = weightOf(e.indicator, indicators) * e.points
    if (old === undefined) {
      if (eff > 0) loosens(["evidence", type], type, `new type gives ${eff} points`)
      continue
    }
    const effOld = weightOf(old.indicator, oldIndicators) * old.points
    if (eff > effOld) loosens(["evidence", type, "points"], type, `${eff} > ${effOld}`)
    // a penalty (in both) may only last longer; a reward (in both) only shorter; a reward turned
    // into a penalty or nothing may last any time, since it is then never above the old value
    if (eff < 0 && effOld < 0 && e.windowDays < old.windowDays) loosens(["evidence", type, "windowDays"], type, `${e.windowDays} < ${old.windowDays}`)
    if (eff > 0 && e.windowDays > old.windowDays) loosens(["evidence", type, "windowDays"], type, `${e.windowDays} > ${old.windowDays}`)
  }

  const grades = p.grades ?? m.grades
  if (grades.map((g) => g.grade).join() !== m.grades.map((g) => g.grade).join()) loosens(["grades"], "grades", "a layer must keep the grade scale")
  else grades.forEach((g, k) => g.min < m.grades[k]!.min && loosens(["grades", k, "min"], g.grade, `${g.min} < ${m.grades[k]!.min}`))
  const rankOf = (g: string) => m.grades.findIndex((x) => x.grade === g)

  const overrides = new Map(m.overrides.map((o) => [o.id, o]))
  for (const [k, o] of (p.overrides ?? []).entries()) {
    const old = overrides.get(o.id)
    if (rankOf(o.grade) < 0) errors.push(make("pack-unknown-reference", [p.id, "overrides", k, "grade"], { name: o.grade }))
    if (old) {
      if (o.lockDays < old.lockDays) loosens(["overrides", k, "lockDays"], o.id, `${o.lockDays} < ${old.lockDays}`)
      if (rankOf(o.grade) < rankOf(old.grade)) loosens(["overrides", k, "grade"], o.id, `${o.grade} better than ${old.grade}`)
      if (old.types.some((t) => !o.types.includes(t))) loosens(["overrides", k, "types"], o.id, "drops a trigger")
    }
    overrides.set(o.id, o)
  }

  const repair = new Map(m.repair.map((r) => [r.type, r]))
  for (const [k, r] of (p.repair ?? []).entries()) {
    const old = repair.get(r.type)
    if (r.forbid === true) {
      repair.delete(r.type)
      continue
    }
    if (old === undefined) loosens(["repair", k], r.type, "new repairable type")
    else if ((r.minDays ?? old.minDays) < old.minDays) loosens(["repair", k, "minDays"], r.type, `${r.minDays} < ${old.minDays}`)
    else repair.set(r.type, { ...old, minDays: r.minDays ?? old.minDays, label: r.label })
  }

  const lists = m.lists.map((l) => ({ ...l }))
  for (const [k, pl] of (p.lists ?? []).entries()) {
    const i = lists.findIndex((l) => l.id === pl.id)
    if (i < 0) {
      errors.push(make("pack-unknown-reference", [p.id, "lists", k, "id"], { name: pl.id }))
      continue
    }
    const l = lists[i]!
    if (l.kind === "red" && pl.entry !== undefined) loosens(["lists", k, "entry"], pl.id, "a layer may not add ways onto a red list")
    if (pl.exitAfterDays !== undefined && l.exitAfterDays !== undefined && pl.exitAfterDays < l.exitAfterDays) loosens(["lists", k, "exitAfterDays"], pl.id, `${pl.exitAfterDays} < ${l.exitAfterDays}`)
    if (pl.cleanDays !== undefined && l.red && pl.cleanDays < l.red.cleanDays) loosens(["lists", k, "cleanDays"], pl.id, `${pl.cleanDays} < ${l.red.cleanDays}`)
    lists[i] = {
      ...l,
      ...(l.kind === "black" && pl.entry ? { entry: [...(l.entry ?? []), ...pl.entry.map((e) => ({ ...e, note: `${e.note ? `${e.note}; ` : ""}layer ${p.id}` }))] } : {}),
      ...(pl.exitAfterDays !== undefined ? { exitAfterDays: pl.exitAfterDays } : {}),
      ...(pl.cleanDays !== undefined && l.red ? { red: { ...l.red, cleanDays: pl.cleanDays } } : {})
    }
  }

  const sv = m.supervision
  const svGrades = sv.grades.map((g) => {
    const o = p.supervision?.grades?.find((x) => x.grade === g.grade)
    if (o && o.multiplier < g.multiplier) loosens(["supervision", "grades", g.grade], g.grade, `${o.multiplier} < ${g.multiplier}`)
    return o ?? g
  })
  const sw = { ...sv.switching, ...(p.supervision?.switching ?? {}) }
  const o = sv.switching
  if (sw.normalToReduced.consecutivePasses < o.normalToReduced.consecutivePasses) loosens(["supervision", "switching", "normalToReduced"], "normalToReduced", "fewer passes")
  if (sw.normalToTightened.failures > o.normalToTightened.failures || sw.normalToTightened.ofLast < o.normalToTightened.ofLast) loosens(["supervision", "switching", "normalToTightened"], "normalToTightened", "harder to tighten")
  if (sw.tightenedToNormal.consecutivePasses < o.tightenedToNormal.consecutivePasses) loosens(["supervision", "switching", "tightenedToNormal"], "tightenedToNormal", "fewer passes")
  if (o.reducedOnFailure === "tightened" && sw.reducedOnFailure === "normal") loosens(["supervision", "switching", "reducedOnFailure"], "reducedOnFailure", "tightened → normal")
  for (const s of ["reduced", "normal", "tightened"] as const)
    if (sw.multipliers[s] < o.multipliers[s]) loosens(["supervision", "switching", "multipliers", s], s, `${sw.multipliers[s]} < ${o.multipliers[s]}`)
  const require = [...(sv.require ?? []), ...(p.supervision?.require ?? []).map((r) => ({ ...r, layer: p.id }))]
  const normal = svGrades.find((g) => g.direction === "normal")?.multiplier ?? 1
  for (const r of require)
    for (const g of r.grades) {
      const row = svGrades.find((x) => x.grade === g)
      if (row === undefined || row.multiplier <= normal)
        errors.push(make("pack-loosens", [p.id, "supervision", "require", g], { layer: r.layer ?? p.id, parent: m.id, name: g, detail: `${r.label}: multiplier ${row?.multiplier ?? "none"} is not above normal ${normal}` }))
    }

  if (errors.length > 0) return fail(...errors)
  return ok({
    ...m,
    id: `${m.id}+${p.id}`,
    jurisdiction: p.jurisdiction,
    template: m.template,
    scale: { ...m.scale, base },
    indicators: [...indicators.values()],
    evidence: [...evidence.values()],
    overrides: [...overrides.values()],
    grades,
    repair: [...repair.values()],
    lists,
    supervision: { ...sv, grades: svGrades, switching: sw, require },
    layers: [...(m.layers ?? [m.id]), p.id]
  })
}

/**
 * Composes the model for a region on a date: the national model, then each pack of the region's
 * lineage (province → city → county) in force on the date, each checked to be stricter than the
 * layer below it. A pack whose parent is not in the lineage is an error.
 *
 * @example
 * import { loadTemplate, loadPacks } from "@nongan/credit/Load"
 * import { composeFor } from "@nongan/credit/Compose"
 * const m = loadTemplate(), p = loadPacks()
 * if (m.ok && p.ok) {
 *   const r = composeFor(m.value, p.value, "330106", "2025-01-01")
 *   if (r.ok) r.value.layers // ["cn-credit-template", "cn-330000-credit-2020"]
 * }
 *
 * @since 0.1.0
 * @category combinators
 */
export const composeFor = (national: CreditModel, packs: ReadonlyArray<CreditPack>, region: string, on: string): Result<CreditModel, NonganError> => {
  let m: CreditModel = { ...national, layers: [national.id] }
  const chain = lineage(/^\d{6}$/.test(region) ? region : "000000")
  for (const j of chain.slice(1)) {
    for (const p of packs.filter((x) => x.jurisdiction === j && x.effective.from <= on && (x.effective.to === undefined || on <= x.effective.to))) {
      if (!chain.includes(p.parent)) return fail(make("pack-unknown-parent", [p.id, "parent"], { name: p.parent }))
      const r = layer(m, p)
      if (!r.ok) return r
      m = r.value
    }
  }
  return ok(m)
}
