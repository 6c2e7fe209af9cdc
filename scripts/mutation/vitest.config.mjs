// The unit tests Stryker runs for one part of the core (MUTATION_FOLDER, see folders.mjs).
import { BaseSequencer } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { FOLDERS } from './folders.mjs';

const folder = FOLDERS[process.env.MUTATION_FOLDER ?? ''];
if (!folder) throw new Error('MUTATION_FOLDER is not set: run npm run mutation -- <part>');

// Tests that run another program (cfn-lint on templates, a generated project's own npm test) take
// seconds each and cover nearly every mutant: they stay in `npm test` and are left out here, where
// the other tests judge the mutants.
const EXTERNAL = /cfn-lint|the generated project's own tests/;

// A mutant runs only the tests that cover it and stops at the first that fails: the part's precise
// and quick test files (folder.first, in that order) run before the broad, slow ones (whole examples
// generated, validated against schemas), so most mutants are killed before those start. Survivors
// still run every covering test.
const first = folder.first ?? [];
const rank = (file) => {
  const i = first.findIndex((f) => file.endsWith(f));
  return i < 0 ? first.length : i;
};
class QuickFirst extends BaseSequencer {
  async sort(files) {
    return (await super.sort(files)).map((f, i) => [f, i]).sort(([a, i], [b, j]) => rank(a.moduleId) - rank(b.moduleId) || i - j).map(([f]) => f);
  }
}

export default defineConfig({
  test: {
    // MUTATION_TESTS=glob,… narrows the tests (with --files, for a bounded run: npm run mutation -- … --tests=…).
    include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : folder.tests,
    testTimeout: 60_000,
    root: new URL('../..', import.meta.url).pathname,
    sequence: { sequencer: QuickFirst },
    // shareModules: the test files of a run, and the runs of the mutants one after the other, share the
    // loaded modules of the core instead of loading them again for each file (vitest's isolate). Only
    // for parts whose code keeps no state between calls: Stryker switches mutants at run time, and a
    // value cached while one mutant was active would outlive it.
    isolate: !folder.shareModules,
    testNamePattern: new RegExp(`^(?!.*(?:${EXTERNAL.source})).*$`),
  },
});
