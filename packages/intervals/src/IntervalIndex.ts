import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { SubstanceCatalogue } from "@nongan/substances/SubstanceCatalogue"

/**
 * PLACEHOLDER (being replaced by the intervals work): withdrawal periods and pre-harvest intervals, indexed.
 *
 * @since 0.1.0
 * @category models
 */
export class IntervalIndex {
  /** @internal */
  readonly files: ReadonlyArray<unknown>
  /** @internal */
  constructor(files: ReadonlyArray<unknown>) {
    this.files = files
  }
}

/**
 * PLACEHOLDER: builds the interval index.
 *
 * @example
 * import { fromFiles } from "@nongan/intervals/IntervalIndex"
 * typeof fromFiles // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromFiles = (
  files: ReadonlyArray<unknown>,
  _foods: FoodCatalogue,
  _substances: SubstanceCatalogue
): Result<IntervalIndex, NonganError> =>
  files.every((f) => typeof f === "object" && f !== null) ? ok(new IntervalIndex(files)) : fail(make("invalid-type", [], { expected: "object" }))
