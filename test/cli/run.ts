// Runs `nongan` in-process with captured output, a given standard input and environment.
import { PassThrough, Readable } from "node:stream"
import { main } from "@nongan/cli/Main"

export const here = (name: string): string => new URL(name, import.meta.url).pathname
export const root = (name: string): string => new URL(`../../${name}`, import.meta.url).pathname

export const run = async (
  argv: ReadonlyArray<string>,
  o: { stdin?: string | Buffer | ReadonlyArray<Buffer>; env?: Record<string, string | undefined> } = {}
): Promise<{ code: number; stdout: string; stderr: string; bytes: Buffer }> => {
  const out = new PassThrough()
  const err = new PassThrough()
  const chunks: Array<Buffer> = []
  let stderr = ""
  out.on("data", (d: Buffer) => chunks.push(Buffer.from(d)))
  err.on("data", (d) => (stderr += String(d)))
  const stdin = o.stdin === undefined ? Readable.from([]) : Readable.from(Array.isArray(o.stdin) ? o.stdin : [o.stdin as Buffer | string])
  const code = await main(argv, { out, err, stdin, env: o.env ?? {} })
  const bytes = Buffer.concat(chunks)
  return { code, stdout: bytes.toString("utf8"), stderr, bytes }
}
