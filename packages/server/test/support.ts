// Starts the service on a loopback port for a test file; requests go over real HTTP.
import { buildServer, type ServerOptions } from "@nongan/server/Server"

export interface Running {
  readonly base: string
  readonly close: () => Promise<void>
  readonly app: Extract<ReturnType<typeof buildServer>, { ok: true }>["value"]
}

export const start = async (options: ServerOptions = {}): Promise<Running> => {
  const s = buildServer({ logLevel: "silent", ...options })
  if (!s.ok) throw new Error(JSON.stringify(s.errors))
  await s.value.listen({ host: "127.0.0.1", port: 0 })
  const port = (s.value.server.address() as { port: number }).port
  return { base: `http://127.0.0.1:${port}`, close: () => s.value.close(), app: s.value }
}

export const post = async (base: string, url: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) => {
  const r = await fetch(base + url, { method: "POST", body, headers })
  const text = await r.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: r.status, text, json, type: r.headers.get("content-type") ?? "" }
}

export const get = async (base: string, url: string, headers: Record<string, string> = {}) => {
  const r = await fetch(base + url, { headers })
  const text = await r.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: r.status, text, json, type: r.headers.get("content-type") ?? "" }
}

/** Drops decision ids, the only part of a report that differs between runs. */
export const withoutDecisionId = (x: any): any => {
  if (x === null || typeof x !== "object") return x
  const { decisionId: _, ...rest } = x
  return rest
}
