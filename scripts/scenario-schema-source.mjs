// Source of schemas/archflow-scenario.schema.json, the format of `*.scenario.yaml` files (docs/simulate.md).
// Run `node scripts/scenario-schema-source.mjs` to regenerate it; a unit test fails when the committed
// schema is stale.

const md = (text) => text.trim().replace(/\n\s+/g, '\n');

const name = (what) => ({ type: 'string', minLength: 1, markdownDescription: `Name of ${what} in the architecture.` });

const duration = (description, extra = {}) => ({
  type: ['number', 'string'],
  pattern: '^[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h|d)$',
  'x-unit': 'seconds',
  markdownDescription: md(description) + '\n\nA number of seconds, or a duration such as `500ms`, `30s`, `15m`, `12h`, `4d`.',
  ...extra,
});

const percent = (description) => ({
  type: ['number', 'string'],
  pattern: '^[0-9]+(\\.[0-9]+)?\\s*%$',
  minimum: 0,
  maximum: 1,
  markdownDescription: md(description) + '\n\nA percentage such as `10%`, or a fraction from 0 to 1.',
});

const count = (description) => ({ type: 'integer', minimum: 0, markdownDescription: md(description) });

const anyJson = (description) => ({ markdownDescription: md(description) + ' Strings may use `${n}`, the arrival\'s number (0, 1, …), and `${n % k}`.' });

const emitEntry = {
  markdownDescription: 'One of the sends the function declares in `emits`: a catalog event or a target name, or a map with options.',
  anyOf: [
    { type: 'string', minLength: 1, markdownDescription: 'A catalog event the function emits, or the node it sends to.' },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        event: { type: 'string', minLength: 1, markdownDescription: 'The catalog event (one the function declares in `emits`).' },
        to: name('the node the function sends to (one of its `emits`)'),
        chance: percent('How often it is sent per record. Default **100%**.'),
        group: { type: 'string', markdownDescription: 'The message group of a send to a FIFO queue or topic: a template over the message, e.g. `${customerId}`. Default: the record\'s group, else the function\'s name.' },
        partitionKey: { type: 'string', markdownDescription: 'The partition key of a record put on a stream: a template over the message. Default: unique per record.' },
        attributes: { type: 'object', additionalProperties: { type: ['string', 'number'] }, markdownDescription: 'Message attributes (SNS filter policies test them): text, templates or numbers.' },
        body: anyJson('The message instead of the event\'s example.'),
      },
    },
  ],
};

const behaviour = {
  type: 'object',
  additionalProperties: false,
  markdownDescription: 'How the function behaves in this scenario, instead of the declared behaviour (100 ms, success, each of its `emits` once per record).',
  properties: {
    takes: {
      type: ['number', 'string'],
      pattern: '^[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h|d)?(\\s*\\.\\.\\s*[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h|d)?)?$',
      markdownDescription: 'How long one invocation runs: a duration (`250ms`, `2s`) or a range drawn at random (`100ms..2s`). Default **100 ms**. Longer than the function\'s `timeout` is a timeout.',
    },
    perRecord: duration('Added per record of a batch.'),
    fails: percent('The share of records whose processing fails (the handler throws, or reports the record failed when the mapping has `reportFailures`).'),
    failsWhen: { type: 'object', markdownDescription: 'Records whose message matches this EventBridge pattern fail (the message as the handler reads it: a queue message\'s body, an event, …), e.g. `{ detail: { total: [{ numeric: [">", 1000] }] } }`.' },
    timesOut: { type: 'boolean', markdownDescription: 'Every invocation runs into the function\'s timeout.' },
    responds: {
      type: 'object', additionalProperties: false, markdownDescription: 'What it answers an API request.',
      properties: { status: { type: 'integer', minimum: 100, maximum: 599, markdownDescription: 'HTTP status. Default **200**.' }, body: anyJson('The response body.') },
    },
    emits: {
      type: 'array',
      markdownDescription: 'Which of its declared sends it makes per record (instead of all of them): entries are sent each by its `chance`; `{ oneOf: [...] }` sends one of several by their chances (entries without a chance share the rest).',
      items: {
        anyOf: [
          emitEntry,
          { type: 'object', additionalProperties: false, required: ['oneOf'], properties: { oneOf: { type: 'array', minItems: 1, items: emitEntry, markdownDescription: 'One of these per record, by chance.' } } },
        ],
      },
    },
  },
};

const arrival = {
  type: 'object',
  additionalProperties: false,
  markdownDescription: md(`
    What arrives, when: one of \`request\`, \`upload\`, \`remove\`, \`write\`, \`event\`, \`message\`, \`publish\`, \`record\`, \`invoke\`,
    at \`at\`, \`count\` times, \`every\` apart (or at \`rate\` for \`for\`).`),
  properties: {
    name: { type: 'string', minLength: 1, markdownDescription: 'A name for these arrivals, for expectations (`delivered: { of: name }`).' },
    at: duration('When the first one arrives, from the start. Default **0**.'),
    count: { type: 'integer', minimum: 1, markdownDescription: 'How many arrive. Default **1** (or `rate` × `for`).' },
    every: duration('Time between two arrivals.'),
    rate: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?\\s*/\\s*(s|m|h)$', markdownDescription: 'Arrivals per second, minute or hour: `50/s` (a burst), `10/m`.' },
    for: duration('With `rate`: for how long.'),
    request: {
      type: 'object', additionalProperties: false, required: ['api', 'route'], markdownDescription: 'An HTTP request to an API route.',
      properties: { api: name('the API (`http-api`)'), route: { type: 'string', minLength: 1, markdownDescription: 'The route key, e.g. `POST /orders`.' }, body: anyJson('The request body. Default: an example of the route\'s event, else `{}`.') },
    },
    upload: {
      type: 'object', additionalProperties: false, required: ['bucket'], markdownDescription: 'An object written to a bucket (`ObjectCreated:Put`).',
      properties: { bucket: name('the bucket'), key: { type: 'string', markdownDescription: 'The object key (`${n}` for a unique one). Default: under the prefix of the bucket\'s first notification.' }, size: { type: 'integer', minimum: 0, markdownDescription: 'Bytes.' } },
    },
    remove: {
      type: 'object', additionalProperties: false, required: ['bucket', 'key'], markdownDescription: 'An object removed from a bucket (`ObjectRemoved:Delete`).',
      properties: { bucket: name('the bucket'), key: { type: 'string', markdownDescription: 'The object key.' } },
    },
    write: {
      type: 'object', additionalProperties: false, required: ['table'], markdownDescription: 'An item written to a table (a stream record for its readers).',
      properties: {
        table: name('the table'), item: anyJson('The item. Default: its partition key, unique.'),
        change: { enum: ['INSERT', 'MODIFY', 'REMOVE'], markdownDescription: 'The kind of change. Default **INSERT**.' },
      },
    },
    event: {
      type: 'object', additionalProperties: false, required: ['bus'], markdownDescription: 'An event put on an event bus.',
      properties: {
        bus: name('the event bus'), event: { type: 'string', minLength: 1, markdownDescription: 'A catalog event: its source, detail type and an example detail.' },
        source: { type: 'string', markdownDescription: 'The event\'s `source` (default: the catalog event\'s).' },
        detailType: { type: 'string', markdownDescription: 'The event\'s `detail-type` (default: the catalog event\'s).' },
        detail: anyJson('The event\'s `detail` (default: an example from the catalog event\'s schema).'),
      },
    },
    message: {
      type: 'object', additionalProperties: false, required: ['queue'], markdownDescription: 'A message sent to a queue.',
      properties: {
        queue: name('the queue'), body: anyJson('The message body.'), group: { type: 'string', markdownDescription: 'Message group (FIFO queues; default `scenario`).' },
        deduplicationId: { type: 'string', markdownDescription: 'Deduplication id (FIFO queues without content-based deduplication; default unique).' },
        delay: duration('Delay before the message is visible (standard queues).'),
        attributes: { type: 'object', additionalProperties: { type: ['string', 'number'] }, markdownDescription: 'Message attributes.' },
      },
    },
    publish: {
      type: 'object', additionalProperties: false, required: ['topic'], markdownDescription: 'A message published to a topic.',
      properties: {
        topic: name('the topic'), message: anyJson('The message.'),
        attributes: { type: 'object', additionalProperties: { type: ['string', 'number'] }, markdownDescription: 'Message attributes (for filter policies on attributes): text or numbers.' },
        group: { type: 'string', markdownDescription: 'Message group (FIFO topics).' }, deduplicationId: { type: 'string', markdownDescription: 'Deduplication id (FIFO topics).' },
      },
    },
    record: {
      type: 'object', additionalProperties: false, required: ['stream'], markdownDescription: 'A record put on a Kinesis stream.',
      properties: { stream: name('the stream'), data: anyJson('The record\'s data.'), partitionKey: { type: 'string', markdownDescription: 'Partition key (default unique per arrival).' } },
    },
    invoke: {
      type: 'object', additionalProperties: false, required: ['function'], markdownDescription: 'A direct invocation of a function.',
      properties: { function: name('the function'), payload: anyJson('The event.'), async: { type: 'boolean', markdownDescription: 'Invoke asynchronously (`Event`). Default **false**.' } },
    },
  },
};

const bounds = {
  exactly: count('Exactly this many.'),
  atLeast: count('At least this many.'),
  atMost: count('At most this many.'),
};

const expectation = {
  type: 'object',
  additionalProperties: false,
  markdownDescription: 'What must hold at the end: one of `delivered`, `deadLettered`, `noDeadLetters`, `orderKept`, `nothingLost`, `noThrottling`, `count`, `responses`, `maxDepth`.',
  properties: {
    delivered: {
      type: 'object', additionalProperties: false, required: ['to'], markdownDescription: 'Each arrival reaches a node (a function: runs successfully on it) within a time.',
      properties: {
        to: name('the node each arrival must reach'), within: duration('How long after its arrival. Default: by the end.'),
        of: { type: 'string', minLength: 1, markdownDescription: 'Only the arrivals of this name (or the firings of this schedule). Default: every arrival.' },
        share: percent('The share of arrivals that must make it. Default **100%**.'),
      },
    },
    deadLettered: {
      type: 'object', additionalProperties: false, markdownDescription: 'Messages that end in a dead-letter queue or on-failure destination (`queue`), or that a node moved there (`from`). Default: at least one.',
      properties: { queue: name('the dead-letter queue or destination'), from: name('the node whose failures are counted'), ...bounds },
    },
    noDeadLetters: { const: true, markdownDescription: 'Nothing goes to a dead-letter queue or on-failure destination.' },
    orderKept: {
      type: 'object', additionalProperties: false, required: ['function'], markdownDescription: 'The function processes each FIFO group\'s messages in the order they were sent (and other sources in arrival order).',
      properties: { function: name('the function') },
    },
    nothingLost: { const: true, markdownDescription: 'No message, event or record is discarded by AWS (retries used up without a dead-letter queue, retention, record age, …).' },
    noThrottling: {
      markdownDescription: 'No invocation is throttled (of any function, or of one).',
      anyOf: [{ const: true }, { type: 'object', additionalProperties: false, required: ['function'], properties: { function: name('the function') } }],
    },
    count: {
      type: 'object', additionalProperties: false, required: ['node', 'metric'], markdownDescription: 'A counter of a node at the end.',
      properties: {
        node: name('the node'),
        metric: { enum: ['received', 'invocations', 'succeeded', 'failed', 'retried', 'throttled', 'deadLettered', 'deadLetters', 'lost', 'filtered', 'timeouts'], markdownDescription: 'The counter (docs/simulate.md "The summary").' },
        ...bounds,
      },
    },
    responses: {
      type: 'object', additionalProperties: false, required: ['api'], markdownDescription: 'An API\'s answers have this status (or class).',
      properties: {
        api: name('the API'), status: { type: ['integer', 'string'], pattern: '^[1-5]xx$', markdownDescription: 'A status (`201`) or class (`2xx`). Default **2xx**.' },
        share: percent('The share of answers that must have it. Default **100%**.'),
      },
    },
    maxDepth: {
      type: 'object', additionalProperties: false, required: ['queue', 'atMost'], markdownDescription: 'A queue (or stream) never holds more than this many messages.',
      properties: { queue: name('the queue or stream'), atMost: count('The most messages at any time.') },
    },
  },
};

const settings = {
  description: { type: 'string', markdownDescription: 'What the scenario shows.' },
  seed: { type: ['integer', 'string'], markdownDescription: 'Seed of every random choice: the same seed gives the same run. Default **1**.' },
  start: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$', markdownDescription: 'The virtual date and time of the start (schedules fire by it), e.g. `2025-03-30T00:00:00Z`. Default **2025-01-15T00:00:00Z**.' },
  until: duration('How much virtual time to simulate (it stops earlier when nothing is left to happen). Default **1 h**.'),
  account: {
    type: 'object', additionalProperties: false, markdownDescription: 'The AWS account.',
    properties: { concurrency: { type: 'integer', minimum: 1, markdownDescription: 'Lambda concurrent executions of the account (default **1,000**).' } },
  },
  functions: { type: 'object', additionalProperties: behaviour, markdownDescription: 'How functions behave, by name.' },
  outages: {
    type: 'array', markdownDescription: 'Nodes out of service for a while: sends to them fail (and are retried by whoever retries), invocations fail.',
    items: {
      type: 'object', additionalProperties: false, required: ['node'],
      properties: { node: name('the node'), from: duration('When it starts. Default **0**.'), for: duration('How long. Default: to the end.') },
    },
  },
};

const scenario = {
  type: 'object',
  additionalProperties: false,
  markdownDescription: 'A scenario: what arrives, how functions behave, and what must hold.',
  properties: {
    ...settings,
    arrive: { type: 'array', items: arrival, markdownDescription: 'What arrives, when.' },
    expect: { type: 'array', items: expectation, markdownDescription: 'What must hold at the end (`archflow simulate` exits 1 when one does not).' },
  },
};

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://archflow.dev/schemas/archflow-scenario-1.schema.json',
  title: 'Archflow scenarios',
  markdownDescription: 'Scenarios to simulate an architecture with (`archflow simulate`, docs/simulate.md).',
  type: 'object',
  required: ['archflow-scenarios', 'architecture', 'scenarios'],
  additionalProperties: false,
  properties: {
    'archflow-scenarios': { const: 1, markdownDescription: 'Format version of scenario files: `1`.' },
    architecture: { type: 'string', minLength: 1, markdownDescription: 'The architecture file these scenarios run, relative to this file, e.g. `orders.arch.yaml`.' },
    description: { type: 'string', markdownDescription: 'What these scenarios are about.' },
    defaults: { type: 'object', additionalProperties: false, properties: settings, markdownDescription: 'Settings every scenario has unless it sets them (its `functions` merge with these).' },
    scenarios: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' },
      additionalProperties: scenario,
      markdownDescription: 'The scenarios, by name.',
    },
  },
};

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { schema };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL('../schemas/archflow-scenario.schema.json', import.meta.url);
  writeFileSync(out, JSON.stringify(schema, null, 2) + '\n');
}
