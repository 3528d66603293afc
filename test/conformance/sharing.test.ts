/**
 * What a returned report may share. `Validator.validate` promises a report that shares nothing
 * MUTABLE with the validator or with other reports: its top level, its `findings` array and each
 * finding are its own; anything else two reports hold (citations, pack references, category
 * paths, memoised readings and overrides) must be frozen. The property is checked on the
 * reports of every record kind — the conformance corpus, the certificate corpus with its
 * evidence, real sampling records in regions with and without packs, generated inspection and
 * use records, and records under custom rules whose findings carry the facts they read — each
 * validated TWICE by one validator, so that whatever a memo hands out again shows up as shared.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { createValidator, loadDataset, type Validation } from "@nongan/sdk/Validator"
import { inspection, REGIONS, useRecord } from "../fuzz/arbitraries"
import { cases } from "./corpus"

const dataset = loadDataset()
if (!dataset.ok) throw new Error("rule data does not load")

const cite = { instrument: "nongan 测试规则（非真实文件）", clause: "1" }
const fact = (f: string, operator: string, value: unknown) => ({ fact: f, operator, value })
// rules whose findings carry every kind of fact value: the category path (an array of the
// catalogue), the measured value, the ratio, the product and the outcome
const customRules = [
  { name: "near", conditions: { all: [fact("productCategoryPath", "contains", "蔬菜"), fact("ratioToLimit", "greaterThan", 0.1)] }, event: { type: "local.near", params: { severity: "warning", message: "near" } }, citation: cite },
  { name: "any-detected", conditions: { all: [{ not: fact("outcome", "in", ["not-detected", "screen-negative"]) }] }, event: { type: "local.detected" }, citation: cite },
  { name: "animal", conditions: { any: [fact("species", "equal", "猪"), fact("productCategoryPath", "contains", "水果")] }, event: { type: "local.animal" }, citation: cite }
]
const packs = [
  { kind: "rule-pack", id: "t-510000", jurisdiction: "510000", name: "四川省（测试）", version: "0.0.0-test", effective: { from: "2021-01-01" }, parent: null, source: cite, verification: "unverified", customRules },
  { kind: "rule-pack", id: "t-500000", jurisdiction: "500000", name: "重庆市（测试）", version: "0.0.0-test", effective: { from: "2021-01-01" }, parent: null, source: cite, verification: "unverified", customRules }
]

const certificateCases: ReadonlyArray<{ readonly record: unknown; readonly batch?: ReadonlyArray<unknown> }> = JSON.parse(
  readFileSync(join(import.meta.dirname, "certificates.json"), "utf8")
)

const sampling = readFileSync(join(import.meta.dirname, "..", "..", "examples", "sampling-batch.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .slice(0, 600)
  .map((l, i) => ({ ...(JSON.parse(l) as Record<string, unknown>), region: ["511923", "500154", "540103", "110101"][i % 4] }))

/** Every object and array reachable from a report, by the first path it was met at; the top level, `findings` and each finding are the report's own. */
const below = (report: object, into: Map<object, string>): void => {
  const walk = (v: unknown, path: string) => {
    if (typeof v !== "object" || v === null) return
    if (into.has(v)) return
    into.set(v, path)
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`))
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`)
  }
  for (const [k, v] of Object.entries(report)) {
    if (k === "findings" && Array.isArray(v)) v.forEach((f, i) => { for (const [fk, fv] of Object.entries(f as object)) walk(fv, `findings[${i}].${fk}`) })
    else walk(v, k)
  }
}

/** Runs each batch twice through one validator (batches through validateMany, so certificates find their evidence); returns every report. */
const reportsOf = (batches: ReadonlyArray<ReadonlyArray<unknown>>, withPacks: boolean): Array<object> => {
  const v = createValidator({ dataset: dataset.value, ...(withPacks ? { packs } : {}) })
  if (!v.ok) throw new Error(`validator: ${JSON.stringify(v.errors.slice(0, 3))}`)
  const out: Array<object> = []
  for (let pass = 0; pass < 2; pass++)
    for (const b of batches) for (const r of v.value.validateMany(structuredClone(b)) as Iterable<Validation>) if (r.ok) out.push(r.report)
  return out
}

/** The objects at least two reports hold that are not frozen, with a path of each (at most 10). */
const unfrozenShared = (reports: ReadonlyArray<object>): { shared: number; unfrozen: Array<string> } => {
  const owner = new Map<object, number>()
  const paths = new Map<object, string>()
  const shared = new Set<object>()
  reports.forEach((r, i) => {
    const mine = new Map<object, string>()
    below(r, mine)
    for (const [o, p] of mine) {
      const had = owner.get(o)
      if (had === undefined) {
        owner.set(o, i)
        paths.set(o, p)
      } else if (had !== i) shared.add(o)
    }
  })
  const unfrozen = [...shared].filter((o) => !Object.isFrozen(o)).map((o) => paths.get(o)!.replace(/\[\d+\]/g, "[]")).filter((p, i, a) => a.indexOf(p) === i).slice(0, 40)
  return { shared: shared.size, unfrozen }
}

// the tops of two reports, their findings arrays and their findings are never the same objects
const ownTops = (reports: ReadonlyArray<object>): number => {
  const seen = new Set<object>()
  let dup = 0
  const own = (o: object) => (seen.has(o) ? dup++ : seen.add(o))
  for (const r of reports) {
    own(r)
    const fs = (r as { findings?: Array<object> }).findings
    if (fs) {
      own(fs)
      for (const f of fs) own(f)
    }
  }
  return dup
}

describe("reports share only frozen objects", () => {
  const corpora: Array<[string, ReadonlyArray<ReadonlyArray<unknown>>, boolean]> = [
    ["conformance corpus", cases.map((c) => [c.record]), false],
    ["certificate corpus with evidence", certificateCases.map((c) => [...(c.batch ?? []), c.record]), false],
    ["sampling records in four regions", [sampling], false],
    ["sampling records under custom rules", [sampling], true],
    [
      "generated inspection and use records",
      [fc.sample(fc.oneof(inspection, useRecord), { numRuns: 400, seed: 17 }), fc.sample(inspection.map((r) => ({ ...r, region: REGIONS[1] })), { numRuns: 200, seed: 18 })],
      true
    ]
  ]
  for (const [name, batches, withPacks] of corpora)
    test(name, () => {
      const reports = reportsOf(batches, withPacks)
      expect(reports.length).toBeGreaterThan(0)
      const { shared, unfrozen } = unfrozenShared(reports)
      // the check has something to check: citations at least are shared between reports
      expect(shared).toBeGreaterThan(0)
      expect(unfrozen).toEqual([])
      expect(ownTops(reports)).toBe(0)
    })

  test("custom findings carry their facts, and a shared category path among them is frozen", () => {
    const reports = reportsOf([sampling], true)
    const custom = reports.flatMap((r) => (r as { findings: Array<{ outcome: string; values?: Record<string, unknown> }> }).findings).filter((f) => f.outcome === "custom")
    const paths = custom.map((f) => f.values?.["productCategoryPath"]).filter((p) => Array.isArray(p))
    expect(paths.length).toBeGreaterThan(0)
    for (const p of paths) expect(Object.isFrozen(p)).toBe(true)
  })
})
