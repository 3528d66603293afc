import type { CalendarDate } from "@nongan/core/CalendarDate"
import type { NonganError } from "@nongan/core/NonganError"
import { ok, type Result } from "@nongan/core/Result"
import type { RecordReport } from "@nongan/core/Verdict"
import type { FoodCatalogue } from "@nongan/foods/FoodCatalogue"
import { type Bundle, certificatesDir, loadBundle } from "./Files"
import { applyLayers, layersFor } from "./Layer"
import { type Judge, makeCertificateValidator } from "./Validate"

/**
 * The certificate door of a validator: loads the bundled (or given) certificate rules and
 * regional layers once, and validates certificate records with the validator's own judge for
 * their evidence. Used by `@nongan/sdk`'s `createValidator`; usable alone.
 *
 * @example
 * import type { CertificateDoor } from "@nongan/certificates/Door"
 * const f = (d: CertificateDoor) => d.bundle.rules.regimes.length
 *
 * @since 0.1.0
 * @category models
 */
export interface CertificateDoor {
  readonly bundle: Bundle
  validate(record: unknown, lookup?: (id: string) => unknown): Result<RecordReport, NonganError>
}

/**
 * Options of {@link makeDoor}.
 *
 * @example
 * import type { DoorOptions } from "@nongan/certificates/Door"
 * const o: DoorOptions = {}
 *
 * @since 0.1.0
 * @category models
 */
export interface DoorOptions {
  /** the rules directory holding `certificates/` (the SDK's `rulesDir`); defaults to the bundled one */
  readonly rulesDir?: string | undefined
  readonly foods?: FoodCatalogue | undefined
  readonly judge?: Judge | undefined
  /** region for certificates that carry none */
  readonly region?: string | undefined
  readonly judgedOn?: CalendarDate | undefined
}

/**
 * Makes the certificate door (loading errors are returned, never thrown).
 *
 * @example
 * import { makeDoor } from "@nongan/certificates/Door"
 * const d = makeDoor({ judgedOn: "2026-12-01" as never })
 * if (d.ok) d.value.validate({ id: "C", kind: "certificate", issuer: { type: "farmer" }, issuedOn: "2026-06-15" }).ok // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeDoor = (o: DoorOptions = {}): Result<CertificateDoor, NonganError> => {
  const b = loadBundle(certificatesDir(o.rulesDir))
  if (!b.ok) return b
  const bundle = b.value
  const v = makeCertificateValidator({
    rules: bundle.rules,
    foods: o.foods,
    judge: o.judge,
    judgedOn: o.judgedOn,
    regime: (national, c) => {
      const r = applyLayers(national, layersFor(bundle.layers, c.region, c.issuedOn))
      return r.ok ? r.value : national
    }
  })
  return ok({
    bundle,
    validate: (u, lookup) => {
      const rec =
        o.region !== undefined && typeof u === "object" && u !== null && !Array.isArray(u) && (u as { region?: unknown }).region === undefined
          ? { ...(u as object), region: o.region }
          : u
      return v.validate(rec, lookup)
    }
  })
}
