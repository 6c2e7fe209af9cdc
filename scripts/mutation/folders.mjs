// The parts of the core that `npm run mutation` measures, each with the sources Stryker mutates and
// the unit tests that may kill those mutants. Scores and the reading of survivors: docs/testing.md.

/** @typedef {{ mutate: string[], tests: string[], target: number, about: string }} MutationFolder */

/** @type {Readonly<Record<string, MutationFolder>>} */
export const FOLDERS = {
  rules: {
    about: 'the lint rules (one module each)',
    mutate: ['server/src/core/rules/**/*.ts', '!server/src/core/rules/index.ts'],
    tests: ['test/unit/rules/**/*.test.ts', 'test/unit/rules-doc.test.ts', 'test/unit/examples.test.ts', 'test/unit/rule-settings.test.ts'],
    target: 85,
  },
  permissions: {
    about: 'the permissions table: what each edge needs (model/edge-permissions.ts)',
    mutate: ['server/src/core/model/edge-permissions.ts'],
    tests: ['test/unit/codegen/iam.test.ts', 'test/unit/codegen/template.test.ts', 'test/unit/codegen/generate.test.ts', 'test/unit/rules/iam-*.test.ts'],
    target: 85,
  },
  codegen: {
    about: 'code generation: template, IAM, handlers, types, samples, tests of the generated project',
    mutate: ['server/src/core/codegen/**/*.ts'],
    tests: ['test/unit/codegen/**/*.test.ts', 'test/unit/manifest.test.ts', 'test/unit/templates.test.ts', 'test/unit/project/**/*.test.ts'],
    target: 85,
  },
  kinds: {
    about: 'the node kinds: the settings, template resources and import mapping of each (core/kinds/)',
    mutate: ['server/src/core/kinds/**/*.ts'],
    tests: ['test/unit/kinds.test.ts', 'test/unit/kinds-*.test.ts', 'test/unit/import/**/*.test.ts', 'test/unit/codegen/**/*.test.ts', 'test/unit/schema.test.ts'],
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
    tests: ['test/unit/parse-*.test.ts', 'test/unit/fast-yaml.test.ts', 'test/unit/schema.test.ts'],
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
