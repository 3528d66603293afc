import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { isValid, type CalendarDate } from "@nongan/core/CalendarDate"
import { formatError, type Locale } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { composeFor } from "@nongan/credit/Compose"
import { type CreditEvent, decodeEvent } from "@nongan/credit/Event"
import { loadPacks, loadTemplate } from "@nongan/credit/Load"
import type { CreditModel } from "@nongan/credit/Model"
import { prepare, scoreAll } from "@nongan/credit/Score"
import { frequency } from "@nongan/credit/Supervision"
import { csvField, readRecords, type Streams } from "./Case"

/**
 * The usage lines of `nongan credit` and `nongan lists`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const CREDIT_USAGE =
  "  nongan credit <events.jsonl|json|csv|-> --as-of <YYYY-MM-DD> [--region <code>] [--subject <id>] [--format table|json|csv|explain]\n" +
  "  nongan lists <events.jsonl|json|csv|-> --as-of <YYYY-MM-DD> [--region <code>] [--list red|black] [--all] [--format table|json|csv]\n"

/**
 * Reads credit events: JSON, JSON Lines, or CSV with a header (`id,subject,type,on,target,violation,caseId`).
 *
 * @example
 * import { readEvents } from "@nongan/cli/Credit"
 * typeof readEvents // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const readEvents = (file: string): { events: ReadonlyArray<CreditEvent>; errors: ReadonlyArray<NonganError> } => {
  let raw: ReadonlyArray<unknown>
  if (file.endsWith(".csv")) {
    const [head, ...lines] = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "")
    const cols = (head ?? "").split(",").map((c) => c.trim())
    raw = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v.trim()]).filter(([, v]) => v !== "")))
  } else raw = readRecords(file)
  const events: Array<CreditEvent> = []
  const errors: Array<NonganError> = []
  raw.forEach((r, i) => {
    const d = decodeEvent(r, [i])
    if (d.ok) events.push(d.value)
    else errors.push(d.errors[0]!)
  })
  return { events, errors }
}

/**
 * Parses the options shared by `credit` and `lists` and composes the model for the region.
 *
 * @since 0.1.0
 * @category constructors
 */
export const setup = (
  argv: ReadonlyArray<string>,
  io: Streams,
  extra: Record<string, { type: "string" | "boolean" }>
): { ok: false; code: number } | { ok: true; locale: Locale; values: Record<string, string | boolean | undefined>; model: CreditModel; events: ReadonlyArray<CreditEvent>; asOf: CalendarDate; malformed: number } => {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { format: { type: "string" }, lang: { type: "string" }, "as-of": { type: "string" }, region: { type: "string" }, ...extra } })
  } catch (e) {
    io.err.write(`${formatError(make("usage", [], { detail: (e as Error).message }), "zh-CN")}\n${CREDIT_USAGE}`)
    return { ok: false, code: 2 }
  }
  const v = parsed.values as Record<string, string | boolean | undefined>
  const locale: Locale = v["lang"] === "en" ? "en" : "zh-CN"
  const asOf = v["as-of"]
  const file = parsed.positionals[0]
  if (file === undefined || typeof asOf !== "string" || !isValid(asOf) || (v["region"] !== undefined && !/^\d{6}$/.test(String(v["region"])))) {
    io.err.write(`${formatError(make("usage", [], { detail: file === undefined ? "<events file>" : "--as-of YYYY-MM-DD / --region <code>" }), locale)}\n${CREDIT_USAGE}`)
    return { ok: false, code: 2 }
  }
  const t = loadTemplate()
  const p = loadPacks()
  if (!t.ok || !p.ok) {
    for (const e of [...(t.ok ? [] : t.errors), ...(p.ok ? [] : p.errors)]) io.err.write(`${formatError(e, locale)}\n`)
    return { ok: false, code: 1 }
  }
  const m = composeFor(t.value, p.value, String(v["region"] ?? "000000"), asOf)
  if (!m.ok) {
    for (const e of m.errors) io.err.write(`${formatError(e, locale)}\n`)
    return { ok: false, code: 1 }
  }
  let read
  try {
    read = readEvents(file)
  } catch (e) {
    io.err.write(`${formatError(make(e instanceof SyntaxError ? "invalid-json" : "io", [file], { detail: e instanceof Error ? e.message : "read" }), locale)}\n`)
    return { ok: false, code: 2 }
  }
  for (const e of read.errors) io.err.write(`${formatError(e, locale)}\n`)
  return { ok: true, locale, values: v, model: m.value, events: read.events, asOf: asOf as CalendarDate, malformed: read.errors.length }
}

/**
 * `nongan credit`: scores and grades as of a date from an events file, with the explanation.
 *
 * @example
 * import { runCredit } from "@nongan/cli/Credit"
 * typeof runCredit // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runCredit = async (argv: ReadonlyArray<string>, io: Streams): Promise<number> => {
  const s = setup(argv, io, { subject: { type: "string" } })
  if (!s.ok) return s.code
  const format = String(s.values["format"] ?? "table")
  const subject = s.values["subject"]
  const events = typeof subject === "string" ? s.events.filter((e) => e.subject === subject) : s.events
  const scores = scoreAll(prepare(s.model), events, s.asOf)
  const zh = s.locale === "zh-CN"
  if (format === "json") io.out.write(`${JSON.stringify({ model: s.model.id, template: s.model.template, layers: s.model.layers, asOf: s.asOf, scores: scores.map((x) => ({ ...x, supervision: frequency(s.model, x.grade) })) }, null, 2)}\n`)
  else if (format === "csv") {
    io.out.write("subject,asOf,score,grade,gradeByScore,override,overrideUntil,supervisionWeight,model\n")
    for (const x of scores) io.out.write(`${[x.subject, x.asOf, x.score, x.grade, x.gradeByScore, x.override?.id, x.override?.until, frequency(s.model, x.grade).weight, x.model].map(csvField).join(",")}\n`)
  } else {
    if (s.model.template) io.out.write(zh ? `模型 ${s.model.id}：中性模板，非任何机关的评价方案\n` : `model ${s.model.id}: a neutral template, not any authority's scheme\n`)
    for (const x of scores) {
      io.out.write(`${x.subject}  ${x.asOf}  ${zh ? "得分" : "score"} ${x.score}  ${zh ? "等级" : "grade"} ${x.grade}${x.override ? `  (${x.override.label}, ${zh ? "锁定至" : "locked until"} ${x.override.until})` : ""}  ${zh ? "监管频次权重" : "supervision weight"} ${frequency(s.model, x.grade).weight}\n`)
      if (format === "explain") {
        for (const l of x.lines)
          io.out.write(`    ${l.event} ${l.on} ${l.type}: ${l.status}${l.status === "active" ? ` ${l.points > 0 ? "+" : ""}${l.points} (${l.indicator})` : ""}${l.until ? ` ${zh ? "至" : "until"} ${l.until}` : ""}${l.rule ? `  [${l.rule}]` : ""}\n`)
        for (const i of x.indicators.filter((i) => i.sum !== 0)) io.out.write(`    = ${i.id}: ${i.sum}${i.capped ? ` → ${zh ? "封顶" : "capped"} ${i.contribution}` : ""}\n`)
      }
    }
  }
  return s.malformed > 0 ? 1 : 0
}
