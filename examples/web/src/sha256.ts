// The browser build's stand-in for `node:crypto` (esbuild alias): only what the engine uses,
// `createHash("sha256").update(text).digest("hex")`, on a maintained pure-JS sha-256.
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"

export const createHash = (algorithm: string) => {
  if (algorithm !== "sha256") throw new Error(`only sha256 is available in the browser, not ${algorithm}`)
  const parts: Array<Uint8Array> = []
  const hash = {
    update(data: string | Uint8Array) {
      parts.push(typeof data === "string" ? utf8ToBytes(data) : data)
      return hash
    },
    digest(encoding: "hex") {
      if (encoding !== "hex") throw new Error("only hex digests")
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
      let at = 0
      for (const p of parts) all.set(p, at), (at += p.length)
      return bytesToHex(sha256(all))
    }
  }
  return hash
}
