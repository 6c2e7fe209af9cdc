import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient, textOf } from '../helpers/lsp-client';

const SHOP = `archflow: 1
name: shop
region: eu-west-1
events:
  OrderPaid:
    source: shop.payments
    schema:
      type: object
      required: [orderId, total]
      properties:
        orderId: { type: string }
        total: { type: number, minimum: 0 }
  OrderPlaced: { source: shop.orders }
routers:
  orderBus:
    type: event-bus
    rules:
      paid:
        pattern: { source: [shop.payments], detail-type: [OrderPaid] }
        to: receipts
      big:
        pattern: { detail-type: [OrderPaid], detail: { total: [{ numeric: [">", 100] }] } }
        to: receipts
      all-shop:
        pattern: { source: [{ prefix: shop. }] }
        to: receipts
      refunds:
        pattern: { detail-type: [OrderRefunded] }
        to: receipts
      broken:
        pattern: { source: shop.payments }
        to: receipts
consumers:
  receipts: {}
`;

interface Trial { event: string; verdict: string; matches: boolean; sample: { source: string; 'detail-type': string; region: string; detail: Record<string, unknown> } }
interface Args { uri: string; bus: string; rule: string; title: string; errors: string[]; trials: Trial[] }

let client: LspClient;
const uri = 'file:///ws/lens.arch.yaml';

beforeAll(async () => {
  client = new LspClient();
  await client.initialize({ textDocument: { codeLens: {} } });
  await client.openAnalysed(uri, SHOP);
});
afterAll(() => client.shutdown());

describe('code lens "Test pattern"', () => {
  let resolved: CodeLens[];
  beforeAll(async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    // Listing is cheap: no command until the editor resolves a lens.
    expect(lenses.every((l) => l.command === undefined)).toBe(true);
    resolved = await Promise.all(lenses.map((l) => client.request<CodeLens>('codeLens/resolve', l)));
  });

  it('puts one lens over each rule of the bus', () => {
    expect(resolved.map((l) => textOf(SHOP, l.range))).toEqual(['paid', 'big', 'all-shop', 'refunds', 'broken']);
  });

  it('titles each lens with the result of the pattern on the sample events', () => {
    expect(resolved.map((l) => l.command?.title)).toEqual([
      'Test pattern: ✓ matches OrderPaid',
      // The sample's total is 0 (minimum of the schema): the pattern could match, the sample does not.
      'Test pattern: ✗ matches no declared event',
      'Test pattern: ✓ matches OrderPaid, OrderPlaced',
      'Test pattern: ✗ matches no declared event',
      expect.stringMatching(/^Test pattern: ✗ invalid pattern: .+/),
    ]);
  });

  it('runs archflow.testPattern with the sample events built from the catalog schemas', () => {
    const [paid, big] = resolved.map((l) => l.command!);
    expect(paid!.command).toBe('archflow.testPattern');
    const args = paid!.arguments![0] as Args;
    expect(args.uri).toBe(uri);
    expect([args.bus, args.rule]).toEqual(['orderBus', 'paid']);
    expect(args.trials.map((t) => [t.event, t.verdict, t.matches])).toEqual([['OrderPaid', 'yes', true]]);
    const sample = args.trials[0]!.sample;
    expect(sample.source).toBe('shop.payments');
    expect(sample['detail-type']).toBe('OrderPaid');
    expect(sample.region).toBe('eu-west-1');
    expect(Object.keys(sample.detail).sort()).toEqual(['orderId', 'total']);
    expect((big!.arguments![0] as Args).trials.map((t) => [t.event, t.verdict, t.matches])).toEqual([['OrderPaid', 'maybe', false]]);
  });

  it('follows edits: a fixed pattern gets a new title', async () => {
    const fixed = SHOP.replace('detail-type: [OrderRefunded]', 'detail-type: [OrderPlaced]');
    const published = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ text: fixed }]);
    await published;
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const refunds = await client.request<CodeLens>('codeLens/resolve', lenses[3]);
    expect(refunds.command?.title).toBe('Test pattern: ✓ matches OrderPlaced');
  });
});
