/**
 * The `access` words the schema documents (completion, hover: scripts/schema-source.mjs `x-access`)
 * are exactly those of the permission table (model/edge-permissions.ts ACCESS), with the same
 * default and the same actions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS, accessGrants } from '../../../server/src/core/model/edge-permissions';
import { kindModule, targetKeyOf } from '../../../server/src/core/kinds/index';
import type { NodeKind } from '../../../server/src/core/model/kinds';
import { ROOT } from '../../helpers/codegen';

type Json = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/archflow.schema.json'), 'utf8')) as Json;
const emitItem = (((schema.definitions as Json).function as Json).properties as Json).emits as Json;
const access = ((((emitItem.items as Json).anyOf as Json[])[1]!.properties as Json).access as Json)['x-access'] as Record<string, { default: string; words: Record<string, string[]> }>;

const ACTION = /\b[a-z0-9-]+:[A-Z][A-Za-z]+\b/g;

describe('the access vocabulary of the schema is the permission table', () => {
  it('covers every kind a function may emit to (a kind without words would be granted nothing)', () => {
    const slot = kindModule('function').references.slots.find((x) => x.at.test('emits/#/to'))!;
    expect(Array.isArray(slot.names)).toBe(true);
    // Naming a function invokes it (an `invoke` edge: lambda:InvokeFunction), with no access words.
    for (const kind of (slot.names as readonly NodeKind[]).filter((k) => k !== 'function')) expect(ACCESS[kind], kind).toBeDefined();
  });

  it('documents the same kinds', () => {
    expect(Object.keys(access).sort()).toEqual(Object.keys(ACCESS).map((k) => targetKeyOf(k as NodeKind) ?? k).sort());
  });
  for (const [kind, vocabulary] of Object.entries(ACCESS) as [NodeKind, NonNullable<(typeof ACCESS)[NodeKind]>][]) {
    it(`${kind}: same default, same words, same actions`, () => {
      // A kind that is never a target object's key (a WebSocket API) is documented by its `type` word.
      const documented = access[targetKeyOf(kind) ?? kind]!;
      expect(documented.default).toBe(vocabulary.default);
      expect(Object.keys(documented.words)).toEqual(Object.keys(vocabulary.words));
      for (const [word, w] of Object.entries(vocabulary.words)) {
        const text = documented.words[word]!.join(', ');
        if (w.includes) {
          // A word made of others names them (`read + write`, `= send`) and grants what they grant.
          expect(text.match(/[a-z-]+/g)).toEqual(w.includes);
        } else {
          expect([...new Set(text.match(ACTION))].sort(), `${kind} ${word}`).toEqual([...new Set(accessGrants(kind, [word]).flatMap((g) => g.actions))].sort());
        }
      }
    });
  }
});

describe("docs/generate.md's access table is the permission table", () => {
  const doc = readFileSync(join(ROOT, 'docs/generate.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### `access` of `emits`'), doc.indexOf('### Your own `policies`'));
  const rows = [...section.matchAll(/^\| ([\w-]+) \| `([a-z-]+)`( \(default\))? \| ([^|]+) \|/gm)].filter((m) => m[1] !== 'Target').map((m) => ({ kind: m[1]!, word: m[2]!, isDefault: m[3] !== undefined, actions: [...(m[4]!.match(ACTION) ?? [])].sort() }));
  it('has one row per kind and word, in the order of the table, with its actions', () => {
    const expected = (Object.entries(ACCESS) as [NodeKind, NonNullable<(typeof ACCESS)[NodeKind]>][]).flatMap(([kind, v]) => Object.keys(v.words).map((word) => ({
      kind: targetKeyOf(kind) ?? kind, word, isDefault: v.default === word, actions: [...new Set(accessGrants(kind, [word]).flatMap((g) => g.actions))].sort(),
    })));
    expect(rows).toEqual(expected);
  });
});
