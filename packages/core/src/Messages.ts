import type { Outcome, Referral } from "./Finding"
import type { Catalogue } from "./internal/catalogue"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"
import { formatPath, type NonganError } from "./NonganError"
import type { Verdict } from "./Verdict"

/**
 * A supported locale: `zh-CN` (default) or `en`.
 *
 * @since 0.1.0
 * @category models
 */
export type Locale = "zh-CN" | "en"

const catalogues: Record<Locale, Catalogue> = { "zh-CN": zhCN, en }

const quote = (v: unknown, locale: Locale): string =>
  Array.isArray(v) ? v.map((x) => `\`${String(x)}\``).join(locale === "zh-CN" ? "、" : ", ") : `\`${String(v)}\``

// A value right after a word is set off from it (`：` or a space); at the start of a template, or
// after a space or a colon, it is not. `nearest` and `expected` bring their own lead-in words.
const fill = (template: string, params: NonganError["params"], words: Catalogue["words"], locale: Locale): string =>
  template
    .replace(/\{(\w+)\}/g, (_, key: string, offset: number) => {
      const v = params[key]
      if (v === undefined || (Array.isArray(v) && v.length === 0)) return ""
      if (key === "nearest") return `${words.nearest}${quote(v, locale)}`
      if (key === "expected") return `${words.expected}${quote(v, locale)}`
      const before = template.charAt(offset - 1)
      const bare = before === "" || /[\s:：]/.test(before)
      return bare ? quote(v, locale) : locale === "zh-CN" ? `：${quote(v, locale)}` : ` ${quote(v, locale)}`
    })
    .trim()

/**
 * Renders an error as one line in a locale: lower-case, no trailing period, user input in
 * backticks, followed by the path.
 *
 * @example
 * import { formatError } from "@nongan/core/Messages"
 * import { make } from "@nongan/core/NonganError"
 * formatError(make("unknown-food", ["product"], { name: "小白采", nearest: ["小白菜"] }), "en")
 * // "unknown food `小白采`, nearest known names: `小白菜` (at product)"
 *
 * @since 0.1.0
 * @category combinators
 */
export const formatError = (e: NonganError, locale: Locale = "zh-CN"): string => {
  const c = catalogues[locale]
  const text = fill(c.errors[e.code], e.params, c.words, locale)
  const path = formatPath(e.path)
  return path === "" ? text : locale === "zh-CN" ? `${text}（${c.words.at}：${path}）` : `${text} (${c.words.at} ${path})`
}

/**
 * The label of an outcome.
 *
 * @example
 * import { outcomeLabel } from "@nongan/core/Messages"
 * outcomeLabel("exceeds-limit") // "超过限量"
 *
 * @since 0.1.0
 * @category combinators
 */
export const outcomeLabel = (o: Outcome, locale: Locale = "zh-CN"): string => catalogues[locale].outcomes[o]

/**
 * The label of a verdict.
 *
 * @example
 * import { verdictLabel } from "@nongan/core/Messages"
 * verdictLabel("non-compliant", "en") // "non-compliant"
 *
 * @since 0.1.0
 * @category combinators
 */
export const verdictLabel = (v: Verdict, locale: Locale = "zh-CN"): string => catalogues[locale].verdicts[v]

/**
 * The label of a referral.
 *
 * @example
 * import { referralLabel } from "@nongan/core/Messages"
 * referralLabel("criminal-referral") // "涉嫌犯罪，移送公安机关"
 *
 * @since 0.1.0
 * @category combinators
 */
export const referralLabel = (r: Referral, locale: Locale = "zh-CN"): string => catalogues[locale].referrals[r]

/**
 * The sentence appended to a verdict that rests on data not verified from the official text.
 *
 * @example
 * import { unverifiedNote } from "@nongan/core/Messages"
 * unverifiedNote("en")
 *
 * @since 0.1.0
 * @category combinators
 */
export const unverifiedNote = (locale: Locale = "zh-CN"): string => catalogues[locale].words.unverified

/**
 * Serialises an error for JSON output: code, path string, rendered message and params.
 *
 * @example
 * import { toJson } from "@nongan/core/Messages"
 * import { make } from "@nongan/core/NonganError"
 * toJson(make("io")).code // "io"
 *
 * @since 0.1.0
 * @category combinators
 */
export const toJson = (e: NonganError, locale: Locale = "zh-CN") => ({
  code: e.code,
  path: formatPath(e.path),
  message: formatError(e, locale),
  params: e.params
})
