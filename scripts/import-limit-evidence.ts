/**
 * Limit rows from published evidence (GB 2763-2021 with GB 2763.1-2022, and GB 2763-2026 for
 * substances its extraction does not cover), regenerated from their sources:
 *
 * - sampling notices: `../shared/reference/data/notices/notices-2025-2026.jsonl` and
 *   `test/notices/collected.jsonl` (each failed item is evidence that the authority applied that
 *   limit to that food on that date);
 * - `rules/national/limits/sources/evidence/gb2763-evidence.tsv` (reprints, databases, notices,
 *   collected by hand with their URLs);
 * - the rows kept from earlier rounds: `rules/national/limits/sources/<edition>/kept-rows.jsonl`.
 *
 *   node --conditions=@nongan/source --import tsx scripts/import-limit-evidence.ts          # write
 *   node --conditions=@nongan/source --import tsx scripts/import-limit-evidence.ts --check  # verify
 *
 * Evidence policy (rules/national/limits/RESEARCH.md): official text > several independent
 * notices > one notice > a secondary article. Names are read exactly as a judgement reads them
 * (`FoodCatalogue.read`, `SubstanceCatalogue.read`); an item whose names do not read is not
 * evidence. Pesticides only (GB 2763); veterinary drugs and contaminants have their own tables.
 * Per edition and subject: evidence that agrees gives one `secondary` row citing every source;
 * evidence that disagrees gives an `uncertain` row on the best-supported value (both values in the
 * note), or no row when no value is better supported. A kept row that evidence of its own period
 * contradicts is replaced when two or more sources agree on the other value, else marked
 * `uncertain` with both.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import * as Decimal from "@nongan/core/Decimal"
import { getOrThrow } from "@nongan/core/Result"
import * as Unit from "@nongan/core/Unit"
import { fromFiles } from "@nongan/engine/Dataset"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { readDataDir } from "@nongan/sdk/Files"

const root = join(import.meta.dirname, "..")
const argAfter = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag)
  return i > 0 ? process.argv[i + 1] : undefined
}
// --rules DIR: read and write another copy of rules/ (cross-validation); --exclude-bulletins FILE:
// leave out the notice items of the bulletins listed (one per line)
const rules = argAfter("--rules") ?? join(root, "rules")
const excluded = new Set(
  argAfter("--exclude-bulletins") ? readFileSync(argAfter("--exclude-bulletins")!, "utf8").split("\n").map((l) => l.trim()).filter(Boolean) : []
)
const limitsDir = join(rules, "national", "limits")
const check = process.argv.includes("--check")

type Row = Record<string, unknown>
interface Evidence {
  readonly edition: "GB 2763-2021" | "GB 2763.1-2022" | "GB 2763-2026"
  readonly substance: string
  readonly subject: { readonly food: string } | { readonly species: string; readonly tissue: string }
  readonly limit: string
  readonly unit: "mg/kg" | "ug/kg"
  readonly temporary: boolean
  readonly source: string
  readonly kind: string
  readonly date: string
  readonly url?: string | undefined
}

const files = getOrThrow(readDataDir(join(rules, "national"), rules)).filter((f) =>
  ["food-catalogue", "substance-catalogue"].includes((f.json as { kind?: string }).kind ?? "")
)
const ds = getOrThrow(fromFiles(files))
type Read<A> = (n: string) => { ok: true; value: A } | { ok: false }
const readFood: Read<ResolvedFood> = (n) => {
  const c = ds.foods as unknown as { read?: (n: string) => { ok: boolean; value?: { food: ResolvedFood } } }
  if (c.read) {
    const r = c.read(n)
    return r.ok ? { ok: true, value: r.value!.food } : { ok: false }
  }
  const r = ds.foods.resolve(n)
  return r.ok ? r : { ok: false }
}
const readSubstance: Read<{ id: string; kind: string }> = (n) => {
  const c = ds.substances as unknown as { read?: (n: string) => { ok: boolean; value?: { substance: { id: string; kind: string } } } }
  if (c.read) {
    const r = c.read(n)
    return r.ok ? { ok: true, value: r.value!.substance } : { ok: false }
  }
  const r = ds.substances.resolve(n)
  return r.ok ? { ok: true, value: r.value } : { ok: false }
}

/** The (substance, subject) pairs GB 2763.1-2022 sets, as held: evidence for them from its period is its evidence. */
const amended = new Set<string>()
const edition = (date: string, basis: string, pair?: string): Evidence["edition"] | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined
  if (date >= "2026-03-01") return "GB 2763-2026"
  if (date < "2021-09-03") return undefined
  return date >= "2023-05-11" && (/2763\.1/.test(basis) || (pair !== undefined && amended.has(pair))) ? "GB 2763.1-2022" : "GB 2763-2021"
}

const limitOf = (text: string): { limit: string; unit: "mg/kg" | "ug/kg"; temporary: boolean } | undefined => {
  const t = text.replace(/\s+/g, "").replace(/^(?:≤|≦|<|＜|不大于|不超过)/, "")
  const m = /^([0-9]+(?:\.[0-9]+)?)(\*?)[(（]?([^()（）*]+)[)）]?(\*?)$/.exec(t)
  if (!m) return undefined
  const u = Unit.parse(m[3]!)
  if (u !== "mg/kg" && u !== "ug/kg") return undefined
  const d = Decimal.parse(m[1]!)
  if (d === undefined || Decimal.isZero(d)) return undefined
  return { limit: d.toString(), unit: u, temporary: m[2] === "*" || m[4] === "*" }
}

const keyOf = (e: { substance: string; subject: Evidence["subject"] }) => `${e.substance}|${JSON.stringify(e.subject)}`
const subjectOfRow = (r: Row): Evidence["subject"] =>
  r.food !== undefined ? { food: String(r.food) } : { species: String(r.species), tissue: String(r.tissue) }
function readKeptRows(dir: string): Array<Row> {
  const f = join(limitsDir, "sources", dir, "kept-rows.jsonl")
  return existsSync(f) ? readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Row) : []
}
const readKept = readKeptRows
const evidence: Array<Evidence> = []
const skipped: Record<string, number> = {}
const skip = (why: string) => void (skipped[why] = (skipped[why] ?? 0) + 1)
const add = (e: {
  product: string
  item: string
  limit: string
  date: string
  basis: string
  source: string
  kind: string
  url?: string
  edition?: Evidence["edition"]
}) => {
  const l = limitOf(e.limit)
  if (!l) return skip("limit not a number (不得检出 or unreadable)")
  const s = readSubstance(e.item)
  if (!s.ok) return skip("analyte does not read")
  if (s.value.kind !== "pesticide" && s.value.kind !== "compound-group" && s.value.kind !== "metabolite") return skip("not a pesticide")
  const f = readFood(e.product)
  if (!f.ok) return skip("product does not read")
  const subject = f.value.kind === "plant" ? { food: f.value.id } : { species: f.value.species, tissue: f.value.tissue }
  const ed = e.edition ?? edition(e.date, e.basis, keyOf({ substance: s.value.id, subject }))
  if (!ed) return skip("no edition (date missing or before 2021-09-03)")
  evidence.push({ edition: ed, substance: s.value.id, subject, ...l, source: e.source, kind: e.kind, date: e.date, url: e.url })
}

for (const r of readKeptRows("gb2763.1-2022")) amended.add(keyOf({ substance: String(r.substance), subject: subjectOfRow(r) }))
// 1. the notices
const noticeFiles = [
  { file: join(root, "..", "shared", "reference", "data", "notices", "notices-2025-2026.jsonl"), name: "notices-2025-2026.jsonl" },
  { file: join(root, "test", "notices", "collected.jsonl"), name: "test/notices/collected.jsonl" }
]
for (const nf of noticeFiles) {
  if (!existsSync(nf.file)) {
    console.error(`(${nf.name} not found: its evidence is not regenerated)`)
    continue
  }
  for (const line of readFileSync(nf.file, "utf8").split("\n")) {
    if (line.trim() === "") continue
    const j = JSON.parse(line) as Record<string, string | undefined>
    if (j.bulletin !== undefined && excluded.has(j.bulletin)) continue
    const date = j.date && /^\d{4}-\d{2}-\d{2}$/.test(j.date) ? j.date : (j.noticeDate ?? "")
    add({
      product: j.productRaw ?? "",
      item: j.item ?? "",
      limit: j.limit ?? "",
      date,
      basis: j.basisText ?? "",
      source: `${j.province && !(j.bulletin ?? "").startsWith(j.province) ? `${j.province} ` : ""}${j.bulletin ?? j.authority ?? "notice"}${j.authority && j.bulletin ? ` (${j.authority})` : ""}, ${date}`,
      kind: "notice",
      ...(j.url ? { url: j.url } : {})
    })
  }
}
// 2. the hand-collected evidence table
const tsvFile = join(limitsDir, "sources", "evidence", "gb2763-evidence.tsv")
if (existsSync(tsvFile)) {
  const lines = readFileSync(tsvFile, "utf8").split("\n").filter((l) => l.trim() !== "")
  const head = lines[0]!.split("\t")
  for (const l of lines.slice(1)) {
    const c = Object.fromEntries(head.map((h, i) => [h, (l.split("\t")[i] ?? "").trim()]))
    const ed = c.edition as Evidence["edition"]
    if (!["GB 2763-2021", "GB 2763.1-2022", "GB 2763-2026"].includes(ed)) {
      skip("evidence table: unknown edition")
      continue
    }
    add({
      product: c.food!,
      item: c.substance!,
      limit: `${c.limit}${c.temporary === "*" ? "*" : ""}${c.unit || "mg/kg"}`,
      date: c.date!,
      basis: ed,
      edition: ed,
      source: [c.source_title, c.authority, c.date].filter(Boolean).join(", "),
      kind: c.kind || "article",
      ...(c.url ? { url: c.url } : {})
    })
  }
}

const norm = (limit: string, unit: string) => (unit === "ug/kg" ? Decimal.shift(Decimal.unsafeMake(limit), -3).toString() : limit)

const cite = (edition: string, es: ReadonlyArray<Evidence>, lead: string) => {
  const withUrl = es.find((e) => e.url)
  const list = es.slice(0, 6).map((e) => `${e.source}${e.url ? ` <${e.url}>` : ""}`).join("; ")
  return {
    instrument: edition,
    ...(withUrl ? { url: withUrl.url } : {}),
    note: `${lead} Evidence (${es.length}): ${list}${es.length > 6 ? "; …" : ""}`
  }
}

const report: Array<string> = []
const build = (ed: Evidence["edition"], kept: ReadonlyArray<Row>): Array<Row> => {
  const mine = evidence.filter((e) => e.edition === ed)
  const groups = new Map<string, Array<Evidence>>()
  for (const e of mine) groups.set(keyOf(e), [...(groups.get(keyOf(e)) ?? []), e])
  const rows: Array<Row> = []
  const used = new Set<string>()
  for (const k of kept) {
    const key = keyOf({ substance: String(k.substance), subject: subjectOfRow(k) })
    const es = groups.get(key) ?? []
    used.add(key)
    const value = norm(String(k.limit), String(k.unit))
    const against = es.filter((e) => norm(e.limit, e.unit) !== value)
    const agree = es.filter((e) => norm(e.limit, e.unit) === value)
    if (against.length === 0) {
      // evidence on member foods below the row's node, where nothing nearer is held, speaks to the
      // row too: a parent value the authorities never apply to its members is contradicted
      const kFood = k.food === undefined ? undefined : String(k.food)
      const below = kFood
        ? mine.filter((e) => "food" in e.subject && e.subject.food !== kFood && e.substance === k.substance && ds.foods.isWithin(e.subject.food, kFood) &&
            !kept.some((o) => o !== k && o.substance === k.substance && o.food !== undefined && ds.foods.isWithin((e.subject as { food: string }).food, String(o.food)) && ds.foods.isWithin(String(o.food), kFood)))
        : []
      const belowAgainst = below.filter((e) => norm(e.limit, e.unit) !== value)
      const values = new Set(belowAgainst.map((e) => norm(e.limit, e.unit)))
      const members = new Set(belowAgainst.map((e) => ("food" in e.subject ? (e.subject as { food: string }).food : "")))
      const weak = k.verification === "unverified" || k.verification === "uncertain"
      if (weak && values.size === 1 && members.size >= 2 && belowAgainst.length >= 3 && belowAgainst.length === below.length) {
        // several authorities apply one value to several members of the group, none the held one
        const v = [...values][0]!
        report.push(`fixed ${ed} ${key}: ${value} → ${v} (member foods ${[...members].join("、")}, ${belowAgainst.length} sources)`)
        rows.push({
          substance: k.substance,
          ...subjectOfRow(k),
          limit: v,
          unit: "mg/kg",
          citation: cite(ed, belowAgainst, `Replaces an earlier unverified row of ${value} mg/kg: the authorities apply ${v} mg/kg to its member foods ${[...members].join("、")} (no nearer row held), from ${belowAgainst.length} dated sources.`),
          verification: "secondary"
        })
        continue
      }
      if (belowAgainst.length >= 2 && belowAgainst.length > below.length - belowAgainst.length) {
        report.push(`uncertain ${ed} ${key}: held ${value}, member foods judged at ${[...new Set(belowAgainst.map((e) => norm(e.limit, e.unit)))].join("/")}`)
        const c = k.citation as Record<string, unknown>
        rows.push({
          ...k,
          citation: { ...c, note: `${String(c.note ?? "")} Contradicted for its member foods by: ${belowAgainst.map((e) => `${e.source} (${"food" in e.subject ? e.subject.food : ""} ${e.limit} ${e.unit})`).join("; ")}`.trim() },
          verification: "uncertain"
        })
        continue
      }
      rows.push(k)
      continue
    }
    const byValue = new Map<string, Array<Evidence>>()
    for (const e of against) byValue.set(norm(e.limit, e.unit), [...(byValue.get(norm(e.limit, e.unit)) ?? []), e])
    const [best, bestEs] = [...byValue.entries()].sort((a, b) => b[1].length - a[1].length)[0]!
    const weakRow = k.verification === "unverified" || k.verification === "uncertain"
    if (agree.length >= bestEs.length) {
      rows.push({ ...k, citation: { ...(k.citation as object), note: `${String((k.citation as { note?: string }).note ?? "")} Supported by ${agree.length} dated source(s); ${against.length} other(s) give ${[...byValue.keys()].join("/")} mg/kg: ${against.map((e) => e.source).join("; ")}.`.trim() } })
      continue
    }
    if ((bestEs.length >= 2 || (weakRow && bestEs.some((e) => e.kind === "notice"))) && bestEs.length > agree.length) {
      report.push(`fixed ${ed} ${key}: ${value} → ${best} (${bestEs.length} sources)`)
      rows.push({
        substance: k.substance,
        ...subjectOfRow(k),
        limit: best,
        unit: "mg/kg",
        citation: cite(ed, bestEs, `Replaces an earlier row of ${value} mg/kg (${(k.citation as { url?: string })?.url ?? "earlier source"}), contradicted by ${bestEs.length} dated sources of the edition's period.`),
        verification: "secondary"
      })
    } else {
      report.push(`uncertain ${ed} ${key}: held ${value}, evidence ${[...byValue.keys()].join("/")}`)
      const c = k.citation as Record<string, unknown>
      rows.push({
        ...k,
        citation: { ...c, note: `${String(c.note ?? "")} Contradicted by: ${against.map((e) => `${e.source} (${e.limit} ${e.unit})`).join("; ")}`.trim() },
        verification: "uncertain"
      })
    }
  }
  for (const [key, es] of groups) {
    if (used.has(key)) continue
    const byValue = new Map<string, Array<Evidence>>()
    for (const e of es) byValue.set(norm(e.limit, e.unit), [...(byValue.get(norm(e.limit, e.unit)) ?? []), e])
    const ranked = [...byValue.entries()].sort((a, b) => b[1].length - a[1].length)
    const [value, support] = ranked[0]!
    const e0 = support[0]!
    const row: Row = { substance: e0.substance, ...e0.subject, limit: value, unit: "mg/kg" }
    if (support.some((e) => e.temporary)) row.temporary = true
    if (ranked.length === 1) {
      row.citation = cite(ed, support, `Value applied by the authorities (or stated by the sources) for ${ed}.`)
      row.verification = "secondary"
    } else if (support.length > ranked[1]![1].length) {
      report.push(`conflicting evidence ${ed} ${key}: ${ranked.map(([v, s]) => `${v}×${s.length}`).join(", ")}`)
      row.citation = cite(ed, support, `Best-supported value; other sources give ${ranked.slice(1).map(([v, s]) => `${v} mg/kg (${s.map((x) => x.source).join("; ")})`).join(", ")}.`)
      row.verification = "uncertain"
    } else {
      report.push(`left out ${ed} ${key}: no value better supported (${ranked.map(([v, s]) => `${v}×${s.length}`).join(", ")})`)
      continue
    }
    rows.push(row)
  }
  return rows
}

const outputs: Array<[string, string]> = []
const table = (file: string, ed: Evidence["edition"], dir: string) => {
  const path = join(limitsDir, file)
  const current = JSON.parse(readFileSync(path, "utf8")) as Row
  const rows = build(ed, readKept(dir))
  const next = { ...current, note: `Rows generated by scripts/import-limit-evidence.ts from sources/${dir}/kept-rows.jsonl and published evidence (notices, sources/evidence/gb2763-evidence.tsv); do not edit by hand.`, rows }
  outputs.push([path, JSON.stringify(next, null, 2) + "\n"])
}
table("gb2763-2021.json", "GB 2763-2021", "gb2763-2021")
table("gb2763.1-2022.json", "GB 2763.1-2022", "gb2763.1-2022")
// GB 2763-2026: evidence rows go to the 2026 importer, which lets the extraction win
const rows2026 = build("GB 2763-2026", [])
outputs.push([join(limitsDir, "sources", "gb2763-2026", "evidence-rows.jsonl"), rows2026.map((r) => JSON.stringify(r)).join("\n") + (rows2026.length ? "\n" : "")])

if (check && noticeFiles.some((nf) => !existsSync(nf.file))) {
  console.log("notices file missing (../shared not beside the repo): the evidence rows cannot be regenerated here; check skipped")
  process.exit(0)
}
if (check) {
  const stale = outputs.filter(([p, t]) => !existsSync(p) || readFileSync(p, "utf8") !== t)
  for (const [p] of stale) console.log(`stale: ${p}`)
  process.exit(stale.length > 0 ? 1 : 0)
}
for (const [p, t] of outputs) writeFileSync(p, t)
console.log(`evidence items: ${evidence.length}; skipped: ${JSON.stringify(skipped)}`)
for (const ed of ["GB 2763-2021", "GB 2763.1-2022", "GB 2763-2026"]) console.log(`${ed}: ${evidence.filter((e) => e.edition === ed).length} items`)
for (const l of report) console.log(l)
