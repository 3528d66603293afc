import { defineConfig } from "tsup"
import { readdirSync } from "node:fs"

const entry = readdirSync("src").filter((f) => f.endsWith(".ts")).map((f) => `src/${f}`)

export default defineConfig({ entry, format: ["esm", "cjs"], dts: true, clean: true, sourcemap: true, splitting: true, shims: true })
