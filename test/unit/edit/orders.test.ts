import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../../server/src/core/index';
import { addNode } from '../../../server/src/core/edit/add';
import { connectNodes } from '../../../server/src/core/edit/connect';
import { renameNode } from '../../../server/src/core/edit/delete';
import { addEvent, ARCHITECTURE, nodeSettings, setSetting } from '../../../server/src/core/edit/settings';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { MAX_LINE, tidyEdits } from '../../../server/src/core/edit/tidy';
import type { Analysis } from '../../../server/src/core/analyze';
import { ORDERS_GESTURES, type OrdersGesture } from '../../fixtures/orders-gestures';

const EXAMPLE = readFileSync(join(__dirname, '../../../examples/orders.arch.yaml'), 'utf8');

/** Runs one gesture on the text through the core (the language server's handler does the same). */
function run(text: string, g: OrdersGesture): string {
  const a: Analysis = analyze(text);
  const edgeId = (from: string, to: string, nth = 0): string => {
    const edges = a.graph.edges.filter((e) => e.from === from && e.to === to);
    const e = edges[nth];
    if (!e) throw new Error(`no edge ${from} → ${to}`);
    return e.id;
  };
  const r = g.kind === 'add' ? addNode(a, g.nodeKind, g.name, 'orders')
    : g.kind === 'event' ? addEvent(a, g.name)
    : g.kind === 'connect' ? connectNodes(a, g.from, g.to, (t) => analyze(t), g.word)
    : g.kind === 'rename' ? renameNode(a, g.id, g.to)
    : setSetting(a, g.on === 'architecture' ? ARCHITECTURE : g.on === 'edge' ? `edge:${edgeId(g.from, g.to, g.nth)}` : g.on === 'node' ? g.id : `event:${g.id}`, g.key, g.value);
  if ('error' in r) throw new Error(`${JSON.stringify(g)}: ${r.error}`);
  if ('choose' in r) throw new Error(`${JSON.stringify(g)} asks: ${r.choose.map((c) => c.word).join(', ')}`);
  return applyEdits(text, r.edits);
}

describe('the orders example, built from an empty file with the diagram\'s gestures only', () => {
  it('gives the example\'s model (names, kinds, settings, edges), lint clean', () => {
    let text = '';
    for (const g of ORDERS_GESTURES) text = run(text, g);
    const a = analyze(text);
    if (process.env.SHOW_ORDERS) console.log(text);
    expect(a.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
    expect(parseYaml(text)).toEqual(parseYaml(EXAMPLE));
    // Written as a person writes it: a list too long for one line goes to block lines, short ones stay flow.
    expect(text).toContain(`  alerts:
    type: topic
    to:
      - { function: pager, deadLetter: alerts-dlq }
      - { queue: audit, filter: { detail: { severity: [high] } }, filterScope: body, deadLetter: alerts-dlq }
`);
    expect(text).toContain('    emits: [{ to: orderBus, event: OrderPaid }, { to: orderBus, event: PaymentFailed }]\n');
    expect(text).toContain('      GET /orders/{orderId}: getOrder\n');
    // No line longer than the example's longest (a block list's item keeps its flow map whole).
    const longest = (t: string): number => Math.max(...t.split('\n').map((l) => l.length));
    expect(longest(text)).toBeLessThanOrEqual(longest(EXAMPLE));
    expect(text.split('\n').filter((l) => l.length > MAX_LINE && !/^\s*- /.test(l))).toEqual([]);
  });

  it('leaves a long flow list alone when the gesture did not write into it, or when it holds a comment', () => {
    const long = `archflow: 1\nname: x\nrouters:\n  t:\n    type: topic\n    to: [{ function: aaaaaaaaaaaaaaaa, deadLetter: dddddddddddddddddd }, { function: bbbbbbbbbbbbbbbbbbbbbb }]\n  q: { type: queue }\nconsumers:\n  aaaaaaaaaaaaaaaa: {}\n  bbbbbbbbbbbbbbbbbbbbbb: {}\n  c: {}\n`;
    const edits = [{ start: long.indexOf('  c: {}'), end: long.indexOf('  c: {}') + 7, newText: '  c: { memory: 256 }' }];
    expect(tidyEdits(long, edits)).toEqual(edits);
    const grown = connectNodes(analyze(long), 't', 'c', (t) => analyze(t));
    expect('edits' in grown && applyEdits(long, grown.edits)).toBe(long.replace(
      '    to: [{ function: aaaaaaaaaaaaaaaa, deadLetter: dddddddddddddddddd }, { function: bbbbbbbbbbbbbbbbbbbbbb }]\n',
      '    to:\n      - { function: aaaaaaaaaaaaaaaa, deadLetter: dddddddddddddddddd }\n      - { function: bbbbbbbbbbbbbbbbbbbbbb }\n      - c\n'));
  });

  it('asks which word a function → queue or function → bus connection writes', () => {
    const text = 'archflow: 1\nname: x\nevents:\n  A: { source: x.a }\n  B: { source: x.a }\nrouters:\n  bus: { type: event-bus }\n  q: { type: queue }\nconsumers:\n  f: {}\n';
    const a = analyze(text);
    const toBus = connectNodes(a, 'f', 'bus', (t) => analyze(t));
    expect(toBus).toEqual({ title: "Connect function 'f' to event bus 'bus' as", choose: [
      { word: 'emits:A', label: 'emits A' }, { word: 'emits:B', label: 'emits B' }, { word: 'onFailure', label: 'failure destination (async.onFailure)' },
    ] });
    const toQueue = connectNodes(a, 'f', 'q', (t) => analyze(t));
    expect(toQueue).toMatchObject({ choose: [{ word: 'emits' }, { word: 'onFailure' }] });
    const failure = connectNodes(a, 'f', 'q', (t) => analyze(t), 'onFailure');
    expect('edits' in failure && applyEdits(text, failure.edits)).toBe(text.replace('  f: {}\n', '  f:\n    async: { onFailure: q }\n'));
    expect(nodeSettings(a, ARCHITECTURE)?.links).toEqual([{ id: 'event:A', label: 'A' }, { id: 'event:B', label: 'B' }]);
  });
});
