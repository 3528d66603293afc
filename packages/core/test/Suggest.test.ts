import { nearest } from "@nongan/core/Suggest"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { levenshteinRef } from "./arbitraries"
import { prop } from "./property"

// short names over a small alphabet, so that near misses are common
const nameArb = fc.string({ unit: fc.constantFrom(..."克百威氧乐果草枯ab".split("")), minLength: 1, maxLength: 5 })
const knownArb = fc.uniqueArray(nameArb, { maxLength: 12 })

describe("Suggest.nearest", () => {
  test("documented example", () => {
    expect(nearest("克百为", ["克百威", "氧乐果", "百草枯"], 2)).toEqual(["克百威", "百草枯"])
  })

  test("nothing known, nothing suggested", () => {
    expect(nearest("克百威", [])).toEqual([])
  })

  test("a negative or zero limit suggests nothing (regression: a negative limit sliced from the end)", () => {
    expect(nearest("a", ["a", "b", "c"], 0)).toEqual([])
    expect(nearest("a", ["a", "b", "c"], -1)).toEqual([])
  })

  prop([nameArb, knownArb, fc.nat({ max: 8 })])("returns known names only, at most limit of them, without repeats", (name, known, limit) => {
    const got = nearest(name, known, limit)
    expect(got.length).toBe(Math.min(limit, known.length))
    for (const g of got) expect(known).toContain(g)
    expect(new Set(got).size).toBe(got.length)
  })

  prop([nameArb, knownArb])("the default limit is 5", (name, known) => {
    expect(nearest(name, known)).toHaveLength(Math.min(5, known.length))
  })

  prop([nameArb, knownArb, fc.integer({ min: 1, max: 8 }), fc.nat()])("the exact name comes first when it is known", (name, known, limit, at) => {
    const others = known.filter((k) => k !== name)
    const i = at % (others.length + 1)
    const withName = [...others.slice(0, i), name, ...others.slice(i)]
    expect(nearest(name, withName, limit)[0]).toBe(name)
  })

  prop([nameArb, knownArb, fc.nat({ max: 8 })])("results are ordered by edit distance and none left out is nearer", (name, known, limit) => {
    const got = nearest(name, known, limit)
    const dist = got.map((g) => levenshteinRef(name, g))
    for (let i = 1; i < dist.length; i++) expect(dist[i]!).toBeGreaterThanOrEqual(dist[i - 1]!)
    if (got.length > 0) {
      const worst = dist[dist.length - 1]!
      for (const k of known) if (!got.includes(k)) expect(levenshteinRef(name, k)).toBeGreaterThanOrEqual(worst)
    }
  })

  prop([nameArb, knownArb, fc.nat({ max: 8 })])("the order of the known list does not matter", (name, known, limit) => {
    expect(nearest(name, [...known].reverse(), limit)).toEqual(nearest(name, known, limit))
  })

  prop([nameArb, knownArb])("any iterable works: a Set gives what an array gives", (name, known) => {
    expect(nearest(name, new Set(known), 3)).toEqual(nearest(name, known, 3))
  })
})
