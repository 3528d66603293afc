// The compact view (`POST /v1/validate/batch?view=compact`, issue 15) over loopback HTTP: for the
// same batch it is a projection of the full reports (every field kept is the full report's own,
// a citation or list of packs looked up in its table is the report's), JSON and NDJSON alike,
// over real and generated records; per-item errors stay, in the request's language; the answers
// validate against the OpenAPI document; and its bytes are JSON.stringify's.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import Ajv2020 from "ajv/dist/2020"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { emptySummary } from "@nongan/core/Verdict"
import { compactBatch, compactBatchBytes, makeCompactor } from "@nongan/server/CompactView"
import { openApi } from "@nongan/server/OpenApi"
import { jsonBytes, utf8 } from "@nongan/server/Wire"
import { post, type Running, start, withoutDecisionId } from "./support"

const root = join(import.meta.dirname, "..", "..", "..")
const lines = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n")
const records = lines.map((l) => JSON.parse(l) as Record<string, any>)

let s: Running
beforeAll(async () => {
  s = await start()
})
afterAll(async () => s.close())

const ajv = new Ajv2020({ strict: false, allErrors: true })
ajv.addSchema({ $id: "api", components: openApi("0").components }, "api")
const check = (name: string, value: unknown) => {
  const validate = ajv.getSchema(`api#/components/schemas/${name}`)
  if (!validate) throw new Error(`no schema ${name}`)
  return validate(value) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)
}

// The fields the compact view keeps, written out here apart from the module, as the contract
const FINDING_FIELDS = ["code", "severity", "substance", "food", "measured", "limit", "unit", "verification", "referral", "error"] as const
const REPORT_FIELDS = ["id", "verdict", "verification"] as const

/**
 * Checks that a compact answer's item is the projection of the full item: same keys kept, same
 * values, references resolving to the full report's citations and packs, nothing else.
 */
const expectProjection = (compact: any, full: any, tables: { citations: Array<unknown>; packSets: Array<unknown> }, where: string) => {
  if (!("verdict" in full)) {
    // a failure: unchanged (its messages in the request's language)
    expect(withoutDecisionId(compact), where).toEqual(withoutDecisionId(full))
    return
  }
  const expected: Record<string, unknown> = {}
  for (const k of REPORT_FIELDS) if (full[k] !== undefined) expected[k] = full[k]
  expected.findings = full.findings.map((f: any) => {
    const g: Record<string, unknown> = {}
    for (const k of FINDING_FIELDS) if (f[k] !== undefined) g[k] = f[k]
    if (f.citation !== undefined) g.citation = f.citation
    if (f.citations !== undefined) g.citations = f.citations
    return g
  })
  if (full.packs !== undefined) expected.packs = full.packs
  // the compact item with its references looked up
  const resolved: Record<string, unknown> = {}
  for (const k of Object.keys(compact)) {
    if (k === "decisionId") continue
    if (k === "packsRef") resolved.packs = tables.packSets[compact.packsRef]
    else if (k === "findings")
      resolved.findings = compact.findings.map((f: any) => {
        const g: Record<string, unknown> = {}
        for (const fk of Object.keys(f)) {
          if (fk === "citationRef") g.citation = tables.citations[f.citationRef]
          else if (fk === "citationRefs") g.citations = f.citationRefs.map((i: number) => tables.citations[i])
          else g[fk] = f[fk]
        }
        return g
      })
    else resolved[k] = compact[k]
  }
  expect(resolved, where).toEqual(expected)
  expect(typeof compact.decisionId, where).toBe("string")
}

const expectAnswerProjects = (compact: any, full: any) => {
  expect(compact.view).toBe("compact")
  expect(compact.items).toHaveLength(full.items.length)
  expect(compact.summary).toEqual(full.summary)
  compact.items.forEach((item: any, i: number) => expectProjection(item, full.items[i], compact, `item ${i}`))
  // each table entry once, and every entry used
  const texts = compact.citations.map((c: unknown) => JSON.stringify(c))
  expect(new Set(texts).size).toBe(texts.length)
  const used = new Set<number>()
  for (const item of compact.items) for (const f of item.findings ?? []) for (const r of [...(f.citationRef === undefined ? [] : [f.citationRef]), ...(f.citationRefs ?? [])]) used.add(r)
  expect(used.size).toBe(compact.citations.length)
  expect(new Set(compact.packSets.map((p: unknown) => JSON.stringify(p))).size).toBe(compact.packSets.length)
}

// 1,000 real records; a record of each other kind; an analyte that cannot be read; bad items
const unreadable = { id: "U1", sampledOn: "2024-06-15", product: "黄瓜", results: [{ substance: "阿维菌素", value: "abc", unit: "mg/kg" }, { substance: "镉", value: "0.01", unit: "mg/kg" }] }
const body = `[${lines.slice(0, 1000).join(",")},{"kind":"pesticide-application"},3,${JSON.stringify(unreadable)},{"id":"X","sampledOn":"2026-13-01","product":"芹菜","results":[]}]`

describe("POST /v1/validate/batch?view=compact", () => {
  it("is a projection of the full reports of the same batch, in far fewer bytes", async () => {
    const full = await post(s.base, "/v1/validate/batch", body)
    const compact = await post(s.base, "/v1/validate/batch?view=compact", body)
    expect([full.status, compact.status]).toEqual([200, 200])
    expect(compact.type).toBe("application/json; charset=utf-8")
    expect(compact.json.items).toHaveLength(1004)
    expectAnswerProjects(compact.json, full.json)
    expect(Buffer.byteLength(compact.text)).toBeLessThan(Buffer.byteLength(full.text) * 0.35)
    // the full form, whose bytes are now written by the service itself, is still JSON.stringify's
    expect(full.text).toBe(JSON.stringify(full.json))
    expect(full.type).toBe("application/json; charset=utf-8")
  })

  it("keeps per-item errors and the messages of unreadable analytes, in the request's language", async () => {
    for (const lang of ["zh-CN", "en"]) {
      const headers = { "content-type": "application/json", "accept-language": lang }
      const full = await post(s.base, "/v1/validate/batch", body, headers)
      const compact = await post(s.base, "/v1/validate/batch?view=compact", body, headers)
      expectAnswerProjects(compact.json, full.json)
      const failures = compact.json.items.filter((i: any) => "error" in i)
      expect([1000, 1001, 1003].map((i) => compact.json.items[i].error?.code)).toEqual(["missing-field", "invalid-type", "invalid-date"])
      expect(failures.length).toBe(compact.json.summary.malformed)
      const u = compact.json.items.find((i: any) => i.id === "U1")
      const bad = u.findings.find((f: any) => f.error !== undefined)
      expect(bad.code).toBe("analyte.unreadable")
      // the messages without the input they quote (in backticks)
      const message = `${bad.error.message}${failures.map((f: any) => f.error.message).join("")}`.replace(/`[^`]*`/g, "")
      if (lang === "en") expect(message).not.toMatch(/[\u4e00-\u9fff]{2}/)
      else expect(message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it("is a projection of the full reports for generated batches", async () => {
    const record = fc
      .record({
        base: fc.integer({ min: 0, max: records.length - 1 }),
        keep: fc.integer({ min: 0, max: 6 }),
        value: fc.option(fc.oneof(fc.constantFrom("0", "0.01", "abc", "-1", "1e9", "0.0200000000000000001"), fc.double({ min: 0, max: 10, noNaN: true }).map(String)), { nil: undefined }),
        drop: fc.option(fc.constantFrom("product", "sampledOn", "results", "id"), { nil: undefined }),
        region: fc.option(fc.constantFrom("500154", "511923", "330106", "999999"), { nil: undefined })
      })
      .map(({ base, keep, value, drop, region }) => {
        const r: Record<string, any> = { ...records[base]!, results: records[base]!.results?.slice(0, Math.max(1, keep)) }
        if (value !== undefined && r.results?.[0]) r.results = [{ ...r.results[0], value }, ...r.results.slice(1)]
        if (region !== undefined) r.region = region
        if (drop !== undefined) delete r[drop]
        return r
      })
    let items = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 9, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue() }), { minLength: 1, maxLength: 40 }), fc.constantFrom("zh-CN", "en"), async (batch, lang) => {
        const text = JSON.stringify(batch)
        const headers = { "content-type": "application/json", "accept-language": lang }
        const full = await post(s.base, "/v1/validate/batch", text, headers)
        const compact = await post(s.base, "/v1/validate/batch?view=compact", text, headers)
        expect([full.status, compact.status]).toEqual([200, 200])
        expectAnswerProjects(compact.json, full.json)
        expect(check("CompactViewBatchResponse", compact.json)).toEqual([])
        items += batch.length
      }),
      { numRuns: 60 }
    )
    expect(items).toBeGreaterThan(300)
  })

  it("streams in NDJSON: table lines before the items that use them, the same items as the JSON answer", async () => {
    const some = lines.slice(0, 300)
    const nd = [...some, "{not json", '{"kind":"pesticide-application"}'].join("\n")
    const streamed = await post(s.base, "/v1/validate/batch?view=compact", nd, { "content-type": "application/x-ndjson", "accept-language": "en" })
    expect(streamed.status).toBe(200)
    expect(streamed.type).toContain("application/x-ndjson")
    const out = streamed.text.trim().split("\n").map((l) => JSON.parse(l))
    const tables = { citations: [] as Array<unknown>, packSets: [] as Array<unknown> }
    const items: Array<any> = []
    for (const line of out.slice(0, -1)) {
      if ("decisionId" in line) {
        // every reference is already defined
        for (const f of line.findings ?? []) for (const r of [...(f.citationRef === undefined ? [] : [f.citationRef]), ...(f.citationRefs ?? [])]) expect(r).toBeLessThan(tables.citations.length)
        if (line.packsRef !== undefined) expect(line.packsRef).toBeLessThan(tables.packSets.length)
        items.push(line)
      } else {
        expect(check("CompactViewTables", line)).toEqual([])
        expect(Object.keys(line).length).toBeGreaterThan(0)
        tables.citations.push(...(line.citations ?? []))
        tables.packSets.push(...(line.packSets ?? []))
      }
    }
    expect(out.at(-1)!.summary.records).toBe(302)
    expect(items).toHaveLength(302)
    // the same as the full NDJSON answer, projected
    const fullText = await post(s.base, "/v1/validate/batch", nd, { "content-type": "application/x-ndjson", "accept-language": "en" })
    const full = fullText.text.trim().split("\n").map((l) => JSON.parse(l))
    expectAnswerProjects({ view: "compact", items, summary: out.at(-1)!.summary, ...tables }, { items: full.slice(0, -1), summary: full.at(-1)!.summary })
    expect(items.at(-2).error.code).toBe("invalid-json")
    // and the same items as the JSON answer of the same records (decision ids aside)
    const json = await post(s.base, "/v1/validate/batch?view=compact", `[${some.join(",")}]`, { "content-type": "application/json", "accept-language": "en" })
    expect(items.slice(0, 300).map(withoutDecisionId)).toEqual(json.json.items.map(withoutDecisionId))
    expect(tables.citations).toEqual(json.json.citations)
    expect(tables.packSets).toEqual(json.json.packSets)
  })

  it("is described by the OpenAPI document (CompactViewBatchResponse), and by it alone", async () => {
    const compact = await post(s.base, "/v1/validate/batch?view=compact", body)
    expect(check("CompactViewBatchResponse", compact.json)).toEqual([])
    expect(check("BatchResponse", compact.json)).not.toEqual([])
    expect(check("CompactBatchResponse", compact.json)).not.toEqual([])
    const empty = await post(s.base, "/v1/validate/batch?view=compact", "[]")
    expect(empty.json).toEqual({ view: "compact", items: [], summary: emptySummary(), citations: [], packSets: [] })
    expect(check("CompactBatchResponse", empty.json)).not.toEqual([])
    const op = (openApi("0").paths["/v1/validate/batch"] as any).post
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain("view")
    expect(JSON.stringify(op.responses["200"])).toContain("CompactViewBatchResponse")
  })

  it("full is the default; an unknown view, or view=compact with citations=full, is a 400 with a typed error", async () => {
    const one = `[${lines[0]}]`
    const dflt = await post(s.base, "/v1/validate/batch", one)
    const full = await post(s.base, "/v1/validate/batch?view=full", one)
    expect(full.json.items.map(withoutDecisionId)).toEqual(dflt.json.items.map(withoutDecisionId))
    expect(dflt.json.view).toBeUndefined()
    const shared = await post(s.base, "/v1/validate/batch?view=compact&citations=shared", one)
    expect(shared.json.view).toBe("compact")
    for (const [q, path] of [
      ["view=brief", "view"],
      ["view=compact&view=full", "view"],
      ["view=compact&citations=full", "citations"]
    ]) {
      const bad = await post(s.base, `/v1/validate/batch?${q}`, one, { "content-type": "application/json", "accept-language": "en" })
      expect([bad.status, bad.json.error.code, bad.json.error.path], q).toEqual([400, "invalid-value", path])
      expect(bad.json.error.message, q).not.toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe("the compact view's bytes", () => {
  it("compactBatchBytes is JSON.stringify of compactBatch, for frozen and unfrozen citations alike", () => {
    const frozen = Object.freeze({ instrument: "GB 2763-2021", clause: "4.53", note: "“引号” \\ \"q\" \u2028 😀" })
    const packs = [Object.freeze({ id: "cn-national", jurisdiction: "000000", version: "0.1.0", hash: "9a".repeat(32) })]
    const f = (citation: object) => ({ code: "residue.not-detected", outcome: "not-detected", severity: "info", substance: "克百威", citation }) as const
    const items = [
      { id: "A", verdict: "compliant", decisionId: "d1", packs, findings: [f(frozen), f({ ...frozen })] },
      { id: "B", verdict: "compliant", decisionId: "d2", packs: [...packs], findings: [{ ...f(frozen), citation: undefined, citations: [frozen, { instrument: "x" }] }] },
      { id: null, error: { code: "invalid-json", path: "", message: "m" }, decisionId: "d3" }
    ] as never
    for (let round = 0; round < 2; round++) {
      const summary = { ...emptySummary(), records: 3 }
      expect(compactBatchBytes(items, summary).toString("utf8")).toBe(JSON.stringify(compactBatch(items, summary)))
      const c = compactBatch(items, summary)
      expect(c.citations).toHaveLength(2)
      expect(c.packSets).toHaveLength(1)
    }
  })

  it("a compactor's tables grow by what take() hands out, once", () => {
    const c = makeCompactor()
    const cit = { instrument: "GB 2763-2021" }
    c.item({ id: "A", verdict: "compliant", decisionId: "d", findings: [{ code: "c", outcome: "not-detected", severity: "info", citation: cit }] } as never)
    expect(c.take()).toEqual({ citations: [cit] })
    c.item({ id: "B", verdict: "compliant", decisionId: "d", findings: [{ code: "c", outcome: "not-detected", severity: "info", citation: { ...cit } }] } as never)
    expect(c.take()).toBeUndefined()
  })

  it("utf8 and jsonBytes give Buffer.from's bytes (Chinese, astral, escapes, long and short)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 3000 }), fc.string({ unit: "binary", maxLength: 3000 }), fc.jsonValue()), (v) => {
        const text = typeof v === "string" ? v : JSON.stringify(v)
        expect(utf8(text).equals(Buffer.from(text, "utf8"))).toBe(true)
        expect(jsonBytes(v).equals(Buffer.from(JSON.stringify(v), "utf8"))).toBe(true)
      })
    )
    const long = "克百威😀".repeat(2000)
    expect(utf8(long).equals(Buffer.from(long))).toBe(true)
  })
})
