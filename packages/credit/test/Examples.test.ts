// Every @example in @nongan/cases and @nongan/credit runs, and every line of the form
// `expression // value` evaluates to that value (when the value is a JavaScript literal).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const out = join(import.meta.dirname, ".examples")
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
afterAll(() => rmSync(out, { recursive: true, force: true }))

const literal = (s: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: new Function(`return (${s})`)() }
  } catch {
    return { ok: false }
  }
}

const examples: Array<{ name: string; code: string; checks: number }> = []
for (const pkg of ["cases", "credit"])
  for (const f of readdirSync(join(root, pkg, "src")).filter((x) => x.endsWith(".ts") && x !== "index.ts")) {
    const text = readFileSync(join(root, pkg, "src", f), "utf8")
    for (const [i, m] of [...text.matchAll(/@example\n((?: \*(?! @).*\n)+)/g)].entries()) {
      let checks = 0
      const body = m[1]!
        .split("\n")
        .map((l) => l.replace(/^ \* ?/, ""))
        .map((l) => {
          const c = /^(\s*)(if \([^)]*\) )?(.+?)\s*\/\/\s*(.+)$/.exec(l)
          if (!c || /^(import|const|let|\/\/)/.test(c[3]!.trim())) return l
          const lit = literal(c[4]!.replace(/:.*$/, ""))
          if (!lit.ok) return l
          checks++
          return `${c[1]}${c[2] ?? ""}__check(${c[3]}, ${JSON.stringify(lit.value)}, ${JSON.stringify(`${f}: ${c[3]}`)})`
        })
        .join("\n")
      const imports = body.split("\n").filter((l) => l.startsWith("import "))
      const rest = body.split("\n").filter((l) => !l.startsWith("import "))
      examples.push({
        name: `${pkg}/${f} #${i + 1}`,
        checks,
        code: `${imports.join("\n")}\nexport const run = (__check: (a: unknown, b: unknown, w: string) => void) => {\n${rest.join("\n")}\n}\n`
      })
    }
  }

describe("doc examples", () => {
  it("there are examples, and most are checked", () => {
    expect(examples.length).toBeGreaterThan(40)
    expect(examples.filter((e) => e.checks > 0).length).toBeGreaterThan(25)
  })
  for (const [n, e] of examples.entries())
    it(e.name, async () => {
      const file = join(out, `ex${n}.ts`)
      writeFileSync(file, e.code)
      const mod = (await import(file)) as { run: (c: (a: unknown, b: unknown, w: string) => void) => void }
      mod.run((a, b, where) => expect(a, where).toEqual(b))
    })
})
