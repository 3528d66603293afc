import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { allocate } from "@nongan/sampling/Allocate"
import { prop } from "../../../test/support/property"

const cells = fc.uniqueArray(
  fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }).filter((s) => s.trim() === s && s.length > 0), weight: fc.integer({ min: 0, max: 10_000 }).map(String), minimum: fc.integer({ min: 0, max: 5 }) }),
  { minLength: 1, maxLength: 12, selector: (c) => c.key }
).filter((cs) => cs.some((c) => c.weight !== "0"))

describe("largest-remainder allocation", () => {
  test("a worked example, each cell explained", () => {
    const r = allocate(10, [{ key: "a", weight: "1" }, { key: "b", weight: "1" }, { key: "c", weight: "1" }])
    expect(r.map((c) => c.count)).toEqual([4, 3, 3])
    expect(r[0]!.why).toBe("1/3 × 10 = 3.333333 → 3 + 1 (largest remainder) = 4")
  })
  test("a minimum is a floor", () => {
    const r = allocate(100, [{ key: "大", weight: "99" }, { key: "小", weight: "1", minimum: 5 }])
    expect(r.map((c) => c.count)).toEqual([95, 5])
    expect(r[1]!.why).toMatch(/minimum 5/)
  })
  prop([fc.integer({ min: 0, max: 100_000 }), cells])("counts sum to the total, whole and never negative; minimums honoured", (total, cs) => {
    const min = cs.reduce((a, c) => a + c.minimum, 0)
    if (min > total) {
      expect(() => allocate(total, cs)).toThrow(RangeError)
      return
    }
    const r = allocate(total, cs)
    expect(r.reduce((a, c) => a + c.count, 0)).toBe(total)
    for (const [i, c] of r.entries()) {
      expect(Number.isInteger(c.count) && c.count >= 0).toBe(true)
      expect(c.count).toBeGreaterThanOrEqual(cs[i]!.minimum)
    }
  })
  prop([fc.integer({ min: 0, max: 100_000 }), cells.map((cs) => cs.map((c) => ({ ...c, minimum: 0 })))])("deterministic whatever the order of the cells; each within one of its exact share", (total, cs) => {
    const a = allocate(total, cs)
    const b = allocate(total, [...cs].reverse())
    const byKey = new Map(b.map((c) => [c.key, c.count]))
    for (const c of a) {
      expect(byKey.get(c.key)).toBe(c.count)
      expect(Math.abs(c.count - Number(c.share))).toBeLessThan(1)
    }
  })
})
