/**
 * Checks that every quoted statute text in rules/cases/national/*.json occurs word for word (white
 * space ignored, "……" marking an omission) in the held statute texts.
 *
 *   node --import tsx packages/cases/scripts/check-quotes.ts ../shared/reference/laws
 *
 * The statute files are the LawRefBook/Laws transcriptions; the directory is not part of the repo.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

const laws = process.argv[2]
if (laws === undefined) {
  console.error("usage: check-quotes.ts <laws dir>")
  process.exit(2)
}
const here = join(import.meta.dirname, "..", "..", "..", "rules", "cases", "national")
const files: Record<string, string> = {
  "nongan-2022": "农产品质量安全法(2022-09-02).md",
  "nongan-2018": "农产品质量安全法(2018-10-26).md",
  "pesticide-reg": "农药管理条例(2022-03-29).md",
  "vet-reg": "兽药管理条例(2020-03-27).md",
  "food-safety-law": "食品安全法(2021-04-29).md",
  "admin-penalty-law": "行政处罚法(2021-01-22).md",
  "transfer-reg": "行政执法机关移送涉嫌犯罪案件的规定(2020-08-07).md",
  "spc-2021-24": "最高人民法院、最高人民检察院关于办理危害食品安全刑事案件适用法律若干问题的解释(2021-12-30).md",
  "criminal-law": "刑法-第143-144条.md"
}
const norm = (s: string) => s.replace(/\s/g, "")
const text = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, norm(readFileSync(join(laws, f), "utf8"))]))
let checked = 0
let missing = 0
const check = (source: string, quote: string | undefined, where: string) => {
  if (quote === undefined || text[source] === undefined) return
  for (const raw of quote.split(/……|…/)) {
    const frag = raw.replace(/^[。；，、\s]+|[。；，、\s]+$/g, "")
    if (frag.length < 4) continue
    checked++
    if (!text[source]!.includes(norm(frag))) {
      missing++
      console.log(`missing  ${where}  ${source}  ${frag.slice(0, 60)}`)
    }
  }
}
type Ref = { source: string; text?: string }
const json = (f: string) => JSON.parse(readFileSync(join(here, f), "utf8"))
for (const v of json("violations.json").violations) for (const p of v.provisions) check(p.source, p.text, p.id)
const c = json("criminal.json")
for (const r of c.routes) {
  for (const b of r.basis as Array<Ref>) check(b.source, b.text, r.id)
  for (const q of r.knowledge?.presumptions ?? []) check(r.knowledge.source, q.text, q.id)
}
check(c.seriousness.twoYears.source, c.seriousness.twoYears.text, "twoYears")
const pr = json("procedure.json")
for (const k of ["precedence", "time", "limitation", "minorFirstOffence", "offset", "noFineForCrime"]) check(pr[k].source, pr[k].text, k)
for (const s of pr.clock) check(s.source, s.text, s.id)
for (const a of pr.authorities) for (const b of a.basis as Array<Ref>) check(b.source, b.text, a.id)
console.log(`${checked} quoted fragments, ${missing} not found`)
process.exit(missing > 0 ? 1 : 0)
