/**
 * `splitLines` cuts a text stream into the lines `node:readline` gives (`crlfDelay: Infinity`),
 * whatever the chunks: `\n`, `\r\n`, a lone `\r`, a `\r\n` cut between chunks, blank lines, a
 * last line without its break, characters of several bytes.
 */
import { createInterface } from "node:readline"
import { Readable } from "node:stream"
import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { splitLines } from "@nongan/cli/LineSplit"

const viaReadline = async (chunks: ReadonlyArray<string>): Promise<Array<string>> => {
  const out: Array<string> = []
  for await (const l of createInterface({ input: Readable.from(chunks, { objectMode: false, encoding: "utf8" }), crlfDelay: Infinity })) out.push(l)
  return out
}
const viaSplit = async (chunks: ReadonlyArray<string>): Promise<Array<string>> => {
  const out: Array<string> = []
  for await (const l of splitLines(Readable.from(chunks, { objectMode: false, encoding: "utf8" }))) out.push(l)
  return out
}

// text of the characters that matter, cut into chunks at random places
const piece = fc.constantFrom("\n", "\r", "\r\n", "a", "{", "}", "检", " ", "")
const chunked = fc.array(fc.array(piece, { maxLength: 12 }).map((p) => p.join("")), { maxLength: 12 })

describe("splitLines", () => {
  test.prop([chunked], { numRuns: 400 })("the lines readline gives, for any text cut anywhere", async (chunks) => {
    expect(await viaSplit(chunks)).toEqual(await viaReadline(chunks))
  })
  test.prop([chunked])("however the same text is cut", async (chunks) => {
    expect(await viaSplit(chunks)).toEqual(await viaSplit([chunks.join("")]))
  })
})

describe("splitLines, by example", () => {
  test("a \\r\\n cut between chunks is one break; a lone \\r is a break; the last line without its break", async () => {
    const chunks = ["a\r", "\nb\r\r\nc\n\n", "d"]
    expect(await viaSplit(chunks)).toEqual(["a", "b", "", "c", "", "d"])
    expect(await viaReadline(chunks)).toEqual(["a", "b", "", "c", "", "d"])
  })
})
