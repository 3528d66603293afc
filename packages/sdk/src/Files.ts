import { readdirSync, readFileSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, relative } from "node:path"
import type { DataFile } from "@nongan/engine/Dataset"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"

/**
 * The directory of the bundled rule data (the `@nongan/rules` package: `national/`, `regions/`).
 *
 * @example
 * import { rulesDir } from "@nongan/sdk/Files"
 * rulesDir().endsWith("rules") // true in the workspace
 *
 * @since 0.1.0
 * @category constructors
 */
export const rulesDir = (): string => dirname(createRequire(import.meta.url).resolve("@nongan/rules/package.json"))

const walk = (dir: string): Array<string> =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name)
      return statSync(p).isDirectory() ? walk(p) : name.endsWith(".json") ? [p] : []
    })

/**
 * Reads every `*.json` file below a directory as data (parsed with `JSON.parse`; nothing is
 * executed). Paths in the result are relative to `base`. An unreadable or invalid file is an
 * error naming it; the others are still read.
 *
 * @example
 * import { readDataDir, rulesDir } from "@nongan/sdk/Files"
 * import { join } from "node:path"
 * const r = readDataDir(join(rulesDir(), "national"), rulesDir())
 * if (r.ok) r.value.length > 0 // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const readDataDir = (dir: string, base: string = dir): Result<ReadonlyArray<DataFile>, NonganError> => {
  const files: Array<DataFile> = []
  const errors: Array<NonganError> = []
  let paths: Array<string>
  try {
    paths = walk(dir)
  } catch (e) {
    return fail(make("io", [dir], { detail: (e as NodeJS.ErrnoException).code ?? "error" }))
  }
  for (const p of paths) {
    const rel = relative(base, p)
    try {
      files.push({ path: rel, json: JSON.parse(readFileSync(p, "utf8")) })
    } catch (e) {
      errors.push(make(e instanceof SyntaxError ? "invalid-json" : "io", [rel], { detail: e instanceof SyntaxError ? e.message : "read" }))
    }
  }
  return errors.length > 0 ? fail(...errors) : ok(files)
}
