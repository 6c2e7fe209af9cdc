import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { UnsafePathError, readPreviousManifest, writeProject, type WriteSummary } from '../../codegen-writer';
import { generate } from '../../core/codegen/index';
import { analyze, locate } from '../../core/index';
import { encodingProblems, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import type { Command, Output } from '../main';

/** The default output folder: `<folder of the file>/<architecture name>-app`. */
export function defaultOutDir(file: string, name: string | undefined): string {
  const base = name ?? basename(file).replace(/\.arch\.ya?ml$/, '').replace(/\.ya?ml$/, '');
  return join(dirname(file), `${base}-app`);
}

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
  usage: 'archflow generate <file.arch.yaml> [--out <folder>] [--force] [--dry-run]',
  summary: 'Generate a deployable project: CloudFormation, typed handlers, build and tests.',
  run(argv, out) {
    const { values, positionals } = parseArgs({
      args: [...argv],
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
    const outDir = values.out ?? defaultOutDir(file, analysis.graph.name);
    const previous = readPreviousManifest(outDir);
    const project = generate({ graph: analysis.graph, root: analysis.doc.value }, previous ? { previous } : {});
    const index = new LineIndex(read.text);
    for (const p of project.problems) {
      const span = locate(analysis.doc.yaml, read.text, p.at, p.target);
      const pos = index.position(span.start);
      out.err(`${file}:${pos.line}:${pos.column} ${p.severity} ${p.code} ${p.message}`);
    }
    let summary: WriteSummary;
    try {
      summary = writeProject(outDir, project, { dryRun: values['dry-run'], ...(previous ? { previous } : {}) });
    } catch (err) {
      if (err instanceof UnsafePathError) {
        out.err(`archflow generate: ${err.message}`);
        return 1;
      }
      throw err;
    }
    printSummary(summary, out, values['dry-run']);
    if (summary.created.length > 0 && !values['dry-run']) {
      const shown = relative(process.cwd(), outDir);
      out.log(`next: cd ${!shown ? '.' : shown.startsWith('..') ? summary.outDir : shown} && npm install && npm test`);
    }
    return project.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
