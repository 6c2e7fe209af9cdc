import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { HOSTILE, type HostileCase } from '../fixtures/hostile/corpus';
import { LspClient } from '../helpers/lsp-client';
import type { DiagramResult } from '../../server/src/protocol';

/** The position of a 1-based line and column (LSP: 0-based). */
const position = (line: number, column: number) => ({ line: line - 1, character: column - 1 });

describe('the hostile-input corpus over stdio: each gives its problem, and the server answers the next request', () => {
  let client: LspClient;
  const logs: string[] = [];
  beforeAll(async () => {
    client = new LspClient();
    client.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => void logs.push(`${p.type} ${p.message}`));
    await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] } } });
  });
  afterAll(async () => {
    await client.shutdown();
  });

  const check = async (c: HostileCase): Promise<void> => {
    const uri = `file:///ws/hostile/${c.name}.arch.yaml`;
    // A large input takes seconds to analyse on a loaded machine (the bench measures how long).
    const analysed = client.nextDiagnostics(uri, () => true, c.large ? 60_000 : 10_000);
    await client.open(uri, c.text());
    const published = await analysed;
    const found = published.diagnostics.find((d: Diagnostic) => d.code === c.expect.code);
    expect(found, `${c.name}: ${published.diagnostics.slice(0, 5).map((d) => d.code).join(', ')}`).toBeDefined();
    expect(found!.range.start).toEqual(position(c.expect.line, c.expect.column));
    // The next requests are answered (null is an answer), and the server is still there.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: found!.range.start });
    expect(hover === null || typeof hover === 'object').toBe(true);
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/completion', { textDocument: { uri }, position: found!.range.end });
    await client.close(uri);
    expect(client.alive).toBe(true);
  };

  for (const c of HOSTILE.filter((x) => !x.large)) it(`${c.name}: ${c.expect.code}`, () => check(c));

  it('the large inputs (4 MB of `[`, a 5 MB file, 97,777 functions) too; the diagram of the functions shows 5,000 with a notice', async () => {
    for (const c of HOSTILE.filter((x) => x.large && x.name !== 'many-functions')) await check(c);
    const c = HOSTILE.find((x) => x.name === 'many-functions')!;
    const uri = `file:///ws/hostile/${c.name}.arch.yaml`;
    const analysed = client.nextDiagnostics(uri, () => true, 60_000);
    await client.open(uri, c.text());
    const published = await analysed;
    expect(published.diagnostics.find((d) => d.code === c.expect.code)?.range.start).toEqual(position(c.expect.line, c.expect.column));
    const diagram = await client.request<DiagramResult | null>('arch/diagram', { textDocument: { uri } });
    expect(diagram!.diagram.nodes).toHaveLength(5000);
    expect(diagram!.diagram.notice).toBe('This architecture has 97,777 elements; a diagram shows at most 5,000: here the first 5,000, whole flows in file order. Split the file into several architectures to see the rest.');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: position(4, 4) });
    expect(JSON.stringify(hover)).toContain('fn00000');
    await client.close(uri);
  }, 300_000);

  it('pathological edits of an open file: each version is analysed and every request answered', async () => {
    const uri = 'file:///ws/hostile/edited.arch.yaml';
    const base = 'archflow: 1\nname: edited\nconsumers:\n  worker: {}\n';
    await client.openAnalysed(uri, base);
    const edits = [
      `x: ${'['.repeat(5000)}`, // an unclosed deep list, as typed
      `${'{'.repeat(60)}${'}'.repeat(60)}: 1`, // a map nested as a key
      `y: [${Array.from({ length: 20_000 }, (_, i) => `v${i}`).join(', ')}]`, // a huge flow list
      `z: &z { a: 1 }\nw: { <<: *z, b: 2 }`, // a merge
      '? [a, b]\n: 1', // a list as a key
    ];
    let version = 1;
    for (const line of edits) {
      version++;
      const published = client.nextDiagnostics(uri, (p) => p.version === version, 20_000);
      await client.change(uri, version, [{ text: `${base}${line}\n` }]);
      await published;
      const answer = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 2 } });
      expect(answer === null || typeof answer === 'object').toBe(true);
    }
    await client.close(uri);
  }, 120_000);

  it('answers params it cannot use with InvalidParams (−32602), not InternalError', async () => {
    const uri = 'file:///ws/hostile/params.arch.yaml';
    await client.openAnalysed(uri, 'archflow: 1\nname: params\n');
    const invalid = [
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: '0', character: 0 } }],
      ['textDocument/completion', { position: { line: 0, character: 0 } }],
      ['textDocument/definition', null],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 } } }],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: -1, character: 0 }] }],
      ['arch/diagram', { textDocument: {} }],
      ['arch/generate', { textDocument: { uri: 42 } }],
    ] as const;
    for (const [method, params] of invalid) {
      const error = await client.request(method, params).then(() => undefined, (e: { code: number; message: string }) => e);
      expect(error?.code, `${method} ${JSON.stringify(params)}`).toBe(ErrorCodes.InvalidParams);
      // `null` is refused by the JSON-RPC layer itself (params by position); the rest by Archflow's check.
      if (params !== null) expect(error!.message).toMatch(/^(textDocument|arch)\/\w+: params/);
    }
    // Good params still work.
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })).not.toBeUndefined();
    await client.close(uri);
  });

  it('never passes the yaml package\'s warnings on to the client', () => {
    expect(logs.filter((l) => /stringified|collection values/i.test(l))).toEqual([]);
    expect(client.stderr).not.toMatch(/stringified|collection values/i);
  });
});
