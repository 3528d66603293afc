// Interval, state, status and registration checks on the real national rows (农业部公告第278号
// withdrawal rows, the PHI reference rows) loaded through the engine's dataset loader.
import { describe, expect, test } from "vitest"
import type { DataFile } from "@nongan/engine/Dataset"
import { getOrThrow } from "@nongan/core/Result"
import { apply, codes, dataset, datasetWith, intervalFinding, plus, reportOf, treat } from "./fixtures"

const DOSE = "2026-05-01"

describe("withdrawal in days (休药期, 278-土霉素片: 牛 7 d)", () => {
  test("slaughter on day 7 after the last dose passes, day 6 fails", () => {
    const pass = reportOf(treat({ species: "牛", product: "土霉素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 7) }))
    expect(pass.verdict).toBe("compliant")
    const f = intervalFinding(pass)
    expect(f).toMatchObject({ code: "interval.respected", measured: 7, limit: 7, unit: "d", decisionRule: "elapsed-days>=interval" })
    expect(f.citation).toMatchObject({ instrument: "农业部公告第278号", clause: "附件1 第4项" })
    expect(f.verification).toBe("secondary")
    expect(f.values).toMatchObject({ row: "278-土霉素片", earliestOn: "2026-05-08", event: "slaughter" })

    const fail = reportOf(treat({ species: "牛", product: "土霉素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 6) }))
    expect(fail.verdict).toBe("non-compliant")
    expect(intervalFinding(fail)).toMatchObject({ code: "interval.too-short", severity: "violation", measured: 6, limit: 7, referral: "administrative" })
  })

  test("a species group row covers its members (家禽 5 d for 鸡), the nearest level wins", () => {
    expect(intervalFinding(reportOf(treat({ species: "鸡", product: "土霉素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 5) }))).code).toBe(
      "interval.respected"
    )
    expect(intervalFinding(reportOf(treat({ species: "肉鸡", product: "土霉素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 4) }))).code).toBe(
      "interval.too-short"
    )
  })

  test("egg discard (弃蛋期 2 d) and milk discard (弃奶期 3 d) of 278-土霉素片", () => {
    const egg = (n: number) => intervalFinding(reportOf(treat({ species: "鸡", product: "土霉素片", lastDoseOn: DOSE, eggsCollectedOn: plus(DOSE, n) })))
    expect(egg(2)).toMatchObject({ code: "interval.respected", limit: 2 })
    expect(egg(1)).toMatchObject({ code: "interval.too-short", limit: 2 })
    const milk = (n: number) => intervalFinding(reportOf(treat({ species: "奶牛", product: "土霉素片", lastDoseOn: DOSE, milkedOn: plus(DOSE, n) })))
    expect(milk(3)).toMatchObject({ code: "interval.respected", limit: 3 })
    expect(milk(2)).toMatchObject({ code: "interval.too-short", limit: 3 })
  })

  test("a product with no discard period for the event gives interval.unknown, never a pass", () => {
    // 278-土霉素注射液 states 弃奶期 but no 弃蛋期
    const r = reportOf(treat({ species: "鸡", product: "土霉素注射液", lastDoseOn: DOSE, eggsCollectedOn: plus(DOSE, 400) }))
    expect(r.verdict).toBe("indeterminate")
    expect(intervalFinding(r)).toMatchObject({ code: "interval.unknown", severity: "warning" })
    expect(intervalFinding(r).values).toMatchObject({ reason: "species-not-covered" })
    const m = reportOf(treat({ species: "猪", product: "四环素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 400), state: "none" }))
    expect(intervalFinding(m).code).toBe("interval.respected")
    const noMilk = reportOf(treat({ species: "牛", product: "甲硝唑片", lastDoseOn: DOSE, milkedOn: plus(DOSE, 400) }))
    expect(intervalFinding(noMilk).values).toMatchObject({ reason: "no-milk-discard-period" })
    expect(noMilk.verdict).toBe("indeterminate")
  })
})

describe("withdrawal in hours (278-双甲脒溶液: 弃奶期 48 h)", () => {
  const milk = (extra: Record<string, unknown>) =>
    reportOf(treat({ species: "奶牛", product: "双甲脒溶液", lastDoseOn: DOSE, ...extra }))

  test("with recorded times: 48 h passes, 47 h fails, one minute short fails", () => {
    const ok = milk({ milkedOn: "2026-05-03", lastDoseAt: "2026-05-01T08:00", endAt: "2026-05-03T08:00" })
    expect(intervalFinding(ok)).toMatchObject({ code: "interval.respected", measured: 48, limit: 48, unit: "h", decisionRule: "elapsed-hours>=interval" })
    expect(intervalFinding(ok).values).toMatchObject({ times: "recorded" })
    expect(ok.verdict).toBe("compliant")
    const hour = milk({ milkedOn: "2026-05-03", lastDoseAt: "2026-05-01T08:00", endAt: "2026-05-03T07:00" })
    expect(intervalFinding(hour)).toMatchObject({ code: "interval.too-short", measured: 47 })
    const minute = milk({ milkedOn: "2026-05-03", lastDoseAt: "2026-05-01T08:00:00", endAt: "2026-05-03T07:59:00" })
    expect(intervalFinding(minute).code).toBe("interval.too-short")
  })

  test("without times the elapsed hours are never overstated (dose at the end of its day, milking at the start of its day)", () => {
    // day 2: at least 24 h certainly elapsed, not 48
    expect(intervalFinding(milk({ milkedOn: plus(DOSE, 2) }))).toMatchObject({ code: "interval.too-short", measured: 24 })
    expect(intervalFinding(milk({ milkedOn: plus(DOSE, 3) }))).toMatchObject({ code: "interval.respected", measured: 48 })
    expect(intervalFinding(milk({ milkedOn: plus(DOSE, 3) })).values).toMatchObject({ times: "bounded-from-dates" })
    // one time known: dose at 20:00, milking day 3 at 00:00 → 52 h
    expect(intervalFinding(milk({ milkedOn: plus(DOSE, 3), lastDoseAt: "2026-05-01T20:00" }))).toMatchObject({ measured: 28 + 24 })
  })
})

describe("withdrawal in degree-days (278-氟苯尼考粉: 鱼 375 度日)", () => {
  const temps = (from: string, celsius: ReadonlyArray<string | number>) => celsius.map((c, k) => ({ date: plus(from, k + 1), celsius: c }))
  const fish = (end: number, celsius: ReadonlyArray<string | number>) =>
    reportOf(treat({ species: "草鱼（物种）", product: "氟苯尼考粉", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, end), waterTemperatures: temps(DOSE, celsius) }))

  test("exactly 375 degree-days passes; one degree-day short fails", () => {
    const ok = fish(15, Array(15).fill("25"))
    expect(intervalFinding(ok)).toMatchObject({ code: "interval.respected", measured: 375, limit: 375, unit: "degree-days", decisionRule: "degree-days>=interval" })
    expect(intervalFinding(ok).verification).toBe("unverified")
    expect(ok.verification).toBe("unverified")
    const short = fish(15, [...Array(14).fill("25"), "24"])
    expect(intervalFinding(short)).toMatchObject({ code: "interval.too-short", measured: 374 })
    // decimal temperatures add exactly: 15 × 25.0 = 374.9 + 0.1
    expect(intervalFinding(fish(15, [...Array(14).fill("25"), "24.9", ...[]])).measured).toBe(374.9)
    expect(intervalFinding(fish(15, [...Array(13).fill(25), 24.9, 25.1])).code).toBe("interval.respected")
  })

  test("the day of the last dose does not count, the slaughter day does", () => {
    const r = reportOf(
      treat({
        species: "鱼",
        product: "氟苯尼考粉",
        lastDoseOn: DOSE,
        slaughteredOn: plus(DOSE, 15),
        waterTemperatures: [{ date: DOSE, celsius: "100" }, ...temps(DOSE, Array(15).fill("25"))]
      })
    )
    expect(intervalFinding(r).measured).toBe(375)
  })

  test("a missing day's temperature makes the interval unknown, never a pass", () => {
    const gap = temps(DOSE, Array(20).fill("30")).filter((_, k) => k !== 4)
    const r = reportOf(treat({ species: "鱼", product: "氟苯尼考粉", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 20), waterTemperatures: gap }))
    expect(r.verdict).toBe("indeterminate")
    expect(intervalFinding(r)).toMatchObject({ code: "interval.unknown", severity: "warning" })
    expect(intervalFinding(r).values).toMatchObject({ reason: "water-temperatures-missing", missingTemperatures: [plus(DOSE, 5)] })
    const none = reportOf(treat({ species: "鱼", product: "氟苯尼考粉", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 300) }))
    expect(intervalFinding(none).code).toBe("interval.unknown")
  })

  test("other species of the same row keep their day periods (猪 20 d)", () => {
    expect(intervalFinding(reportOf(treat({ species: "猪", product: "氟苯尼考粉", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 19) }))).code).toBe(
      "interval.too-short"
    )
  })
})

describe("products prohibited in a production state (产蛋期禁用, 泌乳期禁用)", () => {
  test("278-四环素片 on a laying hen, by state or by eggs collected", () => {
    for (const r of [
      treat({ species: "鸡", state: "laying", product: "四环素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 30) }),
      treat({ species: "蛋鸡", product: "四环素片", lastDoseOn: DOSE, eggsCollectedOn: plus(DOSE, 30) })
    ]) {
      const rep = reportOf(r)
      expect(rep.verdict).toBe("non-compliant")
      expect(intervalFinding(rep)).toMatchObject({
        code: "interval.prohibited-in-state",
        outcome: "prohibited-in-state",
        severity: "violation",
        decisionRule: "state-in-prohibited-states"
      })
      expect(intervalFinding(rep).citation).toMatchObject({ clause: "附件1 第10项" })
      expect(intervalFinding(rep).values).toMatchObject({ states: ["laying"] })
    }
  })

  test("278-四环素片 on a lactating cow, by state or by milking", () => {
    expect(codes(reportOf(treat({ species: "牛", state: "lactating", product: "四环素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 30) })))).toContain(
      "interval.prohibited-in-state"
    )
    expect(codes(reportOf(treat({ species: "奶牛", product: "四环素片", lastDoseOn: DOSE, milkedOn: plus(DOSE, 30) })))).toContain(
      "interval.prohibited-in-state"
    )
  })

  test("the same product outside those states is judged by its withdrawal period", () => {
    const r = reportOf(treat({ species: "鸡", state: "none", product: "四环素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 4) }))
    expect(intervalFinding(r).code).toBe("interval.respected")
  })

  test("a drug named without its product: every product with the drug must agree", () => {
    // 恩诺沙星: 可溶性粉 and 溶液 (家禽 8 d, 产蛋鸡禁用) — both prohibit laying hens
    const laying = reportOf(treat({ species: "鸡", state: "laying", drug: "恩诺沙星", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 30) }))
    expect(intervalFinding(laying).code).toBe("interval.prohibited-in-state")
    expect(intervalFinding(laying).citations).toHaveLength(2)
  })
})

describe("products and drugs with several candidate rows", () => {
  test("土霉素 on 牛 without a product: 片 7 d and 注射液 28 d must agree", () => {
    const at = (n: number) => reportOf(treat({ species: "牛", drug: "土霉素", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, n) }))
    expect(intervalFinding(at(28))).toMatchObject({ code: "interval.respected", limit: 28 })
    expect(intervalFinding(at(6))).toMatchObject({ code: "interval.too-short", limit: 7 })
    const between = at(10)
    expect(between.verdict).toBe("indeterminate")
    expect(intervalFinding(between)).toMatchObject({ code: "interval.unknown", decisionRule: "all-candidate-rows-must-agree" })
    expect(intervalFinding(between).values).toMatchObject({ reason: "candidates-disagree" })
  })

  test("a drug that does not match the named product is an error with its path", () => {
    const r = treat({ species: "牛", product: "土霉素片", drug: "四环素", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 30) })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "invalid-value", path: ["drug"] })
  })
})

describe("unknown intervals are never a pass", () => {
  test("a product not in the table", () => {
    const unknown = reportOf(treat({ species: "猪", product: "某新兽药注射液", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 999) }))
    expect(unknown.verdict).toBe("indeterminate")
    expect(intervalFinding(unknown)).toMatchObject({ code: "interval.unknown", decisionRule: "no-interval-is-no-pass" })
    expect(intervalFinding(unknown).citation?.instrument).toBe("农业部公告第278号")
    expect(intervalFinding(unknown).values).toMatchObject({ reason: "no-row" })

    // 马杜霉素预混剂 (鸡 5 d) was withheld until 马杜霉素 was catalogued; it is judged now
    const restored = reportOf(treat({ species: "鸡", product: "马杜霉素预混剂", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 5) }))
    expect(intervalFinding(restored)).toMatchObject({ code: "interval.respected", limit: 5 })
    const short = reportOf(treat({ species: "鸡", product: "马杜霉素预混剂", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 4) }))
    expect(intervalFinding(short).code).toBe("interval.too-short")
  })

  test("repealed rows are not used after their end: 278-甲磺酸培氟沙星注射液 ends 2016-12-30", () => {
    const before = reportOf(treat({ species: "猪", product: "甲磺酸培氟沙星注射液", lastDoseOn: "2016-12-30", slaughteredOn: "2017-01-27" }))
    expect(before.verdict).toBe("compliant")
    expect(intervalFinding(before)).toMatchObject({ code: "interval.respected", limit: 28 })
    const after = reportOf(treat({ species: "猪", product: "甲磺酸培氟沙星注射液", lastDoseOn: "2016-12-31", slaughteredOn: "2017-06-30" }))
    expect(intervalFinding(after).values).toMatchObject({ reason: "row-not-in-force", notInForce: ["278-甲磺酸培氟沙星注射液"] })
    // and the drug itself is withdrawn from food animals from 2016-12-31 (公告第2292号)
    expect(after.verdict).toBe("non-compliant")
    expect(after.findings.find((f) => f.code === "use.prohibited-substance")).toMatchObject({
      severity: "critical",
      referral: "criminal-referral",
      substance: "培氟沙星",
      outcome: "use-prohibited"
    })
  })

  test("a crop and active ingredient with no PHI row", () => {
    const r = reportOf(apply({ crop: "豇豆", pesticide: "联苯菊酯", appliedOn: DOSE, harvestedOn: plus(DOSE, 365) }))
    expect(r.verdict).toBe("indeterminate")
    expect(intervalFinding(r)).toMatchObject({ code: "interval.unknown", severity: "warning" })
    expect(intervalFinding(r).citation?.instrument).toBe("农药管理条例")
  })
})

describe("pre-harvest intervals (安全间隔期, days from the last application to harvest)", () => {
  test("harvest on day 5 after the last application passes a 5-day PHI, day 4 fails (阿维菌素 on 豇豆)", () => {
    const at = (n: number) => reportOf(apply({ crop: "豇豆", pesticide: "阿维菌素", appliedOn: DOSE, harvestedOn: plus(DOSE, n) }))
    expect(intervalFinding(at(5))).toMatchObject({ code: "interval.respected", measured: 5, limit: 5, unit: "d", food: "豇豆", verification: "secondary" })
    expect(at(5).verdict).toBe("compliant")
    expect(at(5).verification).toBe("secondary")
    expect(intervalFinding(at(4))).toMatchObject({ code: "interval.too-short", measured: 4, limit: 5 })
    expect(at(4).verdict).toBe("non-compliant")
  })

  test("the interval counts from the last of several applications", () => {
    const r = reportOf(apply({ crop: "豇豆", pesticide: "阿维菌素", applications: ["2026-04-20", "2026-05-01", "2026-04-25"], harvestedOn: "2026-05-05" }))
    expect(intervalFinding(r)).toMatchObject({ code: "interval.too-short", measured: 4 })
    expect(r.asOf).toBe("2026-05-01")
    expect(intervalFinding(r).values).toMatchObject({ applications: 3, maxApplications: 3, exceedsMaxApplications: false })
  })

  test("a category row covers its members (叶菜类蔬菜 7 d for 小白菜, a member of 普通白菜)", () => {
    const r = reportOf(apply({ crop: "小白菜", pesticide: "阿维菌素", appliedOn: DOSE, harvestedOn: plus(DOSE, 7) }))
    expect(intervalFinding(r)).toMatchObject({ code: "interval.respected", limit: 7, food: "小白菜" })
    expect(intervalFinding(r).categoryPath).toEqual(["蔬菜", "叶菜类蔬菜"])
  })

  test("two products on the same crop: the named product decides, else both must agree (啶虫脒 on 黄瓜: 2 d and 1 d)", () => {
    const at = (n: number, product?: string) =>
      reportOf(apply({ crop: "黄瓜", pesticide: "啶虫脒", appliedOn: DOSE, harvestedOn: plus(DOSE, n), ...(product ? { product } : {}) }))
    expect(intervalFinding(at(2)).code).toBe("interval.respected")
    expect(intervalFinding(at(0)).code).toBe("interval.too-short")
    expect(intervalFinding(at(1)).code).toBe("interval.unknown")
    expect(intervalFinding(at(1, "20%啶虫脒可溶粉剂"))).toMatchObject({ code: "interval.respected", limit: 1 })
    expect(intervalFinding(at(1, "20%啶虫脒乳油"))).toMatchObject({ code: "interval.too-short", limit: 2 })
  })
})

describe("prohibited substances used", () => {
  test("甲胺磷 (banned everywhere from 2007-01-01) on 豇豆", () => {
    const r = reportOf(apply({ crop: "豇豆", pesticide: "甲胺磷", appliedOn: "2026-05-01", harvestedOn: "2026-06-01" }))
    expect(r.verdict).toBe("non-compliant")
    const f = r.findings.find((x) => x.code === "use.prohibited-substance")!
    expect(f).toMatchObject({ severity: "critical", referral: "criminal-referral", outcome: "use-prohibited", decisionRule: "status-on-date-of-use" })
    expect(f.citation?.instrument).toBeTruthy()
    expect(f.verification).toBeTruthy()
    expect(f.values).toMatchObject({ dates: ["2026-05-01"] })
  })

  test("克百威 via its alias 呋喃丹 is prohibited on vegetables (scope ban), checked on every application date", () => {
    const r = reportOf(apply({ crop: "豇豆", pesticide: "呋喃丹", applications: ["2001-05-01", "2003-05-01"], harvestedOn: "2003-06-01" }))
    const f = r.findings.find((x) => x.code === "use.prohibited-substance")!
    expect(f.substance).toBe("克百威")
    expect(f.values).toMatchObject({ dates: ["2003-05-01"] })
  })

  test("a drug withdrawn from food animals, named directly", () => {
    const r = reportOf(treat({ species: "鸡", drug: "培氟沙星", lastDoseOn: "2020-01-01", slaughteredOn: "2020-03-01" }))
    expect(codes(r)).toContain("use.prohibited-substance")
    expect(r.verdict).toBe("non-compliant")
  })
})

describe("registered use (registration data imported by a user)", () => {
  const labels: DataFile = {
    path: "user/labels.json",
    json: {
      kind: "phi-table",
      id: "user-labels",
      rows: [
        {
          id: "PD20990001-豇豆",
          registrationNo: "PD20990001",
          basis: "registration",
          product: "1.8%阿维菌素乳油",
          activeIngredients: ["阿维菌素"],
          crop: "豇豆",
          phiDays: "7",
          maxApplications: 2,
          citation: { instrument: "农药登记证 PD20990001", clause: "标签 豇豆" },
          verification: "official-text"
        }
      ]
    }
  }
  const ds = getOrThrow(datasetWith(labels))

  test("a registered crop: use.registered and the label's PHI (7 d, not the 5-day reference row)", () => {
    const r = reportOf(apply({ crop: "豇豆", pesticide: "阿维菌素", registrationNo: "PD20990001", appliedOn: DOSE, harvestedOn: plus(DOSE, 6) }, ds))
    expect(codes(r)).toEqual(["use.registered", "interval.too-short"])
    expect(r.findings[0]).toMatchObject({ severity: "info", outcome: "registered-use", verification: "official-text" })
    expect(intervalFinding(r)).toMatchObject({ limit: 7, verification: "official-text" })
    const ok = reportOf(apply({ crop: "豇豆", pesticide: "阿维菌素", registrationNo: "PD20990001", appliedOn: DOSE, harvestedOn: plus(DOSE, 7) }, ds))
    expect(ok.verdict).toBe("compliant")
  })

  test("a crop the registration does not cover: use.outside-registration", () => {
    const r = reportOf(apply({ crop: "黄瓜", pesticide: "阿维菌素", registrationNo: "PD20990001", appliedOn: DOSE, harvestedOn: plus(DOSE, 30) }, ds))
    expect(r.verdict).toBe("non-compliant")
    const f = r.findings.find((x) => x.code === "use.outside-registration")!
    expect(f).toMatchObject({ severity: "violation", outcome: "use-outside-registration" })
    expect(f.values).toMatchObject({ reason: "crop-not-registered", registeredCrops: ["豇豆"] })
    // the interval is still judged, on the reference rows for the crop
    expect(intervalFinding(r)).toMatchObject({ code: "interval.respected", limit: 2 })
  })

  test("more applications than the label allows", () => {
    const r = reportOf(
      apply({ crop: "豇豆", pesticide: "阿维菌素", registrationNo: "PD20990001", applications: ["2026-04-01", "2026-04-10", DOSE], harvestedOn: plus(DOSE, 30) }, ds)
    )
    expect(r.findings.find((x) => x.code === "use.outside-registration")?.values).toMatchObject({ reason: "max-applications", maxApplications: 2 })
  })

  test("a registration number with no data held changes nothing but is noted", () => {
    // every row for the ingredient on the crop is a candidate: the reference row (5 d) and the
    // other registration's label (7 d) must agree
    const at = (n: number) =>
      reportOf(apply({ crop: "豇豆", pesticide: "阿维菌素", registrationNo: "PD00000000", appliedOn: DOSE, harvestedOn: plus(DOSE, n) }, ds))
    expect(codes(at(7))).toEqual(["interval.respected"])
    expect(intervalFinding(at(7)).values).toMatchObject({ registrationInData: false, registrationNo: "PD00000000" })
    expect(intervalFinding(at(5)).code).toBe("interval.unknown")
    expect(intervalFinding(at(4)).code).toBe("interval.too-short")
  })
})

describe("names are resolved exactly; bad records are errors with their path", () => {
  test("unknown crop, pesticide, species and drug", () => {
    const a = apply({ crop: "豇豆角", pesticide: "阿维菌素X", appliedOn: DOSE, harvestedOn: plus(DOSE, 5) })
    expect(a.ok).toBe(false)
    if (!a.ok) {
      expect(a.errors.map((e) => [e.code, e.path])).toEqual([
        ["unknown-food", ["crop"]],
        ["unknown-substance", ["pesticide"]]
      ])
      expect(a.errors[0]!.params.nearest).toContain("豇豆")
    }
    const t = treat({ species: "恐龙", drug: "土霉素素", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, 5) })
    expect(t.ok).toBe(false)
    if (!t.ok) expect(t.errors.map((e) => [e.code, e.path])).toEqual([["unknown-species", ["species"]], ["unknown-substance", ["drug"]]])
  })

  test("an animal product is not a crop", () => {
    const r = apply({ crop: "鸡蛋", pesticide: "阿维菌素", appliedOn: DOSE, harvestedOn: plus(DOSE, 5) })
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path])).toEqual([["invalid-value", ["crop"]]])
  })

  test("dates out of order", () => {
    const a = apply({ crop: "豇豆", pesticide: "阿维菌素", applications: [DOSE, plus(DOSE, 10)], harvestedOn: plus(DOSE, 5) })
    expect(a.ok ? [] : a.errors.map((e) => [e.code, e.path])).toEqual([["date-order", ["applications", 1]]])
    const t = treat({ species: "牛", product: "土霉素片", lastDoseOn: DOSE, slaughteredOn: plus(DOSE, -1) })
    expect(t.ok ? [] : t.errors.map((e) => [e.code, e.path])).toEqual([["date-order", ["slaughteredOn"]]])
    const h = treat({ species: "牛", product: "双甲脒溶液", lastDoseOn: DOSE, milkedOn: plus(DOSE, 1), lastDoseAt: "2026-05-02T08:00", endAt: "2026-05-02T07:00" })
    expect(h.ok ? [] : h.errors.map((e) => [e.code, e.path])).toEqual([
      ["invalid-value", ["lastDoseAt"]],
      ["date-order", ["endAt"]]
    ])
  })

  test("bad and duplicate water temperatures", () => {
    const t = treat({
      species: "鱼",
      product: "氟苯尼考粉",
      lastDoseOn: DOSE,
      slaughteredOn: plus(DOSE, 2),
      waterTemperatures: [
        { date: plus(DOSE, 1), celsius: "2O" },
        { date: plus(DOSE, 2), celsius: 20 },
        { date: plus(DOSE, 2), celsius: 21 }
      ]
    })
    expect(t.ok ? [] : t.errors.map((e) => [e.code, e.path])).toEqual([
      ["invalid-decimal", ["waterTemperatures", 0, "celsius"]],
      ["invalid-value", ["waterTemperatures", 2, "date"]]
    ])
  })
})

test("the real dataset loads its interval rows", () => {
  expect(dataset().intervals.withdrawalRows().length).toBeGreaterThan(0)
})
