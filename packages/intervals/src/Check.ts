import { type CalendarDate, compare as compareDates } from "@nongan/core/CalendarDate"
import type { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import { contains } from "@nongan/core/EffectivePeriod"
import type { Finding } from "@nongan/core/Finding"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { fromFindings, type RecordReport } from "@nongan/core/Verdict"
import { type Verification, weakest } from "@nongan/core/Verification"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { StatusEntry, StatusIndex, Subject } from "@nongan/substances/Status"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { type ApplicationRecord, applicationDates } from "./Application"
import { dateOf, type Measure, measure, type Span } from "./Elapsed"
import type { IntervalIndex, PhiEntry, WithdrawalEntry } from "./IntervalIndex"
import { endOf, type EndEvent, type TreatmentRecord } from "./Treatment"
import type { Interval, ProhibitedState } from "./WithdrawalTable"

/**
 * The tables an interval check reads (a `Dataset` from `@nongan/engine/Dataset` is one).
 *
 * @example
 * import type { Tables } from "@nongan/intervals/Check"
 * import { getOrThrow } from "@nongan/core/Result"
 * import { fromFiles } from "@nongan/engine/Dataset"
 * const tables: Tables = getOrThrow(fromFiles([]))
 *
 * @since 0.1.0
 * @category models
 */
export interface Tables {
  readonly foods: FoodCatalogue
  readonly substances: SubstanceCatalogue
  readonly statuses: StatusIndex
  readonly intervals: IntervalIndex
}

/**
 * Decision rules as findings name them.
 *
 * @example
 * import { DECISION_RULES } from "@nongan/intervals/Check"
 * DECISION_RULES.noInterval // "no-interval-is-no-pass"
 *
 * @since 0.1.0
 * @category models
 */
export const DECISION_RULES = {
  noInterval: "no-interval-is-no-pass",
  candidatesDisagree: "all-candidate-rows-must-agree",
  prohibitedState: "state-in-prohibited-states",
  status: "status-on-date-of-use",
  registration: "registered-crop-covers-crop"
} as const

type Entry = WithdrawalEntry | PhiEntry

type Candidate =
  | { readonly kind: "measured"; readonly entry: Entry; readonly interval: Interval; readonly m: Extract<Measure, { kind: "measured" }> }
  | { readonly kind: "prohibited"; readonly entry: WithdrawalEntry; readonly states: ReadonlyArray<ProhibitedState> }
  | { readonly kind: "unknown"; readonly entry: Entry; readonly reason: string; readonly missing?: ReadonlyArray<string> }

type Verdictish = "respected" | "too-short" | "prohibited" | "unknown"

const outcomeOf = (c: Candidate): Verdictish =>
  c.kind === "measured" ? (c.m.meets ? "respected" : "too-short") : c.kind === "prohibited" ? "prohibited" : "unknown"

/** What every interval finding of one record shares. */
interface Context {
  readonly substance: string | undefined
  readonly food: string | undefined
  readonly categoryPath: ReadonlyArray<string>
  readonly event: EndEvent | "harvest"
  readonly from: CalendarDate
  readonly to: CalendarDate
  readonly extra: Record<string, unknown>
}

const fmt = (i: Interval): string => `${i.value.toString()} ${i.unit}`

const rowFields = (e: Entry) => ({ source: e.citation.instrument, citation: e.citation, verification: e.verification })

const many = (cs: ReadonlyArray<Candidate>) =>
  cs.length > 1
    ? {
        citations: cs.map((c) => c.entry.citation),
        verification: weakest(cs.map((c) => c.entry.verification))
      }
    : {}

const describe = (c: Candidate): Record<string, unknown> => ({
  row: c.entry.id,
  outcome: outcomeOf(c),
  ...(c.kind === "measured" ? { required: fmt(c.interval), elapsed: `${c.m.elapsed.toString()} ${c.m.unit}` } : {}),
  ...(c.kind === "prohibited" ? { states: c.states } : {}),
  ...(c.kind === "unknown" ? { reason: c.reason } : {})
})

const productOf = (e: Entry): string | undefined => (e.kind === "withdrawal" ? e.product : e.row.product)

// Orders same-unit intervals by their amount; different units keep data order.
const demanding = (a: Candidate, b: Candidate): number =>
  a.kind === "measured" && b.kind === "measured" && a.interval.unit === b.interval.unit ? Decimal.compare(b.interval.value, a.interval.value) : 0

const measuredFinding = (c: Extract<Candidate, { kind: "measured" }>, all: ReadonlyArray<Candidate>, ctx: Context): Finding => {
  const respected = c.m.meets
  return {
    code: respected ? "interval.respected" : "interval.too-short",
    outcome: respected ? "interval-respected" : "interval-too-short",
    severity: respected ? "info" : "violation",
    ...(ctx.substance !== undefined ? { substance: ctx.substance } : {}),
    ...(ctx.food !== undefined ? { food: ctx.food } : {}),
    measured: Decimal.toNumber(c.m.elapsed),
    limit: Decimal.toNumber(c.m.required),
    unit: c.m.unit,
    ...rowFields(c.entry),
    ...many(all),
    decisionRule: c.m.rule,
    ...(respected ? {} : { referral: "administrative" as const }),
    categoryPath: [...ctx.categoryPath],
    values: {
      row: c.entry.id,
      ...(productOf(c.entry) !== undefined ? { product: productOf(c.entry) } : {}),
      event: ctx.event,
      from: ctx.from,
      to: ctx.to,
      required: fmt(c.interval),
      elapsed: `${c.m.elapsed.toString()} ${c.m.unit}`,
      ...(c.m.earliestOn !== undefined ? { earliestOn: c.m.earliestOn } : {}),
      ...(c.m.times !== undefined ? { times: c.m.times } : {}),
      ...(c.entry.kind === "phi" && c.entry.row.maxApplications != null
        ? {
            maxApplications: c.entry.row.maxApplications,
            exceedsMaxApplications: Number(ctx.extra.applications ?? 0) > c.entry.row.maxApplications
          }
        : {}),
      ...(all.length > 1 ? { candidates: all.map(describe) } : {}),
      ...ctx.extra
    }
  }
}

const prohibitedFinding = (c: Extract<Candidate, { kind: "prohibited" }>, all: ReadonlyArray<Candidate>, ctx: Context): Finding => ({
  code: "interval.prohibited-in-state",
  outcome: "prohibited-in-state",
  severity: "violation",
  ...(ctx.substance !== undefined ? { substance: ctx.substance } : {}),
  ...rowFields(c.entry),
  ...many(all),
  decisionRule: DECISION_RULES.prohibitedState,
  referral: "administrative",
  categoryPath: [...ctx.categoryPath],
  values: {
    row: c.entry.id,
    product: c.entry.product,
    states: c.states,
    event: ctx.event,
    ...(all.length > 1 ? { candidates: all.map(describe) } : {}),
    ...ctx.extra
  }
})

const unknownFinding = (
  reason: string,
  all: ReadonlyArray<Candidate>,
  ctx: Context,
  fallback: { readonly citation: Citation; readonly verification: Verification },
  more: Record<string, unknown> = {}
): Finding => {
  const first = all[0]
  const missing = all.flatMap((c) => (c.kind === "unknown" && c.missing ? c.missing : []))
  return {
    code: "interval.unknown",
    outcome: "interval-unknown",
    severity: "warning",
    ...(ctx.substance !== undefined ? { substance: ctx.substance } : {}),
    ...(ctx.food !== undefined ? { food: ctx.food } : {}),
    ...(first
      ? { ...rowFields(first.entry), ...many(all) }
      : { source: fallback.citation.instrument, citation: fallback.citation, verification: fallback.verification }),
    decisionRule: all.length > 1 && reason === "candidates-disagree" ? DECISION_RULES.candidatesDisagree : DECISION_RULES.noInterval,
    categoryPath: [...ctx.categoryPath],
    values: {
      reason,
      event: ctx.event,
      from: ctx.from,
      to: ctx.to,
      ...(missing.length > 0 ? { missingTemperatures: [...new Set(missing)].sort() } : {}),
      ...(all.length > 0 ? { candidates: all.map(describe) } : {}),
      ...more,
      ...ctx.extra
    }
  }
}

/**
 * Combines the outcomes of every row that may govern a use. When the record does not single out
 * one row (no product named, several products with the drug), the interval is judged only if all
 * candidate rows agree: all respected is a pass (under the most demanding row), all violated is a
 * violation, anything else is `interval.unknown` — never a pass that some candidate denies.
 */
const combine = (
  candidates: ReadonlyArray<Candidate>,
  ctx: Context,
  fallback: { readonly citation: Citation; readonly verification: Verification },
  none: { readonly reason: string; readonly more?: Record<string, unknown> }
): ReadonlyArray<Finding> => {
  if (candidates.length === 0) return [unknownFinding(none.reason, [], ctx, fallback, none.more)]
  const outcomes = new Set(candidates.map(outcomeOf))
  if (outcomes.has("unknown")) {
    const reasons = [...new Set(candidates.flatMap((c) => (c.kind === "unknown" ? [c.reason] : [])))]
    const reason = outcomes.size === 1 && reasons.length === 1 ? reasons[0]! : "candidates-disagree"
    return [unknownFinding(reason, candidates, ctx, fallback)]
  }
  if (outcomes.has("respected") && outcomes.size > 1) return [unknownFinding("candidates-disagree", candidates, ctx, fallback)]
  const sorted = [...candidates].sort(demanding)
  const out: Array<Finding> = []
  const prohibited = sorted.filter((c): c is Extract<Candidate, { kind: "prohibited" }> => c.kind === "prohibited")
  if (prohibited.length > 0) out.push(prohibitedFinding(prohibited[0]!, prohibited, ctx))
  const measured = sorted.filter((c): c is Extract<Candidate, { kind: "measured" }> => c.kind === "measured")
  if (measured.length > 0) {
    // a pass cites the most demanding row; a violation the least demanding row (it fails even that)
    const governing = outcomes.has("respected") ? measured[0]! : measured[measured.length - 1]!
    out.push(measuredFinding(governing, measured, ctx))
  }
  return out
}

const inForce = <E extends Entry>(rows: ReadonlyArray<E>, date: string): ReadonlyArray<E> =>
  rows.filter((r) => r.effective === undefined || contains(r.effective, date))

const statusFinding = (
  substance: string,
  food: string | undefined,
  reasons: ReadonlyArray<StatusEntry>,
  dates: ReadonlyArray<string>,
  categoryPath: ReadonlyArray<string>
): Finding => ({
  code: "use.prohibited-substance",
  outcome: "use-prohibited",
  severity: "critical",
  substance,
  ...(food !== undefined ? { food } : {}),
  source: reasons[0]!.citation.instrument,
  citation: reasons[0]!.citation,
  citations: reasons.map((r) => r.citation),
  verification: weakest(reasons.map((r) => r.verification)),
  decisionRule: DECISION_RULES.status,
  referral: "criminal-referral",
  categoryPath: [...categoryPath],
  values: { dates: [...dates], statuses: reasons.map((r) => ({ id: r.id, status: r.status, from: r.effective.from })) }
})

const report = (
  record: { readonly id: string; readonly region?: string | undefined },
  kind: string,
  asOf: string,
  product: string,
  findings: ReadonlyArray<Finding>
): RecordReport => {
  const levels = findings.flatMap((f) => (f.verification ? [f.verification] : []))
  return {
    id: record.id,
    kind,
    verdict: fromFindings(findings),
    asOf,
    product,
    ...(record.region !== undefined ? { region: record.region } : {}),
    ...(levels.length > 0 ? { verification: weakest(levels) } : {}),
    findings
  }
}

const PHI_BASIS: { readonly citation: Citation; readonly verification: Verification } = {
  citation: {
    instrument: "农药管理条例",
    note: "a pesticide must not be used within the pre-harvest interval (安全间隔期) on the label of the registered product used; no label, standard or reference row for this active ingredient and crop is held, so no interval can be checked"
  },
  verification: "unverified"
}

const WITHDRAWAL_BASIS: { readonly citation: Citation; readonly verification: Verification } = {
  citation: {
    instrument: "农业部公告第278号",
    clause: "附件1",
    note: "no row in force for this product (or drug) and species is held; the rows held do not cover the whole notice, and newer products carry their withdrawal period on the label"
  },
  verification: "unverified"
}

/**
 * Checks a pesticide application record as of each application date:
 *
 * - `use.prohibited-substance` (critical, criminal referral) when the active ingredient's use was
 *   prohibited on the crop (its category path) on an application date;
 * - with `registrationNo` and registration rows held for it: `use.registered` (info) when a row of
 *   that registration covers the crop (its crop is the record's crop or a category above it) and
 *   the active ingredient, `use.outside-registration` (violation) when none does or when more
 *   applications were made than the label allows;
 * - the pre-harvest interval: days from the last application (day 0) to harvest. A harvest on
 *   day N after the last application meets an interval of N days; day N − 1 does not. The rows
 *   used are the registration's rows covering the crop, else the rows for the active ingredient
 *   on the most specific crop node of the record's category path (narrowed to the named product
 *   when a row names it), in force on the last application date. Several rows must all agree,
 *   else the interval is unknown; no row is `interval.unknown` (warning), never a pass.
 *
 * Names resolve exactly; an unknown crop or pesticide is an error with its path.
 *
 * @example
 * import { checkApplication } from "@nongan/intervals/Check"
 * typeof checkApplication // "function" — see test/Check.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const checkApplication = (tables: Tables, record: ApplicationRecord): Result<RecordReport, NonganError> => {
  const errors: Array<NonganError> = []
  const crop = tables.foods.resolve(record.crop)
  if (!crop.ok) errors.push(...crop.errors.map((e) => prefix(e, ["crop"])))
  else if (crop.value.kind !== "plant") errors.push(make("invalid-value", ["crop"], { value: record.crop }))
  const substance = tables.substances.resolve(record.pesticide)
  if (!substance.ok) errors.push(...substance.errors.map((e) => prefix(e, ["pesticide"])))
  const dates = applicationDates(record)
  if (dates.length === 0) errors.push(make("missing-field", ["appliedOn"]))
  dates.forEach((d, k) => {
    if (d > record.harvestedOn)
      errors.push(make("date-order", record.applications ? ["applications", k] : ["appliedOn"], { value: `${d} > ${record.harvestedOn}` }))
  })
  if (!crop.ok || crop.value.kind !== "plant" || !substance.ok || errors.length > 0) return fail(...errors)

  const food = crop.value
  const ai = substance.value.id
  const last = [...dates].sort(compareDates)[dates.length - 1]!
  const findings: Array<Finding> = []

  // legal status on every application date
  const prohibitedOn = new Map<string, StatusEntry>()
  const badDates: Array<string> = []
  for (const d of [...new Set(dates)].sort()) {
    const s = tables.statuses.statusOn(ai, d, { kind: "plant", path: food.path })
    if (s.prohibited) {
      badDates.push(d)
      for (const r of s.reasons) prohibitedOn.set(r.id, r)
    }
  }
  if (badDates.length > 0) findings.push(statusFinding(ai, food.id, [...prohibitedOn.values()], badDates, food.path))

  // registration
  const covers = (e: PhiEntry) => food.path.includes(e.crop) && e.ingredients.includes(ai)
  const mostSpecific = (rows: ReadonlyArray<PhiEntry>): ReadonlyArray<PhiEntry> => {
    for (const node of [...food.path].reverse()) {
      const at = rows.filter((r) => r.crop === node)
      if (at.length > 0) return at
    }
    return []
  }
  const extra: Record<string, unknown> = { applications: dates.length }
  let candidates: ReadonlyArray<PhiEntry> | undefined
  const registered = record.registrationNo !== undefined ? inForce(tables.intervals.byRegistration(record.registrationNo), last) : []
  if (record.registrationNo !== undefined) extra.registrationNo = record.registrationNo
  if (record.registrationNo !== undefined && registered.length === 0) extra.registrationInData = false
  if (registered.length > 0) {
    const covering = mostSpecific(registered.filter(covers))
    if (covering.length > 0) {
      const row = covering[0]!
      findings.push({
        code: "use.registered",
        outcome: "registered-use",
        severity: "info",
        substance: ai,
        food: food.id,
        ...rowFields(row),
        decisionRule: DECISION_RULES.registration,
        categoryPath: food.path.slice(0, food.path.indexOf(row.crop) + 1),
        values: { registrationNo: record.registrationNo, row: row.id, registeredCrop: row.crop }
      })
      const max = covering.find((r) => r.row.maxApplications != null && dates.length > r.row.maxApplications)
      if (max) {
        findings.push({
          code: "use.outside-registration",
          outcome: "use-outside-registration",
          severity: "violation",
          substance: ai,
          food: food.id,
          ...rowFields(max),
          decisionRule: "applications<=maxApplications",
          referral: "administrative",
          values: { reason: "max-applications", registrationNo: record.registrationNo, row: max.id, applications: dates.length, maxApplications: max.row.maxApplications }
        })
      }
      candidates = covering
    } else {
      const byIngredient = registered.some((r) => r.ingredients.includes(ai))
      findings.push({
        code: "use.outside-registration",
        outcome: "use-outside-registration",
        severity: "violation",
        substance: ai,
        food: food.id,
        ...rowFields(registered[0]!),
        ...(registered.length > 1
          ? { citations: registered.map((r) => r.citation), verification: weakest(registered.map((r) => r.verification)) }
          : {}),
        decisionRule: DECISION_RULES.registration,
        referral: "administrative",
        categoryPath: [...food.path],
        values: {
          reason: byIngredient ? "crop-not-registered" : "ingredient-not-registered",
          registrationNo: record.registrationNo,
          registeredCrops: [...new Set(registered.map((r) => r.crop))],
          registeredIngredients: [...new Set(registered.flatMap((r) => r.ingredients))]
        }
      })
    }
  }
  if (candidates === undefined) {
    let rows: ReadonlyArray<PhiEntry> = []
    for (const node of [...food.path].reverse()) {
      rows = inForce(tables.intervals.byIngredientCrop(ai, node), last)
      if (rows.length > 0) break
    }
    if (record.product !== undefined) {
      const named = rows.filter((r) => r.row.product === record.product!.trim())
      extra.productMatched = named.length > 0
      if (named.length > 0) rows = named
    }
    candidates = rows
  }

  const span: Span = { from: last, to: record.harvestedOn }
  const evaluated: Array<Candidate> = candidates.map((entry) => {
    const m = measure(entry.phi, span) as Extract<Measure, { kind: "measured" }>
    return { kind: "measured", entry, interval: entry.phi, m }
  })
  const matched = candidates[0]
  const ctx: Context = {
    substance: ai,
    food: food.id,
    categoryPath: matched ? food.path.slice(0, food.path.indexOf(matched.crop) + 1) : food.path,
    event: "harvest",
    from: last,
    to: record.harvestedOn,
    extra
  }
  findings.push(...combine(evaluated, ctx, PHI_BASIS, { reason: "no-row" }))
  return ok(report(record, "pesticide-application", last, food.id, findings))
}

const statesOf = (record: TreatmentRecord, event: EndEvent): ReadonlyArray<ProhibitedState> => {
  const s = new Set<ProhibitedState>()
  if (record.state === "laying" || event === "eggs") s.add("laying")
  if (record.state === "lactating" || event === "milk") s.add("lactating")
  return [...s]
}

/**
 * Checks a veterinary treatment record as of the last dose date:
 *
 * - `use.prohibited-substance` (critical, criminal referral) when a drug of the treatment (the one
 *   named, else the product's) was prohibited for the species (its path) and production state;
 * - `interval.prohibited-in-state` (violation) when the product is prohibited in a state of the
 *   animal: laying (`state: "laying"` or eggs collected) or lactating (`state: "lactating"` or
 *   milked);
 * - the interval for the end event: the withdrawal period (休药期) of the most specific species
 *   entry covering the animal for slaughter, the milk discard period (弃奶期) for milking, the egg
 *   discard period (弃蛋期) for eggs. Days count from the last dose (day 0): slaughter on day N meets
 *   N days. Hours count from `lastDoseAt` to `endAt`; a missing time is bounded so that the
 *   elapsed time is never overstated (the dose at the end of its day, the end event at the start
 *   of its day). Degree-days sum the daily mean water temperatures from the day after the last
 *   dose up to and including the end day; a missing day makes the interval unknown.
 *
 * With a product, its rows are used (a product not in the table gives `interval.unknown`, never
 * another product's period); with only a drug, every product containing it whose periods name the
 * animal's species (or a group above it) is a candidate, and all candidates must agree. Rows not
 * in force on the last dose date (repealed) are not used; the drug's status is still checked.
 *
 * @example
 * import { checkTreatment } from "@nongan/intervals/Check"
 * typeof checkTreatment // "function" — see test/Check.test.ts
 *
 * @since 0.1.0
 * @category rules
 */
export const checkTreatment = (tables: Tables, record: TreatmentRecord): Result<RecordReport, NonganError> => {
  const errors: Array<NonganError> = []
  const species = tables.foods.resolveSpecies(record.species)
  if (!species.ok) errors.push(...species.errors.map((e) => prefix(e, ["species"])))
  const drug = record.drug !== undefined ? tables.substances.resolve(record.drug) : undefined
  if (drug && !drug.ok) errors.push(...drug.errors.map((e) => prefix(e, ["drug"])))
  if (record.drug === undefined && record.product === undefined) errors.push(make("missing-field", ["product"]))
  const end = endOf(record)
  if (!end) errors.push(make("missing-field", ["slaughteredOn"]))
  else {
    if (end.date < record.lastDoseOn) errors.push(make("date-order", [end.field], { value: `${record.lastDoseOn} > ${end.date}` }))
    if (record.endAt !== undefined && dateOf(record.endAt) !== end.date)
      errors.push(make("invalid-value", ["endAt"], { value: record.endAt, expected: [end.date] }))
  }
  if (record.lastDoseAt !== undefined && dateOf(record.lastDoseAt) !== record.lastDoseOn)
    errors.push(make("invalid-value", ["lastDoseAt"], { value: record.lastDoseAt, expected: [record.lastDoseOn] }))
  if (record.lastDoseAt !== undefined && record.endAt !== undefined && record.endAt < record.lastDoseAt)
    errors.push(make("date-order", ["endAt"], { value: `${record.lastDoseAt} > ${record.endAt}` }))
  const temperatures = new Map<string, Decimal.Decimal>()
  record.waterTemperatures?.forEach((t, k) => {
    const c = Decimal.parse(t.celsius)
    if (c === undefined) errors.push(make("invalid-decimal", ["waterTemperatures", k, "celsius"], { value: String(t.celsius) }))
    else if (temperatures.has(t.date)) errors.push(make("invalid-value", ["waterTemperatures", k, "date"], { value: t.date }))
    else temperatures.set(t.date, c)
  })
  if (!species.ok || (drug && !drug.ok) || !end || errors.length > 0) return fail(...errors)

  const speciesId = species.value
  const speciesPath = tables.foods.pathOf(speciesId)
  const drugId = drug?.ok ? drug.value.id : undefined
  const date = record.lastDoseOn
  const states = statesOf(record, end.event)

  // candidate rows: the product's, else every product containing the drug that is meant for the
  // species (when one is: a product whose periods name no species of the animal is left out)
  const all = record.product !== undefined ? tables.intervals.byProduct(record.product) : tables.intervals.byDrug(drugId!)
  const coversSpecies = (r: WithdrawalEntry) => r.periods.some((p) => p.species.some((s) => speciesPath.includes(s)))
  let rows = inForce(all, date)
  if (record.product === undefined && rows.some(coversSpecies)) rows = rows.filter(coversSpecies)
  if (record.product !== undefined && drugId !== undefined) {
    const wrong = rows.find((r) => !r.drugs.includes(drugId))
    if (wrong) return fail(make("invalid-value", ["drug"], { value: record.drug!, expected: [...wrong.drugs] }))
  }

  const findings: Array<Finding> = []

  // legal status of each drug for the species and state on the last dose date
  const statusState = record.state === "laying" || record.state === "lactating" ? record.state : states[0]
  const subject: Subject = { kind: "animal", speciesPath, state: statusState }
  const drugs = drugId !== undefined ? [drugId] : [...new Set(all.flatMap((r) => r.drugs))]
  for (const d of drugs) {
    const s = tables.statuses.statusOn(d, date, subject)
    if (s.prohibited) findings.push(statusFinding(d, undefined, s.reasons, [date], speciesPath))
  }

  const span: Span = {
    from: date,
    to: end.date,
    fromAt: record.lastDoseAt,
    toAt: record.endAt,
    temperatures
  }
  const evaluated: Array<Candidate> = rows.map((entry): Candidate => {
    const banned = entry.row.prohibitedStates?.filter((s) => states.includes(s)) ?? []
    if (banned.length > 0) return { kind: "prohibited", entry, states: banned }
    // the deepest species level of the animal's path that a period names
    let period: Interval | undefined
    for (const level of [...speciesPath].reverse()) {
      const p = entry.periods.find((x) => x.species.includes(level))
      if (p) {
        period = p.interval
        break
      }
    }
    if (period === undefined) return { kind: "unknown", entry, reason: "species-not-covered" }
    const interval = end.event === "slaughter" ? period : end.event === "milk" ? entry.row.milkDiscard : entry.row.eggDiscard
    if (interval === undefined) return { kind: "unknown", entry, reason: end.event === "milk" ? "no-milk-discard-period" : "no-egg-discard-period" }
    const m = measure(interval, span)
    if (m.kind === "unknown") return { kind: "unknown", entry, reason: m.reason, missing: m.missing }
    return { kind: "measured", entry, interval, m }
  })

  const notInForce = all.filter((r) => !rows.includes(r)).map((r) => r.id)
  const withheld = record.product !== undefined ? tables.intervals.withheldProduct(record.product).map((w) => w.id) : []
  const ctx: Context = {
    substance: drugId ?? (drugs.length === 1 ? drugs[0] : undefined),
    food: undefined,
    categoryPath: speciesPath,
    event: end.event,
    from: date,
    to: end.date,
    extra: {
      species: speciesId,
      ...(record.product !== undefined ? { recordProduct: record.product } : {}),
      ...(states.length > 0 ? { states } : {})
    }
  }
  const none = {
    reason: notInForce.length > 0 ? "row-not-in-force" : withheld.length > 0 ? "row-withheld" : "no-row",
    more: { ...(notInForce.length > 0 ? { notInForce } : {}), ...(withheld.length > 0 ? { withheld } : {}) }
  }
  findings.push(...combine(evaluated, ctx, WITHDRAWAL_BASIS, none))
  return ok(report(record, "veterinary-treatment", date, speciesId, findings))
}
