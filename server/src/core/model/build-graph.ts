import type { Finding, Pointer } from '../span';
import { pointerToString } from '../span';
import { didYouMean, wordsOr } from '../util/suggest';
import type { EventDecl, Graph, GraphEdge, GraphNode, NameOccurrence } from './graph';
import { article, KIND_OF_TARGET_KEY, kindLabel, kindModule, kindOf, LANE_OF_SECTION, NODE_KINDS, SECTIONS, targetKinds, type NodeKind } from '../kinds/index';
import type { FilePort } from '../files';
import { isObj, type Obj } from '../util/value';
import type { Linker, Ref } from '../kinds/kind';

export { FUNCTION_DEFAULTS } from '../kinds/function';


const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

const TARGET_KEYS: readonly string[] = [...KIND_OF_TARGET_KEY.keys()];

/** The target keys of some kinds (`['function']` for functions), in the registry's order. */
const keysOf = (kinds: readonly NodeKind[]): readonly string[] => TARGET_KEYS.filter((k) => kinds.includes(KIND_OF_TARGET_KEY.get(k)!));

function readRef(value: unknown, at: Pointer, only?: readonly NodeKind[] | { readonly nameKey: string }): Ref | undefined {
  if (typeof value === 'string') return value ? { name: value, pointer: at, optionsAt: at, options: NO_OPTIONS } : undefined;
  if (!isObj(value)) return undefined;
  const keys = only === undefined ? TARGET_KEYS : 'nameKey' in only ? [only.nameKey] : keysOf(only);
  for (const key of keys) {
    const name = value[key];
    if (typeof name === 'string' && name) {
      const options = omit(value, key);
      const stated = KIND_OF_TARGET_KEY.get(key);
      return stated ? { name, pointer: at.concat(key), optionsAt: at, options, stated } : { name, pointer: at.concat(key), optionsAt: at, options };
    }
  }
  return undefined;
}

/** Kinds a message or a fix may offer for a slot (not the stand-in `external`). */
const offered = (names: readonly NodeKind[]): NodeKind[] => names.filter((k) => !kindModule(k).standsIn);

/**
 * Builds the graph of a document's plain value. Reports unknown names, wrong kinds and duplicates.
 * `files` reads the files declarations name (a state machine's definition), when the host gives it.
 */
export function buildGraph(root: unknown, files?: FilePort): { graph: Graph; findings: Finding[] } {
  const findings: Finding[] = [];
  const nodes = new Map<string, GraphNode>();
  const events = new Map<string, EventDecl>();
  const occurrences: NameOccurrence[] = [];
  const edges: GraphEdge[] = [];
  const doc = isObj(root) ? root : {};
  const declaredIn = new Map<string, string>();

  const declare = (name: string, pointer: Pointer, where: string): boolean => {
    const previous = declaredIn.get(name);
    if (previous !== undefined) {
      findings.push({
        code: 'name/duplicate', severity: 'error', at: pointer, target: 'key',
        message: `'${name}' is already declared in ${previous}. Names are unique across events, producers, routers and consumers.`,
      });
      return false;
    }
    declaredIn.set(name, where);
    return true;
  };

  // 1. Declarations.
  const eventsValue = doc.events;
  if (isObj(eventsValue)) {
    for (const name of Object.keys(eventsValue)) {
      const value = eventsValue[name];
      const pointer = ['events', name];
      occurrences.push({ name, pointer, target: 'key', role: 'declaration', namespace: 'event' });
      if (!declare(name, pointer, 'events')) continue;
      const e = isObj(value) ? value : {};
      const maxBytes = typeof e.maxBytes === 'number' ? e.maxBytes : undefined;
      const source = str(e.source);
      const decl: { -readonly [K in keyof EventDecl]: EventDecl[K] } = { name, pointer, detailType: str(e.detailType) ?? name, schema: e.schema };
      if (source !== undefined) decl.source = source;
      if (maxBytes !== undefined) decl.maxBytes = maxBytes;
      events.set(name, decl);
    }
  }
  const defaults = isObj(doc.defaults) ? doc.defaults : {};
  for (const section of SECTIONS) {
    const entries = doc[section];
    if (!isObj(entries)) continue;
    for (const name of Object.keys(entries)) {
      const value = entries[name];
      const pointer = [section, name];
      occurrences.push({ name, pointer, target: 'key', role: 'declaration', namespace: 'node' });
      const config = isObj(value) ? value : {};
      const kind = kindOf(section, config.type);
      if (!kind) continue; // the schema reports the bad type
      if (!declare(name, pointer, section)) continue;
      const settings = kindModule(kind).settings(config, files ? { name, section, pointer, defaults, files } : { name, section, pointer, defaults });
      const node = { id: name, kind, lane: LANE_OF_SECTION[section], section, pointer, config, settings } as { -readonly [K in keyof GraphNode]: unknown };
      if (kind === 'function') node.fn = settings;
      if (typeof config.description === 'string') node.description = config.description;
      nodes.set(name, node as GraphNode);
    }
  }

  // 2. References.
  const allNames = [...nodes.keys()];
  const reference = (ref: Ref, namespace: NameOccurrence['namespace']): void => {
    occurrences.push({ name: ref.name, pointer: ref.pointer, target: 'value', role: 'reference', namespace });
  };

  /** Checks a reference and adds its edge. `context` reads "the consumer of queue 'billing'". */
  const edge: Linker['edge'] = (from, ref, names, kind, mechanism, context, extra = {}) => {
    if (!ref) return;
    reference(ref, 'node');
    const allowed = names === 'any' ? NODE_KINDS : targetKinds(names as readonly NodeKind[], mechanism);
    const target = nodes.get(ref.name);
    if (!target) {
      const event = events.has(ref.name) ? `'${ref.name}' is an event; ${context} names a producer, router or consumer.` : '';
      findings.push({
        code: 'ref/unknown', severity: 'error', at: ref.pointer,
        message: event || `Unknown name '${ref.name}': no ${offered(allowed).map(kindLabel).join(', ')} of that name is declared.${didYouMean(ref.name, allNames.filter((n) => allowed.includes(nodes.get(n)!.kind)))}`,
        fix: { kind: 'declare-node', title: `Declare '${ref.name}'`, name: ref.name, kinds: offered(allowed) },
      });
      return;
    }
    const standsIn = kindModule(target.kind).standsIn === true;
    if (ref.stated && ref.stated !== target.kind && !standsIn) {
      findings.push({
        code: 'ref/wrong-kind', severity: 'error', at: ref.pointer,
        message: `'${ref.name}' is ${article(target.kind)}, not ${article(ref.stated)}.`,
        nodes: [from.id, target.id],
      });
      return;
    }
    if (!allowed.includes(target.kind) && !standsIn) {
      findings.push({
        code: 'ref/wrong-kind', severity: 'error', at: ref.pointer,
        message: `'${ref.name}' is ${article(target.kind)}; ${context} must be ${wordsOr(offered(allowed).map(article))}.`,
        nodes: [from.id, target.id],
      });
      return;
    }
    const e: { -readonly [K in keyof GraphEdge]: GraphEdge[K] } = {
      id: pointerToString(ref.pointer), from: extra.reverse ? target.id : from.id, to: extra.reverse ? from.id : target.id, kind, mechanism,
      pointer: ref.pointer, optionsAt: ref.optionsAt, options: ref.options,
    };
    // Assigned, not spread: spreading small objects into a literal is slow, and this runs per edge.
    if (extra.event !== undefined) e.event = extra.event;
    if (extra.rule !== undefined) e.rule = extra.rule;
    if (extra.route !== undefined) e.route = extra.route;
    edges.push(e);
  };

  const linker: Linker = {
    ref: readRef,
    edge,
    event(value, at) {
      const name = str(value);
      if (!name) return undefined;
      occurrences.push({ name, pointer: at, target: 'value', role: 'reference', namespace: 'event' });
      if (!events.has(name)) {
        findings.push({
          code: 'ref/unknown-event', severity: 'error', at,
          message: `Unknown event '${name}': declare it under 'events'.${didYouMean(name, events.keys())}`,
          fix: { kind: 'declare-event', title: `Declare event '${name}'`, name },
        });
        return undefined;
      }
      return name;
    },
    declare(name, at, namespace) {
      occurrences.push({ name, pointer: at, target: 'key', role: 'declaration', namespace });
    },
    subject: (node) => `${kindLabel(node.kind)} '${node.id}'`,
    kindOf: (name) => nodes.get(name)?.kind,
  };

  for (const node of nodes.values()) (kindModule(node.kind).references.link as (n: GraphNode, l: Linker) => void)(node, linker);

  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    // `[e]` first: a list grown from `[]` by push reserves room for 17 edges, and most nodes have one or two.
    const out = outgoing.get(e.from);
    if (out) out.push(e);
    else outgoing.set(e.from, [e]);
    const into = incoming.get(e.to);
    if (into) into.push(e);
    else incoming.set(e.to, [e]);
  }
  const name = str(doc.name);
  const region = str(doc.region);
  return {
    graph: { ...(name ? { name } : {}), ...(region ? { region } : {}), nodes, edges, events, occurrences, outgoing, incoming, memo: new Map() },
    findings,
  };
}

const NO_OPTIONS: Obj = Object.freeze({});

/** A copy of `o` without `key` (built key by key: `delete` would slow the copy down for good). */
function omit(o: Obj, key: string): Obj {
  let copy: Obj | undefined;
  for (const k in o) {
    if (k === key || !Object.prototype.hasOwnProperty.call(o, k)) continue;
    (copy ??= {})[k] = o[k];
  }
  return copy ?? NO_OPTIONS;
}
