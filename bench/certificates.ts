/**
 * "certificate-check": certificate validations per second with cross-checks (elements, template
 * text, basis options of the date, dates, scope, obligation, false commitment from the batch's
 * inspections, intervals from its use records, 用什么药、检什么药, purchaser upstream), against the
 * same checks written as json-rules-engine rules run in the same process on the same records.
 * Evidence is judged once beforehand (through the SDK) and shared by both sides: the comparison is
 * the certificate checks themselves. A second line, "certificate-validate", times the whole door
 * (decode, gather and judge the evidence through the SDK, check), which has no baseline.
 *
 *   node --conditions=@nongan/source --import tsx bench/certificates.ts
 */
import { toDayNumber, type CalendarDate } from "@nongan/core/CalendarDate"
import { commitmentLines, type CertificateRecord, decode } from "@nongan/certificates/Certificate"
import { checkCertificate, type Evidence } from "@nongan/certificates/Check"
import { normalise } from "@nongan/certificates/Commitment"
import { makeDoor } from "@nongan/certificates/Door"
import { readBasis, regimeOn } from "@nongan/certificates/Rules"
import { scopeOf } from "@nongan/certificates/Scope"
import { gatherEvidence } from "@nongan/certificates/Validate"
import { createValidator } from "@nongan/sdk/Validator"
import { Engine } from "json-rules-engine"
import { mulberry32, round, timeAsync, timeSync } from "./harness"

const JUDGED_ON = "2026-12-01" as CalendarDate
const P26 = "我承诺生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标"
const U26 = "我承诺销售的食用农产品：已按规定收取并保存该批次农产品承诺达标合格证或者其他质量安全合格证明；未违规使用保鲜剂、防腐剂、添加剂等"
const PRODUCTS = ["豇豆", "韭菜", "芹菜", "苹果", "香菇", "茶鲜叶", "茶叶", "鸡蛋", "草鱼", "猪", "稻谷"]

/** `n` realistic certificates of 2023–2026, a third of them with inline evidence. */
export const corpus = (n: number): Array<Record<string, unknown>> => {
  const rnd = mulberry32(20261201)
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!
  return Array.from({ length: n }, (_, i) => {
    const purchaser = rnd() < 0.15
    const day = `2026-${String(2 + Math.floor(rnd() * 9)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`
    const issuedOn = rnd() < 0.3 ? day.replace("2026", "2024") : day
    const product = pick(PRODUCTS)
    const c: Record<string, unknown> = {
      id: `BC-${i}`,
      kind: "certificate",
      issuer: { name: "某主体", type: purchaser ? "purchaser" : pick(["enterprise", "cooperative", "farmer"]), ...(rnd() < 0.9 ? { contact: "13800000000" } : {}) },
      product,
      ...(rnd() < 0.95 ? { quantity: "500 kg" } : {}),
      ...(!purchaser && rnd() < 0.95 ? { origin: "重庆市开州区" } : {}),
      issuedOn,
      batch: { id: `B-${i}`, ...(rnd() < 0.5 ? { producedOn: issuedOn } : {}) },
      commitment: purchaser ? U26 : rnd() < 0.9 ? P26 : ["不使用禁用农药兽药、停用兽药和非法添加物", "常规农药兽药残留不超标"],
      basis: [pick(["质量安全控制符合要求", "自行检测合格", "委托检测合格", "委托检测合格", "自我承诺"])],
      region: "500154",
      ...(purchaser ? { reissue: "mixed", ...(rnd() < 0.7 ? { upstream: [`U-${i}`] } : {}) } : {})
    }
    if (i % 3 === 0 && (product === "豇豆" || product === "韭菜" || product === "芹菜")) {
      const sub = pick(["克百威", "毒死蜱", "阿维菌素"])
      c.evidence = {
        records: [
          { id: `I-${i}`, kind: "inspection", sampledOn: issuedOn, product, results: [{ substance: sub, value: rnd() < 0.2 ? "0.5" : "ND", unit: "mg/kg", lod: "0.005" }] },
          { id: `A-${i}`, kind: "pesticide-application", crop: product, pesticide: "阿维菌素", appliedOn: issuedOn.replace(/-\d\d$/, "-01"), harvestedOn: issuedOn }
        ]
      }
    }
    return c
  })
}

const KINDS = ["certificate.element-missing", "certificate.commitment-text", "certificate.basis-not-in-force", "certificate.date-in-future", "certificate.date-before-batch", "certificate.out-of-scope", "certificate.issuer-not-obliged", "certificate.false-commitment", "certificate.interval-not-over", "certificate.basis-not-covered", "certificate.upstream-missing"]

/** The checks as json-rules-engine rules (one engine per regime), over facts prepared per record. */
const baseline = (rules: ReturnType<typeof loadAll>["rules"]) => {
  const engines = new Map<string, Engine>()
  for (const r of rules.regimes.filter((x) => x.id === "law-2023" || x.id === "banfa-2026")) {
    const e = new Engine([], { allowUndefinedFacts: true })
    e.addOperator("anyNotIn", (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.some((x) => !b.includes(x)))
    e.addOperator("notSubsetOf", (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.some((x) => !b.includes(x)))
    const ev = (type: string, params: Record<string, unknown> = {}) => ({ type, params })
    for (const el of r.elements)
      e.addRule({ conditions: { all: [{ fact: "issuerType", operator: "in", value: [...el.issuers] }, { fact: "present", path: `$.${el.field.replace(".", "_")}`, operator: "equal", value: false }, { fact: "printed", operator: "doesNotContain", value: el.field }] }, event: ev("certificate.element-missing", { field: el.field }) })
    for (const type of ["enterprise", "cooperative", "farmer", "purchaser"]) {
      const variants = r.templates.filter((t) => t.issuers.includes(type as never)).map((t) => [...t.lines].map(normalise).sort().join("|"))
      e.addRule({ conditions: { all: [{ fact: "issuerType", operator: "equal", value: type }, { fact: "hasCommitment", operator: "equal", value: true }, { fact: "commitmentKey", operator: "notIn", value: variants }] }, event: ev("certificate.commitment-text") })
    }
    e.addRule({ conditions: { all: [{ fact: "basis", operator: "anyNotIn", value: r.basisOptions.map((o) => o.label) }] }, event: ev("certificate.basis-not-in-force") })
    e.addRule({ conditions: { all: [{ fact: "issuedDay", operator: "greaterThan", value: { fact: "judgedDay" } }] }, event: ev("certificate.date-in-future") })
    e.addRule({ conditions: { all: [{ fact: "producedDay", operator: "greaterThan", value: { fact: "issuedDay" } }] }, event: ev("certificate.date-before-batch") })
    e.addRule({ conditions: { all: [{ fact: "inScope", operator: "equal", value: false }] }, event: ev("certificate.out-of-scope") })
    e.addRule({ conditions: { all: [{ fact: "issuerType", operator: "notIn", value: [...r.issuers.obliged] }, { any: [{ fact: "issuerType", operator: "notIn", value: [...r.issuers.reissueOnly] }, { fact: "reissue", operator: "equal", value: false }] }] }, event: ev("certificate.issuer-not-obliged") })
    for (const code of ["residue.exceeds-limit", "residue.prohibited-use", "residue.must-not-detect"])
      e.addRule({ conditions: { all: [{ fact: "inspectionCodes", operator: "contains", value: code }] }, event: ev("certificate.false-commitment", { code }) })
    e.addRule({ conditions: { all: [{ fact: "useCodes", operator: "contains", value: "use.prohibited-substance" }] }, event: ev("certificate.false-commitment") })
    e.addRule({ conditions: { any: [{ fact: "useCodes", operator: "contains", value: "interval.too-short" }, { fact: "useCodes", operator: "contains", value: "interval.prohibited-in-state" }] }, event: ev("certificate.interval-not-over") })
    if (r.testingCoverage)
      e.addRule({ conditions: { all: [{ fact: "testingBasis", operator: "equal", value: true }, { fact: "usesCount", operator: "greaterThan", value: 0 }, { fact: "applied", operator: "notSubsetOf", value: { fact: "tested" } }] }, event: ev("certificate.basis-not-covered") })
    if (r.upstreamRequired) e.addRule({ conditions: { all: [{ fact: "issuerType", operator: "equal", value: "purchaser" }, { fact: "upstreamCount", operator: "equal", value: 0 }] }, event: ev("certificate.upstream-missing") })
    engines.set(r.id, e)
  }
  return engines
}

const loadAll = () => {
  const v = createValidator()
  if (!v.ok) throw new Error(JSON.stringify(v.errors.slice(0, 3)))
  const door = makeDoor({ foods: v.value.dataset.foods, judge: (r) => v.value.validate(r), judgedOn: JUDGED_ON })
  if (!door.ok) throw new Error(JSON.stringify(door.errors.slice(0, 3)))
  return { validator: v.value, door: door.value, rules: door.value.bundle.rules }
}

/** Runs both sides once and returns the benchmark lines. */
export const benchCertificates = async (n = 2000): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const { validator, door, rules } = loadAll()
  const foods = validator.dataset.foods
  const raw = corpus(n)
  const certs = raw.map((u) => {
    const d = decode(u)
    if (!d.ok) throw new Error(JSON.stringify(d.errors))
    return d.value
  })
  const judge = (r: unknown) => validator.validate(r)
  const evidence: Array<Evidence> = certs.map((c) => gatherEvidence(c, judge, undefined))
  const ctx = { rules, foods, judgedOn: JUDGED_ON }
  const ours = () => certs.map((c, i) => checkCertificate(ctx, c, evidence[i]))
  const engines = baseline(rules)
  const facts = (c: CertificateRecord, ev: Evidence) => {
    const regime = regimeOn(rules, c.issuedOn, c.region)!
    const has = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "") && !(Array.isArray(v) && v.length === 0)
    const meanings = (c.basis ?? []).flatMap((l) => {
      const b = readBasis(rules, regime, l)
      return b.kind === "unknown" ? [] : [b.option.means]
    })
    const inspections = ev.records.filter((r) => r.kind === "inspection")
    const uses = ev.records.filter((r) => r.kind !== "inspection")
    return {
      regime: regime.id,
      facts: {
        issuerType: c.issuer.type,
        present: { product: has(c.product), quantity: has(c.quantity), origin: has(c.origin), issuer_name: has(c.issuer.name), issuer_contact: has(c.issuer.contact), issuedOn: true, commitment: has(c.commitment), basis: has(c.basis), batch: has(c.batch) },
        printed: c.packagePrinted ?? [],
        hasCommitment: c.commitment !== undefined,
        commitmentKey: commitmentLines(c.commitment).map(normalise).map((l) => l.replace(/^我承诺(生产)?销售的食用农产品/, "")).filter(Boolean).sort().join("|"),
        basis: c.basis ?? [],
        issuedDay: toDayNumber(c.issuedOn),
        judgedDay: toDayNumber(JUDGED_ON),
        producedDay: c.batch?.producedOn !== undefined ? toDayNumber(c.batch.producedOn) : -1,
        inScope: c.product === undefined || scopeOf(rules, regime.id, foods, c.product, c.wild === true).kind === "in",
        reissue: c.reissue !== undefined,
        inspectionCodes: inspections.flatMap((r) => r.report.findings.map((f) => f.code)),
        useCodes: uses.flatMap((r) => r.report.findings.map((f) => f.code)),
        testingBasis: meanings.some((m) => m !== "control"),
        usesCount: uses.length,
        applied: [...new Set(uses.flatMap((r) => r.substances))],
        tested: [...new Set(inspections.flatMap((r) => r.substances))],
        upstreamCount: (c.upstream ?? []).length
      }
    }
  }
  const theirs = async () => {
    const out: Array<ReadonlyArray<string>> = []
    for (let i = 0; i < certs.length; i++) {
      const { regime, facts: f } = facts(certs[i]!, evidence[i]!)
      const r = await engines.get(regime)!.run(f)
      out.push(r.events.map((e) => e.type))
    }
    return out
  }
  // agreement on which checks fired (as sets of codes)
  const a = ours()
  const b = await theirs()
  const set = (xs: ReadonlyArray<string>) => [...new Set(xs.filter((x) => KINDS.includes(x)))].sort().join(",")
  const agree = a.filter((r, i) => set(r.findings.map((f) => f.code)) === set(b[i]!)).length
  const t1 = timeSync(n, () => void ours(), { warmup: 2, runs: 5 })
  const t2 = await timeAsync(n, async () => void (await theirs()), { warmup: 1, runs: 3 })
  const t3 = timeSync(n, () => {
    for (const u of raw) door.validate(u)
  }, { warmup: 1, runs: 3 })
  const withEvidence = evidence.filter((e) => e.records.length > 0).length
  return [
    {
      name: "certificate-check",
      opsPerSec: round(t1.opsPerSec),
      baselineOpsPerSec: round(t2.opsPerSec),
      ratio: round(t1.opsPerSec / t2.opsPerSec),
      records: n,
      withEvidence,
      agreeOnCodes: `${agree}/${n}`,
      baseline: `json-rules-engine 7.3.1, ${[...engines.values()].reduce((s, e) => s + (e as unknown as { rules: Array<unknown> }).rules.length, 0)} rules over prepared facts`
    },
    { name: "certificate-validate", opsPerSec: round(t3.opsPerSec), baselineOpsPerSec: null, ratio: null, records: n, note: "decode, judge the evidence through the SDK, check" }
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchCertificates(Number(process.env.BENCH_CERTIFICATES ?? 2000))) console.log(JSON.stringify(line))
}
