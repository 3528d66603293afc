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
}

/**
 * Makes the metrics of one server.
 *
 * @example
 * import { makeMetrics } from "@nongan/server/Metrics"
 * const m = makeMetrics()
 * m.records.inc({ outcome: "compliant" })
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: "nongan_" })
  return {
    registry,
    requests: new Counter({ name: "nongan_http_requests_total", help: "HTTP requests", labelNames: ["method", "route", "status"], registers: [registry] }),
    duration: new Histogram({
      name: "nongan_http_request_duration_seconds",
      help: "HTTP request duration",
      labelNames: ["route"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry]
    }),
    records: new Counter({ name: "nongan_records_total", help: "records judged, by outcome", labelNames: ["outcome"], registers: [registry] })
  }
}
