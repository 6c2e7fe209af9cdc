// Rule: sqs/max-concurrency-reserved
// A queue consumer's `maxConcurrency` is not above the function's reserved concurrency.
import { mappings, n, numberOption } from './helpers';
import type { Rule } from './rule';

export const sqsMaxConcurrencyReserved: Rule = {
  code: 'sqs/max-concurrency-reserved',
  severity: 'warning',
  description: "A queue consumer's `maxConcurrency` is at most the function's `reservedConcurrency`.",
  why: "Maximum concurrency caps how many batches the event source mapping sends at once; reserved concurrency caps the function. Event source mappings do not account for reserved concurrency: above it, the pollers keep receiving batches the function cannot run, the throttled messages return to the queue after the visibility timeout, and every return counts as a receive toward the dead-letter queue.",
  source: { title: 'Configuring scaling behavior for SQS event source mappings (maximum concurrency)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html' },
  fix: "Sets `maxConcurrency` to the function's reserved concurrency (when that is at least 2, the smallest maximum concurrency Lambda accepts).",
  check({ graph, limits }, report) {
    for (const edge of mappings(graph, 'queue-mapping')) {
      const max = numberOption(edge.options, 'maxConcurrency');
      const fn = graph.nodes.get(edge.to);
      const reserved = fn?.kind === 'function' ? fn.settings.reservedConcurrency : undefined;
      // 0 is lambda/zero-concurrency's; out-of-range values are sqs/max-concurrency's and lambda/reserved-concurrency's.
      if (max === undefined || reserved === undefined || reserved <= 0 || max <= reserved) continue;
      if (max < limits.sqsMaxConcurrencyMin || max > limits.sqsMaxConcurrencyMax) continue;
      const at = edge.optionsAt.concat('maxConcurrency');
      report({
        at, nodes: [edge.from, edge.to],
        message: `Queue '${edge.from}' may invoke '${edge.to}' ${n(max)} times at once (maxConcurrency), but the function's reserved concurrency is ${n(reserved)}: the extra batches are throttled, go back to the queue and count as receives toward its dead-letter queue. Keep maxConcurrency at most ${n(reserved)}.`,
        ...(reserved >= limits.sqsMaxConcurrencyMin ? { fix: { kind: 'set-value', title: `Set maxConcurrency to ${n(reserved)}`, at, value: reserved } } : {}),
      });
    }
  },
};
