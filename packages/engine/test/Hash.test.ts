import fc from "fast-check"
import { getOrThrow } from "@nongan/core/Result"
import { nationalRef } from "@nongan/engine/Compose"
import { canonicalJson, contentHash } from "@nongan/engine/Hash"
import { describe, expect, it } from "vitest"
import { bundledPack, composeWith, limit, pack } from "./fixtures"

/** The same JSON with every object's keys in a shuffled order (a permutation drawn per object). */
const reorder = (u: unknown, seed: number): unknown => {
  if (Array.isArray(u)) return u.map((x, i) => reorder(x, seed + i + 1))
  if (u === null || typeof u !== "object") return u
  const keys = Object.keys(u)
  const shuffled = keys
    .map((k, i) => [k, ((seed + 1) * 2654435761 * (i + 1)) % 4294967296] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([k]) => k)
  return Object.fromEntries(shuffled.map((k, i) => [k, reorder((u as Record<string, unknown>)[k], seed * 31 + i)]))
}

const json = fc.jsonValue({ maxDepth: 4 })

describe("canonicalJson", () => {
  it("sorts keys, keeps array order, drops undefined members, and has no whitespace", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}')
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}')
    expect(canonicalJson([undefined, 1])).toBe("[null,1]")
    expect(canonicalJson("开州区")).toBe('"开州区"')
    expect(canonicalJson(undefined)).toBe("null")
  })

  it("parses back to the same value, for any JSON", () => {
    fc.assert(fc.property(json, (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)))
      }), { numRuns: 300 })
  })
})

describe("contentHash", () => {
  it("is a sha-256: 64 hex characters", () => {
    expect(contentHash({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
    fc.assert(fc.property(json, (v) => {
        expect(contentHash(v)).toMatch(/^[0-9a-f]{64}$/)
      }), { numRuns: 100 })
  })

  it("is equal for key-reordered JSON", () => {
    fc.assert(fc.property(json, fc.nat(), (v, seed) => {
        expect(contentHash(reorder(v, seed))).toBe(contentHash(v))
      }), { numRuns: 300 })
    expect(contentHash(reorder(bundledPack("511900"), 7))).toBe(contentHash(bundledPack("511900")))
  })

  it("differs for changed content", () => {
    const p = bundledPack("500154")
    expect(contentHash({ ...p, version: "2022.1.1" })).not.toBe(contentHash(p))
    expect(contentHash({ ...p, customRules: [] })).not.toBe(contentHash(p))
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]))
    expect(contentHash({ a: "1" })).not.toBe(contentHash({ a: 1 }))
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json, { minKeys: 1 }), fc.string(), (o, extra) => {
        const k = Object.keys(o)[0]!
        const changed = { ...o, [k]: [o[k], extra] }
        expect(contentHash(changed)).not.toBe(contentHash(o))
      }),
      { numRuns: 200 }
    )
  })
})

describe("pack hashes", () => {
  it("a pack's hash in a composition is the hash of its JSON, whatever the key order", () => {
    const p = pack("t", "330100", "330000", { from: "2026-03-01" }, { limits: [limit("啶虫脒", "普通白菜", "0.5")] })
    const a = getOrThrow(composeWith([p])).layers.get("330100")![0]!.ref
    const b = getOrThrow(composeWith([reorder(p, 3)])).layers.get("330100")![0]!.ref
    expect(a.hash).toBe(contentHash(p))
    expect(b.hash).toBe(a.hash)
    const c = getOrThrow(composeWith([{ ...p, limits: [limit("啶虫脒", "普通白菜", "0.4")] }])).layers.get("330100")![0]!.ref
    expect(c.hash).not.toBe(a.hash)
  })

  it("the national hash covers every file by path, in any order given", () => {
    const files = [
      { path: "b.json", json: { x: 1 } },
      { path: "a.json", json: { y: [1, 2] } }
    ]
    const r = nationalRef(files, "0.1.0")
    expect(r).toMatchObject({ id: "cn-national", jurisdiction: "000000", version: "0.1.0" })
    expect(nationalRef([...files].reverse(), "0.1.0").hash).toBe(r.hash)
    expect(nationalRef([files[0]!, { path: "a.json", json: { y: [2, 1] } }], "0.1.0").hash).not.toBe(r.hash)
    expect(nationalRef([files[0]!, { path: "c.json", json: { y: [1, 2] } }], "0.1.0").hash).not.toBe(r.hash)
  })
})
