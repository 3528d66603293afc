// The judgement's plans (see judgeAnalyte): what the tables say for one substance in one food,
// memoised on first use as one timeline of the days it changes. Internal to @nongan/residues.
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import type { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import { segmentAt } from "@nongan/core/Timeline"
import type { Verification } from "@nongan/core/Verification"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { StatusAnswer, StatusIndex, Subject } from "@nongan/substances/Status"
import type { Analyte, Tables } from "../Judge"
import type { LimitIndex, LimitSegment, Resolution } from "../LimitIndex"
import { coefficient, fastShifted, partsOf } from "./digits"

const subjectOf = (food: ResolvedFood, state: Analyte["state"]): Subject =>
  food.kind === "plant"
    ? { kind: "plant", path: food.path }
    : { kind: "animal", speciesPath: food.speciesPath, state: state === "none" ? undefined : state }

export type StatusParts = Pick<StatusAnswer, "statuses" | "prohibited" | "reasons"> & {
  /** The first `therapy-only-not-detectable` entry of `statuses`. */
  readonly therapyOnly: StatusAnswer["statuses"][number] | undefined
  /** The status custom rules read as the `substanceStatus` fact: the first reason's, else the first entry's, else `none`. */
  readonly factStatus: string
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

/** The memoised status timeline of a substance for a food (and state); its first segment starts at "", before every date. */
export const statusSegments = (statuses: StatusIndex, substance: string, food: ResolvedFood, state: Analyte["state"]): ReadonlyArray<StatusSegment> => {
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
      const factStatus = a.reasons[0]?.status ?? a.statuses[0]?.status ?? "none"
      return { from, answer: { statuses: a.statuses, prohibited: a.prohibited, reasons: a.reasons, therapyOnly, factStatus } }
    })
    bySubject.set(key, segments)
  }
  return segments
}

export type LimitFields = Pick<Finding, "limit" | "unit" | "source" | "citation" | "verification" | "temporary" | "categoryPath">

/**
 * What a judgement reads of the limit in force, flattened into one object so that a judgement
 * follows one reference: the fields a finding on it carries (what `putLimitFields` writes; no
 * `unit`: no limit in force), and the row's value as the comparisons read it. Built once per
 * resolution (resolutions are memoised by the limit index, one per timeline segment).
 */
export interface LimitView extends LimitFields {
  readonly res: Resolution | undefined
  readonly limit: number | undefined
  readonly unit: string | undefined
  readonly source: string | undefined
  readonly citation: Citation | undefined
  readonly verification: Verification | undefined
  readonly temporary: true | undefined
  /** shared by the findings of a timeline segment, and frozen: findings never share a mutable array */
  readonly categoryPath: ReadonlyArray<string> | undefined
  readonly mustNotDetect: boolean
  /** the row's value (none for 不得检出), its unit and nearest number */
  readonly value: Decimal.Decimal | undefined
  readonly valueUnit: string | undefined
  readonly valueNumber: number
  /** whether the value compares by its nearest number (Decimal.compare's fast path) */
  readonly valueFast: boolean
  /** the value as coefficient × 10^valueExponent (the coefficient -1 when longer than 15 digits, or not positive) */
  readonly valueCoefficient: number
  readonly valueExponent: number
}

const viewOf = (res: Resolution | undefined): LimitView => {
  if (res === undefined)
    return {
      res,
      limit: undefined,
      unit: undefined,
      source: undefined,
      citation: undefined,
      verification: undefined,
      temporary: undefined,
      categoryPath: undefined,
      mustNotDetect: false,
      value: undefined,
      valueUnit: undefined,
      valueNumber: Number.NaN,
      valueFast: false,
      valueCoefficient: -1,
      valueExponent: 0
    }
  const row = res.limit.row
  const value = row.limit
  const b = value === undefined ? undefined : partsOf(value)
  return {
    res,
    limit: value === undefined ? undefined : Decimal.toNumber(value),
    unit: row.unit,
    source: res.limit.instrument,
    citation: row.citation as Citation,
    verification: row.verification as Verification,
    temporary: row.temporary ? true : undefined,
    categoryPath: Object.freeze(res.path.slice(0, res.path.indexOf(res.matchedAt) + 1)),
    mustNotDetect: res.mustNotDetect,
    value,
    valueUnit: row.unit,
    valueNumber: value === undefined ? Number.NaN : Decimal.toNumber(value),
    valueFast: b !== undefined && fastShifted(b, 0),
    valueCoefficient: b !== undefined && b.s === 1 ? coefficient(b) : -1,
    valueExponent: b === undefined ? 0 : b.e - b.c.length + 1
  }
}

const NO_LIMIT = viewOf(undefined)

// The views of the resolutions a region's effective limits answer (see Plans.exact); a plan on a
// plain index holds its views itself.
const viewMemo = new WeakMap<Resolution, LimitView>()
export const limitView = (res: Resolution | undefined): LimitView => {
  if (res === undefined) return NO_LIMIT
  let hit = viewMemo.get(res)
  if (hit === undefined) viewMemo.set(res, (hit = viewOf(res)))
  return hit
}

// ---------------------------------------------------------------------------------------------
// Judgement plans. Everything a judgement reads from the tables for one substance in one food
// (and animal state) changes only on the days a limit row or a status entry comes into or goes
// out of force, so it is memoised on first use as one timeline: per segment, the limit in force
// (its view) and the substance's status. A judgement is then two map reads and a short walk back
// from the newest segment, and reads one segment object.
//
// Bound: one plan per (limit index, status index, substance, food, animal state) actually judged
// — the pairs a workload asks, as the limit index's own timelines (LimitIndex.segments) and the
// status timelines above — each of at most (limit rows + status entries bearing on the pair) × 2
// + 1 segments. Plans are held weakly by the limit index they were built on.
// ---------------------------------------------------------------------------------------------

/**
 * What holds for a substance in a food from `from` (an ISO date, "" before every date) until the
 * next segment. A plan is its newest segment, each segment linking to the one before it: a date
 * is found by walking back from the newest (most samples are of the latest editions, and a plan
 * has a handful of segments), so a judgement usually reads the one object the map gives it.
 */
export interface PlanSegment extends LimitView {
  readonly from: string
  /** `dayKey(from)`, -1 for "" */
  readonly day: number
  /** whether every start of the plan is an ISO date or "" (so that days compare as the starts do) */
  readonly numeric: boolean
  /** the segment before this one; none before the first, which starts at "" */
  readonly prev: PlanSegment | undefined
  readonly status: StatusParts
  readonly prohibited: boolean
  readonly therapyOnly: StatusParts["therapyOnly"]
}

// "YYYY-MM-DD" as the number YYYYMMDD, -1 for anything else. For two such dates, string order is
// the order of these numbers (same length, digits in the same places), so a plan whose starts
// are dates is searched by number exactly as by string.
const dayKey = (d: string): number => {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return -1
  let n = 0
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue
    const c = d.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

/** The segment of a plan in force on a date: the last one starting on or before it (the first starts at ""), as `segmentAt` finds it. */
export const segmentOn = (newest: PlanSegment, date: string): PlanSegment => {
  let s = newest
  const key = newest.numeric ? dayKey(date) : -1
  if (key >= 0) while (s.day > key) s = s.prev!
  // a date that is not "YYYY-MM-DD" (or a plan with another start) compares as a string, as ever
  else while (s.from > date) s = s.prev!
  return s
}

/** What nongan holds of the tables in force for a substance from `from` on (see {@link LimitIndex.coverageOn}). */
export interface CoverageSegment {
  readonly from: string
  /** the instruments in force whose table for the substance is held whole */
  readonly whole: ReadonlyArray<string>
  /** `whole` joined, the finding's source */
  readonly source: string
  /** the instruments in force of which some rows are held, with their counts */
  readonly held: ReadonlyArray<{ readonly instrument: string; readonly rows: number }>
}

const NO_LIMIT_SEGMENTS: ReadonlyArray<LimitSegment> = []

/** The plans built on one limit index and one status index. */
export class Plans {
  /** substance → food id (or `food id \0 state` for a laying or lactating animal) → plan (its newest segment) */
  readonly bySubstance = new Map<string, Map<string, PlanSegment>>()
  readonly coverage = new Map<string, ReadonlyArray<CoverageSegment>>()
  /** the plans over the same limits with another status index */
  others: WeakMap<StatusIndex, Plans> | undefined = undefined
  constructor(
    readonly limits: LimitIndex,
    readonly statuses: StatusIndex,
    /**
     * Whether the limits' timelines are what their `lookup` answers (`LimitIndex.plannable`: a
     * plain index, a region's effective limits), so that the plans hold them. Otherwise the
     * plans hold the statuses only, and each judgement asks `lookup`.
     */
    readonly exact: boolean
  ) {}
}

const PLANS = new WeakMap<LimitIndex, Plans>()

export const plansFor = (tables: Tables): Plans => {
  const limits = tables.limits
  let p = PLANS.get(limits)
  if (p === undefined) PLANS.set(limits, (p = new Plans(limits, tables.statuses, limits.plannable())))
  if (p.statuses === tables.statuses) return p
  const others = (p.others ??= new WeakMap())
  let q = others.get(tables.statuses)
  if (q === undefined) others.set(tables.statuses, (q = new Plans(limits, tables.statuses, p.exact)))
  return q
}

const segmentOf = (from: string, numeric: boolean, prev: PlanSegment | undefined, v: LimitView, status: StatusParts): PlanSegment => ({
  res: v.res,
  limit: v.limit,
  unit: v.unit,
  source: v.source,
  citation: v.citation,
  verification: v.verification,
  temporary: v.temporary,
  categoryPath: v.categoryPath,
  mustNotDetect: v.mustNotDetect,
  value: v.value,
  valueUnit: v.valueUnit,
  valueNumber: v.valueNumber,
  valueFast: v.valueFast,
  valueCoefficient: v.valueCoefficient,
  valueExponent: v.valueExponent,
  from,
  day: from === "" ? -1 : dayKey(from),
  numeric,
  prev,
  status,
  prohibited: status.prohibited,
  therapyOnly: status.therapyOnly
})

/** A plan: the limit and status timelines of a substance in a food merged, as its newest segment. */
const buildPlan = (p: Plans, substance: string, food: ResolvedFood, state: Analyte["state"]): PlanSegment => {
  const statuses = statusSegments(p.statuses, substance, food, state)
  const limits = p.exact ? p.limits.segments(substance, food) : NO_LIMIT_SEGMENTS
  const bounds = new Set<string>()
  for (const s of statuses) bounds.add(s.from)
  for (const s of limits) bounds.add(s.from)
  // every segment of either timeline starts on a bound, so each is in force throughout a plan
  // segment; the first bound is "" (the status timeline's first), before every date
  const froms = [...bounds].sort()
  const numeric = froms.every((from, i) => (i === 0 ? from === "" : dayKey(from) >= 0))
  let newest: PlanSegment | undefined
  for (const from of froms) newest = segmentOf(from, numeric, newest, limitView(segmentAt(limits, from)?.res), segmentAt(statuses, from)!.answer)
  return newest!
}

/** The plan of a substance in a food for an animal state (read for animal products only, as `statusAt` reads it). */
export const planFor = (p: Plans, substance: string, food: ResolvedFood, state: Analyte["state"]): PlanSegment => {
  let byFood = p.bySubstance.get(substance)
  if (byFood === undefined) p.bySubstance.set(substance, (byFood = new Map()))
  const key = food.kind === "animal" && (state === "laying" || state === "lactating") ? `${food.id}\u0000${state}` : food.id
  let plan = byFood.get(key)
  if (plan === undefined) byFood.set(key, (plan = buildPlan(p, substance, food, key === food.id ? undefined : state)))
  return plan
}

/** What nongan holds for a substance on a date, memoised per substance over the days tables come into and go out of force. */
export const coverageAt = (p: Plans, substance: string, date: string): CoverageSegment => {
  let segments = p.coverage.get(substance)
  if (segments === undefined) {
    // `coverageOn` reads the date only through the tables' periods (of the index it reports)
    const ix = p.limits.coverageIndex()
    const bounds = new Set<string>([""])
    for (const period of ix.tables.values()) {
      bounds.add(period.from)
      if (period.to !== undefined) bounds.add(addDays(period.to as CalendarDate, 1))
    }
    segments = [...bounds].sort().map((from): CoverageSegment => {
      const coverage = ix.coverageOn(substance, from)
      const whole = coverage.filter((c) => c.whole).map((c) => c.instrument)
      return { from, whole, source: whole.join(", "), held: coverage.filter((c) => c.rows > 0).map((c) => ({ instrument: c.instrument, rows: c.rows })) }
    })
    p.coverage.set(substance, segments)
  }
  return segmentAt(segments, date)!
}
