/**
 * How many worker threads `nongan check` uses: `--jobs N`, or an automatic choice — one
 * (in-process) for inputs too small to repay the start of the workers, for `--line` (a
 * co-process answers one record at a time), and otherwise the cores available, capped.
 *
 * @since 0.2.0
 */
import { availableParallelism } from "node:os"

/**
 * Below this many bytes of input (files of known size), `check` stays in-process: starting the
 * workers costs more than the records save. Each worker loads the code, the tables and the packs
 * (about 0.47 s of CPU) and warms up again; measured on 2 cores, two workers cost about 1.1 s of
 * CPU more than `--jobs 1` on 3 000 records, 1.8 s on 10 000, 2.2 s on 100 000, against about
 * 64 µs of CPU per record in-process — break-even near 30 000 generated records (8 MB of
 * JSON Lines) with 2 workers, lower with more cores.
 *
 * @example
 * import { AUTO_MIN_BYTES } from "@nongan/cli/CheckJobs"
 * AUTO_MIN_BYTES // 8000000
 *
 * @since 0.2.0
 * @category models
 */
export const AUTO_MIN_BYTES = 8_000_000

/**
 * The same bound for standard input (size unknown), in records: the first records are read
 * before the workers start; an input that ends sooner is judged in-process.
 *
 * @example
 * import { AUTO_MIN_RECORDS } from "@nongan/cli/CheckJobs"
 * AUTO_MIN_RECORDS // 30000
 *
 * @since 0.2.0
 * @category models
 */
export const AUTO_MIN_RECORDS = 30_000

/**
 * At most this many workers are started automatically (more are given with `--jobs`).
 *
 * @example
 * import { AUTO_MAX_JOBS } from "@nongan/cli/CheckJobs"
 * AUTO_MAX_JOBS // 8
 *
 * @since 0.2.0
 * @category models
 */
export const AUTO_MAX_JOBS = 8

/**
 * The largest `--jobs`.
 *
 * @example
 * import { MAX_JOBS } from "@nongan/cli/CheckJobs"
 * MAX_JOBS // 64
 *
 * @since 0.2.0
 * @category models
 */
export const MAX_JOBS = 64

/**
 * Reads `--jobs`: a whole number from 1 to {@link MAX_JOBS}, or `auto`; undefined when not given,
 * null when invalid (a usage error).
 *
 * @example
 * import { parseJobs } from "@nongan/cli/CheckJobs"
 * parseJobs("3") // 3
 * parseJobs("auto") // "auto"
 * parseJobs("0") // null
 * parseJobs(undefined) // undefined
 *
 * @since 0.2.0
 * @category constructors
 */
export const parseJobs = (s: string | undefined): number | "auto" | undefined | null => {
  if (s === undefined) return undefined
  if (s === "auto") return "auto"
  if (!/^[1-9]\d{0,2}$/.test(s)) return null
  const n = Number(s)
  return n <= MAX_JOBS ? n : null
}

/**
 * The automatic choice: 1 for `--line`, for files of fewer than {@link AUTO_MIN_BYTES} bytes
 * (undefined size: standard input, decided after its first records), else the available
 * parallelism capped at {@link AUTO_MAX_JOBS} (and at least 1).
 *
 * @example
 * import { autoJobs } from "@nongan/cli/CheckJobs"
 * autoJobs({ size: 1000, line: false, cores: 8 }) // 1
 * autoJobs({ size: 50_000_000, line: false, cores: 2 }) // 2
 * autoJobs({ size: undefined, line: true, cores: 8 }) // 1
 *
 * @since 0.2.0
 * @category rules
 */
export const autoJobs = (o: { readonly size: number | undefined; readonly line: boolean; readonly cores?: number | undefined }): number => {
  if (o.line || (o.size !== undefined && o.size < AUTO_MIN_BYTES)) return 1
  return Math.max(1, Math.min(AUTO_MAX_JOBS, o.cores ?? availableParallelism()))
}
