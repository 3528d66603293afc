/**
 * Adds the GB 2763-2026 compounds transcribed into `rules/national/limits/sources/gb2763-2026/
 * compounds-*.tsv` (columns compound, clause, english, residue; from the Pesticidata dataset,
 * secondary) to `rules/national/substances/pesticides.json`: a missing compound becomes a
 * pesticide entry cited to its clause; an existing entry gains its English name when it has none
 * (and the name is not another entry's) and a one-component residue definition when the 残留物 is
 * the compound itself (or its isomers' sum). Idempotent; entries are never removed or renamed.
 *
 * Run: `node --conditions=@nongan/source --import tsx scripts/substances-from-gb2763-2026.ts [--check]`
 * (`--check` prints what would change and exits 1 when anything would).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { normalise } from "@nongan/substances/AnalyteName"

interface Entry {
  id: string
  name: string
  kind: string
  english?: string
  aliases?: Array<string>
  residueDefinition?: unknown
  citation?: unknown
  verification?: string
  [k: string]: unknown
}

const root = join(import.meta.dirname, "..")
const subsDir = join(root, "rules", "national", "substances")
const tsvDir = join(root, "rules", "national", "limits", "sources", "gb2763-2026")
const target = join(subsDir, "pesticides.json")
const check = process.argv.includes("--check")

const files = readdirSync(subsDir).filter((f) => f.endsWith(".json"))
const all: Array<Entry> = files.flatMap((f) => (JSON.parse(readFileSync(join(subsDir, f), "utf8")) as { substances: Array<Entry> }).substances)
const taken = new Set(all.flatMap((s) => [s.id, s.name, ...(s.aliases ?? []), ...(s.english ? [s.english.toLowerCase()] : [])].map(normalise)))
const pesticides = JSON.parse(readFileSync(target, "utf8")) as { substances: Array<Entry> }
const byName = new Map(all.flatMap((s) => [s.id, s.name, ...(s.aliases ?? [])].map((n) => [normalise(n), s] as const)))

const rows = readdirSync(tsvDir)
  .filter((f) => /^compounds-.*\.tsv$/u.test(f))
  .sort()
  .flatMap((f) => {
    const [head, ...lines] = readFileSync(join(tsvDir, f), "utf8").split("\n").filter((l) => l.trim() !== "")
    const cols = head!.split("\t")
    return lines.map((l) => Object.fromEntries(l.split("\t").map((v, i) => [cols[i], v.trim()])) as Record<string, string>)
  })

const cite = (r: Record<string, string>, what: string) => ({
  instrument: "GB 2763-2026",
  clause: `${r.clause} ${r.compound}${what}`,
  url: "https://github.com/Carol3306/Pesticidata",
  note: "按 Pesticidata 数据集（agent-ready-structural/1-regulations/key_pollutants_regulations_global.json，china_gb2763 条款原文，来源文件 GB2763-2026.md）；经 rules/national/limits/sources/gb2763-2026/compounds-*.tsv 转录"
})

const changes: Array<string> = []
for (const r of rows) {
  const name = r.compound
  if (!name) continue
  const residue = (r.residue ?? "").replace(/[。.]$/u, "").trim()
  const single = residue === name || residue === `${name}(异构体之和)`
  const existing = byName.get(normalise(name))
  const own = pesticides.substances.find((s) => s.id === existing?.id)
  const definition = (id: string) => ({
    text: residue,
    expressedAs: id,
    components: [{ substance: id, factor: "1" }],
    citation: cite(r, ".3 残留物"),
    verification: "secondary"
  })
  if (existing === undefined) {
    const english = r.english && !taken.has(normalise(r.english.toLowerCase())) ? { english: r.english } : {}
    const entry: Entry = { id: name, name, kind: "pesticide", ...english, aliases: [], citation: cite(r, ""), verification: "secondary" }
    if (single) entry.residueDefinition = definition(name)
    pesticides.substances.push(entry)
    byName.set(normalise(name), entry)
    taken.add(normalise(name))
    changes.push(`+ ${name}`)
  } else if (own !== undefined) {
    if (!own.english && r.english && !taken.has(normalise(r.english.toLowerCase()))) {
      own.english = r.english
      taken.add(normalise(r.english.toLowerCase()))
      changes.push(`~ ${own.id}: english ${r.english}`)
    }
    if (own.residueDefinition === undefined && single) {
      own.residueDefinition = definition(own.id)
      changes.push(`~ ${own.id}: residue definition ${residue}`)
    }
  }
}

console.log(changes.length === 0 ? "substances-from-gb2763-2026: up to date" : changes.join("\n"))
if (check) process.exit(changes.length === 0 ? 0 : 1)
else if (changes.length > 0) writeFileSync(target, `${JSON.stringify(pesticides, null, 2)}\n`)
