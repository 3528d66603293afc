import { JSONSchema, type Schema } from "effect"
import { components } from "./Schemas"

type Json = Record<string, unknown>

// Effect marks `unknown` with `$id: "/schemas/unknown"`, repeated wherever it occurs; in one
// document repeated ids are an error, so they are dropped (the schema stays `{ title: "unknown" }`)
const dropIds = (u: unknown): unknown =>
  Array.isArray(u)
    ? u.map(dropIds)
    : u !== null && typeof u === "object"
      ? Object.fromEntries(Object.entries(u).filter(([k]) => k !== "$id").map(([k, v]) => [k, dropIds(v)]))
      : u

/**
 * JSON Schemas of the API's models for OpenAPI 3.1, emitted from the library's Effect schemas
 * (one source): every named schema and every definition it refers to, keyed by name.
 *
 * @example
 * import { componentSchemas } from "@nongan/server/OpenApi"
 * "InspectionRecord" in componentSchemas() // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const componentSchemas = (): Record<string, Json> => {
  const defs: Record<string, Json> = {}
  for (const [name, s] of Object.entries(components)) {
    const top = JSONSchema.fromAST((s as Schema.Schema<any, any, never>).ast, {
      definitions: defs as unknown as Record<string, JSONSchema.JsonSchema7>,
      definitionPath: "#/components/schemas/",
      target: "openApi3.1"
    }) as unknown as Json
    if (top.$ref !== `#/components/schemas/${name}`) defs[name] = top
  }
  return Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, dropIds(v) as Json]))
}

const ref = (name: keyof typeof components | string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: Json, description: string) => ({ description, content: { "application/json": { schema } } })
const lang = { name: "Accept-Language", in: "header", required: false, schema: { type: "string" }, description: "zh-CN (default) or en: the language of error messages" }
const query = (name: string, description: string, required = true) => ({ name, in: "query", required, schema: { type: "string" }, description })
const pathParam = (name: string, description: string) => ({ name, in: "path", required: true, schema: { type: "string" }, description })
const errors = {
  "400": json(ref("HttpError"), "a bad request: typed errors with code, path and message"),
  "404": json(ref("HttpError"), "an unknown name (the error lists the nearest known names)")
}
const anyObject = { type: "object", additionalProperties: true }

/**
 * The OpenAPI 3.1 document of the service, served at `/openapi.json` and checked against the
 * committed snapshot `packages/server/openapi.json`.
 *
 * @example
 * import { openApi } from "@nongan/server/OpenApi"
 * openApi("0.1.0").openapi // "3.1.0"
 *
 * @since 0.1.0
 * @category constructors
 */
export const openApi = (version: string): Json & { openapi: string; paths: Record<string, Json>; components: { schemas: Record<string, Json> } } => ({
  openapi: "3.1.0",
  info: {
    title: "nongan 农安 validation service",
    version,
    description:
      "Judges records of edible agricultural products (inspections, pesticide applications, veterinary treatments) against China's national tables and regional rule packs, as of each record's legally relevant date. Every report carries a decision id, the citations of its findings and the content hashes of the packs that judged it.",
    license: { name: "MIT", identifier: "MIT" }
  },
  servers: [{ url: "http://127.0.0.1:8080" }],
  paths: {
    "/v1/validate": {
      post: {
        operationId: "validate",
        summary: "Judge one record",
        parameters: [lang],
        requestBody: { required: true, content: { "application/json": { schema: ref("AnyRecord") } } },
        responses: {
          "200": json(ref("DecisionReport"), "the report"),
          "400": json({ oneOf: [ref("DecisionFailure"), ref("HttpError")] }, "the record could not be read: its typed errors"),
          "413": json(ref("HttpError"), "body too large"),
          "415": json(ref("HttpError"), "not application/json")
        }
      }
    },
    "/v1/validate/batch": {
      post: {
        operationId: "validateBatch",
        summary: "Judge many records: a JSON array, or NDJSON streamed in and out",
        description:
          "With `application/json`, an array of records answers one item per record, in order, with the counts. With `application/x-ndjson`, one record per line is read as it arrives and one item per line is written as it is judged; the last line is `{\"summary\":…}`. A record that cannot be read is an item with its errors; every item is accounted for. With `?citations=shared` (JSON batches only), every distinct citation is sent once, in the answer's `citations` table, and each finding refers to it by index (`citationRef`, `citationRefs`) instead of repeating it; likewise every distinct list of packs once in `packSets`, each report referring to it by `packsRef`: the same reports, fewer bytes. With `?view=compact` (JSON or NDJSON), the compact view for systems that take verdicts at volume: each report cut to its id, verdict, verification, decision id and findings of code, severity, substance, food, measured, limit, unit, verification, referral, error and citation reference (`CompactViewBatchResponse`), every field the full report's own, the citations and lists of packs (with their sha-256) once in the batch's tables; a record that cannot be read is its failure unchanged. In an NDJSON answer in the compact view, a table line (`CompactViewTables`: `{\"citations\":[…]}` and/or `{\"packSets\":[…]}`) comes before the first item that refers to what it adds, whose entries are appended to the tables read so far.",
        parameters: [
          lang,
          {
            name: "citations",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["full", "shared"], default: "full" },
            description:
              "full (default): every finding carries its citation and every report its packs; shared: each distinct citation and list of packs once in batch-level tables that findings and reports refer to by index (CompactBatchResponse; not with NDJSON, full view). The compact view always shares them."
          },
          {
            name: "view",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["full", "compact"], default: "full" },
            description:
              "full (default): the SDK's reports; compact: verdicts and compact findings, with citations and packs once per batch (CompactViewBatchResponse; with NDJSON, items and CompactViewTables lines)"
          }
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: { type: "array", items: ref("AnyRecord") } },
            "application/x-ndjson": { schema: { type: "string" } }
          }
        },
        responses: {
          "200": {
            description: "one item per record",
            content: {
              "application/json": { schema: { oneOf: [ref("BatchResponse"), ref("CompactBatchResponse"), ref("CompactViewBatchResponse")] } },
              "application/x-ndjson": { schema: { type: "string" } }
            }
          },
          "400": json(ref("HttpError"), "the body is not an array, or an unknown `citations` or `view`"),
          "413": json(ref("HttpError"), "body or batch too large"),
          "415": json(ref("HttpError"), "unsupported content type")
        }
      }
    },
    "/v1/limits": {
      get: {
        operationId: "limit",
        summary: "The limit for a substance in a food on a date: national, or that of a region's effective rule set",
        parameters: [
          query("substance", "a substance name as written"),
          query("food", "a food name as written"),
          query("on", "a date, YYYY-MM-DD"),
          query("region", "a GB/T 2260 code: the limit validation applies there (the strictest of the national row and the region's packs), with its layer and the rows it overrides", false),
          lang
        ],
        responses: { "200": json(ref("LimitAnswer"), "the limit, where it was found, and what is held of each table"), ...errors }
      }
    },
    "/v1/status": {
      get: {
        operationId: "status",
        summary: "The legal status of a substance on a date",
        parameters: [
          query("substance", "a substance name as written"),
          query("on", "a date, YYYY-MM-DD"),
          query("food", "a food name", false),
          query("species", "an animal species", false),
          query("state", "laying or lactating", false),
          lang
        ],
        responses: { "200": json(ref("StatusAnswer"), "statuses in force and elsewhere, with citations"), ...errors }
      }
    },
    "/v1/foods/{name}": {
      get: {
        operationId: "food",
        summary: "Resolve a food name exactly as written",
        parameters: [pathParam("name", "a food name"), lang],
        responses: { "200": json(ref("ResolvedFood"), "the food with its category path"), ...errors }
      }
    },
    "/v1/substances/{name}": {
      get: {
        operationId: "substance",
        summary: "Resolve a substance name exactly as written",
        parameters: [pathParam("name", "a substance name"), lang],
        responses: { "200": json(ref("Substance"), "the substance with its residue definition"), ...errors }
      }
    },
    "/v1/packs": {
      get: { operationId: "packs", summary: "The rule packs loaded, with versions and content hashes", responses: { "200": json(ref("PacksResponse"), "the packs") } }
    },
    "/healthz": { get: { operationId: "health", summary: "Liveness", responses: { "200": json(ref("Health"), "alive") } } },
    "/readyz": {
      get: {
        operationId: "ready",
        summary: "Readiness: packs loaded and not shutting down",
        responses: { "200": json(ref("Health"), "ready"), "503": json(ref("HttpError"), "shutting down") }
      }
    },
    "/metrics": {
      get: { operationId: "metrics", summary: "Prometheus metrics", responses: { "200": { description: "text exposition format", content: { "text/plain": { schema: { type: "string" } } } } } }
    },
    "/openapi.json": { get: { operationId: "openapi", summary: "This document", responses: { "200": json(anyObject, "OpenAPI 3.1") } } },
    "/docs": { get: { operationId: "docs", summary: "The API reference page", responses: { "200": { description: "HTML", content: { "text/html": { schema: { type: "string" } } } } } } }
  },
  components: { schemas: componentSchemas() }
})
