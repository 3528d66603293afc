// `pnpm bench …`: runs bench/run.ts against the BUILT packages (their dist, what an installed
// nongan runs) when the build is fresh, else against the sources through tsx, saying so. The
// sources under tsx are slower than the build for reasons that are not the library's (tsx
// compiles with esbuild's keepNames, which renames every inner function each time it is
// created), so figures are comparable only between runs of the same `build`; every line says
// which (`env.build`). BENCH_FROM=source forces the sources; BENCH_FROM=dist requires the build.
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { root, stale } from "./fresh.mjs"

const want = process.env.BENCH_FROM ?? "auto"
const behind = want === "source" ? ["(BENCH_FROM=source)"] : stale()
if (want === "dist" && behind.length > 0) {
  process.stderr.write(`[bench] BENCH_FROM=dist but the build is missing or older than the sources (${behind.join(", ")}): run \`pnpm build\`\n`)
  process.exit(2)
}
const fromDist = behind.length === 0
if (!fromDist && want !== "source")
  process.stderr.write(`[bench] the build is missing or older than the sources (${behind.join(", ")}): measuring the sources through tsx; \`pnpm build\` first to measure what users run\n`)
const args = [...(fromDist ? [] : ["--conditions=@nongan/source"]), "--import", "tsx", join(root, "bench", "run.ts"), ...process.argv.slice(2)]
const r = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, NONGAN_BENCH_BUILD: fromDist ? "dist" : "source" } })
process.exitCode = r.status ?? 1
