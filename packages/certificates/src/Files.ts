import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { createRequire } from "node:module"
import { overlaps } from "@nongan/core/EffectivePeriod"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { type CoverageDefinition, decodeCoverageDefinitions } from "./Coverage"
import { applyLayers, type CertificateLayer, decode as decodeLayer } from "./Layer"
import { type CertificateRules, decode, inRegion } from "./Rules"

/**
 * The bundled `rules/certificates` directory (beside `rules/national`).
 *
 * @example
 * import { certificatesDir } from "@nongan/certificates/Files"
 * certificatesDir().endsWith("certificates") // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const certificatesDir = (rulesDir?: string): string => {
  if (rulesDir !== undefined) return join(rulesDir, "certificates")
  return join(dirname(createRequire(import.meta.url).resolve("@nongan/rules/package.json")), "certificates")
}

const readJson = (path: string): Result<unknown, NonganError> => {
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, "utf8")) }
  } catch (e) {
    return fail(make(existsSync(path) ? "invalid-json" : "io", [path], { detail: (e as Error).message.slice(0, 80) }))
  }
}

/**
 * Loads and decodes `national/certificate-rules.json` from a certificates directory; errors carry
 * the file path.
 *
 * @example
 * import { loadRules } from "@nongan/certificates/Files"
 * const r = loadRules()
 * if (r.ok) r.value.regimes.length // 4
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadRules = (dir: string = certificatesDir()): Result<CertificateRules, NonganError> => {
  const path = join(dir, "national", "certificate-rules.json")
  const j = readJson(path)
  if (!j.ok) return j
  return decode(j.value, ["national/certificate-rules.json"])
}

/**
 * Reads a JSON file of a certificates directory (regional layers, coverage definitions).
 *
 * @example
 * import { readRulesFile } from "@nongan/certificates/Files"
 * readRulesFile("no/such.json").ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const readRulesFile = (path: string): Result<unknown, NonganError> => readJson(path)

/**
 * Everything under a certificates directory: the national rules, the regional layers
 * (`regions/*.json`) and the coverage definitions (national and those the layers add).
 *
 * @example
 * import { loadBundle } from "@nongan/certificates/Files"
 * const b = loadBundle()
 * if (b.ok) b.value.definitions.map((d) => d.id).includes("subject-coverage") // true
 *
 * @since 0.1.0
 * @category models
 */
export interface Bundle {
  readonly rules: CertificateRules
  readonly layers: ReadonlyArray<CertificateLayer>
  readonly definitions: ReadonlyArray<CoverageDefinition>
}

/**
 * Loads a certificates directory and proves its layers only tighten: each layer is applied over
 * every national regime it overlaps in time (outermost layers first); a loosening is a
 * `pack-loosens` error naming both layers.
 *
 * @example
 * import { loadBundle } from "@nongan/certificates/Files"
 * loadBundle("/no/such/dir").ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadBundle = (dir: string = certificatesDir()): Result<Bundle, NonganError> => {
  const rules = loadRules(dir)
  if (!rules.ok) return rules
  const errors: Array<NonganError> = []
  const layers: Array<CertificateLayer> = []
  const regionsDir = join(dir, "regions")
  const files = existsSync(regionsDir) ? readdirSync(regionsDir).filter((f) => f.endsWith(".json")).sort() : []
  for (const file of files) {
    const j = readJson(join(regionsDir, file))
    if (!j.ok) {
      errors.push(...j.errors)
      continue
    }
    const l = decodeLayer(j.value, [`regions/${file}`])
    if (l.ok) layers.push(l.value)
    else errors.push(...l.errors)
  }
  const defs = readJson(join(dir, "national", "coverage-definitions.json"))
  const definitions: Array<CoverageDefinition> = []
  if (defs.ok) {
    const d = decodeCoverageDefinitions(defs.value, ["national/coverage-definitions.json"])
    if (d.ok) definitions.push(...d.value.definitions)
    else errors.push(...d.errors)
  } else errors.push(...defs.errors)
  for (const l of layers) for (const d of l.coverageDefinitions ?? []) definitions.push({ ...d, layer: l.id })
  const ids = new Set<string>()
  for (const d of definitions) {
    if (ids.has(d.id)) errors.push(make("pack-duplicate", ["coverageDefinitions"], { name: d.id }))
    ids.add(d.id)
  }
  for (const l of layers) {
    const chain = layers
      .filter((x) => inRegion(l.jurisdiction, x.jurisdiction) && overlaps(x.effective, l.effective))
      .sort((a, b) => a.jurisdiction.replace(/0+$/, "").length - b.jurisdiction.replace(/0+$/, "").length)
    for (const r of rules.value.regimes.filter((r) => overlaps(r.effective, l.effective))) {
      const a = applyLayers(r, chain)
      if (!a.ok) errors.push(...a.errors)
    }
  }
  return errors.length > 0 ? fail(...errors) : ok({ rules: rules.value, layers, definitions })
}
