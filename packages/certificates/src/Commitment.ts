import { commitmentLines } from "./Certificate"
import type { Template } from "./Rules"

/**
 * A commitment line reduced for comparison: whitespace and punctuation removed.
 *
 * @example
 * import { normalise } from "@nongan/certificates/Commitment"
 * normalise("未使用禁用农药、兽药 及其他化合物。") // "未使用禁用农药兽药及其他化合物"
 *
 * @since 0.1.0
 * @category combinators
 */
export const normalise = (s: string): string => s.replace(/[\s，,。．.、；;：:“”"'‘’（）()!！?？□☑√✓■]/g, "")

/**
 * Whether a commitment (text or lines) is a template's: every template line present, nothing
 * else but the template's optional lines, in any order; a lead-in sentence (`我承诺…的食用农产品`)
 * before the lines is allowed.
 *
 * @example
 * import { matchesTemplate } from "@nongan/certificates/Commitment"
 * const t = { id: "t", issuers: [], lines: ["甲", "乙"], optionalLines: [], prefixes: ["我承诺"],
 *   citation: { instrument: "x" }, verification: "secondary" } as const
 * matchesTemplate("我承诺：甲；乙", t) // true
 * matchesTemplate("甲", t) // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const matchesTemplate = (commitment: string | ReadonlyArray<string> | undefined, t: Template): boolean =>
  fits(normalisedLines(commitment), t)

interface Prepared {
  readonly prefixes: ReadonlyArray<string>
  readonly want: ReadonlySet<string>
  readonly may: ReadonlySet<string>
}
const prepared = new WeakMap<Template, Prepared>()
const prepare = (t: Template): Prepared => {
  let p = prepared.get(t)
  if (!p) prepared.set(t, (p = { prefixes: t.prefixes.map(normalise), want: new Set(t.lines.map(normalise)), may: new Set(t.optionalLines.map(normalise)) }))
  return p
}

const normalisedLines = (commitment: string | ReadonlyArray<string> | undefined): ReadonlyArray<string> => commitmentLines(commitment).map(normalise)

const fits = (normalised: ReadonlyArray<string>, t: Template): boolean => {
  const p = prepare(t)
  const seen = new Set<string>()
  for (const raw of normalised) {
    let l = raw
    for (const x of p.prefixes)
      if (l.startsWith(x)) {
        l = l.slice(x.length)
        break
      }
    if (l === "") continue
    if (p.want.has(l)) seen.add(l)
    else if (!p.may.has(l)) return false
  }
  return seen.size === p.want.size
}

/**
 * The templates that fit a commitment, among those given.
 *
 * @example
 * import { matchingTemplates } from "@nongan/certificates/Commitment"
 * matchingTemplates("甲", []).length // 0
 *
 * @since 0.1.0
 * @category combinators
 */
export const matchingTemplates = (commitment: string | ReadonlyArray<string> | undefined, ts: ReadonlyArray<Template>): ReadonlyArray<Template> => {
  const lines = normalisedLines(commitment)
  return ts.filter((t) => fits(lines, t))
}
