/**
 * The records of `nongan check` that a later certificate may name as evidence (by id), kept
 * compact: the first record of each id among the most recent 100 000 ids (`EVIDENCE_WINDOW`, the
 * same records as `validateMany` and `@nongan/sdk/EvidenceWindow` keep), each as the UTF-8 bytes
 * of its JSON line, read again only when a certificate asks for it (rare). The bytes are copied
 * into large slabs, in order, so that the window is a few allocations rather than one per record:
 * a kept parsed record (an object graph several times the size of its line), a kept line (a slice
 * of the chunk it was read from keeps the whole chunk alive) or a buffer per line (an object and
 * an external allocation each, freed only by a full collection) made the heap grow with the
 * input's length. The oldest ids leave first, so a slab is free once its last line has left, and
 * is filled again (never freed and allocated anew: its memory would wait for a full collection).
 * Items of JSON, CSV and XLSX input (read whole, or grouped by id, before the first is judged) are
 * kept as they are: they are in memory anyway. The in-process path (`--jobs 1`) and the main
 * thread of `--jobs N` keep the same store, so both find the same records.
 *
 * @since 0.5.0
 */
import { EVIDENCE_WINDOW } from "@nongan/sdk/EvidenceWindow"
import { withRegion } from "./CheckRecord"
import type { Unit } from "./CheckSource"
import { lineItem } from "./CheckLines"
import type { Limits } from "./Input"

/**
 * The records remembered for certificates: `remember` a judged unit under its record's id (the
 * first unit of each id is kept; past the bound, the oldest id leaves), `lookup` an id (the
 * record as judged, `--region` applied; undefined when the id is not in the window).
 *
 * @since 0.5.0
 * @category models
 */
export interface EvidenceStore {
  readonly remember: (id: string, unit: Unit) => void
  readonly lookup: (id: string) => unknown
  readonly size: () => number
  /** the bytes of the slabs held, spare ones included (for tests and measurements) */
  readonly slabBytes: () => number
}

/**
 * The size of one slab of line bytes (a longer line has a slab of its own).
 *
 * @example
 * import { SLAB_BYTES } from "@nongan/cli/CheckEvidence"
 * SLAB_BYTES // 1048576
 *
 * @since 0.5.0
 * @category models
 */
export const SLAB_BYTES = 1 << 20

/**
 * An evidence store of at most `max` ids (default `EVIDENCE_WINDOW`, 100 000); `limits` are those
 * the lines were read with (a line remembered was read as a record under them, and is again);
 * `slab` the size of a slab (default {@link SLAB_BYTES}).
 *
 * @example
 * import { evidenceStore } from "@nongan/cli/CheckEvidence"
 * const s = evidenceStore({ limits: {}, region: "500154" })
 * s.remember("a", { line: '{"id":"a","region":"110101"}', n: 1 })
 * s.lookup("a") // { id: "a", region: "500154" }
 * s.lookup("b") // undefined
 *
 * @since 0.5.0
 * @category constructors
 */
export const evidenceStore = (o: { readonly limits: Limits; readonly region: string | undefined; readonly max?: number | undefined; readonly slab?: number | undefined }): EvidenceStore => {
  const max = o.max ?? EVIDENCE_WINDOW
  const slabSize = o.slab ?? SLAB_BYTES
  // id → the sequence number of its entry; entry s lives at s % max of the rings below
  const seqOf = new Map<string, number>()
  const ids = new Array<string>(max)
  const slabOf = new Float64Array(max)
  const offsetOf = new Int32Array(max)
  // the line's length in bytes, or -1 for an item (its record in `records`)
  const lengthOf = new Int32Array(max)
  const records = new Map<number, unknown>()
  // the slabs still holding a kept line, by number (numbers only grow), with how many they hold
  const slabs = new Map<number, { readonly bytes: Buffer; live: number }>()
  // slabs of the standard size whose lines have all left, to be filled again: a slab dropped would
  // be freed only by the next full collection (its object was promoted long before)
  const spare: Array<Buffer> = []
  let slabNo = -1
  let used = 0
  let next = 0
  let held = 0
  const place = (line: string, k: number) => {
    const len = Buffer.byteLength(line, "utf8")
    let slab = slabs.get(slabNo)
    if (slab === undefined || used + len > slab.bytes.length) {
      // the slab filled so far is dropped with its last kept line (at once when it holds none)
      if (slab !== undefined && slab.live === 0) drop(slabNo)
      const bytes = len <= slabSize ? spare.pop() : undefined
      slab = { bytes: bytes ?? Buffer.allocUnsafeSlow(Math.max(slabSize, len)), live: 0 }
      slabs.set(++slabNo, slab)
      if (bytes === undefined) held += slab.bytes.length
      used = 0
    }
    slab.bytes.write(line, used, len, "utf8")
    slab.live++
    slabOf[k] = slabNo
    offsetOf[k] = used
    lengthOf[k] = len
    used += len
  }
  const drop = (n: number) => {
    const bytes = slabs.get(n)!.bytes
    slabs.delete(n)
    if (bytes.length === slabSize && spare.length < 2) spare.push(bytes)
    else held -= bytes.length
  }
  // the entry of sequence number s (in slot k) leaves the window
  const leave = (s: number, k: number) => {
    seqOf.delete(ids[k]!)
    if (lengthOf[k] === -1) records.delete(s)
    else {
      const n = slabOf[k]!
      const slab = slabs.get(n)!
      if (--slab.live === 0 && n !== slabNo) drop(n)
    }
  }
  return {
    remember: (id, u) => {
      if (seqOf.has(id)) return
      const s = next++
      const k = s % max
      // the window is full: the oldest entry, in the slot this one takes, leaves first
      if (s >= max) leave(s - max, k)
      ids[k] = id
      seqOf.set(id, s)
      if ("line" in u) place(u.line, k)
      else {
        lengthOf[k] = -1
        records.set(s, "record" in u.item ? u.item.record : undefined)
      }
    },
    lookup: (id) => {
      const s = seqOf.get(id)
      if (s === undefined) return undefined
      const k = s % max
      if (lengthOf[k] === -1) return withRegion(o.region, records.get(s))
      const text = slabs.get(slabOf[k]!)!.bytes.toString("utf8", offsetOf[k]!, offsetOf[k]! + lengthOf[k]!)
      const item = lineItem(text, 0, o.limits)
      return "record" in item ? withRegion(o.region, item.record) : undefined
    },
    size: () => seqOf.size,
    slabBytes: () => held
  }
}
