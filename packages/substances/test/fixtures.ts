// Shared fixtures for the substance and status tests: the real national dataset (read once per
// test file through the SDK and the engine's loader), its raw status entries, calendar helpers
// computed with Date.UTC (never the code under test), subjects inside a status's scope, a
// reference reading of scopes, and a plain fast-check `prop` helper.
import fc from "fast-check"
import type { StatusEntry, Subject } from "@nongan/substances/Status"

export { dataFiles, dataset, jsonOfKind, OWN_KINDS } from "../../../test/support/national"
import { dataset, jsonOfKind } from "../../../test/support/national"

/** A raw substance entry as written in `rules/national/substances/*.json`. */
export interface RawSubstance {
  readonly id: string
  readonly name: string
  readonly kind: string
  readonly english?: string
  readonly cas?: string | null
  readonly aliases?: ReadonlyArray<string>
  readonly members?: ReadonlyArray<string>
  readonly markerOf?: string
}

/** Every raw substance entry. */
export const rawSubstances = (): ReadonlyArray<RawSubstance> =>
  jsonOfKind<{ readonly substances: ReadonlyArray<RawSubstance> }>("substance-catalogue").flatMap((f) => f.substances)

/** Every raw status entry (as JSON, before decoding). */
export const rawStatuses = (): ReadonlyArray<StatusEntry> =>
  jsonOfKind<{ readonly entries: ReadonlyArray<StatusEntry> }>("status-list").flatMap((f) => f.entries)

// ---------------------------------------------------------------------------------------------
// Calendar dates by Date.UTC
// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000
/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` string. */
export const dayOf = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY
/** The `YYYY-MM-DD` string of a day number. */
export const dateOf = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10)
/** `s` shifted by `n` days. */
export const plusDays = (s: string, n: number): string => dateOf(dayOf(s) + n)
/** Any calendar date between two years, inclusive. */
export const dateArb = (fromYear: number, toYear: number): fc.Arbitrary<string> =>
  fc.integer({ min: dayOf(`${fromYear}-01-01`), max: dayOf(`${toYear}-12-31`) }).map(dateOf)

// ---------------------------------------------------------------------------------------------
// Subjects
// ---------------------------------------------------------------------------------------------

/** A plant subject for a catalogue node (its category path). */
export const plantSubject = (food: string): Subject => ({ kind: "plant", path: dataset().foods.pathOf(food) })
/** An animal subject for a catalogue species (its species path). */
export const animalSubject = (species: string, state?: "laying" | "lactating" | "none"): Subject => ({
  kind: "animal",
  speciesPath: dataset().foods.pathOf(species),
  ...(state ? { state } : {})
})
/** A plant subject for a food name, resolved through the catalogue. */
export const food = (name: string): Subject => {
  const r = dataset().foods.resolve(name)
  if (!r.ok || r.value.kind !== "plant") throw new Error(`not a plant food: ${name}`)
  return { kind: "plant", path: r.value.path }
}
/** An animal subject for a product name (鸡蛋, 大口黑鲈 …), resolved through the catalogue. */
export const product = (name: string): Subject => {
  const r = dataset().foods.resolve(name)
  if (!r.ok || r.value.kind !== "animal") throw new Error(`not an animal product: ${name}`)
  return { kind: "animal", speciesPath: r.value.speciesPath }
}

/** Every catalogue node at or below `id`, leaves (foods) first. */
export const nodesUnder = (id: string): ReadonlyArray<string> => {
  const cat = dataset().foods
  const under = cat.nodes().filter((n) => cat.isWithin(n.id, id))
  return [...under.filter((n) => n.kind === "food"), ...under.filter((n) => n.kind !== "food")].map((n) => n.id)
}
/** Every species at or below `id`. */
export const speciesUnder = (id: string): ReadonlyArray<string> => {
  const cat = dataset().foods
  return cat.species().filter((s) => cat.isWithin(s.id, id)).map((s) => s.id)
}

/**
 * A subject inside an entry's scope: anywhere for `all`, a food below the first scope food, an
 * animal of the first scope species (in the first listed state). `undefined` when the scope names
 * only purposes (formulations, packaging), which no residue subject can express.
 */
export const insideSubject = (e: StatusEntry): Subject | undefined => {
  if (e.scope === "all") return { kind: "anywhere" }
  const f = e.scope.foods?.[0]
  if (f !== undefined) return plantSubject(nodesUnder(f)[0] ?? f)
  const s = e.scope.species?.[0]
  if (s !== undefined) return animalSubject(s, e.scope.states?.[0])
  return undefined
}

const ANIMAL_ONLY = new Set(["banned-food-animals", "withdrawn-food-animals", "therapy-only-not-detectable", "growth-promotion-banned"])
const PROHIBITING = new Set(["banned", "banned-in-scope", "banned-food-animals", "withdrawn-food-animals"])

/** Reference: whether a status kind prohibits use (docs/rule-data.md table). */
export const refProhibits = (status: string): boolean => PROHIBITING.has(status)

/** Reference reading of docs/rule-data.md: does an entry's scope cover a subject? */
export const refCovers = (e: StatusEntry, s: Subject): boolean => {
  if (e.scope === "all") return !(s.kind === "plant" && ANIMAL_ONLY.has(e.status))
  if (s.kind === "anywhere") return false
  if (s.kind === "plant") return (e.scope.foods ?? []).some((f) => s.path.includes(f))
  if (!(e.scope.species ?? []).some((x) => s.speciesPath.includes(x))) return false
  return e.scope.states === undefined || (s.state !== undefined && e.scope.states.includes(s.state))
}

/** Reference: is an entry in force on a date (both ends inclusive)? */
export const refInForce = (e: StatusEntry, date: string): boolean =>
  e.effective.from <= date && (e.effective.to === undefined || date <= e.effective.to)

export { prop } from "../../../test/support/property"
