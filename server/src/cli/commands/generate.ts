import { relative } from 'node:path';
import { UnsafePathError, readPreviousManifest, writeProject, type WriteSummary } from '../../codegen-writer';
import { generate } from '../../core/codegen/index';
import { analyze, locate } from '../../core/index';
import { describeLocation, projectLocation, writeIgnoreFile } from '../../project-location';
import { onePositional, parseCommandArgs } from '../help';
import { LineIndex, readText } from '../io';
import type { Command, Output } from '../main';
import { breathe, startProgress } from '../progress';

/** Prints what a generation did: one line per file that changed or needs attention, then the counts. */
export function printSummary(summary: WriteSummary, out: Output, dryRun = false): void {
  const verb = (past: string, future: string): string => (dryRun ? future : past);
  for (const p of summary.created) out.log(`${verb('created', 'would create')}   ${p}`);
  for (const p of summary.updated) out.log(`${verb('updated', 'would update')}   ${p}`);
  for (const p of summary.replacedEdited) out.err(`warning: ${p} was edited since it was generated; ${verb('replaced it', 'it would be replaced')} (src/generated/ and the other generated files are rewritten on every generation)`);
  for (const p of summary.orphanedHandlers) out.err(`note: ${p} left in place: its function is no longer in the architecture`);
  for (const p of summary.staleFiles) out.err(`note: ${p} left in place: no longer generated`);
  const s = (n: number): string => (n === 1 ? '' : 's');
  out.log(
    `${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ` +
    `${summary.leftAlone.length} left alone${summary.replacedEdited.length ? `, ${summary.replacedEdited.length} edited file${s(summary.replacedEdited.length)} replaced` : ''}` +
    `${summary.orphanedHandlers.length ? `, ${summary.orphanedHandlers.length} orphaned handler${s(summary.orphanedHandlers.length)}` : ''} in ${summary.outDir}`,
  );
}

export const generateCommand: Command = {
  usage: 'archflow generate <file.arch.yaml> [options]',
  summary: 'Generate a deployable project: CloudFormation, typed handlers, build and tests.',
  args: [{ name: '<file>', description: 'An architecture file.' }],
  options: [
    { name: 'out', short: 'o', type: 'string', value: 'DIR', defaultText: 'the file\'s `output:`, else .archflow/<name>/ beside the file (git-ignored)', description: 'The project folder.' },
    { name: 'force', type: 'boolean', description: 'Generate even when the architecture has errors.' },
    { name: 'dry-run', type: 'boolean', description: 'Say what would be created, updated or left alone; write nothing.' },
  ],
  notes: [
    'Generating again rewrites the generated files and never the handlers in src/handlers/ (your code).',
    'Where the project goes: docs/generate.md#where-the-project-goes.',
  ],
  examples: [
    { command: 'archflow generate orders.arch.yaml', what: 'Into orders.arch.yaml\'s `output:` folder, or .archflow/orders/ beside it.' },
    { command: 'archflow generate orders.arch.yaml --out orders-app', what: 'Into ./orders-app.' },
    { command: 'archflow generate orders.arch.yaml --dry-run', what: 'Show what would change.' },
  ],
  exitCodes: '0 generated, 1 errors in the architecture (without --force) or in generation, 2 bad usage or an unreadable file',
  async run(argv, out) {
    const { values, positionals } = parseCommandArgs(this, argv);
    const file = onePositional(positionals, 'one architecture file');
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text);
    const errors = analysis.problems.filter((p) => p.severity === 'error');
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
    const outDir = location.dir;
    out.log(describeLocation(location, file));
    const progress = startProgress(out);
    progress.phase(`generating ${analysis.graph.nodes.size} nodes`);
    await breathe();
    const previous = readPreviousManifest(outDir);
    const project = generate({ graph: analysis.graph, root: analysis.doc.value }, previous ? { previous } : {});
    progress.phase(`writing ${project.planned.length} files`);
    await breathe();
    const index = new LineIndex(read.text);
    for (const p of project.problems) {
      const span = locate(analysis.doc.yaml, read.text, p.at, p.target);
      const pos = index.position(span.start);
      out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
    }
    let summary: WriteSummary;
    try {
      summary = writeProject(outDir, project, { dryRun: values['dry-run'] === true, ...(previous ? { previous } : {}) });
      if (values['dry-run'] !== true) writeIgnoreFile(location);
    } catch (err) {
      if (err instanceof UnsafePathError) {
        out.err(`archflow generate: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      progress.done();
    }
    printSummary(summary, out, values['dry-run'] === true);
    if (summary.created.length > 0 && !values['dry-run']) {
      const shown = relative(process.cwd(), outDir);
      out.log(`next: cd ${!shown ? '.' : shown.startsWith('..') ? summary.outDir : shown} && npm install && npm test`);
    }
    return project.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
