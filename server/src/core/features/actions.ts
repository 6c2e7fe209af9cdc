import type { Analysis } from '../analyze';
import type { GraphEdge } from '../model/graph';
import { isDefaultKind, isNodeKind, kindLabel, kindModule, sectionOfKind, type NodeKind } from '../kinds/index';
import { pathAt } from '../parse/locate';
import { DEFAULT_LIMITS, type Limits } from '../facts/limits';
import { isFifo } from '../analysis/fifo';
import { durationText } from '../util/duration';
import type { DeclareNodeFix, Fix } from '../fix';
import type { Pointer, Span } from '../span';
import { fixEdits, type TextEdit } from './fixes';

/** A code action: a quick fix of a problem, or a refactoring at the cursor. */
export interface CodeActionEntry {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly edits: readonly TextEdit[];
  /** The fix descriptor it applies. */
  readonly fix: Fix;
  readonly preferred?: boolean;
}

/** A problem's fix as it comes back from the editor (`Diagnostic.data`). */
export interface FixRequest {
  readonly fix: Fix;
  readonly pointer: Pointer;
}

/**
 * The quick fixes of problems: each fix descriptor turned into minimal edits. An unknown name's
 * `declare-node` fix becomes one action per kind it may be ("Declare missing consumer `x`",
 * "Declare missing queue `x`"). Fixes that no longer apply to the text are dropped.
 */
export function quickFixes(analysis: Analysis, requests: readonly FixRequest[]): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  for (const { fix, pointer } of requests) {
    const variants: Fix[] = fix.kind === 'declare-node' ? declareVariants(fix) : [fix];
    for (const f of variants) {
      const edits = fixEdits(analysis.doc, f, pointer);
      if (edits.length) out.push({ title: f.title, kind: 'quickfix', edits, fix: f, preferred: variants.length === 1 });
    }
  }
  return out;
}

function declareVariants(fix: DeclareNodeFix): Fix[] {
  const name = fix.name;
  const kinds = fix.kinds.filter((k): k is NodeKind => isNodeKind(k) && !kindModule(k).standsIn);
  // A section's default kind (a function) first, offered as "consumer".
  const ordered = [...kinds.filter(isDefaultKind), ...kinds.filter((k) => !isDefaultKind(k))];
  return ordered.map((as) => ({
    ...fix, as,
    title: isDefaultKind(as) ? `Declare missing ${sectionOfKind(as).replace(/s$/, '')} \`${name}\`` : `Declare missing ${kindLabel(as)} \`${name}\``,
  }));
}

/** Options of the refactorings. */
export interface RefactorOptions {
  readonly limits?: Partial<Limits>;
}

/**
 * Refactorings at the cursor:
 * - "Add a dead-letter queue" on a queue that has none;
 * - "Put a queue between this producer and its consumer" on a direct edge to a function (a bucket
 *   notification, a schedule, a topic subscription or an event-bus rule target).
 */
export function refactorings(analysis: Analysis, span: Span, options: RefactorOptions = {}): CodeActionEntry[] {
  const doc = analysis.doc.yaml;
  if (!doc) return [];
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { graph } = analysis;
  const at = pathAt(doc, span.start).pointer;
  const out: CodeActionEntry[] = [];
  const taken = (name: string): boolean => graph.nodes.has(name) || graph.events.has(name);
  const unique = (base: string, suffix: string, fifo: boolean): string => {
    let name = `${base}${suffix}${fifo ? '.fifo' : ''}`;
    for (let i = 2; taken(name); i++) name = `${base}${suffix}${i}${fifo ? '.fifo' : ''}`;
    return name;
  };

  // Add a dead-letter queue.
  if (at[0] === 'routers' && typeof at[1] === 'string') {
    const queue = graph.nodes.get(at[1]);
    if (queue?.kind === 'queue' && !queue.settings.deadLetter) {
      const fifo = isFifo(queue);
      const base = queue.id.endsWith('.fifo') ? queue.id.slice(0, -'.fifo'.length) : queue.id;
      const name = unique(base, '-dlq', fifo);
      const fix: Fix = {
        kind: 'add-dead-letter-queue', title: `Add a dead-letter queue ('${name}')`, queue: queue.pointer, name, fifo,
        retention: durationText(limits.sqsRetentionMax), maxReceiveCount: limits.sqsMinReceiveCount,
      };
      const edits = fixEdits(analysis.doc, fix);
      if (edits.length) out.push({ title: fix.title, kind: 'refactor.rewrite', edits, fix });
    }
  }

  // Put a queue between a source and the function it invokes directly.
  for (const edge of edgesAt(analysis, at)) {
    const source = graph.nodes.get(edge.from)!;
    const fn = graph.nodes.get(edge.to)!;
    const fifo = source.kind === 'topic' && isFifo(source);
    const base = fn.id.endsWith('.fifo') ? fn.id.slice(0, -'.fifo'.length) : fn.id;
    const name = unique(base, '-queue', fifo);
    const timeout = fn.fn?.timeout.value ?? 3;
    const visibility = limits.sqsVisibilityFactor * timeout;
    const fix: Fix = {
      kind: 'insert-queue', title: `Put a queue between ${kindLabel(source.kind)} '${source.id}' and its consumer '${fn.id}'`,
      at: edge.pointer, name, target: fn.id, fifo, ...(visibility > 30 ? { visibilityTimeout: visibility } : {}),
    };
    const edits = fixEdits(analysis.doc, fix);
    if (edits.length) out.push({ title: fix.title, kind: 'refactor.rewrite', edits, fix });
  }
  return out;
}

const DIRECT: ReadonlySet<GraphEdge['mechanism']> = new Set(['notification', 'schedule', 'subscription', 'rule']);

/** Direct trigger edges to a function whose reference (or its options) contains the cursor's pointer. */
function edgesAt(analysis: Analysis, at: Pointer): GraphEdge[] {
  const { graph } = analysis;
  if (at.length < 3) return [];
  const out: GraphEdge[] = [];
  for (const e of graph.outgoing.get(String(at[1])) ?? []) {
    if (e.kind !== 'trigger' || !DIRECT.has(e.mechanism) || graph.nodes.get(e.to)?.kind !== 'function') continue;
    const prefix = e.optionsAt.length <= e.pointer.length ? e.optionsAt : e.pointer;
    if (prefix.length <= at.length && prefix.every((s, i) => String(s) === String(at[i]))) out.push(e);
  }
  return out;
}
