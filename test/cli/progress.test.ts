/**
 * The progress bar never blocks (issue 17 §3): `nongan check` with the bar on (standard error a
 * terminal) ends whatever happens inside the batch, answers a record of 200 000 analytes and the
 * records after it, keeps answering line by line, and never waits for standard error.
 *
 * Every wait here is bounded (`within`): a hang fails the case at the bound, never the suite.
 */
import { spawn } from "node:child_process"
import { PassThrough, Readable, Writable } from "node:stream"
import { beforeAll, describe, expect, test } from "vitest"
import { runCheck, type CheckOptions } from "@nongan/cli/Check"
import { createValidator, type Validator } from "@nongan/sdk/Validator"
import { root } from "./run"

const BOUND_MS = 30_000

/** Resolves with `p`, or rejects when it has not settled within `ms` (a hang). */
const within = <A>(p: Promise<A>, ms: number, what: string): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`hang: ${what} did not finish within ${ms} ms`)), ms)
    p.then(
      (a) => (clearTimeout(t), resolve(a)),
      (e: unknown) => (clearTimeout(t), reject(e))
    )
  })

/** A terminal-like standard error that records what is written to it. */
const tty = () => {
  const chunks: Array<string> = []
  const err = Object.assign(
    new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(String(c))
        cb()
      }
    }),
    { isTTY: true, columns: 80 }
  )
  return { err, text: () => chunks.join("") }
}

const collect = () => {
  const out = new PassThrough()
  let text = ""
  const waiters: Array<() => void> = []
  out.setEncoding("utf8").on("data", (d: string) => {
    text += d
    waiters.splice(0).forEach((w) => w())
  })
  const lines = () => text.split("\n").filter((l) => l !== "")
  /** Resolves once `n` lines have been answered. */
  const lineCount = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (lines().length >= n ? resolve() : waiters.push(check))
      check()
    })
  return { out, lines, lineCount }
}

const BIG = JSON.stringify({ id: "X-1", sampledOn: "2026-06-15", product: "豇豆", results: Array.from({ length: 200_000 }, () => ({ substance: "克百威", value: "0.01", unit: "mg/kg" })) })
const record = (id: string) => JSON.stringify({ id, sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "毒死蜱", value: "ND" }] })
const verdicts = (lines: ReadonlyArray<string>) =>
  lines.map((l) => JSON.parse(l) as { id: unknown; verdict?: string; error?: { code: string } }).map((r) => `${String(r.id)}:${r.verdict ?? r.error?.code}`)

let validator: Validator
beforeAll(() => {
  const c = createValidator()
  if (!c.ok) throw new Error(JSON.stringify(c.errors))
  validator = c.value
}, 120_000)

const options = (o: Partial<CheckOptions> & Pick<CheckOptions, "out" | "err">): CheckOptions => ({ file: "-", format: "jsonl", locale: "en", progress: true, ...o })

describe("the progress bar never blocks (issue 17 §3)", () => {
  test("an error inside the batch with the bar on: the check settles and the process exits (the bar is stopped, its timer never keeps node alive)", async () => {
    // in a child process: a bar left running would keep it open for ever, so it is killed at the bound
    const p = spawn(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", root("test/cli/progress-child.ts"), "bar"], {
      cwd: root(""),
      env: { ...process.env, NODE_OPTIONS: "" }
    })
    let stdout = ""
    let stderr = ""
    p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d))
    p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d))
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => p.on("close", (code, signal) => resolve({ code, signal })))
    try {
      const r = await within(ended, BOUND_MS, "the child process")
      expect(stderr).toBe("")
      expect(stdout).toBe("rejected RangeError\n")
      expect(r).toEqual({ code: 0, signal: null })
    } finally {
      p.kill("SIGKILL")
    }
  }, BOUND_MS + 10_000)

  test.each([
    ["the reader's --max-analytes", 10_000, "X-1:invalid-value"],
    ["the validator's own limit", 1_000_000, "X-1:too-large"]
  ] as const)("a record of 200 000 analytes with the bar on is an error of that record (%s), and the record after it is judged", async (_, maxAnalytes, first) => {
    const { err, text } = tty()
    const { out, lines } = collect()
    const s = await within(
      runCheck(validator, options({ out, err, stdin: Readable.from([`${BIG}\n${record("X-2")}\n`]), limits: { maxLine: 20_000_000, maxAnalytes } })),
      BOUND_MS,
      "check"
    )
    expect(s).toMatchObject({ records: 2, compliant: 1, malformed: 1 })
    expect(verdicts(lines()).map((v) => v.replace(/^null:/, "X-1:"))).toEqual([first, "X-2:compliant"])
    // the bar was drawn (stderr is a terminal) and finished on the last count
    expect(text()).toContain("2 records")
  }, BOUND_MS + 10_000)

  test("line mode with the bar on: each record is answered before the next is written", async () => {
    const { err } = tty()
    const { out, lines, lineCount } = collect()
    const stdin = new PassThrough()
    const done = runCheck(validator, options({ out, err, stdin, line: true }))
    for (let i = 1; i <= 20; i++) {
      stdin.write(`${record(`L-${i}`)}\n`)
      await within(lineCount(i), BOUND_MS, `the answer to record ${i}`)
    }
    stdin.end()
    await within(done, BOUND_MS, "check")
    expect(verdicts(lines())).toEqual(Array.from({ length: 20 }, (_, i) => `L-${i + 1}:compliant`))
  }, BOUND_MS + 10_000)

  test("a standard error that never drains does not hold records back, and the bar is redrawn far less often than once a record", async () => {
    let writes = 0
    // write() says "full" every time and never emits 'drain': a bar that waited on it would stall
    const stuck = Object.assign(new Writable({ write: () => undefined }), {
      isTTY: true,
      columns: 80,
      write: () => (writes++, false)
    })
    const { out, lines } = collect()
    const n = 2000
    const input = Array.from({ length: n }, (_, i) => `${record(`R-${i}`)}\n`)
    const s = await within(runCheck(validator, options({ out, err: stuck, stdin: Readable.from(input), line: true })), BOUND_MS, "check")
    expect(s.records).toBe(n)
    expect(lines()).toHaveLength(n)
    expect(writes).toBeGreaterThan(0)
    expect(writes).toBeLessThan(n / 4)
  }, BOUND_MS + 10_000)
})
