/**
 * Static matching of rule patterns against catalog events, and sample events built from the catalog.
 */
import { describe, expect, it } from 'vitest';
import { eventMatchesDeclaredEvent, matchPattern, sampleEvent, sampleFromSchema, type DeclaredEvent, type Verdict } from '../../../server/src/core/eventbridge/pattern';

const orderPlaced: DeclaredEvent = {
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  detailSchema: {
    type: 'object',
    required: ['orderId', 'total', 'currency', 'status', 'items'],
    additionalProperties: false,
    properties: {
      orderId: { type: 'string', pattern: '^ord-[0-9]+$' },
      total: { type: 'number', minimum: 0, maximum: 10000 },
      currency: { enum: ['EUR', 'USD'] },
      status: { const: 'PLACED' },
      express: { type: 'boolean' },
      note: { type: ['string', 'null'] },
      customer: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string', format: 'email' }, tier: { $ref: '#/definitions/tier' } },
      },
      items: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } },
      },
      meta: { type: 'object' },
    },
    definitions: { tier: { enum: ['gold', 'silver'] } },
  },
};

type Row = [name: string, pattern: unknown, expected: Verdict];

const table: Row[] = [
  // envelope
  ['source and detail-type equal', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'yes'],
  ['other source', { source: ['shop.payments'], 'detail-type': ['OrderPlaced'] }, 'no'],
  ['source in a list', { source: ['a', 'shop.orders'] }, 'yes'],
  ['source prefix', { source: [{ prefix: 'shop.' }] }, 'yes'],
  ['source anything-but itself', { source: [{ 'anything-but': 'shop.orders' }] }, 'no'],
  ['detail-type ignore case', { 'detail-type': [{ 'equals-ignore-case': 'orderplaced' }] }, 'yes'],
  ['detail-type wildcard miss', { 'detail-type': [{ wildcard: 'Payment*' }] }, 'no'],
  ['version is "0"', { version: ['0'] }, 'yes'],
  ['account unknown', { account: ['123456789012'] }, 'maybe'],
  ['account always exists', { account: [{ exists: true }] }, 'yes'],
  ['region never numeric', { region: [{ numeric: ['>', 0] }] }, 'no'],
  ['resources may be empty', { resources: [{ exists: true }] }, 'maybe'],
  ['unknown top-level field', { tenant: ['a'] }, 'no'],
  ['unknown top-level field absent', { tenant: [{ exists: false }] }, 'yes'],
  ['$or: one branch possible', { $or: [{ source: ['x'] }, { 'detail-type': ['OrderPlaced'] }] }, 'yes'],
  ['$or: no branch possible', { $or: [{ source: ['x'] }, { 'detail-type': ['y'] }] }, 'no'],
  // detail, by schema
  ['required string field exists', { detail: { orderId: [{ exists: true }] } }, 'yes'],
  ['required field absent', { detail: { orderId: [{ exists: false }] } }, 'no'],
  ['string field, numeric filter', { detail: { orderId: [{ numeric: ['>', 0] }] } }, 'no'],
  ['string field, value against pattern', { detail: { orderId: ['ord-17'] } }, 'maybe'],
  ['string field, value the pattern forbids', { detail: { orderId: ['17'] } }, 'no'],
  ['number within bounds', { detail: { total: [{ numeric: ['>', 100] }] } }, 'maybe'],
  ['number beyond maximum', { detail: { total: [{ numeric: ['>', 10000] }] } }, 'no'],
  ['number below minimum', { detail: { total: [-1] } }, 'no'],
  ['number compared as a string', { detail: { total: ['100'] } }, 'no'],
  ['enum value', { detail: { currency: ['USD'] } }, 'maybe'],
  ['enum, every value listed', { detail: { currency: ['USD', 'EUR'] } }, 'yes'],
  ['enum miss', { detail: { currency: ['GBP'] } }, 'no'],
  ['enum anything-but', { detail: { currency: [{ 'anything-but': ['GBP'] }] } }, 'yes'],
  ['const', { detail: { status: ['PLACED'] } }, 'yes'],
  ['const miss', { detail: { status: ['SHIPPED'] } }, 'no'],
  ['optional boolean', { detail: { express: [true] } }, 'maybe'],
  ['optional boolean vs string', { detail: { express: ['true'] } }, 'no'],
  ['optional field absent', { detail: { express: [{ exists: false }] } }, 'maybe'],
  ['nullable field null', { detail: { note: [null] } }, 'maybe'],
  ['undeclared property under additionalProperties: false', { detail: { coupon: ['X'] } }, 'no'],
  ['undeclared property absent', { detail: { coupon: [{ exists: false }] } }, 'yes'],
  ['nested optional object, required inside', { detail: { customer: { id: [{ exists: true }] } } }, 'maybe'],
  ['nested $ref enum miss', { detail: { customer: { tier: ['bronze'] } } }, 'no'],
  ['nested $ref enum hit', { detail: { customer: { tier: ['gold'] } } }, 'maybe'],
  ['nested open object: anything may be there', { detail: { customer: { vip: [true] } } }, 'maybe'],
  ['array items: field exists in every event', { detail: { items: { sku: [{ exists: true }] } } }, 'yes'],
  ['array items: integer vs string', { detail: { items: { qty: ['2'] } } }, 'no'],
  ['array items: integer below minimum', { detail: { items: { qty: [0] } } }, 'no'],
  ['an object has no value', { detail: { customer: ['x'] } }, 'no'],
  ['an object does not exist as a leaf', { detail: { meta: [{ exists: true }] } }, 'no'],
  ['free-form object: anything below', { detail: { meta: { a: ['b'] } } }, 'maybe'],
  ['dot-joined path into the schema', { 'detail.customer.tier': ['gold'] }, 'maybe'],
  ['detail itself is not a value', { detail: [{ exists: true }] }, 'no'],
  ['envelope excludes, detail would match', { source: ['other'], detail: { status: ['PLACED'] } }, 'no'],
];

describe('eventMatchesDeclaredEvent', () => {
  it.each(table)('%s', (_name, pattern, expected) => {
    expect(eventMatchesDeclaredEvent(pattern, orderPlaced)).toBe(expected);
  });

  it('knows nothing of detail without a schema', () => {
    const decl = { source: 'shop.orders', detailType: 'OrderPlaced' };
    expect(eventMatchesDeclaredEvent({ detail: { anything: [{ numeric: ['>', 1] }] } }, decl)).toBe('maybe');
    expect(eventMatchesDeclaredEvent({ source: ['x'], detail: { anything: ['y'] } }, decl)).toBe('no');
  });

  it('treats an unknown source as any string', () => {
    const decl = { detailType: 'OrderPlaced' };
    expect(eventMatchesDeclaredEvent({ source: ['shop.orders'] }, decl)).toBe('maybe');
    expect(eventMatchesDeclaredEvent({ source: [{ numeric: ['>', 1] }] }, decl)).toBe('no');
  });

  it('answers maybe for an invalid pattern (validation reports it)', () => {
    expect(eventMatchesDeclaredEvent({ source: 'shop.orders' }, orderPlaced)).toBe('maybe');
  });

  it('handles anyOf / oneOf / allOf', () => {
    const decl: DeclaredEvent = {
      source: 's',
      detailType: 't',
      detailSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { oneOf: [{ const: 'a' }, { const: 'b' }] },
          size: { allOf: [{ type: 'integer' }, { maximum: 5 }] },
        },
        required: ['kind', 'size'],
      },
    };
    expect(eventMatchesDeclaredEvent({ detail: { kind: ['c'] } }, decl)).toBe('no');
    expect(eventMatchesDeclaredEvent({ detail: { kind: ['a', 'b'] } }, decl)).toBe('yes');
    expect(eventMatchesDeclaredEvent({ detail: { size: [{ numeric: ['>', 5] }] } }, decl)).toBe('no');
    expect(eventMatchesDeclaredEvent({ detail: { size: [{ numeric: ['>', 4] }] } }, decl)).toBe('maybe');
  });

  it('agrees with matchPattern on the sample event whenever it is certain', () => {
    const sample = sampleEvent(orderPlaced);
    for (const [name, pattern, verdict] of table) {
      if (verdict === 'maybe') continue;
      expect(matchPattern(pattern, sample), name).toBe(verdict === 'yes');
    }
  });
});

describe('sampleEvent', () => {
  it('builds the envelope and a detail valid for the schema', () => {
    const e = sampleEvent(orderPlaced);
    expect(e).toMatchObject({ version: '0', source: 'shop.orders', 'detail-type': 'OrderPlaced', account: '123456789012', region: 'us-east-1', resources: [] });
    expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(e.detail).toEqual({
      orderId: 'ord-0',
      total: 0,
      currency: 'EUR',
      status: 'PLACED',
      items: [{ sku: 'sku-example', qty: 1 }],
    });
  });

  it('is deterministic and takes envelope options', () => {
    expect(sampleEvent(orderPlaced)).toEqual(sampleEvent(orderPlaced));
    expect(sampleEvent(orderPlaced, { region: 'eu-west-1', account: '111122223333' })).toMatchObject({ region: 'eu-west-1', account: '111122223333' });
  });

  it('gives an empty detail without a schema', () => {
    expect(sampleEvent({ source: 'a', detailType: 'b' }).detail).toEqual({});
  });

  it.each([
    ['format date-time', { type: 'string', format: 'date-time' }, '2025-01-15T12:00:00Z'],
    ['format email', { type: 'string', format: 'email' }, 'jane.doe@example.com'],
    ['name-based id', { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } }, { orderId: 'orderId-0001' }],
    ['pattern', { type: 'string', pattern: '^(EU|US)-\\d{4}$' }, 'EU-1111'],
    ['pattern with classes and counts', { type: 'string', pattern: '^[A-Z]{3}-[0-9]+$' }, 'AAA-0'],
    ['pattern beyond the generator keeps the plain sample', { type: 'string', pattern: '^[^a]$' }, 'example'],
    ['minLength pads', { type: 'string', minLength: 12 }, 'examplexxxxx'],
    ['maxLength cuts', { type: 'string', maxLength: 3 }, 'exa'],
    ['integer exclusiveMinimum', { type: 'integer', exclusiveMinimum: 10 }, 11],
    ['number multipleOf', { type: 'number', minimum: 7, multipleOf: 5 }, 10],
    ['default wins', { type: 'string', default: 'hello' }, 'hello'],
    ['examples', { type: 'integer', examples: [42] }, 42],
    ['nullable type', { type: ['null', 'boolean'] }, true],
    ['anyOf skips null', { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 3 }] }, 3],
    ['tuple items', { type: 'array', items: [{ const: 1 }, { const: 'a' }] }, [1, 'a']],
    ['minItems', { type: 'array', minItems: 2, items: { enum: ['x'] } }, ['x', 'x']],
    ['all properties when none is required', { type: 'object', properties: { a: { type: 'boolean' }, b: { const: 2 } } }, { a: true, b: 2 }],
    ['allOf merges objects', { allOf: [{ type: 'object', properties: { a: { const: 1 } } }, { type: 'object', properties: { b: { const: 2 } } }] }, { a: 1, b: 2 }],
    ['recursive $ref stops', { $ref: '#/definitions/n', definitions: { n: { type: 'object', required: ['next'], properties: { next: { $ref: '#/definitions/n' } } } } }, expect.objectContaining({ next: expect.any(Object) })],
  ])('%s', (_name, schema, expected) => {
    expect(sampleFromSchema(schema)).toEqual(expected);
  });
});
