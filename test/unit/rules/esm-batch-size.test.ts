import { testRule } from '../../helpers/rule-cases';

testRule('esm/batch-size', [
  {
    name: '1–10,000 is fine',
    yaml: `
archflow: 1
name: t
routers:
  q: { type: queue, to: { function: w, batchSize: 1 } }
  s: { type: stream, to: { function: w, batchSize: 10000, batchWindow: 1, startingPosition: LATEST } }
consumers:
  w: {}`,
  },
  {
    name: 'above 10,000 on a queue',
    yaml: `
archflow: 1
name: t
routers:
  q: { type: queue, to: { function: w, batchSize: 20000, batchWindow: 1 } }
#                                                 ^^^^^ error: The batch size of 'w' on queue 'q' is 20,000; Lambda allows 1–10,000.
#   fix: Set batchSize to 10,000
#   + q: { type: queue, to: { function: w, batchSize: 10000, batchWindow: 1 } }
consumers:
  w: {}`,
  },
  {
    name: 'zero on a table stream',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: [{ function: w, batchSize: 0, startingPosition: LATEST }]
#                                  ^ error: The batch size of 'w' on the stream of table 'orders' is 0; Lambda allows 1–10,000.
#   fix: Set batchSize to 1
#   + to: [{ function: w, batchSize: 1, startingPosition: LATEST }]
consumers:
  w: {}`,
  },
  {
    name: 'zero on a FIFO queue',
    yaml: `
archflow: 1
name: t
routers:
  q.fifo: { type: queue, fifo: true, to: { function: w, batchSize: 0 } }
#                                                                  ^ error: The batch size of 'w' on queue 'q.fifo' is 0; Lambda allows 1–10,000.
#   fix: Set batchSize to 1
#   + q.fifo: { type: queue, fifo: true, to: { function: w, batchSize: 1 } }
consumers:
  w: {}`,
  },
  {
    name: 'above 10,000 on an Amazon MQ queue',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p', to: { function: w, batchSize: 10001 } }
#                                                                                                                                                                                                  ^^^^^ error: The batch size of 'w' on Amazon MQ queue 'payments' is 10,001; Lambda allows 1–10,000.
#   fix: Set batchSize to 10,000
#   + payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p', to: { function: w, batchSize: 10000 } }
consumers:
  w: {}`,
  },
  {
    name: 'above 10,000 on a FIFO queue is left to sqs/fifo-batch (its maximum is 10)',
    yaml: `
archflow: 1
name: t
routers:
  q.fifo: { type: queue, fifo: true, to: { function: w, batchSize: 20000 } }
consumers:
  w: {}`,
  },
]);
