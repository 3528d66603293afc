/**
 * The evidence window of `check` (both paths): the first record of each id among the most recent
 * 100 000 ids, exactly as `validateMany` keeps them (a Map whose oldest key leaves past the
 * bound), checked against that reference on ids that repeat and a small bound.
 */
import { describe, expect, test } from "vitest"
import { evidenceWindow } from "@nongan/sdk/EvidenceWindow"
import { EVIDENCE_WINDOW } from "@nongan/sdk/Validator"

describe("evidenceWindow", () => {
  test("the same ids, values and size as the reference, at every step", () => {
    for (const max of [1, 2, 7, 50]) {
      const ref = new Map<string, number>()
      const w = evidenceWindow<number>(max)
      let x = 12345
      let evicted = 0
      let bad = 0
      for (let i = 0; i < 5000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648
        const id = String(x % (max * 4 + 3))
        if (!ref.has(id)) {
          ref.set(id, i)
          if (ref.size > max) {
            ref.delete(ref.keys().next().value!)
            evicted++
          }
        }
        w.remember(id, i)
        if (w.size() !== ref.size) bad++
        for (let k = 0; k < max * 4 + 3; k++) if (w.get(String(k)) !== ref.get(String(k))) bad++
      }
      expect(bad).toBe(0)
      // not vacuous: ids did leave the window, and repeated ids kept their first record
      expect(evicted).toBeGreaterThan(100)
    }
  })
  test("the default bound is validateMany's", () => {
    const w = evidenceWindow<number>()
    for (let i = 0; i <= EVIDENCE_WINDOW; i++) w.remember(`r${i}`, i)
    expect(w.size()).toBe(EVIDENCE_WINDOW)
    expect(w.get("r0")).toBeUndefined()
    expect(w.get("r1")).toBe(1)
  })
})
