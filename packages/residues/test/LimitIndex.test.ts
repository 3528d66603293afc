import { contains } from "@nongan/core/EffectivePeriod"
import { formatPath } from "@nongan/core/NonganError"
import { fromFiles as foodsFromFiles, type FoodCatalogue, type ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { fromTables, type LimitIndex, type Resolution } from "@nongan/residues/LimitIndex"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import { loadDataset } from "@nongan/sdk/Validator"
import { fromFiles as substancesFromFiles, type SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { arbDate, arbDateIn, excludesFood, foodsUnder, nodeOf, pathOf, resolveFood } from "./helpers"

// ---------------------------------------------------------------------------------------------
// A small synthetic catalogue
// ---------------------------------------------------------------------------------------------

const foods: FoodCatalogue = (() => {
  const r = foodsFromFiles([
    {
      kind: "food-catalogue",
      id: "synthetic",
      nodes: [
        { id: "水果", name: "水果", kind: "category" },
        { id: "仁果类水果", name: "仁果类水果", parent: "水果", kind: "category" },
        { id: "苹果", name: "苹果", parent: "仁果类水果", kind: "food" },
        { id: "梨", name: "梨", parent: "仁果类水果", kind: "food" },
        { id: "山楂", name: "山楂", parent: "仁果类水果", kind: "food" },
        { id: "柑橘类水果", name: "柑橘类水果", parent: "水果", kind: "category" },
        { id: "橙", name: "橙", parent: "柑橘类水果", kind: "food" },
        { id: "蔬菜", name: "蔬菜", kind: "category" },
        { id: "叶菜类蔬菜", name: "叶菜类蔬菜", parent: "蔬菜", kind: "category" },
        { id: "芹菜", name: "芹菜", parent: "叶菜类蔬菜", kind: "food" },
        { id: "菠菜", name: "菠菜", parent: "叶菜类蔬菜", kind: "food" },
        { id: "普通白菜", name: "普通白菜", parent: "叶菜类蔬菜", kind: "food", aliases: ["小白菜"] }
      ],
      species: [
        { id: "所有食品动物", name: "所有食品动物" },
        { id: "家禽", name: "家禽", parent: "所有食品动物" },
        { id: "鸡", name: "鸡", parent: "家禽" },
        { id: "家畜", name: "家畜", parent: "所有食品动物" },
        { id: "牛", name: "牛", parent: "家畜" }
      ],
      tissues: [
        { id: "肌肉", name: "肌肉" },
        { id: "肝", name: "肝" },
        { id: "蛋", name: "蛋" },
        { id: "奶", name: "奶" }
      ],
      animalProducts: [
        { id: "鸡蛋", name: "鸡蛋", species: "鸡", tissue: "蛋" },
        { id: "鸡肉", name: "鸡肉", species: "鸡", tissue: "肌肉" },
        { id: "鸡肝", name: "鸡肝", species: "鸡", tissue: "肝" },
        { id: "牛奶", name: "牛奶", species: "牛", tissue: "奶" },
        { id: "牛肉", name: "牛肉", species: "牛", tissue: "肌肉" }
      ]
    }
  ])
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.value
})()

const SUBSTANCES = ["甲", "乙", "丙", "恩诺沙星", "阿维菌素", "地西泮"]
const substances: SubstanceCatalogue = (() => {
  const r = substancesFromFiles([
    { kind: "substance-catalogue", substances: SUBSTANCES.map((id) => ({ id, name: id, kind: "pesticide" })) }
  ])
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.value
})()

const cite = { instrument: "GB 0000-2020" }
const row = (o: Record<string, unknown>) => ({ unit: "mg/kg", citation: cite, verification: "official-text", ...o })
const table = (instrument: string, effective: { from: string; to?: string }, rows: ReadonlyArray<unknown>) => ({
  kind: "limit-table",
  instrument,
  effective,
  citation: { instrument },
  rows
})

const build = (files: ReadonlyArray<unknown>): LimitIndex => {
  const r = fromTables(files, foods, substances)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.value
}

const food = (name: string): ResolvedFood => {
  const r = foods.resolve(name)
  if (!r.ok) throw new Error(name)
  return r.value
}

const brief = (res: Resolution | undefined): string | undefined =>
  res && `${res.limit.ref} @${res.matchedAt}${res.mustNotDetect ? ` must-not-detect(${res.because})` : ""}`

describe("LimitIndex on a synthetic catalogue", () => {
  const idx = build([
    table("T-2020", { from: "2020-01-01", to: "2024-12-31" }, [
      row({ substance: "甲", food: "水果", limit: "1" }), // #0
      row({ substance: "甲", food: "仁果类水果", limit: "0.5", excludes: ["苹果"] }), // #1
      row({ substance: "甲", food: "梨", limit: "0.2", temporary: true }), // #2
      row({ substance: "乙", food: "叶菜类蔬菜", limit: "2", excludesListed: true }), // #3
      row({ substance: "乙", food: "芹菜", limit: "0.05" }), // #4
      row({ substance: "恩诺沙星", species: "家禽", tissue: "肌肉", limit: "100", unit: "ug/kg", restriction: "laying" }), // #5
      row({ substance: "恩诺沙星", species: "所有食品动物", tissue: "肝", limit: "200", unit: "ug/kg" }), // #6
      row({ substance: "阿维菌素", species: "牛", tissue: "肌肉", limit: "10", unit: "ug/kg", restriction: "lactating" }), // #7
      row({ substance: "地西泮", species: "所有食品动物", tissue: "*", mustNotDetect: true }), // #8
      row({ substance: "丙", food: "叶菜类蔬菜", limit: "0.3", effective: { from: "2020-01-01", to: "2021-06-30" } }), // #9
      row({ substance: "丙", food: "叶菜类蔬菜", limit: "0.1", effective: { from: "2021-07-01" } }) // #10
    ]),
    table("T-2025", { from: "2025-01-01" }, [
      row({ substance: "甲", food: "仁果类水果", limit: "0.4" }), // #0: newer, category only
      row({ substance: "恩诺沙星", species: "鸡", tissue: "蛋", limit: "50", unit: "ug/kg" }) // #1
    ]),
    // an amendment in force alongside T-2020: the later table at the same node wins
    table("T-2020.1", { from: "2022-01-01", to: "2024-12-31" }, [row({ substance: "甲", food: "水果", limit: "0.8" })])
  ])

  test("a category limit applies to its members", () => {
    expect(brief(idx.lookup("甲", food("山楂"), "2021-01-01"))).toBe("T-2020#1 @仁果类水果")
    expect(brief(idx.lookup("甲", food("橙"), "2021-01-01"))).toBe("T-2020#0 @水果")
    expect(idx.lookup("甲", food("山楂"), "2021-01-01")?.path).toEqual(["水果", "仁果类水果", "山楂"])
  })

  test("an excluded member does not get the excluding row, and falls back to the next category up", () => {
    expect(brief(idx.lookup("甲", food("苹果"), "2021-01-01"))).toBe("T-2020#0 @水果")
  })

  test("the most specific row wins, whatever the order of the tables", () => {
    expect(brief(idx.lookup("甲", food("梨"), "2021-01-01"))).toBe("T-2020#2 @梨")
    // in 2025 the specific row is out of force and the newer table only has the category row
    expect(brief(idx.lookup("甲", food("梨"), "2025-01-01"))).toBe("T-2025#0 @仁果类水果")
    // T-2025 has no exclusion: 苹果 now gets the category row
    expect(brief(idx.lookup("甲", food("苹果"), "2025-06-01"))).toBe("T-2025#0 @仁果类水果")
  })

  test("at one node the row of the later instrument in force wins (an amendment over its base)", () => {
    expect(brief(idx.lookup("甲", food("橙"), "2021-12-31"))).toBe("T-2020#0 @水果")
    expect(brief(idx.lookup("甲", food("橙"), "2022-01-01"))).toBe("T-2020.1#0 @水果")
  })

  test("(单列的除外): a category row with excludesListed skips members listed separately in the same table", () => {
    expect(brief(idx.lookup("乙", food("芹菜"), "2021-01-01"))).toBe("T-2020#4 @芹菜")
    expect(brief(idx.lookup("乙", food("菠菜"), "2021-01-01"))).toBe("T-2020#3 @叶菜类蔬菜")
  })

  test("effective periods are inclusive at both ends; outside them there is no limit", () => {
    expect(idx.lookup("甲", food("橙"), "2019-12-31")).toBeUndefined()
    expect(brief(idx.lookup("甲", food("橙"), "2020-01-01"))).toBe("T-2020#0 @水果")
    expect(brief(idx.lookup("甲", food("橙"), "2024-12-31"))).toBe("T-2020.1#0 @水果")
    expect(idx.lookup("甲", food("橙"), "2025-01-01")).toBeUndefined()
    expect(brief(idx.lookup("丙", food("菠菜"), "2021-06-30"))).toBe("T-2020#9 @叶菜类蔬菜")
    expect(brief(idx.lookup("丙", food("菠菜"), "2021-07-01"))).toBe("T-2020#10 @叶菜类蔬菜")
    // a row's own period overrides the table's: #10 has no end, the table ends 2024-12-31
    expect(brief(idx.lookup("丙", food("菠菜"), "2026-01-01"))).toBe("T-2020#10 @叶菜类蔬菜")
  })

  test("no limit is its own outcome (undefined), not a default", () => {
    expect(idx.lookup("甲", food("芹菜"), "2021-01-01")).toBeUndefined()
    expect(idx.lookup("未收录", food("芹菜"), "2021-01-01")).toBeUndefined()
  })

  test("the temporary flag (*) is carried on the resolved row", () => {
    expect(idx.lookup("甲", food("梨"), "2021-01-01")?.limit.row.temporary).toBe(true)
    expect(idx.lookup("甲", food("山楂"), "2021-01-01")?.limit.row.temporary).toBeUndefined()
  })

  test("不得检出 (mustNotDetect) on 所有食品动物 / * applies to every tissue of every species", () => {
    for (const p of ["鸡蛋", "鸡肉", "鸡肝", "牛奶", "牛肉"]) {
      const res = idx.lookup("地西泮", food(p), "2021-01-01")
      expect(res?.mustNotDetect).toBe(true)
      expect(res?.because).toBe("must-not-detect")
      expect(res?.matchedAt).toBe("所有食品动物")
    }
  })

  test("产蛋期禁用: eggs of a species whose drug row is restricted for laying get must-not-detect, unless an egg limit exists", () => {
    const meat = idx.lookup("恩诺沙星", food("鸡肉"), "2021-01-01")
    expect(brief(meat)).toBe("T-2020#5 @家禽")
    expect(meat?.mustNotDetect).toBe(false)
    const egg = idx.lookup("恩诺沙星", food("鸡蛋"), "2021-01-01")
    expect(brief(egg)).toBe("T-2020#5 @家禽 must-not-detect(laying)")
    // tissues match exactly: the liver row applies to liver only
    expect(brief(idx.lookup("恩诺沙星", food("鸡肝"), "2021-01-01"))).toBe("T-2020#6 @所有食品动物")
    // from 2025 an egg limit exists and is an ordinary limit
    expect(brief(idx.lookup("恩诺沙星", food("鸡蛋"), "2025-01-01"))).toBe("T-2025#1 @鸡")
    // the restriction reaches eggs, not milk: beef cattle rows restricted for laying do not exist
    expect(idx.lookup("恩诺沙星", food("牛奶"), "2021-01-01")).toBeUndefined()
  })

  test("泌乳期禁用: milk of a species whose drug row is restricted for lactation gets must-not-detect", () => {
    expect(brief(idx.lookup("阿维菌素", food("牛奶"), "2021-01-01"))).toBe("T-2020#7 @牛 must-not-detect(lactating)")
    expect(idx.lookup("阿维菌素", food("牛肉"), "2021-01-01")?.mustNotDetect).toBe(false)
    expect(idx.lookup("阿维菌素", food("鸡蛋"), "2021-01-01")).toBeUndefined()
  })

  test("the timeline memo is consistent after many lookups in any order", () => {
    const days = ["2019-06-01", "2020-01-01", "2021-06-30", "2021-07-01", "2022-01-01", "2024-12-31", "2025-01-01", "2030-01-01"]
    for (const s of SUBSTANCES)
      for (const f of [...foods.nodes().map((n) => n.id), ...foods.products().map((p) => p.id)])
        for (const d of [...days].reverse()) expect(brief(idx.lookup(s, food(f), d))).toBe(brief(idx.resolveAt(s, food(f), d)))
  })
})

describe("fromTables integrity checks", () => {
  const errorsOf = (files: ReadonlyArray<unknown>) => {
    const r = fromTables(files, foods, substances)
    return r.ok ? [] : r.errors.map((e) => `${e.code}@${formatPath(e.path)}`)
  }

  test("two rows of one subject overlapping in time within one instrument are a pack-overlap", () => {
    expect(
      errorsOf([table("T", { from: "2020-01-01" }, [row({ substance: "甲", food: "梨", limit: "1" }), row({ substance: "甲", food: "梨", limit: "2" })])])
    ).toEqual(["pack-overlap@[0].rows[1]"])
    expect(
      errorsOf([
        table("T", { from: "2020-01-01" }, [
          row({ substance: "甲", food: "梨", limit: "1", effective: { from: "2020-01-01", to: "2021-01-01" } }),
          row({ substance: "甲", food: "梨", limit: "2", effective: { from: "2021-01-01" } })
        ])
      ])
    ).toEqual(["pack-overlap@[0].rows[1]"])
    expect(
      errorsOf([
        table("T", { from: "2020-01-01" }, [
          row({ substance: "恩诺沙星", species: "鸡", tissue: "肌肉", limit: "1", unit: "ug/kg" }),
          row({ substance: "恩诺沙星", species: "鸡", tissue: "肌肉", limit: "2", unit: "ug/kg" })
        ])
      ])
    ).toEqual(["pack-overlap@[0].rows[1]"])
  })

  test("adjacent periods, other instruments, other tissues and other nodes are not overlaps", () => {
    expect(
      errorsOf([
        table("T", { from: "2020-01-01" }, [
          row({ substance: "甲", food: "梨", limit: "1", effective: { from: "2020-01-01", to: "2020-12-31" } }),
          row({ substance: "甲", food: "梨", limit: "2", effective: { from: "2021-01-01" } }),
          row({ substance: "甲", food: "仁果类水果", limit: "2" }),
          row({ substance: "恩诺沙星", species: "鸡", tissue: "肌肉", limit: "1", unit: "ug/kg" }),
          row({ substance: "恩诺沙星", species: "鸡", tissue: "肝", limit: "2", unit: "ug/kg" })
        ]),
        table("U", { from: "2020-01-01" }, [row({ substance: "甲", food: "梨", limit: "3" })])
      ])
    ).toEqual([])
  })

  test("property: a random table with two rows on one subject is an overlap exactly when their periods meet", () => {
    const arbPeriod = fc
      .tuple(arbDate, fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }))
      .map(([from, len]) => (len === undefined ? { from } : { from, to: new Date(Date.parse(from) + len * 86_400_000).toISOString().slice(0, 10) }))
    fc.assert(
      fc.property(arbPeriod, arbPeriod, fc.constantFrom("梨", "仁果类水果"), (a, b, node) => {
        const errs = errorsOf([
          table("T", { from: "2000-01-01" }, [
            row({ substance: "甲", food: "梨", limit: "1", effective: a }),
            row({ substance: "甲", food: node, limit: "2", effective: b })
          ])
        ])
        const meet = (a.to === undefined || b.from <= a.to) && (b.to === undefined || a.from <= b.to)
        expect(errs).toEqual(meet && node === "梨" ? ["pack-overlap@[0].rows[1]"] : [])
      }),
      { numRuns: 300 }
    )
  })

  test("unknown references, missing values, non-concentration units and rows naming no subject are errors with paths", () => {
    expect(
      errorsOf([
        table("T", { from: "2020-01-01" }, [
          row({ substance: "未知", food: "梨", limit: "1" }),
          row({ substance: "甲", food: "未知", limit: "1" }),
          row({ substance: "甲", food: "梨" }),
          row({ substance: "乙", food: "梨", limit: "1", unit: "d" }),
          row({ substance: "甲", food: "仁果类水果", limit: "1", excludes: ["未知"] }),
          row({ substance: "恩诺沙星", species: "未知", tissue: "肌肉", limit: "1" }),
          row({ substance: "恩诺沙星", species: "鸡", tissue: "未知", limit: "1" }),
          row({ substance: "甲", limit: "1" }),
          row({ substance: "甲", food: "梨", species: "鸡", tissue: "肌肉", limit: "1" })
        ])
      ])
    ).toEqual([
      "pack-unknown-reference@[0].rows[0].substance",
      "pack-unknown-reference@[0].rows[1].food",
      "missing-field@[0].rows[2].limit",
      "invalid-unit@[0].rows[3].unit",
      "pack-unknown-reference@[0].rows[4].excludes[0]",
      "pack-unknown-reference@[0].rows[5].species",
      "pack-unknown-reference@[0].rows[6].tissue",
      "invalid-value@[0].rows[7]",
      "invalid-value@[0].rows[8]"
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// Properties over random synthetic tables: lookup (memoised timeline) ≡ resolveAt (direct walk)
// ---------------------------------------------------------------------------------------------

describe("LimitIndex on random synthetic tables", () => {
  const plantNodes = foods.nodes().map((n) => n.id)
  const arbPeriod = fc
    .tuple(fc.integer({ min: 2019, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }))
    .map(([y, m, len]) => {
      const from = `${y}-${String(m).padStart(2, "0")}-01`
      return len === undefined ? { from } : { from, to: `${y + len}-${String(m).padStart(2, "0")}-15` }
    })
  const arbPlantRow = fc.record({
    substance: fc.constantFrom("甲", "乙"),
    food: fc.constantFrom(...plantNodes),
    limit: fc.constantFrom("0.01", "0.1", "1"),
    excludes: fc.option(fc.subarray(plantNodes, { maxLength: 2 }), { nil: undefined }),
    excludesListed: fc.option(fc.boolean(), { nil: undefined }),
    effective: fc.option(arbPeriod, { nil: undefined })
  })
  // tables whose rows never overlap on one subject: one row per (substance, node) per table
  const arbTables = fc.array(
    fc.tuple(arbPeriod, fc.uniqueArray(arbPlantRow, { selector: (r) => `${r.substance}|${r.food}`, maxLength: 8 })),
    { minLength: 1, maxLength: 3 }
  )

  test("lookup equals resolveAt, the resolved row is in force and not excluding, and no more specific row applies", () => {
    fc.assert(
      fc.property(arbTables, fc.array(fc.tuple(fc.constantFrom("甲", "乙"), fc.constantFrom(...plantNodes), arbDate), { minLength: 1, maxLength: 20 }), (tables, queries) => {
        // exclusions name members of the row's node (fromTables rejects any other): keep only those
        const files = tables.map(([eff, rows], i) =>
          table(
            `R${i}`,
            eff,
            rows.map((r) =>
              row(
                Object.fromEntries(
                  Object.entries({ ...r, excludes: r.excludes?.filter((x) => x !== r.food && foods.isWithin(x, r.food)) }).filter(([, v]) => v !== undefined)
                )
              )
            )
          )
        )
        const idx = build(files)
        for (const [s, f, d] of queries) {
          const fd = food(f)
          const got = idx.lookup(s, fd, d)
          expect(brief(got)).toBe(brief(idx.resolveAt(s, fd, d)))
          const path = pathOf(fd)
          // oracle: the deepest node holding a row in force that does not exclude the food
          const applicable = idx
            .rows()
            .filter(
              (r) =>
                r.row.substance === s &&
                path.includes(r.row.food!) &&
                contains(r, d) &&
                !excludesFood(r.row, fd) &&
                !(
                  r.row.excludesListed &&
                  path
                    .slice(path.indexOf(r.row.food!) + 1)
                    .some((n) => idx.rows().some((o) => o.instrument === r.instrument && o.row.substance === s && o.row.food === n && contains(o, d)))
                )
            )
          if (applicable.length === 0) {
            expect(got).toBeUndefined()
            continue
          }
          const depth = Math.max(...applicable.map((r) => path.indexOf(r.row.food!)))
          expect(got).toBeDefined()
          expect(path.indexOf(got!.matchedAt)).toBe(depth)
          expect(contains(got!.limit, d)).toBe(true)
          expect(applicable).toContain(got!.limit)
          // at one node, the row from the table that came into force last
          expect(got!.limit.from).toBe(applicable.filter((r) => r.row.food === got!.matchedAt).map((r) => r.from).sort().at(-1))
        }
      }),
      { numRuns: 300 }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Properties over the real dataset
// ---------------------------------------------------------------------------------------------

const loaded = loadDataset()
if (!loaded.ok) throw new Error(`rule data does not load: ${JSON.stringify(loaded.errors.slice(0, 5))}`)
const ds = loaded.value
const rows = ds.limits.rows()
const allFoods: ReadonlyArray<ResolvedFood> = [...ds.foods.nodes().map((n) => n.id), ...ds.foods.products().map((p) => p.id)].map((id) =>
  resolveFood(ds, id)
)

/** Whether row `r` applies to food `f` on date `d` by position, period, exclusion and tissue (ignoring more specific rows). */
const applies = (r: IndexedLimit, f: ResolvedFood, d: string): boolean => {
  // GB 31650 其他动物: the food animals the drug's entry (same instrument) does not name
  if (f.kind === "animal" && r.row.species === "其他动物" && !f.speciesPath.includes("其他动物"))
    return (
      contains(r, d) &&
      (r.row.tissue === "*" || r.row.tissue === f.tissue) &&
      !rows.some((o) => o.instrument === r.instrument && o.row.substance === r.row.substance && o.row.species !== undefined && f.speciesPath.includes(o.row.species))
    )
  // GB 2763 limits on an animal-origin category (蛋类, 禽肉类 …) apply to the animal products it covers
  if (f.kind === "animal" && r.row.food !== undefined && f.categoryPath?.includes(r.row.food))
    return contains(r, d) && !(r.row.excludes ?? []).some((x) => f.categoryPath!.slice(f.categoryPath!.indexOf(r.row.food!) + 1).includes(x))
  if (!contains(r, d) || !pathOf(f).includes(nodeOf(r.row)) || excludesFood(r.row, f)) return false
  if (f.kind === "animal") return r.row.food === undefined && (r.row.tissue === "*" || r.row.tissue === f.tissue)
  return r.row.food !== undefined
}

/** Depth of the resolved node on the food's path. */
const depthOf = (res: Resolution | undefined, f: ResolvedFood): number => (res ? pathOf(f).indexOf(res.matchedAt) : -1)

describe("LimitIndex over the real dataset", () => {
  test("the dataset has category rows, exclusions, restrictions, must-not-detect and temporary rows to test", () => {
    expect(rows.filter((r) => r.row.food && ds.foods.nodes().find((n) => n.id === r.row.food)?.kind === "category").length).toBeGreaterThan(100)
    expect(rows.some((r) => r.row.excludes?.length)).toBe(true)
    expect(rows.some((r) => r.row.restriction === "laying")).toBe(true)
    expect(rows.some((r) => r.row.restriction === "lactating")).toBe(true)
    expect(rows.some((r) => r.row.mustNotDetect)).toBe(true)
    expect(rows.some((r) => r.row.temporary)).toBe(true)
  })

  const categoryRows = rows.filter((r) => foodsUnder(ds, r.row).length > 1)
  const arbCategoryCase = fc
    .constantFrom(...categoryRows)
    .chain((r) => {
      const dates = arbDateIn(r)
      const members = foodsUnder(ds, r.row).filter((f) => !excludesFood(r.row, f))
      return dates && members.length > 0 ? fc.tuple(fc.constant(r), fc.constantFrom(...members), dates) : fc.constant(undefined)
    })
    .filter((x) => x !== undefined)

  test("a category limit applies to every member not excluded: lookup gives that row, a later row at the same node, or a more specific one", () => {
    fc.assert(
      fc.property(arbCategoryCase, ([r, f, d]) => {
        const res = ds.limits.lookup(r.row.substance, f, d)
        expect(res).toBeDefined()
        const at = pathOf(f).indexOf(nodeOf(r.row))
        expect(depthOf(res, f)).toBeGreaterThanOrEqual(at)
        if (depthOf(res, f) === at) expect(res!.limit === r || res!.limit.from >= r.from).toBe(true)
        expect(res!.limit.row.substance).toBe(r.row.substance)
      }),
      { numRuns: 1000 }
    )
  })

  test("a more specific limit always wins: for every ancestor/descendant pair of rows of one substance, foods under the descendant resolve at or below it", () => {
    let pairs = 0
    const bySubstance = new Map<string, Array<IndexedLimit>>()
    for (const r of rows) bySubstance.set(r.row.substance, [...(bySubstance.get(r.row.substance) ?? []), r])
    for (const list of bySubstance.values())
      for (const anc of list)
        for (const desc of list) {
          if (anc === desc || nodeOf(anc.row) === nodeOf(desc.row)) continue
          if ((anc.row.food === undefined) !== (desc.row.food === undefined)) continue
          const descPath = desc.row.food !== undefined ? ds.foods.pathOf(desc.row.food) : ds.foods.pathOf(desc.row.species!)
          if (!descPath.includes(nodeOf(anc.row))) continue
          const from = anc.from > desc.from ? anc.from : desc.from
          const ends = [anc.to, desc.to].filter((x): x is string => x !== undefined).sort()
          const to = ends[0]
          if (to !== undefined && to < from) continue
          for (const f of foodsUnder(ds, desc.row)) {
            if (!applies(desc, f, from)) continue
            pairs++
            for (const d of to === undefined ? [from, "2027-12-31"] : [from, to]) {
              const res = ds.limits.lookup(desc.row.substance, f, d)
              expect(depthOf(res, f), `${desc.ref} over ${anc.ref} for ${f.id} on ${d}`).toBeGreaterThanOrEqual(pathOf(f).indexOf(nodeOf(desc.row)))
            }
          }
        }
    expect(pairs).toBeGreaterThan(100)
  })

  test("excluded members never get the excluding row", () => {
    let checked = 0
    for (const r of rows.filter((x) => x.row.excludes?.length)) {
      const excluded = foodsUnder(ds, r.row).filter((f) => excludesFood(r.row, f))
      for (const f of excluded)
        for (const d of [r.from, r.to ?? "2027-12-31"]) {
          checked++
          expect(ds.limits.lookup(r.row.substance, f, d)?.limit).not.toBe(r)
          expect(ds.limits.resolveAt(r.row.substance, f, d)?.limit).not.toBe(r)
        }
    }
    expect(checked).toBeGreaterThan(50)
  })

  test("every exclusion names a member below the row's node", () => {
    // An exclusion outside the row's subtree would exclude nothing; fromTables now rejects one (the
    // former GB 2763-2026#444 联苯菊酯 '食荚豌豆(豌豆除外)' had its no-op exclusion dropped, with a note).
    const noop = rows.flatMap((r) =>
      (r.row.excludes ?? []).filter((x) => x === nodeOf(r.row) || !ds.foods.pathOf(x).includes(nodeOf(r.row))).map((x) => `${r.ref} ${r.row.substance} ${nodeOf(r.row)} -${x}`)
    )
    expect(noop).toEqual([])
  })

  const substancesWithRows = [...new Set(rows.map((r) => r.row.substance))]
  const arbTriple = fc.tuple(
    fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...substancesWithRows) }, { weight: 1, arbitrary: fc.constantFrom(...ds.substances.all().map((s) => s.id)) }),
    fc.constantFrom(...allFoods),
    fc.oneof(arbDate, fc.constantFrom(...new Set(rows.flatMap((r) => [r.from, ...(r.to ? [r.to] : [])]))))
  )

  test("judged as of a date, only rows in force on that date are used; no limit only when no row applies", () => {
    fc.assert(
      fc.property(arbTriple, ([s, f, d]) => {
        const res = ds.limits.lookup(s, f, d)
        const candidates = rows.filter((r) => r.row.substance === s && applies(r, f, d))
        if (res) {
          expect(contains(res.limit, d)).toBe(true)
          expect(res.limit.row.substance).toBe(s)
          if (res.because === "laying" || res.because === "lactating") expect(candidates).toEqual([])
          else expect(candidates).toContain(res.limit)
        } else expect(candidates).toEqual([])
      }),
      { numRuns: 3000 }
    )
  })

  test("lookup (memoised timeline) equals resolveAt (direct walk)", () => {
    fc.assert(
      fc.property(arbTriple, ([s, f, d]) => {
        expect(brief(ds.limits.lookup(s, f, d))).toBe(brief(ds.limits.resolveAt(s, f, d)))
      }),
      { numRuns: 3000 }
    )
  })

  test("temporary rows resolve as limits, flagged temporary", () => {
    for (const r of rows.filter((x) => x.row.temporary)) {
      const f = foodsUnder(ds, r.row).find((x) => applies(r, x, r.from) && depthOf(ds.limits.lookup(r.row.substance, x, r.from), x) === pathOf(x).indexOf(nodeOf(r.row)))
      if (!f) continue
      const res = ds.limits.lookup(r.row.substance, f, r.from)
      expect(res?.limit.row.temporary, r.ref).toBe(true)
      expect(res?.limit.row.limit).toBeDefined()
      expect(res?.mustNotDetect).toBe(false)
    }
  })

  test("不得检出 rows on 所有食品动物 / * make every animal product must-not-detect", () => {
    const mnd = rows.filter((r) => r.row.mustNotDetect)
    expect(mnd.length).toBeGreaterThan(0)
    for (const r of mnd)
      for (const f of allFoods.filter((x) => x.kind === "animal" && applies(r, x, r.from))) {
        const res = ds.limits.lookup(r.row.substance, f, r.from)
        expect(res?.mustNotDetect, `${r.ref} ${f.id}`).toBe(true)
        expect(res?.because).toBe("must-not-detect")
      }
  })

  test("产蛋期禁用 / 泌乳期禁用: eggs (milk) of species under a restricted row, with no egg (milk) limit, are must-not-detect", () => {
    let checked = 0
    for (const r of rows.filter((x) => x.row.restriction)) {
      const tissue = r.row.restriction === "laying" ? "蛋" : "奶"
      for (const f of allFoods) {
        if (f.kind !== "animal" || f.tissue !== tissue || !f.speciesPath.includes(r.row.species!)) continue
        const ordinary = rows.filter((o) => o.row.substance === r.row.substance && !o.row.restriction && applies(o, f, r.from))
        const res = ds.limits.lookup(r.row.substance, f, r.from)
        checked++
        if (ordinary.length > 0) expect(res?.because).not.toBe(r.row.restriction)
        else {
          expect(res?.mustNotDetect, `${r.ref} ${f.id}`).toBe(true)
          expect(res?.because).toBe(r.row.restriction)
        }
      }
    }
    expect(checked).toBeGreaterThan(5)
    const egg = ds.limits.lookup("恩诺沙星", resolveFood(ds, "鸡蛋"), "2024-06-15")
    expect(egg?.because).toBe("laying")
    const meat = ds.limits.lookup("恩诺沙星", resolveFood(ds, "鸡肉"), "2024-06-15")
    expect(meat?.mustNotDetect).toBe(false)
  })

  test("the real tables have no overlaps (fromTables would refuse them)", () => {
    // loading succeeded, so every (instrument, substance, subject, tissue, restriction) is unique in time
    const seen = new Map<string, Array<IndexedLimit>>()
    for (const r of rows) {
      const k = [r.instrument, r.row.substance, nodeOf(r.row), r.row.tissue, r.row.restriction].join("|")
      for (const o of seen.get(k) ?? []) expect((o.to === undefined || r.from <= o.to) && (r.to === undefined || o.from <= r.to), `${o.ref} ${r.ref}`).toBe(false)
      seen.set(k, [...(seen.get(k) ?? []), r])
    }
  })
})
