// `pnpm build` of @nongan/cli, after tsup: the installed `nongan` binary as ONE file
// (bundle/nongan.mjs): the CLI and every workspace package and dependency it imports, bundled
// and minified with esbuild, so that a run loads one module instead of hundreds (effect alone is
// several hundred files) — start-up about 0.5 s instead of 1.2 s on this machine. The rule data
// is not bundled: it is read at run time from @nongan/rules, as from dist. Dynamic imports
// (exceljs, the HTTP service) stay lazy inside the bundle. Same code as dist/bin.js (built from the
// same sources): test/dist.test.ts runs both on the same records and compares the bytes.
import { build } from "esbuild"
import { chmodSync } from "node:fs"
import { join } from "node:path"

const here = import.meta.dirname
const outfile = join(here, "bundle", "nongan.mjs")
await build({
  entryPoints: [join(here, "src", "bin.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  conditions: ["@nongan/source"],
  minify: true,
  legalComments: "linked",
  logLevel: "warning",
  // the shebang comes from src/bin.ts; `require` for the CommonJS dependencies inside an ES module
  banner: { js: "import { createRequire as __nonganRequire } from 'node:module'; const require = __nonganRequire(import.meta.url);" }
})
chmodSync(outfile, 0o755)
