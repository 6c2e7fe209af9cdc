import { testRule } from '../../helpers/rule-cases';

testRule('graph/loop', [
  {
    name: 'a function answering the clients of the WebSocket API that invokes it: the reply goes to the clients, not into a route',
    yaml: `
archflow: 1
name: t
producers:
  chat: { type: websocket-api, routes: { $default: echo } }
consumers:
  echo: { emits: [chat] }`,
  },
  {
    name: 'a chain without a cycle is fine',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
  done: { type: topic, to: [notify] }
consumers:
  worker: { emits: [done] }
  notify: {}`,
  },
  {
    name: 'a function feeding its own queue loops; Lambda stops it',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to: worker
consumers:
  worker:
    emits: [jobs]
#           ^^^^ warning: Recursive loop: queue 'jobs' → function 'worker' → queue 'jobs'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.`,
  },
  {
    name: 'a longer loop through a topic and a queue names every hop, once',
    yaml: `
archflow: 1
name: t
routers:
  work: { type: queue, to: step1 }
  news: { type: topic, to: [step2, { queue: work }] }
#                                           ^^^^ warning: Recursive loop: queue 'work' → function 'step1' → topic 'news' → queue 'work'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.
consumers:
  step1:
    emits: [news]
  step2: {}`,
  },
  {
    name: 'a loop through an event bus is not stopped by AWS',
    yaml: `
archflow: 1
name: t
events:
  Tick: { source: app.ticks }
routers:
  bus:
    type: event-bus
    rules:
      ticks:
        pattern: { source: [app.ticks] }
        to: ticker
consumers:
  ticker:
    emits: [{ to: bus, event: Tick }]
#                 ^^^ warning: Recursive loop: event bus 'bus' (rule 'ticks') → function 'ticker' → event bus 'bus'. Lambda's loop detection (which stops loops after 16 invocations) covers only Lambda, SQS, SNS and S3, not event bus 'bus': nothing stops this loop. Break the cycle.`,
  },
  {
    name: 'no loop when the rule cannot match the event the function sends',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
producers:
  api:
    type: http-api
    routes:
      POST /orders: { bus: bus, event: OrderPlaced }
routers:
  bus:
    type: event-bus
    rules:
      placed:
        pattern: { source: [shop.orders], detail-type: [OrderPlaced] }
        to: charge
consumers:
  charge:
    emits: [{ to: bus, event: OrderPaid }]`,
  },
  {
    name: 'a loop through a bucket needs the written keys to match the notification',
    yaml: `
archflow: 1
name: t
producers:
  files:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: in/, to: inbox }
routers:
  inbox: { type: queue, to: convert }
  other: { type: queue, to: publish }
consumers:
  convert:
    emits: [{ to: files, prefix: out/ }, other]
  publish:
    emits: [{ to: files, prefix: in/converted/ }]
#                 ^^^^^ warning: Recursive loop: bucket 'files' → queue 'inbox' → function 'convert' → queue 'other' → function 'publish' → bucket 'files'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.`,
  },
  {
    name: 'a function writing into the bucket that notifies it directly is left to s3/recursive-write',
    yaml: `
archflow: 1
name: t
producers:
  files:
    type: bucket
    notifications: [{ on: [ObjectCreated], to: convert }]
consumers:
  convert:
    emits: [files]`,
  },
  {
    name: 'a loop through a table stream is not stopped by AWS; reads do not loop',
    yaml: `
archflow: 1
name: t
producers:
  counts:
    type: table
    stream: NEW_IMAGE
    to: { function: recount, startingPosition: LATEST }
consumers:
  recount:
    emits: [{ to: counts, access: read-write }]
#                 ^^^^^^ warning: Recursive loop: table 'counts' → function 'recount' → table 'counts'. Lambda's loop detection (which stops loops after 16 invocations) covers only Lambda, SQS, SNS and S3, not table 'counts': nothing stops this loop. Break the cycle.
  report:
    emits: [{ to: counts, access: read }]`,
  },
]);
