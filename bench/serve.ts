/**
 * Load test of `nongan serve` over loopback, beside a bare node:http server answering the same
 * payload with the same validator in the same run. Part of `pnpm bench` (`pnpm -s bench serve`),
 * and runs alone:
 *
 *   node --conditions=@nongan/source --import tsx bench/serve.ts            # 5 s per scenario and server
 *   node --import tsx bench/serve.ts                                        # the same, against the build (dist)
 *   BENCH_SERVE_SECONDS=10 node --conditions=@nongan/source --import tsx bench/serve.ts
 *
 * Scenarios: one record per request (`POST /v1/validate`); batches of 100 records
 * (`POST /v1/validate/batch`) of one analyte each (the anchor's shape) and of the realistic
 * multi-analyte records of `examples/sampling-batch.jsonl`; the one-analyte batch again with
 * `?citations=shared` (the shared-citations form), and both batches with `?view=compact` (the
 * compact view, which the bare server also answers, by the same projection and `JSON.stringify`). Three servers, each its own process pinned to core 0,
 * all started once: nongan (Fastify), `bare` (node:http: `JSON.parse` of the body,
 * `validator.validate`, a decision id, `JSON.stringify`: what a service cannot do without, so the
 * ratio measures what Fastify, the typed errors, the language choice, metrics and limits add) and
 * `static` (node:http answering the bytes the first judgement of the same body gave, without
 * judging: the ceiling of node:http here). The load generator (autocannon) runs pinned to core 1.
 * Each scenario warms every server up, then runs rounds of about one second, the servers taking
 * turns in a rotating order, until each has had BENCH_SERVE_SECONDS (default 5, at most 30): the
 * machine's load drifts alike over all three, so the ratios hold. Latency percentiles are over
 * every response of the rounds. `serverCpuSec` is the server process's CPU time (user + system)
 * over its rounds, from /proc: `judgementsPerCpuSec` is what the server did per second of core it
 * got, whatever else ran on the machine.
 *
 * Prints one JSON line per scenario in `pnpm bench`'s shape (`name`, `opsPerSec` (nongan),
 * `baselineOpsPerSec` (the bare server), `ratio`, details) and a last `serve-summary` line.
 * Judgements = analytes judged.
 */
import { execFileSync, spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import { createRequire } from "node:module"
import { cpus, loadavg } from "node:os"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const role = process.argv[2]
const log = (s: string) => process.stderr.write(`[bench serve] ${s}\n`)

if (role === "--bare" || role === "--nongan" || role === "--static") {
  // the server side: print the port on stdout once listening
  const port = Number(process.argv[3] ?? 0)
  if (role === "--nongan") {
    // the built package when `pnpm bench` measures the build (bench/start.mjs), else the sources
    const { buildServer } = (await import(
      process.env.NONGAN_BENCH_BUILD === "dist" ? "../packages/server/dist/Server.js" : "../packages/server/src/Server"
    )) as typeof import("../packages/server/src/Server")
    const s = buildServer({ logLevel: "warn", maxBatch: 10_000 })
    if (!s.ok) throw new Error(JSON.stringify(s.errors))
    await s.value.listen({ host: "127.0.0.1", port })
    process.stdout.write(`${(s.value.server.address() as { port: number }).port}\n`)
    process.on("SIGTERM", () => void s.value.close().then(() => process.exit(0)))
  } else {
    const { createValidator } = await import("@nongan/sdk/Validator")
    const { emptySummary, tally } = await import("@nongan/core/Verdict")
    // the compact view's projection, the very function nongan answers with (the sources or the build)
    const { compactBatch } = (await import(
      process.env.NONGAN_BENCH_BUILD === "dist" ? "../packages/server/dist/CompactView.js" : "../packages/server/src/CompactView"
    )) as typeof import("../packages/server/src/CompactView")
    const v = createValidator()
    if (!v.ok) throw new Error("validator")
    const validator = v.value
    const judge = (u: unknown) => {
      const r = validator.validate(u)
      return r.ok ? { ...r.report, decisionId: randomUUID() } : { ...r.failure, decisionId: randomUUID() }
    }
    // --static answers every request with the bytes a judgement of its body gave the first time
    // (the payload without the judging): the ceiling of node:http on this machine
    const memo = new Map<string, string>()
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        const known = role === "--static" ? memo.get(`${req.url}\u0000${text}`) : undefined
        if (known !== undefined) return void res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(known)
        let body: unknown
        try {
          body = JSON.parse(text)
        } catch {
          res.writeHead(400).end()
          return
        }
        const batch = (req.url ?? "").startsWith("/v1/validate/batch")
        const compact = batch && (req.url ?? "").includes("view=compact")
        let out: string
        if (compact && Array.isArray(body)) {
          // ?view=compact: the same projection and tables as nongan's, by JSON.stringify
          const items = body.map(judge)
          const summary = emptySummary()
          for (const item of items) tally(summary, "verdict" in item ? (item as never) : "malformed")
          out = JSON.stringify(compactBatch(items as never, summary))
        } else out = JSON.stringify(batch && Array.isArray(body) ? { items: body.map(judge) } : judge(body))
        if (role === "--static") memo.set(`${req.url}\u0000${text}`, out)
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(out)
      })
    })
    server.keepAliveTimeout = 5000
    server.listen(port, "127.0.0.1", () => process.stdout.write(`${(server.address() as { port: number }).port}\n`))
    process.on("SIGTERM", () => server.close(() => process.exit(0)))
  }
} else {
  const seconds = Math.min(30, Math.max(1, Number(process.env.BENCH_SERVE_SECONDS ?? 5)))
  const taskset = existsSync("/usr/bin/taskset") && cpus().length >= 2
  const serverCpu = 0
  const loadCpu = 1
  if (taskset) execFileSync("taskset", ["-a", "-cp", String(loadCpu), String(process.pid)], { stdio: "ignore" })
  const autocannon = createRequire(join(root, "packages", "server", "package.json"))("autocannon") as (
    o: object,
    cb: (e: Error | null, r: any) => void
  ) => { on(event: "response", f: (client: unknown, status: number, bytes: number, ms: number) => void): void }
  const build = process.env.NONGAN_BENCH_BUILD ?? (process.execArgv.includes("--conditions=@nongan/source") ? "source" : "dist")
  process.env.NONGAN_BENCH_BUILD = build
  const lines = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n")
  const records = lines.map((l) => JSON.parse(l) as { results?: Array<unknown> })
  const analytes = (r: { results?: Array<unknown> }) => r.results?.length ?? 1
  // one well-formed record judged against the national tables and a regional pack (a non-compliant one)
  const singleIndex = Math.max(0, lines.findIndex((l) => l.includes('"region":"5119') && l.includes("克百威")))
  const first100 = records.slice(0, 100)
  const one100 = first100.map((r) => ({ ...r, results: r.results?.slice(0, 1) }))

  interface Scenario {
    readonly name: string
    readonly path: string
    readonly bodyOf: (kind: Kind) => string
    readonly records: number
    readonly judgements: number
    readonly connections: number
    readonly note: string
  }
  type Kind = "nongan" | "bare" | "static"
  const scenarios: ReadonlyArray<Scenario> = [
    {
      name: "serve-single",
      path: "/v1/validate",
      bodyOf: () => lines[singleIndex]!,
      records: 1,
      judgements: analytes(records[singleIndex]!),
      connections: 50,
      note: "POST /v1/validate, one record (a regional pack's region, non-compliant); opsPerSec = requests/s"
    },
    {
      name: "serve-batch100-one",
      path: "/v1/validate/batch",
      bodyOf: () => JSON.stringify(one100),
      records: 100,
      judgements: one100.reduce((n, r) => n + analytes(r), 0),
      connections: 10,
      note: "POST /v1/validate/batch, 100 records of one analyte each (the first 100 of examples/sampling-batch.jsonl, first result only: the anchor's shape); opsPerSec = judgements/s"
    },
    {
      name: "serve-batch100-multi",
      path: "/v1/validate/batch",
      bodyOf: () => JSON.stringify(first100),
      records: 100,
      judgements: first100.reduce((n, r) => n + analytes(r), 0),
      connections: 10,
      note: "POST /v1/validate/batch, the first 100 records of examples/sampling-batch.jsonl as they are (1 to 6 analytes each); opsPerSec = judgements/s"
    },
    {
      name: "serve-batch100-one-shared",
      path: "/v1/validate/batch?citations=shared",
      bodyOf: () => JSON.stringify(one100),
      records: 100,
      judgements: one100.reduce((n, r) => n + analytes(r), 0),
      connections: 10,
      note: "serve-batch100-one with ?citations=shared (each citation once in a batch-level table; bare and static still answer the full form); opsPerSec = judgements/s"
    },
    {
      name: "serve-batch100-one-compact",
      path: "/v1/validate/batch?view=compact",
      bodyOf: () => JSON.stringify(one100),
      records: 100,
      judgements: one100.reduce((n, r) => n + analytes(r), 0),
      connections: 10,
      note: "serve-batch100-one with ?view=compact (verdicts and compact findings, citations and packs once per batch); bare answers the same view (the same projection, JSON.stringify), static its bytes; opsPerSec = judgements/s"
    },
    {
      name: "serve-batch100-multi-compact",
      path: "/v1/validate/batch?view=compact",
      bodyOf: () => JSON.stringify(first100),
      records: 100,
      judgements: first100.reduce((n, r) => n + analytes(r), 0),
      connections: 10,
      note: "serve-batch100-multi with ?view=compact; bare answers the same view (the same projection, JSON.stringify), static its bytes; opsPerSec = judgements/s"
    }
  ].filter((s) => !process.env.BENCH_SERVE_ONLY || process.env.BENCH_SERVE_ONLY.split(",").includes(s.name))

  const cpuSec = (pid: number): number => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
      return (Number(f[11]) + Number(f[12])) / 100 // utime + stime, in clock ticks of 1/100 s
    } catch {
      return Number.NaN
    }
  }

  const children: Array<ReturnType<typeof spawn>> = []
  process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL")))
  const startServer = async (kind: Kind) => {
    // the servers run as this process does: the sources (`--conditions=@nongan/source`) or the build
    const args = [...process.execArgv, join(root, "bench", "serve.ts"), `--${kind}`, "0"]
    const child = taskset
      ? spawn("taskset", ["-c", String(serverCpu), process.execPath, ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"] })
      : spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] })
    children.push(child)
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.once("data", (d) => resolve(Number(String(d).trim())))
      child.once("exit", (c) => reject(new Error(`${kind} server exited ${c}`)))
    })
    return { kind, port, pid: child.pid!, stop: () => new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM"))) }
  }

  interface Tally {
    requests: number
    errors: number
    non2xx: number
    bytes: number
    ms: number
    cpu: number
    latencies: Array<number>
  }
  const load = (port: number, s: Scenario, body: string, duration: number, t?: Tally) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now()
      const cpu0 = t ? cpuSec(currentPid) : 0
      const instance = autocannon(
        { url: `http://127.0.0.1:${port}${s.path}`, method: "POST", headers: { "content-type": "application/json" }, body, connections: s.connections, duration, pipelining: 1 },
        (e, r) => {
          if (e) return reject(e)
          if (t) {
            t.ms += performance.now() - started
            t.cpu += cpuSec(currentPid) - cpu0
            t.requests += r.requests.total
            t.errors += r.errors + r.timeouts + r.non2xx
            t.non2xx += r.non2xx
          }
          resolve()
        }
      )
      if (t)
        instance.on("response", (_c, status, bytes, ms) => {
          if (status >= 200 && status < 300) t.bytes += bytes
          t.latencies.push(ms)
        })
    })
  let currentPid = 0

  const pct = (xs: Array<number>, p: number) => {
    if (xs.length === 0) return null
    const s = Float64Array.from(xs).sort()
    return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10
  }
  const round2 = (x: number) => Math.round(x * 100) / 100

  const servers = []
  for (const kind of ["nongan", "bare", "static"] as const) servers.push(await startServer(kind))
  const out: Array<Record<string, any>> = []
  const roundSeconds = 1
  const rounds = Math.max(1, Math.round(seconds / roundSeconds))
  for (const s of scenarios) {
    const tallies = new Map<Kind, Tally>(servers.map((x) => [x.kind, { requests: 0, errors: 0, non2xx: 0, bytes: 0, ms: 0, cpu: 0, latencies: [] }]))
    log(`${s.name}: warm-up 2 s each, then ${rounds} rounds of ${roundSeconds} s per server, taking turns`)
    for (const x of servers) await load(x.port, s, s.bodyOf(x.kind), 2)
    for (let i = 0; i < rounds; i++)
      for (let j = 0; j < servers.length; j++) {
        const x = servers[(i + j) % servers.length]!
        currentPid = x.pid
        await load(x.port, s, s.bodyOf(x.kind), roundSeconds, tallies.get(x.kind))
      }
    const fig = (kind: Kind) => {
      const t = tallies.get(kind)!
      const sec = t.ms / 1000
      return {
        requestsPerSec: Math.round(t.requests / sec),
        recordsPerSec: Math.round((t.requests * s.records) / sec),
        judgementsPerSec: Math.round((t.requests * s.judgements) / sec),
        judgementsPerCpuSec: t.cpu > 0 ? Math.round((t.requests * s.judgements) / t.cpu) : null,
        latencyMs: { p50: pct(t.latencies, 50), p99: pct(t.latencies, 99) },
        errors: t.errors,
        non2xx: t.non2xx,
        requests: t.requests,
        seconds: round2(sec),
        serverCpuSec: round2(t.cpu),
        bytesPerRecord: t.requests > 0 ? Math.round(t.bytes / (t.requests - t.non2xx || 1) / s.records) : null
      }
    }
    const [n, b, st] = [fig("nongan"), fig("bare"), fig("static")]
    const ops = (f: typeof n) => (s.records === 1 ? f.requestsPerSec : f.judgementsPerSec)
    const line = {
      name: s.name,
      opsPerSec: ops(n),
      baselineOpsPerSec: ops(b),
      ratio: Math.round((ops(n) / ops(b)) * 1000) / 1000,
      unit: s.records === 1 ? "requests/s" : "judgements/s",
      recordsPerRequest: s.records,
      judgementsPerRequest: s.judgements,
      connections: s.connections,
      ...n,
      ratioToStatic: Math.round((ops(n) / ops(st)) * 1000) / 1000,
      cpuRatio: n.judgementsPerCpuSec && b.judgementsPerCpuSec ? Math.round((n.judgementsPerCpuSec / b.judgementsPerCpuSec) * 1000) / 1000 : null,
      bare: b,
      static: st,
      target: s.records === 1 ? { ratio: 0.8, errors: 0 } : { judgementsPerSec: 250_000, errors: 0 },
      pinned: taskset ? { server: serverCpu, loadGenerator: loadCpu } : null,
      loadAverage1m: round2(loadavg()[0]!),
      build,
      note: s.note
    }
    out.push(line)
    process.stdout.write(`${JSON.stringify(line)}\n`)
  }
  for (const x of servers) await x.stop()
  const get = (name: string) => out.find((l) => l.name === name)
  process.stdout.write(
    `${JSON.stringify({
      name: "serve-summary",
      singleRatioToBare: get("serve-single")?.ratio ?? null,
      batchOneJudgementsPerSec: get("serve-batch100-one")?.opsPerSec ?? null,
      batchMultiJudgementsPerSec: get("serve-batch100-multi")?.opsPerSec ?? null,
      batchOneSharedJudgementsPerSec: get("serve-batch100-one-shared")?.opsPerSec ?? null,
      batchOneCompactJudgementsPerSec: get("serve-batch100-one-compact")?.opsPerSec ?? null,
      batchMultiCompactJudgementsPerSec: get("serve-batch100-multi-compact")?.opsPerSec ?? null,
      errors: out.reduce((k, l) => k + l.errors + l.bare.errors + l.static.errors, 0),
      targets: { errors: 0, singleRatioToBare: 0.8, batchJudgementsPerSec: 250_000 },
      secondsPerServer: seconds,
      node: process.version,
      cpus: cpus().length,
      loadAverage1m: round2(loadavg()[0]!)
    })}\n`
  )
}
