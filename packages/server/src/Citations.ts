import type { Citation } from "@nongan/core/Citation"
import type { PackRef, Summary } from "@nongan/core/Verdict"
import type { CompactDecisionReport, CompactFinding, DecisionFailure, DecisionReport } from "./Schemas"

type Item = DecisionReport | DecisionFailure
type CompactItem = CompactDecisionReport | DecisionFailure

// A table of distinct JSON values, each given the index of its first occurrence. Two values are
// the same when their JSON is (same keys in the same order, same values): a flat object of
// primitives is looked up through a trie of its keys and values (strings shared with the rule
// data keep their hash, so this costs a few Map lookups), anything else by its JSON text.
class Table<A> {
  readonly values: Array<A> = []
  private readonly trie = new Map<unknown, any>()
  private readonly byText = new Map<string, number>()
  private readonly end = Symbol("end")

  private add(value: A): number {
    this.values.push(value)
    return this.values.length - 1
  }

  // the validator shares citations and pack references with the rule data: most repeat by identity
  private readonly byRef = new Map<object, number>()

  indexOf(value: A): number {
    const known = this.byRef.get(value as object)
    if (known !== undefined) return known
    const i = this.lookup(value)
    this.byRef.set(value as object, i)
    return i
  }

  private lookup(value: A): number {
    let node = this.trie
    for (const k of Object.keys(value as object)) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== null && typeof v === "object") {
        const text = JSON.stringify(value)
        let i = this.byText.get(text)
        if (i === undefined) this.byText.set(text, (i = this.add(value)))
        return i
      }
      if (v === undefined) continue // JSON leaves it out
      let next = node.get(k)
      if (next === undefined) node.set(k, (next = new Map()))
      let leaf = next.get(v)
      if (leaf === undefined) next.set(v, (leaf = new Map()))
      node = leaf
    }
    let i = node.get(this.end) as number | undefined
    if (i === undefined) node.set(this.end, (i = this.add(value)))
    return i
  }
}

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
  const packs = new Table<PackRef>()
  // a list of packs is known by the indexes of its packs
  const packSets: Array<ReadonlyArray<PackRef>> = []
  const setIndex = new Map<string, number>()
  const packSetRef = (list: ReadonlyArray<PackRef>): number => {
    const key = list.map((p) => packs.indexOf(p)).join(",")
    let i = setIndex.get(key)
    if (i === undefined) setIndex.set(key, (i = packSets.length)), packSets.push(list)
    return i
  }
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
        if (v !== undefined) out.packsRef = packSetRef(v as ReadonlyArray<PackRef>)
      } else out[k] = v
    }
    return out as CompactDecisionReport
  })
  return { items: compact, citations: citations.values, packSets }
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
