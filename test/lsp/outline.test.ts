import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol, FoldingRange, SelectionRange, SymbolInformation } from 'vscode-languageserver-protocol';
import { caret, LspClient, textOf } from '../helpers/lsp-client';

const SHOP = `archflow: 1
name: shop
# The catalog.
# Every event the buses carry.
events:
  OrderPaid: { source: shop.payments }
producers:
  api:
    type: http-api
    routes:
      POST /orders: placeOrder
      GET /orders: placeOrder
routers:
  orderBus:
    type: event-bus
    rules:
      paid:
        pattern: { detail-type: [OrderPaid] }
        to: billing
  billing: { type: queue, to: chargeCard }
consumers:
  placeOrder:
    emits: [{ to: orderBus, event: OrderPaid }]
  chargeCard: {}
`;

let client: LspClient;
const uri = 'file:///ws/outline.arch.yaml';

beforeAll(async () => {
  client = new LspClient();
  await client.initialize({ textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } });
  await client.openAnalysed(uri, SHOP);
});
afterAll(() => client.shutdown());

/** `name (detail) [line:start-line:end]` with children indented. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''} [${s.range.start.line}-${s.range.end.line}] ${textOf(SHOP, s.selectionRange)}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

describe('document symbols', () => {
  it('groups the outline by producers, routers, consumers and events, with rules and routes as children', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(outline(symbols)).toEqual([
      'Producers (1) [6-11] producers',
      '  api (HTTP API) [7-11] api',
      '    POST /orders [10-10] POST /orders',
      '    GET /orders [11-11] GET /orders',
      'Routers (2) [12-19] routers',
      '  orderBus (event bus) [13-18] orderBus',
      '    paid [16-18] paid',
      '  billing (queue) [19-19] billing',
      'Consumers (2) [20-23] consumers',
      '  placeOrder (function) [21-22] placeOrder',
      '  chargeCard (function) [23-23] chargeCard',
      'Events (1) [4-5] events',
      '  OrderPaid (shop.payments) [5-5] OrderPaid',
    ]);
  });

  it('gives a flat list with containers to a client without hierarchy', async () => {
    const flat = new LspClient();
    try {
      await flat.initialize({});
      await flat.openAnalysed(uri, SHOP);
      const symbols = await flat.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
      expect(symbols.map((s) => `${s.containerName ?? '-'}/${s.name}`)).toEqual([
        '-/Producers', 'Producers/api', 'api/POST /orders', 'api/GET /orders',
        '-/Routers', 'Routers/orderBus', 'orderBus/paid', 'Routers/billing',
        '-/Consumers', 'Consumers/placeOrder', 'Consumers/chargeCard',
        '-/Events', 'Events/OrderPaid',
      ]);
    } finally {
      await flat.shutdown();
    }
  });
});

describe('folding ranges', () => {
  it('folds every multi-line block and the comment run', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const shown = ranges.map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`).sort();
    expect(shown).toEqual(['12-19', '13-18', '15-18', '16-18', '2-3 comment', '20-23', '21-22', '4-5', '6-11', '7-11', '9-11'].sort());
  });
});

describe('selection ranges', () => {
  it('grows from the name to its pair, map, entry, section and the document', async () => {
    const { position } = caret(SHOP.replace('to: bill', 'to: bi|ll'));
    const [range] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [position] });
    const chain: string[] = [];
    for (let r: SelectionRange | undefined = range; r; r = r.parent) chain.push(textOf(SHOP, r.range));
    expect(chain.slice(0, 4)).toEqual([
      'billing',
      'to: billing',
      'pattern: { detail-type: [OrderPaid] }\n        to: billing',
      'paid:\n        pattern: { detail-type: [OrderPaid] }\n        to: billing',
    ]);
    expect(chain[chain.length - 1]).toBe(SHOP.trimEnd());
    // Each range contains the one before.
    for (let i = 1; i < chain.length; i++) expect(chain[i]).toContain(chain[i - 1]);
  });
});
