/**
 * One JSON line of `nongan check` input read into an item, exactly as the JSON Lines reader of
 * `Input.ts` does (`jsonLines`): a line over `--max-line`, a line that is not JSON and a record
 * over `--max-analytes` are errors of that line, with its number. The worker pool of
 * `--jobs N` splits the input into lines on the main thread and reads each line here, in a
 * worker, so that parsing runs on every core.
 *
 * @since 0.2.0
 */
import { parseJsonLossless } from "@nongan/core/Json"
import { make } from "@nongan/core/NonganError"
import { type InputItem, type Limits, LIMITS } from "./Input"

const tooMany = (record: unknown, max: number): number | undefined => {
  const r = typeof record === "object" && record !== null ? (record as { results?: unknown }).results : undefined
  return Array.isArray(r) && r.length > max ? r.length : undefined
}

const idIn = (text: string): string | null => /"id"\s*:\s*"([^"]{0,200})"/.exec(text.slice(0, 4096))?.[1] ?? null

/**
 * Whether a JSON line is blank (skipped, never a record; its number still counts).
 *
 * @example
 * import { isBlankLine } from "@nongan/cli/CheckLines"
 * isBlankLine("  ") // true
 * isBlankLine("{}") // false
 *
 * @since 0.2.0
 * @category predicates
 */
export const isBlankLine = (line: string): boolean => line.trim() === ""

/**
 * Reads one non-blank JSON line (number `n`, 1-based, counting blank lines) into an item: the
 * record, or the error of that line.
 *
 * @example
 * import { lineItem } from "@nongan/cli/CheckLines"
 * lineItem('{"id":"a"}', 1, {}) // { record: { id: "a" }, rows: [1] }
 * "error" in lineItem("{oops", 2, {}) // true
 *
 * @since 0.2.0
 * @category constructors
 */
export const lineItem = (line: string, n: number, limits: Limits): InputItem => {
  const maxLine = limits.maxLine ?? LIMITS.maxLine
  const maxAnalytes = limits.maxAnalytes ?? LIMITS.maxAnalytes
  if (line.length > maxLine) return { error: make("invalid-json", ["line", n], { detail: `line of ${line.length} characters, over --max-line ${maxLine}` }), id: idIn(line), rows: [n] }
  // numbers a double cannot hold exactly come back as their digits (core/Json), never rounded
  const read = parseJsonLossless(line)
  if (!read.ok) return { error: make("invalid-json", ["line", n]), id: idIn(line), rows: [n] }
  const record: unknown = read.value
  const many = tooMany(record, maxAnalytes)
  return many !== undefined
    ? { error: make("invalid-value", ["line", n, "results"], { detail: `${many} analytes, over --max-analytes ${maxAnalytes}` }), id: idIn(line), rows: [n] }
    : { record, rows: [n] }
}
