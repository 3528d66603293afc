/**
 * `check --jobs N` holds a bounded number of chunks: at most 2 × N in flight, and input is read
 * only as fast as standard output drains. Standard output here never takes a write without
 * asking to wait (`write` returns false, `drain` comes on a later turn), and standard input is
 * generated on demand, counting the records handed out. The records read ahead of those written
 * stay under a bound that does not depend on the input's length, while the input is many times
 * that bound (the test cannot pass by reading everything first), and the bound on chunks in
 * flight is reached (it is that bound that holds reading back). The same input with an output
 * that always takes writes is read to the end, as a control.
 */
import { readFileSync } from "node:fs"
import { Readable } from "node:stream"
import { describe, expect, test } from "vitest"
import { runCase } from "./check-jobs-support"
import { root } from "./run"

const lines = readFileSync(root("examples/sampling-batch.jsonl"), "utf8").split("\n").filter((l) => l !== "")

// standard input, made on demand (one record per read), and how many records it handed out
const generated = (total: number) => {
  const s = { produced: 0, stream: undefined as unknown as Readable }
  s.stream = new Readable({
    highWaterMark: 1024,
    read() {
      if (s.produced >= total) this.push(null)
      else this.push(`${lines[s.produced++ % lines.length]}\n`)
    }
  })
  return s
}

describe("bounded memory: chunks in flight and read-ahead", () => {
  test("a slow standard output holds reading back: read-ahead stays under (2 × jobs + 1) chunks plus the reader's buffers", async () => {
    const jobs = 2
    const chunk = 10
    const total = 18_000
    const input = generated(total)
    let drains = 0
    let waiting = false
    let early = 0
    const written: Array<Buffer> = []
    const out = {
      write: (b: string | Uint8Array) => {
        // a write before the drain it was told to wait for
        if (waiting) early++
        written.push(Buffer.from(b as Uint8Array))
        return false
      },
      once: (_: "drain", f: () => void) => {
        drains++
        waiting = true
        // the output drains a few turns later: the workers answer meanwhile, reading must wait
        setTimeout(() => {
          waiting = false
          f()
        }, 2)
      }
    }
    const waits: Array<{ reason: string; inFlight: number; unitsRead: number; recordsWritten: number; produced: number }> = []
    const r = await runCase({ files: ["-"], format: "jsonl" }, jobs, {
      out: out as never,
      stdin: input.stream,
      parallel: { chunkRecords: chunk, onWait: (w) => waits.push({ ...w, produced: input.produced }) }
    })
    expect(r.error).toBeUndefined()
    expect(r.summary!.records).toBe(total)
    expect(early).toBe(0)
    // every record was written, once, in order
    const text = Buffer.concat(written).toString("utf8").split("\n").filter((l) => l !== "")
    expect(text.length).toBe(total)
    const cap = 2 * jobs
    // readline's async iterator queues up to 1024 lines before it pauses its input (Node's
    // readline highWatermark), and the stream buffers a few more: a constant, never the input
    const buffers = 1024 + 64
    const bound = (cap + 1) * chunk + buffers
    expect(waits.length).toBeGreaterThan(50)
    for (const w of waits) {
      expect(w.inFlight).toBeLessThanOrEqual(cap)
      expect(w.unitsRead - w.recordsWritten).toBeLessThanOrEqual((cap + 1) * chunk)
      expect(w.produced - w.recordsWritten).toBeLessThanOrEqual(bound)
    }
    // not vacuous: the input is many times the bound, the bound on chunks in flight was reached, output did make us wait
    expect(total).toBeGreaterThan(15 * bound)
    expect(Math.max(...waits.map((w) => w.inFlight))).toBe(cap)
    expect(waits.some((w) => w.reason === "drain")).toBe(true)
    expect(drains).toBeGreaterThan(total / chunk / 2)
  }, 180_000)
})
