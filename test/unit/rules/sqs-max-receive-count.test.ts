import { testRule } from '../../helpers/rule-cases';

testRule('sqs/max-receive-count', [
  {
    name: '5 or more with a consumer, the default, a bare name, and 1 without a consumer are fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, deadLetter: { queue: dlq, maxReceiveCount: 5 }, to: w }
  b: { type: queue, deadLetter: { queue: dlq }, to: w }
  c: { type: queue, deadLetter: { queue: dlq, maxReceiveCount: 1 } }
  d: { type: queue, deadLetter: dlq, to: w }
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
    deadLetter: { queue: dlq, maxReceiveCount: 4 }
#                                              ^ warning: Queue 'jobs' moves a message to its dead-letter queue after 4 receives; with a Lambda consumer use at least 5, so throttled and briefly failing batches get retried.
#   fix: Set maxReceiveCount to 5
#   + deadLetter: { queue: dlq, maxReceiveCount: 5 }
    to: w
  one:
    type: queue
    deadLetter: { queue: dlq, maxReceiveCount: 1 }
#                                              ^ warning: Queue 'one' moves a message to its dead-letter queue after 1 receive; with a Lambda consumer use at least 5, so throttled and briefly failing batches get retried.
#   fix: Set maxReceiveCount to 5
#   + deadLetter: { queue: dlq, maxReceiveCount: 5 }
    to: w
  dlq: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'below 1 is an error, with or without a consumer',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    deadLetter: { queue: dlq, maxReceiveCount: 0 }
#                                              ^ error: Queue 'jobs' has a \`maxReceiveCount\` of 0; SQS accepts 1 or more (the receives before a message moves to the dead-letter queue).
#   fix: Set maxReceiveCount to 5
#   + deadLetter: { queue: dlq, maxReceiveCount: 5 }
    to: w
  idle:
    type: queue
    deadLetter: { queue: dlq, maxReceiveCount: -3 }
#                                              ^^ error: Queue 'idle' has a \`maxReceiveCount\` of -3; SQS accepts 1 or more (the receives before a message moves to the dead-letter queue).
#   fix: Set maxReceiveCount to 1
#   + deadLetter: { queue: dlq, maxReceiveCount: 1 }
  dlq: { type: queue }
consumers:
  w: {}`,
  },
]);
