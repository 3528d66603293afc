/**
 * JSON text read without losing a number: `JSON.parse` turns `5.0000000000000001` into `5` before
 * anyone can see it (Node 20's reviver has no access to the source text), so a value that decides
 * a verdict would be compared after rounding. {@link parseJsonLossless} keeps every number that a
 * double represents exactly as a number, and turns every other one into the string of its digits,
 * which the decoders read as an exact decimal.
 *
 * @since 0.2.0
 */
import { make, type NonganError } from "./NonganError"
import { fail, ok, type Result } from "./Result"

// a JSON string (skipped whole, so digits inside it are never touched), or a JSON number
const TOKENS = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/**
 * Whether a JSON number token is what `Number()` of it gives back by its shortest string: at most
 * 15 significant digits and a magnitude where doubles are normal (1e-307 … 1e308). Such a token
 * is always read exactly; any other may not be.
 *
 * @example
 * import { isExactNumberToken } from "@nongan/core/Json"
 * isExactNumberToken("0.062") // true
 * isExactNumberToken("5.0000000000000001") // false
 * isExactNumberToken("1e999") // false
 *
 * @since 0.2.0
 * @category predicates
 */
export const isExactNumberToken = (token: string): boolean => {
  // the usual token: plain digits (a sign, a point) and at most 15 of them — exact, and between
  // 1e-15 and 1e15 in magnitude; answered without taking it apart
  if (token.length <= 15 && token.indexOf("e") < 0 && token.indexOf("E") < 0) return true
  const e = token.search(/[eE]/)
  const mantissa = (e < 0 ? token : token.slice(0, e)).replace("-", "")
  const exponent = e < 0 ? 0 : Number(token.slice(e + 1))
  const point = mantissa.indexOf(".")
  const int = point < 0 ? mantissa : mantissa.slice(0, point)
  const frac = point < 0 ? "" : mantissa.slice(point + 1)
  const digits = (int + frac).replace(/^0+/, "")
  if (digits === "") return true // zero, however written
  const significant = digits.replace(/0+$/, "")
  if (significant.length > 15) return false
  // the decimal exponent of the leading digit
  const lead = int.replace(/^0+/, "") !== "" ? int.replace(/^0+/, "").length - 1 : -(frac.length - frac.replace(/^0+/, "").length) - 1
  const magnitude = lead + exponent
  return magnitude > -307 && magnitude < 308
}

// Whether a JSON text holds a number token that is not exact as a double: the tokens TOKENS
// matches, found without a regular expression or a match array per token (a record's line has
// dozens of strings). Scans exactly as TOKENS.exec does: at each position a string (a quote, then
// characters other than a quote or backslash, or a backslash and any character but a line
// terminator, up to a closing quote) or a number (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), else
// the next position; a quote with no string after it is passed over like any other character.
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isLineTerminator = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029
/** The end of the number token that starts at `i`, or -1 when none does. */
const numberEnd = (text: string, i: number): number => {
  const n = text.length
  let j = i
  if (text.charCodeAt(j) === 45) j++
  if (j >= n || !isDigit(text.charCodeAt(j))) return -1
  if (text.charCodeAt(j) === 48) j++
  else while (j < n && isDigit(text.charCodeAt(j))) j++
  if (j + 1 < n && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j += 2
    while (j < n && isDigit(text.charCodeAt(j))) j++
  }
  const e = text.charCodeAt(j)
  if (e === 101 || e === 69) {
    let k = j + 1
    const sign = text.charCodeAt(k)
    if (sign === 43 || sign === 45) k++
    if (k < n && isDigit(text.charCodeAt(k))) {
      k++
      while (k < n && isDigit(text.charCodeAt(k))) k++
      j = k
    }
  }
  return j
}

/** @internal Exported for the differential test against TOKENS. */
export const hasInexactNumber = (text: string): boolean => {
  // (a loop over the characters: indexOf from a position is slow on a string sliced out of a
  // larger one, which is what a line read from a stream is)
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // a string token: up to the first quote not escaped, every escape followed by a character
      // that does not end a line; else no token here
      let j = i + 1
      let end = -1
      while (j < n) {
        const d = text.charCodeAt(j)
        if (d === 34) {
          end = j + 1
          break
        }
        if (d === 92) {
          if (j + 1 >= n || isLineTerminator(text.charCodeAt(j + 1))) break
          j += 2
        } else j++
      }
      i = end < 0 ? i + 1 : end
    } else if (c === 45 || isDigit(c)) {
      const end = numberEnd(text, i)
      if (end < 0) i++
      else {
        if (!isExactNumberToken(text.slice(i, end))) return true
        i = end
      }
    } else i++
  }
  return false
}

/** @internal The regular-expression scan `hasInexactNumber` replaces: the oracle of its test. */
export const hasInexactNumberByRegExp = (text: string): boolean => {
  const tokens = new RegExp(TOKENS.source, "g")
  for (let m = tokens.exec(text); m !== null; m = tokens.exec(text)) if (m[0].charCodeAt(0) !== 34 && !isExactNumberToken(m[0])) return true
  return false
}

/**
 * Parses JSON text like `JSON.parse`, but losslessly: a number that a double cannot hold exactly
 * (more than 15 significant digits, or beyond the normal range: `5.0000000000000001`,
 * `12345678901234567890`, `1e999`) is returned as the string of its digits, so that the exact
 * decimal reaches the comparison; decoders that take a number or a string read both alike.
 * Invalid JSON is an `invalid-json` error. Never throws.
 *
 * @example
 * import { parseJsonLossless } from "@nongan/core/Json"
 * parseJsonLossless('{"value":5.0000000000000001,"n":0.062}')
 * // { ok: true, value: { value: "5.0000000000000001", n: 0.062 } }
 * parseJsonLossless("{").ok // false
 *
 * @since 0.2.0
 * @category constructors
 */
export const parseJsonLossless = (text: string): Result<unknown, NonganError> => {
  try {
    if (!hasInexactNumber(text)) return ok(JSON.parse(text))
    // quote the inexact numbers (strings are matched first, so nothing inside one is rewritten)
    const rewritten = text.replace(TOKENS, (t) => (t.charCodeAt(0) === 34 || isExactNumberToken(t) ? t : `"${t}"`))
    return ok(JSON.parse(rewritten))
  } catch (e) {
    return fail(make("invalid-json", [], { detail: e instanceof Error ? e.message.slice(0, 120) : "invalid" }))
  }
}

/**
 * The number of significant digits of a JavaScript number's shortest round-trip string
 * (`0.1 + 0.2` → 17). A number with more than 15 was not written by a laboratory: it is the
 * result of binary arithmetic, and the SDK refuses it (`inexact-number`) rather than guess.
 *
 * @example
 * import { significantDigits } from "@nongan/core/Json"
 * significantDigits(0.062) // 2
 * significantDigits(0.1 + 0.2) // 17
 *
 * @since 0.2.0
 * @category getters
 */
export const significantDigits = (n: number): number => {
  const s = String(Math.abs(n)).toLowerCase()
  const e = s.indexOf("e")
  const digits = (e < 0 ? s : s.slice(0, e)).replace(".", "").replace(/^0+/, "").replace(/0+$/, "")
  return digits.length
}
