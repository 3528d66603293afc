// `prop(arbitraries)(name, predicate)`: a vitest test that runs fast-check's `fc.assert` over the
// arbitraries, shaped like `test.prop` of @fast-check/vitest. Plain fast-check loads in about
// 0.1 s per test file where @fast-check/vitest is transformed by Vite and takes over 2 s, which
// would double the time of the suites.
import fc from "fast-check"
import { test } from "vitest"

/**
 * Declares a property test: `predicate` must hold (return `true`/`undefined` and not throw) for
 * every generated tuple.
 */
export const prop =
  <Ts extends [unknown, ...Array<unknown>]>(
    arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
    parameters: fc.Parameters<Ts> = {}
  ) =>
  (name: string, predicate: (...args: Ts) => boolean | void): void => {
    test(name, () => {
      fc.assert(fc.property(...arbitraries, predicate), parameters)
    })
  }
