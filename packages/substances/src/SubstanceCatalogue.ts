import { Citation } from "@nongan/core/Citation"
import { normalise, read as readAnalyte, type AnalyteIndex, type AnalyteRead } from "./AnalyteName"
import { decoder } from "@nongan/core/Decode"
import type { NameStep } from "@nongan/core/NameReading"
import { DecimalFromString } from "@nongan/core/Decimal"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { nearest } from "@nongan/core/Suggest"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"

/**
 * What kind of substance an entry is.
 *
 * @example
 * import { SubstanceKind } from "@nongan/substances/SubstanceCatalogue"
 * SubstanceKind.literals.includes("veterinary-drug") // true
 *
 * @since 0.1.0
 * @category models
 */
export const SubstanceKind = Schema.Literal("pesticide", "veterinary-drug", "contaminant", "metabolite", "compound-group", "other")
/** @since 0.1.0 @category models */
export type SubstanceKind = typeof SubstanceKind.Type

/**
 * One component of a residue definition and the factor that converts it into the substance the
 * sum is expressed as (a molar-mass ratio, stated in `factorNote`).
 *
 * @example
 * import { Schema } from "effect"
 * import { Component } from "@nongan/substances/SubstanceCatalogue"
 * Schema.decodeUnknownSync(Component)({ substance: "3-羟基克百威", factor: "0.9326" })
 *
 * @since 0.1.0
 * @category models
 */
export const Component = Schema.Struct({
  substance: Schema.NonEmptyTrimmedString,
  factor: DecimalFromString,
  factorNote: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category models */
export type Component = typeof Component.Type

/**
 * A residue definition (残留物 / 残留标志物): the components whose converted sum is compared with
 * the limit, and the substance it is expressed as.
 *
 * @example
 * import { Schema } from "effect"
 * import { ResidueDefinition } from "@nongan/substances/SubstanceCatalogue"
 * Schema.decodeUnknownSync(ResidueDefinition)({
 *   text: "克百威及3-羟基克百威之和，以克百威表示", expressedAs: "克百威",
 *   components: [{ substance: "克百威", factor: "1" }, { substance: "3-羟基克百威", factor: "0.9326" }]
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const ResidueDefinition = Schema.Struct({
  text: Schema.optional(Schema.String),
  expressedAs: Schema.optional(Schema.String),
  components: Schema.Array(Component),
  factorNote: Schema.optional(Schema.String),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
})
/** @since 0.1.0 @category models */
export type ResidueDefinition = typeof ResidueDefinition.Type

/**
 * A substance identity: canonical Chinese name, aliases, English/ISO name, CAS, kind, group
 * members or the parent it marks (for metabolites), its residue definition and its citation.
 *
 * @example
 * import { Schema } from "effect"
 * import { Substance } from "@nongan/substances/SubstanceCatalogue"
 * Schema.decodeUnknownSync(Substance)({ id: "克百威", name: "克百威", kind: "pesticide", aliases: ["呋喃丹"] })
 *
 * @since 0.1.0
 * @category models
 */
export const Substance = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  name: Schema.NonEmptyTrimmedString,
  kind: SubstanceKind,
  english: Schema.optional(Schema.String),
  cas: Schema.optional(Schema.NullOr(Schema.String)),
  casVerification: Schema.optional(Verification),
  aliases: Schema.optional(Schema.Array(Schema.String)),
  members: Schema.optional(Schema.Array(Schema.String)),
  markerOf: Schema.optional(Schema.String),
  residueDefinition: Schema.optional(ResidueDefinition),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "Substance" })
/** @since 0.1.0 @category models */
export type Substance = typeof Substance.Type

/**
 * The schema of a substance-catalogue file (`rules/national/substances/*.json`).
 *
 * @example
 * import { Schema } from "effect"
 * import { CatalogueFile } from "@nongan/substances/SubstanceCatalogue"
 * Schema.decodeUnknownSync(CatalogueFile)({ kind: "substance-catalogue", substances: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const CatalogueFile = Schema.Struct({
  kind: Schema.Literal("substance-catalogue"),
  id: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification),
  substances: Schema.Array(Substance)
}).annotations({ identifier: "SubstanceCatalogueFile" })
/** @since 0.1.0 @category models */
export type CatalogueFile = typeof CatalogueFile.Type

/**
 * An indexed substance catalogue: exact name and alias resolution, groups, metabolites.
 *
 * @example
 * import { fromFiles } from "@nongan/substances/SubstanceCatalogue"
 * const r = fromFiles([{ kind: "substance-catalogue", substances: [
 *   { id: "克百威", name: "克百威", kind: "pesticide", aliases: ["呋喃丹"] }] }])
 * if (r.ok) r.value.resolve("呋喃丹") // { ok: true, value: { id: "克百威", … } }
 *
 * @since 0.1.0
 * @category models
 */
export class SubstanceCatalogue {
  /** @internal */
  readonly byId = new Map<string, Substance>()
  /** @internal */
  readonly byName = new Map<string, Substance>()
  /** @internal */
  readonly groupsOf = new Map<string, Array<string>>()
  /** @internal */
  readonly byNormalised = new Map<string, Substance>()
  /** @internal */
  constructor() {}

  /** Every substance. */
  all(): ReadonlyArray<Substance> {
    return [...this.byId.values()]
  }
  /** The entry of a canonical id. */
  get(id: string): Substance | undefined {
    return this.byId.get(id)
  }
  /** Every name and alias. */
  names(): ReadonlyArray<string> {
    return [...this.byName.keys()]
  }
  /** The groups (ids) a substance belongs to, nearest first. */
  groups(id: string): ReadonlyArray<string> {
    return this.groupsOf.get(id) ?? []
  }

  /**
   * Resolves a name exactly (canonical name, alias, English name or CAS). An unknown name is an
   * `unknown-substance` error listing the nearest known names.
   */
  resolve(name: string): Result<Substance, NonganError> {
    const s = this.byName.get(name.trim()) ?? this.byName.get(name.trim().toLowerCase())
    return s
      ? ok(s)
      : fail(make("unknown-substance", [], { name, nearest: nearest(name, [...this.byId.keys()], 5) }))
  }

  /** The catalogue as the analyte grammar sees it (exact and normalised lookup of declared names). */
  index(): AnalyteIndex {
    return {
      exact: (n) => this.byName.get(n),
      normalised: (n) => this.byNormalised.get(n),
      all: () => this.all(),
      ids: () => [...this.byId.keys()]
    }
  }

  /**
   * Reads an analyte name as laboratories write it (`镉(以Cd计)`, `土霉素/金霉素/四环素（组合含量)`,
   * `恩诺沙星(以恩诺沙星与环丙沙星之和计)`) through the declared grammar of `AnalyteName`: the entry
   * and every step, or an `unknown-substance` error. `resolve` stays strict and exact.
   *
   * @example
   * import { fromFiles } from "@nongan/substances/SubstanceCatalogue"
   * const c = fromFiles([{ kind: "substance-catalogue", substances: [{ id: "铅", name: "铅", kind: "contaminant",
   *   residueDefinition: { expressedAs: "Pb", components: [] } }] }])
   * if (c.ok) c.value.read("铅（以Pb计）") // ok: 铅, steps normalise + expressed-as
   */
  read(written: string, local?: ReadonlyMap<string, LocalName>): Result<AnalyteRead, NonganError> {
    const r = readAnalyte(this.index(), written)
    if (r.ok || local === undefined || local.size === 0) return r
    // national first; a local name (keyed by its normalised form) is only an extra alias, read exactly
    const n = normalise(written)
    const l = local.get(n)
    const e = l ? this.byId.get(l.target) : undefined
    if (!l || !e) return r
    const steps: Array<NameStep> = n === written ? [] : [{ kind: "normalise", from: written, to: n }]
    steps.push({ kind: "local", from: n, to: e.id, source: l.source, ...(l.note ? { note: l.note } : {}) })
    return ok({ substance: e, reading: { written, read: e.id, steps } })
  }
}

/**
 * A local name a regional pack declares for an analyte, keyed by its normalised form
 * (`AnalyteName.normalise`): the catalogue id it reads as and the pack it comes from.
 *
 * @example
 * import type { LocalName } from "@nongan/substances/SubstanceCatalogue"
 * const l: LocalName = { target: "克百威", source: "cn-500154-2022" }
 *
 * @since 0.4.0
 * @category models
 */
export interface LocalName {
  readonly target: string
  readonly source: string
  readonly note?: string | undefined
}

const decodeFile = decoder(CatalogueFile)

/**
 * Builds a substance catalogue from catalogue files. Fails on schema errors, duplicate ids,
 * names or aliases that would resolve to two substances, and unknown members or components.
 *
 * @example
 * import { fromFiles } from "@nongan/substances/SubstanceCatalogue"
 * fromFiles([{ kind: "substance-catalogue", substances: [] }]).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (files: ReadonlyArray<unknown>): Result<SubstanceCatalogue, NonganError> => {
  const cat = new SubstanceCatalogue()
  const errors: Array<NonganError> = []
  const entries: Array<[Substance, Array<string | number>]> = []
  files.forEach((raw, i) => {
    const r = decodeFile(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    r.value.substances.forEach((s, j) => entries.push([s, [i, "substances", j]]))
  })
  for (const [s, path] of entries) {
    if (cat.byId.has(s.id)) errors.push(make("pack-duplicate", [...path, "id"], { name: s.id }))
    else cat.byId.set(s.id, s)
  }
  for (const [s, path] of entries) {
    const names = new Set([s.id, s.name, ...(s.aliases ?? [])])
    if (s.english) names.add(s.english.toLowerCase())
    if (s.cas) names.add(s.cas)
    for (const n of names) {
      const prev = cat.byName.get(n)
      if (prev && prev.id !== s.id) {
        errors.push(make("ambiguous-name", path, { name: n, candidates: [prev.id, s.id] }))
        continue
      }
      cat.byName.set(n, s)
      const k = normalise(n)
      const prevN = cat.byNormalised.get(k)
      if (prevN && prevN.id !== s.id) errors.push(make("ambiguous-name", path, { name: k, candidates: [prevN.id, s.id] }))
      else cat.byNormalised.set(k, s)
    }
  }
  for (const [s, path] of entries) {
    s.members?.forEach((m, k) => {
      if (!cat.byId.has(m)) errors.push(make("pack-unknown-reference", [...path, "members", k], { name: m }))
      else cat.groupsOf.set(m, [...(cat.groupsOf.get(m) ?? []), s.id])
    })
    s.residueDefinition?.components.forEach((c, k) => {
      if (!cat.byId.has(c.substance))
        errors.push(make("pack-unknown-reference", [...path, "residueDefinition", "components", k, "substance"], { name: c.substance }))
    })
    if (s.markerOf !== undefined && !cat.byId.has(s.markerOf))
      errors.push(make("pack-unknown-reference", [...path, "markerOf"], { name: s.markerOf }))
  }
  return errors.length > 0 ? fail(...errors) : ok(cat)
}
