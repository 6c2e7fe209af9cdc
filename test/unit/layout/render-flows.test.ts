import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { buildDiagramModel, layoutDiagram, toDrawing } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import { renderSvg } from '../../../renderer/src/svg';
import { isHostToView } from '../../../webview/src/protocol-check';

const ORDERS = readFileSync(join(resolve(__dirname, '../../../examples'), 'orders.arch.yaml'), 'utf8');

describe('renderSvg: flows and the copies of emit targets', async () => {
  const drawing = toDrawing(await layoutDiagram(buildDiagramModel(analyze(ORDERS)), createElkRunner()));
  const flows = drawing.flows!;

  it('draws each flow as a group under its header, and each copy of an emit target where its blue edges end', () => {
    expect(flows.length).toBe(2);
    const svg = renderSvg(drawing);
    for (const f of flows) {
      expect(svg).toContain(`<g class="af-flow" data-flow-id="${f.id}">`);
      expect(svg).toContain(`data-flow-toggle="${f.id}"`);
      expect(svg).toContain(`▾ ${f.title} · ${f.nodes} node`);
    }
    for (const p of drawing.proxies!) expect(svg).toContain(`data-proxy-of="${p.of}" data-proxy-id="${p.id}"`);
    expect(svg).toContain('↩ orderBus');
  });

  it('draws a collapsed flow as its header only, moves the flows below up by what it gave back, and shortens the drawing', () => {
    const first = flows[0]!;
    const open = renderSvg(drawing);
    const shut = renderSvg(drawing, { collapsed: new Set([first.id]) });
    const inFirst = drawing.nodes.filter((n) => n.y >= first.y && n.y <= first.y + first.height).map((n) => n.id);
    expect(inFirst.length).toBe(first.nodes);
    for (const id of inFirst) {
      expect(open).toContain(`data-node-id="${id}"`);
      expect(shut).not.toContain(`data-node-id="${id}"`);
    }
    expect(shut).toContain(`<g class="af-flow" data-flow-id="${first.id}" data-collapsed="true">`);
    expect(shut).toContain(`▸ ${first.title}`);
    const saved = first.height - first.header;
    expect(shut).toContain(`<g class="af-flow" data-flow-id="${flows[1]!.id}" transform="translate(0 ${-saved})">`);
    const height = (svg: string) => Number(/<svg [^>]*height="([\d.]+)"/.exec(svg)![1]);
    expect(height(open) - height(shut)).toBeCloseTo(saved, 1);
  });

  it('the webview accepts a diagram with flows and copies, and refuses malformed ones', () => {
    const message = { type: 'diagram', uri: 'file:///o.arch.yaml', version: 1, diagram: drawing, sources: {} };
    expect(isHostToView(message)).toBe(true);
    expect(isHostToView({ ...message, diagram: { ...drawing, flows: [{ ...flows[0], header: 'tall' }] } })).toBe(false);
    expect(isHostToView({ ...message, diagram: { ...drawing, proxies: [{ ...drawing.proxies![0], of: 7 }] } })).toBe(false);
  });
});
