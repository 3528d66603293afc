/**
 * The compact evidence store of `check` (`CheckEvidence`): what it keeps for a record is the bytes
 * of its JSON line (copied into slabs), and what it gives back is the record as judged — read again under the
 * same limits, with `--region` applied —, for the first record of each id among the most recent
 * ids, exactly as the window of parsed records it replaces.
 */
import { describe, expect, test } from "vitest"
import { evidenceStore } from "@nongan/cli/CheckEvidence"
import { withRegion } from "@nongan/cli/CheckRecord"
import { evidenceWindow } from "@nongan/sdk/EvidenceWindow"

const line = (id: string, extra = "") => `{"id":"${id}","kind":"inspection","product":"豇豆","region":"511923"${extra}}`

describe("evidenceStore", () => {
  test("gives back the record of a remembered line, as JSON.parse reads it, with --region applied", () => {
    const s = evidenceStore({ limits: {}, region: undefined })
    const l = line("A-1", ',"results":[{"substance":"克百威","value":"0.062","unit":"mg/kg"}]')
    s.remember("A-1", { line: l, n: 7 })
    expect(s.lookup("A-1")).toEqual(JSON.parse(l))
    const r = evidenceStore({ limits: {}, region: "500154" })
    r.remember("A-1", { line: l, n: 7 })
    expect(r.lookup("A-1")).toEqual(withRegion("500154", JSON.parse(l)))
    expect((r.lookup("A-1") as { region: string }).region).toBe("500154")
    expect(r.lookup("A-2")).toBeUndefined()
  })
  test("a number a double cannot hold comes back as its digits, as when the line was first read", () => {
    const s = evidenceStore({ limits: {}, region: undefined })
    s.remember("N", { line: `{"id":"N","results":[{"value":0.10000000000000000555}]}`, n: 1 })
    expect(JSON.stringify(s.lookup("N"))).toContain("0.10000000000000000555")
  })
  test("the first record of an id is kept; the oldest id leaves past the bound", () => {
    const s = evidenceStore({ limits: {}, region: undefined, max: 3 })
    s.remember("a", { line: line("a", ',"n":1'), n: 1 })
    s.remember("a", { line: line("a", ',"n":2'), n: 2 })
    for (const id of ["b", "c"]) s.remember(id, { line: line(id), n: 3 })
    expect((s.lookup("a") as { n: number }).n).toBe(1)
    s.remember("d", { line: line("d"), n: 4 })
    expect(s.lookup("a")).toBeUndefined()
    expect(s.lookup("b")).toBeDefined()
    expect(s.lookup("d")).toBeDefined()
    expect(s.size()).toBe(3)
  })
  test("items read whole (JSON, CSV, XLSX) are kept as their records", () => {
    const rec = { id: "C-1", kind: "inspection", results: [{ substance: "毒死蜱", value: "ND" }] }
    const s = evidenceStore({ limits: {}, region: "110101" })
    s.remember("C-1", { item: { record: rec, rows: [2, 3] } })
    expect(s.lookup("C-1")).toEqual({ ...rec, region: "110101" })
  })
  test("the same records as the sdk's evidenceWindow, at every step: ids that repeat, lines and items mixed, a small bound", () => {
    for (const max of [1, 2, 7, 50]) {
      const ref = evidenceWindow<unknown>(max)
      // small slabs: many are started and dropped
      const s = evidenceStore({ limits: {}, region: undefined, max, slab: 256 })
      let x = 12345
      let bad = 0
      for (let i = 0; i < 4000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648
        const id = String(x % (max * 4 + 3))
        const rec = { id, i, note: "检测".repeat(x % 40) }
        const u = x % 5 === 0 ? { item: { record: rec } } : { line: JSON.stringify(rec), n: i }
        ref.remember(id, rec)
        s.remember(id, u)
        if (s.size() !== ref.size()) bad++
        for (let k = 0; k < max * 4 + 3; k++) if (JSON.stringify(s.lookup(String(k))) !== JSON.stringify(ref.get(String(k)))) bad++
      }
      expect(bad).toBe(0)
    }
  })
  test("the bytes held stay those of the lines in the window (plus a slab), however many lines went through", () => {
    // lines read as slices of large chunks, as readline gives them
    const chunk = Array.from({ length: 2000 }, (_, i) => line(`X-${i}`, ',"note":"检测项目检测项目检测项目"')).join("\n")
    const lines = chunk.split("\n")
    const bytes = Buffer.byteLength(lines[0]!, "utf8")
    const max = 500
    const slab = 16 * 1024
    const s = evidenceStore({ limits: {}, region: undefined, max, slab })
    let most = 0
    for (let round = 0; round < 20; round++)
      for (const [i, l] of lines.entries()) {
        s.remember(`R${round}-${i}`, { line: l, n: i })
        most = Math.max(most, s.slabBytes())
      }
    expect(s.size()).toBe(max)
    // 40 000 lines went through; the slabs held stay near the window's 500 lines
    expect(most).toBeLessThanOrEqual(max * (bytes + 8) + 2 * slab)
    expect(most).toBeGreaterThanOrEqual(max * bytes)
    expect(s.lookup("R19-1999")).toEqual(JSON.parse(lines[1999]!))
    expect(s.lookup(`R19-${2000 - max}`)).toEqual(JSON.parse(lines[2000 - max]!))
    expect(s.lookup(`R19-${1999 - max}`)).toBeUndefined()
  })
  test("a line longer than a slab has a slab of its own, dropped when the line leaves", () => {
    const s = evidenceStore({ limits: {}, region: undefined, max: 2, slab: 64 })
    const long = line("L", `,"note":"${"x".repeat(500)}"`)
    s.remember("L", { line: long, n: 1 })
    expect(s.lookup("L")).toEqual(JSON.parse(long))
    expect(s.slabBytes()).toBeGreaterThanOrEqual(long.length)
    s.remember("a", { line: line("a"), n: 2 })
    s.remember("b", { line: line("b"), n: 3 })
    expect(s.lookup("L")).toBeUndefined()
    expect(s.slabBytes()).toBeLessThan(long.length)
  })
})
