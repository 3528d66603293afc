// Fuzzed HTTP bodies over a real loopback connection: no 5xx, every item accounted for.
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { post, type Running, start } from "./support"

// a fixed seed, as the fuzz suite of test/fuzz: CI runs the same cases every time (FUZZ_SEED to change)
fc.configureGlobal({ seed: Number(process.env["FUZZ_SEED"] ?? 17) })

let s: Running
beforeAll(async () => {
  s = await start({ maxBatch: 10_000 })
})
afterAll(async () => s.close())

const KZ = { id: "KZ-0001", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", region: "500154", results: [{ substance: "克百威", value: "0.062", unit: "mg/kg" }] }
const json = { "content-type": "application/json" }

/** A valid record with some fields replaced by arbitrary JSON values (or removed). */
const mutated = fc
  .record({
    field: fc.constantFrom("id", "kind", "sampledOn", "product", "region", "method", "results", "extra"),
    value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    inResult: fc.constantFrom("substance", "value", "unit", "lod", "components", null)
  })
  .map(({ field, value, inResult }) =>
    inResult === null ? { ...KZ, [field]: value } : { ...KZ, results: [{ ...KZ.results[0], [inResult]: value }] }
  )

const anyItem = fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated)

/** Whether a value holds a `__proto__` key, or a `constructor` key holding `prototype`, at any depth. */
const poisoned = (u: unknown): boolean =>
  typeof u === "object" && u !== null &&
  (Array.isArray(u)
    ? u.some(poisoned)
    : Object.keys(u).some((k) => k === "__proto__" || (k === "constructor" && typeof (u as Record<string, unknown>)[k] === "object" && (u as Record<string, any>)[k] !== null && "prototype" in (u as Record<string, any>)[k])) ||
      Object.values(u).some(poisoned))

const accounted = (r: { status: number; json: any }, n: number) => {
  expect(r.status).toBe(200)
  expect(r.json.items).toHaveLength(n)
  expect(r.json.summary.records).toBe(n)
  for (const i of r.json.items) expect(typeof i.decisionId === "string" && ("verdict" in i || typeof i.error?.code === "string")).toBe(true)
}

describe("fuzzed bodies", () => {
  it("arbitrary text sent as JSON: 200 or a typed 4xx, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1)))), async (body) => {
        const r = await post(s.base, "/v1/validate", body, json)
        expect(r.status).toBeLessThan(500)
        if (r.status !== 200) expect(typeof r.json.error.code).toBe("string")
      }),
      { numRuns: 150 }
    )
  })

  it("arbitrary JSON values and mutated records to /v1/validate: a report (200) or typed errors (400)", async () => {
    await fc.assert(
      fc.asyncProperty(anyItem, async (body) => {
        const r = await post(s.base, "/v1/validate", JSON.stringify(body) ?? "null", json)
        expect([200, 400]).toContain(r.status)
        if (r.status === 200) expect(typeof r.json.verdict).toBe("string")
        else expect(typeof r.json.error.code).toBe("string")
      }),
      { numRuns: 200 }
    )
  })

  it("arbitrary arrays to /v1/validate/batch: 200 and one item per element", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyItem, { maxLength: 40 }), async (items) => {
        const body = JSON.stringify(items)
        const r = await post(s.base, "/v1/validate/batch", body, json)
        // a prototype-poisoning key anywhere refuses the whole body (Fastify's check, docs/serve.md): typed, never 5xx
        if (poisoned(items)) expect([r.status, r.json.error.code]).toEqual([400, "invalid-json"])
        else accounted(r, items.length)
      }),
      { numRuns: 100 }
    )
  })

  it("arbitrary NDJSON lines: one item per non-blank line, then the summary", async () => {
    const line = fc.oneof(anyItem.map((x) => JSON.stringify(x) ?? "null"), fc.string().filter((t) => !t.includes("\n") && !t.includes("\r")))
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const r = await post(s.base, "/v1/validate/batch", lines.join("\n"), { "content-type": "application/x-ndjson" })
        expect(r.status).toBe(200)
        const out = r.text.trim().split("\n").map((l) => JSON.parse(l))
        const n = lines.filter((l) => l.trim() !== "").length
        expect(out).toHaveLength(n + 1)
        expect(out[n].summary.records).toBe(n)
      }),
      { numRuns: 100 }
    )
  })

  it("wrong content types: 415 with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("text/plain", "text/csv", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "image/png"),
        fc.constantFrom("/v1/validate", "/v1/validate/batch"),
        async (type, url) => {
          const r = await post(s.base, url, JSON.stringify(KZ), { "content-type": type })
          expect([r.status, r.json.error.code]).toEqual([415, "unsupported-media-type"])
        }
      ),
      { numRuns: 20 }
    )
  })

  it("huge arrays: at the limit every item is answered; one over is 413", async () => {
    accounted(await post(s.base, "/v1/validate/batch", JSON.stringify(Array.from({ length: 10_000 }, (_, i) => (i % 2 ? {} : 1))), json), 10_000)
    const over = await post(s.base, "/v1/validate/batch", JSON.stringify(Array.from({ length: 10_001 }, () => 0)), json)
    expect([over.status, over.json.error.code]).toEqual([413, "batch-too-large"])
  })

  it("deep nesting: a body or a field nested 100 000 deep is a typed error, not a crash", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`
    for (const url of ["/v1/validate", "/v1/validate/batch"]) {
      const r = await post(s.base, url, deep, json)
      expect(r.status).toBeLessThan(500)
    }
    const inField = `{"id":"D","sampledOn":"2024-06-15","product":"芹菜","results":[{"substance":"毒死蜱","value":${deep},"unit":"mg/kg"}]}`
    const r = await post(s.base, "/v1/validate", inField, json)
    expect(r.status).toBe(400)
    expect(r.json.error.path).toMatch(/^results\[0\]\.value/)
    const b = await post(s.base, "/v1/validate/batch", `[${inField},${JSON.stringify(KZ)}]`, json)
    accounted(b, 2)
    const nd = await post(s.base, "/v1/validate/batch", `${inField}\n${JSON.stringify(KZ)}`, { "content-type": "application/x-ndjson" })
    expect(nd.text.trim().split("\n")).toHaveLength(3)
  })
})
