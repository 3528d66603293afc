// The browser page in real Chromium (Debian's, driven by playwright-core): it loads, a sample
// file judged in the page gives the SDK's reports, CSV and XLSX give the CLI's, the filters,
// languages, limit lookup and chart work; a screenshot is kept in examples/web/artifacts/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, extname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createValidator } from "@nongan/sdk/Validator"
import { build } from "../../examples/web/build"
import { run } from "../support/cli"

const CHROMIUM = "/usr/bin/chromium"
const root = join(import.meta.dirname, "..", "..")
const serverRequire = createRequire(join(root, "packages", "server", "package.json"))
const have = existsSync(CHROMIUM)
if (!have) {
  const msg = `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (the web page tests ${process.env.CI ? "fail" : "are skipped"})`
  if (process.env.CI) throw new Error(msg)
  console.warn(msg)
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".map": "application/json" }
let server: Server
let base = ""
let browser: any
let page: any
const errors: Array<string> = []
const lines = readFileSync(join(root, "examples", "sampling-batch.jsonl"), "utf8").trim().split("\n")
const artifacts = join(root, "examples", "web", "artifacts")

// a CSV as laboratories write it: Chinese headers, one row per analyte
const csvRows = [
  ["样品编号", "抽样日期", "样品名称", "区划代码", "检测项目", "检测结果", "单位"],
  ["W-01", "2026-06-15", "豇豆", "500154", "克百威", "0.062", "mg/kg"],
  ["W-01", "2026-06-15", "豇豆", "500154", "毒死蜱", "未检出", "mg/kg"],
  ["W-02", "2024-06-15", "芹菜", "511923", "毒死蜱", "0.13", "mg/kg"],
  ["W-03", "2023-05-11", "韭菜(散装称重)", "330106", "腐霉利", "0.5", "mg/kg"],
  ["W-04", "2024-06-15", "小白采", "330106", "毒死蜱", "0.01", "mg/kg"],
  ["W-05", "2024-13-01", "芹菜", "330106", "毒死蜱", "0.01", "mg/kg"]
]
const csv = `${csvRows.map((r) => r.join(",")).join("\n")}\n`

const reportsInPage = async (n: number) => {
  await page.waitForFunction((k: number) => (globalThis as any).nongan?.reports?.length === k, n, { timeout: 120_000 })
  return page.evaluate(() => JSON.parse(JSON.stringify((globalThis as any).nongan.reports)))
}

describe.skipIf(!have)("the web page in Chromium", () => {
  beforeAll(async () => {
    const { out } = await build()
    server = createServer((req, res) => {
      const file = join(out, decodeURIComponent((req.url ?? "/").split("?")[0]!).replace(/^\/$/, "/index.html"))
      if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end()
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file))
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    const { chromium } = serverRequire("playwright-core")
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    })
    page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1100, height: 1400 } })
    page.on("pageerror", (e: Error) => errors.push(String(e)))
    page.on("console", (m: any) => m.type() === "error" && errors.push(m.text()))
    await page.goto(`${base}/index.html`)
    await page.waitForSelector("body[data-ready]", { timeout: 120_000 })
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    server?.close()
  })

  it("loads, with the rule data, and no errors", async () => {
    expect(await page.getAttribute("body", "data-ready")).toBe("true")
    expect(await page.textContent("#status")).toContain("规则数据已加载")
    expect(errors).toEqual([])
  })

  it("judges the 5 000-record sample file in the page exactly as the SDK does", async () => {
    await page.setInputFiles("#file", join(root, "examples", "sampling-batch.jsonl"))
    const inPage = await reportsInPage(lines.length)
    // the SDK reads the very data the page fetched (written back out as files), so that a change
    // to rules/ between the build and this line cannot make them differ
    const data = JSON.parse(readFileSync(join(root, "examples", "web", "dist", "rules.json"), "utf8"))
    const dir = mkdtempSync(join(tmpdir(), "nongan-rules-"))
    for (const f of [...data.national, ...data.regions]) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true })
      writeFileSync(join(dir, f.path), JSON.stringify(f.json))
    }
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@nongan/rules", version: data.version }))
    const v = createValidator({ rulesDir: dir })
    if (!v.ok) throw new Error("validator")
    const sdk = lines.map((l) => {
      const r = v.value.validate(JSON.parse(l))
      return JSON.parse(JSON.stringify(r.ok ? r.report : r.failure))
    })
    expect(inPage).toHaveLength(5000)
    expect(inPage).toEqual(sdk)
    // the packs' hashes were computed in the browser (pure-JS sha-256) and equal Node's
    const withPacks = inPage.find((r: any) => r.packs?.length > 1)
    expect(withPacks.packs[0].hash).toMatch(/^[0-9a-f]{64}$/)
  }, 180_000)

  it("shows the batch as a chart of verdicts by product, and filters by verdict", async () => {
    expect(await page.locator("#chart svg rect").count()).toBeGreaterThan(10)
    await page.click('#filters button[data-filter="non-compliant"]')
    const verdicts: Array<string> = await page.$$eval("#results article", (as: Array<{ dataset: Record<string, string> }>) => as.map((a) => a.dataset.verdict!))
    expect(verdicts.length).toBeGreaterThan(0)
    expect(new Set(verdicts)).toEqual(new Set(["non-compliant"]))
    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: join(artifacts, "page-batch.png"), fullPage: false })
    await page.click('#filters button[data-filter="all"]')
  }, 60_000)

  it("judges a dropped CSV (Chinese headers, one row per analyte) as `nongan check` does, in zh-CN and en", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nongan-web-"))
    const file = join(dir, "lab.csv")
    writeFileSync(file, csv)
    await page.setInputFiles("#file", file)
    const inPage = await reportsInPage(5)
    const cli = (await run(["check", file, "--format", "jsonl", "--no-progress"])).stdout.trim().split("\n").map((l) => JSON.parse(l))
    const byId = (xs: Array<any>) => [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)))
    expect(byId(inPage)).toEqual(byId(cli))
    expect(inPage.find((r: any) => r.id === "W-05").error.code).toBe("invalid-date")
    await page.selectOption("#lang", "en")
    const en = await reportsInPage(5)
    const cliEn = (await run(["check", file, "--format", "jsonl", "--no-progress", "--lang", "en"])).stdout.trim().split("\n").map((l) => JSON.parse(l))
    expect(byId(en)).toEqual(byId(cliEn))
    expect(await page.textContent("h1")).toBe("nongan · judge in the browser")
    expect(await page.textContent("#results")).toContain("explanation")
    await page.click("#results details summary")
    expect(await page.textContent("#results pre")).toMatch(/judged as of/)
    await page.screenshot({ path: join(artifacts, "page-csv-en.png"), fullPage: true })
  }, 60_000)

  it("reads a dropped XLSX workbook like the same CSV", async () => {
    const ExcelJS = serverRequire("exceljs")
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("抽检")
    for (const r of csvRows) ws.addRow(r)
    const dir = mkdtempSync(join(tmpdir(), "nongan-web-"))
    const file = join(dir, "lab.xlsx")
    await wb.xlsx.writeFile(file)
    const before = await page.evaluate(() => (globalThis as any).nongan.reports)
    await page.evaluate(() => ((globalThis as any).nongan.reports = []))
    await page.setInputFiles("#file", file)
    const inPage = await reportsInPage(5)
    expect(inPage).toEqual(before)
  }, 60_000)

  it("judges pasted records (JSON Lines) with the judge button", async () => {
    await page.evaluate(() => ((globalThis as any).nongan.reports = []))
    await page.fill("#input", lines.slice(0, 3).join("\n") + "\n{broken")
    await page.click("#judge")
    const inPage = await reportsInPage(4)
    expect(inPage.slice(0, 3).map((r: any) => r.id)).toEqual(lines.slice(0, 3).map((l) => JSON.parse(l).id))
    expect(inPage[3].error.code).toBe("invalid-json")
    expect(await page.textContent("#source")).toContain("4")
  }, 30_000)

  it("renders the service's API reference page (/docs) from its OpenAPI document, and serves the page under /web/", async () => {
    const { buildServer } = await import("../../packages/server/src/Server")
    const s = buildServer({ logLevel: "silent", webDir: join(root, "examples", "web", "dist") })
    if (!s.ok) throw new Error("server")
    const url = await s.value.listen({ host: "127.0.0.1", port: 0 })
    const docs = await browser.newPage()
    await docs.goto(`${url}/docs`)
    await docs.waitForSelector("#op-validateBatch")
    expect(await docs.textContent("#op-validate")).toContain("/v1/validate")
    expect(await docs.locator("#schemas details").count()).toBeGreaterThan(20)
    await docs.screenshot({ path: join(artifacts, "api-docs.png") })
    // and `nongan serve --web examples/web/dist` serves the page itself
    await docs.goto(`${url}/web/`)
    await docs.waitForSelector("body[data-ready]", { timeout: 120_000 })
    expect(await docs.getAttribute("body", "data-ready")).toBe("true")
    await docs.close()
    await s.value.close()
  }, 60_000)

  it("looks up a limit", async () => {
    await page.fill("#ls", "呋喃丹")
    await page.fill("#lf", "长豆角")
    await page.fill("#ld", "2026-06-15")
    await page.click('#lookup button[type="submit"]')
    const text = await page.textContent("#limit")
    expect(text).toContain("克百威")
    expect(text).toContain("0.02 mg/kg")
    expect(text).toContain("GB 2763-2026")
    await page.fill("#lf", "小白采")
    await page.click('#lookup button[type="submit"]')
    expect(await page.textContent("#limit")).toContain("unknown-food")
    expect(errors).toEqual([])
  }, 30_000)
})
