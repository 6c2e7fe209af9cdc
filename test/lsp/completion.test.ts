import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-protocol';
import { applyTextEdits, caret, LspClient, textOf } from '../helpers/lsp-client';

/** A small shop: every kind of name a completion can offer. `%` marks where the tests put the caret. */
const SHOP = `archflow: 1
name: shop
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
  Unused: { source: shop.other }
producers:
  api:
    type: http-api
    routes:
      POST /orders: placeOrder
routers:
  orderBus:
    type: event-bus
    rules:
      paid: { pattern: { detail-type: [OrderPaid] }, to: billing }
  billing:
    type: queue
    visibilityTimeout: 180
    to: { function: chargeCard, batchSize: 10 }
  billing-dlq: { type: queue }
  alerts: { type: topic, to: [pager] }
consumers:
  placeOrder:
    emits: [{ to: orderBus, event: OrderPlaced }]
  chargeCard:
    timeout: 25
    emits: [{ to: orderBus, event: OrderPaid }]
  pager: {}
`;

let client: LspClient;
let n = 0;

beforeAll(async () => {
  client = new LspClient();
  await client.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } } } });
});
afterAll(() => client.shutdown());

/** Opens `text` (with a `|` caret) and asks for completions at the caret. */
async function completeAt(textWithCaret: string): Promise<{ items: CompletionItem[]; text: string }> {
  const { text, position } = caret(textWithCaret);
  const uri = `file:///ws/completion-${++n}.arch.yaml`;
  await client.openAnalysed(uri, text);
  const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  return { items: result?.items ?? [], text };
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const doc = (item: CompletionItem | undefined): string => (item?.documentation as MarkupContent | undefined)?.value ?? '';

describe('completion of keys', () => {
  it('offers the keys a queue does not have yet, with their documentation', async () => {
    const { items } = await completeAt(SHOP.replace('    visibilityTimeout: 180\n', '    visibilityTimeout: 180\n    |\n'));
    const keys = labels(items);
    expect(keys).toEqual(expect.arrayContaining(['fifo', 'retention', 'delay', 'receiveWait', 'maxMessageSize', 'deadLetter', 'description']));
    expect(keys).not.toContain('visibilityTimeout');
    expect(keys).not.toContain('to');
    expect(keys).not.toContain('type');
    expect(keys).not.toContain('memory');
    const retention = items.find((i) => i.label === 'retention');
    expect(doc(retention)).toContain('**retention** · seconds');
    expect(doc(retention)).toContain('AWS limit: 60–1,209,600 s');
    expect(doc(retention)).toContain('Default: `345600`');
  });

  it('replaces the word being typed and works in flow style', async () => {
    const { items, text } = await completeAt(SHOP.replace('to: { function: chargeCard, batchSize: 10 }', 'to: { function: chargeCard, bat|chSize: 10 }'));
    const batch = items.find((i) => i.label === 'batchWindow')!;
    expect(labels(items)).toEqual(expect.arrayContaining(['batchWindow', 'maxConcurrency', 'reportFailures', 'filter']));
    expect(labels(items)).not.toContain('function');
    const edit = batch.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
    expect(textOf(text, edit.range)).toBe('batchSize');
    // The key exists already with its colon: only the name is replaced.
    expect(edit.newText).toBe('batchWindow');
  });

  it('offers the top-level keys that are missing', async () => {
    const { items } = await completeAt(SHOP.replace('name: shop\n', 'name: shop\n|\n'));
    expect(labels(items).sort()).toEqual(['defaults', 'description', 'output', 'region', 'stages']);
  });

  it('offers snippets for a new router of each type', async () => {
    const { items } = await completeAt(SHOP.replace('  billing-dlq: { type: queue }\n', '  billing-dlq: { type: queue }\n  |\n'));
    expect(labels(items.filter((i) => i.kind === 15))).toEqual(['new queue', 'new topic', 'new event bus', 'new stream', 'new Firehose stream', 'new state machine', 'new pipe', 'new external resource']);
    const queue = items.find((i) => i.label === 'new queue')!;
    expect(queue.insertTextFormat).toBe(2);
    expect((queue.textEdit as { newText: string }).newText).toBe('${1:jobs}:\n    type: queue\n    to: ${2|placeOrder,chargeCard,pager|}');
  });
});

describe('completion of values', () => {
  it("offers only functions for a queue's consumer", async () => {
    const { items } = await completeAt(SHOP.replace('to: { function: chargeCard, batchSize: 10 }', 'to: |'));
    expect(labels(items).sort()).toEqual(['chargeCard', 'pager', 'placeOrder']);
    expect(items[0]!.detail).toBe('function (consumer)');
  });

  it('offers only functions after `function:` in flow style', async () => {
    const { items } = await completeAt(SHOP.replace('{ function: chargeCard, batchSize: 10 }', '{ function: |, batchSize: 10 }'));
    expect(labels(items).sort()).toEqual(['chargeCard', 'pager', 'placeOrder']);
  });

  it('offers only other queues for a dead-letter queue', async () => {
    const { items } = await completeAt(SHOP.replace('    visibilityTimeout: 180\n', '    visibilityTimeout: 180\n    deadLetter: { queue: | }\n'));
    expect(labels(items)).toEqual(['billing-dlq']);
  });

  it('offers only catalog events for `event:`', async () => {
    const { items } = await completeAt(SHOP.replace('{ to: orderBus, event: OrderPlaced }', '{ to: orderBus, event: | }'));
    expect(labels(items)).toEqual(['OrderPlaced', 'OrderPaid', 'Unused']);
  });

  it("offers only events emitted onto the bus in a pattern's detail-type, and their sources", async () => {
    const dt = await completeAt(SHOP.replace('detail-type: [OrderPaid]', 'detail-type: [|]'));
    expect(labels(dt.items)).toEqual(['OrderPlaced', 'OrderPaid']);
    const source = await completeAt(SHOP.replace('detail-type: [OrderPaid]', 'source: |'));
    expect(labels(source.items)).toEqual(['shop.orders', 'shop.payments']);
    // Directly after the key, the value is written as the list a pattern needs.
    expect((source.items[0]!.textEdit as { newText: string }).newText).toBe('[shop.orders]');
  });

  it('offers the types of the section for `type:`', async () => {
    const routers = await completeAt(SHOP.replace('  billing-dlq: { type: queue }', '  billing-dlq: { type: | }'));
    expect(labels(routers.items)).toEqual(['queue', 'topic', 'event-bus', 'stream', 'firehose', 'state-machine', 'pipe', 'external']);
    const producers = await completeAt(SHOP.replace('    type: http-api', '    type: |'));
    expect(labels(producers.items)).toEqual(['http-api', 'bucket', 'schedule', 'table', 'external']);
  });

  it('offers enum values on an empty value after `key: ` in block style', async () => {
    const { items } = await completeAt(SHOP.replace('    timeout: 25\n', '    timeout: 25\n    architecture: |\n'));
    expect(labels(items)).toEqual(['x86_64', 'arm64']);
  });

  it('offers names and the item keys on a new list item', async () => {
    const { items } = await completeAt(SHOP.replace('    emits: [{ to: orderBus, event: OrderPlaced }]', '    emits:\n      - |'));
    // A function may send to routers and stores and invoke other functions, not name an API.
    expect(labels(items)).toEqual(expect.arrayContaining(['to', 'event', 'invocation', 'orderBus', 'billing', 'billing-dlq', 'alerts', 'pager']));
    expect(labels(items)).not.toContain('api');
  });

  it('offers nothing inside a comment', async () => {
    const { items } = await completeAt(SHOP.replace('name: shop', 'name: shop  # the | shop'));
    expect(items).toEqual([]);
  });
});

describe('completion under stages.<stage>.nodes', () => {
  const STAGED = `${SHOP}stages:
  prod:
    nodes:
      billing: { retention: 14d }
      |
`;

  it('offers the nodes a stage may change (not those it already overrides, not kinds without stage settings), each as a new map', async () => {
    const { items } = await completeAt(STAGED);
    // orderBus (event bus) and alerts (topic) have no setting a stage may change; billing is overridden already.
    expect(labels(items)).toEqual(['api', 'billing-dlq', 'placeOrder', 'chargeCard', 'pager']);
    const chargeCard = items.find((i) => i.label === 'chargeCard')!;
    expect(chargeCard.detail).toBe('function (consumer)');
    expect(doc(chargeCard)).toBe('Overrides of function `chargeCard` in stage `prod`: `memory`, `timeout`, `tmp`, `reservedConcurrency`, `logRetention`, `environment`.');
    expect((chargeCard.textEdit as { newText: string }).newText).toBe('chargeCard:\n        $0');
    expect(chargeCard.insertTextFormat).toBe(2);
  });

  it('offers a partial name in flow style too', async () => {
    const { items } = await completeAt(STAGED.replace('    nodes:\n      billing: { retention: 14d }\n      |\n', '    nodes: { billing: { retention: 14d }, charge| }\n'));
    expect(labels(items)).toContain('chargeCard');
    expect(labels(items)).not.toContain('billing');
  });

  it("offers the settings a stage may change for the node's kind, documented as the node's own", async () => {
    const fn = await completeAt(STAGED.replace('      |\n', '      chargeCard:\n        timeout: 20\n        |\n'));
    expect(labels(fn.items)).toEqual(['memory', 'tmp', 'reservedConcurrency', 'logRetention', 'environment']);
    expect(doc(fn.items.find((i) => i.label === 'memory'))).toMatch(/10,240/);
    const queue = await completeAt(STAGED.replace('      billing: { retention: 14d }\n      |\n', '      billing:\n        retention: 14d\n        |\n'));
    expect(labels(queue.items)).toEqual(['visibilityTimeout', 'delay', 'receiveWait', 'retain']);
  });

  it("offers the values of the node's own setting", async () => {
    const { items } = await completeAt(STAGED.replace('      |\n', '      chargeCard: { logRetention: | }\n'));
    expect(labels(items)).toEqual(expect.arrayContaining(['1', '30', '3653']));
  });
});

describe('snippets produce a valid architecture', () => {
  let plain: LspClient;
  beforeAll(async () => {
    plain = new LspClient();
    await plain.initialize({});
  });
  afterAll(() => plain.shutdown());

  for (const [section, anchor] of [['producers', '      POST /orders: placeOrder\n'], ['routers', '  alerts: { type: topic, to: [pager] }\n'], ['consumers', '  pager: {}\n']] as const) {
    it(`every ${section} snippet inserts a declaration without errors (client without snippet support)`, async () => {
      const { text, position } = caret(SHOP.replace(anchor, `${anchor}  |\n`));
      const uri = `file:///ws/snippets-${section}.arch.yaml`;
      await plain.openAnalysed(uri, text);
      const list = await plain.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      const snippets = list.items.filter((i) => i.label.startsWith('new '));
      expect(snippets.length).toBeGreaterThan(1);
      let version = 1;
      for (const s of snippets) {
        expect(s.insertTextFormat).toBe(1);
        const edited = applyTextEdits(text, [s.textEdit as { range: never; newText: string }]);
        const next = ++version;
        const published = plain.nextDiagnostics(uri, (p) => p.version === next);
        await plain.change(uri, next, [{ text: edited }]);
        const errors = (await published).diagnostics.filter((d) => d.severity === 1);
        expect(errors, `${s.label}:\n${edited}`).toEqual([]);
      }
    });
  }
});
