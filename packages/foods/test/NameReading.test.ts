// Names as regulators write them: `FoodCatalogue.read` on the real national catalogue (every kind
// of name and every kind of step) and on small synthetic catalogues (properties of the grammar).
import fc from "fast-check"
import type { NameStepKind } from "@nongan/core/NameReading"
import { fromFiles, type FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import { normalise } from "@nongan/foods/QualifiedName"
import { describe, expect, test } from "vitest"
import { dataset, prop } from "./fixtures"

const foods = () => dataset().foods

/** Reads `written` and returns the entry id and the kinds of the steps taken (throws when refused). */
const readAs = (written: string, cat: FoodCatalogue = foods()) => {
  const r = cat.read(written)
  if (!r.ok) throw new Error(`${written}: expected a reading, got ${JSON.stringify(r.errors)}`)
  return { id: r.value.reading.read, kinds: r.value.reading.steps.map((s) => s.kind), value: r.value }
}
/** The error code (and params) of a refused reading. */
const refusal = (written: string, cat: FoodCatalogue = foods()) => {
  const r = cat.read(written)
  if (r.ok) throw new Error(`${written}: expected a refusal, read as ${r.value.reading.read}`)
  return r.errors[0]!
}

describe("each kind of name, each kind of step (real catalogue)", () => {
  const cases: ReadonlyArray<[string, string, ReadonlyArray<NameStepKind>]> = [
    ["韭菜", "韭菜", []],
    ["长豆角", "豇豆", ["synonym"]],
    ["西红柿", "番茄", ["synonym"]],
    ["桂圆", "龙眼", ["synonym"]],
    ["土豆", "马铃薯", ["synonym"]],
    ["番薯", "甘薯", ["synonym"]],
    ["生姜", "姜", ["synonym"]],
    ["橘子", "橘", ["synonym"]],
    ["砂糖橘", "橘", ["variety"]],
    ["冰糖橙", "橙", ["variety"]],
    ["小台农芒果", "芒果", ["variety"]],
    ["架豆王", "菜豆", ["variety"]],
    ["四季豆", "菜豆", ["synonym"]],
    ["铁棍山药", "山药", ["variety"]],
    ["螺丝椒", "辣椒", ["variety"]],
    ["牛奶木瓜", "番木瓜", ["variety"]],
    ["青梨", "梨", ["variety"]],
    ["韭菜(散装称重)", "韭菜", ["normalise", "qualifier"]],
    ["泥鳅（活）", "泥鳅", ["qualifier"]],
    ["进口香蕉", "香蕉", ["qualifier"]],
    ["鲜姜", "姜", ["qualifier"]],
    ["赣南脐橙", "橙", ["origin", "variety"]],
    ["山东省韭菜", "韭菜", ["origin"]],
    ["库尔勒香梨（梨子）", "梨", ["bracket", "origin", "variety"]],
    ["荷兰豆（食荚豌豆）", "食荚豌豆", ["bracket", "synonym"]],
    ["尖椒（辣椒）", "辣椒", ["bracket", "variety"]],
    ["泡椒（辣椒）", "辣椒", ["bracket"]],
    ["豆角（豇豆）", "豇豆", ["bracket"]],
    ["油菜（普通白菜）", "普通白菜", ["bracket"]],
    ["普通白菜（小白菜、小油菜、青菜）", "普通白菜", ["bracket"]],
    ["新鲜小葱/香葱", "葱", ["group", "qualifier", "variety"]],
    ["小葱、香葱", "葱", ["group", "variety"]],
    [" 韭菜 ", "韭菜", ["normalise"]],
    ["ＸＸ韭菜".slice(2), "韭菜", []],
    ["水稻", "稻谷", ["synonym"]],
    ["茶树", "茶叶", ["synonym"]],
    ["黄山绿茶", "茶叶", ["origin", "variety"]]
  ]
  for (const [written, id, kinds] of cases)
    test(`${written} → ${id} (${kinds.join(", ") || "no step"})`, () => {
      const r = readAs(written)
      expect(r.id).toBe(id)
      expect(r.kinds).toEqual(kinds)
    })

  test("a step says what it did: from, to, dropped, source", () => {
    const q = readAs("韭菜(散装称重)").value.reading.steps
    expect(q[1]).toEqual({ kind: "qualifier", from: "韭菜（散装称重）", to: "韭菜", dropped: "散装称重" })
    const o = readAs("赣南脐橙").value.reading.steps[0]
    expect(o).toEqual({ kind: "origin", from: "赣南脐橙", to: "脐橙", dropped: "赣南" })
    const v = readAs("砂糖橘").value.reading.steps[0]!
    expect(v.kind).toBe("variety")
    expect(v.source).toMatch(/抽检/)
    const c = readAs("水稻").value.reading.steps[0]!
    expect(c.note).toMatch(/crop name/)
    expect(c.source).toMatch(/GB 2763/)
  })

  test("the more specific of two names on one path is read", () => {
    const shrimp = readAs("虾爬子（海水虾）")
    expect(shrimp.id).toBe("口虾蛄")
    expect(shrimp.value.food.kind === "animal" && shrimp.value.food.speciesPath).toContain("海水虾")
    expect(readAs("海鲈鱼（海水鱼）").id).toBe("花鲈")
    expect(readAs("黑鱼（淡水鱼）").id).toBe("乌鳢")
    expect(readAs("普通白菜(小油菜)").id).toBe("小油菜")
  })

  test("a species group written as a product reads as its declared edible tissue", () => {
    for (const [name, tissue] of [["虾", "肌肉"], ["鱼", "皮+肉"], ["蟹", "肌肉"], ["淡水鱼", "皮+肉"], ["海水虾", "肌肉"], ["贝类", "肌肉"]] as const) {
      const r = readAs(name)
      expect(r.value.food).toMatchObject({ kind: "animal", species: name, tissue })
      expect(r.kinds).toEqual(["group"])
    }
    expect(readAs("螃蟹").kinds).toEqual(["synonym", "group"])
    expect(readAs("鲜虾").value.food).toMatchObject({ species: "虾", tissue: "肌肉" })
    // GB 31650 species groups keep the ids the limit and withdrawal tables use
    for (const id of ["水产动物", "鱼", "淡水鱼", "海水鱼", "甲壳类", "虾", "蟹", "贝类", "双壳贝类", "腹足类", "头足类", "棘皮类", "龟鳖类", "蛙类", "家禽", "猪"])
      expect(foods().hasSpecies(id), id).toBe(true)
    expect(foods().pathOf("虾")).toEqual(["所有食品动物", "水产动物", "甲壳类", "虾"])
  })

  test("animal products: fish, shellfish, offal, eggs", () => {
    expect(readAs("鲅鱼").value.food).toMatchObject({ id: "蓝点马鲛", tissue: "皮+肉" })
    expect(readAs("生蚝").id).toBe("牡蛎")
    expect(readAs("花甲").id).toBe("菲律宾蛤仔")
    expect(readAs("鸡肫").value.food).toMatchObject({ id: "鸡胗", species: "鸡", tissue: "可食下水" })
    expect(readAs("猪腰").id).toBe("猪肾")
    expect(readAs("土鸡蛋").id).toBe("鸡蛋")
    expect(readAs("甲鱼").id).toBe("中华鳖")
    expect(readAs("牛蛙").kinds).toEqual([])
  })
})

describe("refusals: a name that would need a guess", () => {
  test("an unknown name lists the nearest names", () => {
    const e = refusal("小白采")
    expect(e.code).toBe("unknown-food")
    expect(e.params.nearest).toContain("小白菜")
  })
  test("an ambiguous name lists what it may mean", () => {
    expect(refusal("豆角")).toMatchObject({ code: "ambiguous-name", params: { candidates: ["菜豆", "豇豆"] } })
    expect(refusal("青椒")).toMatchObject({ code: "ambiguous-name", params: { candidates: ["辣椒", "甜椒"] } })
    expect(refusal("鲈鱼").code).toBe("ambiguous-name")
  })
  test("a bracket naming another food is an error listing both", () => {
    expect(refusal("荷兰豆（番茄）")).toMatchObject({ code: "ambiguous-name", params: { candidates: ["食荚豌豆", "番茄"] } })
    expect(refusal("小葱/番茄").code).toBe("ambiguous-name")
    expect(refusal("柑、橘")).toMatchObject({ code: "ambiguous-name", params: { candidates: ["柑", "橘"] } })
  })
  test("a bracket alone names a food, never a category", () => {
    expect(refusal("某菜（蔬菜）").code).toBe("unknown-food")
    expect(refusal("某菜（叶菜类蔬菜）").code).toBe("unknown-food")
    expect(readAs("枣桃（桃）").id).toBe("桃")
  })
  test("a bracket that is neither a qualifier nor a name is never dropped", () => {
    expect(refusal("韭菜（某某）").code).toBe("unknown-food")
    expect(refusal("韭菜（）").code).toBe("unknown-food")
  })
  test("a word that changes the food is not a qualifier", () => {
    for (const w of ["冻虾", "干辣椒片", "去皮芋头", "小黄花菜"]) expect(foods().read(w).ok, w).toBe(false)
  })
  test("a species without a declared edible tissue is not a product", () => {
    expect(refusal("猪").code).toBe("not-an-animal-product")
    expect(refusal("活猪").code).toBe("not-an-animal-product")
  })
})

describe("properties of the real catalogue", () => {
  const cat = () => foods()
  const canonical = () => [...cat().nodes(), ...cat().products()].flatMap((e) => [e.id, e.name])

  test("read(resolved name) is the identity with no steps (exhaustive)", () => {
    for (const n of cat().names()) {
      const r = cat().resolve(n)
      if (!r.ok) continue
      const again = cat().read(r.value.name)
      expect(again.ok && again.value.reading, n).toEqual({ written: r.value.name, read: r.value.id, steps: [] })
    }
  })

  test("every declared name and alias reads as exactly one entry (exhaustive)", () => {
    for (const d of cat().declaredNames()) {
      const r = cat().read(d.name)
      if (d.kind === "ambiguous") {
        expect(r.ok, d.name).toBe(false)
        if (!r.ok) expect(r.errors[0]?.params.candidates, d.name).toEqual(d.candidates)
      } else {
        expect(r.ok && r.value.reading.read, d.name).toBe(d.target)
        expect(r.ok && r.value.reading.steps[0]?.kind, d.name).toBe(d.kind === "variety" ? "variety" : "synonym")
      }
    }
    for (const e of [...cat().nodes(), ...cat().products()])
      for (const a of e.aliases ?? []) expect(readAs(a).id, a).toBe(e.id)
  })

  test("declared names, aliases and grammar words never overlap", () => {
    const names = new Set(cat().names())
    for (const d of cat().declaredNames()) expect(names.has(d.name), d.name).toBe(false)
    for (const w of cat().qualifierWords()) {
      expect(names.has(w.word), w.word).toBe(false)
      expect(cat().read(w.word).ok, w.word).toBe(false)
    }
  })

  const prefixWords = () => cat().qualifierWords().filter((w) => w.kind === "origin" || w.where !== "bracket")
  const bracketWords = () => cat().qualifierWords().filter((w) => w.kind === "qualifier" && w.where !== "prefix")

  prop([fc.nat(), fc.nat()], { numRuns: 300 })("qualifier stripping never changes a canonical name", (i, j) => {
    const names = canonical()
    const n = names[i % names.length]!
    const q = prefixWords()[j % prefixWords().length]!
    const b = bracketWords()[j % bracketWords().length]!
    const base = cat().read(n)
    expect(base.ok && base.value.reading.steps).toEqual([])
    const id = base.ok ? base.value.reading.read : ""
    const known = new Set([...cat().names(), ...cat().declaredNames().map((d) => d.name)])
    if (!known.has(q.word + n)) expect(readAs(q.word + n).id).toBe(id)
    // a bracket qualifier never changes the food; where the bracketed form is itself declared
    // (三七（鲜）, a form GB 2763-2026 sets apart), it reads as that form, which lies below the food
    const sameOrForm = (written: string) => {
      const got = readAs(written).id
      if (got !== id) expect(cat().isWithin(got, id), `${written} → ${got}`).toBe(true)
      else expect(got).toBe(id)
    }
    sameOrForm(`${n}（${b.word}）`)
    sameOrForm(`${n}(${b.word})`)
  })

  prop([fc.string({ maxLength: 12 })], { numRuns: 300 })("read never throws and refuses only with the three codes", (s) => {
    const r = cat().read(s)
    if (!r.ok) expect(["unknown-food", "ambiguous-name", "not-an-animal-product"]).toContain(r.errors[0]?.code)
  })

  prop([fc.string({ maxLength: 12 })])("normalisation is idempotent", (s) => normalise(normalise(s)) === normalise(s))
})

describe("the grammar on synthetic catalogues", () => {
  const file = (extra: ReadonlyArray<Record<string, unknown>> = []) => ({
    kind: "food-catalogue",
    id: "t",
    nodes: [
      { id: "蔬菜", name: "蔬菜", kind: "category" },
      { id: "韭菜", name: "韭菜", parent: "蔬菜", kind: "food" },
      { id: "番茄", name: "番茄", parent: "蔬菜", kind: "food", aliases: ["西红柿"] }
    ],
    names: extra,
    qualifiers: [
      { word: "鲜", kind: "qualifier", verification: "unverified" },
      { word: "散装", kind: "qualifier", verification: "unverified" },
      { word: "山东", kind: "origin", verification: "unverified" }
    ]
  })
  const build = (extra: ReadonlyArray<Record<string, unknown>> = []) => {
    const r = fromFiles([file(extra)])
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    return r.value
  }
  const cite = { citation: { instrument: "test" }, verification: "unverified" }

  prop([fc.array(fc.constantFrom("鲜", "散", "装", "山", "东", "韭", "菜", "番", "茄", "西", "红", "柿", "(", ")", "/", "X", "Y"), { maxLength: 10 }), fc.array(fc.constantFrom("X", "Y", "Z", "菜", "茄"), { minLength: 1, maxLength: 3 })], { numRuns: 500 })(
    "a refused name never reads after another alias is added, unless it contains that alias",
    (chars, aliasChars) => {
      const written = chars.join("")
      const alias = aliasChars.join("")
      const before = build()
      if (before.read(written).ok) return
      const r = fromFiles([file([{ name: alias, kind: "synonym", target: "番茄", ...cite }])])
      if (!r.ok) return // the alias collides with a declared name or word: the loader refuses it
      if (r.value.read(written).ok) expect(normalise(written)).toContain(alias)
    }
  )

  test("a declared name that collides with a catalogue name or alias is refused by the loader", () => {
    const r = fromFiles([file([{ name: "西红柿", kind: "synonym", target: "韭菜", ...cite }])])
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(["ambiguous-name"])
  })
  test("a declared name must point at a food, and an ambiguous one at two", () => {
    const r = fromFiles([file([{ name: "韭黄", kind: "variety", target: "韭", ...cite }, { name: "菜", kind: "ambiguous", candidates: ["韭菜"], ...cite }])])
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(["pack-unknown-reference", "invalid-value"])
  })
  test("a grammar word that is a food name is refused by the loader", () => {
    const f = { ...file(), qualifiers: [{ word: "韭菜", kind: "qualifier", verification: "unverified" }] }
    const r = fromFiles([f])
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(["ambiguous-name"])
  })
  test("a species read as a product must name a known tissue", () => {
    const f = { kind: "food-catalogue", id: "s", nodes: [], species: [{ id: "虾", name: "虾", asProduct: { tissue: "壳", verification: "unverified" } }], tissues: [{ id: "肌肉", name: "肌肉" }] }
    const r = fromFiles([f])
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([["pack-unknown-reference", [0, "species", 0, "asProduct", "tissue"]]])
  })
  test("resolve stays strict: only read applies the grammar", () => {
    expect(foods().resolve("虾")).toMatchObject({ ok: false })
    expect(foods().resolve("砂糖橘")).toMatchObject({ ok: false })
    expect(foods().resolve("韭菜(散装)")).toMatchObject({ ok: false })
  })
  test("qualifiers and origins combine, in any order, and every step is recorded", () => {
    const cat = build([{ name: "韭黄", kind: "variety", target: "韭菜", ...cite }])
    expect(readAs("山东鲜韭黄（散装）", cat).kinds).toEqual(["qualifier", "origin", "qualifier", "variety"])
    expect(readAs("鲜山东韭菜", cat).kinds).toEqual(["qualifier", "origin"])
  })
})
