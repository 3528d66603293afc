// Issue 16: `GET /v1/limits?region=` answers from the region's effective rule set — the row
// validation judges a sample from the region against, with its layer and the rows it overrides —
// the same answer as `nongan limit --region`. Without `region`, the national answer as before.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createRequire } from "node:module"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { limitAnswer } from "@nongan/cli/Lookup"
// the workspace root does not depend on @nongan/server: its sources, as its own tests read them
import { openApi } from "../../packages/server/src/OpenApi"
import { dataVersion } from "@nongan/sdk/Packs"
import { createValidator } from "@nongan/sdk/Validator"
import { get, type Running, start } from "../../packages/server/test/support"

// 平昌县 (511923): 腐霉利 on 韭菜 at 1 mg/kg (national 5), 噻虫嗪 on 韭菜 at 900 µg/kg (national 10 mg/kg)
const county = JSON.parse(readFileSync(join(import.meta.dirname, "..", "cli", "pack-511923.json"), "utf8"))
const COUNTY = county.id as string

let s: Running
beforeAll(async () => {
  s = await start({ validator: { packs: [county] } })
})
afterAll(async () => s.close())

const ask = (q: Record<string, string>) => get(s.base, `/v1/limits?${new URLSearchParams(q)}`)

// ajv is the service's (test) dependency, not the workspace root's
const Ajv2020 = createRequire(join(import.meta.dirname, "..", "..", "packages", "server", "package.json"))("ajv/dist/2020").default
const doc = openApi(dataVersion())
const ajv = new Ajv2020({ strict: false, allErrors: true })
ajv.addSchema({ $id: "api", components: doc.components }, "api")
const conforms = (value: unknown) => {
  const validate = ajv.getSchema("api#/components/schemas/LimitAnswer")!
  return validate(value) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`)
}

describe("GET /v1/limits?region=", () => {
  it("腐霉利 @ 韭菜 in 511923: the county's 1 mg/kg with its layer, overriding the national 5 mg/kg", async () => {
    const r = await ask({ substance: "腐霉利", food: "韭菜", on: "2026-06-15", region: "511923" })
    expect(r.status).toBe(200)
    expect(conforms(r.json)).toEqual([])
    expect(r.json).toMatchObject({ region: "511923", outcome: "limit", limit: { value: "1", unit: "mg/kg", layer: COUNTY, instrument: "测试文件", citation: { clause: "一" } } })
    expect(r.json.overrides.map((o: any) => [o.layer, o.value, o.unit])).toEqual([["national", "5", "mg/kg"]])
    // the national answer is the row overridden
    const n = await ask({ substance: "腐霉利", food: "韭菜", on: "2026-06-15" })
    const { layer: _layer, ...overridden } = r.json.overrides[0]
    expect(overridden).toEqual(n.json.limit)
  })

  it("is the answer of nongan limit --region, row for row (a row in µg/kg included)", async () => {
    const v = createValidator({ packs: [county] })
    if (!v.ok) throw new Error(JSON.stringify(v.errors))
    const c = v.value.composition
    for (const substance of ["腐霉利", "噻虫嗪"])
      for (const region of ["511923", "511902", "110101"]) {
        const http = (await ask({ substance, food: "韭菜", on: "2026-06-15", region })).json
        const cli = limitAnswer(c, { substance, food: "韭菜", on: "2026-06-15", region })
        if (!cli.ok) throw new Error(JSON.stringify(cli.errors))
        const a = cli.value
        const view = (l: { layer?: string; value?: string | null; limit?: string | null; unit: string; verification: string; matchedAt?: string }) => [l.layer, "value" in l ? l.value : l.limit, l.unit, l.verification, l.matchedAt]
        expect(view(http.limit), `${substance} ${region}`).toEqual(view(a.applies!))
        expect(http.limit.citation.clause).toBe(a.applies!.clause)
        expect(http.overrides.map(view)).toEqual(a.overrides.map(view))
      }
  })

  it("without region: the national answer, no layer and no overrides", async () => {
    const r = await ask({ substance: "腐霉利", food: "韭菜", on: "2026-06-15" })
    expect(r.json.limit.value).toBe("5")
    expect("layer" in r.json.limit || "overrides" in r.json || "region" in r.json).toBe(false)
    expect(conforms(r.json)).toEqual([])
  })

  it("a malformed region is 400, an unknown one 404 with the nearest codes", async () => {
    const bad = await ask({ substance: "腐霉利", food: "韭菜", on: "2026-06-15", region: "5119" })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.json)).toContain("invalid-region")
    const unknown = await ask({ substance: "腐霉利", food: "韭菜", on: "2026-06-15", region: "511999" })
    expect(unknown.status).toBe(404)
    expect(JSON.stringify(unknown.json)).toContain("unknown-region")
  })
})
