import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import type { CertificateRules, ScopeCategory } from "./Rules"

/**
 * How a product name was placed in the certificate's scope: the category it falls in (`in`),
 * a known food outside every category (`out`), a wild product (`wild`), or a name the food
 * catalogue does not know (`unknown`, never guessed).
 *
 * @example
 * import type { ScopeReading } from "@nongan/certificates/Scope"
 * const r: ScopeReading = { kind: "unknown", product: "茶青" }
 *
 * @since 0.1.0
 * @category models
 */
export type ScopeReading =
  | { readonly kind: "in"; readonly product: string; readonly category: ScopeCategory; readonly path: ReadonlyArray<string> }
  | { readonly kind: "out"; readonly product: string; readonly path: ReadonlyArray<string>; readonly category?: ScopeCategory }
  | { readonly kind: "wild"; readonly product: string; readonly category: ScopeCategory }
  | { readonly kind: "unknown"; readonly product: string }

interface Placed {
  readonly plantPath?: ReadonlyArray<string>
  readonly speciesPath?: ReadonlyArray<string>
  readonly tissue?: string
  readonly live?: boolean
}

const place = (foods: FoodCatalogue | undefined, product: string): Placed | undefined => {
  if (!foods) return undefined
  const r = foods.resolve(product)
  if (r.ok) {
    const f = r.value
    return f.kind === "plant" ? { plantPath: f.path } : { speciesPath: f.speciesPath, tissue: f.tissue, live: false }
  }
  const s = foods.resolveSpecies(product)
  if (s.ok) return { speciesPath: foods.pathOf(s.value), live: true }
  return undefined
}

const matches = (c: ScopeCategory, p: Placed, product: string): boolean => {
  if (c.names?.includes(product)) return true
  if (c.plantPath && p.plantPath) return c.plantPath.some((n) => p.plantPath!.includes(n))
  if (c.speciesPath && p.speciesPath) {
    if (!c.speciesPath.some((n) => p.speciesPath!.includes(n))) return false
    if (c.tissues) return p.tissue !== undefined && c.tissues.includes(p.tissue)
    if (c.live) return p.live === true
    return true
  }
  return false
}

/**
 * Places a product in the scope of a regime (the category ids the rules list for it), through the
 * food catalogue: plant paths (蔬菜, 食用菌, 水果), species paths (家畜, 家禽, 水产动物) with tissue
 * (蛋) or a live animal, and names (茶鲜叶). A wild product of a category that excludes wild ones
 * is `wild`.
 *
 * @example
 * import { scopeOf } from "@nongan/certificates/Scope"
 * scopeOf({ scope: { categories: [], byRegime: {} } } as never, "law-2023", undefined, "茶鲜叶", false).kind // "unknown"
 *
 * @since 0.1.0
 * @category rules
 */
export const scopeOf = (
  rules: Pick<CertificateRules, "scope">,
  regimeId: string,
  foods: FoodCatalogue | undefined,
  product: string,
  wild: boolean
): ScopeReading => {
  const ids = rules.scope.byRegime[regimeId] ?? []
  const cats = rules.scope.categories.filter((c) => ids.includes(c.id))
  const byName = cats.find((c) => c.names?.includes(product))
  if (byName) return { kind: "in", product, category: byName, path: [byName.label] }
  const p = place(foods, product)
  if (!p) return { kind: "unknown", product }
  const path = p.plantPath ?? p.speciesPath ?? []
  for (const c of cats) {
    if (!matches(c, p, product)) continue
    if (wild && c.wildExcluded) return { kind: "wild", product, category: c }
    return { kind: "in", product, category: c, path }
  }
  return { kind: "out", product, path }
}
