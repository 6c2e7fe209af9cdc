import { relative, resolve } from 'node:path';
import { analyze, locate } from '../../core/index';
import { describeLocation, filesNextTo, nodeFileSystem, planProject, projectLocation, writeIgnoreFile, writeProject } from '../../project/index';
import type { Command } from '../command';
import { onePositional, parseCommandArgs } from '../help';
import { encodingProblems, fastYamlOption, LineIndex, readText } from '../io';
import { breathe, startProgress } from '../progress';
import { forcedPaths, printSummary, reportUnwritten } from '../project-report';
import { splitLines } from '../split-report';

export const generateCommand: Command = {
  usage: 'archflow generate <file.arch.yaml> [options]',
  summary: 'Generate a deployable project: CloudFormation, typed handlers, build and tests.',
  args: [{ name: '<file>', description: 'An architecture file.' }],
  options: [
    { name: 'out', short: 'o', type: 'string', value: 'DIR', defaultText: 'the file\'s `output:`, else .archflow/<name>/ beside the file (git-ignored)', description: 'The project folder.' },
    { name: 'force', type: 'boolean', description: 'Generate even when the architecture has errors. `--force=<path>` (repeatable, or comma-separated) allows replacing that file of the project although Archflow did not write it or you edited it.' },
    { name: 'dry-run', type: 'boolean', description: 'Say what would be created, updated, replaced or left alone; write nothing.' },
  ],
  notes: [
    'Generating again rewrites the generated files and never the handlers in src/handlers/ (your code); a file Archflow did not write, or one you edited, is replaced only with --force=<path>.',
    'Where the project goes: docs/generate.md#where-the-project-goes.',
  ],
  examples: [
    { command: 'archflow generate orders.arch.yaml', what: 'Into orders.arch.yaml\'s `output:` folder, or .archflow/orders/ beside it.' },
    { command: 'archflow generate orders.arch.yaml --out orders-app', what: 'Into ./orders-app.' },
    { command: 'archflow generate orders.arch.yaml --dry-run', what: 'Show what would change.' },
    { command: 'archflow generate orders.arch.yaml --force=tsconfig.json', what: 'Replace a tsconfig.json you edited with the generated one.' },
  ],
  exitCodes: '0 generated, 1 errors in the architecture (without --force), in generation, or files not Archflow\'s to replace, 2 bad usage or an unreadable file',
  async run(argv, out) {
    const forced = forcedPaths(argv);
    const { values, positionals } = parseCommandArgs(this, forced.argv);
    const file = onePositional(positionals, 'one architecture file');
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text, { ...fastYamlOption(), files: filesNextTo(file) });
    const errors = [...encodingProblems(read), ...analysis.problems.filter((p) => p.severity === 'error')];
    if (errors.length > 0 && !values.force) {
      const index = new LineIndex(read.text);
      for (const p of errors) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} error ${p.code} ${p.message}`);
      }
      out.err(`archflow generate: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; fix them or pass --force.`);
      return 1;
    }
    const location = projectLocation(file, analysis.doc.value, values.out as string | undefined);
    const outDir = resolve(location.dir);
    const progress = startProgress(out);
    progress.phase(`generating ${analysis.graph.nodes.size} nodes`);
    await breathe();
    const plan = await planProject(nodeFileSystem, analysis, outDir, { architecture: resolve(file) });
    progress.phase(`writing ${plan.project.planned.length} files`);
    await breathe();
    const index = new LineIndex(read.text);
    for (const p of plan.problems) {
      const span = locate(analysis.doc.yaml, read.text, p.at, p.target);
      const pos = index.position(span.start);
      out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
    }
    const dryRun = values['dry-run'] === true;
    const outcome = await writeProject(nodeFileSystem, plan, { dryRun, replace: forced.replace }).finally(() => progress.done());
    if (!dryRun && outcome.status !== 'unsafe' && outcome.status !== 'refused') writeIgnoreFile(location);
    if (outcome.status === 'unsafe' || outcome.status === 'refused') return reportUnwritten('generate', outcome, out);
    const summary = outcome.summary;
    out.log(describeLocation(location, file));
    printSummary(summary, out, dryRun);
    for (const line of splitLines(plan.project)) out.log(line);
    if (summary.created.length > 0 && !dryRun) {
      const shown = relative(process.cwd(), outDir);
      out.log(`next: cd ${!shown ? '.' : shown.startsWith('..') ? summary.outDir : shown} && npm install && npm test`);
    }
    return plan.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
