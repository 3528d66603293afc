// One-file bundle of the `nongan` binary (docs/cli.md "Bundling"): every module is inlined
// (@nongan/* from source, npm dependencies too), so the file runs without node_modules. The
// rule data is not bundled: the bundle reads it from NONGAN_RULES_DIR (a copy of
// @nongan/rules: national/, regions/, schema/), or from an installed @nongan/rules.
// Run: pnpm --filter @nongan/cli exec tsup --config tsup.bundle.config.ts
import { defineConfig } from "tsup"

export default defineConfig({
  entry: { nongan: "src/bin.ts" },
  outDir: "bundle",
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  clean: true,
  splitting: false,
  sourcemap: false,
  // everything is inlined (one file, no node_modules needed); CommonJS dependencies get a require
  noExternal: [/.*/],
  banner: { js: 'import { createRequire as __nonganRequire } from "node:module"; const require = __nonganRequire(import.meta.url);' },
  esbuildOptions(o) {
    o.conditions = ["@nongan/source"]
  }
})
