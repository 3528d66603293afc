/**
 * The CLI conformance suite of issue 14 (and the CLI points of issue 17): every friction a new
 * user met, as a case with its input under test/cli/ (or examples/), the expected output and the
 * exit status (0 all read · 1 some record malformed · 2 usage · 3 data or pack error · 4 internal).
 */
import { readFileSync } from "node:fs"
import { describe, expect, test } from "vitest"
import { here, root, run } from "./run"

const jsonl = (s: string) => s.trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>)
const verdicts = (s: string) => jsonl(s).map((r) => `${String(r.id)}:${String(r.verdict ?? (r.error as { code: string } | undefined)?.code)}`)

describe("own packs (issue 14 §1)", () => {
  const good = here("pack-110101.json")
  const bad = here("pack-110102-bad.json")
  test("--pack layers a county's pack: its stricter limit judges that county only", async () => {
    const r = await run(["check", here("beijing.jsonl"), "--format", "jsonl", "--pack", good])
    expect(r.code).toBe(0)
    const [a, , c] = jsonl(r.stdout)
    expect((a!.findings as Array<{ layer: string; outcome: string }>).some((f) => f.layer === "cn-110101-2026" && f.outcome === "exceeds-limit")).toBe(true)
    expect((c!.findings as Array<{ layer: string }>).every((f) => f.layer === "national")).toBe(true)
  })
  test("a bad pack affects only the regions it layers; the error names the file, the row and the rule; exit 3", async () => {
    const r = await run(["check", here("beijing.jsonl"), "--format", "jsonl", "--pack", good, "--pack", bad])
    expect(r.code).toBe(3)
    expect(verdicts(r.stdout)).toEqual(["BJ-1:non-compliant", "BJ-2:pack-unavailable", "BJ-3:non-compliant"])
    expect(r.stderr).toContain("pack-110102-bad.json")
    expect(r.stderr).toContain("limits[1]")
    expect(r.stderr).toContain("克百为")
  })
  test("NONGAN_PACKS and NONGAN_PACKS_DIR work like --pack and --packs-dir", async () => {
    const a = await run(["check", here("beijing.jsonl"), "--format", "jsonl"], { env: { NONGAN_PACKS: good } })
    const b = await run(["check", here("beijing.jsonl"), "--format", "jsonl", "--pack", good])
    expect(a.stdout).toBe(b.stdout)
    const d = await run(["packs", "--format", "json"], { env: { NONGAN_PACKS_DIR: here("packs-dir") } })
    expect(JSON.parse(d.stdout).packs.map((p: { id: string }) => p.id)).toContain("cn-110101-2026")
  })
  test("catalogue look-ups never need packs: a bad pack in the environment does not touch `food`", async () => {
    const r = await run(["food", "韭菜"], { env: { NONGAN_PACKS: bad } })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("韭菜 → 韭菜")
    expect((await run(["food", "韭菜", "--pack", bad])).code).toBe(2)
  })
  test("pack check: ✓ for a good pack, the rule broken for a bad one, exit 3", async () => {
    const r = await run(["pack", "check", good, bad])
    expect(r.code).toBe(3)
    expect(r.stdout).toContain("✓")
    expect(r.stdout).toMatch(/✗ .*pack-110102-bad\.json/)
    const g = await run(["pack", "check", good])
    expect(g.code).toBe(0)
    expect(g.stdout).toContain("3 records, 3 judged by the pack")
    // a bundled pack checked again replaces itself (no duplicate-id error)
    expect((await run(["pack", "check", root("rules/regions/500154/pack.json")])).code).toBe(0)
  })
  test("pack init writes a pack with its $schema that pack check accepts; an unknown region is an error with the nearest codes", async () => {
    const r = await run(["pack", "init", "--region", "500154", "--from", "2026-01-01"])
    expect(r.code).toBe(0)
    const p = JSON.parse(r.stdout)
    expect(p.$schema).toMatch(/rule-pack\.schema\.json$/)
    expect(p.name).toBe("重庆市开州区")
    const u = await run(["pack", "init", "--region", "500159"])
    expect(u.code).toBe(2)
    expect(u.stderr).toContain("500156")
  })
  test("packs shows GB/T 2260 names; an unknown --region is an error with the nearest codes", async () => {
    const r = await run(["packs", "--region", "500154"])
    expect(r.stdout).toContain("500154 开州区")
    const u = await run(["check", here("one.csv"), "--region", "500159"])
    expect(u.code).toBe(2)
    expect(u.stderr).toContain("GB/T 2260")
  })
})

describe("spreadsheets in (issue 14 §2, issue 17 §2)", () => {
  const forms = ["examples/csv/sampling.csv", "examples/csv/sampling-bom.csv", "examples/csv/sampling-gbk.csv", "examples/csv/sampling-gb18030.csv", "examples/xlsx/sampling.xlsx"]
  test("an Excel export with extra columns, a trailing empty column, a blank row, 2026/6/15, a serial date and 毫克/千克 is read whole, in every encoding and as .xlsx", async () => {
    const outs = await Promise.all(forms.map((f) => run(["check", root(f), "--format", "jsonl"])))
    for (const o of outs) {
      expect(o.code).toBe(0)
      expect(verdicts(o.stdout)).toEqual(["KZ-0001:non-compliant", "KZ-0002:compliant", "KZ-0003:compliant"])
      expect(o.stderr).toMatch(/读取 4 行数据，跳过空行 1/)
    }
    expect(new Set(outs.map((o) => o.stdout)).size).toBe(1)
    expect(jsonl(outs[0]!.stdout)[1]!.asOf).toBe("2026-06-15")
  })
  test("--encoding gbk forces the decoder; --sheet picks a sheet", async () => {
    expect((await run(["check", root(forms[2]!), "--encoding", "gbk", "--format", "jsonl"])).stdout).toBe((await run(["check", root(forms[0]!), "--format", "jsonl"])).stdout)
    const s = await run(["check", root(forms[4]!), "--sheet", "9"])
    expect(s.stdout).toContain("抽检结果")
  })
  test("a row with missing or extra cells is an error with its row number; the others are judged", async () => {
    const r = await run(["check", here("missing-cells.csv"), "--format", "jsonl"])
    expect(r.code).toBe(1)
    const lines = jsonl(r.stdout)
    expect(lines.map((l) => (l.error as { path?: string } | undefined)?.path ?? l.id)).toEqual(["M-1", "row[3]", "row[4]", "M-4"])
  })
  test("broken quoting and duplicate headers are errors with row numbers, never merged or lost", async () => {
    const q = await run(["check", here("broken-quote.csv"), "--format", "jsonl"])
    expect(q.code).toBe(1)
    expect(jsonl(q.stdout).some((l) => (l.error as { code?: string } | undefined)?.code === "invalid-csv")).toBe(true)
    const d = await run(["check", here("duplicate-header.csv"), "--format", "jsonl"])
    expect(d.code).toBe(1)
    expect(jsonl(d.stdout).map((l) => (l.error as { path: string }).path)).toEqual(["row[2]", "row[3]"])
  })
  test("id-less rows are one record each, never merged", async () => {
    const r = await run(["check", here("idless.csv"), "--format", "jsonl"])
    expect(jsonl(r.stdout)).toHaveLength(2)
  })
  test("a BOM does not break JSON or JSON Lines", async () => {
    const r = await run(["check", here("bom.jsonl"), here("bom.json"), "--format", "jsonl"])
    expect(r.code).toBe(0)
    expect(verdicts(r.stdout)).toEqual(["B-1:compliant", "B-1:compliant"])
  })
  test("a record too large (200 000 analytes, a line over --max-line) is an error of that record; the stream goes on (issue 17 §3)", async () => {
    const big = JSON.stringify({ id: "X-1", sampledOn: "2026-06-15", product: "豇豆", results: Array.from({ length: 200_000 }, () => ({ substance: "克百威", value: "0.01", unit: "mg/kg" })) })
    const ok = JSON.stringify({ id: "X-2", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "毒死蜱", value: "ND" }] })
    const r = await run(["check", "-", "--format", "jsonl", "--max-line", "20000000"], { stdin: `${big}\n${ok}\n` })
    expect(r.code).toBe(1)
    expect(verdicts(r.stdout)).toEqual(["X-1:invalid-value", "X-2:compliant"])
    const l = await run(["check", "-", "--format", "jsonl"], { stdin: `${big}\n${ok}\n` })
    expect(verdicts(l.stdout)).toEqual(["X-1:invalid-json", "X-2:compliant"])
  })
  test("a multi-byte character split across stdin chunks is read whole (one streaming decoder)", async () => {
    const line = Buffer.from(`${JSON.stringify({ id: "S-1", sampledOn: "2026-06-15", product: "鸡肉", results: [{ substance: "恩诺沙星", value: "ND" }] })}\n`)
    const at = line.indexOf(Buffer.from("恩")) + 1
    const split = await run(["check", "-", "--format", "jsonl"], { stdin: [line.subarray(0, at), line.subarray(at)] })
    const whole = await run(["check", "-", "--format", "jsonl"], { stdin: line })
    expect(split.stdout).toBe(whole.stdout)
    expect(split.stdout).not.toContain("\ufffd")
  })
})

describe("spreadsheets out (issue 14 §3)", () => {
  test("--format csv: one row per analyte, every input column passed through, verdict, outcome, limit, unit, source, verification, referral", async () => {
    const r = await run(["check", root("examples/csv/sampling.csv"), "--format", "csv"])
    const [head, ...rows] = r.stdout.trim().split("\n")
    for (const c of ["序号", "受检单位", "标准值", "判定结论", "verdict", "outcome", "limit", "unit", "source", "verification", "referral"]) expect(head).toContain(c)
    expect(rows.length).toBeGreaterThanOrEqual(4)
    expect(rows[0]).toContain("开州区某合作社")
  })
  test("--format xlsx writes a workbook with a summary sheet; --format json includes the summary", async () => {
    const r = await run(["check", root("examples/csv/sampling.csv"), "--format", "xlsx"])
    expect(r.bytes.subarray(0, 2).toString("latin1")).toBe("PK")
    const j = JSON.parse((await run(["check", root("examples/csv/sampling.csv"), "--format", "json"])).stdout)
    expect(j.summary).toMatchObject({ records: 3, nonCompliant: 1 })
    expect(j.reports).toHaveLength(3)
  })
})

describe("lookups (issue 14 §4)", () => {
  test("limit: the limit in force, its row, category path, edition and verification", async () => {
    const r = await run(["limit", "克百威", "豇豆", "--on", "2026-06-15", "--format", "json"])
    expect(r.code).toBe(0)
    const a = JSON.parse(r.stdout)
    expect(a.applies).toMatchObject({ limit: "0.02", unit: "mg/kg", instrument: "GB 2763-2026" })
    expect(a.categoryPath).toContain("豆类蔬菜")
    expect(a.applies.verification).toBeTruthy()
  })
  test("limit --region shows the layers: a county's stricter limit applies", async () => {
    const r = await run(["limit", "克百威", "豇豆", "--on", "2026-06-15", "--region", "110101", "--pack", here("pack-110101.json"), "--format", "json"])
    const a = JSON.parse(r.stdout)
    expect(a.national.limit).toBe("0.02")
    expect(a.applies.limit).toBe("0.01")
    expect(a.layers[0].pack).toBe("cn-110101-2026@2026.1.0")
  })
  test("limits --substance as CSV; an unknown name gives the nearest names, exit 1", async () => {
    const r = await run(["limits", "--substance", "克百威", "--on", "2026-06-15", "--format", "csv"])
    expect(r.stdout.split("\n")[0]).toBe("substance,food,species,tissue,limit,unit,mustNotDetect,temporary,instrument,clause,from,to,verification,ref,note")
    expect(r.stdout).toContain("豆类蔬菜")
    const u = await run(["limit", "克百为", "豇豆"])
    expect(u.code).toBe(1)
    expect(u.stderr).toContain("克百威")
  })
})

describe("conventions (issue 14 §5, issue 17 exit codes)", () => {
  test("--version and per-command help with options, defaults, examples and exit codes", async () => {
    const v = await run(["--version"])
    expect(v.stdout).toMatch(/^nongan \d+\.\d+\.\d+\n$/)
    for (const argv of [["help", "check"], ["check", "--help"]]) {
      const h = await run(argv)
      expect(h.code).toBe(0)
      expect(h.stdout).toContain("--format FORMAT")
      expect(h.stdout).toContain("(default table)")
      expect(h.stdout).toContain("examples:")
      expect(h.stdout).toContain("exit status:")
    }
  })
  test("unknown commands and options are usage errors on stderr with did-you-mean; inapplicable options and extra positionals too", async () => {
    const cases: ReadonlyArray<[ReadonlyArray<string>, string]> = [
      [["chek", "a.csv"], "did you mean check"],
      [["check", "a.csv", "--formt", "json"], "did you mean --format"],
      [["food", "韭菜", "--on", "2026-01-01"], "does not apply"],
      [["food", "韭菜", "芹菜"], "unexpected argument"],
      [["status", "甲拌磷"], "--on"],
      [["check", here("one.csv"), "--uncertainty", "0.5"], "--rule uncertainty"],
      [["check", here("one.csv"), "--rule", "uncertainty", "--uncertainty", "abc"], "abc"],
      [["check"], "missing argument"]
    ]
    for (const [argv, text] of cases) {
      const r = await run(argv)
      expect(r.code, argv.join(" ")).toBe(2)
      expect(r.stdout, argv.join(" ")).toBe("")
      expect(r.stderr, argv.join(" ")).toContain(text)
    }
  })
  test("several input files are judged in order, each counted; a missing file is named in words, exit 2", async () => {
    const r = await run(["check", here("one.csv"), here("bom.jsonl"), "--format", "jsonl"])
    expect(verdicts(r.stdout)).toEqual(["U-1:non-compliant", "B-1:compliant"])
    const m = await run(["check", here("no-such.csv"), here("one.csv"), "--format", "jsonl"])
    expect(m.code).toBe(2)
    expect(m.stderr).toContain("文件不存在")
    expect(verdicts(m.stdout)).toEqual(["U-1:non-compliant"])
  })
  test("--fail-on non-compliant|indeterminate for pipelines", async () => {
    expect((await run(["check", here("one.csv")])).code).toBe(0)
    expect((await run(["check", here("one.csv"), "--fail-on", "non-compliant"])).code).toBe(1)
    expect((await run(["check", here("bom.jsonl"), "--fail-on", "indeterminate"])).code).toBe(0)
  })
  test("--lang en prints English names where the catalogue has them", async () => {
    const r = await run(["substance", "克百威", "--lang", "en"])
    expect(r.stdout).toMatch(/carbofuran/i)
  })
  test("the examples in examples/csv are what the docs say", () => {
    expect(readFileSync(root("examples/csv/sampling.csv"), "utf8").split("\n")[0]).toContain("受检单位")
  })
})
