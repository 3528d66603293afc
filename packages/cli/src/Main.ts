import { createRequire } from "node:module"
import type { Readable } from "node:stream"
import { writeFileSync } from "node:fs"
import { formatError, type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { lineage } from "@nongan/core/Ids"
import { checkRegion, regionName } from "@nongan/core/Region"
import type { Summary } from "@nongan/core/Verdict"
import { loadDataset } from "@nongan/sdk/Validator"
import { runCheck } from "./Check"
import { MAX_JOBS, parseJobs } from "./CheckJobs"
import type { InputFormat, ReadStats } from "./Input"
import { limitAnswer, limitCsvLine, limitLines, LIMIT_COLUMNS, limitRows } from "./Lookup"
import { csvSink, type Sink, xlsxSink } from "./Output"
import { packSources, validatorWithPacks } from "./OwnPacks"
import { checkPacks, initPack, outputDir } from "./PackCommand"
import { COMMANDS, commandHelp, DELEGATED, nearestCommand, parseCommand, usage } from "./Spec"
import { statusLines, statusReport } from "./Status"
import type { Encoding } from "./Text"

/**
 * Standard streams the CLI writes to (injectable for tests), and standard input.
 *
 * @since 0.1.0
 * @category models
 */
export interface Io {
  readonly out: NodeJS.WritableStream
  readonly err: NodeJS.WritableStream
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly stdin?: Readable
}

/**
 * The exit codes of `nongan`.
 *
 * @example
 * import { EXIT } from "@nongan/cli/Main"
 * EXIT.usage // 2
 *
 * @since 0.1.0
 * @category models
 */
export const EXIT = { ok: 0, malformed: 1, usage: 2, data: 3, internal: 4 } as const

/**
 * The version of `@nongan/cli`.
 *
 * @example
 * import { VERSION } from "@nongan/cli/Main"
 * /^\d+\.\d+\.\d+/.test(VERSION) // true
 *
 * @since 0.1.0
 * @category models
 */
export const VERSION: string = (() => {
  try {
    return (createRequire(import.meta.url)("../package.json") as { version: string }).version
  } catch {
    // a bundle moved away from its package.json
    return "0.1.0"
  }
})()

const usageError = (io: Io, locale: Locale, detail: string, command?: string): number => {
  io.err.write(`${formatError(make("usage", [], { detail }), locale)}\n`)
  io.err.write(command !== undefined ? `(nongan help ${command})\n` : `\n${usage()}`)
  return EXIT.usage
}

const printErrors = (io: Io, errors: ReadonlyArray<NonganError>, locale: Locale, json: boolean) => {
  if (json) io.out.write(`${JSON.stringify({ error: toJson(errors[0]!, locale), errors: errors.map((e) => toJson(e, locale)) })}\n`)
  else for (const e of errors.slice(0, 50)) io.err.write(`${formatError(e, locale)}\n`)
  if (!json && errors.length > 50) io.err.write(`… ${errors.length - 50} more\n`)
}

const IO_TEXT: Readonly<Record<string, readonly [string, string]>> = {
  ENOENT: ["文件不存在", "no such file"],
  EISDIR: ["是目录，不是文件", "a directory, not a file"],
  EACCES: ["没有读取权限", "permission denied"],
  ENOTDIR: ["路径中有一段不是目录", "a part of the path is not a directory"],
  ENAMETOOLONG: ["文件名过长", "file name too long"],
  EIO: ["读取时出现输入输出错误", "input/output error while reading"]
}

const ioText = (code: string, locale: Locale): string => {
  const t = IO_TEXT[code]
  return t ? `${locale === "zh-CN" ? t[0] : t[1]} (${code})` : code
}

const today = (): string => new Date().toISOString().slice(0, 10)

// loaded on use, so that `nongan status` does not start by loading the HTTP server
const DELEGATE: Readonly<Record<string, (argv: ReadonlyArray<string>, io: Io) => Promise<number>>> = {
  serve: async (a, io) => (await import("./Serve")).serve(a, io.err),
  plan: async (a, io) => (await import("./Plan")).runPlan(a, io),
  draw: async (a, io) => (await import("./Draw")).runDraw(a, io),
  kpi: async (a, io) => (await import("./Kpi")).runKpi(a, io),
  case: async (a, io) => (await import("./Case")).runCase(a, io),
  credit: async (a, io) => (await import("./Credit")).runCredit(a, io),
  lists: async (a, io) => (await import("./Lists")).runLists(a, io),
  coverage: async (a, io) => (await import("./Coverage")).runCoverageCommand(a, io)
}

/**
 * The `nongan` command: returns the exit status — 0 every record read (or found), 1 some
 * record malformed (or a name not found, or `--fail-on` matched), 2 usage error, 3 data or pack
 * error, 4 internal error (set by the binary).
 *
 * @example
 * import { main } from "@nongan/cli/Main"
 * // await main(["status", "甲拌磷", "--on", "2024-09-01"], { out: process.stdout, err: process.stderr })
 * typeof main // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const [command, ...rest] = argv
  const env = io.env ?? process.env
  const guessLocale: Locale = argv.includes("en") && argv.some((a) => a === "--lang" || a === "--lang=en") ? "en" : "zh-CN"
  if (command === undefined) {
    io.err.write(usage())
    return EXIT.usage
  }
  if (command === "--version" || command === "-V" || command === "version") {
    io.out.write(`nongan ${VERSION}\n`)
    return EXIT.ok
  }
  if (command === "--help" || command === "-h") {
    io.out.write(usage())
    return EXIT.ok
  }
  if (command === "help") {
    const c = rest[0]
    if (c === undefined) {
      io.out.write(usage())
      return EXIT.ok
    }
    if (COMMANDS[c]) {
      io.out.write(commandHelp(COMMANDS[c]))
      return EXIT.ok
    }
    if (DELEGATE[c]) return DELEGATE[c](["--help"], io)
    const near = nearestCommand(c)
    return usageError(io, guessLocale, `unknown command ${c}${near ? ` (did you mean ${near}?)` : ""}`)
  }
  const delegated = DELEGATE[command]
  if (delegated && DELEGATED.includes(command)) return delegated(rest, io)
  const spec = COMMANDS[command]
  if (!spec) {
    const near = nearestCommand(command)
    return usageError(io, guessLocale, `unknown command ${command}${near ? ` (did you mean ${near}?)` : ""}`)
  }
  const p = parseCommand(spec, rest)
  if (!p.ok) return usageError(io, guessLocale, p.detail, command)
  const v = p.values as Record<string, string | boolean | ReadonlyArray<string> | undefined>
  const s = (k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined)
  const locale: Locale = s("lang") === "en" ? "en" : "zh-CN"
  if (v.help === true) {
    io.out.write(commandHelp(spec))
    return EXIT.ok
  }
  const pos = p.positionals
  // the rule data: the bundled @nongan/rules, or a directory given explicitly (for bundlers)
  const rules = env.NONGAN_RULES_DIR || undefined
  const json = s("format") === "json"
  const region = s("region")
  if (region !== undefined) {
    const r = checkRegion(region, ["--region"])
    if (!r.ok) {
      printErrors(io, r.errors, locale, false)
      return EXIT.usage
    }
  }
  switch (command) {
    case "status":
    case "food":
    case "substance":
    case "limits": {
      // catalogue look-ups never need packs
      const d = loadDataset(rules)
      if (!d.ok) {
        printErrors(io, d.errors, locale, false)
        return EXIT.data
      }
      const ds = d.value
      if (command === "status") {
        if (s("on") === undefined) return usageError(io, locale, "status <substance> --on <YYYY-MM-DD>", command)
        if (s("food") !== undefined && s("species") !== undefined) return usageError(io, locale, "--food | --species", command)
        const r = statusReport(ds, { substance: pos[0]!, on: s("on")!, food: s("food"), species: s("species"), state: s("state") })
        if (!r.ok) {
          printErrors(io, r.errors, locale, json)
          return EXIT.malformed
        }
        io.out.write(json ? `${JSON.stringify(r.value)}\n` : `${statusLines(r.value, locale).join("\n")}\n`)
        return EXIT.ok
      }
      if (command === "food") {
        const r = ds.foods.resolve(pos[0]!)
        if (!r.ok) {
          printErrors(io, r.errors, locale, json)
          return EXIT.malformed
        }
        const f = r.value
        io.out.write(json ? `${JSON.stringify(f)}\n` : f.kind === "plant" ? `${pos[0]} → ${f.id}: ${f.path.join(" › ")}\n` : `${pos[0]} → ${f.id}: ${f.speciesPath.join(" › ")} / ${f.tissue}\n`)
        return EXIT.ok
      }
      if (command === "substance") {
        const r = ds.substances.resolve(pos[0]!)
        if (!r.ok) {
          printErrors(io, r.errors, locale, json)
          return EXIT.malformed
        }
        const x = r.value
        const def = x.residueDefinition
        const name = locale === "en" && x.english ? `${x.english} (${x.id})` : `${x.id}${x.english ? ` (${x.english})` : ""}`
        io.out.write(
          json
            ? `${JSON.stringify(x)}\n`
            : `${pos[0]} → ${name}${x.cas ? `, CAS ${x.cas}` : ""}; ${x.kind}\n` +
                (def ? `  ${locale === "en" ? "residue definition" : "残留物"}: ${def.text ?? def.components.map((c) => `${c.substance}×${c.factor.toString()}`).join(" + ")}\n` : "")
        )
        return EXIT.ok
      }
      const r = limitRows(ds, { substance: s("substance"), food: s("food"), on: s("on") })
      if (!r.ok) {
        if (r.errors[0]!.code === "usage") return usageError(io, locale, "limits --substance X | --food Y", command)
        printErrors(io, r.errors, locale, json)
        return EXIT.malformed
      }
      const format = s("format") ?? "table"
      if (format === "json") io.out.write(`${JSON.stringify(r.value)}\n`)
      else if (format === "csv") io.out.write(`${LIMIT_COLUMNS.join(",")}\n${r.value.map((l) => `${limitCsvLine(l)}\n`).join("")}`)
      else
        for (const l of r.value)
          io.out.write(
            `${l.substance}  ${l.food ?? `${l.species ?? ""}${l.tissue ? `/${l.tissue}` : ""}`}  ${l.mustNotDetect ? "不得检出" : `${l.limit ?? "-"} ${l.unit}`}${l.temporary ? "*" : ""}  ${l.instrument}${l.clause ? ` ${l.clause}` : ""}  ${l.from}~${l.to ?? ""}  ${l.verification}\n`
          )
      return EXIT.ok
    }
    case "pack": {
      const [sub, ...files] = pos
      if (sub === "init") {
        if (region === undefined) return usageError(io, locale, "pack init --region <code>", command)
        if (files.length > 0) return usageError(io, locale, `pack init: unexpected argument ${files[0]}`, command)
        const from = s("from") ?? today()
        const out = s("output")
        const r = initPack(region, from, outputDir(out))
        if (!r.ok) {
          printErrors(io, r.errors, locale, false)
          return EXIT.usage
        }
        const text = `${JSON.stringify(r.value, null, 2)}\n`
        if (out !== undefined) {
          try {
            writeFileSync(out, text, { flag: "wx" })
          } catch (e) {
            io.err.write(`${formatError(make("io", [out], { detail: (e as NodeJS.ErrnoException).code ?? "write" }), locale)}\n`)
            return EXIT.usage
          }
          io.err.write(`${out}: ${r.value.name} (${region})\n`)
        } else io.out.write(text)
        return EXIT.ok
      }
      if (sub === "check") {
        if (files.length === 0) return usageError(io, locale, "pack check <file>…", command)
        const results = checkPacks(files, rules)
        if (json) io.out.write(`${JSON.stringify(results.map((r) => ({ ...r, errors: r.errors.map((e) => toJson(e, locale)) })))}\n`)
        else
          for (const r of results) {
            if (r.ok && r.pack)
              io.out.write(
                `✓ ${r.file}: ${r.pack.id}@${r.pack.version} ${r.pack.jurisdiction} ${r.pack.regionName ?? ""}  ${Object.entries(r.pack.contents).map(([k, n]) => `${k} ${n}`).join(", ")}${r.laws ? `; ${locale === "zh-CN" ? "定律检查" : "laws"}: ${r.laws.records} records, ${r.laws.judgedByPack} judged by the pack` : ""}\n`
              )
            else {
              io.out.write(`✗ ${r.file}: ${r.errors.length} ${locale === "zh-CN" ? "个错误" : "errors"}\n`)
              for (const e of r.errors.slice(0, 50)) io.out.write(`    ${formatError(e, locale)}\n`)
            }
          }
        return results.every((r) => r.ok) ? EXIT.ok : EXIT.data
      }
      return usageError(io, locale, `pack ${sub}: expected check or init`, command)
    }
    default:
      break
  }
  // commands that judge (or list the composition): the bundled packs and one's own
  const sources = packSources({ pack: v.pack as ReadonlyArray<string> | undefined, packsDir: s("packs-dir") }, env)
  if (!sources.ok) {
    printErrors(io, sources.errors, locale, false)
    return EXIT.usage
  }
  let decisionRule: "reported-value" | { uncertainty: string } = "reported-value"
  if (s("rule") === "uncertainty") decisionRule = { uncertainty: s("uncertainty") ?? "0.5" }
  else if (s("uncertainty") !== undefined) return usageError(io, locale, "--uncertainty applies to --rule uncertainty", command)
  const built = validatorWithPacks(sources.value, { decisionRule, locale, bundledPacks: v["no-bundled-packs"] !== true, ...(rules ? { rulesDir: rules } : {}) })
  if (!built.ok) {
    printErrors(io, built.errors, locale, false)
    return built.errors.some((e) => e.code === "invalid-decimal") ? EXIT.usage : EXIT.data
  }
  const packed = built.value
  if (packed.errors.length > 0) {
    printErrors(io, packed.errors, locale, false)
    io.err.write(
      `${locale === "zh-CN" ? "未加载的规则包所在地区（其记录不予判定）" : "regions whose packs did not load (their records are not judged)"}: ${packed.blocked.map((b) => `${b} ${regionName(b) ?? ""}`).join(", ")}\n`
    )
  }
  const packCode = packed.errors.length > 0 ? EXIT.data : EXIT.ok
  const validator = packed.validator
  if (command === "limit") {
    const r = limitAnswer(validator.composition, { substance: pos[0]!, food: pos[1]!, on: s("on") ?? today(), region })
    if (!r.ok) {
      printErrors(io, r.errors, locale, json)
      return EXIT.malformed
    }
    io.out.write(json ? `${JSON.stringify(r.value)}\n` : `${limitLines(r.value, locale === "zh-CN").join("\n")}\n`)
    return packCode
  }
  if (command === "packs") {
    const c = validator.composition
    const all = [...c.layers.values()].flat()
    const row = (l: (typeof all)[number]) => ({
      id: l.pack.id,
      jurisdiction: l.pack.jurisdiction,
      regionName: regionName(l.pack.jurisdiction) ?? null,
      name: l.pack.name,
      version: l.pack.version,
      effective: l.pack.effective,
      parent: l.pack.parent,
      hash: l.ref.hash,
      source: l.pack.source.instrument,
      contents: {
        limits: l.pack.limits?.length ?? 0,
        bans: l.pack.bans?.length ?? 0,
        intervals: l.pack.intervals?.length ?? 0,
        keyVarieties: l.pack.keyVarieties?.length ?? 0,
        parameters: l.pack.parameters?.length ?? 0,
        customRules: l.pack.customRules?.length ?? 0
      }
    })
    const layering =
      region === undefined
        ? undefined
        : lineage(region).map((j) =>
            j === "000000"
              ? { jurisdiction: j, regionName: "全国", packs: [c.national.id] }
              : {
                  jurisdiction: j,
                  regionName: regionName(j) ?? null,
                  packs: (c.layers.get(j) ?? []).map((l) => `${l.pack.id}@${l.pack.version} (${l.pack.effective.from}~${l.pack.effective.to ?? ""})`)
                }
          )
    if (json) {
      io.out.write(`${JSON.stringify({ national: c.national, packs: all.map(row), ...(layering ? { region, layering } : {}) })}\n`)
      return packCode
    }
    const zh = locale === "zh-CN"
    io.out.write(`${zh ? "国家层" : "national"}: ${c.national.id}@${c.national.version} sha256:${c.national.hash.slice(0, 12)}\n`)
    for (const l of all.map(row))
      io.out.write(
        `${l.jurisdiction} ${l.regionName ?? ""}  ${l.id}@${l.version}  ${l.name}  ${l.effective.from}~${l.effective.to ?? ""}  ${zh ? "上级" : "parent"} ${l.parent ?? "-"}  sha256:${l.hash.slice(0, 12)}\n` +
          `    ${zh ? "内容" : "contents"}: ${Object.entries(l.contents).map(([k, n]) => `${k} ${n}`).join(", ")}\n    ${zh ? "出处" : "source"}: ${l.source}\n`
      )
    if (layering) {
      io.out.write(`\n${zh ? "判定层级" : "layering for"} ${region}:\n`)
      for (const x of layering) io.out.write(`  ${x.jurisdiction} ${x.regionName ?? ""}: ${x.packs.length > 0 ? x.packs.join(", ") : zh ? "（无规则包）" : "(no pack)"}\n`)
    }
    return packCode
  }
  // check
  const format = (s("format") ?? "table") as "table" | "jsonl" | "json" | "explain" | "csv" | "xlsx"
  const output = s("output")
  if (format === "xlsx" && output === undefined && (io.out as { isTTY?: boolean }).isTTY === true)
    return usageError(io, locale, "--format xlsx writes a workbook: give --output FILE or redirect stdout", command)
  if (pos.filter((f) => f === "-").length > 1) return usageError(io, locale, "standard input (-) can be read once", command)
  const int = (k: string): number | undefined | null => {
    const x = s(k)
    return x === undefined ? undefined : /^[1-9]\d{0,9}$/.test(x) ? Number(x) : null
  }
  const maxLine = int("max-line")
  const maxAnalytes = int("max-analytes")
  if (maxLine === null || maxAnalytes === null) return usageError(io, locale, `--${maxLine === null ? "max-line" : "max-analytes"} expects a positive integer`, command)
  const jobs = parseJobs(s("jobs"))
  if (jobs === null) return usageError(io, locale, `--jobs expects a whole number from 1 to ${MAX_JOBS}, or auto`, command)
  const sink: Sink | undefined = format === "csv" ? csvSink() : format === "xlsx" ? xlsxSink() : undefined
  const stats: ReadStats = { rows: 0, blank: 0 }
  let unreadable = 0
  const chunks: Array<string> = []
  const out = output === undefined ? io.out : { write: (t: string) => (chunks.push(t), true), once: () => undefined }
  const summary: Summary = await runCheck(validator, {
    file: pos[0]!,
    files: pos,
    inputFormat: s("input") as InputFormat | undefined,
    encoding: (s("encoding") ?? "auto") as Encoding,
    sheet: s("sheet"),
    format,
    locale,
    region,
    progress: v["no-progress"] !== true,
    line: v.line === true || (pos.length === 1 && pos[0] === "-" && format === "jsonl"),
    out: out as never,
    err: io.err,
    sink,
    stats,
    blocked: packed.blocked,
    limits: { maxLine, maxAnalytes },
    jobs,
    recipe: { packFiles: sources.value, options: { decisionRule, locale, bundledPacks: v["no-bundled-packs"] !== true, ...(rules ? { rulesDir: rules } : {}) } },
    ...(io.stdin ? { stdin: io.stdin } : {}),
    onOpenError: (file, code) => {
      unreadable++
      io.err.write(`${formatError(make("io", [file], { detail: ioText(code, locale) }), locale)}\n`)
    }
  })
  if (sink) {
    const tail = await sink.end(summary, { rows: stats.rows, blankRows: stats.blank, unreadableFiles: unreadable })
    if (typeof tail === "string") chunks.push(tail)
    if (output === undefined) {
      if (typeof tail !== "string") io.out.write(tail as never)
      else if (tail !== "") io.out.write(tail)
    } else writeFileSync(output, typeof tail === "string" ? chunks.join("") : tail)
  } else if (output !== undefined) writeFileSync(output, chunks.join(""))
  if (stats.rows > 0 || stats.blank > 0)
    io.err.write(locale === "zh-CN" ? `读取 ${stats.rows} 行数据，跳过空行 ${stats.blank}\n` : `${stats.rows} data rows read, ${stats.blank} blank rows skipped\n`)
  const failOn = s("fail-on")
  const failed = failOn === "non-compliant" ? summary.nonCompliant > 0 : failOn === "indeterminate" ? summary.nonCompliant + summary.indeterminate > 0 : false
  if (unreadable > 0) return EXIT.usage
  if (packCode !== EXIT.ok) return packCode
  return summary.malformed > 0 || failed ? EXIT.malformed : EXIT.ok
}

