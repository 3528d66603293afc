import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { JSONSchema } from "effect"
import { Finding } from "../src/Finding"
import { DEFAULT_LIMITS, FINDING_OBJECT_KEYS, freezeBelowFindings, type PlainLimits, toPlain } from "../src/Plain"
import { toPlainOracle } from "./oracle/PlainOracle"

// untrusted values: JSON-like trees with getters that throw, cycles, Proxies, functions, symbols,
// bigints, `__proto__` keys and holes, so every branch of the walk (and its error paths) is met
const hostile = (): fc.Arbitrary<unknown> => {
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.constant(Symbol.for("x")),
    fc.bigInt({ min: -5n, max: 5n })
  )
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("tree"), { maxLength: 5 }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), fc.constant("__proto__")), tie("tree"), { maxKeys: 5 }),
      tie("tree").map((v) => {
        const o: Record<string, unknown> = { a: v }
        Object.defineProperty(o, "boom", { enumerable: true, get: () => { throw new Error("getter") } })
        return o
      }),
      tie("tree").map((v) => new Proxy({ v }, { ownKeys: () => { throw new RangeError("trap") } })),
      tie("tree").map((v) => {
        const o: Record<string, unknown> = { v }
        o["self"] = [1, o]
        return o
      }),
      tie("tree").map((v) => {
        const shared = { v }
        return [shared, shared] // the same object twice is not a cycle
      })
    )
  }))
  return tree
}

const limits = fc.record<PlainLimits>({
  depth: fc.integer({ min: 0, max: 6 }),
  arrayLength: fc.integer({ min: 0, max: 6 }),
  keys: fc.integer({ min: 0, max: 6 }),
  stringLength: fc.integer({ min: 0, max: 6 }),
  nodes: fc.integer({ min: 1, max: 40 })
})

describe("toPlain", () => {
  test.prop([hostile(), fc.oneof(fc.constant(DEFAULT_LIMITS), limits), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.nat(9)), { maxLength: 2 })], { numRuns: 3000 })(
    "gives exactly what the walk before the stacks gave: the same copy or the same errors at the same paths",
    (u, lim, base) => {
      expect(toPlain(u, lim, base)).toStrictEqual(toPlainOracle(u, lim, base))
    }
  )

  test("the cases are not vacuous: copies, cycles, throws and too-large all occur", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(hostile(), fc.oneof(fc.constant(DEFAULT_LIMITS), limits), (u, lim) => {
        const r = toPlain(u, lim)
        if (r.ok) seen.add("ok")
        else for (const e of r.errors) seen.add(`${e.code}:${String(e.params["detail"] ?? e.params["name"])}`)
      }),
      { numRuns: 3000 }
    )
    for (const k of ["ok", "unreadable-input:cycle", "unreadable-input:throws", "unreadable-input:function", "too-large:depth", "too-large:values"]) expect(seen).toContain(k)
  })

  test("a path is the value's own: an error deep in a tree names every step from the base", () => {
    const o: Record<string, unknown> = { list: [{ x: 1 }, { y: () => 0 }] }
    const r = toPlain(o, DEFAULT_LIMITS, ["records", 3])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => e.path)).toStrictEqual([["records", 3, "list", 1, "y"]])
  })
})

describe("freezeBelowFindings reads every object-valued key of a finding", () => {
  // resolve a property's schema through $ref; a key holds only scalars when it is a string,
  // number or boolean, or an enumeration of strings
  const j = JSONSchema.make(Finding) as { $ref?: string; $defs: Record<string, any> } & Record<string, any>
  const defOf = (s: any): any => (s?.$ref ? defOf(j.$defs[String(s.$ref).split("/").pop()!]) : s)
  const root = defOf(j)
  const scalar = (s: any): boolean => {
    const d = defOf(s)
    if (d.type === "string" || d.type === "number" || d.type === "boolean") return true
    if (Array.isArray(d.enum)) return d.enum.every((x: unknown) => typeof x === "string")
    if (Array.isArray(d.anyOf)) return d.anyOf.every(scalar)
    return false
  }
  const objectKeys = Object.keys(root.properties).filter((k) => !scalar(root.properties[k]))

  test("the list is the schema's object-valued fields", () => {
    expect(objectKeys.length).toBeGreaterThan(3)
    expect([...FINDING_OBJECT_KEYS].sort()).toEqual([...objectKeys].sort())
  })

  test("a finding holding fresh objects under every such key has them all frozen, and stays mutable itself", () => {
    const finding: Record<string, unknown> = { code: "x", outcome: "custom", severity: "info" }
    for (const k of objectKeys) finding[k] = { inner: [{ deep: 1 }] }
    const report = freezeBelowFindings({ verdict: "compliant", findings: [finding], packs: [{ id: "p" }] })
    for (const k of objectKeys) {
      const v = finding[k] as { inner: Array<object> }
      expect(Object.isFrozen(v), k).toBe(true)
      expect(Object.isFrozen(v.inner[0]), k).toBe(true)
    }
    expect(Object.isFrozen(report.packs[0])).toBe(true)
    expect(Object.isFrozen(finding)).toBe(false)
    expect(Object.isFrozen(report.findings)).toBe(false)
  })
})
