/**
 * Docs that run (issue 14 §7): every `nongan` command in a `sh` block of README.md and
 * docs/cli.md is executed (in-process, from the repository root) and must exit 0, or the code
 * its comment says (`# exit 1`); every line of a `json` block is one JSON value (one record a
 * line, as pasted into a JSON Lines file); output that is piped is shown with `pnpm -s`.
 */
import { readFileSync } from "node:fs"
import { describe, expect, test } from "vitest"
import { root, run } from "./run"

const blocks = (file: string, lang: string): ReadonlyArray<string> =>
  [...readFileSync(root(file), "utf8").matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].flatMap((m) => m[1]!.split("\n").filter((l) => l.trim() !== ""))

for (const file of ["README.md", "docs/cli.md"]) {
  const commands = blocks(file, "sh").filter((l) => /^(pnpm -s )?nongan /.test(l) || l.startsWith("pnpm nongan "))
  describe(`${file}: the commands run`, () => {
    test("every command uses `pnpm -s` (pnpm's banner would land on standard output)", () => {
      for (const c of commands) expect(c, c).toMatch(/^pnpm -s nongan /)
    })
    for (const line of commands) {
      test(line, async () => {
        const expected = Number(/#.*\bexit (\d)/.exec(line)?.[1] ?? 0)
        const cmd = line.replace(/\s+#.*$/, "").replace(/^pnpm -s nongan /, "")
        const [main, pipe] = cmd.split(" | ")
        const [argsText, stdinFile] = main!.split(" < ")
        const argv = argsText!.trim().split(/\s+/)
        const r = await run(argv, stdinFile ? { stdin: readFileSync(root(stdinFile.trim())) } : {})
        expect(r.code, `${line}\n${r.stderr}`).toBe(expected)
        if (pipe === "head -3") expect(r.stdout.split("\n").length).toBeGreaterThan(3)
        else expect(r.stdout.length).toBeGreaterThan(0)
      }, 60_000)
    }
  })
  describe(`${file}: every JSON line parses`, () => {
    test("one JSON value a line", () => {
      for (const l of blocks(file, "json")) expect(() => JSON.parse(l), l).not.toThrow()
    })
  })
}
