import type { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import * as Quantity from "@nongan/core/Quantity"
import { fail, ok, type Result } from "@nongan/core/Result"
import { fromFindings, type RecordReport } from "@nongan/core/Verdict"
import { type Verification, weakest } from "@nongan/core/Verification"
import type { FoodCatalogue, ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { StatusIndex, Subject } from "@nongan/substances/Status"
import type { Substance, SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import type { InspectionRecord } from "./Inspection"
import type { LimitIndex, Resolution } from "./LimitIndex"
import { type Measurement, parse } from "./Measurement"
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
}

const subjectOf = (food: ResolvedFood, state: Analyte["state"]): Subject =>
  food.kind === "plant"
    ? { kind: "plant", path: food.path }
    : { kind: "animal", speciesPath: food.speciesPath, state: state === "none" ? undefined : state }

const isDetected = (m: Measurement): boolean =>
  m.kind === "detected" || m.kind === "positive" || (m.kind === "quantified" && !Decimal.isZero(m.value.value))

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
  out.categoryPath = res.path.slice(0, res.path.indexOf(res.matchedAt) + 1)
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
  // a copy per finding, as before: findings never share a mutable array
  f.categoryPath = lf.categoryPath!.slice()
}

const putMeasured = (f: Draft, m: Measurement, unit: string | undefined): void => {
  if (m.kind !== "quantified") return
  const target = unit === "mg/kg" || unit === "ug/kg" ? unit : m.value.unit
  const q = Quantity.convert(m.value, target)!
  f.measured = Decimal.toNumber(q.value)
  f.unit = target
}

const withValue = (values: Record<string, unknown> | undefined, key: string, value: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = values === undefined ? {} : Object.assign({}, values)
  out[key] = value
  return out
}

/**
 * Judges one analyte: the residue finding (not detected, within limit, exceeds, must not be
 * detected, no limit; or a screen result for rapid tests) and, when a substance whose use was
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
export const judgeAnalyte = (tables: Tables, a: Analyte, rule: DecisionRule = { kind: "reported-value" }): ReadonlyArray<Finding> => {
  const res = tables.limits.lookup(a.substance.id, a.food, a.date)
  const status = tables.statuses.statusOn(a.substance.id, a.date, subjectOf(a.food, a.state))
  const m = a.measurement
  const detected = isDetected(m)
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

  const therapyOnly = status.statuses.find((e) => e.status === "therapy-only-not-detectable")
  if (!detected) {
    const f = draft("residue.not-detected", "not-detected", "info", a)
    putLimitFields(f, lf)
    f.decisionRule = ruleName(rule)
    if (values) f.values = values
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
    f.values = withValue(values, "because", why)
    out.push(f)
  } else if (!res || res.limit.row.limit === undefined) {
    const f = draft("residue.no-limit", "no-limit", "warning", a)
    putMeasured(f, m, undefined)
    f.decisionRule = ruleName(rule)
    if (values) f.values = values
    out.push(f)
  } else if (m.kind !== "quantified") {
    const f = draft("residue.screen-positive", "screen-positive", "warning", a)
    putLimitFields(f, lf)
    f.decisionRule = ruleName(rule)
    f.referral = "confirm-by-lab"
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
    f.values = withValue(values, "ratioToLimit", Decimal.toNumber(Decimal.divide(x.value, limit.value, 4)))
    out.push(f)
  }

  // A 再残留限量 (EMRL) exists because a banned, persistent pesticide is still in the environment:
  // detection up to the EMRL is environmental residue, not evidence of use.
  const environmental = res?.limit.row.extraneous === true && out.some((f) => f.outcome === "within-limit")
  if (detected && status.prohibited && !environmental) {
    const reasons = status.reasons
    const f = draft("residue.prohibited-use", "prohibited-substance-detected", "critical", a)
    putMeasured(f, m, lf.unit)
    if (lf.limit !== undefined) f.limit = lf.limit
    f.source = reasons[0]!.citation.instrument
    f.citation = reasons[0]!.citation
    f.citations = reasons.map((r) => r.citation)
    f.verification = weakest(reasons.map((r) => r.verification))
    f.decisionRule = "detected-after-prohibition"
    f.referral = "criminal-referral"
    f.values = { statuses: reasons.map((r) => ({ id: r.id, status: r.status, from: r.effective.from })) }
    out.push(f)
  }
  return out
}

/**
 * An inspection record with every name resolved and every value read: what the national judgement
 * and the regional layers judge.
 *
 * @since 0.1.0
 * @category models
 */
export interface PreparedInspection {
  readonly record: InspectionRecord
  readonly food: ResolvedFood
  readonly analytes: ReadonlyArray<Analyte>
}

/**
 * Prepares an inspection record: resolves the product and every substance exactly, reads every
 * reported value and computes residue-definition sums. A record that cannot be read fails with
 * every error and its path; nothing is guessed.
 *
 * @example
 * import { prepareInspection } from "@nongan/residues/Judge"
 * typeof prepareInspection // "function" — see test/Judge.test.ts
 *
 * @since 0.1.0
 * @category constructors
 */
export const prepareInspection = (tables: Tables, record: InspectionRecord): Result<PreparedInspection, NonganError> => {
  const errors: Array<NonganError> = []
  const food = tables.foods.resolve(record.product)
  if (!food.ok) errors.push(...food.errors.map((e) => prefix(e, ["product"])))
  const analytes: Array<Omit<Analyte, "food" | "date" | "method" | "state">> = []
  record.results.forEach((r, i) => {
    const at = ["results", i]
    const s = tables.substances.resolve(r.substance)
    if (!s.ok) return void errors.push(...s.errors.map((e) => prefix(e, [...at, "substance"])))
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
      r.components.forEach((c, k) => {
        const cs = tables.substances.resolve(c.substance)
        if (!cs.ok) return void errors.push(...cs.errors.map((e) => prefix(e, [...at, "components", k, "substance"])))
        const m = parse(c.value, c.unit ?? r.unit)
        if (!m.ok) return void errors.push(...m.errors.map((e) => prefix(e, [...at, "components", k])))
        parts.push({ substance: cs.value, measurement: m.value })
      })
      if (parts.length !== r.components.length) return
      const total = sum(s.value, parts)
      if (!total.ok) return void errors.push(...total.errors.map((e) => prefix(e, at)))
      analytes.push({ substance: s.value, measurement: total.value.measurement, uncertainty, sum: total.value })
      return
    }
    if (r.value === undefined) return void errors.push(make("missing-field", [...at, "value"]))
    const m = parse(r.value, r.unit)
    if (!m.ok) return void errors.push(...m.errors.map((e) => prefix(e, at)))
    analytes.push({ substance: s.value, measurement: m.value, uncertainty })
  })
  if (!food.ok || errors.length > 0) return fail(...errors)
  const method = record.method ?? "lab"
  return ok({
    record,
    food: food.value,
    analytes: analytes.map((a) => ({ ...a, food: food.value, date: record.sampledOn, method, state: record.state }))
  })
}

/**
 * Assembles a record report from findings: verdict, date, product and the weakest verification
 * level of the data used.
 *
 * @example
 * import { assemble } from "@nongan/residues/Judge"
 * typeof assemble // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const assemble = (p: PreparedInspection, findings: ReadonlyArray<Finding>): RecordReport => {
  const levels = findings.flatMap((f) => (f.verification ? [f.verification] : []))
  return {
    id: p.record.id,
    kind: "inspection",
    verdict: fromFindings(findings),
    asOf: p.record.sampledOn,
    product: p.food.id,
    ...(p.record.region !== undefined ? { region: p.record.region } : {}),
    ...(levels.length > 0 ? { verification: weakest(levels) } : {}),
    findings
  }
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
  return ok(assemble(p.value, p.value.analytes.flatMap((a) => judgeAnalyte(tables, a, rule))))
}
