/**
 * Keeps a long `check` run's memory where a short run's is. What a run holds is bounded (the
 * evidence window, the chunks in flight, the output buffer), but V8 lets the heap grow with the
 * allocation rate between full collections, so that 1,000,000 records peaked well above 100,000
 * with the same live data. A full collection every {@link RECORDS_PER_COLLECTION} records (tens
 * of milliseconds each, against about a second of judging; no slower in the measured runs) bounds
 * the garbage between collections to what one such stretch makes: the peak of a longer run is
 * then about that of a short one. Each worker and the main thread count their own records.
 *
 * The collector is V8's own `gc`, reached at run time (`--expose-gc` set through `node:v8`, read
 * from a fresh `node:vm` context); where it cannot be had, nothing is collected and the run goes
 * on as before.
 *
 * @since 0.5.0
 */
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

/**
 * Records between two full collections.
 *
 * @example
 * import { RECORDS_PER_COLLECTION } from "@nongan/cli/HeapBound"
 * RECORDS_PER_COLLECTION // 20000
 *
 * @since 0.5.0
 * @category models
 */
export const RECORDS_PER_COLLECTION = 20_000

let collect: (() => void) | undefined | null = null
const collector = (): (() => void) | undefined => {
  if (collect === null) {
    try {
      setFlagsFromString("--expose-gc")
      const gc = runInNewContext("gc") as unknown
      collect = typeof gc === "function" ? (gc as () => void) : undefined
    } catch {
      collect = undefined
    }
  }
  return collect
}

/**
 * A counter of records judged that runs a full collection every `every` records.
 *
 * @example
 * import { heapBound } from "@nongan/cli/HeapBound"
 * const bound = heapBound()
 * bound.count(1) // counts one record; collects when 20 000 have been counted since the last time
 *
 * @since 0.5.0
 * @category constructors
 */
export const heapBound = (every: number = RECORDS_PER_COLLECTION): { readonly count: (records: number) => void; readonly collections: () => number } => {
  let since = 0
  let done = 0
  return {
    count: (records) => {
      since += records
      if (since < every) return
      since = 0
      const gc = collector()
      if (gc) {
        gc()
        done++
      }
    },
    collections: () => done
  }
}
