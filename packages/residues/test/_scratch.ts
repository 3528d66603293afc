import { loadDataset } from "@nongan/sdk/Validator"
import { parse } from "@nongan/residues/Measurement"
import { judgeInspection } from "@nongan/residues/Judge"
const d = loadDataset()
if (!d.ok) throw new Error("x")
const ds = d.value
for (const n of ["蛋类", "生乳", "禽肉类"]) console.log(n, ds.foods.hasNode(n), ds.foods.pathOf(n), JSON.stringify(ds.foods.resolve(n)))
console.log(JSON.stringify(ds.foods.resolve("鸡蛋")))
const egg = ds.foods.resolve("鸡蛋"); if (egg.ok) console.log("DDT egg", ds.limits.lookup("滴滴涕", egg.value, "2026-06-01"))
console.log(ds.foods.nodes().filter(n => ds.foods.pathOf(n.id)[0] !== "蔬菜" && ds.foods.pathOf(n.id)[0] !== "水果").map(n => n.id).join(" "))
console.log(JSON.stringify(parse(3, "d")), JSON.stringify(parse("-0", "mg/kg")), JSON.stringify(parse(-0, "mg/kg")))
try {
  console.log(JSON.stringify(judgeInspection(ds, { id: "x", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "噻虫嗪", value: 3, unit: "d" }] } as any)))
} catch (e) { console.log("CRASH", e) }
console.log(JSON.stringify(judgeInspection(ds, { id: "x", kind: "inspection", sampledOn: "2026-06-15", product: "豇豆", results: [{ substance: "克百威", components: [{substance: "克百威", value: "0.01", unit: "mg/kg"},{substance: "克百威", value: "0.01", unit: "mg/kg"}] }] } as any)))
console.log(ds.substances.all().filter(s => s.residueDefinition).map(s => `${s.id}: ${s.residueDefinition!.components.map(c => c.substance + "×" + c.factor).join(" + ")}`).join("\n"))
