import { writeFileSync } from 'node:fs';
import { analyze } from '../../core/index';
import { renderSvg } from '../../../../renderer/src/svg';
import { PALETTES } from '../../../../renderer/src/theme';
import { buildDiagramModel, layoutDiagram, toDrawing, type LaidOutDiagram } from '../../core/layout/index';
import { createElkRunner } from '../../core/layout/elk-runner';
import type { Command } from '../command';
import { onePositional, parseCommandArgs } from '../help';
import { readText, UsageError } from '../io';
import { startProgress } from '../progress';

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
  usage: 'archflow graph <file.arch.yaml> [options]',
  summary: 'Draw the architecture: the laid-out diagram as SVG (the editor\'s renderer), JSON or Graphviz DOT.',
  args: [{ name: '<file>', description: 'An architecture file.' }],
  options: [
    { name: 'format', short: 'f', type: 'string', value: 'svg|json|dot', default: 'svg', description: 'svg: the diagram as the editor draws it; json: the laid-out diagram (positions, labels, problems); dot: Graphviz, a cluster per lane.' },
    { name: 'theme', type: 'string', value: 'light|dark|high-contrast', default: 'light', description: 'Colours of the SVG.' },
    { name: 'out', short: 'o', type: 'string', value: 'FILE', defaultText: 'standard output', description: 'Write to this file.' },
  ],
  examples: [
    { command: 'archflow graph orders.arch.yaml -o orders.svg', what: 'The diagram as an SVG file.' },
    { command: 'archflow graph orders.arch.yaml --theme dark > orders-dark.svg', what: 'Dark theme, to standard output.' },
    { command: 'archflow graph orders.arch.yaml --format dot | dot -Tpng > orders.png', what: 'Through Graphviz.' },
  ],
  exitCodes: '0 drawn (problems are shown as badges and counted on stderr), 2 bad usage or an unreadable file',
  async run(argv, out) {
    const { values, positionals } = parseCommandArgs(this, argv);
    const format = values.format as (typeof FORMATS)[number];
    const theme = values.theme as (typeof THEMES)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be svg, json or dot, not '${values.format}'`);
    if (!THEMES.includes(theme)) throw new UsageError(`--theme must be light, dark or high-contrast, not '${values.theme}'`);
    const file = onePositional(positionals, 'one architecture file');
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const progress = startProgress(out);
    progress.phase(`analysing ${file}`);
    const analysis = analyze(read.text);
    progress.phase(`laying out ${analysis.graph.nodes.size} nodes and ${analysis.graph.edges.length} edges`);
    const diagram = await layoutDiagram(buildDiagramModel(analysis), createElkRunner()).finally(() => progress.done());
    const errors = analysis.problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) out.err(`archflow: ${file}: ${errors} error${errors === 1 ? '' : 's'} (shown as badges; run \`archflow lint ${file}\`)`);
    const text = format === 'svg' ? renderSvg(toDrawing(diagram), { theme, palette: PALETTES[theme] }) : format === 'dot' ? toDot(diagram) : JSON.stringify(diagram, null, 2);
    if (values.out) writeFileSync(values.out as string, text + '\n');
    else out.log(text);
    return 0;
  },
};
