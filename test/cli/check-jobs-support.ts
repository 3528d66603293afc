// Runs `check` as Main.ts does (validator with packs, sinks, the spreadsheet tail), through
// runCheck with a given --jobs and the recipe the workers rebuild the validator from.
import { PassThrough, Readable } from "node:stream"
import { runCheck } from "@nongan/cli/Check"
import type { CheckFormat } from "@nongan/cli/CheckRecord"
import type { ParallelHooks } from "@nongan/cli/CheckParallel"
import type { ValidatorRecipe } from "@nongan/cli/CheckWorker"
import type { InputFormat, ReadStats } from "@nongan/cli/Input"
import { csvSink, type Sink, xlsxSink } from "@nongan/cli/Output"
import { type PackedValidator, validatorWithPacks } from "@nongan/cli/OwnPacks"
import type { Summary } from "@nongan/core/Verdict"

export interface Case {
  readonly files: ReadonlyArray<string>
  readonly format: CheckFormat
  readonly stdin?: string | undefined
  readonly input?: InputFormat | undefined
  readonly region?: string | undefined
  readonly packs?: ReadonlyArray<string> | undefined
  readonly lang?: "zh-CN" | "en" | undefined
  readonly maxAnalytes?: number | undefined
  readonly uncertainty?: string | undefined
  readonly line?: boolean | undefined
}

export interface Ran {
  readonly bytes: Buffer
  readonly stderr: string
  readonly summary: Summary | undefined
  readonly stats: ReadStats
  readonly error: unknown
}

const built = new Map<string, PackedValidator>()

export const recipeOf = (c: Case): ValidatorRecipe => ({
  packFiles: [...(c.packs ?? [])],
  options: { locale: c.lang ?? "zh-CN", bundledPacks: true, decisionRule: c.uncertainty !== undefined ? { uncertainty: c.uncertainty } : "reported-value" }
})

export const packed = (c: Case): PackedValidator => {
  const r = recipeOf(c)
  const key = JSON.stringify(r)
  let p = built.get(key)
  if (!p) {
    const b = validatorWithPacks(r.packFiles, r.options)
    if (!b.ok) throw new Error(JSON.stringify(b.errors))
    p = b.value
    built.set(key, p)
  }
  return p
}

export const runCase = async (
  c: Case,
  jobs: number | "auto" | undefined,
  o: {
    readonly parallel?: ParallelHooks
    readonly recipe?: ValidatorRecipe
    readonly out?: { write(s: string): boolean; once(ev: "drain", f: () => void): unknown }
    readonly stdin?: Readable
  } = {}
): Promise<Ran> => {
  const p = packed(c)
  const sink: Sink | undefined = c.format === "csv" ? csvSink() : c.format === "xlsx" ? xlsxSink() : undefined
  const out = new PassThrough()
  const chunks: Array<Buffer> = []
  out.on("data", (d: Buffer) => chunks.push(Buffer.from(d)))
  const err = new PassThrough()
  let stderr = ""
  err.on("data", (d) => (stderr += String(d)))
  const stats: ReadStats = { rows: 0, blank: 0 }
  let summary: Summary | undefined
  let error: unknown
  try {
    summary = await runCheck(p.validator, {
      file: c.files[0]!,
      files: c.files,
      inputFormat: c.input,
      format: c.format,
      locale: c.lang ?? "zh-CN",
      region: c.region,
      progress: false,
      line: c.line,
      out: o.out ?? out,
      err,
      sink,
      stats,
      blocked: p.blocked,
      limits: { maxAnalytes: c.maxAnalytes },
      stdin: o.stdin ?? Readable.from(c.stdin === undefined ? [] : [c.stdin]),
      jobs,
      recipe: o.recipe ?? recipeOf(c),
      ...(o.parallel ? { parallel: o.parallel } : {})
    })
    if (sink) {
      const tail = await sink.end(summary, { rows: stats.rows, blankRows: stats.blank, unreadableFiles: 0 })
      chunks.push(Buffer.from(tail))
    }
  } catch (e) {
    error = e
  }
  return { bytes: Buffer.concat(chunks), stderr, summary, stats, error }
}

/** A commitment certificate of a Chongqing cooperative naming its evidence by inspection ids (the tests' one certificate). */
export const certificate = (id: string, evidence: ReadonlyArray<string>) => ({
  id,
  kind: "certificate",
  issuer: { name: "开州区甲蔬菜专业合作社", type: "cooperative", contact: "023-52200000", subjectId: "KZ-S01" },
  product: "豇豆",
  quantity: "500 kg",
  origin: "重庆市开州区",
  issuedOn: "2026-06-15",
  region: "500154",
  commitment: "我承诺生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标",
  basis: ["委托检测合格"],
  evidence: { inspections: evidence }
})
