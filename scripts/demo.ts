/**
 * The main job (`pnpm start`): judges the hand-checked example records and prints them as a
 * table, then judges the realistic batch (`examples/sampling-batch.jsonl`), writes one JSON line
 * per record to `examples/out/sampling-batch.report.jsonl`, and prints the summary with the
 * first non-compliant records. Both go through the same `nongan check` command a user runs.
 */
import { createWriteStream, mkdirSync } from "node:fs"
import { join } from "node:path"
import { PassThrough } from "node:stream"
import { main } from "@nongan/cli/Main"

const root = join(import.meta.dirname, "..")
const ex = (f: string) => join(root, "examples", f)
const say = (s: string) => process.stdout.write(`${s}\n`)

say("== nongan check examples/hand-checked.jsonl  (手工核对的示例记录 / hand-checked records)\n")
await main(["check", ex("hand-checked.jsonl"), "--no-progress"], { out: process.stdout, err: process.stderr })

say("\n== nongan check examples/sampling-batch.jsonl --format jsonl  (5 000 条模拟抽检记录 / realistic batch)\n")
mkdirSync(ex("out"), { recursive: true })
const reportPath = ex("out/sampling-batch.report.jsonl")
const file = createWriteStream(reportPath)
const tee = new PassThrough()
const shown: Array<string> = []
let pending = ""
tee.on("data", (chunk) => {
  file.write(chunk)
  pending += String(chunk)
  const lines = pending.split("\n")
  pending = lines.pop() ?? ""
  for (const l of lines) if (shown.length < 5 && l.includes('"verdict":"non-compliant"') && l.includes("criminal-referral")) shown.push(l)
})
const err = new PassThrough()
let summary = ""
err.on("data", (d) => (summary += String(d)))
const code = await main(["check", ex("sampling-batch.jsonl"), "--format", "jsonl", "--no-progress"], { out: tee, err })
tee.end()
await new Promise((r) => file.end(r))
say(summary.trim())
say(`\nfirst non-compliant records routed to criminal referral:`)
for (const l of shown) {
  const r = JSON.parse(l) as { id: string; product: string; asOf: string; findings: Array<{ code: string; substance?: string; measured?: number; limit?: number; unit?: string; source?: string }> }
  const f = r.findings.filter((x) => x.code !== "residue.not-detected" && x.code !== "residue.within-limit")
  say(`  ${r.id} ${r.product} ${r.asOf}: ${f.map((x) => `${x.code} ${x.substance ?? ""} ${x.measured ?? ""}${x.limit !== undefined ? `/${x.limit}` : ""} ${x.unit ?? ""} [${x.source ?? ""}]`).join("; ")}`)
}
say(`\nfull reports: ${reportPath}  (exit status of the batch run: ${code}; 1 means some records were malformed, as planted in the example)`)
