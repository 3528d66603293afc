// The conformance corpus: one case per row of the violation table, plus time-versioning, competing
// provisions, repeat offences, limitation and each authority, with the expected article,
// authority, fine range and deadlines worked out by hand from the statutes (corpus.json).
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeFacts } from "@nongan/cases/Facts"
import { loadTable } from "@nongan/cases/Load"
import { routeCase } from "@nongan/cases/Route"

interface Expect {
  violation: string
  criminal: string | null
  criminalKind?: string
  knowledge?: string
  seriousness?: Array<string>
  status: string
  clause: string | null
  authority: string
  fine: [number, number] | null
  clock?: { decideBy: string; transferBy: string; policeReviewBy: string }
  competing?: Array<string>
  verification?: string
}
const corpus = JSON.parse(readFileSync(join(import.meta.dirname, "corpus.json"), "utf8")) as Array<{ name: string; facts: unknown; expect: Array<Expect>; priors?: number }>
const table = loadTable()
if (!table.ok) throw new Error(JSON.stringify(table.errors))
const t = table.value

describe("case corpus", () => {
  it("covers every row of the violation table", () => {
    const seen = new Set(corpus.flatMap((c) => c.expect.map((e) => e.violation)))
    expect(t.violations.map((v) => v.id).filter((id) => !seen.has(id))).toEqual([])
  })
  it("covers every authority except the police", () => {
    const seen = new Set(corpus.flatMap((c) => c.expect.map((e) => e.authority)))
    expect([...seen].sort()).toEqual(["agriculture", "fisheries", "market-regulation"])
  })
  for (const c of corpus)
    it(c.name, () => {
      const f = decodeFacts(c.facts)
      if (!f.ok) throw new Error(JSON.stringify(f.errors))
      const r = routeCase(t, f.value)
      expect(r.counts.map((k) => k.violation)).toEqual(c.expect.map((e) => e.violation))
      for (const [i, e] of c.expect.entries()) {
        const k = r.counts[i]!
        expect(k.criminal?.route ?? null).toBe(e.criminal)
        if (e.criminalKind) expect(k.criminal?.kind).toBe(e.criminalKind)
        if (e.knowledge) expect(k.criminal?.knowledge?.status).toBe(e.knowledge)
        if (e.seriousness) expect(k.criminal?.seriousness.map((s) => s.id)).toEqual(e.seriousness)
        expect(k.administrative.status).toBe(e.status)
        if (e.clause === null) expect(k.administrative.applied).toBeUndefined()
        else expect(k.administrative.applied?.citation.clause).toContain(e.clause)
        expect(k.administrative.authority.id).toBe(e.authority)
        expect(k.administrative.fine ? [k.administrative.fine.min, k.administrative.fine.max] : null).toEqual(e.fine)
        if (e.clock) expect({ decideBy: k.criminal?.clock.decideBy, transferBy: k.criminal?.clock.transferBy, policeReviewBy: k.criminal?.clock.policeReviewBy }).toEqual(e.clock)
        if (e.competing) expect(k.administrative.provisions.filter((p) => p.status === "competing").map((p) => p.id)).toEqual(e.competing)
        if (e.verification) expect(r.verification).toBe(e.verification)
      }
      if (c.priors !== undefined) expect(r.priorWithinTwoYears.length).toBe(c.priors)
      // the criminal check is written down before any administrative step of the same count
      for (const k of r.counts) {
        const steps = r.steps.filter((s) => s.violation === k.violation)
        const firstCriminal = steps.findIndex((s) => s.step === "criminal-check")
        const firstAdmin = steps.findIndex((s) => s.step === "time" || s.step === "fine" || s.step === "precedence")
        expect(firstCriminal).toBeGreaterThanOrEqual(0)
        if (firstAdmin >= 0) expect(firstCriminal).toBeLessThan(firstAdmin)
      }
    })
  it("golden: the routed corpus does not change unnoticed", async () => {
    const out = corpus.map((c) => {
      const f = decodeFacts(c.facts)
      if (!f.ok) return { error: f.errors }
      const r = routeCase(t, f.value)
      return {
        id: r.id,
        criminal: r.criminal,
        verification: r.verification,
        counts: r.counts.map((k) => ({
          violation: k.violation,
          criminal: k.criminal ? { route: k.criminal.route, kind: k.criminal.kind, article: k.criminal.article.clause, knowledge: k.criminal.knowledge?.status, clock: [k.criminal.clock.decideBy, k.criminal.clock.transferBy, k.criminal.clock.policeReviewBy] } : null,
          status: k.administrative.status,
          provisions: k.administrative.provisions.map((p) => `${p.status} ${p.id} ${p.range ? `${p.range.min}-${p.range.max}` : (p.noRange ?? "")}`),
          fine: k.administrative.fine ?? null,
          authority: k.administrative.authority.id
        })),
        steps: r.steps.map((s) => `[${s.step}] ${s.text}`)
      }
    })
    await expect(`${JSON.stringify(out, null, 1)}\n`).toMatchFileSnapshot("./__snapshots__/corpus.golden.json")
  })
})
