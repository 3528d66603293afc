// Child process of progress.test.ts: runs `check` in-process with the progress bar on (stderr a
// TTY) over standard input holding a record of 200 000 analytes and one ordinary record, with a
// validator that throws on the first (a stand-in for any internal error inside the batch: the
// crash of issue 17). The promise must settle and then nothing may keep the process alive: a bar
// left running (its redraw timer) would keep it open for ever.
import { PassThrough, Readable } from "node:stream"
import { runCheck } from "@nongan/cli/Check"
import type { Validator } from "@nongan/sdk/Validator"

// `no-bar`: the same without the bar (the control: it always exited)
const mode = process.argv[2] ?? "bar"
const err = Object.assign(new PassThrough(), { isTTY: true, columns: 80 })
err.resume()
const out = new PassThrough()
out.resume()
const big = JSON.stringify({ id: "X-1", sampledOn: "2026-06-15", product: "豇豆", results: Array.from({ length: 200_000 }, () => ({ substance: "克百威", value: "0.01", unit: "mg/kg" })) })
const ok = JSON.stringify({ id: "X-2", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "毒死蜱", value: "ND" }] })
const validator = {
  dataset: undefined,
  validate: (r: { results?: ReadonlyArray<unknown> }) => {
    if ((r.results?.length ?? 0) > 1000) throw new RangeError("Maximum call stack size exceeded")
    return { ok: false, failure: { id: null, error: { code: "invalid-value" } }, errors: [] }
  }
} as unknown as Validator
runCheck(validator, {
  file: "-",
  stdin: Readable.from([`${big}\n${ok}\n`]),
  format: "jsonl",
  locale: "en",
  progress: mode !== "no-bar",
  out,
  err,
  limits: { maxLine: 20_000_000, maxAnalytes: 1_000_000 }
}).then(
  (s) => console.log(`resolved ${s.records}`),
  (e: unknown) => console.log(`rejected ${(e as Error).name}`)
)
