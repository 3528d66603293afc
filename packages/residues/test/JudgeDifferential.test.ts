// Differential test of the judgement (issue 16): `judgeAnalyte` through its memoised plans gives
// exactly what it gave before them (test/reference-judge.ts, the earlier code kept verbatim) for
// random analytes over the real national tables, over a region's effective tables (a subclass of
// LimitIndex, judged through its own `lookup`) and over the national limits with another status
// index. "Exactly": the same JSON, the same keys in the same order at every level, the same
// values (Object.is: 0 and -0 differ), the same frozen and unfrozen objects and arrays, the same
// table objects by identity (citations, components, read notes), and the same sharing of objects
// between two judgements of one analyte (fresh findings and values, shared frozen paths).
import { addDays, type CalendarDate } from "@nongan/core/CalendarDate"
import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import * as Quantity from "@nongan/core/Quantity"
import { getOrThrow } from "@nongan/core/Result"
import { rulesFor } from "@nongan/engine/Effective"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import { type Analyte, type DecisionRule, judgeAnalyte, type Tables } from "@nongan/residues/Judge"
import type { Measurement } from "@nongan/residues/Measurement"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { composeWith, limit, pack } from "../../engine/test/fixtures"
import { foodsUnder, resolveFood } from "./helpers"
import { referenceJudgeAnalyte } from "./reference-judge"

const composition = getOrThrow(
  composeWith(
    [
      // a county under the bundled 巴中市 pack: a lower limit, a limit in another unit, 不得检出 rows and bans
      pack("cn-511923-diff", "511923", "511900", { from: "2025-03-01", to: "2027-06-30" }, {
        limits: [
          limit("腐霉利", "韭菜", "1"),
          limit("噻虫嗪", "韭菜", "900", "ug/kg"),
          limit("毒死蜱", "芹菜", "0.01"),
          { substance: "啶虫脒", food: "菠菜", mustNotDetect: true, unit: "mg/kg", citation: { instrument: "测试文件" }, verification: "official-text" },
          { substance: "克百威", food: "豇豆", mustNotDetect: true, unit: "mg/kg", citation: { instrument: "测试文件" }, verification: "secondary" },
          { substance: "地西泮", species: "鱼", tissue: "皮+肉", mustNotDetect: true, unit: "mg/kg", citation: { instrument: "测试文件" }, verification: "official-text" }
        ],
        bans: [
          { substance: "吡虫啉", status: "banned-in-scope", scope: { foods: ["叶菜类蔬菜"] }, citation: { instrument: "测试禁令", clause: "一" } },
          { substance: "四环素类", status: "banned-food-animals", scope: { species: ["猪"] }, citation: { instrument: "测试禁令", clause: "二" } }
        ]
      })
    ],
    { bundled: true }
  )
)
const ds = composition.dataset
const region = rulesFor(composition, "511923")
if (region === undefined) throw new Error("the test county composes no rules")

/** The tables judged: national; a region's effective tables; the national limits with the region's statuses. */
const TABLES: ReadonlyArray<readonly [string, Tables]> = [
  ["national", ds],
  ["region 511923", region],
  ["national limits, regional statuses", { foods: ds.foods, substances: ds.substances, statuses: region.statuses, limits: ds.limits, exempt: ds.exempt }]
]

const allFoods: ReadonlyArray<ResolvedFood> = [...ds.foods.nodes().map((n) => n.id), ...ds.foods.products().map((p) => p.id)].map((id) => resolveFood(ds, id))
const rows = region.limits.rows()
const statusEntries = region.statuses.entries()
const substances = ds.substances.all()
const substanceIds = [...new Set([...rows.map((r) => r.row.substance), ...statusEntries.map((e) => e.substance)])].filter((id) => ds.substances.get(id) !== undefined)

// every day a row, a status entry or a table comes into or goes out of force, the days either side, and any day
const bounds = [
  ...rows.flatMap((r) => [r.from, ...(r.to !== undefined ? [r.to] : [])]),
  ...statusEntries.flatMap((e) => [e.effective.from, ...(e.effective.to !== undefined ? [e.effective.to] : [])]),
  "2025-03-01",
  "2027-06-30"
]
const arbDate = fc.oneof(
  fc.constantFrom(...bounds),
  fc.constantFrom(...bounds).map((d) => addDays(d as CalendarDate, -1)),
  fc.constantFrom(...bounds).map((d) => addDays(d as CalendarDate, 1)),
  fc.integer({ min: 0, max: 12_000 }).map((n) => addDays("1995-01-01" as CalendarDate, n))
)

/** A substance and a food: a row's substance and a food it reaches (mostly), a status entry's substance, or anything catalogued. */
const arbSubject: fc.Arbitrary<readonly [Analyte["substance"], ResolvedFood]> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...rows).chain((r) => {
    const members = foodsUnder(ds, r.row)
    return fc.tuple(fc.constant(ds.substances.get(r.row.substance)!), members.length > 0 ? fc.constantFrom(...members) : fc.constantFrom(...allFoods))
  }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...substanceIds).map((id) => ds.substances.get(id)!), fc.constantFrom(...allFoods)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...substances), fc.constantFrom(...allFoods)) }
)

/** A decimal string: small and plain, near typical limits, long (more than 15 significant digits), zero, or with an exponent. */
const arbDecimal: fc.Arbitrary<Decimal.Decimal> = fc
  .oneof(
    fc.constantFrom("0", "0.000", "0.01", "0.02", "0.05", "0.1", "0.5", "1", "2", "5", "10", "20", "50", "100", "900", "1000", "0.0005"),
    fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 6 })).map(([n, s]) => (n / 10 ** s).toFixed(s)),
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.integer({ min: -25, max: 5 })).map(([c, e]) => `${c}e${e}`),
    fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: -310, max: 300 })).map(([c, e]) => `${c}e${e}`)
  )
  .map((s) => Decimal.unsafeMake(s))
const arbUnit = fc.constantFrom("mg/kg" as const, "ug/kg" as const)
const arbQuantity: fc.Arbitrary<Quantity.Quantity> = fc.record({ value: arbDecimal, unit: arbUnit })

const arbMeasurement: fc.Arbitrary<Measurement> = fc.oneof(
  { weight: 6, arbitrary: arbQuantity.map((value): Measurement => ({ kind: "quantified", value })) },
  { weight: 3, arbitrary: fc.option(arbQuantity, { nil: undefined }).map((below): Measurement => (below === undefined ? { kind: "not-detected" } : { kind: "not-detected", below })) },
  { weight: 1, arbitrary: fc.constantFrom<Measurement>({ kind: "detected" }, { kind: "positive" }, { kind: "negative" }) }
)

const arbRule: fc.Arbitrary<DecisionRule | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant<DecisionRule>({ kind: "reported-value" }),
  fc.constantFrom("0", "0.2", "0.5", "1", "1.5").map((r): DecisionRule => ({ kind: "uncertainty", relative: Decimal.unsafeMake(r) }))
)

const READ_NOTE = Object.freeze({ value: "０.05" }) as Analyte["read"]

const arbAnalyte: fc.Arbitrary<Analyte> = fc
  .record({
    subject: arbSubject,
    date: arbDate,
    method: fc.constantFrom("lab" as const, "lab" as const, "lab" as const, "rapid" as const),
    measurement: arbMeasurement,
    state: fc.constantFrom(undefined, "none" as const, "laying" as const, "lactating" as const),
    uncertainty: fc.option(fc.constantFrom("0", "0.1", "0.3", "0.5").map((u) => Decimal.unsafeMake(u)), { nil: undefined }),
    sum: fc.option(fc.record({ parts: fc.constant([{ substance: "甲", value: "0.01" }]), lowerBound: fc.boolean() }), { nil: undefined, freq: 4 }),
    read: fc.option(fc.constant(READ_NOTE), { nil: undefined, freq: 4 }),
    // a value at the limit that applies or a unit of its last place (or a tenth of it) either side, in either unit
    near: fc.option(fc.record({ flip: fc.boolean(), delta: fc.integer({ min: -2, max: 2 }), finer: fc.integer({ min: 0, max: 2 }) }), { nil: undefined, freq: 2 })
  })
  .map(({ subject: [substance, food], date, method, measurement: written, state, uncertainty, sum, read, near }): Analyte => {
    const res = near === undefined ? undefined : ds.limits.lookup(substance.id, food, date)
    let measurement = written
    if (near !== undefined && res?.limit.row.limit !== undefined) {
      const l = res.limit.row.limit
      const last = l.toString().includes(".") ? l.toString().split(".")[1]!.length : 0
      const x = Decimal.add(l, Decimal.unsafeMake(`${near.delta}e${-(last + near.finer)}`))
      const q: Quantity.Quantity = { value: x, unit: res.limit.row.unit }
      const other = q.unit === "mg/kg" ? "ug/kg" : "mg/kg"
      measurement = { kind: "quantified", value: near.flip ? Quantity.convert(q, other)! : q }
    }
    const a: { -readonly [K in keyof Analyte]: Analyte[K] } = { substance, food, date, method, measurement }
    if (state !== undefined) a.state = state
    if (uncertainty !== undefined) a.uncertainty = uncertainty
    if (sum !== undefined) a.sum = sum
    if (read !== undefined) a.read = read
    return a
  })

/** Why two judgements differ, or `undefined`: JSON, then keys, order, values, frozenness and prototypes at every level. */
const difference = (got: unknown, want: unknown, path = "$"): string | undefined => {
  if (typeof want !== "object" || want === null) return Object.is(got, want) ? undefined : `${path}: ${String(got)} ≠ ${String(want)}`
  if (typeof got !== "object" || got === null) return `${path}: not an object`
  if (Object.getPrototypeOf(got) !== Object.getPrototypeOf(want)) return `${path}: prototypes differ`
  if (Array.isArray(got) !== Array.isArray(want)) return `${path}: array-ness differs`
  if (Object.isFrozen(got) !== Object.isFrozen(want)) return `${path}: frozen ${Object.isFrozen(got)}, want ${Object.isFrozen(want)}`
  const gk = Reflect.ownKeys(got)
  const wk = Reflect.ownKeys(want)
  if (gk.join("|") !== wk.join("|")) return `${path}: keys [${gk.map(String).join(", ")}], want [${wk.map(String).join(", ")}]`
  for (const k of wk) {
    const d = difference((got as Record<PropertyKey, unknown>)[k], (want as Record<PropertyKey, unknown>)[k], `${path}.${String(k)}`)
    if (d !== undefined) return d
  }
  return undefined
}

/** The objects of a judgement by path (findings, values, arrays…), to compare what two judgements share. */
const objectsOf = (x: unknown, path = "$", out = new Map<string, object>()): Map<string, object> => {
  if (typeof x !== "object" || x === null) return out
  out.set(path, x)
  for (const k of Reflect.ownKeys(x)) objectsOf((x as Record<PropertyKey, unknown>)[k], `${path}.${String(k)}`, out)
  return out
}

/** The paths whose objects two judgements of the same analyte share. */
const shared = (one: unknown, two: unknown): ReadonlyArray<string> => {
  const b = objectsOf(two)
  return [...objectsOf(one)].filter(([p, o]) => b.get(p) === o).map(([p]) => p)
}

// objects that come from the tables or the analyte, which findings carry by reference
const BY_REFERENCE = /\.(citation|citations\.\d+|components|read)$/

const judgeBoth = (tables: Tables, a: Analyte, rule: DecisionRule | undefined) =>
  rule === undefined ? [judgeAnalyte(tables, a), referenceJudgeAnalyte(tables, a)] as const : [judgeAnalyte(tables, a, rule), referenceJudgeAnalyte(tables, a, rule)] as const

const check = (tables: Tables, a: Analyte, rule: DecisionRule | undefined): void => {
  // twice each, so that both the plan's first use and its memoised reading are compared
  const [got, want] = judgeBoth(tables, a, rule)
  const [got2, want2] = judgeBoth(tables, a, rule)
  // markRead, as every caller does after judging
  for (const f of [...got, ...want, ...got2, ...want2]) if (a.read !== undefined) (f as { read?: unknown }).read = a.read
  expect(JSON.stringify(got)).toBe(JSON.stringify(want))
  expect(difference(got, want)).toBeUndefined()
  expect(difference(got2, want2)).toBeUndefined()
  expect(shared(got, got2)).toEqual(shared(want, want2))
  const gotObjects = objectsOf(got)
  for (const [p, o] of objectsOf(want)) if (BY_REFERENCE.test(p)) expect(gotObjects.get(p)).toBe(o)
}

// analytes per set of tables (each judged twice by both implementations)
const RUNS = 10_000

describe("judgeAnalyte through its plans equals the judgement before them", () => {
  for (const [name, tables] of TABLES)
    test(`random analytes over ${name}: same findings, key order, values, frozenness, identity and sharing`, () => {
      fc.assert(
        fc.property(arbAnalyte, arbRule, (a, rule) => check(tables, a, rule)),
        { numRuns: RUNS }
      )
    })

  test("the random analytes reach every outcome of the judgement", () => {
    // not vacuous: the analytes drawn reach every branch of judgeAnalyte (a sample as large as one run)
    const outcomes = new Map<string, number>()
    for (const [a, rule] of fc.sample(fc.tuple(arbAnalyte, arbRule), { numRuns: RUNS, seed: 20261202 }))
      for (const [, tables] of TABLES) for (const f of judgeAnalyte(tables, a, rule)) outcomes.set(f.outcome, (outcomes.get(f.outcome) ?? 0) + 1)
    for (const o of [
      "not-detected",
      "inconclusive",
      "within-limit",
      "exceeds-limit",
      "exceeds-within-uncertainty",
      "detected-must-not-detect",
      "no-limit",
      "limit-not-held",
      "detected-not-quantified",
      "prohibited-substance-detected",
      "screen-positive",
      "screen-negative"
    ] satisfies ReadonlyArray<Finding["outcome"]>)
      expect([o, outcomes.get(o) ?? 0]).not.toEqual([o, 0])
  })

  test("findings are fresh objects: mutating one judgement's findings changes no other", () => {
    const a: Analyte = { substance: ds.substances.get("克百威")!, food: resolveFood(ds, "豇豆"), date: "2026-06-15", method: "lab", measurement: { kind: "quantified", value: Quantity.unsafeMake("0.062", "mg/kg") } }
    const one = judgeAnalyte(ds, a) as Array<Finding>
    ;(one[0] as { layer?: string }).layer = "x"
    ;(one[0]!.values as Record<string, unknown>).extra = 1
    const two = judgeAnalyte(ds, a)
    expect(difference(two, referenceJudgeAnalyte(ds, a))).toBeUndefined()
  })
})
