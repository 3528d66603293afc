import { join } from "node:path"
import { existsSync, readFileSync } from "node:fs"
import type { NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { PackRef } from "@nongan/core/Verdict"
import { compose, type Composition, nationalRef } from "@nongan/engine/Compose"
import { bundleFits, type Dataset } from "@nongan/engine/Dataset"
import type { RulePack } from "@nongan/engine/RulePack"
import type { RulePack as RulePackSchema } from "@nongan/engine/RulePack"
import type { Schema } from "effect"
import { parseSources, readBundleHeader, readDataDir, readSources, rulesDir } from "./Files"

/**
 * The version of the bundled rule data (the `@nongan/rules` package version).
 *
 * @example
 * import { dataVersion } from "@nongan/sdk/Packs"
 * typeof dataVersion() // "string"
 *
 * @since 0.1.0
 * @category constructors
 */
export const dataVersion = (dir: string = rulesDir()): string => {
  const p = join(dir, "package.json")
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as { version?: string }).version ?? "0" : "0"
}

/**
 * A rule pack written in TypeScript: the identity function with the pack's type, so that an
 * author gets completion and type errors; the pack is still validated at load like any JSON pack.
 *
 * @example
 * import { definePlugin } from "@nongan/sdk/Packs"
 * export default definePlugin({
 *   kind: "rule-pack", id: "cn-330100-demo", jurisdiction: "330100", name: "杭州市（示例）", version: "1.0.0",
 *   effective: { from: "2026-01-01" }, parent: "330000", source: { instrument: "示例文件" },
 *   customRules: [{ name: "tea-pesticide-watch", conditions: { all: [{ fact: "product", operator: "equal", value: "茶叶" }] },
 *     event: { type: "local.tea-watch", params: { severity: "info", message: "茶叶重点监测" } }, citation: { instrument: "示例文件" } }]
 * })
 *
 * @since 0.1.0
 * @category constructors
 */
export const definePlugin = <const P extends RulePackJson>(pack: P): P => pack

/**
 * A rule pack as written in JSON (or TypeScript): plain strings for dates, codes and decimals.
 *
 * @since 0.1.0
 * @category models
 */
export type RulePackJson = Schema.Schema.Encoded<typeof RulePackSchema>

/**
 * Reads every `regions/<code>/*.json` pack under a rules directory and composes them over the
 * national dataset (validation, references, only-tightens checks), adding any extra packs given
 * as objects.
 *
 * @example
 * import { loadRegionalPacks } from "@nongan/sdk/Packs"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) loadRegionalPacks(ds.value).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadComposition = (
  dataset: Dataset,
  options: { readonly rulesDir?: string | undefined; readonly packs?: ReadonlyArray<unknown> | undefined; readonly bundledPacks?: boolean } = {}
): Result<Composition, NonganError> => {
  const dir = options.rulesDir ?? rulesDir()
  const bundled = options.bundledPacks === false ? [] : readDataDir(join(dir, "regions"), dir)
  if (!Array.isArray(bundled) && !bundled.ok) return fail(...bundled.errors)
  const files = [...(Array.isArray(bundled) ? bundled : bundled.value), ...(options.packs ?? []).map((json, i) => ({ path: `packs[${i}]`, json }))]
  // the national reference of the files the dataset was loaded from, when it was loaded from this directory
  const known = origins.get(dataset)
  const national = known !== undefined && known.dir === dir ? ok(nationalRefOf(dir, known.hash)) : nationalPackRef(dir)
  if (!national.ok) return national
  return compose(dataset, national.value, files)
}

// dataset → the directory and national content hash it was loaded with (loadDataset, from a bundle)
const origins = new WeakMap<Dataset, { readonly dir: string; readonly hash: string }>()

/**
 * @internal Remembers the national content hash of the files a dataset was just loaded from
 * (`Validator.loadDataset`, when its bundle fits them), so that composing over it needs not read
 * them again.
 */
export const rememberNational = (dataset: Dataset, dir: string, digest: string, hash: string): void => {
  origins.set(dataset, { dir, hash })
  if (hashes.size >= 64) hashes.clear()
  hashes.set(digest, hash)
}

const nationalRefOf = (dir: string, hash: string): PackRef => ({ id: "cn-national", jurisdiction: "000000", version: dataVersion(dir), hash })

// sources digest → national content hash, for the directories this process has read
const hashes = new Map<string, string>()

/**
 * The national layer's reference for a rules directory, as `Compose.nationalRef` makes it from
 * the files (the content hash of their canonical JSON), read from the bundle's header when the
 * bundle was made from exactly these files (or remembered from an earlier call for the same
 * bytes), else computed from the files.
 */
const nationalPackRef = (dir: string): Result<PackRef, NonganError> => {
  const sources = readSources(join(dir, "national"), dir)
  if (!sources.ok) return sources
  const digest = sources.value.digest
  let hash = hashes.get(digest)
  if (hash === undefined) {
    const header = readBundleHeader(dir)
    if (bundleFits(header, digest)) hash = header.nationalHash
    else {
      const files = parseSources(sources.value.files)
      if (!files.ok) return files
      hash = nationalRef(files.value, "").hash
    }
    if (hashes.size >= 64) hashes.clear()
    hashes.set(digest, hash)
  }
  return ok(nationalRefOf(dir, hash))
}

/**
 * The composed regional packs, as a list of their decoded packs (for listings and checks).
 *
 * @example
 * import { loadRegionalPacks } from "@nongan/sdk/Packs"
 * import { loadDataset } from "@nongan/sdk/Validator"
 * const ds = loadDataset()
 * if (ds.ok) { const p = loadRegionalPacks(ds.value); if (p.ok) p.value.length >= 3 }
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadRegionalPacks = (dataset: Dataset, dir?: string): Result<ReadonlyArray<RulePack>, NonganError> => {
  const c = loadComposition(dataset, { rulesDir: dir })
  if (!c.ok) return c
  return { ok: true, value: [...c.value.layers.values()].flat().map((l) => l.pack) }
}
