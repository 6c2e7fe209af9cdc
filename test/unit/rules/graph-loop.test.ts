import { testRule } from '../../helpers/rule-cases';

/** An annotation under `line`, its carets under the first `[t]` of it. */
const under = (line: string, text: string): string => `#${' '.repeat(line.indexOf('[t]'))}^ ${text}`;
const LAMBDA_STOPS = 'Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.';

/** 201 loops through one topic (`t` → `f<i>` → `t`): the first 200 are reported, the search stops there. */
const manyLoops = (): string => {
  const fns = Array.from({ length: 201 }, (_, i) => `f${i}`);
  const lines = ['', 'archflow: 1', 'name: t', 'routers:', `  t: { type: topic, to: [${fns.join(', ')}] }`, 'consumers:'];
  fns.forEach((f, i) => {
    const line = `  ${f}: { emits: [t] }`;
    lines.push(line);
    if (i < 200) lines.push(under(line, `warning: Recursive loop: topic 't' → function '${f}' → topic 't'. ${LAMBDA_STOPS}`));
  });
  return lines.join('\n');
};

/**
 * 2^15 paths from event bus 'bus' through 15 topics, each to two functions, back into the bus with an
 * event its rule cannot match (no loop): past 50,000 steps the search stops, so the loop of queue
 * 'late' (declared after, searched after) is not reached.
 */
const manyPaths = (): string => {
  const K = 15;
  const lines = ['', 'archflow: 1', 'name: t', 'events:', '  A: { source: app.a }', '  B: { source: app.b }', 'routers:', '  bus:', '    type: event-bus', '    rules:', '      r: { pattern: { source: [app.a] }, to: f0 }'];
  for (let i = 1; i <= K; i++) lines.push(`  t${i}: { type: topic, to: [a${i}, b${i}] }`);
  lines.push('  late: { type: queue, to: g }', 'consumers:', '  f0: { emits: [t1] }');
  for (let i = 1; i <= K; i++) {
    const next = i < K ? `t${i + 1}` : '{ to: bus, event: B }';
    lines.push(`  a${i}: { emits: [${next}] }`, `  b${i}: { emits: [${next}] }`);
  }
  lines.push('  g: { emits: [late] }');
  return lines.join('\n');
};

/**
 * A search of exactly 50,000 steps: 49,996 without a loop (2^11 × 3 paths from event bus 'bus' through
 * 12 topics, and two chains of 29 and 4 functions back into buses whose rules do not match), then
 * topic 'star' and its two loops (2 more), then queue 'late': its walk is the 49,999th step and the
 * walk that closes its loop the 50,000th, the last one allowed. Each loop is reported. Topic 'side', in no
 * loop (`c0_1` sends to it), is neither searched from nor entered: that would be a step more.
 */
const exactSteps = (): string => {
  const K = 12;
  const lines = ['', 'archflow: 1', 'name: t', 'events:', '  A: { source: app.a }', '  B: { source: app.b }', 'routers:', '  bus:', '    type: event-bus', '    rules:', '      r: { pattern: { source: [app.a] }, to: f0 }'];
  const consumers = ['  f0: { emits: [t1] }'];
  for (let i = 1; i <= K; i++) {
    const fns = Array.from({ length: i === 1 ? 3 : 2 }, (_, k) => `x${i}_${k}`);
    lines.push(`  t${i}: { type: topic, to: [${fns.join(', ')}] }`);
    const next = i < K ? `t${i + 1}` : '{ to: bus, event: B }';
    for (const f of fns) consumers.push(`  ${f}: { emits: [${next}] }`);
  }
  [29, 4].forEach((n, c) => {
    lines.push(`  chain${c}:`, '    type: event-bus', '    rules:', `      r: { pattern: { source: [app.a] }, to: c${c}_1 }`);
    for (let i = 1; i < n; i++) lines.push(`  u${c}_${i}: { type: topic, to: [c${c}_${i + 1}] }`);
    for (let i = 1; i <= n; i++) consumers.push(`  c${c}_${i}: { emits: [${i < n ? `u${c}_${i}` : `{ to: chain${c}, event: B }`}${c === 0 && i === 1 ? ', side' : ''}] }`);
  });
  lines.push('  side: { type: topic }', '  star: { type: topic, to: [s0, s1] }', '  late: { type: queue, to: g }', 'consumers:', ...consumers);
  for (const f of ['s0', 's1']) {
    const line = `  ${f}: { emits: [star] }`;
    lines.push(line, `#${' '.repeat(line.indexOf('[star]'))}^^^^ warning: Recursive loop: topic 'star' → function '${f}' → topic 'star'. ${LAMBDA_STOPS}`);
  }
  lines.push('  g: { emits: [late] }', `#              ^^^^ warning: Recursive loop: queue 'late' → function 'g' → queue 'late'. ${LAMBDA_STOPS}`);
  return lines.join('\n');
};

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
  {
    name: 'two loops whose node names run together alike (x, yz and xy, z) are both reported',
    yaml: `
archflow: 1
name: t
routers:
  t: { type: topic, to: [x, xy] }
  yz: { type: queue, to: w }
  z: { type: queue, to: w }
consumers:
  x: { emits: [yz] }
  xy: { emits: [z] }
  w: { emits: [t] }
#              ^ warning: Recursive loop: topic 't' → function 'x' → queue 'yz' → function 'w' → topic 't'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.
#              ^ warning: Recursive loop: topic 't' → function 'xy' → queue 'z' → function 'w' → topic 't'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.`,
  },
  {
    name: 'two rules of a bus to the same function make one loop, reported once',
    yaml: `
archflow: 1
name: t
events:
  Tick: { source: app.ticks }
routers:
  bus:
    type: event-bus
    rules:
      ticks: { pattern: { source: [app.ticks] }, to: ticker }
      again: { pattern: { detail-type: [Tick] }, to: ticker }
consumers:
  ticker:
    emits: [{ to: bus, event: Tick }]
#                 ^^^ warning: Recursive loop: event bus 'bus' (rule 'ticks') → function 'ticker' → event bus 'bus'. Lambda's loop detection (which stops loops after 16 invocations) covers only Lambda, SQS, SNS and S3, not event bus 'bus': nothing stops this loop. Break the cycle.`,
  },
  {
    name: 'a function in two loops: each loop once, no path through the function twice',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
  news: { type: topic, to: [worker] }
consumers:
  worker: { emits: [jobs, news] }
#                   ^^^^ warning: Recursive loop: queue 'jobs' → function 'worker' → queue 'jobs'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.
#                         ^^^^ warning: Recursive loop: topic 'news' → function 'worker' → topic 'news'. Lambda stops it after 16 invocations, each one billed; break the cycle or make sure the last hop cannot trigger the first again.`,
  },
  {
    name: 'a loop through a table stream and an event bus names both services nothing stops',
    yaml: `
archflow: 1
name: t
events:
  Tick: { source: app.ticks }
producers:
  counts:
    type: table
    stream: NEW_IMAGE
    to: { function: recount, startingPosition: LATEST }
routers:
  bus:
    type: event-bus
    rules:
      ticks: { pattern: { source: [app.ticks] }, to: ticker }
consumers:
  ticker:
    emits: [{ to: counts, access: read-write }]
#                 ^^^^^^ warning: Recursive loop: table 'counts' → function 'recount' → event bus 'bus' (rule 'ticks') → function 'ticker' → table 'counts'. Lambda's loop detection (which stops loops after 16 invocations) covers only Lambda, SQS, SNS and S3, not table 'counts', event bus 'bus': nothing stops this loop. Break the cycle.
  recount:
    emits: [{ to: bus, event: Tick }]`,
  },
  { name: 'at most 200 loops are reported (201 through one topic)', yaml: manyLoops() },
  { name: 'the search stops after 50,000 steps: a loop searched after them is not reported', yaml: manyPaths() },
  { name: 'a loop closed at the 50,000th step is still reported', yaml: exactSteps() },
]);
