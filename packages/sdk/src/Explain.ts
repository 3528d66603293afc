import * as Citation from "@nongan/core/Citation"
import type { Finding } from "@nongan/core/Finding"
import { type Locale, outcomeLabel, referralLabel, verdictLabel } from "@nongan/core/Messages"
import type { NameReading, NameStep } from "@nongan/core/NameReading"
import type { RecordReport } from "@nongan/core/Verdict"
import { toPlain } from "@nongan/core/Plain"

const LEVEL: Record<string, { "zh-CN": string; en: string }> = {
  "official-text": { "zh-CN": "官方文本", en: "official text" },
  secondary: { "zh-CN": "二手来源", en: "secondary source" },
  unverified: { "zh-CN": "未核实", en: "unverified" },
  uncertain: { "zh-CN": "来源冲突", en: "conflicting sources" }
}

const stepText = (s: NameStep, zh: boolean): string => {
  const by = s.source ? (zh ? `，依据 ${s.source}` : `, per ${s.source}`) : ""
  switch (s.kind) {
    case "normalise":
      return zh ? "统一全角、空格和括号写法" : "width, spacing and brackets normalised"
    case "qualifier":
      return zh ? `去掉限定词${s.dropped ? ` ${s.dropped}` : ""}` : `qualifier${s.dropped ? ` ${s.dropped}` : ""} dropped`
    case "origin":
      return zh ? `去掉产地${s.dropped ? ` ${s.dropped}` : ""}` : `place of origin${s.dropped ? ` ${s.dropped}` : ""} dropped`
    case "bracket":
      return zh ? `读取括号内的名称${s.dropped ? ` ${s.dropped}` : ""}` : `bracketed name read${s.dropped ? ` (${s.dropped})` : ""}`
    case "synonym":
      return zh ? `同义名${by}` : `synonym${by}`
    case "variety":
      return zh ? `品种或商品名${by}` : `variety or trade name${by}`
    case "local":
      return zh ? `地方名称${by}` : `local name${by}`
    case "expressed-as":
      return zh ? `按“以…计”读取${s.note ? `：${s.note}` : ""}` : `"expressed as" clause read${s.note ? `: ${s.note}` : ""}`
    case "group":
      return zh ? `按标准的组合或总量写法读取` : `read as the standard names the group or sum`
    case "mismatch":
      return zh ? `与残留物定义不符${s.note ? `：${s.note}` : ""}` : `disagrees with the residue definition${s.note ? `: ${s.note}` : ""}`
  }
}

/**
 * Describes how a written name was read, step by step: `韭菜(散装称重) 读作 韭菜（去掉限定词 散装称重）`.
 *
 * @example
 * import { describeReading } from "@nongan/sdk/Explain"
 * describeReading({ written: "韭菜(散装称重)", read: "韭菜",
 *   steps: [{ kind: "qualifier", from: "韭菜(散装称重)", to: "韭菜", dropped: "散装称重" }] })
 * // "韭菜(散装称重) 读作 韭菜（去掉限定词 散装称重）"
 *
 * @since 0.2.0
 * @category combinators
 */
export const describeReading = (r: NameReading, locale: Locale = "zh-CN"): string => {
  const zh = locale === "zh-CN"
  const steps = r.steps.map((s) => stepText(s, zh))
  const how = steps.length === 0 ? "" : zh ? `（${steps.join("；")}）` : ` (${steps.join("; ")})`
  return zh ? `${r.written} 读作 ${r.read}${how}` : `${r.written} read as ${r.read}${how}`
}

/**
 * The lines saying how a finding's names and value were read (`Finding.read`), empty when none
 * changed.
 *
 * @example
 * import { readingLines } from "@nongan/sdk/Explain"
 * readingLines({ code: "residue.within-limit", outcome: "within-limit", severity: "info",
 *   read: { value: "5782微克/千克" }, measured: 5782, unit: "ug/kg" }, "en")
 * // ["value 5782微克/千克 read as 5782 ug/kg"]
 *
 * @since 0.2.0
 * @category combinators
 */
export const readingLines = (f: Finding, locale: Locale = "zh-CN"): ReadonlyArray<string> => {
  const zh = locale === "zh-CN"
  const out: Array<string> = []
  if (f.read?.product) out.push(describeReading(f.read.product, locale))
  if (f.read?.substance) out.push(describeReading(f.read.substance, locale))
  if (f.read?.value !== undefined) {
    const as = f.measured !== undefined && f.unit !== undefined ? `${f.measured} ${f.unit}` : undefined
    out.push(zh ? `检测值 ${f.read.value}${as ? ` 读作 ${as}` : " 按原文读取"}` : `value ${f.read.value}${as ? ` read as ${as}` : " read as written"}`)
  }
  return out
}

/** The substance a finding is about, or the name as written when it could not be read. */
const subjectOf = (f: Finding): string | undefined =>
  f.substance ?? (typeof f.values?.written === "string" ? f.values.written : undefined)

interface Overridden {
  readonly layer: string
  readonly limit?: number
  readonly mustNotDetect?: boolean
  readonly unit?: string
  readonly source?: string
  readonly row?: string
}

/** The rows of the layers above that a regional row applied in their place (`values.overrides`). */
const overridesOf = (f: Finding): ReadonlyArray<Overridden> => {
  const o = f.values?.["overrides"]
  return Array.isArray(o) ? (o as ReadonlyArray<Overridden>) : []
}

const findingExplanation = (f: Finding, locale: Locale): ReadonlyArray<string> => {
  const zh = locale === "zh-CN"
  const lines: Array<string> = []
  const who = [subjectOf(f), f.food].filter(Boolean).join(zh ? " 于 " : " in ")
  lines.push(`• ${who ? `${who}: ` : ""}${f.outcome === "custom" && f.message ? f.message : outcomeLabel(f.outcome, locale)} (${f.code})`)
  if (f.error) lines.push(zh ? `  原因：[${f.error.code}] ${f.error.message}` : `  reason: [${f.error.code}] ${f.error.message}`)
  for (const r of readingLines(f, locale)) lines.push(zh ? `  读取：${r}` : `  read: ${r}`)
  if (f.measured !== undefined || f.limit !== undefined)
    lines.push(
      zh
        ? `  测定值 ${f.measured ?? "—"} ${f.unit ?? ""}，限量 ${f.limit ?? "—"} ${f.unit ?? ""}${f.temporary ? "（临时限量）" : ""}`
        : `  measured ${f.measured ?? "—"} ${f.unit ?? ""}, limit ${f.limit ?? "—"} ${f.unit ?? ""}${f.temporary ? " (temporary limit)" : ""}`
    )
  if (f.categoryPath && f.categoryPath.length > 0)
    lines.push(zh ? `  适用的食品类别：${f.categoryPath.join(" › ")}` : `  applied to the food category: ${f.categoryPath.join(" › ")}`)
  if (f.citation)
    lines.push(
      zh
        ? `  依据：${Citation.format(f.citation)}${f.citation.url ? `（${f.citation.url}）` : ""}；核实程度：${LEVEL[f.verification ?? "unverified"]![locale]}`
        : `  basis: ${Citation.format(f.citation)}${f.citation.url ? ` (${f.citation.url})` : ""}; verification: ${LEVEL[f.verification ?? "unverified"]![locale]}`
    )
  for (const o of overridesOf(f))
    lines.push(
      zh
        ? `  覆盖上层限量：${o.layer} ${o.mustNotDetect ? "不得检出" : `${o.limit ?? "—"} ${o.unit ?? ""}`}（${o.source ?? ""}${o.row ? ` ${o.row}` : ""}）`
        : `  overrides the limit above: ${o.layer} ${o.mustNotDetect ? "must not be detected" : `${o.limit ?? "—"} ${o.unit ?? ""}`} (${o.source ?? ""}${o.row ? ` ${o.row}` : ""})`
    )
  if (f.decisionRule) lines.push(zh ? `  判定规则：${f.decisionRule}` : `  decision rule: ${f.decisionRule}`)
  if (f.layer) lines.push(zh ? `  规则层：${f.layer}${f.rule ? `，自定义规则 ${f.rule}` : ""}` : `  layer: ${f.layer}${f.rule ? `, custom rule ${f.rule}` : ""}`)
  const { overrides: _o, ...values } = f.values ?? {}
  if (Object.keys(values).length > 0) lines.push(zh ? `  读取的值：${JSON.stringify(values)}` : `  values read: ${JSON.stringify(values)}`)
  if (f.referral) lines.push(zh ? `  处置：${referralLabel(f.referral, locale)}` : `  routing: ${referralLabel(f.referral, locale)}`)
  return lines
}

/**
 * Explains a report in words a regulator can read: the verdict and the date it was judged as of,
 * the packs that judged it, and for every finding how its names and value were read, the values,
 * the limit and its table (a regional row with the rows of the layers above it overrides), the
 * food category path it was found on, the legal basis with its verification level, the decision rule, the layer and custom rule, and the routing; for an
 * analyte that could not be read, the error and its path.
 *
 * @example
 * import { explain } from "@nongan/sdk/Explain"
 * explain({ id: "A1", verdict: "compliant", asOf: "2024-06-15", findings: [] }, "en")
 * // ["A1: compliant, judged as of 2024-06-15"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const explain = (report: RecordReport, locale: Locale = "zh-CN"): ReadonlyArray<string> => {
  // never throws: a report is read as plain data first (a Proxy or a getter cannot trap it), and
  // anything that still cannot be explained is said in one line
  const loc: Locale = locale === "en" ? "en" : "zh-CN"
  try {
    const plain = toPlain(report)
    if (plain.ok && typeof plain.value === "object" && plain.value !== null && Array.isArray((plain.value as RecordReport).findings))
      return explainPlain(plain.value as RecordReport, loc)
  } catch {
    // (falls through)
  }
  return [loc === "zh-CN" ? "无法解释：不是判定报告" : "cannot explain: not a report"]
}

const explainPlain = (report: RecordReport, locale: Locale): ReadonlyArray<string> => {
  const zh = locale === "zh-CN"
  const head = zh
    ? `${report.id}：${verdictLabel(report.verdict, locale)}${report.asOf ? `，判定日期 ${report.asOf}` : ""}`
    : `${report.id}: ${verdictLabel(report.verdict, locale)}${report.asOf ? `, judged as of ${report.asOf}` : ""}`
  const packs = report.packs?.length
    ? [zh ? `规则包：${report.packs.map((p) => `${p.id}@${p.version}`).join(" → ")}` : `packs: ${report.packs.map((p) => `${p.id}@${p.version}`).join(" → ")}`]
    : []
  return [head, ...packs, ...report.findings.flatMap((f) => findingExplanation(f, locale))]
}
