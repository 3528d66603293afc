import { createReadStream, readFileSync, writeFileSync } from "node:fs"
import { createInterface } from "node:readline"
import { parseArgs } from "node:util"
import { type CalendarDate, isValid } from "@nongan/core/CalendarDate"
import type { Locale } from "@nongan/core/Messages"
import { make } from "@nongan/core/NonganError"
import { passRateChart } from "@nongan/sampling/Chart"
import { DIMENSIONS, joinRecords, KpiAccumulator, type KpiReport, type Rate, type ReportLine } from "@nongan/sampling/Kpi"
import type { Plan } from "@nongan/sampling/Plan"
import { targetsFor } from "@nongan/sampling/Targets"
import { csvLine, printErrors, readRows, samplingContext, SAMPLING_USAGE, type SamplingIo } from "./Plan"

const rateLine = (r: Rate) =>
  `${r.key.padEnd(10)} ${r.percent.padStart(9)}  ${String(r.passed).padStart(6)}/${String(r.sampled).padEnd(6)}` +
  `${r.indeterminate > 0 ? `  indeterminate ${r.indeterminate}` : ""}${r.rapid > 0 ? `  rapid ${r.rapid} (positive ${r.rapidPositive})` : ""}`

/**
 * Renders a KPI report as a table.
 *
 * @example
 * import { kpiLines } from "@nongan/cli/Kpi"
 * typeof kpiLines // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const kpiLines = (k: KpiReport): ReadonlyArray<string> => {
  const out = [
    `reports ${k.lines} (malformed ${k.malformed})`,
    `合格率 / pass rate  ${rateLine(k.overall)}`,
    `禁用药物 / banned   ${rateLine(k.banned)}`
  ]
  if (k.completion) out.push(`完成率 / completion ${k.completion.sampled}/${k.completion.quota} = ${k.completion.percent}`)
  for (const c of k.completionByProduct ?? []) out.push(`  ${c.key.padEnd(8)} ${c.sampled}/${c.quota} = ${c.percent}`)
  if (k.followUp) out.push(`处置率 ${k.followUp.disposalPercent}  溯源查处率 ${k.followUp.tracebackPercent}  (of ${k.followUp.failed} failed batches)`)
  for (const t of k.targets)
    out.push(
      `target ${t.target.id} ≥ ${t.target.value} [${t.target.layer}${t.target.policy ? ", policy" : ""}]: ` +
        (t.met === null ? "no data" : `${t.actual!.percent} ${t.met ? "met ✓" : "not met ✗"} (${t.gapPoints} points)`)
    )
  for (const d of DIMENSIONS) {
    const rows = k.by[d]
    if (rows.length === 1 && rows[0]!.key === "(none)") continue
    out.push(`by ${d}:`)
    for (const r of rows) out.push(`  ${rateLine(r)}`)
  }
  return out
}

/**
 * A KPI report as CSV: `dimension,key,sampled,passed,failed,indeterminate,rapid,rate`, then one
 * row per target comparison.
 *
 * @example
 * import { kpiCsv } from "@nongan/cli/Kpi"
 * typeof kpiCsv // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const kpiCsv = (k: KpiReport): string => {
  const row = (dim: string, r: Rate) => csvLine([dim, r.key, r.sampled, r.passed, r.failed, r.indeterminate, r.rapid, r.rate === null ? "" : r.rate.toFixed(6)])
  let s = csvLine(["dimension", "key", "sampled", "passed", "failed", "indeterminate", "rapid", "rate"])
  s += row("overall", k.overall) + row("banned", k.banned)
  for (const d of DIMENSIONS) for (const r of k.by[d]) s += row(d, r)
  if (k.completion) s += csvLine(["completion", "overall", k.completion.quota, k.completion.sampled, "", "", "", ""])
  for (const c of k.completionByProduct ?? []) s += csvLine(["completion", c.key, c.quota, c.sampled, "", "", "", ""])
  s += csvLine(["target", "id", "value", "layer", "met", "gap_points", "", ""])
  for (const t of k.targets) s += csvLine(["target", t.target.id, t.target.value, t.target.layer, t.met === null ? "" : t.met, t.gapPoints ?? "", "", ""])
  return s
}

/**
 * `nongan kpi`: pass rates from judged reports (the JSON Lines `nongan check --format jsonl`
 * prints), streamed line by line, compared with the targets in force for the region.
 *
 * @example
 * import { runKpi } from "@nongan/cli/Kpi"
 * typeof runKpi // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runKpi = async (argv: ReadonlyArray<string>, io: SamplingIo): Promise<number> => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        records: { type: "string" },
        region: { type: "string" },
        on: { type: "string" },
        period: { type: "string" },
        quota: { type: "string" },
        plan: { type: "string" },
        cases: { type: "string" },
        svg: { type: "string" },
        format: { type: "string" },
        lang: { type: "string" }
      }
    })
  } catch (e) {
    io.err.write(`${(e as Error).message}\n\n${SAMPLING_USAGE}`)
    return 2
  }
  const { values: v, positionals } = parsed
  const locale: Locale = v.lang === "en" ? "en" : "zh-CN"
  const format = v.format ?? "table"
  const file = positionals[0]
  const period = v.period ?? "year"
  if (file === undefined || (format !== "table" && format !== "json" && format !== "csv") || (period !== "year" && period !== "quarter" && period !== "month") || (v.on !== undefined && !isValid(v.on))) {
    io.err.write(`kpi <reports.jsonl|-> [--format table|json|csv] [--period year|quarter|month] [--on YYYY-MM-DD]\n\n${SAMPLING_USAGE}`)
    return 2
  }
  const json = format === "json"
  const c = samplingContext()
  if (!c.ok) return printErrors(io, c.errors, locale, json)
  const ds = c.value.validator.dataset
  let join = (l: ReportLine) => l
  if (v.records !== undefined) {
    const recs = readRows(v.records)
    if (!recs.ok) return printErrors(io, recs.errors, locale, json)
    join = joinRecords(recs.value)
  }
  const cases: Array<{ report: string; disposed?: boolean; traced?: boolean }> = []
  if (v.cases !== undefined) {
    const cs = readRows(v.cases)
    if (!cs.ok) return printErrors(io, cs.errors, locale, json)
    for (const x of cs.value) if (typeof x.report === "string") cases.push({ report: x.report, disposed: x.disposed === true, traced: x.traced === true })
  }
  // a plan as `nongan plan --format json` prints it: its monitoring quota and product allocation
  let planQuota: number | undefined
  let byProduct: Record<string, number> | undefined
  if (v.plan !== undefined) {
    try {
      const p = JSON.parse(readFileSync(v.plan, "utf8")) as Partial<Plan>
      planQuota = p.quotas?.monitoring.count
      const a = p.allocations?.find((x) => x.dimension === "product")
      if (a) byProduct = Object.fromEntries(a.cells.map((c) => [c.key, c.count]))
    } catch (e) {
      return printErrors(io, [make(e instanceof SyntaxError ? "invalid-json" : "io", [v.plan], { detail: (e as Error).message })], locale, json)
    }
  }
  const acc = new KpiAccumulator({
    period,
    quota: v.quota !== undefined ? Number(v.quota) : planQuota,
    ...(byProduct ? { quotaByProduct: byProduct } : {}),
    isBanned: (s, path, on) => on !== undefined && isValid(on) && ds.statuses.statusOn(s, on, path ? { kind: "plant", path } : { kind: "anywhere" }).prohibited
  })
  const regions = new Set<string>()
  let last = ""
  try {
    const input = file === "-" ? process.stdin : createReadStream(file)
    const lines = createInterface({ input, crlfDelay: Infinity })
    for await (const raw of lines) {
      if (raw.trim() === "") continue
      let l: ReportLine
      try {
        l = JSON.parse(raw) as ReportLine
      } catch {
        l = { error: { code: "invalid-json" } }
      }
      if (l.region) regions.add(l.region)
      if (l.asOf && l.asOf > last) last = l.asOf
      acc.add(join(l))
    }
  } catch (e) {
    return printErrors(io, [make("io", [file], { detail: (e as NodeJS.ErrnoException).code ?? "read" })], locale, json)
  }
  const region = v.region ?? (regions.size === 1 ? [...regions][0] : undefined)
  const on = (v.on ?? last) as CalendarDate
  const targets = on && isValid(on) ? targetsFor(c.value.validator.composition, c.value.data.targets, region, on) : []
  const report = acc.report(targets, cases)
  if (v.svg !== undefined) {
    const t = targets.find((x) => x.metric === "pass-rate" && x.layer !== "cn-national") ?? targets.find((x) => x.metric === "pass-rate")
    writeFileSync(v.svg, passRateChart(report.by.product, { target: t ? Number(t.value) : undefined, label: t ? `${t.id} ≥ ${t.value}` : undefined }))
  }
  io.out.write(json ? `${JSON.stringify({ region: region ?? null, on: on || null, ...report })}\n` : format === "csv" ? kpiCsv(report) : `${kpiLines(report).join("\n")}\n`)
  return 0
}
