/**
 * The diagram's connect gesture: a drag from node A to node B becomes the word the format uses for
 * that pair — a queue's consumer (`to`), a topic's subscription, a function's `emits` entry, a new
 * event-bus rule, an API route, a schedule's or pipe's target, a bucket notification, a dead-letter
 * queue, a pipe's source, a stream's reader. Which pairs exist comes from the kinds' reference slots
 * (kinds/*.ts), and whether AWS allows the pair from the lint rules: the edit is analysed, and a new
 * error at the reference it writes or about the two nodes (a FIFO queue behind a bucket, a function
 * behind a FIFO topic, …) refuses it with that error's message. Pure: text in, edits out.
 */
import type { Analysis } from '../analyze';
import { applyEdits, fixEdits, render, type TextEdit } from '../features/fixes';
import { kindLabel, kindModule, slotNames, type NodeKind } from '../kinds/index';
import type { GraphNode } from '../model/graph';
import type { Problem } from '../span';
import { isObj } from '../util/value';
import { insertEntry } from './insert';
import { tidyEdits } from './tidy';

/** What a gesture does to the text: edits and a title, or why it is refused. */
export type GestureResult =
  | {
    readonly edits: readonly TextEdit[];
    /** What the edit does, for the undo label and the webview: `queue 'billing' → function 'chargeCard' (to)`. */
    readonly title: string;
    /** Problems the edit adds that do not refuse it (warnings, advice, errors elsewhere). */
    readonly problems: readonly Problem[];
  }
  | { readonly error: string };

/** A connection's answer: a gesture's, or the words the pair has (a function's `emits` entry or its failure destination, which event it emits) for the user to pick. */
export type ConnectResult = GestureResult | { readonly choose: readonly ConnectChoice[]; readonly title: string };

/** One word a connection may write, for the user to pick (`word` goes back in the gesture). */
export interface ConnectChoice {
  readonly word: string;
  readonly label: string;
}

/** Analyses a text with the same settings as the document (injected: the core does not know them). */
export type Reanalyze = (text: string) => Analysis;

/** The edits writing one connection, and the word used. */
interface Wording {
  readonly edits: readonly TextEdit[];
  readonly word: string;
}

const subject = (n: GraphNode): string => `${kindLabel(n.kind)} '${n.id}'`;

/** True when the kind's slot at `path` (a sample path under the declaration) may name `target`. */
function slotAllows(kind: NodeKind, path: string, target: NodeKind): boolean {
  return kindModule(kind).references.slots.some((slot) => {
    if (!slot.at.test(path)) return false;
    const names = slotNames(slot);
    return names === 'any' || (Array.isArray(names) && (names as readonly string[]).includes(target));
  });
}

/** The kinds a kind's slots at `paths` name, for the message of a refused pair. */
function namedKinds(kind: NodeKind, paths: readonly string[]): NodeKind[] {
  const out = new Set<NodeKind>();
  for (const slot of kindModule(kind).references.slots) {
    if (!paths.some((p) => slot.at.test(p))) continue;
    const names = slotNames(slot);
    if (Array.isArray(names)) for (const k of names as readonly NodeKind[]) out.add(k);
  }
  return [...out];
}

/** The slots a drag from a kind may fill, by kind (sample paths; the first that allows the target wins). */
const OUT_PATHS: Partial<Record<NodeKind, readonly string[]>> = {
  'function': ['emits/#/to'],
  'queue': ['to', 'deadLetter'],
  'topic': ['to/#'],
  'table': ['to/#'],
  'stream': ['to/#'],
  'event-bus': ['rules/r/to/#'],
  'http-api': ['routes/POST ~1x'],
  'websocket-api': ['routes/$default'],
  'schedule': ['to'],
  'pipe': ['to'],
  'bucket': ['notifications/#/to'],
  'firehose': ['to', 'transform'],
};

/**
 * The edits connecting `fromId` to `toId`, or why not. `reanalyze` analyses the edited text with the
 * document's settings (the refusal comes from its new errors).
 */
export function connectNodes(analysis: Analysis, fromId: string, toId: string, reanalyze: Reanalyze, word?: string): ConnectResult {
  const { graph } = analysis;
  const from = graph.nodes.get(fromId);
  const to = graph.nodes.get(toId);
  if (!from || !to) return { error: `'${from ? toId : fromId}' is not a node of this file.` };
  if (!analysis.doc.yaml) return { error: 'The file cannot be read right now: fix its YAML first.' };
  if (fromId === toId) return { error: `A node cannot be connected to itself here: write ${subject(from)}'s loop in the text if you mean it.` };
  if (from.kind === 'external' || to.kind === 'external') return { error: 'An external resource is connected in the text (it stands in for a resource of any kind).' };
  const choices = from.kind === 'function' ? functionChoices(analysis, from, to) : [];
  if (word !== undefined && choices.length > 0 && !choices.some((c) => c.word === word)) {
    return { error: `'${word}' is not a way to connect ${subject(from)} to ${subject(to)}: ${list(choices.map((c) => c.label))}.` };
  }
  if (word === undefined && choices.length > 1) return { choose: choices, title: `Connect ${subject(from)} to ${subject(to)} as` };
  const chosen = word ?? choices[0]?.word;
  const emitsEvent = chosen?.startsWith('emits:') ? chosen.slice('emits:'.length) : undefined;
  if (chosen === 'onFailure') return judge(analysis, from, to, onFailure(analysis, from, to), reanalyze);
  // A function may emit several events to one bus: one edge each.
  if (!emitsEvent && graph.edges.some((e) => e.from === fromId && e.to === toId)) return { error: `${cap(subject(from))} is already connected to ${subject(to)}.` };
  if (emitsEvent) return judge(analysis, from, to, listEntry(analysis, from, 'emits', { to: to.id, event: emitsEvent }, `emits ${emitsEvent}`), reanalyze);
  const w = wording(analysis, from, to);
  if ('error' in w) return w;
  return judge(analysis, from, to, w, reanalyze);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function wording(analysis: Analysis, from: GraphNode, to: GraphNode): Wording | { error: string } {
  // Into a pipe: the pipe's source (the edge reads `source → pipe`).
  if (to.kind === 'pipe' && slotAllows('pipe', 'source', from.kind)) {
    if (to.config.source !== undefined) return { error: `Pipe '${to.id}' already reads from '${String(to.config.source)}': a pipe has one source.` };
    return put(analysis, to, 'source', from.id, 'source');
  }
  const paths = OUT_PATHS[from.kind] ?? [];
  const path = paths.find((p) => slotAllows(from.kind, p, to.kind));
  if (!path) {
    const kinds = namedKinds(from.kind, paths);
    const what = kinds.length ? `it sends to ${list(kinds.map((k) => article(k)))}` : 'nothing is connected from it on the diagram';
    return { error: `${cap(subject(from))} cannot send to ${subject(to)}: ${what}.` };
  }
  const c = from.config;
  switch (path) {
    case 'emits/#/to': {
      const entry: Record<string, unknown> = { to: to.id };
      const event = to.kind === 'event-bus' ? eventFor(analysis, from, to) : undefined;
      if (event) entry.event = event;
      return listEntry(analysis, from, 'emits', entry, 'emits');
    }
    case 'to':
      if (c.to !== undefined) {
        const why = from.kind === 'queue' ? 'an SQS queue has one consumer; put a topic in front of it to fan out' : `${article(from.kind)} has one target`;
        return { error: `${cap(subject(from))} already sends to '${refName(c.to)}': ${why}.` };
      }
      return put(analysis, from, 'to', to.id, from.kind === 'queue' ? 'consumer (to)' : 'target (to)');
    case 'deadLetter':
      if (c.deadLetter !== undefined) return { error: `${cap(subject(from))} already has a dead-letter queue, '${refName(c.deadLetter)}'.` };
      return put(analysis, from, 'deadLetter', { queue: to.id }, 'dead-letter queue');
    case 'transform':
      if (c.transform !== undefined) return { error: `${cap(subject(from))} already has a transform function, '${refName(c.transform)}'.` };
      return put(analysis, from, 'transform', to.id, 'transform');
    case 'to/#':
      return listEntry(analysis, from, 'to', to.id, from.kind === 'topic' ? 'subscription (to)' : 'reader (to)');
    case 'notifications/#/to':
      return listEntry(analysis, from, 'notifications', { on: ['ObjectCreated'], to: to.id }, 'notification');
    case 'routes/POST ~1x': {
      const routes = isObj(c.routes) ? c.routes : {};
      let key = `POST /${to.id}`;
      for (let i = 2; Object.prototype.hasOwnProperty.call(routes, key); i++) key = `POST /${to.id}-${i}`;
      const edit = insertEntry(analysis.doc, [...from.pointer, 'routes'], key, to.id, 0);
      return edit ? { edits: [edit], word: `route ${key}` } : { error: `The routes of ${subject(from)} cannot take a new entry here: edit them in the text.` };
    }
    case 'routes/$default': {
      // The first route of a WebSocket API catches every message (`$default`); later ones are named after their function.
      const routes = isObj(c.routes) ? c.routes : {};
      let key = Object.prototype.hasOwnProperty.call(routes, '$default') ? to.id : '$default';
      for (let i = 2; Object.prototype.hasOwnProperty.call(routes, key); i++) key = `${to.id}${i}`;
      const edit = insertEntry(analysis.doc, [...from.pointer, 'routes'], key, to.id, 0);
      return edit ? { edits: [edit], word: `route ${key}` } : { error: `The routes of ${subject(from)} cannot take a new entry here: edit them in the text.` };
    }
    case 'rules/r/to/#':
      return busRule(analysis, from, to);
    default:
      return { error: `${cap(subject(from))} cannot send to ${subject(to)}.` };
  }
}

function article(kind: NodeKind): string {
  const label = kindLabel(kind);
  return (/^[aeiou]/i.test(label) ? 'an ' : 'a ') + label;
}

function list(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function refName(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isObj(v)) for (const x of Object.values(v)) if (typeof x === 'string') return x;
  return render(v);
}

/** `key: value` added to a declaration (block style). */
function put(analysis: Analysis, node: GraphNode, key: string, value: unknown, word: string): Wording | { error: string } {
  const edit = insertEntry(analysis.doc, node.pointer, key, value, 0);
  return edit ? { edits: [edit], word } : { error: `${cap(subject(node))} cannot take '${key}' here: edit it in the text.` };
}

/**
 * An item added to the list under `key` of a declaration: appended when it is a list, the list
 * created (flow style, `key: [item]`) when absent, and a single value turned into a list.
 */
function listEntry(analysis: Analysis, node: GraphNode, key: string, item: unknown, word: string): Wording | { error: string } {
  const current = node.config[key];
  const at = [...node.pointer, key];
  if (current === undefined) return put(analysis, node, key, [item], word);
  if (Array.isArray(current)) {
    const edits = fixEdits(analysis.doc, { kind: 'append-item', title: word, at, value: item });
    return edits.length ? { edits, word } : { error: `The ${key} of ${subject(node)} cannot take a new entry here: edit it in the text.` };
  }
  // One value written on its own: `to: a` → `to: [a, b]`, keeping how `a` is written.
  const edits = fixEdits(analysis.doc, { kind: 'set-value', title: word, at, value: [current, item] });
  return edits.length ? { edits, word } : { error: `The ${key} of ${subject(node)} cannot take a new entry here: edit it in the text.` };
}

/**
 * The words a function's connection may write: an `emits` entry (to a bus: one per catalog event the
 * function does not send there yet) and, for a kind AWS takes as an asynchronous invocation's
 * destination, its failure destination (`async: { onFailure: x }`).
 */
function functionChoices(analysis: Analysis, fn: GraphNode, to: GraphNode): ConnectChoice[] {
  const out: ConnectChoice[] = [];
  if (slotAllows('function', 'emits/#/to', to.kind)) {
    if (to.kind === 'event-bus' && analysis.graph.events.size > 0) {
      const sent = new Set(analysis.graph.edges.filter((e) => e.from === fn.id && e.to === to.id && e.event).map((e) => e.event!));
      const first = eventFor(analysis, fn, to);
      const events = [...analysis.graph.events.keys()].filter((e) => !sent.has(e));
      // The event the bus most likely waits for first.
      events.sort((a, b) => Number(b === first) - Number(a === first));
      for (const e of events) out.push({ word: `emits:${e}`, label: `emits ${e}` });
    } else {
      out.push({ word: 'emits', label: 'emits (sends to it)' });
    }
  }
  if (slotAllows('function', 'async/onFailure', to.kind) && !(isObj(fn.config.async) && fn.config.async.onFailure !== undefined)) {
    out.push({ word: 'onFailure', label: 'failure destination (async.onFailure)' });
  }
  return out;
}

/** A function's failure destination: `async: { onFailure: x }` (or the key added to its `async`). */
function onFailure(analysis: Analysis, fn: GraphNode, to: GraphNode): Wording | { error: string } {
  const edit = insertEntry(analysis.doc, [...fn.pointer, 'async'], 'onFailure', to.id, -1);
  return edit ? { edits: [edit], word: 'failure destination' } : { error: `${cap(subject(fn))} cannot take a failure destination here: edit it in the text.` };
}

/** The catalog events a function emits, and what is emitted to a bus. */
function emitted(analysis: Analysis): { byFunction: Map<string, Set<string>>; toBus: Map<string, string[]> } {
  const byFunction = new Map<string, Set<string>>();
  const toBus = new Map<string, string[]>();
  for (const e of analysis.graph.edges) {
    if (!e.event || e.mechanism !== 'emit') continue;
    (byFunction.get(e.from) ?? byFunction.set(e.from, new Set()).get(e.from)!).add(e.event);
    (toBus.get(e.to) ?? toBus.set(e.to, []).get(e.to)!).push(e.event);
  }
  return { byFunction, toBus };
}

/**
 * The event a function sends to a bus: the first catalog event a rule of that bus routes which
 * nothing emits yet, else the first catalog event the function does not emit yet, else none.
 */
function eventFor(analysis: Analysis, fn: GraphNode, bus: GraphNode): string | undefined {
  const { graph } = analysis;
  const { byFunction, toBus } = emitted(analysis);
  const sent = new Set(toBus.get(bus.id) ?? []);
  const routed = routedEvents(analysis, bus);
  const events = [...graph.events.keys()];
  return events.find((e) => routed.has(e) && !sent.has(e))
    ?? events.find((e) => !byFunction.get(fn.id)?.has(e) && !sent.has(e))
    ?? events.find((e) => !byFunction.get(fn.id)?.has(e));
}

/** The catalog events a bus's rules route: those their edges carry, and those their patterns name by `detail-type`. */
function routedEvents(analysis: Analysis, bus: GraphNode): Set<string> {
  const out = new Set(analysis.graph.edges.filter((e) => e.from === bus.id && e.event).map((e) => e.event!));
  const byDetailType = new Map([...analysis.graph.events.values()].map((e) => [e.detailType, e.name]));
  for (const rule of Object.values(isObj(bus.config.rules) ? bus.config.rules : {})) {
    const types = isObj(rule) && isObj(rule.pattern) ? rule.pattern['detail-type'] : undefined;
    for (const t of Array.isArray(types) ? types : []) {
      const name = typeof t === 'string' ? byDetailType.get(t) : undefined;
      if (name) out.add(name);
    }
  }
  return out;
}

/**
 * A new rule of a bus sending to `to`: named after the target, matching the first event sent to the
 * bus that no rule routes yet (else the first sent, else the first catalog event, else the bus's
 * sources), with the target in `to`.
 */
function busRule(analysis: Analysis, bus: GraphNode, to: GraphNode): Wording | { error: string } {
  const { graph } = analysis;
  const rules = isObj(bus.config.rules) ? bus.config.rules : {};
  let name = to.id.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 60);
  for (let i = 2; Object.prototype.hasOwnProperty.call(rules, name); i++) name = `${to.id.slice(0, 58)}-${i}`;
  const sent = emitted(analysis).toBus.get(bus.id) ?? [];
  const routed = routedEvents(analysis, bus);
  const eventName = sent.find((e) => !routed.has(e)) ?? sent[0] ?? [...graph.events.keys()][0];
  const event = eventName ? graph.events.get(eventName) : undefined;
  const pattern: Record<string, unknown> = event
    ? { ...(event.source ? { source: [event.source] } : {}), 'detail-type': [event.detailType] }
    : { source: [`${graph.name ?? 'app'}.events`] };
  const edit = insertEntry(analysis.doc, [...bus.pointer, 'rules'], name, { pattern, to: [to.id] }, 1);
  return edit ? { edits: [edit], word: `rule ${name}` } : { error: `The rules of ${subject(bus)} cannot take a new rule here: edit them in the text.` };
}

/** Applies the wording and refuses it when the analysis of the result has a new error about the pair. */
function judge(analysis: Analysis, from: GraphNode, to: GraphNode, w: Wording | { error: string }, reanalyze: Reanalyze): GestureResult {
  if ('error' in w) return w;
  const text = applyEdits(analysis.doc.text, w.edits);
  const after = reanalyze(text);
  const before = new Set(analysis.problems.map(problemKey));
  const added = after.problems.filter((p) => !before.has(problemKey(p)));
  const written = writtenRanges(w.edits);
  const refusing = added.find((p) => p.severity === 'error'
    && ((p.nodes?.includes(from.id) && p.nodes.includes(to.id)) || written.some((r) => p.span.start < r.end && r.start < p.span.end)));
  if (refusing) return { error: refusing.message };
  if (!after.graph.edges.some((e) => e.from === from.id && e.to === to.id)) {
    return { error: `${cap(subject(from))} could not be connected to ${subject(to)} here: edit the text.` };
  }
  return { edits: tidyEdits(analysis.doc.text, w.edits), title: `${subject(from)} → ${subject(to)} (${w.word})`, problems: added };
}

const problemKey = (p: Problem): string => `${p.code}\u0000${p.message}`;

/** Where the edits' new text lies in the edited text. */
export function writtenRanges(edits: readonly TextEdit[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  return sorted.map((e) => {
    const start = e.start + shift;
    shift += e.newText.length - (e.end - e.start);
    return { start, end: start + e.newText.length };
  });
}
