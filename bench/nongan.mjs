// `pnpm nongan …` in the workspace: runs the built CLI (packages/cli/dist/bin.js, which loads the
// other packages' dist) when every package's build is at least as new as its sources, so real work
// never pays tsx's start-up; otherwise says how to build and runs from the sources through tsx.
// NONGAN_FROM_SOURCE=1 forces the sources (for a session editing them). It also says when the
// national-table bundle (rules/dist/national.bundle.json) is missing or older than the tables.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

const root = join(import.meta.dirname, "..")
const packages = join(root, "packages")

/** The newest modification time under a directory (0 when it does not exist). */
const newest = (dir) => {
  if (!existsSync(dir)) return 0
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** The packages whose dist is missing or older than their src. */
const stale = () =>
  readdirSync(packages).filter((name) => {
    const src = join(packages, name, "src")
    if (!existsSync(src)) return false
    const dist = join(packages, name, "dist")
    return !existsSync(dist) || newest(dist) < newest(src)
  })

const args = process.argv.slice(2)
const bin = join(packages, "cli", "dist", "bin.js")
const behind = process.env.NONGAN_FROM_SOURCE === "1" ? ["(NONGAN_FROM_SOURCE=1)"] : stale()
// the national-table bundle (rules/dist, written by `pnpm build`): without one that fits the
// tables, every run decodes them (correct, only slower; the loader checks the bundle's sha-256)
const bundle = join(root, "rules", "dist", "national.bundle.json")
if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(root, "rules", "national")))
  process.stderr.write("nongan: the national-table bundle is missing or older than rules/national; `pnpm build` writes it (start-up decodes the tables meanwhile).\n")
if (behind.length === 0 && existsSync(bin)) {
  process.argv = [process.argv[0], bin, ...args]
  await import(pathToFileURL(bin).href)
} else {
  if (process.env.NONGAN_FROM_SOURCE !== "1")
    process.stderr.write(
      `nongan: the built CLI is missing or older than the sources (${behind.join(", ")}); build it with \`pnpm build\` ` +
        "for a fast start-up. Running from the sources through tsx meanwhile.\n"
    )
  const r = spawnSync(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", join(packages, "cli", "src", "bin.ts"), ...args], { stdio: "inherit" })
  process.exitCode = r.status ?? 1
}
