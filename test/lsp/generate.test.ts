import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskParams, GenerateResult } from '../../server/src/protocol';
import { LspClient } from '../helpers/lsp-client';

const TEXT = `archflow: 1
name: shop
routers:
  jobs: { type: queue, visibilityTimeout: 60, to: worker }
consumers:
  worker: {}
`;

const work = mkdtempSync(join(tmpdir(), 'archflow-lsp-generate-'));
let n = 0;
/** A fresh architecture file URI and output folder. */
const fresh = (): { uri: string; outDir: string } => {
  n++;
  return { uri: pathToFileURL(join(work, `shop${n}.arch.yaml`)).href, outDir: join(work, `out${n}`) };
};

describe('arch/generate with a client that answers window/showMessageRequest (any LSP client)', () => {
  let client: LspClient;
  /** What the server asked, and the answer to give next (by message prefix). */
  const asked: string[] = [];
  let answer: string | null = null;
  beforeAll(async () => {
    client = new LspClient();
    client.connection.onRequest('window/showMessageRequest', (p: { message: string; actions: { title: string }[] }) => {
      asked.push(p.message);
      return answer === null ? null : p.actions.find((a) => a.title === answer) ?? null;
    });
    await client.initialize();
  });
  afterAll(() => client.shutdown());

  it('generates the open document, unsaved edits included, into the folder, asking nothing', async () => {
    const { uri, outDir } = fresh();
    await client.openAnalysed(uri, TEXT.replace('visibilityTimeout: 60', 'visibilityTimeout: 90'));
    asked.length = 0;
    const r = (await client.request<GenerateResult | null>('arch/generate', { textDocument: { uri }, outDir }))!;
    expect(r.status).toBe('written');
    expect(r.outDir).toBe(outDir);
    expect(r.message).toMatch(new RegExp(`^Generated 'shop' in ${outDir} — \\d+ created, 0 updated, 0 unchanged, 0 left alone\\.$`));
    expect(r.created).toContain('src/handlers/worker.ts');
    expect(readdirSync(outDir)).toContain('template.json');
    const template = JSON.parse(readFileSync(join(outDir, 'template.json'), 'utf8'));
    expect(template.Resources.JobsQueue.Properties.VisibilityTimeout).toBe(90);
    expect(asked).toEqual([]);
    const again = (await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, outDir }));
    expect({ status: again.status, created: again.created, updated: again.updated, leftAlone: again.leftAlone }).toEqual({
      status: 'written', created: [], updated: [], leftAlone: ['.gitignore', 'README.md', 'src/handlers/worker.ts'],
    });
  });

  it('asks before generating a file with errors; no answer writes nothing', async () => {
    const { uri, outDir } = fresh();
    await client.openAnalysed(uri, TEXT.replace('to: worker', 'to: nobody'));
    asked.length = 0;
    answer = null;
    const no = (await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, outDir }));
    expect(no).toMatchObject({ status: 'cancelled', message: 'Not generated: the architecture has errors.' });
    expect(no.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'ref/unknown', line: 3 }));
    expect(asked).toEqual([expect.stringMatching(/^The architecture has 1 error; the generated project may not deploy\.\n\nline 4: /)]);
    expect(existsSync(outDir)).toBe(false);
    answer = 'Generate Anyway';
    expect((await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, outDir })).status).toBe('written');
  });

  it('asks before replacing an edited generated file; declining writes nothing, accepting replaces it', async () => {
    const { uri, outDir } = fresh();
    await client.openAnalysed(uri, TEXT);
    await client.request('arch/generate', { textDocument: { uri }, outDir });
    writeFileSync(join(outDir, 'src/generated/worker.ts'), '// edited\n');
    asked.length = 0;
    answer = null;
    const refused = await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, outDir });
    expect(refused).toMatchObject({ status: 'refused', needsConsent: [{ path: 'src/generated/worker.ts', reason: 'edited', detail: 'it was edited since Archflow generated it' }] });
    expect(asked).toEqual([`1 file in ${outDir} is not Archflow's to replace. Replace it?\n\nsrc/generated/worker.ts: it was edited since Archflow generated it\n\nPut your code in src/handlers/: Archflow never overwrites it.`]);
    expect(readFileSync(join(outDir, 'src/generated/worker.ts'), 'utf8')).toBe('// edited\n');
    answer = 'Replace';
    const replaced = await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, outDir });
    expect(replaced.status).toBe('written');
    expect(replaced.replaced.map((r) => r.path)).toEqual(['src/generated/worker.ts']);
    expect(readFileSync(join(outDir, 'src/generated/worker.ts'), 'utf8')).toContain('Generated by Archflow');
  });

  it('defaults the folder to .archflow/<name>/ beside the file (as the CLI and deploy do); answers null for a document that is not open', async () => {
    const { uri } = fresh();
    await client.openAnalysed(uri, TEXT);
    const r = await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, dryRun: true });
    expect(r).toMatchObject({ status: 'dry-run', outDir: join(work, '.archflow', 'shop') });
    expect(existsSync(join(work, '.archflow', 'shop'))).toBe(false);
    expect(await client.request('arch/generate', { textDocument: { uri: 'file:///ws/unknown.arch.yaml' } })).toBeNull();
  });
});

describe('arch/generate with a client that answers arch/ask (the VS Code client)', () => {
  let client: LspClient;
  const asked: AskParams[] = [];
  beforeAll(async () => {
    client = new LspClient();
    client.connection.onRequest('arch/ask', (p: AskParams) => {
      asked.push(p);
      return { answer: p.kind === 'folder' ? join(p.value, '..', 'chosen') : 'Replace' };
    });
    client.connection.onRequest('window/showMessageRequest', () => {
      throw new Error('a client that answers arch/ask is asked with it');
    });
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { ask: true } });
    await client.connection.sendNotification('initialized', {});
  });
  afterAll(() => client.shutdown());

  it('asks for the folder (starting from the default) and for consent with arch/ask', async () => {
    const { uri } = fresh();
    await client.openAnalysed(uri, TEXT);
    const r = await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, askFolder: true });
    expect(asked[0]).toEqual({ kind: 'folder', title: 'Archflow: Generate Project', prompt: 'Folder of the generated project (handlers you wrote there are never overwritten)', value: join(work, '.archflow', 'shop') });
    const chosen = join(work, '.archflow', 'chosen');
    expect(r).toMatchObject({ status: 'written', outDir: chosen });
    writeFileSync(join(chosen, 'tsconfig.json'), '{}\n');
    const again = await client.request<GenerateResult>('arch/generate', { textDocument: { uri }, outDir: chosen });
    expect(asked.at(-1)).toMatchObject({ kind: 'choice', choices: ['Replace'], message: `1 file in ${chosen} is not Archflow's to replace. Replace it?` });
    expect(again.replaced).toEqual([{ path: 'tsconfig.json', reason: 'edited', detail: 'it was edited since Archflow generated it' }]);
  });
});
