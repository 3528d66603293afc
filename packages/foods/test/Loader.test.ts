// The catalogue loader on small synthetic catalogues: what it accepts, and every integrity error
// it must report (duplicate ids, ambiguous names, unknown parents and references, cycles).
import fc from "fast-check"
import type { NonganError } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import { fromFiles as datasetFromFiles } from "@nongan/engine/Dataset"
import { fromFiles } from "@nongan/foods/FoodCatalogue"
import { describe, expect, test } from "vitest"
import { prop } from "./fixtures"

type Node = { id: string; name: string; kind: "category" | "food"; parent?: string | null; aliases?: Array<string> }
const file = (nodes: ReadonlyArray<Node>, extra: Record<string, unknown> = {}) => ({ kind: "food-catalogue", id: "t", nodes, ...extra })
const codes = (r: Result<unknown, NonganError>) => (r.ok ? [] : r.errors.map((e) => e.code))
const errorsOf = (r: Result<unknown, NonganError>) => (r.ok ? [] : r.errors)

const base: ReadonlyArray<Node> = [
  { id: "蔬菜", name: "蔬菜", kind: "category" },
  { id: "叶菜类蔬菜", name: "叶菜类蔬菜", kind: "category", parent: "蔬菜" },
  { id: "普通白菜", name: "普通白菜", kind: "food", parent: "叶菜类蔬菜", aliases: ["小白菜", "青菜"] }
]

describe("fromFiles on small synthetic catalogues", () => {
  test("a clean catalogue loads and resolves aliases", () => {
    const r = fromFiles([file(base)])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.resolve("青菜")).toEqual({
      ok: true,
      value: { kind: "plant", id: "普通白菜", name: "普通白菜", path: ["蔬菜", "叶菜类蔬菜", "普通白菜"] }
    })
    expect(fromFiles([]).ok).toBe(true)
  })

  test("duplicate ids, within one file and across files", () => {
    const one = fromFiles([file([...base, { id: "普通白菜", name: "白菜二", kind: "food", parent: "蔬菜" }])])
    expect(codes(one)).toContain("pack-duplicate")
    expect(errorsOf(one).find((e) => e.code === "pack-duplicate")?.path).toEqual([0, "nodes", 3, "id"])
    const two = fromFiles([file(base), file([{ id: "蔬菜", name: "蔬菜类", kind: "category" }])])
    expect(errorsOf(two).find((e) => e.code === "pack-duplicate")).toMatchObject({ path: [1, "nodes", 0, "id"], params: { name: "蔬菜" } })
    // a species may not reuse a node id either: one namespace
    const cross = fromFiles([file(base, { species: [{ id: "蔬菜", name: "某物种" }] })])
    expect(codes(cross)).toContain("pack-duplicate")
  })

  test("ambiguous aliases: one alias, two entries", () => {
    const r = fromFiles([file([...base, { id: "大白菜", name: "大白菜", kind: "food", parent: "叶菜类蔬菜", aliases: ["青菜"] }])])
    const e = errorsOf(r).find((x) => x.code === "ambiguous-name")
    expect(e).toBeDefined()
    expect(e?.params.name).toBe("青菜")
    expect([...(e?.params.candidates as ReadonlyArray<string>)].sort()).toEqual(["大白菜", "普通白菜"])
    // an alias equal to another entry's name, and a product alias equal to a species id
    expect(codes(fromFiles([file([...base, { id: "x", name: "x", kind: "food", parent: "蔬菜", aliases: ["普通白菜"] }])]))).toContain(
      "ambiguous-name"
    )
    const animals = {
      species: [{ id: "鸡", name: "鸡" }],
      tissues: [{ id: "蛋", name: "蛋" }],
      animalProducts: [{ id: "鸡蛋", name: "鸡蛋", species: "鸡", tissue: "蛋", aliases: ["鸡"] }]
    }
    expect(codes(fromFiles([file([], animals)]))).toEqual(["ambiguous-name"])
  })

  test("unknown parents and references", () => {
    const r = fromFiles([file([...base, { id: "芹菜", name: "芹菜", kind: "food", parent: "叶柄类" }])])
    expect(errorsOf(r)).toEqual([
      expect.objectContaining({ code: "pack-unknown-reference", path: [0, "nodes", 3, "parent"], params: { name: "叶柄类" } })
    ])
    // a species whose parent is a plant node is not a known species parent
    expect(codes(fromFiles([file(base, { species: [{ id: "鸡", name: "鸡", parent: "蔬菜" }] })]))).toEqual(["pack-unknown-reference"])
    // a product naming an unknown species and an unknown tissue: both reported
    const p = fromFiles([file([], { animalProducts: [{ id: "鸭蛋", name: "鸭蛋", species: "鸭", tissue: "蛋" }] })])
    expect(errorsOf(p).map((e) => e.path.at(-1))).toEqual(["species", "tissue"])
  })

  test("cycles: a self-parent and a two-node loop", () => {
    expect(codes(fromFiles([file([{ id: "a", name: "a", kind: "category", parent: "a" }])]))).toContain("pack-cycle")
    const loop = fromFiles([
      file([
        { id: "a", name: "a", kind: "category", parent: "b" },
        { id: "b", name: "b", kind: "category", parent: "a" }
      ])
    ])
    expect(codes(loop).filter((c) => c === "pack-cycle")).toHaveLength(2)
    const sp = fromFiles([file([], { species: [{ id: "x", name: "x", parent: "y" }, { id: "y", name: "y", parent: "x" }] })])
    expect(codes(sp)).toContain("pack-cycle")
  })

  test("schema errors are typed and carry the path", () => {
    const r = fromFiles([file([{ id: "a", name: "a", kind: "vegetable" as "food" }])])
    expect(errorsOf(r)[0]).toMatchObject({ code: "invalid-value", path: [0, "nodes", 0, "kind"] })
    expect(codes(fromFiles([{ kind: "substance-catalogue", nodes: [] }]))).toEqual(["invalid-value", "missing-field"])
    expect(codes(fromFiles([file([{ id: " ", name: "a", kind: "food" }])])).length).toBeGreaterThan(0)
  })

  test("the engine's dataset loader names the file of a food error", () => {
    const r = datasetFromFiles([
      { path: "foods/ok.json", json: file(base) },
      { path: "foods/bad.json", json: file([{ id: "芹菜", name: "芹菜", kind: "food", parent: "叶柄类" }]) }
    ])
    expect(errorsOf(r)).toEqual([
      expect.objectContaining({ code: "pack-unknown-reference", path: ["foods/bad.json", "nodes", 0, "parent"] })
    ])
    const dup = datasetFromFiles([
      { path: "foods/a.json", json: file(base) },
      { path: "foods/b.json", json: file([{ id: "普通白菜", name: "普通白菜二", kind: "food" }]) }
    ])
    expect(errorsOf(dup)[0]).toMatchObject({ code: "pack-duplicate", path: ["foods/b.json", "nodes", 0, "id"] })
  })
})

// ---------------------------------------------------------------------------------------------
// Random forests: node i's parent is some j < i (so the forest is acyclic), each with aliases.
// ---------------------------------------------------------------------------------------------

interface Forest {
  readonly parents: ReadonlyArray<number | null>
  readonly aliasCounts: ReadonlyArray<number>
}
const forestArb: fc.Arbitrary<Forest> = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    parents: fc.tuple(
      ...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.nat(i - 1), { nil: null, freq: 4 })))
    ),
    aliasCounts: fc.array(fc.nat(3), { minLength: n, maxLength: n })
  })
)
const build = (f: Forest): Array<Node> =>
  f.parents.map((p, i) => ({
    id: `n${i}`,
    name: `名${i}`,
    kind: "category" as const,
    ...(p === null ? {} : { parent: `n${p}` }),
    aliases: Array.from({ length: f.aliasCounts[i] ?? 0 }, (_, k) => `别${i}-${k}`)
  }))
const refPathOf = (f: Forest, i: number): Array<string> => {
  const out: Array<string> = []
  for (let cur: number | null = i; cur !== null; cur = f.parents[cur] ?? null) out.unshift(`n${cur}`)
  return out
}

describe("fromFiles on random forests", () => {
  prop([forestArb])("a clean forest loads; every id, name and alias resolves with the reference path", (f) => {
    const r = fromFiles([file(build(f))])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    build(f).forEach((node, i) => {
      for (const n of [node.id, node.name, ...(node.aliases ?? [])]) {
        const x = r.value.resolve(n)
        expect(x).toEqual({ ok: true, value: { kind: "plant", id: node.id, name: node.name, path: refPathOf(f, i) } })
      }
    })
  })

  prop([forestArb, fc.nat()])("a duplicated id is reported", (f, i) => {
    const nodes = build(f)
    const a = i % nodes.length
    nodes.push({ ...nodes[a]!, name: "另一个名字", aliases: [] })
    expect(codes(fromFiles([file(nodes)]))).toContain("pack-duplicate")
  })

  prop([forestArb, fc.nat(), fc.nat()])("an alias shared by two entries is ambiguous", (f, i, j) => {
    const nodes = build(f)
    const a = i % nodes.length
    const b = (a + 1 + (j % (nodes.length - 1))) % nodes.length
    nodes[b] = { ...nodes[b]!, aliases: [...(nodes[b]!.aliases ?? []), nodes[a]!.name] }
    const r = fromFiles([file(nodes)])
    expect(errorsOf(r)).toContainEqual(
      expect.objectContaining({ code: "ambiguous-name", params: expect.objectContaining({ name: `名${a}` }) })
    )
  })

  prop([forestArb, fc.nat()])("a parent that does not exist is reported with its path", (f, i) => {
    const nodes = build(f)
    const a = i % nodes.length
    nodes[a] = { ...nodes[a]!, parent: "不存在" }
    expect(errorsOf(fromFiles([file(nodes)]))).toContainEqual(
      expect.objectContaining({ code: "pack-unknown-reference", path: [0, "nodes", a, "parent"] })
    )
  })

  prop([forestArb, fc.nat(), fc.nat()])("re-parenting a node under itself or a descendant is a cycle", (f, i, j) => {
    const nodes = build(f)
    const a = i % nodes.length
    // descendants of a (including a): nodes whose reference path contains n{a}
    const below = nodes.map((_, k) => k).filter((k) => refPathOf(f, k).includes(`n${a}`))
    const d = below[j % below.length]!
    nodes[a] = { ...nodes[a]!, parent: `n${d}` }
    const r = fromFiles([file(nodes)])
    expect(errorsOf(r)).toContainEqual(expect.objectContaining({ code: "pack-cycle", params: { name: `n${a}` } }))
    // and never a crash or a silent success
    expect(r.ok).toBe(false)
  })
})
