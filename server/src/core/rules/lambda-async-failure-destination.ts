// Rule: lambda/async-failure-destination
// A function invoked asynchronously (by S3, SNS, an EventBridge rule or a schedule) has a failure
// destination (`async.onFailure`) for the events it gives up on.
import type { GraphEdge } from '../model/graph';
import { failureQueueFix, nameList } from './helpers';
import type { Rule } from './rule';

/** The mechanisms through which a source invokes a function asynchronously. */
const ASYNC_INVOKES = new Set<GraphEdge['mechanism']>(['notification', 'subscription', 'rule', 'schedule']);

export const lambdaAsyncFailureDestination: Rule = {
  code: 'lambda/async-failure-destination',
  severity: 'info',
  description: 'A function that S3, SNS, an EventBridge rule or a schedule invokes asynchronously has `async.onFailure`, where the events it fails on go.',
  why: 'Lambda retries a failing asynchronous invocation twice (by default) and keeps an event up to 6 hours; then it drops the event without a trace, unless the function has an on-failure destination. The dead-letter queue of an SNS subscription or an EventBridge target only catches events that could not be delivered to Lambda at all, not events the function failed on.',
  source: { title: 'Capturing records of Lambda asynchronous invocations (destinations)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html' },
  fix: 'Sets `async.onFailure` to a standard queue `<function>-failures`, declared with a 14-day retention if it does not exist.',
  check({ graph, limits }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function') continue;
      const a = node.settings.async;
      if (a?.hasOnFailure) continue;
      const sources = [...new Set((graph.incoming.get(node.id) ?? []).filter((e) => ASYNC_INVOKES.has(e.mechanism)).map((e) => e.from))];
      if (sources.length === 0) continue;
      report({
        at: a ? node.pointer.concat('async') : node.pointer, ...(a ? {} : { target: 'key' as const }), nodes: [node.id, ...sources],
        message: `Function '${node.id}' is invoked asynchronously by ${nameList(sources)} but has no \`async.onFailure\`: an event it still fails on after Lambda's retries is dropped without a trace.`,
        fix: failureQueueFix(graph, node.pointer.concat('async', 'onFailure'), `${node.id}-failures`, (q) => `Send failed events to queue '${q}'`, limits.sqsRetentionMax),
      });
    }
  },
};
