import type { Rate } from "./Kpi"

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/**
 * An SVG bar chart of the pass rate per product against a target line: one horizontal bar per
 * product (green when at or above the target, red below), its percentage and batch count, and a
 * dashed line at the target. Plain SVG text with no script, so it can be opened anywhere and
 * diffed in a review. The x axis runs from `floor` to 100 %: by default 90 %, or lower (in steps
 * of 10 points) when a rate is lower, so that a gap of one point is visible when rates are high;
 * a rate below a given floor is drawn at the floor and still labelled.
 *
 * @example
 * import { passRateChart } from "@nongan/sampling/Chart"
 * passRateChart([{ key: "豇豆", sampled: 100, passed: 97, failed: 3, indeterminate: 0, rapid: 0, rapidPositive: 0, rate: 0.97, percent: "97 %" }],
 *   { target: 0.98, label: "国家农产品质量安全县 98 %" }).startsWith("<svg") // true
 *
 * @since 0.1.0
 * @category constructors
 */
export const passRateChart = (
  rows: ReadonlyArray<Rate>,
  options: { readonly target?: number | undefined; readonly label?: string | undefined; readonly title?: string | undefined; readonly floor?: number | undefined } = {}
): string => {
  const data = rows.filter((r) => r.rate !== null)
  const lowest = Math.min(...data.map((r) => r.rate!), options.target ?? 1)
  const floor = options.floor ?? Math.min(0.9, Math.floor(lowest * 10) / 10)
  const left = 120
  const width = 420
  const bar = 18
  const gap = 8
  const top = 40
  const height = top + data.length * (bar + gap) + 40
  const x = (rate: number) => left + (Math.max(floor, Math.min(1, rate)) - floor) / (1 - floor) * width
  const out: Array<string> = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 140}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(options.title ?? "合格率 / pass rate by product")}</title>`,
    `<text x="${left}" y="20" font-size="14">${esc(options.title ?? "合格率 / pass rate by product")}</text>`
  ]
  for (let t = Math.ceil(floor * 100); t <= 100; t += floor >= 0.9 ? 2 : 10) {
    const px = x(t / 100).toFixed(1)
    out.push(`<line x1="${px}" y1="${top - 6}" x2="${px}" y2="${height - 30}" stroke="#ddd"/>`, `<text x="${px}" y="${height - 14}" text-anchor="middle" fill="#555">${t} %</text>`)
  }
  data.forEach((r, i) => {
    const y = top + i * (bar + gap)
    const ok = options.target === undefined || r.rate! >= options.target
    out.push(
      `<text x="${left - 6}" y="${y + bar - 5}" text-anchor="end">${esc(r.key)}</text>`,
      `<rect x="${left}" y="${y}" width="${(x(r.rate!) - left).toFixed(1)}" height="${bar}" fill="${ok ? "#2e7d32" : "#c62828"}"/>`,
      `<text x="${(x(r.rate!) + 4).toFixed(1)}" y="${y + bar - 5}" fill="#222">${esc(r.percent)} (${r.passed}/${r.sampled})</text>`
    )
  })
  if (options.target !== undefined) {
    const px = x(options.target).toFixed(1)
    out.push(
      `<line x1="${px}" y1="${top - 10}" x2="${px}" y2="${height - 30}" stroke="#1565c0" stroke-width="2" stroke-dasharray="6 3"/>`,
      `<text x="${px}" y="${top - 14}" text-anchor="middle" fill="#1565c0">${esc(options.label ?? `${(options.target * 100).toFixed(1)} %`)}</text>`
    )
  }
  out.push("</svg>")
  return `${out.join("\n")}\n`
}
