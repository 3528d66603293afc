/**
 * A worker of `check --jobs N` that fails — throws while judging, exits, cannot build its
 * validator, or is not there — fails the batch with a typed `PoolError` (stable code, the
 * message in the locale on standard error), never a hang and never a record silently dropped:
 * what was written is exactly the beginning of the `--jobs 1` output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { PoolError } from "@nongan/cli/Pool"
import { runCase } from "./check-jobs-support"
import { root } from "./run"

let dir = ""
let file = ""
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nongan-pool-"))
  file = join(dir, "records.jsonl")
  writeFileSync(file, readFileSync(root("examples/sampling-batch.jsonl"), "utf8").split("\n").slice(0, 600).join("\n"))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// the real worker (sources through tsx), with a listener placed before it that fails on the n-th chunk
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href
const worker = pathToFileURL(root("packages/cli/src/CheckWorker.ts")).href
const failing = (how: string, at: number) => ({
  // the listener is placed once the worker's module is loaded: a listener starts the port, and messages before the worker's own would be lost to it
  url: `const { parentPort } = require("node:worker_threads"); let n = 0
import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(worker)}) }).then((m) => {
  parentPort.on("message", () => { if (++n === ${at}) { ${how} } })
  m.startCheckWorker()
})`,
  eval: true,
  execArgv: ["--conditions=@nongan/source"]
})

const c = () => ({ files: [file], format: "jsonl" as const, lang: "en" as const })

describe("a failing worker fails the batch, typed and in order", () => {
  test("a worker that throws on its third chunk: PoolError worker-error; the output is a prefix of --jobs 1, whole records only", async () => {
    const one = await runCase(c(), 1)
    const r = await runCase(c(), 2, { parallel: { chunkRecords: 20, target: failing(`throw new Error("boom")`, 3) } })
    expect(r.error).toBeInstanceOf(PoolError)
    expect((r.error as PoolError).code).toBe("worker-error")
    expect((r.error as PoolError).detail).toContain("boom")
    expect(r.stderr).toContain("[worker-error] a judging worker thread failed")
    expect(r.summary).toBeUndefined()
    // never a record dropped in silence: what was written is the start of the real output, cut between records
    const text = r.bytes.toString("utf8")
    expect(one.bytes.toString("utf8").startsWith(text)).toBe(true)
    expect(text === "" || text.endsWith("\n")).toBe(true)
    expect(text.length).toBeLessThan(one.bytes.length)
  }, 120_000)
  test("a worker that exits: PoolError worker-exit (zh-CN message by default)", async () => {
    const r = await runCase({ files: [file], format: "jsonl" }, 3, { parallel: { chunkRecords: 20, target: failing("process.exit(7)", 2) } })
    expect(r.error).toBeInstanceOf(PoolError)
    expect((r.error as PoolError).code).toBe("worker-exit")
    expect((r.error as PoolError).detail).toContain("exit code 7")
    expect(r.stderr).toContain("[worker-exit] 判定线程意外退出")
  }, 120_000)
  test("a worker that throws outside any task (an uncaught error of the thread)", async () => {
    const r = await runCase(c(), 2, { parallel: { target: { url: `setTimeout(() => { throw new TypeError("thread broke") }, 0); require("node:worker_threads").parentPort.on("message", () => {})`, eval: true } } })
    expect((r.error as PoolError).code).toBe("worker-error")
    expect((r.error as PoolError).detail).toContain("TypeError: thread broke")
  }, 60_000)
  test("workers that cannot build the validator (rules not found): PoolError worker-init", async () => {
    const r = await runCase(c(), 2, { recipe: { packFiles: [], options: { rulesDir: join(dir, "no-rules-here") } } })
    expect(r.error).toBeInstanceOf(PoolError)
    expect((r.error as PoolError).code).toBe("worker-init")
    expect(r.bytes.length).toBe(0)
  }, 120_000)
  test("a worker's code that does not load (a bad module): PoolError, never a hang", async () => {
    const r = await runCase(c(), 2, { parallel: { target: { url: `import("file:///no/such/worker.js")`, eval: true } } })
    expect(r.error).toBeInstanceOf(PoolError)
    expect(["worker-error", "worker-exit"]).toContain((r.error as PoolError).code)
  }, 60_000)
})
