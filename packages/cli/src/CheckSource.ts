/**
 * The input of `nongan check --jobs N` as units for the workers: JSON Lines as raw lines with
 * their numbers (blank lines skipped; the workers read them), other formats (JSON, CSV, XLSX,
 * which must be read whole or grouped by id) as the items `Input.ts` reads. Files are read in
 * order, through the same `open` as `readInputs`, with the same reporting of files that cannot
 * be opened or read; the generator is pulled, so input is read only as fast as it is judged.
 *
 * @since 0.2.0
 */
import { isBlankLine } from "./CheckLines"
import { type InputItem, type InputOptions, readFiles, readRecords } from "./Input"
import { splitLines } from "./LineSplit"

/**
 * One unit of input: a non-blank JSON line and its number, or an item read on the main thread.
 *
 * @since 0.2.0
 * @category models
 */
export type Unit = { readonly line: string; readonly n: number } | { readonly item: InputItem }

/**
 * The units of the inputs, in order, with their total size and the bytes read so far (as
 * `readInputs`).
 *
 * @example
 * import { readUnits } from "@nongan/cli/CheckSource"
 * const r = readUnits({ files: ["/no/such/file.jsonl"], onOpenError: () => {} })
 * typeof r.bytesRead() // "number"
 *
 * @since 0.2.0
 * @category constructors
 */
export const readUnits = (o: InputOptions): { readonly units: AsyncGenerator<Unit>; readonly size: number | undefined; readonly bytesRead: () => number } => {
  const r = readFiles(o, async function* (opened): AsyncGenerator<Unit> {
    if (opened.format === "jsonl") {
      let n = 0
      // pulled one line at a time (never read far ahead: LineSplit), cut as readline cuts them
      for await (const line of splitLines(opened.stream as AsyncIterable<string>)) {
        n++
        if (!isBlankLine(line)) yield { line, n }
      }
    } else for await (const item of readRecords(opened.stream, opened.format, o.stats, o.sheet, o.limits)) yield { item }
  })
  return { units: r.read, size: r.size, bytesRead: r.bytesRead }
}
