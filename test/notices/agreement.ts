// Agreement of nongan with what the authorities decided on real published sampling failures.
// Each notice item (a failed analyte of one sample) is judged as a one-analyte inspection record
// written exactly as the notice wrote it (product, analyte, result), on its sample date (else the
// notice date). Two figures: the verdict (the authority said 不合格: do we say non-compliant?)
// and the basis (do we apply the same limit, after unit conversion, or a prohibition where the
// authority wrote 不得检出?). Every miss is classified by its reason.
import { readFileSync, existsSync } from "node:fs"
import { join } from "node:path"
import * as Decimal from "@nongan/core/Decimal"
import * as Quantity from "@nongan/core/Quantity"
import * as Unit from "@nongan/core/Unit"
import type { Validator } from "@nongan/sdk/Validator"

/** One failed item of a published notice, as written. */
export interface NoticeItem {
  readonly id: string
  readonly corpus: string
  readonly bulletin?: string
  readonly date: string
  readonly productRaw: string
  readonly item: string
  readonly result: string
  readonly limit: string
}

/** Where the corpus files live, relative to the repository root. */
export const CORPORA: ReadonlyArray<{ readonly name: string; readonly path: string }> = [
  { name: "given", path: "../shared/reference/data/notices/notices-2025-2026.jsonl" },
  { name: "collected", path: "test/notices/collected.jsonl" },
  // collected after the vocabulary and limit evidence had landed, and kept out of them (the
  // evidence importer reads only `collected.jsonl`): a measurement of input the library has not seen
  { name: "measured", path: "test/notices/measured.jsonl" }
]

/** Reads the corpus files that exist (the given file needs `../shared` beside the repo). */
export const loadCorpus = (root: string): ReadonlyArray<NoticeItem> => {
  const out: Array<NoticeItem> = []
  for (const c of CORPORA) {
    const file = join(root, c.path)
    if (!existsSync(file)) continue
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue
      const j = JSON.parse(line) as Record<string, string | undefined>
      const date = (j.date && /^\d{4}-\d{2}-\d{2}$/.test(j.date) ? j.date : j.noticeDate) ?? ""
      out.push({
        id: `${c.name}:${j.record ?? j.id}`,
        corpus: c.name,
        bulletin: j.bulletin,
        date,
        productRaw: j.productRaw ?? "",
        item: j.item ?? "",
        result: j.result ?? "",
        limit: j.limit ?? ""
      })
    }
  }
  return out
}

/** The authority's basis, read from its limit column. */
export type AuthorityBasis =
  | { readonly kind: "limit"; readonly value: Quantity.Quantity }
  | { readonly kind: "must-not-detect" }
  | { readonly kind: "unreadable"; readonly text: string }

/** Reads the authority's limit as written (`≤0.05mg/kg`, `≤100µg/kg`, `不得检出`). */
export const authorityBasis = (text: string): AuthorityBasis => {
  const t = text.replace(/\s+/g, "")
  if (/不得检出|不得检测出|禁用|禁止使用/.test(t)) return { kind: "must-not-detect" }
  const m = /^(?:[≤≦<＜]|不大于|不超过|不高于)?=?([0-9.]+)[(（]?([^()（）]+?)[)）]?$/.exec(t)
  if (m) {
    const d = Decimal.parse(m[1]!)
    const u = Unit.parse(m[2]!)
    if (d !== undefined && u !== undefined && Unit.isConcentration(u)) return { kind: "limit", value: { value: d, unit: u } }
  }
  return { kind: "unreadable", text }
}

/** Why an item did not agree (or `agree`). */
export type Outcome =
  | "agree"
  | "unreadable-product"
  | "unreadable-analyte"
  | "unreadable-value"
  | "record-error"
  | "limit-not-held"
  | "other-limit"
  | "judged-compliant"
  | "authority-basis-unreadable"
  | "no-value"

/** The judgement of one item. */
export interface ItemResult {
  readonly item: NoticeItem
  readonly verdictAgrees: boolean
  readonly basisAgrees: boolean
  readonly outcome: Outcome
  readonly detail: string
}

const AGAINST_PROHIBITION = new Set(["residue.must-not-detect", "residue.prohibited-use"])

type Reader = { read?: (n: string) => { ok: boolean }; resolve: (n: string) => { ok: boolean } }
const readable = (cat: unknown, name: string): boolean => {
  const c = cat as Reader
  return (c.read ? c.read(name) : c.resolve(name)).ok
}

/**
 * Whether the names of an item read (product and analyte): the whole check for items whose
 * notice prints no value (only "X 不符合食品安全国家标准规定").
 */
export const vocabularyOf = (v: Validator, item: NoticeItem): { readonly product: boolean; readonly analyte: boolean } => ({
  product: readable(v.dataset.foods, item.productRaw),
  analyte: readable(v.dataset.substances, item.item)
})

/** Judges one notice item and compares with the authority. */
export const judgeItem = (v: Validator, item: NoticeItem): ItemResult => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(item.date)) {
    const w = vocabularyOf(v, item)
    const outcome: Outcome = !w.product ? "unreadable-product" : !w.analyte ? "unreadable-analyte" : "no-value"
    return { item, verdictAgrees: false, basisAgrees: false, outcome, detail: "the notice prints no date" }
  }
  if (item.result.trim() === "") {
    const w = vocabularyOf(v, item)
    const outcome: Outcome = !w.product ? "unreadable-product" : !w.analyte ? "unreadable-analyte" : "no-value"
    return { item, verdictAgrees: false, basisAgrees: false, outcome, detail: "the notice prints no value" }
  }
  const record = {
    id: item.id,
    kind: "inspection",
    sampledOn: item.date,
    product: item.productRaw,
    results: [{ substance: item.item, value: item.result }]
  }
  const basis = authorityBasis(item.limit)
  const r = v.validate(record)
  if (!r.ok) {
    const e = r.errors[0]!
    const path = e.path.join(".")
    const outcome: Outcome = path.startsWith("product")
      ? "unreadable-product"
      : /substance/.test(path)
        ? "unreadable-analyte"
        : /value|unit/.test(path) || e.code === "unreadable-measurement"
          ? "unreadable-value"
          : "record-error"
    return { item, verdictAgrees: false, basisAgrees: false, outcome, detail: `${e.code} @${path}` }
  }
  const report = r.report
  const verdictAgrees = report.verdict === "non-compliant"
  const findings = report.findings.filter((f) => f.code.startsWith("residue.") || f.code.startsWith("analyte."))
  const unreadable = report.findings.find((f) => f.code.startsWith("analyte.unreadable") || f.code === "analyte.unknown")
  if (basis.kind === "unreadable")
    return { item, verdictAgrees, basisAgrees: false, outcome: "authority-basis-unreadable", detail: basis.text }
  let basisAgrees = false
  if (basis.kind === "must-not-detect") basisAgrees = findings.some((f) => AGAINST_PROHIBITION.has(f.code))
  else
    basisAgrees = findings.some((f) => {
      if (f.limit === undefined || f.unit === undefined) return false
      const ours = Decimal.parse(String(f.limit))
      const unit = Unit.parse(f.unit)
      if (ours === undefined || unit === undefined) return false
      return Quantity.compare({ value: ours, unit }, basis.value) === 0
    })
  const codes = findings.map((f) => f.code).join(",")
  let outcome: Outcome = "agree"
  if (!(basisAgrees && verdictAgrees)) {
    if (unreadable) outcome = /value|unit/.test(JSON.stringify(unreadable.values ?? {})) ? "unreadable-value" : "unreadable-analyte"
    else if (findings.some((f) => f.code === "residue.no-limit" || f.code === "residue.limit-not-held")) outcome = "limit-not-held"
    else if (!basisAgrees) outcome = "other-limit"
    else outcome = "judged-compliant"
  }
  const limits = findings.filter((f) => f.limit !== undefined).map((f) => `${f.limit}${f.unit} ${f.source ?? ""}`)
  return { item, verdictAgrees, basisAgrees, outcome, detail: `${report.verdict} [${codes}] ${limits.join("; ")}` }
}

/** Figures for a set of results. */
export interface Figures {
  /** items whose product and analyte names both read, of all items */
  readonly names: number
  readonly namesOf: number
  /** items with a value, judged for verdict and basis */
  readonly items: number
  readonly verdict: number
  readonly basis: number
  readonly byOutcome: Record<string, number>
}

/** Sums results into figures. */
export const figures = (all: ReadonlyArray<ItemResult>): Figures => {
  const byOutcome: Record<string, number> = {}
  for (const r of all) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1
  // items whose notice prints no value test the vocabulary only
  const rs = all.filter((r) => r.detail !== "the notice prints no value" && r.detail !== "the notice prints no date")
  const names = all.filter((r) => r.outcome !== "unreadable-product" && r.outcome !== "unreadable-analyte")
  return {
    names: names.length,
    namesOf: all.length,
    items: rs.length,
    verdict: rs.filter((r) => r.verdictAgrees).length,
    basis: rs.filter((r) => r.basisAgrees).length,
    byOutcome
  }
}
