import { spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { run } from "../../../test/support/cli"

const dir = mkdtempSync(join(tmpdir(), "nongan-cli-"))
const file = (name: string, text: string) => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe("nongan status", () => {
  test("甲拌磷 anywhere: not prohibited on 2024-08-31, prohibited from 2024-09-01 (公告第536号)", async () => {
    const before = JSON.parse((await run(["status", "甲拌磷", "--on", "2024-08-31", "--format", "json"])).stdout)
    const after = JSON.parse((await run(["status", "甲拌磷", "--on", "2024-09-01", "--format", "json"])).stdout)
    expect(before.prohibited).toBe(false)
    expect(after.prohibited).toBe(true)
    expect(after.substance).toBe("甲拌磷")
    expect(after.citations.some((c: { instrument: string }) => c.instrument.includes("536"))).toBe(true)
    expect(Array.isArray(after.statuses)).toBe(true)
  })
  test("aliases resolve: 呋喃丹 on 豇豆 in 2025 is 克百威 and prohibited", async () => {
    const r = JSON.parse((await run(["status", "呋喃丹", "--on", "2025-06-01", "--food", "豇豆", "--format", "json"])).stdout)
    expect(r.substance).toBe("克百威")
    expect(r.prohibited).toBe(true)
  })
  test("an unknown substance is exit 1 with the nearest names", async () => {
    const r = await run(["status", "克百为", "--on", "2025-06-01", "--format", "json"])
    expect(r.code).toBe(1)
    const e = JSON.parse(r.stdout)
    expect(e.error.code).toBe("unknown-substance")
    expect(e.error.params.nearest).toContain("克百威")
  })
  test("a bad date is exit 1 with invalid-date", async () => {
    const r = await run(["status", "克百威", "--on", "2025-02-30", "--format", "json"])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).error.code).toBe("invalid-date")
  })
  test("usage errors exit 2", async () => {
    expect((await run(["status", "克百威"])).code).toBe(2)
    expect((await run(["frobnicate"])).code).toBe(2)
    expect((await run(["check", "x.jsonl", "--format", "xml"])).code).toBe(2)
    expect((await run(["check", join(dir, "missing.jsonl")])).code).toBe(2)
    expect((await run([])).code).toBe(2)
  })
})

describe("nongan check inputs", () => {
  const rec = { id: "A1", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] }
  test("JSON array, JSON Lines and CSV give the same verdicts", async () => {
    const csv = file(
      "r.csv",
      "id,sampledOn,product,substance,value,unit\nA1,2024-06-15,芹菜,毒死蜱,0.13,mg/kg\nA2,2024-06-15,韭菜,腐霉利,0.1,mg/kg\nA2,2024-06-15,韭菜,毒死蜱,ND,mg/kg\n"
    )
    const rec2 = { id: "A2", kind: "inspection", sampledOn: "2024-06-15", product: "韭菜", results: [{ substance: "腐霉利", value: "0.1", unit: "mg/kg" }, { substance: "毒死蜱", value: "ND", unit: "mg/kg" }] }
    const jsonl = file("r.jsonl", `${JSON.stringify(rec)}\n${JSON.stringify(rec2)}\n`)
    const json = file("r.json", JSON.stringify([rec, rec2]))
    const outs = await Promise.all([csv, jsonl, json].map((f) => run(["check", f, "--format", "jsonl"])))
    const verdicts = outs.map((o) => o.stdout.trim().split("\n").map((l) => { const j = JSON.parse(l); return `${j.id}:${j.verdict}:${j.findings.length}` }))
    expect(verdicts[0]).toEqual(["A1:non-compliant:2", "A2:compliant:2"])
    expect(verdicts[1]).toEqual(verdicts[0])
    expect(verdicts[2]).toEqual(verdicts[0])
  })
  test("Chinese CSV headers are accepted; other columns are kept and passed through (issue 14)", async () => {
    const ok = await run(["check", file("zh.csv", "样品编号,抽样日期,产品名称,检测项目,检测值,单位\nZ1,2024-06-15,芹菜,毒死蜱,0.13,mg/kg\n"), "--format", "jsonl"])
    expect(JSON.parse(ok.stdout).verdict).toBe("non-compliant")
    const extra = await run(["check", file("extra.csv", "id,sampledOn,product,substance,value,unit,colour\nZ1,2024-06-15,芹菜,毒死蜱,0.13,mg/kg,red\n"), "--format", "csv"])
    expect(extra.code).toBe(0)
    expect(extra.stdout.split("\n")[0]).toContain("colour")
    expect(extra.stdout.split("\n")[1]).toContain("red")
  })
  test("a malformed line is reported with its line number, the batch goes on, exit 1", async () => {
    const r = await run(["check", file("m.jsonl", `${JSON.stringify(rec)}\n{not json\n${JSON.stringify({ ...rec, id: "A3" })}\n`), "--format", "jsonl"])
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(lines.map((l) => l.id)).toEqual(["A1", null, "A3"])
    expect(lines[1].error.code).toBe("invalid-json")
    expect(lines[1].error.path).toBe("line[2]")
    expect(r.code).toBe(1)
    expect(r.stderr).toContain("3")
  })
  test("--lang en renders English; the table shows the summary line", async () => {
    const r = await run(["check", file("one.jsonl", `${JSON.stringify(rec)}\n`), "--lang", "en"])
    expect(r.stdout).toContain("non-compliant")
    expect(r.stdout).toContain("1 records: 0 compliant, 1 non-compliant")
  })
})

test("the real binary reads standard input and sets the exit status", () => {
  const line = JSON.stringify({ id: "S1", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: [{ substance: "毒死蜱", value: "ND" }] })
  const r = spawnSync(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", join(import.meta.dirname, "..", "src", "bin.ts"), "check", "-", "--format", "jsonl"], {
    input: `${line}\nbroken\n`,
    encoding: "utf8",
    cwd: join(import.meta.dirname, "..", "..", "..")
  })
  expect(r.status).toBe(1)
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l))
  expect(lines[0].verdict).toBe("compliant")
  expect(lines[1].error.code).toBe("invalid-json")
}, 30_000)
