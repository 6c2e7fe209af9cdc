/**
 * Scenario files in the language server, over stdio: diagnostics (schema errors, names checked
 * against the architecture the file names, with "did you mean"), completion, hover, the "Run scenario"
 * lenses and their run (failed expectations as diagnostics at the expectation), and the diagram's
 * "Send test event" requests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/index';
import { readScenarioFile, resolveScenarios, runScenario } from '../../server/src/core/simulate/index';
import type { RunScenarioResult, TestEventSamplesResult, TestEventTrace } from '../../server/src/protocol';
import { caret, LspClient, textOf } from '../helpers/lsp-client';

const EXAMPLES = resolve(__dirname, '../../examples');
const ORDERS = readFileSync(join(EXAMPLES, 'orders.arch.yaml'), 'utf8');
const SCENARIOS = readFileSync(join(EXAMPLES, 'orders.scenario.yaml'), 'utf8');

let client: LspClient;
let dir: string;
const uriOf = (name: string): string => pathToFileURL(join(dir, name)).toString();
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'archflow-scenario-lsp-'));
  writeFileSync(join(dir, 'orders.arch.yaml'), ORDERS);
  client = new LspClient();
  await client.initialize({
    textDocument: { codeLens: {}, completion: { completionItem: { documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } },
  });
});

afterAll(async () => {
  await client?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('scenario file diagnostics', () => {
  it('a valid scenario file has none (it is not analysed as an architecture)', async () => {
    const p = await client.openAnalysed(uriOf('valid.scenario.yaml'), SCENARIOS);
    expect(p.diagnostics).toEqual([]);
    await client.close(uriOf('valid.scenario.yaml'));
  });

  it('names a node the architecture does not have at its exact range, with the closest name', async () => {
    const text = SCENARIOS.replace('request: { api: checkout, route: POST /orders }', 'request: { api: chekout, route: POST /orders }');
    const uri = uriOf('typo.scenario.yaml');
    const p = await client.openAnalysed(uri, text);
    expect(p.diagnostics.map((d) => [d.code, d.message, textOf(text, d.range)])).toEqual([
      ['scenario/unknown-node', "'chekout' is not a node of the architecture. Did you mean 'checkout'?", 'chekout'],
    ]);
    expect(p.diagnostics[0]!.range.start.line).toBe(lineOf(text, 'api: chekout'));
    // Fixed by an edit: the diagnostic goes.
    const fixed = client.nextDiagnostics(uri, (d) => d.version === 2);
    await client.change(uri, 2, [{ text: SCENARIOS }]);
    expect((await fixed).diagnostics).toEqual([]);
    await client.close(uri);
  });

  it('reports schema errors at the key, and an architecture that does not exist at `architecture`', async () => {
    const text = SCENARIOS.replace('    until: 10m\n', '    unti: 10m\n').replace('architecture: orders.arch.yaml', 'architecture: nowhere.arch.yaml');
    const uri = uriOf('schema.scenario.yaml');
    const p = await client.openAnalysed(uri, text);
    const got = p.diagnostics.map((d) => [d.code, textOf(text, d.range)]);
    expect(got).toContainEqual(['scenario/no-architecture', 'nowhere.arch.yaml']);
    expect(p.diagnostics.find((d) => d.code === 'scenario/no-architecture')!.message).toBe("The architecture 'nowhere.arch.yaml' does not exist next to this file.");
    expect(got.filter(([code]) => String(code).startsWith('schema/')).map(([, t]) => t)).toEqual(['unti']);
    await client.close(uri);
  });

  it('checks against the open architecture as it is edited', async () => {
    const archUri = uriOf('orders.arch.yaml');
    const uri = uriOf('live.scenario.yaml');
    expect((await client.openAnalysed(uri, SCENARIOS)).diagnostics).toEqual([]);
    // The architecture is opened with `billing-dlq` renamed: the scenario's expectation names it.
    const renamed = ORDERS.replaceAll('billing-dlq', 'biling-dlq');
    const next = client.nextDiagnostics(uri, (d) => d.diagnostics.length > 0);
    await client.open(archUri, renamed);
    const p = await next;
    expect(p.diagnostics.map((d) => [d.code, d.message, textOf(SCENARIOS, d.range)])).toEqual([
      ['scenario/unknown-node', "'billing-dlq' is not a node of the architecture. Did you mean 'biling-dlq'?", 'billing-dlq'],
    ]);
    const back = client.nextDiagnostics(uri, (d) => d.diagnostics.length === 0);
    await client.close(archUri);
    await client.change(uri, 2, [{ text: SCENARIOS }]);
    await back;
    await client.close(uri);
  });
});

describe('scenario file completion and hover', () => {
  const complete = async (textWithCaret: string, name: string): Promise<CompletionList> => {
    const { text, position } = caret(textWithCaret);
    const uri = uriOf(name);
    await client.openAnalysed(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    await client.close(uri);
    return list;
  };

  it('completes the nodes of the right kind where a field names one', async () => {
    const list = await complete(SCENARIOS.replace('request: { api: checkout, route: POST /orders }', 'request: { api: |, route: POST /orders }'), 'c1.scenario.yaml');
    expect(list.items.map((i) => i.label)).toEqual(['checkout']);
    const queues = await complete(SCENARIOS.replace('maxDepth', 'maxDepth').replace('      - deadLettered: { queue: billing-dlq, exactly: 3 }', '      - maxDepth: { queue: b|, atMost: 3 }'), 'c2.scenario.yaml');
    expect(queues.items.map((i) => i.label)).toEqual(['billing', 'billing-dlq', 'events-dlq', 'alerts-dlq', 'audit', 'audit-dlq']);
  });

  it('completes routes, catalog events, counters, function names and fields', async () => {
    const routes = await complete(SCENARIOS.replace('request: { api: checkout, route: POST /orders }', 'request: { api: checkout, route: | }'), 'c3.scenario.yaml');
    expect(routes.items.map((i) => i.label)).toEqual(['POST /orders', 'GET /orders/{orderId}']);
    expect(routes.items[1]!.textEdit).toMatchObject({ newText: "'GET /orders/{orderId}'" });
    const events = await complete(SCENARIOS.replace('{ event: OrderPaid, chance: 97% }', '{ event: |, chance: 97% }'), 'c4.scenario.yaml');
    expect(events.items.map((i) => i.label)).toEqual(['OrderPlaced', 'OrderPaid', 'PaymentFailed']);
    const metrics = await complete(SCENARIOS.replace('metric: invocations', 'metric: |'), 'c5.scenario.yaml');
    expect(metrics.items.map((i) => i.label)).toContain('deadLettered');
    const fns = await complete(SCENARIOS.replace('      pager:\n        fails: 100%\n', '      pager:\n        fails: 100%\n      |\n'), 'c6.scenario.yaml');
    expect(fns.items.map((i) => i.label)).toEqual(['placeOrder', 'getOrder', 'sendReceipt', 'writeAudit']);
    const fields = await complete(SCENARIOS.replace('    until: 30m\n', '    until: 30m\n    |\n'), 'c7.scenario.yaml');
    expect(fields.items.map((i) => i.label).sort()).toEqual(['account', 'outages', 'seed', 'start']);
    expect(fields.items.find((i) => i.label === 'outages')!.documentation).toMatchObject({ kind: 'markdown' });
  });

  it('hovers a node with its summary and a field with its documentation', async () => {
    const uri = uriOf('hover.scenario.yaml');
    await client.openAnalysed(uri, SCENARIOS);
    const at = (needle: string, skip = 0): { line: number; character: number } => {
      const offset = SCENARIOS.indexOf(needle) + skip;
      const before = SCENARIOS.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1]!.length };
    };
    const node = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at('api: checkout', 7) });
    expect(node.contents).toMatchObject({ kind: 'markdown' });
    expect((node.contents as { value: string }).value).toContain('`checkout`');
    expect((node.contents as { value: string }).value).toContain('**Outbound**');
    expect(textOf(SCENARIOS, node.range!)).toBe('checkout');
    const field = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at('until: 30m', 1) });
    expect((field.contents as { value: string }).value).toMatch(/^\*\*until\*\* · seconds\n\nHow much virtual time to simulate/);
    await client.close(uri);
  });
});

describe('scenario file go to definition', () => {
  it('goes from a node, a function, a catalog event and the architecture to where the architecture declares them', async () => {
    const uri = uriOf('definition.scenario.yaml');
    const archUri = uriOf('orders.arch.yaml');
    await client.openAnalysed(uri, SCENARIOS);
    const at = (text: string, needle: string, skip: number): { line: number; character: number } => {
      const before = text.slice(0, text.indexOf(needle) + skip).split('\n');
      return { line: before.length - 1, character: before[before.length - 1]!.length };
    };
    const go = async (needle: string, skip: number): Promise<string | null> => {
      const r = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: at(SCENARIOS, needle, skip) });
      if (!r || r.length === 0) return null;
      expect(r).toHaveLength(1);
      expect(r[0]!.uri).toBe(archUri);
      return `${r[0]!.range.start.line}:${r[0]!.range.start.character} ${textOf(ORDERS, r[0]!.range)}`;
    };
    const declared = (needle: string): string => { const p = at(ORDERS, needle, 0); return `${p.line}:${p.character} ${needle.replace(/:$/, '')}`; };
    // The api of a request: at the first character, the last, and just after it (the editors' "end of word").
    expect(await go('api: checkout', 5)).toBe(declared('checkout:'));
    expect(await go('api: checkout', 12)).toBe(declared('checkout:'));
    expect(await go('api: checkout', 13)).toBe(declared('checkout:'));
    expect(await go('api: checkout', 14)).toBeNull();
    // A function named as a key of defaults.functions, and a catalog event.
    expect(await go('    chargeCard:', 4)).toBe(declared('chargeCard:'));
    expect(await go('event: OrderPaid', 7)).toBe(declared('OrderPaid:'));
    // The architecture: its first character.
    expect(await go('architecture: orders.arch.yaml', 15)).toBe('0:0 ');
    // A field name is not a reference.
    expect(await go('until: 30m', 1)).toBeNull();
    await client.close(uri);
  });
});

describe('Run scenario lenses', () => {
  it('puts one lens per scenario, runs it, and shows a failed expectation at its line', async () => {
    const text = SCENARIOS.replace('- deadLettered: { queue: billing-dlq, exactly: 3 }', '- deadLettered: { queue: billing-dlq, exactly: 4 }');
    const uri = uriOf('run.scenario.yaml');
    await client.openAnalysed(uri, text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l) => textOf(text, l.range))).toEqual(['lunch-rush', 'card-declined', 'pager-down']);
    const resolved = await client.request<CodeLens>('codeLens/resolve', lenses[1]);
    expect(resolved.command).toEqual({ title: '▶ Run scenario', command: 'archflow.runScenario', arguments: [{ uri, scenario: 'card-declined' }] });

    const published = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const result = await client.request<RunScenarioResult>('arch/runScenario', { textDocument: { uri }, scenario: 'card-declined' });
    if ('problems' in result) throw new Error(result.problems.join('\n'));
    expect(result.passed).toBe(false);
    expect(result.expectations.map((e) => [e.ok, e.text, e.detail])).toEqual([
      [true, "'small' arrivals reach 'chargeCard' within 10 s", '10 of 10 arrivals did; slowest 1.2 s'],
      [false, "exactly 4 messages dead-lettered in 'billing-dlq'", "3 messages arrived in 'billing-dlq' as dead letters"],
      [true, "'chargeCard' failed: exactly 15", 'failed: 15'],
      [true, 'nothing is lost', 'nothing was'],
    ]);
    expect(result.report).toContain("✗ exactly 4 messages dead-lettered in 'billing-dlq'");
    const diagnostics: Diagnostic[] = (await published).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([
      ['scenario/expectation-failed', lineOf(text, 'deadLettered: { queue: billing-dlq, exactly: 4 }'), "Scenario 'card-declined': exactly 4 messages dead-lettered in 'billing-dlq' did not hold: 3 messages arrived in 'billing-dlq' as dead letters."],
    ]);
    // The lens says how the last run went.
    expect((await client.request<CodeLens>('codeLens/resolve', lenses[1])).command!.title).toBe('▶ Run scenario (last run: ✗ 3/4)');
    // An edit clears the run's diagnostics.
    const cleared = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ text: SCENARIOS }]);
    expect((await cleared).diagnostics).toEqual([]);
    const ok = await client.request<RunScenarioResult>('arch/runScenario', { textDocument: { uri }, scenario: 'card-declined' });
    expect('passed' in ok && ok.passed).toBe(true);
    const missing = await client.request<RunScenarioResult>('arch/runScenario', { textDocument: { uri }, scenario: 'nope' });
    expect(missing).toEqual({ scenario: 'nope', problems: ["The file has no scenario 'nope'."] });
    await client.close(uri);
  });
});

describe('a long scenario run', () => {
  it('runs as archflow simulate does, and the server answers the editor meanwhile', async () => {
    const uri = uriOf('long.scenario.yaml');
    await client.openAnalysed(uri, SCENARIOS);
    const order: string[] = [];
    const run = client.request<RunScenarioResult>('arch/runScenario', { textDocument: { uri }, scenario: 'lunch-rush' }).then((r) => (order.push('run'), r));
    const hover = client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: lineOf(SCENARIOS, 'lunch-rush:'), character: 4 } }).then((h) => (order.push('hover'), h));
    const [result, h] = await Promise.all([run, hover]);
    expect(order).toEqual(['hover', 'run']);
    expect((h.contents as { value: string }).value).toBe('**Scenario** `lunch-rush`');
    // The same run as the core's synchronous one (what `archflow simulate` prints).
    const graph = analyze(ORDERS).graph;
    const scenario = resolveScenarios(readScenarioFile(SCENARIOS), graph).scenarios.find((x) => x.name === 'lunch-rush')!;
    const same = runScenario(graph, scenario, { timeline: 0 });
    if ('problems' in result) throw new Error(result.problems.join('\n'));
    expect(result.passed).toBe(true);
    expect(result.expectations.map((e) => e.detail)).toEqual(same.outcomes.map((o) => o.detail));
    expect([result.events, result.deliveries]).toEqual([same.events, same.deliveries]);
    await client.close(uri);
  });
});

describe('Send test event', () => {
  it('offers the catalog samples of a bus and runs one hop by hop, with payloads and counts', async () => {
    const uri = uriOf('orders.arch.yaml');
    await client.openAnalysed(uri, ORDERS);
    const samples = await client.request<TestEventSamplesResult>('arch/testEventSamples', { textDocument: { uri }, node: 'orderBus' });
    expect(samples.problems).toEqual([]);
    expect(samples.samples.map((s) => s.label)).toEqual(['OrderPlaced', 'OrderPaid', 'PaymentFailed']);
    expect(samples.samples[0]!.payload).toMatchObject({ event: 'OrderPlaced', detail: { orderId: expect.any(String), total: 0 } });
    const payload = { event: 'OrderPlaced', detail: { orderId: 'o-42', customerId: 'c-1', total: 12, items: [] } };
    const trace = await client.request<TestEventTrace>('arch/sendTestEvent', { textDocument: { uri }, node: 'orderBus', payload });
    const hop = trace.events.find((e) => e.type === 'deliver' && e.to === 'billing')!;
    expect(hop.edge).toBe('/routers/orderBus/rules/placed/to/0/queue');
    expect(hop.payload).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-42', total: 12 } });
    expect(hop.counts.received).toBe(1);
    expect(trace.events.filter((e) => e.type === 'succeed').map((e) => e.node)).toEqual(['chargeCard', 'sendReceipt', 'pager']);
    expect(trace.nodes.find((n) => n.id === 'billing')).toMatchObject({ received: 1, succeeded: 1, depth: { end: 0, max: 1 } });
    // A schedule fires on its own; a bad payload says what is wrong.
    const bad = await client.request<{ problems: string[] }>('arch/sendTestEvent', { textDocument: { uri }, node: 'orderBus', payload: { event: 'OrderPlacd' } });
    expect(bad).toEqual({ problems: ["event: 'OrderPlacd' is not in the catalog (`events`). Did you mean 'OrderPlaced'?"] });
    await client.close(uri);
  });
});
