import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod } from "@nongan/core/EffectivePeriod"
import type { NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import type { Dataset } from "@nongan/engine/Dataset"
import type { Subject } from "@nongan/substances/Status"
import { Schema } from "effect"

/**
 * A market-regulation check list (`rules/national/programs/samr-checklist-2026.json`, kind
 * `sampling-check-list`): per table, the foods it covers and its test items, each with the name
 * as written, the substance it resolves to (when it does) and the standard it cites.
 *
 * @example
 * import { Schema } from "effect"
 * import { CheckListFile } from "@nongan/sampling/TestItems"
 * Schema.decodeUnknownSync(CheckListFile)({ kind: "sampling-check-list", id: "x", citation: { instrument: "细则" },
 *   verification: "secondary", effective: { from: "2026-01-01" }, tables: [] })
 *
 * @since 0.1.0
 * @category models
 */
export const CheckListFile = Schema.Struct({
  kind: Schema.Literal("sampling-check-list"),
  id: Schema.String,
  title: Schema.optional(Schema.String),
  citation: Citation,
  verification: Verification,
  effective: EffectivePeriod,
  tables: Schema.Array(
    Schema.Struct({
      table: Schema.String,
      category: Schema.String,
      name: Schema.String,
      foods: Schema.Array(Schema.String),
      items: Schema.Array(Schema.Struct({ asWritten: Schema.String, substance: Schema.optional(Schema.String), basis: Schema.String }))
    })
  )
}).annotations({ identifier: "CheckListFile" })
/** @since 0.1.0 @category models */
export type CheckListFile = typeof CheckListFile.Type

/**
 * Decodes a check-list file.
 *
 * @example
 * import { decodeCheckList } from "@nongan/sampling/TestItems"
 * decodeCheckList({ kind: "x" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeCheckList = decoder(CheckListFile)

/**
 * One test item of a food: the substance, why it is on the list (key variety, check-list table,
 * plan), and what the tables held on the plan's date say: a `limit` (with its instrument), a
 * prohibition (`prohibited`: any detection fails), or `not-held` (no limit or status in the
 * tables we hold, so a result could not be judged: listed apart, never tested blind).
 *
 * @since 0.1.0
 * @category models
 */
export interface TestItem {
  readonly substance: string
  readonly asWritten?: ReadonlyArray<string>
  readonly sources: ReadonlyArray<string>
  readonly status: "limit" | "must-not-detect" | "prohibited" | "not-held"
  readonly limit?: { readonly value: string; readonly unit: string; readonly instrument: string } | undefined
}

/**
 * The test items of one food.
 *
 * @since 0.1.0
 * @category models
 */
export interface FoodItems {
  readonly food: string
  readonly items: ReadonlyArray<TestItem>
  /** items the tables held on the date cannot judge */
  readonly notHeld: ReadonlyArray<TestItem>
  /** check-list items that name no substance of our catalogue (moisture, TVB-N …), as written */
  readonly unresolved: ReadonlyArray<string>
}

/**
 * The test items of a food on a date: the substances of the key-variety lists in force for it
 * (national lists and the `extra` a pack names), and the items of the check-list tables that
 * cover it (its own table or a category above it), intersected with what the limit and status
 * tables hold on that date. An unknown food is an error.
 *
 * @example
 * import { testItems } from "@nongan/sampling/TestItems"
 * typeof testItems // "function" — see test/TestItems.test.ts
 *
 * @since 0.1.0
 * @category constructors
 */
export const testItems = (
  ds: Dataset,
  checkLists: ReadonlyArray<CheckListFile>,
  food: string,
  date: string,
  extra: ReadonlyArray<{ readonly substance: string; readonly source: string }> = []
): Result<FoodItems, NonganError> => {
  const f = ds.foods.resolve(food)
  if (!f.ok) return fail(...f.errors)
  const rf = f.value
  const ancestry = new Set(rf.kind === "plant" ? [rf.id, ...rf.path] : [rf.id, ...rf.speciesPath, ...(rf.categoryPath ?? [])])
  const found = new Map<string, { asWritten: Set<string>; sources: Set<string> }>()
  const add = (substance: string, source: string, asWritten?: string) => {
    let e = found.get(substance)
    if (!e) found.set(substance, (e = { asWritten: new Set(), sources: new Set() }))
    e.sources.add(source)
    if (asWritten !== undefined && asWritten !== substance) e.asWritten.add(asWritten)
  }
  for (const kv of ds.keyVarieties)
    if (contains(kv.effective, date))
      for (const v of kv.varieties) {
        const r = ds.foods.resolve(v.food)
        if (!r.ok || r.value.id !== rf.id) continue
        for (const s of v.substances) {
          const sr = ds.substances.resolve(s)
          add(sr.ok ? sr.value.id : s, `key-variety ${kv.id}`)
        }
      }
  for (const x of extra) {
    const s = ds.substances.resolve(x.substance)
    add(s.ok ? s.value.id : x.substance, x.source)
  }
  const unresolved: Array<string> = []
  for (const cl of checkLists) {
    if (!contains(cl.effective, date)) continue
    for (const t of cl.tables) {
      if (!t.foods.some((x) => ancestry.has(x))) continue
      for (const i of t.items) {
        if (i.substance !== undefined && ds.substances.get(i.substance) !== undefined) add(i.substance, `${cl.id} ${t.table}`, i.asWritten)
        else unresolved.push(i.asWritten)
      }
    }
  }
  const subject: Subject = rf.kind === "plant" ? { kind: "plant", path: rf.path } : { kind: "animal", speciesPath: rf.speciesPath }
  const all: Array<TestItem> = [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([substance, e]) => {
      const base = { substance, ...(e.asWritten.size > 0 ? { asWritten: [...e.asWritten] } : {}), sources: [...e.sources].sort() }
      const res = ds.limits.resolveAt(substance, rf, date)
      if (ds.statuses.statusOn(substance, date, subject).prohibited) return { ...base, status: "prohibited" as const }
      if (res?.mustNotDetect) return { ...base, status: "must-not-detect" as const, limit: { value: "不得检出", unit: res.limit.row.unit, instrument: res.limit.instrument } }
      if (res && res.limit.row.limit !== undefined)
        return { ...base, status: "limit" as const, limit: { value: res.limit.row.limit.toString(), unit: res.limit.row.unit, instrument: res.limit.instrument } }
      return { ...base, status: "not-held" as const }
    })
  return ok({ food: rf.id, items: all.filter((i) => i.status !== "not-held"), notHeld: all.filter((i) => i.status === "not-held"), unresolved: [...new Set(unresolved)] })
}
