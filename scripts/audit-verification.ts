/**
 * Audits the verification levels of the rule data: `official-text` means the publication itself or
 * the issuing authority's own site, nothing else. A row marked `official-text` whose citation is a
 * reprint (a commercial, news or other government site) is downgraded to `secondary` with a note
 * saying why; `citation.url` must hold a URL (a repository and path go in `repo` / `path`).
 *
 *   node --conditions=@nongan/source --import tsx scripts/audit-verification.ts          # report
 *   node --conditions=@nongan/source --import tsx scripts/audit-verification.ts --fix    # rewrite
 *
 * The same rules run in `pnpm rules:check` (via `auditFiles`), which fails on any violation.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"

/** Hosts of issuing authorities (the ministries that issue national standards and announcements). */
export const AUTHORITY_HOSTS: ReadonlyArray<string> = ["moa.gov.cn", "nhc.gov.cn", "samr.gov.cn", "sac.gov.cn", "std.samr.gov.cn"]

/** The official publication files the repository reads locally (see ../shared/reference/data/README.md). */
export const OFFICIAL_DOCUMENTS: ReadonlyArray<string> = ["GB_2762-2025.pdf", "GB_2762-2025.txt"]

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return undefined
  }
}

/** Whether a citation may carry `official-text`. */
export const isOfficialSource = (c: {
  readonly url?: string | null
  readonly path?: string
  readonly repo?: string
  readonly document?: string
  readonly note?: string
}): boolean => {
  if (c.url) {
    const h = hostOf(c.url)
    if (h && AUTHORITY_HOSTS.some((a) => h === a || h.endsWith(`.${a}`))) return true
  }
  return c.document !== undefined && OFFICIAL_DOCUMENTS.includes(c.document)
}

/** One violation found by the audit. */
export interface Violation {
  readonly file: string
  readonly at: string
  readonly problem: "official-text-from-reprint" | "url-not-a-url"
  readonly detail: string
}

type Json = null | boolean | number | string | Array<Json> | { [k: string]: Json }

const walkJson = (node: Json, at: string, visit: (o: { [k: string]: Json }, at: string) => void): void => {
  if (Array.isArray(node)) node.forEach((v, i) => walkJson(v, `${at}[${i}]`, visit))
  else if (node && typeof node === "object") {
    visit(node, at)
    for (const [k, v] of Object.entries(node)) walkJson(v, at ? `${at}.${k}` : k, visit)
  }
}

/** Audits (and with `fix`, corrects in place) one parsed data file. */
export const auditJson = (json: Json, file: string, fix: boolean): Array<Violation> => {
  const out: Array<Violation> = []
  walkJson(json, "", (o, at) => {
    const c = o.citation as { [k: string]: Json } | undefined
    if (c && typeof c === "object" && typeof c.url === "string" && c.url !== "" && hostOf(c.url) === undefined) {
      out.push({ file, at, problem: "url-not-a-url", detail: c.url })
      if (fix) {
        const m = /^(?:repo\s+)?([\w.-]+\/[\w.-]+)\s+(.+)$/.exec(c.url)
        if (m) {
          c.repo = m[1]!
          c.path = m[2]!
        } else c.note = `${typeof c.note === "string" ? `${c.note} ` : ""}Source: ${c.url}`
        delete c.url
      }
    }
    if (o.verification === "official-text" && c && typeof c === "object" && !isOfficialSource(c as never)) {
      out.push({ file, at, problem: "official-text-from-reprint", detail: typeof c.url === "string" ? c.url : "(no url)" })
      if (fix) {
        o.verification = "secondary"
        const host = typeof c.url === "string" ? hostOf(c.url) : undefined
        const why = host
          ? `Read on ${host}, a reprint (not the issuing authority's own site): secondary (audit 2026-12-01; was official-text).`
          : "No URL of the issuing authority: secondary (audit 2026-12-01; was official-text)."
        c.note = typeof c.note === "string" && c.note !== "" ? `${c.note} ${why}` : why
      }
    }
  })
  return out
}

const walkFiles = (dir: string): Array<string> =>
  readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n)
      return statSync(p).isDirectory() ? walkFiles(p) : n.endsWith(".json") ? [p] : []
    })

/** Audits every JSON data file below `rules/national` and `rules/regions`. */
export const auditFiles = (rulesDir: string, fix = false): Array<Violation> =>
  ["national", "regions"].flatMap((part) =>
    walkFiles(join(rulesDir, part)).flatMap((p) => {
      const text = readFileSync(p, "utf8")
      const json = JSON.parse(text) as Json
      const v = auditJson(json, relative(rulesDir, p), fix)
      if (fix && v.length > 0) writeFileSync(p, JSON.stringify(json, null, 2) + "\n")
      return v
    })
  )

if (import.meta.url === `file://${process.argv[1]}`) {
  const fix = process.argv.includes("--fix")
  const v = auditFiles(join(import.meta.dirname, "..", "rules"), fix)
  const by = new Map<string, number>()
  for (const x of v) by.set(`${x.file} ${x.problem}`, (by.get(`${x.file} ${x.problem}`) ?? 0) + 1)
  for (const [k, n] of by) console.log(`${String(n).padStart(5)}  ${k}`)
  console.log(`${v.length} violations${fix ? " fixed" : ""}`)
  process.exit(!fix && v.length > 0 ? 1 : 0)
}
