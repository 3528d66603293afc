/**
 * `nongan check --lang en` (issue 14 §5): the table and the explanation print the catalogue's
 * English substance and food names where it has an `english` field, the Chinese name otherwise
 * (no made-up translation); JSON output keeps the ids as judged.
 */
import { describe, expect, test } from "vitest"
import { loadDataset } from "@nongan/sdk/Validator"
import { englishNames } from "@nongan/cli/Render"
import { run } from "./run"

const record = `{"id":"A1","kind":"inspection","sampledOn":"2024-06-15","product":"芹菜","results":[{"substance":"毒死蜱","value":"0.13","unit":"mg/kg"},{"substance":"克百威","value":"0.001","unit":"mg/kg"}]}\n`
const ds = loadDataset()
if (!ds.ok) throw new Error("dataset")
const substances = ds.value.substances
const food = ds.value.foods.nodes().find((n) => n.id === "芹菜")

describe("check --lang en", () => {
  test("the catalogue gives the names this test relies on", () => {
    expect(substances.get("毒死蜱")?.english).toBe("chlorpyrifos")
    expect(substances.get("克百威")?.english).toBe("carbofuran")
    expect(food).toBeDefined()
    // 芹菜 has no English name in the catalogue: it must stay Chinese
    expect(food?.english).toBeUndefined()
  })

  test("the table prints English substance names, Chinese where the catalogue has none", async () => {
    const r = await run(["check", "-", "--lang", "en"], { stdin: record })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("- chlorpyrifos 0.13 > 0.05 mg/kg exceeds limit")
    expect(r.stdout).toContain("- carbofuran 0.001 ≤ 0.02 mg/kg")
    expect(r.stdout).not.toContain("毒死蜱")
    expect(r.stdout).not.toContain("克百威")
    expect(r.stdout).toMatch(/^A1 {2}芹菜 {2}2024-06-15 {2}non-compliant/)
  })

  test("the explanation prints English names, and category paths keep Chinese where there is none", async () => {
    const r = await run(["check", "-", "--lang", "en", "--format", "explain"], { stdin: record })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("• chlorpyrifos in 芹菜: exceeds limit")
    expect(r.stdout).toContain("• carbofuran in 芹菜: within limit")
    expect(r.stdout).not.toContain("毒死蜱 in")
  })

  test("Chinese output is unchanged, and JSON keeps the ids", async () => {
    const zh = await run(["check", "-"], { stdin: record })
    expect(zh.stdout).toContain("- 毒死蜱 0.13 > 0.05 mg/kg")
    for (const format of ["json", "jsonl"]) {
      const en = await run(["check", "-", "--lang", "en", "--format", format], { stdin: record })
      const plain = await run(["check", "-", "--format", format], { stdin: record })
      expect(en.code).toBe(0)
      expect(en.stdout).toContain(`"substance":"毒死蜱"`)
      expect(en.stdout).not.toContain("chlorpyrifos")
      expect(en.stdout).toBe(plain.stdout)
    }
  })

  test("englishNames looks up ids and aliases and never invents a name", () => {
    const en = englishNames(ds.value)
    expect(en("毒死蜱")).toBe("chlorpyrifos")
    expect(en("芹菜")).toBe("芹菜")
    expect(en("not a catalogue name")).toBe("not a catalogue name")
    for (const s of substances.all()) expect(en(s.id)).toBe(s.english ?? s.id)
  })
})
