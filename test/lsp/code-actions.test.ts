import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { applyTextEdits, caret, LspClient } from '../helpers/lsp-client';

let client: LspClient;
let n = 0;

beforeAll(async () => {
  client = new LspClient();
  await client.initialize({});
});
afterAll(() => client.shutdown());

async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///ws/actions-${++n}.arch.yaml`;
  const published = await client.openAnalysed(uri, text);
  return { uri, diagnostics: published.diagnostics };
}

async function actions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

const applied = (text: string, uri: string, action: CodeAction): string => applyTextEdits(text, action.edit!.changes![uri]!);

/** Sends the new text and resolves with its diagnostics. */
async function reanalysed(uri: string, text: string, version = 2): Promise<Diagnostic[]> {
  const published = client.nextDiagnostics(uri, (p) => p.version === version);
  await client.change(uri, version, [{ text }]);
  return (await published).diagnostics;
}

describe('a request without a context', () => {
  it('answers (no internal error) with the quick fixes of the problems in the range', async () => {
    const text = `archflow: 1
name: shop
routers:
  jobs:
    type: queue
    visibilityTimeout: 20
    to: worker
consumers:
  worker: { timeout: 25 }
`;
    const { uri } = await open(text);
    const at = caret(text.replace('visibilityTimeout: 20', 'visibilityTimeout: 2|0')).position;
    const range = { start: at, end: at };
    const result = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range });
    expect(result.map((a) => a.title)).toContain('Set visibilityTimeout to 150');
    const fix = result.find((a) => a.title === 'Set visibilityTimeout to 150')!;
    expect(applied(text, uri, fix)).toBe(text.replace('visibilityTimeout: 20', 'visibilityTimeout: 150'));
    // A context with neither diagnostics nor only: refactorings, no failure either.
    expect(Array.isArray(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: {} }))).toBe(true);
  });
});

describe('quick fixes of diagnostics', () => {
  it("applies a rule's fix from Diagnostic.data with a minimal edit, and the problem is gone", async () => {
    const text = `archflow: 1
name: shop
# Orders wait here.
routers:
  jobs:
    type: queue
    visibilityTimeout: 20   # too short
    deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }
    to: worker
  jobs-dlq: { type: queue, retention: 14d }   # kept two weeks
consumers:
  worker: { timeout: 25 }
`;
    const { uri, diagnostics } = await open(text);
    const d = diagnostics.find((x) => x.code === 'sqs/visibility-timeout')!;
    expect((d.data as { fix: { kind: string } }).fix.kind).toBe('set-value');
    const [fix] = await actions(uri, d.range, [d]);
    expect(fix?.kind).toBe('quickfix');
    expect(fix?.title).toBe('Set visibilityTimeout to 150');
    expect(fix?.isPreferred).toBe(true);
    expect(fix?.diagnostics).toEqual([d]);
    const after = applied(text, uri, fix!);
    expect(after).toBe(text.replace('visibilityTimeout: 20   # too short', 'visibilityTimeout: 150   # too short'));
    expect((await reanalysed(uri, after)).map((x) => x.code)).not.toContain('sqs/visibility-timeout');
  });

  it('offers "Declare missing consumer `x`" for an unknown name and declares it at the end of consumers', async () => {
    const text = `archflow: 1
name: shop
routers:
  alerts: { type: topic, to: [pager, oncall] }   # who gets woken up
consumers:
  pager: {}
# end
`;
    const { uri, diagnostics } = await open(text);
    const d = diagnostics.find((x) => x.code === 'ref/unknown')!;
    const found = await actions(uri, d.range, [d]);
    expect(found.map((a) => a.title)).toEqual(['Declare missing consumer `oncall`', 'Declare missing queue `oncall`']);
    const after = applied(text, uri, found[0]!);
    expect(after).toBe(text.replace('  pager: {}\n', '  pager: {}\n  oncall: {}\n'));
    expect((await reanalysed(uri, after)).filter((x) => x.severity === 1)).toEqual([]);
  });

  it('finds the fix by code and range when the client dropped Diagnostic.data', async () => {
    const text = 'archflow: 1\nname: shop\nrouters:\n  jobs: { type: queue, to: wroker }\nconsumers:\n  worker: {}\n';
    const { uri, diagnostics } = await open(text);
    const d = diagnostics.find((x) => x.code === 'ref/unknown')!;
    const { data: _dropped, ...bare } = d;
    const found = await actions(uri, d.range, [bare], ['quickfix']);
    expect(found.map((a) => a.title)).toEqual(['Declare missing consumer `wroker`']);
  });
});

describe('Diagnostic.data from the client is checked', () => {
  it('a malformed or unknown fix is not applied: the server uses its own fix of that problem, or none', async () => {
    const text = 'archflow: 1\nname: shop\nrouters:\n  jobs: { type: queue, visibilityTimeout: 20, to: worker }\nconsumers:\n  worker: { timeout: 25 }\n';
    const { uri, diagnostics } = await open(text);
    const d = diagnostics.find((x) => x.code === 'sqs/visibility-timeout')!;
    const tampered = { ...d, data: { pointer: ['routers', 'jobs'], fix: { kind: 'set-value', title: 'Set it to something else', at: 'routers/jobs', value: 1 } } };
    expect((await actions(uri, d.range, [tampered], ['quickfix'])).map((a) => a.title)).toEqual(['Set visibilityTimeout to 150']);
    const elsewhere: Diagnostic = { ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }, data: { pointer: [], fix: { kind: 'run-command', title: 'Run it', command: 'rm -rf /' } } };
    expect(await actions(uri, elsewhere.range, [elsewhere], ['quickfix'])).toEqual([]);
    const wrongFields: Diagnostic = { ...elsewhere, data: { pointer: [], fix: { kind: 'rename-key', title: 'Rename', to: 42 } } };
    expect(await actions(uri, elsewhere.range, [wrongFields], ['quickfix'])).toEqual([]);
  });
});

describe('refactorings', () => {
  const SHOP = `archflow: 1
name: shop
producers:
  uploads:
    type: bucket
    notifications:
      - on: [ObjectCreated]   # new files only
        to: scanReceipt
routers:
  # The billing queue.
  billing:
    type: queue
    visibilityTimeout: 180
    to: chargeCard   # one at a time
  alerts: { type: topic, to: [{ function: pager, filter: { severity: [high] } }] }
consumers:
  chargeCard: { timeout: 25 }
  scanReceipt: { timeout: 20 }
  pager: {}
`;

  it('adds a dead-letter queue to a queue that has none', async () => {
    const { text, position } = caret(SHOP.replace('visibilityTimeout: 180', 'visibility|Timeout: 180'));
    const { uri } = await open(text);
    const found = await actions(uri, { start: position, end: position }, [], ['refactor']);
    const add = found.find((a) => a.title.startsWith('Add a dead-letter queue'))!;
    expect(add.kind).toBe('refactor.rewrite');
    const after = applied(text, uri, add);
    expect(after).toBe(SHOP.replace(
      '    to: chargeCard   # one at a time\n',
      '    to: chargeCard   # one at a time\n    deadLetter: { queue: billing-dlq, maxReceiveCount: 5 }\n  billing-dlq: { type: queue, retention: 14d }\n',
    ));
    const codes = (await reanalysed(uri, after)).map((d) => d.code);
    expect(codes).not.toContain('sqs/dead-letter-queue');
    expect(codes.filter((c) => c?.toString().startsWith('ref/') || c?.toString().startsWith('schema/'))).toEqual([]);
  });

  it('puts a queue between a bucket and the function it notifies', async () => {
    const { text, position } = caret(SHOP.replace('to: scanReceipt', 'to: scan|Receipt'));
    const { uri } = await open(text);
    const found = await actions(uri, { start: position, end: position }, []);
    expect(found.map((a) => a.title)).toEqual(["Put a queue between bucket 'uploads' and its consumer 'scanReceipt'"]);
    const after = applied(text, uri, found[0]!);
    expect(after).toBe(SHOP
      .replace('        to: scanReceipt\n', '        to: scanReceipt-queue\n')
      .replace('  alerts: { type: topic, to: [{ function: pager, filter: { severity: [high] } }] }\n',
        '  alerts: { type: topic, to: [{ function: pager, filter: { severity: [high] } }] }\n  scanReceipt-queue: { type: queue, visibilityTimeout: 120, to: scanReceipt }\n'));
    const diagnostics = await reanalysed(uri, after);
    expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect(diagnostics.map((d) => d.code)).not.toContain('sqs/visibility-timeout');
  });

  it('puts a queue between a topic and a subscribed function, keeping the subscription options', async () => {
    const { text, position } = caret(SHOP.replace('function: pager', 'function: pa|ger'));
    const { uri } = await open(text);
    const found = await actions(uri, { start: position, end: position }, [], ['refactor.rewrite']);
    const after = applied(text, uri, found.find((a) => a.title.startsWith('Put a queue'))!);
    expect(after).toBe(SHOP.replace(
      '  alerts: { type: topic, to: [{ function: pager, filter: { severity: [high] } }] }\n',
      '  alerts: { type: topic, to: [{ queue: pager-queue, filter: { severity: [high] } }] }\n  pager-queue: { type: queue, to: pager }\n',
    ));
  });

  it('offers no refactoring where none applies, and honours `only`', async () => {
    const { text, position } = caret(SHOP.replace('name: shop', 'name: sh|op'));
    const { uri } = await open(text);
    expect(await actions(uri, { start: position, end: position }, [])).toEqual([]);
    const onQueue = caret(SHOP.replace('visibilityTimeout: 180', 'visibility|Timeout: 180'));
    const second = await open(onQueue.text);
    expect(await actions(second.uri, { start: onQueue.position, end: onQueue.position }, [], ['quickfix'])).toEqual([]);
  });
});
