/**
 * CSV read row by row (RFC 4180: `,` between cells, `"…"` quoting with `""` for a quote, a line
 * break in a quoted cell kept) so that every physical line is accounted for: each row is its cells
 * or an `invalid-csv` error with the line it starts on, and reading goes on after a bad row.
 * A stray quote (`ab"c`), text after a closing quote (`"ab"c`) or a row over the length limit is an
 * error of that row, and the next line is read as a new row; a quote that never closes (by the end
 * of the input or within the limit) is an error of the row it opened in, and the lines after that
 * row are read again as rows, never swallowed into one cell. Line breaks may be LF, CRLF or CR; a
 * BOM at the start is dropped.
 *
 * @since 0.1.0
 */
import { make, type NonganError } from "@nongan/core/NonganError"

/**
 * One CSV row: the line it starts on (1-based) and its cells, or the error that makes it unreadable.
 *
 * @since 0.1.0
 * @category models
 */
export type CsvRow = { readonly row: number; readonly cells: ReadonlyArray<string> } | { readonly row: number; readonly error: NonganError }

/** Default longest row, in characters (as `--max-line` for JSON Lines). */
const MAX_ROW = 4 * 1024 * 1024

type Mode = "start" | "plain" | "quoted" | "closed" | "bad" | "gone"

const PLAIN = /[",\r\n]/g
const QUOTED = /["\r\n]/g
const BREAK = /[\r\n]/g

/**
 * A push reader: `feed` takes text as it arrives (any split), `end` finishes; both return the rows
 * completed so far.
 *
 * @example
 * import { csvReader } from "@nongan/cli/CsvRows"
 * const r = csvReader()
 * r.feed('id,value\nA,"0.0') // [{ row: 1, cells: ["id", "value"] }]
 * r.feed('1"\nB,x"y\nC,2\n') // [{ row: 2, cells: ["A", "0.01"] }, { row: 3, error: invalid-csv at row[3] }, { row: 4, cells: ["C", "2"] }]
 * r.end() // []
 *
 * @since 0.1.0
 * @category constructors
 */
export const csvReader = (maxRow: number = MAX_ROW): { feed(text: string): Array<CsvRow>; end(): Array<CsvRow> } => {
  let out: Array<CsvRow> = []
  let line = 1 // the line of the next character
  let rowStart = 1
  let cells: Array<string> = []
  let cell = ""
  let mode: Mode = "start"
  let detail = ""
  let size = 0 // characters of the current row
  let held = "" // the text since the opening quote of the quoted cell being read (read again if it never closes)
  let quoteLine = 0
  let cr = false // the last character was a CR: a LF right after it is the same line break
  let first = true

  const error = (row: number, d: string): CsvRow => ({ row, error: make("invalid-csv", ["row", row], { detail: d }) })
  const bad = (d: string) => {
    mode = "bad"
    detail = d
    cells = []
    cell = ""
    held = ""
  }
  const endRow = () => {
    if (mode === "bad") out.push(error(rowStart, detail))
    else if (mode !== "gone") out.push({ row: rowStart, cells: [...cells, cell] })
    cells = []
    cell = ""
    mode = "start"
    size = 0
    held = ""
  }
  /** The quote of the current cell never closed: an error of its row; returns the text to read again. */
  const unclosed = (why: string): string => {
    out.push(error(rowStart, `${why} (a quote opened on line ${quoteLine} never closes)`))
    const at = held.search(/[\r\n]/)
    const again = at < 0 ? "" : held.slice(at)
    // the line break that ends the quote's line ends the broken row (already reported)
    cells = []
    cell = ""
    held = ""
    size = 0
    mode = "gone"
    line = quoteLine
    cr = false
    return again
  }

  const scan = (input: string): void => {
    let i = 0
    if (first && input.length > 0) {
      first = false
      if (input.charCodeAt(0) === 0xfeff) i = 1
    }
    while (i < input.length) {
      const c = input[i]!
      const afterCr = cr
      cr = false
      if (mode === "quoted") {
        if (c === '"') {
          held += c
          size++
          mode = "closed"
          i++
        } else if (c === "\r" || c === "\n") {
          // a line break inside a quoted cell is kept; CRLF is one line
          cell += c
          held += c
          size++
          if (!(c === "\n" && afterCr)) line++
          cr = c === "\r"
          i++
        } else {
          QUOTED.lastIndex = i
          const j = QUOTED.exec(input)?.index ?? input.length
          const run = input.slice(i, j)
          cell += run
          held += run
          size += j - i
          i = j
        }
        if (size > maxRow) {
          input = unclosed(`a quoted cell over ${maxRow} characters`) + input.slice(i)
          i = 0
        }
        continue
      }
      if (c === "\r" || c === "\n") {
        i++
        // the LF of a CRLF ends nothing more
        if (c === "\n" && afterCr) continue
        endRow()
        line++
        rowStart = line
        cr = c === "\r"
        continue
      }
      if (mode === "start" && size === 0 && cells.length === 0) {
        // a whole line with no quote, at the start of a row: its cells at once
        BREAK.lastIndex = i
        const j = BREAK.exec(input)?.index
        if (j !== undefined && j - i <= maxRow) {
          const text = input.slice(i, j)
          if (!text.includes('"')) {
            out.push({ row: rowStart, cells: text.split(",") })
            line++
            rowStart = line
            cr = input[j] === "\r"
            i = j + 1
            continue
          }
        }
      }
      if (mode === "bad" || mode === "gone") {
        // the rest of a broken row, up to its line break
        BREAK.lastIndex = i
        i = BREAK.exec(input)?.index ?? input.length
        continue
      }
      if (++size > maxRow) {
        bad(`row over ${maxRow} characters`)
        continue
      }
      i++
      if (c === ",") {
        cells.push(cell)
        cell = ""
        held = ""
        mode = "start"
      } else if (mode === "closed") {
        // "" inside a quoted cell is one quote
        if (c === '"') {
          cell += c
          held += c
          mode = "quoted"
        } else bad(`text after the closing quote of cell ${cells.length + 1}`)
      } else if (c === '"') {
        if (mode === "start") {
          mode = "quoted"
          quoteLine = line
          held = c
        } else bad(`a quote inside unquoted cell ${cells.length + 1}`)
      } else {
        // an unquoted run of text up to the next special character
        PLAIN.lastIndex = i
        const j = PLAIN.exec(input)?.index ?? input.length
        cell += c + input.slice(i, j)
        size += j - i
        mode = "plain"
        i = j
        if (size > maxRow) bad(`row over ${maxRow} characters`)
      }
    }
  }

  const take = (): Array<CsvRow> => {
    const done = out
    out = []
    return done
  }
  return {
    feed(text) {
      scan(text)
      return take()
    },
    end() {
      // a quote still open at the end: its row is an error, the lines after it are read again
      while (mode === "quoted") scan(unclosed("unclosed quote"))
      if (size > 0 || cells.length > 0 || mode === "closed" || mode === "bad") endRow()
      return take()
    }
  }
}

/**
 * The rows of a CSV text stream (see {@link csvReader}).
 *
 * @example
 * import { csvRows } from "@nongan/cli/CsvRows"
 * import { Readable } from "node:stream"
 * const rows = csvRows(Readable.from(["id,value\n", "A,0.01\n"]))
 *
 * @since 0.1.0
 * @category constructors
 */
export async function* csvRows(source: AsyncIterable<string | Uint8Array>, maxRow: number = MAX_ROW): AsyncGenerator<CsvRow> {
  const reader = csvReader(maxRow)
  const utf8 = new TextDecoder("utf-8")
  for await (const chunk of source) yield* reader.feed(typeof chunk === "string" ? chunk : utf8.decode(chunk, { stream: true }))
  const tail = utf8.decode()
  if (tail !== "") yield* reader.feed(tail)
  yield* reader.end()
}
