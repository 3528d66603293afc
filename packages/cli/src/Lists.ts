import { listsAsOf } from "@nongan/credit/Lists"
import { prepare } from "@nongan/credit/Score"
import { csvField, type Streams } from "./Case"
import { setup } from "./Credit"

/**
 * `nongan lists`: red and black list membership as of a date, with the reason.
 *
 * @example
 * import { runLists } from "@nongan/cli/Lists"
 * typeof runLists // "function"
 *
 * @since 0.1.0
 * @category constructors
 */
export const runLists = async (argv: ReadonlyArray<string>, io: Streams): Promise<number> => {
  const s = setup(argv, io, { list: { type: "string" }, all: { type: "boolean" } })
  if (!s.ok) return s.code
  const format = String(s.values["format"] ?? "table")
  const only = s.values["list"]
  const rows = listsAsOf(prepare(s.model), s.events, s.asOf, s.values["all"] === true).filter((m) => only === undefined || m.list === only)
  if (format === "json") io.out.write(`${JSON.stringify({ model: s.model.id, layers: s.model.layers, asOf: s.asOf, memberships: rows }, null, 2)}\n`)
  else if (format === "csv") {
    io.out.write("list,kind,subject,asOf,member,since,until,rule,reason,events\n")
    for (const m of rows) io.out.write(`${[m.list, m.kind, m.subject, m.asOf, m.member, m.since, m.until, m.rule, m.reason, m.events.join(" ")].map(csvField).join(",")}\n`)
  } else for (const m of rows) io.out.write(`${m.kind === "black" ? "黑名单" : "红名单"} ${m.subject}  ${m.member ? "在册" : "不在册"}${m.since ? `  ${m.since}` : ""}${m.until ? `~${m.until}` : ""}  ${m.reason}${m.events.length ? `  [${m.events.join(", ")}]` : ""}\n`)
  return s.malformed > 0 ? 1 : 0
}
