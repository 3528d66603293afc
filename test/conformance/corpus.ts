/**
 * The conformance corpus: JSON cases (record, options, expected verdict and findings, or expected
 * error code and path) that every entry point runs — the SDK, the CLI, and the golden snapshots.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

export interface ExpectedFinding {
  readonly [key: string]: unknown
}
export interface Case {
  readonly name: string
  readonly description?: string
  readonly options?: { readonly decisionRule?: "reported-value" | { readonly uncertainty: string } }
  readonly record: Record<string, unknown>
  readonly expect:
    | { readonly verdict: string; readonly findings: ReadonlyArray<ExpectedFinding> }
    | { readonly error: string; readonly path: string }
}

export const cases: ReadonlyArray<Case> = JSON.parse(readFileSync(join(import.meta.dirname, "cases.json"), "utf8"))

/** The value at a dotted key of an expected finding (`error.code`, `read.substance.read`); a plain key is one property. */
const at = (o: any, key: string): unknown => key.split(".").reduce((x, k) => (x === undefined || x === null ? undefined : x[k]), o)

/** Compares an output object (a report or a failure, as printed in JSON) with a case's expectation; returns the mismatches. */
export const mismatches = (c: Case, out: any): ReadonlyArray<string> => {
  const problems: Array<string> = []
  if ("error" in c.expect) {
    if (!out.error) return [`expected error ${c.expect.error}, got verdict ${out.verdict}`]
    if (out.error.code !== c.expect.error) problems.push(`error code ${out.error.code} ≠ ${c.expect.error}`)
    if (out.error.path !== c.expect.path) problems.push(`error path ${out.error.path} ≠ ${c.expect.path}`)
    return problems
  }
  if (out.error) return [`expected verdict ${c.expect.verdict}, got error ${out.error.code} at ${out.error.path}`]
  if (out.verdict !== c.expect.verdict) problems.push(`verdict ${out.verdict} ≠ ${c.expect.verdict}`)
  if (out.findings.length !== c.expect.findings.length)
    problems.push(`${out.findings.length} findings (${out.findings.map((f: any) => f.code).join(", ")}) ≠ ${c.expect.findings.length}`)
  c.expect.findings.forEach((exp, i) => {
    const got = out.findings[i] ?? {}
    for (const [k, v] of Object.entries(exp)) {
      const have = at(got, k)
      if (JSON.stringify(have) !== JSON.stringify(v)) problems.push(`findings[${i}].${k}: ${JSON.stringify(have)} ≠ ${JSON.stringify(v)}`)
    }
  })
  return problems
}
