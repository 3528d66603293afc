import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { type CoverageReport, type CoverageRow, type CoverageTarget, coverage, decodeMarketBatch, decodeSubject, type IssuedCertificate, type MarketBatch, parsePeriod, type Subject } from "@nongan/certificates/Coverage"
import { decode as decodeCertificate } from "@nongan/certificates/Certificate"
import { type Bundle, certificatesDir, loadBundle } from "@nongan/certificates/Files"
import { format as formatCitation } from "@nongan/core/Citation"
import { formatError, type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import type { Composition } from "@nongan/engine/Compose"
import { parameterOn, rulesFor } from "@nongan/engine/Effective"
import { createValidator } from "@nongan/sdk/Validator"

/**
 * Options of `nongan coverage`.
 *
 * @example
 * import type { CoverageOptions } from "@nongan/cli/Coverage"
 * const o: CoverageOptions = { registry: "registry.json", records: "records.jsonl", period: "2022", format: "table", locale: "zh-CN" }
 *
 * @since 0.1.0
 * @category models
 */
export interface CoverageOptions {
  readonly registry: string
  readonly records: string
  readonly period: string
  readonly region?: string | undefined
  readonly definition?: string | undefined
  readonly format: "table" | "json"
  readonly locale: Locale
  readonly rulesDir?: string | undefined
}

/** Registry CSV headers (Chinese or English) → subject fields. */
const SUBJECT_HEADERS: Readonly<Record<string, string>> = {
  主体编号: "id", 主体名称: "name", 主体类型: "type", 所属区域: "region", 区划代码: "region", 产品: "products", 是否应开证: "obliged", 纳入日期: "listedFrom", 移出日期: "listedTo",
  id: "id", name: "name", type: "type", region: "region", products: "products", obliged: "obliged", listedFrom: "listedFrom", listedTo: "listedTo"
}

const splitCsv = (line: string): Array<string> => {
  const out: Array<string> = []
  let cur = ""
  let q = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (q) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++
      else if (ch === '"') q = false
      else cur += ch
    } else if (ch === '"') q = true
    else if (ch === ",") out.push(cur), (cur = "")
    else cur += ch
  }
  out.push(cur)
  return out.map((s) => s.trim())
}

/** Reads JSON (array), JSON Lines or, for the registry, CSV; one item per record or an error. */
const readItems = (path: string, csvHeaders?: Readonly<Record<string, string>>): Array<{ value: unknown } | { error: NonganError }> => {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "")
  const t = text.trimStart()
  if (t.startsWith("[")) {
    try {
      return (JSON.parse(t) as Array<unknown>).map((value) => ({ value }))
    } catch (e) {
      return [{ error: make("invalid-json", [path], { detail: (e as Error).message.slice(0, 60) }) }]
    }
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "")
  if (csvHeaders && lines.length > 0 && !lines[0]!.trimStart().startsWith("{")) {
    const header = splitCsv(lines[0]!).map((h) => csvHeaders[h] ?? h)
    return lines.slice(1).map((l) => {
      const cells = splitCsv(l)
      const o: Record<string, unknown> = {}
      header.forEach((h, i) => {
        const v = cells[i] ?? ""
        if (v === "") return
        o[h] = h === "products" ? v.split(/[、;；|]/).map((s) => s.trim()).filter(Boolean) : h === "obliged" ? ["是", "true", "1", "yes", "Y"].includes(v) : v
      })
      return { value: o }
    })
  }
  return lines.map((l, i) => {
    try {
      return { value: JSON.parse(l) as unknown }
    } catch (e) {
      return { error: make("invalid-json", [`${path}:${i + 1}`], { detail: (e as Error).message.slice(0, 60) }) }
    }
  })
}

/**
 * The coverage target for a region on a date, read from the region's effective rule set
 * (`Effective.parameterOn`, the same parameters validation composes): the
 * `certificate.coverage.target` of the most specific layer in force that sets one (the parameter's
 * own period in force too), with the `certificate.coverage.definition` that layer names (the
 * definition the target is set on; otherwise `subject-coverage`).
 *
 * @example
 * import { targetFor } from "@nongan/cli/Coverage"
 * import { createValidator } from "@nongan/sdk/Validator"
 * const v = createValidator()
 * if (v.ok) targetFor(v.value.composition, "500154", "2022-12-31")?.value // "1.00"
 *
 * @since 0.1.0
 * @category rules
 */
export const targetFor = (c: Composition, region: string | undefined, date: string): CoverageTarget | undefined => {
  const rules = rulesFor(c, region)
  if (rules === undefined) return undefined
  const said = (id: string) => {
    const p = parameterOn(rules, id, date)
    return p === undefined ? [] : [{ layer: p.layer, parameter: p.parameter }, ...[...p.overrides].reverse()]
  }
  // most specific first; a target that is not a figure is passed over, as it was never a target
  const target = said("certificate.coverage.target").find((s) => typeof s.parameter.value === "string")
  if (target === undefined) return undefined
  const d = said("certificate.coverage.definition").find((s) => s.layer === target.layer)?.parameter.value
  return { value: target.parameter.value as string, citation: target.parameter.citation, layer: target.layer, definition: typeof d === "string" ? d : "subject-coverage" }
}

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`)

const rowLine = (label: string, r: CoverageRow, locale: Locale): string => {
  const miss = r.missing.length === 0 ? "" : `  ${locale === "zh-CN" ? "缺" : "missing"}: ${r.missing.slice(0, 10).join(", ")}${r.missing.length > 10 ? ` …(+${r.missing.length - 10})` : ""}`
  const width = [...label].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0)
  return `${label}${" ".repeat(Math.max(1, 14 - width))} ${String(r.numerator).padStart(6)} / ${String(r.denominator).padEnd(6)} ${pct(r.rate).padStart(7)}${miss}`
}

/**
 * Renders a coverage report as a table.
 *
 * @example
 * import { coverageLines } from "@nongan/cli/Coverage"
 * typeof coverageLines // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const coverageLines = (r: CoverageReport, locale: Locale): ReadonlyArray<string> => {
  const zh = locale === "zh-CN"
  const out = [
    `${r.definition.name} [${r.definition.id} · ${r.definition.verification}]  ${r.period.from}..${r.period.to}${r.region ? `  ${r.region}` : ""}`,
    rowLine(zh ? "合计" : "total", r.total, locale)
  ]
  for (const [title, rows, key] of [
    [zh ? "按区域" : "by region", r.byRegion, "region"],
    [zh ? "按产品" : "by product", r.byProduct, "product"],
    [zh ? "按月份" : "by month", r.byMonth, "month"]
  ] as const) {
    if (rows.length === 0) continue
    out.push(`${title}:`)
    for (const x of rows) out.push(`  ${rowLine(String(x.group[key] ?? ""), x, locale)}`)
  }
  if (r.target) {
    const t = r.target
    out.push(
      `${zh ? "目标" : "target"} ${pct(Number(t.value))} ${t.met ? (zh ? "已达到" : "met") : zh ? `未达到，差 ${pct(Number(t.gap))}（还需 ${t.short} 个）` : `not met, gap ${pct(Number(t.gap))} (${t.short} more needed)`} [${formatCitation(t.citation)}${t.layer ? ` · ${t.layer}` : ""}]`
    )
  }
  return out
}

/**
 * Runs `nongan coverage <registry> <records> --period … [--region …] [--definition …]`: reads
 * the registry (JSON, JSON Lines or CSV with Chinese headers) and the certificate and
 * market-batch records (JSON or JSON Lines; other kinds are skipped), computes coverage by the
 * chosen definition (default: the one the region's target is set on, else `subject-coverage`) and
 * prints the table or JSON. Returns the exit status (0, 1 when an input line was malformed, 2 for
 * a usage error).
 *
 * @example
 * import { runCoverage } from "@nongan/cli/Coverage"
 * typeof runCoverage // "function"
 *
 * @since 0.1.0
 * @category rules
 */
export const runCoverage = (composition: Composition, o: CoverageOptions, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): number => {
  const period = parsePeriod(o.period)
  if (!period) {
    io.err.write(`${formatError(make("usage", [], { detail: `--period ${o.period}` }), o.locale)}\n`)
    return 2
  }
  const b = loadBundle(certificatesDir(o.rulesDir))
  if (!b.ok) {
    for (const e of b.errors) io.err.write(`${formatError(e, o.locale)}\n`)
    return 1
  }
  const bundle: Bundle = b.value
  const target = targetFor(composition, o.region, period.to)
  const id = o.definition ?? target?.definition ?? "subject-coverage"
  const definition = bundle.definitions.find((d) => d.id === id)
  if (!definition) {
    io.err.write(`${formatError(make("usage", [], { detail: `--definition ${id} (${bundle.definitions.map((d) => d.id).join(", ")})` }), o.locale)}\n`)
    return 2
  }
  let malformed = 0
  const report = (e: NonganError) => {
    malformed++
    io.err.write(`${JSON.stringify({ error: toJson(e, o.locale) })}\n`)
  }
  const subjects: Array<Subject> = []
  for (const it of readItems(o.registry, SUBJECT_HEADERS)) {
    if ("error" in it) report(it.error)
    else {
      const s = decodeSubject(it.value)
      if (s.ok) subjects.push(s.value)
      else report(s.errors[0]!)
    }
  }
  const certificates: Array<IssuedCertificate> = []
  const batches: Array<MarketBatch> = []
  for (const it of readItems(o.records)) {
    if ("error" in it) {
      report(it.error)
      continue
    }
    const kind = (it.value as { kind?: unknown } | null)?.kind
    if (kind === "certificate") {
      const c = decodeCertificate(it.value)
      if (c.ok) certificates.push({ id: c.value.id, subjectId: c.value.issuer.subjectId, product: c.value.product, region: c.value.region, issuedOn: c.value.issuedOn })
      else report(c.errors[0]!)
    } else if (kind === "market-batch") {
      const m = decodeMarketBatch(it.value)
      if (m.ok) batches.push(m.value)
      else report(m.errors[0]!)
    }
  }
  const r = coverage({ definition, period, region: o.region, subjects, certificates, batches, target: target && target.definition === id ? target : undefined })
  io.out.write(o.format === "json" ? `${JSON.stringify(r)}\n` : `${coverageLines(r, o.locale).join("\n")}\n`)
  return malformed > 0 ? 1 : 0
}

/**
 * The usage line of `nongan coverage`.
 *
 * @example
 * import { COVERAGE_USAGE } from "@nongan/cli/Coverage"
 * COVERAGE_USAGE.includes("--period") // true
 *
 * @since 0.1.0
 * @category models
 */
export const COVERAGE_USAGE = `  nongan coverage <registry> <records> --period <2026|2026-06|2026-01..2026-06> [--region <code>] [--definition <id>]
                  [--format table|json] [--lang zh-CN|en]   (合格证 主体覆盖率 / 带证上市率)
`

/**
 * `nongan coverage …` with its own option parsing (loads the validator for the packs' targets).
 *
 * @example
 * import { runCoverageCommand } from "@nongan/cli/Coverage"
 * typeof runCoverageCommand // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runCoverageCommand = async (argv: ReadonlyArray<string>, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> => {
  const usage = (detail: string, locale: Locale = "zh-CN") => {
    io.err.write(`${formatError(make("usage", [], { detail }), locale)}\n\n${COVERAGE_USAGE}`)
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { period: { type: "string" }, region: { type: "string" }, definition: { type: "string" }, format: { type: "string" }, lang: { type: "string" }, help: { type: "boolean", short: "h" } }
    })
  } catch (e) {
    return usage((e as Error).message)
  }
  const { values: v, positionals } = parsed
  const locale: Locale = v.lang === "en" ? "en" : "zh-CN"
  if (v.help) {
    io.out.write(COVERAGE_USAGE)
    return 0
  }
  const [registry, records] = positionals
  if (registry === undefined || records === undefined || v.period === undefined) return usage("coverage <registry> <records> --period …", locale)
  if (v.region !== undefined && !/^\d{6}$/.test(v.region)) return usage(`--region ${v.region}`, locale)
  const format = v.format ?? "table"
  if (format !== "table" && format !== "json") return usage(`--format ${format}`, locale)
  const validator = createValidator({ locale })
  if (!validator.ok) {
    for (const e of validator.errors.slice(0, 20)) io.err.write(`${formatError(e, locale)}\n`)
    return 1
  }
  try {
    return runCoverage(validator.value.composition, { registry, records, period: v.period, region: v.region, definition: v.definition, format, locale }, io)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      io.err.write(`${formatError(make("io", [], { detail: code }), locale)}\n`)
      return 2
    }
    throw e
  }
}
