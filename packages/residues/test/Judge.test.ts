import * as Decimal from "@nongan/core/Decimal"
import type { Finding } from "@nongan/core/Finding"
import { formatPath } from "@nongan/core/NonganError"
import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
import type { InspectionRecord } from "@nongan/residues/Inspection"
import { type DecisionRule, judgeInspection, prepareInspection } from "@nongan/residues/Judge"
import type { IndexedLimit } from "@nongan/residues/LimitTable"
import { sum } from "@nongan/residues/ResidueSum"
import { createValidator, loadDataset } from "@nongan/sdk/Validator"
import { prohibitsUse, type StatusEntry, type Subject } from "@nongan/substances/Status"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import {
  addX,
  arbDate,
  arbDateIn,
  arbExact,
  arbNear,
  cmpX,
  eqX,
  exact,
  type Exact,
  foodsUnder,
  mulX,
  renderX,
  resolveFood,
  shiftX
} from "./helpers"

const loaded = loadDataset()
if (!loaded.ok) throw new Error(`rule data does not load: ${JSON.stringify(loaded.errors.slice(0, 5))}`)
const ds = loaded.value
const validator = (() => {
  const v = createValidator({ dataset: ds })
  if (!v.ok) throw new Error(JSON.stringify(v.errors.slice(0, 3)))
  return v.value
})()
const rows = ds.limits.rows()
const allFoods: ReadonlyArray<ResolvedFood> = [...ds.foods.nodes().map((n) => n.id), ...ds.foods.products().map((p) => p.id)].map((id) =>
  resolveFood(ds, id)
)

type Result0 = { readonly substance: string; readonly value?: unknown; readonly unit?: string; readonly uncertainty?: string; readonly components?: ReadonlyArray<unknown> }
let seq = 0
const record = (product: string, sampledOn: string, results: ReadonlyArray<Result0>, extra: Partial<InspectionRecord> = {}): InspectionRecord =>
  ({ id: `T-${++seq}`, kind: "inspection", sampledOn, product, method: "lab", results, ...extra }) as unknown as InspectionRecord

const judge = (r: InspectionRecord, rule?: DecisionRule) => {
  const out = judgeInspection(ds, r, rule)
  if (!out.ok) throw new Error(`${JSON.stringify(r)}: ${JSON.stringify(out.errors)}`)
  return out.value
}

const RANK = { compliant: 0, indeterminate: 1, "non-compliant": 2 } as const

const REPORTED: DecisionRule = { kind: "reported-value" }
const arbRule: fc.Arbitrary<DecisionRule> = fc.oneof(
  fc.constant(REPORTED),
  fc.constantFrom("0", "0.2", "0.5", "1", "1.5").map((r) => ({ kind: "uncertainty" as const, relative: Decimal.unsafeMake(r) })),
  arbExact(3, 3).map((x) => ({ kind: "uncertainty" as const, relative: Decimal.unsafeMake(renderX(x)) }))
)

/** A (row with a value, food the row reaches, date in force) case, and the resolution's limit when there is one. */
const valueRows = rows.filter((r) => r.row.limit !== undefined)
const arbCase = fc
  .constantFrom(...valueRows)
  .chain((r) => {
    const dates = arbDateIn(r)
    const members = foodsUnder(ds, r.row)
    return dates && members.length > 0 ? fc.tuple(fc.constant(r), fc.constantFrom(...members), dates) : fc.constant(undefined)
  })
  .filter((x): x is [IndexedLimit, ResolvedFood, string] => x !== undefined)
  .map(([r, f, d]) => {
    const res = ds.limits.lookup(r.row.substance, f, d)
    return { substance: r.row.substance, food: f, date: d, limit: res?.limit.row.limit !== undefined ? exact(res.limit.row.limit.toString()) : exact(r.row.limit!.toString()) }
  })
/** A case and a value near its limit (in mg/kg terms of the limit's unit, rendered exactly). */
const arbCaseValue = arbCase.chain((c) => fc.tuple(fc.constant(c), arbNear(c.limit)))

/** The unit of the limit that applies (what the case's limit is written in). */
const limitUnit = (c: { substance: string; food: ResolvedFood; date: string }): "mg/kg" | "ug/kg" =>
  (ds.limits.lookup(c.substance, c.food, c.date)?.limit.row.unit as "mg/kg" | "ug/kg" | undefined) ?? "mg/kg"

const strip = (f: Finding) => {
  const { measured: _m, unit: _u, ...rest } = f
  return rest
}

describe("Judge over the real dataset: properties", () => {
  test("the verdict and findings do not change with the unit the value is written in (mg/kg vs ug/kg ×1000, as strings)", () => {
    fc.assert(
      fc.property(arbCaseValue, arbRule, fc.constantFrom("ug/kg", "µg/kg", "μg/kg"), ([c, x], rule, ug) => {
        // x is in the limit's unit; write it in mg/kg and in ug/kg exactly
        const mg = limitUnit(c) === "mg/kg" ? x : shiftX(x, -3)
        const a = judge(record(c.food.id, c.date, [{ substance: c.substance, value: renderX(mg), unit: "mg/kg" }]), rule)
        const b = judge(record(c.food.id, c.date, [{ substance: c.substance, value: `${renderX(shiftX(mg, 3))}${ug}` }]), rule)
        expect(b.verdict).toBe(a.verdict)
        expect(b.findings.map(strip)).toEqual(a.findings.map(strip))
        // where a limit applies, the measured value is reported in the limit's unit: identical
        a.findings.forEach((f, i) => {
          if (f.limit !== undefined && f.unit !== undefined) expect([b.findings[i]!.measured, b.findings[i]!.unit]).toEqual([f.measured, f.unit])
        })
      }),
      { numRuns: 600 }
    )
  })

  test("raising a measured value never makes a verdict milder (compliant < indeterminate < non-compliant), under both decision rules", () => {
    fc.assert(
      fc.property(arbCaseValue, arbExact(6, 4), arbRule, fc.option(fc.constantFrom("50%", "0.2", "20%"), { nil: undefined }), ([c, x], delta, rule, u) => {
        const unit = limitUnit(c)
        const y = addX(x, delta)
        const at = (v: Exact) =>
          judge(record(c.food.id, c.date, [{ substance: c.substance, value: renderX(v), unit, ...(u ? { uncertainty: u } : {}) }]), rule).verdict
        const vx = at(x)
        const vy = at(y)
        expect(RANK[vy], `${renderX(x)} → ${vx}, ${renderX(y)} → ${vy}`).toBeGreaterThanOrEqual(RANK[vx])
        expect(vx === "non-compliant" && vy === "compliant").toBe(false)
      }),
      { numRuns: 600 }
    )
  })

  test("a value at the limit is within it, one unit of its last place above exceeds it (reported-value rule)", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const unit = limitUnit(c)
        const res = ds.limits.lookup(c.substance, c.food, c.date)
        if (!res || res.mustNotDetect || res.limit.row.limit === undefined) return
        const at = judge(record(c.food.id, c.date, [{ substance: c.substance, value: renderX(c.limit), unit }])).findings[0]!
        const above = judge(record(c.food.id, c.date, [{ substance: c.substance, value: renderX({ n: c.limit.n * 10n + 1n, scale: c.limit.scale + 1 }), unit }]))
          .findings[0]!
        expect(at.outcome).toBe("within-limit")
        expect(above.outcome).toBe("exceeds-limit")
        expect(above.decisionRule).toBe("reported-value")
      }),
      { numRuns: 300 }
    )
  })

  const regions = [undefined, "500154", "511900", "540103"] as const
  const arbAnyValue = fc.oneof(
    arbExact(7, 5).map((x) => ({ value: renderX(x), unit: "mg/kg" })),
    fc.constantFrom("阳性", "阴性", "ND", "未检出", "检出", "<0.01", "0").map((value) => ({ value, unit: "mg/kg" }))
  )
  const arbAny = fc.tuple(
    fc.oneof({ weight: 4, arbitrary: arbCase }, { weight: 1, arbitrary: fc.record({ substance: fc.constantFrom(...ds.substances.all().map((s) => s.id)), food: fc.constantFrom(...allFoods), date: arbDate }) }),
    fc.constantFrom(...regions)
  )

  test("rapid-method results are never non-compliant: screen findings only, positives routed to lab confirmation", () => {
    fc.assert(
      fc.property(arbAny, arbAnyValue, arbRule, ([c, region], v, rule) => {
        const rec = record(c.food.id, c.date, [{ substance: c.substance, ...v }], { method: "rapid", ...(region ? { region } : {}) })
        const r = judge(rec, rule)
        expect(r.verdict).not.toBe("non-compliant")
        for (const f of r.findings) {
          expect(["residue.screen-positive", "residue.screen-negative"]).toContain(f.code)
          expect(["info", "warning"]).toContain(f.severity)
          expect(f.referral === undefined || f.referral === "confirm-by-lab").toBe(true)
          if (f.code === "residue.screen-positive") expect(f.referral).toBe("confirm-by-lab")
        }
        // and through the SDK with the bundled regional layers
        const viaSdk = validator.validate(rec)
        expect(viaSdk.ok).toBe(true)
        if (viaSdk.ok) expect(viaSdk.report.verdict).not.toBe("non-compliant")
      }),
      { numRuns: 400 }
    )
  })

  test("not detected (ND, 未检出, <LOQ, 0, 阴性) is never non-compliant and never illegal use — even for banned or 不得检出 substances; compliant unless the reporting limit lies above the limit", () => {
    const ndValues = fc.oneof(
      fc.constantFrom("ND", "nd", "未检出", "阴性", "0", "0.000", "-"),
      arbExact(4, 4).map((x) => `<${renderX(x)}`),
      arbExact(4, 4).map((x) => `未检出(<${renderX(x)})`)
    )
    fc.assert(
      fc.property(arbAny, ndValues, arbRule, ([c, region], value, rule) => {
        const rec = record(c.food.id, c.date, [{ substance: c.substance, value, unit: "mg/kg" }], region ? { region } : {})
        const r = judge(rec, rule)
        const blind = r.findings[0]?.code === "residue.inconclusive"
        expect(r.verdict).toBe(blind ? "indeterminate" : "compliant")
        expect(r.findings.map((f) => [f.code, f.severity])).toEqual([blind ? ["residue.inconclusive", "warning"] : ["residue.not-detected", "info"]])
        if (blind) {
          // only a reporting limit strictly above the applicable limit makes it inconclusive
          const below = Number(/[\d.]+/.exec(value)![0]) * (r.findings[0]!.unit === "ug/kg" ? 1000 : 1)
          expect(below).toBeGreaterThan(r.findings[0]!.limit!)
        }
        const viaSdk = validator.validate(rec)
        expect(viaSdk.ok && viaSdk.report.verdict).toBe(r.verdict)
      }),
      { numRuns: 400 }
    )
  })

  test("a reporting limit above the limit is inconclusive, not compliant", () => {
    // 豇豆 克百威 GB 2763-2026 豆类蔬菜 0.02; the lab reports '<0.05', which cannot show compliance with 0.02.
    const r = judge(record("豇豆", "2026-06-15", [{ substance: "克百威", value: "<0.05", unit: "mg/kg" }]))
    expect(r.verdict).toBe("indeterminate")
    expect(r.findings[0]).toMatchObject({ code: "residue.inconclusive", limit: 0.02, values: { reportingLimit: "0.05 mg/kg", reason: "reporting-limit-above-limit" } })
    // equal to the limit, or below it, shows compliance
    expect(judge(record("豇豆", "2026-06-15", [{ substance: "克百威", value: "<0.02", unit: "mg/kg" }])).verdict).toBe("compliant")
    expect(judge(record("豇豆", "2026-06-15", [{ substance: "克百威", value: "<20", unit: "ug/kg" }])).verdict).toBe("compliant")
  })

  // ------------------------------------------------------------------------------------------
  // prohibited substances
  // ------------------------------------------------------------------------------------------

  const subjectOf = (f: ResolvedFood, state?: "laying" | "lactating"): Subject =>
    f.kind === "plant" ? { kind: "plant", path: f.path } : { kind: "animal", speciesPath: f.speciesPath, state }

  /** Foods an entry's scope covers. */
  const scopeFoods = (e: StatusEntry): ReadonlyArray<ResolvedFood> =>
    allFoods.filter((f) => {
      if (e.scope === "all") return true
      if (f.kind === "plant") return (e.scope.foods ?? []).some((x) => f.path.includes(x))
      return (e.scope.species ?? []).some((x) => f.speciesPath.includes(x))
    })
  const prohibitedCases = ds.substances
    .all()
    .flatMap((s) => ds.statuses.history(s.id).filter((e) => prohibitsUse(e.status)).map((e) => ({ substance: s.id, entry: e })))
    .filter(({ entry }) => scopeFoods(entry).length > 0)
  const arbProhibited = fc
    .constantFrom(...prohibitedCases)
    .chain(({ substance, entry }) => {
      const dates = arbDateIn(entry.effective) ?? fc.constant(entry.effective.from)
      return fc.tuple(fc.constant(substance), fc.constantFrom(...scopeFoods(entry)), dates, fc.constantFrom<"laying" | "lactating" | undefined>(undefined, "laying", "lactating"))
    })
  const arbDetected = fc.oneof(
    arbExact(6, 4)
      .filter((x) => x.n > 0n)
      .map((x) => ({ value: renderX(x), unit: "mg/kg" })),
    arbExact(6, 2)
      .filter((x) => x.n > 0n)
      .map((x) => ({ value: `${renderX(x)}µg/kg` })),
    fc.constantFrom({ value: "检出" }, { value: "阳性" })
  )

  test("there are prohibited cases to test, including EMRL rows", () => {
    expect(prohibitedCases.length).toBeGreaterThan(100)
    expect(rows.some((r) => r.row.extraneous)).toBe(true)
  })

  test("a prohibited substance detected always yields residue.prohibited-use → criminal-referral, except within a 再残留限量 (EMRL)", () => {
    let prohibited = 0
    fc.assert(
      fc.property(arbProhibited, arbDetected, ([substance, food, date, state], v) => {
        const rec = record(food.id, date, [{ substance, ...v }], state && food.kind === "animal" ? { state } : {})
        const r = judge(rec)
        const status = ds.statuses.statusOn(substance, date, subjectOf(food, food.kind === "animal" ? state : undefined))
        const res = ds.limits.lookup(substance, food, date)
        const illegal = r.findings.filter((f) => f.code === "residue.prohibited-use")
        const environmental = res?.limit.row.extraneous === true && r.findings.some((f) => f.outcome === "within-limit")
        if (status.prohibited && !environmental) {
          prohibited++
          expect(illegal).toHaveLength(1)
          expect(illegal[0]).toMatchObject({ severity: "critical", referral: "criminal-referral", outcome: "prohibited-substance-detected" })
          // the primary citation is one of the reasons, the best verified of them; all are listed
          const rank = { "official-text": 0, secondary: 1, unverified: 2, uncertain: 3 } as const
          expect(status.reasons.map((x) => x.citation)).toContainEqual(illegal[0]!.citation)
          expect(illegal[0]!.citations).toEqual(status.reasons.map((x) => x.citation))
          expect(rank[illegal[0]!.verification!]).toBe(Math.min(...status.reasons.map((x) => rank[x.verification])))
          expect(r.verdict).toBe("non-compliant")
        } else expect(illegal).toEqual([])
      }),
      { numRuns: 800 }
    )
    expect(prohibited).toBeGreaterThan(100)
  })

  test("prohibited-use never appears without a prohibiting status in force for the subject (random substance × food × date)", () => {
    fc.assert(
      fc.property(arbAny, arbDetected, ([c], v) => {
        const r = judge(record(c.food.id, c.date, [{ substance: c.substance, ...v }]))
        const status = ds.statuses.statusOn(c.substance, c.date, subjectOf(c.food))
        if (r.findings.some((f) => f.code === "residue.prohibited-use")) expect(status.prohibited).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  const emrlCases = rows
    .filter((r) => r.row.extraneous)
    .flatMap((r) => foodsUnder(ds, r.row).flatMap((f) => (ds.limits.lookup(r.row.substance, f, r.from)?.limit === r ? [[r, f] as const] : [])))
  const arbEmrl = fc
    .constantFrom(...emrlCases)
    .chain(([r, f]) => fc.tuple(fc.constant(r), fc.constant(f), arbDateIn(r)!))
    .filter(([r, f, d]) => ds.limits.lookup(r.row.substance, f, d)?.limit === r)
    // the EMRL rule is about banned pesticides; an EMRL substance whose ban date is not sourced
    // (林丹: RESEARCH) is judged as an ordinary limit, tested below
    .filter(([r, f, d]) => ds.statuses.statusOn(r.row.substance, d, subjectOf(f)).prohibited)

  test("an EMRL substance with no ban in force is judged against its limit alone", () => {
    const cases = emrlCases.filter(([r, f]) => !ds.statuses.statusOn(r.row.substance, r.from, subjectOf(f)).prohibited)
    for (const [r, f] of cases.slice(0, 50)) {
      const limit = exact(r.row.limit!.toString())
      const above = judge(record(f.id, r.from, [{ substance: r.row.substance, value: renderX(mulX(limit, { n: 2n, scale: 0 })), unit: r.row.unit }]))
      expect(above.findings.map((x) => x.code)).toEqual(["residue.exceeds-limit"])
    }
  })

  test("再残留限量: a banned persistent pesticide up to its EMRL is environmental (compliant); above it, illegal use", () => {
    fc.assert(
      fc.property(arbEmrl, fc.integer({ min: 1, max: 300 }), ([r, f, d], pct) => {
        const limit = exact(r.row.limit!.toString())
        const x = mulX(limit, { n: BigInt(pct), scale: 2 })
        const rep = judge(record(f.id, d, [{ substance: r.row.substance, value: renderX(x), unit: r.row.unit }]))
        const codes = rep.findings.map((f) => f.code)
        expect(ds.statuses.statusOn(r.row.substance, d, subjectOf(f)).prohibited).toBe(true)
        if (cmpX(x, limit) <= 0) {
          expect(codes).toEqual(["residue.within-limit"])
          expect(rep.verdict).toBe("compliant")
        } else {
          expect(codes).toEqual(["residue.exceeds-limit", "residue.prohibited-use"])
          expect(rep.findings[1]!.referral).toBe("criminal-referral")
        }
      }),
      { numRuns: 300 }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// residue-definition sums
// ---------------------------------------------------------------------------------------------

describe("residue-definition sums", () => {
  const carbofuran = ds.substances.get("克百威")!
  const factorOf = (component: string): Exact =>
    exact(carbofuran.residueDefinition!.components.find((c) => c.substance === component)!.factor.toString())

  test("the catalogue defines 克百威 as 克百威 × 1 + 3-羟基克百威 × 0.9326", () => {
    expect(eqX(factorOf("克百威"), exact("1"))).toBe(true)
    expect(eqX(factorOf("3-羟基克百威"), exact("0.9326"))).toBe(true)
  })

  const units = ["mg/kg", "ug/kg"] as const
  test("克百威 + 3-羟基克百威 is computed exactly with the catalogue factor, in the unit of the first quantified component", () => {
    fc.assert(
      fc.property(
        arbExact(7, 5),
        arbExact(7, 5),
        fc.constantFrom(...units),
        fc.constantFrom(...units),
        fc.constantFrom("克百威", "呋喃丹"),
        fc.boolean(),
        (a, b, ua, ub, parentName, metaboliteFirst) => {
          const parent = { substance: parentName, value: renderX(a), unit: ua }
          const metabolite = { substance: "3-羟基克百威", value: renderX(b), unit: ub }
          const components = metaboliteFirst ? [metabolite, parent] : [parent, metabolite]
          const rec = record("豇豆", "2026-06-15", [{ substance: "克百威", components }])
          const p = prepareInspection(ds, rec)
          if (!p.ok) throw new Error(JSON.stringify(p.errors))
          const m = p.value.analytes[0]!.measurement
          // oracle: BigInt arithmetic, in the unit of the first component (a zero still counts as quantified)
          const target = metaboliteFirst ? ub : ua
          const inTarget = (x: Exact, u: string) => (u === target ? x : u === "mg/kg" ? shiftX(x, 3) : shiftX(x, -3))
          const expected = addX(mulX(inTarget(a, ua), factorOf("克百威")), mulX(inTarget(b, ub), factorOf("3-羟基克百威")))
          if (m.kind !== "quantified") throw new Error(JSON.stringify(m))
          expect(m.value.unit).toBe(target)
          expect(eqX(exact(m.value.value.toString()), expected), `${renderX(a)} ${ua} + ${renderX(b)} ${ub} = ${m.value.value.toString()} ≠ ${renderX(expected)}`).toBe(true)
          // and the judgement compares the exact sum with the limit (0.02 mg/kg)
          const r = judge(rec)
          const sumMg = target === "mg/kg" ? expected : shiftX(expected, -3)
          const residue = r.findings[0]!
          if (expected.n === 0n) expect(residue.code).toBe("residue.not-detected")
          else expect(residue.code).toBe(cmpX(sumMg, exact("0.02")) <= 0 ? "residue.within-limit" : "residue.exceeds-limit")
          expect(residue.values).toMatchObject({ sumPolicy: "nd-as-zero" })
        }
      ),
      { numRuns: 500 }
    )
  })

  test("a worked example: 0.04 mg/kg + 20 ug/kg 3-羟基克百威 = 0.058652 mg/kg", () => {
    const r = judge(
      record("豇豆", "2026-06-15", [
        { substance: "克百威", components: [{ substance: "克百威", value: "0.04", unit: "mg/kg" }, { substance: "3-羟基克百威", value: "20", unit: "ug/kg" }] }
      ])
    )
    expect(r.findings[0]).toMatchObject({ code: "residue.exceeds-limit", measured: 0.058652, limit: 0.02 })
    expect(r.findings[0]!.values!.components).toEqual([
      { substance: "克百威", converted: "0.04 mg/kg" },
      { substance: "3-羟基克百威", converted: "18.652 ug/kg" }
    ])
  })

  test("a component not detected counts as zero; all components not detected is not detected", () => {
    const nd = fc.constantFrom("ND", "未检出", "<0.005", "未检出(<0.01)", "-", "阴性")
    fc.assert(
      fc.property(nd, nd, (x, y) => {
        const rec = record("豇豆", "2026-06-15", [
          { substance: "克百威", components: [{ substance: "克百威", value: x, unit: "mg/kg" }, { substance: "3-羟基克百威", value: y, unit: "mg/kg" }] }
        ])
        const p = prepareInspection(ds, rec)
        expect(p.ok && p.value.analytes[0]!.measurement.kind).toBe("not-detected")
        const r = judge(rec)
        expect(r.verdict).toBe("compliant")
        expect(r.findings.map((f) => f.code)).toEqual(["residue.not-detected"])
      })
    )
    const half = judge(
      record("豇豆", "2026-06-15", [
        { substance: "克百威", components: [{ substance: "克百威", value: "ND", unit: "mg/kg" }, { substance: "3-羟基克百威", value: "0.01", unit: "mg/kg" }] }
      ])
    )
    expect(half.findings[0]).toMatchObject({ code: "residue.within-limit", measured: 0.009326 })
  })

  test("a component detected but not quantified makes the sum a lower bound", () => {
    const r = judge(
      record("豇豆", "2026-06-15", [
        { substance: "克百威", components: [{ substance: "克百威", value: "检出" }, { substance: "3-羟基克百威", value: "0.01", unit: "mg/kg" }] }
      ])
    )
    expect(r.findings[0]!.values).toMatchObject({ lowerBound: true })
  })

  // the errors of the record, or of its analytes (carried by analyte.unreadable findings)
  const errorsOf = (results: ReadonlyArray<Result0>) => {
    const r = judgeInspection(ds, record("豇豆", "2026-06-15", results))
    return r.ok ? r.value.findings.flatMap((f) => (f.error ? [`${f.error.code}@${f.error.path}`] : [])) : r.errors.map((e) => `${e.code}@${formatPath(e.path)}`)
  }
  // a pesticide with no residue definition held, named from the data rather than by hand
  const undefined0 = ds.substances.all().find((s) => s.kind === "pesticide" && s.residueDefinition === undefined)!

  test("a component not in the definition is an error with its path", () => {
    expect(
      errorsOf([
        { substance: "毒死蜱", value: "ND", unit: "mg/kg" },
        { substance: "克百威", components: [{ substance: "克百威", value: "0.01", unit: "mg/kg" }, { substance: "毒死蜱", value: "0.01", unit: "mg/kg" }] }
      ])
    ).toEqual(["invalid-value@results[1].components[1].substance"])
    const r = sum(carbofuran, [{ substance: ds.substances.get("毒死蜱")!, measurement: { kind: "not-detected" } }])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]!.params.expected).toEqual(["克百威", "3-羟基克百威"])
  })

  test("an unknown component, an unreadable component value, a value beside components, a substance with no definition: errors with paths", () => {
    expect(errorsOf([{ substance: "克百威", components: [{ substance: "不存在的物质", value: "0.01", unit: "mg/kg" }] }])).toEqual([
      "unknown-substance@results[0].components[0].substance"
    ])
    expect(errorsOf([{ substance: "克百威", components: [{ substance: "克百威", value: "about 3", unit: "mg/kg" }] }])).toEqual([
      "unreadable-measurement@results[0].components[0].value"
    ])
    expect(errorsOf([{ substance: "克百威", value: "0.01", unit: "mg/kg", components: [{ substance: "克百威", value: "0.01", unit: "mg/kg" }] }])).toEqual([
      "unexpected-field@results[0].value"
    ])
    expect(undefined0).toBeDefined()
    expect(errorsOf([{ substance: undefined0.id, components: [{ substance: undefined0.id, value: "0.01", unit: "mg/kg" }] }])).toEqual(["invalid-value@results[0].components"])
  })

  test("a component reported twice (also through an alias) is an error, never counted twice", () => {
    // regression: 克百威 and its alias 呋喃丹 both listed used to add up to twice the residue
    expect(
      errorsOf([{ substance: "克百威", components: [{ substance: "克百威", value: "0.01", unit: "mg/kg" }, { substance: "呋喃丹", value: "0.01", unit: "mg/kg" }] }])
    ).toEqual(["pack-duplicate@results[0].components[1].substance"])
  })

  test("enrofloxacin is enrofloxacin + ciprofloxacin (factor 1), exact across units", () => {
    fc.assert(
      fc.property(arbExact(6, 3), arbExact(6, 3), (a, b) => {
        const rec = record("鸡肉", "2024-06-15", [
          { substance: "恩诺沙星", components: [{ substance: "恩诺沙星", value: renderX(a), unit: "ug/kg" }, { substance: "环丙沙星", value: renderX(b), unit: "mg/kg" }] }
        ])
        const p = prepareInspection(ds, rec)
        if (!p.ok) throw new Error(JSON.stringify(p.errors))
        const m = p.value.analytes[0]!.measurement
        const expected = addX(a, shiftX(b, 3))
        if (expected.n === 0n) return
        if (m.kind !== "quantified") throw new Error(m.kind)
        expect(m.value.unit).toBe("ug/kg")
        expect(eqX(exact(m.value.value.toString()), expected)).toBe(true)
      }),
      { numRuns: 200 }
    )
  })
})

describe("Judge: bad input never crashes", () => {
  test("a number with a duration unit is a typed error, not a crash (regression)", () => {
    const r = judgeInspection(ds, record("豇豆", "2026-06-15", [{ substance: "噻虫嗪", value: 3, unit: "d" }]))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => `${e.code}@${formatPath(e.path)}`)).toEqual(["invalid-unit@results[0].unit"])
  })

  test("random values and units never throw", () => {
    fc.assert(
      fc.property(arbCase, fc.oneof(fc.anything(), fc.double(), fc.string()), fc.option(fc.constantFrom("mg/kg", "ug/kg", "d", "h", "度日", "ppm", ""), { nil: undefined }), (c, value, unit) => {
        const r = judgeInspection(ds, record(c.food.id, c.date, [{ substance: c.substance, value, ...(unit !== undefined ? { unit } : {}) }]))
        if (!r.ok) for (const e of r.errors) expect(formatPath(e.path)).toMatch(/^results\[0\]\.(value|unit)$/)
      }),
      { numRuns: 500 }
    )
  })
})
