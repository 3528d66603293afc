import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { decodeFacts } from "@nongan/cases/Facts"
import { loadTable } from "@nongan/cases/Load"
import { type Case, routeCase } from "@nongan/cases/Route"
import { formatError, type Locale, toJson } from "@nongan/core/Messages"
import { make } from "@nongan/core/NonganError"

/**
 * The streams a sub-command writes to.
 *
 * @since 0.1.0
 * @category models
 */
export interface Streams {
  readonly out: NodeJS.WritableStream
  readonly err: NodeJS.WritableStream
}

/**
 * Reads a JSON array, one JSON object, or JSON Lines from a file or `-` (stdin).
 *
 * @example
 * import { readRecords } from "@nongan/cli/Case"
 * typeof readRecords // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const readRecords = (file: string): ReadonlyArray<unknown> => {
  const text = readFileSync(file === "-" ? 0 : file, "utf8").trim()
  if (text === "") return []
  if (text.startsWith("[")) return JSON.parse(text) as ReadonlyArray<unknown>
  try {
    return [JSON.parse(text) as unknown]
  } catch {
    return text.split(/\r?\n/).filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as unknown)
  }
}

/**
 * One CSV field, quoted where needed (RFC 4180).
 *
 * @example
 * import { csvField } from "@nongan/cli/Case"
 * csvField('a,"b"') // '"a,""b"""'
 *
 * @since 0.1.0
 * @category combinators
 */
export const csvField = (v: unknown): string => {
  const s = v === undefined || v === null ? "" : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * The usage line of `nongan case`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const CASE_USAGE = "  nongan case <facts.json|jsonl|-> [--format table|json|jsonl|csv|explain] [--lang zh-CN|en]\n"

const CSV_HEADER = ["case", "subject", "subjectType", "stage", "actOn", "violation", "criminalRoute", "criminalArticle", "transferBy", "policeReviewBy", "administrative", "article", "authority", "fineMin", "fineMax", "verification"]

const rows = (c: Case): ReadonlyArray<ReadonlyArray<unknown>> =>
  c.counts.map((k) => [
    c.id,
    c.subject.id,
    c.subject.type,
    c.stage,
    c.actOn,
    k.violation,
    k.criminal ? `${k.criminal.kind}:${k.criminal.route}` : "",
    k.criminal ? `${k.criminal.article.instrument} ${k.criminal.article.clause}` : "",
    k.criminal?.clock.transferBy ?? "",
    k.criminal?.clock.policeReviewBy ?? "",
    k.administrative.status,
    k.administrative.applied ? `${k.administrative.applied.citation.instrument} ${k.administrative.applied.citation.clause}` : "",
    k.administrative.authority.name,
    k.administrative.fine?.min ?? "",
    k.administrative.fine?.max ?? "",
    c.verification
  ])

const STATUS_ZH: Record<string, string> = {
  applies: "适用",
  "if-returned-by-police": "公安机关不予立案退回后方可处罚",
  "pending-assessment": "待鉴定评估",
  corrected: "已限期改正，不罚款",
  "time-barred": "超过追责时效",
  "no-provision": "无可适用的处罚条款"
}

const table = (c: Case, zh: boolean): string => {
  const lines = [`${c.id}  ${c.subject.id} (${c.subject.type})  ${c.stage}  ${c.actOn}  ${zh ? "依据核实等级" : "verification"}: ${c.verification}`]
  for (const k of c.counts) {
    lines.push(`  - ${k.label}`)
    if (k.criminal)
      lines.push(
        `      ${k.criminal.kind === "transfer" ? (zh ? "刑事：涉嫌犯罪，移送公安机关" : "criminal: transfer to the police") : zh ? "刑事：移送鉴定评估" : "criminal: refer for assessment"} · ${k.criminal.article.clause} · ${zh ? "移送" : "transfer by"} ${k.criminal.clock.transferBy} · ${zh ? "公安审查" : "police review by"} ${k.criminal.clock.policeReviewBy}`
      )
    const a = k.administrative
    const fine = a.fine ? `${a.fine.min.toLocaleString("en-US")}–${a.fine.max.toLocaleString("en-US")} 元` : "-"
    lines.push(`      ${zh ? "行政" : "administrative"}: ${zh ? (STATUS_ZH[a.status] ?? a.status) : a.status} · ${a.applied ? `${a.applied.citation.instrument} ${a.applied.citation.clause}` : "-"} · ${fine} · ${a.authority.name}`)
  }
  for (const u of c.unrouted) lines.push(`  ? ${u}`)
  return lines.join("\n")
}

/**
 * `nongan case`: routes case facts to enforcement cases. Exit status 0 when every record was
 * read, 1 when any was malformed, 2 for a usage error.
 *
 * @example
 * import { runCase } from "@nongan/cli/Case"
 * typeof runCase // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runCase = async (argv: ReadonlyArray<string>, io: Streams): Promise<number> => {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: "string" }, lang: { type: "string" } } })
  } catch (e) {
    io.err.write(`${formatError(make("usage", [], { detail: (e as Error).message }), "zh-CN")}\n${CASE_USAGE}`)
    return 2
  }
  const locale: Locale = parsed.values.lang === "en" ? "en" : "zh-CN"
  const format = parsed.values.format ?? "table"
  const file = parsed.positionals[0]
  if (file === undefined || !["table", "json", "jsonl", "csv", "explain"].includes(format)) {
    io.err.write(`${formatError(make("usage", [], { detail: file === undefined ? "case <file|->" : `--format ${format}` }), locale)}\n${CASE_USAGE}`)
    return 2
  }
  const t = loadTable()
  if (!t.ok) {
    for (const e of t.errors) io.err.write(`${formatError(e, locale)}\n`)
    return 1
  }
  let records: ReadonlyArray<unknown>
  try {
    records = readRecords(file)
  } catch (e) {
    io.err.write(`${formatError(make(e instanceof SyntaxError ? "invalid-json" : "io", [file], { detail: e instanceof Error ? e.message : "read" }), locale)}\n`)
    return 2
  }
  const cases: Array<Case> = []
  let malformed = 0
  for (const [i, r] of records.entries()) {
    const f = decodeFacts(r, [i])
    if (!f.ok) {
      malformed++
      const id = (r as { id?: unknown } | null)?.id
      if (format === "jsonl" || format === "json") cases.push({ id, error: toJson(f.errors[0]!, locale) } as never)
      else io.err.write(`${String(id ?? i)}: ${formatError(f.errors[0]!, locale)}\n`)
      continue
    }
    cases.push(routeCase(t.value, f.value))
  }
  const zh = locale === "zh-CN"
  if (format === "json") io.out.write(`${JSON.stringify(cases, null, 2)}\n`)
  else if (format === "jsonl") for (const c of cases) io.out.write(`${JSON.stringify(c)}\n`)
  else if (format === "csv") {
    io.out.write(`${CSV_HEADER.join(",")}\n`)
    for (const c of cases) for (const r of rows(c)) io.out.write(`${r.map(csvField).join(",")}\n`)
  } else
    for (const c of cases) {
      io.out.write(`${table(c, zh)}\n`)
      if (format === "explain") for (const [n, s] of c.steps.entries()) io.out.write(`    ${n + 1}. [${s.step}] ${s.text}${s.citation ? `  〔${s.citation.instrument} ${s.citation.clause ?? ""}〕` : ""}\n`)
    }
  return malformed > 0 ? 1 : 0
}
