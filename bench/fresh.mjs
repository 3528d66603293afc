// Whether the workspace's build is fresh: every package's dist at least as new as its src.
// Shared by `pnpm bench` (bench/start.mjs) and `pnpm nongan` (bench/nongan.mjs).
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"

export const root = join(import.meta.dirname, "..")
const packages = join(root, "packages")

/** The newest modification time under a directory (0 when it does not exist). */
export const newest = (dir) => {
  if (!existsSync(dir)) return 0
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** The packages whose dist is missing or older than their src. */
export const stale = () =>
  readdirSync(packages).filter((name) => {
    const src = join(packages, name, "src")
    if (!existsSync(src)) return false
    const dist = join(packages, name, "dist")
    return !existsSync(dist) || newest(dist) < newest(src)
  })

/** The newest modification time of any package's sources. */
export const newestSource = () => Math.max(0, ...readdirSync(packages).map((name) => newest(join(packages, name, "src"))))
