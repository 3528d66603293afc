// The analyte grammar (AnalyteName) on the real substance catalogue: item strings exactly as the
// 2025–2026 notices and the 2026 sampling check list (gb_checklist_subcat.json) write them, the
// expressed-as clause, bracketed residue definitions, standards' conjunctions, `/` and 总量 groups,
// width and bracket variants, mismatches, refusals; and properties over every declared name.
// The catalogue is built from the substance files alone so that work on other tables cannot
// break these tests.
import fc from "fast-check"
import { getOrThrow } from "@nongan/core/Result"
import type { NameStepKind } from "@nongan/core/NameReading"
import { mismatches, normalise } from "@nongan/substances/AnalyteName"
import { type CatalogueFile, fromFiles, type SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { describe, expect, test } from "vitest"
import { jsonOfKind, prop } from "./fixtures"

let built: SubstanceCatalogue | undefined
const cat = (): SubstanceCatalogue => (built ??= getOrThrow(fromFiles(jsonOfKind<CatalogueFile>("substance-catalogue"))))

/** `[id, step kinds]` of a reading, or `["refused", reason]`. */
const readAs = (w: string): [string, ReadonlyArray<NameStepKind | string>] => {
  const r = cat().read(w)
  return r.ok ? [r.value.substance.id, r.value.reading.steps.map((s) => s.kind)] : ["refused", [String(r.errors[0]?.params.reason)]]
}
const idOf = (w: string): string => readAs(w)[0]

describe("item strings of the 2025–2026 notices (notices-2025-2026.jsonl, field item)", () => {
  test.each([
    ["镉(以Cd计)", "镉", ["expressed-as"]],
    ["铅(以Pb计)", "铅", ["expressed-as"]],
    ["五氯酚酸钠(以五氯酚计)", "五氯酚酸钠", ["expressed-as"]],
    ["土霉素/金霉素/四环素（组合含量)", "土霉素/金霉素/四环素", ["normalise", "group"]],
    ["咪鲜胺和咪鲜胺锰盐", "咪鲜胺和咪鲜胺锰盐", []],
    ["氯氟氰菊酯和高效氯氟氰菊酯", "氯氟氰菊酯和高效氯氟氰菊酯", []],
    ["氟氯氰菊酯和高效氟氯氰菊酯", "氟氯氰菊酯和高效氟氯氰菊酯", []],
    ["呋喃西林代谢物", "氨基脲", ["synonym"]],
    ["恩诺沙星", "恩诺沙星", []],
    ["噻虫胺", "噻虫胺", []],
    ["呋虫胺", "呋虫胺", []]
  ] as const)("%s → %s %j", (w, id, steps) => {
    expect(readAs(w)).toEqual([id, steps])
  })
})

describe("item strings of the 2026 sampling check list (gb_checklist_subcat.json)", () => {
  test.each([
    ["铅（以Pb计）", "铅", ["normalise", "expressed-as"]],
    ["镉（以Cd计）", "镉", ["normalise", "expressed-as"]],
    ["总汞(以Hg计)", "总汞", ["expressed-as"]],
    ["甲基汞（以Hg计）", "甲基汞", ["normalise", "expressed-as"]],
    ["无机砷（以As计）", "无机砷", ["normalise", "expressed-as"]],
    ["铬(以Cr计)", "铬", ["expressed-as"]],
    ["锡（以Sn计）", "锡", ["normalise", "expressed-as"]],
    ["亚硝酸盐（以NaNO2计）", "亚硝酸盐", ["normalise", "expressed-as"]],
    ["亚硝酸盐(以亚硝酸钠计)", "亚硝酸盐", ["expressed-as"]],
    ["苯并[a]芘", "苯并[a]芘", []],
    ["苯并[α]芘", "苯并[a]芘", ["synonym"]],
    ["N-二甲基亚硝胺", "N-二甲基亚硝胺", []],
    ["五氯酚酸钠（以五氯酚计）", "五氯酚酸钠", ["normalise", "expressed-as"]],
    ["4-氯苯氧乙酸钠（以 4-氯苯氧乙酸计）", "4-氯苯氧乙酸钠", ["normalise", "expressed-as"]],
    ["6-苄基腺嘌呤（6-BA）", "6-苄基腺嘌呤", ["normalise", "bracket"]],
    ["磺胺类（总量）", "磺胺类", ["normalise", "group"]],
    ["土霉素/金霉素/四环素（组合 含量）", "土霉素/金霉素/四环素", ["normalise", "group"]],
    ["氯氟氰菊酯和高效氯 氟氰菊酯", "氯氟氰菊酯和高效氯氟氰菊酯", ["normalise"]],
    ["甲氨基阿维菌素苯甲酸 盐", "甲氨基阿维菌素苯甲酸盐", ["normalise"]],
    ["霜霉威和霜霉威盐酸盐", "霜霉威和霜霉威盐酸盐", []],
    ["2,4-滴和2,4-滴钠盐", "2,4-滴和2,4-滴钠盐", []],
    ["克伦特罗", "克仑特罗", ["synonym"]]
  ] as const)("%s → %s %j", (w, id, steps) => {
    expect(readAs(w)).toEqual([id, steps])
  })
})

describe("the expressed-as clause", () => {
  test("element symbols in any case, either bracket width, half-closed brackets, spaces", () => {
    for (const w of ["镉(以cd计)", "镉(以CD计)", "镉（以Cd计）", "镉(以Cd计", "镉（以 Cd 计", " 镉 ( 以Cd计 ) "]) expect(idOf(w)).toBe("镉")
    expect(readAs("铅(以pb计)")).toEqual(["铅", ["expressed-as"]])
    expect(readAs("铅(以pb计")).toEqual(["铅", ["normalise", "expressed-as"]])
  })

  test("an unbracketed clause after a declared name (铅以Pb计)", () => {
    expect(readAs("铅以Pb计")).toEqual(["铅", ["expressed-as"]])
    expect(readAs("镉以Pb计")).toEqual(["镉", ["mismatch"]])
    expect(readAs("以Pb计")[0]).toBe("refused")
  })

  test("the step records the clause dropped and the name read", () => {
    const r = cat().read("镉(以Cd计)")
    expect(r.ok && r.value.reading).toEqual({
      written: "镉(以Cd计)",
      read: "镉",
      steps: [{ kind: "expressed-as", from: "镉(以Cd计)", to: "镉", dropped: "以Cd计" }]
    })
  })

  test("another basis than the one held is a mismatch (never a silent pass)", () => {
    expect(readAs("镉(以Pb计)")).toEqual(["镉", ["mismatch"]])
    expect(readAs("亚硝酸盐（以NO2-计）")).toEqual(["亚硝酸盐", ["normalise", "mismatch"]])
    expect(readAs("五氯酚酸钠(以五氯酚酸钠计)")).toEqual(["五氯酚酸钠", ["mismatch"]])
    const r = cat().read("镉(以Pb计)")
    expect(r.ok && r.value.reading.steps[0]?.note).toContain("Cd")
    expect(r.ok && mismatches(r.value.reading).map((s) => s.dropped)).toEqual(["以Pb计"])
    const fine = cat().read("镉(以Cd计)")
    expect(fine.ok && mismatches(fine.value.reading)).toEqual([])
  })

  test("an entry expressed as itself; a clause on an entry without a held basis is a mismatch", () => {
    expect(readAs("噻虫胺(以噻虫胺计)")).toEqual(["噻虫胺", ["expressed-as"]])
    expect(readAs("呋虫胺(以呋虫胺计)")).toEqual(["呋虫胺", ["expressed-as"]])
    expect(readAs("呋虫胺(以噻虫胺计)")).toEqual(["呋虫胺", ["mismatch"]])
  })
})

describe("bracketed residue definitions", () => {
  test("恩诺沙星 with its sum, in the three wordings", () => {
    expect(readAs("恩诺沙星(以恩诺沙星与环丙沙星之和计)")).toEqual(["恩诺沙星", ["bracket"]])
    expect(readAs("恩诺沙星（恩诺沙星与环丙沙星之和）")).toEqual(["恩诺沙星", ["normalise", "bracket"]])
    expect(readAs("恩诺沙星(环丙沙星与恩诺沙星之和)")).toEqual(["恩诺沙星", ["bracket"]])
  })

  test("the residue definition text held, as a bracket", () => {
    expect(readAs("克百威(克百威及3-羟基克百威之和，以克百威表示)")).toEqual(["克百威", ["normalise", "bracket"]])
    expect(readAs("甲拌磷（甲拌磷及其氧类似物（亚砜、砜）之和，以甲拌磷表示）")).toEqual(["甲拌磷", ["normalise", "bracket"]])
  })

  test("the bracket of the residue definition held (异构体之和)", () => {
    expect(readAs("联苯菊酯(异构体之和)")).toEqual(["联苯菊酯", ["bracket"]])
    expect(readAs("氯氰菊酯（异构体之和）")).toEqual(["氯氰菊酯和高效氯氰菊酯", ["normalise", "bracket", "synonym"]])
    expect(readAs("多菌灵(异构体之和)")).toEqual(["多菌灵", ["mismatch"]])
  })

  test("甲基硫菌灵 and 苯菌灵 are expressed as 多菌灵", () => {
    expect(readAs("甲基硫菌灵(以多菌灵计)")).toEqual(["甲基硫菌灵", ["expressed-as"]])
    expect(readAs("甲基硫菌灵(以甲基硫菌灵计)")).toEqual(["甲基硫菌灵", ["mismatch"]])
    expect(readAs("苯菌灵(苯菌灵和多菌灵之和,以多菌灵表示)")).toEqual(["苯菌灵", ["bracket"]])
  })

  test("a sum that differs from the definition held is a mismatch", () => {
    expect(readAs("恩诺沙星(以恩诺沙星计)")).toEqual(["恩诺沙星", ["expressed-as"]])
    expect(readAs("恩诺沙星(恩诺沙星与诺氟沙星之和)")).toEqual(["恩诺沙星", ["mismatch"]])
    expect(readAs("克百威(克百威与丁硫克百威之和,以克百威表示)")).toEqual(["克百威", ["mismatch", "expressed-as"]])
  })

  test("a group marker on a single substance is a mismatch", () => {
    expect(readAs("噻虫胺(总量)")).toEqual(["噻虫胺", ["mismatch"]])
  })
})

describe("groups and the standards' conjunctions", () => {
  test("a / list reads only as the group declaring exactly those members, in any order", () => {
    expect(readAs("土霉素/金霉素/四环素")).toEqual(["土霉素/金霉素/四环素", []])
    expect(readAs("四环素/土霉素/金霉素")).toEqual(["土霉素/金霉素/四环素", ["group"]])
    expect(readAs("金霉素/四环素(组合含量)")[0]).toBe("refused")
    expect(readAs("土霉素/恩诺沙星")[0]).toBe("refused")
  })

  test("A和B reads as the standard's own entry, in either order; other conjunctions are refused", () => {
    expect(readAs("咪鲜胺锰盐和咪鲜胺")).toEqual(["咪鲜胺和咪鲜胺锰盐", ["group"]])
    expect(readAs("咪鲜胺及咪鲜胺锰盐")).toEqual(["咪鲜胺和咪鲜胺锰盐", ["group"]])
    expect(readAs("噻虫胺和噻虫嗪")[0]).toBe("refused")
    expect(readAs("噻虫胺和不存在的农药")[0]).toBe("refused")
  })
})

describe("a bare sum names the entry whose residue definition it is", () => {
  test("恩诺沙星与环丙沙星之和 → 恩诺沙星; with its expressed-as clause; unknown or ambiguous sums refused", () => {
    expect(readAs("恩诺沙星与环丙沙星之和")).toEqual(["恩诺沙星", ["group"]])
    expect(readAs("环丙沙星和恩诺沙星之和")).toEqual(["恩诺沙星", ["group"]])
    expect(readAs("克百威及3-羟基克百威之和,以克百威表示")).toEqual(["克百威", ["expressed-as", "group"]])
    expect(readAs("克百威及3-羟基克百威之和,以3-羟基克百威表示")).toEqual(["克百威", ["mismatch", "group"]])
    expect(readAs("恩诺沙星与诺氟沙星之和")[0]).toBe("refused")
    expect(readAs("恩诺沙星与不存在之和")[0]).toBe("refused")
  })
})

describe("item strings collected from other notices (test/notices/collected.jsonl)", () => {
  test.each([
    ["4 - 氯苯氧乙酸钠(以4 - 氯苯氧乙酸计)", "4-氯苯氧乙酸钠", ["normalise", "expressed-as"]],
    ["4-氯苯氧乙酸钠以4-氯苯氧乙酸计", "4-氯苯氧乙酸钠", ["expressed-as"]],
    ["磺胺类(总量)", "磺胺类", ["group"]],
    ["氯氟氰菊酯", "氯氟氰菊酯和高效氯氟氰菊酯", ["synonym"]],
    ["呋喃唑酮代谢物", "3-氨基-2-噁唑烷基酮", ["synonym"]]
  ] as const)("%s → %s %j", (w, id, steps) => {
    expect(readAs(w)).toEqual([id, steps])
  })

  test("misspelt or truncated names are refused, never corrected (吡唑醚菌脂, 呋喃唑酮代谢)", () => {
    expect(readAs("吡唑醚菌脂")[0]).toBe("refused")
    expect(readAs("呋喃唑酮代谢")[0]).toBe("refused")
  })
})

describe("refusals", () => {
  test("unknown names, footnote letters, other substances in brackets: unknown-substance with nearest names", () => {
    for (const w of ["克百为", "克百威a", "氯氟氰菊酯和高效氯氟氰菊酯a", "恩诺沙星(环丙沙星)", "恩诺沙星(不知道)", "以pb计", "(以Cd计)", ""]) {
      const r = cat().read(w)
      expect(r.ok, w).toBe(false)
      if (!r.ok) {
        expect(r.errors[0]?.code).toBe("unknown-substance")
        expect(typeof r.errors[0]?.params.reason).toBe("string")
      }
    }
    const r = cat().read("克百为")
    expect(!r.ok && r.errors[0]?.params.nearest).toContain("克百威")
  })

  test("resolve stays strict: it does not read brackets", () => {
    expect(cat().resolve("镉(以Cd计)").ok).toBe(false)
    expect(cat().read("镉(以Cd计)").ok).toBe(true)
  })
})

describe("the catalogue refuses names that collide once normalised", () => {
  test("two entries whose names differ only in bracket width are ambiguous-name", () => {
    const r = fromFiles([
      {
        kind: "substance-catalogue",
        substances: [
          { id: "甲", name: "甲", kind: "pesticide", aliases: ["甲(乙)"] },
          { id: "丙", name: "丙", kind: "pesticide", aliases: ["甲（乙）"] }
        ]
      }
    ])
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(["ambiguous-name"])
  })
})

describe("normalise", () => {
  test("widths, spaces next to Chinese text, half-closed brackets", () => {
    expect(normalise("铅（以 Pb 计）")).toBe("铅(以Pb计)")
    expect(normalise("镉(以Cd计")).toBe("镉(以Cd计)")
    expect(normalise("ｌｅａｄ  (Pb)")).toBe("lead(Pb)")
    expect(normalise("亚硝酸盐（以NaNO 2计）")).toBe("亚硝酸盐(以NaNO2计)")
    expect(normalise("sodium pentachlorophenolate")).toBe("sodium pentachlorophenolate")
  })
})

// ---------------------------------------------------------------------------------------------
// Properties over every declared name
// ---------------------------------------------------------------------------------------------

const entries = () => cat().all()
const chineseNames = () =>
  entries().flatMap((e) => [e.id, e.name, ...(e.aliases ?? [])].filter((n) => /[\u4e00-\u9fff]/u.test(n)).map((n) => [n, e.id] as const))
const toFull = (s: string) => s.replace(/\(/gu, "（").replace(/\)/gu, "）").replace(/[A-Za-z0-9]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
// a space between any two characters except two Latin letters (where a space separates English words)
const spaced = (s: string) => [...s].reduce((acc, c) => (/[A-Za-z]$/u.test(acc) && /[A-Za-z]/u.test(c) ? acc + c : `${acc} ${c}`), "").trim()

describe("properties", () => {
  test("every alias (and id, name) reads as exactly one entry, the one declaring it (exhaustive)", () => {
    const owners = new Map<string, Set<string>>()
    for (const e of entries()) for (const n of [e.id, e.name, ...(e.aliases ?? [])]) owners.set(n, (owners.get(n) ?? new Set()).add(e.id))
    for (const [n, ids] of owners) {
      expect([n, ids.size]).toEqual([n, 1])
      expect([n, idOf(n)]).toEqual([n, [...ids][0]])
    }
  })

  test("read(canonical name) is the identity with no steps (exhaustive)", () => {
    for (const e of entries()) expect(cat().read(e.id)).toEqual({ ok: true, value: { substance: e, reading: { written: e.id, read: e.id, steps: [] } } })
  })

  prop([fc.integer({ min: 0, max: 10_000 }), fc.constantFrom("full", "spaced", "half-closed", "both")])(
    "width, spacing and bracket variants never change the entry read",
    (i, how) => {
      const names = chineseNames()
      const [n, id] = names[i % names.length]!
      const inner = cat().get(id)!.name
      const variant =
        how === "full" ? toFull(n) : how === "spaced" ? spaced(n) : how === "half-closed" ? `${n}(${inner}` : `${toFull(spaced(n))}（${inner}）`
      expect([variant, idOf(variant)]).toEqual([variant, id])
    }
  )

  prop([fc.integer({ min: 0, max: 10_000 }), fc.stringMatching(/^[a-kA-Z一-龥]{1,3}$/u)])(
    "no name is read by a prefix: a declared name plus letters is refused unless itself declared",
    (i, suffix) => {
      const names = chineseNames()
      const [n] = names[i % names.length]!
      const w = n + suffix
      const declared = cat().resolve(w).ok || cat().resolve(normalise(w)).ok
      if (declared) return
      const r = cat().read(w)
      // only a declared list (A和B, A/B) may read a longer string; never a bare suffix
      if (r.ok) expect(r.value.reading.steps.some((s) => s.kind === "group" || s.kind === "synonym")).toBe(true)
    }
  )

  test("every expressed-as basis held reads back as an expressed-as step (exhaustive)", () => {
    for (const e of entries()) {
      const basis = e.residueDefinition?.expressedAs
      if (basis === undefined) continue
      expect([e.id, readAs(`${e.id}(以${basis}计)`)]).toEqual([e.id, [e.id, ["expressed-as"]]])
    }
  })
})
