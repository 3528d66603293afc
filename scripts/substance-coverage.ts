/**
 * Substance catalogue coverage: catalogue sizes by kind, and how the analyte names of the
 * 2025–2026 notices (`item`) and of the 2026 sampling check list (`检验项目` of
 * gb_checklist_subcat.json) read through `SubstanceCatalogue.read`, or why they are refused.
 *
 * Run: `node --conditions=@nongan/source --import tsx scripts/substance-coverage.ts [--list]`
 * (`--list` prints every refused name). Reads `../shared/reference/data/...` (read-only inputs).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { fromFiles } from "@nongan/substances/SubstanceCatalogue"

const root = join(import.meta.dirname, "..")
const shared = join(root, "..", "shared", "reference", "data")
const dir = join(root, "rules", "national", "substances")
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as unknown)
const cat = getOrThrow(fromFiles(files))
const list = process.argv.includes("--list")

// ------------------------------------------------------------------ catalogue sizes
const byKind = new Map<string, number>()
for (const s of cat.all()) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1)
const withDef = cat.all().filter((s) => s.residueDefinition !== undefined).length
const withCas = cat.all().filter((s) => s.cas).length
const withEnglish = cat.all().filter((s) => s.english).length
console.log(`catalogue: ${cat.all().length} entries, ${cat.names().length} names`)
for (const [k, n] of [...byKind].sort()) console.log(`  ${k.padEnd(16)} ${n}`)
console.log(`  with residue definition ${withDef}, English name ${withEnglish}, CAS ${withCas}`)

// ------------------------------------------------------------------ GB 2763 pesticides
/**
 * How many pesticides each edition names, from its own scope clause ("2,4-滴丁酸等564种农药",
 * "2,4-滴丁酸等585种农药"). The list of those names is not held (no public copy was found, see
 * rules/national/substances/RESEARCH.md), so coverage against it is not computed: what is printed
 * is what is held and what it is cited to, never a percentage of the standard.
 */
const GB2763_NAMED: ReadonlyArray<readonly [string, number]> = [["GB 2763-2021", 564], ["GB 2763-2026", 585]]
const pesticides = cat.all().filter((s) => s.kind === "pesticide")
const byInstrument = new Map<string, number>()
for (const s of pesticides) {
  const edition = /^GB 2763(?:\.1)?-\d{4}/u.exec(s.citation?.instrument ?? "")?.[0] ?? "other (ban lists, other announcements, GB/T 8321)"
  byInstrument.set(edition, (byInstrument.get(edition) ?? 0) + 1)
}
const compoundsDir = join(root, "rules", "national", "limits", "sources", "gb2763-2026")
const extracted = readdirSync(compoundsDir)
  .filter((f) => /^compounds-\d+\.tsv$/u.test(f))
  .flatMap((f) => readFileSync(join(compoundsDir, f), "utf8").split("\n").slice(1))
  .map((l) => l.split("\t")[0]?.trim() ?? "")
  .filter((n) => n !== "")
const extractedHeld = extracted.filter((n) => cat.read(n).ok)
console.log(
  `\nGB 2763 pesticides: the standard names ${GB2763_NAMED.map(([e, n]) => `${n} (${e})`).join(" and ")}; ` +
    `their list of names is not held, so coverage of it is not counted.`
)
console.log(`  pesticide entries held: ${pesticides.length} (not all are GB 2763 pesticides); cited to:`)
for (const [k, n] of [...byInstrument].sort()) console.log(`    ${k.padEnd(20)} ${n}`)
console.log(
  `  of the ${extracted.length} compounds in the public GB 2763-2026 extraction (limits/sources/gb2763-2026/compounds-*.tsv), ` +
    `${extractedHeld.length} read${extractedHeld.length < extracted.length ? `; not read: ${extracted.filter((n) => !cat.read(n).ok).join("、")}` : ""}`
)

// ------------------------------------------------------------------ reading names
/** A refusal reason without the names in it. */
const reasonClass = (reason: string): string =>
  reason.startsWith("not every part")
    ? "a part of a list is not a declared name"
    : reason.includes("no declared group")
      ? "no declared group has exactly these members"
      : reason.includes(") names ")
        ? "bracket names another substance"
        : reason.startsWith("bracket (")
          ? "bracket is not a declared name, sum or expressed-as clause"
          : reason

interface Tally {
  readonly distinct: number
  readonly read: number
  readonly plain: number
  readonly steps: Map<string, number>
  readonly refused: Map<string, Array<string>>
}

const tally = (names: ReadonlyArray<string>): Tally => {
  const distinct = [...new Set(names)]
  const steps = new Map<string, number>()
  const refused = new Map<string, Array<string>>()
  let read = 0
  let plain = 0
  for (const n of distinct) {
    const r = cat.read(n)
    if (r.ok) {
      read++
      if (r.value.reading.steps.length === 0) plain++
      for (const k of new Set(r.value.reading.steps.map((s) => s.kind))) steps.set(k, (steps.get(k) ?? 0) + 1)
    } else {
      const why = reasonClass(String(r.errors[0]?.params.reason ?? "?"))
      refused.set(why, [...(refused.get(why) ?? []), n])
    }
  }
  return { distinct: distinct.length, read, plain, steps, refused }
}

const show = (title: string, t: Tally): void => {
  console.log(`\n${title}: ${t.distinct} distinct names, ${t.read} read (${t.plain} as declared, no step), ${t.distinct - t.read} refused`)
  if (t.steps.size > 0) console.log(`  names read with a step of kind: ${[...t.steps].map(([k, n]) => `${k} ${n}`).join(", ")}`)
  for (const [why, ns] of [...t.refused].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  refused, ${why}: ${ns.length}${list ? `\n    ${ns.join("、")}` : `  e.g. ${ns.slice(0, 4).join("、")}`}`)
  }
}

const notices = readFileSync(join(shared, "notices", "notices-2025-2026.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => (JSON.parse(l) as { item: string }).item)
show(`notices-2025-2026.jsonl (${notices.length} items)`, tally(notices))

interface CheckItem {
  readonly 检验项目: string
  readonly 依据法律法规或标准?: string
}
const checklist = JSON.parse(readFileSync(join(shared, "samr-2026", "gb_checklist_subcat.json"), "utf8")) as {
  categories: Record<string, ReadonlyArray<{ items: ReadonlyArray<CheckItem> }>>
}
const items = Object.values(checklist.categories).flatMap((tables) => tables.flatMap((t) => t.items))
/** Items whose basis is a residue, veterinary-drug, contaminant standard or a ban list (the catalogue's scope). */
const IN_SCOPE = /2763|31650|2762|公告第?\s*250|235号|豆芽/u
const inScope = items.filter((i) => IN_SCOPE.test((i.依据法律法规或标准 ?? "").replace(/\s+/gu, ""))).map((i) => i.检验项目)
const outScope = items.filter((i) => !IN_SCOPE.test((i.依据法律法规或标准 ?? "").replace(/\s+/gu, ""))).map((i) => i.检验项目)
const tIn = tally(inScope)
show(`gb_checklist_subcat.json, items based on GB 2763 / GB 31650 / GB 2762 / ban lists (${inScope.length} rows)`, tIn)
// a refusal that only a table footnote letter (a–k) of the source causes: reported, never read
const footnote = [...tIn.refused.values()].flat().filter((n) => {
  const stripped = n.replace(/\s+/gu, "").replace(/(?<=[\u4e00-\u9fff)）])[a-k]{1,3}$/u, "")
  return stripped !== n.replace(/\s+/gu, "") && cat.read(stripped).ok
})
// a subscript digit that the PDF extraction moved behind the bracket (亚硝酸盐（以NaNO 计） 2): reported, never read
const subscript = [...tIn.refused.values()].flat().filter((n) => /计[)）]\s*[a-k]{0,3}\s*[0-9]$/u.test(n))
const other = [...tIn.refused.values()].flat().filter((n) => !footnote.includes(n) && !subscript.includes(n))
console.log(`  of the refused, ${footnote.length} carry a footnote letter of the source table (e.g. ${footnote.slice(0, 3).join("、")})`)
console.log(`  and ${subscript.length} a subscript digit moved behind the bracket by the PDF extraction (e.g. ${subscript.slice(0, 2).join("、")});`)
console.log(`  both are refused as written (the grammar does not strip letters or digits); refused for another reason: ${other.length}${other.length > 0 ? ` (${other.join("、")})` : ""}`)
show(`gb_checklist_subcat.json, other items (additives, microbes, nutrients, quality) (${outScope.length} rows)`, tally(outScope))
