/**
 * Property tests of spreadsheet input (issue 14, "Show, measured"): any permutation of the CSV
 * columns gives the same reports; the GBK, GB18030 and UTF-8 (with or without BOM) encodings
 * of one sheet give the same reports; CSV → reports → CSV keeps every input column and cell.
 */
import fc from "fast-check"
import { parse } from "csv-parse/sync"
import { readFileSync } from "node:fs"
import { describe, expect, test } from "vitest"
import { root, run } from "../../../test/cli/run"

const sheet: ReadonlyArray<ReadonlyArray<string>> = parse(readFileSync(root("examples/csv/sampling.csv"), "utf8"), { relax_column_count: true, skip_empty_lines: true })
const header = sheet[0]!.slice(0, -1)
const rows = sheet.slice(1).map((r) => r.slice(0, header.length))
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
const csv = (h: ReadonlyArray<string>, rs: ReadonlyArray<ReadonlyArray<string>>) => [h, ...rs].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n"

// a GBK / GB18030 encoder for the test, built from the platform's decoder (every two-byte code)
const encoders = (() => {
  const tables: Record<string, Map<string, Buffer>> = {}
  for (const enc of ["gbk", "gb18030"]) {
    const d = new TextDecoder(enc)
    const m = new Map<string, Buffer>()
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue
        const bytes = Buffer.from([a, b])
        const c = d.decode(bytes)
        if (c.length === 1 && c !== "\ufffd" && !m.has(c)) m.set(c, bytes)
      }
    tables[enc] = m
  }
  return (text: string, enc: string): Buffer =>
    Buffer.concat([...text].map((c) => (c.charCodeAt(0) < 0x80 ? Buffer.from(c, "latin1") : (tables[enc]!.get(c) ?? (() => { throw new Error(`cannot encode ${c} in ${enc}`) })()))))
})()

const runs = { numRuns: 5, seed: 14 }

describe("spreadsheet properties", () => {
  test("any permutation of the columns gives the same reports", async () => {
    const base = (await run(["check", "-", "--input", "csv", "--format", "jsonl"], { stdin: csv(header, rows) })).stdout
    expect(base.split("\n").filter((l) => l).length).toBe(3)
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...header.keys()], { minLength: header.length }), async (order) => {
        const out = await run(["check", "-", "--input", "csv", "--format", "jsonl"], { stdin: csv(order.map((i) => header[i]!), rows.map((r) => order.map((i) => r[i]!))) })
        expect(out.stdout).toBe(base)
      }),
      runs
    )
  })
  test("GBK, GB18030, UTF-8 and UTF-8 with BOM of one sheet give the same reports", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...rows.keys()], { minLength: 1 }), async (pick) => {
        const text = csv(header, pick.map((i) => rows[i]!))
        const forms = [Buffer.from(text, "utf8"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), encoders(text, "gbk"), encoders(text, "gb18030")]
        const outs = await Promise.all(forms.map((b) => run(["check", "-", "--input", "csv", "--format", "jsonl"], { stdin: b })))
        expect(new Set(outs.map((o) => o.stdout)).size).toBe(1)
        expect(outs[0]!.stdout).not.toContain("\ufffd")
      }),
      runs
    )
  })
  test("CSV → reports → CSV keeps every input column and every cell of every row", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...header.keys()], { minLength: header.length }), async (order) => {
        const h = order.map((i) => header[i]!)
        const rs = rows.map((r) => order.map((i) => r[i]!))
        const out = await run(["check", "-", "--input", "csv", "--format", "csv"], { stdin: csv(h, rs) })
        const back: Array<Record<string, string>> = parse(out.stdout, { columns: true })
        for (const c of h) expect(Object.keys(back[0]!)).toContain(c)
        // every input row (rows 2, 3, 5, 6 of the file: a blank row in between was skipped) is there with all its cells
        for (const r of rs) expect(back.some((b) => h.every((c, i) => b[c] === r[i]))).toBe(true)
      }),
      runs
    )
  })
})
