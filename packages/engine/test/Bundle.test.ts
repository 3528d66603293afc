// The national-table bundle (issue 16, start-up): derived from the sources and checked, never
// hand-kept. Loading from a bundle gives exactly (structurally: classes, key order, Map order,
// decimals) the dataset the sources give; a bundle that does not fit the sources (other bytes,
// other schemas, another format) is not used; the national hash in reports is the same either way.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Schema } from "effect"
import { decoder, trustDecoded } from "@nongan/core/Decode"
import { getOrThrow } from "@nongan/core/Result"
import { nationalRef } from "@nongan/engine/Compose"
import {
  type Bundle,
  BUNDLE_FORMAT,
  bundleFits,
  type Dataset,
  type DataFile,
  fromBundle,
  fromFiles,
  nationalHash,
  schemaFingerprint,
  sourcesDigest,
  toBundle
} from "@nongan/engine/Dataset"
import { rulesFor } from "@nongan/engine/Effective"
import { sha256 } from "@nongan/engine/Hash"
import { asciiJson, parseSources, readBundleHeader, readSources, rulesDir } from "@nongan/sdk/Files"
import { dataVersion, loadComposition } from "@nongan/sdk/Packs"
import { loadDataset } from "@nongan/sdk/Validator"
import { beforeAll, describe, expect, it } from "vitest"
import { firstDifference } from "../../../scripts/same-value"

const dir = rulesDir()
let digest: string
let files: ReadonlyArray<DataFile>
let fromSources: Dataset
let text: { header: string; files: string }

/** A bundle as the loader reads it back: freshly parsed, so that reviving it cannot touch another copy. */
const parsed = () => ({ header: JSON.parse(text.header) as unknown, files: JSON.parse(text.files) as unknown })

beforeAll(() => {
  const s = getOrThrow(readSources(join(dir, "national"), dir))
  digest = s.digest
  files = getOrThrow(parseSources(s.files))
  fromSources = getOrThrow(fromFiles(files))
  const b: Bundle = getOrThrow(toBundle(files, digest))
  text = { header: asciiJson(b.header), files: asciiJson(b.files) }
})

describe("the national-table bundle", () => {
  it("loads exactly the dataset the sources load", () => {
    const b = parsed()
    const d = fromBundle(b.header, b.files, digest)
    expect(d?.ok).toBe(true)
    expect(firstDifference(d!.ok ? d!.value : undefined, fromSources, "dataset")).toBeUndefined()
    // and judges the same: every limit row, resolved the same way
    const ds = d!.ok ? d!.value : fromSources
    expect(ds.limits.rows().length).toBe(fromSources.limits.rows().length)
    expect(ds.limits.rows().map((r) => `${r.ref}=${r.row.limit?.toString() ?? "ND"}`)).toEqual(fromSources.limits.rows().map((r) => `${r.ref}=${r.row.limit?.toString() ?? "ND"}`))
  })

  it("is ASCII, and says the national hash Compose.nationalRef computes from the sources", () => {
    expect(/^[\x20-\x7e]*$/.test(text.header + text.files)).toBe(true)
    const h = JSON.parse(text.header) as { nationalHash: string; sources: string; format: number; fingerprint: string }
    expect(h.nationalHash).toBe(nationalRef(files, "x").hash)
    expect(h.nationalHash).toBe(nationalHash(files))
    expect(h.sources).toBe(digest)
    expect(h.format).toBe(BUNDLE_FORMAT)
    expect(h.fingerprint).toBe(schemaFingerprint())
  })

  it("is not used for other sources, other schemas or another format", () => {
    const b = parsed()
    expect(bundleFits(b.header, digest)).toBe(true)
    const other = sourcesDigest([{ path: "national/x.json", bytes: new TextEncoder().encode("{}") }])
    expect(fromBundle(b.header, b.files, other)).toBeUndefined()
    expect(fromBundle({ ...(b.header as object), fingerprint: sha256("other schemas") }, b.files, digest)).toBeUndefined()
    expect(fromBundle({ ...(b.header as object), format: BUNDLE_FORMAT + 1 }, b.files, digest)).toBeUndefined()
    // a file missing, or a malformed list: not used either
    expect(fromBundle(b.header, (b.files as Array<unknown>).slice(1), digest)).toBeUndefined()
    expect(fromBundle(b.header, [null], digest)).toBeUndefined()
  })

  it("the comparison would see a changed limit (it is not vacuous)", () => {
    const b = parsed()
    const list = b.files as Array<{ path: string; json: { rows?: Array<{ limit?: string }> } }>
    const table = list.find((f) => f.path.endsWith("gb2763-2026.json"))!
    const row = table.json.rows!.find((r) => r.limit === "0.05")!
    row.limit = "0.050001"
    const d = fromBundle(b.header, b.files, digest)
    expect(d?.ok).toBe(true)
    expect(firstDifference(d!.ok ? d!.value : undefined, fromSources, "dataset")).toMatch(/^dataset\./)
  })

  it("the sources digest covers paths and bytes exactly (whitespace included), with / on every platform", () => {
    const a = new TextEncoder().encode('{"a":1}')
    const b = new TextEncoder().encode('{"a": 1}')
    expect(sourcesDigest([{ path: "n/a.json", bytes: a }])).not.toBe(sourcesDigest([{ path: "n/a.json", bytes: b }]))
    expect(sourcesDigest([{ path: "n/a.json", bytes: a }])).not.toBe(sourcesDigest([{ path: "n/b.json", bytes: a }]))
    expect(sourcesDigest([{ path: "n\\a.json", bytes: a }])).toBe(sourcesDigest([{ path: "n/a.json", bytes: a }]))
  })
})

describe("loadDataset and loadComposition, with and without a bundle", () => {
  it("give the same dataset and the same national reference from a directory without a bundle", () => {
    const tmp = mkdtempSync(join(tmpdir(), "nongan-bundle-"))
    try {
      symlinkSync(join(dir, "national"), join(tmp, "national"), "dir")
      writeFileSync(join(tmp, "package.json"), JSON.stringify({ version: dataVersion(dir) }))
      expect(readBundleHeader(tmp)).toBeUndefined()
      const plain = getOrThrow(loadDataset(tmp))
      const here = getOrThrow(loadDataset(dir))
      expect(firstDifference(plain, fromSources, "dataset")).toBeUndefined()
      expect(firstDifference(here, fromSources, "dataset")).toBeUndefined()
      const a = getOrThrow(loadComposition(plain, { rulesDir: tmp, bundledPacks: false }))
      const b = getOrThrow(loadComposition(here, { rulesDir: dir, bundledPacks: false }))
      expect(a.national).toEqual(nationalRef(files, dataVersion(dir)))
      expect(b.national).toEqual(a.national)
      expect(Object.keys(b.national)).toEqual(["id", "jurisdiction", "version", "hash"])
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  })

  it("a stale bundle on disk is ignored (the sources are decoded)", () => {
    const tmp = mkdtempSync(join(tmpdir(), "nongan-bundle-"))
    try {
      symlinkSync(join(dir, "national"), join(tmp, "national"), "dir")
      const b = parsed()
      const stale = { ...(b.header as object), sources: sha256("other bytes") }
      mkdirSync(join(tmp, "dist"))
      // a stale bundle whose content would differ: were it used, the dataset would too
      const list = b.files as Array<{ path: string; json: { rows?: Array<{ limit?: string }> } }>
      list.find((f) => f.path.endsWith("gb2763-2026.json"))!.json.rows![0]!.limit = "123"
      writeFileSync(join(tmp, "dist", "national.bundle.json"), `${asciiJson(stale)}\n${asciiJson(list)}\n`, "latin1")
      expect(readBundleHeader(tmp)).toEqual(stale)
      expect(firstDifference(getOrThrow(loadDataset(tmp)), fromSources, "dataset")).toBeUndefined()
      const a = getOrThrow(loadComposition(fromSources, { rulesDir: tmp, bundledPacks: false }))
      expect(a.national.hash).toBe(nationalRef(files, "").hash)
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  })
})

describe("trustDecoded", () => {
  it("lets only the decoder of that very schema take the value as decoded", () => {
    const S = Schema.Struct({ a: Schema.NumberFromString })
    const T = Schema.Struct({ a: Schema.NumberFromString })
    const v = { a: 1 }
    expect(decoder(S)(v).ok).toBe(false)
    trustDecoded(v, S)
    const r = decoder(S)(v)
    expect(r.ok && r.value).toBe(v)
    expect(decoder(T)(v).ok).toBe(false)
    expect(decoder(S)({ a: 1 }).ok).toBe(false)
  })
})

describe("effective rule sets, built lazily", () => {
  it("a region's rule set is built on first use, once, and equals one built eagerly", async () => {
    const { buildRegions } = await import("@nongan/engine/Effective")
    const lazy = getOrThrow(loadComposition(fromSources))
    const eager = getOrThrow(loadComposition(fromSources))
    buildRegions(eager, true)
    for (const j of lazy.layers.keys()) {
      const r = rulesFor(lazy, j)
      expect(r).toBeDefined()
      expect(rulesFor(lazy, j)).toBe(r)
      expect(firstDifference(r, rulesFor(eager, j), j)).toBeUndefined()
    }
  })
})
