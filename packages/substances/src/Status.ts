import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import type { SubstanceCatalogue } from "./SubstanceCatalogue"

/**
 * A legal status. The first four prohibit use (inside their scope); the others do not.
 *
 * @example
 * import { StatusKind } from "@nongan/substances/Status"
 * StatusKind.literals.includes("banned-in-scope") // true
 *
 * @since 0.1.0
 * @category models
 */
export const StatusKind = Schema.Literal(
  "banned",
  "banned-in-scope",
  "banned-food-animals",
  "withdrawn-food-animals",
  "therapy-only-not-detectable",
  "growth-promotion-banned",
  "restricted-sale",
  "registration-revoked",
  "production-stopped"
)
/** @since 0.1.0 @category models */
export type StatusKind = typeof StatusKind.Type

const PROHIBITING: ReadonlySet<StatusKind> = new Set(["banned", "banned-in-scope", "banned-food-animals", "withdrawn-food-animals"])

/**
 * Whether a status prohibits use inside its scope.
 *
 * @example
 * import { prohibitsUse } from "@nongan/substances/Status"
 * prohibitsUse("restricted-sale") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const prohibitsUse = (s: StatusKind): boolean => PROHIBITING.has(s)

/**
 * Production states of an animal that some rules name (产蛋期, 泌乳期).
 *
 * @example
 * import { ProductionState } from "@nongan/substances/Status"
 * ProductionState.literals // ["laying", "lactating", "none"]
 *
 * @since 0.1.0
 * @category models
 */
export const ProductionState = Schema.Literal("laying", "lactating", "none")
/** @since 0.1.0 @category models */
export type ProductionState = typeof ProductionState.Type

/**
 * The scope of a status: everywhere, or some food categories, species, production states or
 * purposes.
 *
 * @example
 * import { Schema } from "effect"
 * import { Scope } from "@nongan/substances/Status"
 * Schema.decodeUnknownSync(Scope)({ foods: ["蔬菜", "水果", "茶叶"] })
 *
 * @since 0.1.0
 * @category models
 */
export const Scope = Schema.Union(
  Schema.Literal("all"),
  Schema.Struct({
    foods: Schema.optional(Schema.Array(Schema.String)),
    species: Schema.optional(Schema.Array(Schema.String)),
    states: Schema.optional(Schema.Array(ProductionState)),
    purposes: Schema.optional(Schema.Array(Schema.String))
  })
)
/** @since 0.1.0 @category models */
export type Scope = typeof Scope.Type

/**
 * One dated status of one substance (or group), with its scope, citation and verification.
 *
 * @example
 * import { Schema } from "effect"
 * import { StatusEntry } from "@nongan/substances/Status"
 * Schema.decodeUnknownSync(StatusEntry)({
 *   id: "536-banned-甲拌磷", substance: "甲拌磷", status: "banned", scope: "all",
 *   effective: { from: "2024-09-01" }, citation: { instrument: "农业农村部公告第536号" }, verification: "official-text"
 * })
 *
 * @since 0.1.0
 * @category models
 */
export const StatusEntry = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  substance: Schema.NonEmptyTrimmedString,
  status: StatusKind,
  scope: Scope,
  effective: EffectivePeriod,
  citation: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "StatusEntry" })
/** @since 0.1.0 @category models */
export type StatusEntry = typeof StatusEntry.Type

/**
 * The schema of a status-list file (`rules/national/status/*.json`).
 *
 * @example
 * import { Schema } from "effect"
 * import { StatusFile } from "@nongan/substances/Status"
 * Schema.decodeUnknownSync(StatusFile)({ kind: "status-list", entries: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const StatusFile = Schema.Struct({
  kind: Schema.Literal("status-list"),
  id: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  entries: Schema.Array(StatusEntry)
}).annotations({ identifier: "StatusFile" })

/**
 * What a status is asked about: anywhere, a plant-side food (its category path, root first) or
 * an animal (its species path, root first, and production state).
 *
 * @example
 * import type { Subject } from "@nongan/substances/Status"
 * const s: Subject = { kind: "plant", path: ["蔬菜", "豆类蔬菜", "荚可食类", "豇豆"] }
 *
 * @since 0.1.0
 * @category models
 */
export type Subject =
  | { readonly kind: "anywhere" }
  | { readonly kind: "plant"; readonly path: ReadonlyArray<string> }
  | { readonly kind: "animal"; readonly speciesPath: ReadonlyArray<string>; readonly state?: ProductionState | undefined }

const ANIMAL_ONLY: ReadonlySet<StatusKind> = new Set(["banned-food-animals", "withdrawn-food-animals", "therapy-only-not-detectable", "growth-promotion-banned"])

/**
 * Whether an entry's scope covers a subject. `anywhere` is covered only by scope `all`.
 *
 * @example
 * import { applies } from "@nongan/substances/Status"
 * applies({ status: "banned-in-scope", scope: { foods: ["蔬菜"] } } as any, { kind: "plant", path: ["蔬菜", "豆类蔬菜", "豇豆"] }) // true
 *
 * @since 0.1.0
 * @category predicates
 */
export const applies = (e: Pick<StatusEntry, "status" | "scope">, subject: Subject): boolean => {
  if (e.scope === "all") return !(ANIMAL_ONLY.has(e.status) && subject.kind === "plant")
  if (subject.kind === "anywhere") return false
  if (subject.kind === "plant") return (e.scope.foods ?? []).some((f) => subject.path.includes(f))
  const species = e.scope.species
  if (!species || !species.some((s) => subject.speciesPath.includes(s))) return false
  const states = e.scope.states
  return !states || (subject.state !== undefined && states.includes(subject.state))
}

/**
 * The answer to "what is this substance's status here on this date".
 *
 * @since 0.1.0
 * @category models
 */
export interface StatusAnswer {
  readonly substance: string
  readonly date: string
  /** Entries in force on the date that cover the subject. */
  readonly statuses: ReadonlyArray<StatusEntry>
  /** Entries in force on the date that cover only other foods or species (scope bans elsewhere). */
  readonly elsewhere: ReadonlyArray<StatusEntry>
  /** Whether use is prohibited for the subject on the date. */
  readonly prohibited: boolean
  /** The entries that prohibit it. */
  readonly reasons: ReadonlyArray<StatusEntry>
}

/**
 * An index of status entries by substance, expanding groups (a β-兴奋剂类 ban covers 克仑特罗)
 * and metabolites (AOZ is judged by 呋喃唑酮's status).
 *
 * @example
 * import { fromFiles } from "@nongan/substances/Status"
 * import { fromFiles as catalogue } from "@nongan/substances/SubstanceCatalogue"
 * const cat = catalogue([{ kind: "substance-catalogue", substances: [{ id: "甲拌磷", name: "甲拌磷", kind: "pesticide" }] }])
 * if (cat.ok) {
 *   const idx = fromFiles([{ kind: "status-list", entries: [{ id: "536", substance: "甲拌磷", status: "banned", scope: "all",
 *     effective: { from: "2024-09-01" }, citation: { instrument: "农业农村部公告第536号" }, verification: "official-text" }] }], cat.value)
 *   if (idx.ok) idx.value.statusOn("甲拌磷", "2024-09-01").prohibited // true
 * }
 *
 * @since 0.1.0
 * @category models
 */
export class StatusIndex {
  /** @internal */
  readonly own = new Map<string, Array<StatusEntry>>()
  /** @internal */
  readonly expanded = new Map<string, ReadonlyArray<StatusEntry>>()
  /** @internal */
  constructor(readonly catalogue: SubstanceCatalogue) {}

  /** Every entry. */
  entries(): ReadonlyArray<StatusEntry> {
    return [...this.own.values()].flat()
  }

  /**
   * Every entry that bears on a substance: its own, its groups', and its parent's for a metabolite;
   * by start date. `substance` is an id or any declared name, alias, English name or CAS number
   * (呋喃丹 gives 克百威's entries); a name the catalogue does not know has no entries.
   */
  history(substance: string): ReadonlyArray<StatusEntry> {
    const cached = this.expanded.get(substance)
    if (cached) return cached
    const resolved = this.catalogue.resolve(substance)
    const start = resolved.ok ? resolved.value.id : substance
    const ids = new Set<string>()
    const visit = (id: string) => {
      if (ids.has(id)) return
      ids.add(id)
      for (const g of this.catalogue.groups(id)) visit(g)
      const marker = this.catalogue.get(id)?.markerOf
      if (marker) visit(marker)
    }
    visit(start)
    const out = [...ids].flatMap((id) => this.own.get(id) ?? [])
    out.sort((a, b) => (a.effective.from < b.effective.from ? -1 : a.effective.from > b.effective.from ? 1 : a.id < b.id ? -1 : 1))
    this.expanded.set(substance, out)
    return out
  }

  /**
   * The status of a substance (id or declared name, as in {@link StatusIndex.history}) for a
   * subject on a date.
   */
  statusOn(substance: string, date: string, subject: Subject = { kind: "anywhere" }): StatusAnswer {
    const inForce = this.history(substance).filter((e) => contains(e.effective, date))
    const statuses = inForce.filter((e) => applies(e, subject))
    const reasons = statuses.filter((e) => prohibitsUse(e.status))
    return {
      substance,
      date,
      statuses,
      elsewhere: inForce.filter((e) => !statuses.includes(e)),
      prohibited: reasons.length > 0,
      reasons
    }
  }

  /** Whether use of a substance (id or declared name) is prohibited for a subject on a date, with the reasons. */
  isProhibited(substance: string, date: string, subject: Subject = { kind: "anywhere" }) {
    const a = this.statusOn(substance, date, subject)
    return { prohibited: a.prohibited, reasons: a.reasons }
  }

  /** Substances banned everywhere (status `banned`, scope `all`) on a date, by id. */
  bannedOn(date: string): ReadonlyArray<string> {
    const out = new Set<string>()
    for (const [id, list] of this.own)
      if (list.some((e) => e.status === "banned" && e.scope === "all" && contains(e.effective, date))) out.add(id)
    return [...out].sort()
  }
}

const decodeFile = decoder(StatusFile)

/**
 * Builds a status index from status-list files, checking that every substance is catalogued,
 * every entry id is unique and every entry is cited.
 *
 * @example
 * import { fromFiles } from "@nongan/substances/Status"
 * import { fromFiles as catalogue } from "@nongan/substances/SubstanceCatalogue"
 * const cat = catalogue([{ kind: "substance-catalogue", substances: [] }])
 * if (cat.ok) fromFiles([{ kind: "status-list", entries: [] }], cat.value).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (
  files: ReadonlyArray<unknown>,
  catalogue: SubstanceCatalogue,
  knownScope?: { readonly food: (id: string) => boolean; readonly species: (id: string) => boolean }
): Result<StatusIndex, NonganError> => {
  const idx = new StatusIndex(catalogue)
  const errors: Array<NonganError> = []
  const ids = new Set<string>()
  files.forEach((raw, i) => {
    const r = decodeFile(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    r.value.entries.forEach((e, j) => {
      const path = [i, "entries", j]
      if (ids.has(e.id)) errors.push(make("pack-duplicate", [...path, "id"], { name: e.id }))
      ids.add(e.id)
      if (!catalogue.get(e.substance)) errors.push(make("pack-unknown-reference", [...path, "substance"], { name: e.substance }))
      if (knownScope && e.scope !== "all") {
        e.scope.foods?.forEach((f, k) => {
          if (!knownScope.food(f)) errors.push(make("pack-unknown-reference", [...path, "scope", "foods", k], { name: f }))
        })
        e.scope.species?.forEach((s, k) => {
          if (!knownScope.species(s)) errors.push(make("pack-unknown-reference", [...path, "scope", "species", k], { name: s }))
        })
      }
      idx.own.set(e.substance, [...(idx.own.get(e.substance) ?? []), e])
    })
  })
  return errors.length > 0 ? fail(...errors) : ok(idx)
}
