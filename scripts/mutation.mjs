#!/usr/bin/env node
// Mutation testing of the core with StrykerJS, one part at a time (the parts: scripts/mutation/folders.mjs).
//
//   npm run mutation -- rules            one part (incremental: only mutants whose code or tests changed run again)
//   npm run mutation -- rules codegen    several, one after the other
//   npm run mutation -- --all            every part
//   npm run mutation -- rules --force    forget the previous results of that part and run every mutant
//   npm run mutation -- --scores         print the last score of every part, run nothing: with the files
//                                        measured out of all of the part's files, and whether that is the whole part
//   npm run mutation -- rules --only=EqualityOperator   only these mutators (comma-separated): a quick
//                                        hunt for missing boundary cases, reported apart (reports/mutation/rules-EqualityOperator)
//   npm run mutation -- rules --files=server/src/core/rules/sqs-*.ts   only these files of the part
//                                        (comma-separated globs): a bounded run; the results of the part's other
//                                        files already in its report are carried over, so runs of chunks add up
//   npm run mutation -- rules --files=… --tests=test/unit/rules/sqs-*.test.ts   and only these tests
//
// Reports: reports/mutation/<part>/index.html (open it in a browser), mutation.json, incremental.json.
// Not part of `npm test`: a full run of one part takes from minutes (permissions) to hours (rules) on
// two shared cores. How to read a surviving mutant: docs/testing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Instrumenter } from '@stryker-mutator/instrumenter';
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

/** A glob of folders.mjs (`**`, `*`, literal paths) as a regular expression over paths from the root. */
const globRegExp = (glob) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '(?:.*/)?')}$`);

/** Every file of a part: its `mutate` globs (a `!glob` takes files out), paths from the root. */
export function partFiles(name) {
  const globs = FOLDERS[name].mutate;
  const take = globs.filter((g) => !g.startsWith('!')).map(globRegExp);
  const drop = globs.filter((g) => g.startsWith('!')).map((g) => globRegExp(g.slice(1)));
  const found = new Set();
  for (const glob of globs.filter((g) => !g.startsWith('!'))) {
    const base = glob.split('/').filter((_, i, all) => !all.slice(0, i + 1).some((p) => p.includes('*'))).join('/');
    const dir = join(root, base);
    if (!existsSync(dir)) continue;
    const paths = base === glob ? [base] : readdirSync(dir, { recursive: true }).map((p) => `${base}/${String(p).replaceAll('\\', '/')}`);
    for (const p of paths) if (take.some((r) => r.test(p)) && !drop.some((r) => r.test(p))) found.add(p);
  }
  return [...found].sort();
}

/**
 * The score of a part from its last JSON report: killed (and timed out) over killed + survived + not covered,
 * and how much of the part the report covers: a bounded run (--files) reports only its files, with the
 * results of earlier runs carried over, so the report can hold a part only in part. A file counts as
 * measured when the report holds it, its source there is the file as it is now (else it is stale), and it
 * holds every mutant Stryker makes of that file (else a run bounded by lines measured it in part).
 */
export async function score(name) {
  const file = join(root, 'reports/mutation', reportName(name), 'mutation.json');
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const all = partFiles(name);
  const count = {};
  let mutants = 0;
  const measured = [];
  const stale = [];
  for (const [path, f] of Object.entries(report.files)) {
    const rel = relative(root, resolve(root, path)).replaceAll('\\', '/');
    if (!all.includes(rel)) continue;
    const current = readFileSync(join(root, rel), 'utf8');
    (f.source === current ? measured : stale).push(rel);
    for (const m of f.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
    mutants += f.mutants.length;
  }
  // Every mutant of the measured files, as Stryker's instrumenter makes them (the mutators of this report):
  // a file reported with fewer was measured by line ranges (--files=file:lines), in part.
  const made = await mutantsOf(measured);
  const partly = [];
  for (const rel of [...measured]) {
    const reported = Object.entries(report.files).find(([path]) => relative(root, resolve(root, path)).replaceAll('\\', '/') === rel)[1].mutants.length;
    const all = made.get(rel) ?? 0;
    if (reported < all) {
      measured.splice(measured.indexOf(rel), 1);
      partly.push(`${rel} (${reported} of ${all} mutants)`);
    }
  }
  const detected = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const undetected = (count.Survived ?? 0) + (count.NoCoverage ?? 0);
  const unmeasured = all.filter((f) => !measured.includes(f) && !stale.includes(f) && !partly.some((p) => p.startsWith(`${f} `)));
  return { count, detected, undetected, score: detected + undetected ? (100 * detected) / (detected + undetected) : 100, files: all.length, measured, partly, stale, unmeasured, mutants };
}

/** How many mutants Stryker's instrumenter makes of each file (with the mutators of --only, when given). */
async function mutantsOf(files) {
  const quiet = () => false;
  const noop = () => undefined;
  const logger = { isTraceEnabled: quiet, isDebugEnabled: quiet, isInfoEnabled: quiet, isWarnEnabled: quiet, isErrorEnabled: quiet, isFatalEnabled: quiet, trace: noop, debug: noop, info: noop, warn: noop, error: noop, fatal: noop };
  const result = await new Instrumenter(logger).instrument(
    files.map((f) => ({ name: join(root, f), content: readFileSync(join(root, f), 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  const counts = new Map();
  for (const m of result.mutants) {
    if (only.length && !only.includes(m.mutatorName)) continue;
    const rel = relative(root, m.fileName).replaceAll('\\', '/');
    counts.set(rel, (counts.get(rel) ?? 0) + 1);
  }
  return counts;
}

async function printScores(list) {
  console.log('\npart          score  target  files measured  mutants  killed  survived  no cover  timeout  compile errors  ignored');
  const notes = [];
  for (const name of list) {
    const s = await score(name);
    if (!s) {
      console.log(`${name.padEnd(12)}  (not run)    ${String(FOLDERS[name].target).padStart(6)}  ${`0 / ${partFiles(name).length}`.padStart(14)}`);
      continue;
    }
    const c = (k) => String(s.count[k] ?? 0).padStart(6);
    const whole = s.measured.length === s.files;
    console.log(`${name.padEnd(12)}  ${s.score.toFixed(1).padStart(5)}  ${String(FOLDERS[name].target).padStart(6)}  ${`${s.measured.length} / ${s.files}`.padStart(14)}  ${String(s.mutants).padStart(7)}  ${c('Killed')}  ${c('Survived').padStart(8)}  ${c('NoCoverage').padStart(8)}  ${c('Timeout').padStart(7)}  ${c('CompileError').padStart(14)}  ${c('Ignored').padStart(7)}${whole ? '  whole' : '  partial'}`);
    if (s.partly.length) notes.push(`${name}: ${s.partly.length} file(s) measured in part (a run bounded by lines): ${s.partly.join(', ')}`);
    if (s.stale.length) notes.push(`${name}: ${s.stale.length} file(s) changed since they were measured (their results are counted above, but not as measured): ${s.stale.join(', ')}`);
    if (!whole && s.unmeasured.length) notes.push(`${name}: ${s.unmeasured.length} file(s) never measured${s.unmeasured.length <= 10 ? `: ${s.unmeasured.join(', ')}` : ''}`);
  }
  console.log('\nA score holds only for the files measured; "whole" means every file of the part was measured on its code of today.');
  for (const n of notes) console.log(`  ${n}`);
}

if (args.includes('--scores')) {
  await printScores(names.length ? names : Object.keys(FOLDERS));
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
await printScores(names);
process.exit(failed ? 1 : 0);
