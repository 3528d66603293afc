import { addDays, type CalendarDate, daysBetween } from "@nongan/core/CalendarDate"
import type { Citation } from "@nongan/core/Citation"
import { contains } from "@nongan/core/EffectivePeriod"
import type { Finding } from "@nongan/core/Finding"
import { type Verification, weakest } from "@nongan/core/Verification"
import { type CaseTable, cite, type CriminalRoute, type Provision, verificationOf, type Violation } from "./CaseTable"
import { transferClock, type TransferClock } from "./Clock"
import type { CaseFacts, PriorPenalty } from "./Facts"
import { type FineRange, fineRange, heavier, isRange, type NoRange } from "./Fine"
import { afterMarketEntry, type InputKind } from "./Subject"

/**
 * One step of the computation, in the order it was made, with the rule it applied.
 *
 * @example
 * import type { Step } from "@nongan/cases/Route"
 * const s: Step = { step: "criminal-check", text: "…" }
 * s.step // "criminal-check"
 *
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly step: "violation" | "criminal-check" | "aggravation" | "time" | "fine" | "precedence" | "authority" | "limitation" | "clock" | "unrouted"
  readonly violation?: string
  readonly text: string
  readonly citation?: Citation
}

/**
 * The criminal route of one count: a transfer to the police or a referral for expert assessment,
 * never a charge; with the knowledge presumptions that apply (sales), the seriousness indicators
 * and the transfer clock.
 *
 * @example
 * import type { CriminalOutcome } from "@nongan/cases/Route"
 * const k: CriminalOutcome["kind"] = "transfer"
 * k // "transfer"
 *
 * @since 0.1.0
 * @category models
 */
export interface CriminalOutcome {
  readonly route: string
  readonly kind: "transfer" | "assessment"
  readonly offence: string
  readonly article: Citation
  readonly basis: ReadonlyArray<Citation>
  readonly knowledge?: { readonly status: "presumed" | "to-be-established"; readonly presumptions: ReadonlyArray<{ readonly id: string; readonly item: string; readonly text: string }> }
  readonly seriousness: ReadonlyArray<{ readonly id: string; readonly clause: string; readonly label: string }>
  readonly clock: TransferClock
  readonly verification: Verification
}

/**
 * How one provision fared: applied, competing (a lower fine under 行政处罚法 art. 29), set aside by
 * time (行政处罚法 art. 37), or with no fine for this subject or no text held.
 *
 * @example
 * import type { ProvisionOutcome } from "@nongan/cases/Route"
 * const s: ProvisionOutcome["status"] = "applied"
 * s // "applied"
 *
 * @since 0.1.0
 * @category models
 */
export interface ProvisionOutcome {
  readonly id: string
  readonly family: string
  readonly status: "applied" | "competing" | "superseded-by-time" | "no-fine"
  readonly citation: Citation
  readonly duty?: Citation
  readonly verification: Verification
  readonly text: string
  readonly range?: FineRange
  readonly noRange?: NoRange["reason"]
  readonly precondition?: Provision["precondition"]
  readonly measures: ReadonlyArray<string>
  readonly note?: string
}

/**
 * The administrative route of one count. `status`: `applies`; `if-returned-by-police` (a
 * criminal transfer runs first and a fine may not replace it: only when the police send the case
 * back, 农安法 art. 61, 行政处罚法 art. 27); `pending-assessment` (an expert assessment under 143
 * is asked for first); `corrected` (corrected by the deadline: no fine); `time-barred`
 * (行政处罚法 art. 36); `no-provision` (no penalty provision in force, or none held).
 *
 * @example
 * import type { AdministrativeOutcome } from "@nongan/cases/Route"
 * const s: AdministrativeOutcome["status"] = "applies"
 * s // "applies"
 *
 * @since 0.1.0
 * @category models
 */
export interface AdministrativeOutcome {
  readonly status: "applies" | "if-returned-by-police" | "pending-assessment" | "corrected" | "time-barred" | "no-provision"
  readonly authority: { readonly id: string; readonly name: string; readonly basis: ReadonlyArray<Citation> }
  readonly applied?: ProvisionOutcome
  readonly fine?: { readonly min: number; readonly max: number; readonly currency: "CNY" }
  readonly provisions: ReadonlyArray<ProvisionOutcome>
  readonly measures: ReadonlyArray<string>
  readonly limitationUntil: CalendarDate
}

/**
 * One count of a case: one violation (one act), the findings it was read from, the criminal
 * route if any, then the administrative route.
 *
 * @example
 * import type { Count } from "@nongan/cases/Route"
 * const c: Pick<Count, "violation"> = { violation: "residue-exceeds" }
 * c.violation // "residue-exceeds"
 *
 * @since 0.1.0
 * @category models
 */
export interface Count {
  readonly violation: string
  readonly label: string
  readonly findings: ReadonlyArray<string>
  readonly input?: InputKind
  readonly criminal?: CriminalOutcome
  readonly administrative: AdministrativeOutcome
}

/**
 * An enforcement case: its counts, whether any goes to the police, earlier penalties within two
 * years, findings that route to no violation, the weakest verification level of what it used,
 * and the computation step by step.
 *
 * @example
 * import type { Case } from "@nongan/cases/Route"
 * const c: Pick<Case, "criminal"> = { criminal: false }
 * c.criminal // false
 *
 * @since 0.1.0
 * @category models
 */
export interface Case {
  readonly id: string
  readonly subject: CaseFacts["subject"]
  readonly stage: CaseFacts["stage"]
  readonly actOn: CalendarDate
  readonly counts: ReadonlyArray<Count>
  readonly criminal: boolean
  readonly priorWithinTwoYears: ReadonlyArray<PriorPenalty>
  readonly unrouted: ReadonlyArray<string>
  readonly verification: Verification
  readonly steps: ReadonlyArray<Step>
  readonly table: Readonly<Record<string, string>>
}

const VET_EVENTS = new Set(["slaughteredOn", "milkedOn", "eggsCollectedOn", "harvestedAquaticOn"])

/** The input a finding concerns, from its own values where it says so. */
const inputOf = (f: Finding, facts: CaseFacts): InputKind | undefined => {
  const event = f.values?.["event"]
  if (typeof event === "string") return VET_EVENTS.has(event) ? "veterinary-drug" : "pesticide"
  if (typeof f.values?.["species"] === "string" || f.values?.["treatment"] !== undefined) return "veterinary-drug"
  return facts.input
}

const matches = (v: Violation, f: Finding, facts: CaseFacts): boolean =>
  v.fromFindings.some(
    (m) =>
      m.code === f.code &&
      (m.stages === undefined || m.stages.includes(facts.stage)) &&
      (m.inputs === undefined || (inputOf(f, facts) !== undefined && m.inputs.includes(inputOf(f, facts)!)))
  )

const familySources = (t: CaseTable): ReadonlyMap<string, ReadonlySet<string>> => {
  const m = new Map<string, Set<string>>()
  for (const v of t.violations) for (const p of v.provisions) m.set(p.family, (m.get(p.family) ?? new Set()).add(p.source))
  return m
}
const FAMILY_SOURCES = new WeakMap<CaseTable, ReadonlyMap<string, ReadonlySet<string>>>()
const sourcesOf = (t: CaseTable, family: string): ReadonlySet<string> => {
  let m = FAMILY_SOURCES.get(t)
  if (!m) FAMILY_SOURCES.set(t, (m = familySources(t)))
  return m.get(family) ?? new Set()
}

const inForce = (t: CaseTable, source: string, on: CalendarDate): boolean => {
  const s = t.sources.get(source)
  return s !== undefined && contains(s.effective, on)
}

/** 1234567.5 → "1,234,567.5" (Intl is slow on hot paths). */
const yuan = (n: number): string => {
  const [int, frac] = String(Math.round(n * 100) / 100).split(".")
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`
}
const rangeText = (r: FineRange | NoRange): string =>
  isRange(r)
    ? `${yuan(r.min)}–${yuan(r.max)} 元`
    : { "no-band-for-subject": "对该主体类型无罚款", "goods-value-unknown": "需要货值", "illegal-gains-unknown": "需要违法所得", "refers-elsewhere": "本条无罚款（转致其他法规）" }[r.reason]

const lighter = (a: FineRange | NoRange, b: FineRange | NoRange): boolean => {
  // a strictly lighter than b; no fine for the subject is lighter than any fine
  if (!isRange(a)) return a.reason === "no-band-for-subject" && isRange(b)
  if (!isRange(b)) return false
  return heavier(a, b) < 0
}

interface FamilyChoice {
  readonly chosen?: Provision
  readonly range?: FineRange | NoRange
  readonly others: ReadonlyArray<ProvisionOutcome>
  readonly steps: ReadonlyArray<Step>
}

const outcome = (t: CaseTable, p: Provision, status: ProvisionOutcome["status"], r: FineRange | NoRange | undefined, note?: string): ProvisionOutcome => ({
  id: p.id,
  family: p.family,
  status,
  citation: cite(t, p),
  ...(p.duty ? { duty: cite(t, p.duty) } : {}),
  verification: verificationOf(t, p),
  text: p.text,
  ...(r && isRange(r) ? { range: r } : r ? { noRange: r.reason } : {}),
  ...(p.precondition ? { precondition: p.precondition } : {}),
  measures: p.measures,
  ...(note ?? p.fineNote ?? p.mappingNote ? { note: note ?? p.fineNote ?? p.mappingNote } : {})
})

/** 行政处罚法 art. 37 within one family of provisions (versions of one law). */
const chooseVersion = (t: CaseTable, v: Violation, family: string, provs: ReadonlyArray<Provision>, facts: CaseFacts): FamilyChoice => {
  const rangeOf = (p: Provision) => fineRange(t.subjectGroups, p.fine, { subject: facts.subject.type, goodsValue: facts.goodsValue, illegalGains: facts.illegalGains })
  const time = t.procedure.time
  const atAct = provs.find((p) => inForce(t, p.source, facts.actOn))
  const steps: Array<Step> = []
  const lawAtAct = [...sourcesOf(t, family)].find((s) => inForce(t, s, facts.actOn))
  if (atAct === undefined) {
    const why =
      lawAtAct !== undefined
        ? `行为日 ${facts.actOn} 有效的${t.sources.get(lawAtAct)!.short}对此行为无处罚条款：不依该法处罚`
        : `行为日 ${facts.actOn} 有效的文本未收录（${[...sourcesOf(t, family)].map((s) => t.sources.get(s)?.short).join("、")}）：不计算该法的罚款`
    steps.push({ step: "time", violation: v.id, text: why, citation: cite(t, time) })
    return { others: provs.map((p) => outcome(t, p, "superseded-by-time", undefined, why)), steps }
  }
  const rAct = rangeOf(atAct)
  let chosen = atAct
  let r = rAct
  if (facts.decidedOn !== undefined && !inForce(t, atAct.source, facts.decidedOn)) {
    const atDecision = provs.find((p) => inForce(t, p.source, facts.decidedOn!))
    const lawAtDecision = [...sourcesOf(t, family)].find((s) => inForce(t, s, facts.decidedOn!))
    if (atDecision !== undefined) {
      const rDec = rangeOf(atDecision)
      if (lighter(rDec, rAct)) {
        chosen = atDecision
        r = rDec
        steps.push({ step: "time", violation: v.id, text: `决定日 ${facts.decidedOn} 的新规定处罚较轻（${rangeText(rDec)} 对 ${rangeText(rAct)}）：适用新规定`, citation: cite(t, time) })
      } else
        steps.push({ step: "time", violation: v.id, text: `适用行为日 ${facts.actOn} 的规定 ${t.sources.get(atAct.source)!.short} ${atAct.clause}；决定日的新规定不轻（${rangeText(rDec)}）`, citation: cite(t, time) })
    } else if (lawAtDecision !== undefined) {
      const why = `决定日 ${facts.decidedOn} 有效的${t.sources.get(lawAtDecision)!.short}对此行为无处罚条款（不认为是违法）：适用新规定，不依该法处罚`
      steps.push({ step: "time", violation: v.id, text: why, citation: cite(t, time) })
      return { others: provs.map((p) => outcome(t, p, "superseded-by-time", undefined, why)), steps }
    }
  } else steps.push({ step: "time", violation: v.id, text: `适用行为日 ${facts.actOn} 有效的 ${t.sources.get(atAct.source)!.short} ${atAct.clause}`, citation: cite(t, time) })
  return { chosen, range: r, others: provs.filter((p) => p !== chosen).map((p) => outcome(t, p, "superseded-by-time", undefined)), steps }
}

const criminalCheck = (t: CaseTable, v: Violation, facts: CaseFacts, priors: ReadonlyArray<PriorPenalty>, steps: Array<Step>): CriminalOutcome | undefined => {
  const route: CriminalRoute | undefined = v.criminal === null ? undefined : t.criminal.get(v.criminal)
  if (route === undefined) {
    steps.push({ step: "criminal-check", violation: v.id, text: "该违法行为在表中无刑事路径：进入行政处罚" })
    return undefined
  }
  if (!route.stages.includes(facts.stage)) {
    steps.push({ step: "criminal-check", violation: v.id, text: `刑事路径 ${route.id} 不适用于环节 ${facts.stage}` })
    return undefined
  }
  if (route.trigger === "serious-excess" && facts.seriousExcess !== true) {
    steps.push({
      step: "criminal-check",
      violation: v.id,
      text: "“严重超出标准限量”无法定倍数：事实未认定严重超出，不移送；如执法人员或专家认定严重超出，应移送鉴定评估（刑法第一百四十三条）",
      citation: cite(t, route.basis[0]!)
    })
    return undefined
  }
  const verification = weakest([route.article, ...route.basis].map((b) => t.sources.get(b.source)?.verification ?? "unverified"))
  let knowledge: CriminalOutcome["knowledge"]
  if (route.knowledge) {
    const given = new Set(facts.knowledge ?? [])
    if ((facts.priorPenalties ?? []).some((p) => p.effectiveOn <= facts.actOn && p.violation === v.id)) given.add("repeat-after-penalty")
    const presumptions = route.knowledge.presumptions.filter((p) => given.has(p.id))
    knowledge = { status: presumptions.length > 0 ? "presumed" : "to-be-established", presumptions }
    steps.push({
      step: "criminal-check",
      violation: v.id,
      text:
        presumptions.length > 0
          ? `销售者“明知”可推定：${presumptions.map((p) => p.item).join("")}（有相反证据并经查证属实的除外）`
          : "销售者“明知”尚待查明（无第十条推定情形）；涉嫌犯罪仍应移送，由公安机关审查",
      citation: cite(t, route.knowledge)
    })
  }
  const table = route.article.clause.includes("一百四十四") ? t.seriousness.art144 : route.article.clause.includes("一百四十三") ? t.seriousness.art143 : []
  const sales = facts.salesAmount
  const seriousness =
    sales === undefined
      ? []
      : table.filter((s) => sales >= s.salesAtLeast && (s.salesBelow === undefined || sales < s.salesBelow) && (s.priorWithinDays === undefined || priors.length > 0))
  const reportedOn = facts.reportedOn ?? facts.discoveredOn ?? facts.actOn
  const clock = transferClock(t, reportedOn)
  steps.push({
    step: "criminal-check",
    violation: v.id,
    text: `${route.kind === "transfer" ? "涉嫌犯罪，移送公安机关" : "移送鉴定评估（不自动定罪）"}：${route.offence}，${t.sources.get(route.article.source)!.short}${route.article.clause}；依据 ${route.basis.map((b) => `${t.sources.get(b.source)!.short}${b.clause}`).join("、")}`,
    citation: cite(t, route.article)
  })
  if (seriousness.length > 0)
    steps.push({ step: "aggravation", violation: v.id, text: `情节（供公安机关参考）：${seriousness.map((s) => `${s.clause} ${s.label}`).join("；")}`, citation: cite(t, t.seriousness.twoYears) })
  steps.push({
    step: "clock",
    violation: v.id,
    text: `移送时限：报告 ${reportedOn} → 负责人 ${clock.decideBy} 前决定 → ${clock.transferBy} 前移送 → 公安机关 ${clock.policeReviewBy} 前审查（按日历日计，见说明）`,
    citation: cite(t, t.procedure.clock[0]!)
  })
  return {
    route: route.id,
    kind: route.kind,
    offence: route.offence,
    article: cite(t, route.article),
    basis: route.basis.map((b) => cite(t, b)),
    ...(knowledge ? { knowledge } : {}),
    seriousness: seriousness.map((s) => ({ id: s.id, clause: s.clause, label: s.label })),
    clock,
    verification
  }
}

const authorityFor = (t: CaseTable, id: string): AdministrativeOutcome["authority"] => {
  const a = t.procedure.authorities.find((x) => x.id === id)!
  return { id: a.id, name: a.name, basis: a.basis.map((b) => cite(t, b)) }
}

const administrative = (t: CaseTable, v: Violation, facts: CaseFacts, input: InputKind | undefined, criminal: CriminalOutcome | undefined, steps: Array<Step>): AdministrativeOutcome => {
  const lim = t.procedure.limitation
  const limitationUntil = addDays(facts.actOn, facts.harm ? lim.harmDays : lim.days)
  const candidates = v.provisions.filter((p) => p.stages.includes(facts.stage))
  const skippedInput = candidates.filter((p) => p.inputs !== undefined && (input === undefined || !p.inputs.includes(input)))
  if (skippedInput.length > 0 && input === undefined)
    steps.push({ step: "fine", violation: v.id, text: `投入品类别未知：未计入 ${skippedInput.map((p) => `${t.sources.get(p.source)!.short}${p.clause}`).join("、")}` })
  const usable = candidates.filter((p) => !skippedInput.includes(p))
  const families = [...new Set(usable.map((p) => p.family))]
  const all: Array<ProvisionOutcome> = []
  const ranked: Array<{ p: Provision; r: FineRange }> = []
  for (const fam of families) {
    const c = chooseVersion(t, v, fam, usable.filter((p) => p.family === fam), facts)
    steps.push(...c.steps)
    all.push(...c.others)
    if (c.chosen && c.range) {
      steps.push({ step: "fine", violation: v.id, text: `${t.sources.get(c.chosen.source)!.short}${c.chosen.clause}：${facts.subject.type}，货值 ${facts.goodsValue ?? "未知"} → ${rangeText(c.range)}`, citation: cite(t, c.chosen) })
      if (isRange(c.range)) ranked.push({ p: c.chosen, r: c.range })
      else all.push(outcome(t, c.chosen, "no-fine", c.range))
    }
  }
  ranked.sort((a, b) => heavier(b.r, a.r))
  const top = ranked[0]
  if (ranked.length > 1)
    steps.push({
      step: "precedence",
      violation: v.id,
      text: `同一违法行为违反多个法律规范：按罚款数额高的规定处罚 → ${t.sources.get(top!.p.source)!.short}${top!.p.clause}（${rangeText(top!.r)}）；不适用 ${ranked
        .slice(1)
        .map((x) => `${t.sources.get(x.p.source)!.short}${x.p.clause}（${rangeText(x.r)}）`)
        .join("、")}`,
      citation: cite(t, t.procedure.precedence)
    })
  for (const x of ranked.slice(1)) all.push(outcome(t, x.p, "competing", x.r))
  const applied = top ? outcome(t, top.p, "applied", top.r) : undefined
  const authorityId =
    top && facts.aquaculture === true && top.p.family === "vet-reg"
      ? "fisheries"
      : top
        ? top.p.authority
        : afterMarketEntry(facts.stage)
          ? "market-regulation"
          : facts.aquaculture === true && input === "veterinary-drug"
            ? "fisheries"
            : "agriculture"
  const authority = authorityFor(t, authorityId)
  steps.push({
    step: "authority",
    violation: v.id,
    text: `主管机关：${authority.name}（${afterMarketEntry(facts.stage) ? "进入市场后" : "进入市场前"}${authorityId === "fisheries" ? "；水产养殖用药" : ""}）`,
    ...(authority.basis[0] ? { citation: authority.basis[0] } : {})
  })
  let status: AdministrativeOutcome["status"] = applied ? "applies" : "no-provision"
  if (facts.discoveredOn !== undefined && daysBetween(limitationUntil, facts.discoveredOn) > 0) {
    status = "time-barred"
    steps.push({ step: "limitation", violation: v.id, text: `违法行为在 ${facts.harm ? "五" : "二"}年内未被发现（${facts.actOn} 至 ${facts.discoveredOn}）：不再给予行政处罚`, citation: cite(t, lim) })
  } else if (criminal?.kind === "transfer") {
    status = "if-returned-by-police"
    steps.push({ step: "criminal-check", violation: v.id, text: "不得以行政处罚代替移送：罚款仅在公安机关不予立案并退回后适用（已作出的罚款折抵罚金）", citation: cite(t, t.procedure.noFineForCrime) })
  } else if (criminal?.kind === "assessment") status = "pending-assessment"
  else if (applied?.precondition === "not-corrected-by-deadline" && facts.correctedByDeadline === true) {
    status = "corrected"
    steps.push({ step: "fine", violation: v.id, text: "已在期限内改正：不处罚款（逾期不改正的才处罚款）", citation: applied.citation })
  }
  const fine = applied?.range && (status === "applies" || status === "if-returned-by-police" || status === "pending-assessment") ? { min: applied.range.min, max: applied.range.max, currency: "CNY" as const } : undefined
  return {
    status,
    authority,
    ...(applied ? { applied } : {}),
    ...(fine ? { fine } : {}),
    provisions: [...(applied ? [applied] : []), ...all],
    measures: applied?.measures ?? [],
    limitationUntil
  }
}

/**
 * Routes the facts of a case to an enforcement case. For each violation read from the findings
 * (by code, stage and input) or stated directly: the criminal check first, then the
 * administrative route: the provisions in force (行政处罚法 art. 37), their fine ranges for this
 * subject type and goods value, the higher of competing provisions (art. 29), the competent
 * authority, the limitation period (art. 36), and for transfers the 310号 clock. Every step is
 * written down in `steps`.
 *
 * @example
 * import { loadTable } from "@nongan/cases/Load"
 * import { routeCase } from "@nongan/cases/Route"
 * import { unsafeMake } from "@nongan/core/CalendarDate"
 * const t = loadTable()
 * if (t.ok) {
 *   const c = routeCase(t.value, { id: "C1", subject: { id: "S1", type: "farmer" }, stage: "production", actOn: unsafeMake("2024-06-01"),
 *     findings: [{ code: "residue.exceeds-limit", outcome: "exceeds-limit", severity: "violation", referral: "administrative" }] })
 *   c.counts[0]?.administrative.fine // { min: 500, max: 5000, currency: "CNY" }
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const routeCase = (t: CaseTable, facts: CaseFacts): Case => {
  const steps: Array<Step> = []
  const byViolation = new Map<string, { v: Violation; codes: Set<string>; inputs: Set<InputKind> }>()
  const unrouted: Array<string> = []
  const banned = new Set((facts.findings ?? []).filter((f) => f.referral === "criminal-referral" && f.substance !== undefined).map((f) => f.substance!))
  for (const f of facts.findings ?? []) {
    if (f.referral !== "criminal-referral" && f.referral !== "administrative") continue
    if (f.referral === "administrative" && f.substance !== undefined && banned.has(f.substance)) {
      steps.push({ step: "violation", text: `${f.substance} 的 ${f.code} 与其禁用物质检出是同一个违法行为：并入禁用物质的违法行为（同一行为不两次罚款）`, citation: cite(t, t.procedure.precedence) })
      continue
    }
    const v = t.violations.find((x) => matches(x, f, facts))
    if (v === undefined) {
      unrouted.push(f.code)
      steps.push({ step: "unrouted", text: `发现 ${f.code}（环节 ${facts.stage}）在违法行为表中无对应行` })
      continue
    }
    const e = byViolation.get(v.id) ?? { v, codes: new Set<string>(), inputs: new Set<InputKind>() }
    e.codes.add(f.code)
    const input = inputOf(f, facts)
    if (input) e.inputs.add(input)
    byViolation.set(v.id, e)
  }
  for (const id of facts.violations ?? []) {
    const v = t.violationById.get(id)
    if (v === undefined) {
      unrouted.push(id)
      steps.push({ step: "unrouted", text: `未知的违法行为 \`${id}\`` })
      continue
    }
    if (!byViolation.has(id)) byViolation.set(id, { v, codes: new Set(), inputs: new Set(facts.input ? [facts.input] : []) })
  }
  const priors = (facts.priorPenalties ?? []).filter((p) => p.kind === "administrative" && p.effectiveOn <= facts.actOn && daysBetween(p.effectiveOn, facts.actOn) <= 730)
  if (priors.length > 0)
    steps.push({
      step: "aggravation",
      text: `二年内受过行政处罚（生效日 ${priors.map((p) => p.effectiveOn).join("、")}，至行为日 ${facts.actOn}）：刑事情节的参考；持有的行政法条文未规定从重罚款，罚款仍在法定幅度内`,
      citation: cite(t, t.seriousness.twoYears)
    })
  const counts: Array<Count> = []
  const used: Array<Verification> = []
  for (const { v, codes, inputs } of byViolation.values()) {
    // the facts' input wins; else the findings' input when they agree; else unknown
    const input: InputKind | undefined = facts.input ?? (inputs.size === 1 ? [...inputs][0] : undefined)
    steps.push({ step: "violation", violation: v.id, text: `违法行为：${v.label}${codes.size > 0 ? `（来自 ${[...codes].join("、")}）` : "（事实直接认定）"}` })
    const criminal = criminalCheck(t, v, facts, priors, steps)
    const adm = administrative(t, v, facts, input, criminal, steps)
    if (criminal) used.push(criminal.verification)
    for (const p of adm.provisions) if (p.status === "applied") used.push(p.verification)
    counts.push({ violation: v.id, label: v.label, findings: [...codes], ...(input ? { input } : {}), ...(criminal ? { criminal } : {}), administrative: adm })
  }
  return {
    id: facts.id,
    subject: facts.subject,
    stage: facts.stage,
    actOn: facts.actOn,
    counts,
    criminal: counts.some((c) => c.criminal?.kind === "transfer"),
    priorWithinTwoYears: priors,
    unrouted,
    verification: used.length > 0 ? weakest(used) : "secondary",
    steps,
    table: t.versions
  }
}
