import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemasToTypes, typeOfValue } from '../../../server/src/core/codegen/index';

const one = (schema: unknown, name = 'T'): string => schemasToTypes([{ name, schema }]).code;

describe('JSON Schema → TypeScript', () => {
  const CASES: { name: string; schema: unknown; ts: string }[] = [
    { name: 'primitives', schema: { type: 'string' }, ts: 'export type T = string;\n' },
    { name: 'integer is number', schema: { type: 'integer' }, ts: 'export type T = number;\n' },
    { name: 'type lists are unions', schema: { type: ['string', 'null'] }, ts: 'export type T = string | null;\n' },
    { name: 'enum of literals', schema: { enum: ['a', 'b', 1, true, null] }, ts: 'export type T = "a" | "b" | 1 | true | null;\n' },
    { name: 'const', schema: { const: 'order' }, ts: 'export type T = "order";\n' },
    {
      name: 'required and optional properties, descriptions and formats as comments',
      schema: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid', description: 'The id.' }, 'n-1': { type: 'number' } } },
      ts: 'export type T = {\n  /** The id. Format: uuid. */\n  id: string;\n  "n-1"?: number;\n};\n',
    },
    {
      name: 'nested objects and arrays',
      schema: { type: 'object', properties: { lines: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } } } },
      ts: 'export type T = {\n  lines?: {\n    sku: string;\n  }[];\n};\n',
    },
    { name: 'arrays of unions are parenthesized', schema: { type: 'array', items: { type: ['string', 'number'] } }, ts: 'export type T = (string | number)[];\n' },
    { name: 'tuples', schema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 1, items: false }, ts: 'export type T = [string, number?];\n' },
    { name: 'a map (additionalProperties only)', schema: { type: 'object', additionalProperties: { type: 'number' } }, ts: 'export type T = {\n  [key: string]: number;\n};\n' },
    { name: 'a closed empty object', schema: { type: 'object', additionalProperties: false }, ts: 'export type T = {};\n' },
    {
      name: 'named properties plus additionalProperties get an index signature of unknown',
      schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'number' } },
      ts: 'export type T = {\n  a?: string;\n  [key: string]: unknown;\n};\n',
    },
    { name: 'anyOf / oneOf', schema: { anyOf: [{ type: 'string' }, { type: 'number' }] }, ts: 'export type T = (string | number);\n' },
    {
      name: 'allOf is an intersection',
      schema: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: { type: 'number' } } }] },
      ts: 'export type T = {\n  a?: string;\n} & {\n  b?: number;\n};\n',
    },
    {
      name: '$ref within the schema becomes a named type',
      schema: { type: 'object', properties: { home: { $ref: '#/definitions/address' } }, definitions: { address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } } } },
      ts: 'export type T = {\n  home?: TAddress;\n};\n\nexport type TAddress = {\n  city: string;\n};\n',
    },
    {
      name: 'recursive $ref through an object',
      schema: { $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' },
      ts: 'export type T = TNode;\n\nexport type TNode = {\n  next?: TNode;\n};\n',
    },
    { name: 'a $ref to the root through a property', schema: { type: 'object', properties: { parent: { $ref: '#' } } }, ts: 'export type T = {\n  parent?: T;\n};\n' },
    { name: 'unresolvable $ref is unknown', schema: { $ref: 'https://example.com/x.json' }, ts: 'export type T = unknown;\n' },
    { name: 'nullable (OpenAPI)', schema: { type: 'string', nullable: true }, ts: 'export type T = string | null;\n' },
    { name: 'an empty schema is unknown', schema: {}, ts: 'export type T = unknown;\n' },
    { name: 'false is never', schema: false, ts: 'export type T = never;\n' },
    { name: 'a comment cannot end early', schema: { type: 'string', description: 'a */ b' }, ts: '/** a *\\/ b */\nexport type T = string;\n' },
  ];
  for (const c of CASES) it(c.name, () => expect(one(c.schema)).toBe(c.ts));

  it('names types after the events, PascalCase, without collisions', () => {
    const m = schemasToTypes([{ name: 'order.placed', schema: {} }, { name: 'OrderPlaced', schema: {} }, { name: 'x', schema: {} }]);
    expect([...m.names.values()]).toEqual(['OrderPlaced', expect.stringMatching(/^OrderPlaced[0-9A-F]{4}$/), 'X']);
    expect(m.code.match(/export type \w+/g)).toHaveLength(3);
  });

  it('infers the type of a constant value', () => {
    expect(typeOfValue({ job: 'x', n: 1, flags: [true], nested: { a: null } })).toBe('{\n  job: string;\n  n: number;\n  flags: boolean[];\n  nested: {\n    a: null;\n  };\n}');
  });

  it('never throws on odd schemas', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('type', 'properties', 'items', '$ref', 'enum', 'const', 'required', 'anyOf', 'allOf', 'oneOf', 'additionalProperties', 'prefixItems', 'definitions')), tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(fc.property(json, (schema) => {
      const out = schemasToTypes([{ name: 'E', schema }]);
      expect(out.code).toMatch(/^(\/\*\*[\s\S]*?\*\/\n)?export type E = /);
    }), { numRuns: 500 });
  });
});
