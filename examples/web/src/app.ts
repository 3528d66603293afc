// The page: paste records or drop a CSV / XLSX / JSON Lines file, see each verdict with its
// findings and explanation in zh-CN or en, filter by verdict, look up a limit, and see the
// batch as a chart of verdicts by product. Everything runs in the browser, on rules.json.
import type { Locale } from "@nongan/core/Messages"
import { outcomeLabel, toJson, verdictLabel } from "@nongan/core/Messages"
import { createBrowserValidator, type RuleData } from "@nongan/sdk/Browser"
import { explain } from "@nongan/sdk/Explain"
import type { Validation, Validator } from "@nongan/sdk/Validator"
import { limit } from "@nongan/server/Lookups"
import { fromText, fromXlsx, type Item } from "./records"

type Outcome = { readonly kind: "report" | "failure"; readonly json: any }

const T = {
  "zh-CN": {
    title: "农安 · 在浏览器中判定", paste: "粘贴记录（JSON Lines、JSON 数组或 CSV），或把 CSV / XLSX / JSONL 文件拖到这里", judge: "判定",
    all: "全部", malformed: "无法读取", records: "条记录", lookup: "查询限量", substance: "物质", food: "食品", date: "日期",
    chart: "按产品统计判定结果", findings: "发现", explanation: "说明", showing: "显示", of: "／", loading: "正在加载规则数据…", ready: "规则数据已加载",
    noLimit: "未设定限量", notHeld: "未收录该限量", mustNot: "不得检出", file: "选择文件"
  },
  en: {
    title: "nongan · judge in the browser", paste: "Paste records (JSON Lines, a JSON array or CSV), or drop a CSV / XLSX / JSONL file here", judge: "Judge",
    all: "all", malformed: "unreadable", records: "records", lookup: "Look up a limit", substance: "substance", food: "food", date: "date",
    chart: "Verdicts by product", findings: "findings", explanation: "explanation", showing: "showing", of: "of", loading: "loading the rule data…", ready: "rule data loaded",
    noLimit: "no limit set", notHeld: "limit not held", mustNot: "must not be detected", file: "choose a file"
  }
} as const

const COLORS: Record<string, string> = { compliant: "#2e7d32", "non-compliant": "#c62828", indeterminate: "#ef6c00", malformed: "#757575" }
const VERDICTS = ["compliant", "non-compliant", "indeterminate", "malformed"] as const

const $ = <E extends HTMLElement>(id: string) => document.getElementById(id) as E
const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)

let data: RuleData | undefined
const validators = new Map<Locale, Validator>()
let locale: Locale = navigator.language.toLowerCase().startsWith("en") ? "en" : "zh-CN"
let items: Array<Item> = []
let outcomes: Array<Outcome> = []
let filter: string = "all"
let source = ""

const validatorFor = (l: Locale): Validator => {
  let v = validators.get(l)
  if (!v) {
    const r = createBrowserValidator({ data: data!, locale: l })
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)))
    validators.set(l, (v = r.value))
  }
  return v
}

const toOutcome = (v: Validation): Outcome => (v.ok ? { kind: "report", json: v.report } : { kind: "failure", json: v.failure })

/** Judges what was read; unreadable input counts as a malformed record, as in `nongan check`. */
const judge = () => {
  const v = validatorFor(locale)
  outcomes = items.map((it) =>
    "record" in it ? toOutcome(v.validate(it.record)) : { kind: "failure", json: { id: null, error: { code: it.error.code, path: it.error.path, message: it.error.detail } } }
  )
  ;(window as any).nongan.reports = outcomes.map((o) => o.json)
  render()
}

const verdictOf = (o: Outcome) => (o.kind === "report" ? o.json.verdict : "malformed")
const label = (v: string) => (v === "malformed" ? T[locale].malformed : verdictLabel(v as "compliant", locale))

const renderChart = () => {
  const by = new Map<string, Record<string, number>>()
  for (const o of outcomes) {
    const p = o.kind === "report" ? o.json.product ?? "?" : T[locale].malformed
    const row = by.get(p) ?? {}
    row[verdictOf(o)] = (row[verdictOf(o)] ?? 0) + 1
    by.set(p, row)
  }
  const rows = [...by.entries()].map(([p, c]) => ({ p, c, n: Object.values(c).reduce((a, b) => a + b, 0) })).sort((a, b) => b.n - a.n).slice(0, 20)
  const max = Math.max(1, ...rows.map((r) => r.n))
  const W = 640, H = 22, L = 110
  const bars = rows.map((r, i) => {
    let x = L
    const segs = VERDICTS.filter((v) => r.c[v]).map((v) => {
      const w = ((r.c[v]! / max) * (W - L - 40))
      const s = `<rect x="${x.toFixed(1)}" y="${i * H + 2}" width="${w.toFixed(1)}" height="${H - 6}" fill="${COLORS[v]}"><title>${esc(r.p)} · ${esc(label(v))}: ${r.c[v]}</title></rect>`
      x += w
      return s
    })
    return `<text x="${L - 6}" y="${i * H + 15}" text-anchor="end" font-size="12">${esc(r.p)}</text>${segs.join("")}<text x="${x + 4}" y="${i * H + 15}" font-size="11" fill="#555">${r.n}</text>`
  })
  const legend = VERDICTS.map((v, i) => `<rect x="${L + i * 130}" y="${rows.length * H + 8}" width="12" height="12" fill="${COLORS[v]}"/><text x="${L + i * 130 + 16}" y="${rows.length * H + 18}" font-size="12">${esc(label(v))}</text>`)
  $("chart").innerHTML = rows.length === 0 ? "" : `<h2>${esc(T[locale].chart)}</h2><svg role="img" aria-label="${esc(T[locale].chart)}" width="${W}" height="${rows.length * H + 30}" viewBox="0 0 ${W} ${rows.length * H + 30}">${bars.join("")}${legend.join("")}</svg>`
}

const renderFinding = (f: any) => {
  const what = [f.substance ?? f.values?.written, f.food].filter(Boolean).join(" · ")
  const nums = f.measured !== undefined || f.limit !== undefined ? ` ${f.measured ?? "—"} / ${f.limit ?? "—"} ${f.unit ?? ""}` : ""
  const src = f.citation ? ` [${esc(f.citation.instrument)}${f.verification ? ` · ${esc(f.verification)}` : ""}]` : ""
  const err = f.error ? ` — [${esc(f.error.code)}] ${esc(f.error.message)}` : ""
  return `<li class="sev-${esc(f.severity)}">${esc(what)}${what ? ": " : ""}${esc(f.outcome === "custom" && f.message ? f.message : outcomeLabel(f.outcome, locale))}${esc(nums)}${src}${err}</li>`
}

const renderList = () => {
  const shown = outcomes.filter((o) => filter === "all" || verdictOf(o) === filter)
  const cap = 300
  const head = `<p class="count">${esc(T[locale].showing)} ${Math.min(cap, shown.length)} ${esc(T[locale].of)} ${shown.length}</p>`
  $("results").innerHTML =
    head +
    shown
      .slice(0, cap)
      .map((o) => {
        const v = verdictOf(o)
        if (o.kind === "failure") {
          const e = o.json.error
          return `<article class="rec" data-verdict="malformed"><header><b>${esc(o.json.id ?? "—")}</b> <span class="badge" style="background:${COLORS.malformed}">${esc(label(v))}</span></header><p>[${esc(e.code)}] ${esc(e.message)}</p></article>`
        }
        const r = o.json
        return `<article class="rec" data-verdict="${esc(v)}"><header><b>${esc(r.id)}</b> ${esc(r.product ?? "")} ${esc(r.asOf ?? "")} <span class="badge" style="background:${COLORS[v]}">${esc(label(v))}</span></header>
<ul>${r.findings.map(renderFinding).join("")}</ul><details><summary>${esc(T[locale].explanation)}</summary><pre>${esc(explain(r, locale).join("\n"))}</pre></details></article>`
      })
      .join("")
}

const render = () => {
  const counts: Record<string, number> = { all: outcomes.length }
  for (const o of outcomes) counts[verdictOf(o)] = (counts[verdictOf(o)] ?? 0) + 1
  $("filters").innerHTML = ["all", ...VERDICTS]
    .map((v) => `<button data-filter="${v}" class="${v === filter ? "on" : ""}">${esc(v === "all" ? T[locale].all : label(v))} <span>${counts[v] ?? 0}</span></button>`)
    .join("")
  renderChart()
  renderList()
}

const texts = () => {
  document.documentElement.lang = locale
  for (const el of document.querySelectorAll<HTMLElement>("[data-t]")) el.textContent = T[locale][el.dataset.t as keyof (typeof T)["en"]]
  $<HTMLTextAreaElement>("input").placeholder = T[locale].paste
  $<HTMLSelectElement>("lang").value = locale
  if (data) $("status").textContent = `${T[locale].ready} (${data.version})`
  $("source").textContent = items.length > 0 ? `${source}${source ? ": " : ""}${items.length} ${T[locale].records}` : ""
}

/** UTF-8 when the bytes are UTF-8, else GB18030 (a superset of GBK: Excel's "CSV" on Chinese Windows). */
const decode = (bytes: ArrayBuffer): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder("gb18030").decode(bytes)
  }
}

const readFile = async (file: File) => {
  const bytes = await file.arrayBuffer()
  items = /\.xlsx$/i.test(file.name) ? await fromXlsx(bytes) : fromText(decode(bytes), file.name)
  source = file.name
  texts()
  judge()
}

const lookup = () => {
  const q = { substance: $<HTMLInputElement>("ls").value.trim(), food: $<HTMLInputElement>("lf").value.trim(), on: $<HTMLInputElement>("ld").value }
  const r = limit(validatorFor(locale).dataset, q)
  const out = $("limit")
  if (!r.ok) {
    out.innerHTML = r.errors.map((e) => `<p class="err">[${esc(e.code)}] ${esc(toJson(e, locale).message)}</p>`).join("")
    return
  }
  const a = r.value
  const l = a.limit
  const what = l ? (a.outcome === "must-not-detect" ? T[locale].mustNot : `${l.value} ${l.unit}`) : a.outcome === "no-limit" ? T[locale].noLimit : T[locale].notHeld
  out.innerHTML = `<p><b>${esc(a.substance)}</b> · <b>${esc(a.food)}</b> · ${esc(a.on)}: <b class="lv">${esc(what)}</b></p>${
    l ? `<p>${esc(l.instrument)} · ${esc(l.categoryPath.join(" › "))}${l.temporary ? " *" : ""} · ${esc(l.verification)}</p>` : ""
  }`
}

const main = async () => {
  texts()
  $("status").textContent = T[locale].loading
  data = (await (await fetch(new URL("./rules.json", import.meta.url))).json()) as RuleData
  validatorFor(locale)
  texts()
  document.body.dataset.ready = "true"
  $("judge").addEventListener("click", () => {
    items = fromText($<HTMLTextAreaElement>("input").value)
    source = ""
    texts()
    judge()
  })
  $<HTMLInputElement>("file").addEventListener("change", (e) => {
    const f = (e.target as HTMLInputElement).files?.[0]
    if (f) void readFile(f)
  })
  const drop = $("drop")
  drop.addEventListener("dragover", (e) => (e.preventDefault(), drop.classList.add("over")))
  drop.addEventListener("dragleave", () => drop.classList.remove("over"))
  drop.addEventListener("drop", (e) => {
    e.preventDefault()
    drop.classList.remove("over")
    const f = e.dataTransfer?.files[0]
    if (f) void readFile(f)
  })
  $("filters").addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest("button")
    if (b?.dataset.filter) (filter = b.dataset.filter), render()
  })
  $<HTMLSelectElement>("lang").addEventListener("change", (e) => {
    locale = (e.target as HTMLSelectElement).value as Locale
    texts()
    if (items.length > 0) judge()
  })
  $("lookup").addEventListener("submit", (e) => (e.preventDefault(), lookup()))
}

;(window as any).nongan = { reports: [] as Array<unknown> }
main().catch((e) => {
  $("status").textContent = String(e)
  document.body.dataset.ready = "error"
})
