import { Schema } from "effect"

/**
 * A legal citation: the instrument as it is usually cited (`农业部公告第199号`, `GB 2763-2021`),
 * the clause, table or row, the announcement number where it differs, and where the text was read.
 *
 * @example
 * import { Schema } from "effect"
 * import { Citation } from "@nongan/core/Citation"
 * Schema.decodeUnknownSync(Citation)({ instrument: "GB 2763-2021", clause: "4.53" })
 *
 * @since 0.1.0
 * @category models
 */
export const Citation = Schema.Struct({
  instrument: Schema.NonEmptyTrimmedString,
  clause: Schema.optional(Schema.String),
  announcement: Schema.optional(Schema.String),
  url: Schema.optional(Schema.NullOr(Schema.String)),
  /** a public repository (`owner/name`) the datum was read from, when it was not read from a web page */
  repo: Schema.optional(Schema.String),
  /** the file inside `repo` */
  path: Schema.optional(Schema.String),
  /** the published document itself that the datum was read from (its file name as published, e.g. `GB_2762-2025.pdf`) */
  document: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "Citation" })

/**
 * @since 0.1.0
 * @category models
 */
export type Citation = typeof Citation.Type

/**
 * Renders a citation as one line: `GB 2763-2021 4.53`.
 *
 * @example
 * import { format } from "@nongan/core/Citation"
 * format({ instrument: "农业部公告第199号", clause: "第二条" }) // "农业部公告第199号 第二条"
 *
 * @since 0.1.0
 * @category combinators
 */
export const format = (c: Citation): string => (c.clause ? `${c.instrument} ${c.clause}` : c.instrument)
