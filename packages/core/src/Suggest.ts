import { distance } from "fastest-levenshtein"

/**
 * The known names nearest to an unknown one (edit distance, then shared characters), so that an
 * error can list them. Never picks one silently: resolution stays exact.
 *
 * @example
 * import { nearest } from "@nongan/core/Suggest"
 * nearest("克百为", ["克百威", "氧乐果", "百草枯"], 2) // ["克百威", "百草枯"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const nearest = (name: string, known: Iterable<string>, limit = 5): ReadonlyArray<string> => {
  const chars = new Set(name)
  const scored: Array<[string, number, number]> = []
  for (const k of known) {
    let shared = 0
    for (const c of new Set(k)) if (chars.has(c)) shared++
    scored.push([k, distance(name, k), -shared])
  }
  scored.sort((a, b) => a[1] - b[1] || a[2] - b[2] || (a[0] < b[0] ? -1 : 1))
  return scored.slice(0, Math.max(0, limit)).map((s) => s[0])
}
