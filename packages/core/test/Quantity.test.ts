import fc from "fast-check"
import * as Decimal from "@nongan/core/Decimal"
import * as Quantity from "@nongan/core/Quantity"
import type * as Unit from "@nongan/core/Unit"
import { describe, expect, test } from "vitest"
import { prop } from "./property"
import { canonical, cmpRef, type Dec, decArb, mulRef, refOf } from "./arbitraries"

const CONCENTRATIONS = ["mg/kg", "ug/kg"] as const
const DURATIONS = ["d", "h"] as const

// how many of the finer unit make one of the coarser: 1 mg/kg = 1000 ug/kg, 1 d = 24 h
const FACTOR: Record<"mg/kg" | "ug/kg" | "d" | "h", bigint> = { "mg/kg": 1000n, "ug/kg": 1n, "d": 24n, "h": 1n }

const q = (x: Dec, unit: Unit.Unit): Quantity.Quantity => ({ value: Decimal.unsafeMake(canonical(x)), unit })

/** The exact amount in the finer unit of its kind, as a reference decimal. */
const inFiner = (x: Dec, unit: keyof typeof FACTOR): Dec => mulRef(x, { coef: FACTOR[unit], scale: 0 })

/**
 * A quantity given by an exact amount in the coarser unit of a kind, expressed in either unit of
 * that kind (so every conversion between the two is exact).
 */
const exactPairArb = (kind: "concentration" | "duration") => {
  const units = kind === "concentration" ? CONCENTRATIONS : DURATIONS
  const coarse = units[0]
  const one = fc.tuple(decArb, fc.constantFrom(...units)).map(([x, unit]) => {
    // the value in `unit` of an amount x in the coarse unit
    const inUnit = unit === coarse ? x : inFiner(x, coarse)
    return { coarse: x, quantity: q(inUnit, unit) }
  })
  return fc.tuple(one, one, fc.constantFrom(...units))
}

describe("Quantity examples", () => {
  test("documented examples", () => {
    expect(Quantity.convert(Quantity.unsafeMake("0.062", "mg/kg"), "ug/kg")?.value.toString()).toBe("62")
    expect(Quantity.convert(Quantity.unsafeMake("48", "h"), "d")?.value.toString()).toBe("2")
    expect(Quantity.compare(Quantity.unsafeMake("0.062", "mg/kg"), Quantity.unsafeMake("20", "ug/kg"))).toBe(1)
    expect(Quantity.format(Quantity.unsafeMake("0.062", "mg/kg"))).toBe("0.062 mg/kg")
    expect(Quantity.format(Quantity.unsafeMake("7", "天"))).toBe("7 d")
    expect(Quantity.unsafeMake("7", "µg/kg").unit).toBe("ug/kg")
  })

  test("unsafeMake throws on an unknown unit or a bad number", () => {
    expect(() => Quantity.unsafeMake("1", "ppm")).toThrow(RangeError)
    expect(() => Quantity.unsafeMake("1", "constructor")).toThrow(RangeError)
    expect(() => Quantity.unsafeMake("abc", "mg/kg")).toThrow(RangeError)
  })

  test("1 h is 1/24 d rounded half-up to 30 places", () => {
    // 1/24 = 0.041666…; the 31st place is a 6, so the 30th rounds up to 7
    expect(Quantity.convert(Quantity.unsafeMake("1", "h"), "d")?.value.toString()).toBe(`0.041${"6".repeat(26)}7`)
    expect(Quantity.convert(Quantity.unsafeMake("-1", "h"), "d")?.value.toString()).toBe(`-0.041${"6".repeat(26)}7`)
  })

  test("incommensurable units give undefined", () => {
    const mg = Quantity.unsafeMake("1", "mg/kg")
    const day = Quantity.unsafeMake("1", "d")
    const dd = Quantity.unsafeMake("1", "degree-days")
    expect(Quantity.convert(mg, "d")).toBeUndefined()
    expect(Quantity.convert(day, "degree-days")).toBeUndefined()
    expect(Quantity.convert(dd, "h")).toBeUndefined()
    expect(Quantity.compare(mg, day)).toBeUndefined()
    expect(Quantity.compare(day, dd)).toBeUndefined()
    expect(Quantity.compare(dd, Quantity.unsafeMake("1", "h"))).toBeUndefined()
  })
})

describe("Quantity conversion round-trips", () => {
  prop([decArb])("mg/kg → ug/kg → mg/kg is the identity", (x) => {
    const a = q(x, "mg/kg")
    const ug = Quantity.convert(a, "ug/kg")!
    expect(ug.unit).toBe("ug/kg")
    expect(ug.value.toString()).toBe(canonical(mulRef(x, { coef: 1000n, scale: 0 })))
    const back = Quantity.convert(ug, "mg/kg")!
    expect(back.unit).toBe("mg/kg")
    expect(back.value.toString()).toBe(canonical(x))
  })

  prop([decArb])("ug/kg → mg/kg → ug/kg is the identity", (x) => {
    const back = Quantity.convert(Quantity.convert(q(x, "ug/kg"), "mg/kg")!, "ug/kg")!
    expect(back.unit).toBe("ug/kg")
    expect(back.value.toString()).toBe(canonical(x))
  })

  prop([decArb])("d → h → d is the identity", (x) => {
    const h = Quantity.convert(q(x, "d"), "h")!
    expect(h.unit).toBe("h")
    expect(h.value.toString()).toBe(canonical(mulRef(x, { coef: 24n, scale: 0 })))
    const back = Quantity.convert(h, "d")!
    expect(back.unit).toBe("d")
    expect(back.value.toString()).toBe(canonical(x))
  })

  test("d → h → d holds beyond 20 and 30 decimal places (regression)", () => {
    for (const s of ["1e-21", "1e-31", "0.123456789012345678901234567890123", "-7e-100"]) {
      const back = Quantity.convert(Quantity.convert(Quantity.unsafeMake(s, "d"), "h")!, "d")!
      expect(back.value.toString()).toBe(Decimal.unsafeMake(s).toString())
    }
  })

  prop([decArb])("h → d is within half a unit in the 30th place of the exact quotient", (x) => {
    const d = Quantity.convert(q(x, "h"), "d")!
    const got = refOf(d.value.toString())
    // |got × 24 − x| ≤ 24 × 0.5 × 10^-30, i.e. |got × 24 − x| × 10^30 ≤ 12
    const s = Math.max(got.scale, x.scale, 30)
    const scaleTo = (v: Dec): bigint => v.coef * 10n ** BigInt(s - v.scale)
    const delta = scaleTo(mulRef(got, { coef: 24n, scale: 0 })) - scaleTo(x)
    const bound = 12n * 10n ** BigInt(s - 30)
    expect(delta <= bound && -delta <= bound).toBe(true)
  })

  prop([fc.constantFrom("mg/kg", "ug/kg", "d", "h", "degree-days" as const), decArb])("converting to the same unit returns the quantity", (unit, x) => {
    const a = q(x, unit)
    expect(Quantity.convert(a, unit)).toBe(a)
  })
})

describe("Quantity.compare", () => {
  prop([fc.constantFrom("concentration" as const, "duration" as const).chain(exactPairArb)])(
    "agrees with the exact reference and is invariant under converting either side",
    ([a, b, target]) => {
      const expected = cmpRef(a.coarse, b.coarse)
      expect(Quantity.compare(a.quantity, b.quantity)).toBe(expected)
      expect(Quantity.compare(b.quantity, a.quantity)).toBe(0 - expected)
      expect(Quantity.compare(Quantity.convert(a.quantity, target)!, b.quantity)).toBe(expected)
      expect(Quantity.compare(a.quantity, Quantity.convert(b.quantity, target)!)).toBe(expected)
      expect(Quantity.compare(Quantity.convert(a.quantity, target)!, Quantity.convert(b.quantity, target)!)).toBe(expected)
    }
  )

  prop([decArb, decArb, fc.constantFrom(...CONCENTRATIONS, ...DURATIONS), fc.constantFrom(...CONCENTRATIONS, ...DURATIONS)])(
    "compares exactly in the finer unit for any values",
    (x, y, ux, uy) => {
      const result = Quantity.compare(q(x, ux), q(y, uy))
      const commensurable = CONCENTRATIONS.includes(ux as never) === CONCENTRATIONS.includes(uy as never)
      if (!commensurable) expect(result).toBeUndefined()
      else expect(result).toBe(cmpRef(inFiner(x, ux), inFiner(y, uy)))
    }
  )

  test("1 h against its rounded day value is not equal: h → d is not exact", () => {
    const hour = Quantity.unsafeMake("1", "h")
    const asDays = Quantity.convert(hour, "d")!
    // 0.041666…667 d × 24 = 1.000…008 h > 1 h
    expect(Quantity.compare(asDays, hour)).toBe(1)
  })
})
