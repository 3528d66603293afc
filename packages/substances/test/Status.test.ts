// Dated legal status on the real national data (rules/national/status): the named cases from
// DOMAIN-FACTS, a day-boundary case generated for every dated transition in the data, and
// properties checked against a reference reading of docs/rule-data.md.
import fc from "fast-check"
import { applies, fromFiles, prohibitsUse, type StatusEntry, type Subject } from "@nongan/substances/Status"
import { fromFiles as catalogue } from "@nongan/substances/SubstanceCatalogue"
import { describe, expect, test } from "vitest"
import {
  animalSubject,
  dataset,
  dateArb,
  dayOf,
  food,
  insideSubject,
  nodesUnder,
  plantSubject,
  plusDays,
  product,
  prop,
  rawStatuses,
  rawSubstances,
  refCovers,
  refInForce,
  refProhibits,
  speciesUnder
} from "./fixtures"

const idx = () => dataset().statuses
const ANYWHERE: Subject = { kind: "anywhere" }
const idsOf = (es: ReadonlyArray<StatusEntry>) => es.map((e) => e.id).sort()
const has = (es: ReadonlyArray<StatusEntry>, id: string) => es.some((e) => e.id === id)

const entries = rawStatuses()
const byId = new Map(entries.map((e) => [e.id, e]))
const entry = (id: string): StatusEntry => {
  const e = byId.get(id)
  if (!e) throw new Error(`no status entry ${id}`)
  return e
}

// reference expansion of a substance: itself, its groups (transitively) and the parent it marks
const refBearing = (substance: string): ReadonlySet<string> => {
  const out = new Set<string>()
  const visit = (id: string) => {
    if (out.has(id)) return
    out.add(id)
    for (const s of rawSubstances()) if (s.members?.includes(id)) visit(s.id)
    const marker = rawSubstances().find((s) => s.id === id)?.markerOf
    if (marker) visit(marker)
  }
  visit(substance)
  return out
}
const refHistory = (substance: string) => {
  const ids = refBearing(substance)
  return entries.filter((e) => ids.has(e.substance))
}

describe("named cases (DOMAIN-FACTS §1, §2)", () => {
  test("甲拌磷: not banned everywhere on 2024-08-31, prohibited from 2024-09-01 (公告第536号)", () => {
    const before = idx().statusOn("甲拌磷", "2024-08-31")
    expect(before.prohibited).toBe(false)
    expect(before.reasons).toEqual([])
    expect(before.statuses.map((e) => e.status).sort()).toEqual(["production-stopped", "registration-revoked", "restricted-sale"])
    expect(idx().bannedOn("2024-08-31")).not.toContain("甲拌磷")
    // …while the scope bans on vegetables are already in force
    expect(idx().statusOn("甲拌磷", "2024-08-31", food("芹菜")).prohibited).toBe(true)

    const on = idx().statusOn("甲拌磷", "2024-09-01")
    expect(on.prohibited).toBe(true)
    expect(idsOf(on.reasons)).toEqual(["536-banned-甲拌磷"])
    expect(on.reasons[0]?.citation.instrument).toBe("农业农村部公告第536号")
    // read on a reprint, not the issuing authority's site (audit 2026-12-01): secondary
    expect(on.reasons[0]?.verification).toBe("secondary")
    expect(idx().bannedOn("2024-09-01")).toContain("甲拌磷")
    expect(idx().isProhibited("甲拌磷", "2024-09-01", food("小麦")).prohibited).toBe(true)
  })

  test("克百威 on 甘蔗: allowed on 2018-09-30, prohibited from 2018-10-01", () => {
    const cane = food("甘蔗")
    expect(idx().statusOn("克百威", "2018-09-30", cane).prohibited).toBe(false)
    const on = idx().statusOn("克百威", "2018-10-01", cane)
    expect(on.prohibited).toBe(true)
    expect(idsOf(on.reasons)).toEqual(["2445-scope-克百威"])
    for (const s of ["甲拌磷", "甲基异柳磷"]) {
      expect(idx().statusOn(s, "2018-09-30", cane).prohibited, s).toBe(false)
      expect(idx().statusOn(s, "2018-10-01", cane).prohibited, s).toBe(true)
    }
    // the sugar-cane ban covers sugar cane only
    expect(has(idx().statusOn("克百威", "2018-10-01", food("小麦")).elsewhere, "2445-scope-克百威")).toBe(true)
    expect(idx().statusOn("克百威", "2018-10-01", food("小麦")).prohibited).toBe(false)
  })

  test("氧乐果 on 小麦: not prohibited on 2026-05-31, prohibited from 2026-06-01 (公告第736号)", () => {
    const wheat = food("小麦")
    const before = idx().statusOn("氧乐果", "2026-05-31", wheat)
    expect(before.prohibited).toBe(false)
    expect(has(before.statuses, "2567-restricted-氧乐果")).toBe(true)
    const on = idx().statusOn("氧乐果", "2026-06-01", wheat)
    expect(on.prohibited).toBe(true)
    expect(idsOf(on.reasons)).toEqual(["736-banned-氧乐果"])
  })

  test("呋喃丹 (an alias) has 克百威's status", () => {
    for (const date of ["2002-05-31", "2018-10-01", "2026-06-01"])
      for (const subject of [ANYWHERE, food("豇豆"), food("甘蔗"), product("猪肉")])
        expect(idx().statusOn("呋喃丹", date, subject).reasons).toEqual(idx().statusOn("克百威", date, subject).reasons)
    expect(idx().isProhibited("呋喃丹", "2026-06-01").prohibited).toBe(true)
  })

  test("克百威 on 豇豆: prohibited on every day of 2025 (vegetable scope ban), though not banned everywhere", () => {
    const cowpea = food("豇豆")
    for (let d = dayOf("2025-01-01"); d <= dayOf("2025-12-31"); d++) {
      const date = plusDays("2025-01-01", d - dayOf("2025-01-01"))
      const a = idx().statusOn("克百威", date, cowpea)
      expect(a.prohibited, date).toBe(true)
      expect(idsOf(a.reasons)).toEqual(["199-scope-克百威", "条例34-scope-克百威"])
      expect(idx().statusOn("克百威", date).prohibited, date).toBe(false)
    }
    expect(idx().bannedOn("2025-06-30")).not.toContain("克百威")
    // the scope ban predates the full ban by more than twenty years
    expect(entry("199-scope-克百威").effective.from < entry("736-banned-克百威").effective.from).toBe(true)
    expect(idx().statusOn("克百威", "2002-05-30", cowpea).prohibited).toBe(false)
    expect(idx().statusOn("克百威", "2002-05-31", cowpea).prohibited).toBe(true)
  })

  test("restricted-sale is not prohibited: 百草枯 and the 2567号 rodenticides", () => {
    for (const subject of [ANYWHERE, food("小麦"), food("豇豆")]) {
      const a = idx().statusOn("百草枯", "2025-01-01", subject)
      expect(a.prohibited).toBe(false)
      expect(has(a.statuses, "2567-restricted-百草枯")).toBe(true)
      // the 水剂 ban names a formulation, which no residue subject can express
      expect(has(a.elsewhere, "1745-scope-百草枯")).toBe(true)
    }
    expect(prohibitsUse("restricted-sale")).toBe(false)
    expect(idx().statusOn("溴敌隆", "2020-01-01").statuses.map((e) => e.status)).toEqual(["restricted-sale"])
    expect(idx().statusOn("溴敌隆", "2020-01-01").prohibited).toBe(false)
  })

  test("every 2567号 entry is restricted-sale from 2017-10-01 and never a reason for prohibition", () => {
    const list = entries.filter((e) => e.id.startsWith("2567-"))
    expect(list).toHaveLength(32)
    for (const e of list) {
      expect(e.status).toBe("restricted-sale")
      expect(e.effective).toEqual({ from: "2017-10-01" })
      for (const date of ["2017-10-01", "2020-01-01", "2030-01-01"])
        for (const s of [ANYWHERE, food("豇豆")]) expect(has(idx().statusOn(e.substance, date, s).reasons, e.id)).toBe(false)
    }
  })

  test("veterinary drugs: banned groups reach members; markers follow their parent; therapy-only is not prohibited", () => {
    const beef = product("牛肉")
    const clen = idx().statusOn("克仑特罗", "2020-01-01", beef)
    expect(clen.prohibited).toBe(true)
    expect(idsOf(clen.reasons)).toEqual(["250-banned-β-兴奋剂类", "250-banned-克仑特罗"])
    // a declared name or alias is resolved exactly, never silently treated as "no status"
    expect(idsOf(idx().statusOn("克伦特罗", "2020-01-01", beef).reasons)).toEqual(idsOf(clen.reasons))
    expect(idx().statusOn("不存在的药", "2020-01-01", beef)).toMatchObject({ prohibited: false, statuses: [], elsewhere: [] })
    const aoz = idx().statusOn("3-氨基-2-噁唑烷基酮", "2020-01-01", product("大口黑鲈"))
    expect(idsOf(aoz.reasons)).toEqual(["250-banned-呋喃唑酮", "250-banned-硝基呋喃类"])
    expect(idx().statusOn("3-羟基克百威", "2026-06-02").prohibited).toBe(true)
    expect(idx().statusOn("3-羟基克百威", "2026-05-31").prohibited).toBe(false)
    const diazepam = idx().statusOn("地西泮", "2023-06-01", product("大口黑鲈"))
    expect(diazepam.prohibited).toBe(false)
    expect(diazepam.statuses.map((e) => e.status)).toEqual(["therapy-only-not-detectable"])
    // 氧氟沙星: 停用 in food animals from 2016-12-31 (公告第2292号)
    expect(idx().statusOn("氧氟沙星", "2016-12-30", product("鸡蛋")).prohibited).toBe(false)
    expect(idsOf(idx().statusOn("氧氟沙星", "2016-12-31", product("鸡蛋")).reasons)).toEqual(["2292-withdrawn-氧氟沙星"])
    // a food-animal ban never reaches a plant
    expect(idx().statusOn("氯霉素", "2020-01-01", food("豇豆")).prohibited).toBe(false)
  })

  test("公告第193号 / 560号 → 250号: no gap on 2019-12-27 except the items 250号 dropped", () => {
    const pig = product("猪肉")
    const lapsed = entries
      .filter((e) => e.status === "banned-food-animals" && e.effective.to === "2019-12-26")
      .filter((e) => !idx().statusOn(e.substance, "2019-12-27", animalSubject(e.scope === "all" ? "所有食品动物" : e.scope.species![0]!)).prohibited)
      .map((e) => e.substance)
    // 双甲脒 (水生食品动物 in 193号) is not on the 250号 list
    expect(lapsed).toEqual(["双甲脒"])
    expect(idx().statusOn("氯霉素", "2019-12-26", pig).reasons.map((e) => e.id)).toEqual(["193-banned-氯霉素"])
    expect(idx().statusOn("氯霉素", "2019-12-27", pig).reasons.map((e) => e.id)).toEqual(["250-banned-氯霉素"])
  })
})

describe("milestones of DOMAIN-FACTS §1.2 / §2.2 are in the data", () => {
  /** The substance has an entry of `status` from `from`, covering `subject`; absent the day before. */
  const expectFrom = (substance: string, status: StatusEntry["status"], from: string, subject: Subject = ANYWHERE) => {
    const on = idx().statusOn(substance, from, subject)
    const hit = on.statuses.filter((e) => e.status === status && e.effective.from === from)
    expect(hit.length, `${substance} ${status} ${from}`).toBeGreaterThan(0)
    const before = idx().statusOn(substance, plusDays(from, -1), subject)
    for (const e of hit) expect(has(before.statuses, e.id) || has(before.elsewhere, e.id)).toBe(false)
    if (prohibitsUse(status)) expect(on.prohibited).toBe(true)
  }

  test("公告第536号: registrations revoked and production stopped 2022-09-01, sale and use banned 2024-09-01", () => {
    for (const s of ["甲拌磷", "甲基异柳磷", "水胺硫磷", "灭线磷"]) {
      expectFrom(s, "registration-revoked", "2022-09-01")
      expectFrom(s, "production-stopped", "2022-09-01")
      expectFrom(s, "banned", "2024-09-01")
    }
  })

  test("公告第736号: revoked 2024-06-01, sale and use banned 2026-06-01", () => {
    for (const s of ["氧乐果", "克百威", "灭多威", "涕灭威"]) {
      expectFrom(s, "registration-revoked", "2024-06-01")
      expectFrom(s, "banned", "2026-06-01")
      expect(idx().statusOn(s, "2026-05-31").prohibited, s).toBe(false)
    }
  })

  test("2018-10-01: 三氯杀螨醇 banned; 氟苯虫酰胺 on rice; 克百威/甲拌磷/甲基异柳磷 on sugar cane", () => {
    expectFrom("三氯杀螨醇", "banned", "2018-10-01")
    expectFrom("氟苯虫酰胺", "banned-in-scope", "2018-10-01", food("稻谷"))
    for (const s of ["克百威", "甲拌磷", "甲基异柳磷"]) expectFrom(s, "banned-in-scope", "2018-10-01", food("甘蔗"))
  })

  test("2019: 溴甲烷 and 硫丹 banned 2019-01-01; 乙酰甲胺磷/丁硫克百威/乐果 off 蔬菜、瓜果、茶叶、菌类、中草药材 2019-08-01", () => {
    expectFrom("溴甲烷", "banned", "2019-01-01")
    expectFrom("硫丹", "banned", "2019-01-01")
    for (const s of ["乙酰甲胺磷", "丁硫克百威", "乐果"])
      for (const f of ["黄瓜", "苹果", "茶叶", "香菇", "人参"]) expectFrom(s, "banned-in-scope", "2019-08-01", food(f))
  })

  test("公告第322号 (2007-01-01), 1586号 (2013-10-31) and 2032号 full bans", () => {
    for (const s of ["甲胺磷", "对硫磷", "甲基对硫磷", "久效磷", "磷胺"]) expectFrom(s, "banned", "2007-01-01")
    for (const s of ["苯线磷", "地虫硫磷", "甲基硫环磷", "磷化钙", "磷化镁", "磷化锌", "硫线磷", "蝇毒磷", "治螟磷", "特丁硫磷"])
      expectFrom(s, "banned", "2013-10-31")
    for (const s of ["氯磺隆", "福美胂", "福美甲胂"]) expectFrom(s, "banned", "2015-12-31")
    for (const s of ["胺苯磺隆", "甲磺隆"]) expectFrom(s, "banned", "2017-07-01")
  })

  test("停用 veterinary drugs: 公告第2292号 (2016-12-31) and 2638号 (2019-05-01)", () => {
    for (const s of ["洛美沙星", "培氟沙星", "氧氟沙星", "诺氟沙星"]) expectFrom(s, "withdrawn-food-animals", "2016-12-31", product("鸡蛋"))
    for (const s of ["喹乙醇", "氨苯胂酸", "洛克沙胂"]) expectFrom(s, "withdrawn-food-animals", "2019-05-01", product("猪肉"))
  })

  test("公告第250号: every listed substance is prohibited in food animals from 2019-12-27", () => {
    const listed =
      "酒石酸锑钾 克仑特罗 沙丁胺醇 莱克多巴胺 氯化亚汞 醋酸汞 硝酸亚汞 吡啶基醋酸汞 毒杀芬 卡巴氧 克百威 氯霉素 杀虫脒 氨苯砜 呋喃西林 呋喃妥因 呋喃它酮 呋喃唑酮 呋喃苯烯酸钠 林丹 孔雀石绿 醋酸美仑孕酮 甲基睾丸酮 群勃龙 玉米赤霉醇 安眠酮 硝呋烯腙 五氯酚酸钠 洛硝达唑 替硝唑 硝基酚钠 己二烯雌酚 己烯雌酚 己烷雌酚 锥虫砷胺 万古霉素"
    for (const name of listed.split(" ")) {
      const r = dataset().substances.resolve(name)
      expect(r.ok, name).toBe(true)
      if (!r.ok) continue
      for (const p of ["猪肉", "鸡蛋", "大口黑鲈"]) {
        const a = idx().statusOn(r.value.id, "2019-12-27", product(p))
        expect(a.reasons.some((e) => e.citation.instrument === "农业农村部公告第250号"), `${name} ${p}`).toBe(true)
      }
    }
  })

  test("公告第2567号 items 1–25 (V) are restricted from 2017-10-01", () => {
    const listed =
      "甲拌磷 甲基异柳磷 克百威 磷化铝 硫丹 氯化苦 灭多威 灭线磷 水胺硫磷 涕灭威 溴甲烷 氧乐果 百草枯 2,4-滴丁酯 C型肉毒梭菌毒素 D型肉毒梭菌毒素 氟鼠灵 敌鼠钠盐 杀鼠灵 杀鼠醚 溴敌隆 溴鼠灵 丁硫克百威 丁酰肼 毒死蜱"
    for (const s of listed.split(" ")) expectFrom(s, "restricted-sale", "2017-10-01")
  })

  test("the substances banned everywhere are on the consolidated 禁用 list (§1.3); the known gaps are documented", () => {
    const consolidated = new Set(
      (
        "六六六 滴滴涕 毒杀芬 二溴氯丙烷 杀虫脒 二溴乙烷 除草醚 艾氏剂 狄氏剂 汞制剂 砷类 铅类 敌枯双 氟乙酰胺 甘氟 毒鼠强 氟乙酸钠 毒鼠硅 " +
        "甲胺磷 对硫磷 甲基对硫磷 久效磷 磷胺 苯线磷 地虫硫磷 甲基硫环磷 磷化钙 磷化镁 磷化锌 硫线磷 蝇毒磷 治螟磷 特丁硫磷 氯磺隆 " +
        "胺苯磺隆 甲磺隆 福美胂 福美甲胂 三氯杀螨醇 林丹 硫丹 溴甲烷 氟虫胺 杀扑磷 百草枯 2,4-滴丁酯 甲拌磷 甲基异柳磷 水胺硫磷 灭线磷 " +
        "氧乐果 克百威 灭多威 涕灭威"
      ).split(" ")
    )
    expect(consolidated.size).toBe(54)
    const banned = new Set(idx().bannedOn("2026-06-01"))
    for (const s of banned) expect(consolidated.has(s), s).toBe(true)
    // RESEARCH.md: no full-ban date found for 林丹, 杀扑磷 and 百草枯 (all formulations)
    expect([...consolidated].filter((s) => !banned.has(s)).sort()).toEqual(["杀扑磷", "林丹", "百草枯"].sort())
    expect(idx().bannedOn("2024-09-01")).toHaveLength(47)
  })
})

describe("day boundaries, generated from every dated transition in the data", () => {
  const look = (e: StatusEntry, date: string) => {
    const subject = insideSubject(e)
    const a = idx().statusOn(e.substance, date, subject ?? ANYWHERE)
    return { subject, a, inStatuses: has(a.statuses, e.id), elsewhere: has(a.elsewhere, e.id), reason: has(a.reasons, e.id) }
  }
  const expectInForce = (e: StatusEntry, date: string) => {
    const { subject, a, inStatuses, elsewhere, reason } = look(e, date)
    if (subject === undefined) {
      // a scope of purposes only (formulation, packaging): in force, but it covers no residue subject
      expect(elsewhere, `${e.id} on ${date}`).toBe(true)
      expect(inStatuses).toBe(false)
      return
    }
    expect(inStatuses, `${e.id} on ${date}`).toBe(true)
    expect(elsewhere).toBe(false)
    expect(reason).toBe(refProhibits(e.status))
    if (refProhibits(e.status)) expect(a.prohibited).toBe(true)
    if (e.status === "banned" && e.scope === "all") expect(idx().bannedOn(date)).toContain(e.substance)
  }
  const expectNotInForce = (e: StatusEntry, date: string) => {
    const { inStatuses, elsewhere } = look(e, date)
    expect(inStatuses || elsewhere, `${e.id} on ${date}`).toBe(false)
  }

  const starts = entries.map((e) => [`${e.id}: ${plusDays(e.effective.from, -1)} | ${e.effective.from}`, e] as const)
  test.each(starts)("from %s", (_, e) => {
    expectNotInForce(e, plusDays(e.effective.from, -1))
    expectInForce(e, e.effective.from)
  })

  const ends = entries.filter((e) => e.effective.to !== undefined)
  test("the data has dated ends to check", () => expect(ends.length).toBeGreaterThan(40))
  test.each(ends.map((e) => [`${e.id}: ${e.effective.to} | ${plusDays(e.effective.to!, 1)}`, e] as const))("to %s", (_, e) => {
    expectInForce(e, e.effective.to!)
    expectNotInForce(e, plusDays(e.effective.to!, 1))
  })
})

describe("properties", () => {
  const withSubject = entries.filter((e) => insideSubject(e) !== undefined)

  prop([fc.constantFrom(...withSubject.filter((e) => e.effective.to === undefined)), fc.integer({ min: 0, max: 40_000 })])(
    "an entry never lifted (no effective.to) stays in force, for its subject, on every later date",
    (e, offset) => {
      const date = plusDays(e.effective.from, offset)
      const a = idx().statusOn(e.substance, date, insideSubject(e)!)
      expect(has(a.statuses, e.id)).toBe(true)
      if (refProhibits(e.status)) {
        expect(has(a.reasons, e.id)).toBe(true)
        expect(a.prohibited).toBe(true)
      }
    }
  )

  /** A date inside an entry's effective period (open periods: up to 30 years on). */
  const dayIn = (e: StatusEntry, k: number) => {
    const span = (e.effective.to ? dayOf(e.effective.to) : dayOf(e.effective.from) + 11_000) - dayOf(e.effective.from)
    return plusDays(e.effective.from, k % (span + 1))
  }
  const allNodes = () => dataset().foods.nodes().map((n) => n.id)
  const allSpecies = () => dataset().foods.species().map((s) => s.id)
  const foodScoped = entries.filter((e) => e.scope !== "all" && (e.scope.foods?.length ?? 0) > 0)
  const speciesScoped = entries.filter((e) => e.scope !== "all" && (e.scope.species?.length ?? 0) > 0)

  prop([fc.constantFrom(...foodScoped), fc.nat(), fc.nat(), fc.nat()], { numRuns: 300 })(
    "a food-scope entry applies to every catalogue food under its scope nodes",
    (e, i, j, k) => {
      const scopes = (e.scope as { foods: ReadonlyArray<string> }).foods
      const members = nodesUnder(scopes[i % scopes.length]!)
      const node = members[j % members.length]!
      const a = idx().statusOn(e.substance, dayIn(e, k), plantSubject(node))
      expect(has(a.statuses, e.id), `${e.id} on ${node}`).toBe(true)
      expect(has(a.reasons, e.id)).toBe(refProhibits(e.status))
    }
  )

  prop([fc.constantFrom(...foodScoped), fc.nat(), fc.nat()], { numRuns: 300 })(
    "…and to no food outside them: prohibited there only if another entry covers the food",
    (e, j, k) => {
      const scopes = (e.scope as { foods: ReadonlyArray<string> }).foods
      const outside = allNodes().filter((n) => !scopes.some((s) => dataset().foods.isWithin(n, s)))
      const node = outside[j % outside.length]!
      const date = dayIn(e, k)
      const subject = plantSubject(node)
      const a = idx().statusOn(e.substance, date, subject)
      expect(has(a.statuses, e.id), `${e.id} on ${node}`).toBe(false)
      expect(has(a.elsewhere, e.id)).toBe(true)
      const others = refHistory(e.substance).filter(
        (x) => x.id !== e.id && refInForce(x, date) && refCovers(x, subject) && refProhibits(x.status)
      )
      expect(a.prohibited).toBe(others.length > 0)
      expect(idsOf(a.reasons)).toEqual(idsOf(others))
    }
  )

  prop([fc.constantFrom(...speciesScoped), fc.nat(), fc.nat(), fc.nat()], { numRuns: 200 })(
    "a species-scope entry applies to every species under its scope species, and to no plant",
    (e, i, j, k) => {
      const scopes = (e.scope as { species: ReadonlyArray<string> }).species
      const under = speciesUnder(scopes[i % scopes.length]!)
      const species = under[j % under.length]!
      const date = dayIn(e, k)
      expect(has(idx().statusOn(e.substance, date, animalSubject(species)).statuses, e.id), `${e.id} on ${species}`).toBe(true)
      const nodes = allNodes()
      expect(has(idx().statusOn(e.substance, date, plantSubject(nodes[k % nodes.length]!)).statuses, e.id)).toBe(false)
    }
  )

  prop([fc.constantFrom(...speciesScoped.filter((e) => e.scope !== "all" && e.scope.species?.[0] === "水产动物")), fc.nat(), fc.nat()])(
    "an aquatic-animal scope does not reach land animals",
    (e, j, k) => {
      const land = allSpecies().filter((s) => !dataset().foods.isWithin(s, "水产动物"))
      const a = idx().statusOn(e.substance, dayIn(e, k), animalSubject(land[j % land.length]!))
      expect(has(a.statuses, e.id)).toBe(false)
    }
  )

  const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
    fc.constant(ANYWHERE),
    fc.nat().map((i) => plantSubject(allNodes()[i % allNodes().length]!)),
    fc
      .tuple(fc.nat(), fc.constantFrom(undefined, "laying" as const, "lactating" as const, "none" as const))
      .map(([i, st]) => animalSubject(allSpecies()[i % allSpecies().length]!, st))
  )
  const substanceArb = fc.oneof(
    fc.constantFrom(...[...new Set(entries.map((e) => e.substance))]),
    fc.constantFrom(...rawSubstances().map((s) => s.id))
  )

  prop([substanceArb, dateArb(1998, 2035), subjectArb], { numRuns: 500 })(
    "statusOn agrees with a reference reading of the data (groups, markers, scopes, inclusive dates)",
    (substance, date, subject) => {
      const a = idx().statusOn(substance, date, subject)
      const inForce = refHistory(substance).filter((e) => refInForce(e, date))
      const covering = inForce.filter((e) => refCovers(e, subject))
      expect(idsOf(a.statuses)).toEqual(idsOf(covering))
      expect(idsOf(a.elsewhere)).toEqual(idsOf(inForce.filter((e) => !refCovers(e, subject))))
      expect(idsOf(a.reasons)).toEqual(idsOf(covering.filter((e) => refProhibits(e.status))))
      expect(a.prohibited).toBe(a.reasons.length > 0)
      expect(idx().isProhibited(substance, date, subject)).toEqual({ prohibited: a.prohibited, reasons: a.reasons })
      for (const e of a.statuses) expect(applies(e, subject)).toBe(true)
      // every answer is cited
      for (const e of [...a.statuses, ...a.elsewhere]) {
        expect(e.citation.instrument.trim().length).toBeGreaterThan(0)
        expect(["official-text", "secondary", "unverified", "uncertain"]).toContain(e.verification)
      }
    }
  )

  test("every status entry is cited and graded, with a unique id and a catalogued substance", () => {
    const all = idx().entries()
    expect(all).toHaveLength(entries.length)
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length)
    for (const e of all) {
      expect(e.citation.instrument.trim(), e.id).not.toBe("")
      expect(["official-text", "secondary", "unverified", "uncertain"], e.id).toContain(e.verification)
      expect(dataset().substances.get(e.substance), e.id).toBeDefined()
      if (e.citation.url !== undefined) expect(e.citation.url, e.id).toMatch(/^https?:\/\//)
    }
  })

  test("official-text and secondary entries say where they were read; weaker entries say why", () => {
    for (const e of entries) {
      if (e.verification === "official-text" || e.verification === "secondary") expect(e.citation.url, e.id).toBeTruthy()
      if (e.verification !== "official-text") expect(Boolean(e.note || e.citation.note), e.id).toBe(true)
    }
  })

  test("no status is encoded twice: same substance, status and scope never overlap in time", () => {
    const overlaps = (a: StatusEntry["effective"], b: StatusEntry["effective"]) =>
      (a.to === undefined || b.from <= a.to) && (b.to === undefined || a.from <= b.to)
    const clashes: Array<string> = []
    entries.forEach((a, i) =>
      entries.slice(i + 1).forEach((b) => {
        if (a.substance === b.substance && a.status === b.status && JSON.stringify(a.scope) === JSON.stringify(b.scope) && overlaps(a.effective, b.effective))
          clashes.push(`${a.id} / ${b.id}`)
      })
    )
    expect(clashes).toEqual([])
  })

  prop([dateArb(1995, 2040), dateArb(1995, 2040)], { numRuns: 300 })("bannedOn is monotone for bans without an end", (x, y) => {
    const [d1, d2] = x <= y ? [x, y] : [y, x]
    const openOn = (d: string) =>
      entries.filter((e) => e.status === "banned" && e.scope === "all" && !e.effective.to && refInForce(e, d)).map((e) => e.substance)
    const later = new Set(idx().bannedOn(d2))
    for (const s of openOn(d1)) expect(later.has(s), `${s}: ${d1} → ${d2}`).toBe(true)
    // and bannedOn is exactly the reference set, each of them prohibited anywhere
    const ref = [...new Set(entries.filter((e) => e.status === "banned" && e.scope === "all" && refInForce(e, d1)).map((e) => e.substance))]
    expect(idx().bannedOn(d1)).toEqual(ref.sort())
    for (const s of idx().bannedOn(d1)) expect(idx().statusOn(s, d1).prohibited).toBe(true)
  })

  const declaredNames = rawSubstances().flatMap((s) =>
    [...(s.aliases ?? []), ...(s.english ? [s.english] : []), ...(s.cas ? [s.cas] : [])].map((name) => ({ name, id: s.id }))
  )
  prop([fc.constantFrom(...declaredNames), dateArb(2000, 2030), subjectArb])(
    "a declared alias, English name or CAS number has exactly its substance's status",
    (d, date, subject) => {
      expect(idsOf(idx().statusOn(d.name, date, subject).statuses)).toEqual(idsOf(idx().statusOn(d.id, date, subject).statuses))
    }
  )

  prop([fc.constantFrom(...rawSubstances().filter((s) => s.markerOf)), dateArb(2000, 2030), subjectArb])(
    "a metabolite is judged by its parent's status",
    (m, date, subject) => {
      const parent = idsOf(idx().statusOn(m.markerOf!, date, subject).reasons)
      const own = idsOf(idx().statusOn(m.id, date, subject).reasons)
      for (const id of parent) expect(own).toContain(id)
    }
  )
})

describe("applies and fromFiles on synthetic entries", () => {
  const e = (scope: StatusEntry["scope"], status: StatusEntry["status"] = "banned-in-scope") => ({ status, scope })
  const veg: Subject = { kind: "plant", path: ["蔬菜", "豆类蔬菜", "豇豆"] }
  const hen = (state?: "laying" | "lactating" | "none"): Subject => ({ kind: "animal", speciesPath: ["所有食品动物", "家禽", "鸡"], state })

  test("applies: anywhere only under 'all'; animal-only statuses never reach plants; states narrow species scopes", () => {
    expect(applies(e("all", "banned"), ANYWHERE)).toBe(true)
    expect(applies(e("all", "banned"), veg)).toBe(true)
    expect(applies(e({ foods: ["蔬菜"] }), ANYWHERE)).toBe(false)
    expect(applies(e({ foods: ["蔬菜"] }), veg)).toBe(true)
    expect(applies(e({ foods: ["水果"] }), veg)).toBe(false)
    expect(applies(e("all", "banned-food-animals"), veg)).toBe(false)
    expect(applies(e("all", "banned-food-animals"), hen())).toBe(true)
    expect(applies(e({ species: ["家禽"], states: ["laying"] }, "banned-food-animals"), hen("laying"))).toBe(true)
    expect(applies(e({ species: ["家禽"], states: ["laying"] }, "banned-food-animals"), hen("none"))).toBe(false)
    expect(applies(e({ species: ["家禽"], states: ["laying"] }, "banned-food-animals"), hen())).toBe(false)
    expect(applies(e({ species: ["家禽"] }, "banned-food-animals"), veg)).toBe(false)
    expect(applies(e({ purposes: ["水剂"] }), veg)).toBe(false)
  })

  const cat = catalogue([{ kind: "substance-catalogue", substances: [{ id: "甲拌磷", name: "甲拌磷", kind: "pesticide" }] }])
  const ok = {
    id: "536-banned-甲拌磷",
    substance: "甲拌磷",
    status: "banned",
    scope: "all",
    effective: { from: "2024-09-01" },
    citation: { instrument: "农业农村部公告第536号" },
    verification: "official-text"
  }
  const list = (...es: ReadonlyArray<Record<string, unknown>>) => [{ kind: "status-list", entries: es }]
  const load = (files: ReadonlyArray<unknown>) => {
    if (!cat.ok) throw new Error("catalogue")
    return fromFiles(files, cat.value, { food: (id) => id === "蔬菜", species: (id) => id === "鸡" })
  }
  const codes = (r: ReturnType<typeof load>) => (r.ok ? [] : r.errors.map((x) => x.code))

  test("a clean list loads and answers by date", () => {
    const r = load(list(ok))
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.statusOn("甲拌磷", "2024-08-31").prohibited).toBe(false)
      expect(r.value.statusOn("甲拌磷", "2024-09-01").prohibited).toBe(true)
      expect(r.value.statusOn("未知", "2024-09-01")).toMatchObject({ prohibited: false, statuses: [], elsewhere: [] })
    }
  })

  test("integrity errors: duplicate ids, unknown substances and scope references, uncited or ungraded entries, bad periods", () => {
    expect(codes(load(list(ok, ok)))).toEqual(["pack-duplicate"])
    expect(codes(load(list({ ...ok, substance: "乙拌磷" })))).toEqual(["pack-unknown-reference"])
    expect(codes(load(list({ ...ok, scope: { foods: ["蔬菜", "瓜果"], species: ["鸭"] } })))).toEqual([
      "pack-unknown-reference",
      "pack-unknown-reference"
    ])
    const { citation: _c, ...uncited } = ok
    expect(load(list(uncited)).ok).toBe(false)
    expect(load(list({ ...ok, citation: { instrument: "  " } })).ok).toBe(false)
    const { verification: _v, ...ungraded } = ok
    expect(load(list(ungraded)).ok).toBe(false)
    expect(codes(load(list({ ...ok, effective: { from: "2024-09-01", to: "2024-08-31" } })))).toEqual(["date-order"])
    expect(codes(load(list({ ...ok, effective: { from: "2024-02-30" } })))).toEqual(["invalid-date"])
    expect(codes(load(list({ ...ok, status: "forbidden" })))).toEqual(["invalid-value"])
  })
})
