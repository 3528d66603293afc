/**
 * Generates `rules/national/limits/gb2763-2026.json` from the transcription of the public
 * extraction of GB 2763-2026 (`rules/national/limits/sources/gb2763-2026/limits-*.tsv` and
 * `compounds-*.tsv`, one line per record as written, with the page offset it was read at), the
 * declared food mapping (`food-map.tsv`) and the rows held from other sources (`kept-rows.jsonl`).
 *
 *   node --conditions=@nongan/source --import tsx scripts/import-gb2763-2026.ts          # write
 *   node --conditions=@nongan/source --import tsx scripts/import-gb2763-2026.ts --check  # verify
 *
 * Rules applied, in order (each counted in the summary; every record left out is written to
 * `review.tsv` with its reason):
 * - a group heading (empty value) sets the context for the names below it; it is not a row;
 * - the stray-table rule: only the table whose number equals the clause number after "4." is the
 *   clause's own (`4.125` → `表125`); other tables in a clause belong to other clauses;
 * - a trailing `*` marks a temporary limit; `(A、B除外)` / `[A除外]` are exclusions, resolved to
 *   catalogue ids within the heading's subtree; a value must be a plain decimal;
 * - limits on a fat basis (`以脂肪中的残留量计`, `(以脂肪计)`, `脂肪含量…`) are left out: a
 *   judgement compares the reported value of the whole product, and the fat content is not known;
 * - a food name resolves through `food-map.tsv` (heading-specific first), else exactly through
 *   the catalogue (names and aliases; `()` also tried as `（）`); it must lie within the heading
 *   when the heading is a catalogue node; animal products become species + tissue rows;
 * - the compound resolves exactly to a catalogue substance;
 * - two records of one table for the same food: equal values are one row; different values are
 *   both left out as a conflict.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs"
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { fromFiles } from "@nongan/engine/Dataset"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { readDataDir } from "@nongan/sdk/Files"

const root = join(import.meta.dirname, "..")
const rulesArg = process.argv.indexOf("--rules")
const rules = rulesArg > 0 ? process.argv[rulesArg + 1]! : join(root, "rules")
const src = join(rules, "national", "limits", "sources", "gb2763-2026")
const out = join(rules, "national", "limits", "gb2763-2026.json")
const check = process.argv.includes("--check")

const REPO = "Carol3306/Pesticidata"
const PATH = "agent-ready-structural/1-regulations/key_pollutants_regulations_global.json"
const EMRL_CLAUSES = new Set(["4.560", "4.561", "4.562", "4.563", "4.564", "4.565", "4.566"])

const tsv = (file: string): Array<Record<string, string>> => {
  const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "")
  const head = lines[0]!.split("\t")
  return lines.slice(1).map((l) => {
    const cells = l.split("\t")
    return Object.fromEntries(head.map((h, i) => [h, (cells[i] ?? "").trim()]))
  })
}

const parts = [1, 2, 3].filter((n) => existsSync(join(src, `limits-${n}.tsv`)))
type Rec = Record<string, string> & { readonly part: number; readonly line: number }
const records: Array<Rec> = parts.flatMap((n) => tsv(join(src, `limits-${n}.tsv`)).map((r, i): Rec => Object.assign({}, r, { part: n, line: i + 2 })))
const compounds = parts.flatMap((n) => (existsSync(join(src, `compounds-${n}.tsv`)) ? tsv(join(src, `compounds-${n}.tsv`)) : []))
const foodMap = existsSync(join(src, "food-map.tsv")) ? tsv(join(src, "food-map.tsv")) : []
const kept: Array<Record<string, unknown>> = existsSync(join(src, "kept-rows.jsonl"))
  ? readFileSync(join(src, "kept-rows.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>)
  : []

// catalogues only: the limit tables (this file among them) must not be needed to regenerate it
const files = getOrThrow(readDataDir(join(rules, "national"), rules)).filter((f) =>
  ["food-catalogue", "substance-catalogue"].includes((f.json as { kind?: string }).kind ?? "")
)
const ds = getOrThrow(fromFiles(files))
const foods = ds.foods
const substances = ds.substances

/** A compound as the extraction writes it: exactly, else through the declared analyte grammar (`氰戊菊酯和 S-氰戊菊酯`). */
const compound = (name: string): { ok: true; value: { id: string } } | { ok: false } => {
  const exact = substances.resolve(name)
  if (exact.ok) return exact
  const read = substances.read(name)
  return read.ok ? { ok: true, value: read.value.substance } : { ok: false }
}
const full = (s: string) => s.replace(/\(/g, "（").replace(/\)/g, "）")
const resolveName = (name: string): ResolvedFood | undefined => {
  for (const n of [name, full(name)]) {
    const r = foods.resolve(n)
    if (r.ok) return r.value
  }
  return undefined
}
const target = (t: string): ResolvedFood | undefined => {
  const a = /^(.+)\/(.+)$/.exec(t)
  if (!a) return resolveName(t)
  const species = foods.resolveSpecies(a[1]!)
  const tissue = foods.resolveTissue(a[2]!)
  if (!species.ok || !tissue.ok) return undefined
  return { kind: "animal", id: t, name: t, species: species.value, tissue: tissue.value, speciesPath: foods.pathOf(species.value) }
}
const mapped = (name: string, heading: string): { target?: ResolvedFood; note?: string; skip?: string } | undefined => {
  const m = foodMap.find((r) => r.written === name && r.heading === heading) ?? foodMap.find((r) => r.written === name && r.heading === "*")
  if (!m) return undefined
  if (m.target === "-") return { skip: m.note || "left out by food-map.tsv" }
  const t = target(m.target!)
  return t ? { target: t, note: m.note } : { skip: `food-map.tsv target ${m.target} is not in the catalogue` }
}
/** Splits an exclusion list at top-level 、 (not inside brackets). */
const splitList = (s: string): Array<string> => {
  const out: Array<string> = []
  let depth = 0
  let cur = ""
  for (const ch of s) {
    if ("(（[".includes(ch)) depth++
    if (")）]".includes(ch)) depth--
    if (ch === "、" && depth === 0) {
      out.push(cur.trim())
      cur = ""
    } else cur += ch
  }
  if (cur.trim()) out.push(cur.trim())
  return out
}
/** `X(A、B除外)` or `X[A、B(鲜)除外]` → X and its exclusions as written. */
const exclusions = (food: string): { base: string; excludes: Array<string> } => {
  const sq = /^(.*?)\[(.*)除外\]$/.exec(food)
  const pa = sq ? undefined : /^(.*?)[(（]([^()（）]*)除外[)）]$/.exec(food)
  const m = sq ?? pa
  return m ? { base: m[1]!.trim(), excludes: splitList(m[2]!) } : { base: food, excludes: [] }
}
const rootOf = (f: ResolvedFood | undefined): string | undefined => (f?.kind === "plant" ? f.path[0] : undefined)

type Review = { compound: string; clause: string; table: string; food: string; value: string; page_offset: string; reason: string }
const review: Array<Review> = []
const rows: Array<Record<string, unknown>> = []
const counts: Record<string, number> = {}
const count = (k: string) => void (counts[k] = (counts[k] ?? 0) + 1)
const seen = new Map<string, number>()
/** compounds with a record left out (other than stray tables): their tables are not held whole */
const incomplete = new Set<string>()

let heading = ""
let headingRoot: string | undefined
let currentTable = ""
for (const r of records) {
  const rv: Review = { compound: r.compound!, clause: r.clause!, table: r.table!, food: r.food!, value: r.value!, page_offset: r.page_offset!, reason: "" }
  const left = (reason: string) => {
    count(`left out: ${reason.split(":")[0]}`)
    review.push({ ...rv, reason })
    if (!reason.startsWith("stray table")) incomplete.add(r.compound!)
  }
  if (r.table !== currentTable) {
    currentTable = r.table!
    heading = ""
    headingRoot = undefined
  }
  if (r.food!.startsWith("{")) {
    count("footnote cells")
    continue
  }
  const own = r.table!.replace(/\s+/g, "") === `表${r.clause!.replace(/^4\./, "")}`
  if (!own) {
    left("stray table: belongs to another clause")
    continue
  }
  if (r.value === "") {
    count("headings")
    heading = r.food!
    headingRoot = rootOf(mapped(exclusions(heading).base, "*")?.target ?? resolveName(exclusions(heading).base)) ?? headingRoot
    continue
  }
  count("records")
  if (/脂肪/.test(r.food!) || /以脂肪/.test(r.value!)) {
    left("fat basis: the limit is not on the whole product")
    continue
  }
  const vm = /^([0-9]+(?:\.[0-9]+)?)(\*?)(?:\(以原样计\))?$/.exec(r.value!.replace(/\s+/g, ""))
  if (!vm) {
    left(`value not a plain decimal: ${r.value}`)
    continue
  }
  // the whole name first: 哺乳动物肉类(海洋哺乳动物除外) is itself a node of Annex A
  const whole = mapped(r.food!, heading) ?? (resolveName(r.food!) ? { target: resolveName(r.food!) } : undefined)
  if (whole?.target && whole.note?.startsWith("split:")) {
    // a merged cell (黄花菜(干)水果): the food, then the heading of the next group
    heading = whole.note.slice(6)
    headingRoot = rootOf(resolveName(heading)) ?? headingRoot
  }
  const { base, excludes: exAll } = whole ? { base: r.food!, excludes: [] } : exclusions(r.food!)
  const listed = exAll.includes("单列的")
  const exWritten = exAll.filter((e) => e !== "单列的")
  const m = whole ?? mapped(base, heading)
  if (m?.skip) {
    left(`food: ${m.skip}`)
    continue
  }
  const target = m?.target ?? resolveName(base)
  if (!target) {
    left(`food not in the catalogue: ${base}`)
    continue
  }
  // a name outside the heading's part of the tree: a category (depth ≤ 2) starts a new section;
  // a single food there needs a declared, heading-specific mapping (蚕豆 under 谷物 is the dry pulse)
  const root = rootOf(target)
  if (target.kind === "plant" && headingRoot && root !== headingRoot && !m) {
    if (target.path.length <= 2) headingRoot = root
    else {
      left(`food ${base} resolves to ${target.id}, outside the heading ${heading}`)
      continue
    }
  }
  const excludes: Array<string> = []
  let exBad = ""
  for (const e of exWritten.flatMap((x) => (resolveName(x) || mapped(x, heading) ? [x] : x.split(/和|及/)))) {
    const em = mapped(e, heading)
    const t = em?.target ?? resolveName(e)
    if (!t || t.kind !== "plant" || target.kind !== "plant" || !t.path.includes(target.id)) exBad ||= e
    else excludes.push(t.id)
  }
  if (exBad) {
    left(`exclusion not below the food: ${exBad}`)
    continue
  }
  const s = compound(r.compound!)
  if (!s.ok) {
    left(`substance not in the catalogue: ${r.compound}`)
    continue
  }
  const subject = target.kind === "plant" ? { food: target.id } : { species: target.species, tissue: target.tissue }
  const key = `${s.value.id}|${JSON.stringify(subject)}|${excludes.join("、")}`
  const value = vm[1]!
  const prev = seen.get(key)
  if (prev !== undefined) {
    const p = rows[prev]!
    if (p.limit === value) {
      count("duplicates (equal value)")
      continue
    }
    p.conflict = true
    left(`conflict: ${base} given ${String(p.limit)} and ${value} in one table`)
    continue
  }
  const row: Record<string, unknown> = { substance: s.value.id, ...subject }
  if (excludes.length > 0) row.excludes = excludes
  if (listed) row.excludesListed = true
  row.limit = value
  row.unit = "mg/kg"
  if (vm[2] === "*") row.temporary = true
  if (EMRL_CLAUSES.has(r.clause!)) row.extraneous = true
  const tableNo = r.table!.replace(/\s+/g, "")
  row.citation = {
    instrument: "GB 2763-2026",
    clause: `${r.clause} ${tableNo}`,
    repo: REPO,
    path: PATH,
    note: `Pesticidata (field china_gb2763) quotes GB 2763-2026 ${r.clause} ${r.compound} ${tableNo}: '${r.food}' ${r.value} mg/kg${heading ? ` (under ${heading})` : ""}; read at offset ${r.page_offset} (sources/gb2763-2026/limits-${r.part}.tsv line ${r.line}). Third-party extraction of the standard text, not the official PDF.${m?.note ? ` Food: ${m.note}` : ""}`
  }
  row.verification = "secondary"
  seen.set(key, rows.length)
  rows.push(row)
}
const finalRows = rows.filter((r) => !r.conflict)
counts["rows"] = finalRows.length
const clauses = compounds.map((c) => {
  const s = compound(c.compound!)
  return {
    clause: c.clause,
    compound: c.compound,
    ...(s.ok ? { substance: s.value.id } : {}),
    ...(c.english ? { english: c.english } : {}),
    residue: (c.residue ?? "").replace(/。$/, ""),
    ...(c.adi ? { adi: c.adi.replace(/。$/, "") } : {}),
    ...(c.main_use ? { use: c.main_use.replace(/。$/, "") } : {})
  }
})
for (const r of rows) if (r.conflict) incomplete.add(String(r.substance))
const holdsWhole = [...new Set(compounds.map((c) => c.compound!))]
  .filter((c) => !incomplete.has(c))
  .flatMap((c) => {
    const s = compound(c)
    return s.ok && finalRows.some((r) => r.substance === s.value.id) ? [s.value.id] : []
  })
counts["tables held whole"] = holdsWhole.length
const fromExtraction = new Set(finalRows.map((r) => String(r.substance)))
const keptRows = kept.filter((k) => !fromExtraction.has(String(k.substance)))
// rows from published evidence (scripts/import-limit-evidence.ts) for substances the extraction
// does not cover; for the others the extraction of the standard's text is the better source
const evidenceFile = join(src, "evidence-rows.jsonl")
const evidenceRows: Array<Record<string, unknown>> = existsSync(evidenceFile)
  ? readFileSync(evidenceFile, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>)
  : []
const subjectKey = (r: Record<string, unknown>) => `${String(r.substance)}|${String(r.food ?? "")}|${String(r.species ?? "")}|${String(r.tissue ?? "")}`
const keptKeys = new Set(keptRows.map(subjectKey))
const extraRows = evidenceRows.filter((r) => !fromExtraction.has(String(r.substance)) && !keptKeys.has(subjectKey(r)))
counts["rows from notices and other evidence"] = extraRows.length
const file = {
  kind: "limit-table",
  instrument: "GB 2763-2026",
  title: "食品安全国家标准 食品中农药最大残留限量",
  effective: { from: "2026-03-01" },
  citation: {
    instrument: "GB 2763-2026",
    announcement: "国家卫生健康委员会 农业农村部 国家市场监督管理总局公告2026年第2号",
    repo: REPO,
    path: PATH,
    note: "Effective 2026-03-01; replaces GB 2763-2021 and GB 2763.1-2022 (DOMAIN-FACTS §3.1, V). Rows are generated by scripts/import-gb2763-2026.ts from the transcription in sources/gb2763-2026/ of a third-party extraction of the standard's text (secondary); rows in kept-rows.jsonl come from other sources."
  },
  note: `Generated by scripts/import-gb2763-2026.ts; do not edit by hand. ${finalRows.length} rows from the extraction, ${keptRows.length} kept from other sources, ${extraRows.length} from published evidence (sources/gb2763-2026/evidence-rows.jsonl).`,
  clauses,
  holdsWhole,
  publishedTotal: 10749,
  rows: [...finalRows, ...keptRows, ...extraRows]
}
const text = JSON.stringify(file, null, 2) + "\n"
const reviewText =
  ["compound\tclause\ttable\tfood\tvalue\tpage_offset\treason", ...review.map((r) => [r.compound, r.clause, r.table, r.food, r.value, r.page_offset, r.reason].join("\t"))].join("\n") + "\n"
if (check) {
  const same = existsSync(out) && readFileSync(out, "utf8") === text && readFileSync(join(src, "review.tsv"), "utf8") === reviewText
  console.log(same ? "gb2763-2026.json is current" : "gb2763-2026.json differs from its transcription: run scripts/import-gb2763-2026.ts")
  process.exit(same ? 0 : 1)
}
writeFileSync(out, text)
writeFileSync(join(src, "review.tsv"), reviewText)
console.log(JSON.stringify(counts, null, 1))
