// Rule: pipes/filter
// A pipe's filter patterns are ones EventBridge Pipes accepts: valid event patterns, without the
// `anything-but` forms Pipes does not support.
import { validatePattern } from '../eventbridge/pattern';
import { patternCache } from '../analysis/bus-matching';
import type { Pointer } from '../span';
import { isObj } from '../util/value';
import type { Rule } from './rule';
import { nodesOfKind } from './helpers';

/** The `anything-but` operands EventBridge Pipes does not support (event buses do). */
const NOT_IN_PIPES = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];

/** Every `{ anything-but: { prefix | suffix | equals-ignore-case | wildcard: … } }` under a pattern. */
function unsupported(v: unknown, at: Pointer, out: { at: Pointer; op: string }[], depth = 0): void {
  if (depth > 32) return;
  if (Array.isArray(v)) v.forEach((x, i) => unsupported(x, at.concat(i), out, depth + 1));
  else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'anything-but' && isObj(x)) {
        for (const op of Object.keys(x)) if (NOT_IN_PIPES.includes(op)) out.push({ at: at.concat(k, op), op });
      } else unsupported(x, at.concat(k), out, depth + 1);
    }
  }
}

const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

export const pipesFilter: Rule = {
  code: 'pipes/filter',
  severity: 'error',
  description: "A pipe's filter is a valid event pattern that EventBridge Pipes supports (no `anything-but` with `prefix`, `suffix`, `equals-ignore-case` or `wildcard`).",
  why: 'CreatePipe rejects an invalid filter pattern, so the stack fails to deploy. Pipes support fewer operators than event buses: a pattern copied from a bus rule may not be accepted.',
  source: { title: 'Comparison operators for use in event patterns in Amazon EventBridge (Pipe support)', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html' },
  check({ graph }, report) {
    for (const node of nodesOfKind(graph, 'pipe')) {
      node.settings.filters.forEach((pattern, i) => {
        const at = node.settings.filterAt[i]!;
        for (const error of validatePattern(pattern, { maxChars: Number.POSITIVE_INFINITY }, patternCache(graph))) {
          report({ at: at.concat(error.at), nodes: [node.id], message: `EventBridge Pipes rejects the filter of pipe '${node.id}': ${sentence(error.reason)}` });
        }
        const found: { at: Pointer; op: string }[] = [];
        unsupported(pattern, [], found);
        for (const f of found) {
          report({ at: at.concat(f.at), target: 'key', nodes: [node.id], message: `Pipe '${node.id}': EventBridge Pipes do not support \`anything-but\` with \`${f.op}\` (event buses do).` });
        }
      });
    }
  },
};
