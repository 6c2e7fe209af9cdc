import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { buildDiagramModel, layoutDiagram, toDrawing, type LaidOutDiagram } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { edgePath, escapeXml, renderSvg as render, type RenderOptions } from '../../../renderer/src/svg';
import { PALETTES } from '../../../renderer/src/theme';
import { filesNextTo } from '../../../server/src/project/referenced-files';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';

const ORDERS = readFileSync(resolve(__dirname, '../../../examples/orders.arch.yaml'), 'utf8');
const FULFILMENT_FILE = resolve(__dirname, '../../../examples/fulfilment.arch.yaml');
const FULFILMENT = readFileSync(FULFILMENT_FILE, 'utf8');
const run = createElkRunner();

/** The orders example with one error on `billing` and one warning on `chargeCard`. */
async function withProblems(): Promise<LaidOutDiagram> {
  const text = ORDERS.replace('visibilityTimeout: 150 ', 'visibilityTimeout: 20  ');
  return layoutDiagram(buildDiagramModel(analyze(text, { only: ['sqs/visibility-timeout'] })), run);
}

/** The markup of one node's group. */
const nodeGroup = (svg: string, id: string): string => svg.split('<g class="af-node ').find((chunk) => chunk.includes(`data-node-id="${id}"`))!;

const attrs = (svg: string, name: string): string[] => [...svg.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

/** Renders a core diagram as the CLI and the language server do: through `toDrawing`. */
const renderSvg = (d: LaidOutDiagram, options?: RenderOptions): string => render(toDrawing(d), options);

describe('renderSvg', () => {
  it('draws every node and edge with the data attributes a click maps back to the source', async () => {
    const d = await layoutDiagram(buildDiagramModel(analyze(ORDERS)), run);
    const svg = renderSvg(d);
    expect(new Set(attrs(svg, 'data-node-id'))).toEqual(new Set(d.nodes.map((n) => n.id)));
    const edgeIds = d.edges.map((e) => escapeXml(e.id));
    expect(new Set(attrs(svg, 'data-edge-id'))).toEqual(new Set(edgeIds));
    // One group per edge, and one label group per labelled edge.
    expect(svg.match(/<g class="af-edge af-edge-/g)).toHaveLength(d.edges.length);
    expect(svg.match(/<g class="af-edge-label"/g)).toHaveLength(d.edges.filter((e) => e.label).length);
    expect(svg).toContain('>POST /orders</text>');
    expect(svg).toContain('>placed · dead letter</text>');
    // An icon per kind: the tile colours differ between a function, a queue and the bus.
    for (const icon of ['function', 'queue', 'event-bus', 'topic', 'api']) expect(svg).toContain(`data-icon="${icon}"`);
    // Lanes with headers and their node counts.
    expect(svg).toMatch(/data-lane="producer"><rect[^>]*\/><text[^>]*>PRODUCERS<tspan[^>]*>1<\/tspan>/);
    expect(svg).toMatch(/>CONSUMERS<tspan[^>]*>6<\/tspan>/);
  });

  it('badges nodes with the count and worst severity of their problems, with a tooltip listing them', async () => {
    const d = await withProblems();
    const billing = d.nodes.find((n) => n.id === 'billing')!;
    expect(billing.problems).toMatchObject({ count: 1, worst: 'error' });
    const svg = renderSvg(d);
    const group = nodeGroup(svg, 'billing');
    expect(group).toContain('class="af-badge af-badge-error" data-severity="error" data-count="1"');
    expect(group).toContain('<title>billing — SQS queue');
    expect(group).toContain('visibility timeout: 20 s');
    expect(group).toContain('✖ error sqs/visibility-timeout: The visibility timeout 20 s of queue &#39;billing&#39; is below the timeout of its consumer &#39;chargeCard&#39; (25 s)');
    // Nodes without problems carry no badge.
    const quiet = nodeGroup(svg, 'getOrder');
    expect(quiet).not.toContain('af-badge');
    expect(svg.match(/class="af-badge /g)).toHaveLength(d.nodes.filter((n) => n.problems.count > 0).length);
  });

  it('uses the editor theme variables, with the fallback colours of the chosen theme', async () => {
    const d = await layoutDiagram(buildDiagramModel(analyze(ORDERS)), run);
    const light = renderSvg(d);
    expect(light).toContain('class="af-diagram af-light"');
    expect(light).toContain(`--af-background: var(--vscode-editor-background, ${PALETTES.light.background})`);
    expect(light).toContain(`.af-diagram.af-dark { --af-background: var(--vscode-editor-background, ${PALETTES.dark.background})`);
    expect(renderSvg(d, { theme: 'high-contrast' })).toContain('class="af-diagram af-high-contrast"');
    // Literal colours for a file that must look the same anywhere.
    const fixed = renderSvg(d, { palette: PALETTES.dark });
    expect(fixed).not.toContain('var(--vscode-');
    expect(fixed).toContain(`--af-background: ${PALETTES.dark.background};`);
    // The webview adopts the stylesheet itself: no <style> (its CSP allows none inline).
    expect(renderSvg(d, { standalone: false })).not.toContain('<style>');
  });

  it('escapes text and draws rounded orthogonal routes', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
    expect(edgePath([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 30 }])).toBe('M0 0 L14 0 Q20 0 20 6 L20 30');
    expect(edgePath([{ x: 0, y: 0 }, { x: 40, y: 0 }])).toBe('M0 0 L40 0');
  });

  it('draws each node with the picture the drawing gives its icon, and a plain tile for an unknown icon', async () => {
    const d = toDrawing(await layoutDiagram(buildDiagramModel(analyze(ORDERS)), run));
    const queue = d.nodes.find((n) => n.icon === 'queue')!;
    const icons = { ...d.icons, queue: { glyph: 'M1 2h3', colour: '#123456' } };
    const nodes = d.nodes.map((n) => (n.id === queue.id ? n : n.icon === 'function' ? { ...n, icon: '__proto__' } : n));
    const svg = render({ ...d, icons, nodes });
    const group = nodeGroup(svg, queue.id);
    expect(group).toContain('<rect width="30" height="30" rx="7" fill="#123456"/><path class="af-icon-glyph" transform="translate(3 3)" d="M1 2h3"/>');
    const fn = nodeGroup(svg, d.nodes.find((n) => n.icon === 'function')!.id);
    expect(fn).toContain('fill="#68707c"/><path class="af-icon-glyph" transform="translate(3 3)" d=""/>');
  });

  it('draws state machines and pipes: their icons, flavor, definition facts and the edges through them', async () => {
    const analysis = analyze(FULFILMENT, { files: filesNextTo(FULFILMENT_FILE) });
    const d = await layoutDiagram(buildDiagramModel(analysis), run);
    const svg = renderSvg(d);
    const fulfil = nodeGroup(svg, 'fulfil');
    expect(fulfil).toContain('data-icon="state-machine"');
    expect(fulfil).toContain('<title>fulfil — Step Functions Standard');
    // What the definition file says: 5 states, 3 of them tasks; its timeout.
    expect(fulfil).toContain('definition: ./fulfilment.asl.json');
    expect(fulfil).toContain('states: 5 (3 tasks)');
    expect(fulfil).toContain('timeout: 3,600 s');
    expect(nodeGroup(svg, 'quote')).toContain('data-icon="express-state-machine"');
    expect(nodeGroup(svg, 'quote')).toContain('<title>quote — Step Functions Express');
    const pipe = nodeGroup(svg, 'to-ship');
    expect(pipe).toContain('data-icon="pipe"');
    expect(pipe).toContain('filter: 1 pattern');
    // The pipe reads the queue (queue → pipe) and starts the workflow; the Task states call two functions and put events on the bus.
    const edges = d.edges.map((e) => `${e.from} → ${e.to}`);
    for (const e of ['paid-orders → to-ship', 'to-ship → fulfil', 'nightly → fulfil', 'shop-api → quote', 'fulfil → reserveStock', 'fulfil → chargeCard', 'fulfil → shop', 'quote → priceItems']) expect(edges).toContain(e);
    expect(new Set(attrs(svg, 'data-edge-id'))).toEqual(new Set(d.edges.map((e) => escapeXml(e.id))));
  });

  it('draws an empty diagram with a hint', async () => {
    const d = await layoutDiagram(buildDiagramModel(analyze('archflow: 1\nname: empty\n')), run);
    const svg = renderSvg(d);
    expect(svg).toContain('No producers, routers or consumers yet.');
    expect(svg).not.toContain('data-node-id');
  });

  it('puts each flow\'s body aside when asked (deferFlows), the header drawn: the two together are the whole drawing', async () => {
    const d = await layoutDiagram(buildDiagramModel(analyze(generateArchitecture(40))), run);
    const drawing = toDrawing(d);
    expect(drawing.flows!.length).toBeGreaterThan(1);
    const bodies = new Map<string, string>();
    const collapsed = new Set([drawing.flows![0]!.id]);
    const svg = render(drawing, { deferFlows: bodies, collapsed });
    // No node or edge is in the drawing; every flow still has its group and header.
    expect(svg).not.toContain('data-node-id');
    expect(svg).not.toContain('data-edge-id');
    for (const f of drawing.flows!) expect(svg).toContain(`data-flow-toggle="${escapeXml(f.id)}"`);
    // A collapsed flow has no body; the others' bodies, put back in their groups, give the whole drawing.
    expect([...bodies.keys()]).toEqual(drawing.flows!.slice(1).map((f) => f.id));
    let whole = svg;
    for (const [id, body] of bodies) {
      const open = new RegExp(`(<g class="af-flow" data-flow-id="${escapeXml(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>.*?</text></g>)`);
      whole = whole.replace(open, `$1${body}`);
    }
    expect(whole).toBe(render(drawing, { collapsed }));
  });
});
