/**
 * A certificate may name as evidence a record read long before it: 50 000 records earlier, it is
 * still found (its JSON line, kept as bytes, is read again), with `--jobs 1` and with workers;
 * beyond the window (more than 100 000 ids earlier) it is reported missing, as before; and both
 * paths write the same bytes. The records in between are small ones (malformed: no kind), so that
 * the input is long but quick to judge; they count in the window all the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { EVIDENCE_WINDOW } from "@nongan/sdk/EvidenceWindow"
import { certificate, runCase } from "../../../test/cli/check-jobs-support"

let dir = ""
let file = ""

const inspection = (id: string) =>
  JSON.stringify({ id, kind: "inspection", sampledOn: "2026-06-10", product: "豇豆", region: "500154", method: "lab", results: [{ substance: "克百威", value: "ND", unit: "mg/kg" }] })

// the ids before CERT-NEAR and CERT-FAR: OLD-1 is EVIDENCE_WINDOW + 20 000 ids back from CERT-FAR, OLD-2 is 50 000 back
const FILLER = EVIDENCE_WINDOW + 20_000
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nongan-far-"))
  file = join(dir, "far.jsonl")
  const lines = [inspection("OLD-1")]
  for (let i = 0; i < FILLER; i++) {
    if (i === FILLER - 50_000) lines.push(inspection("OLD-2"))
    lines.push(`{"id":"F-${i}"}`)
  }
  lines.push(JSON.stringify(certificate("CERT-NEAR", ["OLD-2"])))
  lines.push(JSON.stringify(certificate("CERT-FAR", ["OLD-1"])))
  lines.push(JSON.stringify(certificate("CERT-NONE", ["NO-SUCH-ID"])))
  writeFileSync(file, `${lines.join("\n")}\n`)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Out = { id: string; findings?: ReadonlyArray<{ code: string; values?: { evidence?: ReadonlyArray<{ id: string; reason: string }> | unknown } }> }
const certs = (b: Buffer): Map<string, Out> => {
  const m = new Map<string, Out>()
  for (const l of b.toString("utf8").split("\n")) if (l.startsWith('{"id":"CERT-')) m.set((JSON.parse(l) as Out).id, JSON.parse(l) as Out)
  return m
}
const missing = (o: Out | undefined): string => JSON.stringify((o?.findings ?? []).filter((f) => f.code === "certificate.evidence-missing"))

describe("evidence named far back", () => {
  test("found 50 000 records back, missing beyond the window, the same with --jobs 1 and 2 workers", async () => {
    const one = await runCase({ files: [file], format: "jsonl" }, 1)
    let started = 0
    const two = await runCase({ files: [file], format: "jsonl" }, 2, { parallel: { onStart: (n) => (started = n) } })
    expect(one.error).toBeUndefined()
    expect(two.error).toBeUndefined()
    expect(started).toBe(2)
    expect(one.summary!.records).toBe(FILLER + 5)
    expect(two.bytes.equals(one.bytes)).toBe(true)
    for (const r of [one, two]) {
      const c = certs(r.bytes)
      expect(c.size).toBe(3)
      // the control: an id that never was is reported missing (so that a missing one shows)
      expect(missing(c.get("CERT-NONE"))).toContain("NO-SUCH-ID")
      // 50 000 records back: found, not missing
      expect(missing(c.get("CERT-NEAR"))).toBe("[]")
      // more than the window back: reported missing, as an id never seen
      expect(missing(c.get("CERT-FAR"))).toContain("OLD-1")
      expect(missing(c.get("CERT-FAR"))).toBe(missing(c.get("CERT-NONE")).split("NO-SUCH-ID").join("OLD-1"))
    }
  }, 240_000)
})
