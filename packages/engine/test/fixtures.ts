// Shared fixtures for the composition and evaluation tests: the real national dataset and the
// bundled regional packs (read once per test file), and small builders for in-memory packs.
import { join } from "node:path"
import type { NonganError } from "@nongan/core/NonganError"
import { getOrThrow, type Result } from "@nongan/core/Result"
import type { PackRef } from "@nongan/core/Verdict"
import { type Composition, compose, nationalRef } from "@nongan/engine/Compose"
import { type DataFile, type Dataset, fromFiles } from "@nongan/engine/Dataset"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"

let nationalFiles: ReadonlyArray<DataFile> | undefined
let loaded: Dataset | undefined
let ref: PackRef | undefined
let regions: ReadonlyArray<DataFile> | undefined

/** The national dataset, built from `rules/national` once per test file. */
export const dataset = (): Dataset => {
  nationalFiles ??= getOrThrow(readDataDir(join(rulesDir(), "national"), rulesDir()))
  return (loaded ??= getOrThrow(fromFiles(nationalFiles)))
}

/** The national layer's reference (hash of every national file). */
export const national = (): PackRef => {
  dataset()
  return (ref ??= nationalRef(nationalFiles!, "test"))
}

/** The bundled regional packs under `rules/regions`, as files. */
export const bundled = (): ReadonlyArray<DataFile> => (regions ??= getOrThrow(readDataDir(join(rulesDir(), "regions"), rulesDir())))

/** The bundled pack of a jurisdiction, as JSON. */
export const bundledPack = (jurisdiction: string): Record<string, unknown> => {
  const f = bundled().find((p) => (p.json as { jurisdiction?: string }).jurisdiction === jurisdiction)
  if (!f) throw new Error(`no bundled pack for ${jurisdiction}`)
  return f.json as Record<string, unknown>
}

export const cite = { instrument: "测试文件" } as const

/** An in-memory rule pack. */
export const pack = (
  id: string,
  jurisdiction: string,
  parent: string | null,
  effective: { readonly from: string; readonly to?: string },
  more: Record<string, unknown> = {}
): Record<string, unknown> => ({
  kind: "rule-pack",
  id,
  jurisdiction,
  name: `测试 ${id}`,
  version: "1.0.0",
  effective,
  parent,
  source: cite,
  ...more
})

/** A plant-side limit row. */
export const limit = (substance: string, food: string, value: string, unit = "mg/kg", more: Record<string, unknown> = {}) => ({
  substance,
  food,
  limit: value,
  unit,
  citation: cite,
  verification: "official-text",
  ...more
})

/** A custom rule in a pack. */
export const customRule = (name: string, conditions: unknown, severity = "warning", more: Record<string, unknown> = {}) => ({
  name,
  conditions,
  event: { type: `local.${name}`, params: { severity } },
  citation: cite,
  ...more
})

/** Composes in-memory packs (named `packs[i]`), after the bundled ones when asked. */
export const composeWith = (packs: ReadonlyArray<unknown>, options: { readonly bundled?: boolean } = {}): Result<Composition, NonganError> =>
  compose(dataset(), national(), [...(options.bundled ? bundled() : []), ...packs.map((json, i) => ({ path: `packs[${i}]`, json }))])

/** The errors of a composition that must fail. */
export const errorsOf = (r: Result<Composition, NonganError>): ReadonlyArray<NonganError> => {
  if (r.ok) throw new Error("expected the composition to fail")
  return r.errors
}
