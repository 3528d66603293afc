/**
 * The API reference page served at `/docs`: a small self-contained page (no network beyond the
 * service) that reads `/openapi.json` and lists every operation with its parameters, request
 * body and responses, and every schema.
 *
 * @example
 * import { referencePage } from "@nongan/server/ReferencePage"
 * referencePage().includes("/openapi.json") // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const referencePage = (): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>nongan API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2rem}.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
.m{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}.get{color:#0a6}.post{color:#06c}
code,pre{background:#f6f6f6;border-radius:4px}pre{padding:.5rem;overflow:auto;max-height:20rem}details{margin:.3rem 0}
</style></head><body>
<h1>nongan 农安 — HTTP API</h1>
<p>OpenAPI 3.1: <a href="/openapi.json"><code>/openapi.json</code></a>. Errors are typed (<code>code</code>, <code>path</code>, <code>message</code>); messages follow <code>Accept-Language</code> (zh-CN default, en).</p>
<div id="ops">loading…</div><h2>Schemas</h2><div id="schemas"></div>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const refName = (s) => !s ? "" : s.$ref ? '<a href="#' + esc(s.$ref.split("/").pop()) + '">' + esc(s.$ref.split("/").pop()) + "</a>"
  : s.oneOf ? "one of " + s.oneOf.map(refName).join(", ") : s.type === "array" ? "array of " + refName(s.items) : "<code>" + esc(s.type || JSON.stringify(s)) + "</code>";
fetch("/openapi.json").then((r) => r.json()).then((doc) => {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    const params = (op.parameters || []).map((p) => "<li><code>" + esc(p.name) + "</code> (" + esc(p.in) + (p.required ? ", required" : "") + ") " + esc(p.description || "") + "</li>").join("");
    const body = op.requestBody ? Object.entries(op.requestBody.content).map(([t, c]) => "<li><code>" + esc(t) + "</code>: " + refName(c.schema) + "</li>").join("") : "";
    const resp = Object.entries(op.responses).map(([code, r]) => "<li><b>" + esc(code) + "</b> " + esc(r.description) + (r.content ? " — " + Object.entries(r.content).map(([t, c]) => "<code>" + esc(t) + "</code> " + refName(c.schema)).join(", ") : "") + "</li>").join("");
    ops.push('<div class="op" id="op-' + esc(op.operationId) + '"><span class="m ' + method + '">' + method + "</span> <code>" + esc(path) + "</code> — " + esc(op.summary || "") +
      (op.description ? "<p>" + esc(op.description) + "</p>" : "") + (params ? "<div>parameters<ul>" + params + "</ul></div>" : "") + (body ? "<div>request body<ul>" + body + "</ul></div>" : "") + "<div>responses<ul>" + resp + "</ul></div></div>");
  }
  document.getElementById("ops").innerHTML = ops.join("");
  document.getElementById("schemas").innerHTML = Object.entries(doc.components.schemas).map(([n, s]) => '<details id="' + esc(n) + '"><summary><code>' + esc(n) + "</code></summary><pre>" + esc(JSON.stringify(s, null, 2)) + "</pre></details>").join("");
});
</script></body></html>
`
