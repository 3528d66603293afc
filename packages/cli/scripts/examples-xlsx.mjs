// Writes examples/xlsx/sampling.xlsx (the sheet of examples/csv/sampling.csv as Excel saves it:
// real date cells, a serial-number date, numbers as numbers, a blank row, a second sheet).
// Run: node packages/cli/scripts/examples-xlsx.mjs
import ExcelJS from "exceljs"
import { fileURLToPath } from "node:url"
const out = fileURLToPath(new URL("../../../examples/xlsx/sampling.xlsx", import.meta.url))
const wb = new ExcelJS.Workbook()
const ws = wb.addWorksheet("抽检结果")
ws.addRow(["序号", "样品编号", "抽样日期", "样品名称", "受检单位", "区划代码", "检测项目", "检测结果", "单位", "标准值", "判定结论"])
ws.addRow([1, "KZ-0001", new Date(Date.UTC(2026, 5, 15)), "豇豆", "开州区某合作社", "500154", "克百威", 0.062, "mg/kg", 0.02, "不合格"])
ws.addRow([2, "KZ-0001", new Date(Date.UTC(2026, 5, 15)), "豇豆", "开州区某合作社", "500154", "毒死蜱", "未检出", "mg/kg", 0.02, "合格"])
ws.addRow([])
ws.addRow([3, "KZ-0002", 46188, "韭菜", "某农户", "500154", "腐霉利", 0.12, "毫克/千克", 0.2, "合格"])
ws.addRow([4, "KZ-0003", "2026年6月16日", "普通白菜", "某基地", "511902", { richText: [{ text: "甲拌" }, { text: "磷" }] }, "ND", "mg/kg", 0.01, "合格"])
wb.addWorksheet("说明").addRow(["示例：nongan check examples/xlsx/sampling.xlsx"])
await wb.xlsx.writeFile(out)
console.log(out)
