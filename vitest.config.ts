import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@nongan/source"] },
  ssr: { resolve: { conditions: ["@nongan/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000
  }
})
