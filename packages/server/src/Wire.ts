/**
 * The bytes of an answer. A report's JSON holds Chinese text, so V8 keeps it as a two-byte
 * string; handed to Fastify as a string, it is measured once (`Buffer.byteLength`, for the
 * `content-length`) and encoded again by the socket's write, each pass over every character.
 * Written once into a buffer large enough for any UTF-8 encoding of it (`Buffer.write`, about a
 * third of `Buffer.from`'s cost, which measures first), the answer is encoded once and its length
 * is the buffer's.
 *
 * @since 0.2.0
 */

// a UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4)
const MAX_BYTES_PER_UNIT = 3

/**
 * The UTF-8 bytes of a text, encoded in one pass.
 *
 * @example
 * import { utf8 } from "@nongan/server/Wire"
 * utf8("克百威").length // 9
 * utf8("克百威").toString() // "克百威"
 *
 * @since 0.2.0
 * @category constructors
 */
export const utf8 = (text: string): Buffer => {
  // small texts: node's pooled allocation is cheaper than a buffer of its own
  if (text.length < 1024) return Buffer.from(text, "utf8")
  const buffer = Buffer.allocUnsafe(text.length * MAX_BYTES_PER_UNIT)
  const n = buffer.write(text, 0, "utf8")
  return buffer.subarray(0, n)
}

/**
 * The UTF-8 bytes of a value's JSON (`JSON.stringify`, then {@link utf8}): the very bytes
 * Fastify would have sent for the value, without its second pass over them.
 *
 * @example
 * import { jsonBytes } from "@nongan/server/Wire"
 * jsonBytes({ verdict: "compliant", product: "芹菜" }).toString() // '{"verdict":"compliant","product":"芹菜"}'
 *
 * @since 0.2.0
 * @category constructors
 */
export const jsonBytes = (value: unknown): Buffer => utf8(JSON.stringify(value))

/**
 * The content type of every JSON answer of the service.
 *
 * @example
 * import { JSON_TYPE } from "@nongan/server/Wire"
 * JSON_TYPE // "application/json; charset=utf-8"
 *
 * @since 0.2.0
 * @category models
 */
export const JSON_TYPE = "application/json; charset=utf-8"
