// Child process of check-worker-timeout.test.ts: `check --jobs 2` whose workers stay alive and
// never answer (a listener that does nothing), with a short wait. The run must fail with
// worker-timeout and then nothing may keep the process alive (a worker left running, a timer).
import { PassThrough, Readable } from "node:stream"
import { runCheck } from "@nongan/cli/Check"
import { validatorWithPacks } from "@nongan/cli/OwnPacks"

const file = process.argv[2]!
const recipe = { packFiles: [], options: { locale: "en" as const, bundledPacks: true } }
const built = validatorWithPacks(recipe.packFiles, recipe.options)
if (!built.ok) throw new Error("the validator does not build")
const out = new PassThrough()
out.resume()
runCheck(built.value.validator, {
  file,
  format: "jsonl",
  locale: "en",
  progress: false,
  out,
  err: process.stderr,
  stdin: Readable.from([]),
  jobs: 2,
  recipe,
  parallel: { timeoutMs: 500, target: { url: `require("node:worker_threads").parentPort.on("message", () => {})`, eval: true } }
}).then(
  () => process.stdout.write("settled: ok\n"),
  (e: { code?: string }) => process.stdout.write(`settled: ${e.code}\n`)
)
