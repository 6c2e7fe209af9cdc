/**
 * The `cidr` and `wildcard` operands one by one: the bytes an address parses to, the exact reason EventBridge
 * gives for a bad operand (its wording, and for wildcards the UTF-8 position it reports), and where a block or
 * a wildcard stops matching. The corpus (pattern-corpus.test.ts) covers these operators through whole patterns.
 */
import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIp } from '../../../server/src/core/eventbridge/cidr';
import { globMatches, parseGlob, wildcardComplexity, type Glob } from '../../../server/src/core/eventbridge/wildcard';

const bytes = (text: string): number[] | undefined => {
  const b = parseIp(text);
  return b ? [...b] : undefined;
};

describe('parseIp', () => {
  it.each([
    ['10.0.255.1', [10, 0, 255, 1]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['2001:db8::ff00:42', [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0, 0x42]],
    ['1:2:3:4:5:6:7:8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['FFFF::', [0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    // `::` standing for a single group of zeros.
    ['1:2:3:4:5:6::8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0, 0, 8]],
  ])('%s', (text, expected) => {
    expect(bytes(text)).toEqual(expected);
  });

  it.each([
    '256.0.0.1', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.4 ', 'a.b.c.d', '',
    '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4::5:6:7:8', '1::2::3', '12345::', 'g::', '1.2.3.4::', 'localhost',
  ])('%j is not an address', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr: the reasons EventBridge gives', () => {
  it.each([
    ['10.0.0.0', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/', "Malformed CIDR, one '/' required"],
    ['10.0.0.0//', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/x', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/8.0', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/ 8', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/2147483648', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/-2147483648', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/-2147483647', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/2147483647', 'IPv4 mask bits must be < 32'],
    ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
    ['::/128', 'IPv6 mask bits must be < 128'],
    ['host/8', 'Nonstandard IP address: host'],
    ['10.0.0/8', 'Nonstandard IP address: 10.0.0'],
    ['1:2:z::/8', 'Nonstandard IP address: 1:2:z::'],
    ['abc/8', 'Nonstandard IP address: abc'],
    ['10.0.0.300/8', 'Invalid IP address: 10.0.0.300'],
    ['1::2::3/8', 'Invalid IP address: 1::2::3'],
  ])('%s: %s', (text, error) => {
    expect(parseCidr(text)).toEqual({ error });
  });

  it('takes the widest masks each family allows, and a signed mask', () => {
    expect(parseCidr('10.1.2.3/31')).toEqual({ bytes: Uint8Array.from([10, 1, 2, 3]), maskBits: 31 });
    expect(parseCidr('::1/127')).toMatchObject({ maskBits: 127 });
    expect(parseCidr('10.0.0.0/+8')).toMatchObject({ maskBits: 8 });
    expect(parseCidr('10.0.0.0/0')).toMatchObject({ maskBits: 0 });
    // Java's String.split, which event-ruler uses, drops the trailing empty field: one '/' is left.
    expect(parseCidr('10.0.0.0/8/')).toEqual({ bytes: Uint8Array.from([10, 0, 0, 0]), maskBits: 8 });
  });
});

describe('cidrContains', () => {
  const block = (text: string) => {
    const c = parseCidr(text);
    if ('error' in c) throw new Error(c.error);
    return c;
  };

  it.each([
    ['10.1.2.2/31', '10.1.2.3', true],
    ['10.1.2.2/31', '10.1.2.4', false],
    ['10.1.2.2/31', '10.1.2.1', false],
    ['10.0.0.0/7', '11.255.255.255', true],
    ['10.0.0.0/7', '12.0.0.0', false],
    ['10.0.0.0/7', '9.255.255.255', false],
    ['128.0.0.0/1', '255.0.0.1', true],
    ['128.0.0.0/1', '127.255.255.255', false],
    ['10.0.0.0/16', '10.0.255.255', true],
    ['10.0.0.0/16', '10.1.0.0', false],
    ['10.0.0.0/16', '11.0.0.0', false],
    ['10.0.0.0/24', '11.0.0.0', false],
    ['10.0.0.0/9', '10.127.0.1', true],
    ['10.0.0.0/9', '10.128.0.1', false],
    ['2001:db8::/127', '2001:db8::1', true],
    ['2001:db8::/127', '2001:db8::2', false],
    ['::/0', '2001:db8::2', true],
    ['::/0', '10.0.0.1', false],
    ['0.0.0.0/0', '::', false],
    ['10.0.0.0/8', '10.0.0.256', false],
    ['10.0.0.0/8', '', false],
  ])('%s contains %j: %s', (cidr, value, expected) => {
    expect(cidrContains(block(cidr), value)).toBe(expected);
  });
});

describe('parseGlob', () => {
  it.each([
    ['', ['']],
    ['abc', ['abc']],
    ['*', ['', '']],
    ['a*b*', ['a', 'b', '']],
    ['*a*', ['', 'a', '']],
    ['a\\*b', ['a*b']],
    ['a\\\\*', ['a\\', '']],
    ['\\**', ['*', '']],
  ])('%j → %j', (source, parts) => {
    expect(parseGlob(source)).toEqual({ source, parts });
  });

  // Positions are UTF-8 bytes into the operand as EventBridge stores it, between quotes ("" is position 0).
  it.each([
    ['a**', 'Consecutive wildcard characters at pos 2'],
    ['**', 'Consecutive wildcard characters at pos 1'],
    ['é**', 'Consecutive wildcard characters at pos 3'],
    ['€**', 'Consecutive wildcard characters at pos 4'],
    ['😀**', 'Consecutive wildcard characters at pos 5'],
    ['\ud800x**', 'Consecutive wildcard characters at pos 5'],
    ['\u07ff**', 'Consecutive wildcard characters at pos 3'],
    ['\u0800**', 'Consecutive wildcard characters at pos 4'],
    ['\x7f**', 'Consecutive wildcard characters at pos 2'],
    ['\ud7ff**', 'Consecutive wildcard characters at pos 4'],
    ['\udc00**', 'Consecutive wildcard characters at pos 4'],
    ['\udbff\udfff**', 'Consecutive wildcard characters at pos 5'],
    ['\udbff**', 'Consecutive wildcard characters at pos 4'],
    ['\\a', 'Invalid escape character at pos 1'],
    ['ab\\', 'Invalid escape character at pos 3'],
    ['ü\\n', 'Invalid escape character at pos 3'],
  ])('%j: %s', (source, error) => {
    expect(parseGlob(source)).toEqual({ error });
  });
});

describe('globMatches', () => {
  const glob = (source: string): Glob => {
    const g = parseGlob(source);
    if ('error' in g) throw new Error(g.error);
    return g;
  };

  it.each([
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a*', 'a', true],
    ['a*', 'ba', false],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['ab*ab', 'abab', true],
    ['ab*ab', 'aba', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'ac', false],
    ['a*bb*c', 'abc', false],
    ['a*bc*c', 'abcc', true],
    ['a*bc*c', 'abc', false],
    ['*b*b*', 'b', false],
    ['*b*b*', 'bb', true],
    ['x*ab*ab*y', 'xabaaby', true],
    ['x*ab*ab*y', 'xaby', false],
    ['x*ab*ab*y', 'xabay', false],
    ['x*ab*ab*y', 'xababy', true],
  ])('%j on %j: %s', (source, value, expected) => {
    expect(globMatches(glob(source), value)).toBe(expected);
  });
});

describe('wildcardComplexity', () => {
  const globs = (...sources: string[]): Glob[] => sources.map((s) => parseGlob(s) as Glob);

  it('counts the prefixes one input can match at once', () => {
    expect(wildcardComplexity([], 10)).toBe(0);
    expect(wildcardComplexity([{ source: 'a**', parts: [] }], 10)).toBe(0);
    expect(wildcardComplexity(globs('abc'), 10)).toBe(1);
    expect(wildcardComplexity(globs('abc', 'abc'), 10)).toBe(1);
    expect(wildcardComplexity(globs('abc', 'abd'), 10)).toBe(2);
    expect(wildcardComplexity(globs('*'), 10)).toBe(2);
    expect(wildcardComplexity(globs('a*'), 10)).toBe(2);
    expect(wildcardComplexity(globs('*a*a*'), 10)).toBe(5);
    expect(wildcardComplexity(globs('*a*', '*b*'), 10)).toBe(6);
  });

  it('stops at the first count above the cap, or when its budget of states is spent', () => {
    expect(wildcardComplexity(globs('*a*a*a*a*a*a*'), 1)).toBe(2);
    expect(wildcardComplexity(globs('*a*a*a*a*a*a*'), 3)).toBe(5);
    expect(wildcardComplexity(globs('*a*a*a*a*a*a*'), 5)).toBe(7);
    expect(wildcardComplexity(globs('*a*a*a*a*a*a*'), 10, 2)).toBe(2);
  });
});
