/**
 * Where the workers of `nongan check --jobs N` load their code from: the one-file bundle itself
 * (`bundle/nongan.mjs`, started with a marker in `workerData`; see `packages/cli/bundle.mjs`), or
 * `CheckWorker.js` / `.cjs` next to the built module (`dist`), or the TypeScript source through
 * tsx (the workspace, tests). Undefined when the worker's code is not there (a bundle made some
 * other way): `check` then judges in-process.
 *
 * @since 0.2.0
 */
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, extname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { PoolTarget } from "./Pool"

/** Set to true by `bundle.mjs` (esbuild `define`): this module is inside bundle/nongan.mjs. */
declare const __NONGAN_BUNDLE__: boolean | undefined

/**
 * The `workerData` key that tells the bundle it was started as a check worker.
 *
 * @example
 * import { WORKER_MARK } from "@nongan/cli/CheckTarget"
 * WORKER_MARK // "nonganCheckWorker"
 *
 * @since 0.2.0
 * @category models
 */
export const WORKER_MARK = "nonganCheckWorker"

/**
 * The worker's code for this build, or undefined when it cannot be found.
 *
 * @example
 * import { workerTarget } from "@nongan/cli/CheckTarget"
 * typeof workerTarget() // "object" (in the workspace)
 *
 * @since 0.2.0
 * @category constructors
 */
export const workerTarget = (): PoolTarget | undefined => {
  if (typeof __NONGAN_BUNDLE__ !== "undefined" && __NONGAN_BUNDLE__) return { url: new URL(import.meta.url) }
  let here: string
  try {
    here = fileURLToPath(import.meta.url)
  } catch {
    return undefined
  }
  const ext = extname(here)
  const file = join(dirname(here), `CheckWorker${ext === ".ts" || ext === ".cjs" ? ext : ".js"}`)
  if (!existsSync(file)) return undefined
  if (ext === ".cjs") return { url: `require(${JSON.stringify(file)}).startCheckWorker()`, eval: true }
  if (ext !== ".ts") return { url: `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => m.startCheckWorker())`, eval: true }
  // the sources (the workspace, vitest): TypeScript through tsx, @nongan/* from their sources
  let tsx: string
  try {
    tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href
  } catch {
    return undefined
  }
  return {
    url: `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(pathToFileURL(file).href)}) }).then((m) => m.startCheckWorker())`,
    eval: true,
    execArgv: ["--conditions=@nongan/source"]
  }
}
