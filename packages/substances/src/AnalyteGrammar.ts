/**
 * The declared data of the analyte grammar (see `AnalyteName`): the only lists the grammar uses.
 * Nothing here is guessed from the written name; every list is closed and small.
 *
 * @since 0.2.0
 */

/**
 * Chemical element symbols that an "expressed as" clause may name (`镉(以Cd计)`, `以pb计`). Only
 * these are compared case-insensitively; every other expressed-as name is compared exactly.
 *
 * @example
 * import { ELEMENT_SYMBOLS } from "@nongan/substances/AnalyteGrammar"
 * ELEMENT_SYMBOLS.includes("Cd") // true
 *
 * @since 0.2.0
 * @category data
 */
export const ELEMENT_SYMBOLS: ReadonlyArray<string> = ["Pb", "Cd", "Hg", "As", "Cr", "Sn", "Ni", "Cu", "Zn", "Al", "Se", "Ba", "Fe"]

/**
 * Written forms of one expressed-as basis that name the same thing (a formula and its Chinese
 * name). Each row is one equivalence class; GB 2762-2025 writes `亚硝酸盐（以 NaNO2 计）` and
 * market-regulation check lists write `亚硝酸盐(以亚硝酸钠计)` for the same basis.
 *
 * @example
 * import { EXPRESSED_AS_EQUIVALENTS } from "@nongan/substances/AnalyteGrammar"
 * EXPRESSED_AS_EQUIVALENTS[0] // ["NaNO2", "亚硝酸钠"]
 *
 * @since 0.2.0
 * @category data
 */
export const EXPRESSED_AS_EQUIVALENTS: ReadonlyArray<ReadonlyArray<string>> = [
  ["NaNO2", "亚硝酸钠"],
  ["NaNO3", "硝酸钠"],
  ["NO2-", "亚硝酸根"],
  ["NO3-", "硝酸根"]
]

/**
 * Bracketed words that mark a written name as a group or sum (`磺胺类（总量）`,
 * `土霉素/金霉素/四环素（组合含量)`).
 *
 * @example
 * import { GROUP_MARKERS } from "@nongan/substances/AnalyteGrammar"
 * GROUP_MARKERS.includes("组合含量") // true
 *
 * @since 0.2.0
 * @category data
 */
export const GROUP_MARKERS: ReadonlyArray<string> = ["总量", "组合含量", "总和", "合量"]

/**
 * Separators of a conjunction written by a standard (`咪鲜胺和咪鲜胺锰盐`) or of the parts of a
 * sum (`恩诺沙星与环丙沙星之和`). A conjunction reads only as an entry that declares it.
 *
 * @example
 * import { CONJUNCTIONS } from "@nongan/substances/AnalyteGrammar"
 * CONJUNCTIONS.includes("和") // true
 *
 * @since 0.2.0
 * @category data
 */
export const CONJUNCTIONS: ReadonlyArray<string> = ["和", "与", "及", "、"]

/**
 * The word ending a sum (`…之和`).
 *
 * @example
 * import { SUM_SUFFIX } from "@nongan/substances/AnalyteGrammar"
 * "恩诺沙星与环丙沙星之和".endsWith(SUM_SUFFIX) // true
 *
 * @since 0.2.0
 * @category data
 */
export const SUM_SUFFIX = "之和"

/**
 * The "expressed as" clause: `以X计` or `以X表示` (the standards' two wordings).
 *
 * @example
 * import { EXPRESSED_AS } from "@nongan/substances/AnalyteGrammar"
 * EXPRESSED_AS.exec("以Cd计")?.[1] // "Cd"
 *
 * @since 0.2.0
 * @category data
 */
export const EXPRESSED_AS = /^以(.+?)(?:计|表示)$/u

/**
 * Whether a written expressed-as basis is a declared chemical basis (an element symbol or a
 * formula of {@link EXPRESSED_AS_EQUIVALENTS}) rather than a catalogue entry: GB 2762 expresses
 * 铅 as Pb and 亚硝酸盐 as NaNO2.
 *
 * @example
 * import { isDeclaredBasis } from "@nongan/substances/AnalyteGrammar"
 * isDeclaredBasis("Pb") // true
 * isDeclaredBasis("克百威") // false
 *
 * @since 0.2.0
 * @category predicates
 */
export const isDeclaredBasis = (s: string): boolean =>
  ELEMENT_SYMBOLS.includes(s) || EXPRESSED_AS_EQUIVALENTS.some((row) => row.includes(s))
