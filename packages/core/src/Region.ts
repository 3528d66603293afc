/**
 * GB/T 2260 region codes: whether a code exists, its name and the names of its lineage, and the
 * nearest existing codes for one that does not (the data: {@link REGION_CODES_SOURCE}).
 *
 * @since 0.1.0
 */
import { make, type NonganError, type Path } from "./NonganError"
import { fail, ok, type Result } from "./Result"
import { REGION_CODES, REGION_CODES_SOURCE } from "./RegionCodes"

export { REGION_CODES_SOURCE }

let table: ReadonlyMap<string, string> | undefined
const codes = (): ReadonlyMap<string, string> =>
  (table ??= new Map(
    REGION_CODES.split("\n").map((l) => {
      const i = l.indexOf(" ")
      return [l.slice(0, i), l.slice(i + 1)] as const
    })
  ))

/**
 * The name of a GB/T 2260 code (province, prefecture or county), or undefined; `000000` is the
 * national level.
 *
 * @example
 * import { regionName } from "@nongan/core/Region"
 * regionName("500154") // "开州区"
 * regionName("500159") // undefined
 *
 * @since 0.1.0
 * @category getters
 */
export const regionName = (code: string): string | undefined => (code === "000000" ? "全国" : codes().get(code))

// prefecture-level rows that are not places (the districts of a municipality, its counties)
const PLACEHOLDERS: ReadonlySet<string> = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"])

/**
 * The names from province down to the code itself (levels the list has no row for are left
 * out, e.g. the prefecture of a municipality's district).
 *
 * @example
 * import { regionPath } from "@nongan/core/Region"
 * regionPath("511902") // ["四川省", "巴中市", "巴州区"]
 *
 * @since 0.1.0
 * @category getters
 */
export const regionPath = (code: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const c of [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code]) {
    const n = codes().get(c)
    if (n !== undefined && !PLACEHOLDERS.has(n) && out[out.length - 1] !== n) out.push(n)
  }
  return out
}

/**
 * Up to `limit` existing codes nearest to a six-digit string: those sharing the longest prefix,
 * then the numerically closest.
 *
 * @example
 * import { nearestRegions } from "@nongan/core/Region"
 * nearestRegions("500159", 1) // ["500156"]
 *
 * @since 0.1.0
 * @category getters
 */
export const nearestRegions = (code: string, limit = 3): ReadonlyArray<string> => {
  const digits = code.replace(/\D/g, "").slice(0, 6).padEnd(6, "0")
  const n = Number(digits)
  const prefix = (c: string) => {
    let i = 0
    while (i < 6 && c[i] === digits[i]) i++
    return i
  }
  return [...codes().keys()]
    .map((c) => ({ c, p: prefix(c), d: Math.abs(Number(c) - n) }))
    .sort((a, b) => b.p - a.p || a.d - b.d)
    .slice(0, limit)
    .map((x) => x.c)
}

/**
 * Checks a region code exactly (no trimming, no full-width digits): six ASCII digits
 * (`invalid-region`) that are in GB/T 2260 or `000000` (`unknown-region`, with the nearest
 * codes and their names).
 *
 * @example
 * import { checkRegion } from "@nongan/core/Region"
 * checkRegion("500154").ok // true
 * checkRegion("500154 ").ok // false
 * const r = checkRegion("500159")
 * !r.ok && r.errors[0]!.code // "unknown-region"
 *
 * @since 0.1.0
 * @category rules
 */
export const checkRegion = (code: unknown, path: Path = ["region"]): Result<string, NonganError> => {
  if (typeof code !== "string" || !/^\d{6}$/.test(code))
    return fail(
      make("invalid-region", path, {
        value: typeof code === "string" ? code.slice(0, 40) : String(typeof code),
        ...(typeof code === "string" && /\d/.test(code) ? { nearest: nearestRegions(code.normalize("NFKC")).map((c) => `${c} ${regionName(c)}`) } : {})
      })
    )
  if (regionName(code) === undefined) return fail(make("unknown-region", path, { value: code, nearest: nearestRegions(code).map((c) => `${c} ${regionName(c)}`) }))
  return ok(code)
}
