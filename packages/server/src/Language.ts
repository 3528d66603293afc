import type { Locale } from "@nongan/core/Messages"

/**
 * The locale a request asks for through `Accept-Language`: `en` when English is preferred over
 * Chinese (by order and q-values), `zh-CN` otherwise (the default, also for a missing or
 * unreadable header).
 *
 * @example
 * import { fromAcceptLanguage } from "@nongan/server/Language"
 * fromAcceptLanguage("en-US,en;q=0.9") // "en"
 * fromAcceptLanguage("zh-CN,en;q=0.5") // "zh-CN"
 * fromAcceptLanguage(undefined) // "zh-CN"
 *
 * @since 0.1.0
 * @category combinators
 */
export const fromAcceptLanguage = (header: string | ReadonlyArray<string> | undefined): Locale => {
  if (header === undefined) return "zh-CN"
  const text = typeof header === "string" ? header : header.join(",")
  let best: Locale = "zh-CN"
  let bestQ = -1
  for (const part of text.split(",").slice(0, 32)) {
    const [tag, ...params] = part.trim().toLowerCase().split(";")
    const qp = params.find((p) => p.trim().startsWith("q="))
    const q = qp === undefined ? 1 : Number(qp.trim().slice(2))
    if (!Number.isFinite(q) || q <= 0) continue
    const locale: Locale | undefined = tag?.startsWith("en") ? "en" : tag?.startsWith("zh") ? "zh-CN" : undefined
    if (locale !== undefined && q > bestQ) (best = locale), (bestQ = q)
  }
  return best
}

const TEXT: Record<string, { readonly "zh-CN": string; readonly en: string }> = {
  "body-too-large": { "zh-CN": "请求体过大，上限为 {limit} 字节", en: "request body too large, the limit is {limit} bytes" },
  "batch-too-large": { "zh-CN": "批量记录过多，上限为 {limit} 条", en: "too many records in the batch, the limit is {limit}" },
  "unsupported-media-type": {
    "zh-CN": "不支持的内容类型 `{type}`，应为 application/json 或 application/x-ndjson",
    en: "unsupported content type `{type}`, expected application/json or application/x-ndjson"
  },
  "not-found": { "zh-CN": "没有这个地址 `{url}`", en: "no such route `{url}`" },
  timeout: { "zh-CN": "请求超时", en: "request timed out" },
  unavailable: { "zh-CN": "服务正在关闭", en: "the service is shutting down" },
  internal: { "zh-CN": "服务内部错误", en: "internal error" }
}

/**
 * The message of one of the service's own error codes, in a locale, with `{param}` filled in.
 *
 * @example
 * import { httpMessage } from "@nongan/server/Language"
 * httpMessage("batch-too-large", "en", { limit: 10 }) // "too many records in the batch, the limit is 10"
 *
 * @since 0.1.0
 * @category combinators
 */
export const httpMessage = (code: string, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string =>
  (TEXT[code]?.[locale] ?? code).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""))
