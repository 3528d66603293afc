/**
 * Writes the national-table bundle (`rules/dist/national.bundle.json`, read by
 * `@nongan/sdk/Validator.loadDataset`): every national file decoded through its schema, keyed by
 * the sha-256 of the source files and the shape of the schemas, with the national content hash.
 * Derived, never hand-kept, and checked before it is written: loading from it must give exactly
 * (structurally, `same-value.ts`) the dataset the sources give, and its national hash must be
 * `Compose.nationalRef`'s. Run by `pnpm build` (the rules package's build).
 *
 *   node --conditions=@nongan/source --import tsx scripts/build-rules-bundle.ts [rulesDir]
 *   … --check   # exit 1 unless the bundle on disk fits the sources and loads the same dataset
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { nationalRef } from "@nongan/engine/Compose"
import { bundleFits, fromBundle, fromFiles, toBundle } from "@nongan/engine/Dataset"
import { asciiJson, bundlePath, parseSources, readBundle, readSources, rulesDir } from "@nongan/sdk/Files"
import { firstDifference } from "./same-value"

const args = process.argv.slice(2)
const check = args.includes("--check")
const dir = args.find((a) => !a.startsWith("--")) ?? rulesDir()
const say = (s: string) => process.stderr.write(`[rules-bundle] ${s}\n`)
const die = (s: string): never => {
  say(s)
  process.exit(1)
}

const sources = readSources(join(dir, "national"), dir)
if (!sources.ok) die(`the national files do not read: ${JSON.stringify(sources.errors.slice(0, 3))}`)
const src = sources.ok ? sources.value : die("")
const parsed = parseSources(src.files)
const files = parsed.ok ? parsed.value : die(`the national files do not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`)
const full = fromFiles(files)
if (!full.ok) die(`the national tables do not load (run pnpm rules:check): ${JSON.stringify(full.errors.slice(0, 3))}`)

/** Whether a bundle text, read back as the loader reads it, gives the sources' dataset and hash. */
const verify = (text: string): string | undefined => {
  const nl = text.indexOf("\n")
  const header: unknown = JSON.parse(text.slice(0, nl))
  if (!bundleFits(header, src.digest)) return "the header does not fit the sources"
  if (header.nationalHash !== nationalRef(files, "").hash) return "the national hash differs from Compose.nationalRef"
  const d = fromBundle(header, JSON.parse(text.slice(nl + 1)), src.digest)
  if (!d?.ok) return "the bundle does not load"
  return firstDifference(d.value, full.ok ? full.value : undefined, "dataset")
}

const path = bundlePath(dir)
if (check) {
  const b = readBundle(dir)
  if (!b) die(`no bundle at ${path}: run pnpm build`)
  const why = verify(readFileSync(path, "latin1"))
  if (why) die(`${path} is stale or wrong (${why}): run pnpm build`)
  say(`${path} fits the sources and loads the same dataset`)
} else {
  const b = toBundle(files, src.digest)
  if (!b.ok) die(`no bundle: ${JSON.stringify(b.errors.slice(0, 3))}`)
  const bundle = b.ok ? b.value : die("")
  const text = `${asciiJson(bundle.header)}\n${asciiJson(bundle.files)}\n`
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, text, "latin1")
  // read back as the loader reads it
  const why = verify(readFileSync(tmp, "latin1"))
  if (why) {
    rmSync(tmp, { force: true })
    die(`the bundle would not load the sources' dataset (${why}); not written`)
  }
  renameSync(tmp, path)
  say(`wrote ${path.replace(`${process.cwd()}/`, "")} (${files.length} files, ${(text.length / 1e6).toFixed(1)} M chars, sources ${src.digest.slice(0, 12)})`)
}
