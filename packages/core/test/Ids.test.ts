import { FoodId, lineage, RegionCode, SpeciesId, SubstanceId, TissueId } from "@nongan/core/Ids"
import { decoder } from "@nongan/core/Decode"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { trimmedArb } from "./arbitraries"
import { prop } from "./property"

const codeArb = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, "0"))

describe("name ids", () => {
  const ids = [
    ["SubstanceId", decoder(SubstanceId), "克百威"],
    ["FoodId", decoder(FoodId), "普通白菜"],
    ["SpeciesId", decoder(SpeciesId), "鸡"],
    ["TissueId", decoder(TissueId), "皮+肉"]
  ] as const

  test.each(ids)("%s accepts a canonical name and refuses blank or untrimmed ones", (_, decode, example) => {
    expect(decode(example)).toEqual({ ok: true, value: example })
    for (const bad of ["", " ", ` ${example}`, `${example} `, `${example}\n`]) {
      const r = decode(bad)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(["invalid-value"])
    }
    const r = decode(42)
    expect(r.ok ? undefined : r.errors[0]?.code).toBe("invalid-type")
  })

  prop([trimmedArb])("every non-empty trimmed string is a substance id", (s) => {
    expect(decoder(SubstanceId)(s)).toEqual({ ok: true, value: s })
  })
})

describe("RegionCode", () => {
  prop([codeArb])("six digits decode", (code) => {
    expect(decoder(RegionCode)(code)).toEqual({ ok: true, value: code })
  })
})

describe("lineage", () => {
  test("documented examples", () => {
    expect(lineage("511923")).toEqual(["000000", "510000", "511900", "511923"])
    expect(lineage("500154")).toEqual(["000000", "500000", "500100", "500154"])
    expect(lineage("510000")).toEqual(["000000", "510000"])
    expect(lineage("511900")).toEqual(["000000", "510000", "511900"])
    expect(lineage("000000")).toEqual(["000000"])
  })

  test("the national layer is never repeated (regression)", () => {
    expect(lineage("000100")).toEqual(["000000", "000100"])
    expect(lineage("000012")).toEqual(["000000", "000012"])
  })

  prop([codeArb])("national first, the code itself last, each layer a zero-padded prefix, none repeated", (code) => {
    const layers = lineage(code)
    expect(layers[0]).toBe("000000")
    expect(layers[layers.length - 1]).toBe(code)
    expect(new Set(layers).size).toBe(layers.length)
    // reference: the distinct zero-padded prefixes of length 0, 2, 4 and 6, in that order
    const expected = [...new Set([0, 2, 4, 6].map((n) => code.slice(0, n).padEnd(6, "0")))]
    expect(layers).toEqual(expected)
  })
})
