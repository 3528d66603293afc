/**
 * Benchmarks of @nongan/cases and @nongan/credit (one JSON line each):
 *
 *   node --conditions=@nongan/source --import tsx bench/cases.ts
 *   BENCH_SUBJECTS=100000 BENCH_EVENTS=1000000 node --conditions=@nongan/source --import tsx bench/cases.ts
 *
 * - `cases-route`: the conformance corpus's facts routed to cases, round and round (cases per second)
 * - `credit-score-all`: scores and grades of BENCH_SUBJECTS subjects from BENCH_EVENTS random events
 *   as of one date: wall time, and peak memory (maxRSS) of the process, events included
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { addDays, unsafeMake } from "@nongan/core/CalendarDate"
import { decodeFacts, type CaseFacts } from "@nongan/cases/Facts"
import { loadTable } from "@nongan/cases/Load"
import { routeCase } from "@nongan/cases/Route"
import type { CreditEvent } from "@nongan/credit/Event"
import { listsAsOf } from "@nongan/credit/Lists"
import { loadTemplate } from "@nongan/credit/Load"
import { prepare, scoreAll } from "@nongan/credit/Score"

const log = (s: string) => process.stderr.write(`[bench:cases] ${s}\n`)
const t = loadTable()
const m = loadTemplate()
if (!t.ok || !m.ok) throw new Error("data does not load")

// cases routed per second
const corpus = JSON.parse(readFileSync(join(import.meta.dirname, "..", "packages", "cases", "test", "corpus.json"), "utf8")) as Array<{ facts: unknown }>
const facts: Array<CaseFacts> = corpus.map((c) => {
  const f = decodeFacts(c.facts)
  if (!f.ok) throw new Error("corpus does not decode")
  return f.value
})
for (let i = 0; i < 2000; i++) routeCase(t.value, facts[i % facts.length]!)
const N = Number(process.env["BENCH_CASES"] ?? 50_000)
let t0 = performance.now()
let counts = 0
for (let i = 0; i < N; i++) counts += routeCase(t.value, facts[i % facts.length]!).counts.length
let ms = performance.now() - t0
console.log(JSON.stringify({ name: "cases-route", cases: N, counts, ms: Math.round(ms), opsPerSec: Math.round((N / ms) * 1000) }))

// credit scores for many subjects
const S = Number(process.env["BENCH_SUBJECTS"] ?? 100_000)
const E = Number(process.env["BENCH_EVENTS"] ?? 1_000_000)
const types = m.value.evidence.map((e) => e.type)
// mulberry32: a small, good-enough PRNG, seeded, so runs are comparable
let seed = 42
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}
const start = unsafeMake("2022-01-01")
log(`generating ${E} events for ${S} subjects`)
const events: Array<CreditEvent> = new Array(E)
for (let i = 0; i < E; i++) {
  const r = rnd()
  const type = r < 0.03 ? "credit.repair" : types[Math.floor(rnd() * types.length)]!
  events[i] = { id: `E${i}`, subject: `S${Math.floor(rnd() * S)}`, type, on: addDays(start, Math.floor(rnd() * 1460)), ...(type === "credit.repair" ? { target: `E${Math.floor(rnd() * E)}` } : {}) }
}
const p = prepare(m.value)
const asOf = unsafeMake("2025-12-31")
t0 = performance.now()
const scores = scoreAll(p, events, asOf)
ms = performance.now() - t0
const grades: Record<string, number> = {}
for (const s of scores) grades[s.grade] = (grades[s.grade] ?? 0) + 1
t0 = performance.now()
const lists = listsAsOf(p, events, asOf)
const listMs = performance.now() - t0
console.log(
  JSON.stringify({
    name: "credit-score-all",
    subjects: scores.length,
    events: E,
    ms: Math.round(ms),
    subjectsPerSec: Math.round((scores.length / ms) * 1000),
    listsMs: Math.round(listMs),
    listMembers: lists.length,
    grades,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576),
    node: process.version
  })
)
