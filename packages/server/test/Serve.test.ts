// `nongan serve`'s options (packages/cli/src/Serve.ts): packs from files and folders, usage errors.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { serveOptions, startServe } from "@nongan/cli/Serve"
import { get } from "./support"

const pack = (id: string, jurisdiction: string, parent: string) => ({
  kind: "rule-pack", id, jurisdiction, name: id, version: "1.0.0", effective: { from: "2020-01-01" }, parent, source: { instrument: "示例文件" },
  customRules: [{ name: `${id}-watch`, conditions: { all: [{ fact: "product", operator: "equal", value: "芹菜" }] },
    event: { type: "local.watch", params: { severity: "info", message: "芹菜重点监测" } }, citation: { instrument: "示例文件" } }]
})

describe("serveOptions", () => {
  it("defaults: loopback, port 8080, bundled packs, info logs", () => {
    const o = serveOptions([])
    expect(o.ok && { host: o.value.host, port: o.value.port, bundled: o.value.validator?.bundledPacks, level: o.value.logLevel }).toEqual({ host: "127.0.0.1", port: 8080, bundled: true, level: "info" })
  })

  it.each([["--port", "x"], ["--port", "-1"], ["--max-batch", "0"], ["--region", "12"], ["--log-level", "loud"], ["--rule", "magic"], ["--nope"]])("%s is a usage error", (...args) => {
    const o = serveOptions(args.filter((a): a is string => a !== undefined))
    expect(o.ok || o.errors[0]!.code).toBe("usage")
  })

  it("reads --pack files and every *.json under --packs-dir, in order", () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-packs-"))
    mkdirSync(join(dir, "d", "sub"), { recursive: true })
    writeFileSync(join(dir, "one.json"), JSON.stringify(pack("cn-330100-a", "330100", "330000")))
    writeFileSync(join(dir, "d", "b.json"), JSON.stringify(pack("cn-330106-b", "330106", "330100")))
    writeFileSync(join(dir, "d", "sub", "c.json"), JSON.stringify(pack("cn-330100-c", "330100", "330000")))
    writeFileSync(join(dir, "d", "notes.txt"), "not a pack")
    const o = serveOptions(["--pack", join(dir, "one.json"), "--packs-dir", join(dir, "d")])
    expect(o.ok && o.value.validator?.packs?.map((p: any) => p.id)).toEqual(["cn-330100-a", "cn-330106-b", "cn-330100-c"])
    const missing = serveOptions(["--packs-dir", join(dir, "nowhere")])
    expect(missing.ok || missing.errors[0]!.code).toBe("io")
  })

  it("a service started with a packs folder lists and uses its packs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-packs-"))
    writeFileSync(join(dir, "a.json"), JSON.stringify(pack("cn-330100-a", "330100", "330000")))
    const s = await startServe(["--port", "0", "--packs-dir", dir, "--no-bundled-packs", "--log-level", "silent"], { write: () => true })
    if (!s.ok) throw new Error("serve")
    const packs = await get(s.url, "/v1/packs")
    expect(packs.json.packs.map((p: any) => p.id)).toEqual(["cn-330100-a"])
    await s.app.close()
  })

  it("a port already taken is an io error naming the address (exit 1), not a crash", async () => {
    const a = await startServe(["--port", "0", "--log-level", "silent"], { write: () => true })
    if (!a.ok) throw new Error("serve")
    const port = String(new URL(a.url).port)
    let err = ""
    const b = await startServe(["--port", port, "--log-level", "silent"], { write: (t: string) => (err += t) })
    expect(b.ok || b.code).toBe(1)
    expect(err).toContain(`127.0.0.1:${port}`)
    expect(err).toContain("EADDRINUSE")
    await a.app.close()
  })

  it("a pack that loosens national law stops the start (exit 1) with the composition error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-packs-"))
    const loose = { ...pack("cn-330100-loose", "330100", "330000"), customRules: undefined,
      limits: [{ substance: "毒死蜱", food: "芹菜", limit: "100", unit: "mg/kg", verification: "official-text", citation: { instrument: "示例文件" } }] }
    writeFileSync(join(dir, "loose.json"), JSON.stringify(loose))
    let err = ""
    const s = await startServe(["--port", "0", "--packs-dir", dir], { write: (t: string) => (err += t) })
    expect(s.ok).toBe(false)
    expect(s.ok || s.code).toBe(1)
    expect(err).toMatch(/pack-loosens|放宽|loosen/)
  })
})
