import type { PackRef } from "@nongan/core/Verdict"

// Ids of JSON values: two values get the same id when their JSON is the same (same keys in the
// same order, same values). A flat object of primitives is looked up through a trie of its keys
// and values (strings shared with the rule data keep their hash, so this costs a few Map
// lookups), anything else by its JSON text. A frozen object cannot change, so its id is also kept
// by identity: the validator's citations and pack references are the rule data's, frozen, and
// after their first batch cost one WeakMap lookup each.
class Fingerprints {
  size = 0
  private readonly trie = new Map<unknown, any>()
  private readonly byText = new Map<string, number>()
  private readonly byRef = new WeakMap<object, number>()
  private readonly end = Symbol("end")

  idOf(value: object): number {
    const known = this.byRef.get(value)
    if (known !== undefined) return known
    const id = this.lookup(value)
    if (Object.isFrozen(value)) this.byRef.set(value, id)
    return id
  }

  private lookup(value: object): number {
    let node = this.trie
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== null && typeof v === "object") {
        const text = JSON.stringify(value)
        let id = this.byText.get(text)
        if (id === undefined) this.byText.set(text, (id = this.size++))
        return id
      }
      if (v === undefined) continue // JSON leaves it out
      let next = node.get(k)
      if (next === undefined) node.set(k, (next = new Map()))
      let leaf = next.get(v)
      if (leaf === undefined) next.set(v, (leaf = new Map()))
      node = leaf
    }
    let id = node.get(this.end) as number | undefined
    if (id === undefined) node.set(this.end, (id = this.size++))
    return id
  }
}

// one set of ids for the process, so that the rule data's values are fingerprinted once; started
// again when values from elsewhere (callers' own objects) have grown it past a bound
const FINGERPRINTS_LIMIT = 100_000
let fingerprints = new Fingerprints()
const currentFingerprints = (): Fingerprints => (fingerprints.size > FINGERPRINTS_LIMIT ? (fingerprints = new Fingerprints()) : fingerprints)

// A table of distinct JSON values (equal when their JSON is), each given the index of its first
// occurrence.
export class Table<A extends object> {
  readonly values: Array<A> = []
  // the ids of one Fingerprints for the table's whole life
  private readonly fingerprints = currentFingerprints()
  private readonly byId = new Map<number, number>()

  indexOf(value: A): number {
    const id = this.fingerprints.idOf(value)
    let i = this.byId.get(id)
    if (i === undefined) this.byId.set(id, (i = this.values.length)), this.values.push(value)
    return i
  }
}

// The distinct lists of packs of a batch, each given the index of its first occurrence; a list is
// known by the indexes of its packs (a pack by its JSON, through a Table)
export class PackSets {
  readonly values: Array<ReadonlyArray<PackRef>> = []
  private readonly packs = new Table<PackRef>()
  private readonly byKey = new Map<string, number>()
  // the same array again (the validator may share one list between reports)
  private last: ReadonlyArray<PackRef> | undefined
  private lastIndex = -1

  indexOf(list: ReadonlyArray<PackRef>): number {
    if (list === this.last) return this.lastIndex
    let key = ""
    for (let j = 0; j < list.length; j++) key += `${j === 0 ? "" : ","}${this.packs.indexOf(list[j]!)}`
    let i = this.byKey.get(key)
    if (i === undefined) this.byKey.set(key, (i = this.values.length)), this.values.push(list)
    this.last = list
    this.lastIndex = i
    return i
  }
}
