#!/usr/bin/env node
import { main } from "./Main"

// a reader that stops early (`nongan packs | head -3`) ends the output quietly
for (const s of [process.stdout, process.stderr])
  s.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
    throw e
  })

main(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`nongan: internal error (exit 4): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
    process.exitCode = 4
  }
)
