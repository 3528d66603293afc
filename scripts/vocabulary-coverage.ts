/**
 * Vocabulary coverage: how many product names, as regulators write them, the food catalogue reads
 * (`FoodCatalogue.read`), and why the others are refused. Inputs are the shared reference copies
 * (read-only): the 2025–2026 sampling notices (`productRaw`) and the samr-2026 name lists
 * (synonyms.json, category_map.json and the 食用农产品 categories). Prints catalogue sizes too.
 *
 *   node --conditions=@nongan/source --import tsx scripts/vocabulary-coverage.ts [--list]
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { fromFiles } from "@nongan/foods/FoodCatalogue"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"

const REF = join(import.meta.dirname, "..", "..", "shared", "reference", "data")
const AGRI = ["食用农产品", "蔬菜", "水果类", "水产品", "畜禽肉及副产品", "鲜蛋", "豆类", "生干坚果与籽类食品"]
const isAgri = (key: string): boolean => AGRI.some((a) => key === a || key.startsWith(`${a}-`))

const files = getOrThrow(readDataDir(join(rulesDir(), "national"), rulesDir()))
const cat = getOrThrow(fromFiles(files.map((f) => f.json).filter((j) => (j as { kind?: string }).kind === "food-catalogue")))

const readJson = (p: string): unknown => JSON.parse(readFileSync(join(REF, p), "utf8"))
const sources: Array<[string, ReadonlyArray<string>]> = []
if (existsSync(join(REF, "notices"))) {
  const lines = readFileSync(join(REF, "notices", "notices-2025-2026.jsonl"), "utf8").split("\n").filter((l) => l.trim().length > 0)
  const raw = lines.map((l) => (JSON.parse(l) as { productRaw: string }).productRaw)
  sources.push(["notices productRaw (items)", raw], ["notices productRaw (distinct)", [...new Set(raw)]])
  const syn = readJson("samr-2026/synonyms.json") as { rules: ReadonlyArray<{ raw: string; canonical: string }> }
  const map = readJson("samr-2026/category_map.json") as Record<string, unknown>
  const agri = Object.entries(map).filter(([k, v]) => isAgri(k) && Array.isArray(v)).flatMap(([, v]) => v as ReadonlyArray<string>)
  const agriSet = new Set(agri)
  sources.push(["samr synonyms.json raw (all, distinct)", [...new Set(syn.rules.map((r) => r.raw))]])
  sources.push([
    "samr synonyms.json raw, 食用农产品 only (raw or canonical listed under a 食用农产品 key)",
    [...new Set(syn.rules.filter((r) => agriSet.has(r.raw) || agriSet.has(r.canonical)).map((r) => r.raw))]
  ])
  sources.push(["samr category_map.json, 食用农产品 keys (distinct)", [...new Set(agri)]])
  const full = readJson("samr-2026/categories_subcat.json") as { categories: ReadonlyArray<{ name: string; subcategories: ReadonlyArray<{ name: string }> }> }
  const subs = full.categories.filter((c) => isAgri(c.name)).flatMap((c) => c.subcategories.map((s) => s.name))
  sources.push(["samr categories_subcat.json, 食用农产品 sub-categories", [...new Set(subs)]])
}

const list = process.argv.includes("--list")
for (const [title, names] of sources) {
  const refused = new Map<string, Array<string>>()
  let read = 0
  let withSteps = 0
  const strict = names.filter((n) => cat.resolve(n).ok).length
  for (const n of names) {
    const r = cat.read(n)
    if (r.ok) {
      read++
      if (r.value.reading.steps.length > 0) withSteps++
    } else {
      const code = r.errors[0]?.code ?? "?"
      refused.set(code, [...(refused.get(code) ?? []), n])
    }
  }
  console.log(`\n## ${title}: ${names.length} names — ${read} read (${withSteps} through declared steps), ${names.length - read} refused; strict resolve alone: ${strict}`)
  for (const [code, ns] of refused) console.log(`   ${code}: ${ns.length}${list || ns.length <= 40 ? ` — ${ns.join("、")}` : ""}`)
}

const declared = cat.declaredNames()
const byKind = (k: string) => declared.filter((d) => d.kind === k).length
const aliases = [...cat.nodes(), ...cat.species(), ...cat.tissues(), ...cat.products()].reduce((n, e) => n + (e.aliases?.length ?? 0), 0)
console.log(`\n## catalogue`)
console.log(`   plant nodes ${cat.nodes().length} (${cat.nodes().filter((n) => n.kind === "food").length} foods), species ${cat.species().length} (${cat.species().filter((s) => s.asProduct).length} readable as products), tissues ${cat.tissues().length}, animal products ${cat.products().length}`)
console.log(`   entry aliases ${aliases}; declared names ${declared.length}: synonym ${byKind("synonym")}, variety ${byKind("variety")}, crop ${byKind("crop")}, ambiguous ${byKind("ambiguous")}`)
const words = cat.qualifierWords()
console.log(`   grammar words ${words.length}: qualifiers ${words.filter((w) => w.kind === "qualifier").length}, origins ${words.filter((w) => w.kind === "origin").length}`)
