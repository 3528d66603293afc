/**
 * How long the main thread of `nongan check --jobs N` waits for a worker's answer to a chunk
 * before it fails the batch (`worker-timeout`): a worker that stays alive but never answers (a
 * loop, a deadlock) must not hang the command. The wait is generous — hundreds of times the time
 * a chunk takes — so that a slow machine never fails a good batch: measured on one core of this
 * machine, a generated record takes about 64 µs (0.23 µs a character of its JSON line), a record
 * of 2 000 analytes about 45 ms with `--format jsonl`, 58 ms with `--format explain` (0.6 µs a
 * character), and a worker starts in about 0.5 s of CPU. The clock of a chunk runs from the
 * moment its worker owes no earlier answer (`Pool`), and the first chunk's includes the worker's
 * start (and a time the process was stopped is not counted); with more workers than cores,
 * every wait is stretched in proportion.
 *
 * @since 0.5.0
 */
import { availableParallelism } from "node:os"

/**
 * The part of every wait that does not depend on the chunk: a worker's start (loading the code,
 * the tables and the packs) and the pauses of a busy machine.
 *
 * @example
 * import { TIMEOUT_BASE_MS } from "@nongan/cli/CheckTimeout"
 * TIMEOUT_BASE_MS // 60000
 *
 * @since 0.5.0
 * @category models
 */
export const TIMEOUT_BASE_MS = 60_000

/**
 * The wait for each record of a chunk: about a thousand times the time of a record of 2 000
 * analytes, and ten thousand times a generated record's.
 *
 * @example
 * import { TIMEOUT_PER_RECORD_MS } from "@nongan/cli/CheckTimeout"
 * TIMEOUT_PER_RECORD_MS // 50
 *
 * @since 0.5.0
 * @category models
 */
export const TIMEOUT_PER_RECORD_MS = 50

/**
 * The wait for each character of a chunk's JSON lines, in microseconds: about ten times the
 * slowest measured (0.6 µs), so that a chunk of a few long lines (up to `--max-line`) is covered.
 *
 * @example
 * import { TIMEOUT_PER_CHAR_US } from "@nongan/cli/CheckTimeout"
 * TIMEOUT_PER_CHAR_US // 5
 *
 * @since 0.5.0
 * @category models
 */
export const TIMEOUT_PER_CHAR_US = 5

/**
 * The wait, in milliseconds, for the answer to a chunk of `records` records and `chars`
 * characters of JSON lines (0 for items read on the main thread), judged by one of `jobs`
 * workers on `cores` cores (default: the available parallelism).
 *
 * @example
 * import { chunkTimeoutMs } from "@nongan/cli/CheckTimeout"
 * chunkTimeoutMs({ records: 256, chars: 70_000, jobs: 2, cores: 2 }) // 73150
 * chunkTimeoutMs({ records: 256, chars: 70_000, jobs: 8, cores: 2 }) // 292600
 *
 * @since 0.5.0
 * @category rules
 */
export const chunkTimeoutMs = (o: { readonly records: number; readonly chars: number; readonly jobs: number; readonly cores?: number | undefined }): number => {
  const stretch = Math.max(1, o.jobs / Math.max(1, o.cores ?? availableParallelism()))
  return Math.ceil((TIMEOUT_BASE_MS + o.records * TIMEOUT_PER_RECORD_MS + (o.chars * TIMEOUT_PER_CHAR_US) / 1000) * stretch)
}
