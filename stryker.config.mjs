// StrykerJS for one part of the core at a time: `npm run mutation -- <part>` (scripts/mutation.mjs)
// sets MUTATION_FOLDER. The parts, their sources and their tests: scripts/mutation/folders.mjs.
// How to run it and read a surviving mutant: docs/testing.md.
import process from 'node:process';
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
// MUTATION_FILES=glob,… : mutate only these files of the part (a bounded run; Stryker's incremental mode carries
// the results of the part's other files over from the previous report, so the report grows chunk by chunk).
const files = (process.env.MUTATION_FILES ?? '').split(',').filter(Boolean);
const reports = `reports/mutation/${name}${only.length ? `-${only.join('-')}` : ''}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutation/vitest.config.mjs', related: false },
  checkers: ['typescript'],
  // A part's own checker project (folder.checker: its files and their imports, no project references,
  // no declarations emitted), else the whole server project in build mode.
  tsconfigFile: folder.checker ?? 'server/tsconfig.json',
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
