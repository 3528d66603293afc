/**
 * An honest estimate of agreement on notices nongan has not seen. Rows derived from notices
 * agree with those notices by construction, so the given notices file is split by bulletin into
 * two folds; for each fold, the evidence rows are regenerated in a copy of rules/ without that
 * fold's items (scripts/import-limit-evidence.ts --exclude-bulletins, then
 * scripts/import-gb2763-2026.ts), and the fold is judged with that copy.
 *
 *   node --conditions=@nongan/source --import tsx scripts/notices-crossvalidate.ts
 */
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const given = join(root, "..", "shared", "reference", "data", "notices", "notices-2025-2026.jsonl")
if (!existsSync(given)) {
  console.error("the given notices file is not beside the repository (../shared): nothing to cross-validate")
  process.exit(0)
}
const bulletins = [
  ...new Set(
    readFileSync(given, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => (JSON.parse(l) as { bulletin: string }).bulletin)
  )
].sort()
const folds = [bulletins.filter((_, i) => i % 2 === 0), bulletins.filter((_, i) => i % 2 === 1)]
const work = mkdtempSync(join(tmpdir(), "nongan-cv-"))
const node = (script: string, args: ReadonlyArray<string>) =>
  execFileSync(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", join(root, "scripts", script), ...args], { cwd: root, encoding: "utf8" })
try {
  folds.forEach((fold, k) => {
    const list = join(work, `fold-${k}.txt`)
    writeFileSync(list, fold.join("\n") + "\n")
    const rules = join(work, `rules-${k}`)
    cpSync(join(root, "rules"), rules, { recursive: true, filter: (p) => !p.includes("node_modules") })
    node("import-limit-evidence.ts", ["--rules", rules, "--exclude-bulletins", list])
    node("import-gb2763-2026.ts", ["--rules", rules])
    const out = node("notices-agreement.ts", ["--rules", rules, "--only-bulletins", list])
    console.log(`fold ${k + 1} (${fold.length} bulletins held out): ${out.split("\n").find((l) => l.startsWith("given")) ?? out}`)
  })
} finally {
  rmSync(work, { recursive: true, force: true })
}
