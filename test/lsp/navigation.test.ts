import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, Location, MarkupContent, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, caret, LspClient, textOf } from '../helpers/lsp-client';

/** Names written in block and flow style, quoted and plain, with comments to keep. */
const SHOP = `archflow: 1
name: shop
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid:            # paid orders
    source: shop.payments
producers:
  api:
    type: http-api
    routes:
      POST /orders: placeOrder
  nightly: { type: schedule, schedule: rate(1 day), to: chargeCard }
routers:
  orderBus:
    type: event-bus
    rules:
      paid: { pattern: { source: [shop.payments], detail-type: [OrderPaid] }, to: billing }
  billing:
    type: queue
    visibilityTimeout: 180   # 6 × 25 + 30
    deadLetter: { queue: billing-dlq, maxReceiveCount: 5 }
    to: { function: "chargeCard", batchSize: 10 }
  billing-dlq: { type: queue, retention: 14d }
consumers:
  placeOrder:
    emits: [{ to: orderBus, event: OrderPlaced }]
  chargeCard:
    timeout: 25
    emits:
      - to: orderBus
        event: OrderPaid
`;

let client: LspClient;
let n = 0;

beforeAll(async () => {
  client = new LspClient();
  await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] }, rename: { prepareSupport: true } } });
});
afterAll(() => client.shutdown());

async function openAt(textWithCaret: string): Promise<{ uri: string; text: string; position: { line: number; character: number } }> {
  const { text, position } = caret(textWithCaret);
  const uri = `file:///ws/navigation-${++n}.arch.yaml`;
  await client.openAnalysed(uri, text);
  return { uri, text, position };
}

/** Puts the caret inside the `occurrence`-th (0-based) appearance of `word` in SHOP. */
function at(word: string, occurrence = 0, text = SHOP): string {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(word, i + 1);
  if (i < 0) throw new Error(`${word} #${occurrence} not in the fixture`);
  return text.slice(0, i + 1) + '|' + text.slice(i + 1);
}

async function hoverAt(textWithCaret: string): Promise<{ value: string; range: string } | null> {
  const { uri, text, position } = await openAt(textWithCaret);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  return h ? { value: (h.contents as MarkupContent).value, range: textOf(text, h.range!) } : null;
}

describe('hover', () => {
  it('documents a field with its unit, default and AWS limit', async () => {
    const h = await hoverAt(at('visibilityTimeout'));
    expect(h?.range).toBe('visibilityTimeout');
    expect(h?.value).toContain('**visibilityTimeout** · seconds');
    expect(h?.value).toContain('Must be ≥ the consumer\'s timeout');
    expect(h?.value).toContain('Default: `30` · AWS limit: 0–43,200 s');
  });

  it('explains an access word of an emit with the exact actions it grants on that kind of target', async () => {
    const text = SHOP.replace('      - to: orderBus\n        event: OrderPaid\n', '      - to: orderBus\n        event: OrderPaid\n      - { to: billing, access: receive }\n');
    const h = await hoverAt(at('receive', 0, text));
    expect(h?.range).toBe('receive');
    expect(h?.value).toBe('**access `receive`** on queue `billing`: receive, delete and hide messages (a worker polling it itself).\n\n- `sqs:ChangeMessageVisibility`, `sqs:DeleteMessage`, `sqs:GetQueueAttributes`, `sqs:ReceiveMessage` on the queue');
  });

  it('documents a field from its value too', async () => {
    const h = await hoverAt(at('25\n'));
    expect(h?.range).toBe('25');
    expect(h?.value).toContain('**timeout** · seconds');
    expect(h?.value).toContain('AWS limit: 1–900 s');
  });

  it('summarises the function a reference names: type, settings, inbound and outbound edges', async () => {
    const h = await hoverAt(at('chargeCard', 0));
    expect(h?.range).toBe('chargeCard');
    expect(h?.value).toBe([
      '**function** `chargeCard` · consumer',
      '',
      'runtime `nodejs24.x` (default) · memory 128 MB (default) · timeout 25 s',
      '',
      '**Inbound** (2)',
      '- ← `nightly` (schedule)',
      '- ← `billing` (event source mapping)',
      '',
      '**Outbound** (1)',
      '- → `orderBus` (emits, event OrderPaid)',
    ].join('\n'));
  });

  it('summarises a queue on its declaration', async () => {
    const h = await hoverAt(at('billing:'));
    expect(h?.value).toContain('**queue** `billing` · router');
    expect(h?.value).toContain('visibilityTimeout `180` · dead-letter `billing-dlq`');
    expect(h?.value).toContain('- ← `orderBus` (rule, rule paid)');
    expect(h?.value).toContain('- → `chargeCard` (event source mapping)');
    expect(h?.value).toContain('- → `billing-dlq` (dead-letter)');
  });

  it('summarises a catalog event on a reference', async () => {
    const h = await hoverAt(at('OrderPaid\n'));
    expect(h?.value).toContain('**event** `OrderPaid`');
    expect(h?.value).toContain('source `shop.payments` · detail-type `OrderPaid`');
    expect(h?.value).toContain('- `chargeCard` → `orderBus`');
  });

  it('shows a bus rule with its pattern and targets', async () => {
    const h = await hoverAt(at('paid:'));
    expect(h?.value).toContain('**rule** `paid` of event bus `orderBus`');
    expect(h?.value).toContain('"detail-type": [\n    "OrderPaid"\n  ]');
    expect(h?.value).toContain('- → `billing` (queue)');
  });

  it('says what a declaration\'s type is', async () => {
    const h = await hoverAt(at('event-bus'));
    expect(h?.range).toBe('event-bus');
    expect(h?.value).toContain('An EventBridge event bus with rules that route events to targets.');
  });

  it('answers null on a comment', async () => {
    expect(await hoverAt(at('paid orders'))).toBeNull();
  });
});

describe('go to definition', () => {
  const definitionOf = async (textWithCaret: string): Promise<string[]> => {
    const { uri, text, position } = await openAt(textWithCaret);
    const locations = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position });
    return (locations ?? []).map((l) => `${l.range.start.line}:${l.range.start.character} ${textOf(text, l.range)}`);
  };

  it('goes from a quoted reference in a flow map to the function key', async () => {
    expect(await definitionOf(at('chargeCard', 1))).toEqual(['26:2 chargeCard']);
  });
  it('goes from a block reference to the bus', async () => {
    expect(await definitionOf(at('orderBus', 2))).toEqual(['13:2 orderBus']);
  });
  it('goes from an event reference to the catalog', async () => {
    expect(await definitionOf(at('OrderPlaced', 1))).toEqual(['3:2 OrderPlaced']);
  });
  it('goes from a dead-letter queue to its declaration', async () => {
    expect(await definitionOf(at('billing-dlq', 0))).toEqual(['22:2 billing-dlq']);
  });
  it('answers nothing on a key that is not a name', async () => {
    expect(await definitionOf(at('visibilityTimeout'))).toEqual([]);
  });
});

describe('find references', () => {
  const referencesOf = async (textWithCaret: string, includeDeclaration: boolean): Promise<string[]> => {
    const { uri, text, position } = await openAt(textWithCaret);
    const locations = await client.request<Location[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
    return (locations ?? []).map((l) => `${l.range.start.line}:${l.range.start.character} ${textOf(text, l.range)}`);
  };

  it('lists every reference of a function, in block, flow and quotes', async () => {
    expect(await referencesOf(at('chargeCard:'), false)).toEqual(['11:56 chargeCard', '21:21 chargeCard']);
    expect(await referencesOf(at('chargeCard:'), true)).toEqual(['11:56 chargeCard', '21:21 chargeCard', '26:2 chargeCard']);
  });
  it('lists the references of the bus from one of them', async () => {
    expect(await referencesOf(at('orderBus', 1), true)).toEqual(['13:2 orderBus', '25:18 orderBus', '29:12 orderBus']);
  });
});

describe('rename', () => {
  const prepare = async (textWithCaret: string): Promise<{ range: Range; placeholder: string } | { error: string }> => {
    const { uri, position } = await openAt(textWithCaret);
    try {
      return await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const renamed = async (textWithCaret: string, newName: string): Promise<string> => {
    const { uri, text, position } = await openAt(textWithCaret);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });
    return applyTextEdits(text, edit.changes![uri]!);
  };
  const refused = async (textWithCaret: string, newName: string): Promise<string> => {
    const { uri, position } = await openAt(textWithCaret);
    return client.request('textDocument/rename', { textDocument: { uri }, position, newName }).then(() => 'accepted', (err: Error) => err.message);
  };

  it('prepares on a name with its range and placeholder', async () => {
    const r = await prepare(at('chargeCard', 1));
    expect(r).toEqual({ range: { start: { line: 21, character: 21 }, end: { line: 21, character: 31 } }, placeholder: 'chargeCard' });
  });
  it('refuses to prepare on something that is not a name', async () => {
    expect(await prepare(at('visibilityTimeout'))).toEqual({ error: 'Only the names of producers, routers, consumers, events and event-bus rules can be renamed.' });
  });

  it('renames a function everywhere, keeping quotes, comments and the rest byte for byte', async () => {
    const after = await renamed(at('chargeCard', 1), 'charge-card');
    expect(after).toBe(SHOP
      .replace('to: chargeCard }', 'to: charge-card }')
      .replace('function: "chargeCard"', 'function: "charge-card"')
      .replace('  chargeCard:\n', '  charge-card:\n'));
  });

  it('renames an event, and the detail-type of the patterns that match it by name', async () => {
    const after = await renamed(at('OrderPaid:'), 'PaymentReceived');
    expect(after).toBe(SHOP
      .replace('  OrderPaid:            # paid', '  PaymentReceived:            # paid')
      .replace('detail-type: [OrderPaid]', 'detail-type: [PaymentReceived]')
      .replace('event: OrderPaid\n', 'event: PaymentReceived\n'));
  });

  it('renames a bus rule', async () => {
    expect(await renamed(at('paid:'), 'payments')).toBe(SHOP.replace('      paid: {', '      payments: {'));
  });

  it('refuses a name that is taken, with a clear message', async () => {
    expect(await refused(at('chargeCard:'), 'billing')).toBe("'billing' is already declared in routers. Names are unique across events, producers, routers and consumers.");
  });
  it('refuses an invalid name', async () => {
    expect(await refused(at('chargeCard:'), '9lives')).toBe("'9lives' is not a valid name: names start with a letter and use letters, digits, '_', '.' and '-' (at most 64 characters).");
    expect(await refused(at('paid:'), 'a b')).toBe("'a b' is not a valid rule name: use 1 to 64 letters, digits, '.', '_' or '-'.");
  });
});
