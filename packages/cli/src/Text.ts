/**
 * One streaming text decoder for files and standard input: UTF-8 (with or without a BOM), GBK
 * and GB18030 (Excel's "CSV (逗号分隔)" on Chinese Windows), detected from the first bytes or
 * forced. A multi-byte character split across chunks is never damaged.
 *
 * @since 0.1.0
 */
import { Readable } from "node:stream"

/**
 * Encodings the CLI reads (`--encoding`); `auto` detects UTF-8 (BOM or valid UTF-8 in the first
 * 64 KiB) and otherwise reads GB18030, a superset of GBK.
 *
 * @since 0.1.0
 * @category models
 */
export type Encoding = "auto" | "utf-8" | "gbk" | "gb18030"

/**
 * The encodings accepted by `--encoding`.
 *
 * @example
 * import { ENCODINGS } from "@nongan/cli/Text"
 * ENCODINGS.includes("gbk") // true
 *
 * @since 0.1.0
 * @category models
 */
export const ENCODINGS: ReadonlyArray<Encoding> = ["auto", "utf-8", "gbk", "gb18030"]

const HEAD = 64 * 1024

/**
 * Guesses the encoding of the first bytes of a text: `utf-8` when they start with a BOM or are
 * valid UTF-8 (a character cut at the end is allowed), otherwise `gb18030`.
 *
 * @example
 * import { sniffEncoding } from "@nongan/cli/Text"
 * sniffEncoding(Buffer.from("编号", "utf8")) // "utf-8"
 * sniffEncoding(Buffer.from([0xb1, 0xe0, 0xba, 0xc5])) // "gb18030"
 *
 * @since 0.1.0
 * @category combinators
 */
export const sniffEncoding = (head: Uint8Array): "utf-8" | "gb18030" => {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8"
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true })
    return "utf-8"
  } catch {
    return "gb18030"
  }
}

/**
 * Decodes a byte stream as text, chunk by chunk (the decoder keeps a split character until its
 * last byte arrives); a UTF-8 BOM is dropped.
 *
 * @example
 * import { decodeText } from "@nongan/cli/Text"
 * import { Readable } from "node:stream"
 * const bytes = Buffer.from("恩诺沙星\n", "utf8")
 * const text = decodeText(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]))
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeText = (source: AsyncIterable<Uint8Array | string>, encoding: Encoding = "auto"): Readable => {
  async function* gen(): AsyncGenerator<string> {
    let decoder: InstanceType<typeof TextDecoder> | undefined = encoding === "auto" ? undefined : new TextDecoder(encoding)
    const pending: Array<Uint8Array> = []
    let size = 0
    for await (const c of source) {
      const chunk = typeof c === "string" ? Buffer.from(c, "utf8") : c
      if (!decoder) {
        pending.push(chunk)
        size += chunk.length
        if (size < HEAD) continue
        const head = Buffer.concat(pending)
        pending.length = 0
        decoder = new TextDecoder(sniffEncoding(head.subarray(0, HEAD)))
        const s = decoder.decode(head, { stream: true })
        if (s !== "") yield s
        continue
      }
      const s = decoder.decode(chunk, { stream: true })
      if (s !== "") yield s
    }
    if (!decoder) {
      const head = Buffer.concat(pending)
      decoder = new TextDecoder(sniffEncoding(head))
      const s = decoder.decode(head, { stream: true })
      if (s !== "") yield s
    }
    const tail = decoder.decode()
    if (tail !== "") yield tail
  }
  return Readable.from(gen(), { objectMode: false, encoding: "utf8" })
}
