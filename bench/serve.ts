/**
 * Load test of `nongan serve` over loopback, beside a bare node:http server answering the same
 * payload with the same validator in the same run:
 *
 *   node --conditions=@nongan/source --import tsx bench/serve.ts            # 10 s per scenario
 *   BENCH_SERVE_SECONDS=5 node --conditions=@nongan/source --import tsx bench/serve.ts
 *
 * Scenarios: one record per request (`POST /v1/validate`) and batches of 100 records
 * (`POST /v1/validate/batch`), each against nongan (Fastify) and against the bare server. The
 * server process runs pinned to one core and the load generator (autocannon) to the other, with
 * `taskset` when it exists; the duration of each scenario is bounded (at most 30 s). Prints one
 * JSON line per scenario (requests/s, judgements/s, p50/p99 latency in ms, errors) and one line
 * with the ratios. The bare server: `JSON.parse` of the body, `validator.validate`, a decision
 * id, `JSON.stringify`: what a service cannot do without, so the ratio measures Fastify, the
 * typed errors, the language choice, metrics and limits. A third, `static`, answers the same
 * bytes without judging (after the first request): the ceiling of node:http here.
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
    const { buildServer } = await import("../packages/server/src/Server")
    const s = buildServer({ logLevel: "warn", maxBatch: 10_000 })
    if (!s.ok) throw new Error(JSON.stringify(s.errors))
    await s.value.listen({ host: "127.0.0.1", port })
    process.stdout.write(`${(s.value.server.address() as { port: number }).port}\n`)
    process.on("SIGTERM", () => void s.value.close().then(() => process.exit(0)))
  } else {
    const { createValidator } = await import("@nongan/sdk/Validator")
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
        const out = JSON.stringify(req.url === "/v1/validate/batch" && Array.isArray(body) ? { items: body.map(judge) } : judge(body))
        if (role === "--static") memo.set(`${req.url}\u0000${text}`, out)
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(out)
      })
    })
    server.keepAliveTimeout = 5000
    server.listen(port, "127.0.0.1", () => process.stdout.write(`${(server.address() as { port: number }).port}\n`))
    process.on("SIGTERM", () => server.close(() => process.exit(0)))
  }
} else {
  const seconds = Math.min(30, Math.max(1, Number(process.env.BENCH_SERVE_SECONDS ?? 10)))
  const taskset = existsSync("/usr/bin/taskset") && cpus().length >= 2
  const serverCpu = 0
  const loadCpu = 1
  if (taskset) execFileSync("taskset", ["-a", "-cp", String(loadCpu), String(process.pid)], { stdio: "ignore" })
  const autocannon = createRequire(join(root, "packages", "server", "package.json"))("autocannon") as (o: object, cb: (e: Error | null, r: any) => void) => unknown
  const lines = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n")
  // one well-formed record judged against the national tables and a regional pack (a non-compliant one)
  const single = lines.find((l) => l.includes('"region":"5119') && l.includes("克百威")) ?? lines[0]!
  const batch = `[${lines.slice(0, 100).join(",")}]`

  const startServer = async (kind: "nongan" | "bare" | "static") => {
    const args = ["--conditions=@nongan/source", "--import", "tsx", join(root, "bench", "serve.ts"), `--${kind}`, "0"]
    const child = taskset ? spawn("taskset", ["-c", String(serverCpu), process.execPath, ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"] }) : spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] })
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.once("data", (d) => resolve(Number(String(d).trim())))
      child.once("exit", (c) => reject(new Error(`server exited ${c}`)))
    })
    return { port, stop: () => new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM"))) }
  }

  const load = (port: number, path: string, body: string, connections: number, duration: number) =>
    new Promise<any>((resolve, reject) =>
      autocannon(
        { url: `http://127.0.0.1:${port}${path}`, method: "POST", headers: { "content-type": "application/json" }, body, connections, duration, pipelining: 1 },
        (e, r) => (e ? reject(e) : resolve(r))
      )
    )

  const results: Record<string, any> = {}
  for (const kind of ["static", "bare", "nongan"] as const) {
    const server = await startServer(kind)
    for (const [scenario, path, body, per, connections] of [
      ["single", "/v1/validate", single, 1, 50],
      ["batch100", "/v1/validate/batch", batch, 100, 10]
    ] as const) {
      log(`${kind} ${scenario}: warm-up 2 s, then ${seconds} s`)
      await load(server.port, path, body, connections, 2)
      const r = await load(server.port, path, body, connections, seconds)
      const errors = r.errors + r.timeouts + r.non2xx
      const line = {
        name: `serve-${scenario}-${kind}`,
        server: kind === "nongan" ? "nongan serve (Fastify 5)" : kind === "bare" ? "bare node:http, same validator" : "bare node:http, the same answer bytes without judging",
        connections,
        seconds,
        requests: r.requests.total,
        requestsPerSec: Math.round(r.requests.total / seconds),
        judgementsPerSec: Math.round((r.requests.total * per) / seconds),
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        errors,
        non2xx: r.non2xx,
        pinned: taskset ? { server: serverCpu, loadGenerator: loadCpu } : null,
        loadAverage1m: Math.round(loadavg()[0]! * 100) / 100
      }
      results[line.name] = line
      process.stdout.write(`${JSON.stringify(line)}\n`)
    }
    await server.stop()
  }
  const ratio = (a: string, b: string) => Math.round((results[a].requestsPerSec / results[b].requestsPerSec) * 1000) / 1000
  process.stdout.write(
    `${JSON.stringify({
      name: "serve-summary",
      singleRatioToBare: ratio("serve-single-nongan", "serve-single-bare"),
      batchRatioToBare: ratio("serve-batch100-nongan", "serve-batch100-bare"),
      singleRatioToStatic: ratio("serve-single-nongan", "serve-single-static"),
      batchRatioToStatic: ratio("serve-batch100-nongan", "serve-batch100-static"),
      batchJudgementsPerSec: results["serve-batch100-nongan"].judgementsPerSec,
      errors: Object.values(results).reduce((n, r: any) => n + r.errors, 0),
      targets: { errors: 0, singleRatioToBare: 0.8, batchJudgementsPerSec: 250_000 },
      node: process.version,
      cpus: cpus().length
    })}\n`
  )
}
