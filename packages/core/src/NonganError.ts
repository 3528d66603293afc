import { Schema } from "effect"

/**
 * Every stable error code. Codes never change meaning; new ones may be added.
 *
 * @example
 * import { ErrorCode } from "@nongan/core/NonganError"
 * ErrorCode.literals.includes("unknown-food") // true
 *
 * @since 0.1.0
 * @category models
 */
export const ErrorCode = Schema.Literal(
  "invalid-json",
  "invalid-csv",
  "missing-field",
  "unexpected-field",
  "invalid-type",
  "invalid-value",
  "invalid-date",
  "invalid-decimal",
  "invalid-unit",
  "invalid-region",
  "unknown-region",
  "pack-unavailable",
  "pack-law",
  "unreadable-measurement",
  "unit-mismatch",
  "suspect-unit",
  "truncated-unit",
  "damaged-exponent",
  "empty-results",
  "unknown-record-kind",
  "unknown-food",
  "unknown-substance",
  "unknown-species",
  "unknown-tissue",
  "ambiguous-name",
  "not-an-animal-product",
  "date-order",
  "pack-unknown-reference",
  "pack-duplicate",
  "pack-overlap",
  "pack-uncited",
  "pack-loosens",
  "pack-unknown-parent",
  "pack-cycle",
  "rule-unknown-fact",
  "rule-unknown-operator",
  "rule-invalid",
  "usage",
  "io",
  "too-large",
  "unreadable-input",
  "inexact-number",
  "internal-error"
).annotations({ identifier: "ErrorCode" })

/**
 * @since 0.1.0
 * @category models
 */
export type ErrorCode = typeof ErrorCode.Type

/**
 * A path into the input: object keys and array indices.
 *
 * @since 0.1.0
 * @category models
 */
export type Path = ReadonlyArray<string | number>

/**
 * Parameters of a message: short values (names, codes, numbers) that the formatter puts in
 * backticks. Never UI text.
 *
 * @since 0.1.0
 * @category models
 */
export type Params = Readonly<Record<string, string | number | boolean | ReadonlyArray<string>>>

/**
 * A typed error: data, not text. Render it with `Messages.formatError(error, locale)`.
 *
 * @example
 * import { make } from "@nongan/core/NonganError"
 * make("unknown-food", ["product"], { name: "小白采", nearest: ["小白菜"] })
 *
 * @since 0.1.0
 * @category models
 */
export interface NonganError {
  readonly _tag: "NonganError"
  readonly code: ErrorCode
  readonly path: Path
  readonly params: Params
}

/**
 * The schema of a serialised error (as printed in JSON output, with its rendered message).
 *
 * @example
 * import { Schema } from "effect"
 * import { ErrorJson } from "@nongan/core/NonganError"
 * Schema.decodeUnknownSync(ErrorJson)({ code: "io", path: "", message: "x" })
 *
 * @since 0.1.0
 * @category models
 */
export const ErrorJson = Schema.Struct({
  code: ErrorCode,
  path: Schema.String,
  message: Schema.String,
  params: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}).annotations({ identifier: "ErrorJson" })

/**
 * Makes an error.
 *
 * @example
 * import { make } from "@nongan/core/NonganError"
 * make("invalid-date", ["sampledOn"]).code // "invalid-date"
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (code: ErrorCode, path: Path = [], params: Params = {}): NonganError => ({
  _tag: "NonganError",
  code,
  path,
  params
})

/**
 * Whether a value is a {@link NonganError}.
 *
 * @example
 * import { isNonganError, make } from "@nongan/core/NonganError"
 * isNonganError(make("io")) // true
 *
 * @since 0.1.0
 * @category guards
 */
export const isNonganError = (u: unknown): u is NonganError =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "NonganError"

/**
 * Prefixes an error's path (when an error from a nested decoder is lifted into a record).
 *
 * @example
 * import { make, prefix } from "@nongan/core/NonganError"
 * prefix(make("invalid-unit", ["unit"]), ["results", 0]).path // ["results", 0, "unit"]
 *
 * @since 0.1.0
 * @category combinators
 */
export const prefix = (e: NonganError, p: Path): NonganError => ({ ...e, path: [...p, ...e.path] })

/**
 * Renders a path as a JSON-pointer-like string: `results[0].unit`.
 *
 * @example
 * import { formatPath } from "@nongan/core/NonganError"
 * formatPath(["results", 0, "unit"]) // "results[0].unit"
 *
 * @since 0.1.0
 * @category combinators
 */
export const formatPath = (p: Path): string =>
  p.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc === "" ? k : `${acc}.${k}`), "")
