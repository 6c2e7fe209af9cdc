/**
 * State machines and pipes in the editor, through the real language server over stdio: a definition
 * file next to the architecture on disk is read and checked, hover shows what the definition says,
 * rename reaches the names `substitutions` and a pipe write, completion offers what a Task may call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, caret, LspClient, textOf } from '../helpers/lsp-client';

const ARCH = `archflow: 1
name: shipping
routers:
  paid: { type: queue }
  to-ship: { type: pipe, source: paid, filter: { body: { ship: [true] } }, to: { stateMachine: fulfil } }
  fulfil:
    type: state-machine
    definition: ./fulfil.asl.json
    substitutions: { Charge: charge, Ship: ship }
consumers:
  charge: {}
  ship: {}
`;

const task = (fn: string, next: Record<string, unknown>): Record<string, unknown> => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: `\${${fn}}`, 'Payload.$': '$' }, ...next });
const GOOD = { StartAt: 'Charge', States: { Charge: task('Charge', { Next: 'Ship' }), Ship: task('Ship', { Next: 'Done' }), Done: { Type: 'Succeed' } } };
const BROKEN = { StartAt: 'Charge', States: { Charge: task('Charge', { Next: 'Shipp' }), Ship: task('Ship', { End: true }) } };

let client: LspClient;
let dir: string;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'archflow-sfn-'));
  client = new LspClient();
  await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] }, rename: { prepareSupport: true }, completion: { completionItem: { snippetSupport: true } } } });
});
afterAll(() => client.shutdown());

/** Writes the definition and opens the architecture (a file of its own each time) at its caret. */
async function open(textWithCaret: string, definition: unknown = GOOD): Promise<{ uri: string; text: string; position: { line: number; character: number }; diagnostics: Diagnostic[] }> {
  const { text, position } = caret(textWithCaret);
  const folder = mkdtempSync(join(dir, `case-${++n}-`));
  writeFileSync(join(folder, 'fulfil.asl.json'), JSON.stringify(definition, null, 2));
  const file = join(folder, 'shipping.arch.yaml');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const published = await client.openAnalysed(uri, text);
  return { uri, text, position, diagnostics: published.diagnostics };
}

const at = (word: string, occurrence = 0): string => {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = ARCH.indexOf(word, i + 1);
  return ARCH.slice(0, i + 1) + '|' + ARCH.slice(i + 1);
};

describe('a definition file next to the architecture', () => {
  it('is read and validated: a clean one gives no problem', async () => {
    const { diagnostics } = await open(at('fulfil:'));
    expect(diagnostics.filter((d) => /^(stepfunctions|pipes|schema|ref)\//.test(String(d.code))).map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("a broken one is reported on `definition`, naming the file and the place in it", async () => {
    const { diagnostics, text } = await open(at('fulfil:'), BROKEN);
    const mine = diagnostics.filter((d) => d.code === 'stepfunctions/definition');
    expect(mine.map((d) => `${textOf(text, d.range)}: ${d.message}`).sort()).toEqual([
      "./fulfil.asl.json: Step Functions rejects the definition of state machine 'fulfil' in ./fulfil.asl.json (at `States.Charge.Next`): No state is named 'Shipp'.",
      "./fulfil.asl.json: Step Functions rejects the definition of state machine 'fulfil' in ./fulfil.asl.json (at `States.Ship`): State 'Ship' is never reached: no `StartAt`, `Next` or `Default` names it.",
    ]);
  });

  it('is checked again when it changes on disk (the server watches *.asl.json)', async () => {
    const { uri, text } = await open(at('fulfil:'), BROKEN);
    const file = new URL(uri).pathname.replace(/shipping\.arch\.yaml$/, 'fulfil.asl.json');
    writeFileSync(file, JSON.stringify(GOOD));
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
    expect((await next).diagnostics.filter((d) => d.code === 'stepfunctions/definition').map((d) => textOf(text, d.range))).toEqual([]);
  });
});

describe('hover', () => {
  it('summarises a state machine: its flavor and definition, what starts it and what its tasks call', async () => {
    const { uri, position } = await open(at('fulfil:'));
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    const value = (h!.contents as MarkupContent).value;
    expect(value).toContain('**state machine** `fulfil` · router');
    expect(value).toContain('definition `./fulfil.asl.json` · 3 state(s), 2 task(s)');
    expect(value).toContain('- ← `to-ship`');
    expect(value).toContain('- → `charge`');
    expect(value).toContain('- → `ship`');
  });
});

describe('rename', () => {
  it('renames a function a substitution names, and a state machine a pipe targets', async () => {
    const fn = await open(at('charge', 0));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: fn.uri }, position: fn.position, newName: 'takePayment' });
    expect(applyTextEdits(fn.text, edit.changes![fn.uri]!)).toBe(ARCH.replace('Charge: charge', 'Charge: takePayment').replace('  charge: {}', '  takePayment: {}'));
    const sm = await open(at('fulfil:'));
    const edit2 = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: sm.uri }, position: sm.position, newName: 'fulfilment' });
    expect(applyTextEdits(sm.text, edit2.changes![sm.uri]!)).toBe(ARCH.replace('{ stateMachine: fulfil }', '{ stateMachine: fulfilment }').replace('  fulfil:\n', '  fulfilment:\n'));
  });
});

describe('completion', () => {
  it('offers what a Task state may call in `substitutions`, and what a pipe may read in `source`', async () => {
    const labels = async (textWithCaret: string): Promise<string[]> => {
      const { uri, position } = await open(textWithCaret);
      const r = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
      return (r?.items ?? []).map((i: CompletionItem) => i.label).sort();
    };
    expect(await labels(ARCH.replace('Ship: ship }', 'Ship: | }'))).toEqual(['charge', 'paid', 'ship']);
    expect(await labels(ARCH.replace('source: paid,', 'source: |,'))).toEqual(['paid']);
  });
});
