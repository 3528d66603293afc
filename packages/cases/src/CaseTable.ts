import { Schema } from "effect"
import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification, weakest } from "@nongan/core/Verification"
import { InputKind, Stage, SubjectType } from "./Subject"

/**
 * A statute as held: its id, how it is cited, the period it was in force and where the text was read.
 *
 * @example
 * import { Schema } from "effect"
 * import { Source } from "@nongan/cases/CaseTable"
 * Schema.decodeUnknownSync(Source)({ id: "x", instrument: "农药管理条例", short: "农药条例", effective: { from: "2022-03-29" }, verification: "secondary" }).id // "x"
 *
 * @since 0.1.0
 * @category models
 */
export const Source = Schema.Struct({
  id: Schema.String,
  instrument: Schema.String,
  short: Schema.String,
  effective: EffectivePeriod,
  effectiveSource: Schema.optional(Schema.String),
  repo: Schema.optional(Schema.String),
  path: Schema.optional(Schema.String),
  verification: Verification
})
/** @since 0.1.0 @category models */
export type Source = typeof Source.Type

/** A reference to a clause of a held source. @since 0.1.0 @category models */
export const ClauseRef = Schema.Struct({ source: Schema.String, clause: Schema.String, text: Schema.optional(Schema.String) })
/** @since 0.1.0 @category models */
export type ClauseRef = typeof ClauseRef.Type

/**
 * An amount of a fine bound: a fixed sum in yuan, or a multiple of the goods value (货值) or of
 * the illegal gains (违法所得).
 *
 * @example
 * import { Schema } from "effect"
 * import { Amount } from "@nongan/cases/CaseTable"
 * Schema.decodeUnknownSync(Amount)({ times: 15, of: "goods-value" })
 *
 * @since 0.1.0
 * @category models
 */
export const Amount = Schema.Union(
  Schema.Struct({ yuan: Schema.NonNegative }),
  Schema.Struct({ times: Schema.Positive, of: Schema.Literal("goods-value", "illegal-gains") })
)
/** @since 0.1.0 @category models */
export type Amount = typeof Amount.Type

/**
 * One band of a penalty article: for which subject types (a list, or a group name from the
 * table), for which goods value (`below` / `atLeast`, yuan), and the minimum and maximum fine.
 *
 * @example
 * import { Schema } from "effect"
 * import { FineBand } from "@nongan/cases/CaseTable"
 * Schema.decodeUnknownSync(FineBand)({ subjects: ["farmer"], min: { yuan: 1000 }, max: { yuan: 10000 } })
 *
 * @since 0.1.0
 * @category models
 */
export const FineBand = Schema.Struct({
  subjects: Schema.optional(Schema.Union(Schema.String, Schema.Array(SubjectType))),
  goodsValue: Schema.optional(Schema.Struct({ below: Schema.optional(Schema.Number), atLeast: Schema.optional(Schema.Number) })),
  min: Amount,
  max: Amount
})
/** @since 0.1.0 @category models */
export type FineBand = typeof FineBand.Type

/**
 * When a fine may be given at all: `no-crime` (尚不构成犯罪的), `not-corrected-by-deadline`
 * (逾期不改正的), `refused-or-serious` (拒不改正或者情节严重的).
 *
 * @example
 * import { Precondition } from "@nongan/cases/CaseTable"
 * Precondition.literals.length // 3
 *
 * @since 0.1.0
 * @category models
 */
export const Precondition = Schema.Literal("no-crime", "not-corrected-by-deadline", "refused-or-serious")
/** @since 0.1.0 @category models */
export type Precondition = typeof Precondition.Type

/**
 * A penalty provision: one article of one version of one law (`family`), the stages and inputs
 * it covers, its competent authority, its fine bands (null: the article refers elsewhere) and
 * the other measures it orders.
 *
 * @example
 * import { Provision } from "@nongan/cases/CaseTable"
 * Provision.fields.family !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const Provision = Schema.Struct({
  id: Schema.String,
  family: Schema.String,
  source: Schema.String,
  clause: Schema.String,
  duty: Schema.optional(ClauseRef),
  precondition: Schema.optional(Precondition),
  authority: Schema.Literal("agriculture", "market-regulation"),
  stages: Schema.Array(Stage),
  inputs: Schema.optional(Schema.Array(InputKind)),
  mapping: Schema.optional(Verification),
  mappingNote: Schema.optional(Schema.String),
  text: Schema.String,
  measures: Schema.Array(Schema.String),
  fine: Schema.NullOr(Schema.Array(FineBand)),
  fineNote: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category models */
export type Provision = typeof Provision.Type

/**
 * A violation: what was done, which findings it is read from (by code, optionally by stage and
 * input), its criminal route (an id in the criminal table, or null) and its provisions.
 *
 * @example
 * import { Violation } from "@nongan/cases/CaseTable"
 * Violation.fields.provisions !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const Violation = Schema.Struct({
  id: Schema.String,
  label: Schema.String,
  labelEn: Schema.String,
  fromFindings: Schema.Array(
    Schema.Struct({ code: Schema.String, stages: Schema.optional(Schema.Array(Stage)), inputs: Schema.optional(Schema.Array(InputKind)) })
  ),
  criminal: Schema.NullOr(Schema.String),
  provisions: Schema.Array(Provision)
})
/** @since 0.1.0 @category models */
export type Violation = typeof Violation.Type

const Seriousness = Schema.Struct({
  id: Schema.String,
  clause: Schema.String,
  salesAtLeast: Schema.Number,
  salesBelow: Schema.optional(Schema.Number),
  priorWithinDays: Schema.optional(Schema.Number),
  label: Schema.String
})

/**
 * A criminal route: a transfer to the police (`transfer`) or a referral for expert assessment
 * (`assessment`), the offence and article, the interpretation's clauses, and for sales the
 * knowledge presumptions (法释〔2021〕24号 art. 10).
 *
 * @example
 * import { CriminalRoute } from "@nongan/cases/CaseTable"
 * CriminalRoute.fields.kind !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const CriminalRoute = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literal("transfer", "assessment"),
  offence: Schema.String,
  article: ClauseRef,
  basis: Schema.Array(ClauseRef),
  stages: Schema.Array(Stage),
  trigger: Schema.optional(Schema.Literal("serious-excess", "principal-suspected")),
  note: Schema.optional(Schema.String),
  knowledge: Schema.optional(
    Schema.NullOr(
      Schema.Struct({
        source: Schema.String,
        clause: Schema.String,
        presumptions: Schema.Array(Schema.Struct({ id: Schema.String, item: Schema.String, text: Schema.String }))
      })
    )
  )
})
/** @since 0.1.0 @category models */
export type CriminalRoute = typeof CriminalRoute.Type

const RuleText = Schema.Struct({ source: Schema.String, clause: Schema.String, text: Schema.String, rule: Schema.optional(Schema.String) })

const SourcesFile = Schema.Struct({ kind: Schema.Literal("case-sources"), id: Schema.String, note: Schema.optional(Schema.String), sources: Schema.Array(Source) })
const ViolationsFile = Schema.Struct({
  kind: Schema.Literal("case-violations"),
  id: Schema.String,
  version: Schema.String,
  note: Schema.optional(Schema.String),
  subjectGroups: Schema.Record({ key: Schema.String, value: Schema.Array(SubjectType) }),
  violations: Schema.Array(Violation)
})
const CriminalFile = Schema.Struct({
  kind: Schema.Literal("case-criminal-routes"),
  id: Schema.String,
  version: Schema.String,
  note: Schema.optional(Schema.String),
  routes: Schema.Array(CriminalRoute),
  seriousness: Schema.Struct({
    note: Schema.optional(Schema.String),
    art143: Schema.Array(Seriousness),
    art144: Schema.Array(Seriousness),
    twoYears: RuleText
  })
})
const Authority = Schema.Struct({ id: Schema.String, name: Schema.String, nameEn: Schema.String, basis: Schema.Array(ClauseRef) })
const ClockStep = Schema.Struct({
  id: Schema.Literal("approval", "transfer", "police-review"),
  label: Schema.String,
  days: Schema.optional(Schema.Number),
  hours: Schema.optional(Schema.Number),
  from: Schema.String,
  source: Schema.String,
  clause: Schema.String,
  text: Schema.String
})
const ProcedureFile = Schema.Struct({
  kind: Schema.Literal("case-procedure"),
  id: Schema.String,
  version: Schema.String,
  authorities: Schema.Array(Authority),
  precedence: RuleText,
  time: RuleText,
  limitation: Schema.Struct({ ...RuleText.fields, days: Schema.Number, harmDays: Schema.Number, note: Schema.String }),
  minorFirstOffence: RuleText,
  offset: RuleText,
  noFineForCrime: RuleText,
  clock: Schema.Array(ClockStep),
  clockCounting: Schema.Struct({ verification: Verification, note: Schema.String })
})

/**
 * The whole case table, decoded and cross-checked: sources by id, violations, criminal routes,
 * authorities and procedure.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * const t = loadTable()
 * if (t.ok) t.value.violations.length > 10 // true
 *
 * @since 0.1.0
 * @category models
 */
export interface CaseTable {
  readonly sources: ReadonlyMap<string, Source>
  readonly subjectGroups: Readonly<Record<string, ReadonlyArray<SubjectType>>>
  readonly violations: ReadonlyArray<Violation>
  readonly violationById: ReadonlyMap<string, Violation>
  readonly criminal: ReadonlyMap<string, CriminalRoute>
  readonly seriousness: typeof CriminalFile.Type["seriousness"]
  readonly procedure: typeof ProcedureFile.Type
  readonly versions: Readonly<Record<string, string>>
}

/**
 * The citation of a clause of a held source, with where it was read.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * import { cite } from "@nongan/cases/CaseTable"
 * const t = loadTable()
 * if (t.ok) cite(t.value, { source: "nongan-2022", clause: "第七十一条" }).instrument // "中华人民共和国农产品质量安全法（2022年修订）"
 *
 * @since 0.1.0
 * @category combinators
 */
export const cite = (t: CaseTable, r: { readonly source: string; readonly clause: string }): Citation => {
  const s = t.sources.get(r.source)
  return {
    instrument: s?.instrument ?? r.source,
    clause: r.clause,
    ...(s?.repo !== undefined ? { repo: s.repo } : {}),
    ...(s?.path !== undefined ? { path: s.path } : {}),
    note: "transcription of the national law database (flk.npc.gov.cn)"
  }
}

/**
 * The verification level of a provision: the weaker of its source's level and, where the
 * mapping of the act to the article is our reading, that mapping's level.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * import { verificationOf } from "@nongan/cases/CaseTable"
 * const t = loadTable()
 * if (t.ok) verificationOf(t.value, t.value.violations[0]!.provisions[0]!) // "secondary"
 *
 * @since 0.1.0
 * @category combinators
 */
export const verificationOf = (t: CaseTable, p: { readonly source: string; readonly mapping?: Verification | undefined }): Verification =>
  weakest([t.sources.get(p.source)?.verification ?? "unverified", ...(p.mapping ? [p.mapping] : [])])

/**
 * Builds the case table from the four data files (`case-sources`, `case-violations`,
 * `case-criminal-routes`, `case-procedure`), in any order. Every source, criminal route and
 * subject group a row names must exist.
 *
 * @example
 * import { fromFiles } from "@nongan/cases/CaseTable"
 * fromFiles([]).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (files: ReadonlyArray<{ readonly path: string; readonly json: unknown }>): Result<CaseTable, NonganError> => {
  const errors: Array<NonganError> = []
  const take = <A, I>(kind: string, schema: Schema.Schema<A, I, never>): A | undefined => {
    const f = files.find((x) => (x.json as { kind?: unknown } | null)?.kind === kind)
    if (f === undefined) {
      errors.push(make("missing-field", [kind]))
      return undefined
    }
    const r = decoder(schema)(f.json)
    if (!r.ok) {
      errors.push(...r.errors.map((e) => prefix(e, [f.path])))
      return undefined
    }
    return r.value
  }
  const sources = take("case-sources", SourcesFile)
  const violations = take("case-violations", ViolationsFile)
  const criminal = take("case-criminal-routes", CriminalFile)
  const procedure = take("case-procedure", ProcedureFile)
  if (!sources || !violations || !criminal || !procedure) return fail(...errors)
  const bySource = new Map(sources.sources.map((s) => [s.id, s]))
  const routes = new Map(criminal.routes.map((r) => [r.id, r]))
  const known = (src: string, path: ReadonlyArray<string | number>) => {
    if (!bySource.has(src)) errors.push(make("pack-unknown-reference", [...path], { reference: src }))
  }
  violations.violations.forEach((v, i) => {
    if (v.criminal !== null && !routes.has(v.criminal)) errors.push(make("pack-unknown-reference", ["violations", i, "criminal"], { reference: v.criminal }))
    v.provisions.forEach((p, j) => {
      known(p.source, ["violations", i, "provisions", j, "source"])
      if (p.duty) known(p.duty.source, ["violations", i, "provisions", j, "duty"])
      for (const b of p.fine ?? [])
        if (typeof b.subjects === "string" && !(b.subjects in violations.subjectGroups))
          errors.push(make("pack-unknown-reference", ["violations", i, "provisions", j, "fine"], { reference: b.subjects }))
    })
  })
  criminal.routes.forEach((r, i) => {
    known(r.article.source, ["routes", i, "article"])
    r.basis.forEach((b, j) => known(b.source, ["routes", i, "basis", j]))
  })
  if (errors.length > 0) return fail(...errors)
  return ok({
    sources: bySource,
    subjectGroups: violations.subjectGroups,
    violations: violations.violations,
    violationById: new Map(violations.violations.map((v) => [v.id, v])),
    criminal: routes,
    seriousness: criminal.seriousness,
    procedure,
    versions: { violations: violations.version, criminal: criminal.version, procedure: procedure.version }
  })
}
