import { Citation } from "@nongan/core/Citation"
import { EffectivePeriod } from "@nongan/core/EffectivePeriod"
import { Verification } from "@nongan/core/Verification"
import { Schema } from "effect"

/** The fields an interval file carries besides its kind and rows (shared by withdrawal and PHI tables). */
export const fileHeader = {
  id: Schema.NonEmptyTrimmedString,
  title: Schema.optional(Schema.String),
  effective: Schema.optional(EffectivePeriod),
  citation: Schema.optional(Citation),
  verification: Schema.optional(Verification),
  coverage: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Number })),
  note: Schema.optional(Schema.String)
}
