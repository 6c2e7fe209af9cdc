import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { generate, parseManifest } from '../../core/codegen/index';
import { analyze, locate, type Analysis } from '../../core/index';
import { GenerateRequest, type GenerateProblem, type GenerateResult } from '../../protocol-generate';
import { describeLocation, projectLocation } from '../../project-location';
import type { ArchServices } from '../services';

const lineOf = (text: string, offset: number): number => {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/** Answers `arch/generate`: the files of the generated project, computed by the core; nothing is written here. */
export function addGenerateHandler(connection: Connection, services: ArchServices): void {
  connection.onRequest(GenerateRequest.type, async (params): Promise<GenerateResult | null> => {
    const uri = params.textDocument.uri;
    let analysis: Analysis | undefined;
    if (params.text !== undefined) analysis = analyze(params.text, await services.optionsFor(uri));
    else analysis = await services.currentAnalysis(uri);
    if (!analysis) return null;
    const text = analysis.doc.text;
    const previous = parseManifest(params.previousManifest);
    const project = generate({ graph: analysis.graph, root: analysis.doc.value }, previous ? { previous } : {});
    const problems: GenerateProblem[] = [
      ...analysis.problems.filter((p) => p.severity !== 'info').map((p) => ({ severity: p.severity, code: p.code, message: p.message, line: lineOf(text, p.span.start) })),
      ...project.problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message, line: lineOf(text, locate(analysis.doc.yaml, text, p.at, p.target).start) })),
    ];
    let location: GenerateResult['location'];
    if (uri.startsWith('file:')) {
      const file = fileURLToPath(uri);
      const l = projectLocation(file, analysis.doc.value);
      location = { dir: l.dir, source: l.source, description: describeLocation(l, file, dirname(file)), ...(l.ignoreFile ? { ignoreFile: l.ignoreFile } : {}) };
    }
    return {
      name: analysis.graph.name ?? 'app',
      ...(location ? { location } : {}),
      files: project.planned.map((f) => ({ path: f.path, content: f.content, ownership: f.ownership })),
      orphanedHandlers: project.orphanedHandlers,
      staleFiles: project.staleFiles,
      problems,
    };
  });
}
