import { describe, expect, it } from 'vitest';
import { addNode, PALETTE_KINDS } from '../../../server/src/core/edit/add';
import { connectNodes } from '../../../server/src/core/edit/connect';
import { indentUnit } from '../../../server/src/core/edit/insert';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { analyze } from '../../../server/src/core/index';
import { kindLabel } from '../../../server/src/core/kinds/index';
import { NAME_PATTERN as SCHEMA_NAME } from '../../../server/src/core/features/rename';
import { NAME_PATTERN, PALETTE } from '../../../webview/src/edit/palette';

/** A file with comments, flow and block styles, and FIFO and standard routers. */
const BASE = `# A shop (comments stay where they are)
archflow: 1
name: shop
events:
  OrderPlaced:
    source: shop.orders
producers:
  checkout:
    type: http-api
    routes:
      POST /orders: placeOrder   # the checkout
  uploads:
    type: bucket
routers:
  bus:
    type: event-bus   # the bus
  jobs:
    type: queue
    visibilityTimeout: 60
  jobs.fifo:
    type: queue
    fifo: true
  news.fifo:
    type: topic
    fifo: true
  news:
    type: topic
    to: worker   # one subscriber so far
consumers:
  placeOrder:
    memory: 512
  worker: {}
`;

/** `base` with `added` inserted after the line `after` (exactly once). */
function withLines(after: string, added: string, base = BASE): string {
  const i = base.indexOf(after + '\n');
  if (i < 0 || base.indexOf(after + '\n', i + 1) >= 0) throw new Error(`'${after}' is not one line of the base`);
  const end = i + after.length;
  return base.slice(0, end) + '\n' + added + base.slice(end);
}

const connected = (from: string, to: string, text = BASE, word?: string): string => {
  const r = connectNodes(analyze(text), from, to, (t) => analyze(t), word);
  if ('error' in r) throw new Error(r.error);
  if ('choose' in r) throw new Error(`asks: ${r.choose.map((c) => c.word).join(', ')}`);
  return applyEdits(text, r.edits);
};

const refusal = (from: string, to: string, text = BASE): string => {
  const r = connectNodes(analyze(text), from, to, (t) => analyze(t));
  if (!('error' in r)) throw new Error(`connected: ${JSON.stringify(r)}`);
  return r.error;
};

describe('connect: the word for each pair, as a minimal edit', () => {
  it.each([
    ['a function emits to a bus (the event it sends: the first catalog event nothing sends)', 'placeOrder', 'bus',
      withLines('    memory: 512', '    emits: [{ to: bus, event: OrderPlaced }]'), 'emits:OrderPlaced'],
    ['a queue gets its consumer', 'jobs', 'worker', withLines('    visibilityTimeout: 60', '    to: worker')],
    ['a queue gets a dead-letter queue', 'jobs', 'news', undefined],
    ['a topic with one subscriber gets a second (a list, the comment kept)', 'news', 'jobs',
      BASE.replace('    to: worker   # one subscriber so far', '    to: [worker, jobs]   # one subscriber so far')],
    ['a bus gets a rule for the target, matching an event', 'bus', 'jobs',
      withLines('    type: event-bus   # the bus', '    rules:\n      jobs:\n        pattern: { source: [shop.orders], detail-type: [OrderPlaced] }\n        to: [jobs]')],
    ['an HTTP API gets a route', 'checkout', 'worker', withLines('      POST /orders: placeOrder   # the checkout', '      POST /worker: worker')],
    ['a bucket notifies a queue', 'uploads', 'jobs', withLines('    type: bucket', '    notifications: [{ on: [ObjectCreated], to: jobs }]')],
    ['a function invokes a function (an empty `{}` becomes block lines)', 'worker', 'placeOrder',
      BASE.replace('  worker: {}', '  worker:\n    emits: [{ to: placeOrder }]'), 'emits'],
  ])('%s', (_what, from, to, expected, word?: string) => {
    if (expected === undefined) {
      expect(refusal(from, to)).toBe("Queue 'jobs' cannot send to topic 'news': it sends to a function or a queue.");
      return;
    }
    expect(connected(from, to, BASE, word)).toBe(expected);
  });

  it('appends to a block list of emits in its style', () => {
    const text = BASE.replace('    memory: 512', '    memory: 512\n    emits:\n      - to: jobs   # work');
    expect(connected('placeOrder', 'news', text, 'emits')).toBe(text.replace('      - to: jobs   # work', '      - to: jobs   # work\n      - { to: news }'));
  });

  it('gives a WebSocket API a $default route first, then routes named after their function', () => {
    const text = 'archflow: 1\nname: x\nproducers:\n  chat:\n    type: websocket-api\n    routes: {}\nconsumers:\n  post: {}\n  connect: {}\n';
    const once = connected('chat', 'post', text);
    expect(once).toBe(text.replace('    routes: {}\n', '    routes:\n      $default: post\n'));
    expect(connected('chat', 'connect', once)).toBe(text.replace('    routes: {}\n', '    routes:\n      $default: post\n      connect: connect\n'));
  });

  it('keeps the file\'s indentation (4 spaces)', () => {
    const text = 'archflow: 1\nname: x\nrouters:\n    jobs:\n        type: queue\nconsumers:\n    worker: {}\n';
    expect(indentUnit(text)).toBe(4);
    const r = connectNodes(analyze(text), 'jobs', 'worker', (t) => analyze(t));
    expect('error' in r ? r.error : 'choose' in r ? r.choose : applyEdits(text, r.edits)).toBe('archflow: 1\nname: x\nrouters:\n    jobs:\n        type: queue\n        to: worker\nconsumers:\n    worker: {}\n');
  });

  it('says what the edit adds without refusing it (warnings, advice)', () => {
    const r = connectNodes(analyze(BASE), 'jobs', 'worker', (t) => analyze(t));
    expect('error' in r).toBe(false);
    if (!('error' in r) && !('choose' in r)) {
      expect(r.title).toBe("queue 'jobs' → function 'worker' (consumer (to))");
      expect(r.problems.map((p) => p.code)).toContain('sqs/dead-letter-queue');
    }
  });
});

describe('connect: refused with the reason when AWS does not allow the pair', () => {
  it.each([
    ['a function behind a FIFO topic (sns/fifo-subscriber)', 'news.fifo', 'worker',
      "FIFO topic 'news.fifo' cannot deliver to function 'worker': only SQS queues subscribe to FIFO topics. Subscribe a FIFO queue and let 'worker' consume it."],
    ['a FIFO queue behind a bucket (s3/fifo-destination)', 'uploads', 'jobs.fifo',
      "Bucket 'uploads' cannot notify FIFO queue 'jobs.fifo': S3 event notifications support only standard queues and topics. Notify a standard queue, or route the events through EventBridge."],
    ['a FIFO dead-letter queue for a standard queue', 'jobs', 'jobs.fifo',
      "Queue 'jobs' is a standard queue but its dead-letter queue 'jobs.fifo' is a FIFO queue: SQS requires a dead-letter queue of the same type."],
    ['a pair with no word (queue → HTTP API)', 'jobs', 'checkout', "Queue 'jobs' cannot send to HTTP API 'checkout': it sends to a function or a queue."],
    ['a second consumer for a queue', 'jobs', 'placeOrder', undefined],
    ['a connection that exists', 'news', 'worker', "Topic 'news' is already connected to function 'worker'."],
    ['a node to itself', 'jobs', 'jobs', "A node cannot be connected to itself here: write queue 'jobs''s loop in the text if you mean it."],
    ['an unknown node', 'jobs', 'nope', "'nope' is not a node of this file."],
  ])('%s', (_what, from, to, message) => {
    if (message === undefined) {
      const text = connected('jobs', 'worker');
      expect(refusal(from, to, text)).toBe("Queue 'jobs' already sends to 'worker': an SQS queue has one consumer; put a topic in front of it to fan out.");
      return;
    }
    expect(refusal(from, to)).toBe(message);
  });
});

describe('add: a node with sensible defaults at the end of its section', () => {
  const added = (kind: string, name: string, text = BASE): string => {
    const r = addNode(analyze(text), kind, name, 'shop');
    if ('error' in r) throw new Error(r.error);
    return applyEdits(text, r.edits);
  };

  it.each([
    ['queue', 'billing', withLines('    to: worker   # one subscriber so far', '  billing:\n    type: queue')],
    ['topic', 'alerts.fifo', withLines('    to: worker   # one subscriber so far', '  alerts.fifo:\n    type: topic\n    fifo: true')],
    ['function', 'chargeCard', withLines('  worker: {}', '  chargeCard: {}')],
    ['http-api', 'api', withLines('    type: bucket', '  api:\n    type: http-api\n    routes: {}')],
    ['schedule', 'nightly', withLines('    type: bucket', '  nightly:\n    type: schedule\n    schedule: rate(1 hour)')],
  ])('%s %s', (kind, name, expected) => {
    expect(added(kind, name)).toBe(expected);
  });

  it('starts an empty file with the header and the section', () => {
    expect(added('queue', 'jobs', '')).toBe('archflow: 1\nname: shop\nrouters:\n  jobs:\n    type: queue\n');
    expect(added('function', 'worker', 'archflow: 1\nname: shop\n')).toBe('archflow: 1\nname: shop\nconsumers:\n  worker: {}\n');
  });

  it('puts a new section in the format\'s order, above the comments of the next one', () => {
    expect(added('queue', 'jobs', 'archflow: 1\nname: shop\nproducers:\n  up: { type: bucket }\n\n# the workers\nconsumers:\n  w: {}\n'))
      .toBe('archflow: 1\nname: shop\nproducers:\n  up: { type: bucket }\n\nrouters:\n  jobs:\n    type: queue\n# the workers\nconsumers:\n  w: {}\n');
    expect(added('function', 'w', 'archflow: 1\nname: shop\nrouters:\n  jobs: { type: queue }\n'))
      .toBe('archflow: 1\nname: shop\nrouters:\n  jobs: { type: queue }\nconsumers:\n  w: {}\n');
  });

  it('fills an empty section', () => {
    expect(added('queue', 'jobs', 'archflow: 1\nname: shop\nrouters:   # later\nconsumers:\n  w: {}\n'))
      .toBe('archflow: 1\nname: shop\nrouters:   # later\n  jobs:\n    type: queue\nconsumers:\n  w: {}\n');
  });

  it.each([
    ['queue', 'jobs', "'jobs' is already declared in routers. Names are unique across events, producers, routers and consumers."],
    ['queue', 'OrderPlaced', "'OrderPlaced' is already declared in events. Names are unique across events, producers, routers and consumers."],
    ['queue', '9lives', "'9lives' is not a valid name: names start with a letter and use letters, digits, '_', '.' and '-' (at most 64 characters)."],
    ['function', 'f.fifo', "Only queues and topics are FIFO: a function's name cannot end in '.fifo'."],
    ['external', 'x', "'external' is not a kind the diagram can add."],
  ])('refuses %s %s', (kind, name, message) => {
    const r = addNode(analyze(BASE), kind, name);
    expect('error' in r ? r.error : 'added').toBe(message);
  });
});

describe('the webview palette mirrors the kind registry', () => {
  it('offers every kind the core can add, with its label, and checks names with the schema\'s pattern', () => {
    expect(PALETTE.map((p) => p.kind)).toEqual(PALETTE_KINDS);
    expect(PALETTE.map((p) => p.label)).toEqual(PALETTE_KINDS.map(kindLabel));
    expect(NAME_PATTERN.source).toBe(SCHEMA_NAME.source);
  });
});
