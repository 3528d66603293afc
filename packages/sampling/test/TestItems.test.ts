import { describe, expect, test } from "vitest"
import { getOrThrow } from "@nongan/core/Result"
import { testItems } from "@nongan/sampling/TestItems"
import { context } from "./fixtures"

const items = (food: string, on: string) => {
  const c = context()
  return getOrThrow(testItems(c.composition.dataset, c.checkLists, food, on))
}

describe("test items per food", () => {
  test("2022: the key-variety substances of 豇豆, judged by the tables in force", () => {
    const r = items("豇豆", "2022-06-15")
    expect(r.items.map((i) => [i.substance, i.status])).toEqual([
      ["克百威", "prohibited"],
      ["水胺硫磷", "prohibited"],
      ["氧乐果", "prohibited"],
      ["灭蝇胺", "limit"]
    ].sort(([a], [b]) => (a! < b! ? -1 : 1)))
    expect(r.items.find((i) => i.substance === "灭蝇胺")!.limit).toMatchObject({ value: "0.5", unit: "mg/kg" })
  })
  test("2026: the market-regulation check list of 豇豆 (表34-15); items no held table can judge are listed apart", () => {
    const r = items("豇豆", "2026-06-15")
    expect(r.items.every((i) => i.sources.includes("samr-checklist-2026 表34-15"))).toBe(true)
    expect(r.items.map((i) => i.substance)).toContain("克百威")
    for (const i of r.notHeld) expect(i.limit).toBeUndefined()
    expect([...r.items, ...r.notHeld].length).toBe(10)
  })
  test("a table of a category covers its members: 鳊鱼 by 淡水鱼 (表35-1); names that are no substance are kept as written", () => {
    const r = items("鳊鱼", "2026-06-15")
    expect(r.items.map((i) => i.substance)).toContain("孔雀石绿")
    expect(r.unresolved).toContain("挥发性盐基氮a")
  })
  test("an unknown food is an error", () => {
    const c = context()
    expect(testItems(c.composition.dataset, c.checkLists, "小白采", "2026-06-15").ok).toBe(false)
  })
})
