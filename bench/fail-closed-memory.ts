/**
 * Peak memory and throughput of `validateMany` over 200 000 and 1 000 000 records (issue 17): the
 * records are the 5 000 of `examples/sampling-batch.jsonl` read losslessly, cycled with fresh ids,
 * one hostile input in every 1 000, produced lazily, so that memory measures the validator and not
 * the input. Every record must be accounted for (one result per input). Run once:
 *
 *   node --conditions=@nongan/source --import tsx bench/fail-closed-memory.ts [200000 1000000]
 *
 * The figures are recorded in docs/benchmarks.md.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseJsonLossless } from "@nongan/core/Json"
import { createValidator } from "@nongan/sdk/Validator"

const root = join(import.meta.dirname, "..")
const lines = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "")
const base = lines.map((l) => {
  const p = parseJsonLossless(l)
  if (!p.ok) throw new Error("example batch")
  return p.value as Record<string, unknown>
})

const v = createValidator()
if (!v.ok) throw new Error(JSON.stringify(v.errors.slice(0, 3)))
const V = v.value

function* records(n: number): Generator<unknown> {
  for (let i = 0; i < n; i++) {
    if (i % 1000 === 999) {
      // a hostile input: a throwing getter
      yield Object.defineProperty({ id: `H-${i}` }, "results", { enumerable: true, get: () => { throw new Error("hostile") } })
      continue
    }
    yield { ...base[i % base.length]!, id: `B-${i}` }
  }
}

const mib = (b: number) => (b / 1024 / 1024).toFixed(0)
const counts = process.argv.slice(2).map(Number).filter((n) => n > 0)
for (const n of counts.length > 0 ? counts : [200_000, 1_000_000]) {
  globalThis.gc?.()
  const rss0 = process.memoryUsage().rss
  let peakRss = rss0
  let peakHeap = 0
  let ok = 0
  let failed = 0
  const verdicts: Record<string, number> = {}
  const t = performance.now()
  let seen = 0
  for (const r of V.validateMany(records(n))) {
    seen++
    if (r.ok) {
      ok++
      verdicts[r.report.verdict] = (verdicts[r.report.verdict] ?? 0) + 1
    } else failed++
    if (seen % 5000 === 0) {
      const m = process.memoryUsage()
      if (m.rss > peakRss) peakRss = m.rss
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed
    }
  }
  const s = (performance.now() - t) / 1000
  console.log(
    `${n} records: ${seen} results (${ok} reports, ${failed} errors; lost ${n - seen}) in ${s.toFixed(1)} s (${Math.round(n / s)} records/s); ` +
      `peak RSS ${mib(peakRss)} MiB (start ${mib(rss0)} MiB), peak heap ${mib(peakHeap)} MiB; verdicts ${JSON.stringify(verdicts)}`
  )
}
