#!/usr/bin/env node
import { main } from "./Main"

main(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`nongan: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
    process.exitCode = 3
  }
)
