// Runs the `nongan` command in-process with captured output.
import { PassThrough } from "node:stream"
import { main } from "@nongan/cli/Main"

export const run = async (argv: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> => {
  const out = new PassThrough()
  const err = new PassThrough()
  let stdout = ""
  let stderr = ""
  out.on("data", (d) => (stdout += String(d)))
  err.on("data", (d) => (stderr += String(d)))
  const code = await main(argv, { out, err })
  return { code, stdout, stderr }
}
