import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaidOutDiagram } from '../../server/src/core/layout/index';
import { archflow } from '../helpers/cli';

const ORDERS = 'examples/orders.arch.yaml';

describe('archflow graph', () => {
  it('--format json prints the laid-out diagram: every node and edge with positions', () => {
    const r = archflow(['graph', ORDERS, '--format', 'json']);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout) as LaidOutDiagram;
    expect(d.name).toBe('orders');
    expect(d.nodes).toHaveLength(15);
    expect(d.edges).toHaveLength(21);
    expect(d.lanes.map((l) => l.title)).toEqual(['Producers', 'Routers', 'Consumers']);
    for (const n of d.nodes) expect(n.width * n.height).toBeGreaterThan(0);
    expect(d.edges.find((e) => e.from === 'checkout' && e.to === 'placeOrder')!.label).toBe('POST /orders');
  });

  it('draws SVG with the same renderer as the editor, in the chosen theme', () => {
    const r = archflow(['graph', ORDERS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="af-diagram af-light"/);
    expect(r.stdout.match(/data-node-id="/g)).toHaveLength(15);
    expect(r.stdout).toContain('<style>');
    expect(r.stdout).not.toContain('var(--vscode-'); // a file that looks the same anywhere
    const dark = archflow(['graph', ORDERS, '--theme', 'dark']);
    expect(dark.stdout).toContain('class="af-diagram af-dark"');
    expect(dark.stdout).toContain('--af-background: #1f1f1f;');
  });

  it('--format dot prints Graphviz with a cluster per lane and labelled edges', () => {
    const r = archflow(['graph', ORDERS, '--format', 'dot']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('digraph "orders" {');
    expect(r.stdout).toContain('subgraph "cluster_producer" {');
    expect(r.stdout).toContain('"checkout" -> "placeOrder" [id="/producers/checkout/routes/POST ~1orders", label="POST /orders"];');
    expect(r.stdout).toMatch(/"billing" -> "billing-dlq" \[[^\]]*style=dashed/);
    expect(r.stdout.trimEnd().endsWith('}')).toBe(true);
  });

  it('writes to --output and badges problems, telling on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-graph-'));
    const out = join(dir, 'broken.svg');
    const r = archflow(['graph', 'examples/broken/references.arch.yaml', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/examples\/broken\/references\.arch\.yaml: \d+ errors? \(shown as badges/);
    expect(readFileSync(out, 'utf8')).toContain('data-severity="error"');
  });

  it('exits 2 on bad usage or an unreadable file', () => {
    expect(archflow(['graph']).status).toBe(2);
    expect(archflow(['graph', ORDERS, '--format', 'png']).stderr).toContain("--format must be svg, json or dot, not 'png'");
    expect(archflow(['graph', 'nowhere.arch.yaml']).status).toBe(2);
  });
});
