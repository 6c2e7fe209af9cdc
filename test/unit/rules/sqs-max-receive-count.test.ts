import { testRule } from '../../helpers/rule-cases';

testRule('sqs/max-receive-count', [
  {
    name: '5 or more, or the default, is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, deadLetter: { queue: dlq, maxReceiveCount: 5 }, to: w }
  b: { type: queue, deadLetter: { queue: dlq }, to: w }
  c: { type: queue, deadLetter: { queue: dlq, maxReceiveCount: 1 } }
  dlq: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'fewer than 5 with a Lambda consumer',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    deadLetter: { queue: dlq, maxReceiveCount: 1 }
#                                              ^ warning: Queue 'jobs' moves a message to its dead-letter queue after 1 receive; with a Lambda consumer use at least 5, so throttled and briefly failing batches get retried.
    to: w
  dlq: { type: queue }
consumers:
  w: {}`,
  },
]);
