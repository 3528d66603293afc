// Properties of the imported limit tables, over the real data: every row attaches to a known
// catalogue entry, and no two rows of one edition say different things about one subject at once.
import fc from "fast-check"
import { prop } from "../support/property"
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { fromFiles } from "@nongan/engine/Dataset"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { describe, expect, test } from "vitest"

const files = getOrThrow(readDataDir(join(rulesDir(), "national"), rulesDir()))
const ds = getOrThrow(fromFiles(files))
const rows = ds.limits.rows()

describe("imported limit tables", () => {
  test("the tables are not empty (GB 2763-2026, GB 2762-2025, GB 31650-2019 each hold hundreds of rows)", () => {
    for (const [instrument, min] of [["GB 2763-2026", 3000], ["GB 2762-2025", 150], ["GB 31650-2019", 500]] as const)
      expect(rows.filter((r) => r.instrument === instrument).length, instrument).toBeGreaterThan(min)
  })

  prop([fc.constantFrom(...rows)], { numRuns: 2000 })("every row resolves to a known food node, or a known species and tissue, and a known substance", (r) => {
    expect(ds.substances.get(r.row.substance), r.ref).toBeDefined()
    if (r.row.food !== undefined) expect(ds.foods.hasNode(r.row.food), r.ref).toBe(true)
    else {
      expect(ds.foods.hasSpecies(r.row.species!), r.ref).toBe(true)
      expect(r.row.tissue === "*" || ds.foods.hasTissue(r.row.tissue!), r.ref).toBe(true)
    }
    for (const x of r.row.excludes ?? []) expect(ds.foods.hasNode(x) || ds.foods.hasSpecies(x), `${r.ref} excludes ${x}`).toBe(true)
  })

  test("no two rows of one edition overlap for one subject (substance, food or species + tissue, restriction)", () => {
    const seen = new Map<string, Array<{ from: string; to?: string | undefined; ref: string }>>()
    const clashes: Array<string> = []
    for (const r of rows) {
      const key = [r.instrument, r.row.substance, r.row.food ?? "", r.row.species ?? "", r.row.tissue ?? "", r.row.restriction ?? ""].join("|")
      const list = seen.get(key) ?? []
      for (const o of list) if (!(r.to !== undefined && r.to < o.from) && !(o.to !== undefined && o.to < r.from)) clashes.push(`${o.ref} ↔ ${r.ref}`)
      list.push({ from: r.from, to: r.to, ref: r.ref })
      seen.set(key, list)
    }
    expect(clashes).toEqual([])
  })

  test("a table held whole names only substances it has rows for", () => {
    for (const instrument of ["GB 2763-2026"]) {
      const held = new Set(rows.filter((r) => r.instrument === instrument).map((r) => r.row.substance))
      for (const s of ds.limits.heldWhole(instrument)) expect(held.has(s), s).toBe(true)
    }
  })
})
