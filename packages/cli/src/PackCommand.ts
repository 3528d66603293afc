/**
 * `nongan pack check FILE…` (a linter a regulator can run without the workspace: schema,
 * references, region code, only-tightens against the layers above) and `nongan pack init
 * --region CODE` (a starting pack with its `$schema`).
 *
 * @since 0.1.0
 */
import { dirname, join, relative, resolve } from "node:path"
import { lineage } from "@nongan/core/Ids"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { checkRegion, regionName, regionPath } from "@nongan/core/Region"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { createValidator, type Validation, type Validator } from "@nongan/sdk/Validator"
import { readPackFile } from "./OwnPacks"

/**
 * The verdict of `pack check` on one file: the pack's head when it loads, or its errors (paths
 * start with the file name).
 *
 * @since 0.1.0
 * @category models
 */
export interface PackCheck {
  readonly file: string
  readonly ok: boolean
  /** records generated around the pack's limit rows and judged with and without its region */
  readonly laws?: { readonly records: number; readonly judgedByPack: number }
  readonly pack?: { readonly id: string; readonly jurisdiction: string; readonly regionName: string | undefined; readonly version: string; readonly contents: Readonly<Record<string, number>> }
  readonly errors: ReadonlyArray<NonganError>
}

const count = (json: Record<string, unknown>, k: string): number => (Array.isArray(json[k]) ? (json[k] as Array<unknown>).length : 0)

/**
 * Checks pack files: each is read, its jurisdiction and parent checked against GB/T 2260, and
 * all are composed together over the national tables and the bundled packs (schema,
 * references, overlap, only-tightens). Errors are given per file.
 *
 * @example
 * import { checkPacks } from "@nongan/cli/PackCommand"
 * checkPacks(["/no/such.json"])[0]!.ok // false
 *
 * @since 0.1.0
 * @category rules
 */
export const checkPacks = (files: ReadonlyArray<string>, rules?: string): ReadonlyArray<PackCheck> => {
  const read = files.map(readPackFile)
  const errors = new Map<string, Array<NonganError>>(files.map((f) => [f, []]))
  for (const r of read) {
    if (r.error) errors.get(r.file)!.push(r.error)
    else if (typeof r.json === "object" && r.json !== null) {
      const j = r.json as Record<string, unknown>
      if (typeof j.jurisdiction === "string" && /^\d{6}$/.test(j.jurisdiction)) {
        const c = checkRegion(j.jurisdiction, [r.file, "jurisdiction"])
        if (!c.ok) errors.get(r.file)!.push(...c.errors)
      }
      if (typeof j.parent === "string" && /^\d{6}$/.test(j.parent) && j.parent !== "000000") {
        const c = checkRegion(j.parent, [r.file, "parent"])
        if (!c.ok) errors.get(r.file)!.push(...c.errors)
      }
    }
  }
  const live = read.filter((r) => !r.error)
  // the bundled packs are the layers above (and beside); a checked file with a bundled pack's id replaces it
  const ids = new Set(live.map((r) => (r.json as { id?: unknown } | null)?.id))
  const dir = rules ?? rulesDir()
  const bundled = readDataDir(join(dir, "regions"), dir)
  const others = bundled.ok ? bundled.value.filter((f) => !ids.has((f.json as { id?: unknown } | null)?.id)).map((f) => f.json) : []
  const v = createValidator({ packs: [...live.map((r) => r.json), ...others], bundledPacks: false, ...(rules ? { rulesDir: rules } : {}) })

  if (!v.ok)
    for (const e of v.errors) {
      const m = /^packs\[(\d+)\]$/.exec(String(e.path[0] ?? ""))
      const file = m ? live[Number(m[1])]!.file : undefined
      if (file !== undefined) errors.get(file)!.push({ ...e, path: [file, ...e.path.slice(1)] })
      else for (const f of files) errors.get(f)!.push(e)
    }
  // the laws, on the packs that load (with the others that load)
  const laws = new Map<string, { records: number; judgedByPack: number }>()
  const good = live.filter((r) => (errors.get(r.file) ?? []).length === 0)
  const lv = v.ok ? v : good.length > 0 ? createValidator({ packs: [...good.map((r) => r.json), ...others], bundledPacks: false, ...(rules ? { rulesDir: rules } : {}) }) : undefined
  if (lv?.ok)
    for (const r of good) {
      const stats = lawCheck(lv.value, r.json as Record<string, unknown>, r.file)
      laws.set(r.file, stats.stats)
      errors.get(r.file)!.push(...stats.errors)
    }
  return read.map((r) => {
    const es = errors.get(r.file) ?? []
    const j = (typeof r.json === "object" && r.json !== null ? r.json : {}) as Record<string, unknown>
    return {
      file: r.file,
      ok: es.length === 0,
      ...(laws.has(r.file) ? { laws: laws.get(r.file)! } : {}),
      ...(es.length === 0 && !r.error
        ? {
            pack: {
              id: String(j.id),
              jurisdiction: String(j.jurisdiction),
              regionName: regionName(String(j.jurisdiction)),
              version: String(j.version),
              contents: Object.fromEntries(["limits", "bans", "intervals", "keyVarieties", "parameters", "customRules"].map((k) => [k, count(j, k)]))
            }
          }
        : {}),
      errors: es
    }
  })
}

const RANK: Readonly<Record<string, number>> = { compliant: 0, indeterminate: 1, "non-compliant": 2 }

/**
 * The published laws, run on records generated around a pack's limit rows (values at ½, 1 and
 * 2 × the pack's limit, on its first day, in its jurisdiction): validation never throws and is
 * deterministic, and a record judged with the region is never more compliant than the same
 * record with no region (layering only tightens). Errors are `pack-law` failures naming the row.
 *
 * @example
 * import { lawCheck } from "@nongan/cli/PackCommand"
 * typeof lawCheck // "function"
 *
 * @since 0.1.0
 * @category rules
 */
export const lawCheck = (
  v: Validator,
  pack: Readonly<Record<string, unknown>>,
  file: string
): { readonly stats: { records: number; judgedByPack: number }; readonly errors: ReadonlyArray<NonganError> } => {
  const errors: Array<NonganError> = []
  let records = 0
  let judgedByPack = 0
  const limits = Array.isArray(pack.limits) ? (pack.limits as ReadonlyArray<Record<string, unknown>>) : []
  const effective = (pack.effective ?? {}) as { from?: string }
  for (const [i, row] of limits.slice(0, 50).entries()) {
    if (typeof row.food !== "string" || typeof row.substance !== "string" || typeof row.limit !== "string") continue
    for (const factor of ["0.5", "1", "2"]) {
      const value = String(Number(row.limit) * Number(factor))
      const rec = { id: `law-${i}-${factor}`, kind: "inspection", sampledOn: effective.from, product: row.food, results: [{ substance: row.substance, value, unit: row.unit }] }
      records++
      let a: Validation, b: Validation, c: Validation
      try {
        a = v.validate({ ...rec, region: pack.jurisdiction })
        b = v.validate({ ...rec, region: pack.jurisdiction })
        c = v.validate(rec)
      } catch (e) {
        errors.push(make("pack-law", [file, "limits", i], { detail: `validation threw: ${(e as Error).message.slice(0, 60)}` }))
        continue
      }
      if (JSON.stringify(a) !== JSON.stringify(b)) errors.push(make("pack-law", [file, "limits", i], { detail: "not deterministic" }))
      if (a.ok && c.ok) {
        if ((RANK[a.report.verdict] ?? 0) < (RANK[c.report.verdict] ?? 0))
          errors.push(make("pack-law", [file, "limits", i], { detail: `${value} ${String(row.unit)}: ${a.report.verdict} with the region, ${c.report.verdict} without (layering must only tighten)` }))
        if (a.report.findings.some((f) => f.layer === pack.id)) judgedByPack++
      }
    }
  }
  return { stats: { records, judgedByPack }, errors }
}

/**
 * A starting pack for a region: its `$schema` (relative to where it will be written), the
 * region's name, its parent (the nearest level above that the list has), empty contents, and
 * `note`s telling what each part is for.
 *
 * @example
 * import { initPack } from "@nongan/cli/PackCommand"
 * const p = initPack("500154", "2026-01-01", process.cwd())
 * p.ok && p.value.jurisdiction // "500154"
 *
 * @since 0.1.0
 * @category constructors
 */
export const initPack = (region: string, from: string, dir: string): Result<Record<string, unknown>, NonganError> => {
  const c = checkRegion(region, ["--region"])
  if (!c.ok) return c
  if (region === "000000") return fail(make("invalid-region", ["--region"], { value: region }))
  const up = lineage(region).slice(0, -1).reverse()
  const parent = up.find((j) => j !== "000000" && regionName(j) !== undefined) ?? null
  const schema = relative(resolve(dir), join(rulesDir(), "schema", "rule-pack.schema.json")).split("\\").join("/")
  const name = regionPath(region).join("")
  return ok({
    $schema: schema,
    kind: "rule-pack",
    id: `cn-${region}-${from.slice(0, 4)}`,
    jurisdiction: region,
    name,
    version: `${from.slice(0, 4)}.1.0`,
    effective: { from },
    parent,
    source: {
      instrument: "《……》（发文机关 文号）",
      clause: "第…条",
      note: "TODO: the document this pack transcribes; every row below cites its own clause."
    },
    verification: "secondary",
    note:
      "Starting pack written by `nongan pack init`. A regional pack may only tighten the layers above it: " +
      "limits lower than the national (or parent) limit for the same substance and food, bans, longer intervals, " +
      "key varieties and custom rules. Check it with `nongan pack check FILE` and use it with `nongan check --pack FILE`. " +
      "Example limit row: {\"substance\":\"克百威\",\"food\":\"豇豆\",\"limit\":\"0.01\",\"unit\":\"mg/kg\",\"citation\":{\"instrument\":\"…\",\"clause\":\"…\"},\"verification\":\"official-text\"}.",
    keyVarieties: [],
    limits: [],
    bans: []
  })
}

/**
 * The default output directory of `pack init --output FILE`.
 *
 * @example
 * import { outputDir } from "@nongan/cli/PackCommand"
 * outputDir(undefined) === process.cwd() // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const outputDir = (file: string | undefined): string => (file === undefined ? process.cwd() : dirname(resolve(file)))
