import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import type { Locale } from "@nongan/core/Messages"
import { make } from "@nongan/core/NonganError"
import { type Draw, draw, replay } from "@nongan/sampling/Draw"
import { csvLine, printErrors, readRows, SAMPLING_USAGE, type SamplingIo } from "./Plan"

/**
 * A published draw file: the draw and the inputs that make it (spec, pool, roster), so that
 * anyone can replay it with `nongan draw --replay`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DrawFile {
  readonly draw: Draw
  readonly input: { readonly spec: unknown; readonly pool: ReadonlyArray<unknown>; readonly roster: ReadonlyArray<unknown> }
}

/**
 * Renders a draw as a table.
 *
 * @example
 * import { drawLines } from "@nongan/cli/Draw"
 * typeof drawLines // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const drawLines = (d: Draw): ReadonlyArray<string> => [
  `${d.algorithm} (${d.generator})  seed: ${d.seed}${d.seedSource ? `  (${d.seedSource})` : ""}  drawn on ${d.drawnOn}`,
  `  pool ${d.pool.size} (eligible ${d.pool.eligible}) sha256:${d.pool.sha256}`,
  `  roster ${d.roster.size} sha256:${d.roster.sha256}`,
  ...d.tasks.map((t) => `  task ${String(t.order).padStart(4)}  ${t.subject}  ${t.inspectors.join(", ")}${t.short ? "  (short of inspectors)" : ""}`),
  ...d.replacements.map((t) => `  replacement ${String(t.order).padStart(2)}  ${t.subject}  ${t.inspectors.join(", ")}${t.short ? "  (short of inspectors)" : ""}`),
  ...(d.unfilled > 0 ? [`  unfilled tasks (the eligible pool is too small): ${d.unfilled}`] : []),
  ...(d.excluded.length > 0 ? [`  excluded (drawn within the window): ${d.excluded.map((e) => e.subject).join(", ")}`] : []),
  `  draw sha256:${d.sha256}`
]

/**
 * A draw as CSV: `kind,order,subject,inspectors`.
 *
 * @example
 * import { drawCsv } from "@nongan/cli/Draw"
 * typeof drawCsv // "function"
 *
 * @since 0.1.0
 * @category combinators
 */
export const drawCsv = (d: Draw): string =>
  csvLine(["kind", "order", "subject", "inspectors"]) +
  d.tasks.map((t) => csvLine(["task", t.order, t.subject, t.inspectors.join(";")])).join("") +
  d.replacements.map((t) => csvLine(["replacement", t.order, t.subject, t.inspectors.join(";")])).join("") +
  d.excluded.map((e) => csvLine(["excluded", "", e.subject, ""])).join("")

/**
 * `nongan draw`: a 双随机 draw from a spec, a pool and a roster (JSON, JSON Lines or CSV), or
 * `--replay draw.json` to re-compute a published draw and say whether it matches (exit 0 when it
 * does, 1 when it does not).
 *
 * @example
 * import { runDraw } from "@nongan/cli/Draw"
 * typeof runDraw // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runDraw = async (argv: ReadonlyArray<string>, io: SamplingIo): Promise<number> => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        spec: { type: "string" },
        pool: { type: "string" },
        roster: { type: "string" },
        seed: { type: "string" },
        "seed-source": { type: "string" },
        on: { type: "string" },
        tasks: { type: "string" },
        replacements: { type: "string" },
        inspectors: { type: "string" },
        window: { type: "string" },
        replay: { type: "string" },
        format: { type: "string" },
        lang: { type: "string" }
      }
    })
  } catch (e) {
    io.err.write(`${(e as Error).message}\n\n${SAMPLING_USAGE}`)
    return 2
  }
  const v = parsed.values
  const locale: Locale = v.lang === "en" ? "en" : "zh-CN"
  const format = v.format ?? "table"
  if (format !== "table" && format !== "json" && format !== "csv") {
    io.err.write(`--format ${format}\n\n${SAMPLING_USAGE}`)
    return 2
  }
  const json = format === "json"
  const rows = (file: string | undefined) => (file === undefined ? undefined : readRows(file))
  if (v.replay !== undefined) {
    let published: DrawFile
    try {
      published = JSON.parse(readFileSync(v.replay, "utf8")) as DrawFile
    } catch (e) {
      return printErrors(io, [make(e instanceof SyntaxError ? "invalid-json" : "io", [v.replay], { detail: (e as Error).message })], locale, json)
    }
    const pool = rows(v.pool)
    const roster = rows(v.roster)
    if (pool && !pool.ok) return printErrors(io, pool.errors, locale, json)
    if (roster && !roster.ok) return printErrors(io, roster.errors, locale, json)
    if (typeof published?.draw !== "object" || published.draw === null)
      return printErrors(io, [make("missing-field", [v.replay, "draw"], {})], locale, json)
    const r = replay(published.draw, published.input?.spec, pool?.ok ? pool.value : published.input?.pool, roster?.ok ? roster.value : published.input?.roster)
    if (!r.ok) return printErrors(io, r.errors, locale, json)
    if (json) io.out.write(`${JSON.stringify({ matches: r.value.matches, differences: r.value.differences.map((d) => d.field), sha256: r.value.replayed?.sha256 })}\n`)
    else if (r.value.matches) io.out.write(`✓ 复算一致 / the draw replays exactly: sha256:${r.value.replayed?.sha256}\n`)
    else io.out.write(`✗ 复算不一致 / the draw does not replay: ${r.value.differences.map((d) => d.field).join(", ")}\n`)
    return r.value.matches ? 0 : 1
  }
  let spec: Record<string, unknown> = {}
  if (v.spec !== undefined) {
    try {
      spec = JSON.parse(readFileSync(v.spec, "utf8")) as Record<string, unknown>
    } catch (e) {
      return printErrors(io, [make(e instanceof SyntaxError ? "invalid-json" : "io", [v.spec], { detail: (e as Error).message })], locale, json)
    }
  }
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s))
  spec = {
    algorithm: "nongan-draw/1",
    ...spec,
    ...(v.seed !== undefined ? { seed: v.seed } : {}),
    ...(v["seed-source"] !== undefined ? { seedSource: v["seed-source"] } : {}),
    ...(v.on !== undefined ? { drawnOn: v.on } : {}),
    ...(v.tasks !== undefined ? { tasks: num(v.tasks) } : {}),
    ...(v.replacements !== undefined ? { replacements: num(v.replacements) } : {}),
    ...(v.inspectors !== undefined ? { inspectorsPerTask: num(v.inspectors) } : {}),
    ...(v.window !== undefined ? { windowDays: num(v.window) } : {})
  }
  if (v.pool === undefined || v.roster === undefined) {
    io.err.write(`draw --pool <file> --roster <file>\n\n${SAMPLING_USAGE}`)
    return 2
  }
  const pool = readRows(v.pool)
  if (!pool.ok) return printErrors(io, pool.errors, locale, json)
  const roster = readRows(v.roster)
  if (!roster.ok) return printErrors(io, roster.errors, locale, json)
  const d = draw(spec, pool.value, roster.value)
  if (!d.ok) return printErrors(io, d.errors, locale, json)
  const file: DrawFile = { draw: d.value, input: { spec, pool: pool.value, roster: roster.value } }
  io.out.write(json ? `${JSON.stringify(file)}\n` : format === "csv" ? drawCsv(d.value) : `${drawLines(d.value).join("\n")}\n`)
  return 0
}
