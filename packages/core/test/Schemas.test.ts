// Every schema of @nongan/core: generated valid inputs decode, and encode-then-decode is the
// identity; generated invalid inputs fail with a known error code and the path of the bad field.
import * as CalendarDate from "@nongan/core/CalendarDate"
import { Citation } from "@nongan/core/Citation"
import * as Decimal from "@nongan/core/Decimal"
import { decoder } from "@nongan/core/Decode"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Finding, Outcome, Referral, Severity } from "@nongan/core/Finding"
import { RegionCode } from "@nongan/core/Ids"
import { ErrorCode, type NonganError } from "@nongan/core/NonganError"
import { Quantity } from "@nongan/core/Quantity"
import { Unit } from "@nongan/core/Unit"
import { PackRef, RecordReport, Verdict } from "@nongan/core/Verdict"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { dateStringArb, decArb, render, renderingArb, textArb, trimmedArb } from "./arbitraries"
import { prop } from "./property"

// ---------------------------------------------------------------------------------------------
// Valid encoded inputs, by hand
// ---------------------------------------------------------------------------------------------

const decimalStringArb = fc.tuple(decArb, renderingArb).map(([x, r]) => render(x, r))
const calendarDateArb = fc.oneof(dateStringArb(), dateStringArb(1, 9999))
const regionCodeArb = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, "0"))
const verificationArb = fc.constantFrom(...Verification.literals)
const quantityArb = fc.record({ value: decimalStringArb, unit: fc.constantFrom(...Unit.literals) })
const effectivePeriodArb = fc
  .tuple(calendarDateArb, fc.option(calendarDateArb, { nil: undefined }))
  .map(([a, b]) => (b === undefined ? { from: a } : a <= b ? { from: a, to: b } : { from: b, to: a }))

const citationArb = fc.record(
  {
    instrument: trimmedArb,
    clause: textArb(),
    announcement: textArb(),
    url: fc.option(textArb(), { nil: null }),
    note: textArb()
  },
  { requiredKeys: ["instrument"] }
)

const findingArb = fc.record(
  {
    code: fc.oneof(fc.constantFrom("residue.exceeds-limit", "interval.too-short", "local.kz-key-variety"), textArb()),
    outcome: fc.constantFrom(...Outcome.literals),
    severity: fc.constantFrom(...Severity.literals),
    substance: textArb(),
    food: textArb(),
    measured: fc.double(),
    limit: fc.double(),
    unit: textArb(),
    source: textArb(),
    citation: citationArb,
    citations: fc.array(citationArb, { maxLength: 3 }),
    verification: verificationArb,
    temporary: fc.boolean(),
    decisionRule: textArb(),
    referral: fc.constantFrom(...Referral.literals),
    categoryPath: fc.array(textArb(), { maxLength: 4 }),
    layer: textArb(),
    rule: textArb(),
    values: fc.dictionary(textArb(1, 6), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4, noNullPrototype: true }),
    message: textArb()
  },
  { requiredKeys: ["code", "outcome", "severity"] }
)

const packRefArb = fc.record({ id: textArb(), jurisdiction: regionCodeArb, version: textArb(), hash: fc.stringMatching(/^[0-9a-f]{64}$/) })

const recordReportArb = fc.record(
  {
    id: textArb(),
    kind: textArb(),
    verdict: fc.constantFrom(...Verdict.literals),
    asOf: calendarDateArb,
    product: textArb(),
    region: regionCodeArb,
    verification: verificationArb,
    findings: fc.array(findingArb, { maxLength: 3 }),
    packs: fc.array(packRefArb, { maxLength: 3 })
  },
  { requiredKeys: ["id", "verdict", "findings"] }
)

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

const decodeOk = <A, I>(schema: Schema.Schema<A, I, never>, u: unknown): A => {
  const r = decoder(schema)(u)
  if (!r.ok) throw new Error(`expected ${JSON.stringify(u)} to decode, got ${JSON.stringify(r.errors)}`)
  return r.value
}

const roundTrip = <A, I>(schema: Schema.Schema<A, I, never>, u: unknown): readonly [A, A] => {
  const once = decodeOk(schema, u)
  const encoded = Schema.encodeSync(schema)(once)
  return [once, decodeOk(schema, encoded)]
}

describe("schemas round-trip: decode(encode(decode(x))) equals decode(x)", () => {
  prop([calendarDateArb])("CalendarDate", (x) => {
    const [once, twice] = roundTrip(CalendarDate.CalendarDate, x)
    expect(once).toBe(x)
    expect(twice).toBe(once)
  })

  prop([decimalStringArb])("Decimal (DecimalFromString)", (x) => {
    const [once, twice] = roundTrip(Decimal.DecimalFromString, x)
    expect(Decimal.isDecimal(once)).toBe(true)
    expect(Decimal.equals(twice, once)).toBe(true)
    // and the encoded form is the canonical string, which encodes to itself
    expect(Schema.encodeSync(Decimal.DecimalFromString)(once)).toBe(once.toString())
    expect(Schema.encodeSync(Decimal.DecimalFromString)(twice)).toBe(once.toString())
  })

  prop([quantityArb])("Quantity", (x) => {
    const [once, twice] = roundTrip(Quantity, x)
    expect(once.unit).toBe(x.unit)
    expect(twice.unit).toBe(once.unit)
    expect(Decimal.equals(twice.value, once.value)).toBe(true)
    expect(Decimal.equals(once.value, Decimal.unsafeMake(x.value))).toBe(true)
  })

  prop([citationArb])("Citation", (x) => {
    const [once, twice] = roundTrip(Citation, x)
    expect(once).toEqual(x)
    expect(twice).toEqual(once)
  })

  prop([verificationArb])("Verification", (x) => {
    const [once, twice] = roundTrip(Verification, x)
    expect(once).toBe(x)
    expect(twice).toBe(once)
  })

  prop([effectivePeriodArb])("EffectivePeriod", (x) => {
    const [once, twice] = roundTrip(EffectivePeriod, x)
    expect(once).toEqual(x)
    expect(twice).toEqual(once)
  })

  prop([regionCodeArb])("RegionCode", (x) => {
    const [once, twice] = roundTrip(RegionCode, x)
    expect(once).toBe(x)
    expect(twice).toBe(once)
  })

  prop([findingArb])("Finding", (x) => {
    const [once, twice] = roundTrip(Finding, x)
    expect(once).toEqual(x)
    expect(twice).toEqual(once)
  })

  prop([recordReportArb], { numRuns: 50 })("RecordReport", (x) => {
    const [once, twice] = roundTrip(RecordReport, x)
    expect(once).toEqual(x)
    expect(twice).toEqual(once)
  })

  prop([packRefArb])("PackRef", (x) => {
    const [once, twice] = roundTrip(PackRef, x)
    expect(twice).toEqual(once)
  })
})

// ---------------------------------------------------------------------------------------------
// Invalid inputs
// ---------------------------------------------------------------------------------------------

const CODES: ReadonlyArray<string> = ErrorCode.literals

const errorsOf = <A, I>(schema: Schema.Schema<A, I, never>, u: unknown): ReadonlyArray<NonganError> => {
  const r = decoder(schema)(u)
  if (r.ok) throw new Error(`expected ${JSON.stringify(u)} to be refused`)
  expect(r.errors.length).toBeGreaterThan(0)
  for (const e of r.errors) {
    expect(CODES).toContain(e.code)
    expect(Array.isArray(e.path)).toBe(true)
  }
  return r.errors
}

const summary = (errors: ReadonlyArray<NonganError>) => errors.map((e) => ({ code: e.code, path: e.path }))

interface StructCase {
  readonly name: string
  readonly schema: Schema.Schema<any, any, never>
  readonly arb: fc.Arbitrary<Record<string, unknown>>
  readonly fields: ReadonlyArray<string>
  readonly required: ReadonlyArray<string>
}

const STRUCTS: ReadonlyArray<StructCase> = [
  { name: "Quantity", schema: Quantity, arb: quantityArb, fields: ["value", "unit"], required: ["value", "unit"] },
  {
    name: "Citation",
    schema: Citation,
    arb: citationArb,
    fields: ["instrument", "clause", "announcement", "url", "note"],
    required: ["instrument"]
  },
  { name: "EffectivePeriod", schema: EffectivePeriod, arb: effectivePeriodArb, fields: ["from", "to"], required: ["from"] },
  {
    name: "Finding",
    schema: Finding,
    arb: findingArb,
    fields: Object.keys(Finding.fields),
    required: ["code", "outcome", "severity"]
  },
  {
    name: "RecordReport",
    schema: RecordReport,
    arb: recordReportArb,
    fields: Object.keys(RecordReport.fields),
    required: ["id", "verdict", "findings"]
  }
]

// a value of the wrong JSON type for any field of these schemas (all fields take strings,
// numbers, booleans, literals, arrays or records, never all of these at once)
const wrongTypeFor = (u: unknown): fc.Arbitrary<unknown> => {
  if (typeof u === "string") return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}))
  if (typeof u === "number") return fc.oneof(textArb(), fc.boolean(), fc.constant({}))
  if (typeof u === "boolean") return fc.oneof(textArb(), fc.integer(), fc.constant([]))
  if (Array.isArray(u)) return fc.oneof(textArb(), fc.integer(), fc.constant({ length: 0 }))
  if (u === null) return fc.oneof(fc.integer(), fc.boolean(), fc.constant([]))
  return fc.oneof(textArb(), fc.integer(), fc.boolean())
}

describe.each(STRUCTS)("$name refuses bad input with a code and a path", ({ schema, arb, fields, required }) => {
  prop([arb, fc.constantFrom(...required)])("a missing required field is missing-field at that key", (x, key) => {
    const { [key]: _dropped, ...rest } = x
    expect(summary(errorsOf(schema, rest))).toEqual([{ code: "missing-field", path: [key] }])
  })

  prop([arb, textArb(1, 8), fc.jsonValue({ maxDepth: 1 })])("an excess field is unexpected-field at that key", (x, key, v) => {
    fc.pre(!fields.includes(key))
    expect(summary(errorsOf(schema, { ...x, [key]: v }))).toEqual([{ code: "unexpected-field", path: [key] }])
  })

  prop([
    arb.chain((x) =>
      fc.constantFrom(...Object.keys(x)).chain((key) => wrongTypeFor(x[key]).map((bad) => [x, key, bad] as const))
    )
  ])("a field of the wrong type fails at that key", ([x, key, bad]) => {
    const errors = errorsOf(schema, { ...x, [key]: bad })
    for (const e of errors) expect(e.path[0]).toBe(key)
  })

  prop([fc.anything()])("any value at all is refused or accepted, never thrown on", (u) => {
    const r = decoder(schema)(u)
    if (!r.ok) for (const e of r.errors) expect(CODES).toContain(e.code)
  })
})

describe("specific codes for invalid values", () => {
  const unitSpellings = new Set<string>(Unit.literals)

  prop([quantityArb, textArb()])("a Quantity with an unknown unit is invalid-unit at unit", (x, unit) => {
    fc.pre(!unitSpellings.has(unit))
    expect(errorsOf(Quantity, { ...x, unit })).toEqual([{ _tag: "NonganError", code: "invalid-unit", path: ["unit"], params: { value: unit } }])
  })

  test("a Quantity with unit ppm is invalid-unit at unit", () => {
    expect(summary(errorsOf(Quantity, { value: "0.01", unit: "ppm" }))).toEqual([{ code: "invalid-unit", path: ["unit"] }])
  })

  prop([quantityArb, fc.string({ maxLength: 8 })])("a Quantity whose value is no decimal is invalid-decimal at value", (x, value) => {
    fc.pre(Decimal.parse(value) === undefined || value.trim() !== value)
    expect(summary(errorsOf(Quantity, { ...x, value }))).toEqual([{ code: "invalid-decimal", path: ["value"] }])
  })

  test("errors are gathered: a Quantity with both fields bad has two errors", () => {
    expect(summary(errorsOf(Quantity, { value: "x", unit: "ppm" }))).toEqual([
      { code: "invalid-decimal", path: ["value"] },
      { code: "invalid-unit", path: ["unit"] }
    ])
  })

  prop([fc.string({ maxLength: 12 })])("a string that is no calendar date is invalid-date", (s) => {
    fc.pre(!CalendarDate.isValid(s))
    expect(summary(errorsOf(CalendarDate.CalendarDate, s))).toEqual([{ code: "invalid-date", path: [] }])
  })

  test.each(["2025-02-29", "2023-13-01", "2024-04-31"])("%s is invalid-date with the value as a parameter", (s) => {
    expect(errorsOf(CalendarDate.CalendarDate, s)).toEqual([{ _tag: "NonganError", code: "invalid-date", path: [], params: { value: s } }])
  })

  prop([fc.string({ maxLength: 8 })])("a string that is not six ASCII digits is invalid-region", (s) => {
    fc.pre(!/^[0-9]{6}$/.test(s))
    expect(summary(errorsOf(RegionCode, s))).toEqual([{ code: "invalid-region", path: [] }])
  })

  test.each(["50015", "5001544", "５００１５４", "500154\n", "50015a"])("%j is invalid-region", (s) => {
    expect(summary(errorsOf(RegionCode, s))).toEqual([{ code: "invalid-region", path: [] }])
  })

  prop([textArb()])("an unknown verification level is invalid-value listing the levels", (s) => {
    fc.pre(!(Verification.literals as ReadonlyArray<string>).includes(s))
    const errors = errorsOf(Verification, s)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.code).toBe("invalid-value")
    expect(errors[0]!.params["expected"]).toEqual([...Verification.literals])
  })

  test("a reversed EffectivePeriod is date-order", () => {
    expect(summary(errorsOf(EffectivePeriod, { from: "2026-03-01", to: "2026-02-28" }))).toEqual([{ code: "date-order", path: [] }])
  })

  test("non-strings where strings are expected are invalid-type", () => {
    expect(errorsOf(CalendarDate.CalendarDate, 20240101)).toEqual([{ _tag: "NonganError", code: "invalid-type", path: [], params: { expected: "string" } }])
    expect(summary(errorsOf(Decimal.DecimalFromString, 0.5))).toEqual([{ code: "invalid-type", path: [] }])
    expect(summary(errorsOf(Citation, { instrument: "GB 2763-2021", url: 5 }))).toEqual([{ code: "invalid-type", path: ["url"] }])
  })

  test("a blank instrument is invalid-value", () => {
    expect(summary(errorsOf(Citation, { instrument: " " }))).toEqual([{ code: "invalid-value", path: ["instrument"] }])
    expect(summary(errorsOf(Citation, { instrument: "" }))).toEqual([{ code: "invalid-value", path: ["instrument"] }])
  })

  test("a bad finding inside a report is reported at its full path", () => {
    const errors = errorsOf(RecordReport, {
      id: "KZ-1",
      verdict: "compliant",
      findings: [
        { code: "x", outcome: "within-limit", severity: "info" },
        { code: "x", outcome: "within-limit", severity: "fatal", citation: { instrument: "" } }
      ]
    })
    expect(summary(errors)).toEqual([
      { code: "invalid-value", path: ["findings", 1, "severity"] },
      { code: "invalid-value", path: ["findings", 1, "citation", "instrument"] }
    ])
  })
})
