// The names codegen derives (codegen/names.ts): logical IDs and identifiers from node names, stable tags
// for colliding names, the paths and file names it may write. Through whole projects: generate.test.ts.
import { describe, expect, it } from 'vitest';
import { Allocator, camel, constant, isSafeFileName, isSafeRelativePath, pascal, propertyKey, tag } from '../../../server/src/core/codegen/names';

describe('identifiers from names', () => {
  const CASES: [name: string, pascal: string, camel: string, constant: string][] = [
    ['orderBus', 'OrderBus', 'orderBus', 'ORDER_BUS'],
    ['order-bus.fifo', 'OrderBusFifo', 'orderBusFifo', 'ORDER_BUS_FIFO'],
    ['process_order', 'ProcessOrder', 'processOrder', 'PROCESS_ORDER'],
    ['HTTPServer', 'HTTPServer', 'hTTPServer', 'HTTP_SERVER'],
    ['ABCDef', 'ABCDef', 'aBCDef', 'ABC_DEF'],
    ['v2Api', 'V2Api', 'v2Api', 'V2_API'],
    ['a--b', 'AB', 'aB', 'A_B'],
    ['x', 'X', 'x', 'X'],
    ['2fast', 'X2fast', 'x2fast', 'X_2FAST'],
    ['-', 'X', 'x', 'X_'],
  ];
  for (const [name, p, c, k] of CASES) {
    it(`${JSON.stringify(name)} → ${p}, ${c}, ${k}`, () => {
      expect(pascal(name)).toBe(p);
      expect(camel(name)).toBe(c);
      expect(constant(name)).toBe(k);
    });
  }

  it('a tag is the first 4 hex digits of the SHA-256, upper case', () => {
    expect(tag('')).toBe('E3B0');
    expect(tag('abc')).toBe('BA78');
  });

  it('properties that are not identifiers are quoted', () => {
    expect(propertyKey('a')).toBe('a');
    expect(propertyKey('$x_1')).toBe('$x_1');
    expect(propertyKey('_')).toBe('_');
    expect(propertyKey('n-1')).toBe('"n-1"');
    expect(propertyKey('1a')).toBe('"1a"');
    expect(propertyKey('a b')).toBe('"a b"');
    expect(propertyKey('')).toBe('""');
  });
});

describe('unique identifiers', () => {
  it('the base the first time, the base and a tag of the key when another key has it; the same answer for the same key', () => {
    const a = new Allocator();
    expect(a.take('A', 'k')).toBe('A');
    expect(a.take('A', 'k2')).toBe(`A${tag('k2')}`);
    expect(a.take('A', 'k2')).toBe('A015F');
    expect(a.take('B', 'k')).toBe('A');
    expect(a.has('A')).toBe(true);
    expect(a.has('A015F')).toBe(true);
    expect(a.has('B')).toBe(false);
    expect(a.take('B')).toBe('B');
    expect(a.has('B')).toBe(true);
  });

  it('reserved identifiers are never handed out; a taken tag is salted; the tag may be joined another way', () => {
    const a = new Allocator(['A', 'A8254']);
    expect(a.has('A')).toBe(true);
    expect(a.take('A', 'k')).toBe('A027F');
    expect(a.take('C', 'x', (b, t) => `${b}_${t}`)).toBe('C');
    expect(a.take('C', 'y', (b, t) => `${b}_${t}`)).toBe(`C_${tag('y')}`);
    const b = new Allocator(['A', 'A8254', 'A027F']);
    expect(b.take('A', 'k')).toBe('A08FC');
  });
});

describe('paths it may write', () => {
  it('relative, inside the folder, on every platform; at most 400 characters', () => {
    for (const good of ['template.json', 'src/handlers/a.ts', '.archflow/manifest.json', '.gitignore', 'src/.gitignore', '_x', 'a'.repeat(400)]) {
      expect(isSafeRelativePath(good), good).toBe(true);
    }
    for (const bad of ['', 'a'.repeat(401), '/etc/passwd', 'a\\b', 'C:/x', 'c:x', 'z:', '../x', 'a/..', 'a/./b', '.', '.hidden', 'a//b', 'a/-b', 'a/b c', '..', './a', 'a/', '/', '\\x\\y', 'D:\\x']) {
      expect(isSafeRelativePath(bad), bad).toBe(false);
    }
  });

  it('a node name names a file when it is one safe segment of at most 64 characters without `..`', () => {
    for (const good of ['a', 'order-bus', 'a.b', '_x', 'A9', 'a'.repeat(64)]) expect(isSafeFileName(good), good).toBe(true);
    for (const bad of ['', 'a..b', 'a'.repeat(65), '-x', '.x', 'a/b', 'a b', 'ä']) expect(isSafeFileName(bad), bad).toBe(false);
  });
});
