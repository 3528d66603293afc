import { readdirSync, readFileSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { make, type NonganError, prefix } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { type CreditModel, type CreditPack, decodeModel, decodePack } from "./Model"

/**
 * The directory of the bundled credit data (`rules/credit` in `@nongan/rules`).
 *
 * @example
 * import { creditDir } from "@nongan/credit/Load"
 * creditDir().endsWith("credit") // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const creditDir = (): string => join(dirname(createRequire(import.meta.url).resolve("@nongan/rules/package.json")), "credit")

const readJson = (p: string): Result<unknown, NonganError> => {
  try {
    return ok(JSON.parse(readFileSync(p, "utf8")) as unknown)
  } catch (e) {
    return fail(make(e instanceof SyntaxError ? "invalid-json" : "io", [p], { detail: e instanceof Error ? e.message : "read" }))
  }
}

/**
 * Loads the national credit model: the neutral template (`national/template.json`) by default.
 *
 * @example
 * import { loadTemplate } from "@nongan/credit/Load"
 * loadTemplate().ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadTemplate = (file: string = join(creditDir(), "national", "template.json")): Result<CreditModel, NonganError> => {
  const j = readJson(file)
  if (!j.ok) return j
  const r = decodeModel(j.value)
  return r.ok ? r : fail(...r.errors.map((e) => prefix(e, [file])))
}

/**
 * Loads every regional credit pack below a directory (default: the bundled `regions/`).
 *
 * @example
 * import { loadPacks } from "@nongan/credit/Load"
 * const p = loadPacks()
 * if (p.ok) p.value.map((x) => x.jurisdiction) // ["140000", "330000"]
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadPacks = (dir: string = join(creditDir(), "regions")): Result<ReadonlyArray<CreditPack>, NonganError> => {
  const out: Array<CreditPack> = []
  const errors: Array<NonganError> = []
  let names: Array<string>
  try {
    names = readdirSync(dir).sort()
  } catch (e) {
    return fail(make("io", [dir], { detail: (e as NodeJS.ErrnoException).code ?? "read" }))
  }
  for (const n of names) {
    const p = join(dir, n)
    const file = statSync(p).isDirectory() ? join(p, "pack.json") : p.endsWith(".json") ? p : undefined
    if (file === undefined) continue
    const j = readJson(file)
    if (!j.ok) {
      errors.push(...j.errors)
      continue
    }
    const r = decodePack(j.value)
    if (r.ok) out.push(r.value)
    else errors.push(...r.errors.map((e) => prefix(e, [file])))
  }
  return errors.length > 0 ? fail(...errors) : ok(out)
}
