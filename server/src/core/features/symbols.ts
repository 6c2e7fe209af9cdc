import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml';
import type { Analysis } from '../analyze';
import { kindLabel, kindModule, type NodeKind } from '../kinds/index';
import type { Span } from '../span';
import { declaredKind } from './slots';
import { nodeSpan, pairSpan } from './tree';

/** What a symbol is, for the editor's icon: a section, a kind of node, an event, a rule or a route. */
export type SymbolKindName = 'section' | NodeKind | 'event' | 'rule' | 'route';

/** An entry of the outline. */
export interface DocSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKindName;
  /** The whole declaration. */
  readonly span: Span;
  /** The name. */
  readonly selectionSpan: Span;
  readonly children: readonly DocSymbol[];
}

const GROUPS: readonly [string, string][] = [['producers', 'Producers'], ['routers', 'Routers'], ['consumers', 'Consumers'], ['events', 'Events']];

/**
 * The outline: groups for producers, routers, consumers and events, each declaration under its
 * group (with its type), an event bus's rules and an HTTP API's routes under it.
 * `isCancelled` is polled between groups and entries.
 */
export function documentSymbols(analysis: Analysis, isCancelled: () => boolean = () => false): DocSymbol[] {
  const doc = analysis.doc.yaml;
  const text = analysis.doc.text;
  if (!doc || !isMap(doc.contents)) return [];
  const out: DocSymbol[] = [];
  for (const [section, label] of GROUPS) {
    const pair = doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === section);
    if (!pair) continue;
    const span = pairSpan(text, pair);
    const selectionSpan = nodeSpan(pair.key);
    if (!span || !selectionSpan) continue;
    const children: DocSymbol[] = [];
    const map = pair.value as Node | null;
    if (isMap(map)) {
      for (const entry of map.items) {
        if (isCancelled()) return [];
        const s = entrySymbol(text, section, entry);
        if (s) children.push(s);
      }
    }
    out.push({ name: label, kind: 'section', span, selectionSpan, children, detail: `${children.length}` });
  }
  return out;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function entrySymbol(text: string, section: string, pair: Pair): DocSymbol | undefined {
  const name = keyName(pair);
  const span = pairSpan(text, pair);
  const selectionSpan = nodeSpan(pair.key);
  if (name === undefined || !span || !selectionSpan) return undefined;
  const value = pair.value as Node | null;
  if (section === 'events') {
    const source = isMap(value) ? value.get('source') : undefined;
    return { name, kind: 'event', span, selectionSpan, children: [], ...(typeof source === 'string' ? { detail: source } : {}) };
  }
  const type = isMap(value) ? value.get('type') : undefined;
  const kind = declaredKind(section, type === undefined ? {} : { type }) ?? 'external';
  const children: DocSymbol[] = [];
  const sub = (key: string, childKind: 'rule' | 'route'): void => {
    const m = isMap(value) ? value.get(key, true) : undefined;
    if (!isMap(m)) return;
    for (const p of m.items) {
      const n = keyName(p);
      const s = pairSpan(text, p);
      const sel = nodeSpan(p.key);
      if (n !== undefined && s && sel) children.push({ name: n, kind: childKind, span: s, selectionSpan: sel, children: [] });
    }
  };
  const outline = kindModule(kind).editor.outline;
  if (outline) sub(outline.key, outline.kind);
  return { name, detail: kindLabel(kind), kind, span, selectionSpan, children };
}
