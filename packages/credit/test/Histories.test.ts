// Credit histories with grades worked out by hand from the template (rules/credit/national/template.json):
// base 100; inspection.fail −10 for 365 days; case.administrative-penalty −20 for 1 095 days,
// repairable after 90; finding.banned-substance −40 and the grade locked at D for 730 days;
// inspection cap −60 / +5; bands A ≥ 90, B ≥ 75, C ≥ 60, D.
import { describe, expect, it } from "vitest"
import { unsafeMake } from "@nongan/core/CalendarDate"
import { composeFor } from "@nongan/credit/Compose"
import type { CreditEvent } from "@nongan/credit/Event"
import { listsAsOf, membership } from "@nongan/credit/Lists"
import { loadPacks, loadTemplate } from "@nongan/credit/Load"
import { prepare, scoreAsOf } from "@nongan/credit/Score"
import { frequency, switching } from "@nongan/credit/Supervision"

const tm = loadTemplate()
const pk = loadPacks()
if (!tm.ok || !pk.ok) throw new Error("credit data does not load")
const template = tm.value
const p = prepare(template)
const d = unsafeMake
const ev = (id: string, type: string, on: string, extra: Partial<CreditEvent> = {}): CreditEvent => ({ id, subject: "S", type, on: d(on), ...extra })
const at = (events: ReadonlyArray<CreditEvent>, on: string) => scoreAsOf(p, "S", events, d(on))

describe("credit histories (template)", () => {
  it("is the template, clearly named", () => {
    expect(template.template).toBe(true)
    expect(template.name).toContain("模板")
  })
  it("a clean record: passes cannot lift the score above the ceiling", () => {
    const h = [ev("P1", "inspection.pass", "2025-02-01"), ev("P2", "inspection.pass", "2025-05-01"), ev("P3", "inspection.pass", "2025-08-01")]
    expect([at(h, "2025-12-31").score, at(h, "2025-12-31").grade]).toEqual([100, "A"])
    expect(membership(p, template.lists.find((l) => l.id === "red")!, "S", h, d("2025-12-31")).member).toBe(true)
  })
  it("two failures: B while both count, A once the first has expired; black-listed for 3 years from the second", () => {
    const h = [ev("F1", "inspection.fail", "2025-01-10"), ev("F2", "inspection.fail", "2025-06-10")]
    expect([at(h, "2025-07-01").score, at(h, "2025-07-01").grade]).toEqual([80, "B"])
    expect(at(h, "2026-01-09").score).toBe(80)
    expect([at(h, "2026-01-10").score, at(h, "2026-01-10").grade]).toEqual([90, "A"])
    const black = template.lists.find((l) => l.id === "black")!
    const m = membership(p, black, "S", h, d("2026-01-10"))
    expect([m.member, m.since, m.until, m.rule]).toEqual([true, "2025-06-10", "2028-06-09", "two-failures-a-year"])
    expect(membership(p, black, "S", h, d("2028-06-09")).member).toBe(false)
    expect(membership(p, black, "S", [h[0]!], d("2025-07-01")).member).toBe(false)
  })
  it("a penalty is repaired only after its 90-day minimum", () => {
    const pen = ev("A1", "case.administrative-penalty", "2025-03-01")
    expect(at([pen], "2025-04-01").grade).toBe("B")
    const early = [pen, ev("R1", "credit.repair", "2025-04-15", { target: "A1" })]
    expect(at(early, "2025-05-01").score).toBe(80)
    const late = [pen, ev("R2", "credit.repair", "2025-06-15", { target: "A1" })]
    expect(at(late, "2025-06-14").score).toBe(80)
    const s = at(late, "2025-07-01")
    expect([s.score, s.grade]).toEqual([100, "A"])
    expect(s.lines.find((l) => l.event === "A1")).toMatchObject({ status: "repaired", repairedOn: "2025-06-15" })
    // before its date a repair does nothing (as-of replay)
    expect(at(late, "2025-06-01").score).toBe(80)
  })
  it("a banned substance locks the grade at D for 730 days, then the score speaks", () => {
    const h = [ev("B1", "finding.banned-substance", "2025-02-01")]
    const s = at(h, "2026-03-01")
    expect([s.score, s.gradeByScore, s.grade, s.override?.until]).toEqual([60, "C", "D", "2027-02-01"])
    expect(at(h, "2027-02-01").grade).toBe("C")
    expect(at(h, "2028-02-01").grade).toBe("A")
    // repair does not lift the lock
    expect(at([...h, ev("R", "credit.repair", "2025-12-01", { target: "B1" })], "2026-03-01").grade).toBe("D")
  })
  it("an indicator is capped: seven failures take 60, not 70", () => {
    const h = Array.from({ length: 7 }, (_, i) => ev(`F${i}`, "inspection.fail", `2025-0${i + 1}-01`))
    const s = at(h, "2025-08-01")
    expect([s.score, s.grade]).toEqual([40, "D"])
    expect(s.indicators.find((i) => i.id === "inspection")).toEqual({ id: "inspection", sum: -70, contribution: -60, capped: true })
  })
  it("a criminal referral: D by score and by override", () => {
    const s = at([ev("C1", "case.criminal-referral", "2025-05-01")], "2025-06-01")
    expect([s.score, s.grade]).toEqual([40, "D"])
  })
  it("山西 (140000): a quality-mark penalty black-lists; the template alone does not", () => {
    const sx = composeFor(template, pk.value, "140105", "2025-01-01")
    if (!sx.ok) throw new Error(JSON.stringify(sx.errors))
    const h = [ev("M1", "case.administrative-penalty", "2025-03-01", { violation: "quality-mark-fraud" })]
    expect(listsAsOf(prepare(sx.value), h, d("2025-04-01")).filter((m) => m.kind === "black").map((m) => m.rule)).toEqual(["sx-mark-misuse"])
    expect(listsAsOf(p, h, d("2025-04-01")).filter((m) => m.kind === "black")).toEqual([])
  })
  it("浙江 (330000): the art. 9 constraint holds on the template and fails on a pack that does not inspect bad records more", () => {
    expect(composeFor(template, pk.value, "330106", "2025-01-01").ok).toBe(true)
    const flat = { ...template, supervision: { ...template.supervision, grades: template.supervision.grades.map((g) => ({ ...g, multiplier: 1 })) } }
    const r = composeFor(flat, pk.value, "330106", "2025-01-01")
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toContain("pack-loosens")
  })
  it("supervision: grade × switching state; ISO 2859-style switching", () => {
    expect(frequency(template, "A").weight).toBe(0.5)
    expect(frequency(template, "D", "tightened").weight).toBe(4)
    const passes = Array.from({ length: 10 }, (_, i) => ({ on: d(`2025-${String(i + 1).padStart(2, "0")}-01`), passed: true }))
    expect(switching(template, passes, d("2025-12-31")).state).toBe("reduced")
    expect(switching(template, [...passes, { on: d("2025-11-15"), passed: false }], d("2025-12-31")).state).toBe("normal")
    const two = [{ on: d("2025-01-01"), passed: false }, { on: d("2025-02-01"), passed: true }, { on: d("2025-03-01"), passed: false }]
    const s = switching(template, two, d("2025-12-31"))
    expect([s.state, s.transitions[0]?.on]).toEqual(["tightened", "2025-03-01"])
    const back = [...two, ...[4, 5, 6, 7, 8].map((m) => ({ on: d(`2025-0${m}-01`), passed: true }))]
    expect(switching(template, back, d("2025-12-31")).state).toBe("normal")
  })
})

describe("golden", () => {
  it("the example events' scores, explanations and lists do not change unnoticed", async () => {
    const { readFileSync } = await import("node:fs")
    const { join } = await import("node:path")
    const events = readFileSync(join(import.meta.dirname, "..", "examples", "events.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as CreditEvent)
    const out = ["2025-06-30", "2025-12-31", "2027-06-30"].map((on) => ({
      on,
      scores: [...new Set(events.map((e) => e.subject))].sort().map((s) => scoreAsOf(p, s, events, d(on))),
      lists: listsAsOf(p, events, d(on))
    }))
    await expect(`${JSON.stringify(out, null, 1)}\n`).toMatchFileSnapshot("./__snapshots__/examples.golden.json")
  })
})

describe("supervision → sampling allocation", () => {
  it("the allocation reads the credit weight: a D subject draws four times an A subject's share", async () => {
    const { allocationCells } = await import("@nongan/credit/Supervision")
    const { allocate } = await import("@nongan/sampling/Allocate")
    const cells = allocationCells(template, [
      { subject: "A-1", grade: "A" },
      { subject: "B-1", grade: "B" },
      { subject: "D-1", grade: "D" }
    ])
    expect(cells.map((c) => c.weight)).toEqual(["0.5", "1", "2"])
    const r = allocate(35, cells)
    expect(r.map((c) => [c.key, c.count])).toEqual([["A-1", 5], ["B-1", 10], ["D-1", 20]])
  })
})
