import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { impliedPopulation, perThousand, shareOf } from "@nongan/sampling/Quota"
import { prop } from "../../../test/support/property"

describe("quotas", () => {
  test("开州区 2022: 1.5 批次/千人 over 670 000 people is 1 005 tasks, and 20 % of it 201", () => {
    expect(perThousand("1.5", 670000).count).toBe(1005)
    expect(shareOf("0.20", 1005).count).toBe(201)
    expect(impliedPopulation("1.5", 1005)).toEqual({ min: 669334, max: 670000 })
    expect(perThousand("1.5", 669334).count).toBe(1005)
    expect(perThousand("1.5", 669333).count).toBe(1004)
    expect(perThousand("1.5", 670001).count).toBe(1006)
  })
  test("rounding rules", () => {
    expect(perThousand("2", 2712900, "ceiling").count).toBe(5426)
    expect(perThousand("2", 2712900, "floor").count).toBe(5425)
    expect(perThousand("2", 2712950, "half-up").count).toBe(5426)
    expect(() => perThousand("-1", 1)).toThrow(RangeError)
  })
  prop([fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10_000_000 })])("the population range a quota implies gives that quota, and only it", (tenths, count) => {
    const rate = (tenths / 10).toString()
    const r = impliedPopulation(rate, count)
    if (r.min > r.max) return true
    expect(perThousand(rate, r.min).count).toBe(count)
    expect(perThousand(rate, r.max).count).toBe(count)
    if (r.min > 0) expect(perThousand(rate, r.min - 1).count).toBeLessThan(count)
    expect(perThousand(rate, r.max + 1).count).toBeGreaterThan(count)
  })
})
