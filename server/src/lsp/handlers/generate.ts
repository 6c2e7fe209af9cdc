import { dirname, isAbsolute, resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { locate, type Analysis, type Finding } from '../../core/index';
import { lineStarts, lineAt } from '../../core/util/lines';
import { nodeFileSystem, planProject, projectLocation, shownPath, writeIgnoreFile, writeProject, type WriteSummary } from '../../project/index';
import { GenerateRequest, type GenerateParams, type GenerateProblem, type GenerateResult } from '../../protocol-generate';
import { askChoice, askFolder, consentOverLsp } from '../ask';
import type { ArchServices } from '../services';

const NOTHING: Omit<WriteSummary, 'outDir'> = { created: [], updated: [], unchanged: [], leftAlone: [], replaced: [], needsConsent: [], orphanedHandlers: [], staleFiles: [] };

/** The architecture's problems (errors and warnings), then generation's, with their lines. */
function problemsOf(analysis: Analysis, generation: readonly Finding[]): GenerateProblem[] {
  const starts = lineStarts(analysis.doc.text);
  const line = (offset: number): number => lineAt(starts, offset);
  return [
    ...analysis.problems.filter((p) => p.severity !== 'info').map((p) => ({ severity: p.severity, code: p.code, message: p.message, line: line(p.span.start) })),
    ...generation.map((p) => ({ severity: p.severity, code: p.code, message: p.message, line: line(locate(analysis.doc.yaml, analysis.doc.text, p.at, p.target).start) })),
  ];
}

/**
 * Answers `arch/generate`: generates the project of an open document from its current analysis and
 * writes it with the project writer (server/src/project/), asking the person through the client
 * when the architecture has errors or files need consent.
 */
export function addGenerateHandler(connection: Connection, services: ArchServices): void {
  connection.onRequest(GenerateRequest.type, async (params: GenerateParams): Promise<GenerateResult | null> => {
    const uri = params.textDocument.uri;
    const analysis = await services.currentAnalysis(uri);
    if (!analysis) return null;
    const name = analysis.graph.name ?? 'app';
    const result = (status: GenerateResult['status'], message: string, outDir: string, summary: Omit<WriteSummary, 'outDir'> = NOTHING, problems: GenerateProblem[] = problemsOf(analysis, [])): GenerateResult =>
      ({ status, message, name, outDir, ...summary, problems });

    const file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    // Where the project goes: the request's folder, else the file's `output:`, else `.archflow/<name>/` beside it (project/location.ts).
    const location = file ? projectLocation(file, analysis.doc.value, params.outDir) : undefined;
    const start = params.outDir ?? location?.dir;
    if (start === undefined) return result('error', 'Save the architecture file first, or choose an output folder: the project is generated next to it.', '');
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 && !params.ignoreErrors && !params.dryRun) {
      const list = errors.slice(0, 5).map((p) => `line ${lineAt(lineStarts(analysis.doc.text), p.span.start) + 1}: ${p.message}`).join('\n');
      const go = await askChoice(services, `The architecture has ${errors.length} error${errors.length === 1 ? '' : 's'}; the generated project may not deploy.`, list, ['Generate Anyway']);
      if (go !== 'Generate Anyway') return result('cancelled', 'Not generated: the architecture has errors.', '');
    }
    const chosen = params.askFolder && !params.dryRun
      ? await askFolder(services, 'Archflow: Generate Project', 'Folder of the generated project (handlers you wrote there are never overwritten)', start)
      : start;
    if (chosen === undefined) return result('cancelled', 'Not generated: no folder was chosen.', '');
    if (!isAbsolute(chosen)) return result('error', `Not generated: '${chosen}' is not an absolute folder path.`, '');
    const outDir = resolve(chosen);

    const plan = await planProject(nodeFileSystem, analysis, outDir, file !== undefined ? { architecture: file } : {});
    const problems = problemsOf(analysis, plan.problems);
    const outcome = await writeProject(nodeFileSystem, plan, {
      ...(params.dryRun ? { dryRun: true } : {}), ...(params.replace ? { replace: params.replace } : {}), consent: consentOverLsp(services),
    });
    switch (outcome.status) {
      case 'unsafe':
        return result('error', `Not generated: ${outcome.message}`, outDir, NOTHING, problems);
      case 'refused': {
        const n = outcome.summary.needsConsent.length;
        return result('refused', `Not generated: ${n} file${n === 1 ? '' : 's'} in ${outDir} would have been replaced.`, outDir, outcome.summary, problems);
      }
      case 'dry-run':
        return result('dry-run', `Would generate '${name}' in ${outDir}.`, outDir, outcome.summary, problems);
      case 'written': {
        const s = outcome.summary;
        const where = location && location.source !== 'option' && resolve(location.dir) === outDir ? location : undefined;
        if (where) writeIgnoreFile(where);
        const orphans = s.orphanedHandlers.length ? ` ${s.orphanedHandlers.length} handler(s) of removed functions left in place.` : '';
        const ignored = where?.source === 'default' ? ` It is ignored by git: add \`output: ${name}-app\` to the file to keep the project and your handlers in the repository.` : '';
        return result('written', `Generated '${name}' in ${where && file ? shownPath(outDir, dirname(file)) : outDir} — ${s.created.length} created, ${s.updated.length + s.replaced.length} updated, ${s.unchanged.length} unchanged, ${s.leftAlone.length} left alone.${orphans}${ignored}`, outDir, s, problems);
      }
    }
  });
}
