// The real national food catalogue (rules/national/foods), loaded through the SDK and the
// engine's dataset loader: name resolution, aliases, unknown names, paths and key varieties.
import fc from "fast-check"
import type { NonganError } from "@nongan/core/NonganError"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { Result } from "@nongan/core/Result"
import { describe, expect, test } from "vitest"
import { dataset, levenshtein, prop, rawEntries, refPath, type Section } from "./fixtures"

const foods = () => dataset().foods

const plant = (r: Result<ResolvedFood, NonganError>) => {
  if (!r.ok) throw new Error(`expected a resolution, got ${JSON.stringify(r.errors)}`)
  if (r.value.kind !== "plant") throw new Error(`expected a plant food, got ${JSON.stringify(r.value)}`)
  return r.value
}
const animal = (r: Result<ResolvedFood, NonganError>) => {
  if (!r.ok) throw new Error(`expected a resolution, got ${JSON.stringify(r.errors)}`)
  if (r.value.kind !== "animal") throw new Error(`expected an animal product, got ${JSON.stringify(r.value)}`)
  return r.value
}

// every (name or alias, section, canonical id) declared in the raw JSON
const declared: ReadonlyArray<{ readonly name: string; readonly section: Section; readonly id: string; readonly alias: boolean }> =
  rawEntries().flatMap(({ section, entry }) => [
    { name: entry.id, section, id: entry.id, alias: false },
    { name: entry.name, section, id: entry.id, alias: false },
    ...(entry.aliases ?? []).map((name) => ({ name, section, id: entry.id, alias: true }))
  ])
const aliases = declared.filter((d) => d.alias)
const knownNames = new Set(declared.map((d) => d.name))

/** Asserts that `name` resolves to the canonical entry `id` of `section`. */
const expectResolvesTo = (name: string, section: Section, id: string) => {
  const cat = foods()
  switch (section) {
    case "node":
      expect(plant(cat.resolve(name)).id).toBe(id)
      break
    case "product":
      expect(animal(cat.resolve(name)).id).toBe(id)
      break
    case "species": {
      expect(cat.resolveSpecies(name)).toEqual({ ok: true, value: id })
      const r = cat.resolve(name)
      // a species is known, so it is never "unknown-food"; it just is not a product
      expect(r.ok ? "ok" : r.errors[0]?.code).toBe("not-an-animal-product")
      break
    }
    case "tissue":
      expect(cat.resolveTissue(name)).toEqual({ ok: true, value: id })
      break
  }
}

describe("the national food catalogue loads", () => {
  test("every file decodes and the index holds every declared name", () => {
    const cat = foods()
    expect(cat.nodes().length).toBeGreaterThan(300)
    expect(cat.species().length).toBeGreaterThan(50)
    expect(cat.products().length).toBeGreaterThan(50)
    expect(new Set(cat.names())).toEqual(knownNames)
  })

  test("every name and alias is declared once or only by the same entry", () => {
    const owner = new Map<string, string>()
    for (const d of declared) {
      const prev = owner.get(d.name)
      if (prev !== undefined) expect(prev, d.name).toBe(d.id)
      owner.set(d.name, d.id)
    }
  })
})

describe("aliases resolve to their canonical entry", () => {
  test("every declared alias, name and id (exhaustive)", () => {
    expect(aliases.length).toBeGreaterThan(100)
    for (const d of declared) expectResolvesTo(d.name, d.section, d.id)
  })

  const space = fc.string({ unit: fc.constantFrom(" ", "\t", "\u3000", "\n"), maxLength: 3 })
  prop([fc.constantFrom(...aliases), space, space])("an alias with surrounding white space resolves the same", (d, pre, post) => {
    expectResolvesTo(`${pre}${d.name}${post}`, d.section, d.id)
  })

  test("小白菜 / 小油菜 / 青菜 are member foods of 普通白菜 (GB 2763-2026 names them separately)", () => {
    for (const n of ["小白菜", "小油菜", "青菜"]) {
      const r = plant(foods().resolve(n))
      expect(r.id).toBe(n)
      expect(r.path).toEqual(["蔬菜", "叶菜类蔬菜", "绿叶类", "普通白菜", n])
      expect(foods().isWithin(n, "普通白菜")).toBe(true)
    }
  })

  test("长豆角 → 豇豆; 加州鲈 → 大口黑鲈; 黑鱼 → 乌鳢; 鲜鸡蛋 → 鸡蛋", () => {
    expect(plant(foods().resolve("长豆角")).id).toBe("豇豆")
    expect(animal(foods().resolve("加州鲈")).id).toBe("大口黑鲈")
    expect(animal(foods().resolve("黑鱼")).id).toBe("乌鳢")
    expect(animal(foods().resolve("鲜鸡蛋")).id).toBe("鸡蛋")
  })
})

describe("unknown names never resolve and list the nearest known names", () => {
  const chars = [...new Set([...knownNames].flatMap((n) => [...n]))]
  const known = [...knownNames]
  const mutated = fc
    .tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom(...chars), fc.constantFrom("insert", "delete", "replace"))
    .map(([name, i, c, op]) => {
      const cs = [...name]
      const k = i % (cs.length + 1)
      if (op === "insert") cs.splice(k, 0, c)
      else if (op === "delete") cs.splice(k % Math.max(1, cs.length), 1)
      else cs.splice(k % Math.max(1, cs.length), 1, c)
      return cs.join("")
    })
  const unknownName = fc
    .oneof(
      mutated,
      fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 6 }),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "grapheme", maxLength: 6 })
    )
    .filter((s) => !knownNames.has(s.trim()))

  prop([unknownName], { numRuns: 200 })("unknown-food with a non-empty nearest list drawn from known names", (name) => {
    const r = foods().resolve(name)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toHaveLength(1)
    const e = r.errors[0]!
    expect(e.code).toBe("unknown-food")
    expect(e.params.name).toBe(name)
    const nearest = e.params.nearest as ReadonlyArray<string>
    expect(Array.isArray(nearest)).toBe(true)
    expect(nearest.length).toBeGreaterThan(0)
    expect(nearest.length).toBeLessThanOrEqual(5)
    expect(new Set(nearest).size).toBe(nearest.length)
    for (const n of nearest) expect(knownNames.has(n), n).toBe(true)
    // the suggestions are the closest by edit distance: none left out is strictly closer
    const worst = Math.max(...nearest.map((n) => levenshtein(name, n)))
    const listed = new Set(nearest)
    let closestLeftOut = Number.POSITIVE_INFINITY
    for (const k of known) if (!listed.has(k)) closestLeftOut = Math.min(closestLeftOut, levenshtein(name, k))
    expect(closestLeftOut).toBeGreaterThanOrEqual(worst)
  })

  test("names deliberately left ambiguous are unknown, with suggestions", () => {
    for (const n of ["豆角", "青椒", "生菜", "鲈鱼", "黄鱼", "芸豆", "地瓜", ""]) {
      const r = foods().resolve(n)
      expect(r.ok, n).toBe(false)
      if (!r.ok) {
        expect(r.errors[0]?.code).toBe("unknown-food")
        expect((r.errors[0]?.params.nearest as ReadonlyArray<string>).length).toBeGreaterThan(0)
      }
    }
    const r = foods().resolve("黄鱼")
    expect(r.ok ? [] : r.errors[0]?.params.nearest).toContain("大黄鱼")
  })

  test("unknown species and tissues are typed errors with suggestions", () => {
    const s = foods().resolveSpecies("独角兽")
    expect(s.ok ? "ok" : s.errors[0]?.code).toBe("unknown-species")
    const t = foods().resolveTissue("鳞片")
    expect(t.ok ? "ok" : t.errors[0]?.code).toBe("unknown-tissue")
    if (!t.ok) expect((t.errors[0]?.params.nearest as ReadonlyArray<string>).length).toBeGreaterThan(0)
  })
})

describe("paths and animal products", () => {
  test("豇豆: a vegetable under 豆类蔬菜", () => {
    const r = plant(foods().resolve("豇豆"))
    expect(r.path).toContain("蔬菜")
    expect(r.path).toContain("豆类蔬菜")
    expect(r.path[0]).toBe("蔬菜")
    expect(r.path.at(-1)).toBe("豇豆")
    expect(foods().isWithin("豇豆", "豆类蔬菜")).toBe(true)
    // the dry pulse is a different entry, under 谷物
    expect(plant(foods().resolve("豇豆（杂粮）")).path[0]).toBe("谷物")
  })

  test("鸡蛋 → 鸡 / 蛋; 猪肉 → 猪 / 肌肉", () => {
    const egg = animal(foods().resolve("鸡蛋"))
    expect([egg.species, egg.tissue]).toEqual(["鸡", "蛋"])
    expect(egg.speciesPath).toEqual(["所有食品动物", "家禽", "鸡"])
    const pork = animal(foods().resolve("猪肉"))
    expect([pork.species, pork.tissue]).toEqual(["猪", "肌肉"])
    expect(pork.speciesPath).toContain("家畜")
  })

  test("a fish product: 大口黑鲈 → its species, tissue 皮+肉", () => {
    const bass = animal(foods().resolve("大口黑鲈"))
    expect(bass.species).toBe("大口黑鲈（物种）")
    expect(bass.tissue).toBe("皮+肉")
    expect(bass.speciesPath).toEqual(["所有食品动物", "水产动物", "鱼", "淡水鱼", "大口黑鲈（物种）"])
    expect(foods().resolveSpecies("大口黑鲈")).toEqual({ ok: true, value: "大口黑鲈（物种）" })
    for (const fish of ["乌鳢", "鳊鱼", "大黄鱼"]) {
      const r = animal(foods().resolve(fish))
      expect(r.tissue).toBe("皮+肉")
      expect(r.speciesPath).toContain("鱼")
    }
  })

  test("every key variety of the three-year action resolves (DOMAIN-FACTS §10)", () => {
    const plants = { 豇豆: "豆类蔬菜", 韭菜: "鳞茎类蔬菜", 芹菜: "叶菜类蔬菜" }
    for (const [n, cat] of Object.entries(plants)) {
      const r = plant(foods().resolve(n))
      expect(r.id).toBe(n)
      expect(r.path).toContain("蔬菜")
      expect(r.path).toContain(cat)
    }
    const animals = { 鸡蛋: "鸡", 乌鸡: "鸡", 牛肉: "牛", 羊肉: "羊", 大口黑鲈: "鱼", 乌鳢: "鱼", 鳊鱼: "鱼", 大黄鱼: "鱼" }
    for (const [n, under] of Object.entries(animals)) {
      const r = animal(foods().resolve(n))
      expect(r.id).toBe(n)
      expect(r.speciesPath, n).toContain(under)
    }
    // 肉牛 / 肉羊 are named as animals in the plan: they are species (purpose types) under 牛 / 羊
    expect(foods().resolveSpecies("肉牛")).toEqual({ ok: true, value: "肉牛" })
    expect(foods().resolveSpecies("肉羊")).toEqual({ ok: true, value: "肉羊" })
    expect(foods().isWithin("肉牛", "牛")).toBe(true)
    expect(foods().isWithin("肉羊", "羊")).toBe(true)
  })

  test("every node and species path matches the raw parent links, root first, ending in itself", () => {
    const cat = foods()
    const roots = new Set(cat.nodes().filter((n) => !n.parent).map((n) => n.id))
    for (const n of cat.nodes()) {
      const p = cat.pathOf(n.id)
      expect(p, n.id).toEqual(refPath(n.id))
      expect(p.at(-1)).toBe(n.id)
      expect(roots.has(p[0]!), n.id).toBe(true)
      expect(plant(cat.resolve(n.id)).path).toEqual(p)
    }
    for (const s of cat.species()) {
      expect(cat.pathOf(s.id)).toEqual(refPath(s.id))
      expect(cat.pathOf(s.id)[0]).toBe("所有食品动物")
    }
    for (const p of cat.products()) {
      const r = animal(cat.resolve(p.id))
      expect(r.speciesPath).toEqual(refPath(p.species))
      expect(cat.hasSpecies(p.species) && cat.hasTissue(p.tissue), p.id).toBe(true)
    }
    expect(cat.pathOf("不存在的食品")).toEqual([])
  })

  // foods that hold other foods: the members Annex A lists inside 普通白菜, the fresh / dried forms
  // and parts GB 2763-2026 names for a medicinal plant, the Cucumis melo types below 甜瓜, and
  // 波森莓 inside 露莓 (GB 2763-2016: 露莓(包括波森莓和罗甘莓))
  const foodParents: Record<string, ReadonlyArray<string>> = {
    普通白菜: ["小白菜", "小油菜", "青菜"],
    人参: ["人参（鲜）", "人参（干）"],
    三七: ["三七（鲜）", "三七块根（干）", "三七须根（干）"],
    金银花: ["金银花（鲜）", "金银花（干）"],
    白术: ["白术（鲜）", "白术（干）"],
    甜瓜: ["薄皮甜瓜", "网纹甜瓜", "哈密瓜", "白兰瓜", "香瓜"],
    露莓: ["波森莓"]
  }
  test("every food's parent is a category, except the foods that hold their own forms or types", () => {
    const cat = foods()
    for (const n of cat.nodes()) {
      if (!n.parent) continue
      const parent = cat.nodes().find((m) => m.id === n.parent)
      if (parent?.kind === "food") expect(foodParents[n.parent] ?? [], n.id).toContain(n.id)
      else expect(parent?.kind, n.id).toBe("category")
    }
  })

  const nodeIds = () => foods().nodes().map((n) => n.id)
  prop([fc.nat(), fc.nat(), fc.boolean()], { numRuns: 300 })("isWithin(a, b) ⇔ b lies on a's reference path", (i, j, onPath) => {
    const ids = nodeIds()
    const a = ids[i % ids.length]!
    const path = refPath(a)
    // half the time b is drawn from a's own path, so both answers are exercised
    const b = onPath ? path[j % path.length]! : ids[j % ids.length]!
    expect(foods().isWithin(a, b)).toBe(path.includes(b))
    expect(foods().isWithin(a, a)).toBe(true)
  })
})
