/**
 * Builds the browser page into `examples/web/dist/`: `app.js` (ESM, esbuild, from the library's
 * TypeScript sources), `index.html`, and `rules.json` (the national tables and regional packs as
 * the page fetches them). The bundle holds no Node built-in: `node:crypto` (used by the engine
 * for pack hashes) is replaced by a pure-JS sha-256, and the build fails if any other `node:`
 * module is reached from the page.
 *
 *   node --conditions=@nongan/source --import tsx examples/web/build.ts
 *   pnpm --filter @nongan/server web
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { CSV_COLUMNS } from "@nongan/cli/Input"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"
import { dataVersion } from "@nongan/sdk/Packs"

const here = import.meta.dirname
const root = join(here, "..", "..")

/**
 * The rule data the page fetches (`dist/rules.json`): every national and regional file with its
 * path relative to `rules/`, and the data version — what `createBrowserValidator` takes.
 *
 * @example
 * import { ruleData } from "./build"
 * ruleData().national.length > 0 // true
 */
export const ruleData = () => {
  const dir = rulesDir()
  const national = readDataDir(join(dir, "national"), dir)
  const regions = readDataDir(join(dir, "regions"), dir)
  if (!national.ok || !regions.ok) throw new Error("rule data does not read")
  return { version: dataVersion(dir), national: national.value, regions: regions.value }
}

// the little of esbuild's API used here (esbuild is a dev dependency of @nongan/server)
interface Resolve {
  readonly path: string
  readonly importer: string
}
interface PluginBuild {
  onResolve(o: { filter: RegExp }, f: (a: Resolve) => object | undefined): void
  onLoad(o: { filter: RegExp; namespace: string }, f: () => object): void
}
interface Esbuild {
  build(o: Record<string, unknown>): Promise<{ metafile?: { outputs: Record<string, unknown>; inputs: Record<string, unknown> } }>
}

/**
 * Builds the page into a folder (default `examples/web/dist`) and returns what went in and out.
 *
 * @example
 * import { build } from "./build"
 * const { out } = await build() // then serve `out` statically
 */
export const build = async (out = join(here, "dist")) => {
  const esbuild = createRequire(join(root, "packages", "server", "package.json"))("esbuild") as Esbuild
  mkdirSync(out, { recursive: true })
  const result = await esbuild.build({
    entryPoints: [join(here, "src", "app.ts")],
    bundle: true,
    format: "esm",
    splitting: true,
    platform: "browser",
    target: "es2022",
    outdir: out,
    minify: true,
    sourcemap: true,
    conditions: ["@nongan/source", "browser"],
    nodePaths: [join(root, "packages", "server", "node_modules")],
    alias: { "@nongan/server": join(root, "packages", "server", "src") },
    metafile: true,
    logLevel: "warning",
    plugins: [
      {
        name: "no-node-builtins",
        setup(b: PluginBuild) {
          b.onResolve({ filter: /^node:crypto$/ }, () => ({ path: join(here, "src", "sha256.ts") }))
          // the CLI's column names, as data (the CLI's Input module itself reads files)
          b.onResolve({ filter: /^nongan:csv-columns$/ }, (a) => ({ path: a.path, namespace: "nongan" }))
          b.onLoad({ filter: /.*/, namespace: "nongan" }, () => ({ contents: `export const CSV_COLUMNS = ${JSON.stringify(CSV_COLUMNS)}`, loader: "js" }))
          b.onResolve({ filter: /^node:/ }, (a) => ({ errors: [{ text: `${a.path} reached from ${a.importer}: no Node built-in on the browser path` }] }))
        }
      }
    ]
  })
  copyFileSync(join(here, "index.html"), join(out, "index.html"))
  writeFileSync(join(out, "rules.json"), JSON.stringify(ruleData()))
  return { out, outputs: Object.keys(result.metafile!.outputs), inputs: Object.keys(result.metafile!.inputs) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await build()
  process.stderr.write(`built ${r.outputs.length} files into ${r.out}\n`)
}
