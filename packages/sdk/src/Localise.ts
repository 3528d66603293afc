/**
 * Reports in a locale: the errors a report's findings carry (an analyte that could not be read)
 * are made with zh-CN messages; this renders them in the validator's locale. No Node built-ins:
 * shared by the Node validator and the browser build.
 *
 * @since 0.5.0
 */
import { type Locale, toJson } from "@nongan/core/Messages"
import { make, type Params, type Path } from "@nongan/core/NonganError"
import type { RecordReport } from "@nongan/core/Verdict"

// "results[1].components[0].substance" → ["results", 1, "components", 0, "substance"]
const pathOf = (s: string): Path => [...s.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!))

/**
 * A report with the errors its findings carry rendered in a locale (the same report when the
 * locale is zh-CN, the default, or no finding carries an error).
 *
 * @example
 * import { localise } from "@nongan/sdk/Localise"
 * const r = { id: "A", kind: "inspection", verdict: "compliant", findings: [] } as never
 * localise(r, "en") === r // true
 *
 * @since 0.5.0
 * @category combinators
 */
export const localise = (report: RecordReport, locale: Locale): RecordReport => {
  if (locale === "zh-CN" || !report.findings.some((f) => f.error !== undefined)) return report
  return {
    ...report,
    findings: report.findings.map((f) =>
      f.error === undefined ? f : { ...f, error: toJson(make(f.error.code, pathOf(f.error.path), (f.error.params ?? {}) as Params), locale) }
    )
  }
}
