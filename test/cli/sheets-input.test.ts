/**
 * Regression cases of what the spreadsheet fuzz suite (test/fuzz/Sheets.test.ts) and its probes
 * found in CSV and XLSX input (issue 17 §2): every row a record or an error with its row number,
 * reading going on after a bad row, never a cell dropped, XLSX cells read as the text they show.
 */
import { PassThrough, Readable } from "node:stream"
import { createRequire } from "node:module"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { csvReader, type CsvRow } from "@nongan/cli/CsvRows"
import { readInputs, readRecords, type InputItem, type ReadStats } from "@nongan/cli/Input"
import { cellText, plainNumber } from "@nongan/cli/Xlsx"
import type ExcelJSModule from "../../packages/cli/node_modules/exceljs"

const ExcelJS = createRequire(join(import.meta.dirname, "..", "..", "packages", "cli", "package.json"))("exceljs") as typeof ExcelJSModule

const HEAD = "id,sampledOn,product,substance,value,unit"
const row = (id: string, product = "豇豆") => `${id},2026-06-15,${product},克百威,0.01,mg/kg`

/** What the reader makes of a CSV text: one line per item, `rows:id` or `rows:code@path`. */
const read = async (text: string | ReadonlyArray<Buffer>, format: "csv" | "xlsx" = "csv"): Promise<{ items: ReadonlyArray<string>; stats: ReadStats }> => {
  const stats: ReadStats = { rows: 0, blank: 0 }
  const items: Array<string> = []
  const src = typeof text === "string" ? [Buffer.from(text)] : text
  for await (const it of readRecords(Readable.from(src), format, stats)) items.push(show(it))
  return { items, stats }
}
const show = (it: InputItem): string => {
  const rows = (it.rows ?? []).join(" ")
  if ("error" in it) return `${rows}:${it.error.code}@${it.error.path.join(".")}`
  const r = it.record as { id?: string; results?: ReadonlyArray<unknown> }
  return `${rows}:${r.id ?? "-"}${r.results ? `×${r.results.length}` : ""}`
}

describe("CSV: a bad row is an error of its own, and reading goes on", () => {
  test("an unclosed quote is an error of the row it opens in; the rows after it are read, not swallowed", async () => {
    const r = await read(`${HEAD}\n${row("A").replace("豇豆", '"豇豆')}\n${row("B")}\n${row("C")}\n`)
    expect(r.items).toEqual(["2:invalid-csv@row.2", "3:B×1", "4:C×1"])
    expect(r.stats.rows).toBe(3)
    // on the last line, with no line end
    expect((await read(`${HEAD}\n${row("A")}\n${row("B").replace("豇豆", '"豇豆')}`)).items).toEqual(["2:A×1", "3:invalid-csv@row.3"])
  })
  test("a stray quote and text after a closing quote are errors of that row only", async () => {
    expect((await read(`${HEAD}\n${row("A", '豇"豆')}\n${row("B")}\n`)).items).toEqual(["2:invalid-csv@row.2", "3:B×1"])
    expect((await read(`${HEAD}\n${row("A", '"豇"豆')}\n${row("B")}\n`)).items).toEqual(["2:invalid-csv@row.2", "3:B×1"])
  })
  test("a quoted cell over two lines is one row, numbered by its first line; CRLF, CR and LF all end rows", async () => {
    expect((await read(`${HEAD}\r\n${row("A", '"豇\r\n豆"')}\r\n${row("B")}\r\n`)).items).toEqual(["2:A×1", "4:B×1"])
    expect((await read(`${HEAD}\r${row("A")}\r${row("B")}\r`)).items).toEqual(["2:A×1", "3:B×1"])
  })
  test("a row longer than --max-line is an error of that row; the next is read", async () => {
    const stats: ReadStats = { rows: 0, blank: 0 }
    const items: Array<string> = []
    const text = `${HEAD},备注\n${row("A")},${"长".repeat(500)}\n${row("B")},\n`
    for await (const it of readRecords(Readable.from([text]), "csv", stats, undefined, { maxLine: 200 })) items.push(show(it))
    expect(items).toEqual(["2:invalid-csv@row.2", "3:B×1"])
  })
  test("an unreadable header makes every row an error (never read by the wrong columns)", async () => {
    expect((await read(`id,"sam"pledOn,product,substance,value,unit\n${row("A")}\n${row("B")}\n`)).items).toEqual([
      "1:invalid-csv@row.1",
      "2:invalid-csv@row.2",
      "3:invalid-csv@row.3"
    ])
  })
  test("a cell under no column name is an error, never dropped; an empty one is fine", async () => {
    expect((await read(`id,,product,substance,value,unit\nA,x,豇豆,克百威,0.01,mg/kg\nB,,豇豆,克百威,0.01,mg/kg\n`)).items).toEqual(["2:invalid-csv@row.2", "3:B×1"])
    expect((await read(`${HEAD},\n${row("A")},z\n${row("B")},\n`)).items).toEqual(["2:invalid-csv@row.2", "3:B×1"])
  })
  test("rows of one id with another kind, or a certificate with an inspection's id, are errors, never a second record", async () => {
    const k = await read(`id,kind,sampledOn,product,substance,value,unit\nA,inspection,2026-06-15,豇豆,克百威,0.01,mg/kg\nA,veterinary,2026-06-15,豇豆,毒死蜱,0.01,mg/kg\n`)
    expect(k.items).toEqual(["2:A×1", "3:invalid-value@row.3.kind"])
    const c = await read(`id,kind,sampledOn,product,substance,value,unit\nA,inspection,2026-06-15,豇豆,克百威,0.01,mg/kg\nA,certificate,2026-06-15,豇豆,,,\n`)
    expect(c.items).toEqual(["2:A×1", "3:invalid-value@row.3.id"])
  })
  test("rows of one id over --max-analytes are an error of that record, with all its rows; the next record is read", async () => {
    const items: Array<string> = []
    const text = `${HEAD}\n${Array.from({ length: 12 }, () => row("A")).join("\n")}\n${row("B")}\n`
    for await (const it of readRecords(Readable.from([text]), "csv", undefined, undefined, { maxAnalytes: 10 })) items.push(show(it))
    expect(items).toEqual([`${Array.from({ length: 12 }, (_, i) => i + 2).join(" ")}:invalid-value@row.2.results`, "14:B×1"])
  })
  test("the push reader gives the same rows however the text is split", () => {
    const text = `${HEAD}\r\n${row("A", '"豇\r\n""豆"""')}\r\n${row("B", '"x"y')}\r\n${row("C")}`
    const whole = csvReader()
    const all: Array<CsvRow> = [...whole.feed(text), ...whole.end()]
    for (let cut = 1; cut < text.length; cut++) {
      const r = csvReader()
      expect([...r.feed(text.slice(0, cut)), ...r.feed(text.slice(cut)), ...r.end()], `cut at ${cut}`).toEqual(all)
    }
    expect(all.map((x) => ("cells" in x ? `${x.row}:${x.cells[2]}` : `${x.row}:error`))).toEqual(["1:product", '2:豇\r\n"豆"', "4:error", "5:豇豆"])
  })
})

describe("XLSX: cells as the text they show", () => {
  const workbook = async (rows: ReadonlyArray<ReadonlyArray<ExcelJSModule.CellValue>>): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("s")
    for (const r of rows) ws.addRow([...r])
    return Buffer.from(await wb.xlsx.writeBuffer())
  }
  test("a row whose last cells are empty is not short of cells (a sheet has no missing cell)", async () => {
    const b = await workbook([["id", "sampledOn", "product", "substance", "value", "unit", "备注"], ["A", "2026-06-15", "豇豆", "克百威", 0.01, "mg/kg"], ["B", "2026-06-15", "豇豆", "克百威", 0.01]])
    expect((await read([b], "xlsx")).items).toEqual(["2:A×1", "3:B×1"])
  })
  test("numbers are read in the digits they were written with, never in exponent form", () => {
    expect([5e-7, 1.2e-7, 1.2e21, -2.5e-8, 0.062, 120].map(plainNumber)).toEqual(["0.0000005", "0.00000012", "1200000000000000000000", "-0.000000025", "0.062", "120"])
    expect(cellText(5e-7)).toBe("0.0000005")
  })
  test("a hyperlink with rich text, and a formula never calculated, are read as text, never [object Object]", () => {
    expect(cellText({ text: { richText: [{ text: "豇" }, { text: "豆" }] }, hyperlink: "http://x" })).toBe("豇豆")
    expect(cellText({ formula: "A1*2" })).toBe("=A1*2")
    expect(cellText({ formula: "A1*2", result: 4 })).toBe("4")
  })
})

describe("XLSX: the sheet read", () => {
  const HEADER = ["id", "sampledOn", "product", "substance", "value", "unit"]
  const readBook = async (wb: ExcelJSModule.Workbook, sheet?: string): Promise<Array<string>> => {
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const items: Array<string> = []
    for await (const it of readRecords(Readable.from([bytes]), "xlsx", undefined, sheet)) items.push(show(it))
    return items
  }
  test("an empty first sheet while another has data is an error naming the sheets with data, never 0 records", async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("封面")
    wb.addWorksheet("抽检结果").addRows([HEADER, ["A", "2026-06-15", "豇豆", "克百威", "0.01", "mg/kg"]])
    const items = await readBook(wb)
    expect(items).toEqual(["0:io@--sheet"])
    // the named sheet is read
    expect(await readBook(wb, "抽检结果")).toEqual(["2:A×1"])
    expect(await readBook(wb, "2")).toEqual(["2:A×1"])
  })
  test("a workbook with no data at all is read as empty, and a first sheet with data is read as before", async () => {
    const empty = new ExcelJS.Workbook()
    empty.addWorksheet("a")
    empty.addWorksheet("b")
    expect(await readBook(empty)).toEqual([])
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("first").addRows([HEADER, ["B", "2026-06-15", "豇豆", "克百威", "0.01", "mg/kg"]])
    wb.addWorksheet("second").addRows([HEADER, ["C", "2026-06-15", "豇豆", "克百威", "0.01", "mg/kg"]])
    expect(await readBook(wb)).toEqual(["2:B×1"])
  })
})

describe("standard input: the format is told from its first bytes, however they arrive", () => {
  test("a workbook whose first chunk is one byte is read as a workbook; a BOM split over chunks is still a BOM", async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("s").addRows([["id", "sampledOn", "product", "substance", "value", "unit"], ["A", "2026-06-15", "豇豆", "克百威", "0.01", "mg/kg"]])
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const json = Buffer.from(`\ufeff[{"id":"J"}]`)
    for (const [input, want] of [
      [[bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)], "2:A×1"],
      [[json.subarray(0, 1), json.subarray(1, 2), json.subarray(2)], ":J"]
    ] as const) {
      const r = readInputs({ files: ["-"], stdin: Readable.from(input), onOpenError: () => undefined })
      const items: Array<string> = []
      for await (const it of r.items) items.push(show(it))
      expect(items).toEqual([want])
    }
  })
  test("a co-process's first short line is answered before more input arrives", async () => {
    const stdin = new PassThrough()
    const r = readInputs({ files: ["-"], stdin, onOpenError: () => undefined })
    stdin.write('{"id":"a"}\n')
    const first = await Promise.race([r.items.next(), new Promise((resolve) => setTimeout(() => resolve("waiting"), 5_000))])
    expect(first).toMatchObject({ done: false, value: { record: { id: "a" } } })
    stdin.end()
  })
})
