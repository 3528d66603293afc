/**
 * The compact view of decisions (`POST /v1/validate/batch?view=compact`), for systems that take
 * verdicts at volume: each report cut to what acts on it (id, verdict, verification, decision
 * id, and per finding its code, severity, substance, food, measured value, limit, unit,
 * verification, referral and error), its citations and its list of packs given once per batch in
 * tables the items refer to by index. It is a projection of the very reports the full form sends
 * (never a second judgement): each field kept is the report's own, unchanged, and a citation or a
 * list of packs looked up in its table is the one the full report carries.
 *
 * @since 0.2.0
 */
import type { Citation } from "@nongan/core/Citation"
import type { Finding } from "@nongan/core/Finding"
import type { PackRef, Summary } from "@nongan/core/Verdict"
import { PackSets, Table } from "./internal/Table"
import { utf8 } from "./Wire"
import type {
  CompactViewBatchResponse,
  CompactViewFinding,
  CompactViewReport,
  CompactViewTables,
  DecisionFailure,
  DecisionReport
} from "./Schemas"

type Item = DecisionReport | DecisionFailure

/**
 * An item of the compact view: a {@link CompactViewReport}, or a record's failure unchanged.
 *
 * @example
 * import type { CompactViewItem } from "@nongan/server/CompactView"
 * const item: CompactViewItem = { id: "A", verdict: "compliant", findings: [], packsRef: 0, decisionId: "d" }
 *
 * @since 0.2.0
 * @category models
 */
export type CompactViewItem = CompactViewReport | DecisionFailure

/**
 * Turns decisions into compact view items, one after another, keeping the batch's tables: the
 * citations and the lists of packs in order of first use. `take` gives what the tables gained
 * since its last call (what an NDJSON stream sends before the items that use it).
 *
 * @example
 * import { makeCompactor, type Compactor } from "@nongan/server/CompactView"
 * const c: Compactor = makeCompactor()
 * c.citations.length // 0
 *
 * @since 0.2.0
 * @category models
 */
export interface Compactor {
  /** The compact view of one decision; its references point into {@link Compactor.citations} and {@link Compactor.packSets}. */
  readonly item: (item: Item) => CompactViewItem
  /** Every citation referred to so far, in order of first use. */
  readonly citations: ReadonlyArray<Citation>
  /** Every list of packs referred to so far, in order of first use. */
  readonly packSets: ReadonlyArray<ReadonlyArray<PackRef>>
  /** What the tables gained since the last call, or `undefined` when they gained nothing. */
  readonly take: () => CompactViewTables | undefined
}

// One finding's compact view: the fields the view keeps, in the order of CompactViewFinding. A
// field the finding lacks is `undefined`, which JSON leaves out: one shape for every finding, made
// at the cost of one object literal
const finding = (f: Finding, citations: Table<Citation>): CompactViewFinding => ({
  code: f.code,
  severity: f.severity,
  substance: f.substance,
  food: f.food,
  measured: f.measured,
  limit: f.limit,
  unit: f.unit,
  verification: f.verification,
  referral: f.referral,
  citationRef: f.citation === undefined ? undefined : citations.indexOf(f.citation),
  citationRefs: f.citations === undefined ? undefined : f.citations.map((c) => citations.indexOf(c)),
  error: f.error
})

/**
 * Makes a {@link Compactor} with empty tables.
 *
 * @example
 * import { makeCompactor } from "@nongan/server/CompactView"
 * const c = makeCompactor()
 * const citation = { instrument: "GB 2763-2021", clause: "4.53" }
 * const packs = [{ id: "cn-national", jurisdiction: "000000", version: "0.1.0", hash: "9a65" }]
 * c.item({ id: "A", verdict: "non-compliant", decisionId: "d1", packs, findings: [
 *   { code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation", substance: "克百威", food: "豇豆",
 *     measured: 0.062, limit: 0.02, unit: "mg/kg", source: "GB 2763-2021", citation, categoryPath: ["蔬菜"] }] })
 * // { id: "A", verdict: "non-compliant", findings: [{ code: "residue.exceeds-limit", severity: "violation", substance: "克百威",
 * //   food: "豇豆", measured: 0.062, limit: 0.02, unit: "mg/kg", citationRef: 0 }], packsRef: 0, decisionId: "d1" }
 * c.take() // { citations: [citation], packSets: [packs] }
 * c.take() // undefined
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeCompactor = (): Compactor => {
  const citations = new Table<Citation>()
  const packSets = new PackSets()
  let citationsSent = 0
  let packSetsSent = 0
  return {
    item: (item) => {
      if (!("verdict" in item)) return item
      const findings = new Array<CompactViewFinding>(item.findings.length)
      for (let i = 0; i < findings.length; i++) findings[i] = finding(item.findings[i]!, citations)
      // keys in CompactViewReport's order; an absent one `undefined`, which JSON leaves out
      return {
        id: item.id,
        verdict: item.verdict,
        verification: item.verification,
        findings,
        packsRef: item.packs === undefined ? undefined : packSets.indexOf(item.packs),
        decisionId: item.decisionId
      }
    },
    get citations() {
      return citations.values
    },
    get packSets() {
      return packSets.values
    },
    take: () => {
      const c = citations.values.length > citationsSent ? citations.values.slice(citationsSent) : undefined
      const p = packSets.values.length > packSetsSent ? packSets.values.slice(packSetsSent) : undefined
      citationsSent = citations.values.length
      packSetsSent = packSets.values.length
      if (c === undefined && p === undefined) return undefined
      return c === undefined ? { packSets: p! } : p === undefined ? { citations: c } : { citations: c, packSets: p }
    }
  }
}

/**
 * The compact view of a judged batch: its items in order, its counts, and the tables they refer to.
 *
 * @example
 * import { compactBatch } from "@nongan/server/CompactView"
 * import { emptySummary } from "@nongan/core/Verdict"
 * const r = compactBatch([{ id: null, error: { code: "invalid-json", path: "", message: "m" }, decisionId: "d" }], { ...emptySummary(), records: 1, malformed: 1 })
 * r.items[0] // { id: null, error: { code: "invalid-json", path: "", message: "m" }, decisionId: "d" }
 * r.view // "compact"
 *
 * @since 0.2.0
 * @category combinators
 */
export const compactBatch = (items: ReadonlyArray<Item>, summary: Summary): CompactViewBatchResponse => {
  const c = makeCompactor()
  const out = new Array<CompactViewItem>(items.length)
  for (let i = 0; i < items.length; i++) out[i] = c.item(items[i]!)
  return { view: "compact", items: out, summary, citations: c.citations, packSets: c.packSets }
}

// the UTF-8 JSON of a citation; a frozen one (the rule data's) is encoded once for the process
const citationBytes = new WeakMap<object, Buffer>()
const bytesOf = (c: Citation): Buffer => {
  const known = citationBytes.get(c)
  if (known !== undefined) return known
  const b = utf8(JSON.stringify(c))
  if (Object.isFrozen(c)) citationBytes.set(c, b)
  return b
}
const COMMA = Buffer.from(",")

/**
 * The UTF-8 JSON of {@link compactBatch}'s answer, byte for byte what `JSON.stringify` gives of
 * it, made without serialising the citations again: the rule data's citations are the same
 * objects from batch to batch (frozen), and each one's bytes are kept after its first use.
 *
 * @example
 * import { compactBatch, compactBatchBytes } from "@nongan/server/CompactView"
 * import { emptySummary } from "@nongan/core/Verdict"
 * const citation = Object.freeze({ instrument: "GB 2763-2021", clause: "4.53" })
 * const items = [{ id: "A", verdict: "compliant", decisionId: "d", findings: [{ code: "residue.not-detected", outcome: "not-detected", severity: "info", citation }] }] as const
 * compactBatchBytes(items, emptySummary()).toString() === JSON.stringify(compactBatch(items, emptySummary())) // true
 *
 * @since 0.2.0
 * @category combinators
 */
export const compactBatchBytes = (items: ReadonlyArray<Item>, summary: Summary): Buffer => {
  const r = compactBatch(items, summary)
  const parts: Array<Buffer> = [utf8(`{"view":"compact","items":${JSON.stringify(r.items)},"summary":${JSON.stringify(r.summary)},"citations":[`)]
  for (let i = 0; i < r.citations.length; i++) {
    if (i > 0) parts.push(COMMA)
    parts.push(bytesOf(r.citations[i]!))
  }
  parts.push(utf8(`],"packSets":${JSON.stringify(r.packSets)}}`))
  return Buffer.concat(parts)
}
