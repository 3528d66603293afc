/**
 * The progress bar of `nongan check` on standard error (cli-progress), shared by the in-process
 * and the parallel paths.
 *
 * @since 0.2.0
 */
import { SingleBar } from "cli-progress"

/** Redraws of the progress bar are at most this often (it is never awaited: records never wait for it). */
const PROGRESS_EVERY_MS = 100

/**
 * Whether the bar is shown: asked for (not `--no-progress`), and files over 1 MB, or standard
 * input on a terminal.
 *
 * @example
 * import { showProgress } from "@nongan/cli/CheckProgress"
 * showProgress({ progress: true, err: { isTTY: false } }, 2_000_000) // true
 * showProgress({ progress: true, err: { isTTY: false } }, undefined) // false
 *
 * @since 0.2.0
 * @category predicates
 */
export const showProgress = (o: { readonly progress: boolean; readonly err: { readonly isTTY?: boolean | undefined } }, size: number | undefined): boolean =>
  o.progress && (size === undefined ? o.err.isTTY === true : size > 1_000_000)

/**
 * A progress bar updated at most every 100 ms, never awaited, and stopped once (`stop` may be
 * called again).
 *
 * @example
 * import { progressBar } from "@nongan/cli/CheckProgress"
 * typeof progressBar // "function"
 *
 * @since 0.2.0
 * @category constructors
 */
export const progressBar = (err: NodeJS.WritableStream, size: number | undefined) => {
  const bar = new SingleBar({
    stream: err,
    format: size !== undefined ? "{bar} {percentage}% | {records} records" : "{records} records",
    noTTYOutput: true,
    notTTYSchedule: 5000,
    hideCursor: false,
    clearOnComplete: false
  })
  bar.start(size ?? 0, 0, { records: 0 })
  let last = Date.now()
  let stopped = false
  return {
    tick: (value: number, records: number, force = false): void => {
      const now = Date.now()
      if (stopped || (!force && now - last < PROGRESS_EVERY_MS)) return
      last = now
      bar.update(value, { records })
    },
    stop: (): void => {
      if (stopped) return
      stopped = true
      bar.stop()
    }
  }
}
