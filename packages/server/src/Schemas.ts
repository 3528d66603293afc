import { Citation } from "@nongan/core/Citation"
import { Finding } from "@nongan/core/Finding"
import { ErrorJson } from "@nongan/core/NonganError"
import { PackRef, RecordFailure, RecordReport } from "@nongan/core/Verdict"
import { ApplicationRecord } from "@nongan/intervals/Application"
import { TreatmentRecord } from "@nongan/intervals/Treatment"
import { InspectionRecord } from "@nongan/residues/Inspection"
import { StatusEntry } from "@nongan/substances/Status"
import { Substance } from "@nongan/substances/SubstanceCatalogue"
import { Schema } from "effect"

/**
 * Error codes the service adds to the library's own (`ErrorCode`): what can go wrong with an
 * HTTP request before a record is read.
 *
 * @example
 * import { HttpErrorCode } from "@nongan/server/Schemas"
 * HttpErrorCode.literals.includes("batch-too-large") // true
 *
 * @since 0.1.0
 * @category models
 */
export const HttpErrorCode = Schema.Literal(
  "body-too-large",
  "batch-too-large",
  "unsupported-media-type",
  "not-found",
  "timeout",
  "unavailable",
  "internal"
).annotations({ identifier: "HttpErrorCode" })
/** @since 0.1.0 @category models */
export type HttpErrorCode = typeof HttpErrorCode.Type

/**
 * A record of any kind the validator reads: an inspection (the default when `kind` is absent),
 * a pesticide application or a veterinary treatment.
 *
 * @example
 * import { Schema } from "effect"
 * import { AnyRecord } from "@nongan/server/Schemas"
 * Schema.is(AnyRecord)({ id: "A", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: [] }) // false: results empty is decoded by the library
 *
 * @since 0.1.0
 * @category models
 */
export const AnyRecord = Schema.Union(InspectionRecord, ApplicationRecord, TreatmentRecord).annotations({ identifier: "AnyRecord" })

/**
 * A report as the service answers it: the SDK's report plus a decision id (a UUID) that the
 * decision log keys on.
 *
 * @example
 * import { Schema } from "effect"
 * import { DecisionReport } from "@nongan/server/Schemas"
 * Schema.is(DecisionReport)({ decisionId: "x", id: "A", verdict: "compliant", findings: [] }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const DecisionReport = Schema.extend(RecordReport, Schema.Struct({ decisionId: Schema.String })).annotations({ identifier: "DecisionReport" })
/** @since 0.1.0 @category models */
export type DecisionReport = typeof DecisionReport.Type

/**
 * A record that could not be read, with its decision id: the SDK's failure (first error and all
 * errors, each with a code, a path and a message in the request's language).
 *
 * @example
 * import { Schema } from "effect"
 * import { DecisionFailure } from "@nongan/server/Schemas"
 * Schema.is(DecisionFailure)({ decisionId: "x", id: null, error: { code: "invalid-json", path: "", message: "m" } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const DecisionFailure = Schema.extend(RecordFailure, Schema.Struct({ decisionId: Schema.String })).annotations({ identifier: "DecisionFailure" })
/** @since 0.1.0 @category models */
export type DecisionFailure = typeof DecisionFailure.Type

/**
 * Counts over a batch: every item is counted once.
 *
 * @example
 * import { Schema } from "effect"
 * import { BatchSummary } from "@nongan/server/Schemas"
 * Schema.is(BatchSummary)({ records: 0, compliant: 0, nonCompliant: 0, indeterminate: 0, malformed: 0, criminalReferrals: 0 }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const BatchSummary = Schema.Struct({
  records: Schema.Number,
  compliant: Schema.Number,
  nonCompliant: Schema.Number,
  indeterminate: Schema.Number,
  malformed: Schema.Number,
  criminalReferrals: Schema.Number
}).annotations({ identifier: "BatchSummary" })

/**
 * The answer to a JSON batch: one item per input record, in order, and the counts.
 *
 * @example
 * import { Schema } from "effect"
 * import { BatchResponse } from "@nongan/server/Schemas"
 * Schema.is(BatchResponse)({ items: [], summary: { records: 0, compliant: 0, nonCompliant: 0, indeterminate: 0, malformed: 0, criminalReferrals: 0 } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const BatchResponse = Schema.Struct({
  items: Schema.Array(Schema.Union(DecisionReport, DecisionFailure)),
  summary: BatchSummary
}).annotations({ identifier: "BatchResponse" })

const { citation: _citation, citations: _citations, ...findingFields } = Finding.fields

/**
 * A finding in the compact batch form (`?citations=shared`): the finding without its citations,
 * which it refers to by index in the batch's `citations` table instead (`citationRef` for
 * `citation`, `citationRefs` for `citations`).
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactFinding } from "@nongan/server/Schemas"
 * Schema.is(CompactFinding)({ code: "residue.within-limit", outcome: "within-limit", severity: "info", citationRef: 0 }) // true
 *
 * @since 0.2.0
 * @category models
 */
export const CompactFinding = Schema.Struct({
  ...findingFields,
  citationRef: Schema.optional(Schema.Number),
  citationRefs: Schema.optional(Schema.Array(Schema.Number))
}).annotations({ identifier: "CompactFinding" })
/** @since 0.2.0 @category models */
export type CompactFinding = typeof CompactFinding.Type

/**
 * A report in the compact batch form: a {@link DecisionReport} whose findings refer to the
 * batch's citation table, and whose list of packs is an index in the batch's `packSets`.
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactDecisionReport } from "@nongan/server/Schemas"
 * Schema.is(CompactDecisionReport)({ decisionId: "x", id: "A", verdict: "compliant", findings: [] }) // true
 *
 * @since 0.2.0
 * @category models
 */
const { packs: _packs, ...reportFields } = RecordReport.fields
export const CompactDecisionReport = Schema.Struct({
  ...reportFields,
  findings: Schema.Array(CompactFinding),
  packsRef: Schema.optional(Schema.Number),
  decisionId: Schema.String
}).annotations({ identifier: "CompactDecisionReport" })
/** @since 0.2.0 @category models */
export type CompactDecisionReport = typeof CompactDecisionReport.Type

/**
 * The answer to a JSON batch with `?citations=shared`: the items and counts of
 * {@link BatchResponse}, with every distinct citation once in `citations` and every distinct
 * list of packs once in `packSets` (in order of first use), each finding and report referring
 * to them by index.
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactBatchResponse } from "@nongan/server/Schemas"
 * Schema.is(CompactBatchResponse)({ items: [], summary: { records: 0, compliant: 0, nonCompliant: 0, indeterminate: 0, malformed: 0, criminalReferrals: 0 }, citations: [], packSets: [] }) // true
 *
 * @since 0.2.0
 * @category models
 */
export const CompactBatchResponse = Schema.Struct({
  items: Schema.Array(Schema.Union(CompactDecisionReport, DecisionFailure)),
  summary: BatchSummary,
  citations: Schema.Array(Citation),
  packSets: Schema.Array(Schema.Array(PackRef))
}).annotations({ identifier: "CompactBatchResponse" })

const f = Finding.fields

/**
 * A finding in the compact view (`?view=compact`): what a system judging at volume acts on —
 * the code, the severity, the substance and food, the measured value against the limit with its
 * unit, how well the datum is verified, a referral when there is one, the error of an analyte
 * that could not be read (its message in the request's language), and the finding's citation as
 * an index into the batch's `citations` table (`citationRef`, or `citationRefs` for several).
 * Each field is the full finding's field of the same name, unchanged.
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactViewFinding } from "@nongan/server/Schemas"
 * Schema.is(CompactViewFinding)({ code: "residue.exceeds-limit", severity: "violation", substance: "克百威", food: "豇豆", measured: 0.062, limit: 0.02, unit: "mg/kg", citationRef: 0 }) // true
 *
 * @since 0.2.0
 * @category models
 */
export const CompactViewFinding = Schema.Struct({
  code: f.code,
  severity: f.severity,
  substance: f.substance,
  food: f.food,
  measured: f.measured,
  limit: f.limit,
  unit: f.unit,
  verification: f.verification,
  referral: f.referral,
  citationRef: Schema.optional(Schema.Number),
  citationRefs: Schema.optional(Schema.Array(Schema.Number)),
  error: f.error
}).annotations({ identifier: "CompactViewFinding" })
/** @since 0.2.0 @category models */
export type CompactViewFinding = typeof CompactViewFinding.Type

/**
 * A report in the compact view: the record's id, the verdict, the weakest verification of the
 * data used, the findings as {@link CompactViewFinding}s, the list of packs that judged it as an
 * index into the batch's `packSets`, and the decision id. Each field is the full report's.
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactViewReport } from "@nongan/server/Schemas"
 * Schema.is(CompactViewReport)({ id: "A", verdict: "compliant", findings: [], packsRef: 0, decisionId: "x" }) // true
 *
 * @since 0.2.0
 * @category models
 */
export const CompactViewReport = Schema.Struct({
  id: RecordReport.fields.id,
  verdict: RecordReport.fields.verdict,
  verification: RecordReport.fields.verification,
  findings: Schema.Array(CompactViewFinding),
  packsRef: Schema.optional(Schema.Number),
  decisionId: Schema.String
}).annotations({ identifier: "CompactViewReport" })
/** @since 0.2.0 @category models */
export type CompactViewReport = typeof CompactViewReport.Type

/**
 * The answer to a JSON batch with `?view=compact`: one item per input record, in order (a
 * {@link CompactViewReport}, or the record's {@link DecisionFailure} unchanged), the counts, and
 * the batch-level tables the items refer to: every distinct citation once in `citations` and
 * every distinct list of packs (with their sha-256) once in `packSets`, in order of first use.
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactViewBatchResponse } from "@nongan/server/Schemas"
 * Schema.is(CompactViewBatchResponse)({ view: "compact", items: [], summary: { records: 0, compliant: 0, nonCompliant: 0, indeterminate: 0, malformed: 0, criminalReferrals: 0 }, citations: [], packSets: [] }) // true
 *
 * @since 0.2.0
 * @category models
 */
export const CompactViewBatchResponse = Schema.Struct({
  view: Schema.Literal("compact"),
  items: Schema.Array(Schema.Union(CompactViewReport, DecisionFailure)),
  summary: BatchSummary,
  citations: Schema.Array(Citation),
  packSets: Schema.Array(Schema.Array(PackRef))
}).annotations({ identifier: "CompactViewBatchResponse" })
/** @since 0.2.0 @category models */
export type CompactViewBatchResponse = typeof CompactViewBatchResponse.Type

/**
 * A table line of an NDJSON answer in the compact view: the citations and lists of packs first
 * used by the items that follow it, to be appended, in order, to the tables read so far (the
 * first table line starts them at index 0). It always comes before the first item referring to
 * what it adds.
 *
 * @example
 * import { Schema } from "effect"
 * import { CompactViewTables } from "@nongan/server/Schemas"
 * Schema.is(CompactViewTables)({ citations: [{ instrument: "GB 2763-2021" }] }) // true
 *
 * @since 0.2.0
 * @category models
 */
export const CompactViewTables = Schema.Struct({
  citations: Schema.optional(Schema.Array(Citation)),
  packSets: Schema.optional(Schema.Array(Schema.Array(PackRef)))
}).annotations({ identifier: "CompactViewTables" })
/** @since 0.2.0 @category models */
export type CompactViewTables = typeof CompactViewTables.Type

/**
 * An error of the request itself (not of a record): code, path, message.
 *
 * @example
 * import { Schema } from "effect"
 * import { HttpError } from "@nongan/server/Schemas"
 * Schema.is(HttpError)({ error: { code: "batch-too-large", path: "", message: "m" } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const HttpError = Schema.Struct({
  error: Schema.Struct({
    code: Schema.Union(HttpErrorCode, ErrorJson.fields.code),
    path: Schema.String,
    message: Schema.String,
    params: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  }),
  errors: Schema.optional(Schema.Array(ErrorJson))
}).annotations({ identifier: "HttpError" })
/** @since 0.1.0 @category models */
export type HttpError = typeof HttpError.Type

/**
 * One loaded rule pack: its reference (id, jurisdiction, version, sha-256) and what it holds.
 *
 * @example
 * import { Schema } from "effect"
 * import { PackInfo } from "@nongan/server/Schemas"
 * Schema.is(PackInfo)({ id: "p", jurisdiction: "500154", version: "1", hash: "ab", name: "n", effective: { from: "2024-01-01" } }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const PackInfo = Schema.extend(
  PackRef,
  Schema.Struct({
    name: Schema.String,
    parent: Schema.optional(Schema.String),
    effective: Schema.Struct({ from: Schema.String, to: Schema.optional(Schema.String) }),
    source: Schema.optional(Schema.String)
  })
).annotations({ identifier: "PackInfo" })

/**
 * The packs the service judges with: the national layer and every regional pack, with hashes.
 *
 * @example
 * import { Schema } from "effect"
 * import { PacksResponse } from "@nongan/server/Schemas"
 * Schema.is(PacksResponse)({ national: { id: "n", jurisdiction: "000000", version: "1", hash: "h" }, packs: [], dataVersion: "1" }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const PacksResponse = Schema.Struct({
  national: PackRef,
  packs: Schema.Array(PackInfo),
  dataVersion: Schema.String
}).annotations({ identifier: "PacksResponse" })

/**
 * `/healthz` and `/readyz`: `ok` while serving; `/readyz` says `closing` (503) during shutdown.
 *
 * @example
 * import { Schema } from "effect"
 * import { Health } from "@nongan/server/Schemas"
 * Schema.is(Health)({ status: "ok" }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const Health = Schema.Struct({
  status: Schema.Literal("ok", "closing"),
  packs: Schema.optional(Schema.Number),
  uptimeSeconds: Schema.optional(Schema.Number)
}).annotations({ identifier: "Health" })

/**
 * A food name resolved exactly: a plant-side node with its GB 2763 Annex A path, or an animal
 * product as species and tissue (with the animal-origin category path when one covers it).
 *
 * @example
 * import { Schema } from "effect"
 * import { ResolvedFood } from "@nongan/server/Schemas"
 * Schema.is(ResolvedFood)({ kind: "plant", id: "豇豆", name: "豇豆", path: ["蔬菜", "豆类蔬菜", "荚可食类", "豇豆"] }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const ResolvedFood = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("plant"), id: Schema.String, name: Schema.String, path: Schema.Array(Schema.String) }),
  Schema.Struct({
    kind: Schema.Literal("animal"),
    id: Schema.String,
    name: Schema.String,
    species: Schema.String,
    tissue: Schema.String,
    speciesPath: Schema.Array(Schema.String),
    categoryPath: Schema.optional(Schema.Array(Schema.String))
  })
).annotations({ identifier: "ResolvedFood" })

/** One limit row of a `GET /v1/limits` answer; `layer` (the pack id, or `national`) when a region was asked. */
const LimitRow = Schema.Struct({
  value: Schema.NullOr(Schema.String),
  unit: Schema.String,
  instrument: Schema.String,
  temporary: Schema.Boolean,
  matchedAt: Schema.String,
  categoryPath: Schema.Array(Schema.String),
  citation: Citation,
  verification: Schema.String,
  layer: Schema.optional(Schema.String)
})

/**
 * The answer of `GET /v1/limits`: the national limit that applies to a substance in a food on a
 * date (most specific category wins), where it was found, and what nongan holds of each table in
 * force, so that `no-limit` (the law sets none) is told apart from `limit-not-held` (our data is
 * incomplete). With `region`, the limit of the region's effective rule set — the row validation
 * judges a sample from the region against — with its `layer` and, in `overrides`, the rows it
 * overrides.
 *
 * @example
 * import { Schema } from "effect"
 * import { LimitAnswer } from "@nongan/server/Schemas"
 * Schema.is(LimitAnswer)({ substance: "克百威", food: "豇豆", on: "2026-06-15", outcome: "limit-not-held", limit: null, coverage: [] }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const LimitAnswer = Schema.Struct({
  substance: Schema.String,
  food: Schema.String,
  on: Schema.String,
  region: Schema.optional(Schema.String),
  outcome: Schema.Literal("limit", "must-not-detect", "no-limit", "limit-not-held"),
  limit: Schema.NullOr(LimitRow),
  overrides: Schema.optional(Schema.Array(LimitRow)),
  coverage: Schema.Array(Schema.Struct({ instrument: Schema.String, whole: Schema.Boolean, rows: Schema.Number }))
}).annotations({ identifier: "LimitAnswer" })
/** @since 0.1.0 @category models */
export type LimitAnswer = typeof LimitAnswer.Type

/**
 * The answer of `GET /v1/status` (the same as `nongan status --format json`): the statuses of a
 * substance in force on a date for the subject asked about, those for other scopes, and their
 * citations.
 *
 * @example
 * import { Schema } from "effect"
 * import { StatusAnswer } from "@nongan/server/Schemas"
 * Schema.is(StatusAnswer)({ substance: "甲拌磷", on: "2024-09-01", subject: null, prohibited: false, statuses: [], reasons: [], elsewhere: [], citations: [] }) // true
 *
 * @since 0.1.0
 * @category models
 */
export const StatusAnswer = Schema.Struct({
  substance: Schema.String,
  on: Schema.String,
  subject: Schema.NullOr(Schema.Struct({ food: Schema.optional(Schema.String), species: Schema.optional(Schema.String), state: Schema.optional(Schema.String) })),
  prohibited: Schema.Boolean,
  statuses: Schema.Array(StatusEntry),
  reasons: Schema.Array(Schema.String),
  elsewhere: Schema.Array(StatusEntry),
  citations: Schema.Array(Citation)
}).annotations({ identifier: "StatusAnswer" })
/** @since 0.1.0 @category models */
export type StatusAnswer = typeof StatusAnswer.Type

/**
 * Every named schema of the API, by the name it has in the OpenAPI document's components.
 *
 * @example
 * import { components } from "@nongan/server/Schemas"
 * Object.keys(components).includes("DecisionReport") // true
 *
 * @since 0.1.0
 * @category models
 */
export const components = {
  AnyRecord,
  DecisionReport,
  DecisionFailure,
  BatchResponse,
  CompactBatchResponse,
  CompactViewBatchResponse,
  CompactViewTables,
  BatchSummary,
  HttpError,
  PacksResponse,
  Health,
  LimitAnswer,
  StatusAnswer,
  ResolvedFood,
  Substance
} as const satisfies Record<string, Schema.Schema<any, any, never>>
