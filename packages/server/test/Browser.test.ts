// @nongan/sdk/Browser in Node: built from data objects, it judges as the file-based SDK does.
// (test/http/web.test.ts runs it in Chromium.)
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { createBrowserValidator } from "@nongan/sdk/Browser"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { dataVersion } from "@nongan/sdk/Packs"
import { createValidator } from "@nongan/sdk/Validator"

const dir = rulesDir()
const national = readDataDir(join(dir, "national"), dir)
const regions = readDataDir(join(dir, "regions"), dir)
if (!national.ok || !regions.ok) throw new Error("rule data")
const data = { version: dataVersion(dir), national: national.value, regions: regions.value }
const lines = readFileSync(join(import.meta.dirname, "..", "..", "..", "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n").slice(0, 1000)
const records = [...lines.map((l) => JSON.parse(l)), 7, null, [], { kind: "pesticide-application" }, { kind: "nope" }]
const json = (v: { ok: boolean; report?: unknown; failure?: unknown }) => JSON.parse(JSON.stringify(v.ok ? v.report : v.failure))

describe("createBrowserValidator", () => {
  for (const locale of ["zh-CN", "en"] as const)
    it(`gives the SDK's reports and failures (${locale}), pack hashes included`, () => {
      const b = createBrowserValidator({ data, locale })
      const n = createValidator({ locale })
      if (!b.ok || !n.ok) throw new Error("validators")
      expect(b.value.composition.national).toEqual(n.value.composition.national)
      expect([...b.value.validateMany(records)].map(json)).toEqual([...n.value.validateMany(records)].map(json))
    })

  it("takes extra packs, the default region and the decision rule like the SDK", () => {
    const pack = {
      kind: "rule-pack", id: "cn-330100-demo", jurisdiction: "330100", name: "杭州市（示例）", version: "1.0.0",
      effective: { from: "2020-01-01" }, parent: "330000", source: { instrument: "示例文件" },
      customRules: [{ name: "celery-watch", conditions: { all: [{ fact: "product", operator: "equal", value: "芹菜" }] },
        event: { type: "local.celery-watch", params: { severity: "info", message: "芹菜重点监测" } }, citation: { instrument: "示例文件" } }]
    }
    const o = { packs: [pack], region: "330106", decisionRule: { uncertainty: "0.5" } } as const
    const b = createBrowserValidator({ data, ...o })
    const n = createValidator(o)
    if (!b.ok || !n.ok) throw new Error("validators")
    const rec = { id: "H1", sampledOn: "2024-06-15", product: "芹菜", results: [{ substance: "毒死蜱", value: "0.06", unit: "mg/kg" }] }
    const r = b.value.validate(rec)
    expect(json(r)).toEqual(json(n.value.validate(rec)))
    expect(r.ok && r.report.findings.some((f) => f.rule === "celery-watch")).toBe(true)
  })

  it("returns the loading errors of bad data instead of throwing", () => {
    const bad = createBrowserValidator({ data: { ...data, national: [...data.national, { path: "national/x.json", json: { kind: "nonsense" } }] } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors[0]!.path[0]).toBe("national/x.json")
    const loose = createBrowserValidator({ data, packs: [{ kind: "rule-pack" }] })
    expect(loose.ok).toBe(false)
    const rule = createBrowserValidator({ data, decisionRule: { uncertainty: "-1" } })
    expect(rule.ok || rule.errors[0]!.code).toBe("invalid-decimal")
  })
})
