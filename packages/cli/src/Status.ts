import * as Citation from "@nongan/core/Citation"
import type { Locale } from "@nongan/core/Messages"
import type { NameReading } from "@nongan/core/NameReading"
import type { NonganError } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import type { Dataset } from "@nongan/engine/Dataset"
import { type StatusAnswer, statusOf } from "@nongan/engine/StatusQuery"
import type { StatusEntry } from "@nongan/substances/Status"

/**
 * The answer `nongan status --format json` prints.
 *
 * @since 0.1.0
 * @category models
 */
export type StatusReport = StatusAnswer

/**
 * Answers "what is the status of this substance on this date, here": reads the substance and the
 * food (or crop: 水稻 → 稻谷) as written, resolves a species exactly, and lists the statuses in
 * force with their citations (the engine's `statusOf`, shared with the HTTP service).
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
): Result<StatusReport, NonganError> => statusOf(ds, q, { substance: [], on: ["--on"], food: ["--food"], species: ["--species"] })

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
  const readLine = (n: NameReading) => `  · ${n.written} ${zh ? "读作" : "read as"} ${n.read}（${n.steps.map((x) => x.kind).join("、")}）`
  return [
    ...[r.read?.substance, r.read?.food].flatMap((n) => (n ? [readLine(n)] : [])),
    `${r.substance} @ ${where} ${r.on}: ${r.prohibited ? (zh ? "禁止使用" : "use prohibited") : zh ? "未禁止使用" : "use not prohibited"}`,
    ...(r.statuses.length > 0 ? [zh ? "适用的状态：" : "statuses that apply:", ...r.statuses.map(line)] : []),
    ...(r.elsewhere.length > 0 ? [zh ? "其他范围的状态：" : "statuses for other scopes:", ...r.elsewhere.map(line)] : [])
  ]
}
