import { randomUUID } from "node:crypto"
import { readFile } from "node:fs/promises"
import { extname, resolve, sep } from "node:path"
import { createInterface } from "node:readline"
import { PassThrough, type Readable } from "node:stream"
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify"
import { parseJsonLossless } from "@nongan/core/Json"
import { type Locale, toJson } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { fail, ok, type Result } from "@nongan/core/Result"
import { emptySummary, type Summary } from "@nongan/core/Verdict"
import { dataVersion } from "@nongan/sdk/Packs"
import { createValidator, type Validator, type ValidatorOptions } from "@nongan/sdk/Validator"
import { shareCitations } from "./Citations"
import { compactBatchBytes, makeCompactor } from "./CompactView"
import { count, decide, decideAll } from "./Decide"
import { type DecisionLog, openDecisionLog } from "./DecisionLog"
import { fromAcceptLanguage, httpMessage } from "./Language"
import * as Lookups from "./Lookups"
import { makeMetrics } from "./Metrics"
import { openApi } from "./OpenApi"
import { referencePage } from "./ReferencePage"
import { JSON_TYPE, jsonBytes } from "./Wire"

/**
 * Options of {@link buildServer}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerOptions {
  /** Options of the SDK validator (extra packs, decision rule, default region…); `locale` is taken per request. */
  readonly validator?: Omit<ValidatorOptions, "locale">
  /** Largest request body, in bytes (default 10 MiB). */
  readonly bodyLimit?: number
  /** Most records in a JSON batch (default 10 000). */
  readonly maxBatch?: number
  /** Most records in an NDJSON stream (default 1 000 000); longest NDJSON line is `bodyLimit`. */
  readonly maxStreamRecords?: number
  /** Time allowed for a whole request, in ms (default 30 000). */
  readonly requestTimeout?: number
  /** A file to append decisions to as JSON lines. */
  readonly decisionLog?: string
  /** pino log level (default `info`; `silent` for none). */
  readonly logLevel?: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent"
  /** A pino destination stream for logs (default stdout). */
  readonly logStream?: NodeJS.WritableStream
  /** A folder served as static files under `/web/` (the built browser page, `examples/web/dist`). */
  readonly webDir?: string
}

type Reply = FastifyReply
const CONTEXT = Symbol("nongan")

interface Context {
  readonly validators: Record<Locale, Validator>
  readonly log: DecisionLog | undefined
}

const localeOf = (req: FastifyRequest): Locale => fromAcceptLanguage(req.headers["accept-language"])

const httpError = (reply: Reply, status: number, code: string, locale: Locale, params: Record<string, string | number> = {}) =>
  reply.code(status).send({ error: { code, path: "", message: httpMessage(code, locale, params), params } })

const libraryError = (reply: Reply, status: number, errors: ReadonlyArray<NonganError>, locale: Locale) =>
  reply.code(status).send({ error: toJson(errors[0]!, locale), errors: errors.map((e) => toJson(e, locale)) })

// Whether JSON text may hold a number that a double does not hold exactly (what
// `parseJsonLossless` keeps as the string of its digits): a run of 16 or more digits and points
// (more than 15 significant digits, or a magnitude beyond 1e±307 written out), or an exponent
// after a digit. Never false for such a number; true for some texts without one (they are then
// read by the exact reader, which gives the same values).
const mayBeInexact = (text: string): boolean => {
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 48 && c <= 57) || c === 46) {
      if (++run >= 16) return true
    } else {
      if ((c === 101 || c === 69) && run > 0) return true
      run = 0
    }
  }
  return false
}

// JSON text read as the CLI reads it (`parseJsonLossless`: a number a double cannot hold exactly
// stays the string of its digits), at `JSON.parse`'s cost when the text has no such number.
// Throws JSON.parse's SyntaxError on invalid text.
const readJsonText = (text: string): unknown => {
  const value: unknown = JSON.parse(text)
  if (!mayBeInexact(text)) return value
  const exact = parseJsonLossless(text)
  return exact.ok ? exact.value : value
}

// what Fastify's own JSON reader must look at: an empty body (its error), and the keys it
// refuses (`__proto__`, `constructor`, also written with \u escapes)
const suspect = (text: string): boolean => text.length === 0 || text.includes("__proto__") || text.includes("constructor") || text.includes("\\u")

// Fastify gives every request a child logger bound to its request id; making a pino child costs
// a few µs a request, so this one makes it only when the request logs something
type LogArgs = Parameters<FastifyBaseLogger["info"]>
class LazyChildLogger {
  #real: FastifyBaseLogger | undefined
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly own: Record<string, unknown>,
    private readonly options: Record<string, unknown>
  ) {}
  get real(): FastifyBaseLogger {
    return (this.#real ??= this.parent.child(this.own, this.options))
  }
  get level(): string {
    return this.real.level
  }
  set level(level: string) {
    this.real.level = level
  }
  fatal(...a: LogArgs) {
    this.real.fatal(...a)
  }
  error(...a: LogArgs) {
    this.real.error(...a)
  }
  warn(...a: LogArgs) {
    this.real.warn(...a)
  }
  info(...a: LogArgs) {
    this.real.info(...a)
  }
  debug(...a: LogArgs) {
    this.real.debug(...a)
  }
  trace(...a: LogArgs) {
    this.real.trace(...a)
  }
  silent(...a: LogArgs) {
    this.real.silent(...a)
  }
  child(bindings: Record<string, unknown>, options?: Record<string, unknown>): FastifyBaseLogger {
    return this.real.child(bindings, options)
  }
  isLevelEnabled(level: string): boolean {
    return (this.real as unknown as { isLevelEnabled(l: string): boolean }).isLevelEnabled(level)
  }
  bindings(): Record<string, unknown> {
    return (this.real as unknown as { bindings(): Record<string, unknown> }).bindings()
  }
}

const ndjson = async (
  ctx: Context,
  locale: Locale,
  body: Readable,
  out: PassThrough,
  limits: { readonly maxRecords: number; readonly maxLine: number },
  view: View
): Promise<Summary> => {
  const validator = ctx.validators[locale]
  const summary = emptySummary()
  // the compact view: each item compacted, preceded by a table line when it refers to a citation
  // or list of packs not sent before
  const compactor = view === "compact" ? makeCompactor() : undefined
  let buffer: Array<string> = []
  let scheduled = false
  // items go out as soon as the lines read so far are judged (and at least every 256 items)
  const send = () => {
    scheduled = false
    if (buffer.length === 0) return
    out.write(buffer.join(""))
    buffer = []
  }
  const flush = async () => {
    send()
    if (out.writableNeedDrain) await new Promise<void>((r) => out.once("drain", r))
  }
  const later = () => {
    if (!scheduled) (scheduled = true), setImmediate(send)
  }
  let line = 0
  try {
    for await (const text of createInterface({ input: body, crlfDelay: Infinity })) {
      line++
      if (text.trim() === "") continue
      if (summary.records >= limits.maxRecords) {
        buffer.push(`${JSON.stringify({ error: { code: "batch-too-large", path: `line ${line}`, message: httpMessage("batch-too-large", locale, { limit: limits.maxRecords }) } })}\n`)
        body.resume()
        break
      }
      let item
      if (text.length > limits.maxLine) {
        item = decideFailure(make("invalid-value", [`line ${line}`], { expected: [`≤ ${limits.maxLine} characters`] }), locale)
      } else {
        let record: unknown
        try {
          record = readJsonText(text)
        } catch (e) {
          item = decideFailure(make("invalid-json", [`line ${line}`], { detail: (e as Error).message }), locale)
        }
        item ??= decide(validator, record, ctx.log)
      }
      count(summary, item)
      if (compactor === undefined) buffer.push(`${JSON.stringify(item)}\n`)
      else {
        const compact = compactor.item(item)
        const tables = compactor.take()
        if (tables !== undefined) buffer.push(`${JSON.stringify(tables)}\n`)
        buffer.push(`${JSON.stringify(compact)}\n`)
      }
      if (buffer.length >= 256) await flush()
      else later()
    }
  } catch {
    buffer.push(`${JSON.stringify({ error: { code: "io", path: "", message: httpMessage("internal", locale) } })}\n`)
  }
  buffer.push(`${JSON.stringify({ summary })}\n`)
  await flush()
  out.end()
  return summary
}

type View = "full" | "compact"

const decideFailure = (e: NonganError, locale: Locale) => ({ id: null, error: toJson(e, locale), decisionId: randomUUID() })

/**
 * Builds the Fastify service over the SDK's validator (two, one per message language, sharing
 * the dataset): the routes of the OpenAPI document, typed errors, limits, metrics, and the
 * decision log. Returns the loading errors instead of throwing when the rule data or an extra
 * pack is invalid. Call `listen` on the result; `close` finishes requests in flight.
 *
 * @example
 * import { buildServer } from "@nongan/server/Server"
 * const s = buildServer({ logLevel: "silent" })
 * if (s.ok) {
 *   // await s.value.listen({ host: "127.0.0.1", port: 8080 })
 *   const r = await s.value.inject({ method: "GET", url: "/healthz" })
 *   r.statusCode // 200
 *   await s.value.close()
 * }
 *
 * @since 0.1.0
 * @category constructors
 */
export const buildServer = (options: ServerOptions = {}): Result<FastifyInstance, NonganError> => {
  const zh = createValidator({ ...options.validator, locale: "zh-CN" })
  if (!zh.ok) return zh
  const en = createValidator({ ...options.validator, dataset: zh.value.dataset, locale: "en" })
  if (!en.ok) return fail(...en.errors)
  const ctx: Context = {
    validators: { "zh-CN": zh.value, en: en.value },
    log: options.decisionLog === undefined ? undefined : openDecisionLog(options.decisionLog)
  }
  const bodyLimit = options.bodyLimit ?? 10 * 1024 * 1024
  const maxBatch = options.maxBatch ?? 10_000
  const maxStreamRecords = options.maxStreamRecords ?? 1_000_000
  const level = options.logLevel ?? "info"
  const app = Fastify({
    logger: level === "silent" ? false : { level, ...(options.logStream ? { stream: options.logStream } : {}) },
    logController: new LogController({ disableRequestLogging: level !== "debug" && level !== "trace" }),
    childLoggerFactory: (logger, bindings, options) => new LazyChildLogger(logger, bindings, options as Record<string, unknown>) as unknown as FastifyBaseLogger,
    bodyLimit,
    requestTimeout: options.requestTimeout ?? 30_000,
    connectionTimeout: options.requestTimeout ?? 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error"
  })
  ;(app as unknown as Record<symbol, Context>)[CONTEXT] = ctx
  const metrics = makeMetrics()
  const recordSummary = (s: Summary) => {
    if (s.compliant) metrics.judged("compliant", s.compliant)
    if (s.nonCompliant) metrics.judged("non-compliant", s.nonCompliant)
    if (s.indeterminate) metrics.judged("indeterminate", s.indeterminate)
    if (s.malformed) metrics.judged("malformed", s.malformed)
  }
  const composition = zh.value.composition
  const layers = [...composition.layers.values()].flat()
  const doc = JSON.stringify(openApi(dataVersion()))
  const page = referencePage()
  let closing = false

  app.removeContentTypeParser("text/plain")
  app.addContentTypeParser("application/x-ndjson", (_req, payload, done) => done(null, payload))
  // JSON bodies: read as the CLI reads them (exact numbers); Fastify's own reader (with its
  // prototype-poisoning checks and its errors) for an empty body, a text that has one of the keys
  // it refuses, or invalid JSON
  const fastifyJson = app.getDefaultJsonParser("error", "error")
  app.removeContentTypeParser("application/json")
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
    const text = body as string
    const byFastify = () =>
      fastifyJson(req, text, (err: Error | null, value?: unknown) => {
        if (err) return done(err, undefined)
        // what Fastify read (a byte-order mark dropped), with its numbers exact
        const exact = mayBeInexact(text) ? parseJsonLossless(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : undefined
        done(null, exact?.ok ? exact.value : value)
      })
    if (suspect(text)) return byFastify()
    let value: unknown
    try {
      value = readJsonText(text)
    } catch {
      return byFastify()
    }
    done(null, value)
  })

  // request counts and durations by route: each route gets its own onResponse hook knowing its
  // path (Fastify's `request.routeOptions` builds a new object at every read); answers of no
  // route (404) are counted by the global hook as `unknown`
  app.addHook("onRoute", (route) => {
    const url = route.url
    const hook = (req: FastifyRequest, reply: Reply, done: () => void) => {
      metrics.request(req.method, url, reply.statusCode, reply.elapsedTime / 1000)
      done()
    }
    route.onResponse = route.onResponse === undefined ? [hook] : [...[route.onResponse].flat(), hook]
  })
  app.addHook("onResponse", (req, reply, done) => {
    if (req.is404) metrics.request(req.method, "unknown", reply.statusCode, reply.elapsedTime / 1000)
    done()
  })
  app.addHook("preClose", async () => {
    closing = true
  })
  app.addHook("onClose", async () => {
    await ctx.log?.close()
  })

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
    const locale = localeOf(req)
    switch (err.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return httpError(reply, 413, "body-too-large", locale, { limit: bodyLimit })
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return httpError(reply, 415, "unsupported-media-type", locale, { type: String(req.headers["content-type"] ?? "") })
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      const detail = err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ? "empty body" : err.message
      return libraryError(reply, 400, [make("invalid-json", [], { detail })], locale)
    }
    req.log.error({ err }, "request failed")
    return httpError(reply, 500, "internal", locale)
  })
  app.setNotFoundHandler((req, reply) => httpError(reply, 404, "not-found", localeOf(req), { url: req.url.split("?")[0]! }))

  app.post("/v1/validate", async (req, reply) => {
    const locale = localeOf(req)
    if (req.body instanceof PassThrough || (req.headers["content-type"] ?? "").includes("ndjson"))
      return httpError(reply, 415, "unsupported-media-type", locale, { type: String(req.headers["content-type"]) })
    const item = decide(ctx.validators[locale], req.body, ctx.log)
    const good = "verdict" in item
    metrics.judged(good ? item.verdict : "malformed")
    // one report is small: Fastify's own serialisation is as cheap as ours (measured)
    return reply.code(good ? 200 : 400).send(item)
  })

  app.post("/v1/validate/batch", async (req, reply) => {
    const locale = localeOf(req)
    const type = String(req.headers["content-type"] ?? "")
    const query = req.query as Record<string, unknown>
    // ?view=compact: the compact view (CompactView), each report cut to what acts on it, its
    // citations and packs once in batch-level tables
    const view = query.view ?? "full"
    if (view !== "full" && view !== "compact") return libraryError(reply, 400, [make("invalid-value", ["view"], { expected: ["full", "compact"] })], locale)
    // ?citations=shared: the full reports, each distinct citation (and list of packs) once in a
    // batch-level table; the compact view always shares them
    const citations = query.citations ?? (view === "compact" ? "shared" : "full")
    if (citations !== "full" && citations !== "shared")
      return libraryError(reply, 400, [make("invalid-value", ["citations"], { expected: ["full", "shared"] })], locale)
    if (view === "compact" && citations !== "shared")
      return libraryError(reply, 400, [make("invalid-value", ["citations"], { expected: ["shared (the compact view always shares citations)"] })], locale)
    if (type.includes("application/x-ndjson")) {
      if (view === "full" && citations === "shared")
        return libraryError(reply, 400, [make("invalid-value", ["citations"], { expected: ["full (an NDJSON answer carries full reports, or view=compact)"] })], locale)
      const out = new PassThrough()
      void ndjson(ctx, locale, req.body as Readable, out, { maxRecords: maxStreamRecords, maxLine: bodyLimit }, view).then(recordSummary)
      return reply.type("application/x-ndjson; charset=utf-8").send(out)
    }
    if (!Array.isArray(req.body)) return libraryError(reply, 400, [make("invalid-type", [], { expected: "array" })], locale)
    if (req.body.length > maxBatch) return httpError(reply, 413, "batch-too-large", locale, { limit: maxBatch })
    const r = decideAll(ctx.validators[locale], req.body, ctx.log)
    recordSummary(r.summary)
    reply.type(JSON_TYPE)
    if (view === "compact") return reply.send(compactBatchBytes(r.items, r.summary))
    if (citations === "shared") {
      const c = shareCitations(r.items)
      return reply.send(jsonBytes({ items: c.items, summary: r.summary, citations: c.citations, packSets: c.packSets }))
    }
    return reply.send(jsonBytes(r))
  })

  const lookup = <A>(reply: Reply, locale: Locale, r: Result<A, NonganError>) => {
    if (r.ok) return reply.send(r.value)
    const notFound = r.errors.some((e) => e.code.startsWith("unknown-") || e.code === "ambiguous-name")
    return libraryError(reply, notFound ? 404 : 400, r.errors, locale)
  }
  type Q = Record<string, string | undefined>
  app.get("/v1/limits", async (req, reply) => lookup(reply, localeOf(req), Lookups.limit(zh.value.dataset, req.query as Q, composition)))
  app.get("/v1/status", async (req, reply) => lookup(reply, localeOf(req), Lookups.status(zh.value.dataset, req.query as Q)))
  app.get("/v1/foods/:name", async (req, reply) =>
    lookup(reply, localeOf(req), zh.value.dataset.foods.resolve((req.params as { name: string }).name))
  )
  app.get("/v1/substances/:name", async (req, reply) =>
    lookup(reply, localeOf(req), zh.value.dataset.substances.resolve((req.params as { name: string }).name))
  )
  app.get("/v1/packs", async () => ({
    national: composition.national,
    dataVersion: dataVersion(),
    packs: layers.map((l) => ({
      ...l.ref,
      name: l.pack.name,
      ...(l.pack.parent !== undefined ? { parent: l.pack.parent } : {}),
      effective: l.pack.effective,
      source: l.pack.source.instrument
    }))
  }))
  const started = Date.now()
  app.get("/healthz", async () => ({ status: "ok", uptimeSeconds: Math.round((Date.now() - started) / 1000) }))
  app.get("/readyz", async (req, reply) =>
    closing ? httpError(reply, 503, "unavailable", localeOf(req)) : reply.send({ status: "ok", packs: layers.length + 1 })
  )
  app.get("/metrics", async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()))
  app.get("/openapi.json", async (_req, reply) => reply.type("application/json; charset=utf-8").send(doc))
  app.get("/docs", async (_req, reply) => reply.type("text/html; charset=utf-8").send(page))

  if (options.webDir !== undefined) {
    const dir = resolve(options.webDir)
    const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".map": "application/json", ".css": "text/css", ".png": "image/png" }
    app.get("/web/*", async (req, reply) => {
      const rel = (req.params as { "*": string })["*"] || "index.html"
      const file = resolve(dir, rel)
      if (!file.startsWith(dir + sep)) return httpError(reply, 404, "not-found", localeOf(req), { url: req.url })
      try {
        const body = await readFile(file)
        return reply.type(TYPES[extname(file)] ?? "application/octet-stream").send(body)
      } catch {
        return httpError(reply, 404, "not-found", localeOf(req), { url: req.url.split("?")[0]! })
      }
    })
    app.get("/web", async (_req, reply) => reply.redirect("/web/"))
  }

  app.addHook("onReady", async () => {
    app.log.info(
      { national: composition.national, packs: layers.map((l) => l.ref), dataVersion: dataVersion(), decisionLog: options.decisionLog ?? null },
      `packs loaded: ${composition.national.id}@${composition.national.version} sha256:${composition.national.hash.slice(0, 12)} + ${layers.length} regional`
    )
  })
  return ok(app)
}
