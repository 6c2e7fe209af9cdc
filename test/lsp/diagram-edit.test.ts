import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiagramEditResult, NodeSettings } from '../../server/src/protocol';
import { applyTextEdits, LspClient, type LspTextEdit } from '../helpers/lsp-client';

const URI = 'file:///ws/shop.arch.yaml';
const TEXT = 'archflow: 1\nname: shop\nrouters:\n  jobs:\n    type: queue   # work\nconsumers:\n  worker:\n    timeout: 10\n';

describe('arch/diagramEdit over stdio', () => {
  let client: LspClient;
  const applied: { label?: string; edit: unknown }[] = [];

  beforeEach(async () => {
    applied.length = 0;
    client = new LspClient();
    client.connection.onRequest('workspace/applyEdit', (p: { label?: string; edit: unknown }) => {
      applied.push(p);
      return { applied: true };
    });
    await client.initialize({ workspace: { workspaceEdit: { documentChanges: true } } });
    await client.openAnalysed(URI, TEXT);
  });
  afterEach(async () => {
    await client.shutdown();
  });

  const edit = (gesture: unknown, version = 1): Promise<DiagramEditResult> =>
    client.request<DiagramEditResult>('arch/diagramEdit', { textDocument: { uri: URI, version }, gesture });

  it('applies a connection with workspace/applyEdit, as versioned document changes with an undo label', async () => {
    expect(await edit({ kind: 'connect', from: 'jobs', to: 'worker' })).toEqual({
      applied: true, message: "queue 'jobs' → function 'worker' (consumer (to))",
      problems: [
        expect.stringMatching(/^sqs\/dead-letter-queue: /), expect.stringMatching(/^sqs\/visibility-timeout: The visibility timeout 30 s \(the default\)/),
        expect.stringMatching(/^esm\/partial-batch-response: /),
      ],
    });
    expect(applied).toHaveLength(1);
    expect(applied[0]!.label).toBe("Diagram: queue 'jobs' → function 'worker' (consumer (to))");
    const changes = (applied[0]!.edit as { documentChanges: { textDocument: { uri: string; version: number }; edits: LspTextEdit[] }[] }).documentChanges;
    expect(changes[0]!.textDocument).toEqual({ uri: URI, version: 1 });
    expect(applyTextEdits(TEXT, changes[0]!.edits)).toBe(TEXT.replace('    type: queue   # work\n', '    type: queue   # work\n    to: worker\n'));
  });

  it('refuses a gesture on an older version, an unknown gesture and a closed file, and applies nothing', async () => {
    expect(await edit({ kind: 'connect', from: 'jobs', to: 'worker' }, 0)).toEqual({
      applied: false, message: 'The file changed since the diagram was drawn: try again on the new diagram.', problems: [],
    });
    expect(await edit({ kind: 'explode' })).toEqual({ applied: false, message: 'Unknown gesture: {"kind":"explode"}', problems: [] });
    expect(await edit({ kind: 'connect', from: 'jobs' })).toMatchObject({ applied: false, message: expect.stringContaining('Unknown gesture') });
    expect(await client.request('arch/diagramEdit', { textDocument: { uri: 'file:///ws/other.arch.yaml', version: 1 }, gesture: { kind: 'add', nodeKind: 'queue', name: 'q' } }))
      .toEqual({ applied: false, message: 'Open the file in an editor to edit it from the diagram.', problems: [] });
    expect(applied).toEqual([]);
  });

  it('previews a delete without applying it, then applies it when confirmed', async () => {
    const preview = await edit({ kind: 'delete', id: 'worker', confirmed: false });
    expect(preview).toEqual({
      applied: false, message: "delete function 'worker'", problems: [],
      preview: [{ line: 6, before: 'consumers:' }, { line: 7, before: '  worker:' }, { line: 8, before: '    timeout: 10' }],
    });
    expect(applied).toEqual([]);
    expect(await edit({ kind: 'delete', id: 'worker', confirmed: true })).toMatchObject({ applied: true });
    expect(applied).toHaveLength(1);
  });

  it('answers arch/nodeSettings with the schema\'s limits and the problems of a draft value', async () => {
    const s = (await client.request<NodeSettings>('arch/nodeSettings', { textDocument: { uri: URI }, id: 'worker', draft: { key: 'memory', value: '64' } }))!;
    expect(s.fields[0]).toMatchObject({ key: 'memory', value: '64', unit: 'MB', limit: '128–10,240 MB', problems: ["lambda/memory-range: The memory of function 'worker' is 64 MB; Lambda allows 128–10,240 MB."] });
    expect(await client.request('arch/nodeSettings', { textDocument: { uri: URI }, id: 'nope' })).toBeNull();
    expect(applied).toEqual([]);
  });
});
