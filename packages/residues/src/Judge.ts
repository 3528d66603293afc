import { segmentAt } from "@nongan/core/Timeline"
import type { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import type { NameReading } from "@nongan/core/NameReading"
import { make, type NonganError, type Path, prefix } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import { fromFindings, type RecordReport } from "@nongan/core/Verdict"
import { type Verification, weakest } from "@nongan/core/Verification"
import type { FoodCatalogue, LocalName, ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { StatusAnswer, StatusIndex } from "@nongan/substances/Status"
import type { Substance, SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { type InspectionRecord, withReportingLimit } from "./Inspection"
import type { ExemptIndex } from "./ExemptList"
import type { LimitIndex, Resolution } from "./LimitIndex"
import { concentrationShift, coefficient, fastShifted, measuredIn, partsOf, ratio4Of } from "./internal/digits"
import { coverageAt, type LimitView, limitView, type Plans, planFor, plansFor, segmentOn, type StatusParts, statusSegments } from "./internal/plan"
import { duplicate, mismatches, readNote, unreadable } from "./internal/problems"
import { type Measurement, parse, read } from "./Measurement"
import { sum, SUM_POLICY } from "./ResidueSum"

/**
 * The tables a judgement reads.
 *
 * @since 0.1.0
 * @category models
 */
export interface Tables {
  readonly foods: FoodCatalogue
  readonly substances: SubstanceCatalogue
  readonly statuses: StatusIndex
  readonly limits: LimitIndex
  /** MRL-exempt lists (GB 31650-2019 表2); read only where a detected substance has no row in force */
  readonly exempt?: ExemptIndex | undefined
}

/**
 * How a measured value is compared with a limit.
 *
 * - `reported-value` (default): the reported value is compared with the limit, as Chinese
 *   official sampling notices do (检验结果 > 标准值 ⇒ 不合格).
 * - `uncertainty`: non-compliant only when `x − U > limit`, with `U = relative × x` (the EU
 *   SANTE practice uses 50 %); `limit < x ≤ limit + U` is `exceeds-within-uncertainty`.
 *
 * @example
 * import type { DecisionRule } from "@nongan/residues/Judge"
 * import { unsafeMake } from "@nongan/core/Decimal"
 * const mu: DecisionRule = { kind: "uncertainty", relative: unsafeMake("0.5") }
 *
 * @since 0.1.0
 * @category models
 */
export type DecisionRule = { readonly kind: "reported-value" } | { readonly kind: "uncertainty"; readonly relative: Decimal.Decimal }

/**
 * The name of a decision rule as findings print it.
 *
 * @example
 * import { ruleName } from "@nongan/residues/Judge"
 * ruleName({ kind: "reported-value" }) // "reported-value"
 *
 * @since 0.1.0
 * @category combinators
 */
export const ruleName = (r: DecisionRule): string =>
  r.kind === "reported-value" ? "reported-value" : `uncertainty(x-U>L, U=${Decimal.multiply(r.relative, Decimal.unsafeMake(100)).toString()}%)`

/**
 * One analyte, ready to judge.
 *
 * @since 0.1.0
 * @category models
 */
export interface Analyte {
  readonly substance: Substance
  readonly food: ResolvedFood
  readonly date: string
  readonly method: "lab" | "rapid"
  readonly measurement: Measurement
  readonly state?: "laying" | "lactating" | "none" | undefined
  readonly uncertainty?: Decimal.Decimal | undefined
  readonly sum?: { readonly parts: ReadonlyArray<unknown>; readonly lowerBound: boolean } | undefined
  /** how the names and the value were read, when a reading changed anything (see {@link markRead}) */
  readonly read?: Finding["read"] | undefined
}

// A decimal whose nearest number is not 0 is not zero; only a 0 (or a magnitude below 1e-324)
// needs the exact test.
const isDetected = (m: Measurement): boolean =>
  m.kind === "detected" ||
  m.kind === "positive" ||
  (m.kind === "quantified" && (Decimal.toNumber(m.value.value) !== 0 || !Decimal.isZero(m.value.value)))

/** @internal The status of the analyte's substance for its food (and state) on its date, as `statusOn` answers it. */
export const statusAt = (statuses: StatusIndex, substance: string, food: ResolvedFood, state: Analyte["state"], date: string): StatusParts =>
  // the first segment starts at "", before every date: there is always one in force
  segmentAt(statusSegments(statuses, substance, food, state), date)!.answer

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

const putLimitFields = (f: Draft, lf: LimitView): void => {
  if (lf.unit === undefined) return
  if (lf.limit !== undefined) f.limit = lf.limit
  f.unit = lf.unit
  f.source = lf.source
  f.citation = lf.citation
  f.verification = lf.verification
  if (lf.temporary !== undefined) f.temporary = lf.temporary
  f.categoryPath = lf.categoryPath
}

// A finding with a limit's fields, as `draft` then `putLimitFields` build it, written as one object
// literal for the usual shape (a numeric limit, not temporary) so that V8 allocates it whole.
const drafted = (code: string, outcome: Finding["outcome"], severity: Finding["severity"], a: Analyte, lf: LimitView): Draft => {
  if (lf.limit !== undefined && lf.temporary === undefined)
    return {
      code,
      outcome,
      severity,
      substance: a.substance.id,
      food: a.food.id,
      limit: lf.limit,
      unit: lf.unit,
      source: lf.source,
      citation: lf.citation,
      verification: lf.verification,
      categoryPath: lf.categoryPath
    }
  const f = draft(code, outcome, severity, a)
  putLimitFields(f, lf)
  return f
}

// The findings of the usual judgements (nothing detected; a value against a numeric limit, not
// temporary) as whole object literals, with the keys in the order `drafted` and the assignments
// after it give them: one allocation each, and one hidden class per shape.

/** A not-detected (or inconclusive) finding: the limit's fields, the decision rule, the values when there are any. */
const unseen = (code: string, outcome: Finding["outcome"], severity: Finding["severity"], a: Analyte, lf: LimitView, decisionRule: string, values: Record<string, unknown> | undefined): Finding => {
  if (lf.unit === undefined)
    return values === undefined
      ? { code, outcome, severity, substance: a.substance.id, food: a.food.id, decisionRule }
      : { code, outcome, severity, substance: a.substance.id, food: a.food.id, decisionRule, values }
  if (lf.limit !== undefined && lf.temporary === undefined)
    return values === undefined
      ? {
          code,
          outcome,
          severity,
          substance: a.substance.id,
          food: a.food.id,
          limit: lf.limit,
          unit: lf.unit,
          source: lf.source,
          citation: lf.citation,
          verification: lf.verification,
          categoryPath: lf.categoryPath,
          decisionRule
        }
      : {
          code,
          outcome,
          severity,
          substance: a.substance.id,
          food: a.food.id,
          limit: lf.limit,
          unit: lf.unit,
          source: lf.source,
          citation: lf.citation,
          verification: lf.verification,
          categoryPath: lf.categoryPath,
          decisionRule,
          values
        }
  const f = drafted(code, outcome, severity, a, lf)
  f.decisionRule = decisionRule
  if (values !== undefined) f.values = values
  return f
}

/** A value judged against a numeric limit: the limit's fields, the value, the decision rule, the referral of an excess, the ratio. */
const compared = (
  code: string,
  outcome: Finding["outcome"],
  severity: Finding["severity"],
  a: Analyte,
  lf: LimitView,
  measured: number,
  decisionRule: string,
  referral: boolean,
  values: Record<string, unknown>
): Finding => {
  if (lf.temporary === undefined)
    return referral
      ? {
          code,
          outcome,
          severity,
          substance: a.substance.id,
          food: a.food.id,
          limit: lf.limit,
          unit: lf.unit,
          source: lf.source,
          citation: lf.citation,
          verification: lf.verification,
          categoryPath: lf.categoryPath,
          measured,
          decisionRule,
          referral: "administrative",
          values
        }
      : {
          code,
          outcome,
          severity,
          substance: a.substance.id,
          food: a.food.id,
          limit: lf.limit,
          unit: lf.unit,
          source: lf.source,
          citation: lf.citation,
          verification: lf.verification,
          categoryPath: lf.categoryPath,
          measured,
          decisionRule,
          values
        }
  const f = drafted(code, outcome, severity, a, lf)
  f.measured = measured
  f.decisionRule = decisionRule
  if (referral) f.referral = "administrative"
  f.values = values
  return f
}

const putMeasured = (f: Draft, m: Measurement, unit: string | undefined): void => {
  if (m.kind !== "quantified") return
  const target = unit === "mg/kg" || unit === "ug/kg" ? unit : m.value.unit
  f.measured = measuredIn(m.value, target)
  f.unit = target
}

/** The integer ratio of a decimal (× 10^shift) to a limit's value, NaN where it does not apply. */
const ratioToView = (x: Decimal.Decimal, shift: number, lf: LimitView): number => {
  const bx = partsOf(x)
  return bx.s === 1 ? ratio4Of(coefficient(bx), bx.e + shift - bx.c.length + 1, lf.valueCoefficient, lf.valueExponent) : Number.NaN
}

/** @internal */
export const ratio4 = (x: Decimal.Decimal, limit: Decimal.Decimal): number => {
  const bx = partsOf(x)
  const bl = partsOf(limit)
  const q = bx.s === 1 && bl.s === 1 ? ratio4Of(coefficient(bx), bx.e - bx.c.length + 1, coefficient(bl), bl.e - bl.c.length + 1) : Number.NaN
  return q === q ? q : Decimal.toNumber(Decimal.divide(x, limit, 4))
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

// A status segment's primary reason, computed once (status answers are memoised per segment).
const primaryMemo = new WeakMap<StatusParts, StatusAnswer["reasons"][number]>()
const primaryOf = (status: StatusParts): StatusAnswer["reasons"][number] => {
  let hit = primaryMemo.get(status)
  if (hit === undefined) primaryMemo.set(status, (hit = primaryReason(status.reasons)))
  return hit
}

/** Whether a quantified value is within an overridden 再残留限量 (EMRL), by the decision rule. */
const withinEmrl = (r: Resolution, m: Measurement, a: Analyte, rule: DecisionRule): boolean => {
  const row = r.limit.row
  if (row.extraneous !== true || row.limit === undefined || m.kind !== "quantified") return false
  const x = Quantity.convert(m.value, row.unit)!.value
  if (Decimal.compare(x, row.limit) <= 0) return true
  if (rule.kind === "reported-value") return false
  return Decimal.compare(Decimal.subtract(x, Decimal.multiply(x, a.uncertainty ?? rule.relative)), row.limit) <= 0
}

const REPORTED_VALUE: DecisionRule = { kind: "reported-value" }

/**
 * What one judgement read from the tables, written by {@link judgeAnalyte} into an object its
 * caller passes (and may reuse from one analyte to the next): the limit resolution in force
 * (`undefined` where none is) and the substance's status for the food on the date (exactly what
 * {@link statusAt} answers). A caller that needs them after the judgement — the layer a finding
 * comes from, the `substanceStatus` of custom rules — reads them here instead of asking the
 * tables again.
 *
 * @example
 * import type { JudgementBasis } from "@nongan/residues/Judge"
 * const basis: JudgementBasis = { resolution: undefined, status: undefined }
 * // judgeAnalyte(tables, analyte, undefined, basis); basis.resolution?.limit.row
 *
 * @since 0.5.0
 * @category models
 */
export interface JudgementBasis {
  resolution: Resolution | undefined
  status: StatusParts | undefined
}

/**
 * Judges one analyte: the residue finding (not detected, within limit, exceeds, must not be
 * detected, no limit, detected but not quantified — a laboratory `检出` against a numeric limit,
 * a warning —; or a screen result for rapid tests) and, when a substance whose use was
 * prohibited there on that date is detected, an illegal-use finding routed to criminal referral
 * (立案追诉 has no quantity threshold) — except for a residue within a 再残留限量 (EMRL), which
 * GB 2763 sets precisely because banned persistent pesticides remain in the environment.
 *
 * What the tables say for the analyte's substance and food is read from a plan memoised on first
 * use (the limit in force and the status, as one timeline of the days they change): a judgement
 * is two map reads and a short walk on the date before its findings are written.
 *
 * @example
 * import { judgeAnalyte } from "@nongan/residues/Judge"
 * typeof judgeAnalyte // "function" — see test/Judge.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const judgeAnalyte = (tables: Tables, a: Analyte, rule: DecisionRule = REPORTED_VALUE, basis?: JudgementBasis): ReadonlyArray<Finding> => {
  const plans = plansFor(tables)
  const seg = segmentOn(planFor(plans, a.substance.id, a.food, a.state), a.date)
  // on a region's effective limits, its own lookup (the plan holds the statuses only)
  const lf: LimitView = plans.exact ? seg : limitView(tables.limits.lookup(a.substance.id, a.food, a.date))
  const res = lf.res
  if (basis !== undefined) {
    basis.resolution = res
    basis.status = seg.status
  }
  const m = a.measurement
  const detected = isDetected(m)
  const lab = a.method !== "rapid"
  let values: Record<string, unknown> | undefined
  if (a.sum) values = { sumPolicy: SUM_POLICY, components: a.sum.parts, lowerBound: a.sum.lowerBound }
  if (m.kind === "not-detected" && m.below) (values ??= {}).reportingLimit = Quantity.format(m.below)
  if (!lab) {
    let positive = detected
    if (m.kind === "quantified" && lf.value !== undefined && !lf.mustNotDetect) {
      const cmp = Quantity.compare(m.value, { value: lf.value, unit: lf.valueUnit as Quantity.Quantity["unit"] })
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
    return [f]
  }

  const decisionRule = rule.kind === "reported-value" ? "reported-value" : ruleName(rule)
  // whether the residue finding says the value is within the limit (or not beyond its uncertainty)
  let within = false
  if (!detected) {
    // "<0.05" against a limit of 0.02 shows nothing: the method could not see the limit
    const blind =
      m.kind === "not-detected" && m.below !== undefined && lf.value !== undefined && !lf.mustNotDetect &&
      Quantity.compare(m.below, { value: lf.value, unit: lf.valueUnit as Quantity.Quantity["unit"] }) === 1
    // nothing detected: no illegal use
    return [
      blind
        ? unseen("residue.inconclusive", "inconclusive", "warning", a, lf, decisionRule, withValue(values, "reason", "reporting-limit-above-limit"))
        : unseen("residue.not-detected", "not-detected", "info", a, lf, decisionRule, values)
    ]
  }
  // the status matters only for a laboratory detection (illegal use, 表3 不得检出): read from here on
  const therapyOnly = seg.therapyOnly
  let found: Finding
  if (lf.mustNotDetect || (!res && therapyOnly)) {
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
    found = f
  } else if (lf.value === undefined) {
    found = noLimit(tables, plans, a, m, res, decisionRule, values)
  } else if (m.kind !== "quantified") {
    // `检出` with no number against a numeric limit: the comparison cannot be made (not a rapid
    // screen: a laboratory result that must be quantified before it can be judged)
    const f = drafted("residue.not-quantified", "detected-not-quantified", "warning", a, lf)
    f.decisionRule = decisionRule
    f.values = withValue(values, "reason", "detected-not-quantified")
    found = f
  } else {
    const limit = lf.value
    const q = m.value
    // the value in the limit's unit, compared and reported by its nearest number and divided by
    // its digits when it has at most 15 significant digits (Decimal.compare's own fast path)
    const k = concentrationShift(q.unit, lf.valueUnit!)
    let x: Decimal.Decimal | undefined
    let measured: number
    let cmp: number
    let ratioToLimit: number
    if (k !== undefined && lf.valueFast && fastShifted(partsOf(q.value), k)) {
      measured = k === 0 ? Decimal.toNumber(q.value) : Decimal.shiftNumber(Decimal.toNumber(q.value), k)
      cmp = measured < lf.valueNumber ? -1 : measured > lf.valueNumber ? 1 : 0
      ratioToLimit = ratioToView(q.value, k, lf)
    } else {
      x = Quantity.convert(q, lf.valueUnit as Quantity.Quantity["unit"])!.value
      measured = Decimal.toNumber(x)
      cmp = Decimal.compare(x, limit)
      ratioToLimit = ratioToView(x, 0, lf)
    }
    let outcome: "within-limit" | "exceeds-limit" | "exceeds-within-uncertainty"
    if (cmp <= 0) outcome = "within-limit"
    else if (rule.kind === "reported-value") outcome = "exceeds-limit"
    else {
      x ??= Quantity.convert(q, lf.valueUnit as Quantity.Quantity["unit"])!.value
      const rel = a.uncertainty ?? rule.relative
      const lower = Decimal.subtract(x, Decimal.multiply(x, rel))
      outcome = Decimal.compare(lower, limit) > 0 ? "exceeds-limit" : "exceeds-within-uncertainty"
    }
    // the integer ratio does not apply (long coefficients): as a decimal, as ever
    if (ratioToLimit !== ratioToLimit) ratioToLimit = Decimal.toNumber(Decimal.divide((x ??= Quantity.convert(q, lf.valueUnit as Quantity.Quantity["unit"])!.value), limit, 4))
    within = outcome !== "exceeds-limit"
    const v = values === undefined ? { ratioToLimit } : withValue(values, "ratioToLimit", ratioToLimit)
    found =
      outcome === "within-limit"
        ? compared("residue.within-limit", outcome, "info", a, lf, measured, decisionRule, false, v)
        : outcome === "exceeds-limit"
          ? compared("residue.exceeds-limit", outcome, "violation", a, lf, measured, decisionRule, true, v)
          : compared("residue.exceeds-within-uncertainty", outcome, "warning", a, lf, measured, decisionRule, false, v)
  }

  // A 再残留限量 (EMRL) exists because a banned, persistent pesticide is still in the environment:
  // detection up to the EMRL is environmental residue, not evidence of use.
  // (under the uncertainty rule, a value not beyond doubt above the EMRL is not evidence of use either)
  // A stricter regional row over an EMRL (a county's 不得检出 or lower limit) does not make a residue
  // within the national EMRL evidence of use: the residue is as environmental as it was.
  if (seg.prohibited) {
    const environmental =
      res?.limit.row.extraneous === true ? within : res?.overrides !== undefined && res.overrides.some((o) => withinEmrl(o.resolution, m, a, rule))
    if (!environmental) return [found, prohibitedUse(a, m, lf, seg.status)]
  }
  return [found]
}

/**
 * The finding of a detection with no numeric limit in force: an MRL-exempt drug (GB 31650-2019
 * 表2) on a species its entry covers needs none; otherwise "no limit" is a statement of law only
 * where the table of an instrument in force is held whole for the substance, and nongan simply
 * does not hold the row where it is not.
 */
const noLimit = (
  tables: Tables,
  plans: Plans,
  a: Analyte,
  m: Measurement,
  res: Resolution | undefined,
  decisionRule: string,
  values: Record<string, unknown> | undefined
): Finding => {
  // (a row without a value, not 不得检出, is no exemption's business)
  const exemption = res === undefined ? tables.exempt?.lookup(a.substance.id, a.food, a.state, a.date) : undefined
  if (exemption !== undefined) {
    const e = exemption.entry
    const f = draft("residue.no-limit", "no-limit", "warning", a)
    putMeasured(f, m, undefined)
    f.source = exemption.instrument
    f.citation = e.citation as Citation
    f.verification = e.verification as Verification
    f.decisionRule = decisionRule
    const ex: Record<string, unknown> = {
      exempt: true,
      exemptList: `${exemption.instrument} ${exemption.table}`,
      species: exemption.species,
      conditions: e.conditions === null ? "not-read" : e.conditions
    }
    if (e.conditions === null) ex.note = "其他规定 (conditions) of this entry not read: the exemption holds only under the conditions the table sets"
    f.values = values === undefined ? ex : Object.assign({}, values, ex)
    return f
  }
  // the same facts as `coverageOn`, memoised per table period on a plain index; fresh arrays in every finding
  let whole: ReadonlyArray<string>
  let source: string
  let held: ReadonlyArray<{ readonly instrument: string; readonly rows: number }>
  if (plans.exact) {
    const c = coverageAt(plans, a.substance.id, a.date)
    whole = c.whole
    source = c.source
    held = c.held
  } else {
    const coverage = tables.limits.coverageOn(a.substance.id, a.date)
    whole = coverage.filter((c) => c.whole).map((c) => c.instrument)
    source = whole.join(", ")
    held = coverage.filter((c) => c.rows > 0)
  }
  const f = whole.length > 0 ? draft("residue.no-limit", "no-limit", "warning", a) : draft("residue.limit-not-held", "limit-not-held", "warning", a)
  putMeasured(f, m, undefined)
  f.decisionRule = decisionRule
  if (whole.length > 0) f.source = source
  const cov =
    whole.length > 0
      ? { tablesHeldWhole: whole.slice() }
      : { coverage: held.map((c) => ({ instrument: c.instrument, rowsHeld: c.rows, heldWhole: false })) }
  f.values = values === undefined ? cov : Object.assign({}, values, cov)
  return f
}

/** The illegal-use finding of a detection after a prohibition (any one prohibition suffices). */
const prohibitedUse = (a: Analyte, m: Measurement, lf: LimitView, status: StatusParts): Finding => {
  const reasons = status.reasons
  // the finding rests on its best-verified reason; among equals a full ban before a scope ban, then the most recent
  const primary = primaryOf(status)
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
  return f
}

/**
 * An inspection record with every name resolved and every value read: what the national judgement
 * and the regional layers judge. `problems` are the findings about the record as written (an
 * analyte that could not be read, the same analyte twice, a name that disagrees with the residue
 * definition); {@link assemble} adds them to the report.
 *
 * @since 0.1.0
 * @category models
 */
export interface PreparedInspection {
  readonly record: InspectionRecord
  readonly food: ResolvedFood
  readonly analytes: ReadonlyArray<Analyte>
  readonly problems: ReadonlyArray<Finding>
}

type Read<T> = Result<{ readonly value: T; readonly reading?: NameReading | undefined }, NonganError>

// Names as written are read by the catalogues, through declared data only (`FoodCatalogue.read`,
// `SubstanceCatalogue.read`); a reading that changed a name is carried into the findings.
// Readings (and refusals, whose nearest-name suggestions are costly) are data and a batch repeats
// its names, so they are memoised per catalogue, up to a bound.
const READ_MEMO_LIMIT = 20_000

/**
 * The local market names a region's records read (from the regional packs in force on their
 * path), keyed by normalised name: read only when the national catalogue reads nothing. Pass the
 * same object for the same set of layers: readings are memoised per object.
 *
 * @example
 * import type { LocalNames } from "@nongan/residues/Judge"
 * const names: LocalNames = { foods: new Map([["上海青", { target: "普通白菜", source: "cn-500154-t" }]]), substances: new Map() }
 *
 * @since 0.4.0
 * @category models
 */
export interface LocalNames {
  readonly foods: ReadonlyMap<string, LocalName>
  readonly substances: ReadonlyMap<string, LocalName>
}

// One memo per catalogue (national readings) and one per set of local names (the readings only
// those names give), each bounded; the national reading stands, and a region's local names are
// read only where it reads nothing.
const nationalReads = new WeakMap<object, Map<string, Read<unknown>>>()
const localReads = new WeakMap<object, Map<string, Read<unknown>>>()

const memoRead = <T>(memos: WeakMap<object, Map<string, Read<unknown>>>, owner: object, written: string, read: () => Read<T>): Read<T> => {
  let memo = memos.get(owner)
  if (!memo) memos.set(owner, (memo = new Map()))
  let out = memo.get(written) as Read<T> | undefined
  if (out === undefined) {
    out = read()
    if (memo.size < READ_MEMO_LIMIT) memo.set(written, out)
  }
  return out
}

/** A name read by a catalogue, nationally first, then through a region's local names (`names`) when it reads nothing. */
const readName = <T>(catalogue: object, written: string, names: LocalNames["foods"] | undefined, read: (localNames?: LocalNames["foods"]) => Read<T>): Read<T> => {
  const out = memoRead(nationalReads, catalogue, written, () => read())
  if (out.ok || names === undefined || names.size === 0) return out
  // keyed by the map of local names itself (a region's foods and substances are two maps)
  return memoRead(localReads, names, written, () => read(names))
}

const readProduct = (tables: Tables, written: string, local?: LocalNames): Read<ResolvedFood> =>
  readName(tables.foods, written, local?.foods, (names) => {
    const r = tables.foods.read(written, names)
    return r.ok ? ok({ value: r.value.food, reading: r.value.reading }) : r
  })

const readSubstance = (tables: Tables, written: string, local?: LocalNames): Read<Substance> =>
  readName(tables.substances, written, local?.substances, (names) => {
    const r = tables.substances.read(written, names)
    return r.ok ? ok({ value: r.value.substance, reading: r.value.reading }) : r
  })

// A result read, before the record's product, date and method are attached: its index, the
// substance's reading and the value as written when reading it changed its form.
type Prepared = Omit<Analyte, "food" | "date" | "method" | "state" | "read"> & {
  readonly at: number
  readonly reading?: NameReading | undefined
  readonly writtenValue?: string | undefined
}

/** Reads one result; its errors are the analyte's, with their paths in the record. */
const prepareResult = (tables: Tables, r: InspectionRecord["results"][number], i: number, errors: Array<NonganError>, local?: LocalNames): Prepared | undefined => {
  const at: Path = ["results", i]
  const s = readSubstance(tables, r.substance, local)
  if (!s.ok) return void errors.push(...s.errors.map((e) => prefix(e, [...at, "substance"])))
  const substance = s.value.value
  const reading = s.value.reading
  let uncertainty: Decimal.Decimal | undefined
  if (r.uncertainty !== undefined) {
    const txt = String(r.uncertainty).trim()
    const pct = txt.endsWith("%")
    const d = Decimal.parse(pct ? txt.slice(0, -1) : txt)
    if (d === undefined || Decimal.isNegative(d)) return void errors.push(make("invalid-decimal", [...at, "uncertainty"], { value: txt }))
    uncertainty = pct ? Decimal.shift(d, -2) : d
  }
  if (r.components && r.components.length > 0) {
    if (r.value !== undefined) return void errors.push(make("unexpected-field", [...at, "value"]))
    const parts: Array<{ substance: Substance; measurement: Measurement }> = []
    const before = errors.length
    r.components.forEach((c, k) => {
      const cs = readSubstance(tables, c.substance, local)
      if (!cs.ok) return void errors.push(...cs.errors.map((e) => prefix(e, [...at, "components", k, "substance"])))
      const m = parse(c.value, c.unit ?? r.unit)
      if (!m.ok) return void errors.push(...m.errors.map((e) => prefix(e, [...at, "components", k])))
      parts.push({ substance: cs.value.value, measurement: m.value })
    })
    if (errors.length > before) return undefined
    const total = sum(substance, parts)
    if (!total.ok) return void errors.push(...total.errors.map((e) => prefix(e, at)))
    return { substance, measurement: total.value.measurement, uncertainty, sum: total.value, reading, at: i }
  }
  if (r.value === undefined) return void errors.push(make("missing-field", [...at, "value"]))
  const m = read(r.value, r.unit)
  if (!m.ok) return void errors.push(...m.errors.map((e) => prefix(e, at)))
  // `ND` with `lod: 100` is `<100`: a reporting limit above the limit is inconclusive however written
  const measurement = withReportingLimit(m.value.measurement, r)
  return { substance, measurement, uncertainty, reading, writtenValue: m.value.changed ? m.value.written : undefined, at: i }
}

/**
 * Prepares an inspection record: reads the product and every substance as written, through the
 * catalogues' declared data only (`FoodCatalogue.read`, `SubstanceCatalogue.read`), reads every
 * reported value and computes residue-definition sums. Nothing is guessed.
 *
 * One bad analyte never sinks a record: an analyte that cannot be read (unknown substance,
 * unreadable value or unit, a bad component) becomes an `analyte.unreadable` warning carrying its
 * error and path, and the other analytes are judged — so a prohibition found on another analyte
 * is never lost. The record itself fails, with every error and its path, when its product cannot
 * be read, when it has no results (`empty-results`), or when none of its results can be read.
 * The same analyte reported twice is an `analyte.duplicate` warning (both are judged).
 * With `local` (a region's {@link LocalNames}), a name the national catalogues do not read is
 * read through the region's local names too (a `local` step); national names read as ever.
 *
 * @example
 * import { prepareInspection } from "@nongan/residues/Judge"
 * typeof prepareInspection // "function" — see test/Judge.test.ts
 *
 * @since 0.1.0
 * @category constructors
 */
export const prepareInspection = (tables: Tables, record: InspectionRecord, local?: LocalNames): Result<PreparedInspection, NonganError> => {
  const food = readProduct(tables, record.product, local)
  const recordErrors: Array<NonganError> = food.ok ? [] : food.errors.map((e) => prefix(e, ["product"]))
  if (record.results.length === 0) recordErrors.push(make("empty-results", ["results"]))
  const analytes: Array<Prepared> = []
  const analyteErrors: Array<{ readonly at: number; readonly errors: ReadonlyArray<NonganError> }> = []
  record.results.forEach((r, i) => {
    const errors: Array<NonganError> = []
    const a = prepareResult(tables, r, i, errors, local)
    if (a !== undefined && errors.length === 0) analytes.push(a)
    else analyteErrors.push({ at: i, errors })
  })
  // the record is an error when its product is unreadable or nothing in it can be judged
  if (!food.ok || recordErrors.length > 0 || analytes.length === 0) return fail(...recordErrors, ...analyteErrors.flatMap((x) => x.errors))
  const product = food.value.value
  const productReading = food.value.reading
  const method = record.method ?? "lab"
  const problems: Array<Finding> = []
  for (const { at, errors } of analyteErrors) {
    const written = record.results[at]!.substance
    const s = readSubstance(tables, written, local)
    const note = readNote(productReading, s.ok ? s.value.reading : undefined, undefined)
    for (const e of errors) problems.push(unreadable(e, product.id, written, s.ok ? s.value.value.id : undefined, note))
  }
  if (analytes.length > 1) {
    const seen = new Map<string, Array<number>>()
    for (const a of analytes) {
      const list = seen.get(a.substance.id)
      if (list) list.push(a.at)
      else seen.set(a.substance.id, [a.at])
    }
    for (const [id, indices] of seen) if (indices.length > 1) problems.push(duplicate(id, product.id, indices))
  }
  return ok({
    record,
    food: product,
    // written out rather than spread (`{ ...a, food, … }` is a slow path in V8); same keys, same order
    analytes: analytes.map((a): Analyte => {
      const note = readNote(productReading, a.reading, a.writtenValue)
      if (a.reading) for (const f of mismatches(a.substance, product.id, a.reading, note)) problems.push(f)
      const out: { -readonly [K in keyof Analyte]: Analyte[K] } = {
        substance: a.substance,
        measurement: a.measurement,
        uncertainty: a.uncertainty,
        food: product,
        date: record.sampledOn,
        method,
        state: record.state
      }
      if (a.sum !== undefined) out.sum = a.sum
      if (note !== undefined) out.read = note
      return out
    }),
    problems
  })
}

/**
 * Marks findings with how the analyte's names and value were read (`Finding.read`), when a
 * reading changed anything: once per analyte, after its findings are made (never inside
 * {@link judgeAnalyte}).
 *
 * @example
 * import { markRead } from "@nongan/residues/Judge"
 * typeof markRead // "function"
 *
 * @since 0.2.0
 * @category combinators
 */
export const markRead = (a: Analyte, findings: ReadonlyArray<Finding>): void => {
  const note = a.read
  if (note !== undefined) for (const f of findings) (f as Draft).read = note
}

/**
 * Assembles a record report from findings: verdict, date, product and the weakest verification
 * level of the data used. The record's problems (analytes that could not be read, duplicates,
 * names at odds with a residue definition) follow the judged findings; a problem is a warning, so
 * a record with one is `indeterminate` unless a judged analyte makes it `non-compliant`.
 *
 * @example
 * import { assemble } from "@nongan/residues/Judge"
 * typeof assemble // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const assemble = (p: PreparedInspection, judged: ReadonlyArray<Finding>): RecordReport => {
  const findings = p.problems.length === 0 ? judged : [...judged, ...p.problems]
  let levels: Array<Verification> | undefined
  for (const f of findings) if (f.verification) (levels ??= []).push(f.verification)
  // built property by property, in the order reports have always had (spreads are a slow path in V8)
  const out: { -readonly [K in keyof RecordReport]?: RecordReport[K] } = {
    id: p.record.id,
    kind: "inspection",
    verdict: fromFindings(findings),
    asOf: p.record.sampledOn,
    product: p.food.id
  }
  if (p.record.region !== undefined) out.region = p.record.region
  if (levels !== undefined) out.verification = weakest(levels)
  out.findings = findings
  return out as RecordReport
}

/**
 * Judges a whole inspection record against the national tables: prepares it, judges each analyte
 * as of the sampling date and sums the findings into a verdict.
 *
 * @example
 * import { judgeInspection } from "@nongan/residues/Judge"
 * typeof judgeInspection // "function" — see test/Judge.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const judgeInspection = (
  tables: Tables,
  record: InspectionRecord,
  rule: DecisionRule = { kind: "reported-value" }
): Result<RecordReport, NonganError> => {
  const p = prepareInspection(tables, record)
  if (!p.ok) return p
  return ok(
    assemble(
      p.value,
      p.value.analytes.flatMap((a) => {
        const out = judgeAnalyte(tables, a, rule)
        markRead(a, out)
        return out
      })
    )
  )
}
