import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../../core/index';
import { renderSvg } from '../../../../renderer/src/svg';
import { PALETTES } from '../../../../renderer/src/theme';
import { buildDiagramModel, layoutWithBudget, toDrawing, type LaidOutDiagram } from '../../core/layout/index';
import { createWorkerRunner } from '../../layout/layout-runner';
import { encodingProblems, fastYamlOption, readText, UsageError } from '../io';
import type { Command } from '../command';

const FORMATS = ['svg', 'json', 'dot'] as const;
const THEMES = ['light', 'dark', 'high-contrast'] as const;

const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The diagram as Graphviz DOT: one cluster per lane, edges with their labels. */
export function toDot(diagram: LaidOutDiagram): string {
  const lines = [`digraph ${quote(diagram.name ?? 'architecture')} {`, '  rankdir=LR;', '  newrank=true;',
    '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const lane of diagram.lanes) {
    lines.push(`  subgraph ${quote(`cluster_${lane.lane}`)} {`, `    label=${quote(lane.title)};`, '    style="rounded,dashed";');
    for (const n of diagram.nodes.filter((x) => x.lane === lane.lane)) {
      const badge = n.problems.worst ? ` [${n.problems.count} ${n.problems.worst}${n.problems.count === 1 ? '' : 's'}]` : '';
      lines.push(`    ${quote(n.id)} [label=${quote(`${n.id}\n${n.subtitle}${badge}`)}];`);
    }
    lines.push('  }');
  }
  for (const e of diagram.edges) {
    const attrs = [`id=${quote(e.id)}`];
    if (e.label) attrs.push(`label=${quote(e.label)}`);
    if (e.kind === 'dead-letter' || e.kind === 'on-failure') attrs.push('style=dashed', 'color="#d03a3a"');
    if (e.kind === 'emit') attrs.push('color="#1a85ff"');
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

export const graph: Command = {
  usage: 'archflow graph <file> [--format svg|json|dot] [--theme light|dark|high-contrast] [--output FILE]',
  summary: 'Draw the architecture: the laid-out diagram as SVG (the editor\'s renderer), JSON or Graphviz DOT.',
  async run(argv, out) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'svg' },
        theme: { type: 'string', default: 'light' },
        output: { type: 'string', short: 'o' },
      },
    });
    const format = values.format as (typeof FORMATS)[number];
    const theme = values.theme as (typeof THEMES)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be svg, json or dot, not '${values.format}'`);
    if (!THEMES.includes(theme)) throw new UsageError(`--theme must be light, dark or high-contrast, not '${values.theme}'`);
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const file = positionals[0]!;
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text, fastYamlOption());
    // ELK in a worker thread, so the layout deadline can stop it (budget.ts; docs/limits.md).
    const worker = createWorkerRunner();
    let diagram: LaidOutDiagram;
    try {
      diagram = await layoutWithBudget(buildDiagramModel(analysis), worker.run);
    } finally {
      await worker.dispose();
    }
    if (diagram.notice) out.err(`archflow: ${file}: ${diagram.notice}`);
    const errors = encodingProblems(read).length + analysis.problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) out.err(`archflow: ${file}: ${errors} error${errors === 1 ? '' : 's'} (shown as badges; run \`archflow lint ${file}\`)`);
    const text = format === 'svg' ? renderSvg(toDrawing(diagram), { theme, palette: PALETTES[theme] }) : format === 'dot' ? toDot(diagram) : JSON.stringify(diagram, null, 2);
    if (values.output) writeFileSync(values.output, text + '\n');
    else out.log(text);
    return 0;
  },
};
