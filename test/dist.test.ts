/**
 * The published builds: every package's ESM and CJS entry loads and exposes its modules, and the
 * built `nongan` binary judges a record. Needs `pnpm build` first: CI builds, so there a missing
 * build fails; elsewhere the suite is skipped, visibly.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { describe, expect, test } from "vitest"

const root = join(import.meta.dirname, "..")
const packages = readdirSync(join(root, "packages"))
const built = packages.every((p) => existsSync(join(root, "packages", p, "dist", "index.js")))
const ci = process.env.CI === "true" || process.env.CI === "1"

if (!built && ci) test("the packages are built before the dist tests run (pnpm build)", () => expect(built).toBe(true))

describe.skipIf(!built)("built packages (ESM + CJS + types)", () => {
  // a plain node process, without the workspace's source condition, like a published user
  const keys = (file: string, how: "import" | "require"): Array<string> => {
    const code =
      how === "import"
        ? `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`
        : `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(file)})).sort()))`
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } })
    if (r.status !== 0) throw new Error(r.stderr)
    return JSON.parse(r.stdout) as Array<string>
  }
  for (const p of packages) {
    test(`@nongan/${p}: ESM and CJS entries export the same modules, with type declarations`, () => {
      const dir = join(root, "packages", p, "dist")
      const esm = keys(join(dir, "index.js"), "import")
      expect(keys(join(dir, "index.cjs"), "require")).toEqual(esm)
      expect(esm.length).toBeGreaterThan(0)
      expect(existsSync(join(dir, "index.d.ts"))).toBe(true)
      expect(existsSync(join(dir, "index.d.cts"))).toBe(true)
    })
  }
  test("the built binary judges a record from standard input", () => {
    const rec = { id: "D1", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] }
    for (const bin of ["bin.js", "bin.cjs"]) {
      const r = spawnSync(process.execPath, [join(root, "packages", "cli", "dist", bin), "check", "-", "--format", "jsonl"], {
        input: `${JSON.stringify(rec)}\n`,
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "" }
      })
      expect(r.status).toBe(0)
      expect(JSON.parse(r.stdout).verdict).toBe("non-compliant")
    }
  }, 30_000)
  test("the installed binary (bundle/nongan.mjs, one file) answers exactly as dist/bin.js", () => {
    const records = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").split("\n").slice(0, 400).join("\n")
    const run = (bin: string, args: ReadonlyArray<string>, input?: string) =>
      spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" }, maxBuffer: 64 * 1024 * 1024 })
    const bundle = join(root, "packages", "cli", "bundle", "nongan.mjs")
    const dist = join(root, "packages", "cli", "dist", "bin.js")
    for (const args of [["check", "-", "--format", "jsonl"], ["check", "-", "--format", "table", "--lang", "en"], ["limit", "克百威", "豇豆", "--on", "2026-06-15", "--format", "json"], ["status", "氟虫腈", "--food", "水稻", "--on", "2026-06-15"]]) {
      const a = run(bundle, args, records)
      const b = run(dist, args, records)
      expect(a.status, a.stderr).toBe(b.status)
      expect(a.stdout).toBe(b.stdout)
      expect(a.stderr).toBe(b.stderr)
      expect(a.stdout.length).toBeGreaterThan(10)
    }
  }, 60_000)
})
