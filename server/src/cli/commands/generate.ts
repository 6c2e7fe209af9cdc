import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, locate } from '../../core/index';
import { defaultOutDir, nodeFileSystem, planProject, writeProject } from '../../project/index';
import type { Command } from '../command';
import { encodingProblems, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import { forcedPaths, printSummary, reportUnwritten } from '../project-report';

export const generateCommand: Command = {
  usage: 'archflow generate <file.arch.yaml> [--out <folder>] [--force] [--force=<path>…] [--dry-run]',
  summary: 'Generate a deployable project: CloudFormation, typed handlers, build and tests.',
  async run(argv, out) {
    const forced = forcedPaths(argv);
    const { values, positionals } = parseArgs({
      args: forced.argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const file = positionals[0]!;
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text, fastYamlOption());
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
    const outDir = resolve(values.out ?? defaultOutDir(file, analysis.graph.name));
    const plan = await planProject(nodeFileSystem, analysis, outDir);
    const index = new LineIndex(read.text);
    for (const p of plan.problems) {
      const span = locate(analysis.doc.yaml, read.text, p.at, p.target);
      const pos = index.position(span.start);
      out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
    }
    const outcome = await writeProject(nodeFileSystem, plan, { dryRun: values['dry-run'], replace: forced.replace });
    if (outcome.status === 'unsafe' || outcome.status === 'refused') return reportUnwritten('generate', outcome, out);
    const summary = outcome.summary;
    printSummary(summary, out, values['dry-run']);
    if (summary.created.length > 0 && !values['dry-run']) {
      const shown = relative(process.cwd(), outDir);
      out.log(`next: cd ${!shown ? '.' : shown.startsWith('..') ? summary.outDir : shown} && npm install && npm test`);
    }
    return plan.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
