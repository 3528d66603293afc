import type { NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { CaseTable } from "./CaseTable"
import { decodeFacts } from "./Facts"
import { loadTable } from "./Load"
import { type Case, routeCase } from "./Route"

/**
 * A case router: the bundled (or a given) case table, loaded once, and `route`, which decodes
 * unknown input and routes it. Nothing throws on bad input.
 *
 * @example
 * import { createRouter } from "@nongan/cases/Router"
 * const r = createRouter()
 * if (r.ok) {
 *   const c = r.value.route({ id: "C1", subject: { id: "S1", type: "cooperative" }, stage: "production", actOn: "2025-04-01", violations: ["certificate-not-issued"] })
 *   if (c.ok) c.value.counts[0]?.administrative.fine // { min: 100, max: 1000, currency: "CNY" }
 * }
 *
 * @since 0.1.0
 * @category models
 */
export interface Router {
  readonly table: CaseTable
  readonly route: (input: unknown) => Result<Case, NonganError>
}

/**
 * Creates a case router from the bundled case table or a directory of case data.
 *
 * @example
 * import { createRouter } from "@nongan/cases/Router"
 * createRouter().ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const createRouter = (dir?: string): Result<Router, NonganError> => {
  const t = dir === undefined ? loadTable() : loadTable(dir)
  if (!t.ok) return t
  const table = t.value
  return ok({
    table,
    route: (input) => {
      const f = decodeFacts(input)
      return f.ok ? ok(routeCase(table, f.value)) : fail(...f.errors)
    }
  })
}
