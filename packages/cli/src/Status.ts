import * as CalendarDate from "@nongan/core/CalendarDate"
import * as Citation from "@nongan/core/Citation"
import type { Locale } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { Dataset } from "@nongan/engine/Dataset"
import type { StatusEntry, Subject } from "@nongan/substances/Status"

/**
 * The answer `nongan status --format json` prints.
 *
 * @since 0.1.0
 * @category models
 */
export interface StatusReport {
  readonly substance: string
  readonly on: string
  readonly subject: { readonly food?: string; readonly species?: string; readonly state?: string } | null
  readonly prohibited: boolean
  readonly statuses: ReadonlyArray<StatusEntry>
  readonly reasons: ReadonlyArray<string>
  readonly elsewhere: ReadonlyArray<StatusEntry>
  readonly citations: ReadonlyArray<Citation.Citation>
}

/**
 * Answers "what is the status of this substance on this date, here": resolves the substance,
 * the food or species exactly, and lists the statuses in force with their citations.
 *
 * @example
 * import { statusReport } from "@nongan/cli/Status"
 * typeof statusReport // "function"
 *
 * @since 0.1.0
 * @category rules
 */
export const statusReport = (
  ds: Dataset,
  q: { substance: string; on: string; food?: string | undefined; species?: string | undefined; state?: string | undefined }
): Result<StatusReport, NonganError> => {
  const s = ds.substances.resolve(q.substance)
  if (!s.ok) return s
  if (!CalendarDate.isValid(q.on)) return fail(make("invalid-date", ["--on"], { value: q.on }))
  let subject: Subject = { kind: "anywhere" }
  if (q.food !== undefined) {
    const f = ds.foods.resolve(q.food)
    if (!f.ok) return fail(...f.errors.map((e) => ({ ...e, path: ["--food"] })))
    subject = f.value.kind === "plant" ? { kind: "plant", path: f.value.path } : { kind: "animal", speciesPath: f.value.speciesPath }
  } else if (q.species !== undefined) {
    const sp = ds.foods.resolveSpecies(q.species)
    if (!sp.ok) return fail(...sp.errors.map((e) => ({ ...e, path: ["--species"] })))
    const state = q.state === "laying" || q.state === "lactating" ? q.state : undefined
    subject = { kind: "animal", speciesPath: ds.foods.pathOf(sp.value), state }
  }
  const a = ds.statuses.statusOn(s.value.id, q.on, subject)
  const seen = new Set<string>()
  const citations = [...a.statuses, ...a.elsewhere].map((e) => e.citation).filter((c) => {
    const k = Citation.format(c)
    return seen.has(k) ? false : (seen.add(k), true)
  })
  return ok({
    substance: s.value.id,
    on: q.on,
    subject: q.food !== undefined ? { food: q.food } : q.species !== undefined ? { species: q.species, ...(q.state ? { state: q.state } : {}) } : null,
    prohibited: a.prohibited,
    statuses: a.statuses,
    reasons: a.reasons.map((r) => r.id),
    elsewhere: a.elsewhere,
    citations
  })
}

const STATUS_ZH: Record<string, string> = {
  "banned": "禁止使用",
  "banned-in-scope": "在部分范围禁止使用",
  "banned-food-animals": "食品动物中禁止使用",
  "withdrawn-food-animals": "食品动物中停止使用",
  "therapy-only-not-detectable": "允许治疗用但不得检出",
  "growth-promotion-banned": "禁止用作促生长",
  "restricted-sale": "限制使用（定点经营）",
  "registration-revoked": "撤销登记",
  "production-stopped": "停止生产"
}

const scopeText = (e: StatusEntry): string =>
  e.scope === "all" ? "" : ` [${[...(e.scope.foods ?? []), ...(e.scope.species ?? []), ...(e.scope.states ?? [])].join("、")}]`

/**
 * Renders a status report as readable lines.
 *
 * @example
 * import { statusLines } from "@nongan/cli/Status"
 * typeof statusLines // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const statusLines = (r: StatusReport, locale: Locale): ReadonlyArray<string> => {
  const zh = locale === "zh-CN"
  const where = r.subject?.food ?? r.subject?.species ?? (zh ? "（未指定食品或动物）" : "(no food or species given)")
  const line = (e: StatusEntry) =>
    `  - ${zh ? STATUS_ZH[e.status] : e.status}${scopeText(e)} ${e.effective.from}${e.effective.to ? ` ~ ${e.effective.to}` : " ~"}  ${Citation.format(e.citation)} (${e.verification})`
  return [
    `${r.substance} @ ${where} ${r.on}: ${r.prohibited ? (zh ? "禁止使用" : "use prohibited") : zh ? "未禁止使用" : "use not prohibited"}`,
    ...(r.statuses.length > 0 ? [zh ? "适用的状态：" : "statuses that apply:", ...r.statuses.map(line)] : []),
    ...(r.elsewhere.length > 0 ? [zh ? "其他范围的状态：" : "statuses for other scopes:", ...r.elsewhere.map(line)] : [])
  ]
}
