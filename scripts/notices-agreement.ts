/**
 * Prints nongan's agreement with the authorities on the notices corpus (the given notices file
 * under ../shared, test/notices/collected.jsonl and the measurement-only test/notices/measured.jsonl): verdict and basis, per corpus, and every miss
 * with its reason. `--json FILE` also writes the per-item results; `--misses` prints every miss.
 *
 *   node --conditions=@nongan/source --import tsx scripts/notices-agreement.ts [--misses] [--json out.json]
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { createValidator } from "@nongan/sdk/Validator"
import { figures, judgeItem, loadCorpus } from "../test/notices/agreement"

const root = join(import.meta.dirname, "..")
const argAfter = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag)
  return i > 0 ? process.argv[i + 1] : undefined
}
// --rules DIR: judge with another copy of rules/; --only-bulletins FILE: judge only those bulletins' items
const rulesDir = argAfter("--rules")
const only = argAfter("--only-bulletins")
  ? new Set(readFileSync(argAfter("--only-bulletins")!, "utf8").split("\n").map((l) => l.trim()).filter(Boolean))
  : undefined
const v = createValidator({ bundledPacks: false, ...(rulesDir ? { rulesDir } : {}) })
if (!v.ok) {
  console.error(JSON.stringify(v.errors.slice(0, 5), null, 2))
  process.exit(3)
}
const items = loadCorpus(root).filter((i) => only === undefined || (i.bulletin !== undefined && only.has(i.bulletin)))
const results = items.map((i) => judgeItem(v.value, i))
const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)} %`)
for (const corpus of ["given", "collected", "measured", "all"]) {
  const rs = corpus === "all" ? results : results.filter((r) => r.item.corpus === corpus)
  if (rs.length === 0) continue
  const f = figures(rs)
  console.log(`${corpus.padEnd(10)} names ${f.names}/${f.namesOf}  items ${String(f.items).padStart(4)}  verdict ${pct(f.verdict, f.items).padStart(7)}  basis ${pct(f.basis, f.items).padStart(7)}  ${JSON.stringify(f.byOutcome)}`)
}
if (process.argv.includes("--misses"))
  for (const r of results.filter((r) => r.outcome !== "agree"))
    console.log(`${r.outcome.padEnd(22)} ${r.item.id.padEnd(16)} ${r.item.date} ${r.item.productRaw} | ${r.item.item} | ${r.item.result} | ${r.item.limit} → ${r.detail}`)
const at = process.argv.indexOf("--json")
if (at > 0) writeFileSync(process.argv[at + 1]!, JSON.stringify(results, null, 1))
