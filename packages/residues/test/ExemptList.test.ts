import { formatPath } from "@nongan/core/NonganError"
import { getOrThrow } from "@nongan/core/Result"
import { fromFiles } from "@nongan/residues/ExemptList"
import { judgeInspection } from "@nongan/residues/Judge"
import { loadDataset } from "@nongan/sdk/Validator"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const ds = getOrThrow(loadDataset())
const file = JSON.parse(readFileSync(join(import.meta.dirname, "../../../rules/national/limits/gb31650-2019-exempt.json"), "utf8"))
const rec = (product: string, substance: string, value: string, extra: Record<string, unknown> = {}) => ({
  id: "E-1",
  kind: "inspection" as const,
  sampledOn: "2026-06-15",
  product,
  results: [{ substance, value, unit: "ug/kg" }],
  ...extra
})
const judge = (r: ReturnType<typeof rec>) => getOrThrow(judgeInspection(ds, r as never)).findings

describe("GB 31650-2019 表2 exempt list", () => {
  it("loads all 154 entries, indexed by substance", () => {
    expect(file.entries).toHaveLength(154)
    expect(ds.exempt.size).toBe(154)
  })

  it("a detected 表2 drug on a covered species with no row is no-limit citing 表2, values say exempt", () => {
    // 醋酸: 表2, species 牛 / 马 (graph node 134)
    const [f] = judge(rec("牛肉", "醋酸", "5"))
    expect(f).toMatchObject({
      code: "residue.no-limit",
      outcome: "no-limit",
      source: "GB 31650-2019",
      citation: { instrument: "GB 31650-2019", clause: "表2" },
      verification: "secondary",
      values: { exempt: true, exemptList: "GB 31650-2019 表2", species: "牛", conditions: "not-read" }
    })
    // never presented as a limit
    expect(f!.limit).toBeUndefined()
  })

  it("outside the entry's species the exemption does not apply: limit-not-held as before", () => {
    const [f] = judge(rec("猪肉", "醋酸", "5"))
    expect(f!.code).toBe("residue.limit-not-held")
    expect(f!.values).not.toHaveProperty("exempt")
  })

  it("a row in force wins over the list (安普霉素 has 表1 rows for 猪; 表2 covers 鸡)", () => {
    const chicken = judge(rec("鸡肉", "安普霉素", "5"))[0]!
    expect(chicken).toMatchObject({ code: "residue.no-limit", values: { exempt: true, species: "鸡" } })
    // 猪 肾 100 µg/kg (表1 row held)
    expect(judge(rec("猪肾", "安普霉素", "5"))[0]).toMatchObject({ code: "residue.within-limit", limit: 100 })
  })

  it("not detected and plant foods are untouched; before the standard is in force the list does not apply", () => {
    expect(judge(rec("牛肉", "醋酸", "ND"))[0]!.code).toBe("residue.not-detected")
    expect(judge(rec("牛肉", "醋酸", "5", { sampledOn: "2020-03-31" }))[0]!.code).toBe("residue.limit-not-held")
  })

  it("machine-readable conditions: notInStates excludes the exemption in that state", () => {
    const entry = { ...file.entries[0], notInStates: ["lactating"] }
    const idx = getOrThrow(fromFiles([{ ...file, entries: [entry] }], ds.foods, ds.substances))
    const beef = getOrThrow(ds.foods.resolve("牛肉"))
    expect(idx.lookup("醋酸", beef, undefined, "2026-06-15")?.species).toBe("牛")
    expect(idx.lookup("醋酸", beef, "lactating", "2026-06-15")).toBeUndefined()
  })

  it("an unknown species or substance is refused with its path", () => {
    const bad = { ...file, entries: [{ ...file.entries[0], speciesCatalogued: ["不存在的动物"] }, { ...file.entries[1], substance: "不存在的药" }] }
    const r = fromFiles([bad], ds.foods, ds.substances)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => [e.code, formatPath(e.path)])).toEqual([
      ["pack-unknown-reference", "[0].entries[0].speciesCatalogued[0]"],
      ["pack-unknown-reference", "[0].entries[1].substance"]
    ])
  })
})
