// Rule: sqs/visibility-timeout
// A queue's visibility timeout must cover its consumer's timeout (AWS rejects the event source
// mapping otherwise) and should be at least 6 × timeout + batching window (AWS recommendation).
import { toSeconds } from '../util/duration';
import type { Fix } from '../fix';
import type { Rule } from './rule';

export const sqsVisibilityTimeout: Rule = {
  code: 'sqs/visibility-timeout',
  severity: 'warning',
  description: "A queue's visibility timeout is at least its consumer's timeout (error) and at least 6 × timeout + batching window (warning).",
  why: 'Lambda refuses to create the event source mapping when the function timeout exceeds the visibility timeout. Below 6 × the timeout, messages become visible again while a retried batch is still running and are processed twice.',
  source: { title: 'Configuring an Amazon SQS queue to trigger a Lambda function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html' },
  fix: 'Sets `visibilityTimeout` to 6 × the timeout + batching window.',
  check({ graph, limits }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'queue-mapping') continue;
      const queue = graph.nodes.get(edge.from);
      const fn = graph.nodes.get(edge.to)?.fn;
      if (!queue || !fn) continue;
      const written = queue.config.visibilityTimeout;
      const visibility = written === undefined ? 30 : toSeconds(written);
      if (visibility === undefined) continue;
      const timeout = fn.timeout.value;
      const window = toSeconds(edge.options.batchWindow) ?? 0;
      const recommended = limits.sqsVisibilityFactor * timeout + window;
      const at = written === undefined ? queue.pointer : queue.pointer.concat('visibilityTimeout');
      const target = written === undefined ? 'key' : 'value';
      const shown = written === undefined ? `visibility timeout ${visibility} s (the default)` : `visibility timeout ${visibility} s`;
      const fix: Fix = { kind: 'set-value', title: `Set visibilityTimeout to ${recommended}`, at: queue.pointer.concat('visibilityTimeout'), value: recommended };
      if (visibility < timeout) {
        report({
          at, target, severity: 'error', fix, nodes: [queue.id, edge.to],
          message: `The ${shown} of queue '${queue.id}' is below the timeout of its consumer '${edge.to}' (${timeout} s): Lambda rejects the event source mapping. Use at least ${recommended} s (${limits.sqsVisibilityFactor} × ${timeout} s${window ? ` + ${window} s batching window` : ''}).`,
        });
      } else if (visibility < recommended) {
        report({
          at, target, fix, nodes: [queue.id, edge.to],
          message: `The ${shown} of queue '${queue.id}' is below ${limits.sqsVisibilityFactor} × the timeout of its consumer '${edge.to}' (${limits.sqsVisibilityFactor} × ${timeout} s${window ? ` + ${window} s batching window` : ''} = ${recommended} s): retried batches can be processed twice.`,
        });
      }
    }
  },
};
