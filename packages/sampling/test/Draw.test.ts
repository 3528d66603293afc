import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { draw, GENERATOR, mustAvoid, poolHash, replay, type Draw } from "@nongan/sampling/Draw"
import { prop } from "../../../test/support/property"

const units = ["汉丰街道", "文峰街道", "镇东街道", "丰乐街道", "白鹤街道"]
const pool = Array.from({ length: 60 }, (_, i) => ({
  id: `KZ-${String(i + 1).padStart(3, "0")}`,
  unit: units[i % units.length]!,
  ...(i % 7 === 0 ? { lastDrawnOn: "2026-06-01" } : {}),
  ...(i === 7 ? { riskBased: true } : {})
}))
const roster = Array.from({ length: 10 }, (_, i) => ({ id: `ZF-${String(i + 1).padStart(2, "0")}`, unit: units[i % units.length]!, ...(i === 0 ? { relations: ["KZ-002"] } : {}) }))
const spec = {
  algorithm: "nongan-draw/1",
  seed: "demo seed (a real draw names a public value, e.g. a lottery result, in seedSource)",
  seedSource: "test fixture",
  drawnOn: "2026-12-02",
  tasks: 12,
  replacements: 4,
  inspectorsPerTask: 2,
  windowDays: 365
}

const ok = (d: ReturnType<typeof draw>): Draw => {
  if (!d.ok) throw new Error(JSON.stringify(d.errors))
  return d.value
}

const subjectArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s.length > 0), unit: fc.constantFrom(...units) }), {
  minLength: 1,
  maxLength: 40,
  selector: (s) => s.id
})
const rosterArb = fc.uniqueArray(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `Z${s}`).filter((s) => s.trim() === s), unit: fc.constantFrom(...units), relations: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }) }),
  { minLength: 0, maxLength: 12, selector: (s) => s.id }
)

describe("双随机 draws (nongan-draw/1)", () => {
  test("golden: a draw of 12 tasks and 4 replacements", () => {
    expect(ok(draw(spec, pool, roster))).toMatchSnapshot()
  })
  test("the generator named is the one installed", () => {
    const v = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("pure-rand/package.json"), "utf8")) as { version: string }).version
    expect(GENERATOR).toContain(`pure-rand@${v} `)
  })
  test("subjects drawn within the window are excluded and listed, unless risk-based", () => {
    const d = ok(draw(spec, pool, roster))
    const excluded = d.excluded.map((e) => e.subject)
    expect(excluded).toContain("KZ-001")
    expect(excluded).not.toContain("KZ-008")
    for (const t of [...d.tasks, ...d.replacements]) expect(excluded).not.toContain(t.subject)
  })
  test("replay: a published draw matches; a changed pool, seed or result does not", () => {
    const d = ok(draw(spec, pool, roster))
    const r = replay(d, spec, [...pool].reverse(), roster)
    expect(r.ok && r.value.matches).toBe(true)
    const changed = replay(d, spec, pool.map((p, i) => (i === 3 ? { ...p, unit: "其他" } : p)), roster)
    expect(changed.ok && changed.value.differences.map((x) => x.field)).toContain("pool.sha256")
    const tampered = { ...d, tasks: [{ ...d.tasks[0]!, subject: "KZ-999" }, ...d.tasks.slice(1)] }
    const t = replay(tampered, spec, pool, roster)
    expect(t.ok && t.value.matches).toBe(false)
    const seeded = replay(d, { ...spec, seed: "other" }, pool, roster)
    expect(seeded.ok && seeded.value.matches).toBe(false)
  })
  test("an unknown algorithm version is refused; duplicate ids are errors", () => {
    const d = ok(draw(spec, pool, roster))
    expect(replay({ ...d, algorithm: "nongan-draw/0" as "nongan-draw/1" }, spec, pool, roster).ok).toBe(false)
    expect(draw(spec, [...pool, pool[0]], roster).ok).toBe(false)
    expect(draw({ ...spec, inspectorsPerTask: 1 }, pool, roster).ok).toBe(false)
  })
  prop([subjectArb, rosterArb, fc.string(), fc.integer({ min: 0, max: 50 })])("same pool, seed and version give the same draw, in any input order", (subjects, inspectors, seed, tasks) => {
    const s = { ...spec, seed: seed || "x", tasks, windowDays: 0 }
    const a = ok(draw(s, subjects, inspectors))
    const b = ok(draw(s, [...subjects].reverse(), [...inspectors].reverse()))
    expect(b).toEqual(a)
    expect(new Set(a.tasks.map((t) => t.subject)).size).toBe(a.tasks.length)
  })
  prop([subjectArb, fc.nat(), fc.constantFrom("unit", "id", "drop")])("any change to the pool changes its hash", (subjects, i, how) => {
    const k = i % subjects.length
    const changed =
      how === "drop" ? subjects.filter((_, j) => j !== k) : subjects.map((s, j) => (j !== k ? s : how === "unit" ? { ...s, unit: `${s.unit}′` } : { ...s, id: `${s.id}′` }))
    expect(poolHash(changed)).not.toBe(poolHash(subjects))
  })
  prop([subjectArb, rosterArb, fc.string()])("no inspector is assigned against 回避; a team has the required size or is marked short", (subjects, inspectors, seed) => {
    const withRelations = subjects.map((s, i) => (i % 3 === 0 && inspectors[0] ? { ...s, relations: [inspectors[0].id] } : s))
    const d = ok(draw({ ...spec, seed: seed || "x", tasks: 10, replacements: 3, windowDays: 0 }, withRelations, inspectors))
    const byId = new Map(withRelations.map((s) => [s.id, s]))
    const ins = new Map(inspectors.map((x) => [x.id, x]))
    for (const t of [...d.tasks, ...d.replacements]) {
      for (const x of t.inspectors) expect(mustAvoid(ins.get(x)!, byId.get(t.subject)!)).toBe(false)
      expect(new Set(t.inspectors).size).toBe(t.inspectors.length)
      if (t.short) expect(t.inspectors.length).toBeLessThan(2)
      else expect(t.inspectors.length).toBe(2)
    }
  })
})

describe("nongan-draw/1 as documented (docs/sampling.md), re-implemented from pure-rand alone", () => {
  test("the same tasks and replacements", async () => {
    const { createHash } = await import("node:crypto")
    const { xoroshiro128plusFromState } = await import("pure-rand/generator/xoroshiro128plus")
    const { uniformInt } = await import("pure-rand/distribution/uniformInt")
    const s = { ...spec, windowDays: 0 }
    const d = ok(draw(s, pool, roster))
    const sorted = [...pool].sort((a, b) => (a.id < b.id ? -1 : 1))
    const digest = createHash("sha256").update(`nongan-draw/1\n${s.seed}\n${d.pool.sha256}\n${d.roster.sha256}`).digest()
    const rng = xoroshiro128plusFromState([0, 4, 8, 12].map((o) => digest.readInt32BE(o)))
    const idx = sorted.map((_, i) => i)
    const k = s.tasks + s.replacements
    for (let i = 0; i < k; i++) {
      const j = uniformInt(rng, i, idx.length - 1)
      ;[idx[i], idx[j]] = [idx[j]!, idx[i]!]
    }
    const subjects = idx.slice(0, k).map((i) => sorted[i]!.id)
    expect([...d.tasks, ...d.replacements].map((t) => t.subject)).toEqual(subjects)
  })
})

test("a pool smaller than the tasks: every eligible subject drawn, the rest said unfilled", () => {
  const d = ok(draw({ ...spec, tasks: 100, windowDays: 0 }, pool, roster))
  expect([d.tasks.length, d.replacements.length, d.unfilled]).toEqual([60, 0, 40])
})
