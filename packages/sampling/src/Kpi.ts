import type { Cell } from "./Allocate"
import * as R from "./internal/Ratio"
import type { Target } from "./Targets"

/**
 * One judged report line as nongan prints it (`nongan check --format jsonl`), with what a KPI
 * groups by. A line with `error` is a record that could not be read. `method`, `link` (环节)
 * and `programme` are not in a report: join them from the records (see `joinRecords`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ReportLine {
  readonly id?: string | null
  readonly verdict?: string
  readonly error?: unknown
  readonly product?: string
  readonly region?: string
  readonly asOf?: string
  readonly findings?: ReadonlyArray<{ readonly code: string; readonly substance?: string; readonly food?: string; readonly categoryPath?: ReadonlyArray<string> }>
  readonly method?: string
  readonly link?: string
  readonly programme?: string
}

/**
 * Counts of one group: lab batches sampled (合格 + 不合格), passed, failed, indeterminate (no
 * limit held, inconclusive: counted apart, never as passing), and rapid tests apart.
 *
 * @since 0.1.0
 * @category models
 */
export interface Counts {
  sampled: number
  passed: number
  failed: number
  indeterminate: number
  rapid: number
  rapidPositive: number
}

/**
 * A group's pass rate: the counts, 合格率 = passed / sampled (null when nothing was sampled) and
 * its percentage with two decimals.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rate extends Counts {
  readonly key: string
  readonly rate: number | null
  readonly percent: string
}

/**
 * The dimensions a KPI report groups by.
 *
 * @example
 * import { DIMENSIONS } from "@nongan/sampling/Kpi"
 * DIMENSIONS // ["product", "region", "period", "link", "programme"]
 *
 * @since 0.1.0
 * @category models
 */
export const DIMENSIONS = ["product", "region", "period", "link", "programme"] as const
/** @since 0.1.0 @category models */
export type Dimension = (typeof DIMENSIONS)[number]

/**
 * A met-or-not comparison of a rate with a target, the gap in percentage points (rate − target).
 *
 * @since 0.1.0
 * @category models
 */
export interface Comparison {
  readonly target: Target
  readonly key?: string
  readonly actual: { readonly passed: number; readonly sampled: number; readonly percent: string } | null
  readonly met: boolean | null
  readonly gapPoints: string | null
}

/**
 * The KPI report.
 *
 * @since 0.1.0
 * @category models
 */
export interface KpiReport {
  readonly lines: number
  readonly malformed: number
  readonly overall: Rate
  readonly banned: Rate
  readonly by: Readonly<Record<Dimension, ReadonlyArray<Rate>>>
  readonly failures: ReadonlyArray<{ readonly id: string; readonly product?: string | undefined; readonly banned: boolean }>
  readonly completion?: { readonly quota: number; readonly sampled: number; readonly percent: string } | undefined
  /** completion per product against a plan's product allocation */
  readonly completionByProduct?: ReadonlyArray<{ readonly key: string; readonly quota: number; readonly sampled: number; readonly percent: string }> | undefined
  readonly followUp?: { readonly failed: number; readonly disposed: number; readonly traced: number; readonly disposalPercent: string; readonly tracebackPercent: string } | undefined
  readonly targets: ReadonlyArray<Comparison>
  readonly rules: ReadonlyArray<string>
}

/**
 * Options: the period granularity, a predicate saying whether a substance is banned for a food
 * on a date (a batch with such an analyte is a banned-substance test; the CLI answers it from
 * the status tables), the monitoring quota and the quota per product (completion counts lab
 * batches sampled, passing or not).
 *
 * @since 0.1.0
 * @category models
 */
export interface KpiOptions {
  readonly period?: "year" | "quarter" | "month"
  readonly isBanned?: (substance: string, categoryPath: ReadonlyArray<string> | undefined, date: string | undefined) => boolean
  readonly quota?: number
  /** the plan's quota per product (its product allocation) */
  readonly quotaByProduct?: Readonly<Record<string, number>>
}

const empty = (): Counts => ({ sampled: 0, passed: 0, failed: 0, indeterminate: 0, rapid: 0, rapidPositive: 0 })

const percentOf = (passed: number, sampled: number): string => (sampled === 0 ? "—" : `${R.format(R.of(BigInt(passed) * 100n, BigInt(sampled)), 2)} %`)

const rateOf = (key: string, c: Counts): Rate => ({ key, ...c, rate: c.sampled === 0 ? null : c.passed / c.sampled, percent: percentOf(c.passed, c.sampled) })

const periodOf = (asOf: string | undefined, g: "year" | "quarter" | "month"): string => {
  if (!asOf) return "(none)"
  if (g === "year") return asOf.slice(0, 4)
  if (g === "month") return asOf.slice(0, 7)
  return `${asOf.slice(0, 4)}-Q${Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1}`
}

const RAPID = new Set(["residue.screen-positive", "residue.screen-negative"])

/**
 * The rules this report counts by, as stable codes (rendered in docs/sampling.md).
 *
 * @example
 * import { RULES } from "@nongan/sampling/Kpi"
 * RULES.includes("any-failing-analyte-fails-the-batch") // true
 *
 * @since 0.1.0
 * @category models
 */
export const RULES: ReadonlyArray<string> = [
  "pass-rate = passed / (passed + failed) over lab batches",
  "any-failing-analyte-fails-the-batch",
  "indeterminate-batches-counted-apart",
  "rapid-tests-counted-apart",
  "malformed-records-counted-apart"
]

/**
 * Accumulates KPIs over report lines one at a time (constant memory per group, so a million
 * reports stream through).
 *
 * @example
 * import { KpiAccumulator } from "@nongan/sampling/Kpi"
 * const k = new KpiAccumulator()
 * k.add({ id: "a", verdict: "compliant", product: "豇豆", findings: [] })
 * k.add({ id: "b", verdict: "non-compliant", product: "豇豆", findings: [{ code: "residue.exceeds-limit" }] })
 * k.report().overall.percent // "50 %"
 *
 * @since 0.1.0
 * @category constructors
 */
export class KpiAccumulator {
  private lines = 0
  private malformed = 0
  private readonly overall = empty()
  private readonly banned = empty()
  private readonly groups = new Map<Dimension, Map<string, Counts>>(DIMENSIONS.map((d) => [d, new Map()]))
  private readonly failures: Array<{ id: string; product?: string | undefined; banned: boolean }> = []
  private readonly failedIds = new Set<string>()
  constructor(private readonly options: KpiOptions = {}) {}

  /** Adds one report line. */
  add(line: ReportLine): void {
    this.lines++
    if (line.error !== undefined || line.verdict === undefined) {
      this.malformed++
      return
    }
    const findings = line.findings ?? []
    const rapid = line.method === "rapid" || (findings.length > 0 && findings.every((f) => RAPID.has(f.code)))
    const keys: Record<Dimension, string> = {
      product: line.product ?? "(none)",
      region: line.region ?? "(none)",
      period: periodOf(line.asOf, this.options.period ?? "year"),
      link: line.link ?? "(none)",
      programme: line.programme ?? "(none)"
    }
    const isBanned = this.options.isBanned
    const prohibitedFinding = findings.some((f) => f.code === "residue.prohibited-use")
    const bannedTest = !rapid && (prohibitedFinding || (isBanned !== undefined && findings.some((f) => f.substance !== undefined && isBanned(f.substance, f.categoryPath, line.asOf))))
    const bump = (c: Counts) => {
      if (rapid) {
        c.rapid++
        if (findings.some((f) => f.code === "residue.screen-positive")) c.rapidPositive++
      } else if (line.verdict === "compliant") {
        c.sampled++
        c.passed++
      } else if (line.verdict === "non-compliant") {
        c.sampled++
        c.failed++
      } else c.indeterminate++
    }
    bump(this.overall)
    for (const d of DIMENSIONS) {
      const m = this.groups.get(d)!
      let c = m.get(keys[d])
      if (!c) m.set(keys[d], (c = empty()))
      bump(c)
    }
    if (bannedTest) {
      if (prohibitedFinding) {
        this.banned.sampled++
        this.banned.failed++
      } else if (line.verdict === "compliant" || line.verdict === "non-compliant") {
        // a banned substance tested and not found illegally: a pass of the banned-substance test
        this.banned.sampled++
        this.banned.passed++
      } else this.banned.indeterminate++
    }
    if (!rapid && line.verdict === "non-compliant" && typeof line.id === "string") {
      if (this.failures.length < 10_000) this.failures.push({ id: line.id, product: line.product, banned: prohibitedFinding })
      this.failedIds.add(line.id)
    }
  }

  /**
   * The report: rates overall, for banned substances and by every dimension (sorted by key),
   * completion against the quota, follow-up rates from case records, and the comparison with
   * targets (overall pass rate for `pass-rate`, banned pass rate for `banned-pass-rate`).
   */
  report(targets: ReadonlyArray<Target> = [], cases: ReadonlyArray<{ readonly report: string; readonly disposed?: boolean; readonly traced?: boolean }> = []): KpiReport {
    const by = Object.fromEntries(
      DIMENSIONS.map((d) => [d, [...this.groups.get(d)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, c]) => rateOf(k, { ...c }))])
    ) as unknown as Record<Dimension, ReadonlyArray<Rate>>
    const overall = rateOf("overall", { ...this.overall })
    const banned = rateOf("banned-substances", { ...this.banned })
    const relevant = cases.filter((c) => this.failedIds.has(c.report))
    const failed = this.failedIds.size
    const disposed = relevant.filter((c) => c.disposed).length
    const traced = relevant.filter((c) => c.traced).length
    const followUp = cases.length > 0 ? { failed, disposed, traced, disposalPercent: percentOf(disposed, failed), tracebackPercent: percentOf(traced, failed) } : undefined
    const compare = (t: Target): Comparison => {
      const [passed, sampled] =
        t.metric === "pass-rate" ? [overall.passed, overall.sampled] : t.metric === "banned-pass-rate" ? [banned.passed, banned.sampled] : t.metric === "traceback-rate" ? [traced, failed] : [disposed, failed]
      if (sampled === 0 || ((t.metric === "traceback-rate" || t.metric === "disposal-rate") && followUp === undefined))
        return { target: t, actual: null, met: null, gapPoints: null }
      const actual = R.of(BigInt(passed), BigInt(sampled))
      const goal = R.parse(t.value)!
      const met = R.cmp(actual, goal) >= 0
      // gap = (actual − goal) × 100, in percentage points, 2 decimals
      const num = BigInt(passed) * goal.d * 100n - goal.n * BigInt(sampled) * 100n
      const den = BigInt(sampled) * goal.d
      const abs = R.format(R.of(num < 0n ? -num : num, den), 2)
      return { target: t, actual: { passed, sampled, percent: percentOf(passed, sampled) }, met, gapPoints: `${num < 0n ? "-" : "+"}${abs}` }
    }
    return {
      lines: this.lines,
      malformed: this.malformed,
      overall,
      banned,
      by,
      failures: [...this.failures],
      completion: this.options.quota !== undefined ? { quota: this.options.quota, sampled: overall.sampled, percent: percentOf(overall.sampled, this.options.quota) } : undefined,
      completionByProduct:
        this.options.quotaByProduct === undefined
          ? undefined
          : Object.entries(this.options.quotaByProduct)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, quota]) => {
                const sampled = this.groups.get("product")!.get(key)?.sampled ?? 0
                return { key, quota, sampled, percent: percentOf(sampled, quota) }
              }),
      followUp,
      targets: targets.map(compare),
      rules: RULES
    }
  }
}

/**
 * KPIs over report lines in one call.
 *
 * @example
 * import { kpi } from "@nongan/sampling/Kpi"
 * kpi([{ id: "a", verdict: "compliant", findings: [] }]).overall.rate // 1
 *
 * @since 0.1.0
 * @category constructors
 */
export const kpi = (lines: Iterable<ReportLine>, options: KpiOptions = {}, targets: ReadonlyArray<Target> = []): KpiReport => {
  const k = new KpiAccumulator(options)
  for (const l of lines) k.add(l)
  return k.report(targets)
}

/**
 * Adds to report lines what only the records hold (`method`, the 环节 from `stage` or
 * `extra.link`, `extra.programme`), matched by id.
 *
 * @example
 * import { joinRecords } from "@nongan/sampling/Kpi"
 * const join = joinRecords([{ id: "a", method: "rapid", stage: "批发市场" }])
 * join({ id: "a", verdict: "compliant" }).link // "批发市场"
 *
 * @since 0.1.0
 * @category combinators
 */
export const joinRecords = (
  records: Iterable<{ readonly id?: unknown; readonly method?: unknown; readonly stage?: unknown; readonly extra?: unknown }>
): ((line: ReportLine) => ReportLine) => {
  const m = new Map<string, { method?: string; link?: string; programme?: string }>()
  for (const r of records) {
    if (typeof r.id !== "string") continue
    const extra = (typeof r.extra === "object" && r.extra !== null ? r.extra : {}) as Record<string, unknown>
    const str = (u: unknown) => (typeof u === "string" ? u : undefined)
    m.set(r.id, { method: str(r.method), link: str(r.stage) ?? str(extra.link), programme: str(extra.programme) })
  }
  return (line) => {
    const j = typeof line.id === "string" ? m.get(line.id) : undefined
    if (!j) return line
    return { ...line, ...(j.method ? { method: j.method } : {}), ...(j.link ? { link: j.link } : {}), ...(j.programme ? { programme: j.programme } : {}) }
  }
}

/**
 * Allocation cells weighted by past results, for a risk-based split ("sampled more where pass
 * rates are low"): the weight of each group is its failed batches (`failed`) or its sampled
 * batches (`sampled`), with the counts written in the basis. Which one to use, and any minimum,
 * is the plan's choice: no source gives a formula.
 *
 * @example
 * import { kpi, weightsFrom } from "@nongan/sampling/Kpi"
 * const r = kpi([{ id: "a", verdict: "non-compliant", product: "豇豆", findings: [] }, { id: "b", verdict: "compliant", product: "韭菜", findings: [] }])
 * weightsFrom(r.by.product, "failed").map((c) => [c.key, c.weight]) // [["豇豆", "1"], ["韭菜", "0"]]
 *
 * @since 0.1.0
 * @category constructors
 */
export const weightsFrom = (rates: ReadonlyArray<Rate>, by: "failed" | "sampled", minimum?: number): ReadonlyArray<Cell> =>
  rates
    .filter((r) => r.key !== "(none)")
    .map((r) => ({
      key: r.key,
      weight: String(by === "failed" ? r.failed : r.sampled),
      basis: `${by === "failed" ? "past failures" : "past sampled batches"}: ${r.failed} failed of ${r.sampled} (${r.percent} passed)`,
      ...(minimum !== undefined ? { minimum } : {})
    }))
