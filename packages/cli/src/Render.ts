import type { Finding } from "@nongan/core/Finding"
import { type Locale, outcomeLabel, referralLabel, unverifiedNote, verdictLabel } from "@nongan/core/Messages"
import type { RecordFailure, RecordReport, Summary } from "@nongan/core/Verdict"
import { readingLines } from "@nongan/sdk/Explain"
import type { Dataset } from "@nongan/engine/Dataset"

const num = (n: number | undefined): string => (n === undefined ? "" : String(n))

/**
 * One line describing a finding: substance, measured value against the limit, outcome, source
 * and referral.
 *
 * @example
 * import { findingLine } from "@nongan/cli/Render"
 * findingLine({ code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation",
 *   substance: "克百威", measured: 0.062, limit: 0.02, unit: "mg/kg", source: "GB 2763-2021" }, "zh-CN")
 * // "克百威 0.062 > 0.02 mg/kg 超过限量 [GB 2763-2021]"
 *
 * @since 0.1.0
 * @category combinators
 */
export const findingLine = (f: Finding, locale: Locale): string => {
  const parts: Array<string> = []
  if (f.substance) parts.push(f.substance)
  else if (typeof f.values?.written === "string") parts.push(f.values.written)
  if (f.error) {
    // an analyte that could not be read: what it is, and the error with its path
    parts.push(outcomeLabel(f.outcome, locale), `[${f.error.code}] ${f.error.message}`)
    return parts.join(" ")
  }
  if (f.code.startsWith("interval.") && f.measured !== undefined && f.limit !== undefined) {
    parts.push(`${num(f.measured)} / ${num(f.limit)} ${f.unit ?? ""}`.trim())
  } else if (f.measured !== undefined && f.limit !== undefined) {
    const op = f.measured > f.limit ? ">" : "≤"
    parts.push(`${num(f.measured)} ${op} ${num(f.limit)} ${f.unit ?? ""}`.trim())
  } else if (f.measured !== undefined) parts.push(`${num(f.measured)} ${f.unit ?? ""}`.trim())
  parts.push(f.outcome === "custom" && f.message ? f.message : outcomeLabel(f.outcome, locale))
  if (f.source) parts.push(`[${f.source}${f.verification && f.verification !== "official-text" ? ` · ${f.verification}` : ""}]`)
  if (f.referral) parts.push(`→ ${referralLabel(f.referral, locale)}`)
  if (f.layer && f.layer !== "national") parts.push(`(${f.layer}${f.rule ? `/${f.rule}` : ""})`)
  const paths = f.values?.paths
  if (f.outcome === "duplicate-analyte" && Array.isArray(paths)) parts.push(`(${paths.join(locale === "zh-CN" ? "、" : ", ")})`)
  return parts.join(" ")
}

/**
 * Renders a record report as readable lines (the default output of `nongan check`): the head, how
 * names and values were read when a reading changed them (each once), and the findings.
 *
 * @example
 * import { reportLines } from "@nongan/cli/Render"
 * reportLines({ id: "A", verdict: "compliant", findings: [] }, "en") // ["A  compliant"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const reportLines = (r: RecordReport, locale: Locale): ReadonlyArray<string> => {
  const head = [r.id, r.product, r.asOf, verdictLabel(r.verdict, locale)].filter((x) => x !== undefined && x !== "").join("  ")
  const note = r.verification && r.verification !== "official-text" && r.verdict !== "compliant" ? unverifiedNote(locale) : ""
  const shown = r.findings.filter((f) => f.severity !== "info" || r.findings.length <= 3)
  const readings = [...new Set(r.findings.flatMap((f) => readingLines(f, locale)))]
  return [head + note, ...readings.map((l) => `    · ${l}`), ...shown.map((f) => `    - ${findingLine(f, locale)}`)]
}

/**
 * Renders a malformed record.
 *
 * @example
 * import { failureLines } from "@nongan/cli/Render"
 * failureLines({ id: "A", error: { code: "io", path: "", message: "cannot read" } }, "en")
 *
 * @since 0.1.0
 * @category combinators
 */
export const failureLines = (f: RecordFailure, locale: Locale): ReadonlyArray<string> => [
  `${f.id ?? "?"}  ${locale === "zh-CN" ? "无法读取" : "malformed"}  [${f.error.code}] ${f.error.message}`,
  ...(f.errors ?? []).slice(1).map((e) => `    - [${e.code}] ${e.message}`)
]

/**
 * Renders the batch summary.
 *
 * @example
 * import { summaryLine } from "@nongan/cli/Render"
 * summaryLine({ records: 2, compliant: 1, nonCompliant: 1, indeterminate: 0, malformed: 0, criminalReferrals: 1 }, "en")
 *
 * @since 0.1.0
 * @category combinators
 */
export const summaryLine = (s: Summary, locale: Locale): string =>
  locale === "zh-CN"
    ? `共 ${s.records} 条记录：合格 ${s.compliant}，不合格 ${s.nonCompliant}，待定 ${s.indeterminate}，无法读取 ${s.malformed}；涉嫌犯罪需移送 ${s.criminalReferrals}`
    : `${s.records} records: ${s.compliant} compliant, ${s.nonCompliant} non-compliant, ${s.indeterminate} indeterminate, ${s.malformed} malformed; ${s.criminalReferrals} criminal referrals`

/**
 * The English name of a catalogue entry, or the name unchanged where the catalogue has no
 * `english` field (never a made-up translation). Ids, names and aliases of substances, foods,
 * species, tissues and animal products are all looked up.
 *
 * @example
 * import { englishNames } from "@nongan/cli/Render"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const d = loadDataset()
 * const en = d.ok ? englishNames(d.value) : (n: string) => n
 * en("毒死蜱") // "chlorpyrifos"
 * en("芹菜") // "芹菜" (no English name in the catalogue)
 *
 * @since 0.1.0
 * @category combinators
 */
export const englishNames = (ds: Pick<Dataset, "foods" | "substances">): ((name: string) => string) => {
  const map = new Map<string, string>()
  type Named = { readonly id: string; readonly name?: string; readonly aliases?: ReadonlyArray<string>; readonly english?: string | undefined }
  const add = (xs: ReadonlyArray<Named>) => {
    for (const x of xs) {
      const en = x.english?.trim()
      if (!en) continue
      for (const k of [x.id, x.name, ...(x.aliases ?? [])]) if (k && !map.has(k)) map.set(k, en)
    }
  }
  add(ds.substances.all())
  add(ds.foods.nodes())
  add(ds.foods.species())
  add(ds.foods.tissues())
  add(ds.foods.products() as ReadonlyArray<Named>)
  return (name) => map.get(name) ?? name
}

/**
 * A copy of a report for display with the names of substances, foods and food categories
 * replaced by `name` (see {@link englishNames}); ids, codes and values are untouched. For the
 * table and the explanation only: JSON output keeps the report as judged.
 *
 * @example
 * import { withNames } from "@nongan/cli/Render"
 * withNames({ id: "A", verdict: "compliant", findings: [] }, (n) => n.toUpperCase()).id // "A"
 *
 * @since 0.1.0
 * @category combinators
 */
export const withNames = (r: RecordReport, name: (n: string) => string): RecordReport => ({
  ...r,
  ...(r.product !== undefined ? { product: name(r.product) } : {}),
  findings: r.findings.map((f) => ({
    ...f,
    ...(f.substance !== undefined ? { substance: name(f.substance) } : {}),
    ...(f.food !== undefined ? { food: name(f.food) } : {}),
    ...(f.categoryPath !== undefined ? { categoryPath: f.categoryPath.map(name) } : {})
  }))
})
