/**
 * `check --jobs N` with a worker that stays alive but never answers: after the wait for a chunk's
 * answer the batch fails with the typed `worker-timeout` (the message in the locale on standard
 * error), what was written is the beginning of the `--jobs 1` output cut between records, the
 * workers are terminated and the process exits — never a hang.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { PoolError } from "@nongan/cli/Pool"
import { runCase } from "../../../test/cli/check-jobs-support"
import { root } from "../../../test/cli/run"

let dir = ""
let file = ""
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nongan-timeout-"))
  file = join(dir, "records.jsonl")
  writeFileSync(file, readFileSync(root("examples/sampling-batch.jsonl"), "utf8").split("\n").slice(0, 600).join("\n"))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// never answers: listens, and does nothing
const idle = { url: `require("node:worker_threads").parentPort.on("message", () => {})`, eval: true }
// the real worker (sources through tsx), which goes into an endless loop on its n-th chunk
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href
const worker = pathToFileURL(root("packages/cli/src/CheckWorker.ts")).href
const loopingAt = (at: number) => ({
  url: `const { parentPort } = require("node:worker_threads"); let n = 0
import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(worker)}) }).then((m) => {
  parentPort.on("message", () => { if (++n === ${at}) for (;;) {} })
  m.startCheckWorker()
})`,
  eval: true,
  execArgv: ["--conditions=@nongan/source"]
})

describe("a worker that never answers", () => {
  test("fails the batch with worker-timeout after the wait, nothing written", async () => {
    const t0 = Date.now()
    const r = await runCase({ files: [file], format: "jsonl", lang: "en" }, 2, { parallel: { timeoutMs: 500, target: idle } })
    expect(r.error).toBeInstanceOf(PoolError)
    expect((r.error as PoolError).code).toBe("worker-timeout")
    expect((r.error as PoolError).detail).toBe("no answer within 500 ms")
    expect(r.stderr).toContain("[worker-timeout] a judging worker thread did not answer in time (worker 1: no answer within 500 ms); the batch was stopped")
    expect(r.summary).toBeUndefined()
    expect(r.bytes.length).toBe(0)
    expect(Date.now() - t0).toBeLessThan(15_000)
  }, 60_000)
  test("a real worker looping on its third chunk: worker-timeout (zh-CN by default); the output is a prefix of --jobs 1, whole records only", async () => {
    const one = await runCase({ files: [file], format: "jsonl" }, 1)
    const r = await runCase({ files: [file], format: "jsonl" }, 2, { parallel: { chunkRecords: 20, timeoutMs: 15_000, target: loopingAt(3) } })
    expect((r.error as PoolError).code).toBe("worker-timeout")
    expect(r.stderr).toContain("[worker-timeout] 判定线程超时未应答")
    const text = r.bytes.toString("utf8")
    expect(one.bytes.toString("utf8").startsWith(text)).toBe(true)
    expect(text === "" || text.endsWith("\n")).toBe(true)
    expect(text.length).toBeLessThan(one.bytes.length)
  }, 120_000)
  test("the process exits after the failure (workers terminated, no timer left)", async () => {
    const p = spawn(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", root("packages/cli/test/timeout-child.ts"), file], { cwd: root(""), env: { ...process.env, NODE_OPTIONS: "" } })
    let stdout = ""
    let stderr = ""
    p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d))
    p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d))
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => p.on("close", (code, signal) => resolve({ code, signal })))
    // a hang is killed after 45 s, and shows as a signal
    const guard = setTimeout(() => p.kill("SIGKILL"), 45_000)
    const end = await ended
    clearTimeout(guard)
    expect(stdout, stderr).toBe("settled: worker-timeout\n")
    expect(stderr).toContain("[worker-timeout]")
    expect(end).toEqual({ code: 0, signal: null })
  }, 60_000)
})
