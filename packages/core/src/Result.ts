/**
 * A result union for the plain TypeScript API: decoding and judging never throw on bad input,
 * they return `{ ok: false, errors }` instead.
 *
 * @example
 * import * as Result from "@nongan/core/Result"
 * const r = Result.ok(42)
 * if (r.ok) console.log(r.value)
 *
 * @since 0.1.0
 * @category models
 */
export type Result<A, E> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly errors: ReadonlyArray<E> }

/**
 * A successful result.
 *
 * @example
 * import { ok } from "@nongan/core/Result"
 * ok("克百威") // { ok: true, value: "克百威" }
 *
 * @since 0.1.0
 * @category constructors
 */
export const ok = <A>(value: A): Result<A, never> => ({ ok: true, value })

/**
 * A failed result carrying one or more errors.
 *
 * @example
 * import { fail } from "@nongan/core/Result"
 * fail({ code: "unknown-food" })
 *
 * @since 0.1.0
 * @category constructors
 */
export const fail = <E>(...errors: ReadonlyArray<E>): Result<never, E> => ({ ok: false, errors })

/**
 * Returns the value or throws an `Error` whose message lists the error codes; for tests and scripts.
 *
 * @example
 * import { ok, getOrThrow } from "@nongan/core/Result"
 * getOrThrow(ok(1)) // 1
 *
 * @since 0.1.0
 * @category combinators
 */
export const getOrThrow = <A, E>(r: Result<A, E>): A => {
  if (r.ok) return r.value
  throw new Error(`nongan: ${JSON.stringify(r.errors)}`)
}
