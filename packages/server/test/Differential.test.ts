// The same 1,000 records through the SDK, the CLI and the HTTP service (JSON batch, NDJSON stream
// and one request per record) give identical reports, decision ids aside.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createValidator } from "@nongan/sdk/Validator"
import { run } from "../../../test/support/cli"
import { post, type Running, start, withoutDecisionId } from "./support"

const lines = readFileSync(join(import.meta.dirname, "..", "..", "..", "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n").slice(0, 1000)
const records = lines.map((l) => JSON.parse(l))

let s: Running
let sdk: ReadonlyArray<unknown>
beforeAll(async () => {
  s = await start()
  const v = createValidator()
  if (!v.ok) throw new Error("validator")
  sdk = [...v.value.validateMany(records)].map((x) => JSON.parse(JSON.stringify(x.ok ? x.report : x.failure)))
})
afterAll(async () => s.close())

describe("SDK = CLI = HTTP on 1,000 records", () => {
  it("the sample holds every verdict and some malformed records (else the comparison proves little)", () => {
    const kinds = new Set(sdk.map((x: any) => x.verdict ?? "malformed"))
    expect(lines).toHaveLength(1000)
    expect([...kinds].sort()).toEqual(["compliant", "indeterminate", "non-compliant"].concat(kinds.has("malformed") ? ["malformed"] : []).sort())
  })

  it("the CLI (nongan check --format jsonl) gives the SDK's reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-diff-"))
    const file = join(dir, "records.jsonl")
    writeFileSync(file, `${lines.join("\n")}\n`)
    const cli = await run(["check", file, "--format", "jsonl", "--no-progress"])
    const out = cli.stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(out).toEqual(sdk)
  })

  it("HTTP, a JSON batch (in batches of 100): the SDK's reports with decision ids", async () => {
    const items: Array<unknown> = []
    for (let i = 0; i < records.length; i += 100) {
      const r = await post(s.base, "/v1/validate/batch", JSON.stringify(records.slice(i, i + 100)))
      expect(r.status).toBe(200)
      items.push(...r.json.items)
    }
    expect(items.every((x: any) => typeof x.decisionId === "string")).toBe(true)
    expect(items.map(withoutDecisionId)).toEqual(sdk)
  })

  it("HTTP, one NDJSON stream: the SDK's reports", async () => {
    const r = await post(s.base, "/v1/validate/batch", lines.join("\n"), { "content-type": "application/x-ndjson" })
    const out = r.text.trim().split("\n").map((l) => JSON.parse(l))
    expect(out.pop().summary.records).toBe(1000)
    expect(out.map(withoutDecisionId)).toEqual(sdk)
  })

  it("HTTP, one request per record (the first 200 records): the SDK's reports (failures as 400)", async () => {
    const out: Array<unknown> = []
    for (const l of lines.slice(0, 200)) {
      const r = await post(s.base, "/v1/validate", l)
      expect(r.status).toBe("verdict" in r.json ? 200 : 400)
      out.push(withoutDecisionId(r.json))
    }
    expect(out).toEqual(sdk.slice(0, 200))
  })
})
