/**
 * The fuzz suite of issue 17: the SDK's promises, checked on generated and hostile input with a
 * fixed seed and a bounded count (about 3 600 cases; `FUZZ_RUNS=20000 pnpm vitest run test/fuzz`
 * for a longer run, `FUZZ_SEED` to change the seed). Checked: no throw, no hang (every call
 * time-bounded), every record accounted for, typed errors with paths, determinism (run twice =
 * same JSON), no `compliant` verdict on a mutation that makes a record invalid, equivalent
 * spellings giving equal verdicts, reports that share nothing mutable. The figures are printed.
 */
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseJsonLossless } from "@nongan/core/Json"
import { ErrorCode, type NonganError } from "@nongan/core/NonganError"
import { explain } from "@nongan/sdk/Explain"
import { createValidator, type Validation, type Validator } from "@nongan/sdk/Validator"
import { loadDataset } from "@nongan/sdk/Validator"
import type { Dataset } from "@nongan/engine/Dataset"
import { decode as decodeInspection } from "@nongan/residues/Inspection"
import { decode as decodeApplication } from "@nongan/intervals/Application"
import { decode as decodeTreatment } from "@nongan/intervals/Treatment"
import { decode as decodePack } from "@nongan/engine/RulePack"
import { hostile, hostilePack, inspection, invalidating, spellings, useRecord } from "./arbitraries"

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 800)
const SEED = Number(process.env["FUZZ_SEED"] ?? 17)
const opts = (n = RUNS) => ({ seed: SEED, numRuns: n })
/** No single call may take longer (a hang would show as a case over the bound). */
const BOUND_MS = 5_000
const CODES: ReadonlySet<string> = new Set(ErrorCode.literals)

const figures = { cases: {} as Record<string, number>, crashes: 0, hangs: 0, lost: 0, throws: 0, nondeterministic: 0, internal: 0 }
const count = (form: string) => void (figures.cases[form] = (figures.cases[form] ?? 0) + 1)

let ds: Dataset
let v: Validator
beforeAll(() => {
  const d = loadDataset()
  if (!d.ok) throw new Error("dataset")
  ds = d.value
  const c = createValidator({ dataset: ds })
  if (!c.ok) throw new Error(JSON.stringify(c.errors))
  v = c.value
}, 120_000)

afterAll(() => {
  const total = Object.values(figures.cases).reduce((a, b) => a + b, 0)
  console.log(
    [
      `fuzz (seed ${SEED}, runs ${RUNS}): ${total} cases`,
      ...Object.entries(figures.cases).map(([k, n]) => `  ${k.padEnd(28)} ${n}`),
      `  crashes ${figures.crashes} · hangs ${figures.hangs} · lost records ${figures.lost} · throws ${figures.throws} · nondeterminism ${figures.nondeterministic} · internal errors ${figures.internal}`
    ].join("\n")
  )
})

/** Runs one call: it must return, within the bound; a throw or an overrun is counted and fails. */
const guarded = <A>(f: () => A): A => {
  const t = performance.now()
  let out: A
  try {
    out = f()
  } catch (e) {
    figures.throws++
    throw e
  }
  if (performance.now() - t > BOUND_MS) {
    figures.hangs++
    throw new Error(`took ${Math.round(performance.now() - t)} ms`)
  }
  return out
}

const typed = (errors: ReadonlyArray<NonganError>) => {
  expect(errors.length).toBeGreaterThan(0)
  for (const e of errors) {
    expect(CODES.has(e.code), e.code).toBe(true)
    expect(Array.isArray(e.path)).toBe(true)
    if (e.code === "internal-error") figures.internal++
    expect(e.code).not.toBe("internal-error")
  }
}

const wellFormed = (r: Validation) => {
  if (r.ok) expect(["compliant", "non-compliant", "indeterminate", "screen-positive"].includes(r.report.verdict) || typeof r.report.verdict === "string").toBe(true)
  else typed(r.errors)
}

describe("fuzz: JS records", () => {
  it("valid inspection records: no throw, typed errors, deterministic, reports that share nothing", () => {
    fc.assert(
      fc.property(inspection, (rec) => {
        count("inspection (JS)")
        const a = guarded(() => v.validate(rec))
        wellFormed(a)
        const b = guarded(() => v.validate(structuredClone(rec)))
        if (JSON.stringify(a) !== JSON.stringify(b)) figures.nondeterministic++
        expect(JSON.stringify(b)).toBe(JSON.stringify(a))
        if (a.ok) {
          // mutate everything reachable in the report: the next one is unchanged
          const before = JSON.stringify(b)
          vandalise(a.report)
          expect(JSON.stringify(guarded(() => v.validate(structuredClone(rec))))).toBe(before)
          expect(Array.isArray(guarded(() => explain(b.ok ? b.report : (undefined as never), "en")))).toBe(true)
        }
      }),
      opts()
    )
  })

  it("use records: no throw, typed errors, a malformed region is an error", () => {
    fc.assert(
      fc.property(useRecord, (rec) => {
        count("use record (JS)")
        const r = guarded(() => v.validate(rec))
        wellFormed(r)
        const region = (rec as { region?: string }).region
        if (region !== undefined && !/^\d{6}$/.test(region)) expect(r.ok).toBe(false)
      }),
      opts(Math.ceil(RUNS / 2))
    )
  })

  it("a mutation that makes a record invalid never gives `compliant`", () => {
    fc.assert(
      fc.property(inspection, invalidating, (rec, m) => {
        count("invalidating mutation")
        const r = guarded(() => v.validate(m.apply(rec)))
        wellFormed(r)
        expect(r.ok && r.report.verdict === "compliant", m.name).toBe(false)
      }),
      opts()
    )
  })

  it("one quantity written as a number, a string, with a unit, full-width or in µg/kg gets one verdict", () => {
    fc.assert(
      fc.property(inspection, spellings, (rec, s) => {
        count("equivalent spellings")
        const results = rec["results"] as Array<Record<string, unknown>>
        const verdicts = s.forms.map((form) => {
          const { value: _v, unit: _u, ...rest } = results[0]!
          const r = guarded(() => v.validate({ ...rec, results: [{ ...rest, ...form }] }))
          return r.ok ? [r.report.verdict, r.report.findings.map((f) => `${f.code}:${f.limit ?? ""}`).join(",")].join(" ") : r.errors.map((e) => e.code).join(",")
        })
        // and as JSON text, read losslessly
        const text = JSON.stringify({ ...rec, results: [{ ...results[0]!, value: "@@", unit: "mg/kg" }] }).replace('"@@"', s.mg)
        const parsed = parseJsonLossless(text)
        expect(parsed.ok).toBe(true)
        const j = parsed.ok ? guarded(() => v.validate(parsed.value)) : undefined
        const jv = j?.ok ? [j.report.verdict, j.report.findings.map((f) => `${f.code}:${f.limit ?? ""}`).join(",")].join(" ") : j?.errors.map((e) => e.code).join(",")
        expect(new Set([...verdicts, jv]).size, `${s.mg}: ${[...verdicts, jv].join(" | ")}`).toBe(1)
      }),
      opts(Math.ceil(RUNS / 2))
    )
  })

  it("hostile JS values: a typed error, never a throw", () => {
    fc.assert(
      fc.property(hostile, (h) => {
        count("hostile value")
        const r = guarded(() => v.validate(h.make()))
        wellFormed(r)
        expect(guarded(() => explain(h.make() as never)).length).toBeGreaterThan(0)
      }),
      opts(Math.ceil(RUNS / 4))
    )
  })

  it("anything at all: validate and explain return", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), (u) => {
        count("fc.anything")
        wellFormed(guarded(() => v.validate(u)))
        guarded(() => explain(u as never))
      }),
      opts()
    )
  })
})

describe("fuzz: decoders", () => {
  const decoders = [decodeInspection, decodeApplication, decodeTreatment, decodePack] as const
  it("every decoder returns a result for hostile values and anything at all", () => {
    fc.assert(
      fc.property(fc.oneof(hostile.map((h) => h.make), fc.anything({ withSparseArray: true, withNullPrototype: true, withBigInt: true }).map((u) => () => u)), (make) => {
        count("decoder input")
        for (const d of decoders) {
          const r = guarded(() => d(make()))
          if (!r.ok) typed(r.errors)
        }
      }),
      opts(Math.ceil(RUNS / 4))
    )
  })
})

describe("fuzz: batches", () => {
  it("validateMany yields one result per input, in order, even when some inputs are hostile", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(inspection.map((r) => () => r as unknown), hostile.map((h) => h.make), useRecord.map((r) => () => r as unknown)), { maxLength: 8 }), (makers) => {
        count("batch (validateMany)")
        const inputs = makers.map((m) => m())
        const out = guarded(() => [...v.validateMany(inputs)])
        if (out.length !== inputs.length) figures.lost += Math.abs(inputs.length - out.length)
        expect(out.length).toBe(inputs.length)
        out.forEach(wellFormed)
      }),
      opts(Math.ceil(RUNS / 4))
    )
  })

  it("a throwing iterator gives one error result, not a throw", () => {
    count("batch (validateMany)")
    const it = {
      *[Symbol.iterator]() {
        yield { id: "x" }
        throw new Error("broken source")
      }
    }
    const out = guarded(() => [...v.validateMany(it)])
    expect(out.map((r) => r.ok || r.errors[0]!.code)).toEqual(["missing-field", "unreadable-input"])
  })

  it("JSON text records read losslessly: 5.0000000000000001 is not 5", () => {
    count("JSON text")
    const text = (value: string) => `{"id":"J","kind":"inspection","sampledOn":"2024-06-15","product":"芹菜","results":[{"substance":"毒死蜱","value":${value},"unit":"mg/kg"}]}`
    const limit = v.validate(JSON.parse(text('"0.05"')))
    expect(limit.ok).toBe(true)
    const at = (s: string) => {
      const p = parseJsonLossless(text(s))
      return p.ok ? v.validate(p.value) : undefined
    }
    // the same digits as a number and as a string give the same report
    for (const digits of ["0.0500000000000000001", "5.0000000000000001", "0.05", "12345678901234567890"]) {
      expect(JSON.stringify(at(digits))).toBe(JSON.stringify(at(`"${digits}"`)))
    }
  })
})

describe("fuzz: hostile packs", () => {
  it("createValidator returns a validator or typed errors with paths for every hostile pack", () => {
    fc.assert(
      fc.property(hostilePack, (h) => {
        count("hostile pack")
        const r = guarded(() => createValidator({ dataset: ds, bundledPacks: false, packs: [h.pack()] }))
        if (!r.ok) typed(r.errors)
        // the loosening attempts, identical rows and unknown facts are refused
        if (h.name !== "junk") expect(r.ok, h.name).toBe(false)
      }),
      opts(Math.min(60, RUNS))
    )
  }, 300_000)
})

/** Overwrites every string, number and array reachable in a value (a caller vandalising a report). */
// what a report shares with the rule data is frozen (`Plain.freezeBelowFindings`): a mutation of
// it is refused, so only what is not frozen is vandalised; the next report must not change either way
const vandalise = (u: unknown, depth = 0): void => {
  if (typeof u !== "object" || u === null || depth > 20 || Object.isFrozen(u)) return
  if (Array.isArray(u)) {
    u.forEach((x) => vandalise(x, depth + 1))
    u.push("vandal")
    return
  }
  for (const k of Object.keys(u)) {
    const x = (u as Record<string, unknown>)[k]
    if (typeof x === "object" && x !== null) vandalise(x, depth + 1)
    else (u as Record<string, unknown>)[k] = "vandal"
  }
}
