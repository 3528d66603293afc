/**
 * Embedding nongan: a county rule pack written in TypeScript, layered over the national tables
 * and the bundled 巴中市 pack, judging one record. Run: `node --conditions=@nongan/source --import tsx examples/embed.ts`
 */
import { formatError } from "@nongan/core/Messages"
import { definePlugin } from "@nongan/sdk/Packs"
import { createValidator } from "@nongan/sdk/Validator"

const myCounty = definePlugin({
  kind: "rule-pack",
  id: "cn-511923-demo",
  jurisdiction: "511923",
  name: "巴州区（示例）",
  version: "1.0.0",
  effective: { from: "2025-01-01" },
  parent: "511900",
  source: { instrument: "示例：巴州区农产品质量安全工作要点（虚构，仅作演示）" },
  limits: [{ substance: "毒死蜱", food: "芹菜", limit: "0.02", unit: "mg/kg", citation: { instrument: "示例（虚构）" }, verification: "unverified" }],
  customRules: [
    {
      name: "leafy-watch",
      conditions: {
        all: [
          { fact: "productCategoryPath", operator: "contains", value: "叶菜类蔬菜" },
          { fact: "ratioToLimit", operator: "greaterThan", value: 0.5 }
        ]
      },
      event: { type: "local.leafy-watch", params: { severity: "info", message: "叶菜类检出值超过限量一半，列入跟踪抽检" } },
      citation: { instrument: "示例（虚构）" }
    }
  ]
})

const v = createValidator({ packs: [myCounty] })
if (!v.ok) {
  for (const e of v.errors) console.error(formatError(e))
  process.exit(1)
}
const r = v.value.validate({
  id: "A1",
  kind: "inspection",
  sampledOn: "2026-06-15",
  product: "芹菜",
  region: "511923",
  results: [{ substance: "毒死蜱", value: "0.03", unit: "mg/kg" }]
})
if (!r.ok) {
  console.error(r.failure.error.message)
  process.exit(1)
}
console.log(r.report.verdict)
console.log(r.report.packs?.map((p) => `${p.id}@${p.version} ${p.hash.slice(0, 12)}`).join(" → "))
for (const f of r.report.findings) console.log(`  [${f.layer}] ${f.code} ${f.substance} ${f.measured ?? ""}/${f.limit ?? ""} ${f.unit ?? ""} ${f.source ?? ""}`)
