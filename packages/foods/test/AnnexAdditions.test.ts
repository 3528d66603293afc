// The catalogue entries added for the GB 2763-2026 and GB 2762-2025 limit tables (nongan issues 9
// and 10, 2026-12): every new node is reachable on the path its citation gives, every new alias
// reads to exactly one entry, the 肉食性鱼类 species set, and the names the notices still wrote.
import type { NonganError } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { fromFiles } from "@nongan/foods/FoodCatalogue"
import { describe, expect, test } from "vitest"
import { dataset } from "./fixtures"

const foods = () => dataset().foods
const pathOf = (r: Result<ResolvedFood, NonganError>): ReadonlyArray<string> => {
  if (!r.ok) throw new Error(`expected a resolution, got ${JSON.stringify(r.errors)}`)
  if (r.value.kind !== "plant") throw new Error(`expected a plant food, got ${JSON.stringify(r.value)}`)
  return r.value.path
}

// id → full path (root first), as the citations of the new nodes state it
const added: ReadonlyArray<[string, ReadonlyArray<string>]> = [
  ["蚕豆（杂粮）", ["谷物", "杂粮类", "蚕豆（杂粮）"]],
  ["木豆", ["谷物", "杂粮类", "木豆"]],
  ["麦胚", ["谷物", "麦胚"]],
  ["油橄榄", ["油料和油脂", "油籽类", "油橄榄"]],
  ["油茶籽", ["油料和油脂", "油籽类", "油茶籽"]],
  ["干制蔬菜", ["蔬菜", "干制蔬菜"]],
  ["黄花菜（干）", ["蔬菜", "干制蔬菜", "黄花菜（干）"]],
  ["葱（干）", ["蔬菜", "干制蔬菜", "葱（干）"]],
  ["番茄干", ["蔬菜", "干制蔬菜", "番茄干"]],
  ["菜瓜", ["蔬菜", "瓜类蔬菜", "菜瓜"]],
  ["茴香", ["蔬菜", "叶菜类蔬菜", "茴香"]],
  ["菜豆籽粒", ["蔬菜", "豆类蔬菜", "菜豆籽粒"]],
  ["甜瓜", ["水果", "瓜果类水果", "甜瓜类水果", "甜瓜"]],
  ["哈密瓜", ["水果", "瓜果类水果", "甜瓜类水果", "甜瓜", "哈密瓜"]],
  ["香瓜茄", ["水果", "瓜果类水果", "甜瓜类水果", "香瓜茄"]],
  ["波森莓", ["水果", "浆果和其他小型类水果", "藤蔓和灌木类水果", "露莓", "波森莓"]],
  ["柑橘肉（干）", ["水果", "干制水果", "柑橘肉（干）"]],
  ["苹果干", ["水果", "干制水果", "苹果干"]],
  ["蔓越莓", ["水果", "浆果和其他小型类水果", "蔓越莓"]],
  ["菊花（鲜）", ["饮料类", "菊花（鲜）"]],
  ["菊花（干）", ["饮料类", "菊花（干）"]],
  ["茉莉花（鲜）", ["饮料类", "茉莉花（鲜）"]],
  ["茉莉花（干）", ["饮料类", "茉莉花（干）"]],
  ["葡萄汁", ["饮料类", "葡萄汁"]],
  ["番茄汁", ["饮料类", "番茄汁"]],
  ["咖啡豆（烘焙）", ["饮料类", "咖啡豆（烘焙）"]],
  ["苦丁茶", ["饮料类", "苦丁茶"]],
  ["根茎类调味料", ["调味料", "根茎类调味料"]],
  ["山葵", ["调味料", "山葵"]],
  ["香茅", ["调味料", "香茅"]],
  ["番茄酱", ["调味料", "番茄酱"]],
  ["桂皮", ["调味料", "桂皮"]],
  ["人参（鲜）", ["药用植物", "根茎类药用植物", "人参", "人参（鲜）"]],
  ["人参（干）", ["药用植物", "根茎类药用植物", "人参", "人参（干）"]],
  ["三七（鲜）", ["药用植物", "根茎类药用植物", "三七", "三七（鲜）"]],
  ["三七块根（干）", ["药用植物", "根茎类药用植物", "三七", "三七块根（干）"]],
  ["三七须根（干）", ["药用植物", "根茎类药用植物", "三七", "三七须根（干）"]],
  ["金银花（鲜）", ["药用植物", "花及果实类药用植物", "金银花", "金银花（鲜）"]],
  ["金银花（干）", ["药用植物", "花及果实类药用植物", "金银花", "金银花（干）"]],
  ["白术（鲜）", ["药用植物", "根茎类药用植物", "白术", "白术（鲜）"]],
  ["白术（干）", ["药用植物", "根茎类药用植物", "白术", "白术（干）"]],
  ["贝母（鲜）", ["药用植物", "贝母（鲜）"]],
  ["贝母（干）", ["药用植物", "贝母（干）"]],
  ["百合（干）", ["药用植物", "百合（干）"]],
  ["藻类", ["藻类"]],
  ["新鲜藻类", ["藻类", "新鲜藻类"]],
  ["螺旋藻", ["藻类", "新鲜藻类", "螺旋藻"]],
  ...["榛蘑", "松露", "青头菌", "鸡枞", "鸡油菌", "多汁乳菇", "獐头菌", "姬松茸"].map((x): [string, ReadonlyArray<string>] => [x, ["食用菌", x]])
]

// alias as written → the one entry it names
const aliases: ReadonlyArray<[string, string]> = [
  ["杧果", "芒果"],
  ["蚕豆(干)", "蚕豆（杂粮）"],
  ["蚕豆（干）", "蚕豆（杂粮）"],
  ["黄花菜(鲜)", "黄花菜"],
  ["黄花菜(干)", "黄花菜（干）"],
  ["百合(鲜)", "百合"],
  ["百合(干)", "百合（干）"],
  ["荚不可食豆类蔬菜", "荚不可食类"],
  ["头状花序芸薹属类蔬菜", "头状花序芸薹属"],
  ["双孢蘑菇(鲜)", "双孢蘑菇"],
  ["蘑菇类", "蘑菇类（鲜）"],
  ["食用菜籽油", "菜籽油"],
  ["干菊花", "菊花（干）"],
  ["肉桂", "桂皮"],
  ["桂皮(肉桂)", "桂皮"],
  ["咖啡豆(烘焙)", "咖啡豆（烘焙）"],
  ["人参(鲜)", "人参（鲜）"],
  ["三七须根(干)", "三七须根（干）"],
  ["葱(干)", "葱（干）"],
  ["柑橘肉(干)", "柑橘肉（干）"],
  ["甜瓜类", "甜瓜类水果"]
]

describe("nodes added for the GB 2763-2026 / GB 2762-2025 tables", () => {
  test.each(added)("%s lies on its cited path", (id, path) => {
    const cat = foods()
    expect(cat.hasNode(id)).toBe(true)
    expect(cat.pathOf(id)).toEqual(path)
    expect(pathOf(cat.resolve(id))).toEqual(path)
    // reachable: the first element is a root (no parent)
    expect(cat.nodes().find((n) => n.id === path[0])?.parent ?? null).toBeNull()
  })

  test("every new node cites its source and says how well", () => {
    const byId = new Map(foods().nodes().map((n) => [n.id, n]))
    for (const [id] of added) {
      const n = byId.get(id)!
      expect(n.citation?.instrument, id).toMatch(/^GB 276[23]/)
      expect(["official-text", "secondary", "unverified"], id).toContain(n.verification)
    }
  })

  test.each(aliases)("%s reads to exactly one entry, %s", (alias, id) => {
    const cat = foods()
    const r = cat.resolve(alias)
    expect(r.ok && r.value.id).toBe(id)
    // one owner: no other entry declares the same name
    const owners = cat.nodes().filter((n) => n.id === alias || n.name === alias || (n.aliases ?? []).includes(alias))
    expect(owners.map((n) => n.id)).toEqual([id])
  })

  test("the dry broad bean and the vegetable stay apart; roasted coffee is not below green coffee", () => {
    const cat = foods()
    expect(pathOf(cat.resolve("蚕豆"))).toContain("豆类蔬菜")
    expect(cat.isWithin("蚕豆（杂粮）", "蔬菜")).toBe(false)
    expect(cat.isWithin("咖啡豆（烘焙）", "咖啡豆")).toBe(false)
    // dried vegetables are not below their fresh food (a fresh limit does not reach them)
    expect(cat.isWithin("黄花菜（干）", "黄花菜")).toBe(false)
    expect(cat.isWithin("百合（干）", "蔬菜")).toBe(false)
  })
})

describe("the declared species set 肉食性鱼类 (GB 2762-2025 表A.1)", () => {
  test("the four named species are members; unnamed fish are not (open list)", () => {
    const cat = foods()
    const set = cat.speciesSet("肉食性鱼类")
    expect(set?.open).toBe(true)
    expect([...(set?.members ?? [])].sort()).toEqual(["枪鱼（物种）", "金枪鱼（物种）", "金目鲷（物种）", "鲨鱼（物种）"].sort())
    for (const m of set?.members ?? []) {
      expect(cat.inSpeciesSet("肉食性鱼类", m)).toBe(true)
      expect(cat.isWithin(m, "海水鱼")).toBe(true)
    }
    expect(cat.inSpeciesSet("肉食性鱼类", "草鱼（物种）")).toBe(false)
    expect(cat.inSpeciesSet("肉食性鱼类", "海水鱼")).toBe(false)
    expect(cat.inSpeciesSet("没有的集合", "金枪鱼（物种）")).toBe(false)
    // the products read as fish (皮+肉) of their species
    const r = cat.resolve("金枪鱼")
    expect(r.ok && r.value.kind === "animal" && [r.value.species, r.value.tissue]).toEqual(["金枪鱼（物种）", "皮+肉"])
  })

  const file = (extra: Record<string, unknown>) => ({
    kind: "food-catalogue",
    id: "t",
    nodes: [],
    species: [
      { id: "鱼", name: "鱼" },
      { id: "海水鱼", name: "海水鱼", parent: "鱼" },
      { id: "金枪鱼", name: "金枪鱼", parent: "海水鱼" },
      { id: "黄鳍金枪鱼", name: "黄鳍金枪鱼", parent: "金枪鱼" }
    ],
    ...extra
  })
  test("membership is inherited by species below a member", () => {
    const r = fromFiles([file({ speciesSets: [{ id: "肉食性鱼类", name: "肉食性鱼类", members: ["金枪鱼"] }] })])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.inSpeciesSet("肉食性鱼类", "黄鳍金枪鱼")).toBe(true)
    expect(r.value.inSpeciesSet("肉食性鱼类", "海水鱼")).toBe(false)
    expect(r.value.speciesSets().map((s) => s.id)).toEqual(["肉食性鱼类"])
  })
  test("an unknown member, a duplicate set and a set id that names an entry are errors", () => {
    const codes = (x: unknown) => {
      const r = fromFiles([file(x as Record<string, unknown>)])
      return r.ok ? [] : r.errors.map((e) => e.code)
    }
    expect(codes({ speciesSets: [{ id: "S", name: "S", members: ["鲸"] }] })).toContain("pack-unknown-reference")
    expect(codes({ speciesSets: [{ id: "S", name: "S", members: [] }, { id: "S", name: "S", members: [] }] })).toContain("pack-duplicate")
    expect(codes({ speciesSets: [{ id: "海水鱼", name: "海水鱼", members: ["金枪鱼"] }] })).toContain("ambiguous-name")
  })
})

describe("names the notices wrote that were still refused", () => {
  test.each([
    ["乌白菜", "普通白菜"],
    ["薄皮青椒", "辣椒"],
    ["高山云雾绿茶", "茶叶"],
    ["碧螺春二号", "茶叶"],
    ["普洱茶（熟茶）紧压茶", "茶叶"]
  ])("%s reads as %s through a declared variety", (written, id) => {
    const r = foods().read(written)
    expect(r.ok && r.value.food.id).toBe(id)
    expect(r.ok && r.value.reading.steps.map((s) => s.kind)).toContain("variety")
  })
  test("木瓜 and 山芹 stay refused (no cited reading)", () => {
    for (const w of ["木瓜", "山芹"]) {
      const r = foods().read(w)
      expect(r.ok ? "read" : r.errors[0]?.code, w).toBe("unknown-food")
    }
  })
})

describe("a qualifier prefix before a bracketed form the catalogue sets apart", () => {
  test.each([
    ["散装人参（鲜）", "人参（鲜）"],
    ["云南三七（鲜）", "三七（鲜）"],
    ["散装人参", "人参"],
    ["人参（鲜）(散装)", "人参（鲜）"],
    ["散装黄花菜（鲜）", "黄花菜"]
  ])("%s reads as %s (the more specific entry)", (written, id) => {
    const r = foods().read(written)
    expect(r.ok && r.value.reading.read).toBe(id)
  })
})
