/**
 * The certificate corpus (test/conformance/certificates.json) through both doors: the SDK
 * (`validateMany` over the case's batch of records, then the certificate) and the CLI
 * (`nongan check --format jsonl` over one JSON Lines file of every case). Each case names the
 * verdict and the finding codes in order, or the error code and path; `findings` checks chosen
 * properties (dotted keys) of the findings in the same order.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { formatPath } from "@nongan/core/NonganError"
import { createValidator, loadDataset } from "@nongan/sdk/Validator"
import { run } from "../support/cli"

interface CertificateCase {
  readonly name: string
  readonly record: Record<string, unknown> & { readonly id: string }
  readonly batch?: ReadonlyArray<Record<string, unknown>>
  readonly expect:
    | { readonly verdict: string; readonly codes: ReadonlyArray<string>; readonly findings?: ReadonlyArray<Record<string, unknown>> }
    | { readonly error: string; readonly path: string }
}

export const certificateCases: ReadonlyArray<CertificateCase> = JSON.parse(readFileSync(join(import.meta.dirname, "certificates.json"), "utf8"))

const at = (o: any, key: string): unknown => key.split(".").reduce((x, k) => (x === undefined || x === null ? undefined : x[k]), o)

/** Mismatches between an output (a report, or a failure as printed) and a case's expectation. */
export const certificateMismatches = (c: CertificateCase, out: any): ReadonlyArray<string> => {
  if ("error" in c.expect) {
    if (!out.error) return [`expected error ${c.expect.error}, got ${out.verdict}`]
    return out.error.code === c.expect.error && out.error.path === c.expect.path ? [] : [`error ${out.error.code}@${out.error.path} ≠ ${c.expect.error}@${c.expect.path}`]
  }
  if (out.error) return [`expected ${c.expect.verdict}, got error ${out.error.code}@${out.error.path}`]
  const problems: Array<string> = []
  if (out.verdict !== c.expect.verdict) problems.push(`verdict ${out.verdict} ≠ ${c.expect.verdict}`)
  const codes = out.findings.map((f: any) => f.code)
  if (JSON.stringify(codes) !== JSON.stringify(c.expect.codes)) problems.push(`codes ${codes.join(",")} ≠ ${c.expect.codes.join(",")}`)
  ;(c.expect.findings ?? []).forEach((exp, i) => {
    for (const [k, v] of Object.entries(exp)) if (JSON.stringify(at(out.findings[i], k)) !== JSON.stringify(v)) problems.push(`findings[${i}].${k}: ${JSON.stringify(at(out.findings[i], k))} ≠ ${JSON.stringify(v)}`)
  })
  for (const f of out.findings) if (!f.citation?.instrument || !f.verification) problems.push(`${f.code} is not cited`)
  return problems
}

const dataset = loadDataset()
if (!dataset.ok) throw new Error("rule data does not load")
const v = createValidator({ dataset: dataset.value })
if (!v.ok) throw new Error(`validator: ${JSON.stringify(v.errors.slice(0, 3))}`)
const validator = v.value

describe("certificate corpus through the SDK", () => {
  test("the corpus covers every regime, cross-check and error", () => {
    expect(certificateCases.length).toBeGreaterThanOrEqual(35)
    const codes = new Set(certificateCases.flatMap((c) => ("codes" in c.expect ? c.expect.codes : [])))
    for (const k of ["conforms", "element-missing", "commitment-text", "basis-not-in-force", "date-in-future", "date-before-batch", "out-of-scope", "issuer-not-obliged", "false-commitment", "product-violation", "interval-not-over", "basis-not-covered", "upstream-missing", "evidence-missing", "no-regime", "legacy-basis"])
      expect(codes.has(`certificate.${k}`), k).toBe(true)
    for (const verdict of ["compliant", "non-compliant", "indeterminate"]) expect(certificateCases.some((c) => "verdict" in c.expect && c.expect.verdict === verdict)).toBe(true)
  })
  for (const c of certificateCases)
    test(c.name, () => {
      const results = [...validator.validateMany([...(c.batch ?? []), c.record])]
      const r = results[results.length - 1]!
      const out = r.ok ? r.report : r.failure
      expect(certificateMismatches(c, out)).toEqual([])
      if (!r.ok && "error" in c.expect) expect(formatPath(r.errors[0]!.path)).toBe(c.expect.path)
    })
})

describe("certificate corpus through the CLI", () => {
  test("nongan check --format jsonl gives every case its expected outcome", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-certificates-"))
    const file = join(dir, "certificates.jsonl")
    const seen = new Set<string>()
    const lines: Array<string> = []
    for (const c of certificateCases)
      for (const r of [...(c.batch ?? []), c.record]) {
        const id = String(r.id)
        if (seen.has(id)) continue
        seen.add(id)
        lines.push(JSON.stringify(r))
      }
    writeFileSync(file, `${lines.join("\n")}\n`)
    const { code, stdout } = await run(["check", file, "--format", "jsonl"])
    expect(code).toBe(1) // the error cases are malformed records
    const byId = new Map(stdout.trim().split("\n").map((l) => JSON.parse(l)).map((o) => [o.id, o]))
    const problems = certificateCases.flatMap((c) => certificateMismatches(c, byId.get(c.record.id) ?? { error: { code: "absent", path: "" } }).map((p) => `${c.name}: ${p}`))
    expect(problems).toEqual([])
  })
  test("nongan check reads certificates from CSV with Chinese headers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-certificates-"))
    const file = join(dir, "certificates.csv")
    writeFileSync(
      file,
      [
        "编号,记录类型,承诺主体,主体类型,联系方式,产品名称,数量（重量）,产地,开具日期,生产批次,承诺内容,承诺依据,区划代码",
        "CSV-1,certificate,开州区甲蔬菜专业合作社,农民专业合作社,023-52200000,豇豆,500 kg,重庆市开州区,2026-06-15,B-1,我承诺生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标,委托检测合格,500154",
        "CSV-2,certificate,开州区甲蔬菜专业合作社,农民专业合作社,,豇豆,500 kg,重庆市开州区,2026-06-15,B-2,我承诺生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标,自我承诺,500154"
      ].join("\n") + "\n"
    )
    const { code, stdout } = await run(["check", file, "--format", "jsonl"])
    expect(code).toBe(0)
    const out = stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(out.map((o) => [o.id, o.verdict, o.findings.map((f: any) => f.code)])).toEqual([
      ["CSV-1", "compliant", ["certificate.conforms"]],
      ["CSV-2", "non-compliant", ["certificate.element-missing", "certificate.basis-not-in-force", "certificate.legacy-basis"]]
    ])
  })
  test("nongan check --format explain names the article each finding rests on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-certificates-"))
    const file = join(dir, "c.jsonl")
    const c = certificateCases.find((x) => x.name === "2026-false-commitment-inline-inspection")!
    writeFileSync(file, `${JSON.stringify(c.record)}\n`)
    const { stdout } = await run(["check", file, "--format", "explain"])
    expect(stdout).toContain("第七十三条第（一）项")
    expect(stdout).toContain("第七十条第一款第（一）项、第（二）项")
    expect(stdout).toContain("第七十一条第一款第（一）项")
  })
})

describe("nongan coverage", () => {
  const registry = join(import.meta.dirname, "certificates-registry.json")
  const records = join(import.meta.dirname, "certificates-records.json")
  test("开州区 2022: 主体覆盖率 against the pack's 100 % target", async () => {
    const { code, stdout } = await run(["coverage", registry, records, "--period", "2022", "--region", "500154", "--format", "json"])
    expect(code).toBe(0)
    const r = JSON.parse(stdout)
    expect(r.definition.id).toBe("subject-coverage")
    expect(r.total).toMatchObject({ numerator: 2, denominator: 3, missing: ["KZ-S03"] })
    expect(r.target).toMatchObject({ value: "1.00", met: false, short: 1, layer: "cn-500154-2022" })
  })
  test("带证上市率 by product, and usage errors", async () => {
    const { stdout } = await run(["coverage", registry, records, "--period", "2022-01..2022-12", "--definition", "market-batch-coverage", "--format", "json"])
    const r = JSON.parse(stdout)
    expect(r.total).toMatchObject({ numerator: 2, denominator: 4, missing: ["KZ-M02", "KZ-M03"] })
    expect(r.target).toBeUndefined()
    expect((await run(["coverage", registry, records, "--period", "2022-13"])).code).toBe(2)
    expect((await run(["coverage", registry, records, "--period", "2022", "--definition", "nope"])).code).toBe(2)
  })
  test("the registry may be CSV with Chinese headers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-coverage-"))
    const file = join(dir, "registry.csv")
    writeFileSync(file, "主体编号,主体名称,主体类型,所属区域,产品,是否应开证\nKZ-S01,甲合作社,农民专业合作社,500154,豇豆、辣椒,是\nKZ-S09,戊公司,生产企业,500154,豇豆,是\n")
    const { stdout } = await run(["coverage", file, records, "--period", "2022", "--region", "500154", "--format", "json"])
    expect(JSON.parse(stdout).total).toMatchObject({ numerator: 1, denominator: 2, missing: ["KZ-S09"] })
  })
})
