import { describe, expect, it } from 'vitest';
import { locate, parse, pathAt } from '../../server/src/core/index';

/** `text` with the span between «» markers removed; returns the text and the marked span. */
function marked(src: string): { text: string; start: number; end: number } {
  const start = src.indexOf('«');
  const end = src.indexOf('»') - 1;
  return { text: src.replace('«', '').replace('»', ''), start, end };
}

const DOC = `archflow: 1
name: shop
routers:
  billing:
    type: queue
    visibilityTimeout: 30
    to: { function: chargeCard, batchSize: 10 }
  alerts:
    type: topic
    to:
      - pager
      - { queue: audit }
consumers:
  chargeCard: {}
`;

describe('locate: pointer → span', () => {
  const cases: [string, (string | number)[], 'key' | 'value', string][] = [
    ['a scalar value', ['routers', 'billing', 'visibilityTimeout'], 'value', `    visibilityTimeout: «30»`],
    ['a key', ['routers', 'billing', 'visibilityTimeout'], 'key', `    «visibilityTimeout»: 30`],
    ['a value in a flow map', ['routers', 'billing', 'to', 'function'], 'value', `    to: { function: «chargeCard», batchSize: 10 }`],
    ['a list item', ['routers', 'alerts', 'to', 0], 'value', `      - «pager»`],
    ['a value in a flow map in a list', ['routers', 'alerts', 'to', 1, 'queue'], 'value', `      - { queue: «audit» }`],
    ['a block map value is shown by its key', ['routers', 'billing'], 'value', `  «billing»:`],
    ['a missing property lands on the deepest key found', ['routers', 'billing', 'deadLetter', 'queue'], 'value', `  «billing»:`],
    ['a flow map value', ['routers', 'billing', 'to'], 'value', `    to: «{ function: chargeCard, batchSize: 10 }»`],
  ];
  for (const [name, pointer, target, line] of cases) {
    it(name, () => {
      const doc = parse(DOC);
      const m = marked(line);
      const lineStart = DOC.indexOf(m.text + '\n');
      expect(lineStart, `fixture line not found: ${m.text}`).toBeGreaterThanOrEqual(0);
      expect(locate(doc.yaml, DOC, pointer, target)).toEqual({ start: lineStart + m.start, end: lineStart + m.end });
    });
  }
});

describe('pathAt: offset → pointer', () => {
  const cases: [string, string, (string | number)[], boolean][] = [
    ['on a key', '    visibilityT', ['routers', 'billing', 'visibilityTimeout'], true],
    ['on a value', '    visibilityTimeout: 3', ['routers', 'billing', 'visibilityTimeout'], false],
    ['inside a flow map', '    to: { function: chargeC', ['routers', 'billing', 'to', 'function'], false],
    ['in a list', '      - pag', ['routers', 'alerts', 'to', 0], false],
  ];
  for (const [name, prefix, pointer, onKey] of cases) {
    it(name, () => {
      const doc = parse(DOC);
      const offset = DOC.indexOf(prefix) + prefix.length;
      const at = pathAt(doc.yaml, offset);
      expect(at.pointer).toEqual(pointer);
      expect(at.onKey).toBe(onKey);
    });
  }
});

describe('parse: bad input is a problem, never an exception', () => {
  const cases: [string, string, string][] = [
    ['empty', '', 'file/empty'],
    ['only comments', '# nothing yet\n', 'file/empty'],
    ['NUL bytes', 'archflow: 1\u0000\u0001', 'file/binary'],
    ['duplicate keys', 'a: 1\na: 2\n', 'yaml/duplicate-key'],
    ['tabs for indentation', 'a:\n\tb: 1\n', 'yaml/syntax'],
    ['unclosed quote', 'name: "shop\n', 'yaml/syntax'],
    ['two documents', 'a: 1\n---\nb: 2\n', 'yaml/syntax'],
    // Ten aliases per level, seven levels: ten million nodes from 250 bytes.
    ['alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x,x]\n' + 'bcdefg'.split('').map((l, i) => `${l}: &${l} [${Array(10).fill('*' + 'abcdef'[i]).join(',')}]\n`).join(''), 'yaml/alias-limit'],
    ['too large', 'a: 1\n' + 'b'.repeat(5 * 1024 * 1024), 'file/too-large'],
  ];
  for (const [name, text, code] of cases) {
    it(name, () => {
      const doc = parse(text);
      expect(doc.problems.map((p) => p.code)).toContain(code);
      for (const p of doc.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
        expect(p.message).toMatch(/^[A-Z]/);
      }
    });
  }

  it('says how large a file too large is, in the words of the CLI', () => {
    expect(parse('a: 1\n' + 'b'.repeat(5 * 1024 * 1024)).problems.map((p) => [p.code, p.message, p.span])).toEqual([
      ['file/too-large', 'This file is 5.0 MB; Archflow reads files up to 4.0 MB. Split it into several architectures.', { start: 0, end: 4 }],
    ]);
  });

  it('names a duplicate key, quoted or not, on the fast path and the full parser', () => {
    expect(parse('archflow: 1\nname: a\nname: b\n').problems.map((p) => [p.code, p.message, p.span])).toEqual([
      ['yaml/duplicate-key', "The key 'name' is already set earlier in this map; a key may appear once. Remove or rename one of them.", { start: 20, end: 24 }],
    ]);
    // A tag sends the text through the full parser.
    expect(parse('a: !!str x\n"b": 1\n\'b\': 2\n').problems.map((p) => p.message)).toEqual([
      "The key 'b' is already set earlier in this map; a key may appear once. Remove or rename one of them.",
    ]);
  });

  it('reports a syntax error where it is, not at the top of the file', () => {
    const text = 'archflow: 1\nname: shop\nrouters:\n  jobs: { type: queue\n';
    const [p] = parse(text).problems;
    expect(p!.code).toBe('yaml/syntax');
    expect(p!.span.start).toBeGreaterThan(text.indexOf('routers'));
  });
});
