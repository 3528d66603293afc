import type { NameStep } from "@nongan/core/NameReading"
import type { QualifierWord } from "./DeclaredNames"

/**
 * What an exact look-up of one name finds: a food (with the steps the look-up itself took, e.g. a
 * declared synonym), an ambiguous name with its candidates, or a known name that is not a product
 * (a species without a declared edible tissue, a tissue).
 *
 * @example
 * import type { Lookup } from "@nongan/foods/QualifiedName"
 * const l: Lookup = { type: "food", id: "番茄", steps: [{ kind: "synonym", from: "西红柿", to: "番茄" }] }
 *
 * @since 0.2.0
 * @category models
 */
export type Lookup =
  | { readonly type: "food"; readonly id: string; readonly steps: ReadonlyArray<NameStep> }
  | { readonly type: "ambiguous"; readonly candidates: ReadonlyArray<string> }
  | { readonly type: "not-product" }

/**
 * How two entries relate: the same entry, the first or the second lies below the other (is the more
 * specific of two on one path), or neither.
 *
 * @example
 * import type { Relation } from "@nongan/foods/QualifiedName"
 * const r: Relation = "first"
 *
 * @since 0.2.0
 * @category models
 */
export type Relation = "same" | "first" | "second" | "unrelated"

/**
 * What the grammar needs from a catalogue: exact look-up, the declared words, and how two entries
 * relate.
 *
 * @example
 * import type { Lexicon } from "@nongan/foods/QualifiedName"
 * const lex: Lexicon = { lookup: () => undefined, words: [], relate: (a, b) => (a === b ? "same" : "unrelated") }
 *
 * @since 0.2.0
 * @category models
 */
export interface Lexicon {
  readonly lookup: (name: string) => Lookup | undefined
  readonly words: ReadonlyArray<QualifierWord>
  readonly relate: (a: string, b: string) => Relation
  /** whether an id is a food rather than a category (a bracket alone may name only a food); all are foods when absent */
  readonly isFood?: (id: string) => boolean
}

/**
 * The outcome of reading a written name: the entry id with every step, or why it was refused.
 *
 * @example
 * import type { Reading } from "@nongan/foods/QualifiedName"
 * const r: Reading = { ok: false, reason: "unknown" }
 *
 * @since 0.2.0
 * @category models
 */
export type Reading =
  | { readonly ok: true; readonly id: string; readonly steps: ReadonlyArray<NameStep> }
  | { readonly ok: false; readonly reason: "unknown" }
  | { readonly ok: false; readonly reason: "not-product" }
  | { readonly ok: false; readonly reason: "ambiguous"; readonly candidates: ReadonlyArray<string> }

const OPEN = /[(（【\[［〔]/g
const CLOSE = /[)）】\]］〕]/g

/**
 * Width, spacing and bracket form only: Unicode NFKC (full-width letters, digits and slashes to
 * half-width), every space removed, every bracket written as the full-width `（` `）` the
 * catalogue uses.
 *
 * @example
 * import { normalise } from "@nongan/foods/QualifiedName"
 * normalise(" 普通白菜(小油菜) ") // "普通白菜（小油菜）"
 *
 * @since 0.2.0
 * @category utils
 */
export const normalise = (s: string): string => s.normalize("NFKC").replace(/\s+/gu, "").replace(OPEN, "（").replace(CLOSE, "）")

/** The last balanced bracket at the end of `s`: `outer（inner）`, inner without brackets. */
const trailingBracket = (s: string): { readonly outer: string; readonly inner: string } | undefined => {
  if (!s.endsWith("）")) return undefined
  const open = s.lastIndexOf("（")
  if (open <= 0) return undefined
  const inner = s.slice(open + 1, -1)
  const outer = s.slice(0, open)
  if (inner.length === 0 || inner.includes("）") || outer.includes("）") !== outer.includes("（")) return undefined
  return { outer, inner }
}

const SEPARATORS = /[、，,；;]/u

/** Whether `s` is one or more bracket-allowed qualifier words (possibly separated by 、，;). */
const allQualifiers = (lex: Lexicon, s: string): boolean => {
  const words = lex.words.filter((w) => w.kind === "qualifier" && (w.where ?? "both") !== "prefix").map((w) => w.word)
  const covers = (rest: string): boolean => rest.length === 0 || words.some((w) => rest.startsWith(w) && covers(rest.slice(w.length)))
  const parts = s.split(SEPARATORS)
  return parts.every((p) => p.length > 0 && covers(p))
}

const prefixWords = (lex: Lexicon): ReadonlyArray<QualifierWord> =>
  [...lex.words.filter((w) => w.kind === "origin" || (w.where ?? "both") !== "bracket")].sort((a, b) => b.word.length - a.word.length)

const MAX_DEPTH = 12

const pick = (a: Reading, b: Reading): Reading => (a.ok ? a : b.ok ? b : a.reason === "ambiguous" ? a : b.reason === "ambiguous" ? b : a.reason === "not-product" ? a : b)

/** Reads the outer name and the bracket of `outer（inner）` and combines them by the bracket rule. */
const readBracket = (lex: Lexicon, s: string, outer: string, inner: string, depth: number): Reading => {
  const dropped = `（${inner}）`
  if (allQualifiers(lex, inner)) {
    const r = core(lex, outer, depth + 1)
    return r.ok ? { ok: true, id: r.id, steps: [{ kind: "qualifier", from: s, to: outer, dropped: inner }, ...r.steps] } : r
  }
  const o = core(lex, outer, depth + 1)
  if (o.ok && SEPARATORS.test(inner)) {
    // Annex A style `普通白菜（小白菜、小油菜、青菜）`: a list of names that all lie within the outer entry
    const parts = inner.split(SEPARATORS).map((p) => core(lex, p, depth + 1))
    const within = parts.every((p) => p.ok && (lex.relate(p.id, o.id) === "same" || lex.relate(p.id, o.id) === "first"))
    return within
      ? { ok: true, id: o.id, steps: [{ kind: "bracket", from: s, to: outer, dropped, note: `the bracket lists names within ${o.id}` }, ...o.steps] }
      : { ok: false, reason: "unknown" }
  }
  const i = core(lex, inner, depth + 1)
  const viaOuter = (note: string): Reading =>
    o.ok ? { ok: true, id: o.id, steps: [{ kind: "bracket", from: s, to: outer, dropped, note }, ...o.steps] } : o
  const viaInner = (note: string): Reading =>
    i.ok ? { ok: true, id: i.id, steps: [{ kind: "bracket", from: s, to: inner, dropped: outer, note }, ...i.steps] } : i
  if (o.ok && i.ok) {
    switch (lex.relate(o.id, i.id)) {
      case "same":
        return viaOuter(`the bracket ${inner} names the same entry ${o.id}`)
      case "first":
        return viaOuter(`${o.id} lies below the bracket's ${i.id}: the more specific is read`)
      case "second":
        return viaInner(`the bracket's ${i.id} lies below ${o.id}: the more specific is read`)
      case "unrelated":
        return { ok: false, reason: "ambiguous", candidates: [o.id, i.id] }
    }
  }
  if (!o.ok && o.reason === "ambiguous" && i.ok) {
    const hit = o.candidates.some((c) => {
      const r = lex.relate(i.id, c)
      return r === "same" || r === "first"
    })
    return hit
      ? viaInner(`${outer} may mean ${o.candidates.join("、")}; the bracket names ${i.id}`)
      : { ok: false, reason: "ambiguous", candidates: [...o.candidates, i.id] }
  }
  if (o.ok && !i.ok && i.reason === "ambiguous") {
    const hit = i.candidates.some((c) => {
      const r = lex.relate(o.id, c)
      return r === "same" || r === "first"
    })
    return hit ? viaOuter(`the bracket ${inner} may mean ${i.candidates.join("、")}; ${outer} names ${o.id}`) : { ok: false, reason: "ambiguous", candidates: [o.id, ...i.candidates] }
  }
  if (!o.ok && o.reason === "unknown" && i.ok)
    return (lex.isFood?.(i.id) ?? true) ? viaInner(`${outer} is not a declared name; the bracket names the food`) : { ok: false, reason: "unknown" }
  // the outer name is read but the bracket is not: a bracket that cannot be read is never dropped
  if (o.ok) return { ok: false, reason: "unknown" }
  return pick(o, i)
}

/** Splits `s` at `/` or `、` outside brackets; undefined when there is no such separator. */
const splitTopLevel = (s: string): ReadonlyArray<string> | undefined => {
  const parts: Array<string> = []
  let level = 0
  let cur = ""
  for (const ch of s) {
    if (ch === "（") level++
    else if (ch === "）") level = Math.max(0, level - 1)
    if (level === 0 && (ch === "/" || ch === "、")) {
      parts.push(cur)
      cur = ""
    } else cur += ch
  }
  parts.push(cur)
  return parts.length > 1 ? parts : undefined
}

/** Reads `a/b/…` (or `a、b`): every alternative must read as the same entry. */
const readAlternatives = (lex: Lexicon, s: string, depth: number): Reading | undefined => {
  const parts = splitTopLevel(s)
  if (!parts) return undefined
  if (parts.some((p) => p.length === 0)) return { ok: false, reason: "unknown" }
  const rs = parts.map((p) => core(lex, p, depth + 1))
  const first = rs[0]
  if (!first?.ok) return first ?? { ok: false, reason: "unknown" }
  const ids = new Set<string>()
  for (const r of rs) {
    if (!r.ok) return r
    ids.add(r.id)
  }
  if (ids.size > 1) return { ok: false, reason: "ambiguous", candidates: [...ids] }
  const rest = parts.slice(1)
  return {
    ok: true,
    id: first.id,
    steps: [{ kind: "group", from: s, to: parts[0] ?? s, dropped: s.slice((parts[0] ?? "").length), note: `alternatives: ${rest.join("、")} read as the same entry ${first.id}` }, ...first.steps]
  }
}

/** Strips one declared prefix word (longest first) and reads the rest. */
const readPrefix = (lex: Lexicon, s: string, depth: number): Reading => {
  let best: Reading = { ok: false, reason: "unknown" }
  for (const w of prefixWords(lex)) {
    if (!s.startsWith(w.word) || s.length <= w.word.length) continue
    const rest = s.slice(w.word.length)
    const r = core(lex, rest, depth + 1)
    if (r.ok) return { ok: true, id: r.id, steps: [{ kind: w.kind === "origin" ? "origin" : "qualifier", from: s, to: rest, dropped: w.word }, ...r.steps] }
    best = pick(best, r)
  }
  return best
}

const core = (lex: Lexicon, s: string, depth: number): Reading => {
  if (depth > MAX_DEPTH || s.length === 0) return { ok: false, reason: "unknown" }
  const hit = lex.lookup(s)
  if (hit) {
    switch (hit.type) {
      case "food":
        return { ok: true, id: hit.id, steps: hit.steps }
      case "ambiguous":
        return { ok: false, reason: "ambiguous", candidates: hit.candidates }
      case "not-product": {
        // a species or tissue name: a declared qualifier before it may still make a product name
        const r = readPrefix(lex, s, depth)
        return r.ok ? r : { ok: false, reason: "not-product" }
      }
    }
  }
  const alt = readAlternatives(lex, s, depth)
  if (alt?.ok) return alt
  const b = trailingBracket(s)
  const bracket = b ? readBracket(lex, s, b.outer, b.inner, depth) : undefined
  if (bracket?.ok) {
    // a prefix may stand before a bracketed form the catalogue sets apart: 散装人参（鲜） is
    // 人参（鲜） (GB 2763-2026 sets fresh and dried ginseng apart), not 人参 — the more specific wins
    const prefixed = readPrefix(lex, s, depth)
    return prefixed.ok && lex.relate(prefixed.id, bracket.id) === "first" ? prefixed : bracket
  }
  // a prefix may stand before a bracketed catalogue name (散装蘑菇类（鲜）)
  const prefix = readPrefix(lex, s, depth)
  if (prefix.ok) return prefix
  return pick(pick(alt ?? prefix, bracket ?? prefix), prefix)
}

/**
 * Reads a name as written through declared data only, in this order: (1) the name exactly as
 * written; (2) normalisation (width, spaces, bracket form); then, at each level, (3) an exact
 * look-up (names, aliases, declared synonyms, varieties and crop names), (4) `a/b` (or `a、b`)
 * alternatives outside brackets that all read as one entry, (5) a trailing bracket — dropped when it holds only qualifiers,
 * otherwise read by the bracket rule — and (6) one declared qualifier or origin prefix, longest
 * first. Every step is recorded. Nothing is matched approximately: what no rule reads is refused.
 *
 * @example
 * import { readName } from "@nongan/foods/QualifiedName"
 * const lex = {
 *   lookup: (n: string) => (n === "韭菜" ? { type: "food" as const, id: "韭菜", steps: [] } : undefined),
 *   words: [{ word: "散装", kind: "qualifier" as const, verification: "secondary" as const }],
 *   relate: (a: string, b: string) => (a === b ? ("same" as const) : ("unrelated" as const))
 * }
 * readName(lex, "韭菜(散装)") // { ok: true, id: "韭菜", steps: [normalise, qualifier] }
 *
 * @since 0.2.0
 * @category combinators
 */
export const readName = (lex: Lexicon, written: string): Reading => {
  const trimmed = written.trim()
  const direct = lex.lookup(trimmed)
  if (direct?.type === "food")
    return { ok: true, id: direct.id, steps: trimmed === written ? direct.steps : [{ kind: "normalise", from: written, to: trimmed }, ...direct.steps] }
  const n = normalise(trimmed)
  const r = core(lex, n, 0)
  if (!r.ok || n === written) return r
  return { ok: true, id: r.id, steps: [{ kind: "normalise", from: written, to: n }, ...r.steps] }
}
