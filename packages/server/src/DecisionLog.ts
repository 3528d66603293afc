import { createWriteStream, type WriteStream } from "node:fs"
import type { DecisionFailure, DecisionReport } from "./Schemas"

/**
 * An append-only log of decisions, one JSON line each: time, decision id, record id, verdict (or
 * the error code), the as-of date, the region and the hashes of the packs that judged it.
 *
 * @since 0.1.0
 * @category models
 */
export interface DecisionLog {
  write(item: DecisionReport | DecisionFailure): void
  close(): Promise<void>
}

/**
 * The line logged for one decision.
 *
 * @example
 * import { logLine } from "@nongan/server/DecisionLog"
 * logLine({ decisionId: "d", id: "A", verdict: "compliant", findings: [] }, "2026-01-01T00:00:00.000Z")
 * // '{"time":"2026-01-01T00:00:00.000Z","decisionId":"d","id":"A","verdict":"compliant","findings":0}'
 *
 * @since 0.1.0
 * @category combinators
 */
export const logLine = (item: DecisionReport | DecisionFailure, time: string): string =>
  JSON.stringify(
    "verdict" in item
      ? {
          time,
          decisionId: item.decisionId,
          id: item.id,
          verdict: item.verdict,
          asOf: item.asOf,
          region: item.region,
          findings: item.findings.length,
          packs: item.packs?.map((p) => `${p.id}@${p.version}#${p.hash}`)
        }
      : { time, decisionId: item.decisionId, id: item.id, error: item.error.code, path: item.error.path }
  )

/**
 * Opens a decision log appending to a file.
 *
 * @example
 * import { openDecisionLog } from "@nongan/server/DecisionLog"
 * // const log = openDecisionLog("/var/log/nongan/decisions.jsonl")
 * typeof openDecisionLog // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const openDecisionLog = (path: string): DecisionLog => {
  const stream: WriteStream = createWriteStream(path, { flags: "a" })
  let buffer: Array<string> = []
  const flush = () => {
    if (buffer.length === 0) return
    stream.write(buffer.join(""))
    buffer = []
  }
  const timer = setInterval(flush, 200)
  timer.unref()
  return {
    write: (item) => {
      buffer.push(`${logLine(item, new Date().toISOString())}\n`)
      if (buffer.length >= 1024) flush()
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer)
        flush()
        stream.end(resolve)
      })
  }
}
