/**
 * Generates `rules/national/intervals/phi.json` (the national pre-harvest-interval reference rows)
 * from the transcription table `rules/national/intervals/sources/phi-evidence.tsv`: one line per
 * row as the source prints it (substance, crop, formulation, PHI days, maximum applications), with
 * the catalogue names it maps to, the source (title, url, date read) and a verification level.
 *
 *   node --conditions=@nongan/source --import tsx scripts/import-phi.ts          # write
 *   node --conditions=@nongan/source --import tsx scripts/import-phi.ts --check  # verify it is current
 *
 * Rules applied:
 * - every line needs an id, a PHI (plain decimal, days), a source (instrument, url, date read) and
 *   a verification level; `max_applications` is a positive integer or empty (a count printed in
 *   another form is kept in `max_applications_as_written` and in the row's notes);
 * - `active_ingredients` (`+`-separated) and `crop` are catalogue names; a name the catalogues do
 *   not know (yet) makes the row `withheld` (reason `uncatalogued-substance` / `uncatalogued-food`,
 *   the unknown names listed) — it is kept as read but not used. Re-run this script when the
 *   catalogues change: `--check` fails when a withheld name has become known;
 * - a crop must be plant-side; the printed wording is kept in `cropAsPrinted` when it differs;
 * - the result must load (`@nongan/intervals` loader: ids unique, no two rows for the same
 *   product and crop in force on the same day).
 *
 * Only the catalogues (foods, substances) are read, so the interval files are not needed to
 * regenerate this one.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { formatError } from "@nongan/core/Messages"
import { getOrThrow } from "@nongan/core/Result"
import { fromFiles } from "@nongan/engine/Dataset"
import { fromFiles as intervalsFromFiles } from "@nongan/intervals/IntervalIndex"
import { readDataDir } from "@nongan/sdk/Files"

const root = join(import.meta.dirname, "..")
const rules = join(root, "rules")
const dir = join(rules, "national", "intervals")
const src = join(dir, "sources", "phi-evidence.tsv")
const out = join(dir, "phi.json")
const check = process.argv.includes("--check")

const tsv = (file: string): Array<Record<string, string>> => {
  const lines = readFileSync(file, "utf8").split("\n")
  const head = lines[0]!.split("\t")
  return lines.flatMap((l, i) => {
    if (i === 0 || l.trim() === "" || l.startsWith("#")) return []
    const cells = l.split("\t")
    return [{ ...Object.fromEntries(head.map((h, k) => [h, (cells[k] ?? "").trim()])), line: String(i + 1) }]
  })
}

const files = getOrThrow(readDataDir(join(rules, "national"), rules)).filter((f) =>
  ["food-catalogue", "substance-catalogue"].includes((f.json as { kind?: string }).kind ?? "")
)
const ds = getOrThrow(fromFiles(files))

const VERIFICATION = ["official-text", "secondary", "unverified", "uncertain"]
const BASIS = ["registration", "standard", "reference-table"]
const problems: Array<string> = []
const rows: Array<Record<string, unknown>> = []

for (const r of tsv(src)) {
  const at = `phi-evidence.tsv:${r.line} (${r.id || "no id"})`
  if (!r.id) problems.push(`${at}: no id`)
  if (!/^\d+(\.\d+)?$/.test(r.phi_days ?? "")) problems.push(`${at}: phi_days ${JSON.stringify(r.phi_days)} is not a plain decimal`)
  if (r.max_applications && !/^[1-9]\d*$/.test(r.max_applications)) problems.push(`${at}: max_applications ${r.max_applications} is not a positive integer`)
  if (!VERIFICATION.includes(r.verification ?? "")) problems.push(`${at}: verification ${JSON.stringify(r.verification)}`)
  if (!BASIS.includes(r.basis ?? "")) problems.push(`${at}: basis ${JSON.stringify(r.basis)}`)
  if (!r.instrument || !r.url || !/^\d{4}-\d{2}-\d{2}$/.test(r.date_read ?? "")) problems.push(`${at}: instrument, url and date_read are required`)
  if (r.basis === "registration" && !r.registration_no) problems.push(`${at}: a registration row needs its registration_no`)
  if (r.verification === "official-text" && r.basis !== "registration" && r.basis !== "standard") problems.push(`${at}: official-text needs a label or the standard itself`)

  const ingredients = (r.active_ingredients ?? "").split("+").map((s) => s.trim()).filter((s) => s !== "")
  if (ingredients.length === 0) problems.push(`${at}: no active ingredient`)
  const unknownSubstances = ingredients.filter((n) => !ds.substances.resolve(n).ok)
  const crop = ds.foods.resolve(r.crop ?? "")
  if (crop.ok && crop.value.kind !== "plant") problems.push(`${at}: crop ${r.crop} is not plant-side`)
  const unknownFood = crop.ok ? [] : [r.crop ?? ""]

  const notes = [
    r.note,
    r.max_applications_as_written && r.max_applications_as_written !== r.max_applications
      ? `每季最多使用次数 as printed: ${r.max_applications_as_written}`
      : "",
    r.substance_as_written && !ingredients.includes(r.substance_as_written) ? `active ingredient printed as ${r.substance_as_written}` : ""
  ].filter((s) => s)
  const withheld =
    unknownSubstances.length > 0
      ? { reason: "uncatalogued-substance", names: unknownSubstances, note: "kept as read; remove the marker (re-run scripts/import-phi.ts) once the name is catalogued" }
      : unknownFood.length > 0
        ? { reason: "uncatalogued-food", names: unknownFood, note: "kept as read; remove the marker (re-run scripts/import-phi.ts) once the name is catalogued" }
        : undefined
  rows.push({
    id: r.id,
    registrationNo: r.registration_no || null,
    basis: r.basis,
    ...(r.product ? { product: r.product } : {}),
    ...(r.registrant ? { registrant: r.registrant } : {}),
    ...(r.formulation ? { formulation: r.formulation } : {}),
    activeIngredients: ingredients,
    crop: r.crop,
    ...(r.crop_as_written && r.crop_as_written !== r.crop ? { cropAsPrinted: r.crop_as_written } : {}),
    ...(r.target ? { target: r.target } : {}),
    ...(r.dosage ? { dosage: r.dosage } : {}),
    phiDays: r.phi_days,
    ...(r.max_applications ? { maxApplications: Number(r.max_applications) } : {}),
    ...(notes.length > 0 ? { notes: notes.join(". ") } : {}),
    ...(withheld ? { withheld } : {}),
    citation: {
      instrument: r.instrument,
      ...(r.clause ? { clause: r.clause } : {}),
      url: r.url,
      note: `Read ${r.date_read} from ${r.source_title || r.url}. ${
        r.basis === "registration"
          ? `Label of registration ${r.registration_no}: evidence for that registration's product and formulation only.`
          : "Not tied to a registration: the PHI on the label of the registered product actually used prevails."
      }`
    },
    verification: r.verification
  })
}

const file = {
  kind: "phi-table",
  id: "phi-reference",
  citation: {
    instrument: "《农药管理条例》; GB/T 8321《农药合理使用准则》",
    note: "Generated by scripts/import-phi.ts from sources/phi-evidence.tsv (see RESEARCH.md, section PHI). PHIs belong to a registered product on a crop (its label). The rows here are secondary reference rows (reprints of reference tables and extension bulletins), not tied to a registration unless registrationNo is given; they must not override a label."
  },
  rows
}

// the result must load next to the other interval files
const intervalFiles = getOrThrow(readDataDir(dir, rules)).filter((f) => f.path !== join("national", "intervals", "phi.json"))
const loaded = intervalsFromFiles([...intervalFiles.map((f) => f.json), file], ds.foods, ds.substances)
if (!loaded.ok) for (const e of loaded.errors) problems.push(`loader: ${formatError(e, "en")}`)

if (problems.length > 0) {
  for (const p of problems) console.error(`import-phi: ${p}`)
  process.exit(1)
}
const text = `${JSON.stringify(file, null, 2)}\n`
const held = rows.filter((r) => r.withheld).length
const summary = `${rows.length} rows (${rows.length - held} loaded, ${held} withheld)`
if (check) {
  let current = ""
  try {
    current = readFileSync(out, "utf8")
  } catch {
    current = ""
  }
  if (current !== text) {
    console.error(`import-phi --check: ${out} is not current (${summary} expected); run scripts/import-phi.ts`)
    process.exit(1)
  }
  console.log(`import-phi --check: phi.json is current, ${summary}`)
} else {
  writeFileSync(out, text)
  console.log(`import-phi: wrote ${out}, ${summary}`)
}
