// The unit tests Stryker runs for one part of the core (MUTATION_FOLDER, see folders.mjs).
import { defineConfig } from 'vitest/config';
import { FOLDERS } from './folders.mjs';

const folder = FOLDERS[process.env.MUTATION_FOLDER ?? ''];
if (!folder) throw new Error('MUTATION_FOLDER is not set: run npm run mutation -- <part>');

// Tests that run another program (cfn-lint on templates, a generated project's own npm test) take
// seconds each and cover nearly every mutant: they stay in `npm test` and are left out here, where
// the other tests judge the mutants.
const EXTERNAL = /cfn-lint|the generated project's own tests/;

export default defineConfig({
  test: {
    // MUTATION_TESTS=glob,… narrows the tests (with --files, for a bounded run: npm run mutation -- … --tests=…).
    include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : folder.tests,
    testTimeout: 60_000,
    root: new URL('../..', import.meta.url).pathname,
    testNamePattern: new RegExp(`^(?!.*(?:${EXTERNAL.source})).*$`),
  },
});
