/**
 * "check-e2e": `nongan check` end to end on generated records, as a child process — the installed
 * binary (packages/cli/bundle/nongan.mjs, the CLI bundled into one file by `pnpm build`) when
 * `pnpm bench` measures the build, else the sources through tsx (BENCH_E2E_BIN=path measures
 * another binary). Three runs: start-up (a one-record file, pinned to one core when taskset is
 * available), then the records with the default `--jobs` (worker threads on every core: not
 * pinned) and with `--jobs 1` (the in-process path, not pinned either, so that the two compare
 * under the same conditions). Wall time, CPU time (user + system), records/s and peak RSS (GNU
 * time's "Maximum resident set size" when /usr/bin/time exists, otherwise a wrapper that reads
 * process.resourceUsage().maxRSS at exit) of each. The load of the machine (1-minute load
 * average before and after) is part of the line: on a shared machine compare ratios within one
 * run, and CPU times.
 *
 *   pnpm bench check-e2e                                  # alone, 100 000 records
 *   BENCH_E2E_RECORDS=1000000 pnpm bench check-e2e
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { cpus, loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { round } from "./harness"

const ROOT = join(import.meta.dirname, "..")
const NODE = [process.execPath, "--conditions=@nongan/source", "--import", "tsx"]
/** the build (what an installed nongan runs) when bench/start.mjs found it fresh, else the sources */
const FROM_DIST = process.env.NONGAN_BENCH_BUILD === "dist"
const OWN_BIN = process.env.BENCH_E2E_BIN
const BIN = OWN_BIN ?? (FROM_DIST ? "packages/cli/bundle/nongan.mjs" : "packages/cli/src/bin.ts")
const CLI = FROM_DIST || OWN_BIN !== undefined ? [process.execPath] : NODE
const TASKSET = ["/usr/bin/taskset", "/bin/taskset"].some((p) => existsSync(p))

interface Run {
  readonly wallMs: number
  readonly cpuMs: number | undefined
  readonly maxRssKb: number | undefined
  readonly status: number | null
  readonly stderr: string
}

const run = (args: ReadonlyArray<string>, cpu: number | undefined): Run => {
  const gnuTime = existsSync("/usr/bin/time")
  // unpinned: every core of the machine (this process may itself be pinned, and a child inherits that)
  const pin = cpu !== undefined ? ["taskset", "-c", String(cpu)] : TASKSET ? ["taskset", "-c", `0-${cpus().length - 1}`] : []
  let cmd: Array<string>
  let rssFile: string | undefined
  if (gnuTime) cmd = ["/usr/bin/time", "-v", ...pin, ...CLI, ...args]
  else {
    // a wrapper that runs the CLI in-process and reports its peak RSS on exit
    const tmp = mkdtempSync(join(tmpdir(), "nongan-rss-"))
    rssFile = join(tmp, "rss")
    const wrapper = join(tmp, "wrapper.mjs")
    writeFileSync(
      wrapper,
      `import { writeFileSync } from "node:fs"\nprocess.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\nawait import(${JSON.stringify(join(ROOT, BIN))})\n`
    )
    cmd = [...pin, ...CLI, wrapper, ...args.slice(1)]
  }
  const t0 = process.hrtime.bigint()
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
  let maxRssKb: number | undefined
  let cpuMs: number | undefined
  if (gnuTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "")
    maxRssKb = m ? Number(m[1]) : undefined
    const u = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? "")
    const k = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? "")
    cpuMs = u && k ? (Number(u[1]) + Number(k[1])) * 1000 : undefined
  } else if (rssFile && existsSync(rssFile)) maxRssKb = Number(readFileSync(rssFile, "utf8"))
  return { wallMs, cpuMs, maxRssKb, status: r.status, stderr: r.stderr ?? "" }
}

export const benchE2e = (count: number, cpu: number | undefined): Record<string, unknown> => {
  const dir = mkdtempSync(join(tmpdir(), "nongan-bench-"))
  try {
    const file = join(dir, `records-${count}.jsonl`)
    const g0 = process.hrtime.bigint()
    const gen = spawnSync(process.execPath, [...NODE.slice(1), "examples/generate.ts", String(count), "7", file], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" })
    if (gen.status !== 0) throw new Error(`generate.ts failed: ${gen.stderr}`)
    const generateMs = Number(process.hrtime.bigint() - g0) / 1e6
    const one = join(dir, "one.jsonl")
    writeFileSync(one, `${'{"id":"S-1","kind":"inspection","sampledOn":"2025-06-15","product":"豇豆","region":"511923","results":[{"substance":"克百威","value":"0.062","unit":"mg/kg"}]}'}\n`)
    // startup: the same command on a one-record file (loading tsx, compiling sources, loading tables and packs)
    const load0 = loadavg()[0]!
    const startup = run([BIN, "check", one, "--format", "jsonl", "--no-progress"], cpu)
    const args = [BIN, "check", file, "--format", "jsonl", "--no-progress"]
    // the default --jobs (workers on every core) and --jobs 1 (in-process), neither pinned
    const r = run(args, undefined)
    const single = run([...args, "--jobs", "1"], undefined)
    const load1 = loadavg()[0]!
    for (const x of [r, single]) if (x.status !== 0 && x.status !== 1) throw new Error(`nongan check failed (${x.status}): ${x.stderr.slice(0, 500)}`)
    const summaryOf = (x: Run) =>
      x.stderr.split("\n").find((l) => /\d/.test(l) && !/^\s*(Command being timed|User time|System time|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l.trim()))
    const mb = (kb: number | undefined) => (kb !== undefined ? round(kb / 1024) : null)
    const ms = (x: number | undefined) => (x !== undefined ? round(x) : null)
    return {
      name: "check-e2e",
      opsPerSec: round((count * 1000) / r.wallMs),
      baselineOpsPerSec: round((count * 1000) / single.wallMs),
      ratio: round(single.wallMs / r.wallMs),
      unit: "records/s, wall time of the whole command (startup included), default --jobs; baseline: --jobs 1",
      records: count,
      inputMB: round(statSync(file).size / 1e6),
      wallMs: round(r.wallMs),
      cpuMs: ms(r.cpuMs),
      wallMsJobs1: round(single.wallMs),
      cpuMsJobs1: ms(single.cpuMs),
      startupMs: round(startup.wallMs),
      recordsPerSecAfterStartup: round((count * 1000) / Math.max(1, r.wallMs - startup.wallMs)),
      peakRssMB: mb(r.maxRssKb),
      peakRssMBJobs1: mb(single.maxRssKb),
      startupPeakRssMB: mb(startup.maxRssKb),
      rssSource: existsSync("/usr/bin/time") ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS",
      exitStatus: r.status,
      sameSummary: summaryOf(r)?.trim() === summaryOf(single)?.trim(),
      summary: summaryOf(r)?.trim(),
      generateMs: round(generateMs),
      cores: cpus().length,
      loadAverage: [round(load0), round(load1)],
      pinnedCpu: cpu ?? null,
      command: `${FROM_DIST || OWN_BIN !== undefined ? "node" : "node --conditions=@nongan/source --import tsx"} ${BIN} check <file> --format jsonl --no-progress [--jobs 1] > /dev/null`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
