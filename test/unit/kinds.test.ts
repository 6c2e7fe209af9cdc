// The kind registry (server/src/core/kinds): every kind's module is complete and agrees with the
// schema, the graph, code generation, the importer and the diagram. Each kind is exercised end to
// end from its own completion snippet, so a new kind is checked as soon as it is in the registry.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, schema } from '../../server/src/core/index';
import { CodegenContext } from '../../server/src/core/codegen/context';
import { buildTemplate } from '../../server/src/core/codegen/cloudformation';
import { planFunctions } from '../../server/src/core/codegen/function-plan';
import { Samples } from '../../server/src/core/codegen/samples';
import { Payloads } from '../../server/src/core/codegen/triggers';
import { importTemplate } from '../../server/src/core/import/import-template';
import {
  KIND_MODULES, KIND_OF_TARGET_KEY, NODE_KINDS, SECTIONS, TYPES_OF_SECTION, kindModule, newDeclaration, slotNames, type KindModule, type NodeKind,
} from '../../server/src/core/kinds/index';
import type { ReferenceSlot } from '../../server/src/core/kinds/kind';
import { buildDiagramModel } from '../../server/src/core/layout/index';

type Json = Record<string, unknown>;
const modules = KIND_MODULES as readonly KindModule<NodeKind>[];
const defs = (schema as { definitions: Record<string, Json> }).definitions;
const CORPUS = '../shared/corpus/cfn-schemas';

/** The kinds a schema branch (`oneOf` of `$ref`s, or a consumer's if/then/else) admits. */
function kindsOfBranch(branch: Json): string[] {
  const refs = JSON.stringify(branch).match(/#\/definitions\/[a-z-]+/g) ?? [];
  return [...new Set(refs.map((r) => r.slice('#/definitions/'.length)))].sort();
}

/** The `type:` words a section's schema admits (consumers: `function` is implied). */
const schemaKinds = (section: string): string[] => kindsOfBranch(defs[section.replace(/s$/, '')]!);

/** A reference found in a kind's schema: where (`#` for list items, `x` for any map key) and what it names. */
interface SchemaRef {
  /** Where the name is written (`to/#/queue`). */
  readonly path: string;
  /** The target key when written as `{ <key>: name }` (the last segment of `path`). */
  readonly key?: string;
  readonly event: boolean;
}

/** Every reference (`ref()`: "Name of …") under a kind's schema definition. */
function schemaRefs(def: unknown, path: string[] = [], out: SchemaRef[] = []): SchemaRef[] {
  if (typeof def !== 'object' || def === null) return out;
  const d = def as Json;
  if (typeof d.$ref === 'string') return schemaRefs(defs[d.$ref.replace('#/definitions/', '')], path, out);
  const description = typeof d.markdownDescription === 'string' ? d.markdownDescription : '';
  if (d.type === 'string' && description.startsWith('Name of ')) {
    const last = path[path.length - 1];
    const key = last !== undefined && KIND_OF_TARGET_KEY.has(last) ? last : undefined;
    out.push({ path: path.join('/'), ...(key ? { key } : {}), event: description.includes('catalog event') });
    return out;
  }
  // A list of node names (a policy's `resources`).
  if (d.type === 'array' && description.startsWith('Names of nodes')) {
    out.push({ path: [...path, '#'].join('/'), event: false });
    return out;
  }
  for (const branch of ['anyOf', 'oneOf'] as const) if (Array.isArray(d[branch])) for (const b of d[branch] as unknown[]) schemaRefs(b, path, out);
  if (typeof d.properties === 'object' && d.properties) {
    for (const [k, v] of Object.entries(d.properties as Json)) if (k !== 'type') schemaRefs(v, [...path, k], out);
  }
  if (typeof d.additionalProperties === 'object') schemaRefs(d.additionalProperties, [...path, 'x'], out);
  if (d.items) schemaRefs(d.items, [...path, '#'], out);
  return out;
}

/** The slot of a kind that a path matches (as `slotAt` reads paths: `#` for indexes). */
const slotOf = (m: KindModule<NodeKind>, path: string): ReferenceSlot | undefined => m.references.slots.find((s) => s.at.test(path));

/** The slot of a reference, as `slotAt` finds it: at its path, else (`{ queue: x }`) at the target object. */
const slotOfRef = (m: KindModule<NodeKind>, r: SchemaRef): ReferenceSlot | undefined =>
  slotOf(m, r.path) ?? (r.key ? slotOf(m, r.path.slice(0, -(r.key.length + 1))) : undefined);

const targetKeyOf = (kind: NodeKind): string | undefined => (kindModule(kind) as { readonly targetKey?: string }).targetKey;

describe('the kind registry', () => {
  it('lists each kind once, each declared in known sections, the stand-in (external) in all of them', () => {
    expect(new Set(NODE_KINDS).size).toBe(NODE_KINDS.length);
    for (const m of modules) {
      expect(m.label, m.kind).toMatch(/\S/);
      expect(m.sections.length, m.kind).toBeGreaterThan(0);
      for (const s of m.sections) expect(SECTIONS).toContain(s);
      if (m.standsIn) expect([...m.sections].sort(), m.kind).toEqual([...SECTIONS].sort());
    }
  });

  it('has aliases (what people write for a type) in lower case, each naming one kind and none a kind word', () => {
    const aliases = modules.flatMap((m) => m.aliases ?? []);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const a of aliases) {
      expect(a).toBe(a.toLowerCase());
      expect(NODE_KINDS as readonly string[]).not.toContain(a);
    }
  });

  it("has exactly the schema's kinds in each section (the `type` word of each definition is its kind)", () => {
    for (const section of SECTIONS) {
      const fromSchema = schemaKinds(section);
      // A consumer without `type` is a function: the schema's else branch.
      expect(fromSchema, section).toEqual([...TYPES_OF_SECTION[section]].sort());
    }
    for (const kind of NODE_KINDS) expect((defs[kind]?.properties as Json | undefined)?.type, kind).toEqual(expect.objectContaining({ const: kind }));
  });

  it('gives target keys that are unique and the ones the schema uses in target objects', () => {
    const keys = modules.flatMap((m) => (targetKeyOf(m.kind) ? [targetKeyOf(m.kind)!] : []));
    expect(new Set(keys).size).toBe(keys.length);
    const schemaKeys = new Set(NODE_KINDS.flatMap((k) => schemaRefs(defs[k]).flatMap((r) => (r.key ? [r.key] : []))));
    expect([...schemaKeys].sort()).toEqual([...keys].sort());
  });

  describe('references: every name the schema lets a declaration write has a slot, and every slot a place in the schema', () => {
    for (const m of modules) {
      it(m.kind, () => {
        const refs = schemaRefs(defs[m.kind]);
        expect(refs.length + m.references.slots.filter((s) => s.names === 'detail-type' || s.names === 'source').length).toBeGreaterThan(0);
        for (const r of refs) {
          const slot = slotOfRef(m, r);
          expect(slot, `${m.kind}: no slot for ${r.path}`).toBeDefined();
          if (r.event) expect(slot!.names, r.path).toBe('event');
          else expect(slot!.names, r.path).not.toBe('event');
          // `{ queue: x }` at a slot: the slot accepts queues.
          if (r.key && slot!.names !== 'any') expect(slotNames(slot!) as readonly string[], `${m.kind} ${r.path}: ${r.key}`).toContain(KIND_OF_TARGET_KEY.get(r.key));
        }
        for (const slot of m.references.slots) {
          if (slot.names === 'detail-type' || slot.names === 'source') continue;
          const here = refs.filter((r) => slotOfRef(m, r) === slot);
          expect(here.length, `${m.kind}: slot ${slot.at} matches nothing in the schema`).toBeGreaterThan(0);
          // The kinds a slot accepts are the ones its target objects may name (when written as objects).
          const keys = here.flatMap((r) => (r.key ? [KIND_OF_TARGET_KEY.get(r.key)!] : []));
          if (keys.length > 0 && slot.names !== 'any') expect([...new Set(keys)].sort(), `${m.kind} ${slot.at}`).toEqual([...(slotNames(slot) as readonly string[])].filter((k) => targetKeyOf(k as NodeKind)).sort());
        }
      });
    }
  });

  it('gives every kind that can be a target a key to write its target objects with', () => {
    for (const m of modules) {
      for (const slot of m.references.slots) {
        // `emits` names what it writes to with `to:`, never a kind key: a kind that joins it through `reachedBy: ['emit']` alone (a WebSocket API) needs none.
        const keyless = (k: NodeKind): boolean => slot.mechanism === 'emit' && !(slot.names as readonly NodeKind[]).includes(k);
        if (Array.isArray(slot.names)) for (const k of (slotNames(slot) as NodeKind[]).filter((x) => !keyless(x))) expect(targetKeyOf(k), `${m.kind} ${slot.at} names ${k}`).toBeDefined();
      }
    }
  });

  it('draws every kind: icons with a path glyph, a colour and a subtitle, ids unique across kinds', () => {
    const ids = modules.flatMap((m) => Object.keys(m.diagram.icons));
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of modules) {
      expect(Object.keys(m.diagram.icons).length, m.kind).toBeGreaterThan(0);
      for (const [id, icon] of Object.entries(m.diagram.icons)) {
        expect(icon.glyph, id).toMatch(/^M[\d\s.,MmLlHhVvCcSsQqTtAaZz-]+$/);
        expect(icon.colour, id).toMatch(/^#[0-9a-f]{6}$/);
        expect(icon.subtitle, id).toMatch(/\S/);
      }
    }
  });

  it('maps each kind from resource types that exist (CloudFormation provider schemas, SAM), none claimed by two kinds', () => {
    if (!existsSync(CORPUS)) throw new Error(`missing ${CORPUS}: the shared corpus is part of the tests`);
    const sam = JSON.parse(readFileSync(`${CORPUS}/sam.schema.json`, 'utf8')) as { definitions: Json };
    const samTypes = JSON.stringify(sam.definitions);
    const claimed = new Map<string, string>();
    for (const m of modules) {
      for (const type of m.import.types) {
        const other = claimed.get(type);
        expect(other === undefined || m.import.accepts !== undefined, `${type}: ${other} and ${m.kind}`).toBe(true);
        claimed.set(type, m.kind);
        if (type.startsWith('AWS::Serverless::')) expect(samTypes, type).toContain(`"${type}"`);
        else expect(existsSync(`${CORPUS}/${type.replace(/::/g, '-')}.json`), type).toBe(true);
      }
    }
  });

  it('generates every kind except the stand-in, and sends to every kind a function may emit to', () => {
    const emitted = new Set(modules.flatMap((m) => m.references.slots.filter(() => m.kind === 'function').flatMap((s) => (Array.isArray(s.names) && s.at.test('emits/#/to') ? slotNames(s) as readonly NodeKind[] : []))));
    expect(emitted.size).toBeGreaterThan(0);
    for (const m of modules) {
      if (m.standsIn) expect(m.cloudformation, m.kind).toBeUndefined();
      else expect(m.cloudformation?.suffix, m.kind).toMatch(/^[A-Z][A-Za-z]+$/);
      if (emitted.has(m.kind)) {
        expect(m.emit, `${m.kind}: functions emit to it`).toBeDefined();
        expect(m.cloudformation?.env, `${m.kind}: functions emit to it`).toBeDefined();
      }
    }
    const suffixes = modules.flatMap((m) => (m.cloudformation ? [m.cloudformation.suffix] : []));
    expect(new Set(suffixes).size).toBe(suffixes.length);
  });
});

/** Instantiates a snippet: tab stops take their defaults; `fn(n)` names the function `worker`. */
function instantiate(m: KindModule<NodeKind>): { lines: string[]; name: string } {
  const { block } = m.editor.snippet(() => 'worker');
  const lines = block.map((l) => l.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\\\$/g, '$'));
  return { lines, name: lines[0]!.replace(/:.*$/, '') };
}

/** An architecture with one node of the kind (from its snippet) and a function `worker` that emits to it when it can. */
function architectureOf(m: KindModule<NodeKind>): { text: string; name: string } {
  const { lines, name } = instantiate(m);
  const section = m.sections[0]!;
  const emits = kindModule('function').references.slots.some((s) => Array.isArray(s.names) && s.at.test('emits/#/to') && (slotNames(s) as readonly string[]).includes(m.kind));
  const worker = `  worker: { timeout: 5${emits ? `, emits: [${name}]` : ''} }`;
  const own = [`${section}:`, ...lines.map((l) => `  ${l}`)];
  const text = ['archflow: 1', 'name: kinds', ...(section === 'consumers' ? [...own, worker] : [...own, 'consumers:', worker]), ''].join('\n');
  // Other names the snippet uses (a pipe's source) are declared as the quick fix would: `{ type: <kind> }` in its section.
  const more = analyze(text).problems.flatMap((p) => (p.code === 'ref/unknown' && p.fix?.kind === 'declare-node' ? [{ name: p.fix.name, kind: p.fix.kinds[0]! }] : []));
  if (more.length === 0) return { text, name };
  const extra = more.map((x) => ({ ...x, decl: newDeclaration(x.kind)! }));
  const sections = [...new Set([section, 'consumers', ...extra.map((x) => x.decl.section)])];
  const body = sections.flatMap((sec) => [
    `${sec}:`,
    ...(sec === section ? lines.map((l) => `  ${l}`) : []),
    ...(sec === 'consumers' ? [worker] : []),
    ...extra.filter((x) => x.decl.section === sec).map((x) => `  ${x.name}: ${JSON.stringify(x.decl.value)}`),
  ]);
  return { text: ['archflow: 1', 'name: kinds', ...body, ''].join('\n'), name };
}

describe('each kind end to end, from its completion snippet', () => {
  for (const m of modules) {
    describe(m.kind, () => {
      const { text, name } = architectureOf(m);
      const analysis = analyze(text);
      const node = analysis.graph.nodes.get(name);

      it('declares a node of the kind that the schema and the graph accept', () => {
        const broken = analysis.problems.filter((p) => /^(yaml|schema|ref)\//.test(p.code));
        expect(broken.map((p) => `${p.code}: ${p.message}`), text).toEqual([]);
        expect(node?.kind).toBe(m.kind);
        expect(node?.lane).toBe(m.sections[0]!.replace(/s$/, ''));
      });

      it('draws the node with one of its icons, whose picture travels in the diagram', () => {
        const model = buildDiagramModel(analysis);
        const drawn = model.nodes.find((n) => n.id === name)!;
        const icon = m.diagram.icons[drawn.icon];
        expect(icon, drawn.icon).toBeDefined();
        expect(model.icons[drawn.icon]).toEqual({ glyph: icon!.glyph, colour: icon!.colour });
        expect(drawn.subtitle).toMatch(/\S/);
        expect(Array.isArray(drawn.settings)).toBe(true);
      });

      if (!m.cloudformation) return;

      it('generates its resource, of a type the importer maps back onto the kind', () => {
        const ctx = new CodegenContext(analysis.graph, analysis.doc.value);
        const { template } = buildTemplate(ctx);
        const id = ctx.id(name)!;
        expect(id).toMatch(new RegExp(`${m.cloudformation!.suffix}$`));
        const resource = template.Resources[id];
        // The account's default bus is referenced, never created; the snippet's bus is a custom one.
        expect(resource?.Type, JSON.stringify(Object.keys(template.Resources))).toBeDefined();
        expect(m.import.types).toContain(resource!.Type);
        const back = importTemplate(JSON.stringify(template), 'kinds.json');
        expect(back.problems).toEqual([]);
        const kinds = [...analyze(back.yaml).graph.nodes.values()].map((n) => n.kind);
        expect(kinds).toContain(m.kind);
      });

      it('gives the function it triggers a typed input and a sample event, and the function that emits to it a typed helper', () => {
        const ctx = new CodegenContext(analysis.graph, analysis.doc.value);
        const payloads = new Payloads(ctx, { eventType: (e) => `Events.${e}` });
        const samples = new Samples(ctx);
        const triggers = m.kind === 'function' ? [] : payloads.triggers('worker').filter((t) => t.source.id === name);
        for (const t of triggers) {
          expect(t.shape, t.label).not.toBe('unknown');
          expect(t.eventType, t.label).not.toBe('unknown');
          const sample = samples.event(t);
          expect(typeof sample === 'object' && sample !== null && Object.keys(sample).length > 0, JSON.stringify(sample)).toBe(true);
        }
        const emitters = planFunctions(ctx, payloads, (e) => `Events.${e}`).find((p) => p.node.id === 'worker')!.emitters.filter((e) => e.target.id === name);
        const fromWorker = analysis.graph.edges.filter((e) => e.from === 'worker' && e.to === name && e.kind === 'emit');
        expect(emitters.length > 0).toBe(fromWorker.length > 0);
        // Something triggers or is emitted to: a kind that does neither would test nothing here.
        expect(triggers.length + emitters.length + (m.kind === 'function' ? 1 : 0), m.kind).toBeGreaterThan(0);
      });
    });
  }
});
