import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Severity } from "@nongan/core/Finding"
import type { NonganError, Path } from "@nongan/core/NonganError"
import type { Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import { IssuerType } from "./Certificate"

/**
 * What a basis option means, whatever label it carries: `control` (质量安全控制符合要求),
 * `self-test` (自行检测合格) or `commissioned-test` (委托检测合格).
 *
 * @example
 * import { BasisMeaning } from "@nongan/certificates/Rules"
 * BasisMeaning.literals.length // 3
 *
 * @since 0.1.0
 * @category models
 */
export const BasisMeaning = Schema.Literal("control", "self-test", "commissioned-test").annotations({ identifier: "BasisMeaning" })
/** @since 0.1.0 @category models */
export type BasisMeaning = typeof BasisMeaning.Type

const cited = { citation: Citation, verification: Verification }

/**
 * A basis option (承诺依据) as printed under a regime, or a legacy label's reading.
 *
 * @example
 * import { Schema } from "effect"
 * import { BasisOption } from "@nongan/certificates/Rules"
 * Schema.decodeUnknownSync(BasisOption)({ label: "委托检测合格", means: "commissioned-test",
 *   citation: { instrument: "x" }, verification: "secondary" })
 *
 * @since 0.1.0
 * @category models
 */
export const BasisOption = Schema.Struct({ label: Schema.String, means: BasisMeaning, ...cited }).annotations({ identifier: "BasisOption" })
/** @since 0.1.0 @category models */
export type BasisOption = typeof BasisOption.Type

/**
 * A required element: the record field (`product`, `issuer.contact` …), its label on the form,
 * the issuer types it applies to, and how serious its absence is.
 *
 * @example
 * import { Schema } from "effect"
 * import { Element } from "@nongan/certificates/Rules"
 * Schema.decodeUnknownSync(Element)({ field: "product", label: "产品名称", issuers: ["farmer"], severity: "violation",
 *   citation: { instrument: "x" }, verification: "secondary" })
 *
 * @since 0.1.0
 * @category models
 */
export const Element = Schema.Struct({
  field: Schema.String,
  label: Schema.String,
  issuers: Schema.Array(IssuerType),
  severity: Severity,
  /** the regional layer that added or tightened it (absent for national elements) */
  layer: Schema.optional(Schema.String),
  ...cited
}).annotations({ identifier: "Element" })
/** @since 0.1.0 @category models */
export type Element = typeof Element.Type

/**
 * A commitment template: its lines (in any order), lines that may be added, and the lead-in
 * sentences that may precede them (`我承诺生产销售的食用农产品`).
 *
 * @example
 * import { Schema } from "effect"
 * import { Template } from "@nongan/certificates/Rules"
 * Schema.decodeUnknownSync(Template)({ id: "style-1", issuers: ["farmer"], lines: ["a"], optionalLines: [], prefixes: [],
 *   citation: { instrument: "x" }, verification: "secondary" })
 *
 * @since 0.1.0
 * @category models
 */
export const Template = Schema.Struct({
  id: Schema.String,
  issuers: Schema.Array(IssuerType),
  lines: Schema.Array(Schema.String),
  optionalLines: Schema.Array(Schema.String),
  prefixes: Schema.Array(Schema.String),
  ...cited
}).annotations({ identifier: "Template" })
/** @since 0.1.0 @category models */
export type Template = typeof Template.Type

const Rule = Schema.Struct({ severity: Severity, note: Schema.optional(Schema.String), ...cited })

/**
 * One certificate regime: its period (and regions, for a pilot), elements, templates, basis
 * options, who must issue, retention, and the cross-checks it supports.
 *
 * @example
 * import { Regime } from "@nongan/certificates/Rules"
 * Regime.fields.id !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const Regime = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  effective: EffectivePeriod,
  /** how exact the start date is: `day`, or `month` / `year` when only those are sourced */
  precision: Schema.Literal("day", "month", "year"),
  regions: Schema.optional(Schema.Array(Schema.String)),
  note: Schema.optional(Schema.String),
  ...cited,
  elements: Schema.Array(Element),
  templates: Schema.Array(Template),
  textSeverity: Severity,
  basisOptions: Schema.Array(BasisOption),
  basisRequired: Schema.Boolean,
  basisSeverity: Severity,
  issuers: Schema.Struct({
    obliged: Schema.Array(IssuerType),
    encouraged: Schema.Array(IssuerType),
    reissueOnly: Schema.Array(IssuerType),
    /** set by a regional layer: a 规模生产者 of any producer type is obliged */
    scaleObliged: Schema.optional(Schema.Struct({ layer: Schema.String, ...cited })),
    ...cited
  }),
  retention: Schema.Array(
    Schema.Struct({
      role: Schema.Literal("issuer", "purchaser"),
      months: Schema.NullOr(Schema.Number),
      note: Schema.optional(Schema.String),
      ...cited
    })
  ),
  testingCoverage: Schema.NullOr(Rule),
  upstreamRequired: Schema.NullOr(Rule),
  qrTitle: Schema.NullOr(Schema.Struct({ text: Schema.String, ...cited }))
}).annotations({ identifier: "Regime" })
/** @since 0.1.0 @category models */
export type Regime = typeof Regime.Type

/**
 * A scope category (蔬菜, 水果 …): matched by the food catalogue's plant path, animal species path
 * and tissue, or by name; `live` matches a live animal (a species, not a tissue); `wildExcluded`
 * leaves wild products out.
 *
 * @example
 * import { ScopeCategory } from "@nongan/certificates/Rules"
 * ScopeCategory.fields.id !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const ScopeCategory = Schema.Struct({
  id: Schema.String,
  label: Schema.String,
  plantPath: Schema.optional(Schema.Array(Schema.String)),
  speciesPath: Schema.optional(Schema.Array(Schema.String)),
  tissues: Schema.optional(Schema.Array(Schema.String)),
  names: Schema.optional(Schema.Array(Schema.String)),
  live: Schema.optional(Schema.Boolean),
  wildExcluded: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "ScopeCategory" })
/** @since 0.1.0 @category models */
export type ScopeCategory = typeof ScopeCategory.Type

/**
 * The file `rules/certificates/national/certificate-rules.json` (kind `certificate-rules`).
 *
 * @example
 * import { CertificateRules } from "@nongan/certificates/Rules"
 * CertificateRules.fields.kind !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const CertificateRules = Schema.Struct({
  $schema: Schema.optional(Schema.String),
  kind: Schema.Literal("certificate-rules"),
  id: Schema.String,
  version: Schema.String,
  note: Schema.optional(Schema.String),
  regimes: Schema.Array(Regime),
  legacyBasis: Schema.Array(BasisOption),
  scope: Schema.Struct({
    categories: Schema.Array(ScopeCategory),
    byRegime: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) }),
    byRegimeCitations: Schema.optional(Schema.Record({ key: Schema.String, value: Citation })),
    note: Schema.optional(Schema.String),
    ...cited
  }),
  crossChecks: Schema.Struct({
    /** by the date of the certificate: the route for the certificate and for the product */
    falseCommitment: Schema.Array(
      Schema.Struct({
        effective: EffectivePeriod,
        effectiveNote: Schema.optional(Schema.String),
        certificate: Citation,
        certificateAlso: Schema.optional(Citation),
        banned: Citation,
        exceeds: Citation,
        verification: Verification
      })
    ),
    intervals: Schema.Array(Schema.Struct({ effective: EffectivePeriod, effectiveNote: Schema.optional(Schema.String), note: Schema.optional(Schema.String), ...cited })),
    dates: Schema.Struct({ ...cited })
  })
}).annotations({ identifier: "CertificateRules" })
/** @since 0.1.0 @category models */
export type CertificateRules = typeof CertificateRules.Type

const decodeSchema = decoder(CertificateRules)

/**
 * Decodes the certificate rules file; never throws.
 *
 * @example
 * import { decode } from "@nongan/certificates/Rules"
 * decode({ kind: "limit-table" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (u: unknown, path: Path = []): Result<CertificateRules, NonganError> => decodeSchema(u, path)

/**
 * The regime in force on a date in a region (a pilot regime applies only in its regions), or
 * `undefined` when none was.
 *
 * @example
 * import { regimeOn } from "@nongan/certificates/Rules"
 * regimeOn({ regimes: [] } as never, "2026-06-15", undefined) // undefined
 *
 * @since 0.1.0
 * @category rules
 */
export const regimeOn = (rules: Pick<CertificateRules, "regimes">, date: string, region: string | undefined): Regime | undefined =>
  rules.regimes.find(
    (r) => contains(r.effective, date) && (r.regions === undefined || (region !== undefined && r.regions.some((p) => inRegion(region, p))))
  )

/**
 * Whether a GB/T 2260 code lies within another (`500154` within `500000`).
 *
 * @example
 * import { inRegion } from "@nongan/certificates/Rules"
 * inRegion("330102", "330000") // true
 * inRegion("500154", "330000") // false
 *
 * @since 0.1.0
 * @category predicates
 */
export const inRegion = (code: string, ancestor: string): boolean => {
  if (ancestor === "000000" || code === ancestor) return true
  const stem = ancestor.replace(/0{2}$/, "").replace(/0{2}$/, "")
  return code.startsWith(stem)
}

/**
 * Reads a basis label under a regime: the option it is (in force), a legacy label's reading
 * (`legacy`), an option of another regime (`other-regime`: its meaning is known, but it was not
 * printed on forms of this date), or nothing (`unknown`).
 *
 * @example
 * import { readBasis } from "@nongan/certificates/Rules"
 * readBasis({ legacyBasis: [], regimes: [] }, { basisOptions: [] }, "x").kind // "unknown"
 *
 * @since 0.1.0
 * @category rules
 */
export const readBasis = (
  rules: Pick<CertificateRules, "legacyBasis" | "regimes">,
  regime: Pick<Regime, "basisOptions">,
  label: string
):
  | { readonly kind: "option" | "legacy" | "other-regime"; readonly option: BasisOption }
  | { readonly kind: "unknown" } => {
  const t = label.trim()
  const o = regime.basisOptions.find((b) => b.label === t)
  if (o) return { kind: "option", option: o }
  const l = rules.legacyBasis.find((b) => b.label === t)
  if (l) return { kind: "legacy", option: l }
  for (const r of rules.regimes) {
    const x = r.basisOptions.find((b) => b.label === t)
    if (x) return { kind: "other-regime", option: x }
  }
  return { kind: "unknown" }
}
