/**
 * `nongan check --jobs N` writes the same bytes as `--jobs 1` (issue 16, Must 3): a few thousand
 * generated records (examples/sampling-batch.jsonl, plus blank and broken lines, records over
 * --max-analytes, records of a region whose pack does not load, and certificates naming earlier
 * records as evidence — in the same chunk, in an earlier chunk, and not at all), in every input
 * form (JSON Lines file and standard input, JSON, CSV, XLSX, several files) and output format,
 * with --region, own packs, --lang en, --rule uncertainty and --line. Small chunks (a few dozen
 * records) so that every run crosses many chunk and worker boundaries.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { AUTO_MAX_JOBS } from "@nongan/cli/CheckJobs"
import { loadExcel } from "@nongan/cli/Xlsx"
import { type Case, certificate, packed, runCase } from "./check-jobs-support"
import { root } from "./run"

let dir = ""
const path = (n: string) => join(dir, n)
const CHUNK = { chunkRecords: 37 }
let certificates = 0

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nongan-jobs-"))
  const batch = readFileSync(root("examples/sampling-batch.jsonl"), "utf8").split("\n").filter((l) => l !== "").slice(0, 2400)
  const records = batch.map((l) => JSON.parse(l) as Record<string, unknown>)
  const lines: Array<string> = []
  for (const [i, r] of records.entries()) {
    if (i % 97 === 5) r.region = "110102" // the bad pack's region: pack-unavailable
    if (i % 89 === 3) r.region = "110101" // the own pack's region
    if (i % 211 === 7) r.results = Array.from({ length: 25 }, () => ({ substance: "克百威", value: "ND", unit: "mg/kg" })) // over --max-analytes 20
    lines.push(JSON.stringify(r))
    if (i % 150 === 10) lines.push("")
    if (i % 333 === 20) lines.push(`{"id":"BROKEN-${i}", oops`)
    if (i % 60 === 30 && i > 400) {
      // evidence: the record just before (same chunk), one far back (an earlier chunk), one that does not exist
      certificates++
      lines.push(JSON.stringify(certificate(`CERT-${i}`, [String(records[i]!.id), String(records[i - 300]!.id), ...(i % 120 === 30 ? ["NO-SUCH-RECORD"] : [])])))
    }
  }
  // a duplicate id: the first record with the id is the evidence
  lines.push(JSON.stringify({ ...records[500], results: [{ substance: "克百威", value: "0.5", unit: "mg/kg" }] }))
  lines.push(JSON.stringify(certificate("CERT-DUP", [String(records[500]!.id)])))
  writeFileSync(path("records.jsonl"), `${lines.join("\n")}\n`)
  writeFileSync(path("records.json"), JSON.stringify(records.slice(0, 900)))
  // CSV: one row per analyte, an extra column, rows of one record apart (grouped by id)
  const head = "序号,样品编号,抽样日期,样品名称,区划代码,检测项目,检测结果,单位,备注"
  const rows: Array<Array<string>> = []
  for (const r of records.slice(0, 700)) {
    for (const x of (r.results as ReadonlyArray<Record<string, string>>) ?? [])
      rows.push([String(rows.length + 1), String(r.id ?? ""), String(r.sampledOn ?? ""), String(r.product ?? ""), String(r.region ?? ""), x.substance ?? "", x.value ?? "", x.unit ?? "", rows.length % 7 === 0 ? "复检" : ""])
  }
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  writeFileSync(path("records.csv"), `${head}\n${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`)
  const ExcelJS = await loadExcel()
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("sheet1")
  ws.addRow(head.split(","))
  for (const r of rows.slice(0, 600)) ws.addRow(r)
  await wb.xlsx.writeFile(path("records.xlsx"))
  writeFileSync(path("few.jsonl"), `${lines.slice(0, 50).join("\n")}\n`)
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const xlsxValues = async (b: Buffer): Promise<unknown> => {
  const ExcelJS = await loadExcel()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(b as never)
  return wb.worksheets.map((s) => ({ name: s.name, rows: s.getSheetValues() }))
}

const same = async (c: Case, jobs: number | "auto" | undefined, pool = true) => {
  const one = await runCase(c, 1)
  let started = 0
  const many = await runCase(c, jobs, { parallel: { ...CHUNK, onStart: (n) => (started = n) } })
  // the workers did judge (or, for the automatic choice on a short input, did not start)
  if (!pool) expect(started).toBe(0)
  else if (typeof jobs === "number") expect(started).toBe(jobs)
  else expect(started).toBe(Math.min(AUTO_MAX_JOBS, availableParallelism()) > 1 ? Math.min(AUTO_MAX_JOBS, availableParallelism()) : 0)
  expect(one.error).toBeUndefined()
  expect(many.error).toBeUndefined()
  expect(many.summary).toEqual(one.summary)
  expect(many.stats).toEqual(one.stats)
  expect(many.stderr).toBe(one.stderr)
  if (c.format === "xlsx") expect(await xlsxValues(many.bytes)).toEqual(await xlsxValues(one.bytes))
  else expect(many.bytes.equals(one.bytes), `${c.format} ${c.files.join(" ")}: bytes differ`).toBe(true)
  // non-vacuous: many records, and output for each
  expect(one.summary!.records).toBeGreaterThan(c.files[0] === "-" ? 40 : 200)
  expect(one.bytes.length).toBeGreaterThan(1000)
  return one
}

describe("--jobs N writes the bytes of --jobs 1", () => {
  test("JSON Lines → jsonl, 3 workers: errors, blank lines, certificates with evidence", async () => {
    const one = await same({ files: [path("records.jsonl")], format: "jsonl" }, 3)
    const out = one.bytes.toString("utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { id: string; findings?: ReadonlyArray<{ code: string }>; error?: { code: string } })
    // the certificates were judged with their evidence found (and the missing one reported)
    const certs = out.filter((r) => r.id?.startsWith("CERT-"))
    expect(certs.length).toBe(certificates + 1)
    expect(certificates).toBeGreaterThan(20)
    expect(out.some((r) => r.error?.code === "invalid-json")).toBe(true)
    // and the evidence mattered: judged without the earlier records, a certificate's report differs
    const certLine = readFileSync(path("records.jsonl"), "utf8").split("\n").find((l) => l.includes('"CERT-'))!
    const alone = packed({ files: [], format: "jsonl" }).validator.validate(JSON.parse(certLine), () => undefined)
    const judged = certs.find((r) => r.id === (JSON.parse(certLine) as { id: string }).id)
    expect(alone.ok && JSON.stringify(alone.report)).not.toBe(JSON.stringify(judged))
  }, 180_000)
  test("JSON Lines → json, table (en), explain, csv", async () => {
    await same({ files: [path("records.jsonl")], format: "json" }, 2)
    await same({ files: [path("records.jsonl")], format: "table", lang: "en" }, 2)
    await same({ files: [path("records.jsonl")], format: "explain" }, 2)
    await same({ files: [path("records.jsonl")], format: "csv" }, 2)
  }, 300_000)
  test("own pack, a pack that does not load, --region, --max-analytes, --rule uncertainty", async () => {
    const packs = [root("test/cli/pack-110101.json"), root("test/cli/pack-110102-bad.json")]
    const one = await same({ files: [path("records.jsonl")], format: "jsonl", packs, maxAnalytes: 20, uncertainty: "0.3" }, 3)
    expect(one.bytes.toString("utf8")).toContain("pack-unavailable")
    await same({ files: [path("records.jsonl")], format: "csv", packs, region: "110101" }, 2)
  }, 300_000)
  test("standard input: --line (chunks cut where the input pauses), and the automatic choice on a short input", async () => {
    const stdin = readFileSync(path("records.jsonl"), "utf8")
    await same({ files: ["-"], stdin, format: "jsonl", line: true }, 2)
    await same({ files: ["-"], stdin, format: "table" }, "auto", false)
    // longer than AUTO_MIN_RECORDS: the automatic choice starts the workers after reading the first records
    await same({ files: ["-"], stdin: stdin.repeat(13), format: "jsonl" }, "auto")
    await same({ files: ["-"], stdin: readFileSync(path("few.jsonl"), "utf8"), format: "jsonl" }, 2)
  }, 300_000)
  test("a writer of text (what Main.ts gives for -o FILE) gets text, the same as --jobs 1", async () => {
    const c: Case = { files: [path("records.jsonl")], format: "csv" }
    const collect = () => {
      const parts: Array<unknown> = []
      return { parts, out: { write: (t: string) => (parts.push(t), true), once: () => undefined } }
    }
    const a = collect()
    const b = collect()
    await runCase(c, 1, { out: a.out })
    let started = 0
    await runCase(c, 2, { out: b.out, parallel: { ...CHUNK, onStart: (n) => (started = n) } })
    expect(started).toBe(2)
    expect(b.parts.every((p) => typeof p === "string")).toBe(true)
    expect(b.parts.join("")).toBe(a.parts.join(""))
    expect(a.parts.join("").length).toBeGreaterThan(10_000)
  }, 120_000)
  test("JSON, CSV (→ csv with the input's columns), XLSX (→ xlsx), several files of different forms", async () => {
    await same({ files: [path("records.json")], format: "jsonl" }, 2)
    await same({ files: [path("records.csv")], format: "csv" }, 2)
    await same({ files: [path("records.xlsx")], format: "xlsx" }, 2)
    await same({ files: [path("records.csv"), path("records.jsonl")], format: "csv" }, 3)
  }, 300_000)
})
