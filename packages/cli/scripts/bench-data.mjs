// Writes N analyte rows (default 100 000; 4 rows per sample) as CSV and XLSX for the CLI
// benchmarks in docs/benchmarks.md: node packages/cli/scripts/bench-data.mjs DIR [N]
import ExcelJS from "exceljs"
import { createWriteStream, mkdirSync } from "node:fs"
import { join } from "node:path"
const dir = process.argv[2] ?? "/tmp/nongan-bench"
const n = Number(process.argv[3] ?? 100000)
mkdirSync(dir, { recursive: true })
const header = ["序号", "样品编号", "抽样日期", "样品名称", "受检单位", "区划代码", "检测项目", "检测结果", "单位"]
const foods = ["豇豆", "韭菜", "芹菜", "普通白菜", "黄瓜", "番茄"]
const subs = ["克百威", "毒死蜱", "腐霉利", "甲拌磷", "氧乐果", "吡虫啉"]
const values = ["ND", "0.005", "0.01", "0.02", "0.05", "未检出", "0.12mg/kg", "<0.01"]
const regions = ["500154", "511902", "110101", "540103"]
const row = (i) => {
  const s = Math.floor(i / 4)
  return [String(i + 1), `B-${s}`, `2026/6/${(s % 28) + 1}`, foods[s % foods.length], "某合作社", regions[s % regions.length], subs[i % 4 + (s % 3)], values[(i * 7) % values.length], "mg/kg"]
}
const csv = createWriteStream(join(dir, `rows-${n}.csv`))
csv.write(header.join(",") + "\n")
for (let i = 0; i < n; i++) csv.write(row(i).join(",") + "\n")
csv.end()
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, `rows-${n}.xlsx`), useSharedStrings: false })
const ws = wb.addWorksheet("抽检结果")
ws.addRow(header).commit()
for (let i = 0; i < n; i++) ws.addRow(row(i)).commit()
ws.commit()
await wb.commit()
console.log(dir)
