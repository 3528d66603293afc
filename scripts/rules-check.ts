/**
 * `pnpm rules:check`: proves the integrity of the rule data and prints coverage.
 *
 * Integrity: every file decodes against its schema; every reference (substance, food, species,
 * tissue, group member, residue component, key variety) resolves; no duplicate ids or names; no
 * two rows of one subject overlap within one instrument; every row is cited with a verification
 * level; effective periods are well formed and lie within their table's period; every regional
 * pack composes with its parents without loosening national law.
 *
 * Coverage: rows per instrument edition against the edition's published total and per
 * verification level; per key variety, which targeted substances have a limit or a prohibition
 * in each edition's period. `--json` prints the same as one JSON object.
 */
import { within } from "@nongan/core/EffectivePeriod"
import { formatError } from "@nongan/core/Messages"
import type { Verification } from "@nongan/core/Verification"
import { loadDataset } from "@nongan/sdk/Validator"
import { loadRegionalPacks } from "@nongan/sdk/Packs"
import { rulesDir } from "@nongan/sdk/Files"
import { auditFiles } from "./audit-verification"
import { loadBundle as loadCertificateBundle } from "@nongan/certificates/Files"

const asJson = process.argv.includes("--json")
const t0 = performance.now()
const ds = loadDataset()
if (!ds.ok) {
  for (const e of ds.errors) console.error(formatError(e, "en"))
  console.error(`rules:check: ${ds.errors.length} integrity errors`)
  process.exit(1)
}
const loadMs = performance.now() - t0
const d = ds.value
const problems: Array<string> = []

// rows inside their table's period
for (const r of d.limits.rows()) {
  const table = d.limits.tablePeriod(r.instrument)
  if (table && !within({ from: r.from, to: r.to }, table)) problems.push(`${r.ref}: effective period ${r.from}..${r.to ?? ""} lies outside ${r.instrument}'s`)
  if (!r.row.citation.instrument.trim()) problems.push(`${r.ref}: no citation`)
}
for (const e of d.statuses.entries()) if (!e.citation.instrument.trim()) problems.push(`status ${e.id}: no citation`)

// verification levels mean what they say: official-text only from the issuing authority
for (const v of auditFiles(rulesDir())) problems.push(`${v.file} ${v.at}: ${v.problem} (${v.detail})`)

// regional packs compose
const packs = loadRegionalPacks(d)
if (!packs.ok) for (const e of packs.errors) problems.push(formatError(e, "en"))

// certificate rules (rules/certificates): every file decodes, regional layers only tighten
const certificates = loadCertificateBundle()
if (!certificates.ok) for (const e of certificates.errors) problems.push(`certificates: ${formatError(e, "en")}`)

// coverage per edition
const PUBLISHED: Record<string, { limits?: number; substances?: number; note: string }> = {
  "GB 2763-2021": { limits: 10092, substances: 564, note: "564 pesticides, 10 092 MRLs" },
  "GB 2763.1-2022": { limits: 290, substances: 112, note: "112 pesticides, 290 MRLs" },
  "GB 2763-2026": { limits: 10749, substances: 585, note: "585 pesticides, 10 749 MRLs" },
  "GB 31650-2019": { substances: 104, note: "表1: 104 drugs with MRLs (rows not counted in the sources)" },
  "GB 31650.1-2022": { substances: 41, note: "41 drugs" },
  "GB 2762-2022": { note: "no published row count" },
  "GB 2762-2025": { note: "no published row count; agricultural-product rows of tables 1–12 held (processed foods left out)" }
}
const editions = new Map<string, { rows: number; substances: Set<string>; levels: Record<Verification, number> }>()
for (const r of d.limits.rows()) {
  const e = editions.get(r.instrument) ?? { rows: 0, substances: new Set(), levels: { "official-text": 0, secondary: 0, unverified: 0, uncertain: 0 } }
  e.rows++
  e.substances.add(r.row.substance)
  e.levels[r.row.verification]++
  editions.set(r.instrument, e)
}
const perEdition = [...editions.entries()].sort().map(([instrument, e]) => {
  const p = PUBLISHED[instrument]
  return {
    instrument,
    rows: e.rows,
    publishedLimits: p?.limits ?? null,
    limitShare: p?.limits ? Math.round((e.rows / p.limits) * 10000) / 100 : null,
    substances: e.substances.size,
    publishedSubstances: p?.substances ?? null,
    levels: e.levels,
    tablesHeldWhole: d.limits.heldWhole(instrument).length
  }
})

// coverage per key variety and edition period
const PERIODS: ReadonlyArray<[string, string]> = [
  ["GB 2763-2021 period", "2022-06-01"],
  ["GB 2763-2021 + 2763.1-2022 period", "2024-06-01"],
  ["GB 2763-2026 period", "2026-06-15"]
]
const keyVarieties = d.keyVarieties.flatMap((list) =>
  list.varieties.map((v) => {
    const food = d.foods.resolve(v.food)
    const cells = v.substances.map((s) => {
      const byPeriod = PERIODS.map(([label, date]) => {
        if (!food.ok) return { period: label, date, limit: null, source: null, prohibited: false }
        const res = d.limits.lookup(s, food.value, date)
        const subject = food.value.kind === "plant" ? { kind: "plant" as const, path: food.value.path } : { kind: "animal" as const, speciesPath: food.value.speciesPath }
        const st = d.statuses.statusOn(s, date, subject)
        return {
          period: label,
          date,
          limit: res ? (res.mustNotDetect ? `不得检出${res.because && res.because !== "must-not-detect" ? `(${res.because === "laying" ? "产蛋期禁用" : "泌乳期禁用"})` : ""}` : `${res.limit.row.limit?.toString()} ${res.limit.row.unit}`) : null,
          source: res?.limit.instrument ?? null,
          verification: res?.limit.row.verification ?? null,
          prohibited: st.prohibited
        }
      })
      return { substance: s, byPeriod }
    })
    return { food: v.food, cells }
  })
)

const statusLevels: Record<string, number> = {}
for (const e of d.statuses.entries()) statusLevels[e.verification] = (statusLevels[e.verification] ?? 0) + 1
const report = {
  files: d.files.length,
  loadMs: Math.round(loadMs),
  foods: { nodes: d.foods.nodes().length, species: d.foods.species().length, tissues: d.foods.tissues().length, products: d.foods.products().length },
  substances: d.substances.all().length,
  statusEntries: { total: d.statuses.entries().length, levels: statusLevels },
  limits: perEdition,
  keyVarieties,
  regionalPacks: packs.ok ? packs.value.map((p) => ({ id: p.id, jurisdiction: p.jurisdiction, version: p.version })) : [],
  problems
}

if (asJson) console.log(JSON.stringify(report, null, 2))
else {
  console.log(`rules:check — ${report.files} files loaded in ${report.loadMs} ms`)
  console.log(`  foods: ${report.foods.nodes} plant nodes, ${report.foods.species} species, ${report.foods.tissues} tissues, ${report.foods.products} animal products`)
  console.log(`  substances: ${report.substances}; status entries: ${report.statusEntries.total} ${JSON.stringify(statusLevels)}`)
  console.log("  limits per edition (rows held / published):")
  for (const e of perEdition)
    console.log(
      `    ${e.instrument.padEnd(16)} ${String(e.rows).padStart(5)}${e.publishedLimits ? ` / ${e.publishedLimits} (${e.limitShare}%)` : ""}  substances ${e.substances}${e.publishedSubstances ? ` / ${e.publishedSubstances}` : ""}  V ${e.levels["official-text"]} S ${e.levels.secondary} M ${e.levels.unverified} U ${e.levels.uncertain}${e.tablesHeldWhole ? `  tables held whole ${e.tablesHeldWhole}` : ""}`
    )
  console.log("  key varieties (limit held per period; ✗ = missing; 禁 = use prohibited on that date):")
  for (const v of keyVarieties) {
    for (const c of v.cells) {
      const cells = c.byPeriod.map((p) => `${p.limit ?? "✗"}${p.prohibited ? " 禁" : ""}`.padEnd(16)).join(" | ")
      console.log(`    ${v.food.padEnd(6)} ${c.substance.padEnd(14)} ${cells}`)
    }
  }
  const missing = keyVarieties.flatMap((v) => v.cells.flatMap((c) => c.byPeriod.filter((p) => !p.limit && !p.prohibited).map(() => 1))).length
  const total = keyVarieties.reduce((n, v) => n + v.cells.length * PERIODS.length, 0)
  console.log(`    ${total - missing}/${total} key-variety × substance × period cells have a limit or a prohibition`)
  const phiPerCrop = new Map<string, number>()
  for (const e of d.intervals.phiRows()) phiPerCrop.set(e.crop, (phiPerCrop.get(e.crop) ?? 0) + 1)
  const phiHeld = d.intervals.withheld().filter((w) => w.kind === "phi").length
  console.log(
    `  PHI rows per crop (${d.intervals.phiRows().length} loaded, ${phiHeld} withheld): ${[...phiPerCrop].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c, n]) => `${c} ${n}`).join(", ") || "none"}`
  )
  console.log(`  regional packs: ${report.regionalPacks.map((p) => `${p.id}@${p.version}`).join(", ") || "none"}`)
  for (const p of problems) console.error(`  problem: ${p}`)
}
if (problems.length > 0) {
  console.error(`rules:check: ${problems.length} problems`)
  process.exit(1)
}
