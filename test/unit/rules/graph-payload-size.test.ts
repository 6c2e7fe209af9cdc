import { testRule } from '../../helpers/rule-cases';

testRule('graph/payload-size', [
  {
    // G7 (aws-limits.md): a WebSocket message is at most 128 KB (131,072 bytes), to a route or to a client.
    name: 'a WebSocket API: 131,072 bytes pass on a route and to a client, one more is over; a reply does not enter the routes',
    yaml: `
archflow: 1
name: t
events:
  Max: { source: app, maxBytes: 131072 }
  Over: { source: app, maxBytes: 131073 }
producers:
  chat:
    type: websocket-api
    routes:
      small: { function: reader, event: Max }
      big: { function: reader, event: Over }
#                      ^^^^^^ error: Event 'Over' can be 131,073 bytes (maxBytes), over the 131,072-byte WebSocket message limit of route 'big' on the path chat → reader: larger events are rejected there.
consumers:
  reader:
    emits:
      - { to: chat, event: Max }
      - { to: chat, event: Over }
#             ^^^^ error: Event 'Over' can be 131,073 bytes (maxBytes), over the 131,072-byte WebSocket message limit of WebSocket API 'chat' on the path reader → chat: larger events are rejected there.`,
  },
  {
    name: 'a function invoking another: 6 MB synchronously, 1 MB asynchronously',
    yaml: `
archflow: 1
name: t
events:
  Big: { source: app, maxBytes: 2000000 }
consumers:
  caller:
    emits:
      - { to: sync, event: Big }
      - { to: queued, event: Big, invocation: async }
#             ^^^^^^ error: Event 'Big' can be 2,000,000 bytes (maxBytes), over the 1,048,576-byte asynchronous invocation payload limit of function 'queued' on the path caller → queued: larger events are rejected there.
  sync: {}
  queued: { async: { onFailure: sync } }`,
  },
  {
    name: 'events within every limit are fine',
    yaml: `
archflow: 1
name: t
events:
  Big: { source: app, maxBytes: 200000 }
routers:
  bus:
    type: event-bus
    rules:
      all: { pattern: { source: [app] }, to: [work, news] }
  work: { type: queue, to: worker }
  news: { type: topic, to: [worker] }
consumers:
  sender:
    emits: [{ to: bus, event: Big }]
  worker: {}`,
  },
  {
    name: 'EventBridge takes 1 MB: exactly 1,048,576 bytes pass, one more is over',
    yaml: `
archflow: 1
name: t
events:
  Max: { source: app, maxBytes: 1048576 }
  Over: { source: app, maxBytes: 1048577 }
routers:
  bus:
    type: event-bus
    rules:
      all: { pattern: { source: [app.none] }, to: worker }
consumers:
  sender:
    emits:
      - { to: bus, event: Max }
      - { to: bus, event: Over }
#             ^^^ error: Event 'Over' can be 1,048,577 bytes (maxBytes), over the 1,048,576-byte EventBridge event size limit of event bus 'bus' on the path sender → bus: larger events are rejected there.
  worker: {}`,
  },
  {
    name: 'an SNS topic takes 256 KB unless its maxMessageSize is raised',
    yaml: `
archflow: 1
name: t
events:
  AtDefault: { source: app, maxBytes: 262144 }
  Big: { source: app, maxBytes: 300000 }
routers:
  news: { type: topic, to: [{ queue: work }] }
  large: { type: topic, maxMessageSize: 1048576, to: [{ queue: work }] }
  sized: { type: topic, maxMessageSize: 299999, to: [{ queue: work }] }
  work: { type: queue, to: worker }
consumers:
  sender:
    emits:
      - { to: news, event: AtDefault }
      - { to: news, event: Big }
#             ^^^^ error: Event 'Big' can be 300,000 bytes (maxBytes), over the 262,144-byte SNS message size limit of topic 'news' (its default; \`maxMessageSize\` raises it up to 1,048,576 bytes) on the path sender → news: larger events are rejected there.
      - { to: large, event: Big }
      - { to: sized, event: Big }
#             ^^^^^ error: Event 'Big' can be 300,000 bytes (maxBytes), over the 299,999-byte maxMessageSize of topic 'sized' on the path sender → sized: larger events are rejected there.
  worker: {}`,
  },
  {
    name: 'a subscription into a queue with a smaller maxMessageSize',
    yaml: `
archflow: 1
name: t
events:
  Medium: { source: app, maxBytes: 100000 }
routers:
  news: { type: topic, to: [{ queue: work }] }
#                                    ^^^^ error: Event 'Medium' can be 100,000 bytes (maxBytes), over the 65,536-byte maxMessageSize of queue 'work' on the path sender → news → work: larger events are rejected there.
  work: { type: queue, maxMessageSize: 65536, to: worker }
consumers:
  sender:
    emits: [{ to: news, event: Medium }]
  worker: {}`,
  },
  {
    name: '1 MiB passes an event bus, a queue and an asynchronous invocation (all 1,048,576 bytes)',
    yaml: `
archflow: 1
name: t
events:
  Huge: { source: app, maxBytes: 1048576 }
routers:
  bus:
    type: event-bus
    rules:
      all: { pattern: { source: [app] }, to: [{ queue: big }, handler] }
  big: { type: queue, to: worker }
consumers:
  sender:
    emits: [{ to: bus, event: Huge }]
  worker: {}
  handler: {}`,
  },
  {
    name: 'an API route over the synchronous limit; a rule that cannot match the event is not followed',
    options: { limits: { lambdaSyncPayloadBytes: 1000, lambdaAsyncPayloadBytes: 1000 } },
    yaml: `
archflow: 1
name: t
events:
  Upload: { source: app.uploads, maxBytes: 2000 }
producers:
  api:
    type: http-api
    routes:
      POST /upload: { function: worker, event: Upload }
#                               ^^^^^^ error: Event 'Upload' can be 2,000 bytes (maxBytes), over the 1,000-byte synchronous invocation payload limit of function 'worker' on the path api → worker: larger events are rejected there.
      POST /event: { bus: bus, event: Upload }
routers:
  bus:
    type: event-bus
    rules:
      other: { pattern: { source: [app.other] }, to: worker }
      mine: { pattern: { source: [app.uploads] }, to: handler }
#                                                     ^^^^^^^ error: Event 'Upload' can be 2,000 bytes (maxBytes), over the 1,000-byte asynchronous invocation payload limit of function 'handler' on the path api → bus → handler: larger events are rejected there.
consumers:
  worker: {}
  handler: {}`,
  },
  {
    name: 'a state machine takes 256 KiB: through a rule, and through a queue and a pipe',
    yaml: `
archflow: 1
name: t
events:
  Big: { source: app.big, maxBytes: 262145 }
  Fits: { source: app.fits, maxBytes: 262144 }
routers:
  bus:
    type: event-bus
    rules:
      big: { pattern: { source: [app.big] }, to: { stateMachine: flow } }
#                                                                ^^^^ error: Event 'Big' can be 262,145 bytes (maxBytes), over the 262,144-byte Step Functions execution input limit of state machine 'flow' on the path sender → bus → flow: larger events are rejected there.
      fits: { pattern: { source: [app.fits] }, to: { stateMachine: flow } }
  jobs: { type: queue }
  p: { type: pipe, source: jobs, to: { stateMachine: flow } }
#                                                    ^^^^ error: Event 'Big' can be 262,145 bytes (maxBytes), over the 262,144-byte Step Functions execution input limit of state machine 'flow' on the path sender → jobs → p → flow: larger events are rejected there.
  flow: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
consumers:
  sender:
    emits: [{ to: bus, event: Big }, { to: bus, event: Fits }, { to: jobs, event: Big }]`,
  },
  {
    name: 'a queue without maxMessageSize takes 1 MiB: one byte more is over',
    yaml: `
archflow: 1
name: t
events:
  Over: { source: app, maxBytes: 1048577 }
routers:
  jobs: { type: queue, to: worker }
consumers:
  sender:
    emits: [{ to: jobs, event: Over }]
#                 ^^^^ error: Event 'Over' can be 1,048,577 bytes (maxBytes), over the 1,048,576-byte SQS message size limit of queue 'jobs' on the path sender → jobs: larger events are rejected there.
  worker: {}`,
  },
  {
    name: 'one hop too small on the paths of two senders is reported once, on the first path',
    yaml: `
archflow: 1
name: t
events:
  Medium: { source: app, maxBytes: 100000 }
routers:
  news: { type: topic, to: [{ queue: work }] }
#                                    ^^^^ error: Event 'Medium' can be 100,000 bytes (maxBytes), over the 65,536-byte maxMessageSize of queue 'work' on the path first → news → work: larger events are rejected there.
  work: { type: queue, maxMessageSize: 65536, to: worker }
consumers:
  first:
    emits: [{ to: news, event: Medium }]
  second:
    emits: [{ to: news, event: Medium }]
  worker: {}`,
  },
  {
    name: 'not followed: what an external system sends on, a stream reader\'s on-failure destination (it gets the batch\'s metadata), buses forwarding to each other',
    yaml: `
archflow: 1
name: t
events:
  Big: { source: app.big, maxBytes: 300000 }
producers:
  partner: { type: external, to: inbox }
routers:
  inbox: { type: queue, maxMessageSize: 262144, to: reader }
  feed: { type: stream, to: { function: reader, startingPosition: LATEST, onFailure: { topic: alerts } } }
  alerts: { type: topic, to: [reader] }
  a: { type: event-bus, rules: { fwd: { pattern: { source: [app.big] }, to: b } } }
  b: { type: event-bus, rules: { back: { pattern: { source: [app.big] }, to: a } } }
consumers:
  writer:
    emits: [{ to: partner, event: Big }, { to: feed, event: Big }, { to: a, event: Big }]
  reader: {}`,
  },
  {
    name: 'a Kinesis stream takes records of 1 MiB: exactly 1,048,576 bytes pass to its reader, one more is over',
    yaml: `
archflow: 1
name: t
events:
  Max: { source: app, maxBytes: 1048576 }
  Over: { source: app, maxBytes: 1048577 }
routers:
  feed: { type: stream, to: { function: reader, startingPosition: LATEST } }
consumers:
  writer:
    emits:
      - { to: feed, event: Max }
      - { to: feed, event: Over }
#             ^^^^ error: Event 'Over' can be 1,048,577 bytes (maxBytes), over the 1,048,576-byte Kinesis record size limit of stream 'feed' on the path writer → feed: larger events are rejected there.
  reader: {}`,
  },
]);
