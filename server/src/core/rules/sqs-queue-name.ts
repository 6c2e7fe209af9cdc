// Rule: sqs/queue-name
// A FIFO queue's name ends in `.fifo`, a standard queue's does not; names use letters, digits, `-`, `_`.
import { checkFifoNames, isFifo, n, nodesOfKind } from './helpers';
import type { Rule } from './rule';

/** The name a generated FIFO queue gets: `<stack>-<name without .fifo, other characters as '-'><suffix>.fifo`. */
function physicalFifoName(stack: string, id: string, suffix = ''): string {
  return `${stack}-${id.replace(/\.fifo$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}${suffix}.fifo`;
}

export const sqsQueueName: Rule = {
  code: 'sqs/queue-name',
  severity: 'error',
  description: "A FIFO queue's name ends in `.fifo` and a standard queue's does not; the rest uses only letters, digits, `-` and `_`; and a FIFO queue's deployed name (`<stack>-<name>.fifo`) fits in 80 characters.",
  why: 'SQS rejects a FIFO queue whose name lacks the `.fifo` suffix and a standard queue whose name has it (or any other `.`), so the stack fails to create the queue. A FIFO queue is created under the name `<stack>-<name>.fifo` (FIFO queues need an explicit name), and SQS names are at most 80 characters, the suffix included.',
  source: { title: 'Amazon SQS FIFO queue quotas', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-fifo.html' },
  fix: 'For a FIFO queue without `.fifo`: renames it everywhere (`orders` → `orders.fifo`). For a standard queue named `….fifo`: adds `fifo: true`.',
  check({ graph, limits }, report) {
    checkFifoNames(graph, report, 'queue', 'SQS');
    const stack = graph.name;
    if (stack === undefined) return;
    for (const queue of nodesOfKind(graph, 'queue')) {
      if (!isFifo(queue)) continue;
      const dl = queue.settings.deadLetter;
      // The queue's own name, and the dead-letter queue Archflow creates for `deadLetter` without a queue.
      const names: [string, string][] = [[physicalFifoName(stack, queue.id), 'its deployed name']];
      if (dl && dl.queue === undefined) names.push([physicalFifoName(stack, queue.id, '-dlq'), 'the name of the dead-letter queue Archflow creates for it']);
      for (const [name, what] of names) {
        if (name.length <= limits.sqsNameLength) continue;
        report({
          at: queue.pointer, target: 'key', nodes: [queue.id],
          message: `FIFO queue '${queue.id}' is created as '${name}' (${what}, with the stack named after the architecture): ${n(name.length)} characters, but SQS allows ${n(limits.sqsNameLength)}. Shorten the queue's name or the architecture's \`name\`.`,
        });
        break;
      }
    }
  },
};
