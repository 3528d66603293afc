/**
 * The commands `nongan` parses itself: their options (with defaults and descriptions), examples
 * and exit codes, strict parsing (an unknown option, one that does not apply, a missing value or
 * an extra positional is a usage error, with the nearest names), and per-command help.
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import { nearest } from "@nongan/core/Suggest"

/**
 * One option: its type, whether it repeats, its value's name, default and description.
 *
 * @since 0.1.0
 * @category models
 */
export interface OptionSpec {
  readonly type: "string" | "boolean"
  readonly multiple?: boolean
  readonly short?: string
  readonly value?: string
  readonly default?: string
  readonly choices?: ReadonlyArray<string>
  readonly describe: string
}

/**
 * One command: its positionals (`min`…`max`, `max` -1 for any number), options, examples and
 * exit codes.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommandSpec {
  readonly name: string
  readonly args: string
  readonly summary: string
  readonly min: number
  readonly max: number
  readonly options: Readonly<Record<string, OptionSpec>>
  readonly examples: ReadonlyArray<string>
  readonly exit: ReadonlyArray<string>
}

const lang: OptionSpec = { type: "string", value: "zh-CN|en", default: "zh-CN", choices: ["zh-CN", "en"], describe: "language of messages and names / 语言" }
const help: OptionSpec = { type: "boolean", short: "h", describe: "this help / 帮助" }
const packs: Readonly<Record<string, OptionSpec>> = {
  pack: { type: "string", multiple: true, value: "FILE", describe: "an extra rule pack (repeatable; also NONGAN_PACKS=a.json:b.json) / 自有规则包" },
  "packs-dir": { type: "string", value: "DIR", describe: "every *.json under DIR is a pack (also NONGAN_PACKS_DIR) / 规则包目录" },
  "no-bundled-packs": { type: "boolean", describe: "do not load the bundled regional packs / 不加载内置地区规则包" }
}
const region: OptionSpec = { type: "string", value: "CODE", describe: "GB/T 2260 region code / 行政区划代码" }

const EXIT_JUDGE = [
  "0  every record was read (whatever the verdicts, unless --fail-on)",
  "1  some record was malformed (or --fail-on matched)",
  "2  usage error (unknown option or command, unreadable file)",
  "3  data or pack error (a pack did not load: its regions were not judged)",
  "4  internal error"
]
const EXIT_LOOKUP = ["0  found", "1  not found (unknown name, nearest names given)", "2  usage error", "3  data error", "4  internal error"]

/**
 * The commands parsed here.
 *
 * @example
 * import { COMMANDS } from "@nongan/cli/Spec"
 * COMMANDS.check!.options["format"]!.default // "table"
 *
 * @since 0.1.0
 * @category models
 */
export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: {
    name: "check",
    args: "<file|->…",
    summary: "judge records (JSON Lines, JSON, CSV, XLSX) / 判定检测记录",
    min: 1,
    max: -1,
    options: {
      format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "jsonl", "json", "explain", "csv", "xlsx"], describe: "output: table, jsonl, json (with the summary), explain, csv or xlsx (one row per analyte)" },
      input: { type: "string", value: "FORMAT", choices: ["jsonl", "json", "csv", "xlsx"], describe: "input format (default: from the extension or the first bytes)" },
      encoding: { type: "string", value: "ENC", default: "auto", choices: ["auto", "utf-8", "gbk", "gb18030"], describe: "text encoding of CSV input (auto: UTF-8 with or without BOM, else GB18030/GBK)" },
      sheet: { type: "string", value: "NAME|N", default: "1", describe: "the XLSX sheet to read" },
      output: { type: "string", short: "o", value: "FILE", describe: "write the output to FILE (needed for --format xlsx on a terminal)" },
      region,
      rule: { type: "string", value: "RULE", default: "reported-value", choices: ["reported-value", "uncertainty"], describe: "decision rule" },
      uncertainty: { type: "string", value: "REL", default: "0.5", describe: "relative expanded uncertainty for --rule uncertainty" },
      "fail-on": { type: "string", value: "VERDICT", choices: ["non-compliant", "indeterminate"], describe: "exit 1 when a record is non-compliant (or non-compliant or indeterminate)" },
      line: { type: "boolean", describe: "answer each JSON line as soon as it is read (default for --format jsonl on stdin)" },
      "max-line": { type: "string", value: "N", default: "4194304", describe: "a JSON line longer than N characters is an error of that record" },
      "max-analytes": { type: "string", value: "N", default: "10000", describe: "a record with more than N analytes is an error of that record" },
      "no-progress": { type: "boolean", describe: "no progress bar on stderr" },
      jobs: { type: "string", value: "N|auto", default: "auto", describe: "worker threads judging the records (1: in the main thread; auto: the cores, up to 8, and 1 for inputs under 8 MB or --line); the output is the same bytes / 判定线程数" },
      ...packs,
      lang,
      help
    },
    examples: [
      "nongan check examples/csv/sampling.csv",
      "nongan check examples/xlsx/sampling.xlsx --format csv > reports.csv",
      "nongan check a.csv b.jsonl --format jsonl --pack my-county.json",
      "cat records.jsonl | nongan check - --format jsonl --line",
      "nongan check big.jsonl --format jsonl --jobs 4 > reports.jsonl"
    ],
    exit: EXIT_JUDGE
  },
  status: {
    name: "status",
    args: "<substance>",
    summary: "legal status of a substance on a date / 物质的法律状态",
    min: 1,
    max: 1,
    options: {
      on: { type: "string", value: "DATE", describe: "the date (YYYY-MM-DD), required" },
      food: { type: "string", value: "NAME", describe: "for this food" },
      species: { type: "string", value: "NAME", describe: "for this animal species" },
      state: { type: "string", value: "STATE", choices: ["laying", "lactating"], describe: "the animal's state" },
      format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "json"], describe: "output" },
      lang,
      help
    },
    examples: ["nongan status 甲拌磷 --on 2024-09-01 --food 韭菜"],
    exit: EXIT_LOOKUP
  },
  food: {
    name: "food",
    args: "<name>",
    summary: "catalogue look-up of a food / 食品目录查询",
    min: 1,
    max: 1,
    options: { format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "json"], describe: "output" }, lang, help },
    examples: ["nongan food 韭菜"],
    exit: EXIT_LOOKUP
  },
  substance: {
    name: "substance",
    args: "<name>",
    summary: "catalogue look-up of a substance / 物质目录查询",
    min: 1,
    max: 1,
    options: { format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "json"], describe: "output" }, lang, help },
    examples: ["nongan substance 克百威 --lang en"],
    exit: EXIT_LOOKUP
  },
  limit: {
    name: "limit",
    args: "<substance> <food>",
    summary: "the limit in force for a substance on a food / 限量查询",
    min: 2,
    max: 2,
    options: {
      on: { type: "string", value: "DATE", default: "today", describe: "the date (YYYY-MM-DD)" },
      region,
      format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "json"], describe: "output" },
      ...packs,
      lang,
      help
    },
    examples: ["nongan limit 克百威 豇豆 --on 2026-06-15", "nongan limit 毒死蜱 韭菜 --region 500154 --on 2022-06-01"],
    exit: EXIT_LOOKUP
  },
  limits: {
    name: "limits",
    args: "",
    summary: "national limit rows of a substance or a food / 限量列表",
    min: 0,
    max: 0,
    options: {
      substance: { type: "string", value: "NAME", describe: "rows of this substance" },
      food: { type: "string", value: "NAME", describe: "rows on this food's category path" },
      on: { type: "string", value: "DATE", describe: "only rows in force on this date" },
      format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "csv", "json"], describe: "output" },
      lang,
      help
    },
    examples: ["nongan limits --substance 克百威 --on 2026-06-15", "nongan limits --food 豇豆 --format csv > 豇豆.csv"],
    exit: EXIT_LOOKUP
  },
  packs: {
    name: "packs",
    args: "",
    summary: "the national layer and the regional packs / 规则包列表",
    min: 0,
    max: 0,
    options: { region, format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "json"], describe: "output" }, ...packs, lang, help },
    examples: ["nongan packs --region 500154", "nongan packs --pack my-county.json"],
    exit: ["0  listed", "2  usage error", "3  a pack did not load (its errors on stderr)", "4  internal error"]
  },
  pack: {
    name: "pack",
    args: "check <file>… | init --region <code>",
    summary: "check rule pack files, or write a starting pack / 检查或新建规则包",
    min: 1,
    max: -1,
    options: {
      region,
      from: { type: "string", value: "DATE", default: "today", describe: "pack init: the first day the pack applies" },
      output: { type: "string", short: "o", value: "FILE", describe: "pack init: write to FILE (default stdout)" },
      format: { type: "string", value: "FORMAT", default: "table", choices: ["table", "json"], describe: "output of pack check" },
      lang,
      help
    },
    examples: ["nongan pack init --region 500154 -o my-county.json", "nongan pack check my-county.json"],
    exit: ["0  every pack loads", "2  usage error", "3  some pack has errors (each with file, row and rule)", "4  internal error"]
  }
}

/**
 * Commands that parse their own options (`nongan <command> --help` prints their usage).
 *
 * @example
 * import { DELEGATED } from "@nongan/cli/Spec"
 * DELEGATED.includes("serve") // true
 *
 * @since 0.1.0
 * @category models
 */
export const DELEGATED: ReadonlyArray<string> = ["serve", "plan", "draw", "kpi", "case", "credit", "lists", "coverage"]

/**
 * The result of parsing a command's arguments.
 *
 * @since 0.1.0
 * @category models
 */
export type Parsed =
  | { readonly ok: true; readonly values: Readonly<Record<string, string | boolean | ReadonlyArray<string> | undefined>>; readonly positionals: ReadonlyArray<string> }
  | { readonly ok: false; readonly detail: string }

/**
 * Parses a command's arguments strictly: unknown options (with the nearest known ones), options
 * without their value, values outside the choices, and a wrong number of positionals are usage
 * errors.
 *
 * @example
 * import { COMMANDS, parseCommand } from "@nongan/cli/Spec"
 * const p = parseCommand(COMMANDS.food!, ["韭菜", "--formt", "json"])
 * !p.ok && p.detail // "unknown option --formt (did you mean --format?)"
 *
 * @since 0.1.0
 * @category constructors
 */
export const parseCommand = (spec: CommandSpec, argv: ReadonlyArray<string>): Parsed => {
  const names = Object.keys(spec.options)
  for (const a of argv) {
    if (a === "--") break
    if (!a.startsWith("--")) continue
    const name = a.slice(2).split("=")[0]!
    if (!names.includes(name)) {
      const all = [...Object.keys(COMMANDS).flatMap((c) => Object.keys(COMMANDS[c]!.options))]
      const applies = all.includes(name)
      const near = nearest(name, names, 1)[0]
      return { ok: false, detail: applies ? `option --${name} does not apply to ${spec.name}` : `unknown option --${name}${near ? ` (did you mean --${near}?)` : ""}` }
    }
  }
  let r
  try {
    r = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([k, o]) => [k, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }])
      )
    })
  } catch (e) {
    return { ok: false, detail: (e as Error).message.replace(/\. To specify a positional argument.*$/s, "") }
  }
  for (const [k, o] of Object.entries(spec.options)) {
    const v = (r.values as Record<string, unknown>)[k]
    if (o.choices && typeof v === "string" && !o.choices.includes(v)) return { ok: false, detail: `--${k} ${v}: expected ${o.choices.join(" | ")}` }
  }
  const values = r.values as Readonly<Record<string, string | boolean | ReadonlyArray<string> | undefined>>
  if (values.help === true) return { ok: true, values, positionals: r.positionals }
  if (r.positionals.length < spec.min) return { ok: false, detail: `${spec.name} ${spec.args}: missing argument` }
  if (spec.max >= 0 && r.positionals.length > spec.max) return { ok: false, detail: `${spec.name}: unexpected argument ${r.positionals[spec.max]}` }
  return { ok: true, values, positionals: r.positionals }
}

/**
 * The nearest command to a mistyped one.
 *
 * @example
 * import { nearestCommand } from "@nongan/cli/Spec"
 * nearestCommand("chek") // "check"
 *
 * @since 0.1.0
 * @category combinators
 */
export const nearestCommand = (name: string): string | undefined => nearest(name, [...Object.keys(COMMANDS), ...DELEGATED, "help"], 1)[0]

/**
 * The help text of one command: usage, options with their defaults, examples and exit codes.
 *
 * @example
 * import { commandHelp, COMMANDS } from "@nongan/cli/Spec"
 * commandHelp(COMMANDS.limit!).includes("--on DATE") // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const commandHelp = (spec: CommandSpec): string => {
  const opts = Object.entries(spec.options).map(([k, o]) => {
    const head = `${o.short ? `-${o.short}, ` : "    "}--${k}${o.value ? ` ${o.value}` : ""}`
    return `  ${head.padEnd(30)} ${o.describe}${o.default ? ` (default ${o.default})` : ""}${o.choices && o.value && !o.value.includes("|") ? `: ${o.choices.join(" | ")}` : ""}`
  })
  return [
    `nongan ${spec.name} ${spec.args}`.trimEnd(),
    `  ${spec.summary}`,
    "",
    "options:",
    ...opts,
    "",
    "examples:",
    ...spec.examples.map((e) => `  ${e}`),
    "",
    "exit status:",
    ...spec.exit.map((e) => `  ${e}`),
    ""
  ].join("\n")
}

/**
 * The general usage: every command with its summary.
 *
 * @example
 * import { usage } from "@nongan/cli/Spec"
 * usage().includes("nongan limit") // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const usage = (): string =>
  [
    "用法 / usage: nongan <command> [options]   (nongan help <command> · nongan <command> --help · nongan --version)",
    "",
    ...Object.values(COMMANDS).map((c) => `  nongan ${`${c.name} ${c.args}`.padEnd(44)} ${c.summary}`),
    ...DELEGATED.map((c) => `  nongan ${`${c} …`.padEnd(44)} (nongan ${c} --help)`),
    "",
    "exit status: 0 all read · 1 some record malformed / not found · 2 usage · 3 data or pack error · 4 internal",
    ""
  ].join("\n")
