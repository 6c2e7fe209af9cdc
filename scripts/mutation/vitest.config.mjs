// The unit tests Stryker runs for one part of the core (MUTATION_FOLDER, see folders.mjs).
import { defineConfig } from 'vitest/config';
import { FOLDERS } from './folders.mjs';

const folder = FOLDERS[process.env.MUTATION_FOLDER ?? ''];
if (!folder) throw new Error('MUTATION_FOLDER is not set: run npm run mutation -- <part>');

export default defineConfig({
  test: { include: folder.tests, testTimeout: 60_000, root: new URL('../..', import.meta.url).pathname },
});
