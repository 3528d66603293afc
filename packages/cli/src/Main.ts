import { parseArgs } from "node:util"
import { formatError, type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { lineage } from "@nongan/core/Ids"
import { createValidator } from "@nongan/sdk/Validator"
import { runCheck } from "./Check"
import { CsvHeaderError, type InputFormat } from "./Input"
import { statusLines, statusReport } from "./Status"

const USAGE = `用法 / usage:
  nongan check <file|-> [--format table|jsonl|json|explain] [--input jsonl|json|csv] [--region <code>]
                        [--rule reported-value|uncertainty] [--uncertainty 0.5] [--lang zh-CN|en] [--no-progress]
  nongan status <substance> --on <YYYY-MM-DD> [--food <name> | --species <name> [--state laying|lactating]] [--format json]
  nongan food <name> [--format json]
  nongan substance <name> [--format json]
  nongan packs [--region <code>] [--format json]
`

/**
 * Standard streams the CLI writes to (injectable for tests).
 *
 * @since 0.1.0
 * @category models
 */
export interface Io {
  readonly out: NodeJS.WritableStream
  readonly err: NodeJS.WritableStream
}

const usageError = (io: Io, locale: Locale, detail: string): number => {
  io.err.write(`${formatError(make("usage", [], { detail }), locale)}\n\n${USAGE}`)
  return 2
}

const printErrors = (io: Io, errors: ReadonlyArray<NonganError>, locale: Locale, json: boolean) => {
  if (json) io.out.write(`${JSON.stringify({ error: toJson(errors[0]!, locale), errors: errors.map((e) => toJson(e, locale)) })}\n`)
  else for (const e of errors.slice(0, 50)) io.err.write(`${formatError(e, locale)}\n`)
}

/**
 * The `nongan` command: returns the exit status (0 ok, 1 some record malformed or a lookup
 * failed, 2 usage error).
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
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string" },
        input: { type: "string" },
        region: { type: "string" },
        rule: { type: "string" },
        uncertainty: { type: "string" },
        lang: { type: "string" },
        on: { type: "string" },
        food: { type: "string" },
        species: { type: "string" },
        state: { type: "string" },
        "no-progress": { type: "boolean" },
        help: { type: "boolean", short: "h" }
      }
    })
  } catch (e) {
    return usageError(io, "zh-CN", (e as Error).message)
  }
  const { values: v, positionals } = parsed
  const locale: Locale = v.lang === "en" ? "en" : "zh-CN"
  if (v.lang !== undefined && v.lang !== "en" && v.lang !== "zh-CN") return usageError(io, locale, `--lang ${v.lang}`)
  const [command, arg] = positionals
  if (v.help || command === undefined || command === "help") {
    io.out.write(USAGE)
    return command === undefined && !v.help ? 2 : 0
  }
  const json = v.format === "json"
  if (v.region !== undefined && !/^\d{6}$/.test(v.region)) return usageError(io, locale, `--region ${v.region}`)
  let decisionRule: "reported-value" | { uncertainty: string } = "reported-value"
  if (v.rule === "uncertainty") decisionRule = { uncertainty: v.uncertainty ?? "0.5" }
  else if (v.rule !== undefined && v.rule !== "reported-value") return usageError(io, locale, `--rule ${v.rule}`)
  const validator = createValidator({ decisionRule, locale })
  if (!validator.ok) {
    printErrors(io, validator.errors, locale, false)
    return 1
  }
  const ds = validator.value.dataset
  switch (command) {
    case "check": {
      if (arg === undefined) return usageError(io, locale, "check <file|->")
      const format = v.format ?? "table"
      if (format !== "table" && format !== "jsonl" && format !== "json" && format !== "explain") return usageError(io, locale, `--format ${format}`)
      if (v.input !== undefined && v.input !== "jsonl" && v.input !== "json" && v.input !== "csv") return usageError(io, locale, `--input ${v.input}`)
      try {
        const s = await runCheck(validator.value, {
          file: arg,
          inputFormat: v.input as InputFormat | undefined,
          format,
          locale,
          region: v.region,
          progress: !v["no-progress"],
          out: io.out,
          err: io.err
        })
        return s.malformed > 0 ? 1 : 0
      } catch (e) {
        if (e instanceof CsvHeaderError) return usageError(io, locale, e.message)
        const code = (e as NodeJS.ErrnoException).code
        if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
          io.err.write(`${formatError(make("io", [arg], { detail: code }), locale)}\n`)
          return 2
        }
        throw e
      }
    }
    case "status": {
      if (arg === undefined || v.on === undefined) return usageError(io, locale, "status <substance> --on <YYYY-MM-DD>")
      if (v.food !== undefined && v.species !== undefined) return usageError(io, locale, "--food | --species")
      const r = statusReport(ds, { substance: arg, on: v.on, food: v.food, species: v.species, state: v.state })
      if (!r.ok) {
        printErrors(io, r.errors, locale, json)
        return 1
      }
      io.out.write(json ? `${JSON.stringify(r.value)}\n` : `${statusLines(r.value, locale).join("\n")}\n`)
      return 0
    }
    case "food": {
      if (arg === undefined) return usageError(io, locale, "food <name>")
      const r = ds.foods.resolve(arg)
      if (!r.ok) {
        printErrors(io, r.errors, locale, json)
        return 1
      }
      const f = r.value
      io.out.write(json ? `${JSON.stringify(f)}\n` : f.kind === "plant" ? `${arg} → ${f.id}: ${f.path.join(" › ")}\n` : `${arg} → ${f.id}: ${f.speciesPath.join(" › ")} / ${f.tissue}\n`)
      return 0
    }
    case "substance": {
      if (arg === undefined) return usageError(io, locale, "substance <name>")
      const r = ds.substances.resolve(arg)
      if (!r.ok) {
        printErrors(io, r.errors, locale, json)
        return 1
      }
      const s = r.value
      const def = s.residueDefinition
      io.out.write(
        json
          ? `${JSON.stringify(s)}\n`
          : `${arg} → ${s.id} (${s.english ?? ""}${s.cas ? `, CAS ${s.cas}` : ""}; ${s.kind})\n` +
              (def ? `  残留物 / residue definition: ${def.text ?? def.components.map((c) => `${c.substance}×${c.factor.toString()}`).join(" + ")}\n` : "")
      )
      return 0
    }
    case "packs": {
      const c = validator.value.composition
      const all = [...c.layers.values()].flat()
      const row = (l: (typeof all)[number]) => ({
        id: l.pack.id,
        jurisdiction: l.pack.jurisdiction,
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
        v.region === undefined
          ? undefined
          : lineage(v.region).map((j) =>
              j === "000000"
                ? { jurisdiction: j, packs: [c.national.id] }
                : { jurisdiction: j, packs: (c.layers.get(j) ?? []).map((l) => `${l.pack.id}@${l.pack.version} (${l.pack.effective.from}~${l.pack.effective.to ?? ""})`) }
            )
      if (json) {
        io.out.write(`${JSON.stringify({ national: c.national, packs: all.map(row), ...(layering ? { region: v.region, layering } : {}) })}\n`)
        return 0
      }
      const zh = locale === "zh-CN"
      io.out.write(`${zh ? "国家层" : "national"}: ${c.national.id}@${c.national.version} sha256:${c.national.hash.slice(0, 12)}\n`)
      for (const l of all.map(row))
        io.out.write(
          `${l.jurisdiction}  ${l.id}@${l.version}  ${l.name}  ${l.effective.from}~${l.effective.to ?? ""}  ${zh ? "上级" : "parent"} ${l.parent ?? "-"}  sha256:${l.hash.slice(0, 12)}\n` +
            `    ${zh ? "内容" : "contents"}: ${Object.entries(l.contents).map(([k, n]) => `${k} ${n}`).join(", ")}\n    ${zh ? "出处" : "source"}: ${l.source}\n`
        )
      if (layering) {
        io.out.write(`\n${zh ? "判定层级" : "layering for"} ${v.region}:\n`)
        for (const x of layering) io.out.write(`  ${x.jurisdiction}: ${x.packs.length > 0 ? x.packs.join(", ") : zh ? "（无规则包）" : "(no pack)"}\n`)
      }
      return 0
    }
    default:
      return usageError(io, locale, `unknown command ${command}`)
  }
}
