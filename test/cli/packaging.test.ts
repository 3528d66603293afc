/**
 * Packaging (issue 14 §6): the tarballs `pnpm pack` makes, installed with npm in a fresh project
 * outside the workspace, type-check under strict TypeScript with `node16` and with `bundler`
 * resolution and no `skipLibCheck`, and run as an ESM, a CommonJS and a TypeScript consumer, and
 * as the `nongan` binary. Needs `pnpm build` and the npm registry: it runs with
 * NONGAN_PACKAGING=1 after `pnpm build`; elsewhere it is skipped, visibly.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, describe, expect, test } from "vitest"
import { root } from "./run"

const packages = readdirSync(root("packages"))
const built = packages.every((p) => existsSync(join(root("packages"), p, "dist", "index.js")))
// opt-in (it needs `pnpm build` of every package and the npm registry): .ci/run sets it
const wanted = process.env.NONGAN_PACKAGING === "1"

describe.skipIf(!(built && wanted))("the published tarballs in a fresh project", () => {
  // made inside the test, so a skipped run leaves nothing in the temp directory
  let dir = ""
  const env = { ...process.env, NODE_OPTIONS: "" }
  afterAll(() => (dir ? rmSync(dir, { recursive: true, force: true }) : undefined), 120_000)
  // how long each step took, printed once at the end (the test's time budget is watched in CI)
  const times: Array<string> = []
  let last = Date.now()
  const phase = (name: string) => {
    const now = Date.now()
    times.push(`${name} ${((now - last) / 1000).toFixed(1)}s`)
    last = now
  }
  const sh = (cmd: string, args: ReadonlyArray<string>, cwd: string) => execFileSync(cmd, [...args], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

  const shAsync = async (cmd: string, args: ReadonlyArray<string>, cwd: string) =>
    (await promisify(execFile)(cmd, [...args], { cwd, env, encoding: "utf8", maxBuffer: 16 << 20 })).stdout

  test("pnpm pack, npm install, and the consumers type-check and run", async () => {
    dir = mkdtempSync(join(tmpdir(), "nongan-consumer-"))
    last = Date.now()
    const tarballs = join(dir, "tarballs")
    mkdirSync(tarballs)
    const files: Record<string, string> = {}
    // one destination directory per package, packed in parallel (the slow part on a busy machine)
    const dirs = [...packages.map((p) => join(root("packages"), p)), root("rules")]
    await Promise.all(
      dirs.map(async (p, i) => {
        const dest = join(tarballs, String(i))
        mkdirSync(dest)
        await shAsync("pnpm", ["pack", "--pack-destination", dest], p)
        const made = readdirSync(dest).find((f) => f.endsWith(".tgz"))!
        const name = (JSON.parse(readFileSync(join(p, "package.json"), "utf8")) as { name: string }).name
        files[name] = `file:${join(dest, made)}`
      })
    )
    phase("pack")
    const app = join(dir, "app")
    mkdirSync(app)
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: files, overrides: files, devDependencies: { typescript: "^5.9.0", "@types/node": "^20.0.0" } }, null, 2)
    )
    sh("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"], app)
    phase("npm install")
    const record = `{ id: "A1", kind: "inspection", sampledOn: "2024-06-15", product: "芹菜", results: [{ substance: "毒死蜱", value: "0.13", unit: "mg/kg" }] }`
    writeFileSync(join(app, "esm.mjs"), `import { createValidator } from "@nongan/sdk/Validator"\nconst v = createValidator()\nconst r = v.ok && v.value.validate(${record})\nconsole.log(r && r.ok ? r.report.verdict : "error")\n`)
    writeFileSync(join(app, "cjs.cjs"), `const { createValidator } = require("@nongan/sdk/Validator")\nconst v = createValidator()\nconst r = v.ok && v.value.validate(${record})\nconsole.log(r && r.ok ? r.report.verdict : "error")\n`)
    writeFileSync(
      join(app, "index.ts"),
      `import { createValidator, type Validation } from "@nongan/sdk/Validator"\nimport { checkRegion } from "@nongan/core/Region"\nimport { main } from "@nongan/cli/Main"\nconst v = createValidator()\nconst r: Validation | undefined = v.ok ? v.value.validate(${record}) : undefined\nconst ok: boolean = checkRegion("500154").ok\nconsole.log(r && r.ok ? r.report.verdict : "error", ok, typeof main)\n`
    )
    const checks = (["node16", "bundler"] as const).map(async (resolution) => {
      writeFileSync(
        join(app, `tsconfig.${resolution}.json`),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            target: "ES2022",
            module: resolution === "node16" ? "node16" : "esnext",
            moduleResolution: resolution,
            types: ["node"]
          },
          files: ["index.ts"]
        })
      )
      // both resolutions type-check at once; a failure reports tsc's output
      const out = await promisify(execFile)(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${resolution}.json`], { cwd: app, env, encoding: "utf8" }).then(
        (r) => r.stdout + r.stderr,
        (e: { stdout?: string; stderr?: string; code?: number }) => `exit ${e.code}: ${e.stdout ?? ""}${e.stderr ?? ""}`
      )
      return [resolution, out] as const
    })
    for (const [resolution, out] of await Promise.all(checks)) expect(out, resolution).toBe("")
    phase("tsc node16+bundler")
    expect(sh("node", ["esm.mjs"], app).trim()).toBe("non-compliant")
    expect(sh("node", ["cjs.cjs"], app).trim()).toBe("non-compliant")
    const bin = spawnSync(join(app, "node_modules", ".bin", "nongan"), ["limit", "克百威", "豇豆", "--on", "2026-06-15", "--format", "json"], { cwd: app, env, encoding: "utf8" })
    expect(bin.status, bin.stderr).toBe(0)
    expect(JSON.parse(bin.stdout).applies.limit).toBe("0.02")
    phase("run esm, cjs, bin")
    process.stderr.write(`packaging: ${times.join(", ")}\n`)
  }, 600_000)
})
