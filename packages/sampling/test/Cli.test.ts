import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { run } from "../../../test/support/cli"

const ex = (f: string) => join(import.meta.dirname, "..", "examples", f)
const fx = (f: string) => join(import.meta.dirname, "fixtures", f)

describe("nongan plan / draw / kpi", () => {
  test("plan: 开州区 2022 from its pack, as JSON and CSV", async () => {
    const args = ["plan", "--region", "500154", "--from", "2022-04-12", "--to", "2022-12-31", "--population", "670000"]
    const j = await run([...args, "--format", "json"])
    expect(j.code).toBe(0)
    const p = JSON.parse(j.stdout)
    expect([p.quotas.monitoring.count, p.quotas.supervision.count]).toEqual([1005, 201])
    const c = await run([...args, "--format", "csv"])
    expect(c.stdout.split("\n").slice(0, 3)).toEqual([
      "section,key,count,detail",
      "quota,monitoring,1005,1.5 × 670000 ÷ 1000 = 1005 → 1005 (ceiling)",
      "quota,supervision,201,0.20 × 1005 = 201 → 201 (ceiling)"
    ])
    expect((await run(["plan", "--region", "500154", "--from", "2022-04-12", "--to", "2022-12-31", "--population", "670000", "--per-thousand", "1"])).code).toBe(1)
    expect((await run(["plan", "--bogus"])).code).toBe(2)
  })
  test("draw, then --replay: matches; a changed pool does not", async () => {
    const d = await run(["draw", "--spec", ex("draw-spec.json"), "--pool", ex("pool.csv"), "--roster", ex("roster.csv"), "--format", "json"])
    expect(d.code).toBe(0)
    const dir = mkdtempSync(join(tmpdir(), "nongan-draw-"))
    writeFileSync(join(dir, "draw.json"), d.stdout)
    const r = await run(["draw", "--replay", join(dir, "draw.json")])
    expect([r.code, r.stdout.startsWith("✓")]).toEqual([0, true])
    const published = JSON.parse(d.stdout)
    published.input.pool = published.input.pool.slice(1)
    writeFileSync(join(dir, "changed.json"), JSON.stringify(published))
    const x = await run(["draw", "--replay", join(dir, "changed.json"), "--format", "json"])
    expect(x.code).toBe(1)
    expect(JSON.parse(x.stdout).differences).toContain("pool.sha256")
    const csv = await run(["draw", "--spec", ex("draw-spec.json"), "--pool", ex("pool.csv"), "--roster", ex("roster.csv"), "--format", "csv"])
    expect(csv.stdout.split("\n")[0]).toBe("kind,order,subject,inspectors")
  })
  test("kpi: table, JSON, CSV and an SVG chart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-kpi-"))
    const svg = join(dir, "chart.svg")
    const t = await run(["kpi", fx("hand-checked.report.jsonl"), "--records", fx("hand-checked.records.jsonl"), "--region", "511900", "--on", "2025-06-30", "--svg", svg])
    expect(t.code).toBe(0)
    expect(t.stdout).toMatch(/monitoring\.provincialRoutine\.passRate\.target\.2025 ≥ 0\.985 \[cn-511900-2024\]: .* not met/)
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/)
    const j = JSON.parse((await run(["kpi", fx("hand-checked.report.jsonl"), "--format", "json"])).stdout)
    expect(j.overall.sampled).toBeGreaterThan(0)
    const c = await run(["kpi", fx("hand-checked.report.jsonl"), "--format", "csv"])
    expect(c.stdout.split("\n")[0]).toBe("dimension,key,sampled,passed,failed,indeterminate,rapid,rate")
  })
})
