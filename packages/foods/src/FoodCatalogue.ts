import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import type { NameReading, NameStep } from "@nongan/core/NameReading"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { nearest } from "@nongan/core/Suggest"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import { DeclaredName, QualifierWord, sourceOf, SpeciesAsProduct } from "./DeclaredNames"
import { type Lookup, normalise, readName, type Relation } from "./QualifiedName"

const Provenance = {
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification),
  note: Schema.optional(Schema.String)
}

/** The fields every named catalogue entry has: id, display name, aliases, English name, provenance. */
const Named = {
  id: Schema.NonEmptyTrimmedString,
  name: Schema.NonEmptyTrimmedString,
  aliases: Schema.optional(Schema.Array(Schema.String)),
  english: Schema.optional(Schema.String),
  ...Provenance
}

/**
 * A node of the plant-side classification (GB 2763 Annex A): a category or a food.
 *
 * @example
 * import { Schema } from "effect"
 * import { FoodNode } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(FoodNode)({ id: "豇豆", name: "豇豆", parent: "荚可食类", kind: "food" })
 *
 * @since 0.1.0
 * @category models
 */
export const FoodNode = Schema.Struct({
  ...Named,
  parent: Schema.optional(Schema.NullOr(Schema.String)),
  kind: Schema.Literal("category", "food"),
  part: Schema.optional(Schema.String)
}).annotations({ identifier: "FoodNode" })
/** @since 0.1.0 @category models */
export type FoodNode = typeof FoodNode.Type

/**
 * An animal species or species group (GB 31650 wording: 所有食品动物, 家禽, 鸡 …).
 *
 * @example
 * import { Schema } from "effect"
 * import { Species } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(Species)({ id: "鸡", name: "鸡", parent: "家禽" })
 *
 * @since 0.1.0
 * @category models
 */
export const Species = Schema.Struct({
  ...Named,
  parent: Schema.optional(Schema.NullOr(Schema.String)),
  /** how the species (group) name written as a product is read: its edible tissue (鱼 → 皮+肉, 虾 → 肌肉) */
  asProduct: Schema.optional(SpeciesAsProduct)
}).annotations({ identifier: "Species" })
/** @since 0.1.0 @category models */
export type Species = typeof Species.Type

/**
 * An animal tissue (GB 31650 target tissues: 肌肉, 脂肪, 肝, 肾, 奶, 蛋, 皮+肉 …).
 *
 * @example
 * import { Schema } from "effect"
 * import { Tissue } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(Tissue)({ id: "肌肉", name: "肌肉" })
 *
 * @since 0.1.0
 * @category models
 */
export const Tissue = Schema.Struct({ ...Named, parent: Schema.optional(Schema.NullOr(Schema.String)) }).annotations({ identifier: "Tissue" })
/** @since 0.1.0 @category models */
export type Tissue = typeof Tissue.Type

/**
 * A product of animal origin as species + tissue: 鸡蛋 = 鸡 / 蛋, 猪肉 = 猪 / 肌肉.
 *
 * @example
 * import { Schema } from "effect"
 * import { AnimalProduct } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(AnimalProduct)({ id: "鸡蛋", name: "鸡蛋", species: "鸡", tissue: "蛋" })
 *
 * @since 0.1.0
 * @category models
 */
export const AnimalProduct = Schema.Struct({
  ...Named,
  species: Schema.NonEmptyTrimmedString,
  tissue: Schema.NonEmptyTrimmedString
}).annotations({ identifier: "AnimalProduct" })
/** @since 0.1.0 @category models */
export type AnimalProduct = typeof AnimalProduct.Type

/**
 * Where GB 2763 files an animal product among its animal-origin food categories (禽肉类, 蛋类,
 * 生乳 …): species (or species group) + tissue → category node. Pesticide limits set on those
 * categories apply to the animal products they cover.
 *
 * @example
 * import { Schema } from "effect"
 * import { AnimalCategory } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(AnimalCategory)({ species: "家禽", tissue: "蛋", category: "蛋类" })
 *
 * @since 0.1.0
 * @category models
 */
export const AnimalCategory = Schema.Struct({
  species: Schema.NonEmptyTrimmedString,
  tissue: Schema.NonEmptyTrimmedString,
  category: Schema.NonEmptyTrimmedString,
  ...Provenance
}).annotations({ identifier: "AnimalCategory" })
/** @since 0.1.0 @category models */
export type AnimalCategory = typeof AnimalCategory.Type

/**
 * A declared set of species that a limit row can name when the species tree cannot hold the
 * grouping (one parent per species): GB 2762's 肉食性鱼类 (carnivorous fish) cuts across 海水鱼 /
 * 淡水鱼. A species belongs to the set when it, or a species group above it, is a member. An `open`
 * set is an example list (例如 … 等): species not listed are not members until a source names them.
 *
 * @example
 * import { Schema } from "effect"
 * import { SpeciesSet } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(SpeciesSet)({ id: "肉食性鱼类", name: "肉食性鱼类", members: ["金枪鱼（物种）"], open: true })
 *
 * @since 0.2.0
 * @category models
 */
export const SpeciesSet = Schema.Struct({
  id: Schema.NonEmptyTrimmedString,
  name: Schema.NonEmptyTrimmedString,
  members: Schema.Array(Schema.NonEmptyTrimmedString),
  /** the source lists examples only (例如 … 等) */
  open: Schema.optional(Schema.Boolean),
  ...Provenance
}).annotations({ identifier: "SpeciesSet" })
/** @since 0.2.0 @category models */
export type SpeciesSet = typeof SpeciesSet.Type

/**
 * The schema of a food-catalogue file (`rules/national/foods/*.json`).
 *
 * @example
 * import { Schema } from "effect"
 * import { CatalogueFile } from "@nongan/foods/FoodCatalogue"
 * Schema.decodeUnknownSync(CatalogueFile)({ kind: "food-catalogue", id: "x", nodes: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const CatalogueFile = Schema.Struct({
  kind: Schema.Literal("food-catalogue"),
  id: Schema.NonEmptyTrimmedString,
  title: Schema.optional(Schema.String),
  ...Provenance,
  nodes: Schema.Array(FoodNode),
  species: Schema.optional(Schema.Array(Species)),
  tissues: Schema.optional(Schema.Array(Tissue)),
  animalProducts: Schema.optional(Schema.Array(AnimalProduct)),
  animalCategories: Schema.optional(Schema.Array(AnimalCategory)),
  /** declared species sets that limit rows may name (GB 2762 肉食性鱼类) */
  speciesSets: Schema.optional(Schema.Array(SpeciesSet)),
  /** names as regulators write them: synonyms, varieties, crop names and ambiguous names, each cited */
  names: Schema.optional(Schema.Array(DeclaredName)),
  /** the words of the qualified-name grammar: qualifiers and places of origin that do not change the food */
  qualifiers: Schema.optional(Schema.Array(QualifierWord))
}).annotations({ identifier: "FoodCatalogueFile" })
/** @since 0.1.0 @category models */
export type CatalogueFile = typeof CatalogueFile.Type

/**
 * What a name resolves to: a plant-side node (with its category path, root first), or an animal
 * product as species + tissue (with the species path, root first).
 *
 * @example
 * import type { ResolvedFood } from "@nongan/foods/FoodCatalogue"
 * const r: ResolvedFood = { kind: "plant", id: "普通白菜", name: "普通白菜", path: ["蔬菜", "叶菜类蔬菜", "绿叶类", "普通白菜"] }
 *
 * @since 0.1.0
 * @category models
 */
export type ResolvedFood =
  | { readonly kind: "plant"; readonly id: string; readonly name: string; readonly path: ReadonlyArray<string> }
  | {
      readonly kind: "animal"
      readonly id: string
      readonly name: string
      readonly species: string
      readonly tissue: string
      readonly speciesPath: ReadonlyArray<string>
      /** the GB 2763 animal-origin category path (e.g. 动物源性食品 › 蛋类), when one covers the product */
      readonly categoryPath?: ReadonlyArray<string> | undefined
    }

/**
 * A local market name a regional pack declares (上海青 → 普通白菜), keyed by its normalised form
 * (`QualifiedName.normalise`): the catalogue id it reads as, the pack it comes from (the `source`
 * of the `local` step) and an optional note.
 *
 * @example
 * import type { LocalName } from "@nongan/foods/FoodCatalogue"
 * const l: LocalName = { target: "普通白菜", source: "cn-500154-2022" }
 *
 * @since 0.4.0
 * @category models
 */
export interface LocalName {
  readonly target: string
  readonly source: string
  readonly note?: string | undefined
}

type Entry =
  | { readonly type: "node"; readonly value: FoodNode }
  | { readonly type: "species"; readonly value: Species }
  | { readonly type: "tissue"; readonly value: Tissue }
  | { readonly type: "product"; readonly value: AnimalProduct }

/**
 * An indexed food catalogue: exact resolution of names and aliases, category paths, membership.
 * Build one with {@link fromFiles}.
 *
 * @example
 * import { fromFiles } from "@nongan/foods/FoodCatalogue"
 * const r = fromFiles([{ kind: "food-catalogue", id: "demo", nodes: [
 *   { id: "蔬菜", name: "蔬菜", kind: "category" },
 *   { id: "普通白菜", name: "普通白菜", parent: "蔬菜", kind: "food", aliases: ["小白菜"] }] }])
 * if (r.ok) r.value.resolve("小白菜") // { ok: true, value: { kind: "plant", id: "普通白菜", … } }
 * // names as written go through `read`, which records every step (qualifiers, brackets, synonyms …):
 * if (r.ok) r.value.read("小白菜") // { ok: true, value: { food: { id: "普通白菜", … }, reading: { read: "普通白菜", steps: [{ kind: "synonym", … }] } } }
 *
 * @since 0.1.0
 * @category models
 */
export class FoodCatalogue {
  /** @internal */
  readonly byId = new Map<string, Entry>()
  /** @internal */
  readonly byName = new Map<string, Entry>()
  /** @internal */
  readonly pathCache = new Map<string, ReadonlyArray<string>>()
  /** @internal */
  readonly animalCategories: Array<AnimalCategory> = []
  /** @internal */
  readonly declared = new Map<string, DeclaredName>()
  /** @internal */
  readonly words: Array<QualifierWord> = []
  /** @internal */
  readonly sets = new Map<string, SpeciesSet>()
  /** @internal */
  constructor() {}

  /** Every plant-side node. */
  nodes(): ReadonlyArray<FoodNode> {
    return [...this.byId.values()].flatMap((e) => (e.type === "node" ? [e.value] : []))
  }
  /** Every species. */
  species(): ReadonlyArray<Species> {
    return [...this.byId.values()].flatMap((e) => (e.type === "species" ? [e.value] : []))
  }
  /** Every tissue. */
  tissues(): ReadonlyArray<Tissue> {
    return [...this.byId.values()].flatMap((e) => (e.type === "tissue" ? [e.value] : []))
  }
  /** Every animal product. */
  products(): ReadonlyArray<AnimalProduct> {
    return [...this.byId.values()].flatMap((e) => (e.type === "product" ? [e.value] : []))
  }
  /** Every name and alias the catalogue resolves. */
  names(): ReadonlyArray<string> {
    return [...this.byName.keys()]
  }
  /** Every declared name (synonyms, varieties, crop names, ambiguous names) that {@link read} reads. */
  declaredNames(): ReadonlyArray<DeclaredName> {
    return [...this.declared.values()]
  }
  /** Every declared qualifier and origin word of the qualified-name grammar. */
  qualifierWords(): ReadonlyArray<QualifierWord> {
    return this.words
  }

  /** Every declared species set (GB 2762 肉食性鱼类 …). */
  speciesSets(): ReadonlyArray<SpeciesSet> {
    return [...this.sets.values()]
  }
  /** A declared species set by id. */
  speciesSet(id: string): SpeciesSet | undefined {
    return this.sets.get(id)
  }
  /**
   * Whether a species lies in a declared species set: the species itself or a group above it is a
   * member. Unknown sets and unknown species are not members.
   *
   * @example
   * // with the national catalogue: inSpeciesSet("肉食性鱼类", "金枪鱼（物种）") === true,
   * // inSpeciesSet("肉食性鱼类", "草鱼（物种）") === false (the list is open: not named, not a member)
   */
  inSpeciesSet(setId: string, species: string): boolean {
    const set = this.sets.get(setId)
    if (!set) return false
    const path = this.pathOf(species)
    return set.members.some((m) => path.includes(m))
  }

  /** Whether an id is a plant-side node. */
  hasNode(id: string): boolean {
    return this.byId.get(id)?.type === "node"
  }
  /** Whether an id is a species. */
  hasSpecies(id: string): boolean {
    return this.byId.get(id)?.type === "species"
  }
  /** Whether an id is a tissue. */
  hasTissue(id: string): boolean {
    return this.byId.get(id)?.type === "tissue"
  }

  /**
   * The path of a node or species from the root to itself (ids).
   * Unknown ids give an empty path.
   */
  pathOf(id: string): ReadonlyArray<string> {
    const cached = this.pathCache.get(id)
    if (cached) return cached
    const out: Array<string> = []
    let cur: string | null | undefined = id
    const seen = new Set<string>()
    while (cur && !seen.has(cur)) {
      seen.add(cur)
      const e = this.byId.get(cur)
      if (!e || e.type === "product") break
      out.unshift(cur)
      cur = e.value.parent
    }
    this.pathCache.set(id, out)
    return out
  }

  /** Whether `id` is `ancestor` or lies below it (plant nodes, species or tissues). */
  isWithin(id: string, ancestor: string): boolean {
    return this.pathOf(id).includes(ancestor)
  }

  /**
   * Resolves a name exactly through declared names and aliases. An unknown name is an
   * `unknown-food` error that lists the nearest known names; nothing is guessed.
   */
  resolve(name: string): Result<ResolvedFood, NonganError> {
    const e = this.byName.get(name.trim())
    if (!e) return fail(make("unknown-food", [], { name, nearest: nearest(name, this.byName.keys(), 5) }))
    switch (e.type) {
      case "node":
        return ok({ kind: "plant", id: e.value.id, name: e.value.name, path: this.pathOf(e.value.id) })
      case "product": {
        const speciesPath = this.pathOf(e.value.species)
        const category = this.animalCategoryOf(speciesPath, e.value.tissue)
        return ok({
          kind: "animal",
          id: e.value.id,
          name: e.value.name,
          species: e.value.species,
          tissue: e.value.tissue,
          speciesPath,
          ...(category ? { categoryPath: this.pathOf(category) } : {})
        })
      }
      case "species":
      case "tissue":
        return fail(make("not-an-animal-product", [], { name }))
    }
  }

  /** The GB 2763 animal-origin category of a species path and tissue: the most specific species that has one. */
  animalCategoryOf(speciesPath: ReadonlyArray<string>, tissue: string): string | undefined {
    for (let k = speciesPath.length - 1; k >= 0; k--) {
      const m = this.animalCategories.find((c) => c.species === speciesPath[k] && c.tissue === tissue)
      if (m) return m.category
    }
    return undefined
  }

  /**
   * The food an entry id stands for: a plant node, an animal product, or a species (group) that
   * declares how it is read as a product (`asProduct`: 虾 → 虾 × 肌肉). Anything else is undefined.
   */
  foodOf(id: string): ResolvedFood | undefined {
    const e = this.byId.get(id)
    if (!e) return undefined
    if (e.type === "node" || e.type === "product") {
      const r = this.resolve(e.value.id)
      return r.ok ? r.value : undefined
    }
    if (e.type === "species" && e.value.asProduct) {
      const speciesPath = this.pathOf(e.value.id)
      const tissue = e.value.asProduct.tissue
      const category = this.animalCategoryOf(speciesPath, tissue)
      return {
        kind: "animal",
        id: e.value.id,
        name: e.value.name,
        species: e.value.id,
        tissue,
        speciesPath,
        ...(category ? { categoryPath: this.pathOf(category) } : {})
      }
    }
    return undefined
  }

  /** How two food ids relate: the same, the first (or second) more specific on one path, or unrelated. */
  relate(a: string, b: string): Relation {
    if (a === b) return "same"
    const fa = this.foodOf(a)
    const fb = this.foodOf(b)
    if (!fa || !fb) return "unrelated"
    if (fa.kind === "plant" && fb.kind === "plant") {
      if (fa.path.includes(fb.id)) return "first"
      if (fb.path.includes(fa.id)) return "second"
      return "unrelated"
    }
    if (fa.kind === "animal" && fb.kind === "animal" && fa.tissue === fb.tissue) {
      if (fa.species === fb.species) return "same"
      if (fa.speciesPath.includes(fb.species)) return "first"
      if (fb.speciesPath.includes(fa.species)) return "second"
    }
    return "unrelated"
  }

  /** The exact look-up the qualified-name grammar builds on (names, aliases, declared names). */
  lookup(name: string): Lookup | undefined {
    const asGroup = (s: Species): ReadonlyArray<NameStep> =>
      s.asProduct
        ? [
            {
              kind: "group",
              from: s.id,
              to: s.id,
              source: sourceOf(s.asProduct.citation, "nongan species catalogue"),
              note: `the species group ${s.id} written as a product: read as its declared edible tissue ${s.asProduct.tissue}`
            }
          ]
        : []
    const e = this.byName.get(name)
    if (e) {
      const alias: ReadonlyArray<NameStep> =
        name === e.value.id || name === e.value.name
          ? []
          : [{ kind: "synonym", from: name, to: e.value.id, source: sourceOf(e.value.citation, "nongan food catalogue"), note: `alias declared on the catalogue entry ${e.value.id}` }]
      if (e.type === "node" || e.type === "product") return { type: "food", id: e.value.id, steps: alias }
      if (e.type === "species" && e.value.asProduct) return { type: "food", id: e.value.id, steps: [...alias, ...asGroup(e.value)] }
      return { type: "not-product" }
    }
    const d = this.declared.get(name)
    if (!d) return undefined
    if (d.kind === "ambiguous" || d.target === undefined) return { type: "ambiguous", candidates: d.candidates ?? [] }
    const t = this.byId.get(d.target)
    const step: NameStep = {
      kind: d.kind === "variety" ? "variety" : "synonym",
      from: name,
      to: d.target,
      source: sourceOf(d.citation, "nongan declared names"),
      ...(d.kind === "crop" ? { note: `crop name: ${name} is read as the food it yields, ${d.target}` } : d.note ? { note: d.note } : {})
    }
    return { type: "food", id: d.target, steps: t?.type === "species" ? [step, ...asGroup(t.value)] : [step] }
  }

  /**
   * Reads a name as regulators and laboratories write it, through declared data only:
   * normalisation, the declared qualifier and origin grammar, brackets, `/` alternatives,
   * synonyms, varieties and crop names (see `QualifiedName.readName` for the order). Every step is
   * recorded in the reading. A name that would need a guess is refused: `unknown-food` with the
   * nearest names, or `ambiguous-name` with the entries it may mean.
   *
   * With `local` (a region's local market names, keyed by normalised name), a name the national
   * data does not read is read again with the local names as extra aliases (a `local` step whose
   * `source` is the pack); a local name may also settle a nationally ambiguous name. A name the
   * national data reads is read exactly as without `local`.
   */
  read(written: string, local?: ReadonlyMap<string, LocalName>): Result<{ readonly food: ResolvedFood; readonly reading: NameReading }, NonganError> {
    const isFood = (id: string): boolean => {
      const e = this.byId.get(id)
      return e?.type !== "node" || e.value.kind === "food"
    }
    const national = (n: string) => this.lookup(n)
    let r = readName({ lookup: national, words: this.words, relate: (a, b) => this.relate(a, b), isFood }, written)
    // national first: a local name is only an extra alias, read when the national catalogue reads nothing
    if (!r.ok && local !== undefined && local.size > 0) {
      const withLocal = (n: string): Lookup | undefined => {
        // a national entry stands; a name the national data holds ambiguous (青椒: 辣椒 / 甜椒) may be
        // settled by a region (composition checks the target is one of its candidates)
        const hit = national(n)
        if (hit && hit.type !== "ambiguous") return hit
        const l = local.get(normalise(n))
        if (!l) return hit
        const t = this.lookup(l.target)
        if (t?.type !== "food") return undefined
        const step: NameStep = { kind: "local", from: n, to: t.id, source: l.source, ...(l.note ? { note: l.note } : {}) }
        return { type: "food", id: t.id, steps: [step, ...t.steps] }
      }
      const lr = readName({ lookup: withLocal, words: this.words, relate: (a, b) => this.relate(a, b), isFood }, written)
      if (lr.ok || r.reason === "unknown") r = lr
    }
    if (r.ok) {
      const food = this.foodOf(r.id)
      if (food) return ok({ food, reading: { written, read: r.id, steps: r.steps } })
      return fail(make("not-an-animal-product", [], { name: written }))
    }
    switch (r.reason) {
      case "ambiguous":
        return fail(make("ambiguous-name", [], { name: written, candidates: r.candidates }))
      case "not-product":
        return fail(make("not-an-animal-product", [], { name: written }))
      case "unknown":
        return fail(make("unknown-food", [], { name: written, nearest: nearest(normalise(written), [...this.byName.keys(), ...this.declared.keys(), ...(local?.keys() ?? [])], 5) }))
    }
  }
  /** Resolves a species name (or alias) to its id. */
  resolveSpecies(name: string): Result<string, NonganError> {
    const e = this.byName.get(name.trim())
    if (e?.type === "species") return ok(e.value.id)
    if (e?.type === "product") return ok(e.value.species)
    const known = this.species().flatMap((s) => [s.id, ...(s.aliases ?? [])])
    return fail(make("unknown-species", [], { name, nearest: nearest(name, known, 5) }))
  }

  /** Resolves a tissue name (or alias) to its id. */
  resolveTissue(name: string): Result<string, NonganError> {
    const e = this.byName.get(name.trim())
    if (e?.type === "tissue") return ok(e.value.id)
    const known = this.tissues().flatMap((s) => [s.id, ...(s.aliases ?? [])])
    return fail(make("unknown-tissue", [], { name, nearest: nearest(name, known, 5) }))
  }
}

const decodeFile = decoder(CatalogueFile)

/**
 * Builds a catalogue from one or more decoded-or-raw catalogue files. Fails on schema errors,
 * duplicate ids, names or aliases that would resolve to two entries, unknown parents, and cycles.
 *
 * @example
 * import { fromFiles } from "@nongan/foods/FoodCatalogue"
 * fromFiles([{ kind: "food-catalogue", id: "empty", nodes: [] }]).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (files: ReadonlyArray<unknown>): Result<FoodCatalogue, NonganError> => {
  const cat = new FoodCatalogue()
  const errors: Array<NonganError> = []
  const entries: Array<[Entry, Array<string | number>]> = []
  const categories: Array<[AnimalCategory, Array<string | number>]> = []
  const declared: Array<[DeclaredName, Array<string | number>]> = []
  const words: Array<[QualifierWord, Array<string | number>]> = []
  const sets: Array<[SpeciesSet, Array<string | number>]> = []
  files.forEach((raw, i) => {
    const r = decodeFile(raw, [i])
    if (!r.ok) return void errors.push(...r.errors)
    const f = r.value
    f.nodes.forEach((v, j) => entries.push([{ type: "node", value: v }, [i, "nodes", j]]))
    f.species?.forEach((v, j) => entries.push([{ type: "species", value: v }, [i, "species", j]]))
    f.tissues?.forEach((v, j) => entries.push([{ type: "tissue", value: v }, [i, "tissues", j]]))
    f.animalProducts?.forEach((v, j) => entries.push([{ type: "product", value: v }, [i, "animalProducts", j]]))
    f.animalCategories?.forEach((v, j) => categories.push([v, [i, "animalCategories", j]]))
    f.names?.forEach((v, j) => declared.push([v, [i, "names", j]]))
    f.qualifiers?.forEach((v, j) => words.push([v, [i, "qualifiers", j]]))
    f.speciesSets?.forEach((v, j) => sets.push([v, [i, "speciesSets", j]]))
  })
  for (const [e, path] of entries) {
    if (cat.byId.has(e.value.id)) errors.push(make("pack-duplicate", [...path, "id"], { name: e.value.id }))
    else cat.byId.set(e.value.id, e)
  }
  for (const [e, path] of entries) {
    for (const n of new Set([e.value.id, e.value.name, ...(e.value.aliases ?? [])])) {
      const prev = cat.byName.get(n)
      if (prev && prev.value.id !== e.value.id) {
        errors.push(make("ambiguous-name", path, { name: n, candidates: [prev.value.id, e.value.id] }))
      } else cat.byName.set(n, e)
    }
    if (e.type !== "product") {
      const parent = e.value.parent
      if (parent && cat.byId.get(parent)?.type !== e.type)
        errors.push(make("pack-unknown-reference", [...path, "parent"], { name: parent }))
      if (e.type === "species" && e.value.asProduct && cat.byId.get(e.value.asProduct.tissue)?.type !== "tissue")
        errors.push(make("pack-unknown-reference", [...path, "asProduct", "tissue"], { name: e.value.asProduct.tissue }))
    } else {
      if (cat.byId.get(e.value.species)?.type !== "species")
        errors.push(make("pack-unknown-reference", [...path, "species"], { name: e.value.species }))
      if (cat.byId.get(e.value.tissue)?.type !== "tissue")
        errors.push(make("pack-unknown-reference", [...path, "tissue"], { name: e.value.tissue }))
    }
  }
  for (const [c, path] of categories) {
    if (cat.byId.get(c.species)?.type !== "species") errors.push(make("pack-unknown-reference", [...path, "species"], { name: c.species }))
    if (cat.byId.get(c.tissue)?.type !== "tissue") errors.push(make("pack-unknown-reference", [...path, "tissue"], { name: c.tissue }))
    if (cat.byId.get(c.category)?.type !== "node") errors.push(make("pack-unknown-reference", [...path, "category"], { name: c.category }))
    cat.animalCategories.push(c)
  }
  for (const [set, path] of sets) {
    // a set id is a name a limit row writes: it must not also name a catalogue entry
    if (cat.byId.has(set.id) || cat.byName.has(set.id)) errors.push(make("ambiguous-name", [...path, "id"], { name: set.id, candidates: [set.id, "species set"] }))
    else if (cat.sets.has(set.id)) errors.push(make("pack-duplicate", [...path, "id"], { name: set.id }))
    else cat.sets.set(set.id, set)
    set.members.forEach((m, k) => {
      if (cat.byId.get(m)?.type !== "species") errors.push(make("pack-unknown-reference", [...path, "members", k], { name: m }))
    })
  }
  checkDeclared(cat, declared, words, errors)
  for (const [e, path] of entries) {
    if (e.type === "product") continue
    const seen = new Set<string>()
    let cur: string | null | undefined = e.value.id
    while (cur) {
      if (seen.has(cur)) {
        errors.push(make("pack-cycle", path, { name: e.value.id }))
        break
      }
      seen.add(cur)
      const next: Entry | undefined = cat.byId.get(cur)
      cur = next && next.type !== "product" ? next.value.parent : undefined
    }
  }
  return errors.length > 0 ? fail(...errors) : ok(cat)
}

/** Checks and indexes declared names and qualifier words (every name once, every target known). */
const checkDeclared = (
  cat: FoodCatalogue,
  declared: ReadonlyArray<[DeclaredName, Array<string | number>]>,
  words: ReadonlyArray<[QualifierWord, Array<string | number>]>,
  errors: Array<NonganError>
): void => {
  const isFood = (id: string): boolean => {
    const e = cat.byId.get(id)
    return e !== undefined && (e.type === "node" || e.type === "product" || (e.type === "species" && e.value.asProduct !== undefined))
  }
  for (const [d, path] of declared) {
    const prev = cat.byName.get(d.name)
    if (prev) errors.push(make("ambiguous-name", [...path, "name"], { name: d.name, candidates: [prev.value.id, d.target ?? d.kind] }))
    else if (cat.declared.has(d.name)) errors.push(make("pack-duplicate", [...path, "name"], { name: d.name }))
    else cat.declared.set(d.name, d)
    if (d.kind === "ambiguous") {
      if ((d.candidates ?? []).length < 2) errors.push(make("invalid-value", [...path, "candidates"], { expected: ["two or more catalogue ids"] }))
      for (const c of d.candidates ?? []) if (!isFood(c)) errors.push(make("pack-unknown-reference", [...path, "candidates"], { name: c }))
    } else if (d.target === undefined || !isFood(d.target)) errors.push(make("pack-unknown-reference", [...path, "target"], { name: d.target ?? "" }))
  }
  for (const [w, path] of words) {
    if (cat.byName.has(w.word) || cat.declared.has(w.word)) errors.push(make("ambiguous-name", [...path, "word"], { name: w.word, candidates: [w.kind, "food name"] }))
    else if (cat.words.some((x) => x.word === w.word)) errors.push(make("pack-duplicate", [...path, "word"], { name: w.word }))
    else cat.words.push(w)
  }
}
