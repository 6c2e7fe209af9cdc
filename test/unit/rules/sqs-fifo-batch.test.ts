import { testRule } from '../../helpers/rule-cases';

testRule('sqs/fifo-batch', [
  {
    name: 'up to 10 without a window is fine; standard queues are not concerned',
    yaml: `
archflow: 1
name: t
routers:
  a.fifo: { type: queue, fifo: true, to: { function: w, batchSize: 10 } }
  b: { type: queue, to: { function: w, batchSize: 100, batchWindow: 1 } }
consumers:
  w: {}`,
  },
  {
    name: 'a batching window of 0 is no window',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true, to: { function: w, batchWindow: 0 } }
consumers:
  w: {}`,
  },
  {
    name: 'a batch above 10',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
    type: queue
    fifo: true
    to: { function: w, batchSize: 20 }
#                                 ^^ error: The batch size 20 of 'w' on FIFO queue 'orders.fifo' is above 10, the most Lambda reads from a FIFO queue at once.
#   fix: Set batchSize to 10
#   + to: { function: w, batchSize: 10 }
consumers:
  w: {}`,
  },
  {
    name: 'a batching window',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
    type: queue
    fifo: true
    to:
      function: w
      batchWindow: 5s
#                  ^^ error: The batching window 5 s of 'w' on FIFO queue 'orders.fifo' is not supported: Lambda has no batching window for FIFO queues.
#   fix: Remove batchWindow
#   - batchWindow: 5s
consumers:
  w: {}`,
  },
]);
