import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client"

/**
 * The service's Prometheus metrics: request counts and durations per route and status, records
 * judged per outcome, and the process's default metrics; one registry per server.
 *
 * @since 0.1.0
 * @category models
 */
export interface Metrics {
  readonly registry: Registry
  readonly requests: Counter<"method" | "route" | "status">
  readonly duration: Histogram<"route">
  readonly records: Counter<"outcome">
  /**
   * Counts one answered request and observes its duration. The count is summed in place and
   * added to `requests` when the registry is read (a scrape), which spares every request
   * prom-client's label hashing; the duration goes to `duration` at once.
   */
  readonly request: (method: string, route: string, status: number, seconds: number) => void
  /** Counts records judged with an outcome, summed in place and added to `records` at a scrape. */
  readonly judged: (outcome: "compliant" | "non-compliant" | "indeterminate" | "malformed", n?: number) => void
}

/**
 * Makes the metrics of one server.
 *
 * @example
 * import { makeMetrics } from "@nongan/server/Metrics"
 * const m = makeMetrics()
 * m.records.inc({ outcome: "compliant" })
 * m.judged("compliant", 2) // added to nongan_records_total at the next scrape
 * m.request("POST", "/v1/validate", 200, 0.002)
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: "nongan_" })
  // counts not yet added to their counter, by label values
  const pendingRequests = new Map<string, { labels: { method: string; route: string; status: number }; n: number }>()
  const pendingRecords = new Map<string, number>()
  const requests: Counter<"method" | "route" | "status"> = new Counter({
    name: "nongan_http_requests_total",
    help: "HTTP requests",
    labelNames: ["method", "route", "status"],
    registers: [registry],
    collect() {
      for (const p of pendingRequests.values()) if (p.n > 0) requests.inc(p.labels, p.n), (p.n = 0)
    }
  })
  const records: Counter<"outcome"> = new Counter({
    name: "nongan_records_total",
    help: "records judged, by outcome",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      for (const [outcome, n] of pendingRecords) if (n > 0) records.inc({ outcome }, n), pendingRecords.set(outcome, 0)
    }
  })
  const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]
  const bucketKeys = buckets.map(String)
  const duration = new Histogram({
    name: "nongan_http_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["route"],
    buckets,
    registers: [registry]
  })
  // A route's observations are added to the histogram's own entry for the route, as prom-client's
  // `observe` does, without re-reading and hashing the labels at every request (about 5 % of a
  // single-record request). The entry is found after the route's first `observe`, and checked at
  // every use: when prom-client's internals are not the expected ones, or the entry was replaced
  // (a reset), `observe` is used.
  interface Entry {
    bucketValues: Record<string, number>
    sum: number
    count: number
    labels?: Record<string, unknown>
  }
  const internal = duration as unknown as { hashMap?: Record<string, Entry> }
  const byRoute = new Map<string, { map: Record<string, Entry>; key: string; entry: Entry } | null>()
  const observe = (route: string, seconds: number) => {
    const known = byRoute.get(route)
    if (known === null) return void duration.observe({ route }, seconds)
    if (known !== undefined && internal.hashMap === known.map && known.map[known.key] === known.entry) {
      const e = known.entry
      for (let i = 0; i < buckets.length; i++)
        if (seconds <= buckets[i]!) {
          e.bucketValues[bucketKeys[i]!]! += 1
          break
        }
      e.sum += seconds
      e.count += 1
      return
    }
    duration.observe({ route }, seconds)
    const map = internal.hashMap
    const found = map === undefined ? undefined : Object.entries(map).find(([, e]) => e?.labels?.route === route)
    const usable =
      found !== undefined &&
      typeof found[1].sum === "number" &&
      typeof found[1].count === "number" &&
      bucketKeys.every((k) => typeof found[1].bucketValues?.[k] === "number")
    byRoute.set(route, usable ? { map: map!, key: found[0], entry: found[1] } : null)
  }
  return {
    registry,
    requests,
    duration,
    records,
    request: (method, route, status, seconds) => {
      const key = `${method} ${status} ${route}`
      const p = pendingRequests.get(key)
      if (p) p.n++
      else pendingRequests.set(key, { labels: { method, route, status }, n: 1 })
      observe(route, seconds)
    },
    judged: (outcome, n = 1) => void pendingRecords.set(outcome, (pendingRecords.get(outcome) ?? 0) + n)
  }
}
