// Rule: lambda/zero-concurrency
// A function that something triggers or invokes does not reserve a concurrency of 0 (which throttles it
// completely): a trigger, another function's direct invoke, an asynchronous invocation's destination.
import { n, nameList } from './helpers';
import type { Rule } from './rule';

export const lambdaZeroConcurrency: Rule = {
  code: 'lambda/zero-concurrency',
  severity: 'warning',
  description: 'A function that a producer or router triggers, or that another function invokes (directly or as its destination), does not have `reservedConcurrency: 0`.',
  why: 'A reserved concurrency of 0 throttles every invocation: synchronous callers get errors, asynchronous events are retried for up to 6 hours and then dropped (or sent to the failure destination), and queue and stream records pile up until they expire. It is an emergency stop, not a setting to deploy with triggers attached.',
  source: { title: 'Configuring reserved concurrency for a function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html' },
  fix: 'Removes `reservedConcurrency`.',
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function' || node.settings.reservedConcurrency !== 0) continue;
      // Every edge into a function invokes it: a trigger, a direct invoke (`emits`), a destination.
      const triggers = [...new Set((graph.incoming.get(node.id) ?? []).map((e) => e.from))];
      if (triggers.length === 0) continue;
      const at = node.pointer.concat('reservedConcurrency');
      report({
        at, nodes: [node.id, ...triggers],
        message: `Function '${node.id}' reserves a concurrency of ${n(0)}, so Lambda throttles every invocation, yet ${nameList(triggers)} ${triggers.length === 1 ? 'triggers' : 'trigger'} it: their events fail or wait until they expire.`,
        fix: { kind: 'remove-property', title: 'Remove reservedConcurrency', at },
      });
    }
  },
};
