// Laws of scoring on random histories: deterministic and as-of replay stable; an event past its
// window (and its lock) never moves the score; a negative event never raises a grade; a pack that
// passes the stricter check never grades better than the template; a loosening pack is refused.
import fc from "fast-check"
import { test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { addDays, type CalendarDate, unsafeMake } from "@nongan/core/CalendarDate"
import { layer } from "@nongan/credit/Compose"
import type { CreditEvent } from "@nongan/credit/Event"
import { loadTemplate } from "@nongan/credit/Load"
import { type CreditModel, type CreditPack, rank } from "@nongan/credit/Model"
import { prepare, scoreAsOf } from "@nongan/credit/Score"

const tm = loadTemplate()
if (!tm.ok) throw new Error("template does not load")
const template = tm.value
const p = prepare(template)
const types = template.evidence.map((e) => e.type)
const negatives = template.evidence.filter((e) => e.points < 0).map((e) => e.type)

const day = fc.integer({ min: 0, max: 1800 }).map((n) => addDays(unsafeMake("2022-01-01"), n))
const history: fc.Arbitrary<ReadonlyArray<CreditEvent>> = fc
  .array(fc.record({ type: fc.constantFrom(...types, "credit.repair", "unknown.kind"), on: day, target: fc.nat(20) }), { maxLength: 25 })
  .map((xs) => xs.map((x, i) => ({ id: `E${i}`, subject: "S", type: x.type, on: x.on, ...(x.type === "credit.repair" ? { target: `E${x.target}` } : {}) })))
const score = (m: CreditModel | ReturnType<typeof prepare>, h: ReadonlyArray<CreditEvent>, on: CalendarDate) => scoreAsOf("model" in m ? m : prepare(m), "S", h, on)

describe("credit laws", () => {
  test.prop([history, day, fc.integer()])("deterministic, order-free and as-of replay stable", (h, on, seed) => {
    const a = score(p, h, on)
    expect(score(p, h, on)).toEqual(a)
    const shuffled = [...h].sort((x, y) => ((Number(x.id.slice(1)) * 7919 + seed) % 13) - ((Number(y.id.slice(1)) * 7919 + seed) % 13))
    expect(score(p, shuffled, on)).toEqual(a)
    const replay = score(p, h.filter((e) => e.on <= on), on)
    expect([replay.score, replay.grade, replay.indicators]).toEqual([a.score, a.grade, a.indicators])
  })

  test.prop([history, day, fc.constantFrom(...types)])("an event past its window and lock never affects the score", (h, on, type) => {
    const rule = template.evidence.find((e) => e.type === type)!
    const lock = Math.max(0, ...template.overrides.filter((o) => o.types.includes(type)).map((o) => o.lockDays))
    const old = addDays(on, -Math.max(rule.windowDays, lock) - 1)
    const a = score(p, h, on)
    const b = score(p, [...h, { id: "OLD", subject: "S", type, on: old }], on)
    expect([b.score, b.grade]).toEqual([a.score, a.grade])
  })

  test.prop([history, day, fc.constantFrom(...negatives), fc.nat(400)])("adding a negative event never raises the score or the grade", (h, on, type, back) => {
    const a = score(p, h, on)
    const b = score(p, [...h, { id: "NEG", subject: "S", type, on: addDays(on, -back) }], on)
    expect(b.score).toBeLessThanOrEqual(a.score)
    expect(rank(template, b.grade)).toBeGreaterThanOrEqual(rank(template, a.grade))
  })

  const stricter: fc.Arbitrary<CreditPack> = fc
    .record({
      base: fc.nat(15),
      tweaks: fc.array(fc.record({ type: fc.constantFrom(...types), less: fc.nat(10), days: fc.nat(200) }), { maxLength: 6 }),
      bands: fc.array(fc.nat(10), { minLength: template.grades.length, maxLength: template.grades.length }),
      lock: fc.nat(365),
      minus: fc.nat(20)
    })
    .map((r) => {
      const evidence = new Map<string, CreditModel["evidence"][number]>()
      for (const t of r.tweaks) {
        const e = evidence.get(t.type) ?? template.evidence.find((x) => x.type === t.type)!
        const points = e.points - t.less
        // a penalty's window may lengthen; a reward's may shorten
        const windowDays = e.points < 0 ? e.windowDays + t.days : Math.max(1, e.windowDays - t.days)
        evidence.set(t.type, { ...e, points: e.points > 0 && points <= 0 ? 0 : points, windowDays })
      }
      return {
        kind: "credit-pack" as const,
        id: "random-stricter",
        jurisdiction: "330100",
        parent: "000000",
        name: "random",
        version: "0",
        effective: { from: unsafeMake("2020-01-01") },
        source: { instrument: "test" },
        verification: "unverified" as const,
        scale: { base: template.scale.base - r.base },
        evidence: [...evidence.values()],
        indicators: template.indicators.map((i) => ({ ...i, cap: { minus: i.cap.minus + r.minus, plus: i.cap.plus } })),
        grades: template.grades.map((g, i) => ({ ...g, min: g.min + r.bands[i]! })),
        overrides: template.overrides.map((o) => ({ ...o, lockDays: o.lockDays + r.lock }))
      }
    })

  test.prop([stricter, history, day], { numRuns: 300 })("a pack that passes the stricter check never grades better than the template", (pack, h, on) => {
    const m = layer(template, pack)
    if (!m.ok) throw new Error(JSON.stringify(m.errors))
    const base = score(p, h, on)
    const regional = score(m.value, h, on)
    expect(regional.score).toBeLessThanOrEqual(base.score)
    expect(rank(template, regional.grade)).toBeGreaterThanOrEqual(rank(template, base.grade))
  })

  const loosening = fc.constantFrom<(pk: CreditPack) => CreditPack>(
    (pk) => ({ ...pk, scale: { base: template.scale.base + 1 } }),
    (pk) => ({ ...pk, evidence: [{ ...template.evidence.find((e) => e.type === "inspection.fail")!, points: -5 }] }),
    (pk) => ({ ...pk, evidence: [{ ...template.evidence.find((e) => e.type === "inspection.fail")!, windowDays: 100 }] }),
    (pk) => ({ ...pk, evidence: [{ type: "new.reward", indicator: "inspection", points: 3, windowDays: 30, label: "x" }] }),
    (pk) => ({ ...pk, indicators: template.indicators.map((i) => (i.id === "inspection" ? { ...i, weight: 2 } : i)) }),
    (pk) => ({ ...pk, grades: template.grades.map((g) => (g.grade === "A" ? { ...g, min: 85 } : g)) }),
    (pk) => ({ ...pk, overrides: [{ ...template.overrides[0]!, lockDays: 10 }] }),
    (pk) => ({ ...pk, repair: [{ type: "case.administrative-penalty", minDays: 30, label: "x" }] }),
    (pk) => ({ ...pk, supervision: { grades: [{ grade: "D", direction: "higher" as const, multiplier: 1.2 }] } }),
    (pk) => ({ ...pk, lists: [{ id: "black", exitAfterDays: 30 }] })
  )
  test.prop([loosening])("a loosening pack is refused with pack-loosens", (change) => {
    const pk: CreditPack = { kind: "credit-pack", id: "loose", jurisdiction: "330100", parent: "000000", name: "x", version: "0", effective: { from: unsafeMake("2020-01-01") }, source: { instrument: "test" }, verification: "unverified" }
    expect(layer(template, pk).ok).toBe(true)
    const r = layer(template, change(pk))
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toContain("pack-loosens")
  })
})
