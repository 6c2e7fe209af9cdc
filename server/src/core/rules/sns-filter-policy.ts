// Rule: sns/filter-policy
// A subscription filter policy has at most 5 keys and 150 value combinations.
import { isObj, n } from './helpers';
import type { Rule } from './rule';

/** Keys (attribute names or body paths) to the number of values each matches, for one `$or` branch. */
type Alternative = Map<string, number>;

/** Stops expanding `$or` beyond this many alternatives (the policy is far over the limit by then). */
const MAX_ALTERNATIVES = 10000;

/** Expands a filter policy into its `$or` alternatives. */
function expand(policy: Readonly<Record<string, unknown>>, prefix: string): Alternative[] {
  let alternatives: Alternative[] = [new Map()];
  const cross = (branches: Alternative[]): void => {
    const next: Alternative[] = [];
    for (const a of alternatives) {
      for (const b of branches) {
        if (next.length >= MAX_ALTERNATIVES) break;
        next.push(new Map([...a, ...b]));
      }
    }
    alternatives = next;
  };
  for (const [key, value] of Object.entries(policy)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === '$or' && Array.isArray(value)) {
      cross(value.filter(isObj).flatMap((branch) => expand(branch, prefix)));
    } else if (Array.isArray(value)) {
      for (const a of alternatives) a.set(path, value.length);
    } else if (isObj(value)) {
      cross(expand(value, path));
    } else {
      for (const a of alternatives) a.set(path, 1);
    }
  }
  return alternatives;
}

/** Keys and value combinations of a filter policy, as SNS counts them. */
export function filterPolicyComplexity(policy: Readonly<Record<string, unknown>>): { keys: number; combinations: number; factors: number[] } {
  const alternatives = expand(policy, '');
  let keys = 0;
  let combinations = 0;
  let factors: number[] = [];
  for (const a of alternatives) {
    keys = Math.max(keys, a.size);
    const counts = [...a.values()];
    combinations += counts.reduce((p, c) => p * c, 1);
    if (alternatives.length === 1) factors = counts;
  }
  return { keys, combinations, factors };
}

export const snsFilterPolicy: Rule = {
  code: 'sns/filter-policy',
  severity: 'error',
  description: 'A subscription `filter` has at most 5 keys and at most 150 value combinations (the product of the number of values of each key, summed over `$or` branches).',
  why: 'SNS rejects a filter policy with more than five keys or more than 150 combinations, so the subscription fails to create.',
  source: { title: 'Amazon SNS filter policy constraints', url: 'https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html' },
  check({ graph, limits }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription' || !isObj(edge.options.filter)) continue;
      const { keys, combinations, factors } = filterPolicyComplexity(edge.options.filter);
      const at = edge.optionsAt.concat('filter');
      const subject = `The filter policy of '${edge.to}' on topic '${edge.from}'`;
      if (keys > limits.snsFilterKeys) {
        report({ at, nodes: [edge.from, edge.to], message: `${subject} has ${n(keys)} keys; SNS allows ${n(limits.snsFilterKeys)}.` });
      } else if (combinations > limits.snsFilterCombinations) {
        const product = factors.length > 1 ? ` (${factors.join(' × ')})` : '';
        report({ at, nodes: [edge.from, edge.to], message: `${subject} has ${n(combinations)} value combinations${product}; SNS allows ${n(limits.snsFilterCombinations)}.` });
      }
    }
  },
};
