/**
 * Dated timelines: a list of segments sorted by the day each starts, read by binary search. The
 * limit index, the effective regional rule sets and status look-ups memoise their answers this
 * way, so a judgement as of a date is one search instead of a scan.
 *
 * @since 0.2.0
 */

/**
 * The segment in force on `date`: the last one starting on or before it (`undefined` before the
 * first). Segments must be sorted by `from` (ISO dates compare as strings).
 *
 * @example
 * import { segmentAt } from "@nongan/core/Timeline"
 * segmentAt([{ from: "2021-09-03", v: 1 }, { from: "2026-03-01", v: 2 }], "2025-06-01")?.v // 1
 *
 * @since 0.2.0
 * @category combinators
 */
export const segmentAt = <S extends { readonly from: string }>(segments: ReadonlyArray<S>, date: string): S | undefined => {
  let lo = 0
  let hi = segments.length - 1
  let found: S | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = segments[mid]!
    if (s.from <= date) {
      found = s
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
