/**
 * The binary as a process (issue 14 §5): EPIPE ends quietly; JSON Lines on standard input are
 * answered line by line, so another program can keep one `nongan` open as a co-process.
 */
import { spawn, spawnSync } from "node:child_process"
import { describe, expect, test } from "vitest"
import { root } from "./run"

const bin = ["--conditions=@nongan/source", "--import", "tsx", root("packages/cli/src/bin.ts")]
const env = { ...process.env, NODE_OPTIONS: "" }

describe("nongan as a process", () => {
  test("`nongan packs | head -1` ends quietly: no EPIPE stack trace, exit 0", () => {
    const r = spawnSync("bash", ["-c", `node ${bin.join(" ")} packs | head -1; exit \${PIPESTATUS[0]}`], { encoding: "utf8", env, cwd: root("") })
    expect(r.stdout.split("\n").filter((l) => l).length).toBe(1)
    expect(r.stderr).not.toContain("EPIPE")
    expect(r.status).toBe(0)
  }, 60_000)
  test("a co-process: each JSON line is answered before the next is written", async () => {
    const p = spawn(process.execPath, [...bin, "check", "-", "--format", "jsonl"], { env, cwd: root("") })
    const lines: Array<string> = []
    let buf = ""
    const waiters: Array<() => void> = []
    p.stdout.setEncoding("utf8").on("data", (d: string) => {
      buf += d
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        lines.push(buf.slice(0, i))
        buf = buf.slice(i + 1)
        waiters.shift()?.()
      }
    })
    const ask = (rec: object) =>
      new Promise<string>((resolve) => {
        waiters.push(() => resolve(lines[lines.length - 1]!))
        p.stdin.write(`${JSON.stringify(rec)}\n`)
      })
    const a = await ask({ id: "P-1", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "克百威", value: "0.062", unit: "mg/kg" }] })
    expect(JSON.parse(a).verdict).toBe("non-compliant")
    const b = await ask({ id: "P-2", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "毒死蜱", value: "ND" }] })
    expect(JSON.parse(b).verdict).toBe("compliant")
    p.stdin.end()
    const code = await new Promise<number | null>((resolve) => p.on("close", resolve))
    expect(code).toBe(0)
  }, 60_000)
})
