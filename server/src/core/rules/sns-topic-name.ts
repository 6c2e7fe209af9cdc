// Rule: sns/topic-name
// A FIFO topic's name ends in `.fifo`, a standard topic's does not; names use letters, digits, `-`, `_`.
import { checkFifoNames } from './helpers';
import type { Rule } from './rule';

export const snsTopicName: Rule = {
  code: 'sns/topic-name',
  severity: 'error',
  description: "A FIFO topic's name ends in `.fifo` and a standard topic's does not; the rest uses only letters, digits, `-` and `_`.",
  why: 'SNS rejects a FIFO topic whose name lacks the `.fifo` suffix and a standard topic whose name has it (or any other `.`), so the stack fails to create the topic.',
  source: { title: 'CreateTopic (SNS API reference)', url: 'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html' },
  fix: 'For a FIFO topic without `.fifo`: renames it everywhere (`orders` → `orders.fifo`). For a standard topic named `….fifo`: adds `fifo: true`.',
  check({ graph }, report) {
    checkFifoNames(graph, report, 'topic', 'SNS');
  },
};
