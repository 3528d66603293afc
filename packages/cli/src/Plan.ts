import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { parse as parseCsv } from "csv-parse/sync"
import { formatError, type Locale } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { createValidator, type Validator } from "@nongan/sdk/Validator"
import { fromDataFiles, type SamplingData } from "@nongan/sampling/Data"
import { buildPlan, type Plan } from "@nongan/sampling/Plan"

/**
 * The streams a sampling command writes to.
 *
 * @since 0.1.0
 * @category models
 */
export interface SamplingIo {
  readonly out: NodeJS.WritableStream
  readonly err: NodeJS.WritableStream
}

/**
 * The validator (national data and packs) and the sampling data, loaded once.
 *
 * @example
 * import { samplingContext } from "@nongan/cli/Plan"
 * const c = samplingContext()
 * if (c.ok) c.value.data.targets.length > 0 // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const samplingContext = (): Result<{ readonly validator: Validator; readonly data: SamplingData }, NonganError> => {
  const v = createValidator()
  if (!v.ok) return v
  const files = readDataDir(join(rulesDir(), "national"), rulesDir())
  if (!files.ok) return files
  const d = fromDataFiles(files.value)
  if (!d.ok) return d
  return ok({ validator: v.value, data: d.value })
}

/**
 * Reads rows from a file: a JSON array, JSON Lines, or CSV with a header (by extension). In CSV,
 * `relations` is split on `;`, `riskBased` is `true`/`false`, and empty cells are left out.
 *
 * @example
 * import { readRows } from "@nongan/cli/Plan"
 * typeof readRows // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const readRows = (file: string): Result<ReadonlyArray<Record<string, unknown>>, NonganError> => {
  let text: string
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8")
  } catch (e) {
    return fail(make("io", [file], { detail: (e as NodeJS.ErrnoException).code ?? "read" }))
  }
  try {
    if (file.endsWith(".csv")) {
      const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>
      return ok(
        rows.map((r) =>
          Object.fromEntries(
            Object.entries(r)
              .filter(([, v]) => v !== "")
              .map(([k, v]) => [k, k === "relations" ? v.split(";").map((s) => s.trim()).filter(Boolean) : k === "riskBased" ? v === "true" : v])
          )
        )
      )
    }
    const t = text.trim()
    if (t.startsWith("[")) return ok(JSON.parse(t) as Array<Record<string, unknown>>)
    return ok(t.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>))
  } catch (e) {
    return fail(make(file.endsWith(".csv") ? "invalid-csv" : "invalid-json", [file], { detail: (e as Error).message }))
  }
}

/**
 * One CSV line (RFC 4180 quoting).
 *
 * @example
 * import { csvLine } from "@nongan/cli/Plan"
 * csvLine(["a", "b,c"]) // 'a,"b,c"\n'
 *
 * @since 0.1.0
 * @category combinators
 */
export const csvLine = (cells: ReadonlyArray<string | number | boolean | null | undefined>): string =>
  `${cells.map((c) => (c === null || c === undefined ? "" : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(",")}\n`

/**
 * Prints errors (JSON when asked) and returns exit status 1.
 *
 * @example
 * import { printErrors } from "@nongan/cli/Plan"
 * typeof printErrors // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const printErrors = (io: SamplingIo, errors: ReadonlyArray<NonganError>, locale: Locale, json: boolean): number => {
  if (json) io.out.write(`${JSON.stringify({ errors: errors.map((e) => ({ code: e.code, path: e.path.join("."), message: formatError(e, locale), params: e.params })) })}\n`)
  else for (const e of errors.slice(0, 50)) io.err.write(`${formatError(e, locale)}\n`)
  return 1
}

/**
 * Usage of the sampling commands.
 *
 * @example
 * import { SAMPLING_USAGE } from "@nongan/cli/Plan"
 * SAMPLING_USAGE.includes("nongan plan") // true
 *
 * @since 0.1.0
 * @category models
 */
export const SAMPLING_USAGE = `  nongan plan <plan.json> | --region <code> --from <date> --to <date> --population <n> [--population-source <text>]
              [--programme risk-monitoring|routine-monitoring|special-monitoring|supervision-sampling] [--per-thousand <r>]
              [--supervision-share <s>] [--products 豇豆:3,韭菜:2] [--minimum-per-product <n>] [--weights <dimension,key,weight,basis,minimum.csv>]
              [--format table|json|csv]
  nongan draw --spec <spec.json> --pool <file> --roster <file> [--seed <s>] [--format table|json|csv]
  nongan draw --replay <draw.json> [--pool <file>] [--roster <file>]
  nongan kpi <reports.jsonl|-> [--records <records.jsonl>] [--region <code>] [--on <date>] [--period year|quarter|month]
             [--quota <n> | --plan <plan.json>] [--cases <cases.jsonl>] [--svg <out.svg>] [--format table|json|csv]
`

const usage = (io: SamplingIo, locale: Locale, detail: string): number => {
  io.err.write(`${formatError(make("usage", [], { detail }), locale)}\n\n${SAMPLING_USAGE}`)
  return 2
}

/**
 * Renders a plan as a readable table.
 *
 * @example
 * import { planLines } from "@nongan/cli/Plan"
 * typeof planLines // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const planLines = (p: Plan): ReadonlyArray<string> => {
  const q = p.quotas
  const out = [
    `${p.spec.id}  ${p.spec.programme}  ${p.spec.region}  ${p.spec.period.from}~${p.spec.period.to}  packs: ${p.packs.join(", ") || "-"}`,
    `  定量监测 / monitoring: ${q.monitoring.count}   ${q.monitoring.explain}`
  ]
  if (q.supervision) out.push(`  监督抽查 / supervision: ${q.supervision.count}   ${q.supervision.explain}`)
  if (q.banned) out.push(`  禁限用药物 / banned-substance tests ≥ ${q.banned.count}   ${q.banned.explain}`)
  for (const l of q.links) out.push(`  环节 ${l.link} ≥ ${l.quota.count}   ${l.quota.explain}`)
  for (const r of p.reproduces) out.push(`  ${r.matches ? "✓" : "✗"} ${r.figure}: published ${r.published}, computed ${r.computed}`)
  for (const a of p.allocations) {
    out.push(`  allocation by ${a.dimension} (${a.total}):`)
    for (const c of a.cells) out.push(`    ${c.key.padEnd(8)} ${String(c.count).padStart(6)}   ${c.why}`)
  }
  if (p.testItems.length > 0) out.push("  test items (tables in force on the plan's start):")
  for (const f of p.testItems)
    out.push(
      `    ${f.food}: ${f.items.map((i) => `${i.substance}${i.status === "prohibited" ? "(禁)" : i.status === "must-not-detect" ? "(不得检出)" : i.limit ? ` ≤${i.limit.value} ${i.limit.unit}` : ""}`).join("、") || "(no list in force names items for it)"}` +
        (f.notHeld.length > 0 ? `  | not held: ${f.notHeld.map((i) => i.substance).join("、")}` : "")
    )
  for (const s of p.skipped) out.push(`    (skipped key variety ${s.food}: ${s.code})`)
  for (const t of p.targets) out.push(`  target ${t.metric} ≥ ${t.value}  ${t.id} [${t.layer}${t.policy ? ", policy" : ""} · ${t.verification}]`)
  out.push("  sources:")
  for (const s of p.sources) out.push(`    ${s.figure} = ${s.value}  [${s.layer}${s.citation ? ` · ${s.citation.instrument}${s.citation.clause ? ` ${s.citation.clause}` : ""}` : ""}]`)
  return out
}

/**
 * A plan as CSV rows: `section,key,count,detail`.
 *
 * @example
 * import { planCsv } from "@nongan/cli/Plan"
 * typeof planCsv // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const planCsv = (p: Plan): string => {
  let s = csvLine(["section", "key", "count", "detail"])
  const q = p.quotas
  s += csvLine(["quota", "monitoring", q.monitoring.count, q.monitoring.explain])
  if (q.supervision) s += csvLine(["quota", "supervision", q.supervision.count, q.supervision.explain])
  if (q.banned) s += csvLine(["quota", "banned", q.banned.count, q.banned.explain])
  for (const l of q.links) s += csvLine(["quota", `link:${l.link}`, l.quota.count, l.quota.explain])
  for (const a of p.allocations) for (const c of a.cells) s += csvLine([`allocation:${a.dimension}`, c.key, c.count, c.why])
  for (const f of p.testItems) for (const i of [...f.items, ...f.notHeld]) s += csvLine([`test-item:${f.food}`, i.substance, "", `${i.status}${i.limit ? ` ${i.limit.value} ${i.limit.unit} ${i.limit.instrument}` : ""}; ${i.sources.join(" ")}`])
  for (const t of p.targets) s += csvLine(["target", t.id, "", `${t.metric} >= ${t.value} (${t.layer})`])
  return s
}

/**
 * `nongan plan`: builds a plan from a plan file, or from options over the packs in force.
 *
 * @example
 * import { runPlan } from "@nongan/cli/Plan"
 * // await runPlan(["--region", "500154", "--from", "2022-04-12", "--to", "2022-12-31", "--population", "670000"], { out: process.stdout, err: process.stderr })
 * typeof runPlan // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runPlan = async (argv: ReadonlyArray<string>, io: SamplingIo): Promise<number> => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        region: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        id: { type: "string" },
        programme: { type: "string" },
        population: { type: "string" },
        "population-source": { type: "string" },
        "per-thousand": { type: "string" },
        fixed: { type: "string" },
        "supervision-share": { type: "string" },
        products: { type: "string" },
        "minimum-per-product": { type: "string" },
        weights: { type: "string" },
        format: { type: "string" },
        lang: { type: "string" }
      }
    })
  } catch (e) {
    return usage(io, "zh-CN", (e as Error).message)
  }
  const { values: v, positionals } = parsed
  const locale: Locale = v.lang === "en" ? "en" : "zh-CN"
  const format = v.format ?? "table"
  if (format !== "table" && format !== "json" && format !== "csv") return usage(io, locale, `--format ${format}`)
  let spec: unknown
  if (positionals[0] !== undefined) {
    try {
      spec = JSON.parse(readFileSync(positionals[0], "utf8"))
    } catch (e) {
      return printErrors(io, [make(e instanceof SyntaxError ? "invalid-json" : "io", [positionals[0]], { detail: (e as Error).message })], locale, format === "json")
    }
  } else {
    if (v.region === undefined || v.from === undefined || v.to === undefined) return usage(io, locale, "plan <plan.json> | --region --from --to")
    const products = v.products?.split(",").map((p) => {
      const [key, weight] = p.split(":")
      return { key: key!.trim(), weight: (weight ?? "1").trim() }
    })
    spec = {
      id: v.id ?? `${v.region}-${v.from}`,
      programme: v.programme ?? "risk-monitoring",
      period: { from: v.from, to: v.to },
      region: v.region,
      ...(v.population !== undefined ? { population: { value: v.population, source: v["population-source"] ?? "given on the command line", verification: "unverified" } } : {}),
      ...(v["per-thousand"] !== undefined ? { perThousand: v["per-thousand"] } : {}),
      ...(v.fixed !== undefined ? { fixed: Number(v.fixed) } : {}),
      ...(v["supervision-share"] !== undefined ? { supervisionShare: v["supervision-share"] } : {}),
      ...(v["minimum-per-product"] !== undefined ? { minimumPerProduct: Number(v["minimum-per-product"]) } : {}),
      ...(products ? { products } : {})
    }
  }
  if (v.weights !== undefined) {
    // rows dimension,key,weight[,basis][,minimum]: the product rows become the plan's products, the others its allocations
    const w = readRows(v.weights)
    if (!w.ok) return printErrors(io, w.errors, locale, format === "json")
    const cell = (r: Record<string, unknown>) => ({
      key: String(r.key ?? ""),
      weight: String(r.weight ?? ""),
      ...(r.basis !== undefined ? { basis: String(r.basis) } : {}),
      ...(r.minimum !== undefined ? { minimum: Number(r.minimum) } : {})
    })
    const dims = [...new Set(w.value.map((r) => String(r.dimension ?? "")))]
    const base = spec as Record<string, unknown>
    spec = {
      ...base,
      ...(dims.includes("product") ? { products: w.value.filter((r) => r.dimension === "product").map(cell) } : {}),
      allocations: dims.filter((d) => d !== "product").map((d) => ({ dimension: d, cells: w.value.filter((r) => String(r.dimension ?? "") === d).map(cell) }))
    }
  }
  const c = samplingContext()
  if (!c.ok) return printErrors(io, c.errors, locale, format === "json")
  const p = buildPlan({ composition: c.value.validator.composition, targets: c.value.data.targets, checkLists: c.value.data.checkLists }, spec)
  if (!p.ok) return printErrors(io, p.errors, locale, format === "json")
  io.out.write(format === "json" ? `${JSON.stringify(p.value)}\n` : format === "csv" ? planCsv(p.value) : `${planLines(p.value).join("\n")}\n`)
  return 0
}
