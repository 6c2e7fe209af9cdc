// The parts of the core that `npm run mutation` measures, each with the sources Stryker mutates and
// the unit tests that may kill those mutants. Scores and the reading of survivors: docs/testing.md.
import { readdirSync } from 'node:fs';

/**
 * The rule tables (test/unit/rules/<rule>.test.ts), each a rule's own cases: a mutant of a rule module
 * is covered by its table, the tables of the rules that import it, and the broad files that run every
 * table or every rule (problem-nodes, quick-fixes, rule-settings, examples, rules-doc).
 */
const BROAD_RULE_TESTS = ['rules/problem-nodes.test.ts', 'rules/quick-fixes.test.ts', 'rule-settings.test.ts', 'examples.test.ts'];
const ruleTables = readdirSync(new URL('../../test/unit/rules/', import.meta.url))
  .filter((f) => f.endsWith('.test.ts') && !BROAD_RULE_TESTS.includes(`rules/${f}`))
  .sort()
  .map((f) => `rules/${f}`);

/**
 * `first`: test files (path endings) a mutant runs before its other covering tests, in this order:
 * the precise, quick ones (scripts/mutation/vitest.config.mjs).
 * `shareModules`: the tests share the loaded modules between files and mutants (vitest without
 * isolate): only where the mutated code caches nothing across calls (scripts/mutation/vitest.config.mjs).
 * `checker`: the tsconfig the TypeScript checker uses for the part: its files and what they import,
 * without the projects that import them (a mutant is checked in a fraction of the time); else server/tsconfig.json.
 * @typedef {{ mutate: string[], tests: string[], first?: string[], shareModules?: boolean, checker?: string, target: number, about: string }} MutationFolder
 */

/** @type {Readonly<Record<string, MutationFolder>>} */
export const FOLDERS = {
  rules: {
    about: 'the lint rules (one module each)',
    mutate: ['server/src/core/rules/**/*.ts', '!server/src/core/rules/index.ts'],
    tests: ['test/unit/rules/**/*.test.ts', 'test/unit/rules-doc.test.ts', 'test/unit/examples.test.ts', 'test/unit/rule-settings.test.ts'],
    // The rule tables (quick: one rule, small architectures, exact spans and messages) before the broad
    // files that run every table again or analyse whole examples; rules-doc.test.ts, not listed, last.
    first: [...ruleTables, ...BROAD_RULE_TESTS],
    // Not shareModules: a mutant can change module state that would outlive it (graph-loop.ts pushes
    // into its shared empty list NONE when `edges === NONE` is mutated to false), and problem-nodes and
    // quick-fixes collect the tables by importing them, which a test file already loaded would not do
    // again (docs/testing.md, "Measuring rules").
    checker: 'scripts/mutation/tsconfig.rules.json',
    target: 85,
  },
  permissions: {
    about: 'the permissions table: what each edge needs (model/edge-permissions.ts)',
    mutate: ['server/src/core/model/edge-permissions.ts'],
    tests: ['test/unit/iam/edge-permissions.test.ts', 'test/unit/codegen/iam.test.ts', 'test/unit/codegen/template.test.ts', 'test/unit/codegen/generate.test.ts', 'test/unit/rules/iam-*.test.ts'],
    first: ['iam/edge-permissions.test.ts', 'codegen/iam.test.ts', 'rules/iam-missing-permission.test.ts', 'rules/iam-access.test.ts', 'rules/iam-policy-resource.test.ts', 'rules/iam-external-arn.test.ts'],
    // edge-permissions.ts keeps nothing between calls (its tables are constants; graph.memo lives with each graph).
    shareModules: true,
    checker: 'scripts/mutation/tsconfig.permissions.json',
    target: 85,
  },
  codegen: {
    about: 'code generation: template, IAM, handlers, types, samples, tests of the generated project',
    mutate: ['server/src/core/codegen/**/*.ts'],
    tests: ['test/unit/codegen/**/*.test.ts', 'test/unit/manifest.test.ts', 'test/unit/templates.test.ts', 'test/unit/project/**/*.test.ts'],
    first: ['codegen/names.test.ts', 'codegen/json-schema-to-ts.test.ts', 'codegen/iam.test.ts', 'codegen/generate.test.ts'],
    // The generator keeps nothing between calls (no module-level caches in core/codegen).
    shareModules: true,
    checker: 'scripts/mutation/tsconfig.codegen.json',
    target: 85,
  },
  kinds: {
    about: 'the node kinds: the settings, template resources and import mapping of each (core/kinds/)',
    mutate: ['server/src/core/kinds/**/*.ts'],
    tests: ['test/unit/kinds.test.ts', 'test/unit/kinds-*.test.ts', 'test/unit/import/**/*.test.ts', 'test/unit/codegen/**/*.test.ts', 'test/unit/schema.test.ts'],
    // The kinds' own tables first, then import and codegen (whole templates), schema.test.ts last.
    // Not shareModules: kinds/function.ts keeps the settings it falls back to (FALLBACK), made by the code a mutant changes.
    first: ['kinds.test.ts', 'kinds-external.test.ts', 'codegen/fifo.test.ts', 'codegen/iam.test.ts', 'codegen/template.test.ts'],
    checker: 'scripts/mutation/tsconfig.kinds.json',
    target: 85,
  },
  import: {
    about: 'import of SAM/CloudFormation templates: the mapping to an architecture',
    mutate: ['server/src/core/import/**/*.ts'],
    tests: ['test/unit/import/**/*.test.ts'],
    checker: 'scripts/mutation/tsconfig.import.json',
    target: 75,
  },
  parse: {
    about: 'parse and locate: text → document, pointer ↔ span, the fast YAML path',
    mutate: ['server/src/core/parse/**/*.ts'],
    // Not test/unit/fuzz.test.ts: it analyses every example hundreds of times (about 25 s), covers every
    // mutant of the part and asserts only that nothing throws; in `npm test` it stays.
    tests: ['test/unit/parse-*.test.ts', 'test/unit/fast-yaml*.test.ts', 'test/unit/schema.test.ts'],
    // The tables of exact problems and spans (small texts, ~0.5 s each) before fast-yaml.test.ts (the
    // corpus and generated files through both paths) and schema.test.ts.
    first: ['parse-problems.test.ts', 'parse-spans.test.ts', 'parse-locate.test.ts'],
    checker: 'scripts/mutation/tsconfig.parse.json',
    target: 75,
  },
  patterns: {
    about: 'the EventBridge pattern compiler, matcher, schedules and samples',
    mutate: ['server/src/core/eventbridge/**/*.ts'],
    tests: ['test/unit/eventbridge/**/*.test.ts'],
    checker: 'scripts/mutation/tsconfig.patterns.json',
    target: 75,
  },
};
