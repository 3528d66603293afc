// Reads the market-regulation check lists (食品安全监督抽检实施细则 2026, a secondary PDF
// extraction in ../shared/reference/data/samr-2026/gb_checklist_subcat.json) and writes our own
// rows for edible agricultural products to rules/national/programs/samr-checklist-2026.json:
// each table's product resolved to our food catalogue, each test item resolved to our substance
// catalogue (the name as written kept beside it), and the standard it cites. Not a copy: methods,
// numbering and processed-food tables are left out, names are resolved, and every table is cited.
//
//   node --conditions=@nongan/source --import tsx packages/sampling/scripts/import-checklist.ts [source.json]
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { loadDataset } from "@nongan/sdk/Validator"

const root = join(import.meta.dirname, "..", "..", "..")
const source = process.argv[2] ?? join(root, "..", "shared", "reference", "data", "samr-2026", "gb_checklist_subcat.json")
const ds = getOrThrow(loadDataset())
const raw = JSON.parse(readFileSync(source, "utf8")) as {
  categories: Record<string, ReadonlyArray<{ name: string; table_no: string; items: ReadonlyArray<{ 检验项目: string; 依据法律法规或标准: string }> }>>
}
// the categories of 食用农产品 in the 细则 (processed foods are SAMR's, not this library's)
const EDIBLE = ["畜禽肉及副产品", "蔬菜", "水产品", "水果类", "鲜蛋", "豆类", "生干坚果与籽类食品"]

const clean = (s: string) => s.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")")
const resolveFood = (name: string): ReadonlyArray<string> => {
  const tries = [name, name.replace(/（.*$/, "").replace(/\(.*$/, ""), ...name.split(/[、，,]/)]
  const found = new Set<string>()
  for (const t of tries) {
    const n = t.trim()
    if (!n) continue
    const r = ds.foods.resolve(n)
    if (r.ok) found.add(r.value.id)
    else if (ds.foods.hasNode(n) || ds.foods.hasSpecies(n)) found.add(n)
    if (found.size > 0 && t === name) break
  }
  return [...found]
}
const resolveSubstance = (asWritten: string): string | undefined => {
  for (const t of [asWritten, clean(asWritten), clean(asWritten).replace(/\(.*\)$/, "")]) {
    const r = ds.substances.resolve(t)
    if (r.ok) return r.value.id
  }
  return undefined
}

let items = 0
let resolved = 0
const tables = EDIBLE.flatMap((category) =>
  (raw.categories[category] ?? []).map((t) => {
    const rows = t.items.map((i) => {
      items++
      const substance = resolveSubstance(i.检验项目)
      if (substance) resolved++
      const basis = i.依据法律法规或标准.replace(/\s+/g, "")
      return { asWritten: clean(i.检验项目), ...(substance ? { substance } : {}), basis }
    })
    return { table: t.table_no, category, name: t.name, foods: resolveFood(t.name), items: rows }
  })
)
const out = {
  kind: "sampling-check-list",
  id: "samr-checklist-2026",
  title: "食品安全监督抽检实施细则（2026年版）: 食用农产品 check lists, resolved",
  citation: {
    instrument: "《食品安全监督抽检实施细则（2026年版）》",
    note: `Secondary: a PDF extraction (shared/reference/data/samr-2026/gb_checklist_subcat.json, schema ${"1.0"}), not the official text. Transformed by packages/sampling/scripts/import-checklist.ts: ${tables.length} tables of edible agricultural products, ${items} items, ${resolved} resolved to the substance catalogue.`
  },
  verification: "secondary",
  effective: { from: "2026-01-01" },
  tables
}
writeFileSync(join(root, "rules", "national", "programs", "samr-checklist-2026.json"), `${JSON.stringify(out, null, 2)}\n`)
console.log(`${tables.length} tables, ${items} items, ${resolved} resolved; foods unresolved: ${tables.filter((t) => t.foods.length === 0).map((t) => t.name).join("、")}`)
