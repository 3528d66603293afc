// The real national data for tests that judge foods, substances and statuses: read once per test
// file through the SDK's reader and built by the engine's loader. Limit tables, intervals and
// packs are left out so that work on them cannot break (or mask) those tests; the whole pack is
// checked by `pnpm rules:check` and the conformance suites.
import { join } from "node:path"
import { getOrThrow } from "@nongan/core/Result"
import { type DataFile, type Dataset, fromFiles } from "@nongan/engine/Dataset"
import { readDataDir, rulesDir } from "@nongan/sdk/Files"

let files: ReadonlyArray<DataFile> | undefined
let loaded: Dataset | undefined

/** Every data file of the national pack, as read by `readDataDir`. */
export const dataFiles = (): ReadonlyArray<DataFile> => (files ??= getOrThrow(readDataDir(join(rulesDir(), "national"), rulesDir())))

/** The kinds of data the food, substance and status tests judge. */
export const OWN_KINDS: ReadonlyArray<string> = ["food-catalogue", "substance-catalogue", "status-list"]

/** The national foods, substances and statuses (throws if they do not load). */
export const dataset = (): Dataset =>
  (loaded ??= getOrThrow(fromFiles(dataFiles().filter((f) => OWN_KINDS.includes((f.json as { kind?: string }).kind ?? "")))))

/** The JSON of every data file of one `kind`. */
export const jsonOfKind = <A>(kind: string): ReadonlyArray<A> =>
  dataFiles()
    .map((f) => f.json as { readonly kind?: unknown })
    .filter((j) => j.kind === kind) as unknown as ReadonlyArray<A>
