// Child process of Pool.timeout.test.ts: one task of 600 ms with a wait of 1 500 ms; the parent
// stops this process (SIGSTOP) just after the task is sent and continues it (SIGCONT) 3 s later,
// past the wait. Prints the task's outcome.
import { createPool, PoolError } from "@nongan/cli/Pool"

const pool = createPool<number, number>(
  {
    url: `const { parentPort } = require("node:worker_threads")
parentPort.on("message", (m) => { const end = Date.now() + 600; while (Date.now() < end) {} parentPort.postMessage({ id: m.id, ok: true, value: m.task * 2 }) })`,
    eval: true
  },
  1,
  {}
)
// the worker is up first (its start is not part of what is measured)
await pool.run(0)
const answer = pool.run(21, { timeoutMs: 1500 })
process.stdout.write("sent\n")
answer.then(
  (v) => process.stdout.write(`answer ${v}\n`),
  (e: unknown) => process.stdout.write(`failed ${e instanceof PoolError ? e.code : String(e)}\n`)
).finally(() => pool.close())
