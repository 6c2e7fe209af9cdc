// StrykerJS for one part of the core at a time: `npm run mutation -- <part>` (scripts/mutation.mjs)
// sets MUTATION_FOLDER. The parts, their sources and their tests: scripts/mutation/folders.mjs.
// How to run it and read a surviving mutant: docs/testing.md.
import process from 'node:process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOLDERS } from './scripts/mutation/folders.mjs';

const name = process.env.MUTATION_FOLDER ?? '';
const folder = FOLDERS[name];
if (!folder) throw new Error(`MUTATION_FOLDER must be one of ${Object.keys(FOLDERS).join(', ')} (run: npm run mutation -- <part>)`);
// MUTATION_ONLY=EqualityOperator,… : only these mutators (a quick hunt for missing boundary cases);
// its results are kept apart from the part's full run.
const only = (process.env.MUTATION_ONLY ?? '').split(',').filter(Boolean);
const MUTATORS = [
  'ArithmeticOperator', 'ArrayDeclaration', 'ArrowFunction', 'AssignmentOperator', 'BlockStatement', 'BooleanLiteral',
  'ConditionalExpression', 'EqualityOperator', 'LogicalOperator', 'MethodExpression', 'ObjectLiteral', 'OptionalChaining',
  'Regex', 'StringLiteral', 'UnaryOperator', 'UpdateOperator',
];
// MUTATION_FILES=glob,… : mutate only these files of the part (a bounded run; the report then covers them only).
const files = (process.env.MUTATION_FILES ?? '').split(',').filter(Boolean);
const reports = `reports/mutation/${name}${only.length ? `-${only.join('-')}` : ''}`;

/**
 * The project the TypeScript checker compiles once per mutant: the mutated files and what they import,
 * not the whole server (`server/tsconfig.json`: 343 files with the LSP server and the schemas). Measured
 * on `parse/locate.ts`: with the whole server the checker took ~95 % of the run's CPU (the test runner
 * waited for it), about 2 s of CPU per mutant. A mutant that compiles in its own file but would break a
 * caller's types is then run against the tests instead of being set aside as a compile error.
 * Written beside this file at each run (gitignored: scripts/mutation/.checker-*.tsconfig.json), so that
 * Stryker copies it into the sandbox.
 */
function checkerConfig() {
  const file = `scripts/mutation/.checker-${name}.tsconfig.json`;
  const include = (files.length ? files : folder.mutate).filter((g) => !g.startsWith('!')).map((g) => `../../${g}`);
  writeFileSync(file, JSON.stringify({
    extends: '../../tsconfig.base.json',
    compilerOptions: { rootDir: '../..', types: ['node'], composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true },
    include,
  }, null, 2) + '\n');
  return file;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutation/vitest.config.mjs', related: false },
  checkers: ['typescript'],
  tsconfigFile: checkerConfig(),
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: files.length ? files : folder.mutate,
  ignoreStatic: true,
  mutator: { excludedMutations: only.length ? MUTATORS.filter((m) => !only.includes(m)) : [] },
  // Two cores shared by several people: one test process, one checker.
  concurrency: 1,
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: folder.target, low: folder.target - 10, break: null },
  // Outside the worktree, with `shared` beside the sandboxes as it is beside the checkout (scripts/mutation.mjs links it).
  tempDirName: join(tmpdir(), `archflow-stryker-${name}`),
  cleanTempDir: 'always',
  // The first run of every test (coverage per test) on a loaded shared machine.
  dryRunTimeoutMinutes: 30,
  timeoutMS: 20_000,
  timeoutFactor: 2,
};
