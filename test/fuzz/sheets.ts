/**
 * Generators of spreadsheet input for the fuzz suite (issue 17 §5): a plan of samples (one row per
 * analyte, rows grouped by id), the mutations a real sheet suffers, and the styles it may be
 * written in (`write.ts` writes it as CSV or XLSX).
 *
 * Each case comes with its oracle, computed from the plan by the rules docs/cli.md states
 * ("Spreadsheets"), never from the reader's output: which physical row each data row is on, which
 * rows are errors (with the code and path expected), and which rows make up each record.
 */
import fc from "fast-check"
import { decimalString } from "./arbitraries"

/** The record and result fields a sheet of inspections has, each with the header spellings the CLI reads. */
export const SPELLINGS = {
  id: ["id", "样品编号", "编号", "抽样编号", "记录编号"],
  sampledOn: ["sampledOn", "抽样日期", "采样日期"],
  product: ["product", "样品名称", "产品名称", "食品名称"],
  region: ["region", "区划代码", "行政区划代码"],
  method: ["method", "检测方法"],
  substance: ["substance", "检测项目", "项目"],
  value: ["value", "检测值", "检测结果", "结果"],
  unit: ["unit", "单位", "计量单位"],
  lod: ["lod", "检出限"]
} as const
export type Field = keyof typeof SPELLINGS
const RECORD_FIELDS = ["id", "sampledOn", "product", "region", "method"] as const
/** Columns a laboratory export carries that are no record field: passed through, never a reason to refuse. */
const EXTRAS = ["序号", "受检单位", "标准值", "判定结论", "备注"] as const
/** The columns of a use record (pesticide application) when a sheet mixes one in. */
export const USE_COLUMNS = { kind: "kind", pesticide: "农药", appliedOn: "施药日期", harvestedOn: "采收日期" } as const

const PRODUCTS = ["豇豆", "芹菜", "韭菜", "普通白菜", "苹果", "猪肉"] as const
const SUBSTANCES = ["啶虫脒", "毒死蜱", "腐霉利", "克百威", "吡虫啉", "恩诺沙星"] as const
const REGIONS = ["500154", "511923", "110101", ""] as const
const METHODS = ["lab", "rapid", ""] as const
/** One date, in the spellings spreadsheets produce (all read as the ISO date). */
export const DATES: ReadonlyArray<{ readonly iso: string; readonly serial: number; readonly forms: ReadonlyArray<string> }> = [
  { iso: "2024-06-15", serial: 45458, forms: ["2024-06-15", "2024/6/15", "2024.6.15", "2024年6月15日", "45458"] },
  { iso: "2026-06-15", serial: 46188, forms: ["2026-06-15", "2026/6/15", "2026年6月15日", "46188"] },
  { iso: "2023-05-11", serial: 45057, forms: ["2023-05-11", "2023/5/11", "45057"] }
]

/** One analyte row as written. */
export interface Analyte {
  readonly substance: string
  readonly value: string
  readonly unit: string
  readonly lod: string
  /** which spelling of the sample's date this row writes */
  readonly dateForm: number
  readonly extras: ReadonlyArray<string>
}

/** One sample: its record fields and its analyte rows (an id-less sample has one row). */
export interface Sample {
  readonly id: string
  readonly date: number
  readonly product: string
  readonly region: string
  readonly method: string
  readonly analytes: ReadonlyArray<Analyte>
}

const analyte = fc.record({
  substance: fc.constantFrom(...SUBSTANCES),
  value: fc.oneof(
    { weight: 6, arbitrary: decimalString },
    { weight: 2, arbitrary: fc.constantFrom("ND", "未检出", "<0.01") },
    // digits a JS number prints in exponent form (5e-7, 1.2e+21) when it is a typed XLSX cell
    { weight: 1, arbitrary: fc.constantFrom("0.0000005", "0.00000012", "1200000000000000000000") }
  ),
  unit: fc.constantFrom("mg/kg", "毫克/千克", "ug/kg"),
  lod: fc.constantFrom("", "", "0.001", "0.005"),
  dateForm: fc.nat(4),
  extras: fc.array(fc.constantFrom("", "1", "开州区某合作社", "0.02", "合格", "不合格", "复检"), { minLength: EXTRAS.length, maxLength: EXTRAS.length })
})

/** Sample ids of the shapes laboratories use: `KZ-0001`, digits only (read as a number from XLSX), Chinese. */
const idShape = fc.constantFrom((n: number) => `KZ-${String(n).padStart(4, "0")}`, (n: number) => String(1000 + n), (n: number) => `样品${n}`)

/** A well-formed sheet: 1–6 samples of 1–3 analytes, a few of them without an id (one row each). */
export const samples: fc.Arbitrary<ReadonlyArray<Sample>> = fc
  .tuple(
    idShape,
    fc.array(
      fc.record({
        idless: fc.constantFrom(false, false, false, false, false, false, false, true),
        date: fc.nat(DATES.length - 1),
        product: fc.constantFrom(...PRODUCTS),
        region: fc.constantFrom(...REGIONS),
        method: fc.constantFrom(...METHODS),
        analytes: fc.array(analyte, { minLength: 1, maxLength: 3 })
      }),
      { minLength: 1, maxLength: 6 }
    )
  )
  .map(([shape, ss]) =>
    ss.map((s, i) => ({ ...s, id: s.idless ? "" : shape(i + 1), analytes: s.idless ? s.analytes.slice(0, 1) : s.analytes }))
  )

/**
 * What may happen to a sheet. Row mutations name a data row by its index (taken modulo the number
 * of rows); `duplicate-header` and `merged-header` spoil the header, so every row is an error.
 */
export type Mutation =
  | { readonly kind: "missing-cell" | "extra-cell" | "unclosed-quote" | "stray-quote" | "after-quote" | "long-row"; readonly row: number }
  | { readonly kind: "conflict"; readonly row: number; readonly other: number; readonly field: "sampledOn" | "product" | "region" | "method" }
  | { readonly kind: "idless"; readonly row: number }
  | { readonly kind: "use-row"; readonly other: number }
  | { readonly kind: "many-rows"; readonly other: number }
  | { readonly kind: "blank"; readonly row: number }
  | { readonly kind: "multiline"; readonly row: number }
  | { readonly kind: "duplicate-header" }
  | { readonly kind: "wrong-type"; readonly row: number; readonly as: "boolean" | "date" | "error" | "formula" | "text" }
  | { readonly kind: "merged-header" }

const rowMut = (...kinds: ReadonlyArray<"missing-cell" | "extra-cell" | "unclosed-quote" | "stray-quote" | "after-quote" | "long-row">) =>
  fc.record({ kind: fc.constantFrom(...kinds), row: fc.nat(40) })
const common: ReadonlyArray<fc.Arbitrary<Mutation>> = [
  fc.record({ kind: fc.constant("conflict" as const), row: fc.nat(40), other: fc.nat(40), field: fc.constantFrom("sampledOn" as const, "product" as const, "region" as const, "method" as const) }),
  fc.record({ kind: fc.constant("idless" as const), row: fc.nat(40) }),
  fc.record({ kind: fc.constant("use-row" as const), other: fc.nat(40) }),
  fc.record({ kind: fc.constant("many-rows" as const), other: fc.nat(40) }),
  fc.record({ kind: fc.constant("blank" as const), row: fc.nat(40) }),
  fc.constant({ kind: "duplicate-header" as const })
]

/** Mutations of a CSV sheet (0–3 per case; none is a clean sheet). */
export const csvMutations: fc.Arbitrary<ReadonlyArray<Mutation>> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: rowMut("missing-cell", "extra-cell", "unclosed-quote", "stray-quote", "after-quote", "long-row") },
    ...common.map((arbitrary) => ({ weight: 1, arbitrary })),
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("multiline" as const), row: fc.nat(40) }) }
  ),
  { maxLength: 3 }
)

/** Mutations of an XLSX sheet (0–3 per case). */
export const xlsxMutations: fc.Arbitrary<ReadonlyArray<Mutation>> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("extra-cell" as const), row: fc.nat(40) }),
    ...common,
    fc.record({ kind: fc.constant("wrong-type" as const), row: fc.nat(40), as: fc.constantFrom("boolean" as const, "date" as const, "error" as const, "formula" as const, "text" as const) }),
    fc.record({ kind: fc.constant("wrong-type" as const), row: fc.nat(40), as: fc.constantFrom("boolean" as const, "date" as const, "error" as const, "formula" as const, "text" as const) }),
    fc.constant({ kind: "merged-header" as const })
  ),
  { maxLength: 3 }
)

/** How one plan is written: none of these changes a verdict. */
export interface Style {
  /** a permutation of the columns (indexes into the plan's columns) */
  readonly order: ReadonlyArray<number>
  /** which header spelling of each field */
  readonly spelling: number
  readonly eol: "\n" | "\r\n" | "\r"
  readonly encoding: "utf-8" | "utf-8-bom" | "gbk" | "gb18030"
  readonly quoteAll: boolean
  /** XLSX: numbers, dates and digit ids as typed cells instead of text */
  readonly typed: boolean
  /** XLSX: the id cells of a sample's rows merged into one */
  readonly mergeIds: boolean
  /** XLSX: another sheet after the data (`after`), or before it with the data sheet named (`before`) */
  readonly extraSheet: "none" | "after" | "before"
}

export const styles = (columns: number): fc.Arbitrary<Style> =>
  fc.record({
    order: fc.shuffledSubarray([...Array(columns).keys()], { minLength: columns, maxLength: columns }),
    spelling: fc.nat(4),
    eol: fc.constantFrom("\n" as const, "\r\n" as const, "\r" as const),
    encoding: fc.constantFrom("utf-8" as const, "utf-8-bom" as const, "gbk" as const, "gb18030" as const),
    quoteAll: fc.boolean(),
    typed: fc.boolean(),
    mergeIds: fc.boolean(),
    extraSheet: fc.constantFrom("none" as const, "after" as const, "before" as const)
  })

/** The plain style: the plan's column order, first spellings, UTF-8, LF, text cells. */
export const plainStyle = (columns: number): Style => ({
  order: [...Array(columns).keys()],
  spelling: 0,
  eol: "\n",
  encoding: "utf-8",
  quoteAll: false,
  typed: false,
  mergeIds: false,
  extraSheet: "none"
})

/** What the reader must make of a data row. */
export type Expected =
  | { readonly kind: "record"; readonly key: string; /** the validator's error the record must get (an id-less row has no id) */ readonly failure?: string }
  | { readonly kind: "error"; readonly code: string; readonly field?: string }

/** Damage done to one row's cells when it is written. */
export type Damage = "missing-cell" | "extra-cell" | "unclosed-quote" | "stray-quote" | "after-quote" | "long-row"

/** A sheet ready to write, with its oracle. */
export interface Plan {
  /** column keys: a field, an extra column's name, or a use-record column */
  readonly columns: ReadonlyArray<string>
  /** the data rows, in order, cells by column key; `null` is a blank row */
  readonly rows: ReadonlyArray<Readonly<Record<string, string>> | null>
  readonly mutations: ReadonlyArray<Mutation>
  /** the damage done to a row's cells (one per row), by its index in `rows` */
  readonly damage: ReadonlyMap<number, Damage>
  /** rows with a quoted two-line cell (read as one row on two lines) */
  readonly multiline: ReadonlySet<number>
  /** XLSX: the value cell of a row written as another type */
  readonly wrongType: ReadonlyMap<number, "boolean" | "date" | "error" | "formula" | "text">
  readonly spoiled: "duplicate-header" | "merged-header" | undefined
  /** per data row (blank rows excluded), what it must become, by its index in `rows` */
  readonly expected: ReadonlyMap<number, Expected>
  /** a row limit small enough for `long-row` to exceed it (passed as `--max-line`) */
  readonly maxLine: number
  /** an analyte limit that `many-rows` exceeds and no sample reaches otherwise (`--max-analytes`) */
  readonly maxAnalytes: number
}

export const LONG = 400
const MAX_ANALYTES = 6
export const QUOTES: ReadonlySet<string> = new Set(["unclosed-quote", "stray-quote", "after-quote"])

/**
 * Lays a sheet out: its rows (one per analyte), the mutations applied to their cells, and the
 * oracle (the rules of docs/cli.md, applied to the plan).
 */
export const plan = (ss: ReadonlyArray<Sample>, mutations: ReadonlyArray<Mutation>): Plan => {
  const rows: Array<Record<string, string>> = []
  const sampleOf: Array<number> = []
  for (const [si, s] of ss.entries())
    for (const a of s.analytes) {
      const d = DATES[s.date]!
      rows.push({
        id: s.id,
        sampledOn: d.forms[a.dateForm % d.forms.length]!,
        product: s.product,
        region: s.region,
        method: s.method,
        substance: a.substance,
        value: a.value,
        unit: a.unit,
        lod: a.lod,
        ...Object.fromEntries(EXTRAS.map((e, i) => [e, a.extras[i] ?? ""]))
      })
      sampleOf.push(si)
    }
  const n = rows.length
  const at = (k: number) => k % n
  const columns: Array<string> = [...(Object.keys(SPELLINGS) as Array<Field>), ...EXTRAS]
  const damage = new Map<number, Damage>()
  const multiline = new Set<number>()
  const wrongType = new Map<number, "boolean" | "date" | "error" | "formula" | "text">()
  for (const m of mutations) {
    if (m.kind === "conflict") {
      // row k takes the id of another sample, and a record field of its own when one is chosen
      const k = at(m.row)
      const other = ss[sampleOf[at(m.other)]!]!
      if (other.id === "" || sampleOf[at(m.other)] === sampleOf[k]) continue
      rows[k] = { ...rows[k]!, id: other.id, ...(m.field === "sampledOn" ? {} : { [m.field]: conflictingValue(m.field, other) }) }
    } else if (m.kind === "idless") rows[at(m.row)] = { ...rows[at(m.row)]!, id: "" }
    else if (m.kind === "use-row") {
      const other = ss[sampleOf[at(m.other)]!]!
      for (const c of Object.keys(USE_COLUMNS)) if (!columns.includes(c)) columns.push(c)
      rows.push({ id: other.id === "" ? "USE-1" : other.id, kind: "pesticide-application", product: other.product, pesticide: "毒死蜱", appliedOn: "2024-06-01", harvestedOn: "2024-06-12", region: other.region })
    } else if (m.kind === "many-rows") {
      // the first row of a sample written again, more times than --max-analytes allows one record
      const first = rows[sampleOf.indexOf(sampleOf[at(m.other)]!)]!
      if (first.id !== "") for (let i = 0; i <= MAX_ANALYTES; i++) rows.push({ ...first })
    } else if (m.kind === "wrong-type") wrongType.set(at(m.row), m.as)
    else if (m.kind === "multiline") multiline.add(at(m.row))
    else if (m.kind !== "blank" && m.kind !== "duplicate-header" && m.kind !== "merged-header") damage.set(at(m.row), m.kind)
  }
  // a quote that never closes swallows every quote after it: after the first, no other quote is written
  const unclosed = Math.min(...[...damage].filter(([, d]) => d === "unclosed-quote").map(([k]) => k))
  for (const [k, d] of damage) if (k > unclosed && QUOTES.has(d)) damage.delete(k)
  for (const k of multiline) if (damage.has(k) || k > unclosed) multiline.delete(k)
  const spoiled = mutations.find((m) => m.kind === "duplicate-header" || m.kind === "merged-header")?.kind as Plan["spoiled"]
  // the oracle: rows in order; the first readable row of an id starts its record, a later one with
  // a record field written differently is an error, a use record is one row with an id of its own
  const expected = new Map<number, Expected>()
  const groups = new Map<string, { first: Record<string, string>; use: boolean }>()
  for (const [k, r] of rows.entries()) {
    if (spoiled || damage.has(k)) {
      expected.set(k, { kind: "error", code: "invalid-csv" })
      continue
    }
    const use = r.kind === "pesticide-application"
    const id = r.id ?? ""
    const g = groups.get(id)
    // a row with no id is a record of its own, which the validator refuses for its missing id
    if (id === "") expected.set(k, { kind: "record", key: `row ${k}`, failure: "missing-field" })
    else if (!g) {
      groups.set(id, { first: r, use })
      expected.set(k, { kind: "record", key: id })
    } else if (use) expected.set(k, { kind: "error", code: "invalid-value", field: "id" })
    else if (g.use) expected.set(k, { kind: "error", code: "invalid-value", field: "kind" })
    else {
      const field = RECORD_FIELDS.find((f) => f !== "id" && (r[f] ?? "") !== "" && normal(f, r[f]!) !== normal(f, g.first[f] ?? ""))
      expected.set(k, field === undefined ? { kind: "record", key: id } : { kind: "error", code: "invalid-value", field })
    }
  }
  // a record of more rows than --max-analytes is an error of all its rows
  const size = new Map<string, number>()
  for (const e of expected.values()) if (e.kind === "record") size.set(e.key, (size.get(e.key) ?? 0) + 1)
  for (const [k, e] of expected) if (e.kind === "record" && size.get(e.key)! > MAX_ANALYTES) expected.set(k, { ...e, failure: "invalid-value" })
  // blank rows go in last, after a row, so that the indexes above are the rows' own until here
  const blankAfter = new Set(mutations.flatMap((m) => (m.kind === "blank" ? [at(m.row)] : [])))
  const laid: Array<Record<string, string> | null> = []
  const to = new Map<number, number>()
  for (const [k, r] of rows.entries()) {
    to.set(k, laid.length)
    laid.push(r)
    if (blankAfter.has(k)) laid.push(null)
  }
  const move = <V>(m: ReadonlyMap<number, V>) => new Map([...m].map(([k, v]) => [to.get(k)!, v] as const))
  return {
    columns,
    rows: laid,
    mutations,
    damage: move(damage),
    multiline: new Set([...multiline].map((k) => to.get(k)!)),
    wrongType: move(wrongType),
    spoiled,
    expected: move(expected),
    maxLine: LONG,
    maxAnalytes: MAX_ANALYTES
  }
}

const conflictingValue = (field: "product" | "region" | "method", s: Sample): string =>
  field === "product" ? PRODUCTS.find((p) => p !== s.product)! : field === "region" ? REGIONS.find((r) => r !== s.region && r !== "")! : METHODS.find((m) => m !== s.method && m !== "")!

const normal = (f: string, v: string): string => {
  if (f !== "sampledOn") return v
  return DATES.find((d) => d.forms.includes(v))?.iso ?? v
}
