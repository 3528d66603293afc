import { Either, Option, ParseResult, Schema, SchemaAST } from "effect"
import { type ErrorCode, make, type NonganError, type Path } from "./NonganError"
import { DEFAULT_LIMITS, toPlain } from "./Plain"
import { fail, ok, type Result } from "./Result"

const CODE_BY_IDENTIFIER: Record<string, ErrorCode> = {
  CalendarDate: "invalid-date",
  Decimal: "invalid-decimal",
  Unit: "invalid-unit",
  RegionCode: "invalid-region",
  EffectivePeriod: "date-order"
}

const identifierOf = (ast: SchemaAST.AST): string | undefined => {
  const id = SchemaAST.getIdentifierAnnotation(ast)
  if (Option.isSome(id)) return id.value
  if (SchemaAST.isRefinement(ast)) return identifierOf(ast.from)
  if (SchemaAST.isTransformation(ast)) return identifierOf(ast.to)
  return undefined
}

const shortValue = (u: unknown): string | undefined => {
  if (typeof u === "string") return u.length > 40 ? `${u.slice(0, 40)}…` : u
  if (typeof u === "number" || typeof u === "boolean") return String(u)
  return undefined
}

const expectedOf = (ast: SchemaAST.AST): string => {
  if (SchemaAST.isUnion(ast) && ast.types.every(SchemaAST.isLiteral)) {
    return ast.types.map((t) => String((t as SchemaAST.Literal).literal)).join(" | ")
  }
  if (SchemaAST.isLiteral(ast)) return String(ast.literal)
  return identifierOf(ast) ?? String(ast)
}

const typeError = (ast: SchemaAST.AST, actual: unknown, path: Path): NonganError => {
  const id = identifierOf(ast)
  const mapped = id ? CODE_BY_IDENTIFIER[id] : undefined
  const value = shortValue(actual)
  if (mapped) return make(mapped, path, value === undefined ? {} : { value })
  if (SchemaAST.isLiteral(ast) || (SchemaAST.isUnion(ast) && ast.types.every(SchemaAST.isLiteral))) {
    const expected = expectedOf(ast).split(" | ")
    return make("invalid-value", path, value === undefined ? { expected } : { value, expected })
  }
  return make("invalid-type", path, { expected: expectedOf(ast) })
}

const issuesOf = (issue: ParseResult.Composite): ReadonlyArray<ParseResult.ParseIssue> =>
  Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]

// a union member that failed on the value's type alone, without looking inside the value
const isShallow = (issue: ParseResult.ParseIssue): boolean =>
  issue._tag === "Type" || (issue._tag === "Composite" && SchemaAST.isUnion(issue.ast) && issuesOf(issue).every(isShallow))

const walk = (issue: ParseResult.ParseIssue, path: Path, out: Array<NonganError>): void => {
  switch (issue._tag) {
    case "Pointer": {
      const keys = Array.isArray(issue.path) ? issue.path : [issue.path]
      walk(issue.issue, [...path, ...keys.map((k) => (typeof k === "number" ? k : String(k)))], out)
      return
    }
    case "Composite": {
      const issues = issuesOf(issue)
      if (SchemaAST.isUnion(issue.ast)) {
        // members the value got into (a struct, a refined string) say what is wrong inside them
        const deep = issues.filter((i) => !isShallow(i))
        if (deep.length > 0) {
          for (const i of deep) walk(i, path, out)
          return
        }
        // otherwise the value is of no member's type (`"ppm"` for a unit): one error, not one per
        // member; an `undefined` member only marks an optional field and is not worth naming
        const defined = issues.filter((i) => !(i._tag === "Type" && SchemaAST.isUndefinedKeyword(i.ast)))
        if (defined.length === 1 && issues.length > 1) return walk(defined[0]!, path, out)
        out.push(typeError(issue.ast, issue.actual, path))
        return
      }
      for (const i of issues) walk(i, path, out)
      return
    }
    case "Missing":
      out.push(make("missing-field", path))
      return
    case "Unexpected":
      out.push(make("unexpected-field", path))
      return
    case "Refinement": {
      if (issue.kind === "From") return walk(issue.issue, path, out)
      const id = identifierOf(issue.ast)
      const code = (id && CODE_BY_IDENTIFIER[id]) || "invalid-value"
      const value = shortValue(issue.actual)
      out.push(make(code, path, value === undefined ? {} : { value }))
      return
    }
    case "Transformation":
      return walk(issue.issue, path, out)
    case "Type":
      out.push(typeError(issue.ast, issue.actual, path))
      return
    case "Forbidden":
      out.push(make("invalid-value", path))
      return
  }
}

/**
 * Turns an Effect parse issue into typed nongan errors, each with its path.
 *
 * @example
 * import { Either, ParseResult, Schema } from "effect"
 * import { fromParseIssue } from "@nongan/core/Decode"
 * const r = Schema.decodeUnknownEither(Schema.Struct({ a: Schema.Number }))({})
 * if (Either.isLeft(r)) fromParseIssue(r.left.issue)[0]?.code // "missing-field"
 *
 * @since 0.1.0
 * @category errors
 */
export const fromParseIssue = (issue: ParseResult.ParseIssue, path: Path = []): ReadonlyArray<NonganError> => {
  const out: Array<NonganError> = []
  walk(issue, path, out)
  return out.length > 0 ? out : [make("invalid-value", path)]
}

const trusted = new WeakMap<object, unknown>()
let trusting = false

/**
 * Marks a value as the output of decoding with `schema`, so that the decoders made from that same
 * schema object (see {@link decoder}) return it as it is instead of decoding it again. Only for
 * values the caller has just rebuilt from a decoding it checked: the national-table bundle
 * (`@nongan/engine/Dataset.fromBundle`), which is keyed by the sha-256 of the source files and
 * proven equal to decoding them (packages/engine/test/Bundle.test.ts). The value itself is the
 * key (a `WeakMap`): nothing else can be passed off as decoded.
 *
 * @example
 * import { Schema } from "effect"
 * import { decoder, trustDecoded } from "@nongan/core/Decode"
 * const S = Schema.Struct({ a: Schema.Number })
 * const v = { a: 1 }
 * trustDecoded(v, S)
 * decoder(S)(v).ok // true
 *
 * @since 0.4.0
 * @category constructors
 */
export const trustDecoded = (value: object, schema: Schema.Schema.Any): void => {
  trusted.set(value, schema)
  trusting = true
}

/**
 * Makes a plain decoder from a schema: unknown input in, a {@link Result} out. Never throws on
 * bad input; excess properties are errors, so a typo in a field name is not silently dropped.
 *
 * @example
 * import { Schema } from "effect"
 * import { decoder } from "@nongan/core/Decode"
 * import { Citation } from "@nongan/core/Citation"
 * const decodeCitation = decoder(Citation)
 * decodeCitation({ instrument: "GB 2763-2021" }).ok // true
 * decodeCitation({}).ok // false
 *
 * @since 0.1.0
 * @category constructors
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })
  const run = (u: unknown, path: Path): Result<A, NonganError> => {
    // a value this very schema already decoded (a checked bundle, see trustDecoded) is its own decoding
    if (trusting && typeof u === "object" && u !== null && trusted.get(u) === schema) return ok(u as A)
    const r = decode(u)
    return Either.isRight(r) ? ok(r.right) : fail(...fromParseIssue(r.left.issue, path))
  }
  return (u: unknown, path: Path = []): Result<A, NonganError> => {
    try {
      return run(u, path)
    } catch {
      // a hostile value (a throwing getter, a Proxy, a cycle, a huge array): read it as plain
      // data, which says what is wrong with it, and decode that; never throw
      return decodeUnsafe(run, u, path)
    }
  }
}

/**
 * Runs a decoder that threw on a value again on a plain copy of it ({@link toPlain}): the copy's
 * errors (`unreadable-input`, `too-large`, with paths) if it cannot be made, else the decoder's
 * result on the copy; a second throw is `unreadable-input`. Never throws.
 *
 * @example
 * import { decodeUnsafe } from "@nongan/core/Decode"
 * import { ok } from "@nongan/core/Result"
 * decodeUnsafe((u) => ok(u), { a: 1 }, []).ok // true
 *
 * @since 0.2.0
 * @category constructors
 */
export const decodeUnsafe = <A>(run: (u: unknown, path: Path) => Result<A, NonganError>, u: unknown, path: Path): Result<A, NonganError> => {
  const plain = toPlain(u, DEFAULT_LIMITS, path)
  if (!plain.ok) return plain
  try {
    return run(plain.value, path)
  } catch {
    return fail(make("unreadable-input", path, { detail: "throws" }))
  }
}
