/**
 * The fuzz suite of issue 17 for spreadsheet input: CSV and XLSX sheets generated from a plan
 * (`sheets.ts`), mutated as real sheets are, and read by `nongan check` in-process (`runCheck`, the
 * command's own code path, with the `--format csv` writer; `main` itself for the exit codes),
 * written by `write.ts`.
 * Fixed seed, bounded count (`FUZZ_RUNS`, `FUZZ_SEED` as in Fuzz.test.ts).
 *
 * Checked for every case: no crash (a throw out of `check`), no hang (every run bounded), every
 * row accounted for (each data row in exactly one output record or error, with its row number;
 * `summary.records` = the items read; the data and blank rows counted), the errors the oracle
 * expects (code and path `row[N]…`) and only known codes, determinism (standard input in pieces =
 * the file = the file again, byte for byte), equal verdicts for equivalent spellings (encoding,
 * BOM, line ends, quoting, column order and header names; XLSX typed cells or text, merged id
 * cells, extra sheets; XLSX = CSV), and the documented exit codes. The figures are printed.
 */
import fc from "fast-check"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, Readable } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCheck } from "@nongan/cli/Check"
import type { ReadStats } from "@nongan/cli/Input"
import { EXIT, main } from "@nongan/cli/Main"
import { csvSink, type Judged, type Sink } from "@nongan/cli/Output"
import { ErrorCode } from "@nongan/core/NonganError"
import type { Summary } from "@nongan/core/Verdict"
import { createValidator, type Validator } from "@nongan/sdk/Validator"
import { csvMutations, plainStyle, plan, samples, styles, xlsxMutations, type Plan } from "./sheets"
import { byteEdits, chunked, csvText, edited, encode, lineOf, xlsxBytes } from "./write"

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 800)
const SEED = Number(process.env["FUZZ_SEED"] ?? 17)
const CSV_RUNS = Math.max(10, Math.ceil(RUNS / 2))
const XLSX_RUNS = Math.max(5, Math.ceil(RUNS / 10))
/** No run of `check` may take longer (a hang shows as a case over the bound). */
const BOUND_MS = 10_000
const CODES: ReadonlySet<string> = new Set(ErrorCode.literals)

const figures = {
  cases: { CSV: 0, XLSX: 0 } as Record<string, number>,
  /** cases per form and mutation (a case may have several; `clean` has none) */
  mutations: { CSV: {}, XLSX: {} } as Record<"CSV" | "XLSX", Record<string, number>>,
  rows: 0,
  crashes: 0,
  hangs: 0,
  lost: 0,
  wrongErrors: 0,
  wrongExit: 0,
  nondeterministic: 0,
  inequivalent: 0,
  confident: 0
}

let validator: Validator
let dir: string
/** The sheets written, by form and by what the oracle says of them: `clean` (no mutation), `errors` (some row in error). */
const written: Array<{ readonly file: string; readonly form: "CSV" | "XLSX"; readonly kind: "clean" | "errors" | "other"; readonly items: number; readonly maxLine: number; readonly maxAnalytes: number }> = []
const failing = (p: Plan) => [...p.expected.values()].some((e) => e.kind === "error" || e.failure !== undefined)
const kindOf = (p: Plan) => (failing(p) ? ("errors" as const) : p.mutations.length === 0 ? ("clean" as const) : ("other" as const))
beforeAll(() => {
  const c = createValidator()
  if (!c.ok) throw new Error(JSON.stringify(c.errors))
  validator = c.value
  dir = mkdtempSync(join(tmpdir(), "nongan-fuzz-sheets-"))
}, 120_000)

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  const f = figures
  console.log(
    [
      `fuzz sheets (seed ${SEED}, runs ${RUNS}): ${Object.entries(f.cases).map(([k, n]) => `${n} ${k}`).join(", ")} cases; ${f.rows} data rows from plans`,
      ...(["CSV", "XLSX"] as const).map((form) => `  ${form}: ${Object.entries(f.mutations[form]).sort().map(([k, n]) => `${k} ${n}`).join(" · ")}`),
      `  crashes ${f.crashes} · hangs ${f.hangs} · lost rows ${f.lost} · wrong errors ${f.wrongErrors} · wrong exit codes ${f.wrongExit} · nondeterminism ${f.nondeterministic} · unequal verdicts for equal sheets ${f.inequivalent} · compliant on a wrong-type cell ${f.confident}`
    ].join("\n")
  )
})

/** What one run of `check` gave: the items the writer saw, its bytes, the summary and the counts. */
interface Run {
  readonly judged: ReadonlyArray<Judged>
  readonly bytes: string
  readonly summary: Summary
  readonly stats: ReadStats
}

const within = <A>(p: Promise<A>, ms: number): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const t = setTimeout(() => {
      figures.hangs++
      reject(new Error(`hang: check did not finish within ${ms} ms`))
    }, ms)
    p.then(
      (a) => (clearTimeout(t), resolve(a)),
      (e: unknown) => (clearTimeout(t), reject(e))
    )
  })

/** Runs `check --format csv` on a file, or on standard input arriving in the given chunks. */
const check = async (file: string, o: { stdin?: ReadonlyArray<Buffer>; sheet?: string | undefined; maxLine: number; maxAnalytes?: number; input?: "xlsx" }): Promise<Run> => {
  const judged: Array<Judged> = []
  const inner = csvSink()
  const sink: Sink = { add: (j) => (judged.push(j), inner.add(j)), end: inner.end }
  let bytes = ""
  const out = new PassThrough()
  out.setEncoding("utf8").on("data", (d: string) => (bytes += d))
  const err = new PassThrough()
  err.resume()
  const stats: ReadStats = { rows: 0, blank: 0 }
  const opened: Array<string> = []
  try {
    const summary = await within(
      runCheck(validator, {
        file,
        format: "csv",
        sink,
        stats,
        locale: "zh-CN",
        progress: false,
        out,
        err,
        sheet: o.sheet,
        inputFormat: o.input,
        limits: { maxLine: o.maxLine, maxAnalytes: o.maxAnalytes },
        onOpenError: (f, code) => void opened.push(`${f}: ${code}`),
        ...(o.stdin ? { stdin: Readable.from(o.stdin) } : {})
      }),
      BOUND_MS
    )
    expect(opened).toEqual([])
    return { judged, bytes, summary, stats }
  } catch (e) {
    if (!String(e).includes("hang")) figures.crashes++
    throw e
  }
}

/** One line per item: its rows, and its report or its error's code and path. */
const canonical = (r: Run): string =>
  r.judged.map((j) => `${(j.rows ?? []).join(" ")}|${j.failure ? `${j.failure.error.code}@${j.failure.error.path}` : JSON.stringify(j.report)}`).join("\n")

/** The exit status docs/cli.md gives for a check with no pack and no unreadable file. */
const documentedExit = (s: Summary) => (s.malformed > 0 ? EXIT.malformed : EXIT.ok)

/** Every promise about one run against the plan's oracle. */
const accounted = (r: Run, p: Plan, form: "CSV" | "XLSX") => {
  const lines = lineOf(p)
  const data = [...p.rows.keys()].filter((k) => p.rows[k] !== null)
  const byLine = new Map(data.map((k) => [lines.get(k)!, k]))
  // each data row in exactly one item, with its row number
  const seen = new Map<number, number>()
  for (const j of r.judged) for (const n of j.rows ?? []) seen.set(n, (seen.get(n) ?? 0) + 1)
  const lost = data.filter((k) => seen.get(lines.get(k)!) !== 1).length + [...seen.keys()].filter((n) => !byLine.has(n)).length
  figures.lost += lost
  expect(lost, `rows seen ${JSON.stringify([...seen])}`).toBe(0)
  expect(r.judged.every((j) => (j.rows ?? []).length > 0)).toBe(true)
  expect(r.summary.records).toBe(r.judged.length)
  expect(r.summary.malformed).toBe(r.judged.filter((j) => j.failure).length)
  // blank rows are counted; a sheet stores none after its last row (a CSV has the empty lines)
  const blanks = p.rows.slice(0, form === "XLSX" ? data[data.length - 1]! + 1 : p.rows.length).filter((x) => x === null).length
  expect(r.stats).toEqual({ rows: data.length, blank: blanks })
  // typed errors, known codes, never internal
  for (const j of r.judged)
    if (j.failure) {
      expect(CODES.has(j.failure.error.code), j.failure.error.code).toBe(true)
      expect(j.failure.error.code).not.toBe("internal-error")
      expect(typeof j.failure.error.path).toBe("string")
    }
  // the oracle: the errors expected, and the rows of each record
  let wrong = 0
  const groups = new Map<string, { rows: Array<number>; failure: string | undefined }>()
  for (const k of data) {
    const e = p.expected.get(k)!
    const line = lines.get(k)!
    const item = r.judged.find((j) => (j.rows ?? []).includes(line))
    if (e.kind === "error") {
      const path = `row[${line}]${e.field ? `.${e.field}` : ""}`
      if (!(item?.failure?.error.code === e.code && item.failure.error.path === path && item.rows?.length === 1)) wrong++
    } else groups.set(e.key, { rows: [...(groups.get(e.key)?.rows ?? []), line], failure: e.failure })
    if (p.wrongType.has(k) && item?.report?.verdict === "compliant") figures.confident++
    expect(p.wrongType.has(k) && item?.report?.verdict === "compliant", `row ${line}: a ${p.wrongType.get(k)} cell judged compliant`).toBe(false)
  }
  for (const { rows, failure } of groups.values()) {
    const item = r.judged.find((j) => (j.rows ?? []).includes(rows[0]!))
    const path = item?.failure?.error.path ?? ""
    if (JSON.stringify(item?.rows) !== JSON.stringify(rows)) wrong++
    // a record's own error (no id; over --max-analytes, on its first row), never a row's
    else if (failure === undefined ? path.startsWith("row[") : item?.failure?.error.code !== failure || (failure === "invalid-value" && path !== `row[${rows[0]}].results`)) wrong++
  }
  figures.wrongErrors += wrong
  expect(wrong, canonical(r)).toBe(0)
  // the documented exit status: 1 when a row or record is an error, 0 for a clean sheet (every record judged)
  const errors = failing(p)
  const clean = kindOf(p) === "clean"
  const exit = documentedExit(r.summary)
  const ok = (!errors || exit === EXIT.malformed) && (!clean || exit === EXIT.ok)
  if (!ok) figures.wrongExit++
  expect(ok, `exit ${exit}, ${errors ? "rows in error" : "no row in error"}: ${r.judged.flatMap((j) => (j.failure ? [j.failure.error.message] : [])).join("; ")}`).toBe(true)
}

const same = (runs: ReadonlyArray<Run>) => {
  const d = new Set(runs.map((r) => r.bytes)).size
  if (d !== 1) figures.nondeterministic++
  expect(d).toBe(1)
}

const equal = (a: Run, b: Run, what: string) => {
  if (canonical(a) !== canonical(b)) figures.inequivalent++
  expect(canonical(b), what).toBe(canonical(a))
}

const tallyMutations = (form: "CSV" | "XLSX", p: Plan) => {
  const kinds = new Set<string>(p.mutations.map((m) => m.kind))
  if (kinds.size === 0) kinds.add("clean")
  if (p.rows.some((r) => r?.id === "") && !p.mutations.some((m) => m.kind === "idless")) kinds.add("idless")
  for (const k of kinds) figures.mutations[form][k] = (figures.mutations[form][k] ?? 0) + 1
}

let file = 0
const save = (bytes: Buffer, ext: string): string => {
  const f = join(dir, `case-${++file}.${ext}`)
  writeFileSync(f, bytes)
  return f
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 })

describe("fuzz: CSV sheets", () => {
  it("every row accounted for, expected errors, deterministic, equal verdicts for equal sheets, documented exit codes", async () => {
    await fc.assert(
      fc.asyncProperty(samples, csvMutations, styles(18), cuts, async (ss, muts, style, at) => {
        figures.cases["CSV"]!++
        const p = plan(ss, muts)
        tallyMutations("CSV", p)
        figures.rows += p.rows.filter((r) => r !== null).length
        const bytes = encode(csvText(p, plainStyle(p.columns.length)), "utf-8")
        const f = save(bytes, "csv")
        const o = { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes }
        const a = await check(f, o)
        accounted(a, p, "CSV")
        same([a, await check("-", { ...o, stdin: chunked(bytes, at) }), await check(f, o)])
        // the same sheet in another encoding, line end, quoting, column order and header names, on
        // standard input split inside a multi-byte (UTF-8, GBK or GB18030) character
        const other = encode(csvText(p, style), style.encoding)
        const v = await check("-", { ...o, stdin: chunked(other, at) })
        accounted(v, p, "CSV")
        equal(a, v, `${style.encoding} ${JSON.stringify(style.eol)} quoteAll ${style.quoteAll}`)
        written.push({ file: f, form: "CSV", kind: kindOf(p), items: a.judged.length, maxLine: p.maxLine, maxAnalytes: p.maxAnalytes })
      }),
      { seed: SEED, numRuns: CSV_RUNS }
    )
  }, 600_000)
})

describe("fuzz: XLSX sheets", () => {
  it("every row accounted for, expected errors, deterministic, typed cells = text, merged ids, extra sheets, XLSX = CSV", async () => {
    await fc.assert(
      fc.asyncProperty(samples, xlsxMutations, styles(18), cuts, async (ss, muts, style, at) => {
        figures.cases["XLSX"]!++
        const p = plan(ss, muts)
        tallyMutations("XLSX", p)
        figures.rows += p.rows.filter((r) => r !== null).length
        const plain = await xlsxBytes(p, plainStyle(p.columns.length))
        const f = save(plain.bytes, "xlsx")
        const o = { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes }
        const a = await check(f, o)
        accounted(a, p, "XLSX")
        same([a, await check("-", { ...o, stdin: chunked(plain.bytes, at) }), await check(f, o)])
        const styled = await xlsxBytes(p, { ...style, eol: "\n", encoding: "utf-8", quoteAll: false })
        const v = await check(save(styled.bytes, "xlsx"), { ...o, sheet: styled.sheet })
        accounted(v, p, "XLSX")
        equal(a, v, `typed ${style.typed} mergeIds ${style.mergeIds} extraSheet ${style.extraSheet}`)
        // the same plan as CSV gives the same records and errors (a wrong-type cell exists only in XLSX)
        if (p.wrongType.size === 0) equal(a, await check(save(encode(csvText(p, plainStyle(p.columns.length)), "utf-8"), "csv"), o), "XLSX = CSV")
        written.push({ file: f, form: "XLSX", kind: kindOf(p), items: a.judged.length, maxLine: p.maxLine, maxAnalytes: p.maxAnalytes })
      }),
      { seed: SEED, numRuns: XLSX_RUNS }
    )
  }, 600_000)
})

/**
 * The promises that hold for any bytes at all (no oracle): no crash, no hang, every row read in
 * exactly one item (the rows of the items add up to the rows read), known codes, determinism.
 */
const anyBytes = (r: Run, form: "CSV" | "XLSX") => {
  const rows = r.judged.flatMap((j) => j.rows ?? [])
  const lost = Math.abs(rows.length - r.stats.rows) + (rows.length - new Set(rows).size)
  figures.lost += lost
  expect(lost, JSON.stringify(r.judged.map((j) => j.rows))).toBe(0)
  expect(r.judged.every((j) => (j.rows ?? []).length > 0)).toBe(true)
  expect(rows.every((n) => n >= (form === "XLSX" ? 0 : 1))).toBe(true)
  expect(r.summary.records).toBe(r.judged.length)
  expect(r.summary.malformed).toBe(r.judged.filter((j) => j.failure).length)
  for (const j of r.judged) if (j.failure) expect(CODES.has(j.failure.error.code) && j.failure.error.code !== "internal-error", j.failure.error.code).toBe(true)
  expect(documentedExit(r.summary)).toBe(r.summary.malformed > 0 ? 1 : 0)
}

describe("fuzz: damaged bytes", () => {
  it("CSV bytes with quotes, commas, line ends, NUL, BOM and split UTF-8 inserted, replaced, deleted or cut: every row still accounted for", async () => {
    await fc.assert(
      fc.asyncProperty(samples, csvMutations, byteEdits, cuts, async (ss, muts, edits, at) => {
        figures.cases["CSV bytes"] = (figures.cases["CSV bytes"] ?? 0) + 1
        const p = plan(ss, muts)
        const bytes = edited(encode(csvText(p, plainStyle(p.columns.length)), "utf-8"), edits)
        const f = save(bytes, "csv")
        const a = await check(f, { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes })
        anyBytes(a, "CSV")
        same([a, await check("-", { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes, stdin: chunked(bytes, at) }), await check(f, { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes })])
      }),
      { seed: SEED, numRuns: Math.max(10, Math.ceil(RUNS / 4)) }
    )
  }, 600_000)
  it("XLSX bytes damaged anywhere: an error or the rows, never a crash or a hang", async () => {
    await fc.assert(
      fc.asyncProperty(samples, byteEdits, async (ss, edits) => {
        figures.cases["XLSX bytes"] = (figures.cases["XLSX bytes"] ?? 0) + 1
        const p = plan(ss, [])
        const bytes = edited((await xlsxBytes(p, plainStyle(p.columns.length))).bytes, edits)
        const f = save(bytes, "xlsx")
        const a = await check(f, { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes })
        anyBytes(a, "XLSX")
        // standard input has no file name to tell a workbook by: `--input xlsx`, as one would give it
        same([a, await check("-", { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes, stdin: [bytes], input: "xlsx" }), await check(f, { maxLine: p.maxLine, maxAnalytes: p.maxAnalytes })])
      }),
      { seed: SEED, numRuns: Math.max(5, Math.ceil(RUNS / 20)) }
    )
  }, 600_000)
})

describe("fuzz: the command's exit codes on the generated sheets", () => {
  it("nongan check over the clean sheets exits 0, over the damaged ones 1; one output record per item", async () => {
    const batches = (["CSV", "XLSX"] as const).flatMap((form) => (["clean", "errors"] as const).map((kind) => written.filter((w) => w.form === form && w.kind === kind).slice(0, 25)))
    for (const b of batches) {
      if (b.length === 0) continue
      const out = new PassThrough()
      let text = ""
      out.setEncoding("utf8").on("data", (d: string) => (text += d))
      const err = new PassThrough()
      err.resume()
      const code = await within(main(["check", ...b.map((w) => w.file), "--format", "jsonl", "--max-line", String(b[0]!.maxLine), "--max-analytes", String(b[0]!.maxAnalytes)], { out, err, env: {} }), 60_000)
      const want = b[0]!.kind === "clean" ? EXIT.ok : EXIT.malformed
      if (code !== want) figures.wrongExit++
      expect(code, `${b[0]!.form} ${b[0]!.kind}`).toBe(want)
      expect(text.split("\n").filter((l) => l !== "").length).toBe(b.reduce((n, w) => n + w.items, 0))
    }
  }, 120_000)
})
