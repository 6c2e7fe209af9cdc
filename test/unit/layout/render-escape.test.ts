import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { buildDiagramModel, layoutDiagram, toDrawing } from '../../../server/src/core/layout/index';
import { createElkRunner } from '../../../server/src/core/layout/elk-runner';
import type { Drawing } from '../../../renderer/src/drawing';
import { renderSvg } from '../../../renderer/src/svg';
import { cssValue, PALETTES, type Palette } from '../../../renderer/src/theme';

const ORDERS = readFileSync(resolve(__dirname, '../../../examples/orders.arch.yaml'), 'utf8');

/** Markup that must never come out as markup: quotes of both kinds, a tag, an entity. */
const PAYLOAD = `Q"Q'Q<inj x="1">Q&amp;Q`;

/** What an escaped payload must not show: any of its characters raw. */
function leaks(svg: string): string[] {
  return [`Q"Q`, `Q'Q`, '<inj', 'Q&amp;Q'].filter((raw) => svg.includes(raw));
}

type Path = (string | number)[];

/** Every leaf of a JSON value (strings, numbers, booleans), with its path. */
function leaves(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function withLeaf(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withLeaf(v, rest, leaf) : v));
  const o = value as Record<string, unknown>;
  return { ...o, [head!]: withLeaf(o[head!], rest, leaf) };
}

describe('renderSvg escapes every field it writes', () => {
  it('a payload in any field of the diagram (strings and numbers alike) comes out as text, never as markup', async () => {
    const text = ORDERS.replace('visibilityTimeout: 150 ', 'visibilityTimeout: 20  ');
    const laid = await layoutDiagram(buildDiagramModel(analyze(text)), createElkRunner());
    // What the renderer is given (the drawing the server sends), with every optional field present.
    const diagram: Drawing = { ...toDrawing(laid), notice: 'a notice', provisional: true };
    const paths = leaves(diagram);
    // Every leaf of the orders drawing, and every kind of field: a new field of the drawing changes these counts.
    expect(paths.length).toBe(724);
    // Each kind of field once is enough: the same field of another node is written by the same code.
    const kinds = new Map<string, Path>();
    for (const p of paths) kinds.set(p.map((s) => (typeof s === 'number' ? '#' : s)).join('.'), p);
    expect(kinds.size).toBe(74);
    const leaked: string[] = [];
    for (const [kind, path] of kinds) {
      const svg = renderSvg(withLeaf(diagram, path, PAYLOAD) as Drawing);
      for (const raw of leaks(svg)) leaked.push(`${kind}: ${raw}`);
    }
    expect(leaked).toEqual([]);
  });

  it('the notice, the name and the node names are written escaped, as text the person can read', () => {
    const diagram: Drawing = {
      name: PAYLOAD, width: 400, height: 200, stale: false, notice: PAYLOAD,
      problems: { count: 0, items: [] },
      lanes: [{ lane: 'consumer', title: PAYLOAD, x: 0, y: 0, width: 300, height: 200 }],
      nodes: [],
      edges: [],
      icons: { [PAYLOAD]: { glyph: PAYLOAD, colour: PAYLOAD } },
    };
    const svg = renderSvg({ ...diagram, nodes: [] });
    expect(leaks(svg)).toEqual([]);
    expect(svg).toContain('aria-label="Q&quot;Q&#39;Q&lt;inj x=&quot;1&quot;&gt;Q&amp;amp;Q — Archflow diagram"');
  });

  it('a palette from an editor theme cannot end the stylesheet it is written into', () => {
    const hostile: Palette = { ...PALETTES.light, background: 'red;}</style><script>alert(1)</script>', font: 'x/* */@import url(y)' };
    const svg = renderSvg({ name: 'x', width: 10, height: 10, stale: false, problems: { count: 0, items: [] }, lanes: [], nodes: [], edges: [], icons: {} }, { palette: hostile });
    expect(svg).not.toContain('<script');
    expect(svg.match(/<style>/g)).toHaveLength(1);
    expect(svg.match(/<\/style>/g)).toHaveLength(1);
    expect(cssValue('#1e1e1e')).toBe('#1e1e1e');
    expect(cssValue('rgba(243, 133, 24, 0.5)')).toBe('rgba(243, 133, 24, 0.5)');
    expect(cssValue('-apple-system, "Segoe UI", sans-serif')).toBe('-apple-system, "Segoe UI", sans-serif');
  });
});
