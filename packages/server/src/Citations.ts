import type { Citation } from "@nongan/core/Citation"
import type { PackRef, Summary } from "@nongan/core/Verdict"
import { PackSets, Table } from "./internal/Table"
import type { CompactDecisionReport, CompactFinding, DecisionFailure, DecisionReport } from "./Schemas"

type Item = DecisionReport | DecisionFailure
type CompactItem = CompactDecisionReport | DecisionFailure

/**
 * The compact form of a batch's items (`POST /v1/validate/batch?citations=shared`): every
 * distinct citation once, in a batch-level `citations` table in order of first use, each finding
 * referring to its citation by index (`citationRef` in place of `citation`, `citationRefs` in
 * place of `citations`); and every distinct list of packs once, in `packSets`, each report
 * referring to its list by index (`packsRef` in place of `packs`). Each reference sits where the
 * value it replaces was among the keys; nothing else changes, and {@link expandCitations} gives
 * back the full items. Values are the same when their JSON is.
 *
 * @example
 * import { shareCitations } from "@nongan/server/Citations"
 * const citation = { instrument: "GB 2763-2021", clause: "4.1" }
 * const f = { code: "residue.within-limit", outcome: "within-limit", severity: "info", citation } as const
 * const r = shareCitations([
 *   { decisionId: "a", id: "A", verdict: "compliant", findings: [f] },
 *   { decisionId: "b", id: "B", verdict: "compliant", findings: [{ ...f, citation: { ...citation } }] }
 * ])
 * r.citations.length // 1
 * r.items[1] // { decisionId: "b", id: "B", verdict: "compliant", findings: [{ code: "residue.within-limit", outcome: "within-limit", severity: "info", citationRef: 0 }] }
 *
 * @since 0.2.0
 * @category combinators
 */
export const shareCitations = (
  items: ReadonlyArray<Item>
): { readonly items: ReadonlyArray<CompactItem>; readonly citations: ReadonlyArray<Citation>; readonly packSets: ReadonlyArray<ReadonlyArray<PackRef>> } => {
  const citations = new Table<Citation>()
  const packSets = new PackSets()
  const compact = items.map((item): CompactItem => {
    if (!("verdict" in item)) return item
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(item)) {
      const v = (item as Record<string, unknown>)[k]
      if (k === "findings")
        out.findings = item.findings.map((f) => {
          if (f.citation === undefined && f.citations === undefined) return f as CompactFinding
          const g: Record<string, unknown> = {}
          for (const fk of Object.keys(f)) {
            const fv = (f as Record<string, unknown>)[fk]
            if (fk === "citation") {
              if (fv !== undefined) g.citationRef = citations.indexOf(fv as Citation)
            } else if (fk === "citations") {
              if (fv !== undefined) g.citationRefs = (fv as ReadonlyArray<Citation>).map((c) => citations.indexOf(c))
            } else g[fk] = fv
          }
          return g as CompactFinding
        })
      else if (k === "packs") {
        if (v !== undefined) out.packsRef = packSets.indexOf(v as ReadonlyArray<PackRef>)
      } else out[k] = v
    }
    return out as CompactDecisionReport
  })
  return { items: compact, citations: citations.values, packSets: packSets.values }
}

/**
 * The full items of a compact batch answer: each `citationRef` / `citationRefs` replaced by the
 * citations it refers to and each `packsRef` by its list of packs, at the same place. The
 * inverse of {@link shareCitations}: the JSON of the result is the JSON of the full answer.
 *
 * @example
 * import { expandCitations } from "@nongan/server/Citations"
 * const r = expandCitations({
 *   items: [{ decisionId: "a", id: "A", verdict: "compliant", findings: [{ code: "c", outcome: "within-limit", severity: "info", citationRef: 0 }], packsRef: 0 }],
 *   citations: [{ instrument: "GB 2763-2021" }],
 *   packSets: [[{ id: "cn-national", jurisdiction: "000000", version: "0.1.0", hash: "ab" }]]
 * })
 * r.items[0] // { decisionId: "a", id: "A", verdict: "compliant", findings: [{ code: "c", outcome: "within-limit", severity: "info", citation: { instrument: "GB 2763-2021" } }], packs: [{ id: "cn-national", jurisdiction: "000000", version: "0.1.0", hash: "ab" }] }
 *
 * @since 0.2.0
 * @category combinators
 */
export const expandCitations = (answer: {
  readonly items: ReadonlyArray<CompactItem>
  readonly citations: ReadonlyArray<Citation>
  readonly packSets?: ReadonlyArray<ReadonlyArray<PackRef>>
  readonly summary?: Summary
}): { readonly items: ReadonlyArray<Item>; readonly summary?: Summary } => {
  const at = <A>(table: ReadonlyArray<A> | undefined, i: number, what: string): A => {
    const c = table?.[i]
    if (c === undefined) throw new RangeError(`no ${what} ${i} in the batch's table`)
    return c
  }
  const items = answer.items.map((item): Item => {
    if (!("verdict" in item)) return item
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(item)) {
      const v = (item as Record<string, unknown>)[k]
      if (k === "findings")
        out.findings = item.findings.map((f) => {
          const g: Record<string, unknown> = {}
          for (const fk of Object.keys(f)) {
            const fv = (f as Record<string, unknown>)[fk]
            if (fk === "citationRef") g.citation = at(answer.citations, fv as number, "citation")
            else if (fk === "citationRefs") g.citations = (fv as ReadonlyArray<number>).map((i) => at(answer.citations, i, "citation"))
            else g[fk] = fv
          }
          return g
        })
      else if (k === "packsRef") out.packs = at(answer.packSets, v as number, "pack set")
      else out[k] = v
    }
    return out as DecisionReport
  })
  return answer.summary === undefined ? { items } : { items, summary: answer.summary }
}
