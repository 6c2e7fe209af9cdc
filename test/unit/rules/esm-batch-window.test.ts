import { testRule } from '../../helpers/rule-cases';

testRule('esm/batch-window', [
  {
    name: 'small batches without a window and large batches with one are fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, to: { function: w, batchSize: 10 } }
  b: { type: queue, to: { function: w, batchSize: 100, batchWindow: 1 } }
  c: { type: stream, to: { function: w, batchWindow: 5m, startingPosition: LATEST } }
consumers:
  w: {}`,
  },
  {
    name: 'a large batch on a queue without a window is an error',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to: { function: w, batchSize: 100 }
#                                 ^^^ error: The batch size 100 of 'w' on queue 'jobs' is above 10: Lambda then requires a batching window of at least 1 s, and none is set.
#   fix: Set batchWindow to 1
#   + to: { function: w, batchSize: 100, batchWindow: 1 }
consumers:
  w: {}`,
  },
  {
    name: 'a window under 1 s',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to: { function: w, batchSize: 100, batchWindow: 500ms }
#                                                   ^^^^^ error: The batch size 100 of 'w' on queue 'jobs' is above 10: Lambda then requires a batching window of at least 1 s, not 0.5 s.
#   fix: Set batchWindow to 1
#   + to: { function: w, batchSize: 100, batchWindow: 1 }
consumers:
  w: {}`,
  },
  {
    name: 'a large batch on a stream needs no window (the AWS default is 100 records, no window)',
    yaml: `
archflow: 1
name: t
routers:
  clicks:
    type: stream
    to:
      function: w
      batchSize: 500
      startingPosition: LATEST
consumers:
  w: {}`,
  },
  {
    name: 'a window above 300 s',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: w, batchWindow: 10m } }
#                                                      ^^^ error: The batching window of 'w' on queue 'jobs' is 600 s; Lambda allows 0–300 s.
#   fix: Set batchWindow to 300
#   + jobs: { type: queue, to: { function: w, batchWindow: 300 } }
consumers:
  w: {}`,
  },
  {
    name: 'above 300 s on a Kafka topic',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: { function: w, batchSize: 500, batchWindow: 10m, startingPosition: LATEST } }
#                                                                                                                                ^^^ error: The batching window of 'w' on Kafka topic 'orders' is 600 s; Lambda allows 0–300 s.
#   fix: Set batchWindow to 300
#   + orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: { function: w, batchSize: 500, batchWindow: 300, startingPosition: LATEST } }
consumers:
  w: {}`,
  },
]);
