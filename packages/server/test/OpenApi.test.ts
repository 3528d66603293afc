import { readFileSync } from "node:fs"
import { join } from "node:path"
import Ajv2020 from "ajv/dist/2020"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openApi } from "@nongan/server/OpenApi"
import { dataVersion } from "@nongan/sdk/Packs"
import { get, post, type Running, start } from "./support"

let s: Running
beforeAll(async () => {
  s = await start()
})
afterAll(async () => s.close())

const doc = openApi(dataVersion())
const ajv = new Ajv2020({ strict: false, allErrors: true })
ajv.addSchema({ $id: "api", components: doc.components }, "api")
const check = (name: string, value: unknown) => {
  const validate = ajv.getSchema(`api#/components/schemas/${name}`)
  if (!validate) throw new Error(`no schema ${name}`)
  const good = validate(value)
  return good ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}

describe("the OpenAPI document", () => {
  it("matches the committed snapshot (regenerate: pnpm --filter @nongan/server openapi)", () => {
    const committed = readFileSync(join(import.meta.dirname, "..", "openapi.json"), "utf8")
    expect(`${JSON.stringify(doc, null, 2)}\n`).toBe(committed)
  })

  it("is what /openapi.json serves, and documents every route the service has", async () => {
    const r = await get(s.base, "/openapi.json")
    expect(r.json).toEqual(doc)
    const routes = s.app.printRoutes({ commonPrefix: false })
    for (const path of Object.keys(doc.paths)) {
      const fastifyPath = path.replace(/\{(\w+)\}/g, ":$1")
      for (const method of Object.keys(doc.paths[path]!)) expect(s.app.hasRoute({ method: method.toUpperCase() as "GET", url: fastifyPath }), `${method} ${path}`).toBe(true)
    }
    // and no route is undocumented (HEAD routes are Fastify's automatic companions of GET)
    const documented = new Set(Object.keys(doc.paths).map((p) => p.replace(/\{(\w+)\}/g, ":$1")))
    // printRoutes draws a tree: a child's segment continues its parent's path
    const stack: Array<string> = []
    const full: Array<string> = []
    for (const line of routes.split("\n")) {
      const at = line.indexOf("/")
      if (at < 0) continue
      const depth = Math.floor(at / 4)
      const segment = line.slice(at).split(" (")[0]!.trim()
      stack.length = depth
      stack[depth] = segment
      if (line.includes("(")) full.push(stack.join(""))
    }
    expect(full.length).toBeGreaterThanOrEqual(documented.size)
    for (const l of full) expect(documented.has(l), l).toBe(true)
  })

  it("its schemas come from the library's Effect schemas (the inspection record as rules/schema emits it)", () => {
    const emitted = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "rules", "schema", "inspection-record.schema.json"), "utf8"))
    const ours = JSON.stringify(doc.components.schemas.InspectionRecord).replaceAll("#/components/schemas/", "#/$defs/")
    const dropIds = (u: unknown): unknown =>
      Array.isArray(u) ? u.map(dropIds) : u !== null && typeof u === "object" ? Object.fromEntries(Object.entries(u).filter(([k]) => k !== "$id").map(([k, v]) => [k, dropIds(v)])) : u
    expect(JSON.parse(ours)).toEqual(dropIds(emitted.$defs.InspectionRecord))
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(Object.keys(emitted.$defs)))
  })

  it("describes the real answers: reports, failures, batches, packs, health and errors validate against it", async () => {
    const rec = { id: "A1", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", region: "511923", results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }, { substance: "无名", value: "1", unit: "mg/kg" }] }
    const one = await post(s.base, "/v1/validate", JSON.stringify(rec))
    expect(one.status).toBe(200)
    expect(check("DecisionReport", one.json)).toEqual([])
    const bad = await post(s.base, "/v1/validate", JSON.stringify({ id: 7 }))
    expect(bad.status).toBe(400)
    expect(check("DecisionFailure", bad.json)).toEqual([])
    const lines = readFileSync(join(import.meta.dirname, "..", "..", "..", "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n").slice(0, 200)
    const batch = await post(s.base, "/v1/validate/batch", `[${lines.join(",")},{"kind":"pesticide-application"},3]`)
    expect(check("BatchResponse", batch.json)).toEqual([])
    expect(check("PacksResponse", (await get(s.base, "/v1/packs")).json)).toEqual([])
    const q = (o: Record<string, string>) => new URLSearchParams(o).toString()
    expect(check("LimitAnswer", (await get(s.base, `/v1/limits?${q({ substance: "克百威", food: "豇豆", on: "2026-06-15" })}`)).json)).toEqual([])
    expect(check("LimitAnswer", (await get(s.base, `/v1/limits?${q({ substance: "克百威", food: "牛肉", on: "2026-06-15" })}`)).json)).toEqual([])
    expect(check("StatusAnswer", (await get(s.base, `/v1/status?${q({ substance: "克百威", on: "2018-10-01", food: "甘蔗" })}`)).json)).toEqual([])
    expect(check("StatusAnswer", (await get(s.base, `/v1/status?${q({ substance: "恩诺沙星", on: "2024-01-01", species: "鸡", state: "laying" })}`)).json)).toEqual([])
    expect(check("ResolvedFood", (await get(s.base, `/v1/foods/${encodeURIComponent("长豆角")}`)).json)).toEqual([])
    expect(check("ResolvedFood", (await get(s.base, `/v1/foods/${encodeURIComponent("鸡蛋")}`)).json)).toEqual([])
    expect(check("Substance", (await get(s.base, `/v1/substances/${encodeURIComponent("呋喃丹")}`)).json)).toEqual([])
    expect(check("Health", (await get(s.base, "/healthz")).json)).toEqual([])
    expect(check("Health", (await get(s.base, "/readyz")).json)).toEqual([])
    expect(check("HttpError", (await post(s.base, "/v1/validate", "{x")).json)).toEqual([])
    expect(check("HttpError", (await get(s.base, "/nothing")).json)).toEqual([])
    // and the check can fail: a report without its verdict does not validate
    const { verdict: _, ...noVerdict } = one.json
    expect(check("DecisionReport", noVerdict)).not.toEqual([])
  })

  it("the example records of the README validate against the request schema", () => {
    const lines = readFileSync(join(import.meta.dirname, "..", "..", "..", "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n").slice(0, 100)
    for (const l of lines) expect(check("AnyRecord", JSON.parse(l))).toEqual([])
  })
})
