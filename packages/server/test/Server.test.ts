import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createValidator } from "@nongan/sdk/Validator"
import { get, post, type Running, start, withoutDecisionId } from "./support"

const KZ = { id: "KZ-0001", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", region: "500154", results: [{ substance: "克百威", value: "0.062", unit: "mg/kg" }] }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let s: Running
const sdk = createValidator()
beforeAll(async () => {
  s = await start({ maxBatch: 50, bodyLimit: 64 * 1024 })
})
afterAll(async () => s.close())

describe("POST /v1/validate", () => {
  it("answers the SDK's report with a decision id and the packs' hashes", async () => {
    const r = await post(s.base, "/v1/validate", JSON.stringify(KZ))
    expect(r.status).toBe(200)
    expect(r.json.decisionId).toMatch(UUID)
    if (!sdk.ok) throw new Error("sdk")
    const v = sdk.value.validate(KZ)
    if (!v.ok) throw new Error("sdk report")
    expect(withoutDecisionId(r.json)).toEqual(JSON.parse(JSON.stringify(v.report)))
    expect(r.json.verdict).toBe("non-compliant")
    expect(r.json.packs.map((p: any) => p.id)).toEqual(["cn-national"])
    for (const p of r.json.packs) expect(p.hash).toMatch(/^[0-9a-f]{64}$/)
    // a record of 巴中市 (511900) in its pack's period is judged with the national layer and that pack
    const bz = await post(s.base, "/v1/validate", JSON.stringify({ ...KZ, region: "511923" }))
    expect(bz.json.packs.map((p: any) => p.id)).toEqual(["cn-national", "cn-511900-2024"])
    expect(r.json.findings[0].citation.instrument).toBe("GB 2763-2026")
  })

  it("gives each decision its own id", async () => {
    const a = await post(s.base, "/v1/validate", JSON.stringify(KZ))
    const b = await post(s.base, "/v1/validate", JSON.stringify(KZ))
    expect(a.json.decisionId).not.toBe(b.json.decisionId)
  })

  it("answers 400 with the library's typed errors, in the language asked for", async () => {
    const zh = await post(s.base, "/v1/validate", JSON.stringify({ id: "X", sampledOn: "2024-13-01", product: "芹菜", results: [] }))
    expect(zh.status).toBe(400)
    expect(zh.json.id).toBe("X")
    expect(zh.json.error.code).toBe("invalid-date")
    expect(zh.json.error.path).toBe("sampledOn")
    expect(zh.json.error.message).toMatch(/[\u4e00-\u9fff]/)
    const en = await post(s.base, "/v1/validate", JSON.stringify({ id: "X", sampledOn: "2024-13-01", product: "芹菜", results: [] }), {
      "content-type": "application/json",
      "accept-language": "en-GB,en;q=0.9,zh;q=0.1"
    })
    expect(en.json.error.code).toBe("invalid-date")
    expect(en.json.error.message).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it("judges the rest of a record whose analyte is unknown (200, the analyte's error in the finding)", async () => {
    const r = await post(s.base, "/v1/validate", JSON.stringify({ ...KZ, results: [...KZ.results, { substance: "不存在的农药", value: "0.1", unit: "mg/kg" }] }), {
      "content-type": "application/json",
      "accept-language": "en"
    })
    expect(r.status).toBe(200)
    const bad = r.json.findings.find((f: any) => f.error)
    expect(bad.error.code).toBe("unknown-substance")
    expect(bad.error.message).toMatch(/unknown substance/)
  })

  it("answers malformed JSON, a wrong type and a wrong content type with typed errors", async () => {
    expect((await post(s.base, "/v1/validate", "{oops")).json.error.code).toBe("invalid-json")
    expect((await post(s.base, "/v1/validate", "")).json.error.code).toBe("invalid-json")
    const arr = await post(s.base, "/v1/validate", "[1,2]")
    expect([arr.status, arr.json.error.code]).toEqual([400, "invalid-type"])
    const text = await post(s.base, "/v1/validate", "{}", { "content-type": "text/plain" })
    expect([text.status, text.json.error.code]).toEqual([415, "unsupported-media-type"])
    const proto = await post(s.base, "/v1/validate", '{"__proto__":{"x":1}}')
    expect([proto.status, proto.json.error.code]).toEqual([400, "invalid-json"])
  })

  it("refuses a body over the limit with 413", async () => {
    const big = JSON.stringify({ ...KZ, note: "x".repeat(70 * 1024) })
    const r = await post(s.base, "/v1/validate", big)
    expect([r.status, r.json.error.code]).toEqual([413, "body-too-large"])
  })
})

describe("POST /v1/validate/batch", () => {
  it("answers 200 with one item per record, in order, bad items with their errors", async () => {
    const body = [KZ, 42, { id: "B", sampledOn: "2024-06-15" }, null, { ...KZ, id: "C" }]
    const r = await post(s.base, "/v1/validate/batch", JSON.stringify(body))
    expect(r.status).toBe(200)
    expect(r.json.items).toHaveLength(5)
    expect(r.json.items.map((i: any) => i.id)).toEqual(["KZ-0001", null, "B", null, "C"])
    expect(r.json.items.map((i: any) => i.verdict ?? i.error.code)).toEqual(["non-compliant", "invalid-type", "missing-field", "invalid-type", "non-compliant"])
    expect(r.json.summary).toMatchObject({ records: 5, malformed: 3, nonCompliant: 2 })
    for (const i of r.json.items) expect(i.decisionId).toMatch(UUID)
  })

  it("refuses a batch over the limit with 413, and a body that is not an array with 400", async () => {
    const r = await post(s.base, "/v1/validate/batch", JSON.stringify(Array.from({ length: 51 }, () => ({}))))
    expect([r.status, r.json.error.code]).toEqual([413, "batch-too-large"])
    const o = await post(s.base, "/v1/validate/batch", JSON.stringify(KZ))
    expect([o.status, o.json.error.code]).toEqual([400, "invalid-type"])
  })

  it("streams NDJSON in and out: one line per record, malformed lines included, then the summary", async () => {
    const lines = [JSON.stringify(KZ), "not json", "", JSON.stringify({ ...KZ, id: "N2" }), "[]"]
    const r = await post(s.base, "/v1/validate/batch", lines.join("\n"), { "content-type": "application/x-ndjson", "accept-language": "en" })
    expect(r.status).toBe(200)
    expect(r.type).toContain("application/x-ndjson")
    const out = r.text.trim().split("\n").map((l) => JSON.parse(l))
    expect(out).toHaveLength(5)
    expect(out.slice(0, 4).map((i) => i.verdict ?? i.error.code)).toEqual(["non-compliant", "invalid-json", "non-compliant", "invalid-type"])
    expect(out[1].error.path).toBe("line 2")
    expect(out[4].summary).toMatchObject({ records: 4, malformed: 2 })
  })

  it("streams a large NDJSON batch (more records than the JSON batch limit and the body limit allow)", async () => {
    const n = 3000
    const text = Array.from({ length: n }, (_, i) => JSON.stringify({ ...KZ, id: `S${i}` })).join("\n")
    expect(text.length).toBeGreaterThan(64 * 1024)
    const r = await post(s.base, "/v1/validate/batch", text, { "content-type": "application/x-ndjson" })
    const out = r.text.trim().split("\n").map((l) => JSON.parse(l))
    expect(out).toHaveLength(n + 1)
    expect(out.slice(0, n).every((x, i) => x.id === `S${i}` && x.verdict === "non-compliant")).toBe(true)
    expect(out[n].summary.records).toBe(n)
  })
})

describe("lookups", () => {
  it("GET /v1/limits: the national limit, where it was found, with its citation", async () => {
    const r = await get(s.base, `/v1/limits?substance=${encodeURIComponent("克百威")}&food=${encodeURIComponent("长豆角")}&on=2026-06-15`)
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ substance: "克百威", food: "豇豆", outcome: "limit", limit: { value: "0.02", unit: "mg/kg", instrument: "GB 2763-2026", matchedAt: "豆类蔬菜" } })
    const missing = await get(s.base, "/v1/limits?substance=x")
    expect([missing.status, missing.json.error.code, missing.json.error.path]).toEqual([400, "missing-field", "food"])
  })

  it("GET /v1/status agrees with `nongan status --format json`", async () => {
    const { run } = await import("../../../test/support/cli")
    const cli = await run(["status", "克百威", "--on", "2018-10-01", "--food", "甘蔗", "--format", "json"])
    const r = await get(s.base, `/v1/status?substance=${encodeURIComponent("克百威")}&on=2018-10-01&food=${encodeURIComponent("甘蔗")}`)
    expect(r.status).toBe(200)
    expect(r.json).toEqual(JSON.parse(cli.stdout))
    expect(r.json.prohibited).toBe(true)
  })

  it("GET /v1/foods and /v1/substances resolve names as written; unknown names are 404 with the nearest names", async () => {
    expect((await get(s.base, `/v1/foods/${encodeURIComponent("长豆角")}`)).json.id).toBe("豇豆")
    expect((await get(s.base, `/v1/substances/${encodeURIComponent("呋喃丹")}`)).json.id).toBe("克百威")
    const u = await get(s.base, `/v1/foods/${encodeURIComponent("小白采")}`, { "accept-language": "en" })
    expect([u.status, u.json.error.code]).toEqual([404, "unknown-food"])
    expect(u.json.error.params.nearest).toContain("小白菜")
  })

  it("GET /v1/packs lists the national layer and the regional packs with versions and hashes", async () => {
    const r = await get(s.base, "/v1/packs")
    expect(r.json.national.id).toBe("cn-national")
    expect(r.json.packs.map((p: any) => p.jurisdiction).sort()).toEqual(["500154", "511900", "540103"])
    for (const p of r.json.packs) expect(p.hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe("operations", () => {
  it("/healthz, /readyz, /metrics, /docs, unknown routes", async () => {
    expect((await get(s.base, "/healthz")).json.status).toBe("ok")
    expect((await get(s.base, "/readyz")).json).toEqual({ status: "ok", packs: 4 })
    const m = await get(s.base, "/metrics")
    expect(m.text).toMatch(/nongan_http_requests_total\{method="POST",route="\/v1\/validate",status="200"\} \d+/)
    expect(m.text).toContain("nongan_process_cpu_seconds_total")
    expect(m.text).toMatch(/nongan_records_total\{outcome="non-compliant"\} \d+/)
    expect(m.text).toMatch(/nongan_records_total\{outcome="malformed"\} \d+/)
    const d = await get(s.base, "/docs")
    expect([d.status, d.type]).toEqual([200, "text/html; charset=utf-8"])
    const n = await get(s.base, "/v2/nothing", { "accept-language": "en" })
    expect([n.status, n.json.error.code, n.json.error.message]).toEqual([404, "not-found", "no such route `/v2/nothing`"])
  })

  it("binds 127.0.0.1 by default (nongan serve)", async () => {
    const { startServe } = await import("@nongan/cli/Serve")
    const r = await startServe(["--port", "0", "--log-level", "silent"], { write: () => true })
    if (!r.ok) throw new Error("serve")
    expect((r.app.server.address() as { address: string }).address).toBe("127.0.0.1")
    await r.app.close()
  })

  it("loads --pack files, logs the set with hashes, and judges with them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-serve-"))
    const pack = {
      kind: "rule-pack", id: "cn-330100-demo", jurisdiction: "330100", name: "杭州市（示例）", version: "1.0.0",
      effective: { from: "2020-01-01" }, parent: "330000", source: { instrument: "示例文件" },
      customRules: [{ name: "celery-watch", conditions: { all: [{ fact: "product", operator: "equal", value: "芹菜" }] },
        event: { type: "local.celery-watch", params: { severity: "info", message: "芹菜重点监测" } }, citation: { instrument: "示例文件" } }]
    }
    const file = join(dir, "pack.json")
    require("node:fs").writeFileSync(file, JSON.stringify(pack))
    const { startServe } = await import("@nongan/cli/Serve")
    const r = await startServe(["--port", "0", "--pack", file, "--decision-log", join(dir, "decisions.jsonl")], { write: () => true })
    if (!r.ok) throw new Error("serve")
    const base = r.url
    const v = await post(base, "/v1/validate", JSON.stringify({ id: "H1", sampledOn: "2024-06-15", product: "芹菜", region: "330106", results: [{ substance: "毒死蜱", value: "0.01", unit: "mg/kg" }] }))
    expect(v.json.packs.map((p: any) => p.id)).toContain("cn-330100-demo")
    expect(v.json.findings.some((f: any) => f.rule === "celery-watch")).toBe(true)
    const packs = await get(base, "/v1/packs")
    expect(packs.json.packs.map((p: any) => p.id)).toContain("cn-330100-demo")
    await r.app.close()
    const logged = readFileSync(join(dir, "decisions.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ decisionId: v.json.decisionId, id: "H1", verdict: v.json.verdict })
    expect(logged[0].packs.some((p: string) => p.startsWith("cn-330100-demo@1.0.0#"))).toBe(true)
  })

  it("logs the packs loaded, with their hashes, as structured (pino) JSON lines", async () => {
    const { PassThrough } = await import("node:stream")
    const stream = new PassThrough()
    let logged = ""
    stream.on("data", (d) => (logged += String(d)))
    const t = await start({ logLevel: "info", logStream: stream })
    await t.close()
    const lines = logged.trim().split("\n").map((l) => JSON.parse(l))
    const loaded = lines.find((l) => String(l.msg).startsWith("packs loaded"))
    expect(loaded.national.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(loaded.packs.map((p: any) => p.id).sort()).toEqual(["cn-500154-2022", "cn-511900-2024", "cn-540103-2020"])
    expect(lines.some((l) => String(l.msg).includes("listening"))).toBe(true)
  })

  it("refuses an unreadable pack at start (exit 1, the file named)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-serve-"))
    const file = join(dir, "bad.json")
    require("node:fs").writeFileSync(file, "{not json")
    const { startServe } = await import("@nongan/cli/Serve")
    let err = ""
    const r = await startServe(["--port", "0", "--pack", file], { write: (t: string) => (err += t) })
    expect(r.ok).toBe(false)
    expect(err).toContain("bad.json")
  })

  it("cuts off a request whose body stalls (after the timeout of inactivity), and goes on serving", async () => {
    const t = await start({ requestTimeout: 1000 })
    const { request } = await import("node:http")
    const url = new URL(`${t.base}/v1/validate`)
    const began = Date.now()
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": "1000" } }, (res) => {
        res.resume()
        resolve(String(res.statusCode))
      })
      req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"))
      req.write('{"id":')
    })
    // Node answers 408 or closes the socket, whichever of its timers fires first
    expect(["408", "ECONNRESET"]).toContain(outcome)
    expect(Date.now() - began).toBeLessThan(15_000)
    expect((await get(t.base, "/healthz")).status).toBe(200)
    await t.close()
  }, 30_000)

  it("serves a folder under /web/ when asked, and nothing outside it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-web-"))
    require("node:fs").writeFileSync(join(dir, "index.html"), "<!doctype html><title>t</title>")
    const t = await start({ webDir: dir })
    const page = await get(t.base, "/web/")
    expect([page.status, page.type, page.text]).toEqual([200, "text/html; charset=utf-8", "<!doctype html><title>t</title>"])
    for (const u of ["/web/..%2F..%2Fetc%2Fpasswd", "/web/%2e%2e/package.json", "/web/nothing.js"]) expect((await get(t.base, u)).status, u).toBe(404)
    await t.close()
    expect((await get(s.base, "/web/")).status).toBe(404)
  })

  it("`nongan serve` as a process: logs where it listens, answers, and exits 0 on SIGTERM", async () => {
    const { spawn } = await import("node:child_process")
    const root = join(import.meta.dirname, "..", "..", "..")
    const child = spawn(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", join(root, "packages", "cli", "src", "bin.ts"), "serve", "--port", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    child.stdout.on("data", (d) => (out += String(d)))
    const url = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out)
        if (m) clearInterval(t), resolve(m[1]!)
      }, 50)
      child.once("exit", (c) => (clearInterval(t), reject(new Error(`exited ${c}: ${out}`))))
    })
    expect((await get(url, "/readyz")).status).toBe(200)
    const exited = new Promise<number | null>((r) => child.once("exit", (c) => r(c)))
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    expect(out).toContain("packs loaded")
    expect(out).toContain("shutting down")
  }, 60_000)

  it("shuts down gracefully: a request in flight finishes, new connections are refused", async () => {
    const t = await start()
    const { request } = await import("node:http")
    const url = new URL(`${t.base}/v1/validate/batch`)
    let text = ""
    let status = 0
    const done = new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/x-ndjson" } }, (res) => {
        status = res.statusCode ?? 0
        res.setEncoding("utf8")
        res.on("data", (d) => (text += d))
        res.on("end", resolve)
      })
      req.on("error", reject)
      req.write(`${JSON.stringify({ ...KZ, id: "G0" })}\n`)
      // once the first item has come back the request is in flight: close the server, then send the rest
      const wait = setInterval(async () => {
        if (text.length === 0) return
        clearInterval(wait)
        closed = t.close()
        await new Promise((r) => setTimeout(r, 100))
        for (let i = 1; i < 500; i++) req.write(`${JSON.stringify({ ...KZ, id: `G${i}` })}\n`)
        req.end()
      }, 5)
    })
    let closed: Promise<void> | undefined
    await done
    await closed
    const out = text.trim().split("\n")
    expect(status).toBe(200)
    expect(out).toHaveLength(501)
    expect(JSON.parse(out[500]!).summary.records).toBe(500)
    await expect(fetch(`${t.base}/healthz`)).rejects.toThrow()
  })
})
