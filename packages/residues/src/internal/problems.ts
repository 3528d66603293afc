// Findings about the record as written rather than about a residue: an analyte that could not be
// read, the same analyte reported twice, a name that disagrees with the residue definition held,
// and the `read` note of how names and values were read. Built once per record, never per
// judgement (judgeAnalyte is the hot path).
import type { Citation } from "@nongan/core/Citation"
import type { Finding } from "@nongan/core/Finding"
import { toJson } from "@nongan/core/Messages"
import { changed, type NameReading } from "@nongan/core/NameReading"
import { formatPath, type NonganError } from "@nongan/core/NonganError"
import type { Verification } from "@nongan/core/Verification"
import type { Substance } from "@nongan/substances/SubstanceCatalogue"

/** How the names and the value of one analyte were read, when a reading changed anything. */
export type ReadNote = NonNullable<Finding["read"]>

/** The `read` note of an analyte: only the readings that changed a name, and a value read from a non-canonical form. */
export const readNote = (product: NameReading | undefined, substance: NameReading | undefined, value: string | undefined): ReadNote | undefined => {
  const p = product !== undefined && changed(product) ? product : undefined
  const s = substance !== undefined && changed(substance) ? substance : undefined
  if (p === undefined && s === undefined && value === undefined) return undefined
  const out: { product?: NameReading; substance?: NameReading; value?: string } = {}
  if (p) out.product = p
  if (s) out.substance = s
  if (value !== undefined) out.value = value
  return out
}

/** An analyte that could not be read: a warning carrying the error with its path (rendered in zh-CN; the SDK renders it in its locale). */
export const unreadable = (e: NonganError, food: string, written: string, substance: string | undefined, read: ReadNote | undefined): Finding => ({
  code: "analyte.unreadable",
  outcome: "unreadable",
  severity: "warning",
  ...(substance !== undefined ? { substance } : {}),
  food,
  values: { written, path: formatPath(e.path.slice(0, 2)) },
  ...(read ? { read } : {}),
  error: toJson(e)
})

/** The same analyte (by catalogue id) reported at more than one index of `results`. */
export const duplicate = (substance: string, food: string, indices: ReadonlyArray<number>): Finding => ({
  code: "analyte.duplicate",
  outcome: "duplicate-analyte",
  severity: "warning",
  substance,
  food,
  values: { paths: indices.map((i) => `results[${i}]`) }
})

/** A `mismatch` step of a substance reading: the name as written disagrees with the residue definition held; cited to that definition. */
export const mismatches = (s: Substance, food: string, reading: NameReading, read: ReadNote | undefined): ReadonlyArray<Finding> =>
  reading.steps
    .filter((step) => step.kind === "mismatch")
    .map((step): Finding => {
      const citation: Citation | undefined = s.residueDefinition?.citation ?? s.citation
      const verification: Verification | undefined = s.residueDefinition?.verification ?? s.verification
      return {
        code: "analyte.definition-mismatch",
        outcome: "definition-mismatch",
        severity: "warning",
        substance: s.id,
        food,
        ...(citation ? { source: citation.instrument, citation } : {}),
        ...(citation && verification ? { verification } : {}),
        values: {
          written: reading.written,
          ...(s.residueDefinition?.text !== undefined ? { definition: s.residueDefinition.text } : {}),
          ...(step.note !== undefined ? { note: step.note } : {}),
          from: step.from,
          to: step.to
        },
        ...(read ? { read } : {})
      }
    })
