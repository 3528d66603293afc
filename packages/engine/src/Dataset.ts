import { decoder, trustDecoded } from "@nongan/core/Decode"
import { Decimal, unsafeMake as decimal } from "@nongan/core/Decimal"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { CatalogueFile as FoodCatalogueFile, type FoodCatalogue, fromFiles as foodsFromFiles } from "@nongan/foods/FoodCatalogue"
import { type LimitIndex, fromTables } from "@nongan/residues/LimitIndex"
import { LimitTableFile } from "@nongan/residues/LimitTable"
import type { Tables } from "@nongan/residues/Judge"
import { type ExemptIndex, ExemptListFile, fromFiles as exemptFromFiles } from "@nongan/residues/ExemptList"
import { DecisionThresholdFile, fromFiles as thresholdsFromFiles, type ThresholdIndex } from "@nongan/residues/DecisionThreshold"
import { fromFiles as statusFromFiles, StatusFile, type StatusIndex } from "@nongan/substances/Status"
import { CatalogueFile as SubstanceCatalogueFile, fromFiles as substancesFromFiles, type SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"
import { fromFiles as intervalsFromFiles, type IntervalIndex } from "@nongan/intervals/IntervalIndex"
import { PhiFile } from "@nongan/intervals/PhiTable"
import { WithdrawalFile } from "@nongan/intervals/WithdrawalTable"
import { Option, type Schema, SchemaAST } from "effect"
import { contentHash, sha256 } from "./Hash"
import { fromFiles as keyVarietiesFromFiles, KeyVarietyFile } from "./KeyVarieties"

/**
 * A data file as read from `rules/`: where it came from and its parsed JSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface DataFile {
  readonly path: string
  readonly json: unknown
}

/**
 * Every national table, decoded, checked and indexed: foods, substances, statuses, limits and
 * intervals. This is what judgements read.
 *
 * @since 0.1.0
 * @category models
 */
export interface Dataset extends Tables {
  readonly foods: FoodCatalogue
  readonly substances: SubstanceCatalogue
  readonly statuses: StatusIndex
  readonly limits: LimitIndex
  readonly intervals: IntervalIndex
  /** MRL-exempt lists (GB 31650-2019 表2): read on the no-row branch of a judgement */
  readonly exempt: ExemptIndex
  /** programme decision thresholds (not MRLs): applied only when a programme is selected */
  readonly thresholds: ThresholdIndex
  readonly keyVarieties: ReadonlyArray<KeyVarietyFile>
  readonly files: ReadonlyArray<string>
}

const KINDS = ["food-catalogue", "substance-catalogue", "status-list", "limit-table", "withdrawal-table", "phi-table", "key-variety-list",
  "mrl-exempt-list", "decision-threshold-table",
  // read by @nongan/sampling, not by the dataset
  "working-day-calendar", "sampling-check-list", "sampling-targets"] as const

/**
 * Builds the dataset from data files (in any order; each file says its `kind`). Errors carry the
 * file's path as the first path segment. Loading never runs code from a file.
 *
 * @example
 * import { fromFiles } from "@nongan/engine/Dataset"
 * fromFiles([]).ok // true: an empty dataset judges everything as "no limit"
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (files: ReadonlyArray<DataFile>): Result<Dataset, NonganError> => {
  const byKind = new Map<string, Array<DataFile>>()
  const errors: Array<NonganError> = []
  for (const f of files) {
    const kind = typeof f.json === "object" && f.json !== null ? (f.json as { kind?: unknown }).kind : undefined
    if (typeof kind !== "string" || !(KINDS as ReadonlyArray<string>).includes(kind)) {
      errors.push(make("invalid-value", [f.path, "kind"], { expected: [...KINDS] }))
      continue
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), f])
  }
  const lift = (group: ReadonlyArray<DataFile>) => (e: NonganError) => {
    const [first, ...rest] = e.path
    const file = typeof first === "number" ? group[first]?.path ?? String(first) : String(first ?? "")
    return prefix({ ...e, path: rest }, [file])
  }
  const take = (kind: string) => byKind.get(kind) ?? []
  const foodFiles = take("food-catalogue")
  const foods = foodsFromFiles(foodFiles.map((f) => f.json))
  if (!foods.ok) return fail(...errors, ...foods.errors.map(lift(foodFiles)))
  const subFiles = take("substance-catalogue")
  const substances = substancesFromFiles(subFiles.map((f) => f.json))
  if (!substances.ok) return fail(...errors, ...substances.errors.map(lift(subFiles)))
  const statusFiles = take("status-list")
  const statuses = statusFromFiles(statusFiles.map((f) => f.json), substances.value, {
    food: (id) => foods.value.hasNode(id),
    species: (id) => foods.value.hasSpecies(id)
  })
  if (!statuses.ok) errors.push(...statuses.errors.map(lift(statusFiles)))
  const limitFiles = take("limit-table")
  const limits = fromTables(limitFiles.map((f) => f.json), foods.value, substances.value)
  if (!limits.ok) errors.push(...limits.errors.map(lift(limitFiles)))
  const exemptFiles = take("mrl-exempt-list")
  const exempt = exemptFromFiles(exemptFiles.map((f) => f.json), foods.value, substances.value)
  if (!exempt.ok) errors.push(...exempt.errors.map(lift(exemptFiles)))
  const thresholdFiles = take("decision-threshold-table")
  const thresholds = thresholdsFromFiles(thresholdFiles.map((f) => f.json), foods.value, substances.value)
  if (!thresholds.ok) errors.push(...thresholds.errors.map(lift(thresholdFiles)))
  const intervalFiles = [...take("withdrawal-table"), ...take("phi-table")]
  const intervals = intervalsFromFiles(intervalFiles.map((f) => f.json), foods.value, substances.value)
  if (!intervals.ok) errors.push(...intervals.errors.map(lift(intervalFiles)))
  const kvFiles = take("key-variety-list")
  const keyVarieties = keyVarietiesFromFiles(kvFiles.map((f) => f.json), foods.value, substances.value)
  if (!keyVarieties.ok) errors.push(...keyVarieties.errors.map(lift(kvFiles)))
  if (errors.length > 0 || !statuses.ok || !limits.ok || !intervals.ok || !keyVarieties.ok || !exempt.ok || !thresholds.ok) return fail(...errors)
  return ok({
    foods: foods.value,
    substances: substances.value,
    statuses: statuses.value,
    limits: limits.value,
    intervals: intervals.value,
    exempt: exempt.value,
    thresholds: thresholds.value,
    keyVarieties: keyVarieties.value,
    files: files.map((f) => f.path)
  })
}

// ---------------------------------------------------------------------------------------------
// The national-table bundle: the decoded files, precomputed at build time (scripts/build-rules-
// bundle.ts, run by `pnpm build`), so that start-up reads one file instead of decoding thousands
// of rows through their schemas. Derived and checked, never hand-kept: keyed by the sha-256 of the
// source files and by the shape of the schemas; written only when loading from it gives exactly
// the dataset the sources give (checked by the build and by packages/engine/test/Bundle.test.ts);
// any mismatch and the loader decodes the sources as before.
// ---------------------------------------------------------------------------------------------

/**
 * The schema each file kind of the dataset is decoded with (the very objects the tables' own
 * `fromFiles` decode with: a bundled decoding is trusted only by the decoder of that schema).
 */
const SCHEMAS: Readonly<Record<string, Schema.Schema.Any>> = {
  "food-catalogue": FoodCatalogueFile,
  "substance-catalogue": SubstanceCatalogueFile,
  "status-list": StatusFile,
  "limit-table": LimitTableFile,
  "withdrawal-table": WithdrawalFile,
  "phi-table": PhiFile,
  "key-variety-list": KeyVarietyFile,
  "mrl-exempt-list": ExemptListFile,
  "decision-threshold-table": DecisionThresholdFile
}

/**
 * The version of the bundle format; bump it whenever what a bundle holds or how it is read changes.
 *
 * @since 0.4.0
 * @category models
 */
export const BUNDLE_FORMAT = 1

const annotation = (ast: SchemaAST.Annotated): string => {
  const id = SchemaAST.getIdentifierAnnotation(ast)
  const d = SchemaAST.getDescriptionAnnotation(ast)
  return `${Option.getOrElse(id, () => "")}/${Option.getOrElse(d, () => "")}`
}

/** The shape of a schema: every node, field, optionality, literal, refinement and transformation. */
const shape = (ast: SchemaAST.AST, seen: Set<SchemaAST.AST>): string => {
  switch (ast._tag) {
    case "Literal":
      return typeof ast.literal === "bigint" ? `${ast.literal}n` : JSON.stringify(ast.literal)
    case "TypeLiteral":
      return `{${ast.propertySignatures.map((p) => `${String(p.name)}${p.isOptional ? "?" : ""}${p.isReadonly ? "" : "!"}:${shape(p.type, seen)}`).join(",")}${ast.indexSignatures.map((i) => `[${shape(i.parameter, seen)}]:${shape(i.type, seen)}`).join(",")}}`
    case "TupleType":
      return `[${ast.elements.map((e) => `${shape(e.type, seen)}${e.isOptional ? "?" : ""}`).join(",")};${ast.rest.map((r) => shape(r.type, seen)).join(",")}]`
    case "Union":
      return `(${ast.types.map((t) => shape(t, seen)).join("|")})`
    case "Refinement":
      return `${shape(ast.from, seen)}&filter(${annotation(ast)})`
    case "Transformation":
      return `${shape(ast.from, seen)}->${shape(ast.to, seen)}:${ast.transformation._tag}(${annotation(ast)})`
    case "Declaration":
      return `decl(${annotation(ast)})<${ast.typeParameters.map((t) => shape(t, seen)).join(",")}>`
    case "Suspend": {
      if (seen.has(ast)) return "suspend"
      seen.add(ast)
      return `suspend(${shape(ast.f(), seen)})`
    }
    case "Enums":
      return `enums(${JSON.stringify(ast.enums)})`
    case "TemplateLiteral":
      return `template(${String(ast)})`
    default:
      return ast._tag
  }
}

/**
 * A fingerprint of the schemas the dataset's files are decoded with (their shape: fields,
 * optionality, literals, refinements and transformations by name) and of the bundle format. A
 * bundle made under other schemas is not used. A predicate changed in place is not seen here; the
 * test that compares a bundle with the sources is what catches that.
 *
 * @example
 * import { schemaFingerprint } from "@nongan/engine/Dataset"
 * schemaFingerprint().length // 64
 *
 * @since 0.4.0
 * @category constructors
 */
export const schemaFingerprint = (): string =>
  (fingerprint ??= sha256(
    [`format ${BUNDLE_FORMAT}`, ...Object.entries(SCHEMAS).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => `${k}=${shape(s.ast, new Set())}`)].join("\n")
  ))
let fingerprint: string | undefined

/**
 * What a bundle says about itself: its format, the schemas and the exact sources it was made from,
 * and the national content hash (`Compose.nationalRef`) of those sources.
 *
 * @since 0.4.0
 * @category models
 */
export interface BundleHeader {
  readonly format: number
  readonly fingerprint: string
  /** {@link sourcesDigest} of the source files */
  readonly sources: string
  /** the content hash of the national files (sorted by path), as `Compose.nationalRef` computes it */
  readonly nationalHash: string
  readonly files: number
}

/**
 * One file of a bundle: its decoding (as JSON, with the paths where a `Decimal` stood), or for a
 * kind the dataset does not decode, the file as read.
 *
 * @since 0.4.0
 * @category models
 */
export interface BundleFile {
  readonly path: string
  readonly decoded: boolean
  readonly json: unknown
  readonly decimals?: ReadonlyArray<ReadonlyArray<string | number>>
}

/**
 * A national-table bundle: the header and the files.
 *
 * @since 0.4.0
 * @category models
 */
export interface Bundle {
  readonly header: BundleHeader
  readonly files: ReadonlyArray<BundleFile>
}

/**
 * The digest that keys a bundle to its sources: the sha-256 over every source file, in the order
 * given (path order), of its path (with `/`), its byte length and its bytes, exactly as stored.
 *
 * @example
 * import { sourcesDigest } from "@nongan/engine/Dataset"
 * sourcesDigest([{ path: "a.json", bytes: new TextEncoder().encode("{}") }]).length // 64
 *
 * @since 0.4.0
 * @category constructors
 */
export const sourcesDigest = (files: ReadonlyArray<{ readonly path: string; readonly bytes: Uint8Array }>): string =>
  sha256(files.flatMap((f) => [`${f.path.replaceAll("\\", "/")}\u0000${f.bytes.byteLength}\u0000`, f.bytes]))

/**
 * The content hash of the national files, the one `Compose.nationalRef` puts in every report:
 * the canonical JSON of `[path, json]` pairs sorted by path.
 *
 * @example
 * import { nationalHash } from "@nongan/engine/Dataset"
 * nationalHash([]).length // 64
 *
 * @since 0.4.0
 * @category constructors
 */
export const nationalHash = (files: ReadonlyArray<DataFile>): string =>
  contentHash([...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.json]))

/** The decoding as JSON, with the paths of its decimals; `undefined` when it holds anything else. */
const encode = (value: unknown): { json: unknown; decimals: Array<Array<string | number>> } | undefined => {
  const decimals: Array<Array<string | number>> = []
  const path: Array<string | number> = []
  const walk = (u: unknown): boolean => {
    if (u === null || typeof u === "string" || typeof u === "boolean") return true
    if (typeof u === "number") return Number.isFinite(u) && !Object.is(u, -0)
    if (typeof u !== "object") return false
    if (u instanceof Decimal) {
      decimals.push([...path])
      return true
    }
    const proto = Object.getPrototypeOf(u)
    if (Array.isArray(u)) {
      if (proto !== Array.prototype) return false
      for (let i = 0; i < u.length; i++) {
        if (!(i in u)) return false
        path.push(i)
        const good = walk(u[i])
        path.pop()
        if (!good) return false
      }
      return true
    }
    if (proto !== Object.prototype || Object.getOwnPropertySymbols(u).length > 0) return false
    for (const [k, v] of Object.entries(u)) {
      // an own key holding undefined would be lost in JSON
      if (v === undefined) return false
      path.push(k)
      const good = walk(v)
      path.pop()
      if (!good) return false
    }
    return true
  }
  return walk(value) ? { json: JSON.parse(JSON.stringify(value)), decimals } : undefined
}

/**
 * Makes the bundle of a set of national files: each file of a kind the dataset reads decoded
 * through its schema (the full decoding), the others as read. Fails when the files do not load
 * as a dataset, or when a decoding holds a value JSON cannot carry (then no bundle can stand for
 * it). The caller must still check that {@link fromBundle} gives the same dataset before writing
 * it (scripts/build-rules-bundle.ts does).
 *
 * @example
 * import { toBundle } from "@nongan/engine/Dataset"
 * toBundle([], "0".repeat(64)).ok // true
 *
 * @since 0.4.0
 * @category constructors
 */
export const toBundle = (files: ReadonlyArray<DataFile>, sources: string): Result<Bundle, NonganError> => {
  const full = fromFiles(files)
  if (!full.ok) return full
  const out: Array<BundleFile> = []
  for (const f of files) {
    const kind = (f.json as { kind?: unknown }).kind
    const schema = typeof kind === "string" ? SCHEMAS[kind] : undefined
    if (!schema) {
      out.push({ path: f.path, decoded: false, json: f.json })
      continue
    }
    const d = decoder(schema as Schema.Schema<unknown, unknown, never>)(f.json, [f.path])
    if (!d.ok) return d
    const e = encode(d.value)
    if (!e) return fail(make("invalid-value", [f.path], { expected: ["a decoding of plain data and decimals"] }))
    out.push({ path: f.path, decoded: true, json: e.json, ...(e.decimals.length > 0 ? { decimals: e.decimals } : {}) })
  }
  return ok({ header: { format: BUNDLE_FORMAT, fingerprint: schemaFingerprint(), sources, nationalHash: nationalHash(files), files: out.length }, files: out })
}

/**
 * Whether a bundle header stands for these sources under these schemas (format, fingerprint and
 * sources digest all equal).
 *
 * @example
 * import { bundleFits } from "@nongan/engine/Dataset"
 * bundleFits({ format: 0 }, "x") // false
 *
 * @since 0.4.0
 * @category predicates
 */
export const bundleFits = (header: unknown, sources: string): header is BundleHeader => {
  if (typeof header !== "object" || header === null) return false
  const h = header as Partial<BundleHeader>
  return h.format === BUNDLE_FORMAT && h.sources === sources && h.fingerprint === schemaFingerprint() && typeof h.nationalHash === "string"
}

/**
 * The dataset from a bundle made from these sources, or `undefined` when the bundle does not fit
 * them (another format, other schemas, other sources) or is malformed; the caller then decodes
 * the sources. `files` is the bundle's file list as freshly parsed from JSON: it is revived in
 * place (its decimals) and handed to the tables as their decoding. The same checks as
 * {@link fromFiles} run on it (references, overlaps, indexes); only the schema decoding is taken
 * from the bundle, so a bundle must come from {@link toBundle} over these very sources (as
 * scripts/build-rules-bundle.ts writes it, after proving it loads the sources' dataset), never
 * from anywhere else. Never throws.
 *
 * @example
 * import { fromBundle } from "@nongan/engine/Dataset"
 * fromBundle({ format: 0 }, [], "x") // undefined
 *
 * @since 0.4.0
 * @category constructors
 */
export const fromBundle = (header: unknown, files: unknown, sources: string): Result<Dataset, NonganError> | undefined => {
  if (!bundleFits(header, sources) || !Array.isArray(files) || files.length !== header.files) return undefined
  const out: Array<DataFile> = []
  // one Decimal per distinct value (they are immutable; a table repeats a few hundred values thousands of times)
  const decimals = new Map<string, Decimal>()
  const revive = (s: string): Decimal => {
    let d = decimals.get(s)
    if (d === undefined) decimals.set(s, (d = decimal(s)))
    return d
  }
  try {
    for (const f of files as ReadonlyArray<BundleFile>) {
      if (typeof f !== "object" || f === null || typeof f.path !== "string" || typeof f.json !== "object" || f.json === null) return undefined
      if (f.decoded) {
        const schema = SCHEMAS[(f.json as { kind?: string }).kind ?? ""]
        if (!schema) return undefined
        for (const p of f.decimals ?? []) {
          if (p.length === 0) return undefined
          let at = f.json as Record<string | number, unknown>
          for (let i = 0; i < p.length - 1; i++) at = at[p[i]!] as Record<string | number, unknown>
          const k = p[p.length - 1]!
          const v = at[k]
          if (typeof v !== "string") return undefined
          at[k] = revive(v)
        }
        trustDecoded(f.json, schema)
      }
      out.push({ path: f.path, json: f.json })
    }
  } catch {
    return undefined
  }
  try {
    const d = fromFiles(out)
    return d.ok ? d : undefined
  } catch {
    // only a bundle not made by toBundle could get here: the sources decide
    return undefined
  }
}
