/**
 * A small pool of `node:worker_threads` workers for `nongan check --jobs N`: each task goes to
 * the worker with the fewest tasks outstanding, its answer comes back as a promise. A worker
 * that fails to start, throws, exits while it owes answers, or does not answer a task within the
 * task's wait (`timeoutMs`) fails the whole pool with a {@link PoolError} (every outstanding and
 * later task is rejected with it, every worker is terminated): never a hang, never a silently
 * dropped task. Written for this one use rather than taken from a library (piscina and
 * the like): the tasks are ordered chunks whose answers the caller awaits in order, the workers
 * must be started from the one-file bundle, and a crash must fail the batch, not be retried.
 *
 * @since 0.2.0
 */
import { parentPort, Worker, workerData } from "node:worker_threads"
import type { Locale } from "@nongan/core/Messages"

/**
 * Why a pool failed: a worker could not start (`worker-init`: its setup reported an error), threw
 * (`worker-error`: an exception it did not catch, or one a task raised), exited while it owed
 * answers (`worker-exit`), or stayed alive without answering a task within its wait
 * (`worker-timeout`).
 *
 * @since 0.2.0
 * @category models
 */
export type PoolErrorCode = "worker-init" | "worker-error" | "worker-exit" | "worker-timeout"

/**
 * The typed error of a failed pool, with a stable `code`, the worker's number and the detail.
 *
 * @example
 * import { PoolError } from "@nongan/cli/Pool"
 * new PoolError("worker-exit", 1, "exit code 7").code // "worker-exit"
 *
 * @since 0.2.0
 * @category models
 */
export class PoolError extends Error {
  readonly _tag = "PoolError"
  constructor(
    readonly code: PoolErrorCode,
    readonly worker: number,
    readonly detail: string
  ) {
    super(`${code} (worker ${worker}): ${detail}`)
    this.name = "PoolError"
  }
}

const TEXT: Readonly<Record<PoolErrorCode, readonly [string, string]>> = {
  "worker-init": ["判定线程启动失败", "a judging worker thread failed to start"],
  "worker-error": ["判定线程出错", "a judging worker thread failed"],
  "worker-exit": ["判定线程意外退出", "a judging worker thread exited unexpectedly"],
  "worker-timeout": ["判定线程超时未应答", "a judging worker thread did not answer in time"]
}

/**
 * A pool error in words (zh-CN by default, or en), with its code.
 *
 * @example
 * import { PoolError, poolErrorMessage } from "@nongan/cli/Pool"
 * poolErrorMessage(new PoolError("worker-exit", 1, "exit code 7"), "en")
 * // "[worker-exit] a judging worker thread exited unexpectedly (worker 1: exit code 7); the batch was stopped"
 *
 * @since 0.2.0
 * @category combinators
 */
export const poolErrorMessage = (e: PoolError, locale: Locale = "zh-CN"): string => {
  const [zh, en] = TEXT[e.code]
  return locale === "zh-CN" ? `[${e.code}] ${zh}（线程 ${e.worker}：${e.detail}），批次已停止` : `[${e.code}] ${en} (worker ${e.worker}: ${e.detail}); the batch was stopped`
}

/**
 * Where a worker's code is: a module URL, or (`eval`) the source of a small loader.
 *
 * @since 0.2.0
 * @category models
 */
export interface PoolTarget {
  readonly url: URL | string
  readonly eval?: boolean | undefined
  readonly execArgv?: ReadonlyArray<string> | undefined
}

/**
 * A started pool. `run` sends a task; with `timeoutMs`, its worker must answer within that many
 * milliseconds of owing it no earlier answer (the clock of a task queued behind another starts
 * when that one is answered), or the pool fails with `worker-timeout`.
 *
 * @since 0.2.0
 * @category models
 */
export interface Pool<I, O> {
  readonly size: number
  run(task: I, o?: { readonly timeoutMs?: number | undefined }): Promise<O>
  /** stops every worker; the pool cannot be used afterwards */
  close(): Promise<void>
}

/** a timer that fires this much later than due was held up with the thread that set it */
const LATE_MS = 1000

type Answer<O> = { readonly id: number; readonly ok: true; readonly value: O } | { readonly id: number; readonly ok: false; readonly error: string }
type Control = { readonly type: "init-error"; readonly detail: string }

/**
 * Starts `size` workers of `target`, each given `data` as its `workerData`.
 *
 * @example
 * import { createPool } from "@nongan/cli/Pool"
 * // const pool = createPool<number, number>({ url: new URL("./double.js", import.meta.url) }, 2, {})
 * // await pool.run(21) // 42
 * typeof createPool // "function"
 *
 * @since 0.2.0
 * @category constructors
 */
export const createPool = <I, O>(target: PoolTarget, size: number, data: unknown): Pool<I, O> => {
  let failure: PoolError | undefined
  let closing = false
  let next = 0
  const owed = new Map<number, { resolve: (o: O) => void; reject: (e: unknown) => void; worker: number }>()
  const load = new Array<number>(size).fill(0)
  // per worker: the tasks it owes, in the order sent (a worker answers in that order), each with
  // its wait; one timer runs for the oldest
  const queues = Array.from({ length: size }, () => new Array<{ readonly id: number; readonly ms: number | undefined }>())
  const timers = new Array<ReturnType<typeof setTimeout> | undefined>(size).fill(undefined)
  const stopTimers = () => {
    for (const [i, t] of timers.entries()) {
      clearTimeout(t)
      timers[i] = undefined
    }
  }
  const arm = (i: number) => {
    clearTimeout(timers[i])
    timers[i] = undefined
    const head = queues[i]![0]
    if (head?.ms === undefined || failure !== undefined || closing) return
    const ms = head.ms
    const wait = (left: number) => {
      const due = performance.now() + left
      timers[i] = setTimeout(() => {
        // fired long after it was due: this thread itself was held (the process stopped and
        // continued, a long pause), not the worker: the worker is given its whole wait again
        if (performance.now() - due > LATE_MS) wait(ms)
        else fail(new PoolError("worker-timeout", i + 1, `no answer within ${ms} ms`))
      }, left)
    }
    wait(ms)
  }
  const fail = (e: PoolError) => {
    if (failure !== undefined || closing) return
    failure = e
    stopTimers()
    for (const [id, t] of owed) {
      owed.delete(id)
      t.reject(e)
    }
    for (const w of workers) void w.terminate()
  }
  const workers = Array.from({ length: size }, (_, i) => {
    const w = new Worker(target.url, {
      eval: target.eval === true,
      workerData: data,
      ...(target.execArgv ? { execArgv: [...target.execArgv] } : {})
    })
    w.on("message", (m: Answer<O> | Control) => {
      if ("type" in m) return fail(new PoolError("worker-init", i + 1, m.detail))
      const t = owed.get(m.id)
      if (!t) return
      owed.delete(m.id)
      load[i]!--
      const q = queues[i]!
      const k = q.findIndex((x) => x.id === m.id)
      if (k >= 0) q.splice(k, 1)
      if (k === 0) arm(i)
      if (m.ok) t.resolve(m.value)
      else fail(new PoolError("worker-error", i + 1, m.error))
    })
    w.on("error", (e) => fail(new PoolError("worker-error", i + 1, e instanceof Error ? `${e.name}: ${e.message}` : String(e))))
    w.on("exit", (code) => {
      if (!closing) fail(new PoolError("worker-exit", i + 1, `exit code ${code}`))
    })
    return w
  })
  return {
    size,
    run: (task, o = {}) => {
      if (failure) return Promise.reject(failure)
      if (closing) return Promise.reject(new PoolError("worker-exit", 0, "the pool is closed"))
      let i = 0
      for (let k = 1; k < size; k++) if (load[k]! < load[i]!) i = k
      const id = next++
      load[i]!++
      return new Promise<O>((resolve, reject) => {
        owed.set(id, { resolve, reject, worker: i })
        queues[i]!.push({ id, ms: o.timeoutMs })
        if (queues[i]!.length === 1) arm(i)
        workers[i]!.postMessage({ id, task })
      })
    },
    close: async () => {
      closing = true
      stopTimers()
      await Promise.all(workers.map((w) => w.terminate()))
    }
  }
}

/**
 * The worker's side: sets the worker up from its `workerData` (`init`; an error is reported to
 * the pool as `worker-init`), then answers each task with `handle`; an exception of `handle` is
 * reported as the task's error (`worker-error`); `transfer` names the buffers of an answer that
 * are moved to the main thread rather than copied. Does nothing outside a worker.
 *
 * @example
 * import { serveTasks } from "@nongan/cli/Pool"
 * // in the worker: serveTasks(() => ({ ok: true, value: 2 }), (state, n: number) => n * state)
 * typeof serveTasks // "function"
 *
 * @since 0.2.0
 * @category constructors
 */
export const serveTasks = <S, I, O>(
  init: (data: unknown) => { readonly ok: true; readonly value: S } | { readonly ok: false; readonly detail: string },
  handle: (state: S, task: I) => O,
  transfer: (answer: O) => ReadonlyArray<ArrayBuffer> = () => []
): void => {
  const port = parentPort
  if (!port) return
  const s = init(workerData)
  if (!s.ok) {
    port.postMessage({ type: "init-error", detail: s.detail } satisfies Control)
    return
  }
  port.on("message", (m: { id: number; task: I }) => {
    let answer: Answer<O>
    let moved: ReadonlyArray<ArrayBuffer> = []
    try {
      const value = handle(s.value, m.task)
      answer = { id: m.id, ok: true, value }
      moved = transfer(value)
    } catch (e) {
      answer = { id: m.id, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }
    }
    port.postMessage(answer, [...moved])
  })
}
