#!/usr/bin/env node
// Mutation testing of the core with StrykerJS, one part at a time (the parts: scripts/mutation/folders.mjs).
//
//   npm run mutation -- rules            one part (incremental: only mutants whose code or tests changed run again)
//   npm run mutation -- rules codegen    several, one after the other
//   npm run mutation -- --all            every part
//   npm run mutation -- rules --force    forget the previous results of that part and run every mutant
//   npm run mutation -- --scores         print the last score of every part, run nothing
//   npm run mutation -- rules --only=EqualityOperator   only these mutators (comma-separated): a quick
//                                        hunt for missing boundary cases, reported apart (reports/mutation/rules-EqualityOperator)
//   npm run mutation -- rules --files=server/src/core/rules/sqs-*.ts   only these files of the part
//                                        (comma-separated globs): a bounded run; its report covers them only
//   npm run mutation -- rules --files=… --tests=test/unit/rules/sqs-*.test.ts   and only these tests
//
// Reports: reports/mutation/<part>/index.html (open it in a browser), mutation.json, incremental.json.
// Not part of `npm test`: a full run of one part takes from minutes (permissions) to hours (rules) on
// two shared cores. How to read a surviving mutant: docs/testing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FOLDERS } from './mutation/folders.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = (args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '').split(',').filter(Boolean);
const files = args.find((a) => a.startsWith('--files='))?.slice('--files='.length) ?? '';
const tests = args.find((a) => a.startsWith('--tests='))?.slice('--tests='.length) ?? '';
const reportName = (name) => `${name}${only.length ? `-${only.join('-')}` : ''}`;
const names = args.includes('--all') ? Object.keys(FOLDERS) : args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !FOLDERS[n]);
if (unknown.length || (names.length === 0 && !args.includes('--scores'))) {
  console.error(`usage: npm run mutation -- <part…> | --all [--force] | --scores\nparts: ${Object.entries(FOLDERS).map(([n, f]) => `\n  ${n.padEnd(12)} ${f.about}`).join('')}`);
  process.exit(2);
}

/** The score of a part from its last JSON report: killed (and timed out) over killed + survived + not covered. */
export function score(name) {
  const file = join(root, 'reports/mutation', reportName(name), 'mutation.json');
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const count = {};
  for (const f of Object.values(report.files)) for (const m of f.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  const detected = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const undetected = (count.Survived ?? 0) + (count.NoCoverage ?? 0);
  return { count, detected, undetected, score: detected + undetected ? (100 * detected) / (detected + undetected) : 100 };
}

function printScores(list) {
  console.log('\npart          score  target  killed  survived  no cover  timeout  compile errors  ignored');
  for (const name of list) {
    const s = score(name);
    if (!s) {
      console.log(`${name.padEnd(12)}  (not run)`);
      continue;
    }
    const c = (k) => String(s.count[k] ?? 0).padStart(6);
    console.log(`${name.padEnd(12)}  ${s.score.toFixed(1).padStart(5)}  ${String(FOLDERS[name].target).padStart(6)}  ${c('Killed')}  ${c('Survived').padStart(8)}  ${c('NoCoverage').padStart(8)}  ${c('Timeout').padStart(7)}  ${c('CompileError').padStart(14)}  ${c('Ignored').padStart(7)}`);
  }
}

if (args.includes('--scores')) {
  printScores(names.length ? names : Object.keys(FOLDERS));
  process.exit(0);
}

let failed = false;
for (const name of names) {
  // The tests read ../shared beside the checkout; the sandboxes live in <tmp>/archflow-stryker-<part>/sandbox-*.
  const temp = join(tmpdir(), `archflow-stryker-${name}`);
  mkdirSync(temp, { recursive: true });
  const link = join(temp, 'shared');
  rmSync(link, { force: true });
  if (existsSync(join(root, '../shared'))) symlinkSync(join(root, '../shared'), link, 'dir');
  mkdirSync(join(root, 'reports/mutation', reportName(name)), { recursive: true });
  console.log(`\n▶ mutation testing: ${name} (${FOLDERS[name].about})`);
  const r = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...(force ? ['--force'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_FOLDER: name, MUTATION_ONLY: only.join(','), MUTATION_FILES: files, MUTATION_TESTS: tests },
  });
  if (r.status !== 0) {
    failed = true;
    console.error(`✘ stryker failed for ${name} (exit ${r.status ?? r.signal})`);
  }
}
printScores(names);
process.exit(failed ? 1 : 0);
