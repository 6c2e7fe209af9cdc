import type { ReplaceRequest, WriteOutcome, WriteSummary } from '../project/index';
import type { Output } from './command';

/**
 * Splits `--force=<path>` (repeatable: a generated-project file the person allows to be replaced)
 * from the other arguments; a bare `--force` keeps its own meaning.
 */
export function forcedPaths(argv: readonly string[]): { argv: string[]; replace: string[] } {
  const replace: string[] = [];
  const rest: string[] = [];
  for (const a of argv) {
    const m = /^--force=(.+)$/.exec(a);
    if (m) replace.push(...m[1]!.split(',').map((p) => p.trim().replace(/^\.\//, '')).filter(Boolean));
    else rest.push(a);
  }
  return { argv: rest, replace };
}

const s = (n: number): string => (n === 1 ? '' : 's');

/** The files that needed consent, with the way to give it. */
export function printRefused(command: string, files: readonly ReplaceRequest[], outDir: string, out: Output): void {
  out.err(`archflow ${command}: nothing written: ${files.length} file${s(files.length)} in ${outDir} ${files.length === 1 ? 'is' : 'are'} not Archflow's to replace:`);
  for (const f of files) out.err(`  ${f.path}: ${f.detail}`);
  out.err(`Move your changes to src/handlers/ (never overwritten), or allow the replacement with ${files.map((f) => `--force=${f.path}`).join(' ')}`);
}

/** Prints what a write did: one line per file that changed or needs attention, then the counts. */
export function printSummary(summary: WriteSummary, out: Output, dryRun = false): void {
  const verb = (past: string, future: string): string => (dryRun ? future : past);
  for (const p of summary.created) out.log(`${verb('created', 'would create')}   ${p}`);
  for (const p of summary.updated) out.log(`${verb('updated', 'would update')}   ${p}`);
  for (const f of summary.replaced) out.log(`${verb('replaced', 'would replace')}  ${f.path} (${f.detail})`);
  for (const f of summary.needsConsent) out.err(`note: ${f.path} would need --force=${f.path}: ${f.detail}`);
  for (const p of summary.orphanedHandlers) out.err(`note: ${p} left in place: its function is no longer in the architecture`);
  for (const p of summary.staleFiles) out.err(`note: ${p} left in place: no longer generated`);
  out.log(
    `${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ` +
    `${summary.leftAlone.length} left alone${summary.replaced.length ? `, ${summary.replaced.length} replaced` : ''}` +
    `${summary.orphanedHandlers.length ? `, ${summary.orphanedHandlers.length} orphaned handler${s(summary.orphanedHandlers.length)}` : ''} in ${summary.outDir}`,
  );
}

/** Reports a write that did not happen (an unsafe path, missing consent); returns the exit code. */
export function reportUnwritten(command: string, outcome: Extract<WriteOutcome, { status: 'unsafe' | 'refused' }>, out: Output): number {
  if (outcome.status === 'unsafe') out.err(`archflow ${command}: ${outcome.message}`);
  else printRefused(command, outcome.summary.needsConsent, outcome.summary.outDir, out);
  return 1;
}
