/**
 * Issue 16: the look-ups read the region's effective rule set, the one validation judges with.
 * `limit --region` prints the row a sample from the region is judged against, with its layer and
 * the rows it overrides; `coverage` takes its target from the same composed parameters.
 *
 * The county pack (test/cli/pack-511923.json, 平昌县 under the bundled 巴中市 pack): 腐霉利 on
 * 韭菜 at 1 mg/kg (national 5 mg/kg), 噻虫嗪 on 韭菜 at 900 µg/kg (national 10 mg/kg: a row in
 * another unit), and a custom rule warning above half the limit that applies.
 */
import { PassThrough } from "node:stream"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { runCoverage, targetFor } from "@nongan/cli/Coverage"
import { createValidator } from "@nongan/sdk/Validator"
import { here, root, run } from "./run"

const PACK = here("pack-511923.json")
const COUNTY = "cn-511923-t16"

const limit = async (substance: string, on: string, region: string, ...more: ReadonlyArray<string>) => {
  const r = await run(["limit", substance, "韭菜", "--on", on, "--region", region, "--pack", PACK, ...more])
  expect(r.code, r.stderr).toBe(0)
  return r
}
const limitJson = async (substance: string, on: string, region: string) => JSON.parse((await limit(substance, on, region, "--format", "json")).stdout)

/** The residue findings and custom findings of one record from the region, through `nongan check`. */
const judged = async (region: string, results: ReadonlyArray<{ substance: string; value: string; unit: string }>, sampledOn = "2026-06-15") => {
  const record = { id: "K-16", kind: "inspection", sampledOn, product: "韭菜", region, method: "lab", results }
  const r = await run(["check", "-", "--format", "jsonl", "--pack", PACK], { stdin: `${JSON.stringify(record)}\n` })
  const [line] = r.stdout.split("\n")
  return JSON.parse(line!) as { findings: ReadonlyArray<Record<string, any>> }
}

describe("nongan limit --region reads the effective rule set", () => {
  test("腐霉利 @ 韭菜 in 511923: the county's 1 mg/kg applies, overriding the national 5 mg/kg row", async () => {
    const a = await limitJson("腐霉利", "2026-06-15", "511923")
    expect(a.applies).toMatchObject({ layer: COUNTY, jurisdiction: "511923", limit: "1", unit: "mg/kg", instrument: "测试文件", clause: "一", matchedAt: "韭菜" })
    expect(a.overrides).toEqual([a.national])
    expect(a.national).toMatchObject({ layer: "national", limit: "5", unit: "mg/kg" })
    // what each layer of the path says on its own: the city pack has no row, the county its own
    expect(a.layers.map((l: any) => [l.jurisdiction, l.limit?.limit ?? null])).toEqual([
      ["511900", null],
      ["511923", "1"]
    ])
    const text = (await limit("腐霉利", "2026-06-15", "511923")).stdout.split("\n")
    expect(text[0]).toMatch(/^腐霉利 @ 韭菜 2026-06-15 511923 平昌县: 1 mg\/kg {2}\[测试文件 一 · secondary\]/)
    expect(text[1]).toBe(`  适用: ${COUNTY}，取代 国家层 5 mg/kg (${a.national.ref})`)
    const en = (await limit("腐霉利", "2026-06-15", "511923", "--lang", "en")).stdout.split("\n")
    expect(en[1]).toBe(`  applies: ${COUNTY}, overriding national 5 mg/kg (${a.national.ref})`)
  })

  test("a row in µg/kg is compared in mg/kg: 900 µg/kg is stricter than 10 mg/kg", async () => {
    const a = await limitJson("噻虫嗪", "2026-06-15", "511923")
    expect(a.applies).toMatchObject({ layer: COUNTY, limit: "900", unit: "ug/kg" })
    expect(a.overrides.map((o: any) => [o.layer, o.limit, o.unit])).toEqual([["national", "10", "mg/kg"]])
  })

  test("what limit --region prints is the row validation applies, with the same layer, row and overrides", async () => {
    const samples = [
      { substance: "腐霉利", value: "0.7", unit: "mg/kg" },
      { substance: "噻虫嗪", value: "600", unit: "ug/kg" }
    ]
    const report = await judged("511923", samples)
    for (const { substance } of samples) {
      const a = await limitJson(substance, "2026-06-15", "511923")
      const residue = report.findings.filter((f) => f["substance"] === substance && f["outcome"] !== "custom")
      expect(residue).toHaveLength(1)
      const f = residue[0]!
      expect([f["limit"], f["unit"], f["layer"], f["source"], f["citation"]?.clause]).toEqual([Number(a.applies.limit), a.applies.unit, a.applies.layer, a.applies.instrument, a.applies.clause])
      expect(f["values"].overrides.map((o: any) => [o.layer, o.row, o.limit, o.unit])).toEqual(a.overrides.map((o: any) => [o.layer, o.ref, Number(o.limit), o.unit]))
      // the county's own rule reads the ratio against the limit that applies (0.7 of 1, 600 of 900)
      const custom = report.findings.filter((x) => x["substance"] === substance && x["outcome"] === "custom")
      expect(custom.map((x) => [x["rule"], x["layer"]])).toEqual([["half-limit", COUNTY]])
    }
  })

  test("a sibling county, a date before the pack, and the city itself: the national row, no overrides", async () => {
    for (const [region, on] of [
      ["511902", "2026-06-15"],
      ["511923", "2026-02-15"]
    ] as const) {
      const a = await limitJson("腐霉利", on, region)
      expect(a.applies?.layer).toBe("national")
      expect(a.applies).toEqual(a.national)
      expect(a.overrides).toEqual([])
      const f = (await judged(region, [{ substance: "腐霉利", value: "0.7", unit: "mg/kg" }], on)).findings.find((x) => x["substance"] === "腐霉利" && x["outcome"] !== "custom")
      expect([f?.["layer"], f?.["limit"] ?? null]).toEqual(["national", a.national === null ? null : Number(a.national.limit)])
    }
    const city = await limitJson("腐霉利", "2026-06-15", "511900")
    expect(city.applies.layer).toBe("national")
    expect(city.below.map((b: any) => [b.jurisdiction, b.limit.limit])).toEqual([["511923", "1"]])
  })
})

describe("nongan coverage takes its target from the effective rule set", () => {
  const cite = { instrument: "测试文件", clause: "目标" }
  const target = (value: string, more: Record<string, unknown> = {}) => ({ id: "certificate.coverage.target", value, unit: "ratio", direction: "at-least", citation: cite, ...more })
  const pack = (id: string, jurisdiction: string, parent: string | null, parameters: ReadonlyArray<unknown>) => ({
    kind: "rule-pack",
    id,
    jurisdiction,
    name: `测试 ${id}`,
    version: "1.0.0",
    effective: { from: "2026-01-01" },
    parent,
    source: cite,
    parameters
  })
  // the province sets 80 % on 带证上市率; the county 95 %, but only from July
  const packs = [
    pack("t16-510000", "510000", null, [target("0.80"), { id: "certificate.coverage.definition", value: "market-batch-coverage", citation: cite }]),
    pack("t16-511923", "511923", "511900", [target("0.95", { effective: { from: "2026-07-01" } })])
  ]
  const v = createValidator({ packs })
  if (!v.ok) throw new Error(JSON.stringify(v.errors))
  const c = v.value.composition

  test("the most specific target in force: the province's before July (the county's is not yet in force), the county's after", () => {
    expect(targetFor(c, "511923", "2026-06-30")).toEqual({ value: "0.80", citation: cite, layer: "t16-510000", definition: "market-batch-coverage" })
    // the county names no definition: its target is on the default one
    expect(targetFor(c, "511923", "2026-07-31")).toEqual({ value: "0.95", citation: cite, layer: "t16-511923", definition: "subject-coverage" })
    expect(targetFor(c, "511902", "2026-07-31")?.layer).toBe("t16-510000")
    expect(targetFor(c, "110101", "2026-07-31")).toBeUndefined()
    expect(targetFor(c, undefined, "2026-07-31")).toBeUndefined()
  })

  test("the report states the target of the region's effective parameters", () => {
    const out = new PassThrough()
    let text = ""
    out.on("data", (d) => (text += String(d)))
    const io = { out, err: new PassThrough() }
    const files = { registry: join(root("test/conformance"), "certificates-registry.json"), records: join(root("test/conformance"), "certificates-records.json") }
    const code = runCoverage(c, { ...files, period: "2026-06", region: "511923", format: "json", locale: "zh-CN" }, io)
    expect(code).toBe(0)
    const r = JSON.parse(text)
    expect(r.definition.id).toBe("market-batch-coverage")
    expect(r.target).toMatchObject({ value: "0.80", layer: "t16-510000" })
  })
})
