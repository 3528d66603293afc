/**
 * One record of `nongan check`, judged and rendered: the same code for the in-process path
 * (`--jobs 1`), for the workers of `--jobs N` and for the records the main thread judges itself
 * (those that name earlier records as evidence), so that every path writes the same bytes.
 *
 * @since 0.2.0
 */
import { type Locale, toJson } from "@nongan/core/Messages"
import { make } from "@nongan/core/NonganError"
import { type RecordFailure, type RecordReport, type Summary, tally } from "@nongan/core/Verdict"
import { explain } from "@nongan/sdk/Explain"
import type { Validator } from "@nongan/sdk/Validator"
import type { InputItem } from "./Input"
import { csvSink, type Judged, type Sink } from "./Output"
import { blockedFor } from "./OwnPacks"
import { englishNames, failureLines, reportLines, withNames } from "./Render"

/**
 * The output formats of `nongan check`.
 *
 * @since 0.2.0
 * @category models
 */
export type CheckFormat = "table" | "jsonl" | "json" | "explain" | "csv" | "xlsx"

/**
 * What judging and rendering one record needs besides the record.
 *
 * @since 0.2.0
 * @category models
 */
export interface RecordContext {
  readonly validator: Validator
  readonly format: CheckFormat
  readonly locale: Locale
  /** `--region`: every record is judged as from this region */
  readonly region?: string | undefined
  /** jurisdictions whose packs did not load */
  readonly blocked?: ReadonlyArray<string> | undefined
  /** English catalogue names (`--lang en`, table and explain only) */
  readonly named?: ((name: string) => string) | undefined
}

/**
 * The English names a context needs: only for `--lang en` with `--format table|explain`.
 *
 * @example
 * import { namesFor } from "@nongan/cli/CheckRecord"
 * namesFor(undefined as never, "jsonl", "en") // undefined
 *
 * @since 0.2.0
 * @category constructors
 */
export const namesFor = (validator: Validator, format: CheckFormat, locale: Locale): ((name: string) => string) | undefined =>
  locale === "en" && (format === "table" || format === "explain") ? englishNames(validator.dataset) : undefined

/**
 * One record judged: the report or the failure written for it, and the id under which later
 * certificates may name it as evidence, if it has one (the caller keeps what it needs to read
 * the record again: `CheckEvidence`).
 *
 * @since 0.2.0
 * @category models
 */
export interface Judgement {
  readonly obj: RecordReport | RecordFailure
  readonly failed: boolean
  readonly evidence?: { readonly id: string } | undefined
}

/**
 * The record as judged: with `--region`, an object record carries that region.
 *
 * @example
 * import { withRegion } from "@nongan/cli/CheckRecord"
 * withRegion("500154", { id: "a", region: "110101" }) // { id: "a", region: "500154" }
 * withRegion(undefined, 7) // 7
 *
 * @since 0.2.0
 * @category combinators
 */
export const withRegion = (region: string | undefined, record: unknown): unknown =>
  region !== undefined && typeof record === "object" && record !== null && !Array.isArray(record) ? { ...(record as object), region } : record

const regionOf = (r: unknown): string | undefined => {
  const g = typeof r === "object" && r !== null ? (r as { region?: unknown }).region : undefined
  return typeof g === "string" ? g : undefined
}

/**
 * Judges one item: a record from a region whose pack did not load is `pack-unavailable`, an
 * item read as an error is that error, any other record is validated (`--region` applied),
 * `lookup` finding the records a certificate names as evidence.
 *
 * @example
 * import { judgeItem } from "@nongan/cli/CheckRecord"
 * const j = judgeItem({ validator: undefined as never, format: "jsonl", locale: "en" }, { error: { _tag: "NonganError", code: "invalid-json", path: ["line", 1], params: {} }, id: null }, () => undefined)
 * j.failed // true
 *
 * @since 0.2.0
 * @category rules
 */
export const judgeItem = (ctx: RecordContext, item: InputItem, lookup: (id: string) => unknown): Judgement => {
  const blocked = "record" in item && ctx.blocked && ctx.blocked.length > 0 ? blockedFor(ctx.blocked, ctx.region ?? regionOf(item.record)) : undefined
  if (blocked !== undefined) {
    const rid = "record" in item ? (item.record as { id?: unknown } | null)?.id : undefined
    return { obj: { id: typeof rid === "string" ? rid : null, error: toJson(make("pack-unavailable", ["region"], { value: blocked }), ctx.locale) } as RecordFailure, failed: true }
  }
  if ("error" in item) return { obj: { id: item.id, error: toJson(item.error, ctx.locale) } as RecordFailure, failed: true }
  const rec = withRegion(ctx.region, item.record)
  const v = ctx.validator.validate(rec, lookup)
  // a certificate may name its evidence by id: records earlier in the input are found
  const rid = (item.record as { id?: unknown } | null)?.id
  const evidence = typeof rid === "string" ? { id: rid } : undefined
  return v.ok ? { obj: v.report, failed: false, evidence } : { obj: v.failure, failed: true, evidence }
}

/**
 * What a spreadsheet sink is handed for one judged item.
 *
 * @example
 * import { judgedFor } from "@nongan/cli/CheckRecord"
 * judgedFor({ record: { id: "a" }, rows: [2] }, { obj: { id: "a", error: { code: "x" } } as never, failed: true }).rows // [2]
 *
 * @since 0.2.0
 * @category constructors
 */
export const judgedFor = (item: InputItem, j: Pick<Judgement, "obj" | "failed">): Judged => {
  const failed = typeof j.obj === "object" && j.obj !== null && "error" in j.obj
  return {
    record: "record" in item ? item.record : undefined,
    cells: item.cells,
    header: item.header,
    rows: item.rows,
    ...(failed ? { failure: j.obj as RecordFailure } : { report: j.obj as RecordReport })
  }
}

/**
 * The text written for one judged item: a JSON line, a JSON array element (`first`: the first of
 * the array), the sink's rows, or the table or explanation lines.
 *
 * @example
 * import { renderJudgement } from "@nongan/cli/CheckRecord"
 * renderJudgement({ validator: undefined as never, format: "jsonl", locale: "en" }, { record: {} }, { obj: { id: "a", verdict: "compliant", findings: [] } as never, failed: false }, undefined, true)
 * // '{"id":"a","verdict":"compliant","findings":[]}\n'
 *
 * @since 0.2.0
 * @category combinators
 */
export const renderJudgement = (ctx: RecordContext, item: InputItem, j: Judgement, sink: Sink | undefined, first: boolean): string => {
  if (sink) return sink.add(judgedFor(item, j))
  if (ctx.format === "jsonl") return `${JSON.stringify(j.obj)}\n`
  if (ctx.format === "json") return `${first ? "\n" : ",\n"}${JSON.stringify(j.obj)}`
  if (j.failed) return `${failureLines(j.obj as RecordFailure, ctx.locale).join("\n")}\n`
  // `--lang en`: English catalogue names in the table and the explanation only
  const shown = ctx.named ? withNames(j.obj as RecordReport, ctx.named) : (j.obj as RecordReport)
  return `${(ctx.format === "explain" ? [...explain(shown, ctx.locale), ""] : reportLines(shown, ctx.locale)).join("\n")}\n`
}

/**
 * A record's verdict as a small number, to send between threads: 0 malformed, 1 compliant, 2
 * non-compliant, 3 indeterminate, plus 4 when a finding is a criminal referral.
 *
 * @example
 * import { tallyCode } from "@nongan/cli/CheckRecord"
 * tallyCode({ obj: { id: "a", verdict: "non-compliant", findings: [{ referral: "criminal-referral" }] } as never, failed: false }) // 6
 *
 * @since 0.2.0
 * @category combinators
 */
export const tallyCode = (j: Pick<Judgement, "obj" | "failed">): number => {
  if (j.failed) return 0
  const r = j.obj as RecordReport
  const v = r.verdict === "compliant" ? 1 : r.verdict === "non-compliant" ? 2 : 3
  return r.findings.some((f) => f.referral === "criminal-referral") ? v + 4 : v
}

const VERDICTS = [undefined, "compliant", "non-compliant", "indeterminate"] as const

/**
 * Counts a record in the summary from its {@link tallyCode}, as `tally` counts its report.
 *
 * @example
 * import { addTally } from "@nongan/cli/CheckRecord"
 * import { emptySummary } from "@nongan/core/Verdict"
 * addTally(emptySummary(), 6).criminalReferrals // 1
 *
 * @since 0.2.0
 * @category combinators
 */
export const addTally = (s: Summary, code: number): Summary =>
  code === 0 ? tally(s, "malformed") : tally(s, { verdict: VERDICTS[code & 3]!, findings: code & 4 ? [{ referral: "criminal-referral" }] : [] })

/**
 * A CSV sink that never writes the header (the main thread writes it once, before the first
 * record): its columns are those of the first record of the whole input (`header`, its
 * spreadsheet header, undefined for JSON input), whichever chunk it judges.
 *
 * @example
 * import { headlessCsvSink } from "@nongan/cli/CheckRecord"
 * headlessCsvSink(undefined).add({ report: { id: "A", verdict: "compliant", findings: [] } as never }).startsWith("A,") // true
 *
 * @since 0.2.0
 * @category constructors
 */
export const headlessCsvSink = (header: ReadonlyArray<string> | undefined): Sink => {
  const s = csvSink()
  s.add(PROBE(header))
  return s
}

const PROBE = (header: ReadonlyArray<string> | undefined): Judged => ({ header, report: { id: "", verdict: "compliant", findings: [] } as unknown as RecordReport })

/**
 * The CSV header line the first record's columns give (what `csvSink` writes before its first row).
 *
 * @example
 * import { csvHeaderLine } from "@nongan/cli/CheckRecord"
 * csvHeaderLine(undefined).startsWith("id,kind,") // true
 *
 * @since 0.2.0
 * @category combinators
 */
export const csvHeaderLine = (header: ReadonlyArray<string> | undefined): string => {
  const s = csvSink()
  const withHead = s.add(PROBE(header))
  const row = s.add(PROBE(header))
  return withHead.slice(0, withHead.length - row.length)
}
