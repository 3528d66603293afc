import { Outcome, Referral } from "@nongan/core/Finding"
import * as Messages from "@nongan/core/Messages"
import { ErrorCode, ErrorJson, formatPath, make, type Params } from "@nongan/core/NonganError"
import { Verdict } from "@nongan/core/Verdict"
import { Schema } from "effect"
import fc from "fast-check"
import { describe, expect, test } from "vitest"
import { textArb } from "./arbitraries"
import { prop } from "./property"

const LOCALES: ReadonlyArray<Messages.Locale> = ["zh-CN", "en"]
const CODES = ErrorCode.literals

// every parameter name a message template may use, with a sample value
const PARAM_KEYS = ["value", "name", "detail", "layer", "parent", "expected", "candidates", "nearest"] as const

const checkShape = (text: string, locale: Messages.Locale): void => {
  expect(text.length).toBeGreaterThan(0)
  expect(text).not.toMatch(/\{\w+\}/) // no placeholder left over
  expect(text).toBe(text.trim())
  expect(text).not.toMatch(/[.。]$/) // no trailing period
  expect(text).not.toMatch(/`undefined`|\[object|NonganError/)
  if (locale === "en") expect(text).toMatch(/^[a-z`]/) // lower-case, or user input first
}

describe("Messages.formatError", () => {
  test.each(CODES.flatMap((code) => LOCALES.map((locale) => [code, locale] as const)))(
    "%s renders in %s without parameters",
    (code, locale) => {
      const text = Messages.formatError(make(code), locale)
      checkShape(text, locale)
      expect(text).not.toMatch(/\s{2}/)
      expect(text).not.toMatch(/`/) // no parameters, nothing quoted
    }
  )

  // each value carries a tag naming its key (`<name>…`), so that what the message shows is unambiguous
  const tagged = (key: string, arb: fc.Arbitrary<string>) => arb.map((s) => `<${key}>${s}`)
  const listOf = (key: string) => fc.array(tagged(key, textArb(0, 6)), { minLength: 1, maxLength: 3 })

  prop([
    fc.constantFrom(...CODES),
    fc.constantFrom(...LOCALES),
    fc.record({
      value: tagged("value", textArb(0, 10)),
      name: tagged("name", textArb(0, 10)),
      detail: tagged("detail", textArb(0, 10)),
      layer: tagged("layer", textArb(0, 10)),
      parent: tagged("parent", textArb(0, 10)),
      expected: listOf("expected"),
      candidates: listOf("candidates"),
      nearest: listOf("nearest")
    })
  ])("every code renders user input in backticks in both locales", (code, locale, params) => {
    const text = Messages.formatError(make(code, [], params), locale)
    checkShape(text, locale)
    const shown = PARAM_KEYS.filter((k) => text.includes(`<${k}>`))
    // every value of a parameter the message shows is there, whole and in backticks
    for (const k of shown) {
      const v = params[k]
      for (const x of Array.isArray(v) ? v : [v]) expect(text).toContain(`\`${x}\``)
    }
    // and nothing of it appears outside backticks
    const outside = text.split("`").filter((_, i) => i % 2 === 0).join("")
    expect(outside).not.toMatch(/<\w+>/)
    // a message shows a parameter exactly when it has a slot for one (it changes with params)
    expect(shown.length > 0).toBe(Messages.formatError(make(code, [], {}), locale) !== text)
  })

  test.each(CODES.flatMap((code) => LOCALES.map((locale) => [code, locale] as const)))(
    "%s in %s ends with the path",
    (code, locale) => {
      const text = Messages.formatError(make(code, ["results", 0, "unit"]), locale)
      expect(text.endsWith(locale === "en" ? " (at results[0].unit)" : "（位置：results[0].unit）")).toBe(true)
    }
  )

  test("the default locale is zh-CN", () => {
    const e = make("unknown-food", ["product"], { name: "小白采" })
    expect(Messages.formatError(e)).toBe(Messages.formatError(e, "zh-CN"))
    expect(Messages.formatError(e)).not.toBe(Messages.formatError(e, "en"))
  })

  test("documented example", () => {
    expect(Messages.formatError(make("unknown-food", ["product"], { name: "小白采", nearest: ["小白菜"] }), "en")).toBe(
      "unknown food `小白采`, nearest known names: `小白菜` (at product)"
    )
  })

  test("a value at the start of a message has no separator before it (regression)", () => {
    const e = make("not-an-animal-product", [], { name: "普通白菜" })
    expect(Messages.formatError(e, "en")).toMatch(/^`普通白菜` is not an animal product/)
    expect(Messages.formatError(e, "zh-CN")).toMatch(/^`普通白菜`不是动物性产品/)
  })

  test("an invalid value shows the value, then what was expected, in the locale's list style (regression)", () => {
    const e = make("invalid-value", ["verdict"], { value: "ok", expected: ["compliant", "non-compliant"] })
    expect(Messages.formatError(e, "en")).toBe("invalid value `ok`, expected `compliant`, `non-compliant` (at verdict)")
    expect(Messages.formatError(e, "zh-CN")).toBe("取值无效：`ok`，应为`compliant`、`non-compliant`（位置：verdict）")
  })

  test("an empty list parameter counts as absent", () => {
    expect(Messages.formatError(make("unknown-food", [], { name: "x", nearest: [] }), "en")).toBe("unknown food `x`")
  })
})

describe("paths", () => {
  test("formatPath renders keys with dots and indices in brackets", () => {
    expect(formatPath(["results", 0, "unit"])).toBe("results[0].unit")
    expect(formatPath([])).toBe("")
    expect(formatPath([3])).toBe("[3]")
    expect(formatPath([0, "a", 1, 2, "b"])).toBe("[0].a[1][2].b")
  })

  prop([fc.array(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/), { minLength: 1, maxLength: 5 })])(
    "a path of keys renders as the keys joined by dots",
    (keys) => {
      expect(formatPath(keys)).toBe(keys.join("."))
    }
  )

  prop([fc.stringMatching(/^[a-z]{1,6}$/), fc.array(fc.nat({ max: 99 }), { maxLength: 4 })])(
    "indices follow their key without a dot",
    (key, indices) => {
      expect(formatPath([key, ...indices])).toBe(`${key}${indices.map((i) => `[${i}]`).join("")}`)
    }
  )
})

describe("labels and JSON", () => {
  test.each(LOCALES)("every outcome, verdict and referral has a %s label", (locale) => {
    for (const o of Outcome.literals) checkShape(Messages.outcomeLabel(o, locale), locale)
    for (const v of Verdict.literals) checkShape(Messages.verdictLabel(v, locale), locale)
    for (const r of Referral.literals) checkShape(Messages.referralLabel(r, locale), locale)
    expect(Messages.unverifiedNote(locale).trim().length).toBeGreaterThan(0)
  })

  test("labels differ between outcomes within a locale", () => {
    for (const locale of LOCALES) {
      const labels = Outcome.literals.map((o) => Messages.outcomeLabel(o, locale))
      expect(new Set(labels).size).toBe(labels.length)
    }
  })

  test("documented label examples", () => {
    expect(Messages.outcomeLabel("exceeds-limit")).toBe("超过限量")
    expect(Messages.verdictLabel("non-compliant", "en")).toBe("non-compliant")
    expect(Messages.referralLabel("criminal-referral")).toBe("涉嫌犯罪，移送公安机关")
  })

  prop([
    fc.constantFrom(...CODES),
    fc.constantFrom(...LOCALES),
    fc.array(fc.oneof(fc.stringMatching(/^[a-z]{1,5}$/), fc.nat({ max: 9 })), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("name", "value", "detail"), textArb(1, 6)) as fc.Arbitrary<Params>
  ])("toJson is a valid ErrorJson with the rendered message and path", (code, locale, path, params) => {
    const e = make(code, path, params)
    const json = Messages.toJson(e, locale)
    expect(Schema.decodeUnknownSync(ErrorJson)(json)).toEqual(json)
    expect(json.code).toBe(code)
    expect(json.path).toBe(formatPath(path))
    expect(json.message).toBe(Messages.formatError(e, locale))
    expect(json.params).toEqual(params)
  })
})
