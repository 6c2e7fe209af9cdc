/**
 * Every position-based request of the real server, at the edges of the token under the cursor: its
 * first character, its last character, just after it (where the cursor sits after typing it: still
 * "on" it, as LSP has it), one before it and one past it (off it). Ranges are compared exactly, so a
 * range that loses or gains a character, or an off-by-one in the position conversion, fails here.
 * (The server has no document highlight: `documentHighlightProvider` is not announced — checked below.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, CompletionList, Hover, InitializeResult, Location, Range, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';

const TEXT = `archflow: 1
name: shop
routers:
  jobs: { type: queue, visibilityTimeout: 20, to: worker }
  audit:
    type: queue
    to: "worker"
consumers:
  worker: { timeout: 30 }
`;
const URI = 'file:///ws/cursor-boundaries.arch.yaml';

/** The LSP position of an offset of TEXT. */
function position(offset: number): { line: number; character: number } {
  const before = TEXT.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** The range of the `n`-th occurrence of `token` (0-based), and its offsets. */
function token(text: string, n = 0): { range: Range; start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) at = TEXT.indexOf(text, at + 1);
  if (at < 0) throw new Error(`no ${text}`);
  return { range: { start: position(at), end: position(at + text.length) }, start: at, end: at + text.length };
}

const flowRef = token('worker', 0);
const quotedRef = token('worker', 1);
const declaration = token('worker', 2);
const value = token('20');

/** On the token: first character, last character, just after it. Off it: one before, one past. */
const on = (t: { start: number; end: number }): number[] => [t.start, t.end - 1, t.end];
const off = (t: { start: number; end: number }): number[] => [t.start - 1, t.end + 1];

let client: LspClient;
let init: InitializeResult;
beforeAll(async () => {
  client = new LspClient();
  init = await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] }, rename: { prepareSupport: true } } });
  await client.openAnalysed(URI, TEXT);
});
afterAll(() => client.shutdown());

const at = (offset: number): { textDocument: { uri: string }; position: { line: number; character: number } } => ({ textDocument: { uri: URI }, position: position(offset) });
const hover = (offset: number): Promise<Hover | null> => client.request('textDocument/hover', at(offset));
const definition = (offset: number): Promise<Location | Location[] | null> => client.request('textDocument/definition', at(offset));
const references = (offset: number): Promise<Location[] | null> => client.request('textDocument/references', { ...at(offset), context: { includeDeclaration: true } });
const prepare = (offset: number): Promise<unknown> => client.request('textDocument/prepareRename', at(offset)).then((r) => r, (e: Error) => ({ error: e.message }));
const completion = async (offset: number): Promise<CompletionItem[]> => {
  const r = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', at(offset));
  return Array.isArray(r) ? r : r?.items ?? [];
};
const where = (label: string, offset: number, t: { start: number }): string => `${label}, offset ${offset - t.start} from its start`;

describe('the server announces what it answers', () => {
  it('hover, definition, references, rename with prepare, completion, code actions; no document highlight', () => {
    const c = init.capabilities;
    expect([!!c.hoverProvider, !!c.definitionProvider, !!c.referencesProvider, c.renameProvider, !!c.completionProvider, !!c.codeActionProvider])
      .toEqual([true, true, true, { prepareProvider: true }, true, true]);
    expect(c.documentHighlightProvider).toBeUndefined();
  });
});

describe("a name: 'worker' as a flow reference, a quoted reference and its declaration", () => {
  const declared: Location = { uri: URI, range: declaration.range };
  const all: Location[] = [flowRef, quotedRef, declaration].map((t) => ({ uri: URI, range: t.range }));
  for (const [label, t] of [['the flow reference', flowRef], ['the quoted reference', quotedRef], ['the declaration', declaration]] as const) {
    it(`${label}: every request answers from its first character to just after it, with its exact range`, async () => {
      for (const offset of on(t)) {
        const w = where(label, offset, t);
        expect((await hover(offset))?.range, w).toEqual(t.range);
        expect(await definition(offset), w).toEqual([declared]);
        expect(await references(offset), w).toEqual(all);
        expect(await prepare(offset), w).toEqual({ range: t.range, placeholder: 'worker' });
      }
    });
    it(`${label}: one before it and one past it, no request finds the name`, async () => {
      for (const offset of off(t)) {
        const w = where(label, offset, t);
        expect((await hover(offset))?.range, w).not.toEqual(t.range);
        expect(await definition(offset), w).toBeNull();
        expect(await references(offset), w).toBeNull();
        expect(await prepare(offset), w).toEqual({ error: 'Only the names of producers, routers, consumers, events and event-bus rules can be renamed.' });
      }
    });
  }

  it('completion in the flow reference replaces the whole word, from its first character to just after it', async () => {
    for (const offset of on(flowRef)) {
      const item = (await completion(offset)).find((i) => i.label === 'worker');
      expect((item?.textEdit as TextEdit | undefined)?.range, where('the flow reference', offset, flowRef)).toEqual(flowRef.range);
    }
    // One past it (after the space, before `}`), nothing replaces the word.
    const past = (await completion(flowRef.end + 1)).map((i) => (i.textEdit as TextEdit | undefined)?.range);
    expect(past.filter((r) => r !== undefined && r.start.line === flowRef.range.start.line && r.start.character <= flowRef.range.start.character && r.end.character >= flowRef.range.end.character)).toEqual([]);
  });
});

describe("a setting's value: visibilityTimeout 20, below the consumer's 30 s (a problem with a fix)", () => {
  const FIX = 'Set visibilityTimeout to 180'; // 6 × the consumer's 30 s
  /** The quick fixes offered for a cursor (an empty range) at `offset`, as a client without `context` asks. */
  const fixesAt = async (offset: number): Promise<string[]> => {
    const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: position(offset), end: position(offset) } });
    return (actions ?? []).filter((a) => a.kind === 'quickfix').map((a) => a.title);
  };

  it('hover documents the field from the first character of the value to just after it, spanning it exactly', async () => {
    for (const offset of on(value)) {
      const h = await hover(offset);
      expect(h?.range, where('the value', offset, value)).toEqual(value.range);
      expect((h?.contents as { value: string }).value).toMatch(/visibilityTimeout/);
    }
    for (const offset of off(value)) expect((await hover(offset))?.range, where('the value', offset, value)).not.toEqual(value.range);
  });

  it("its quick fix is offered with the cursor on the value (first character to just after it), not one before or one past", async () => {
    for (const offset of on(value)) expect(await fixesAt(offset), where('the value', offset, value)).toEqual([FIX]);
    for (const offset of off(value)) expect(await fixesAt(offset), where('the value', offset, value)).toEqual([]);
  });
});
