import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, relative, sep } from "node:path"
import { type BundleFile, type BundleHeader, type DataFile, sourcesDigest } from "@nongan/engine/Dataset"
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

// paths in results are written with `/` on every platform, so that hashes over them agree
const relativePath = (base: string, p: string): string => (sep === "/" ? relative(base, p) : relative(base, p).split(sep).join("/"))

/** Calls `f` with each `*.json` file below `dir` (path order; its path relative to `base`), or gives the error of a directory that cannot be walked. */
const eachFile = (dir: string, base: string, f: (rel: string, path: string) => void): NonganError | undefined => {
  let paths: Array<string>
  try {
    paths = walk(dir)
  } catch (e) {
    return make("io", [dir], { detail: (e as NodeJS.ErrnoException).code ?? "error" })
  }
  for (const p of paths) f(relativePath(base, p), p)
  return undefined
}

/**
 * A data file as stored: its path (relative, with `/`) and its bytes, unparsed.
 *
 * @since 0.4.0
 * @category models
 */
export interface SourceFile {
  readonly path: string
  readonly bytes: Buffer
}

/**
 * Reads the bytes of every `*.json` file below a directory (path order), and their digest
 * (`Dataset.sourcesDigest`: what keys the national-table bundle). An unreadable file is an error
 * naming it; the others are still read.
 *
 * @example
 * import { readSources, rulesDir } from "@nongan/sdk/Files"
 * import { join } from "node:path"
 * const r = readSources(join(rulesDir(), "national"), rulesDir())
 * if (r.ok) r.value.digest.length // 64
 *
 * @since 0.4.0
 * @category constructors
 */
export const readSources = (
  dir: string,
  base: string = dir
): Result<{ readonly files: ReadonlyArray<SourceFile>; readonly digest: string }, NonganError> => {
  const files: Array<SourceFile> = []
  const errors: Array<NonganError> = []
  const unwalkable = eachFile(dir, base, (rel, p) => {
    try {
      files.push({ path: rel, bytes: readFileSync(p) })
    } catch {
      errors.push(make("io", [rel], { detail: "read" }))
    }
  })
  if (unwalkable) return fail(unwalkable)
  return errors.length > 0 ? fail(...errors) : ok({ files, digest: sourcesDigest(files) })
}

/**
 * Parses source files as data (`JSON.parse` of their UTF-8; nothing is executed). An invalid
 * file is an error naming it; the others are still parsed.
 *
 * @example
 * import { parseSources } from "@nongan/sdk/Files"
 * parseSources([{ path: "a.json", bytes: Buffer.from("{}") }]).ok // true
 *
 * @since 0.4.0
 * @category constructors
 */
export const parseSources = (sources: ReadonlyArray<SourceFile>): Result<ReadonlyArray<DataFile>, NonganError> => {
  const files: Array<DataFile> = []
  const errors: Array<NonganError> = []
  for (const s of sources) {
    try {
      files.push({ path: s.path, json: JSON.parse(s.bytes.toString("utf8")) })
    } catch (e) {
      errors.push(make(e instanceof SyntaxError ? "invalid-json" : "io", [s.path], { detail: e instanceof SyntaxError ? e.message : "read" }))
    }
  }
  return errors.length > 0 ? fail(...errors) : ok(files)
}

/**
 * Reads every `*.json` file below a directory as data (parsed with `JSON.parse`; nothing is
 * executed). Paths in the result are relative to `base`, written with `/`. An unreadable or
 * invalid file is an error naming it; the others are still read.
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
  const unwalkable = eachFile(dir, base, (rel, p) => {
    try {
      files.push({ path: rel, json: JSON.parse(readFileSync(p, "utf8")) })
    } catch (e) {
      errors.push(make(e instanceof SyntaxError ? "invalid-json" : "io", [rel], { detail: e instanceof SyntaxError ? e.message : "read" }))
    }
  })
  if (unwalkable) return fail(unwalkable)
  return errors.length > 0 ? fail(...errors) : ok(files)
}

/**
 * JSON with every character beyond ASCII written as a `\u` escape: the bundle's encoding, which
 * reads back with no UTF-8 decoding (see {@link readBundle}).
 *
 * @example
 * import { asciiJson } from "@nongan/sdk/Files"
 * asciiJson({ a: "农" }) // '{"a":"\\u519c"}'
 *
 * @since 0.4.0
 * @category constructors
 */
export const asciiJson = (u: unknown): string =>
  JSON.stringify(u).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/**
 * Where the national-table bundle of a rules directory is kept: `dist/national.bundle.json`
 * (written by `pnpm build`, see scripts/build-rules-bundle.ts; never committed, never hand-kept).
 *
 * @example
 * import { bundlePath } from "@nongan/sdk/Files"
 * bundlePath("/r") // "/r/dist/national.bundle.json"
 *
 * @since 0.4.0
 * @category constructors
 */
export const bundlePath = (dir: string): string => join(dir, "dist", "national.bundle.json")

/**
 * The bundle file's two lines: its header (small, read alone when only the national hash is
 * wanted) and its files (parsed only when asked). `undefined` when there is none or it is not
 * readable as such; nothing in it is trusted before `Dataset.bundleFits` says it fits the sources.
 *
 * @example
 * import { readBundle } from "@nongan/sdk/Files"
 * readBundle("/nowhere") // undefined
 *
 * @since 0.4.0
 * @category constructors
 */
export const readBundle = (dir: string): { readonly header: BundleHeader | unknown; readonly files: () => unknown } | undefined => {
  const p = bundlePath(dir)
  try {
    if (!existsSync(p)) return undefined
    // the bundle is ASCII (every other character written as a \u escape): read without UTF-8 decoding
    const text = readFileSync(p, "latin1")
    const nl = text.indexOf("\n")
    if (nl < 0) return undefined
    const header: unknown = JSON.parse(text.slice(0, nl))
    return { header, files: () => JSON.parse(text.slice(nl + 1)) as ReadonlyArray<BundleFile> }
  } catch {
    return undefined
  }
}

/**
 * Only the header of the bundle (its first line), without reading the files it holds.
 *
 * @example
 * import { readBundleHeader } from "@nongan/sdk/Files"
 * readBundleHeader("/nowhere") // undefined
 *
 * @since 0.4.0
 * @category constructors
 */
export const readBundleHeader = (dir: string): unknown => {
  let fd: number | undefined
  try {
    fd = openSync(bundlePath(dir), "r")
    const buf = Buffer.alloc(16 * 1024)
    const n = readSync(fd, buf, 0, buf.length, 0)
    const nl = buf.subarray(0, n).indexOf(10)
    return nl < 0 ? undefined : (JSON.parse(buf.subarray(0, nl).toString("latin1")) as unknown)
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
