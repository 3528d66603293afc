/**
 * A regulator's own rule packs on the command line: `--pack FILE` (repeatable), `--packs-dir DIR`
 * and the environment variables `NONGAN_PACKS` (files, separated by the path delimiter) and
 * `NONGAN_PACKS_DIR`. A pack that does not load is set aside with its errors (naming the file,
 * the row and the rule broken): only the regions it layers are affected.
 *
 * @since 0.1.0
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { delimiter, join } from "node:path"
import { lineage } from "@nongan/core/Ids"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { createValidator, type Validator, type ValidatorOptions } from "@nongan/sdk/Validator"

/**
 * A pack file as read: its path and JSON, or the error reading it.
 *
 * @since 0.1.0
 * @category models
 */
export interface PackFile {
  readonly file: string
  readonly json?: unknown
  readonly error?: NonganError
}

/**
 * Every `*.json` file under a directory, recursively, in path order.
 *
 * @example
 * import { packFilesIn } from "@nongan/cli/OwnPacks"
 * typeof packFilesIn // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const packFilesIn = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n)
      return statSync(p).isDirectory() ? packFilesIn(p) : n.endsWith(".json") ? [p] : []
    })

/**
 * Reads one pack file (UTF-8, a BOM allowed) as JSON, or the error naming the file.
 *
 * @example
 * import { readPackFile } from "@nongan/cli/OwnPacks"
 * readPackFile("/no/such/pack.json").error?.code // "io"
 *
 * @since 0.1.0
 * @category constructors
 */
export const readPackFile = (file: string): PackFile => {
  let text: string
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "")
  } catch (e) {
    return { file, error: make("io", [file], { detail: (e as NodeJS.ErrnoException).code ?? "read" }) }
  }
  try {
    return { file, json: JSON.parse(text) }
  } catch (e) {
    return { file, error: make("invalid-json", [file], { detail: (e as Error).message.slice(0, 80) }) }
  }
}

/**
 * The pack files named by options and the environment, in order: `NONGAN_PACKS_DIR`,
 * `NONGAN_PACKS`, `--packs-dir`, `--pack`.
 *
 * @example
 * import { packSources } from "@nongan/cli/OwnPacks"
 * packSources({ pack: ["a.json"] }, {}).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const packSources = (
  o: { readonly pack?: ReadonlyArray<string> | undefined; readonly packsDir?: string | undefined },
  env: Readonly<Record<string, string | undefined>> = process.env
): Result<ReadonlyArray<string>, NonganError> => {
  const files: Array<string> = []
  const errors: Array<NonganError> = []
  const dir = (d: string, what: string) => {
    try {
      files.push(...packFilesIn(d))
    } catch (e) {
      errors.push(make("io", [what, d], { detail: (e as NodeJS.ErrnoException).code ?? "read" }))
    }
  }
  if (env.NONGAN_PACKS_DIR) dir(env.NONGAN_PACKS_DIR, "NONGAN_PACKS_DIR")
  if (env.NONGAN_PACKS) files.push(...env.NONGAN_PACKS.split(delimiter).filter((f) => f !== ""))
  if (o.packsDir !== undefined) dir(o.packsDir, "--packs-dir")
  files.push(...(o.pack ?? []))
  return errors.length > 0 ? fail(...errors) : ok([...new Set(files)])
}

/**
 * A validator built with the packs that load, the errors of those that do not (their paths
 * start with the file name) and the regions those packs would have layered.
 *
 * @since 0.1.0
 * @category models
 */
export interface PackedValidator {
  readonly validator: Validator
  readonly errors: ReadonlyArray<NonganError>
  /** jurisdictions of the packs set aside: records from these regions (and below) cannot be judged */
  readonly blocked: ReadonlyArray<string>
  readonly files: ReadonlyArray<string>
}

const jurisdictionOf = (json: unknown): string | undefined => {
  const j = typeof json === "object" && json !== null ? (json as { jurisdiction?: unknown }).jurisdiction : undefined
  return typeof j === "string" ? j : undefined
}

/**
 * Creates a validator with the given pack files: a file that cannot be read, or a pack that does
 * not compose (schema, references, only-tightens), is set aside and its jurisdiction blocked;
 * errors of the bundled data are fatal.
 *
 * @example
 * import { validatorWithPacks } from "@nongan/cli/OwnPacks"
 * const r = validatorWithPacks([], {})
 * r.ok && r.value.errors.length // 0
 *
 * @since 0.1.0
 * @category constructors
 */
export const validatorWithPacks = (files: ReadonlyArray<string>, options: ValidatorOptions): Result<PackedValidator, NonganError> => {
  const read = files.map(readPackFile)
  const errors: Array<NonganError> = read.flatMap((r) => (r.error ? [r.error] : []))
  const blocked = new Set<string>()
  let live = read.filter((r) => !r.error)
  for (const r of read) if (r.error) blocked.add(jurisdictionOf(r.json) ?? "000000")
  for (;;) {
    const v = createValidator({ ...options, packs: live.map((r) => r.json) })
    if (v.ok) return ok({ validator: v.value, errors, blocked: [...blocked], files })
    const bad = new Set<number>()
    for (const e of v.errors) {
      const m = /^packs\[(\d+)\]$/.exec(String(e.path[0] ?? ""))
      if (!m) return fail(...v.errors)
      const i = Number(m[1])
      bad.add(i)
      errors.push({ ...e, path: [live[i]!.file, ...e.path.slice(1)] })
    }
    for (const i of bad) {
      const j = jurisdictionOf(live[i]!.json)
      // a pack that does not even say where it applies blocks every region
      blocked.add(j !== undefined && /^\d{6}$/.test(j) ? j : "000000")
    }
    live = live.filter((_, i) => !bad.has(i))
  }
}

/**
 * The blocked jurisdiction that layers a region, if any (`000000` blocks every region, and
 * records with no region too).
 *
 * @example
 * import { blockedFor } from "@nongan/cli/OwnPacks"
 * blockedFor(["500100"], "500154") // "500100"
 * blockedFor(["500100"], "110101") // undefined
 *
 * @since 0.1.0
 * @category rules
 */
export const blockedFor = (blocked: ReadonlyArray<string>, region: string | undefined): string | undefined => {
  if (blocked.length === 0) return undefined
  if (blocked.includes("000000")) return "000000"
  if (region === undefined || !/^\d{6}$/.test(region)) return undefined
  const l = lineage(region)
  return blocked.find((b) => l.includes(b))
}
