/**
 * The records a certificate of a batch may name as evidence: the first record of each id among
 * the most recent `EVIDENCE_WINDOW` ids (100 000), so that memory stays flat over inputs of any
 * length. `validateMany` and `nongan check` keep them so (`validateMany` keeps the records;
 * `check` keeps what is needed to read them again, a JSON line's bytes: `@nongan/cli/CheckEvidence`).
 *
 * @since 0.5.0
 */

/**
 * How many of the most recent record ids a batch remembers for certificates naming their
 * evidence (`validateMany`, `nongan check`).
 *
 * @example
 * import { EVIDENCE_WINDOW } from "@nongan/sdk/EvidenceWindow"
 * EVIDENCE_WINDOW // 100000
 *
 * @since 0.5.0
 * @category models
 */
export const EVIDENCE_WINDOW = 100_000

/**
 * A bounded map from record id to what was remembered for it.
 *
 * @since 0.5.0
 * @category models
 */
export interface EvidenceWindow<A> {
  readonly get: (id: string) => A | undefined
  /** remembers `value` under `id` unless the id is already remembered; the oldest id leaves past the bound */
  readonly remember: (id: string, value: A) => void
  readonly size: () => number
}

/**
 * Creates an evidence window of at most `max` ids (default `EVIDENCE_WINDOW`).
 *
 * @example
 * import { evidenceWindow } from "@nongan/sdk/EvidenceWindow"
 * const w = evidenceWindow<number>(2)
 * w.remember("a", 1); w.remember("a", 9); w.remember("b", 2); w.remember("c", 3)
 * [w.get("a"), w.get("b"), w.size()] // [undefined, 2, 2]
 *
 * @since 0.5.0
 * @category constructors
 */
export const evidenceWindow = <A>(max: number = EVIDENCE_WINDOW): EvidenceWindow<A> => {
  const seen = new Map<string, A>()
  // the ids in the order they came, in a ring: the oldest leaves in constant time (taking it from
  // the Map's iterator would walk over every entry deleted before it, quadratic over long inputs)
  const ring = new Array<string>(max)
  let oldest = 0
  return {
    get: (id) => seen.get(id),
    remember: (id, value) => {
      if (seen.has(id)) return
      seen.set(id, value)
      if (seen.size <= max) ring[seen.size - 1] = id
      else {
        seen.delete(ring[oldest]!)
        ring[oldest] = id
        oldest = (oldest + 1) % max
      }
    },
    size: () => seen.size
  }
}
