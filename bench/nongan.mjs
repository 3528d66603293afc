// `pnpm nongan …` in the workspace: runs the installed binary — packages/cli/bundle/nongan.mjs,
// the CLI bundled into one file by `pnpm build` — when it is at least as new as every package's
// sources (else packages/cli/dist/bin.js when every dist is fresh), so real work never pays tsx's
// start-up; otherwise says how to build and runs from the sources through tsx.
// NONGAN_FROM_SOURCE=1 forces the sources (for a session editing them). It also says when the
// national-table bundle (rules/dist/national.bundle.json) is missing or older than the tables.
import { spawnSync } from "node:child_process"
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { newest, newestSource, root, stale } from "./fresh.mjs"

const packages = join(root, "packages")
const args = process.argv.slice(2)
const fromSource = process.env.NONGAN_FROM_SOURCE === "1"
const behind = fromSource ? ["(NONGAN_FROM_SOURCE=1)"] : stale()
const bundled = join(packages, "cli", "bundle", "nongan.mjs")
const dist = join(packages, "cli", "dist", "bin.js")
const bin = !fromSource && existsSync(bundled) && statSync(bundled).mtimeMs >= newestSource() ? bundled : behind.length === 0 && existsSync(dist) ? dist : undefined
// the national-table bundle (rules/dist, written by `pnpm build`): without one that fits the
// tables, every run decodes them (correct, only slower; the loader checks the bundle's sha-256)
const tables = join(root, "rules", "dist", "national.bundle.json")
if (!existsSync(tables) || statSync(tables).mtimeMs < newest(join(root, "rules", "national")))
  process.stderr.write("nongan: the national-table bundle is missing or older than rules/national; `pnpm build` writes it (start-up decodes the tables meanwhile).\n")
if (bin !== undefined) {
  process.argv = [process.argv[0], bin, ...args]
  await import(pathToFileURL(bin).href)
} else {
  if (!fromSource)
    process.stderr.write(
      `nongan: the built CLI is missing or older than the sources (${behind.join(", ") || "cli bundle"}); build it with \`pnpm build\` ` +
        "for a fast start-up. Running from the sources through tsx meanwhile.\n"
    )
  const r = spawnSync(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", join(packages, "cli", "src", "bin.ts"), ...args], { stdio: "inherit" })
  process.exitCode = r.status ?? 1
}
