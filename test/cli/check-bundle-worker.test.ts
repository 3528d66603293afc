/**
 * The one-file binary is its own worker: `bundle/nongan.mjs` started as a worker thread with the
 * check-worker mark (what `check --jobs N` does from the bundle) judges a chunk exactly as the
 * sources do in-process. Needs `pnpm --filter @nongan/cli build` (skipped, visibly, without it).
 */
import { existsSync, readFileSync } from "node:fs"
import { pathToFileURL } from "node:url"
import { describe, expect, test } from "vitest"
import { WORKER_MARK } from "@nongan/cli/CheckTarget"
import { type ChunkResult, type ChunkTask, judgeChunk, type WorkerSetup } from "@nongan/cli/CheckWorker"
import { namesFor } from "@nongan/cli/CheckRecord"
import { createPool } from "@nongan/cli/Pool"
import { packed } from "./check-jobs-support"
import { root } from "./run"

const bundle = root("packages/cli/bundle/nongan.mjs")

describe.skipIf(!existsSync(bundle))("bundle/nongan.mjs as a check worker", () => {
  test("answers a chunk with the bytes the sources give", async () => {
    const lines = readFileSync(root("examples/sampling-batch.jsonl"), "utf8").split("\n").filter((l) => l !== "").slice(0, 300)
    const task: ChunkTask = { first: true, header: undefined, units: lines.map((line, i) => ({ line, n: i + 1 })) }
    const setup: WorkerSetup = { recipe: { packFiles: [], options: { locale: "en" } }, format: "table", locale: "en" }
    const pool = createPool<ChunkTask, ChunkResult>({ url: pathToFileURL(bundle) }, 1, { [WORKER_MARK]: true, setup })
    try {
      const got = await pool.run(task)
      const validator = packed({ files: [], format: "table", lang: "en" }).validator
      const want = judgeChunk({ validator, format: "table", locale: "en", named: namesFor(validator, "table", "en") }, {}, task)
      const text = (r: ChunkResult) => Buffer.concat(r.segments.map((s) => Buffer.from(s))).toString("utf8")
      expect(text(got)).toBe(text(want))
      expect(got.tallies).toEqual(want.tallies)
      expect(got.ids).toEqual(want.ids)
      expect(text(got).length).toBeGreaterThan(10_000)
    } finally {
      await pool.close()
    }
  }, 60_000)
})
