// The oracle of the judgement's differential test (JudgeDifferential.test.ts): `judgeAnalyte` as
// it was before the judgement plans (packages/residues/src/Judge.ts at 5a1a267), kept verbatim
// apart from its imports and names. Test-only: nothing in src/ imports it. Its memos (status
// timelines, limit fields) are its own, so it shares no cache with the code under test.
import { segmentAt } from "@nongan/core/Timeline"
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import type { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import * as Quantity from "@nongan/core/Quantity"
import type { Verification } from "@nongan/core/Verification"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { Analyte, DecisionRule, Tables } from "@nongan/residues/Judge"
import type { Resolution } from "@nongan/residues/LimitIndex"
import type { Measurement } from "@nongan/residues/Measurement"
import { SUM_POLICY } from "@nongan/residues/ResidueSum"
import type { StatusAnswer, StatusIndex, Subject } from "@nongan/substances/Status"

const ruleName = (r: DecisionRule): string =>
  r.kind === "reported-value" ? "reported-value" : `uncertainty(x-U>L, U=${Decimal.multiply(r.relative, Decimal.unsafeMake(100)).toString()}%)`

const subjectOf = (food: ResolvedFood, state: Analyte["state"]): Subject =>
  food.kind === "plant"
    ? { kind: "plant", path: food.path }
    : { kind: "animal", speciesPath: food.speciesPath, state: state === "none" ? undefined : state }

// A decimal whose nearest number is not 0 is not zero; only a 0 (or a magnitude below 1e-324)
// needs the exact test.
const isDetected = (m: Measurement): boolean =>
  m.kind === "detected" ||
  m.kind === "positive" ||
  (m.kind === "quantified" && (Decimal.toNumber(m.value.value) !== 0 || !Decimal.isZero(m.value.value)))

type StatusParts = Pick<StatusAnswer, "statuses" | "prohibited" | "reasons"> & {
  /** The first `therapy-only-not-detectable` entry of `statuses`. */
  readonly therapyOnly: StatusAnswer["statuses"][number] | undefined
}

interface StatusSegment {
  readonly from: string
  readonly answer: StatusParts
}

// A status answer changes only on the days an entry of the substance's history comes into or goes
// out of force (`statusOn` reads the date only through the entries' effective periods), so it is
// memoised per substance × subject as a timeline of segments, like limits (LimitIndex.lookup): a
// judgement then reads two maps and does one binary search instead of filtering the history.
// The subject is keyed by the food's id (its path is the catalogue's) and the animal's state.
const statusTimelines = new WeakMap<StatusIndex, Map<string, Map<string, ReadonlyArray<StatusSegment>>>>()

/** @internal The status of the analyte's substance for its food (and state) on its date, as `statusOn` answers it. */
const statusAt = (statuses: StatusIndex, substance: string, food: ResolvedFood, state: Analyte["state"], date: string): StatusParts => {
  let bySubstance = statusTimelines.get(statuses)
  if (!bySubstance) statusTimelines.set(statuses, (bySubstance = new Map()))
  let bySubject = bySubstance.get(substance)
  if (!bySubject) bySubstance.set(substance, (bySubject = new Map()))
  const key = food.kind === "plant" || state === undefined || state === "none" ? food.id : `${food.id}\u0000${state}`
  let segments = bySubject.get(key)
  if (!segments) {
    const subject = subjectOf(food, state)
    const bounds = new Set<string>()
    for (const e of statuses.history(substance)) {
      bounds.add(e.effective.from)
      if (e.effective.to !== undefined) bounds.add(addDays(e.effective.to as CalendarDate, 1))
    }
    // "" sorts before every date: the segment before any entry is in force
    segments = ["", ...[...bounds].sort()].map((from) => {
      const a = statuses.statusOn(substance, from, subject)
      const therapyOnly = a.statuses.find((e) => e.status === "therapy-only-not-detectable")
      return { from, answer: { statuses: a.statuses, prohibited: a.prohibited, reasons: a.reasons, therapyOnly } }
    })
    bySubject.set(key, segments)
  }
  // the first segment starts at "", before every date: there is always one in force
  return segmentAt(segments, date)!.answer
}

type LimitFields = Pick<Finding, "limit" | "unit" | "source" | "citation" | "verification" | "temporary" | "categoryPath">

const NO_LIMIT_FIELDS: LimitFields = {}

// Resolutions are memoised by the limit index (one object per timeline segment), so their fields
// are too. Built property by property: spreading a conditional object and then adding properties
// sends V8 down a slow path (several microseconds per call).
const limitFieldsMemo = new WeakMap<Resolution, LimitFields>()

const limitFields = (res: Resolution | undefined): LimitFields => {
  if (!res) return NO_LIMIT_FIELDS
  const hit = limitFieldsMemo.get(res)
  if (hit) return hit
  const row = res.limit.row
  const out: { -readonly [K in keyof LimitFields]: LimitFields[K] } = {}
  if (row.limit !== undefined) out.limit = Decimal.toNumber(row.limit)
  out.unit = row.unit
  out.source = res.limit.instrument
  out.citation = row.citation as Citation
  out.verification = row.verification as Verification
  if (row.temporary) out.temporary = true
  // frozen, so that every finding on this segment can share it (nothing mutable is shared)
  out.categoryPath = Object.freeze(res.path.slice(0, res.path.indexOf(res.matchedAt) + 1))
  limitFieldsMemo.set(res, out)
  return out
}

// A finding under construction. Findings are built property by property, in the order their
// keys have always had (JSON output keeps it): object spreads followed by more properties are a
// slow path in V8, and this function runs once per analyte.
type Draft = { -readonly [K in keyof Finding]: Finding[K] }

const draft = (code: string, outcome: Finding["outcome"], severity: Finding["severity"], a: Analyte): Draft => ({
  code,
  outcome,
  severity,
  substance: a.substance.id,
  food: a.food.id
})

const putLimitFields = (f: Draft, lf: LimitFields): void => {
  if (lf === NO_LIMIT_FIELDS) return
  if (lf.limit !== undefined) f.limit = lf.limit
  f.unit = lf.unit
  f.source = lf.source
  f.citation = lf.citation
  f.verification = lf.verification
  if (lf.temporary !== undefined) f.temporary = lf.temporary
  // shared by the findings of a timeline segment, and frozen: findings never share a mutable array
  f.categoryPath = lf.categoryPath
}

const putMeasured = (f: Draft, m: Measurement, unit: string | undefined): void => {
  if (m.kind !== "quantified") return
  const target = unit === "mg/kg" || unit === "ug/kg" ? unit : m.value.unit
  const q = Quantity.convert(m.value, target)!
  f.measured = Decimal.toNumber(q.value)
  f.unit = target
}

// x ÷ limit rounded half-up to 4 places, as a number: what
// `Decimal.toNumber(Decimal.divide(x, limit, 4))` gives, without big.js's long division when both
// coefficients are small (the usual case: values and limits have a few significant digits). The
// quotient is then an exact integer computation, and q / 10⁴ is the double nearest the 4-place
// decimal (IEEE division rounds correctly, as Number() of its decimal string does).
const SMALL = 2 ** 52
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]
interface BigParts {
  readonly c: ReadonlyArray<number>
  readonly e: number
  readonly s: number
}
const coefficient = (b: BigParts): number => {
  const c = b.c
  if (c.length > 15) return -1
  let n = 0
  for (let i = 0; i < c.length; i++) n = n * 10 + c[i]!
  return n
}
/** @internal */
const ratio4 = (x: Decimal.Decimal, limit: Decimal.Decimal): number => {
  const bx = (x as unknown as { readonly big: BigParts }).big
  const bl = (limit as unknown as { readonly big: BigParts }).big
  const cx = coefficient(bx)
  const cl = coefficient(bl)
  if (bx.s === 1 && bl.s === 1 && cx > 0 && cl > 0) {
    // x = cx·10^px, limit = cl·10^pl; ratio·10⁴ = cx·10^k / cl with k = px − pl + 4
    const k = bx.e - bx.c.length + 1 - (bl.e - bl.c.length + 1) + 4
    if (k >= -22 && k <= 22) {
      const n = k >= 0 ? cx * POW10[k]! : cx
      const d = k >= 0 ? cl : cl * POW10[-k]!
      if (n < SMALL && d < SMALL) {
        let q = Math.floor(n / d)
        let r = n - q * d
        if (r < 0) {
          q--
          r += d
        } else if (r >= d) {
          q++
          r -= d
        }
        if (2 * r >= d) q++
        return q / 1e4
      }
    }
  }
  return Decimal.toNumber(Decimal.divide(x, limit, 4))
}

const withValue = (values: Record<string, unknown> | undefined, key: string, value: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = values === undefined ? {} : Object.assign({}, values)
  out[key] = value
  return out
}

const LEVEL_RANK: Record<string, number> = { "official-text": 0, secondary: 1, unverified: 2, uncertain: 3 }

/** The reason a prohibited-use finding cites first: best verified, then a full ban, then the most recent. */
const primaryReason = <R extends { readonly verification: string; readonly status: string; readonly effective: { readonly from: string } }>(reasons: ReadonlyArray<R>): R =>
  [...reasons].sort(
    (x, y) =>
      LEVEL_RANK[x.verification]! - LEVEL_RANK[y.verification]! ||
      (x.status === "banned" ? 0 : 1) - (y.status === "banned" ? 0 : 1) ||
      (x.effective.from < y.effective.from ? 1 : x.effective.from > y.effective.from ? -1 : 0)
  )[0]!

/** Whether a quantified value is within an overridden 再残留限量 (EMRL), by the decision rule. */
const withinEmrl = (r: Resolution, m: Measurement, a: Analyte, rule: DecisionRule): boolean => {
  const row = r.limit.row
  if (row.extraneous !== true || row.limit === undefined || m.kind !== "quantified") return false
  const x = Quantity.convert(m.value, row.unit)!.value
  if (Decimal.compare(x, row.limit) <= 0) return true
  if (rule.kind === "reported-value") return false
  return Decimal.compare(Decimal.subtract(x, Decimal.multiply(x, a.uncertainty ?? rule.relative)), row.limit) <= 0
}

/**
 * Judges one analyte: the residue finding (not detected, within limit, exceeds, must not be
 * detected, no limit, detected but not quantified — a laboratory `检出` against a numeric limit,
 * a warning —; or a screen result for rapid tests) and, when a substance whose use was
 * prohibited there on that date is detected, an illegal-use finding routed to criminal referral
 * (立案追诉 has no quantity threshold) — except for a residue within a 再残留限量 (EMRL), which
 * GB 2763 sets precisely because banned persistent pesticides remain in the environment.
 *
 * @example
 * import { judgeAnalyte } from "@nongan/residues/Judge"
 * typeof judgeAnalyte // "function" — see test/Judge.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const referenceJudgeAnalyte = (tables: Tables, a: Analyte, rule: DecisionRule = { kind: "reported-value" }): ReadonlyArray<Finding> => {
  const res = tables.limits.lookup(a.substance.id, a.food, a.date)
  const m = a.measurement
  const detected = isDetected(m)
  // the status matters only for a detection (illegal use, 表3 不得检出): not read otherwise
  const status = detected && a.method !== "rapid" ? statusAt(tables.statuses, a.substance.id, a.food, a.state, a.date) : undefined
  const lf = limitFields(res)
  let values: Record<string, unknown> | undefined
  if (a.sum) values = { sumPolicy: SUM_POLICY, components: a.sum.parts, lowerBound: a.sum.lowerBound }
  if (m.kind === "not-detected" && m.below) (values ??= {}).reportingLimit = Quantity.format(m.below)
  const out: Array<Finding> = []

  if (a.method === "rapid") {
    let positive = detected
    if (m.kind === "quantified" && res?.limit.row.limit !== undefined && !res.mustNotDetect) {
      const cmp = Quantity.compare(m.value, { value: res.limit.row.limit, unit: res.limit.row.unit })
      positive = cmp === 1
    }
    const f = draft(
      positive ? "residue.screen-positive" : "residue.screen-negative",
      positive ? "screen-positive" : "screen-negative",
      positive ? "warning" : "info",
      a
    )
    putLimitFields(f, lf)
    putMeasured(f, m, lf.unit)
    f.decisionRule = "rapid-screen"
    if (positive) f.referral = "confirm-by-lab"
    if (values) f.values = values
    out.push(f)
    return out
  }

  const therapyOnly = status?.therapyOnly
  if (!detected) {
    // "<0.05" against a limit of 0.02 shows nothing: the method could not see the limit
    const blind =
      m.kind === "not-detected" && m.below !== undefined && res?.limit.row.limit !== undefined && !res.mustNotDetect &&
      Quantity.compare(m.below, { value: res.limit.row.limit, unit: res.limit.row.unit }) === 1
    const f = blind ? draft("residue.inconclusive", "inconclusive", "warning", a) : draft("residue.not-detected", "not-detected", "info", a)
    putLimitFields(f, lf)
    f.decisionRule = ruleName(rule)
    if (blind) f.values = withValue(values, "reason", "reporting-limit-above-limit")
    else if (values) f.values = values
    out.push(f)
  } else if (res?.mustNotDetect || (!res && therapyOnly)) {
    const why = res?.because ?? "must-not-detect"
    const f = draft("residue.must-not-detect", "detected-must-not-detect", "violation", a)
    if (res) putLimitFields(f, lf)
    else {
      f.citation = therapyOnly!.citation
      f.source = therapyOnly!.citation.instrument
      f.verification = therapyOnly!.verification
    }
    putMeasured(f, m, lf.unit)
    f.decisionRule = "detected-vs-must-not-detect"
    f.referral = "administrative"
    f.values = values === undefined ? { because: why } : withValue(values, "because", why)
    out.push(f)
  } else if (!res || res.limit.row.limit === undefined) {
    // "no limit" is a statement of law only where the table of an instrument in force is held
    // whole for this substance; otherwise nongan simply does not hold the row
    // a drug of an MRL-exempt list (GB 31650-2019 表2) on a species its entry covers needs no limit
    const exemption = res === undefined ? tables.exempt?.lookup(a.substance.id, a.food, a.state, a.date) : undefined
    if (exemption !== undefined) {
      const e = exemption.entry
      const f = draft("residue.no-limit", "no-limit", "warning", a)
      putMeasured(f, m, undefined)
      f.source = exemption.instrument
      f.citation = e.citation as Citation
      f.verification = e.verification as Verification
      f.decisionRule = ruleName(rule)
      const ex: Record<string, unknown> = {
        exempt: true,
        exemptList: `${exemption.instrument} ${exemption.table}`,
        species: exemption.species,
        conditions: e.conditions === null ? "not-read" : e.conditions
      }
      if (e.conditions === null) ex.note = "其他规定 (conditions) of this entry not read: the exemption holds only under the conditions the table sets"
      f.values = values === undefined ? ex : Object.assign({}, values, ex)
      out.push(f)
    } else {
      const coverage = tables.limits.coverageOn(a.substance.id, a.date)
      const whole = coverage.filter((c) => c.whole)
      const f =
        whole.length > 0
          ? draft("residue.no-limit", "no-limit", "warning", a)
          : draft("residue.limit-not-held", "limit-not-held", "warning", a)
      putMeasured(f, m, undefined)
      f.decisionRule = ruleName(rule)
      if (whole.length > 0) f.source = whole.map((c) => c.instrument).join(", ")
      const cov =
        whole.length > 0
          ? { tablesHeldWhole: whole.map((c) => c.instrument) }
          : { coverage: coverage.filter((c) => c.rows > 0).map((c) => ({ instrument: c.instrument, rowsHeld: c.rows, heldWhole: false })) }
      f.values = values === undefined ? cov : Object.assign({}, values, cov)
      out.push(f)
    }
  } else if (m.kind !== "quantified") {
    // `检出` with no number against a numeric limit: the comparison cannot be made (not a rapid
    // screen: a laboratory result that must be quantified before it can be judged)
    const f = draft("residue.not-quantified", "detected-not-quantified", "warning", a)
    putLimitFields(f, lf)
    f.decisionRule = ruleName(rule)
    f.values = withValue(values, "reason", "detected-not-quantified")
    out.push(f)
  } else {
    const limit = { value: res.limit.row.limit, unit: res.limit.row.unit }
    const x = Quantity.convert(m.value, limit.unit)!
    let outcome: "within-limit" | "exceeds-limit" | "exceeds-within-uncertainty"
    if (Decimal.compare(x.value, limit.value) <= 0) outcome = "within-limit"
    else if (rule.kind === "reported-value") outcome = "exceeds-limit"
    else {
      const rel = a.uncertainty ?? rule.relative
      const lower = Decimal.subtract(x.value, Decimal.multiply(x.value, rel))
      outcome = Decimal.compare(lower, limit.value) > 0 ? "exceeds-limit" : "exceeds-within-uncertainty"
    }
    const f = draft(`residue.${outcome}`, outcome, outcome === "within-limit" ? "info" : outcome === "exceeds-limit" ? "violation" : "warning", a)
    putLimitFields(f, lf)
    f.measured = Decimal.toNumber(x.value)
    f.decisionRule = ruleName(rule)
    if (outcome === "exceeds-limit") f.referral = "administrative"
    const ratioToLimit = ratio4(x.value, limit.value)
    f.values = values === undefined ? { ratioToLimit } : withValue(values, "ratioToLimit", ratioToLimit)
    out.push(f)
  }

  // A 再残留限量 (EMRL) exists because a banned, persistent pesticide is still in the environment:
  // detection up to the EMRL is environmental residue, not evidence of use.
  // (under the uncertainty rule, a value not beyond doubt above the EMRL is not evidence of use either)
  // A stricter regional row over an EMRL (a county's 不得检出 or lower limit) does not make a residue
  // within the national EMRL evidence of use: the residue is as environmental as it was.
  const environmental =
    res?.limit.row.extraneous === true
      ? out.some((f) => f.outcome === "within-limit" || f.outcome === "exceeds-within-uncertainty")
      : res?.overrides !== undefined && res.overrides.some((o) => withinEmrl(o.resolution, m, a, rule))
  if (status?.prohibited && !environmental) {
    const reasons = status.reasons
    // Any one prohibition suffices, so the finding rests on its best-verified reason; among equals a
    // full ban before a scope ban, then the most recent.
    const primary = primaryReason(reasons)
    const f = draft("residue.prohibited-use", "prohibited-substance-detected", "critical", a)
    putMeasured(f, m, lf.unit)
    if (lf.limit !== undefined) f.limit = lf.limit
    f.source = primary.citation.instrument
    f.citation = primary.citation
    f.citations = reasons.map((r) => r.citation)
    f.verification = primary.verification
    f.decisionRule = "detected-after-prohibition"
    f.referral = "criminal-referral"
    f.values = { statuses: reasons.map((r) => ({ id: r.id, status: r.status, from: r.effective.from })) }
    out.push(f)
  }
  return out
}
