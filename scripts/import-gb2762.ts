/**
 * Generates the GB 2762 contaminant limit tables from the transcription of the official text.
 *
 *   node --conditions=@nongan/source --import tsx scripts/import-gb2762.ts          # write
 *   node --conditions=@nongan/source --import tsx scripts/import-gb2762.ts --check  # verify only
 *
 * Inputs (all in the repository except the text file):
 *   - rules/national/limits/sources/gb2762/gb2762-2025.tsv   one line per limit of GB 2762—2025 表1–表12
 *     that applies to edible agricultural products, with the line of GB_2762-2025.txt it was read from
 *   - rules/national/limits/sources/gb2762/category-map.tsv  GB 2762 category (as written) → catalogue target
 *   - rules/national/foods/*.json, rules/national/substances/*.json (ids are checked)
 *   - ../shared/reference/data/gb2762-2025/GB_2762-2025.txt  (pdftotext -layout of the published PDF);
 *     when it is missing (a clean clone) the text verification is skipped with a message
 *
 * Outputs:
 *   - rules/national/limits/gb2762-2025.json  (effective from 2026-09-02, `official-text`)
 *   - rules/national/limits/gb2762-2022.json  (2023-06-30 → 2026-09-01; values unchanged in 2025, so
 *     confirmed by the 2025 text; rows the 2025 foreword lists as changed are left out)
 *   - rules/national/limits/sources/gb2762/not-imported.tsv  (every TSV line or target that produced no row, and why)
 *
 * The script fails (exit 1) on a transcription error: each value must occur on its `text_line` (the
 * pdftotext layout splits "0.2" into "0." and "2" on adjacent lines; both parts are matched by column),
 * in the right column of two-column tables (总汞/甲基汞, 总砷/无机砷, 亚硝酸盐/硝酸盐), inside its table,
 * and the category as written must start on that line.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const SRC = join(ROOT, "rules/national/limits/sources/gb2762")
const TEXT = process.env.GB2762_TEXT ?? resolve(ROOT, "../shared/reference/data/gb2762-2025/GB_2762-2025.txt")
const OUT_2025 = join(ROOT, "rules/national/limits/gb2762-2025.json")
const OUT_2022 = join(ROOT, "rules/national/limits/gb2762-2022.json")
const OUT_SKIPPED = join(SRC, "not-imported.tsv")

/** One transcribed limit of GB 2762—2025 (a line of gb2762-2025.tsv). */
export interface SourceRow {
  readonly contaminant: string
  readonly clause: string
  readonly table: string
  readonly category: string
  readonly limit: string
  readonly unit: string
  readonly excludes: ReadonlyArray<string>
  readonly note: string
  readonly textLine: number
  /** line of the TSV file (1-based, header = 1) */
  readonly tsvLine: number
}

/** One line of category-map.tsv: a GB 2762 category → one catalogue target (several lines = a union). */
export interface MapEntry {
  readonly category: string
  readonly kind: "food" | "species" | "none" | "unmapped"
  readonly target: string
  readonly tissue: string
  readonly excludes: ReadonlyArray<string>
  readonly fallback: ReadonlyArray<string>
  readonly note: string
}

/** Reads a tab-separated file with a header line into records keyed by the header names. */
export const readTsv = (path: string): Array<Record<string, string> & { __line: string }> => {
  const lines = readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "")
  const header = lines[0]!.split("\t")
  return lines.slice(1).map((l, i) => {
    const cells = l.split("\t")
    if (cells.length !== header.length) throw new Error(`${path}:${i + 2}: ${cells.length} cells, expected ${header.length}`)
    return Object.assign(Object.fromEntries(header.map((h, k) => [h, cells[k]!.trim()])), { __line: String(i + 2) })
  })
}

/** Splits a GB 2762 list (`甲、乙、丙`) at top-level `、` (not inside brackets). */
export const splitList = (s: string): Array<string> => {
  const out: Array<string> = []
  let depth = 0
  let cur = ""
  for (const ch of s) {
    if ("([（【".includes(ch)) depth++
    if (")]）】".includes(ch)) depth--
    if (ch === "、" && depth === 0) {
      out.push(cur)
      cur = ""
    } else cur += ch
  }
  if (cur !== "") out.push(cur)
  // `鲜、冻水产动物` is one category (fresh or frozen), not two
  const joined: Array<string> = []
  for (const x of out.map((x) => x.trim()).filter((x) => x !== ""))
    if (joined.length > 0 && joined[joined.length - 1] === "鲜") joined[joined.length - 1] = `鲜、${x}`
    else joined.push(x)
  return joined
}

/** The category head and its written exclusion list: `新鲜水果(蔓越莓、醋栗除外)` → [`新鲜水果`, `蔓越莓、醋栗`]. */
export const splitExclusion = (category: string): readonly [string, string | undefined] => {
  const m = /^(.*?)\s*[([]([^()[\]]*(?:\([^()]*\)[^()[\]]*)*)除外[)\]]$/.exec(category)
  return m ? [m[1]!, m[2]!] : [category, undefined]
}

const QUALIFIERS = ["及以上食用菌的制品", "及以上鱼类的制品", "及其制品"]

const CONTAMINANT_OF_TABLE: Record<string, ReadonlyArray<string>> = {
  表1: ["铅"], 表2: ["镉"], 表3: ["总汞", "甲基汞"], 表4: ["总砷", "无机砷"], 表5: ["锡"], 表6: ["镍"], 表7: ["铬"],
  表8: ["亚硝酸盐", "硝酸盐"], 表9: ["苯并[a]芘"], 表10: ["N-二甲基亚硝胺"], 表11: ["多氯联苯"], 表12: ["3-氯-1,2-丙二醇"]
}
const UNIT_OF_TABLE = (table: string) => (["表9", "表10", "表11"].includes(table) ? "ug/kg" : "mg/kg")

/** Foreword of GB 2762—2025: the limits it changed (or added) relative to GB 2762—2022. */
const CHANGED_IN_2025 = /肉类干制品|包装饮用水|食用燕窝/

// ---------------------------------------------------------------- text verification

const squash = (s: string) => s.replace(/[\s\d.a-e—]/g, "")
const tokens = (line: string) => [...line.matchAll(/\S+/g)].map((m) => ({ col: m.index, text: m[0] }))

/**
 * Checks one transcribed row against the text file lines; returns the problems found (empty = verified).
 * The value's integer part (`0.`) must sit on `text_line` or the line after it, and its fraction on a
 * neighbouring line in the same column; an integer value must be a token of `text_line`.
 */
export const verifyRow = (lines: ReadonlyArray<string>, r: SourceRow, tableLines: ReadonlyMap<string, readonly [number, number]>): Array<string> => {
  const problems: Array<string> = []
  const L = r.textLine
  const line = (n: number) => lines[n - 1] ?? ""
  const span = tableLines.get(r.table)
  if (!span) problems.push(`table ${r.table} not found in the text`)
  else if (L <= span[0] || L >= span[1]) problems.push(`line ${L} lies outside ${r.table} (lines ${span[0]}–${span[1]})`)
  // category as written starts on line L (the text may wrap it onto the next lines)
  const head = squash(line(L))
  const win = squash([L, L + 1, L + 2, L + 3].map(line).join(""))
  const cat = squash(r.category)
  const at = win.indexOf(cat)
  if (cat === "" || at < 0 || at >= Math.max(head.length, 1)) problems.push(`category "${r.category}" does not start on line ${L}`)
  // value
  const column = CONTAMINANT_OF_TABLE[r.table]?.length === 2 ? CONTAMINANT_OF_TABLE[r.table]!.indexOf(r.contaminant) : -1
  const dashes = (n: number) => tokens(line(n)).filter((t) => t.text === "—").map((t) => t.col)
  const columnOk = (c: number, ns: ReadonlyArray<number>) =>
    column < 0 || ns.some((n) => dashes(n).some((d) => (column === 0 ? d > c : d < c)))
  let found = false
  if (r.limit.includes(".")) {
    const [ip, fp] = r.limit.split(".") as [string, string]
    const fracRe = new RegExp(`^${fp}(?![0-9])`)
    for (const il of [L, L + 1])
      for (const t of tokens(line(il)).filter((t) => t.text === `${ip}.`))
        for (const fl of [il - 1, il + 1].filter((n) => n >= L && n <= L + 2))
          if (tokens(line(fl)).some((u) => Math.abs(u.col - (t.col + 1)) <= 2 && fracRe.test(u.text)) && columnOk(t.col, [il, fl])) found = true
  } else {
    const re = new RegExp(`^${r.limit}(?![0-9.])`)
    for (const t of tokens(line(L))) if (re.test(t.text) && columnOk(t.col, [L])) found = true
  }
  if (!found) problems.push(`value ${r.limit} (${r.contaminant}) not found on line ${L}${column >= 0 ? ` in the ${r.contaminant} column` : ""}`)
  return problems
}

const tableSpans = (lines: ReadonlyArray<string>): Map<string, readonly [number, number]> => {
  const starts: Array<[string, number]> = []
  lines.forEach((l, i) => {
    const m = /^\s*表 (\d+) 食品中/.exec(l)
    if (m && !starts.some(([t]) => t === `表${m[1]}`)) starts.push([`表${m[1]}`, i + 1])
  })
  const annex = lines.findIndex((l) => /表 A\./.test(l)) + 1 || lines.length
  return new Map(starts.map(([t, s], k) => [t, [s, starts[k + 1]?.[1] ?? annex] as const]))
}

// ---------------------------------------------------------------- catalogue

interface Catalogue {
  readonly nodeParent: Map<string, string | undefined>
  readonly speciesParent: Map<string, string | undefined>
  readonly tissues: Set<string>
  readonly substances: Set<string>
}

const loadCatalogue = (): Catalogue => {
  const nodeParent = new Map<string, string | undefined>()
  const speciesParent = new Map<string, string | undefined>()
  const tissues = new Set<string>(["*"])
  const substances = new Set<string>()
  const dir = join(ROOT, "rules/national/foods")
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const d = JSON.parse(readFileSync(join(dir, f), "utf8"))
    for (const n of d.nodes ?? []) nodeParent.set(n.id, n.parent)
    for (const s of d.species ?? []) speciesParent.set(s.id, s.parent)
    for (const t of d.tissues ?? []) tissues.add(t.id)
  }
  const sdir = join(ROOT, "rules/national/substances")
  for (const f of readdirSync(sdir).filter((f) => f.endsWith(".json"))) {
    const d = JSON.parse(readFileSync(join(sdir, f), "utf8"))
    for (const s of d.substances ?? []) substances.add(s.id)
  }
  return { nodeParent, speciesParent, tissues, substances }
}

const within = (parents: Map<string, string | undefined>, x: string, ancestor: string): boolean => {
  for (let p = parents.get(x); p !== undefined; p = parents.get(p)) if (p === ancestor) return true
  return false
}

// ---------------------------------------------------------------- generation

interface Target {
  readonly kind: "food" | "species"
  readonly id: string
  readonly tissue: string
  readonly excludes: ReadonlyArray<string>
  readonly note: string
  readonly via?: string
  /** how the written 除外 list was mapped: `薯类 → 马铃薯` */
  readonly excludedVia: ReadonlyArray<string>
  /** written exclusions that name no catalogued food */
  readonly unexcluded?: ReadonlyArray<string>
}

type Lookup = { readonly entries: ReadonlyArray<MapEntry>; readonly key: string } | undefined

const lookup = (map: ReadonlyMap<string, ReadonlyArray<MapEntry>>, atom: string): Lookup => {
  if (map.has(atom)) return { entries: map.get(atom)!, key: atom }
  for (const q of QUALIFIERS)
    if (atom.endsWith(q) && map.has(atom.slice(0, -q.length))) return { entries: map.get(atom.slice(0, -q.length))!, key: atom.slice(0, -q.length) }
  return undefined
}

interface Skipped {
  readonly tsvLine: number
  readonly contaminant: string
  readonly category: string
  readonly part: string
  readonly reason: string
}

/** The limit rows (plant or animal side) one transcribed row yields, plus what it could not map. */
export const rowsFor = (
  r: SourceRow,
  map: ReadonlyMap<string, ReadonlyArray<MapEntry>>,
  cat: Catalogue,
  errors: Array<string>
): { rows: Array<Target>; skipped: Array<Skipped> } => {
  const skipped: Array<Skipped> = []
  const skip = (part: string, reason: string) => skipped.push({ tsvLine: r.tsvLine, contaminant: r.contaminant, category: r.category, part, reason })
  const [head, written] = splitExclusion(r.category)
  if ((written ?? "") !== r.excludes.join("、")) errors.push(`tsv:${r.tsvLine}: excludes_as_written "${r.excludes.join("、")}" ≠ the exclusion written in "${r.category}"`)
  const resolveEntry = (e: MapEntry): Array<Target> => {
    if (e.kind !== "food" && e.kind !== "species") return []
    const exists = e.kind === "food" ? cat.nodeParent.has(e.target) : cat.speciesParent.has(e.target)
    const ids = exists ? [e.target] : e.fallback.filter((f) => cat.speciesParent.has(f) || cat.nodeParent.has(f))
    if (!exists && (e.fallback.length === 0 || ids.length !== e.fallback.length)) return []
    if (e.kind === "species" && !cat.tissues.has(e.tissue)) errors.push(`category-map: unknown tissue ${e.tissue}`)
    for (const x of e.excludes)
      if (!cat.nodeParent.has(x) || !within(cat.nodeParent, x, e.target)) errors.push(`category-map: ${e.category} → ${e.target}: exclusion ${x} is not a catalogued member`)
    return ids.map((id) => ({ kind: e.kind as "food" | "species", id, tissue: e.tissue, excludes: e.excludes, note: e.note, ...(exists ? {} : { via: e.target }), excludedVia: [] }))
  }
  // exclusions
  const excluded: Array<Target & { readonly atom: string }> = []
  const unmappedExclusions: Array<string> = []
  for (const atom of r.excludes) {
    const l = lookup(map, atom)
    if (!l) {
      errors.push(`tsv:${r.tsvLine}: exclusion "${atom}" has no line in category-map.tsv`)
      continue
    }
    for (const e of l.entries) {
      if (e.kind === "unmapped") unmappedExclusions.push(`${atom} (${e.note})`)
      const t = resolveEntry(e)
      if ((e.kind === "food" || e.kind === "species") && t.length === 0) skip(`(excluded) ${atom}`, `pending catalogue entry ${e.target}`)
      excluded.push(...t.map((x) => ({ ...x, atom })))
    }
  }
  const pendingExclusion = skipped.length > 0
  const out: Array<Target> = []
  for (const atom of splitList(head)) {
    const l = lookup(map, atom)
    if (!l) {
      errors.push(`tsv:${r.tsvLine}: category "${atom}" has no line in category-map.tsv`)
      continue
    }
    for (const e of l.entries) {
      if (e.kind === "none") { skip(atom, `not catalogued (${e.note})`); continue }
      if (e.kind === "unmapped") { skip(atom, `unmapped: ${e.note}`); continue }
      const ts = resolveEntry(e)
      if (ts.length === 0) { skip(atom, `pending catalogue entry ${e.target} (${e.kind})`); continue }
      for (const t of ts) {
        if (pendingExclusion && t.kind === "species") { skip(atom, `withheld: an exclusion is not catalogued yet`); continue }
        const parents = t.kind === "food" ? cat.nodeParent : cat.speciesParent
        let drop = false
        const ex = [...t.excludes]
        const via: Array<string> = []
        for (const x of excluded) {
          if (x.kind !== t.kind) continue
          if (t.kind === "species" && !(x.tissue === t.tissue || x.tissue === "*" || t.tissue === "*")) continue
          if (x.id === t.id || within(parents, t.id, x.id)) {
            if (t.kind === "food" || x.tissue === "*" || x.tissue === t.tissue) drop = true
          } else if (within(parents, x.id, t.id) && !ex.includes(x.id)) {
            ex.push(x.id)
            via.push(`${x.atom} → ${x.id}`)
          }
        }
        const isGroup = [...parents.values()].includes(t.id)
        const unexcluded = isGroup && unmappedExclusions.length > 0 ? [`written exclusions with no catalogue entry (nothing to exclude): ${unmappedExclusions.join("; ")}`] : []
        if (!drop) out.push({ ...t, excludes: ex, excludedVia: via, unexcluded })
      }
    }
  }
  return { rows: out, skipped }
}

const unitText = (u: string) => (u === "ug/kg" ? "μg/kg" : u)

const makeRow = (r: SourceRow, t: Target, edition: "2025" | "2022") => {
  const clause = `${r.clause} ${r.table}`
  const written = `${r.table} ${r.category} ≤${r.limit} ${unitText(r.unit)}`
  const citationNote =
    edition === "2025"
      ? `GB 2762—2025 official text (published PDF; GB_2762-2025.txt line ${r.textLine}): ${written}.`
      : `value unchanged in GB 2762-2025 (foreword lists the changes); confirmed by the 2025 text line ${r.textLine}: ${written}.`
  const meat = edition === "2022" && t.kind === "species" && (t.id === "家畜" || t.id === "家禽") && ["肌肉", "肝", "肾", "可食下水"].includes(t.tissue)
  const note = [
    r.note,
    `mapping: ${t.via ? `${t.via} (not yet catalogued; ${t.id} stands for it) — ` : ""}${t.note}`,
    t.excludedVia.length > 0 ? `excluded: ${t.excludedVia.join("; ")}` : "",
    ...(t.unexcluded ?? []),
    meat ? "the 2025 foreword changes the 肉类干制品 limits and the application principles (应用原则), not the fresh-meat values; the 2022 wording of this category was not read" : ""
  ].filter((x) => x !== "").join("; ")
  return {
    substance: r.contaminant,
    ...(t.kind === "food" ? { food: t.id } : { species: t.id, tissue: t.tissue }),
    limit: r.limit,
    unit: r.unit,
    ...(t.excludes.length > 0 ? { excludes: t.excludes } : {}),
    citation: { instrument: edition === "2025" ? "GB 2762-2025" : "GB 2762-2022", clause, document: "GB_2762-2025.pdf", note: citationNote },
    verification: "official-text",
    note
  }
}

const APPLICATION_NOTE =
  "Application rules (GB 2762—2025 第3章): 3.3 a limit set for a category applies to every food in it unless a member is listed separately (encoded as rows on catalogue nodes; 除外 as `excludes`); " +
  "3.4 limits apply to the usual edible part (可食用部分, 2.2: after removing shells, bones, peel … by mechanical means) — aquatic rows use tissue `*` for that edible part, and rows marked 去除内脏 apply to the eviscerated animal; " +
  "3.5 dried aquatic products and dried fungi are judged against the fresh limit converted with their dehydration or concentration rate, and comply when below the fresh limit — not implemented (the catalogue has no dried aquatic or dried fungus foods and no dehydration rate); " +
  "footnotes: 稻谷以糙米计 (paddy judged on brown rice), 干重计 (木耳/银耳: dry-weight basis; results must be reported on dry weight, the engine does not convert), 表3/表4 footnote a (a 总汞/总砷 result not above the 甲基汞/无机砷 limit is enough to comply) — not implemented."

const table = (edition: "2025" | "2022", rows: ReadonlyArray<unknown>) => ({
  kind: "limit-table",
  instrument: edition === "2025" ? "GB 2762-2025" : "GB 2762-2022",
  title: "食品安全国家标准 食品中污染物限量",
  effective: edition === "2025" ? { from: "2026-09-02" } : { from: "2023-06-30", to: "2026-09-01" },
  citation:
    edition === "2025"
      ? { instrument: "GB 2762-2025", note: "GB 2762—2025 (发布 2025-09-02, 实施 2026-09-02; replaces GB 2762—2022 and its 第1号修改单), read from the published PDF. Generated by scripts/import-gb2762.ts from rules/national/limits/sources/gb2762/. Rows cover edible agricultural products only." }
      : { instrument: "GB 2762-2022", note: "GB 2762—2022, in force 2023-06-30 until GB 2762—2025 took effect (2026-09-02). Values are those of GB 2762—2025 for every limit its foreword does not list as changed (only 肉类干制品, 包装饮用水 and 食用燕窝 limits, 表10 wording, 应用原则 and 附录A changed). The 2022 text itself was not read. Generated by scripts/import-gb2762.ts." },
  note: APPLICATION_NOTE,
  rows
})

// ---------------------------------------------------------------- main

const main = () => {
  const check = process.argv.includes("--check")
  const errors: Array<string> = []
  const source: Array<SourceRow> = readTsv(process.env.GB2762_TSV ?? join(SRC, "gb2762-2025.tsv")).map((x) => ({
    contaminant: x.contaminant!,
    clause: x.clause!,
    table: x.table!,
    category: x.category_as_written!,
    limit: x.limit!,
    unit: x.unit!,
    excludes: x.excludes_as_written ? splitList(x.excludes_as_written) : [],
    note: x.note ?? "",
    textLine: Number(x.text_line),
    tsvLine: Number(x.__line)
  }))
  const mapEntries: Array<MapEntry> = readTsv(join(SRC, "category-map.tsv")).map((x) => ({
    category: x.category!,
    kind: x.kind as MapEntry["kind"],
    target: x.target!,
    tissue: x.tissue!,
    excludes: x.excludes ? x.excludes.split(",") : [],
    fallback: x.fallback ? x.fallback.split(",") : [],
    note: x.note!
  }))
  const map = new Map<string, Array<MapEntry>>()
  for (const e of mapEntries) {
    if (!["food", "species", "none", "unmapped"].includes(e.kind)) errors.push(`category-map: ${e.category}: kind ${e.kind}`)
    if ((e.kind === "food" || e.kind === "species") && !e.note) errors.push(`category-map: ${e.category}: a mapping needs a note`)
    map.set(e.category, [...(map.get(e.category) ?? []), e])
  }
  // structural checks of the transcription
  for (const r of source) {
    const where = `tsv:${r.tsvLine}`
    if (!CONTAMINANT_OF_TABLE[r.table]?.includes(r.contaminant)) errors.push(`${where}: ${r.contaminant} is not a contaminant of ${r.table}`)
    if (r.clause !== `4.${r.table.slice(1)}`) errors.push(`${where}: clause ${r.clause} does not match ${r.table}`)
    if (r.unit !== UNIT_OF_TABLE(r.table)) errors.push(`${where}: unit ${r.unit}; ${r.table} is in ${UNIT_OF_TABLE(r.table)}`)
    if (!/^\d+(\.\d+)?$/.test(r.limit)) errors.push(`${where}: limit ${r.limit} is not a plain decimal`)
    if (!Number.isInteger(r.textLine) || r.textLine < 1) errors.push(`${where}: text_line ${r.textLine}`)
  }
  // text verification
  if (existsSync(TEXT)) {
    const lines = readFileSync(TEXT, "utf8").split("\n")
    const spans = tableSpans(lines)
    for (const r of source) for (const p of verifyRow(lines, r, spans)) errors.push(`tsv:${r.tsvLine}: ${p}`)
    console.log(`verified ${source.length} transcribed rows against ${TEXT}`)
  } else console.log(`NOTE: ${TEXT} not found (clean clone without shared/): text verification SKIPPED; the TSV values are not re-checked`)

  const cat = loadCatalogue()
  const rows2025: Array<ReturnType<typeof makeRow>> = []
  const rows2022: Array<ReturnType<typeof makeRow>> = []
  const skipped: Array<Skipped> = []
  for (const r of source) {
    const { rows, skipped: s } = rowsFor(r, map, cat, errors)
    skipped.push(...s)
    if (rows.length > 0 && !cat.substances.has(r.contaminant)) {
      skipped.push({ tsvLine: r.tsvLine, contaminant: r.contaminant, category: r.category, part: "*", reason: `substance ${r.contaminant} not in rules/national/substances` })
      continue
    }
    const changed = CHANGED_IN_2025.test(r.category) || r.table === "表10"
    if (changed) skipped.push({ tsvLine: r.tsvLine, contaminant: r.contaminant, category: r.category, part: "*", reason: "GB 2762-2022 value: changed by GB 2762-2025 (foreword), no 2022 source: left out of gb2762-2022.json" })
    for (const t of rows) {
      rows2025.push(makeRow(r, t, "2025"))
      if (!changed) rows2022.push(makeRow(r, t, "2022"))
    }
  }
  // no two rows on one subject
  const seen = new Set<string>()
  for (const x of rows2025) {
    const k = `${x.substance}|${"food" in x ? x.food : `${x.species}|${x.tissue}`}`
    if (seen.has(k)) errors.push(`duplicate generated row ${k}`)
    seen.add(k)
  }
  if (errors.length > 0) {
    for (const e of errors) console.error(`ERROR ${e}`)
    console.error(`${errors.length} error(s); nothing written`)
    process.exit(1)
  }
  const files: Array<[string, string]> = [
    [OUT_2025, JSON.stringify(table("2025", rows2025), null, 2) + "\n"],
    [OUT_2022, JSON.stringify(table("2022", rows2022), null, 2) + "\n"],
    [
      OUT_SKIPPED,
      ["tsv_line\tcontaminant\tcategory_as_written\tpart\treason", ...skipped.map((s) => [s.tsvLine, s.contaminant, s.category, s.part, s.reason].join("\t"))].join("\n") + "\n"
    ]
  ]
  let stale = 0
  for (const [path, text] of files) {
    const current = existsSync(path) ? readFileSync(path, "utf8") : ""
    if (current === text) continue
    if (check) {
      console.error(`STALE ${path}: regenerate with scripts/import-gb2762.ts`)
      stale++
    } else writeFileSync(path, text)
  }
  const count = (rows: ReadonlyArray<{ substance: string }>) =>
    [...rows.reduce((m, r) => m.set(r.substance, (m.get(r.substance) ?? 0) + 1), new Map<string, number>())].map(([s, n]) => `${s} ${n}`).join(", ")
  console.log(`GB 2762-2025: ${rows2025.length} rows (${count(rows2025)})`)
  console.log(`GB 2762-2022: ${rows2022.length} rows (${count(rows2022)})`)
  console.log(`not imported: ${skipped.length} (see ${OUT_SKIPPED.slice(ROOT.length + 1)})`)
  if (stale > 0) process.exit(1)
  if (check) console.log("generated files are current")
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main()
