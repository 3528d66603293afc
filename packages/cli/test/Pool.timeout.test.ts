/**
 * A worker that stays alive but does not answer fails the pool with `worker-timeout` once a task
 * has waited its `timeoutMs` — counted from the moment the worker owes no earlier answer, so that
 * tasks queued behind slow ones are not failed for the time they waited, nor for the time the
 * process was stopped — and the workers are terminated, also one busy in an endless loop.
 */
import { spawn } from "node:child_process"
import { describe, expect, test } from "vitest"
import { createPool, PoolError, poolErrorMessage } from "@nongan/cli/Pool"
import { root } from "../../../test/cli/run"

// answers {n, ms} with n * 2 after working ms milliseconds, one task at a time as the check worker
// does (or never, for ms === -1; or loops for ever, for ms === -2)
const slow = {
  url: `const { parentPort } = require("node:worker_threads")
parentPort.on("message", (m) => {
  if (m.task.ms === -2) for (;;) {}
  if (m.task.ms < 0) return
  const end = Date.now() + m.task.ms
  while (Date.now() < end) {}
  parentPort.postMessage({ id: m.id, ok: true, value: m.task.n * 2 })
})`,
  eval: true
}
type T = { n: number; ms: number }

const settle = <A>(p: Promise<A>) => p.then((value) => ({ value }), (error: unknown) => ({ error }))

describe("the wait for a worker's answer", () => {
  test("tasks queued behind others: the clock of each starts when the one before is answered", async () => {
    const pool = createPool<T, number>(slow, 1, {})
    try {
      const t0 = Date.now()
      // four tasks of 300 ms on one worker, 500 ms each: the last is answered about 1 200 ms after it was sent
      const got = await Promise.all([1, 2, 3, 4].map((n) => pool.run({ n, ms: 300 }, { timeoutMs: 500 })))
      expect(got).toEqual([2, 4, 6, 8])
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1100)
    } finally {
      await pool.close()
    }
  }, 30_000)
  test("no answer within the wait: worker-timeout for every outstanding and later task, in words in both languages", async () => {
    const pool = createPool<T, number>(slow, 2, {})
    const t0 = Date.now()
    const never = settle(pool.run({ n: 1, ms: -1 }, { timeoutMs: 400 }))
    const other = settle(pool.run({ n: 2, ms: 5000 }))
    const a = await never
    const b = await other
    const elapsed = Date.now() - t0
    expect((a as { error: PoolError }).error).toBeInstanceOf(PoolError)
    expect((a as { error: PoolError }).error.code).toBe("worker-timeout")
    expect((a as { error: PoolError }).error.worker).toBe(1)
    expect((a as { error: PoolError }).error.detail).toBe("no answer within 400 ms")
    // the other worker's task (no wait of its own) fails with the pool, long before its 5 s
    expect((b as { error: PoolError }).error).toBe((a as { error: PoolError }).error)
    expect(elapsed).toBeLessThan(4000)
    await expect(pool.run({ n: 3, ms: 0 })).rejects.toBe((a as { error: PoolError }).error)
    const e = (a as { error: PoolError }).error
    expect(poolErrorMessage(e, "en")).toBe("[worker-timeout] a judging worker thread did not answer in time (worker 1: no answer within 400 ms); the batch was stopped")
    expect(poolErrorMessage(e)).toBe("[worker-timeout] 判定线程超时未应答（线程 1：no answer within 400 ms），批次已停止")
    await pool.close()
  }, 30_000)
  test("a worker busy in an endless loop is terminated: the pool fails and closes", async () => {
    const pool = createPool<T, number>(slow, 1, {})
    const t0 = Date.now()
    const r = await settle(pool.run({ n: 1, ms: -2 }, { timeoutMs: 300 }))
    expect((r as { error: PoolError }).error.code).toBe("worker-timeout")
    await pool.close()
    expect(Date.now() - t0).toBeLessThan(5000)
  }, 30_000)
  test("the process stopped and continued past the wait (Ctrl-Z, fg): the worker is given its wait again", async () => {
    const p = spawn(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", root("packages/cli/test/pool-stop-child.ts")], { cwd: root(""), env: { ...process.env, NODE_OPTIONS: "" } })
    let stdout = ""
    p.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d
      if (d.includes("sent")) {
        p.kill("SIGSTOP")
        setTimeout(() => p.kill("SIGCONT"), 3000)
      }
    })
    const guard = setTimeout(() => p.kill("SIGKILL"), 40_000)
    const code = await new Promise<number | null>((resolve) => p.on("close", (c) => resolve(c)))
    clearTimeout(guard)
    expect(stdout).toBe("sent\nanswer 42\n")
    expect(code).toBe(0)
  }, 60_000)
  test("without a wait, a slow answer is waited for (the control)", async () => {
    const pool = createPool<T, number>(slow, 1, {})
    try {
      expect(await pool.run({ n: 21, ms: 600 })).toBe(42)
      expect(await pool.run({ n: 2, ms: 100 }, { timeoutMs: 5000 })).toBe(4)
    } finally {
      await pool.close()
    }
  }, 30_000)
})
