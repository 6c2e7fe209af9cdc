/**
 * Every feature that takes a cursor position, at the edges of the token under it: its first
 * character, its last character, just after it (where an editor's cursor sits after typing it, still
 * "on" it, as LSP has it), and one past that (off it). The spans returned are compared exactly, so a
 * range that loses or gains a character fails here.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { complete } from '../../../server/src/core/features/complete';
import { definition } from '../../../server/src/core/features/definition';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { hover } from '../../../server/src/core/features/hover';
import { nameAt } from '../../../server/src/core/features/names';
import { references } from '../../../server/src/core/features/references';
import { prepareRename, rename } from '../../../server/src/core/features/rename';
import { selectionRanges } from '../../../server/src/core/features/selection';
import type { Span } from '../../../server/src/core/span';

const TEXT = `archflow: 1
name: shop
routers:
  jobs: { type: queue, visibilityTimeout: 60, to: worker }
  audit:
    type: queue
    to: "worker"
consumers:
  worker: { timeout: 10 }
`;
const analysis = analyze(TEXT);

/** The span of the `n`-th occurrence of `token` in TEXT (0-based). */
function spanOf(token: string, n = 0): Span {
  let at = -1;
  for (let i = 0; i <= n; i++) at = TEXT.indexOf(token, at + 1);
  if (at < 0) throw new Error(`no ${token}`);
  return { start: at, end: at + token.length };
}

/** The flow reference, the quoted block reference (inside its quotes) and the declaration of 'worker'. */
const flowRef = spanOf('worker', 0);
const quotedRef = spanOf('worker', 1);
const declaration = spanOf('worker', 2);

/** Offsets on the token: first character, last character, just after it. Off it: before and one past. */
const on = (s: Span): number[] => [s.start, s.end - 1, s.end];
const off = (s: Span): number[] => [s.start - 1, s.end + 1];

describe('the name under the cursor (definition, references, rename, hover)', () => {
  for (const [label, token] of [['a flow reference', flowRef], ['a quoted block reference', quotedRef], ['the declaration', declaration]] as const) {
    it(`${label}: found from its first character to just after its last, with its exact span`, () => {
      expect(TEXT.slice(token.start, token.end)).toBe('worker');
      for (const offset of on(token)) {
        expect(nameAt(analysis, offset)?.span, `offset ${offset - token.start} from the start`).toEqual(token);
        expect(prepareRename(analysis, offset), `offset ${offset - token.start}`).toEqual({ span: token, placeholder: 'worker' });
        expect(definition(analysis, offset), `offset ${offset - token.start}`).toEqual({ origin: token, targets: [declaration] });
        expect(references(analysis, offset, true), `offset ${offset - token.start}`).toEqual([flowRef, quotedRef, declaration]);
        expect(hover(analysis, offset)?.span, `offset ${offset - token.start}`).toEqual(token);
      }
    });
    it(`${label}: not found one character before it or one past its end`, () => {
      for (const offset of off(token)) {
        expect(nameAt(analysis, offset), `offset ${offset - token.start}`).toBeUndefined();
        expect(prepareRename(analysis, offset), `offset ${offset - token.start}`).toHaveProperty('error');
        expect(definition(analysis, offset), `offset ${offset - token.start}`).toBeUndefined();
        expect(references(analysis, offset, true), `offset ${offset - token.start}`).toBeUndefined();
      }
    });
  }

  it('rename from the last character replaces exactly every occurrence, keeping the quotes', () => {
    const r = rename(analysis, declaration.end - 1, 'runner');
    expect('edits' in r && applyEdits(TEXT, r.edits)).toBe(TEXT.replace(/worker/g, 'runner'));
    const atEnd = rename(analysis, flowRef.end, 'runner');
    expect(atEnd).toEqual(r);
  });
});

describe('hover on a setting', () => {
  const value = spanOf('60');
  it('on the value from its first character to just after it: the field documentation, spanning the value exactly', () => {
    for (const offset of on(value)) {
      const h = hover(analysis, offset);
      expect(h?.span, `offset ${offset - value.start}`).toEqual(value);
      expect(h?.markdown).toMatch(/visibilityTimeout/);
    }
  });
  it('on the key: the same documentation, spanning the key', () => {
    const key = spanOf('visibilityTimeout');
    for (const offset of on(key)) expect(hover(analysis, offset)?.span, `offset ${offset - key.start}`).toEqual(key);
  });
});

describe('selection ranges', () => {
  it('the innermost range is the token, from its first character to just after it', () => {
    for (const token of [flowRef, quotedRef, declaration]) {
      for (const offset of on(token)) expect(selectionRanges(analysis, offset)[0], `offset ${offset - token.start}`).toEqual(token);
    }
  });
  it('one past the end of a flow reference is not in it', () => {
    expect(selectionRanges(analysis, flowRef.end + 1)[0]).not.toEqual(flowRef);
  });
});

describe('completion of a reference replaces the whole word at every cursor position in it', () => {
  it('from its first character to just after it', () => {
    for (const offset of on(flowRef)) {
      const item = complete(analysis, offset).find((i) => i.label === 'worker');
      expect(item?.span, `offset ${offset - flowRef.start}`).toEqual(flowRef);
    }
  });
});
