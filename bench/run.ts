/**
 * `pnpm bench`: prints one JSON line per benchmark to stdout (progress goes to stderr).
 *
 *   pnpm bench                      # every benchmark
 *   pnpm bench judge validate       # only those whose name contains one of the words
 *   BENCH_E2E_RECORDS=20000 pnpm bench check-e2e
 *   BENCH_CPU=0 pnpm bench          # pin to core 0 (default: the idlest core; BENCH_CPU=none to not pin)
 *   pnpm bench --check validate     # compare with the figures kept in bench/figures.json (exit 1 beyond the tolerance)
 *   pnpm bench --save judge         # run, then keep these lines' figures in bench/figures.json
 *   BENCH_SERVE_SECONDS=10 pnpm bench serve   # the HTTP service under load (bench/serve.ts), beside a bare node:http server
 *
 * Every line records the table sizes it ran with (`tables`). `--check` compares each line's
 * `ratio` (ours ÷ the same-process baseline: robust to the machine's load) — or `opsPerSec` for a
 * line without a baseline — with the kept figure and fails when it is below
 * (1 − BENCH_TOLERANCE) of it (default 0.35: a 2-core shared machine swings ±30 %), or when the
 * tables it ran with differ from the kept ones (then the figures are not comparable: --save anew).
 *
 * Every line has `name`, `opsPerSec`, `baselineOpsPerSec` and `ratio` (null where there is no
 * baseline), plus details. Baselines run in the same process, on the same core, right after ours.
 * See docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { join } from "node:path"
import { fromFiles } from "@nongan/engine/Dataset"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { loadDataset } from "@nongan/sdk/Validator"
import { benchE2e } from "./e2e"
import { round, timeMs } from "./harness"
import { benchJudge } from "./judge"
import { benchCompose, benchStart, benchValidate } from "./validate"

const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith("--")))
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"))
const wanted = (name: string) => filters.length === 0 || filters.some((f) => name.includes(f))
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`)

// The idlest core over a short sample of /proc/stat (other work on the machine skews numbers).
const idlestCpu = (): number => {
  const read = () =>
    readFileSync("/proc/stat", "utf8")
      .split("\n")
      .filter((l) => /^cpu\d+ /.test(l))
      .map((l) => {
        const f = l.trim().split(/\s+/).slice(1).map(Number)
        return { idle: f[3]! + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) }
      })
  try {
    const a = read()
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300) // sleep 300 ms without using a core
    const b = read()
    let best = 0
    let bestIdle = -1
    b.forEach((x, i) => {
      const idle = (x.idle - a[i]!.idle) / Math.max(1, x.total - a[i]!.total)
      if (idle > bestIdle) (bestIdle = idle), (best = i)
    })
    return best
  } catch {
    return cpus().length - 1
  }
}

// one core: pin this process (every thread: main, GC helpers, the tsx loader) with taskset
const cpuEnv = process.env.BENCH_CPU ?? "auto"
let cpu: number | undefined
if (cpuEnv !== "none" && existsSync("/usr/bin/taskset")) {
  const n = cpuEnv === "auto" ? idlestCpu() : Math.min(Number(cpuEnv), cpus().length - 1)
  try {
    execFileSync("taskset", ["-a", "-cp", String(n), String(process.pid)], { stdio: "ignore" })
    cpu = n
  } catch {
    cpu = undefined
  }
}

const env = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  pinnedCpu: cpu ?? null,
  /** what was measured: the built packages (`dist`) or the sources through tsx (see bench/start.mjs) */
  build: process.env.NONGAN_BENCH_BUILD ?? "source"
}
let tables: Record<string, number> | undefined
const lines: Array<Record<string, unknown>> = []
const emit = (line: Record<string, unknown>) => {
  const out = { ...line, ...(tables ? { tables } : {}), env: { ...env, loadAverage1m: round(loadavg()[0]!) } }
  lines.push(out)
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

const started = Date.now()
const dir = rulesDir()

if (wanted("load-tables")) {
  log("load-tables")
  let files = 0
  let rows = 0
  const t = timeMs(
    () => {
      const f = readDataDir(join(dir, "national"), dir)
      if (!f.ok) throw new Error("national tables do not read")
      const d = fromFiles(f.value)
      if (!d.ok) throw new Error("national tables do not load")
      files = f.value.length
      rows = d.value.limits.rows().length
    },
    { warmup: 1, runs: 5 }
  )
  emit({
    name: "load-tables",
    opsPerSec: round(1000 / t.ms),
    baselineOpsPerSec: null,
    ratio: null,
    ms: round(t.ms),
    runsMs: t.runs,
    files,
    limitRows: rows,
    note: "readDataDir(rules/national) + Dataset.fromFiles: read, JSON.parse, decode, check references and overlaps, index"
  })
}

const dataset = loadDataset()
if (!dataset.ok) throw new Error("rule data does not load; run pnpm rules:check")
const ds = dataset.value
// the sizes of the tables every figure was measured with
tables = {
  limitRows: ds.limits.rows().length,
  statusEntries: ds.statuses.entries().length,
  foodNodes: ds.foods.nodes().length,
  substances: ds.substances.all().length,
  dataFiles: ds.files.length
}

if (wanted("sdk-start")) {
  log("sdk-start")
  emit(benchStart())
}

if (wanted("judge-analyte") || wanted("judge-decision")) {
  log("judge-analyte / judge-decision")
  const r = await benchJudge(ds)
  for (const l of r.lines) if (wanted(String(l.name))) emit(l)
}

if (wanted("validate-layered")) {
  log("validate-layered")
  for (const l of await benchValidate(ds)) emit(l)
}

if (wanted("compose-packs")) {
  log("compose-packs")
  emit(benchCompose(ds))
}

if (wanted("check-e2e")) {
  const n = Number(process.env.BENCH_E2E_RECORDS ?? 100_000)
  log(`check-e2e (${n} records)`)
  emit(benchE2e(n, cpu))
}

const SERVE_LINES = ["serve-single", "serve-batch100-one", "serve-batch100-multi", "serve-batch100-one-shared", "serve-batch100-one-compact", "serve-batch100-multi-compact"]
if (SERVE_LINES.some(wanted)) {
  // bench/serve.ts in its own process: it pins the servers to core 0 and its load generator to
  // core 1 itself, whatever core this process is pinned to; its lines have our shape
  const seconds = process.env.BENCH_SERVE_SECONDS ?? "5"
  log(`serve (${seconds} s per scenario and server, servers on core 0, autocannon on core 1)`)
  const r = spawnSync(process.execPath, [...process.execArgv, join(import.meta.dirname, "serve.ts")], {
    cwd: join(import.meta.dirname, ".."),
    env: { ...process.env, BENCH_SERVE_SECONDS: seconds, BENCH_SERVE_ONLY: SERVE_LINES.filter(wanted).join(",") },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  })
  if (r.status !== 0) throw new Error(`bench/serve.ts exited ${r.status ?? r.signal}`)
  for (const text of r.stdout.trim().split("\n")) {
    const l = JSON.parse(text) as Record<string, unknown>
    if (l.name === "serve-summary") log(`serve: ${text}`)
    else if (wanted(String(l.name))) emit(l)
  }
}

log(`done in ${round((Date.now() - started) / 1000)} s`)

// --check / --save: the figures kept in bench/figures.json
const FIGURES = join(import.meta.dirname, "figures.json")
const TOLERANCE = Number(process.env.BENCH_TOLERANCE ?? 0.35)
type Kept = Record<string, { readonly ratio: number | null; readonly opsPerSec: number; readonly tables?: Record<string, number> | undefined; readonly at: string }>
const kept: Kept = existsSync(FIGURES) ? (JSON.parse(readFileSync(FIGURES, "utf8")) as Kept) : {}
if (flags.has("--check")) {
  let failed = 0
  for (const l of lines) {
    const name = String(l.name)
    const k = kept[name]
    if (!k) {
      log(`check ${name}: no kept figure (run with --save)`)
      continue
    }
    const ratio = typeof l.ratio === "number" ? l.ratio : null
    const [now, then, what] = ratio !== null && k.ratio !== null ? [ratio, k.ratio, "ratio"] : [Number(l.opsPerSec), k.opsPerSec, "opsPerSec"]
    const sameTables = JSON.stringify(k.tables ?? null) === JSON.stringify(l.tables ?? null)
    const ok = now >= then * (1 - TOLERANCE) && sameTables
    if (!ok) failed++
    log(`check ${name}: ${what} ${now} vs kept ${then} (${k.at}), tolerance ${TOLERANCE * 100} %${sameTables ? "" : ", tables differ from the kept ones"} → ${ok ? "ok" : "REGRESSION"}`)
  }
  if (failed > 0) process.exitCode = 1
}
if (flags.has("--save")) {
  const at = new Date().toISOString()
  for (const l of lines) kept[String(l.name)] = { ratio: typeof l.ratio === "number" ? l.ratio : null, opsPerSec: Number(l.opsPerSec), tables: l.tables as Record<string, number> | undefined, at }
  writeFileSync(FIGURES, `${JSON.stringify(kept, null, 2)}\n`)
  log(`kept ${lines.length} figure(s) in bench/figures.json`)
}
