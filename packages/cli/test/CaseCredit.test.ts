// `nongan case`, `nongan credit`, `nongan lists`: the doors over @nongan/cases and @nongan/credit,
// on the example files, in JSON, table and CSV.
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { run } from "../../../test/support/cli"

const facts = join(import.meta.dirname, "..", "..", "cases", "examples", "facts.jsonl")
const events = join(import.meta.dirname, "..", "..", "credit", "examples", "events.jsonl")
const dir = mkdtempSync(join(tmpdir(), "nongan-case-"))

describe("nongan case", () => {
  test("json: the banned-pesticide case goes to the police first, with the 310号 clock", async () => {
    const r = await run(["case", facts, "--format", "json"])
    expect(r.code).toBe(0)
    const cases = JSON.parse(r.stdout)
    const v01 = cases.find((c: { id: string }) => c.id === "V01")
    expect(v01.criminal).toBe(true)
    expect(v01.counts[0].criminal.clock.transferBy).toBe("2024-06-24")
    expect(v01.counts[0].administrative.status).toBe("if-returned-by-police")
  })
  test("csv: one row per count with article, authority and fine range", async () => {
    const r = await run(["case", facts, "--format", "csv"])
    const lines = r.stdout.trim().split("\n")
    expect(lines[0]).toContain("fineMin,fineMax")
    expect(lines.find((l) => l.startsWith("V10,"))).toContain("第一百二十四条第一款第（一）项,县级以上地方人民政府市场监督管理部门,50000,100000")
  })
  test("table and explain name the articles; a malformed record is exit 1 and the rest goes on", async () => {
    const bad = join(dir, "bad.jsonl")
    writeFileSync(bad, `{"id":"X1","subject":{"id":"S","type":"alien"},"stage":"production","actOn":"2024-01-01"}\n{"id":"X2","subject":{"id":"S","type":"farmer"},"stage":"production","actOn":"2024-01-01","violations":["traceability-breach"]}\n`)
    const r = await run(["case", bad, "--format", "explain"])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("第七十五条")
    expect(r.stdout).toContain("[authority]")
    expect(r.stderr).toContain("X1")
  })
  test("usage errors are exit 2", async () => {
    expect((await run(["case"])).code).toBe(2)
    expect((await run(["case", facts, "--format", "xml"])).code).toBe(2)
  })
})

describe("nongan credit and lists", () => {
  test("scores as of a date, explained point by point", async () => {
    const r = await run(["credit", events, "--as-of", "2025-12-31", "--format", "explain"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("中性模板")
    expect(r.stdout).toMatch(/S-KZ-002 {2}2025-12-31 {2}得分 83 {2}等级 B/)
    expect(r.stdout).toContain("E007 2025-03-01 case.administrative-penalty: repaired")
  })
  test("json and csv carry the supervision weight", async () => {
    const j = JSON.parse((await run(["credit", events, "--as-of", "2025-12-31", "--format", "json"])).stdout)
    expect(j.template).toBe(true)
    expect(j.scores.find((s: { subject: string }) => s.subject === "S-KZ-004").supervision.weight).toBe(2)
    const c = (await run(["credit", events, "--as-of", "2025-12-31", "--format", "csv"])).stdout.trim().split("\n")
    expect(c).toContain("S-KZ-004,2025-12-31,0,D,D,,,2,cn-credit-template")
  })
  test("lists as of a date, with the reason; the region's packs are layered", async () => {
    const r = await run(["lists", events, "--as-of", "2025-12-31", "--region", "140105", "--format", "json"])
    const j = JSON.parse(r.stdout)
    expect(j.layers).toEqual(["cn-credit-template", "cn-140000-credit-blacklist-2018"])
    const black = j.memberships.filter((m: { kind: string }) => m.kind === "black").map((m: { subject: string; rule: string }) => `${m.subject} ${m.rule}`)
    expect(black).toEqual(["S-KZ-002 two-failures-a-year", "S-KZ-004 criminal"])
    const early = JSON.parse((await run(["lists", events, "--as-of", "2025-06-09", "--format", "json", "--list", "black"])).stdout)
    expect(early.memberships.map((m: { subject: string }) => m.subject)).toEqual(["S-KZ-004"])
  })
  test("CSV events in, CSV scores out; a bad event row is exit 1 and the rest is scored", async () => {
    const csv = join(dir, "events.csv")
    writeFileSync(csv, "id,subject,type,on,target\nE1,S1,inspection.fail,2025-03-01,\nE2,S1,case.administrative-penalty,2025-04-01,\nE3,S1,credit.repair,2025-08-01,E2\nE4,S2,inspection.pass,2025-13-01,\n")
    const r = await run(["credit", csv, "--as-of", "2025-09-01", "--format", "csv"])
    expect(r.code).toBe(1)
    expect(r.stdout.trim().split("\n")[1]).toBe("S1,2025-09-01,90,A,A,,,0.5,cn-credit-template")
  })
  test("a missing --as-of is exit 2", async () => {
    expect((await run(["credit", events])).code).toBe(2)
  })
})
