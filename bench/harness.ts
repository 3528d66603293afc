/**
 * Timing helpers for `pnpm bench`: warm up, then time several runs and take the median.
 * Every benchmark runs on the main thread of one process (pinned to one core by run.ts when
 * `taskset` is available), so numbers are single-core numbers.
 */

export interface Timing {
  /** Median operations per second over the timed runs. */
  readonly opsPerSec: number
  /** Median nanoseconds per operation. */
  readonly nsPerOp: number
  /** Operations per timed run. */
  readonly opsPerRun: number
  /** Operations per second of every timed run, in run order. */
  readonly runs: ReadonlyArray<number>
  /**
   * Median operations per second of CPU time (user + system, all threads of the process): what
   * the core did for us, whatever else the machine was running. Equal to `opsPerSec` on an idle
   * machine; higher when other processes took turns on the core.
   */
  readonly opsPerCpuSec: number
}

export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

const summarise = (opsPerRun: number, rates: Array<number>, cpuRates: Array<number>): Timing => {
  const opsPerSec = median(rates)
  return { opsPerSec, nsPerOp: 1e9 / opsPerSec, opsPerRun, runs: rates.map((r) => Math.round(r)), opsPerCpuSec: median(cpuRates) }
}

/** Times a synchronous batch `fn` (which performs `opsPerRun` operations): `warmup` untimed runs, then `runs` timed ones. */
export const timeSync = (opsPerRun: number, fn: () => void, o: { readonly warmup: number; readonly runs: number }): Timing => {
  for (let i = 0; i < o.warmup; i++) fn()
  const rates: Array<number> = []
  const cpuRates: Array<number> = []
  for (let i = 0; i < o.runs; i++) {
    const c0 = cpuMs()
    const t0 = now()
    fn()
    rates.push((opsPerRun * 1000) / (now() - t0))
    cpuRates.push((opsPerRun * 1000) / Math.max(1e-3, cpuMs() - c0))
  }
  return summarise(opsPerRun, rates, cpuRates)
}

/** Times an asynchronous batch `fn` the same way. */
export const timeAsync = async (opsPerRun: number, fn: () => Promise<void>, o: { readonly warmup: number; readonly runs: number }): Promise<Timing> => {
  for (let i = 0; i < o.warmup; i++) await fn()
  const rates: Array<number> = []
  const cpuRates: Array<number> = []
  for (let i = 0; i < o.runs; i++) {
    const c0 = cpuMs()
    const t0 = now()
    await fn()
    rates.push((opsPerRun * 1000) / (now() - t0))
    cpuRates.push((opsPerRun * 1000) / Math.max(1e-3, cpuMs() - c0))
  }
  return summarise(opsPerRun, rates, cpuRates)
}

/** Median wall time in milliseconds of `runs` calls of `fn` (after `warmup` untimed calls). */
export const timeMs = (fn: () => void, o: { readonly warmup: number; readonly runs: number }): { readonly ms: number; readonly runs: ReadonlyArray<number> } => {
  for (let i = 0; i < o.warmup; i++) fn()
  const ms: Array<number> = []
  for (let i = 0; i < o.runs; i++) {
    const t0 = now()
    fn()
    ms.push(now() - t0)
  }
  return { ms: median(ms), runs: ms.map((m) => Math.round(m * 10) / 10) }
}

/** A deterministic generator (mulberry32), so every run draws the same workload. */
export const mulberry32 = (seed: number) => {
  let a = seed | 0
  return (): number => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Rounds for printing: 3 significant digits below 1000, integers above. */
export const round = (x: number): number => (Math.abs(x) >= 1000 ? Math.round(x) : Number(x.toPrecision(3)))
