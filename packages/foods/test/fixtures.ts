// Shared fixtures for the food-catalogue tests: the real national dataset (read once per test
// file through the SDK and the engine's loader), the raw catalogue JSON it was built from, exact
// reference implementations that read only the raw JSON, and a plain fast-check `prop` helper.

export { dataFiles, dataset, jsonOfKind, OWN_KINDS } from "../../../test/support/national"
import { dataset, jsonOfKind } from "../../../test/support/national"

/** A raw catalogue entry as written in `rules/national/foods/*.json`. */
export interface RawEntry {
  readonly id: string
  readonly name: string
  readonly parent?: string | null
  readonly kind?: "category" | "food"
  readonly aliases?: ReadonlyArray<string>
  readonly species?: string
  readonly tissue?: string
}

/** A raw food-catalogue file. */
export interface RawCatalogue {
  readonly kind: "food-catalogue"
  readonly nodes: ReadonlyArray<RawEntry>
  readonly species?: ReadonlyArray<RawEntry>
  readonly tissues?: ReadonlyArray<RawEntry>
  readonly animalProducts?: ReadonlyArray<RawEntry>
}

/** Which section of the catalogue an entry comes from. */
export type Section = "node" | "species" | "tissue" | "product"

/** Every raw entry of the real catalogue, with its section. */
export const rawEntries = (): ReadonlyArray<{ readonly section: Section; readonly entry: RawEntry }> =>
  jsonOfKind<RawCatalogue>("food-catalogue").flatMap((c) => [
    ...c.nodes.map((entry) => ({ section: "node" as const, entry })),
    ...(c.species ?? []).map((entry) => ({ section: "species" as const, entry })),
    ...(c.tissues ?? []).map((entry) => ({ section: "tissue" as const, entry })),
    ...(c.animalProducts ?? []).map((entry) => ({ section: "product" as const, entry }))
  ])

/** Reference path (root first) of a node or species, walking the raw `parent` links. */
export const refPath = (id: string): ReadonlyArray<string> => {
  const parent = new Map<string, string | null | undefined>()
  for (const { section, entry } of rawEntries()) if (section === "node" || section === "species") parent.set(entry.id, entry.parent)
  const out: Array<string> = []
  let cur: string | null | undefined = id
  while (cur && parent.has(cur) && !out.includes(cur)) {
    out.unshift(cur)
    cur = parent.get(cur)
  }
  return out
}

/** Edit distance over UTF-16 code units (the unit the suggester works in), by plain DP. */
export const levenshtein = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost))
    }
    prev = cur
  }
  return prev[b.length] ?? 0
}

export { prop } from "../../../test/support/property"
