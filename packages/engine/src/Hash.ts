import { createHash } from "node:crypto"

/**
 * Canonical JSON: object keys sorted, no whitespace; the basis of content hashes.
 *
 * @example
 * import { canonicalJson } from "@nongan/engine/Hash"
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 *
 * @since 0.1.0
 * @category combinators
 */
export const canonicalJson = (u: unknown): string => {
  if (u === null || typeof u !== "object") return JSON.stringify(u) ?? "null"
  if (Array.isArray(u)) return `[${u.map(canonicalJson).join(",")}]`
  const o = u as Record<string, unknown>
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(",")}}`
}

/**
 * The sha-256 (hex) of a value's canonical JSON: equal content, equal hash, whatever the key
 * order or formatting of the file.
 *
 * @example
 * import { contentHash } from "@nongan/engine/Hash"
 * contentHash({ a: 1, b: 2 }) === contentHash({ b: 2, a: 1 }) // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const contentHash = (u: unknown): string => createHash("sha256").update(canonicalJson(u)).digest("hex")

/**
 * The sha-256 (hex) of bytes or of a string's UTF-8, as it is: no canonical form. Used to key
 * derived files (the national-table bundle) by the exact sources they were built from.
 *
 * @example
 * import { sha256 } from "@nongan/engine/Hash"
 * sha256("abc").slice(0, 8) // "ba7816bf"
 *
 * @since 0.4.0
 * @category combinators
 */
export const sha256 = (data: string | Uint8Array | ReadonlyArray<string | Uint8Array>): string => {
  const h = createHash("sha256")
  if (typeof data === "string" || data instanceof Uint8Array) h.update(data)
  else for (const d of data) h.update(d)
  return h.digest("hex")
}
