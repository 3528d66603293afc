/**
 * Analyte names as laboratories and regulators write them, read exactly through a declared
 * grammar. Every step that changed the name is reported (`NameReading`); anything that would need
 * a guess is refused with the nearest known names. Nothing is fuzzy-matched and no name is ever
 * read by a prefix.
 *
 * ```text
 * analyte   := name | name "(" inner ")"            -- the last bracket, read from the right
 *            | name "以" basis "计"                 -- an unbracketed expressed-as clause
 * name      := declared | list | sum                 -- declared: id, name, alias, English, CAS
 * sum       := part (CONJ part)* "之和" ["," clause]  -- the one entry whose residue definition it is
 * list      := declared ("/" declared)+              -- a group the catalogue declares
 *            | declared (CONJ declared)+             -- a conjunction the catalogue declares
 * inner     := residue-definition-text               -- the entry's own 残留物 wording, or its bracket
 *                                                    -- (氯氰菊酯(异构体之和))
 *            | GROUP-MARKER                          -- 总量, 组合含量, 总和, 合量
 *            | clause ("," clause)*
 * clause    := "以" basis ("计" | "表示")            -- expressed as
 *            | part (CONJ part)* "之和"              -- a sum of components
 *            | declared                              -- another name of the same entry
 * ```
 *
 * Before parsing, the name is normalised (one `normalise` step): Unicode NFKC (full-width
 * brackets, letters and digits), spaces removed except between two Latin letters, a bracket left
 * open at the end closed. A clause that disagrees with the residue definition held (another basis,
 * another sum, a sum marker on a single substance, no definition to compare with) reads the
 * entry with a `mismatch` step, which judging turns into a warning.
 *
 * @since 0.2.0
 */
import { make, type NonganError } from "@nongan/core/NonganError"
import type { NameReading, NameStep } from "@nongan/core/NameReading"
import { fail, ok, type Result } from "@nongan/core/Result"
import { nearest } from "@nongan/core/Suggest"
import { CONJUNCTIONS, ELEMENT_SYMBOLS, EXPRESSED_AS, EXPRESSED_AS_EQUIVALENTS, GROUP_MARKERS, SUM_SUFFIX } from "./AnalyteGrammar"
import type { Substance } from "./SubstanceCatalogue"

/**
 * What the grammar needs from a catalogue: exact lookup of declared names (as declared, and in
 * their normalised form) and the entries.
 *
 * @example
 * import type { AnalyteIndex } from "@nongan/substances/AnalyteName"
 * const ix: AnalyteIndex = { exact: () => undefined, normalised: () => undefined, all: () => [], ids: () => [] }
 *
 * @since 0.2.0
 * @category models
 */
export interface AnalyteIndex {
  /** the entry of a name exactly as declared (id, name, alias, lower-case English name, CAS) */
  readonly exact: (name: string) => Substance | undefined
  /** the entry of a name whose normalised form (see {@link normalise}) equals `name` */
  readonly normalised: (name: string) => Substance | undefined
  /** every entry */
  readonly all: () => ReadonlyArray<Substance>
  /** every canonical id, for the nearest names of a refusal */
  readonly ids: () => ReadonlyArray<string>
}

/**
 * A successful reading: the entry and how the written name was read.
 *
 * @example
 * import type { AnalyteRead } from "@nongan/substances/AnalyteName"
 * const r: Pick<AnalyteRead, "reading"> = { reading: { written: "铅", read: "铅", steps: [] } }
 *
 * @since 0.2.0
 * @category models
 */
export interface AnalyteRead {
  readonly substance: Substance
  readonly reading: NameReading
}

const LATIN = /^[A-Za-z]$/u

/**
 * The normal form of a written name: NFKC (full-width → half-width), whitespace removed except
 * between two Latin letters (English names, where a run becomes one space), and round brackets
 * left open at the end closed.
 *
 * @example
 * import { normalise } from "@nongan/substances/AnalyteName"
 * normalise("铅（以 Pb 计）") // "铅(以Pb计)"
 * normalise("土霉素/金霉素/四环素（组合含量)") // "土霉素/金霉素/四环素(组合含量)"
 * normalise("镉(以Cd计") // "镉(以Cd计)"
 *
 * @since 0.2.0
 * @category combinators
 */
export const normalise = (written: string): string => {
  const s = written.normalize("NFKC").trim()
  const spaced = s.replace(/\s+/gu, (m, off: number) => {
    const prev = s[off - 1] ?? ""
    const next = s[off + m.length] ?? ""
    return LATIN.test(prev) && LATIN.test(next) ? " " : ""
  })
  const open = [...spaced].filter((c) => c === "(").length - [...spaced].filter((c) => c === ")").length
  return open > 0 ? spaced + ")".repeat(open) : spaced
}

/** Splits at top level (outside brackets) on any of the separators. */
const splitTop = (s: string, seps: ReadonlyArray<string>): Array<string> => {
  const out: Array<string> = []
  let depth = 0
  let cur = ""
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === "(" || c === "[") depth++
    if (c === ")" || c === "]") depth--
    const sep = depth === 0 ? seps.find((x) => s.startsWith(x, i)) : undefined
    if (sep !== undefined) {
      out.push(cur)
      cur = ""
      i += sep.length - 1
    } else cur += c
  }
  out.push(cur)
  return out
}

/** Re-joins pieces split at a locant comma (`2,4-滴`, `p,p'-滴滴涕`, `1,2-丙二醇`): letters or digits on both sides. */
const joinLocants = (acc: Array<string>, piece: string): Array<string> => {
  const last = acc[acc.length - 1]
  if (last !== undefined && /[0-9A-Za-z']$/u.test(last) && /^[0-9A-Za-z]/u.test(piece)) acc[acc.length - 1] = `${last},${piece}`
  else acc.push(piece)
  return acc
}

/** `[head, inner]` when the name ends in a balanced round bracket with text before it. */
const trailingBracket = (s: string): [string, string] | undefined => {
  if (!s.endsWith(")")) return undefined
  let depth = 0
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ")") depth++
    if (s[i] === "(") depth--
    if (depth === 0) return i > 0 ? [s.slice(0, i), s.slice(i + 1, -1)] : undefined
  }
  return undefined
}

const sameSet = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  const x = new Set(a)
  const y = new Set(b)
  return x.size === y.size && [...x].every((v) => y.has(v))
}

type Parsed = { readonly entry: Substance; readonly steps: ReadonlyArray<NameStep> } | { readonly refused: string }

const lookup = (ix: AnalyteIndex, s: string): Substance | undefined =>
  ix.exact(s) ?? ix.exact(s.toLowerCase()) ?? ix.normalised(normalise(s)) ?? ix.normalised(normalise(s).toLowerCase())

/** A declared name of an entry; a synonym step when it is not the entry's own id or name. */
const declared = (ix: AnalyteIndex, s: string): Parsed | undefined => {
  const e = lookup(ix, s)
  if (e === undefined) return undefined
  const own = s === e.id || s === e.name || normalise(s) === normalise(e.name)
  const source = e.citation?.instrument
  return own ? { entry: e, steps: [] } : { entry: e, steps: [{ kind: "synonym", from: s, to: e.id, ...(source ? { source } : {}) }] }
}

const isElement = (s: string): boolean => ELEMENT_SYMBOLS.some((e) => e.toLowerCase() === s.toLowerCase())

/** Whether two written bases of an "expressed as" clause name the same thing. */
const sameBasis = (ix: AnalyteIndex, a: string, b: string): boolean => {
  const x = normalise(a)
  const y = normalise(b)
  if (x === y) return true
  if (isElement(x) && isElement(y)) return x.toLowerCase() === y.toLowerCase()
  if (EXPRESSED_AS_EQUIVALENTS.some((row) => row.includes(x) && row.includes(y))) return true
  const ex = lookup(ix, x)
  const ey = lookup(ix, y)
  return ex !== undefined && ey !== undefined && ex.id === ey.id
}

const groupish = (e: Substance): boolean =>
  e.kind === "compound-group" ||
  (e.members?.length ?? 0) > 0 ||
  (e.residueDefinition?.components.length ?? 0) > 1 ||
  CONJUNCTIONS.some((c) => e.name.includes(c))

const components = (e: Substance): ReadonlyArray<string> => (e.residueDefinition?.components ?? []).map((c) => c.substance)

/** A sum `A与B之和` compared with the entry's residue definition. */
const sumStep = (ix: AnalyteIndex, e: Substance, from: string, to: string, clause: string, sum: string): NameStep => {
  const parts = splitTop(sum.slice(0, -SUM_SUFFIX.length), CONJUNCTIONS).map((p) => lookup(ix, p)?.id)
  const held = components(e)
  if (held.length > 0 && parts.every((p) => p !== undefined) && sameSet(parts as Array<string>, held))
    return { kind: "bracket", from, to, dropped: clause, note: "sum as in the residue definition held" }
  const note =
    held.length === 0
      ? `written sum ${sum}; no residue definition held for ${e.id}`
      : `written sum ${sum}; residue definition held: ${e.residueDefinition?.text ?? held.join("+")}`
  return { kind: "mismatch", from, to, dropped: clause, note }
}

/** An "expressed as" clause compared with the entry's residue definition. */
const expressedStep = (ix: AnalyteIndex, e: Substance, from: string, to: string, clause: string, basis: string): NameStep => {
  const held = e.residueDefinition?.expressedAs
  const agrees = held !== undefined ? sameBasis(ix, basis, held) : lookup(ix, basis)?.id === e.id
  if (agrees) return { kind: "expressed-as", from, to, dropped: clause }
  const note = held !== undefined ? `以${basis}计 written; held: expressed as ${held}` : `以${basis}计 written; no expressed-as basis held for ${e.id}`
  return { kind: "mismatch", from, to, dropped: clause, note }
}

/** The steps of a bracket `inner` after a head read as `e`, or a refusal. */
const innerSteps = (ix: AnalyteIndex, e: Substance, from: string, to: string, inner: string): ReadonlyArray<NameStep> | string => {
  const text = e.residueDefinition?.text
  const held = text === undefined ? undefined : normalise(text).replace(/[。.]$/u, "")
  if (held !== undefined && !EXPRESSED_AS.test(inner)) {
    if (held === inner.replace(/[。.]$/u, "")) return [{ kind: "bracket", from, to, dropped: inner, note: "the residue definition held, as written" }]
    if (held.endsWith(`(${inner})`)) return [{ kind: "bracket", from, to, dropped: inner, note: `the bracket of the residue definition held (${held})` }]
  }
  if (GROUP_MARKERS.includes(inner))
    return groupish(e)
      ? [{ kind: "group", from, to, dropped: inner }]
      : [{ kind: "mismatch", from, to, dropped: inner, note: `${inner} written on a single substance (${e.id})` }]
  const same = lookup(ix, inner)
  if (same !== undefined && same.id === e.id)
    return [{ kind: "bracket", from, to, dropped: inner, note: "another declared name of the same entry" }]
  const steps: Array<NameStep> = []
  for (const clause of splitTop(inner, [","]).reduce(joinLocants, [])) {
    const m = EXPRESSED_AS.exec(clause)
    if (m !== null) {
      const basis = m[1]!
      steps.push(basis.endsWith(SUM_SUFFIX) ? sumStep(ix, e, from, to, clause, basis) : expressedStep(ix, e, from, to, clause, basis))
    } else if (clause.endsWith(SUM_SUFFIX)) steps.push(sumStep(ix, e, from, to, clause, clause))
    else {
      const other = lookup(ix, clause)
      if (other === undefined) return `bracket (${clause}) is not a declared name, sum or expressed-as clause`
      if (other.id !== e.id) return `bracket (${clause}) names ${other.id}, not ${e.id}`
      steps.push({ kind: "bracket", from, to, dropped: clause, note: "another declared name of the same entry" })
    }
  }
  return steps
}

/** A `/` list or a conjunction that the catalogue declares as one entry. */
const list = (ix: AnalyteIndex, s: string): Parsed | undefined => {
  const bySlash = splitTop(s, ["/"])
  const parts = bySlash.length > 1 ? bySlash : splitTop(s, CONJUNCTIONS)
  if (parts.length < 2) return undefined
  const entries = parts.map((p) => lookup(ix, p))
  if (entries.some((x) => x === undefined)) return { refused: `not every part of ${s} is a declared name` }
  const ids = (entries as Array<Substance>).map((x) => x.id)
  const one = new Set(ids).size === 1 ? entries[0] : undefined
  if (one !== undefined && (bySlash.length > 1 || CONJUNCTIONS.some((c) => one.name.includes(c))))
    return { entry: one, steps: [{ kind: "group", from: s, to: one.id, note: "every part is a name of this entry" }] }
  const groups = ix.all().filter((g) => (g.members?.length ?? 0) > 0 && sameSet(g.members!, ids))
  if (groups.length === 1) return { entry: groups[0]!, steps: [{ kind: "group", from: s, to: groups[0]!.id }] }
  return { refused: `${s}: no declared group has exactly the members ${[...new Set(ids)].join(", ")}` }
}

const parse = (ix: AnalyteIndex, s: string, depth: number): Parsed => {
  const d = declared(ix, s)
  if (d !== undefined) return d
  if (depth > 3) return { refused: "brackets nested too deeply" }
  const tb = trailingBracket(s)
  if (tb !== undefined) {
    const [head, inner] = tb
    const h = parse(ix, head, depth + 1)
    if ("refused" in h) return h
    const st = innerSteps(ix, h.entry, s, head, inner)
    return typeof st === "string" ? { refused: st } : { entry: h.entry, steps: [...st, ...h.steps] }
  }
  const clause = trailingClause(s)
  if (clause !== undefined) {
    const [head, inner] = clause
    const h = parse(ix, head, depth + 1)
    if (!("refused" in h)) return { entry: h.entry, steps: [expressedStep(ix, h.entry, s, head, inner, EXPRESSED_AS.exec(inner)![1]!), ...h.steps] }
  }
  return sumName(ix, s) ?? list(ix, s) ?? { refused: "not a declared name" }
}

/** A bare sum (`恩诺沙星与环丙沙星之和`, optionally `,以X表示`): the one entry whose residue definition has exactly these components. */
const sumName = (ix: AnalyteIndex, s: string): Parsed | undefined => {
  const [sum, ...rest] = splitTop(s, [","]).reduce(joinLocants, [])
  if (sum === undefined || !sum.endsWith(SUM_SUFFIX) || rest.length > 1) return undefined
  const parts = splitTop(sum.slice(0, -SUM_SUFFIX.length), CONJUNCTIONS).map((p) => lookup(ix, p)?.id)
  if (parts.length < 2 || parts.some((p) => p === undefined)) return { refused: `not every part of the sum ${sum} is a declared name` }
  const found = ix.all().filter((e) => components(e).length > 0 && sameSet(components(e), parts as Array<string>))
  if (found.length !== 1)
    return { refused: found.length === 0 ? `no residue definition held is the sum ${sum}` : `the sum ${sum} is the residue definition of ${found.map((e) => e.id).join(", ")}` }
  const e = found[0]!
  const steps: Array<NameStep> = [{ kind: "group", from: s, to: e.id, note: "the residue definition of this entry" }]
  const m = rest[0] === undefined ? null : EXPRESSED_AS.exec(rest[0])
  if (rest[0] !== undefined && m === null) return { refused: `${rest[0]} is not an expressed-as clause` }
  if (m !== null) steps.unshift(expressedStep(ix, e, s, sum, rest[0]!, m[1]!))
  return { entry: e, steps }
}

/** `[head, clause]` when the name ends in an unbracketed `以X计` after some text (`铅以Pb计`). */
const trailingClause = (s: string): [string, string] | undefined => {
  const i = s.lastIndexOf("以")
  if (i <= 0) return undefined
  const inner = s.slice(i)
  const m = EXPRESSED_AS.exec(inner)
  return m !== null && !m[1]!.endsWith(SUM_SUFFIX) && !/[()]/u.test(inner) ? [s.slice(0, i), inner] : undefined
}

/**
 * Reads a written analyte name through the declared grammar: the entry and every step, or an
 * `unknown-substance` error with the nearest known names and the reason (`params.reason`).
 *
 * @example
 * import { fromFiles } from "@nongan/substances/SubstanceCatalogue"
 * import { read } from "@nongan/substances/AnalyteName"
 * const c = fromFiles([{ kind: "substance-catalogue", substances: [{ id: "镉", name: "镉", kind: "contaminant",
 *   residueDefinition: { expressedAs: "Cd", components: [] } }] }])
 * if (c.ok) read(c.value.index(), "镉（以cd计）")
 * // { ok: true, value: { substance: { id: "镉", … }, reading: { written: "镉（以cd计）", read: "镉",
 * //   steps: [{ kind: "normalise", … }, { kind: "expressed-as", from: "镉(以cd计)", to: "镉", dropped: "以cd计" }] } } }
 *
 * @since 0.2.0
 * @category resolution
 */
export const read = (ix: AnalyteIndex, written: string): Result<AnalyteRead, NonganError> => {
  const exact = ix.exact(written)
  if (exact !== undefined && (written === exact.id || written === exact.name))
    return ok({ substance: exact, reading: { written, read: exact.id, steps: [] } })
  const n = normalise(written)
  const norm: Array<NameStep> = n === written ? [] : [{ kind: "normalise", from: written, to: n }]
  const p = parse(ix, n, 0)
  if ("refused" in p) {
    const head = trailingBracket(n)?.[0] ?? n
    return fail(make("unknown-substance", [], { name: written, nearest: nearest(head, ix.ids(), 5), reason: p.refused }))
  }
  return ok({ substance: p.entry, reading: { written, read: p.entry.id, steps: [...norm, ...p.steps] } })
}

/**
 * The `mismatch` steps of a reading: clauses that disagree with the residue definition held, each
 * to be reported as a warning by whoever judges the result.
 *
 * @example
 * import { mismatches } from "@nongan/substances/AnalyteName"
 * mismatches({ written: "镉(以Pb计)", read: "镉", steps: [{ kind: "mismatch", from: "镉(以Pb计)", to: "镉", dropped: "以Pb计" }] }).length // 1
 *
 * @since 0.2.0
 * @category predicates
 */
export const mismatches = (r: NameReading): ReadonlyArray<NameStep> => r.steps.filter((s) => s.kind === "mismatch")
