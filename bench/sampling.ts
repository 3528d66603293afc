/**
 * Sampling benchmarks: a 双随机 draw of 10 000 tasks (+ 100 replacements, 2 inspectors each, 回避
 * by unit) from a pool of 1 000 000 subjects, and KPIs over 1 000 000 judged reports. Prints one
 * JSON line each, with the median wall and CPU time (the CPU time is what the core did for us,
 * whatever else the machine ran) and the process's peak memory. Run alone:
 *
 *   node --conditions=@nongan/source --import tsx bench/sampling.ts [draw|kpi]
 */
import { drawDecoded, type Inspector, type Subject } from "@nongan/sampling/Draw"
import { KpiAccumulator, type ReportLine } from "@nongan/sampling/Kpi"
import { unsafeMake } from "@nongan/core/CalendarDate"
import { mulberry32, round, timeSync } from "./harness"

const mb = (bytes: number) => round(bytes / 1024 / 1024)
const peakMb = () => round(process.resourceUsage().maxRSS / 1024)

/** The draw benchmark line. */
export const benchDraw = (poolSize = 1_000_000, tasks = 10_000): Record<string, unknown> => {
  const rnd = mulberry32(20261201)
  const units = Array.from({ length: 300 }, (_, i) => `U${String(i).padStart(3, "0")}`)
  const pool: Array<Subject> = Array.from({ length: poolSize }, (_, i) => ({
    id: `S${String((i * 7919) % poolSize).padStart(7, "0")}`,
    unit: units[Math.floor(rnd() * units.length)]!,
    ...(i % 10 === 0 ? { lastDrawnOn: "2026-03-01" } : {})
  })) as Array<Subject>
  const roster: Array<Inspector> = Array.from({ length: 600 }, (_, i) => ({ id: `Z${String(i).padStart(4, "0")}`, unit: units[i % units.length]! }))
  const spec = { algorithm: "nongan-draw/1" as const, seed: "bench", drawnOn: unsafeMake("2026-12-02"), tasks, replacements: 100, inspectorsPerTask: 2, windowDays: 365 }
  const heap0 = process.memoryUsage().heapUsed
  let excluded = 0
  const t = timeSync(
    1,
    () => {
      const d = drawDecoded(spec, pool, roster)
      if (!d.ok || d.value.tasks.length !== tasks) throw new Error("draw failed")
      excluded = d.value.excluded.length
    },
    { warmup: 1, runs: 3 }
  )
  return {
    name: "sampling-draw",
    opsPerSec: round(t.opsPerSec),
    baselineOpsPerSec: null,
    ratio: null,
    ms: round(1000 / t.opsPerSec),
    cpuMs: round(1000 / t.opsPerCpuSec),
    pool: poolSize,
    tasks,
    replacements: 100,
    roster: roster.length,
    excluded,
    heapAfterMb: mb(process.memoryUsage().heapUsed),
    heapBeforeDrawMb: mb(heap0),
    peakRssMb: peakMb(),
    note: "drawDecoded: sort the pool by id, sha-256 of pool and roster, window exclusions, partial Fisher–Yates (pure-rand xoroshiro128+), 2 inspectors per drawn subject with 回避 by unit"
  }
}

/** The KPI benchmark line. */
export const benchKpi = (n = 1_000_000): Record<string, unknown> => {
  const rnd = mulberry32(7)
  const products = ["豇豆", "韭菜", "芹菜", "菠菜", "普通白菜", "黄瓜", "番茄", "鸡蛋", "猪肉", "大口黑鲈"]
  const within = [{ code: "residue.within-limit", substance: "毒死蜱" }]
  const exceeds = [{ code: "residue.exceeds-limit", substance: "腐霉利" }]
  const banned = [{ code: "residue.exceeds-limit", substance: "克百威" }, { code: "residue.prohibited-use", substance: "克百威" }]
  const lines: Array<ReportLine> = Array.from({ length: n }, (_, i) => {
    const r = rnd()
    return {
      id: `R${i}`,
      verdict: r < 0.97 ? "compliant" : "non-compliant",
      product: products[i % products.length]!,
      region: i % 2 === 0 ? "500154" : "511902",
      asOf: i % 3 === 0 ? "2025-06-15" : "2026-06-15",
      findings: r < 0.97 ? within : r < 0.995 ? exceeds : banned
    }
  })
  const heap0 = process.memoryUsage().heapUsed
  let rate: number | null = null
  const t = timeSync(
    n,
    () => {
      const k = new KpiAccumulator({ period: "month", isBanned: (s) => s === "克百威" })
      for (const l of lines) k.add(l)
      rate = k.report().overall.rate
    },
    { warmup: 1, runs: 3 }
  )
  return {
    name: "sampling-kpi",
    opsPerSec: round(t.opsPerSec),
    opsPerCpuSec: round(t.opsPerCpuSec),
    baselineOpsPerSec: null,
    ratio: null,
    ms: round((n * 1000) / t.opsPerSec),
    cpuMs: round((n * 1000) / t.opsPerCpuSec),
    runsMs: t.runs.map((r) => round((n * 1000) / r)),
    reports: n,
    passRate: rate,
    heapBeforeKpiMb: mb(heap0),
    heapAfterMb: mb(process.memoryUsage().heapUsed),
    peakRssMb: peakMb(),
    note: "KpiAccumulator.add over report objects already in memory (1 000 000 lines; 5 dimensions, banned-substance predicate), then report()"
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2]
  if (which === undefined || which === "draw") process.stdout.write(`${JSON.stringify(benchDraw())}\n`)
  if (which === undefined || which === "kpi") process.stdout.write(`${JSON.stringify(benchKpi())}\n`)
}
