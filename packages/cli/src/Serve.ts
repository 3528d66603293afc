import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { formatError } from "@nongan/core/Messages"
import { make, type NonganError } from "@nongan/core/NonganError"
import { buildServer, type ServerOptions } from "@nongan/server/Server"

/**
 * Usage of `nongan serve`.
 *
 * @example
 * import { SERVE_USAGE } from "@nongan/cli/Serve"
 * SERVE_USAGE.includes("--packs-dir") // true
 *
 * @since 0.1.0
 * @category models
 */
export const SERVE_USAGE = `用法 / usage:
  nongan serve [--host 127.0.0.1] [--port 8080] [--pack <file.json>]… [--packs-dir <dir>] [--no-bundled-packs]
               [--region <code>] [--rule reported-value|uncertainty] [--uncertainty 0.5]
               [--decision-log <file.jsonl>] [--body-limit <bytes>] [--max-batch <n>] [--timeout <ms>]
               [--log-level info|warn|error|silent] [--web <dir>]
`

type FastifyInstance = Extract<ReturnType<typeof buildServer>, { ok: true }>["value"]

interface Out {
  write(s: string): unknown
}

const readPack = (file: string): { readonly json?: unknown; readonly error?: NonganError } => {
  try {
    return { json: JSON.parse(readFileSync(file, "utf8")) }
  } catch (e) {
    return { error: make(e instanceof SyntaxError ? "invalid-json" : "io", [file], { detail: e instanceof SyntaxError ? e.message : ((e as NodeJS.ErrnoException).code ?? "read") }) }
  }
}

const packFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n)
      return statSync(p).isDirectory() ? packFiles(p) : n.endsWith(".json") ? [p] : []
    })

/**
 * Reads `nongan serve`'s arguments into server options (extra packs read from `--pack` files
 * and every `*.json` under `--packs-dir`, as JSON objects), or the errors.
 *
 * @example
 * import { serveOptions } from "@nongan/cli/Serve"
 * const o = serveOptions(["--port", "0", "--log-level", "silent"])
 * o.ok && o.value.port // 0
 *
 * @since 0.1.0
 * @category constructors
 */
export const serveOptions = (
  argv: ReadonlyArray<string>
): { ok: true; value: ServerOptions & { host: string; port: number } } | { ok: false; errors: ReadonlyArray<NonganError> } => {
  let v
  try {
    v = parseArgs({
      args: [...argv],
      options: {
        host: { type: "string" },
        port: { type: "string" },
        pack: { type: "string", multiple: true },
        "packs-dir": { type: "string" },
        "no-bundled-packs": { type: "boolean" },
        region: { type: "string" },
        rule: { type: "string" },
        uncertainty: { type: "string" },
        "decision-log": { type: "string" },
        "body-limit": { type: "string" },
        "max-batch": { type: "string" },
        timeout: { type: "string" },
        "log-level": { type: "string" },
        web: { type: "string" }
      }
    }).values
  } catch (e) {
    return { ok: false, errors: [make("usage", [], { detail: (e as Error).message })] }
  }
  const int = (s: string | undefined, name: string, min: number): number | undefined | NonganError =>
    s === undefined ? undefined : /^\d+$/.test(s) && Number(s) >= min ? Number(s) : make("usage", [], { detail: `--${name} ${s}` })
  const port = int(v.port, "port", 0) ?? 8080
  const bodyLimit = int(v["body-limit"], "body-limit", 1)
  const maxBatch = int(v["max-batch"], "max-batch", 1)
  const timeout = int(v.timeout, "timeout", 1)
  const bad = [port, bodyLimit, maxBatch, timeout].filter((x): x is NonganError => typeof x === "object")
  if (bad.length > 0) return { ok: false, errors: bad }
  if (v.region !== undefined && !/^\d{6}$/.test(v.region)) return { ok: false, errors: [make("usage", [], { detail: `--region ${v.region}` })] }
  const level = v["log-level"] ?? "info"
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(level)) return { ok: false, errors: [make("usage", [], { detail: `--log-level ${level}` })] }
  if (v.rule !== undefined && v.rule !== "uncertainty" && v.rule !== "reported-value") return { ok: false, errors: [make("usage", [], { detail: `--rule ${v.rule}` })] }
  let files: Array<string> = [...(v.pack ?? [])]
  if (v["packs-dir"] !== undefined) {
    try {
      files = [...files, ...packFiles(v["packs-dir"])]
    } catch (e) {
      return { ok: false, errors: [make("io", [v["packs-dir"]], { detail: (e as NodeJS.ErrnoException).code ?? "read" })] }
    }
  }
  const read = files.map(readPack)
  const errors = read.flatMap((r) => (r.error ? [r.error] : []))
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      host: v.host ?? "127.0.0.1",
      port: port as number,
      validator: {
        packs: read.map((r) => r.json),
        bundledPacks: !v["no-bundled-packs"],
        ...(v.region !== undefined ? { region: v.region } : {}),
        ...(v.rule === "uncertainty" ? { decisionRule: { uncertainty: v.uncertainty ?? "0.5" } } : {})
      },
      ...(bodyLimit !== undefined ? { bodyLimit: bodyLimit as number } : {}),
      ...(maxBatch !== undefined ? { maxBatch: maxBatch as number } : {}),
      ...(timeout !== undefined ? { requestTimeout: timeout as number } : {}),
      ...(v["decision-log"] !== undefined ? { decisionLog: v["decision-log"] } : {}),
      ...(v.web !== undefined ? { webDir: v.web } : {}),
      logLevel: level as ServerOptions["logLevel"]
    }
  }
}

/**
 * Starts the service and returns it with its address (for tests and embedding); `nongan serve`
 * is {@link serve}.
 *
 * @example
 * import { startServe } from "@nongan/cli/Serve"
 * // const s = await startServe(["--port", "0"], process.stderr); if (s.ok) await s.app.close()
 * typeof startServe // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const startServe = async (
  argv: ReadonlyArray<string>,
  err: Out
): Promise<{ ok: true; app: FastifyInstance; url: string } | { ok: false; code: number }> => {
  const o = serveOptions(argv)
  if (!o.ok) {
    for (const e of o.errors) err.write(`${formatError(e)}\n`)
    if (o.errors.some((e) => e.code === "usage")) err.write(`\n${SERVE_USAGE}`)
    return { ok: false, code: 2 }
  }
  const s = buildServer(o.value)
  if (!s.ok) {
    for (const e of s.errors.slice(0, 50)) err.write(`${formatError(e)}\n`)
    return { ok: false, code: 1 }
  }
  try {
    const url = await s.value.listen({ host: o.value.host, port: o.value.port })
    return { ok: true, app: s.value, url }
  } catch (e) {
    // the address is taken, or not ours to bind
    err.write(`${formatError(make("io", [`${o.value.host}:${o.value.port}`], { detail: (e as NodeJS.ErrnoException).code ?? "listen" }))}\n`)
    await s.value.close()
    return { ok: false, code: 1 }
  }
}

/**
 * `nongan serve`: runs the HTTP service until SIGTERM or SIGINT, then closes gracefully (new
 * requests get 503, requests in flight finish) and returns 0.
 *
 * @example
 * import { serve } from "@nongan/cli/Serve"
 * // process.exitCode = await serve(["--port", "8080"], process.stderr)
 * typeof serve // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = async (argv: ReadonlyArray<string>, err: Out): Promise<number> => {
  if (argv.includes("--help") || argv.includes("-h")) {
    err.write(SERVE_USAGE)
    return 0
  }
  const s = await startServe(argv, err)
  if (!s.ok) return s.code
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop)
      process.off("SIGINT", stop)
      s.app.log.info("shutting down: finishing requests in flight")
      s.app.close().then(() => resolve(), () => resolve())
    }
    process.on("SIGTERM", stop)
    process.on("SIGINT", stop)
  })
  return 0
}
