/**
 * Structural equality for loaded data (datasets, indexes): the first place where two values
 * differ, or `undefined` when they are the same. Stricter than a JSON comparison: prototypes
 * (classes), own property order, Map and Set entry order, `-0`, undefined-valued keys and
 * non-enumerable own properties all count; functions are compared by their source text (two
 * loads make distinct closures); cycles are followed once. Used to prove that the national-table
 * bundle loads exactly the dataset its sources load (scripts/build-rules-bundle.ts,
 * packages/engine/test/Bundle.test.ts).
 */
export const firstDifference = (a: unknown, b: unknown, path = "$"): string | undefined => {
  const seen = new WeakMap<object, WeakSet<object>>()
  const go = (x: unknown, y: unknown, at: string): string | undefined => {
    if (Object.is(x, y)) return undefined
    if (typeof x !== typeof y) return `${at}: ${typeof x} vs ${typeof y}`
    if (typeof x === "function") return String(x) === String(y) ? undefined : `${at}: functions differ`
    if (typeof x !== "object" || x === null || y === null) return `${at}: ${String(x).slice(0, 60)} vs ${String(y).slice(0, 60)}`
    const ox = x as object
    const oy = y as object
    let s = seen.get(ox)
    if (s?.has(oy)) return undefined
    if (!s) seen.set(ox, (s = new WeakSet()))
    s.add(oy)
    if (Object.getPrototypeOf(ox) !== Object.getPrototypeOf(oy)) return `${at}: prototypes differ (${ox.constructor?.name} vs ${oy.constructor?.name})`
    if (ox instanceof Map) {
      const ex = [...ox]
      const ey = [...(oy as Map<unknown, unknown>)]
      if (ex.length !== ey.length) return `${at}: Map of ${ex.length} vs ${ey.length}`
      for (let i = 0; i < ex.length; i++) {
        const d = go(ex[i]![0], ey[i]![0], `${at}.<key ${i}>`) ?? go(ex[i]![1], ey[i]![1], `${at}.get(${JSON.stringify(String(ex[i]![0])).slice(0, 60)})`)
        if (d) return d
      }
    } else if (ox instanceof Set) {
      const ex = [...ox]
      const ey = [...(oy as Set<unknown>)]
      if (ex.length !== ey.length) return `${at}: Set of ${ex.length} vs ${ey.length}`
      for (let i = 0; i < ex.length; i++) {
        const d = go(ex[i], ey[i], `${at}.<${i}>`)
        if (d) return d
      }
    } else if (ox instanceof Date) {
      if (ox.getTime() !== (oy as Date).getTime()) return `${at}: dates differ`
    }
    const kx = Reflect.ownKeys(ox)
    const ky = Reflect.ownKeys(oy)
    if (kx.length !== ky.length || kx.some((k, i) => k !== ky[i])) return `${at}: keys [${kx.map(String).join(",").slice(0, 200)}] vs [${ky.map(String).join(",").slice(0, 200)}]`
    for (const k of kx) {
      const d = go((ox as Record<PropertyKey, unknown>)[k], (oy as Record<PropertyKey, unknown>)[k], `${at}.${String(k)}`)
      if (d) return d
    }
    return undefined
  }
  return go(a, b, path)
}
