// The real substance catalogue (rules/national/substances): exact resolution through declared
// names, aliases, English names and CAS numbers; unknown names; residue definitions; groups and
// metabolites; and the loader's integrity errors on small synthetic catalogues.
import fc from "fast-check"
import * as Decimal from "@nongan/core/Decimal"
import type { NonganError } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import { isDeclaredBasis } from "@nongan/substances/AnalyteGrammar"
import { fromFiles } from "@nongan/substances/SubstanceCatalogue"
import { describe, expect, test } from "vitest"
import { dataset, prop, rawSubstances } from "./fixtures"

const subs = () => dataset().substances
const codes = (r: Result<unknown, NonganError>) => (r.ok ? [] : r.errors.map((e) => e.code))

// every (name, canonical id) the raw JSON declares: id, name, aliases, English name, CAS
const declared = rawSubstances().flatMap((s) => [
  { name: s.id, id: s.id, how: "id" },
  { name: s.name, id: s.id, how: "name" },
  ...(s.aliases ?? []).map((name) => ({ name, id: s.id, how: "alias" })),
  ...(s.english ? [{ name: s.english, id: s.id, how: "english" }] : []),
  ...(s.cas ? [{ name: s.cas, id: s.id, how: "cas" }] : [])
])
const known = new Set(declared.map((d) => d.name))
const knownLower = new Set(declared.map((d) => d.name.toLowerCase()))
const ids = new Set(rawSubstances().map((s) => s.id))

const idOf = (name: string): string | undefined => {
  const r = subs().resolve(name)
  return r.ok ? r.value.id : undefined
}

describe("resolution", () => {
  test("呋喃丹 → 克百威", () => {
    expect(idOf("呋喃丹")).toBe("克百威")
    expect(idOf("carbofuran")).toBe("克百威")
    expect(idOf("1563-66-2")).toBe("克百威")
  })

  test("every declared id, name, alias, English name and CAS resolves to its entry (exhaustive)", () => {
    expect(declared.filter((d) => d.how === "alias").length).toBeGreaterThan(50)
    for (const d of declared) expect(idOf(d.name), `${d.how} ${d.name}`).toBe(d.id)
  })

  const english = declared.filter((d) => d.how === "english")
  prop([fc.constantFrom(...english), fc.infiniteStream(fc.boolean())])("English names resolve in any letter case", (d, upper) => {
    const mixed = [...d.name].map((c) => (upper.next().value ? c.toUpperCase() : c.toLowerCase())).join("")
    expect(idOf(mixed)).toBe(d.id)
  })

  const aliases = declared.filter((d) => d.how === "alias")
  const space = fc.string({ unit: fc.constantFrom(" ", "\t", "\u3000"), maxLength: 2 })
  prop([fc.constantFrom(...aliases), space, space])("an alias with surrounding white space resolves the same", (d, a, b) => {
    expect(idOf(`${a}${d.name}${b}`)).toBe(d.id)
  })

  const chars = [...new Set([...known].flatMap((n) => [...n]))]
  const unknownName = fc
    .oneof(
      fc
        .tuple(fc.constantFrom(...[...known]), fc.nat(), fc.constantFrom(...chars))
        .map(([n, i, c]) => {
          const cs = [...n]
          cs.splice(i % (cs.length + 1), i % 2, c)
          return cs.join("")
        }),
      fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 6 }),
      fc.string({ maxLength: 10 })
    )
    .filter((s) => !known.has(s.trim()) && !knownLower.has(s.trim().toLowerCase()))

  prop([unknownName], { numRuns: 200 })("an unknown name is unknown-substance with nearest known names", (name) => {
    const r = subs().resolve(name)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const e = r.errors[0]!
    expect(e.code).toBe("unknown-substance")
    expect(e.params.name).toBe(name)
    const nearest = e.params.nearest as ReadonlyArray<string>
    expect(nearest.length).toBeGreaterThan(0)
    expect(nearest.length).toBeLessThanOrEqual(5)
    for (const n of nearest) expect(ids.has(n), n).toBe(true)
  })

  test("a near miss lists the intended substance", () => {
    const r = subs().resolve("克百为")
    expect(r.ok ? [] : r.errors[0]?.params.nearest).toContain("克百威")
  })
})

describe("residue definitions", () => {
  test("克百威: 克百威 + 3-羟基克百威, expressed as 克百威, stoichiometric factor", () => {
    const rd = subs().get("克百威")?.residueDefinition
    expect(rd).toBeDefined()
    expect(rd?.expressedAs).toBe("克百威")
    expect(rd?.components.map((c) => c.substance)).toEqual(["克百威", "3-羟基克百威"])
    expect(rd?.components.map((c) => c.factor.toString())).toEqual(["1", "0.9326"])
    expect(rd?.factorNote).toMatch(/摩尔质量/)
    expect(subs().get("3-羟基克百威")?.markerOf).toBe("克百威")
  })

  test("恩诺沙星 is enrofloxacin + ciprofloxacin", () => {
    expect(subs().get("恩诺沙星")?.residueDefinition?.components.map((c) => c.substance)).toEqual(["恩诺沙星", "环丙沙星"])
  })

  test("every definition: components catalogued, positive factors, expressed as a catalogued substance or a declared basis, factors explained", () => {
    const withDef = subs().all().filter((s) => s.residueDefinition)
    expect(withDef.length).toBeGreaterThanOrEqual(10)
    for (const s of withDef) {
      const rd = s.residueDefinition!
      expect(rd.components.length, s.id).toBeGreaterThan(0)
      for (const c of rd.components) {
        expect(subs().get(c.substance), `${s.id}: ${c.substance}`).toBeDefined()
        expect(Decimal.compare(c.factor, Decimal.zero) > 0, `${s.id}: ${c.substance}`).toBe(true)
      }
      // a catalogued substance, or a chemical basis the analyte grammar declares (GB 2762: 以Pb计, 以NaNO2计)
      if (rd.expressedAs !== undefined) expect(subs().get(rd.expressedAs) !== undefined || isDeclaredBasis(rd.expressedAs), s.id).toBe(true)
      const nonUnit = rd.components.some((c) => c.factor.toString() !== "1")
      if (nonUnit) expect(Boolean(rd.factorNote) || rd.components.every((c) => c.factorNote), s.id).toBe(true)
      expect(rd.citation?.instrument, s.id).toBeTruthy()
      expect(rd.verification, s.id).toBeDefined()
    }
  })
})

describe("groups and metabolites", () => {
  test("β-兴奋剂类 includes 克仑特罗 (also spelled 克伦特罗)", () => {
    const g = subs().get("β-兴奋剂类")
    expect(g?.kind).toBe("compound-group")
    expect(g?.members).toContain("克仑特罗")
    expect(idOf("克伦特罗")).toBe("克仑特罗")
    expect(idOf("瘦肉精")).toBe("β-兴奋剂类")
    expect(subs().groups("克仑特罗")).toContain("β-兴奋剂类")
  })

  test("every member of every group knows its group; members and markers are catalogued", () => {
    for (const s of subs().all()) {
      for (const m of s.members ?? []) {
        expect(subs().get(m), `${s.id} ∋ ${m}`).toBeDefined()
        expect(subs().groups(m), m).toContain(s.id)
      }
      if (s.members) expect(s.kind, s.id).toBe("compound-group")
      if (s.markerOf !== undefined) {
        expect(s.kind, s.id).toBe("metabolite")
        expect(subs().get(s.markerOf), s.id).toBeDefined()
      }
    }
    expect(subs().groups("不存在")).toEqual([])
  })

  test("硝基呋喃类 groups the four nitrofurans whose markers are AOZ / AMOZ / SEM / AHD", () => {
    for (const [marker, parent] of [
      ["AOZ", "呋喃唑酮"],
      ["AMOZ", "呋喃它酮"],
      ["SEM", "呋喃西林"],
      ["AHD", "呋喃妥因"]
    ] as const) {
      const r = subs().resolve(marker)
      expect(r.ok && r.value.markerOf).toBe(parent)
      expect(subs().groups(parent)).toContain("硝基呋喃类")
    }
  })
})

describe("fromFiles on small synthetic catalogues", () => {
  const file = (substances: ReadonlyArray<Record<string, unknown>>) => ({ kind: "substance-catalogue", substances })
  const cbf = { id: "克百威", name: "克百威", kind: "pesticide", aliases: ["呋喃丹"] }

  test("a clean catalogue loads", () => {
    const r = fromFiles([file([cbf, { id: "3-羟基克百威", name: "3-羟基克百威", kind: "metabolite", markerOf: "克百威" }])])
    expect(r.ok).toBe(true)
  })

  test("duplicate ids", () => {
    const r = fromFiles([file([cbf]), file([{ ...cbf, aliases: [] }])])
    expect(r.ok ? [] : r.errors[0]).toMatchObject({ code: "pack-duplicate", path: [1, "substances", 0, "id"] })
  })

  test("an alias (or English name, or CAS) claimed by two substances is ambiguous", () => {
    expect(codes(fromFiles([file([cbf, { id: "丁硫克百威", name: "丁硫克百威", kind: "pesticide", aliases: ["呋喃丹"] }])]))).toEqual([
      "ambiguous-name"
    ])
    expect(
      codes(
        fromFiles([
          file([
            { ...cbf, english: "Carbofuran" },
            { id: "x", name: "x", kind: "pesticide", aliases: ["carbofuran"] }
          ])
        ])
      )
    ).toEqual(["ambiguous-name"])
    expect(
      codes(fromFiles([file([{ ...cbf, cas: "1563-66-2" }, { id: "y", name: "y", kind: "pesticide", cas: "1563-66-2" }])]))
    ).toEqual(["ambiguous-name"])
  })

  test("unknown members, components and markers", () => {
    const r = fromFiles([
      file([
        { id: "β-兴奋剂类", name: "β-兴奋剂类", kind: "compound-group", members: ["克仑特罗"] },
        { ...cbf, residueDefinition: { components: [{ substance: "3-羟基克百威", factor: "0.9326" }] } },
        { id: "AOZ", name: "AOZ", kind: "metabolite", markerOf: "呋喃唑酮" }
      ])
    ])
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path.at(-1)])).toEqual([
      ["pack-unknown-reference", 0],
      ["pack-unknown-reference", "substance"],
      ["pack-unknown-reference", "markerOf"]
    ])
  })

  test("a factor that is not a plain decimal string is a typed error", () => {
    const r = fromFiles([file([{ ...cbf, residueDefinition: { components: [{ substance: "克百威", factor: 1 }] } }])])
    expect(r.ok).toBe(false)
  })
})
