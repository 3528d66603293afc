/**
 * The law kit: the properties every rule pack (plugin) must satisfy, runnable by any pack author.
 *
 * ```ts
 * import { checkPackLaws } from "./laws" // this file, from a test of your own
 * checkPackLaws(myPackJson) // throws, with a counterexample, when a law fails
 * ```
 *
 * The laws (STYLE.md point 7):
 *
 * 0. the pack composes over the national tables and the other packs (schema, references, only
 *    tightens), and each of its first 8 limit rows that has a national limit on its first day,
 *    raised to 1,000,000 mg/kg, is rejected as `pack-loosens` naming the pack and the row;
 * 1. deterministic: validating a record twice gives deep-equal results;
 * 2. total on schema-valid input: validation never throws; it gives a report, or typed errors
 *    whose codes are all in `ErrorCode`;
 * 3. only known finding codes (`isKnownCode`), every finding naming a layer that judged the record;
 * 4. layering only tightens: a record judged with its region is never more compliant than the
 *    same record with no region, nor than with the pack left out; national findings are untouched
 *    except where a regional row judges the analyte in their place (it names the row it overrode);
 * 5. as-of replay stable: judging a record again after judging 100 others gives the same result,
 *    and every limit a finding cites is a row in force on the record's date.
 *
 * Records are generated around the pack: its jurisdiction (and a region below it), dates around
 * its effective period, the foods and substances its limits, bans, key varieties and rules name,
 * and values around its limits, mixed with records drawn from the whole national dataset. The kit
 * fails when the pack never took part in a judgement (a law that is never exercised is not checked).
 */
import assert from "node:assert/strict"
import { join } from "node:path"
import fc from "fast-check"
import { Schema } from "effect"
import { addDays, type CalendarDate, fromDayNumber, toDayNumber } from "@nongan/core/CalendarDate"
import * as Decimal from "@nongan/core/Decimal"
import { contains } from "@nongan/core/EffectivePeriod"
import { type Finding, isKnownCode } from "@nongan/core/Finding"
import { lineage } from "@nongan/core/Ids"
import { formatError } from "@nongan/core/Messages"
import { ErrorCode, type NonganError } from "@nongan/core/NonganError"
import { fromFindings, RecordReport, type Verdict } from "@nongan/core/Verdict"
import { compose } from "@nongan/engine/Compose"
import type { Dataset } from "@nongan/engine/Dataset"
import { decode as decodePack, type RulePack } from "@nongan/engine/RulePack"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import { readDataDir, rulesDir as defaultRulesDir } from "@nongan/sdk/Files"
import { createValidator, loadDataset, type Validation, type Validator } from "@nongan/sdk/Validator"

// ---------------------------------------------------------------------------------------------
// Record laws (usable on any validator)

const ERROR_CODES: ReadonlySet<string> = new Set(ErrorCode.literals)
const isReport = Schema.is(RecordReport)
const RANK: Record<Verdict, number> = { compliant: 0, indeterminate: 1, "non-compliant": 2 }
const show = (u: unknown) => JSON.stringify(u)
const fmt = (errors: ReadonlyArray<NonganError>) => errors.map((e) => formatError(e, "en")).join("; ")

/**
 * Law 2 (total): validates a record without throwing; an error result carries at least one error,
 * every code a known `ErrorCode`, every message renderable in both locales; a report is a valid
 * `RecordReport`.
 */
export const validateTotal = (v: Validator, record: unknown): Validation => {
  let r: Validation
  try {
    r = v.validate(record)
  } catch (e) {
    return assert.fail(`law 2 (total): validate threw ${String(e)} on ${show(record)}`)
  }
  if (!r.ok) {
    assert.ok(r.errors.length > 0, `law 2 (total): a failure without errors on ${show(record)}`)
    for (const e of r.errors) {
      assert.ok(ERROR_CODES.has(e.code), `law 2 (total): unknown error code ${e.code}`)
      assert.ok(formatError(e, "zh-CN").length > 0 && formatError(e, "en").length > 0)
    }
    assert.ok(ERROR_CODES.has(r.failure.error.code))
  } else assert.ok(isReport(r.report), `law 2 (total): not a RecordReport: ${show(r.report)}`)
  return r
}

/**
 * Law 3 (known codes): every finding code is known, custom findings (and only they) are
 * `local.*` with their rule, and every finding names a layer that judged the record; every
 * regional pack named was in force on the record's date for the record's region.
 */
export const checkFindings = (v: Validator, report: RecordReport): void => {
  const packs = report.packs ?? []
  assert.equal(packs[0]?.id, "cn-national", "law 3: the national layer judges first")
  const layers = new Set(["national", ...packs.map((p) => p.id)])
  for (const p of packs.slice(1)) {
    const layer = (v.composition.layers.get(p.jurisdiction) ?? []).find((l) => l.pack.id === p.id)
    assert.ok(layer, `law 3: unknown pack ${p.id}`)
    assert.ok(report.region !== undefined && lineage(report.region).includes(p.jurisdiction), `law 3: pack ${p.id} outside region ${report.region}`)
    assert.ok(contains(layer.pack.effective, report.asOf ?? ""), `law 3: pack ${p.id} not in force on ${report.asOf}`)
  }
  for (const f of report.findings) {
    assert.ok(isKnownCode(f.code), `law 3: unknown finding code ${f.code}`)
    assert.ok(f.layer !== undefined && layers.has(f.layer), `law 3: finding ${f.code} names layer ${f.layer}, not one of ${[...layers].join(", ")}`)
    if (f.outcome === "custom") assert.ok(f.code.startsWith("local.") && f.rule !== undefined && f.layer !== "national", `law 3: custom finding ${show(f)}`)
    else assert.ok(!f.code.startsWith("local."), `law 3: ${f.code} is not a custom finding`)
  }
}

const limitRowsOf = (v: Validator, layer: string): ReadonlyArray<IndexedLimit> => {
  if (layer === "national") return v.dataset.limits.rows()
  for (const ls of v.composition.layers.values()) for (const l of ls) if (l.pack.id === layer) return l.limits.rows()
  return []
}

/** Law 5 (as of the date): every limit a finding cites is a row of its layer in force on the record's date. */
export const checkLimitRows = (v: Validator, report: RecordReport): void => {
  for (const f of report.findings) {
    if (f.categoryPath === undefined || f.substance === undefined) continue
    const node = f.categoryPath[f.categoryPath.length - 1]
    const rows = limitRowsOf(v, f.layer ?? "national").filter(
      (r) =>
        r.row.substance === f.substance &&
        (r.row.food ?? r.row.species) === node &&
        (r.instrument === f.source || r.row.citation.instrument === f.source) &&
        (f.limit === undefined || (r.row.limit !== undefined && Decimal.toNumber(r.row.limit) === f.limit && r.row.unit === f.unit)) &&
        contains(r, report.asOf ?? "")
    )
    assert.ok(rows.length > 0, `law 5: no row of ${f.layer} in force on ${report.asOf} for ${show(f)}`)
  }
}

/** Laws 1, 2, 3 and 5 (limit rows) on one record; returns the validation. */
export const checkRecordLaws = (v: Validator, record: unknown): Validation => {
  const first = validateTotal(v, record)
  const again = validateTotal(v, structuredClone(record))
  assert.deepStrictEqual(again, first, "law 1 (deterministic): two validations differ")
  if (first.ok) {
    checkFindings(v, first.report)
    checkLimitRows(v, first.report)
  }
  return first
}

const withoutRegion = (record: unknown): unknown => {
  if (typeof record !== "object" || record === null) return record
  const { region: _r, ...rest } = record as Record<string, unknown>
  return rest
}

/**
 * Law 4 (only tightens): `tighter` may only add to what `looser` found for the same record: same
 * outcome of decoding, a verdict at least as severe, every national finding unchanged, and no
 * fewer criminal referrals.
 */
export const checkTighter = (tighter: Validation, looser: Validation, what: string): void => {
  assert.equal(tighter.ok, looser.ok, `law 4: ${what} changes whether the record can be judged`)
  if (!tighter.ok || !looser.ok) return
  const a = tighter.report
  const b = looser.report
  // Compose once, judge once: where a regional row applies, it judges the analyte in place of the
  // national row, and its finding names the national row it overrode (`values.overrides`); where
  // the national tables hold no limit (`no-limit`, `limit-not-held`, a screen with none), the
  // regional row is the limit. Every other national finding stays, and the verdict of what stays
  // can only get worse.
  const SEV: Record<string, number> = { info: 0, warning: 1, violation: 2, critical: 3 }
  const replaced = (f: Finding) =>
    f.layer === "national" &&
    a.findings.some(
      (g) =>
        g.layer !== "national" && g.outcome !== "custom" && g.outcome !== "prohibited-substance-detected" && g.substance === f.substance && g.food === f.food &&
        ((Array.isArray(g.values?.["overrides"]) &&
          (g.values["overrides"] as ReadonlyArray<{ layer?: string; source?: string }>).some((o) => o.layer === "national" && o.source === f.source) &&
          SEV[g.severity]! >= SEV[f.severity]!) ||
          // (only a residue finding that had no limit can be replaced; analyte warnings such as
          // `analyte.duplicate` carry no limit either, but stand as they are)
          (f.categoryPath === undefined && f.code.startsWith("residue.") && f.outcome !== "prohibited-substance-detected" && g.categoryPath !== undefined))
    )
  // one prohibition finding per analyte, citing its best-verified reason first: a regional ban may be
  // that reason, and the national one is then among its `citations`
  const cited = (f: Finding) =>
    f.layer === "national" && f.outcome === "prohibited-substance-detected" &&
    a.findings.some(
      (g) =>
        g.layer !== "national" && g.outcome === f.outcome && g.substance === f.substance && g.food === f.food &&
        (g.citations ?? []).some((c) => JSON.stringify(c) === JSON.stringify(f.citation))
    )
  const kept = b.findings.filter((f) => !replaced(f) && !cited(f))
  assert.ok(RANK[a.verdict] >= RANK[kept.length === b.findings.length ? b.verdict : fromFindings(kept)], `law 4: ${what} turns ${b.verdict} into ${a.verdict}`)
  // (a national prohibition states the limit in force beside it, which is the regional one there)
  const national = (fs: ReadonlyArray<Finding>): ReadonlyArray<Finding> =>
    fs
      .filter((f) => f.layer === "national")
      .map((f) => {
        if (f.outcome !== "prohibited-substance-detected") return f
        const { limit: _l, ...rest } = f
        return rest
      })
  assert.deepStrictEqual(national(a.findings), national(kept), `law 4: ${what} changes national findings`)
  const referrals = (r: RecordReport) => r.findings.filter((f) => f.referral === "criminal-referral").length
  assert.ok(referrals(a) >= referrals(b), `law 4: ${what} drops a criminal referral`)
}

/** Law 4 on one record: judged with its region vs with no region. */
export const checkRegionTightens = (v: Validator, record: unknown): void => {
  const withRegion = v.validate(record)
  // a malformed or unknown region is an error of the record (it selects law: fail closed, issue 17),
  // never a national-only verdict; law 4 compares records whose region is a real one
  if (!withRegion.ok && withRegion.errors.some((e) => e.code === "invalid-region" || e.code === "unknown-region")) return
  checkTighter(withRegion, v.validate(withoutRegion(record)), "a region")
}

/** Law 5 (replay): the same record judged again after `others` gives the same result. */
export const checkReplay = (v: Validator, record: unknown, others: ReadonlyArray<unknown>): void => {
  const first = v.validate(record)
  for (const o of others) v.validate(o)
  assert.deepStrictEqual(v.validate(record), first, `law 5 (replay): a different result after ${others.length} other records`)
}

// ---------------------------------------------------------------------------------------------
// Records

/** A food name and a substance to put in one record, with the limit to aim values at. */
export interface Pair {
  readonly product: string
  readonly substance: string
  readonly limit?: { readonly value: Decimal.Decimal; readonly unit: string } | undefined
}

/** What to generate records around. */
export interface Targets {
  readonly regions: ReadonlyArray<string | undefined>
  readonly from: string
  readonly to: string
  readonly dates: ReadonlyArray<string>
  readonly pairs: ReadonlyArray<Pair>
}

type Json = Record<string, unknown>

const strip = (u: Json): Json => Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined))

const FACTORS = ["0.5", "0.99", "1", "1.01", "2", "10"].map((f) => Decimal.unsafeMake(f))
const ODD_VALUES: ReadonlyArray<Json> = [
  { value: "ND" },
  { value: "未检出" },
  { value: "<0.01", unit: "mg/kg" },
  { value: "未检出(<0.005)", unit: "mg/kg" },
  { value: "阳性" },
  { value: "阴性" },
  { value: "检出" },
  { value: "0.05mg/kg" },
  { value: "50μg/kg" },
  { value: "0.05mg/kg", unit: "ug/kg" },
  { value: "about 3", unit: "mg/kg" },
  { value: -1, unit: "mg/kg" },
  { value: "1e3", unit: "mg/kg" },
  { value: "0", unit: "mg/kg" },
  { value: 0, unit: "mg/kg" },
  { value: "1", unit: "ppm" },
  { value: 0.1, unit: null },
  { value: 0.1 },
  { value: "", unit: "" }
]
const SUM_PARTS = ["克百威", "3-羟基克百威", "甲拌磷", "甲拌磷亚砜", "甲拌磷砜", "涕灭威亚砜", "氟虫腈砜", "不存在的药"]

const decimalString = fc
  .tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, scale]) => Decimal.shift(Decimal.unsafeMake(n), -scale).toString())

const genericValue: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.record({ value: decimalString, unit: fc.constantFrom("mg/kg", "ug/kg", "μg/kg", "µg/kg", "mg/KG") }), weight: 4 },
  { arbitrary: fc.record({ value: fc.double({ min: 0, max: 1000, noNaN: true }), unit: fc.constantFrom("mg/kg", "ug/kg") }), weight: 1 },
  { arbitrary: fc.constantFrom(...ODD_VALUES), weight: 2 }
)

const nearLimit = (limit: Pair["limit"]): fc.Arbitrary<Json> =>
  limit === undefined
    ? fc.constantFrom<Json>({ value: "0.001", unit: "mg/kg" }, { value: "ND" }, { value: "检出" }, { value: "1", unit: "ug/kg" })
    : fc.constantFrom(...FACTORS).map((f) => ({ value: Decimal.multiply(limit.value, f).toString(), unit: limit.unit }))

const extras: fc.Arbitrary<Json> = fc.record(
  {
    uncertainty: fc.constantFrom<string | number>("0.5", "50%", "0.2", 0.3, "x", "-1"),
    lod: fc.constantFrom<string | number>("0.01", 0.005, "?"),
    method: fc.constantFrom("GB 23200.8-2016", "")
  },
  { requiredKeys: [] }
)

const analyte = (substance: fc.Arbitrary<string>, value: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc.tuple(substance, value, fc.option(extras, { freq: 5, nil: undefined })).map(([s, v, e]) => strip({ substance: s, ...v, ...(e ?? {}) }))

const sumAnalyte: fc.Arbitrary<Json> = fc.record({
  substance: fc.constantFrom("克百威", "甲拌磷", "涕灭威"),
  unit: fc.constantFrom("mg/kg", "ug/kg"),
  components: fc.array(
    fc.record({ substance: fc.constantFrom(...SUM_PARTS), value: fc.oneof(decimalString, fc.constantFrom("ND", "<0.005", "x")) }),
    { minLength: 1, maxLength: 3 }
  )
})

/** Every national limit row as pairs: the row's food (or animal products of its species and tissue) and its substance. */
export const nationalPairs = (ds: Dataset): ReadonlyArray<Pair> => ds.limits.rows().flatMap((r) => pairsOfRow(ds, r.row, 3))

const pick = <A>(xs: ReadonlyArray<A>, n: number): ReadonlyArray<A> =>
  xs.length <= n ? xs : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]!)

/** Foods (names) a limit, ban or variety on `node` reaches: the node and some foods below it. */
const foodsUnder = (ds: Dataset, node: string, n: number): ReadonlyArray<string> => {
  if (ds.foods.hasNode(node)) return [node, ...pick(ds.foods.nodes().filter((f) => f.kind === "food" && f.id !== node && ds.foods.isWithin(f.id, node)).map((f) => f.id), n)]
  if (ds.foods.hasSpecies(node)) return productsOf(ds, node, "*", n)
  return [node]
}

const productsOf = (ds: Dataset, species: string, tissue: string, n: number): ReadonlyArray<string> =>
  pick(
    ds.foods.products().filter((p) => ds.foods.isWithin(p.species, species) && (tissue === "*" || p.tissue === tissue)).map((p) => p.id),
    n
  )

const pairsOfRow = (
  ds: Dataset,
  row: { readonly substance: string; readonly food?: string | undefined; readonly species?: string | undefined; readonly tissue?: string | undefined; readonly limit?: Decimal.Decimal | undefined; readonly unit: string },
  n: number
): ReadonlyArray<Pair> => {
  const products = row.food !== undefined ? foodsUnder(ds, row.food, n) : row.species !== undefined ? productsOf(ds, row.species, row.tissue ?? "*", n) : []
  const limit = row.limit === undefined ? undefined : { value: row.limit, unit: row.unit }
  return products.map((product) => ({ product, substance: row.substance, limit }))
}

/** Literal values a rule compares a fact with (all / any / not, leaves with `equal`, `in`, `contains`). */
const literalsOf = (node: unknown, fact: string, out: Set<string>): Set<string> => {
  if (typeof node !== "object" || node === null) return out
  const n = node as Record<string, unknown>
  for (const k of ["all", "any"]) if (Array.isArray(n[k])) for (const c of n[k] as Array<unknown>) literalsOf(c, fact, out)
  if (n["not"] !== undefined) literalsOf(n["not"], fact, out)
  if (n["fact"] === fact) for (const v of Array.isArray(n["value"]) ? n["value"] : [n["value"]]) if (typeof v === "string") out.add(v)
  return out
}

/** The pairs a pack names: its limits, its bans (and group members), its key varieties and its rules' literals. */
export const packPairs = (ds: Dataset, pack: RulePack): ReadonlyArray<Pair> => {
  const out: Array<Pair> = []
  for (const row of pack.limits ?? []) out.push(...pairsOfRow(ds, row, 4))
  const everyday = ["普通白菜", "豇豆", "苹果", "猪肉", "鸡蛋", "鲫鱼"]
  for (const b of pack.bans ?? []) {
    const id = ds.substances.resolve(b.substance)
    const members = id.ok ? [id.value.id, ...ds.substances.all().filter((s) => ds.substances.groups(s.id).includes(id.value.id)).map((s) => s.id)] : [b.substance]
    const foods = b.scope === "all" ? everyday : [...(b.scope.foods ?? []), ...(b.scope.species ?? [])].flatMap((f) => foodsUnder(ds, f, 3))
    for (const s of pick(members, 4)) for (const f of foods) out.push({ product: f, substance: s })
  }
  const ruleSubstances = [...(pack.customRules ?? []).reduce((acc, r) => literalsOf(r.conditions, "substance", acc), new Set<string>())]
  const ruleProducts = [...(pack.customRules ?? []).reduce((acc, r) => literalsOf(r.conditions, "product", acc), new Set<string>())]
  const ruleNodes = [...(pack.customRules ?? []).reduce((acc, r) => literalsOf(r.conditions, "productCategoryPath", acc), new Set<string>())]
  const foods = [...ruleProducts, ...ruleNodes.flatMap((n) => foodsUnder(ds, n, 2)), ...(pack.keyVarieties ?? []).flatMap((k) => foodsUnder(ds, k.food, 2))]
  const national = nationalPairs(ds)
  for (const f of foods) {
    const resolved = ds.foods.resolve(f)
    const withLimits = resolved.ok ? national.filter((p) => p.product === resolved.value.id) : []
    for (const p of pick(withLimits, 3)) out.push(p)
    for (const s of ruleSubstances) out.push({ product: f, substance: s })
    if (withLimits.length === 0) out.push({ product: f, substance: "克百威" })
  }
  for (const s of ruleSubstances) for (const p of pick(national.filter((x) => x.substance === s), 3)) out.push(p)
  return out
}

/**
 * Schema-valid inspection records around targets: a pair's food with that substance at values
 * around its limit, or any catalogue name (including species, tissues and aliases, which may be
 * errors) with any substance name and any reported value; any region and date of the targets.
 */
export const recordArbitrary = (ds: Dataset, t: Targets): fc.Arbitrary<Json> => {
  const foodNames = [...ds.foods.names(), "不存在的菜"]
  const substanceNames = [...ds.substances.names(), "不存在的药"]
  const anyAnalyte = fc.oneof({ arbitrary: analyte(fc.constantFrom(...substanceNames), genericValue), weight: 5 }, { arbitrary: sumAnalyte, weight: 1 })
  const paired =
    t.pairs.length === 0
      ? fc.constant<{ product: string; results: Array<Json> }>({ product: "普通白菜", results: [] })
      : fc.constantFrom(...t.pairs).chain((p) =>
          fc.record({
            product: fc.constant(p.product),
            results: fc.array(fc.oneof({ arbitrary: analyte(fc.constant(p.substance), fc.oneof(nearLimit(p.limit), genericValue)), weight: 4 }, { arbitrary: anyAnalyte, weight: 1 }), {
              minLength: 1,
              maxLength: 3
            })
          })
        )
  const random = fc.record({ product: fc.constantFrom(...foodNames), results: fc.array(anyAnalyte, { maxLength: 3 }) })
  const date = fc.oneof(
    { arbitrary: fc.integer({ min: toDayNumber(t.from as CalendarDate), max: toDayNumber(t.to as CalendarDate) }).map(fromDayNumber), weight: 3 },
    { arbitrary: fc.constantFrom(...t.dates), weight: 1 }
  )
  return fc
    .record({
      id: fc.nat({ max: 99_999 }).map((n) => `R-${n}`),
      kind: fc.constantFrom("inspection", undefined),
      sampledOn: date,
      region: fc.constantFrom(...t.regions),
      method: fc.constantFrom("lab", "rapid", undefined, undefined),
      state: fc.constantFrom("laying", "lactating", "none", undefined, undefined, undefined),
      body: fc.oneof({ arbitrary: paired, weight: 3 }, { arbitrary: random, weight: 1 })
    })
    .map(({ body, ...head }) => strip({ ...head, ...body }))
}

/** Targets over the whole dataset and the bundled packs' regions (and regions without a pack). */
export const generalTargets = (ds: Dataset): Targets => ({
  regions: ["500154", "511923", "511900", "540103", "510000", "330100", "999999", "5001", undefined],
  from: "2019-01-01",
  to: "2027-12-31",
  dates: ["2020-01-01", "2020-12-31", "2022-04-11", "2022-04-12", "2022-12-31", "2023-01-01", "2024-04-04", "2026-02-28", "2026-03-01"],
  pairs: nationalPairs(ds)
})

// ---------------------------------------------------------------------------------------------
// The pack kit

/** Options of {@link checkPackLaws}. */
export interface LawOptions {
  /** A dataset already loaded (else it is read from `rulesDir`). */
  readonly dataset?: Dataset
  /** The rules directory (default: the bundled `@nongan/rules`). */
  readonly rulesDir?: string
  /** The packs composed alongside (default: the bundled regional packs, without one of the same id). */
  readonly others?: ReadonlyArray<unknown>
  /** Records per law (default 40). */
  readonly numRuns?: number
  /** Records judged, each followed by 100 others, for the replay law (default 3). */
  readonly replays?: number
  /** fast-check seed, to replay a failure. */
  readonly seed?: number
}

/** What the kit exercised: records judged, how many the pack took part in, its findings. */
export interface LawStats {
  readonly records: number
  readonly judgedByPack: number
  readonly packFindings: number
  readonly loosenedRows: number
}

const baselines = new WeakMap<Dataset, Map<string, Validator>>()

const regionsBelow = (j: string): ReadonlyArray<string> =>
  j.endsWith("0000") ? [`${j.slice(0, 2)}0101`, `${j.slice(0, 2)}0100`] : j.endsWith("00") ? [`${j.slice(0, 4)}01`] : []

const subjectOf = (ds: Dataset, row: { food?: string | undefined; species?: string | undefined; tissue?: string | undefined }): ResolvedFood | undefined =>
  row.food !== undefined
    ? { kind: "plant", id: row.food, name: row.food, path: ds.foods.pathOf(row.food) }
    : row.species !== undefined && row.tissue !== undefined
      ? { kind: "animal", id: `${row.species}/${row.tissue}`, name: row.species, species: row.species, tissue: row.tissue, speciesPath: ds.foods.pathOf(row.species) }
      : undefined

/**
 * Checks every law on a rule pack (a JSON object, e.g. from `definePlugin`) and returns what was
 * exercised; throws an assertion error (with fast-check's counterexample) when a law fails.
 *
 * @example
 * import { checkPackLaws } from "./laws"
 * checkPackLaws(JSON.parse(readFileSync("rules/regions/500154/pack.json", "utf8")))
 */
export const checkPackLaws = (pack: unknown, options: LawOptions = {}): LawStats => {
  const dir = options.rulesDir ?? defaultRulesDir()
  const ds = options.dataset ?? (() => {
    const d = loadDataset(dir)
    if (!d.ok) return assert.fail(`the national data does not load: ${fmt(d.errors)}`)
    return d.value
  })()
  const decoded = decodePack(pack, ["pack"])
  if (!decoded.ok) return assert.fail(`law 0: the pack is not a valid rule pack: ${fmt(decoded.errors)}`)
  const p = decoded.value
  const others =
    options.others ??
    (() => {
      const r = readDataDir(join(dir, "regions"), dir)
      if (!r.ok) return assert.fail(`the bundled packs do not read: ${fmt(r.errors)}`)
      return r.value.map((f) => f.json).filter((j) => (j as { id?: unknown }).id !== p.id)
    })()
  const make = (packs: ReadonlyArray<unknown>): Validator => {
    const v = createValidator({ dataset: ds, rulesDir: dir, bundledPacks: false, packs })
    if (!v.ok) return assert.fail(`law 0: the pack does not compose: ${fmt(v.errors)}`)
    return v.value
  }
  const withPack = make([...others, pack])
  // the packs without this one are the same for many packs under test: composed once per dataset
  const key = `${dir}\u0000${JSON.stringify(others)}`
  const cache = baselines.get(ds) ?? new Map<string, Validator>()
  baselines.set(ds, cache)
  const withoutPack = cache.get(key) ?? make(others)
  cache.set(key, withoutPack)

  // law 0: a limit raised far above the national one is rejected, naming the pack and the row
  let loosenedRows = 0
  ;(p.limits ?? []).slice(0, 8).forEach((row, i) => {
    const subject = subjectOf(ds, row)
    const from = row.effective?.from ?? p.effective.from
    if (!subject || !ds.limits.resolveAt(row.substance, subject, from)) return
    const raw = pack as { limits: ReadonlyArray<Json> }
    const loose = { ...raw, limits: raw.limits.map((r, k) => (k === i ? strip({ ...r, limit: "1000000", mustNotDetect: undefined, unit: "mg/kg" }) : r)) }
    const files = [...others, loose].map((json, k) => ({ path: `packs[${k}]`, json }))
    const r = compose(ds, withPack.composition.national, files)
    assert.ok(!r.ok, `law 0 (only tightens): limits[${i}] raised to 1000000 mg/kg still composes`)
    const at = `packs[${others.length}]`
    assert.ok(
      r.errors.some((e) => e.code === "pack-loosens" && e.params["layer"] === p.id && e.path[0] === at && e.path[1] === "limits" && e.path[2] === i),
      `law 0 (only tightens): limits[${i}] raised is not reported as pack-loosens: ${fmt(r.errors)}`
    )
    loosenedRows++
  })

  const from = p.effective.from as CalendarDate
  const to = (p.effective.to ?? addDays(from, 730)) as CalendarDate
  const targets: Targets = {
    regions: [p.jurisdiction, p.jurisdiction, ...regionsBelow(p.jurisdiction), "110101", undefined],
    from: addDays(from, -365),
    to: addDays(to, 365),
    dates: [from, addDays(from, -1), to, addDays(to, 1), fromDayNumber(Math.floor((toDayNumber(from) + toDayNumber(to)) / 2))],
    pairs: [...packPairs(ds, p), ...pick(nationalPairs(ds), 200)]
  }
  const arb = recordArbitrary(ds, targets)
  const params = { numRuns: options.numRuns ?? 40, ...(options.seed !== undefined ? { seed: options.seed } : {}) }
  let records = 0
  let judgedByPack = 0
  let packFindings = 0
  const allLaws = (record: unknown) => {
    records++
    const r = checkRecordLaws(withPack, record)
    checkRegionTightens(withPack, record)
    checkTighter(r, withoutPack.validate(record), `pack ${p.id}`)
    if (r.ok && r.report.packs?.some((x) => x.id === p.id)) {
      judgedByPack++
      packFindings += r.report.findings.filter((f) => f.layer === p.id).length
    }
  }
  // anchors: records surely in the pack's region and period, for what it names
  const anchors = [...pick(targets.pairs, 8), { product: "普通白菜", substance: "克百威", limit: undefined }].flatMap((pair, i) =>
    [from, targets.dates[4]!].map((sampledOn) => ({
      id: `A-${i}`,
      kind: "inspection",
      sampledOn,
      region: p.jurisdiction,
      product: pair.product,
      results: [{ substance: pair.substance, ...(pair.limit ? { value: Decimal.multiply(pair.limit.value, FACTORS[4]!).toString(), unit: pair.limit.unit } : { value: "0.001", unit: "mg/kg" }) }]
    }))
  )
  for (const a of anchors) allLaws(a)
  fc.assert(fc.property(arb, allLaws), params)
  fc.assert(
    fc.property(arb, fc.array(arb, { minLength: 100, maxLength: 100 }), (record, rest) => {
      checkReplay(withPack, record, rest)
    }),
    { ...params, numRuns: options.replays ?? 3 }
  )
  assert.ok(judgedByPack > 0, `the pack ${p.id} judged none of ${records} records: its laws were not exercised`)
  return { records, judgedByPack, packFindings, loosenedRows }
}
