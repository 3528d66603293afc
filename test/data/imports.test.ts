// The generated rule data is current: each import script, run with --check, regenerates its
// output from the transcription tables in rules/**/sources and finds no difference. A hand edit
// of a generated file, or a transcription change without a re-run, fails here.
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, test } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const run = (script: string): { code: number; out: string } => {
  try {
    const out = execFileSync(process.execPath, ["--conditions=@nongan/source", "--import", "tsx", join(root, "scripts", script), "--check"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"]
    })
    return { code: 0, out }
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string }
    return { code: err.status ?? 1, out: `${err.stdout ?? ""}${err.stderr ?? ""}` }
  }
}

const SCRIPTS = ["import-gb2763-2026.ts", "import-phi.ts", "import-gb2762.ts", "import-limit-evidence.ts"].filter((s) => existsSync(join(root, "scripts", s)))

describe("generated rule data is current", () => {
  test.each(SCRIPTS)("%s --check", (script) => {
    const r = run(script)
    expect(r.out, r.out).not.toMatch(/stale|differs/)
    expect(r.code, r.out).toBe(0)
  }, 120_000)
})
