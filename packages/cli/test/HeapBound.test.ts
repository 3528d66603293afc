import { describe, expect, test } from "vitest"
import { heapBound, RECORDS_PER_COLLECTION } from "../src/HeapBound"

describe("HeapBound", () => {
  test("collects once every `every` records counted, and only then", () => {
    const b = heapBound(3)
    b.count(1)
    b.count(1)
    expect(b.collections()).toBe(0)
    b.count(1)
    // V8's collector is reachable at run time on the Node versions nongan supports
    expect(b.collections()).toBe(1)
    b.count(5)
    expect(b.collections()).toBe(2)
    b.count(2)
    expect(b.collections()).toBe(2)
  })
  test("the default interval is a stretch of records whose garbage a short run makes too", () => {
    expect(RECORDS_PER_COLLECTION).toBeGreaterThanOrEqual(10_000)
    expect(RECORDS_PER_COLLECTION).toBeLessThanOrEqual(100_000)
  })
})
