/**
 * Operators and rules the AWS corpus covers thinly: numeric comparisons and ranges, cidr edges, wildcard
 * escapes, $or nesting, array consistency, case-insensitive forms, size, and where errors point.
 */
import { describe, expect, it } from 'vitest';
import { awsMessage, compilePattern, matchPattern, patternSize, validatePattern } from '../../../server/src/core/eventbridge/pattern';

type Row = [name: string, pattern: unknown, event: unknown, expected: boolean];

const d = (detail: unknown): unknown => ({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail });

const matchTable: Row[] = [
  // numeric: every operator, boundaries, ranges, types
  ['numeric = equal', { detail: { n: [{ numeric: ['=', 5] }] } }, d({ n: 5 }), true],
  ['numeric = other', { detail: { n: [{ numeric: ['=', 5] }] } }, d({ n: 5.000001 }), false],
  ['numeric < below', { detail: { n: [{ numeric: ['<', 5] }] } }, d({ n: 4.99 }), true],
  ['numeric < boundary', { detail: { n: [{ numeric: ['<', 5] }] } }, d({ n: 5 }), false],
  ['numeric <= boundary', { detail: { n: [{ numeric: ['<=', 5] }] } }, d({ n: 5 }), true],
  ['numeric > boundary', { detail: { n: [{ numeric: ['>', 5] }] } }, d({ n: 5 }), false],
  ['numeric >= boundary', { detail: { n: [{ numeric: ['>=', 5] }] } }, d({ n: 5 }), true],
  ['numeric negative', { detail: { n: [{ numeric: ['<', 0] }] } }, d({ n: -1e9 }), true],
  ['numeric range inside', { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, d({ n: 5 }), true],
  ['numeric range lower bound open', { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } }, d({ n: 0 }), false],
  ['numeric range closed lower', { detail: { n: [{ numeric: ['>=', 0, '<', 5] }] } }, d({ n: 0 }), true],
  ['numeric range upper open', { detail: { n: [{ numeric: ['>=', 0, '<', 5] }] } }, d({ n: 5 }), false],
  ['numeric on a numeric string', { detail: { n: [{ numeric: ['>', 0] }] } }, d({ n: '7' }), false],
  ['numeric on a boolean', { detail: { n: [{ numeric: ['>', 0] }] } }, d({ n: true }), false],
  ['numeric in an array', { detail: { n: [{ numeric: ['>', 10] }] } }, d({ n: [1, 2, 30] }), true],
  // exact values keep their JSON type
  ['string "5" is not number 5', { detail: { n: ['5'] } }, d({ n: 5 }), false],
  ['true is not "true"', { detail: { b: [true] } }, d({ b: 'true' }), false],
  ['null matches null', { detail: { x: [null] } }, d({ x: null }), true],
  ['null does not match a missing field', { detail: { x: [null] } }, d({}), false],
  ['empty string matches empty string', { detail: { x: [''] } }, d({ x: '' }), true],
  ['empty string does not match null', { detail: { x: [''] } }, d({ x: null }), false],
  // exists
  ['exists true on null (a leaf)', { detail: { x: [{ exists: true }] } }, d({ x: null }), true],
  ['exists true on an object (not a leaf)', { detail: { x: [{ exists: true }] } }, d({ x: { y: 1 } }), false],
  ['exists false on an object (no leaf there)', { detail: { x: [{ exists: false }] } }, d({ x: { y: 1 } }), true],
  ['exists false on an empty array', { detail: { x: [{ exists: false }] } }, d({ x: [] }), true],
  ['exists false when present', { detail: { x: [{ exists: false }] } }, d({ x: 'a' }), false],
  ['exists false on an unknown top-level field', { 'replay-name': [{ exists: false }] }, d({}), true],
  // prefix / suffix / equals-ignore-case
  ['prefix on a number', { detail: { x: [{ prefix: '1' }] } }, d({ x: 12 }), false],
  ['prefix ignore case', { detail: { x: [{ prefix: { 'equals-ignore-case': 'ORD-' } }] } }, d({ x: 'ord-1' }), true],
  ['suffix ignore case miss', { detail: { x: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, d({ x: 'a.png.bak' }), false],
  ['equals-ignore-case', { detail: { x: [{ 'equals-ignore-case': 'Alice' }] } }, d({ x: 'aLiCe' }), true],
  ['equals-ignore-case is whole-value', { detail: { x: [{ 'equals-ignore-case': 'Alice' }] } }, d({ x: 'Alice2' }), false],
  ['equals-ignore-case on a number', { detail: { x: [{ 'equals-ignore-case': '5' }] } }, d({ x: 5 }), false],
  // anything-but
  ['anything-but number vs string of it', { detail: { x: [{ 'anything-but': [100] }] } }, d({ x: '100' }), true],
  ['anything-but string on a boolean', { detail: { x: [{ 'anything-but': 'a' }] } }, d({ x: false }), true],
  ['anything-but equals-ignore-case list', { detail: { x: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] } }, d({ x: 'b' }), false],
  ['anything-but suffix on a number', { detail: { x: [{ 'anything-but': { suffix: '.txt' } }] } }, d({ x: 3 }), true],
  ['anything-but in an array: one element passes', { detail: { x: [{ 'anything-but': 'a' }] } }, d({ x: ['a', 'b'] }), true],
  ['anything-but in an array: none passes', { detail: { x: [{ 'anything-but': 'a' }] } }, d({ x: ['a', 'a'] }), false],
  ['anything-but on an empty array', { detail: { x: [{ 'anything-but': 'a' }] } }, d({ x: [] }), false],
  // wildcard
  ['wildcard * matches nothing', { detail: { f: [{ wildcard: '*.png' }] } }, d({ f: '.png' }), true],
  ['wildcard is anchored', { detail: { f: [{ wildcard: '*.png' }] } }, d({ f: 'a.png.bak' }), false],
  ['wildcard middle', { detail: { f: [{ wildcard: 'a*b*c' }] } }, d({ f: 'aXbYbZc' }), true],
  ['wildcard overlapping literals', { detail: { f: [{ wildcard: 'ab*ba' }] } }, d({ f: 'aba' }), false],
  ['wildcard escaped star is literal', { detail: { f: [{ wildcard: 'a\\*b' }] } }, d({ f: 'a*b' }), true],
  ['wildcard escaped star does not glob', { detail: { f: [{ wildcard: 'a\\*b' }] } }, d({ f: 'axb' }), false],
  ['wildcard escaped backslash', { detail: { f: [{ wildcard: 'a\\\\*' }] } }, d({ f: 'a\\zzz' }), true],
  ['wildcard ? is literal', { detail: { f: [{ wildcard: 'a?c' }] } }, d({ f: 'abc' }), false],
  ['wildcard on a number', { detail: { f: [{ wildcard: '*' }] } }, d({ f: 1 }), false],
  // cidr
  ['cidr /8', { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, d({ ip: '10.255.1.2' }), true],
  ['cidr /8 outside', { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, d({ ip: '11.0.0.0' }), false],
  ['cidr /0 matches every v4', { detail: { ip: [{ cidr: '0.0.0.0/0' }] } }, d({ ip: '203.0.113.9' }), true],
  ['cidr host bits are ignored', { detail: { ip: [{ cidr: '10.0.0.5/24' }] } }, d({ ip: '10.0.0.200' }), true],
  ['cidr /23 spans two /24', { detail: { ip: [{ cidr: '192.168.2.0/23' }] } }, d({ ip: '192.168.3.4' }), true],
  ['cidr /23 boundary', { detail: { ip: [{ cidr: '192.168.2.0/23' }] } }, d({ ip: '192.168.4.0' }), false],
  ['cidr v6 compressed value', { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, d({ ip: '2001:db8:ffff::1' }), true],
  ['cidr v6 outside', { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, d({ ip: '2001:db9::1' }), false],
  ['cidr v4 block, v6 value', { detail: { ip: [{ cidr: '0.0.0.0/0' }] } }, d({ ip: '::1' }), false],
  ['cidr not an address', { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, d({ ip: 'localhost' }), false],
  // $or
  ['$or top-level first', { $or: [{ source: ['a'] }, { 'detail-type': ['OrderPlaced'] }] }, d({}), true],
  ['$or top-level none', { $or: [{ source: ['a'] }, { 'detail-type': ['b'] }] }, d({}), false],
  ['$or nested in detail with an outer field', { source: ['shop.orders'], detail: { $or: [{ a: [1] }, { b: [{ exists: true }] }] } }, d({ b: 'x' }), true],
  ['$or nested, outer field fails', { source: ['nope'], detail: { $or: [{ a: [1] }, { b: [{ exists: true }] }] } }, d({ b: 'x' }), false],
  ['$or inside $or', { $or: [{ source: ['x'] }, { $or: [{ detail: { a: [1] } }, { detail: { a: [2] } }] }] }, d({ a: 2 }), true],
  ['$or: the later write of a leaf wins (AWS)', { detail: { a: ['1'], $or: [{ a: ['2'] }, { b: ['3'] }] } }, d({ a: '2' }), true],
  ['$or: the earlier write is replaced (AWS)', { detail: { a: ['1'], $or: [{ a: ['2'] }, { b: ['3'] }] } }, d({ a: '1', b: 'x' }), false],
  ['$or that is not the operator is a field name', { detail: { $or: ['x', 'y'] } }, d({ $or: 'y' }), true],
  // arrays and consistency
  ['two fields from one element', { detail: { items: { sku: ['A'], qty: [2] } } }, d({ items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }] }), true],
  ['two fields from different elements', { detail: { items: { sku: ['A'], qty: [1] } } }, d({ items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }] }), false],
  ['nested arrays stay consistent', { detail: { o: { l: { k: ['x'], v: [1] } } } }, d({ o: [{ l: [{ k: 'x', v: 2 }] }, { l: [{ k: 'y', v: 1 }] }] }), false],
  ['nested arrays, same element', { detail: { o: { l: { k: ['x'], v: [1] } } } }, d({ o: [{ l: [{ k: 'y', v: 2 }, { k: 'x', v: 1 }] }] }), true],
  ['field outside the array combines with any element', { detail: { id: ['1'], items: { sku: ['B'] } } }, d({ id: '1', items: [{ sku: 'A' }, { sku: 'B' }] }), true],
  ['array of arrays flattens', { detail: { m: [3] } }, d({ m: [[1, 2], [3]] }), true],
  // dot-joined keys
  ['pattern dots into event objects', { 'detail.a.b': ['x'] }, d({ a: { b: 'x' } }), true],
  ['event dots into pattern objects', { detail: { a: { b: ['x'] } } }, d({ 'a.b': 'x' }), true],
  // events that are not objects
  ['event given as JSON text', { source: ['shop.orders'] }, JSON.stringify(d({})), true],
  ['event that is an array', { source: ['shop.orders'] }, [d({})], false],
  ['event that is not JSON', { source: ['shop.orders'] }, '{not json', false],
];

describe('matchPattern', () => {
  it.each(matchTable)('%s', (_name, pattern, event, expected) => {
    expect(validatePattern(pattern)).toEqual([]);
    expect(matchPattern(pattern, event)).toBe(expected);
  });

  it('accepts a pattern given as JSON text', () => {
    expect(matchPattern('{"detail":{"n":[{"numeric":[">",1]}]}}', d({ n: 2 }))).toBe(true);
  });

  it('matches nothing with an invalid pattern', () => {
    expect(matchPattern({ source: 'shop.orders' }, d({}))).toBe(false);
  });

  it('keeps the compiled pattern reusable across events', () => {
    const compiled = compilePattern({ detail: { n: [{ numeric: ['>', 10] }] } });
    expect([5, 11, 10, 100].map((n) => compiled.match(d({ n })))).toEqual([false, true, false, true]);
  });
});

type ErrorRow = [name: string, pattern: unknown, reason: string, at: (string | number)[]];

const errorTable: ErrorRow[] = [
  ['not an object', ['source'], 'Filter is not an object', []],
  ['JSON text that is not JSON', '{"source": [', 'Filter is not valid JSON', []],
  ['empty pattern', {}, 'Empty objects are not allowed', []],
  ['empty nested object', { detail: {} }, 'Empty objects are not allowed', ['detail']],
  ['nested array value', { source: [['a']] }, 'Match value must be String, number, true, false, or null', ['source', 0]],
  ['empty match expression', { source: [{}] }, 'Match expression name not found', ['source', 0]],
  ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed in match expression', ['source', 0, 'suffix']],
  ['unknown operator', { source: [{ regex: 'a.*' }] }, 'Unrecognized match type regex', ['source', 0, 'regex']],
  ['exists not boolean', { source: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.', ['source', 0, 'exists']],
  ['numeric empty', { n: [{ numeric: [] }] }, 'Invalid member in numeric match: ]', ['n', 0, 'numeric']],
  ['numeric unknown operator', { n: [{ numeric: ['!=', 1] }] }, 'Unrecognized numeric range operator: !=', ['n', 0, 'numeric', 0]],
  ['numeric number first', { n: [{ numeric: [5, '<'] }] }, 'Invalid member in numeric match: 5', ['n', 0, 'numeric', 0]],
  ['numeric = without value', { n: [{ numeric: ['='] }] }, 'Value of equals must be numeric', ['n', 0, 'numeric', 1]],
  ['numeric string value', { n: [{ numeric: ['>', '5'] }] }, 'Value of > must be numeric', ['n', 0, 'numeric', 1]],
  ['numeric range after <', { n: [{ numeric: ['<', 5, '>', 1] }] }, 'Too many elements in numeric expression', ['n', 0, 'numeric', 2]],
  ['numeric bottom ≥ top', { n: [{ numeric: ['>', 5, '<', 5] }] }, 'Bottom must be less than top', ['n', 0, 'numeric', 3]],
  ['numeric too many terms', { n: [{ numeric: ['>', 0, '<', 5, '<', 6] }] }, 'Too many terms in numeric range expression', ['n', 0, 'numeric', 4]],
  ['numeric range with a number as operator', { n: [{ numeric: ['>', 0, 5, 6] }] }, 'Bad value in numeric range: 5', ['n', 0, 'numeric', 2]],
  ['cidr trailing slash', { ip: [{ cidr: '10.0.0.0/' }] }, "Malformed CIDR, one '/' required", ['ip', 0, 'cidr']],
  ['cidr two slashes', { ip: [{ cidr: '10.0.0.0/8/8' }] }, "Malformed CIDR, one '/' required", ['ip', 0, 'cidr']],
  ['cidr negative mask', { ip: [{ cidr: '10.0.0.0/-1' }] }, 'Malformed CIDR, mask bits must not be negative', ['ip', 0, 'cidr']],
  ['cidr /32 (use an exact value)', { ip: [{ cidr: '10.0.0.1/32' }] }, 'IPv4 mask bits must be < 32', ['ip', 0, 'cidr']],
  ['cidr /128', { ip: [{ cidr: '::1/128' }] }, 'IPv6 mask bits must be < 128', ['ip', 0, 'cidr']],
  ['cidr octet over 255', { ip: [{ cidr: '10.0.0.256/24' }] }, 'Invalid IP address: 10.0.0.256', ['ip', 0, 'cidr']],
  ['cidr v6 with two ::', { ip: [{ cidr: '1::2::3/64' }] }, 'Invalid IP address: 1::2::3', ['ip', 0, 'cidr']],
  ['wildcard invalid escape', { f: [{ wildcard: 'a\\bc' }] }, 'Invalid escape character at pos 2', ['f', 0, 'wildcard']],
  ['wildcard trailing backslash', { f: [{ wildcard: 'ab\\' }] }, 'Invalid escape character at pos 3', ['f', 0, 'wildcard']],
  ['wildcard ** counts UTF-8 bytes', { f: [{ wildcard: 'é**' }] }, 'Consecutive wildcard characters at pos 3', ['f', 0, 'wildcard']],
  ['wildcard too complex across values of one field',
    { key: [{ wildcard: '*/datasync/*.bif' }, { wildcard: '*/datasync/*.tif' }, { wildcard: '*/datasync/*.tiff' }, { wildcard: '*/datasync/*.svs' }] },
    'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character', ['key']],
  ['anything-but mixed list', { x: [{ 'anything-but': ['a', 1] }] }, 'Inside anything but list, either all values are number or string, mixed type is not supported', ['x', 0, 'anything-but']],
  ['anything-but empty list', { x: [{ 'anything-but': [] }] }, 'Empty arrays are not allowed', ['x', 0, 'anything-but']],
  ['anything-but unsupported nested operator', { x: [{ 'anything-but': { numeric: ['>', 1] } }] }, 'Unsupported anything-but pattern: numeric', ['x', 0, 'anything-but', 'numeric']],
  ['anything-but boolean', { x: [{ 'anything-but': true }] }, 'Value of anything-but must be an array or single string/number value.', ['x', 0, 'anything-but']],
  ['prefix with unsupported nested operator', { x: [{ prefix: { wildcard: 'a*' } }] }, 'Unsupported prefix pattern: wildcard', ['x', 0, 'prefix', 'wildcard']],
  ['$or with one member', { $or: [{ source: ['a'] }] }, 'There must have at least 2 Objects in $or relationship.', ['$or']],
  ['$or member not an object', { $or: [{ source: ['a'] }, ['b']] }, 'Only JSON object is allowed in array of $or relationship.', ['$or', 1]],
  ['operator name as a field inside $or', { $or: [{ prefix: ['a'] }, { source: ['b'] }] }, 'prefix is Ruler reserved fieldName which cannot be used inside $or.', ['$or', 0, 'prefix']],
];

describe('validatePattern', () => {
  it.each(errorTable)('%s', (_name, pattern, reason, at) => {
    const errors = validatePattern(pattern);
    expect(errors[0]).toEqual({ reason, at });
  });

  it('accepts a wildcard field of moderate complexity', () => {
    expect(validatePattern({ key: [{ wildcard: '*/datasync/*.bif' }, { wildcard: '*/datasync/*.tif' }] })).toEqual([]);
    expect(validatePattern({ arn: [{ wildcard: 'arn:aws:events:*:*:event-bus/*' }] })).toEqual([]);
  });

  it('reports every error, in document order, each at its own pointer', () => {
    const errors = validatePattern({ source: 'a', detail: { n: [{ numeric: 5 }], s: [] } });
    expect(errors.map((e) => [e.at, e.reason])).toEqual([
      [['source'], '"source" must be an object or an array'],
      [['detail', 'n', 0, 'numeric'], 'Value of numeric must be an array.'],
      [['detail', 's'], 'Empty arrays are not allowed'],
    ]);
  });

  it('formats AWS messages', () => {
    expect(awsMessage({ at: [], reason: 'Empty arrays are not allowed' })).toBe('Event pattern is not valid. Reason: Empty arrays are not allowed');
  });

  it('counts a pattern in characters of its JSON and refuses one over the quota', () => {
    const big = { source: ['x'.repeat(2000)], 'detail-type': ['y'.repeat(100)] };
    expect(patternSize({ source: ['ab'] })).toBe('{"source":["ab"]}'.length);
    expect(patternSize(big)).toBeGreaterThan(2048);
    const errors = validatePattern(big);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.at).toEqual([]);
    expect(errors[0]!.reason).toContain(`${patternSize(big)} characters`);
    expect(errors[0]!.reason).toContain('2048');
    expect(validatePattern(big, { maxChars: 4096 })).toEqual([]);
  });

  it('never throws on odd input', () => {
    for (const p of [undefined, null, 0, true, 'x', [], { a: undefined }, { a: [undefined] }, { a: [{ numeric: [NaN] }] }]) {
      expect(() => validatePattern(p)).not.toThrow();
      expect(() => matchPattern(p, {})).not.toThrow();
    }
  });

  // How fast the matcher is belongs to the benchmark (npm run bench); here, what it decides.
  it('refuses a wildcard built to be slow as too complex, as AWS does', () => {
    const pattern = { f: [{ wildcard: '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*' }] };
    expect(validatePattern(pattern).map((e) => e.reason)).toEqual([expect.stringMatching(/^Rule is too complex/)]);
  });
});
