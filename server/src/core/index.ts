/**
 * Archflow's core: parse, schema, graph, rules, layout, codegen and editor features.
 *
 * **Invariant:** nothing under `core/` imports `vscode`, `vscode-languageserver*` or `fs`: the core is
 * pure data in, data out, so the language server, the CLI and the tests share it. (ESLint enforces it.)
 *
 * **Invariant:** the core works in UTF-16 offsets (`Span`). Positions (line/character) are made in
 * exactly one place, `lsp/convert.ts`, and in the CLI's formatter.
 *
 * **Invariant:** bad input is not an exception. Every analysis returns its value and its problems;
 * `analyze` never throws (fuzzed in test/unit/fuzz.test.ts).
 *
 * **Invariant:** rules and validators report JSON pointers; `parse/locate.ts` alone turns them into spans.
 *
 * **Invariant:** the graph is derived from two words only: `to` (producers, routers) and `emits` (consumers).
 *
 * **Invariant:** what a kind is and does (its section, typed settings, references, CloudFormation,
 * diagram face, samples, import mapping, snippet) lives in its module under `kinds/`, listed in the
 * registry `kinds/index.ts`; the IAM of every edge lives in one table, `model/edge-permissions.ts`.
 *
 * **Invariant:** the core keeps no state between analyses: what is derived once per analysis lives on the
 * graph (`analysis/derived.ts`), never in a module-level cache (ESLint refuses them).
 *
 * **Invariant:** every problem code the tool can report is in `problem-codes.ts` (rules through `RULES`).
 */
export { analyze, type Analysis, type AnalyzeOptions, type RuleSettings } from './analyze';
export { parse, type ArchDocument } from './parse/parse';
export { locate, pathAt, resolve } from './parse/locate';
export { buildGraph, FUNCTION_DEFAULTS } from './model/build-graph';
export type { Graph, GraphNode, GraphEdge, EventDecl, NameOccurrence } from './model/graph';
export { KINDS } from './model/kinds';
export { KIND_MODULES, kindModule, kindLabel, type KindModule, type NodeKind, type Lane, type Section } from './kinds/index';
export { RULES, RULES_BY_CODE } from './rules/index';
export { codeAnchor, docsUrl, DOCS_BASE, PROBLEM_CODES, PROBLEM_CODES_BY_CODE, type CodeOrigin, type ProblemCode } from './problem-codes';
export type { Rule } from './rules/rule';
export { DEFAULT_LIMITS, ADJUSTABLE_LIMITS, type Limits } from './facts/limits';
export { schema, validateSchema } from './schema/validate';
export type { Span, Problem, Finding, Pointer, Severity } from './span';
export { parseFix, type Fix, type FixKind } from './fix';
