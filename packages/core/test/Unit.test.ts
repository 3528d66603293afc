import fc from "fast-check"
import * as Unit from "@nongan/core/Unit"
import { describe, expect, test } from "vitest"
import { prop } from "./property"

// every spelling the module documents, with the unit it must read as
const SPELLINGS: ReadonlyArray<readonly [string, Unit.Unit]> = [
  ["mg/kg", "mg/kg"],
  ["ug/kg", "ug/kg"],
  ["\u00b5g/kg", "ug/kg"], // µ MICRO SIGN
  ["\u03bcg/kg", "ug/kg"], // μ GREEK SMALL LETTER MU
  ["毫克/千克", "mg/kg"],
  ["毫克/公斤", "mg/kg"],
  ["mg/千克", "mg/kg"],
  ["mg/公斤", "mg/kg"],
  ["微克/千克", "ug/kg"],
  ["微克/公斤", "ug/kg"],
  ["μg/千克", "ug/kg"],
  ["ug/公斤", "ug/kg"],
  ["d", "d"],
  ["day", "d"],
  ["days", "d"],
  ["天", "d"],
  ["日", "d"],
  ["h", "h"],
  ["hour", "h"],
  ["hours", "h"],
  ["小时", "h"],
  ["degree-days", "degree-days"],
  ["度日", "degree-days"]
]

const KNOWN = new Set(SPELLINGS.map(([s]) => s))

describe("Unit.parse", () => {
  test.each(SPELLINGS)("reads %j as %j", (spelling, unit) => {
    expect(Unit.parse(spelling)).toBe(unit)
  })

  test("the micro sign and the Greek mu are two different characters, both read as ug/kg", () => {
    expect("\u00b5g/kg").not.toBe("\u03bcg/kg")
    expect(Unit.parse("µg/kg")).toBe("ug/kg")
    expect(Unit.parse("μg/kg")).toBe("ug/kg")
  })

  test.each(["MG/KG", " mg / kg ", "Mg/Kg", "UG/KG", "DAYS", " Hours", "\tdegree - days\n", "天 "])("reads %j case- and space-insensitively", (s) => {
    expect(Unit.parse(s)).toBeDefined()
  })

  test("case folding keeps the unit: `MG/KG` is mg/kg, never ug/kg", () => {
    expect(Unit.parse("MG/KG")).toBe("mg/kg")
    expect(Unit.parse("UG/KG")).toBe("ug/kg")
    expect(Unit.parse("H")).toBe("h")
    expect(Unit.parse("D")).toBe("d")
  })

  test.each(["ppm", "ppb", "mg/L", "g/kg", "mg", "kg", "ng/kg", "min", "weeks", "", " ", "mgkg", "mg/kg/d", "°C·d"])(
    "%j is unknown",
    (s) => {
      expect(Unit.parse(s)).toBeUndefined()
    }
  )

  test.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"])(
    "the object key %j is not a unit (regression)",
    (s) => {
      expect(Unit.parse(s)).toBeUndefined()
    }
  )

  prop([fc.string({ maxLength: 12 })])("a string that is no known spelling after folding is unknown", (s) => {
    const folded = s.replace(/\s+/g, "").toLowerCase()
    fc.pre(!KNOWN.has(folded) && !KNOWN.has(s.trim()))
    expect(Unit.parse(s)).toBeUndefined()
  })

  prop([fc.constantFrom(...SPELLINGS), fc.constantFrom("", " ", "  ", "\t")])(
    "surrounding spaces do not change the reading",
    ([spelling, unit], pad) => {
      expect(Unit.parse(`${pad}${spelling}${pad}`)).toBe(unit)
    }
  )

  prop([fc.constantFrom(...SPELLINGS)])("every reading is a member of the Unit schema", ([spelling]) => {
    expect(Unit.Unit.literals).toContain(Unit.parse(spelling))
  })
})

describe("Unit kinds and shifts", () => {
  test("isConcentration", () => {
    expect(Unit.Unit.literals.filter(Unit.isConcentration)).toEqual(["mg/kg", "ug/kg"])
  })

  test("decimalShift: 1 mg/kg is 1000 ug/kg", () => {
    expect(Unit.decimalShift("mg/kg", "ug/kg")).toBe(3)
    expect(Unit.decimalShift("ug/kg", "mg/kg")).toBe(-3)
  })

  prop([fc.constantFrom(...Unit.Unit.literals)])("decimalShift of a unit to itself is 0", (u) => {
    expect(Unit.decimalShift(u, u)).toBe(0)
  })

  prop([fc.constantFrom(...Unit.Unit.literals), fc.constantFrom(...Unit.Unit.literals)])(
    "decimalShift is antisymmetric and defined only within concentrations or for equal units",
    (a, b) => {
      const ab = Unit.decimalShift(a, b)
      const ba = Unit.decimalShift(b, a)
      if (a === b || (Unit.isConcentration(a) && Unit.isConcentration(b))) {
        expect(ab).toBeDefined()
        expect(ab! + ba!).toBe(0)
      } else {
        expect(ab).toBeUndefined()
        expect(ba).toBeUndefined()
      }
    }
  )
})

describe("Unit.diagnose and Unit.readConcentration: why a residue unit is refused", () => {
  test.each(["g/kg", "G/KG", "克/千克", "克/公斤", "g/公斤", "g/g", "kg/kg", "千克/千克"])("%j is suspect (a lost µ or m)", (s) => {
    expect(Unit.diagnose(s)).toBe("suspect-unit")
    expect(Unit.readConcentration(s)).toEqual({ ok: false, problem: "suspect-unit" })
  })
  test.each(["μg/k", "µg/", "mg", "m", "ug/k", "毫克/千", "微克", "mg/公"])("%j is truncated", (s) => {
    expect(Unit.diagnose(s)).toBe("truncated-unit")
  })
  test.each(["ppm", "mg/L", "ng/kg", "mg/g", "d", "", "mg/kgx", "kg"])("%j is simply unknown", (s) => {
    expect(Unit.diagnose(s)).toBe("invalid-unit")
  })
  prop([fc.constantFrom(...SPELLINGS.filter(([, u]) => Unit.isConcentration(u)))])("every concentration spelling reads as its unit", ([s, u]) => {
    expect(Unit.readConcentration(s)).toEqual({ ok: true, unit: u })
  })
  prop([fc.constantFrom(...SPELLINGS.filter(([, u]) => Unit.isConcentration(u))), fc.nat()])(
    "every proper prefix of a concentration spelling is truncated, never read",
    ([s], k) => {
      const cut = s.slice(0, 1 + (k % (s.length - 1)))
      expect(Unit.readConcentration(cut).ok).toBe(false)
      expect(Unit.diagnose(cut)).toBe("truncated-unit")
    }
  )
})
