import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LspClient } from '../helpers/lsp-client';

const GOOD = `archflow: 1
name: shop
routers:
  jobs:
    type: queue
    visibilityTimeout: 60
    deadLetter: { queue: jobs-dlq, maxReceiveCount: 5 }
    to: { function: worker, reportFailures: true }
  jobs-dlq: { type: queue, retention: 14d }
consumers:
  worker: { timeout: 10 }
producers:
  upstream: { type: external, to: jobs }
`;

describe('diagnostics over stdio', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client.shutdown();
  });

  it('publishes problems on open at the exact range of the offending value', async () => {
    const uri = 'file:///ws/a.arch.yaml';
    const pending = client.nextDiagnostics(uri);
    await client.open(uri, GOOD.replace('function: worker', 'function: wroker'));
    const p = await pending;
    const unknown = p.diagnostics.find((d) => d.code === 'ref/unknown');
    expect(unknown?.message).toBe("Unknown name 'wroker': no function of that name is declared. Did you mean 'worker'?");
    expect(unknown?.range).toEqual({ start: { line: 7, character: 20 }, end: { line: 7, character: 26 } });
    expect(unknown?.source).toBe('archflow');
    // Every code links to its docs, not only the rules.
    expect(unknown?.codeDescription).toEqual({ href: 'https://github.com/archflow/archflow/blob/main/docs/problems.md#refunknown' });
  });

  it('follows edits, and a fixed file gets an empty list', async () => {
    const uri = 'file:///ws/b.arch.yaml';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, GOOD.replace('function: worker', 'function: wroker'));
    expect((await first).diagnostics.map((d) => d.code)).toContain('ref/unknown');
    const second = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ range: { start: { line: 7, character: 20 }, end: { line: 7, character: 26 } }, text: 'worker' }]);
    expect((await second).diagnostics).toEqual([]);
  });

  it('never publishes results for a version older than the newest edit', async () => {
    const uri = 'file:///ws/c.arch.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, GOOD);
    await opened;
    const versions: (number | undefined)[] = [];
    const last = client.nextDiagnostics(uri, (p) => {
      versions.push(p.version);
      return p.version === 41;
    });
    // A burst of keystrokes: the final text has a typo in the name of the consumer.
    for (let v = 2; v <= 41; v++) {
      const text = v % 2 === 0 ? GOOD.replace('function: worker', 'function: workerx') : GOOD;
      await client.change(uri, v, [{ text }]);
    }
    const final = await last;
    expect(final.diagnostics).toEqual([]);
    // Whatever was published in between came in order and was never older than an earlier publication.
    const seen = versions.filter((v): v is number => v !== undefined);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('clears the problems of a file when it is closed', async () => {
    const uri = 'file:///ws/d.arch.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'archflow: 2\n');
    expect((await opened).diagnostics.length).toBeGreaterThan(0);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('keeps every open file separately', async () => {
    const uris = Array.from({ length: 12 }, (_, i) => `file:///ws/folder${i % 3}/f${i}.arch.yaml`);
    const all = uris.map((u) => client.nextDiagnostics(u));
    for (const [i, u] of uris.entries()) await client.open(u, i % 2 ? GOOD : GOOD.replace('name: shop', 'name: 9shop'));
    const results = await Promise.all(all);
    results.forEach((r, i) => expect(r.diagnostics.map((d) => d.code)).toEqual(i % 2 ? [] : ['schema/pattern']));
  });

  it('reads rule settings from the client', async () => {
    await client.shutdown();
    client = new LspClient();
    client.configuration = { archflow: { rules: { 'sqs/visibility-timeout': 'off' } } };
    await client.initialize({ workspace: { configuration: true } });
    const uri = 'file:///ws/e.arch.yaml';
    const p = client.nextDiagnostics(uri);
    await client.open(uri, GOOD.replace('visibilityTimeout: 60', 'visibilityTimeout: 5'));
    expect((await p).diagnostics.map((d) => d.code)).not.toContain('sqs/visibility-timeout');
  });
});

describe('bad input never takes the server down', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client.shutdown();
  });

  const cases: [string, () => string, string][] = [
    ['an empty file', () => '', 'file/empty'],
    ['binary garbage', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'), 'file/binary'],
    ['a YAML alias bomb', () => [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n'), 'yaml/alias-limit'],
    ['a 5 MB file', () => 'archflow: 1\nname: big\n' + '# padding padding padding padding padding padding padding padding\n'.repeat(80_000), 'file/too-large'],
    ['broken YAML', () => 'archflow: 1\nname: [unclosed\n  producers: {', 'yaml/syntax'],
  ];

  for (const [name, make, code] of cases) {
    it(`${name}: a clear problem, and the server answers the next request`, async () => {
      const uri = `file:///ws/${name.replace(/\W+/g, '-')}.arch.yaml`;
      const p = client.nextDiagnostics(uri);
      await client.open(uri, make());
      const diagnostics = (await p).diagnostics;
      expect(diagnostics.map((d) => d.code)).toContain(code);
      for (const d of diagnostics) expect(typeof d.message === 'string' ? d.message.length : d.message.value.length).toBeGreaterThan(10);
      // Still alive and analysing.
      const next = 'file:///ws/after.arch.yaml';
      const q = client.nextDiagnostics(next);
      await client.open(next, GOOD);
      expect((await q).diagnostics).toEqual([]);
      expect(client.alive).toBe(true);
    });
  }
});
