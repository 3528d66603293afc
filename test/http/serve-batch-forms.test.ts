// The HTTP service's batch forms and body reading (issue 15): `?citations=shared` gives the same
// reports as the full form (each citation and list of packs once in batch-level tables), validated against the
// OpenAPI document; JSON bodies are read as the CLI reads them (numbers kept exact), with
// Fastify's prototype-poisoning refusals and its errors unchanged; metrics still count.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseJsonLossless } from "@nongan/core/Json"
import { makeMetrics } from "../../packages/server/src/Metrics"
import { createValidator } from "@nongan/sdk/Validator"
import { expandCitations, shareCitations } from "../../packages/server/src/Citations"
import { openApi } from "../../packages/server/src/OpenApi"
import { get, post, type Running, start, withoutDecisionId } from "../../packages/server/test/support"

const root = join(import.meta.dirname, "..", "..")
const lines = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n")

let s: Running
beforeAll(async () => {
  s = await start()
})
afterAll(async () => s.close())

// ajv is the server package's dev dependency
const Ajv2020 = createRequire(join(root, "packages", "server", "package.json"))("ajv/dist/2020").default
const ajv = new Ajv2020({ strict: false, allErrors: true })
ajv.addSchema({ $id: "api", components: openApi("0").components }, "api")
const check = (name: string, value: unknown) => {
  const validate = ajv.getSchema(`api#/components/schemas/${name}`)
  if (!validate) throw new Error(`no schema ${name}`)
  return validate(value) ? [] : (validate.errors ?? []).slice(0, 5).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`)
}
const noIds = (items: ReadonlyArray<unknown>) => items.map(withoutDecisionId)

describe("POST /v1/validate/batch?citations=shared", () => {
  // 1,000 real records, a record of each other kind, and bad items
  const body = `[${lines.slice(0, 1000).join(",")},{"kind":"pesticide-application"},3,{"id":"X","sampledOn":"2026-13-01","product":"芹菜","results":[]}]`

  it("gives the full form's reports, each distinct citation once, in less bytes", async () => {
    const full = await post(s.base, "/v1/validate/batch", body)
    const shared = await post(s.base, "/v1/validate/batch?citations=shared", body)
    expect([full.status, shared.status]).toEqual([200, 200])
    expect(shared.json.summary).toEqual(full.json.summary)
    expect(shared.json.items).toHaveLength(1003)
    const expanded = expandCitations(shared.json)
    expect(noIds(expanded.items)).toEqual(noIds(full.json.items))
    // the same JSON text, key order included, decision ids aside
    const text = (items: ReadonlyArray<unknown>) => JSON.stringify(noIds(items))
    expect(text(expanded.items)).toBe(text(full.json.items))
    const table = shared.json.citations.map((c: unknown) => JSON.stringify(c))
    expect(new Set(table).size).toBe(table.length)
    expect(table.length).toBeGreaterThan(0)
    expect(shared.text).not.toContain('"citation":')
    expect(Buffer.byteLength(shared.text)).toBeLessThan(Buffer.byteLength(full.text) * 0.8)
    // every reference points into the table, and every table entry is used
    const used = new Set<number>()
    for (const item of shared.json.items)
      for (const f of item.findings ?? []) {
        for (const r of [...(f.citationRef === undefined ? [] : [f.citationRef]), ...(f.citationRefs ?? [])]) {
          expect(r).toBeGreaterThanOrEqual(0)
          expect(r).toBeLessThan(table.length)
          used.add(r)
        }
      }
    expect(used.size).toBe(table.length)
    // the packs: each distinct list once, every report refers to one
    expect(shared.text).not.toContain('"packs":')
    expect(shared.json.packSets.length).toBeGreaterThan(1)
    expect(new Set(shared.json.packSets.map((p: unknown) => JSON.stringify(p))).size).toBe(shared.json.packSets.length)
    for (const item of shared.json.items) if ("verdict" in item) expect(shared.json.packSets[item.packsRef]).toBeDefined()
  })

  it("is described by the OpenAPI document (CompactBatchResponse)", async () => {
    const shared = await post(s.base, "/v1/validate/batch?citations=shared", body)
    expect(check("CompactBatchResponse", shared.json)).toEqual([])
    expect(check("BatchResponse", shared.json)).not.toEqual([])
    const doc = openApi("0")
    const params = (doc.paths["/v1/validate/batch"] as any).post.parameters.map((p: { name: string }) => p.name)
    expect(params).toContain("citations")
  })

  it("is what shareCitations makes of the SDK's reports, and expandCitations undoes it", () => {
    const v = createValidator()
    if (!v.ok) throw new Error("validator")
    const items = lines.slice(0, 300).map((l, i) => {
      const r = v.value.validate(JSON.parse(l))
      return r.ok ? { ...r.report, decisionId: `d${i}` } : { ...r.failure, decisionId: `d${i}` }
    })
    const c = shareCitations(items)
    expect(JSON.stringify(expandCitations(c).items)).toBe(JSON.stringify(items))
  })

  it("full is the default; an unknown value, or shared with NDJSON, is a 400 with a typed error", async () => {
    const one = `[${lines[0]}]`
    const dflt = await post(s.base, "/v1/validate/batch", one)
    const full = await post(s.base, "/v1/validate/batch?citations=full", one)
    expect(noIds(full.json.items)).toEqual(noIds(dflt.json.items))
    expect(dflt.json.citations).toBeUndefined()
    const bad = await post(s.base, "/v1/validate/batch?citations=some", one)
    expect([bad.status, bad.json.error.code, bad.json.error.path]).toEqual([400, "invalid-value", "citations"])
    const twice = await post(s.base, "/v1/validate/batch?citations=shared&citations=full", one)
    expect(twice.status).toBe(400)
    const nd = await post(s.base, "/v1/validate/batch?citations=shared", lines.slice(0, 3).join("\n"), { "content-type": "application/x-ndjson" })
    expect([nd.status, nd.json.error.code]).toEqual([400, "invalid-value"])
  })
})

describe("JSON bodies are read as the CLI reads them", () => {
  const v = createValidator()
  if (!v.ok) throw new Error("validator")
  const sdk = (text: string) => {
    const parsed = parseJsonLossless(text)
    if (!parsed.ok) throw new Error("json")
    const r = v.value.validate(parsed.value)
    return r.ok ? r.report : r.failure
  }

  it("keeps a number a double cannot hold exactly (0.0200000000000000001 is not 0.02)", async () => {
    // 阿维菌素 in 黄瓜: limit 0.02 mg/kg; 0.0200000000000000001 exceeds it, 0.02 does not
    const at = (value: string) => `{"id":"N1","sampledOn":"2024-06-15","product":"黄瓜","results":[{"substance":"阿维菌素","value":${value},"unit":"mg/kg"}]}`
    for (const value of ["0.0200000000000000001", "0.02", "2e-2", "12345678901234567890", "0.30000000000000004"]) {
      const one = await post(s.base, "/v1/validate", at(value))
      expect(withoutDecisionId(one.json), value).toEqual(sdk(at(value)))
      const batch = await post(s.base, "/v1/validate/batch", `[${at(value)}]`)
      expect(withoutDecisionId(batch.json.items[0]), value).toEqual(sdk(at(value)))
      const nd = await post(s.base, "/v1/validate/batch", at(value), { "content-type": "application/x-ndjson" })
      expect(withoutDecisionId(JSON.parse(nd.text.split("\n")[0]!)), value).toEqual(sdk(at(value)))
    }
    const exact = await post(s.base, "/v1/validate", at("0.0200000000000000001"))
    const limit = await post(s.base, "/v1/validate", at("0.02"))
    expect([exact.json.verdict, limit.json.verdict]).toEqual(["non-compliant", "compliant"])
  })

  it("a byte-order mark and a charset parameter change nothing", async () => {
    const at = '{"id":"N1","sampledOn":"2024-06-15","product":"黄瓜","results":[{"substance":"阿维菌素","value":0.0200000000000000001,"unit":"mg/kg"}]}'
    const plain = await post(s.base, "/v1/validate", at)
    const bom = await post(s.base, "/v1/validate", `\ufeff${at}`)
    const charset = await post(s.base, "/v1/validate", at, { "content-type": "application/json; charset=utf-8" })
    expect(plain.json.verdict).toBe("non-compliant")
    expect(withoutDecisionId(bom.json)).toEqual(withoutDecisionId(plain.json))
    expect(withoutDecisionId(charset.json)).toEqual(withoutDecisionId(plain.json))
  })

  it("a body with \\u escapes reads like the same body unescaped", async () => {
    const plain = lines[1]!
    const escaped = plain.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    expect(escaped).not.toBe(plain)
    const a = await post(s.base, "/v1/validate", plain)
    const b = await post(s.base, "/v1/validate", escaped)
    expect(withoutDecisionId(b.json)).toEqual(withoutDecisionId(a.json))
  })

  it("still refuses __proto__ and constructor.prototype keys, and answers bad JSON as before", async () => {
    for (const body of ['{"__proto__":{"x":1}}', '{"\\u005f_proto__":{"x":1}}', '[{"constructor":{"prototype":{"x":1}}}]', '{"a":1', "", "[1,]"]) {
      const r = await post(s.base, "/v1/validate/batch", body)
      expect([r.status, r.json.error.code], body).toEqual([400, "invalid-json"])
    }
    // a key named constructor without a prototype inside is data
    const ok = await post(s.base, "/v1/validate/batch", '[{"constructor":1}]')
    expect(ok.status).toBe(200)
  })

  it("the duration histogram gives what prom-client's observe gives for the same observations", async () => {
    const { Histogram, Registry } = createRequire(join(root, "packages", "server", "package.json"))("prom-client")
    const m = makeMetrics()
    const registry = new Registry()
    const name = "nongan_http_request_duration_seconds"
    const h = new Histogram({ name, help: "HTTP request duration", labelNames: ["route"], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] })
    for (let i = 0; i < 5000; i++) {
      const route = i % 3 ? "/a" : "/b"
      const seconds = Math.abs(Math.sin(i)) ** 4 * 7
      m.request("POST", route, 200, seconds)
      h.observe({ route }, seconds)
    }
    expect(await m.registry.getSingleMetricAsString(name)).toBe(await registry.getSingleMetricAsString(name))
    // after a reset the counts start again, still through the histogram
    m.duration.reset()
    m.request("GET", "/a", 200, 0.002)
    expect(await m.registry.getSingleMetricAsString(name)).toMatch(/^nongan_http_request_duration_seconds_count\{route="\/a"\} 1$/m)
  })

  it("counts requests and records in /metrics", async () => {
    await post(s.base, "/v1/validate", lines[0]!)
    await get(s.base, "/no/such/route")
    const m = await get(s.base, "/metrics")
    expect(m.text).toMatch(/nongan_http_requests_total\{method="POST",route="\/v1\/validate",status="(200|400)"\} \d+/)
    expect(m.text).toMatch(/nongan_http_requests_total\{method="GET",route="unknown",status="404"\} 1/)
    expect(m.text).toMatch(/nongan_http_request_duration_seconds_count\{route="\/v1\/validate"\} \d+/)
    expect(m.text).toMatch(/nongan_records_total\{outcome="(compliant|non-compliant|indeterminate)"\} \d+/)
  })
})
