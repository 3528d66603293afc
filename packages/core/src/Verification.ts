import { Schema } from "effect"

/**
 * How well a datum is verified: `official-text` (read from the official text or a faithful
 * reprint), `secondary` (a third-party page or public code states it), `unverified` (plausible,
 * not checked against a source) or `uncertain` (sources conflict).
 *
 * @example
 * import { Schema } from "effect"
 * import { Verification } from "@nongan/core/Verification"
 * Schema.decodeUnknownSync(Verification)("official-text")
 *
 * @since 0.1.0
 * @category models
 */
export const Verification = Schema.Literal("official-text", "secondary", "unverified", "uncertain").annotations({
  identifier: "Verification"
})

/**
 * @since 0.1.0
 * @category models
 */
export type Verification = typeof Verification.Type

/**
 * Every verification level, strongest first.
 *
 * @example
 * import { levels } from "@nongan/core/Verification"
 * levels[0] // "official-text"
 *
 * @since 0.1.0
 * @category constructors
 */
export const levels: ReadonlyArray<Verification> = ["official-text", "secondary", "unverified", "uncertain"]

/**
 * The weakest of several verification levels: a verdict is only as well verified as the weakest
 * datum it used.
 *
 * @example
 * import { weakest } from "@nongan/core/Verification"
 * weakest(["official-text", "unverified"]) // "unverified"
 *
 * @since 0.1.0
 * @category combinators
 */
export const weakest = (all: Iterable<Verification>): Verification => {
  let worst = 0
  for (const v of all) worst = Math.max(worst, levels.indexOf(v))
  return levels[worst]!
}

/**
 * Whether a level counts as verified from the official text.
 *
 * @example
 * import { isOfficial } from "@nongan/core/Verification"
 * isOfficial("secondary") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const isOfficial = (v: Verification): boolean => v === "official-text"
