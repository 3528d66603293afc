/**
 * "check-e2e": `nongan check` end to end on generated records, as a child process — the installed
 * binary (packages/cli/bundle/nongan.mjs, the CLI bundled into one file by `pnpm build`) when
 * `pnpm bench` measures the build, else the sources through tsx — pinned to one core when taskset
 * is available. Wall time,
 * records/s and peak RSS (GNU time's "Maximum resident set size" when /usr/bin/time exists,
 * otherwise a wrapper that reads process.resourceUsage().maxRSS at exit).
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { round } from "./harness"

const ROOT = join(import.meta.dirname, "..")
const NODE = [process.execPath, "--conditions=@nongan/source", "--import", "tsx"]
/** the build (what an installed nongan runs) when bench/start.mjs found it fresh, else the sources */
const FROM_DIST = process.env.NONGAN_BENCH_BUILD === "dist"
const BIN = FROM_DIST ? "packages/cli/bundle/nongan.mjs" : "packages/cli/src/bin.ts"
const CLI = FROM_DIST ? [process.execPath] : NODE

interface Run {
  readonly wallMs: number
  readonly maxRssKb: number | undefined
  readonly status: number | null
  readonly stderr: string
}

const run = (args: ReadonlyArray<string>, cpu: number | undefined): Run => {
  const gnuTime = existsSync("/usr/bin/time")
  const pin = cpu !== undefined ? ["taskset", "-c", String(cpu)] : []
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
  if (gnuTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "")
    maxRssKb = m ? Number(m[1]) : undefined
  } else if (rssFile && existsSync(rssFile)) maxRssKb = Number(readFileSync(rssFile, "utf8"))
  return { wallMs, maxRssKb, status: r.status, stderr: r.stderr ?? "" }
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
    const startup = run([BIN, "check", one, "--format", "jsonl", "--no-progress"], cpu)
    const r = run([BIN, "check", file, "--format", "jsonl", "--no-progress"], cpu)
    if (r.status !== 0 && r.status !== 1) throw new Error(`nongan check failed (${r.status}): ${r.stderr.slice(0, 500)}`)
    const summary = r.stderr.split("\n").find((l) => /\d/.test(l) && !/^\s*(Command being timed|User time|System time|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l.trim()))
    return {
      name: "check-e2e",
      opsPerSec: round((count * 1000) / r.wallMs),
      baselineOpsPerSec: null,
      ratio: null,
      unit: "records/s, wall time of the whole command (startup included)",
      records: count,
      inputMB: round(statSync(file).size / 1e6),
      wallMs: round(r.wallMs),
      startupMs: round(startup.wallMs),
      recordsPerSecAfterStartup: round((count * 1000) / Math.max(1, r.wallMs - startup.wallMs)),
      peakRssMB: r.maxRssKb !== undefined ? round(r.maxRssKb / 1024) : null,
      startupPeakRssMB: startup.maxRssKb !== undefined ? round(startup.maxRssKb / 1024) : null,
      rssSource: existsSync("/usr/bin/time") ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS",
      exitStatus: r.status,
      summary: summary?.trim(),
      generateMs: round(generateMs),
      pinnedCpu: cpu ?? null,
      command: `${FROM_DIST ? "node" : "node --conditions=@nongan/source --import tsx"} ${BIN} check <file> --format jsonl --no-progress > /dev/null`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
