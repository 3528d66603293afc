/**
 * Writes the committed OpenAPI snapshot `packages/server/openapi.json` (or, with `--check`,
 * fails when it is stale). `test/OpenApi.test.ts` checks it too.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { openApi } from "@nongan/server/OpenApi"
import { dataVersion } from "@nongan/sdk/Packs"

const file = join(import.meta.dirname, "..", "openapi.json")
const text = `${JSON.stringify(openApi(dataVersion()), null, 2)}\n`
if (process.argv.includes("--check")) {
  if (readFileSync(file, "utf8") !== text) {
    console.error("stale: packages/server/openapi.json (run pnpm --filter @nongan/server openapi)")
    process.exit(1)
  }
} else writeFileSync(file, text)
