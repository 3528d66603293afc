import { readdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, type Result } from "@nongan/core/Result"
import { type CaseTable, fromFiles } from "./CaseTable"

/**
 * The directory of the bundled national case table (`rules/cases/national` in `@nongan/rules`).
 *
 * @example
 * import { casesDir } from "@nongan/cases/Load"
 * casesDir().endsWith("national") // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const casesDir = (): string => join(dirname(createRequire(import.meta.url).resolve("@nongan/rules/package.json")), "cases", "national")

/**
 * Reads and decodes the case table from a directory of JSON files (default: the bundled one).
 * Nothing in the files is executed.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * loadTable().ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadTable = (dir: string = casesDir()): Result<CaseTable, NonganError> => {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => ({ path: f, json: JSON.parse(readFileSync(join(dir, f), "utf8")) as unknown }))
    return fromFiles(files)
  } catch (e) {
    return fail(make(e instanceof SyntaxError ? "invalid-json" : "io", [dir], { detail: e instanceof Error ? e.message : "read" }))
  }
}
