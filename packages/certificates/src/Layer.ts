import { Citation } from "@nongan/core/Citation"
import { decoder } from "@nongan/core/Decode"
import { contains, EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Severity } from "@nongan/core/Finding"
import { make, type NonganError, type Path } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"
import { IssuerType } from "./Certificate"
import { CoverageDefinition } from "./Coverage"
import { Element, inRegion, type Regime } from "./Rules"

/**
 * A regional certificate layer (kind `certificate-layer`): what a province, city or county adds to
 * the national certificate rules. It may add elements or raise their severity, oblige more issuer
 * types (or every 规模生产者), raise the severity of a wrong text or basis, lengthen retention,
 * and add coverage definitions. It may never loosen: {@link applyLayers} refuses a lower severity
 * or a shorter retention as `pack-loosens`, naming both layers.
 *
 * @example
 * import { CertificateLayer } from "@nongan/certificates/Layer"
 * CertificateLayer.fields.jurisdiction !== undefined // true
 *
 * @since 0.1.0
 * @category models
 */
export const CertificateLayer = Schema.Struct({
  $schema: Schema.optional(Schema.String),
  kind: Schema.Literal("certificate-layer"),
  id: Schema.String,
  jurisdiction: Schema.String,
  name: Schema.String,
  effective: EffectivePeriod,
  source: Citation,
  verification: Verification,
  note: Schema.optional(Schema.String),
  elements: Schema.optional(Schema.Array(Element)),
  obliged: Schema.optional(Schema.Array(IssuerType)),
  scaleObliged: Schema.optional(Schema.Struct({ citation: Citation, verification: Verification })),
  textSeverity: Schema.optional(Severity),
  basisSeverity: Schema.optional(Severity),
  retention: Schema.optional(Schema.Array(Schema.Struct({ role: Schema.Literal("issuer", "purchaser"), months: Schema.Number, citation: Citation, verification: Verification }))),
  coverageDefinitions: Schema.optional(Schema.Array(CoverageDefinition))
}).annotations({ identifier: "CertificateLayer" })
/** @since 0.1.0 @category models */
export type CertificateLayer = typeof CertificateLayer.Type

const decodeSchema = decoder(CertificateLayer)

/**
 * Decodes a certificate layer; never throws.
 *
 * @example
 * import { decode } from "@nongan/certificates/Layer"
 * decode({ kind: "rule-pack" }).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (u: unknown, path: Path = []): Result<CertificateLayer, NonganError> => decodeSchema(u, path)

const RANK: Record<Severity, number> = { info: 0, warning: 1, violation: 2, critical: 3 }

/**
 * The layers that apply to a region on a date, outermost (province) first.
 *
 * @example
 * import { layersFor } from "@nongan/certificates/Layer"
 * layersFor([], "330102", "2026-06-15").length // 0
 *
 * @since 0.1.0
 * @category combinators
 */
export const layersFor = (layers: ReadonlyArray<CertificateLayer>, region: string | undefined, date: string): ReadonlyArray<CertificateLayer> =>
  region === undefined
    ? []
    : layers
        .filter((l) => inRegion(region, l.jurisdiction) && contains(l.effective, date))
        .sort((a, b) => a.jurisdiction.replace(/0+$/, "").length - b.jurisdiction.replace(/0+$/, "").length)

/**
 * Applies layers (outermost first) over a regime: the effective, only tighter, regime — or
 * `pack-loosens` errors naming the layer, the layer it would loosen and the entry.
 *
 * @example
 * import { applyLayers } from "@nongan/certificates/Layer"
 * const r = { id: "x" } as never
 * applyLayers(r, []).ok // true
 *
 * @since 0.1.0
 * @category combinators
 */
export const applyLayers = (regime: Regime, layers: ReadonlyArray<CertificateLayer>): Result<Regime, NonganError> => {
  const errors: Array<NonganError> = []
  let cur = regime
  let parent = `national:${regime.id}`
  for (const l of layers) {
    const loosens = (name: string, detail: string) => errors.push(make("pack-loosens", [l.id], { layer: l.id, parent, name, detail }))
    const elements = [...cur.elements]
    for (const e of l.elements ?? []) {
      const i = elements.findIndex((x) => x.field === e.field)
      if (i < 0) elements.push({ ...e, layer: l.id })
      else {
        const x = elements[i]!
        if (RANK[e.severity] < RANK[x.severity]) loosens(e.field, `${e.severity} < ${x.severity}`)
        elements[i] = { ...e, severity: RANK[e.severity] >= RANK[x.severity] ? e.severity : x.severity, issuers: [...new Set([...x.issuers, ...e.issuers])], layer: l.id }
      }
    }
    const sev = (name: string, mine: Severity | undefined, theirs: Severity): Severity => {
      if (mine === undefined) return theirs
      if (RANK[mine] < RANK[theirs]) {
        loosens(name, `${mine} < ${theirs}`)
        return theirs
      }
      return mine
    }
    const retention = cur.retention.map((r) => {
      const mine = (l.retention ?? []).find((x) => x.role === r.role)
      if (!mine) return r
      if (r.months !== null && mine.months < r.months) {
        loosens(`retention.${r.role}`, `${mine.months} < ${r.months}`)
        return r
      }
      return { ...r, months: mine.months, citation: mine.citation, verification: mine.verification }
    })
    for (const m of l.retention ?? []) if (!retention.some((r) => r.role === m.role)) retention.push(m)
    cur = {
      ...cur,
      elements,
      textSeverity: sev("textSeverity", l.textSeverity, cur.textSeverity),
      basisSeverity: sev("basisSeverity", l.basisSeverity, cur.basisSeverity),
      retention,
      issuers: {
        ...cur.issuers,
        obliged: [...new Set([...cur.issuers.obliged, ...(l.obliged ?? [])])],
        encouraged: cur.issuers.encouraged.filter((t) => !(l.obliged ?? []).includes(t)),
        ...(l.scaleObliged ? { scaleObliged: { layer: l.id, ...l.scaleObliged } } : {})
      }
    }
    parent = l.id
  }
  return errors.length > 0 ? fail(...errors) : ok(cur)
}
