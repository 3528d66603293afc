import * as Citation from "@nongan/core/Citation"
import type { Finding } from "@nongan/core/Finding"
import { type Locale, outcomeLabel, referralLabel, verdictLabel } from "@nongan/core/Messages"
import type { RecordReport } from "@nongan/core/Verdict"

const LEVEL: Record<string, { "zh-CN": string; en: string }> = {
  "official-text": { "zh-CN": "官方文本", en: "official text" },
  secondary: { "zh-CN": "二手来源", en: "secondary source" },
  unverified: { "zh-CN": "未核实", en: "unverified" },
  uncertain: { "zh-CN": "来源冲突", en: "conflicting sources" }
}

const findingExplanation = (f: Finding, locale: Locale): ReadonlyArray<string> => {
  const zh = locale === "zh-CN"
  const lines: Array<string> = []
  const who = [f.substance, f.food].filter(Boolean).join(zh ? " 于 " : " in ")
  lines.push(`• ${who ? `${who}: ` : ""}${f.outcome === "custom" && f.message ? f.message : outcomeLabel(f.outcome, locale)} (${f.code})`)
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
  if (f.decisionRule) lines.push(zh ? `  判定规则：${f.decisionRule}` : `  decision rule: ${f.decisionRule}`)
  if (f.layer) lines.push(zh ? `  规则层：${f.layer}${f.rule ? `，自定义规则 ${f.rule}` : ""}` : `  layer: ${f.layer}${f.rule ? `, custom rule ${f.rule}` : ""}`)
  if (f.values && Object.keys(f.values).length > 0)
    lines.push(zh ? `  读取的值：${JSON.stringify(f.values)}` : `  values read: ${JSON.stringify(f.values)}`)
  if (f.referral) lines.push(zh ? `  处置：${referralLabel(f.referral, locale)}` : `  routing: ${referralLabel(f.referral, locale)}`)
  return lines
}

/**
 * Explains a report in words a regulator can read: the verdict and the date it was judged as of,
 * the packs that judged it, and for every finding the values, the limit and its table, the food
 * category path it was found on, the legal basis with its verification level, the decision rule,
 * the layer and custom rule, and the routing.
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
  const zh = locale === "zh-CN"
  const head = zh
    ? `${report.id}：${verdictLabel(report.verdict, locale)}${report.asOf ? `，判定日期 ${report.asOf}` : ""}`
    : `${report.id}: ${verdictLabel(report.verdict, locale)}${report.asOf ? `, judged as of ${report.asOf}` : ""}`
  const packs = report.packs?.length
    ? [zh ? `规则包：${report.packs.map((p) => `${p.id}@${p.version}`).join(" → ")}` : `packs: ${report.packs.map((p) => `${p.id}@${p.version}`).join(" → ")}`]
    : []
  return [head, ...packs, ...report.findings.flatMap((f) => findingExplanation(f, locale))]
}
