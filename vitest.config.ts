import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@nongan/source"] },
  ssr: { resolve: { conditions: ["@nongan/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // a fixed fast-check seed for every property test (FC_SEED to change it): see test/support/seed.ts
    setupFiles: ["test/support/seed.ts"],
    testTimeout: 60_000
  }
})
