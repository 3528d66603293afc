import { type CalendarDate, CalendarDate as CalendarDateSchema } from "@nongan/core/CalendarDate"
import type { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { type Composition, layersFor } from "@nongan/engine/Compose"
import type { Parameter } from "@nongan/engine/RulePack"
import { Schema } from "effect"
import { type Allocated, allocate, Cell } from "./Allocate"
import * as R from "./internal/Ratio"
import { perThousand, type Quota, type Rounding, shareOf } from "./Quota"
import { checkOnlyRaises, type Target, targetsFor } from "./Targets"
import { type CheckListFile, type FoodItems, testItems } from "./TestItems"

/**
 * The kinds of monitoring (农产品质量安全监测管理办法 art. 3): 风险监测 (risk monitoring, made of
 * 例行监测, 普查 and 专项监测) and 监督抽查 (supervision sampling).
 *
 * @example
 * import { Programme } from "@nongan/sampling/Plan"
 * Programme.literals.includes("supervision-sampling") // true
 *
 * @since 0.1.0
 * @category models
 */
export const Programme = Schema.Literal("risk-monitoring", "routine-monitoring", "census", "special-monitoring", "supervision-sampling").annotations({ identifier: "Programme" })
/** @since 0.1.0 @category models */
export type Programme = typeof Programme.Type

const Share = Schema.String.pipe(Schema.pattern(/^(0(\.\d+)?|1(\.0+)?)$/, { identifier: "Share", description: "a ratio between 0 and 1" }))
const Decimal = Schema.String.pipe(Schema.pattern(/^\d+(\.\d+)?$/, { identifier: "Decimal", description: "a non-negative decimal" }))

/**
 * A sampling plan as data: what a county, city or province writes. Figures it leaves out come
 * from the packs in force for the region; figures it gives may only raise theirs.
 *
 * @example
 * import { Schema } from "effect"
 * import { PlanSpec } from "@nongan/sampling/Plan"
 * Schema.decodeUnknownSync(PlanSpec)({ id: "kaizhou-2022", programme: "risk-monitoring", period: { from: "2022-04-12", to: "2022-12-31" },
 *   region: "500154", population: { value: "670000", source: "implied by the plan's 1 005 tasks", verification: "unverified" } })
 *
 * @since 0.1.0
 * @category models
 */
export const PlanSpec = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  programme: Programme,
  period: Schema.Struct({ from: CalendarDateSchema, to: CalendarDateSchema }),
  region: Schema.String.pipe(Schema.pattern(/^\d{6}$/)),
  population: Schema.optional(Schema.Struct({ value: Decimal, source: Schema.String, verification: Verification, note: Schema.optional(Schema.String) })),
  perThousand: Schema.optional(Decimal),
  fixed: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  rounding: Schema.optional(Schema.Literal("ceiling", "half-up", "floor")),
  supervisionShare: Schema.optional(Share),
  minimumPerProduct: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  products: Schema.optional(Schema.Array(Cell)),
  linkShares: Schema.optional(Schema.Array(Schema.Struct({ link: Schema.String, share: Share }))),
  bannedShare: Schema.optional(Share),
  keyVarieties: Schema.optional(Schema.Array(Schema.String)),
  allocations: Schema.optional(Schema.Array(Schema.Struct({ dimension: Schema.String, cells: Schema.Array(Cell) })))
}).annotations({ identifier: "PlanSpec" })
/** @since 0.1.0 @category models */
export type PlanSpec = typeof PlanSpec.Type

/**
 * Where a figure of the plan came from: the plan itself, or a pack (its id and citation).
 *
 * @since 0.1.0
 * @category models
 */
export interface Source {
  readonly figure: string
  readonly value: string
  readonly layer: string
  readonly citation?: Citation | undefined
}

/**
 * A built plan: its quotas (whole numbers, each with its arithmetic), the published figure they
 * reproduce when a pack states one, allocations with a reason per cell, test items per food,
 * targets in force, and the source of every figure.
 *
 * @since 0.1.0
 * @category models
 */
export interface Plan {
  readonly spec: PlanSpec
  readonly packs: ReadonlyArray<string>
  readonly quotas: {
    readonly monitoring: Quota
    readonly supervision?: Quota | undefined
    readonly banned?: Quota | undefined
    readonly links: ReadonlyArray<{ readonly link: string; readonly quota: Quota }>
  }
  readonly reproduces: ReadonlyArray<{ readonly figure: string; readonly published: number; readonly computed: number; readonly matches: boolean }>
  readonly allocations: ReadonlyArray<{ readonly dimension: string; readonly total: number; readonly cells: ReadonlyArray<Allocated> }>
  readonly testItems: ReadonlyArray<FoodItems>
  /** key varieties of the packs that name no single food (a category such as 水产动物), with the error code */
  readonly skipped: ReadonlyArray<{ readonly food: string; readonly code: string }>
  readonly targets: ReadonlyArray<Target>
  readonly sources: ReadonlyArray<Source>
}

const decodeSpec = decoder(PlanSpec)

/**
 * What the plan builder reads: the composition (packs in force per region), the national
 * targets, and the check lists.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlanContext {
  readonly composition: Composition
  readonly targets: ReadonlyArray<Target>
  readonly checkLists: ReadonlyArray<CheckListFile>
}

/** the figures a pack may set, by parameter id; the last layer (most specific) in force wins */
const packFigure = (params: ReadonlyArray<{ layer: string; p: Parameter }>, ids: ReadonlyArray<string>) => {
  let found: { layer: string; p: Parameter } | undefined
  for (const x of params) if (ids.includes(x.p.id) && typeof x.p.value === "string") found = x
  return found
}

/**
 * Builds a plan: decodes the spec, reads the packs in force for its region at the start of its
 * period, computes the quotas (rate × population ÷ 1 000, or the fixed count; shares of it),
 * checks them against figures the packs publish, allocates them, lists test items, and collects
 * the targets. A spec figure below a pack's (rate, supervision share) or a pack target below a
 * national one is a `pack-loosens` error: layers may only raise.
 *
 * @example
 * import { buildPlan } from "@nongan/sampling/Plan"
 * typeof buildPlan // "function" — see test/Plan.test.ts for 开州区 2022 and 巴中市 2025
 *
 * @since 0.1.0
 * @category constructors
 */
export const buildPlan = (ctx: PlanContext, input: unknown): Result<Plan, NonganError> => {
  const d = decodeSpec(input, ["plan"])
  if (!d.ok) return d
  const spec = d.value
  const on = spec.period.from as CalendarDate
  const year = on.slice(0, 4)
  const layers = layersFor(ctx.composition, spec.region, on)
  const params = layers.flatMap((l) => (l.pack.parameters ?? []).map((p) => ({ layer: l.pack.id, p })))
  const sources: Array<Source> = []
  const errors: Array<NonganError> = []
  const rounding: Rounding = spec.rounding ?? "ceiling"
  const raise = (figure: string, mine: string | undefined, theirs: { layer: string; p: Parameter } | undefined): string | undefined => {
    if (mine !== undefined) {
      if (theirs && R.cmp(R.parse(mine)!, R.parse(theirs.p.value as string)!) < 0)
        errors.push(make("pack-loosens", ["plan", figure], { layer: spec.id, parent: theirs.layer, name: theirs.p.id, detail: `${mine} < ${theirs.p.value}` }))
      sources.push({ figure, value: mine, layer: spec.id })
      return mine
    }
    if (theirs) sources.push({ figure, value: theirs.p.value as string, layer: theirs.layer, citation: theirs.p.citation })
    return theirs?.p.value as string | undefined
  }
  const rate = raise("perThousand", spec.perThousand, packFigure(params, ["sampling.quantitative.perThousand", `sampling.quantitative.perThousand.target.${year}`]))
  const share = raise("supervisionShare", spec.supervisionShare, packFigure(params, ["sampling.supervision.shareOfMonitoring"]))
  let monitoring: Quota
  if (spec.fixed !== undefined) monitoring = { count: spec.fixed, exact: String(spec.fixed), rounding, explain: `fixed: ${spec.fixed}` }
  else if (rate !== undefined && spec.population !== undefined) {
    monitoring = perThousand(rate, spec.population.value, rounding)
    sources.push({ figure: "population", value: spec.population.value, layer: spec.id, citation: { instrument: spec.population.source, note: `verification: ${spec.population.verification}${spec.population.note ? `; ${spec.population.note}` : ""}` } })
  } else {
    errors.push(make("missing-field", ["plan", rate === undefined ? "perThousand" : "population"], {}))
    return fail(...errors)
  }
  const supervision = share !== undefined ? shareOf(share, monitoring.count, rounding) : undefined
  const banned = spec.bannedShare !== undefined ? shareOf(spec.bannedShare, monitoring.count, "ceiling") : undefined
  const links = (spec.linkShares ?? []).map((l) => ({ link: l.link, quota: shareOf(l.share, monitoring.count, "ceiling") }))
  const reproduces: Array<Plan["reproduces"][number]> = []
  const published = (figure: string, id: string, computed: number | undefined) => {
    const p = packFigure(params, [id])
    if (p && computed !== undefined) reproduces.push({ figure, published: Number(p.p.value), computed, matches: Number(p.p.value) === computed })
  }
  published("monitoring", "sampling.quantitative.tasks", monitoring.count)
  published("supervision", "sampling.supervision.tasks", supervision?.count)
  const allocations: Array<Plan["allocations"][number]> = []
  try {
    if (spec.products)
      allocations.push({
        dimension: "product",
        total: monitoring.count,
        cells: allocate(monitoring.count, spec.products.map((c) => ({ ...c, minimum: Math.max(c.minimum ?? 0, spec.minimumPerProduct ?? 0) })))
      })
    for (const a of spec.allocations ?? []) allocations.push({ dimension: a.dimension, total: monitoring.count, cells: allocate(monitoring.count, a.cells) })
  } catch (e) {
    errors.push(make("invalid-value", ["plan", "allocations"], { detail: (e as Error).message }))
  }
  const packVarieties = layers.flatMap((l) => (l.pack.keyVarieties ?? []).map((k) => ({ ...k, layer: l.pack.id })))
  const named = new Set([...(spec.products ?? []).map((c) => c.key), ...(spec.keyVarieties ?? [])])
  const foods = [...new Set([...named, ...(spec.keyVarieties ? [] : packVarieties.map((k) => k.food))])]
  const items: Array<FoodItems> = []
  const skipped: Array<{ food: string; code: string }> = []
  const ds = ctx.composition.dataset
  for (const food of foods) {
    const extra = packVarieties.filter((k) => k.food === food).flatMap((k) => (k.substances ?? []).map((s) => ({ substance: s, source: `key-variety ${k.layer}` })))
    const r = testItems(ds, ctx.checkLists, food, on, extra)
    if (r.ok) items.push(r.value)
    // a food the plan names must be known; a pack's key variety that is a category (水产动物) is listed as skipped
    else if (named.has(food)) errors.push(...r.errors.map((e) => ({ ...e, path: ["plan", "products", food] })))
    else skipped.push({ food, code: r.errors[0]!.code })
  }
  const targets = checkOnlyRaises(targetsFor(ctx.composition, ctx.targets, spec.region, on))
  if (!targets.ok) errors.push(...targets.errors)
  if (errors.length > 0) return fail(...errors)
  return ok({
    spec,
    packs: layers.map((l) => `${l.pack.id}@${l.pack.version}`),
    quotas: { monitoring, supervision, banned, links },
    reproduces,
    allocations,
    testItems: items,
    skipped,
    targets: targets.ok ? targets.value : [],
    sources
  })
}
