import { describe, expect, it } from "vitest"
import { fromAcceptLanguage, httpMessage } from "@nongan/server/Language"
import { HttpErrorCode } from "@nongan/server/Schemas"

describe("fromAcceptLanguage", () => {
  it.each([
    [undefined, "zh-CN"],
    ["", "zh-CN"],
    ["en", "en"],
    ["EN-us", "en"],
    ["en-GB,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en;q=0.1, zh;q=0.9", "zh-CN"],
    ["fr-FR, en;q=0.5", "en"],
    ["fr, de", "zh-CN"],
    ["*", "zh-CN"],
    ["en;q=0", "zh-CN"],
    ["en;q=abc", "zh-CN"],
    [["de", "en-US"], "en"]
  ] as const)("%j → %s", (header, locale) => {
    expect(fromAcceptLanguage(header as string | ReadonlyArray<string> | undefined)).toBe(locale)
  })
})

describe("httpMessage", () => {
  it("has a zh-CN and an en message for every code of the service, lower-case, no trailing period", () => {
    for (const code of HttpErrorCode.literals) {
      const zh = httpMessage(code, "zh-CN", { limit: 1, type: "x", url: "/x" })
      const en = httpMessage(code, "en", { limit: 1, type: "x", url: "/x" })
      expect(zh).not.toBe(code)
      expect(en).not.toBe(code)
      expect(zh).toMatch(/[\u4e00-\u9fff]/)
      expect(en).not.toMatch(/[\u4e00-\u9fff]|\.$|^[A-Z]/)
      expect(`${zh}${en}`).not.toMatch(/\{\w+\}/)
    }
  })
})
