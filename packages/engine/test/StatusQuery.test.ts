import { describe, expect, test } from "vitest"
import { statusOf } from "@nongan/engine/StatusQuery"
import { dataset } from "../../../test/support/national"

describe("statusOf: status questions with names as written", () => {
  const ds = dataset()

  test("a crop name reads as its food, and the reading is reported (氟虫腈 on 水稻 → 稻谷, banned since 2009-10-01)", () => {
    const r = statusOf(ds, { substance: "氟虫腈", on: "2025-01-01", food: "水稻" })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.prohibited).toBe(true)
    expect(r.value.read?.food).toMatchObject({ written: "水稻", read: "稻谷" })
    expect(r.value.read?.substance).toBeUndefined()
  })

  test("the same question on 稻谷 itself needs no reading and gives the same statuses", () => {
    const a = statusOf(ds, { substance: "氟虫腈", on: "2025-01-01", food: "水稻" })
    const b = statusOf(ds, { substance: "氟虫腈", on: "2025-01-01", food: "稻谷" })
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    expect(b.value.read).toBeUndefined()
    expect(a.value.statuses).toEqual(b.value.statuses)
  })

  test("an unknown food is an error at the caller's path, with nearest names", () => {
    const r = statusOf(ds, { substance: "氟虫腈", on: "2025-01-01", food: "水稲x" }, { substance: [], on: ["--on"], food: ["--food"], species: ["--species"] })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors[0]).toMatchObject({ code: "unknown-food", path: ["--food"] })
  })

  test("food and species together is refused", () => {
    const r = statusOf(ds, { substance: "恩诺沙星", on: "2025-01-01", food: "鸡蛋", species: "鸡" })
    expect(r.ok).toBe(false)
  })
})
