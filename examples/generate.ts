/**
 * Generates the realistic example batch `examples/sampling-batch.jsonl`: sampling records across
 * the key varieties and other foods, four regions and three limit editions (2021-09 to 2026-11),
 * with laboratory and rapid-test results. Values are drawn around the limits actually loaded, so
 * the batch exercises every outcome; a few records are deliberately malformed (an unknown unit,
 * a misspelt product, an impossible date) to show that a batch goes on.
 *
 *   node --conditions=@nongan/source --import tsx examples/generate.ts [count] [seed] [out]
 *
 * The generator is deterministic for a given seed (mulberry32).
 */
import { createWriteStream } from "node:fs"
import { join } from "node:path"
import { addDays, unsafeMake } from "@nongan/core/CalendarDate"
import { loadDataset } from "@nongan/sdk/Validator"

const count = Number(process.argv[2] ?? 5000)
const seed = Number(process.argv[3] ?? 20261125)
const out = process.argv[4] ?? join(import.meta.dirname, "sampling-batch.jsonl")

const mulberry32 = (a: number) => () => {
  a |= 0
  a = (a + 0x6d2b79f5) | 0
  let t = Math.imul(a ^ (a >>> 15), 1 | a)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const rnd = mulberry32(seed)
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!

const ds = loadDataset()
if (!ds.ok) throw new Error("rule data does not load; run pnpm rules:check")
const d = ds.value

const PRODUCTS = ["豇豆", "韭菜", "芹菜", "普通白菜", "小白菜", "菠菜", "番茄", "黄瓜", "辣椒", "苹果", "柑", "橙", "茶叶", "鸡蛋", "乌鸡", "牛肉", "羊肉", "猪肉", "大口黑鲈", "乌鳢", "鳊鱼", "大黄鱼", "稻谷"]
const REGIONS = ["500154", "511923", "511902", "540103", "330106", "420102"]
const start = unsafeMake("2021-09-03")
const days = 1910 // to 2026-11-25

// substances with any limit or status for a product: drawn from the loaded tables
const candidates = new Map<string, Array<string>>()
for (const p of PRODUCTS) {
  const f = d.foods.resolve(p)
  if (!f.ok) throw new Error(`example product ${p} is not in the catalogue`)
  const keys = f.value.kind === "plant" ? f.value.path : f.value.speciesPath
  const subs = new Set<string>()
  for (const r of d.limits.rows()) {
    const k = r.row.food ?? r.row.species
    if (k !== undefined && keys.includes(k) && (f.value.kind === "plant" || r.row.tissue === f.value.tissue || r.row.tissue === "*" || r.row.restriction)) subs.add(r.row.substance)
  }
  for (const kv of d.keyVarieties) for (const v of kv.varieties) if (v.food === f.value.id) v.substances.forEach((s) => subs.add(s))
  candidates.set(p, [...subs].sort())
}

const value = (substance: string, product: string, date: string): { value: string; unit: string } => {
  const f = d.foods.resolve(product)
  const res = f.ok ? d.limits.lookup(substance, f.value, date) : undefined
  const unit = res?.limit.row.unit ?? (d.substances.get(substance)?.kind === "veterinary-drug" ? "ug/kg" : "mg/kg")
  // substances whose use is prohibited there are rarely found (2 %); others are detected in about 40 % of analyses
  const subject = f.ok ? (f.value.kind === "plant" ? { kind: "plant" as const, path: f.value.path } : { kind: "animal" as const, speciesPath: f.value.speciesPath }) : { kind: "anywhere" as const }
  const prohibited = d.statuses.statusOn(substance, date, subject).prohibited
  const u = rnd()
  if (u < (prohibited ? 0.98 : 0.62)) return { value: pick(["ND", "未检出", "<0.01"]), unit }
  const limit = res?.limit.row.limit ? Number(res.limit.row.limit.toString()) : unit === "ug/kg" ? 10 : 0.05
  const factor = u < 0.9 ? rnd() * 0.9 : u < 0.97 ? 1 + rnd() * 2 : 3 + rnd() * 10
  const v = limit * factor
  const digits = v >= 10 ? 1 : v >= 1 ? 2 : v >= 0.1 ? 3 : 4
  return { value: v.toFixed(digits), unit }
}

const w = createWriteStream(out)
for (let i = 1; i <= count; i++) {
  const product = pick(PRODUCTS)
  const sampledOn = addDays(start, Math.floor(rnd() * days))
  const region = pick(REGIONS)
  const rapid = rnd() < 0.12
  const subs = candidates.get(product) ?? []
  const n = Math.min(subs.length, 1 + Math.floor(rnd() * 4))
  const chosen = new Set<string>()
  while (chosen.size < n) chosen.add(pick(subs))
  const results = [...chosen].map((s) => {
    if (rapid) return { substance: s, value: rnd() < 0.93 ? "阴性" : "阳性" }
    const v = value(s, product, sampledOn)
    return { substance: s, value: v.value, unit: v.unit }
  })
  const rec: Record<string, unknown> = { id: `EX-${String(i).padStart(6, "0")}`, kind: "inspection", sampledOn, product, region, method: rapid ? "rapid" : "lab", results }
  const m = rnd()
  if (m < 0.002) (results[0] as { unit?: string }).unit = "ppm"
  else if (m < 0.004) rec.product = `${product}X`
  else if (m < 0.005) rec.sampledOn = "2025-02-29"
  w.write(`${JSON.stringify(rec)}\n`)
}
w.end()
console.error(`wrote ${count} records to ${out}`)
