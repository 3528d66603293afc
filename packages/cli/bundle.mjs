// `pnpm build` of @nongan/cli, after tsup: the installed `nongan` binary as ONE file
// (bundle/nongan.mjs): the CLI and every workspace package and dependency it imports, bundled
// and minified with esbuild, so that a run loads one module instead of hundreds (effect alone is
// several hundred files) — start-up about 0.5 s instead of 1.2 s on this machine. The rule data
// is not bundled: it is read at run time from @nongan/rules, as from dist. Dynamic imports
// (exceljs, the HTTP service) stay lazy inside the bundle. Same code as dist/bin.js (built from the
// same sources): test/dist.test.ts runs both on the same records and compares the bytes.
// The workers of `nongan check --jobs N` run this same file: the entry starts the CLI (src/bin.ts),
// or, in a worker started with the `nonganCheckWorker` mark (src/CheckTarget.ts), the check worker
// (src/CheckWorker.ts); `__NONGAN_BUNDLE__` tells CheckTarget that it is inside this file.
import { build } from "esbuild"
import { chmodSync } from "node:fs"
import { join } from "node:path"

const here = import.meta.dirname
const outfile = join(here, "bundle", "nongan.mjs")
const entry = `import { isMainThread, workerData } from "node:worker_threads"
if (!isMainThread && workerData && workerData.nonganCheckWorker === true) (await import("./src/CheckWorker.ts")).startCheckWorker()
else await import("./src/bin.ts")
`
await build({
  stdin: { contents: entry, resolveDir: here, sourcefile: "nongan-entry.ts", loader: "ts" },
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  conditions: ["@nongan/source"],
  minify: true,
  legalComments: "linked",
  logLevel: "warning",
  define: { __NONGAN_BUNDLE__: "true" },
  // the shebang (the entry is not src/bin.ts); `require` for the CommonJS dependencies inside an ES module
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __nonganRequire } from 'node:module'; const require = __nonganRequire(import.meta.url);" }
})
chmodSync(outfile, 0o755)
