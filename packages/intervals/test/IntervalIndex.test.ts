// The interval loader: the real rows (every one cited, counts as the files say, withheld rows
// really unresolvable) and every integrity error on small synthetic files.
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import type { NonganError } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import { fromFiles } from "@nongan/intervals/IntervalIndex"
import { dataset, datasetWith, prop, rawFile } from "./fixtures"

const errs = (r: Result<unknown, NonganError>) => (r.ok ? [] : r.errors.map((e) => [e.code, e.path]))
const build = (...files: ReadonlyArray<unknown>) => fromFiles(files, dataset().foods, dataset().substances)

const wRow = (over: Record<string, unknown> = {}) => ({
  id: "w-1",
  product: "土霉素片",
  drugs: ["土霉素"],
  periods: [{ species: ["牛"], value: "7", unit: "d" }],
  effective: { from: "2003-05-22" },
  citation: { instrument: "农业部公告第278号", clause: "附件1 第4项" },
  verification: "official-text",
  ...over
})
const wFile = (...rows: ReadonlyArray<Record<string, unknown>>) => ({ kind: "withdrawal-table", id: "w", rows })
const pRow = (over: Record<string, unknown> = {}) => ({
  id: "p-1",
  registrationNo: "PD1",
  product: "X",
  activeIngredients: ["阿维菌素"],
  crop: "豇豆",
  phiDays: "5",
  citation: { instrument: "农药登记证 PD1" },
  verification: "official-text",
  ...over
})
const pFile = (...rows: ReadonlyArray<Record<string, unknown>>) => ({ kind: "phi-table", id: "p", rows })

describe("the real interval rows", () => {
  const idx = () => dataset().intervals
  type Raw = { id: string; citation?: { instrument?: string }; verification?: string; withheld?: unknown; [k: string]: unknown }
  const withdrawal = rawFile<{ rows: ReadonlyArray<Raw>; coverage: Record<string, number> }>("withdrawal-278.json")
  const phi = rawFile<{ rows: ReadonlyArray<Raw> }>("phi.json")

  test("every row in the files is cited and has a verification level", () => {
    for (const r of [...withdrawal.rows, ...phi.rows]) {
      expect(r.citation?.instrument?.trim(), r.id).toBeTruthy()
      expect(["official-text", "secondary", "unverified", "uncertain"], r.id).toContain(r.verification)
    }
    for (const e of [...idx().withdrawalRows(), ...idx().phiRows(), ...idx().withheld()]) {
      expect(e.citation.instrument.trim(), e.id).not.toBe("")
    }
  })

  test("every row is loaded or withheld, and the counts match the file's coverage note", () => {
    const loaded = idx().withdrawalRows()
    const held = idx().withheld().filter((w) => w.kind === "withdrawal")
    expect(loaded.length + held.length).toBe(withdrawal.rows.length)
    const by = (v: string) => loaded.filter((e) => e.verification === v).length
    expect(withdrawal.coverage).toEqual({
      rows: withdrawal.rows.length,
      loaded: loaded.length,
      withheld: held.length,
      officialText: by("official-text"),
      secondary: by("secondary"),
      unverified: by("unverified")
    })
    expect(idx().phiRows().length + idx().withheld().filter((w) => w.kind === "phi").length).toBe(phi.rows.length)
  })

  test("withheld rows name only names the catalogues do not know (restore them once they are catalogued)", () => {
    const { substances, foods } = dataset()
    for (const w of idx().withheld()) {
      for (const n of w.withheld.names) {
        const known = w.withheld.reason === "uncatalogued-substance" ? substances.resolve(n).ok : w.withheld.reason === "uncatalogued-food" ? foods.resolve(n).ok : foods.resolveSpecies(n).ok
        expect(known, `${w.id}: ${n} is now catalogued; remove the row's "withheld" marker`).toBe(false)
      }
    }
  })

  test("indexes: by product, by drug (aliases resolved), by registration, by ingredient and crop node", () => {
    expect(idx().byProduct("土霉素片").map((e) => e.id)).toEqual(["278-土霉素片"])
    expect(idx().byDrug("土霉素").map((e) => e.id).sort()).toEqual(["278-土霉素注射液", "278-土霉素片"])
    expect(idx().byIngredientCrop("阿维菌素", "柑橘类水果").map((e) => e.id)).toEqual(["ref-阿维菌素-1.8%乳油-柑橘"])
    expect(idx().byRegistration("none")).toEqual([])
    // species are stored as catalogue ids
    expect(idx().byProduct("土霉素片")[0]!.periods.map((p) => p.species)).toEqual([["牛", "羊", "猪"], ["家禽"]])
  })

  test("a repealed row ends the day before its repeal", () => {
    const e = idx().byProduct("甲磺酸培氟沙星注射液")[0]!
    expect(e.effective).toEqual({ from: "2003-05-22", to: "2016-12-30" })
    expect(e.row.repealedBy?.instrument).toBe("农业部公告第2292号")
  })

  prop([fc.constantFrom(...withdrawal.rows, ...phi.rows)])("every interval row is cited (property over the rows)", (r) => {
    expect(typeof r.citation?.instrument).toBe("string")
    expect(r.citation!.instrument!.trim().length).toBeGreaterThan(0)
  })
})

describe("integrity errors", () => {
  test("a good file loads", () => {
    expect(build(wFile(wRow()), pFile(pRow())).ok).toBe(true)
  })

  test("a row without citation or verification is uncited", () => {
    const { citation: _c, verification: _v, ...bare } = wRow()
    expect(errs(build(wFile(bare)))).toEqual([
      ["pack-uncited", [0, "rows", 0, "citation"]],
      ["pack-uncited", [0, "rows", 0, "verification"]]
    ])
    const { citation: _pc, ...bareP } = pRow()
    expect(errs(build(pFile(bareP)))).toEqual([["pack-uncited", [0, "rows", 0, "citation"]]])
  })

  test("a row with an empty citation instrument is a schema error", () => {
    expect(build(wFile(wRow({ citation: { instrument: " " } }))).ok).toBe(false)
  })

  test("ids are unique across files", () => {
    expect(errs(build(wFile(wRow()), pFile(pRow({ id: "w-1" }))))).toEqual([["pack-duplicate", [1, "rows", 0, "id"]]])
  })

  test("drugs, active ingredients, species and crops must resolve; aliases resolve", () => {
    expect(errs(build(wFile(wRow({ drugs: ["土霉素", "某未收录兽药"] }))))).toEqual([["unknown-substance", [0, "rows", 0, "drugs", 1]]])
    expect(errs(build(wFile(wRow({ periods: [{ species: ["恐龙"], value: "7", unit: "d" }] }))))).toEqual([
      ["unknown-species", [0, "rows", 0, "periods", 0, "species", 0]]
    ])
    expect(errs(build(pFile(pRow({ crop: "水稻", activeIngredients: ["某未收录农药"] }))))).toEqual([
      ["unknown-substance", [0, "rows", 0, "activeIngredients", 0]],
      ["unknown-food", [0, "rows", 0, "crop"]]
    ])
    expect(errs(build(pFile(pRow({ crop: "鸡蛋" }))))).toEqual([["invalid-value", [0, "rows", 0, "crop"]]])
    // 呋喃丹 is an alias of 克百威, 产蛋鸡 of 蛋鸡; 长豆角 of 豇豆
    const ok = build(pFile(pRow({ activeIngredients: ["呋喃丹"], crop: "长豆角" })), wFile(wRow({ periods: [{ species: ["产蛋鸡"], value: "1", unit: "d" }] })))
    expect(ok.ok).toBe(true)
    if (ok.ok) {
      expect(ok.value.byIngredientCrop("克百威", "豇豆")).toHaveLength(1)
      expect(ok.value.byProduct("土霉素片")[0]!.periods[0]!.species).toEqual(["蛋鸡"])
    }
  })

  test("a species listed twice in one row", () => {
    const row = wRow({ periods: [{ species: ["牛"], value: "7", unit: "d" }, { species: ["牛"], value: "5", unit: "d" }] })
    expect(errs(build(wFile(row)))).toEqual([["pack-duplicate", [0, "rows", 0, "periods", 1, "species", 0]]])
  })

  test("effective periods: required for withdrawal rows (or from the file), closed when repealed, never overlapping", () => {
    const { effective: _e, ...open } = wRow()
    expect(errs(build(wFile(open)))).toEqual([["missing-field", [0, "rows", 0, "effective"]]])
    expect(build({ ...wFile(open), effective: { from: "2003-05-22" } }).ok).toBe(true)
    expect(errs(build(wFile(wRow({ repealedBy: { instrument: "农业部令2017年第8号" } }))))).toEqual([["missing-field", [0, "rows", 0, "effective", "to"]]])
    const later = wRow({ id: "w-2", effective: { from: "2010-01-01" } })
    expect(errs(build(wFile(wRow(), later)))).toEqual([["pack-overlap", [0, "rows", 1, "effective"]]])
    expect(build(wFile(wRow({ effective: { from: "2003-05-22", to: "2009-12-31" } }), later)).ok).toBe(true)
    expect(errs(build(pFile(pRow(), pRow({ id: "p-2" }))))).toEqual([["pack-overlap", [0, "rows", 1, "effective"]]])
  })

  test("decimal periods, units and unknown fields are checked by the schema", () => {
    expect(errs(build(wFile(wRow({ periods: [{ species: ["牛"], value: "7天", unit: "d" }] }))))).toEqual([
      ["invalid-decimal", [0, "rows", 0, "periods", 0, "value"]]
    ])
    expect(errs(build(wFile(wRow({ periods: [{ species: ["牛"], value: "-1", unit: "d" }] }))))).toEqual([
      ["invalid-value", [0, "rows", 0, "periods", 0, "value"]]
    ])
    expect(errs(build(wFile(wRow({ milkDiscard: { value: "2", unit: "weeks" } }))))).toEqual([["invalid-value", [0, "rows", 0, "milkDiscard", "unit"]]])
    expect(errs(build(wFile(wRow({ withdrawl: "typo" }))))).toEqual([["unexpected-field", [0, "rows", 0, "withdrawl"]]])
    expect(errs(build({ kind: "limit-table", rows: [] }))).toEqual([["invalid-value", [0, "kind"]]])
  })

  test("a withheld row is not resolved or indexed, but is still cited", () => {
    const held = wRow({ drugs: ["马杜霉素"], withheld: { reason: "uncatalogued-substance", names: ["马杜霉素"] } })
    const r = build(wFile(held))
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.withdrawalRows()).toHaveLength(0)
      expect(r.value.withheldProduct("土霉素片").map((w) => w.id)).toEqual(["w-1"])
    }
    const { citation: _c, ...uncited } = held
    expect(errs(build(wFile(uncited)))).toEqual([["pack-uncited", [0, "rows", 0, "citation"]]])
  })

  test("errors carry the data file's path through the dataset loader", () => {
    const r = datasetWith({ path: "user/bad.json", json: pFile(pRow({ crop: "水稻" })) })
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path])).toEqual([["unknown-food", ["user/bad.json", "rows", 0, "crop"]]])
  })
})
