import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../server/src/protocol';
import { LspClient } from '../helpers/lsp-client';

const TEXT = `archflow: 1
name: shop
routers:
  jobs: { type: queue, visibilityTimeout: 60, to: worker }
consumers:
  worker: {}
`;

describe('arch/generate', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterAll(() => client.shutdown());

  it('returns the files of an open document, with their ownership', async () => {
    const uri = 'file:///ws/shop.arch.yaml';
    await client.openAnalysed(uri, TEXT);
    const r = await client.request<GenerateResult | null>('arch/generate', { textDocument: { uri } });
    expect(r?.name).toBe('shop');
    const own = Object.fromEntries(r!.files.map((f) => [f.path, f.ownership]));
    expect(own).toMatchObject({ 'template.json': 'generated', 'src/handlers/worker.ts': 'user', 'package.json': 'merged', '.archflow/manifest.json': 'generated' });
    expect(JSON.parse(r!.files.find((f) => f.path === 'template.json')!.content).Resources.WorkerFromJobsMapping.Type).toBe('AWS::Lambda::EventSourceMapping');
  });

  it('generates from given text, reports the architecture problems with their lines and orphaned handlers', async () => {
    const previousManifest = JSON.stringify({ archflow: 1, architecture: 'shop', files: {}, handlers: { gone: 'src/handlers/gone.ts', worker: 'src/handlers/worker.ts' }, functions: [] });
    const r = await client.request<GenerateResult | null>('arch/generate', {
      textDocument: { uri: 'file:///ws/other.arch.yaml' },
      text: TEXT.replace('to: worker', 'to: nobody'),
      previousManifest,
    });
    expect(r!.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'ref/unknown', line: 3 }));
    expect(r!.orphanedHandlers).toEqual(['src/handlers/gone.ts']);
  });

  it('answers null for a document that is neither open nor given', async () => {
    expect(await client.request('arch/generate', { textDocument: { uri: 'file:///ws/unknown.arch.yaml' } })).toBeNull();
  });
});
