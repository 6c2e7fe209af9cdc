// Source of schemas/archflow.schema.json. Run `node scripts/schema-source.mjs` to regenerate it;
// a unit test fails when the committed schema is stale. Written as code so that shared pieces
// (references, durations, event-source options) are defined once.

const md = (text) => text.trim().replace(/\n\s+/g, '\n');

/** A named reference to another node of the architecture. */
const ref = (what) => ({ type: 'string', minLength: 1, markdownDescription: `Name of ${what} declared in this file.` });

const duration = (unit, description, extra = {}) => ({
  type: ['integer', 'string'],
  pattern: '^[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|h|d)$',
  'x-unit': unit,
  markdownDescription: md(description) + `\n\nA number in ${unit === 'seconds' ? 'seconds' : unit}, or a duration such as \`30s\`, \`15m\`, \`12h\`, \`4d\`.`,
  ...extra,
});

const int = (unit, description, extra = {}) => ({ type: 'integer', ...(unit ? { 'x-unit': unit } : {}), markdownDescription: md(description), ...extra });

const targetKinds = ['function', 'queue', 'topic', 'bus', 'stream', 'bucket', 'table'];

/** `{ function: name }`, `{ queue: name }`, … with extra options. Exactly one kind key. */
const targetObject = (kinds, options, description) => ({
  type: 'object',
  markdownDescription: md(description),
  properties: {
    ...Object.fromEntries(kinds.map((k) => [k, ref(`the ${k === 'bus' ? 'event bus' : k} that receives the events`)])),
    ...options,
  },
  additionalProperties: false,
  minProperties: 1,
});

const target = (kinds, options, description) => ({
  markdownDescription: md(description),
  anyOf: [{ type: 'string', minLength: 1, markdownDescription: md(description) }, targetObject(kinds, options, description)],
});

const targets = (kinds, options, description) => ({
  markdownDescription: md(description),
  anyOf: [
    target(kinds, options, description),
    { type: 'array', minItems: 1, items: target(kinds, options, description), markdownDescription: md(description) },
  ],
});

const retryPolicy = {
  type: 'object',
  markdownDescription: 'How often the router retries a failed delivery before giving up (or sending it to `deadLetter`).',
  properties: {
    attempts: int('', 'Maximum retry attempts. AWS range **0–185**, default **185**.', { default: 185, 'x-limit': '0–185' }),
    maxAge: duration('seconds', 'Maximum age of an event before it is dropped (or dead-lettered). AWS range **60–86,400 s** (24 h), default **86,400 s**.', { default: 86400, 'x-limit': '60–86,400 s' }),
  },
  additionalProperties: false,
};

const streamConsumerOptions = {
  batchSize: int('records', 'Records per invocation. AWS range **1–10,000**, default **100**. Above 10 needs `batchWindow` ≥ 1 s.', { default: 100, 'x-limit': '1–10,000' }),
  batchWindow: duration('seconds', 'How long Lambda gathers records before invoking (`MaximumBatchingWindowInSeconds`). AWS range **0–300 s**, default **0**.', { default: 0, 'x-limit': '0–300 s' }),
  startingPosition: { enum: ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'], markdownDescription: 'Where reading starts. **Required** for Kinesis and DynamoDB streams. `AT_TIMESTAMP` is Kinesis only.' },
  startingTimestamp: { type: 'string', markdownDescription: 'With `AT_TIMESTAMP`: the time to start reading from (ISO 8601 or Unix seconds).' },
  parallelization: int('', 'Concurrent batches per shard (`ParallelizationFactor`). AWS range **1–10**, default **1**.', { default: 1, 'x-limit': '1–10' }),
  maxRetries: int('', 'Retries of a failed batch (`MaximumRetryAttempts`). **−1** (until the record expires, the default) or **0–10,000**.', { default: -1, 'x-limit': '−1–10,000' }),
  maxRecordAge: duration('seconds', 'Discard records older than this (`MaximumRecordAgeInSeconds`). **−1** (never, the default) or **60–604,800 s** (7 days).', { default: -1, 'x-limit': '−1 or 60–604,800 s' }),
  bisectOnError: { type: 'boolean', default: false, markdownDescription: 'Split a failing batch in two and retry each half (`BisectBatchOnFunctionError`). Default **false**.' },
  tumblingWindow: duration('seconds', 'Tumbling window for stateful aggregation. AWS range **0–900 s**; 0 turns it off.', { default: 0, 'x-limit': '0–900 s' }),
  reportFailures: { type: 'boolean', default: false, markdownDescription: 'The function reports partial batch failures (`FunctionResponseTypes: [ReportBatchItemFailures]`): it returns the ids of the records that failed, and only those are retried. The generated handler then returns `{ batchItemFailures }`. Default **false**.' },
  onFailure: ref('a queue or topic that receives records that could not be processed (on-failure destination)'),
  filter: { type: 'object', markdownDescription: 'Lambda event filter (`FilterCriteria`): only matching records invoke the function. EventBridge pattern syntax without `wildcard`, `cidr` and `$or`; Kinesis readers filter under `data`, table readers under `dynamodb` (`NewImage`, `OldImage`, `Keys`).' },
};

/** Kinesis readers only: a dedicated-throughput consumer. */
const kinesisConsumerOptions = {
  ...streamConsumerOptions,
  fanOut: { type: 'boolean', default: false, markdownDescription: 'Read through an enhanced fan-out consumer (`AWS::Kinesis::StreamConsumer`): a dedicated **2 MB/s per shard** pushed to this function, instead of sharing each shard\'s 2 MB/s and **5** reads per second with every other standard reader. At most **20** per stream. Default **false**.' },
};

const eventSourceFunction = (extra, description) => ({
  markdownDescription: md(description),
  anyOf: [
    { type: 'string', minLength: 1, markdownDescription: md(description) },
    {
      type: 'object',
      required: ['function'],
      properties: { function: ref('the function that consumes the records'), ...extra },
      additionalProperties: false,
    },
  ],
});

const eventSourceFunctions = (extra, description) => ({
  markdownDescription: md(description),
  anyOf: [eventSourceFunction(extra, description), { type: 'array', minItems: 1, items: eventSourceFunction(extra, description) }],
});

const runtimes = [
  'nodejs24.x', 'nodejs22.x', 'nodejs20.x', 'nodejs18.x', 'nodejs16.x', 'nodejs14.x', 'nodejs12.x', 'nodejs10.x',
  'python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3.10', 'python3.9', 'python3.8', 'python3.7',
  'java25', 'java21', 'java17.al2023', 'java17', 'java11.al2023', 'java11', 'java8.al2023', 'java8.al2', 'java8',
  'dotnet10', 'dotnet9', 'dotnet8', 'dotnet6',
  'ruby4.0', 'ruby3.4', 'ruby3.3', 'ruby3.2', 'ruby2.7',
  'provided.al2023', 'provided.al2', 'provided', 'go1.x',
];

const functionSettings = {
  runtime: { type: 'string', enum: runtimes, default: 'nodejs24.x', markdownDescription: 'Lambda runtime identifier. Default **nodejs24.x**. Runtimes past their deprecation date are flagged by `lambda/runtime-lifecycle`.' },
  memory: int('MB', 'Memory in MB (`MemorySize`). AWS range **128–10,240 MB** in 1 MB steps; default **128 MB**. CPU grows with memory (1,769 MB = 1 vCPU).', { default: 128, 'x-limit': '128–10,240 MB' }),
  timeout: duration('seconds', 'Function timeout in seconds. AWS range **1–900 s** (15 min); default **3 s**.', { default: 3, 'x-limit': '1–900 s' }),
  tmp: int('MB', 'Ephemeral storage `/tmp` in MB (`EphemeralStorage.Size`). AWS range **512–10,240 MB**; default **512 MB**.', { default: 512, 'x-limit': '512–10,240 MB' }),
  architecture: { enum: ['x86_64', 'arm64'], default: 'x86_64', markdownDescription: 'Instruction set. Default **x86_64**; **arm64** (Graviton) is usually cheaper.' },
  environment: {
    type: 'object',
    markdownDescription: 'Environment variables. All keys and values together must fit in **4 KB**; keys reserved by Lambda (`AWS_REGION`, `_HANDLER`, …) are rejected.',
    additionalProperties: { type: ['string', 'number', 'boolean'] },
    'x-limit': '4 KB in total',
  },
  layers: { type: 'array', items: { type: 'string' }, markdownDescription: 'Layer version ARNs. At most **5** layers per function.', 'x-limit': '5 layers' },
  handler: { type: 'string', markdownDescription: 'Handler entry point. Node.js/Python/Ruby: `file.function` (default `index.handler`); Java: `package.Class::method`; .NET: `Assembly::Namespace.Class::Method`; `provided.*`: free-form.' },
};

const functionSchema = {
  type: 'object',
  markdownDescription: 'A Lambda function (consumer). It runs when something in `producers` or `routers` sends it events, and may emit events itself (`emits`).',
  properties: {
    type: { const: 'function', markdownDescription: 'Optional: consumers are Lambda functions.' },
    description: { type: 'string', markdownDescription: 'What the function does (≤ 256 characters).' },
    ...functionSettings,
    reservedConcurrency: int('executions', 'Reserved concurrency (`ReservedConcurrentExecutions`). **0** throttles the function completely. The account must keep **≥ 100** unreserved.', { 'x-limit': '0 – (account concurrency − 100)' }),
    code: { type: 'string', markdownDescription: 'Where the function code lives, relative to the generated project (for non-Node runtimes). Default: `src/handlers/<name>.ts` bundled by the generated build.' },
    emits: {
      type: 'array',
      markdownDescription: 'Where this function sends events: a router (queue, topic, event bus, stream) or a store (bucket, table) by name, or `{ to, event }` naming the catalog event it sends.',
      items: {
        anyOf: [
          { type: 'string', minLength: 1, markdownDescription: 'Name of a router, bucket or table this function writes to.' },
          {
            type: 'object',
            required: ['to'],
            properties: {
              to: ref('the router, bucket or table this function writes to'),
              event: ref('the catalog event sent (see `events`)'),
              prefix: { type: 'string', markdownDescription: 'For buckets: the key prefix the function writes under (used by the recursive-loop check).' },
              access: { enum: ['read', 'write', 'read-write'], markdownDescription: 'For buckets and tables: what the function does with it. Default **write**.' },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    async: {
      type: 'object',
      markdownDescription: 'Asynchronous invocation settings (`AWS::Lambda::EventInvokeConfig`), used when S3, SNS, EventBridge or a schedule invokes the function. Without `onFailure`, an event that failed every retry is dropped.',
      properties: {
        retries: int('', 'Retries of a failed asynchronous invocation (`MaximumRetryAttempts`). AWS range **0–2**, default **2**.', { default: 2, 'x-limit': '0–2' }),
        maxAge: duration('seconds', 'Maximum age of an event in the asynchronous queue (`MaximumEventAgeInSeconds`). AWS range **60–21,600 s** (6 h), default **21,600 s**.', { default: 21600, 'x-limit': '60–21,600 s' }),
        onFailure: ref('a queue, topic, bus or function that receives failed invocations (`DestinationConfig.OnFailure`)'),
      },
      additionalProperties: false,
    },
    role: { type: 'string', markdownDescription: 'ARN of an existing execution role. When set, Archflow does not generate the role and cannot check its permissions.' },
    policies: {
      type: 'array',
      markdownDescription: 'Your own IAM statements for this function. When set, they **replace** the generated least-privilege statements, and `iam/missing-permission` checks that every edge is granted.',
      items: {
        type: 'object',
        required: ['actions', 'resources'],
        properties: {
          effect: { enum: ['Allow', 'Deny'], default: 'Allow' },
          actions: { type: 'array', items: { type: 'string' }, minItems: 1, markdownDescription: 'IAM actions such as `sqs:SendMessage`.' },
          resources: { type: 'array', items: { type: 'string' }, minItems: 1, markdownDescription: 'Names of nodes in this file, ARNs, or `*`.' },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const externalSchema = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'Something outside the Archflow vocabulary (a state machine, a pipe, an unknown resource type). Shown on the diagram; not generated.',
  properties: {
    type: { const: 'external' },
    resource: { type: 'string', markdownDescription: 'The CloudFormation type it stands for, e.g. `AWS::StepFunctions::StateMachine`.' },
    description: { type: 'string' },
    to: targets(targetKinds, {}, 'Where it sends events.'),
  },
  additionalProperties: false,
};

const httpApi = {
  type: 'object',
  required: ['type', 'routes'],
  markdownDescription: 'An API Gateway API. Each route invokes a function synchronously (or sends to a queue, bus or stream directly).',
  properties: {
    type: { const: 'http-api' },
    description: { type: 'string' },
    flavor: { enum: ['http', 'rest'], default: 'http', markdownDescription: '`http` (API Gateway HTTP API, integration timeout ≤ **30 s**, not adjustable) or `rest` (REST API, integration timeout ≤ **29 s**, raised on request for Regional and private APIs: setting `archflow.limits.restApiTimeout`). Default **http**.' },
    cors: { type: 'boolean', default: false, markdownDescription: 'Allow cross-origin requests from any origin.' },
    routes: {
      type: 'object',
      markdownDescription: 'Routes as `METHOD /path: target`, e.g. `POST /orders: placeOrder`. `ANY` and `{param}` are allowed.',
      propertyNames: { pattern: '^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[^\\s]*$' },
      additionalProperties: target(['function', 'queue', 'bus', 'stream'], {
        event: ref('the catalog event a direct integration sends'),
        timeout: duration('seconds', 'Integration timeout, at least **50 ms**. HTTP APIs: at most **30 s** (the default); REST APIs: at most **29 s** (the default) unless your account\'s limit was raised.', { 'x-limit': '50 ms – 30 s (HTTP), 50 ms – 29 s (REST)' }),
      }, 'The function (or queue, bus, stream) that handles the route.'),
    },
  },
  additionalProperties: false,
};

const s3Events = [
  'ObjectCreated', 'ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved', 'ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated',
  'ObjectRestore', 'ObjectRestore:Post', 'ObjectRestore:Completed', 'ObjectRestore:Delete',
  'ReducedRedundancyLostObject', 'Replication', 'LifecycleExpiration', 'LifecycleExpiration:Delete',
  'LifecycleExpiration:DeleteMarkerCreated', 'LifecycleTransition', 'IntelligentTiering', 'ObjectTagging',
  'ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put',
];

const bucket = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'An S3 bucket. Its `notifications` send object events to a function, a standard queue or a standard topic.',
  properties: {
    type: { const: 'bucket' },
    description: { type: 'string' },
    versioned: { type: 'boolean', default: false },
    notifications: {
      type: 'array',
      markdownDescription: 'Event notifications. Filters of two notifications for the same event type must not overlap.',
      items: {
        type: 'object',
        required: ['on', 'to'],
        properties: {
          on: { type: 'array', minItems: 1, items: { enum: s3Events }, markdownDescription: 'S3 event types, e.g. `ObjectCreated` (all creations) or `ObjectCreated:Put`.' },
          prefix: { type: 'string', markdownDescription: 'Only keys starting with this prefix (no wildcards).' },
          suffix: { type: 'string', markdownDescription: 'Only keys ending with this suffix (no wildcards).' },
          to: target(['function', 'queue', 'topic'], {}, 'The function, standard queue or standard topic notified.'),
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const schedule = {
  type: 'object',
  required: ['type', 'schedule', 'to'],
  markdownDescription: 'An EventBridge Scheduler schedule that invokes a target at fixed times.',
  properties: {
    type: { const: 'schedule' },
    description: { type: 'string' },
    schedule: { type: 'string', markdownDescription: '`rate(5 minutes)`, `cron(0 2 * * ? *)` (6 fields; one of day-of-month / day-of-week is `?`) or `at(2027-01-01T00:00:00)`.' },
    timezone: { type: 'string', markdownDescription: 'IANA time zone for `cron` and `at`, e.g. `Europe/Paris`. Default **UTC**.' },
    flexibleWindow: int('minutes', 'Flexible time window in minutes (**1–1,440**); omit for an exact time.', { 'x-limit': '1–1,440 min' }),
    input: { markdownDescription: 'JSON passed to the target instead of the default scheduled event.' },
    retry: retryPolicy,
    deadLetter: ref('a **standard** queue for invocations that failed every retry (Scheduler does not accept a FIFO queue here)'),
    to: target(['function', 'queue', 'topic', 'bus', 'stream'], {}, 'What the schedule invokes. A FIFO queue target needs `contentBasedDeduplication: true`.'),
  },
  additionalProperties: false,
};

const table = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'A DynamoDB table. With `stream`, item changes flow to the functions in `to`.',
  properties: {
    type: { const: 'table' },
    description: { type: 'string' },
    partitionKey: { type: 'string', default: 'pk', markdownDescription: 'Partition key attribute, `name` or `name:S|N|B`. Default **pk** (string).' },
    sortKey: { type: 'string', markdownDescription: 'Sort key attribute, `name` or `name:S|N|B`.' },
    stream: { enum: ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'], markdownDescription: 'What the table stream carries. Required for `to`.' },
    to: eventSourceFunctions(streamConsumerOptions, 'Functions reading the table stream.'),
  },
  additionalProperties: false,
};

const queue = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'An SQS queue. Its consumer (`to`) polls it through an event source mapping.',
  properties: {
    type: { const: 'queue' },
    description: { type: 'string' },
    fifo: { type: 'boolean', default: false, markdownDescription: 'A FIFO queue: ordered per message group, exactly-once processing. The name must end in `.fifo`.' },
    contentBasedDeduplication: { type: 'boolean', default: false, markdownDescription: 'FIFO queues only (SQS rejects it on a standard queue): deduplicate by a SHA-256 of the body. Needed when a schedule sends to the queue.' },
    visibilityTimeout: duration('seconds', 'How long a received message stays hidden. AWS range **0–43,200 s** (12 h); default **30 s**. Must be ≥ the consumer\'s timeout; AWS recommends ≥ 6 × timeout + batch window.', { default: 30, 'x-limit': '0–43,200 s' }),
    retention: duration('seconds', 'How long messages are kept (`MessageRetentionPeriod`). AWS range **60 s – 14 days**; default **4 days** (345,600 s).', { default: 345600, 'x-limit': '60–1,209,600 s' }),
    delay: duration('seconds', 'Delivery delay (`DelaySeconds`). AWS range **0–900 s**; default **0**.', { default: 0, 'x-limit': '0–900 s' }),
    receiveWait: duration('seconds', 'Long-polling wait (`ReceiveMessageWaitTimeSeconds`). AWS range **0–20 s**; default **0**.', { default: 0, 'x-limit': '0–20 s' }),
    maxMessageSize: int('bytes', 'Largest message accepted. AWS range **1,024–1,048,576 bytes** (1 MiB); default **1,048,576**.', { default: 1048576, 'x-limit': '1,024–1,048,576 bytes' }),
    deadLetter: {
      markdownDescription: 'Dead-letter queue for messages received `maxReceiveCount` times without being deleted: its name (`deadLetter: jobs-dlq`, after the default **10** receives), or `{ queue, maxReceiveCount }`.',
      anyOf: [
        { type: 'string', minLength: 1, markdownDescription: 'Name of the dead-letter queue (same type: FIFO for FIFO) declared in this file; messages move there after **10** receives.' },
        {
          type: 'object',
          markdownDescription: 'Dead-letter queue for messages received `maxReceiveCount` times without being deleted.',
          properties: {
            queue: ref('the dead-letter queue (same type: FIFO for FIFO)'),
            maxReceiveCount: int('receives', 'Receives before a message moves to the dead-letter queue. At least **1**; default **10**; with a Lambda consumer use **≥ 5**.', { default: 10, 'x-limit': '1–1,000' }),
          },
          additionalProperties: false,
        },
      ],
    },
    to: eventSourceFunction({
      batchSize: int('messages', 'Messages per invocation. Standard: **1–10,000**; FIFO: **1–10**. Default **10**. Above 10 needs `batchWindow` ≥ 1 s.', { default: 10, 'x-limit': 'standard 1–10,000, FIFO 1–10' }),
      batchWindow: duration('seconds', 'How long Lambda gathers messages before invoking. AWS range **0–300 s**; not for FIFO queues.', { default: 0, 'x-limit': '0–300 s' }),
      maxConcurrency: int('invocations', 'Maximum concurrent invocations from this queue (`ScalingConfig.MaximumConcurrency`). AWS range **2–1,000**.', { 'x-limit': '2–1,000' }),
      reportFailures: streamConsumerOptions.reportFailures,
      filter: streamConsumerOptions.filter,
    }, 'The function that consumes the queue.'),
  },
  additionalProperties: false,
};

const topic = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'An SNS topic. Every subscriber in `to` gets each message (optionally filtered).',
  properties: {
    type: { const: 'topic' },
    description: { type: 'string' },
    fifo: { type: 'boolean', default: false, markdownDescription: 'A FIFO topic (name ends in `.fifo`); only SQS queues may subscribe.' },
    contentBasedDeduplication: { type: 'boolean', default: false, markdownDescription: 'FIFO topics only: deduplicate by a SHA-256 of the message.' },
    maxMessageSize: int('bytes', 'Largest message the topic accepts (`MaximumMessageSize`, since September 2026). AWS range **1,024–1,048,576 bytes** (1 MiB); default **262,144** (256 KiB). Above 262,144 the topic takes only SQS, Lambda and Firehose subscriptions, at most **100**.', { default: 262144, 'x-limit': '1,024–1,048,576 bytes' }),
    to: targets(['function', 'queue'], {
      filter: { type: 'object', markdownDescription: 'Subscription filter policy: at most **5** keys and **150** value combinations. Operators: `prefix`, `suffix`, `anything-but`, `numeric`, `exists`, `cidr`, `equals-ignore-case`, `$or`. On message attributes (the default scope) the policy is flat: one level of keys. Publishers that set no attributes (EventBridge rules, S3, schedules) need `filterScope: body`.' },
      filterScope: { enum: ['attributes', 'body'], default: 'attributes', markdownDescription: 'Filter on message attributes (default) or on the message body (an EventBridge event: its fields, e.g. `detail`).' },
      rawDelivery: { type: 'boolean', default: false, markdownDescription: 'Queue subscribers: deliver the raw message without the SNS envelope. SNS ignores it for Lambda subscribers.' },
      deadLetter: ref('a queue for messages SNS could not deliver to this subscriber'),
    }, 'Subscribers: functions and queues.'),
  },
  additionalProperties: false,
};

const busRule = {
  type: 'object',
  required: ['pattern', 'to'],
  markdownDescription: 'A rule: events matching `pattern` go to every target in `to` (at most **5**).',
  properties: {
    description: { type: 'string' },
    enabled: { type: 'boolean', default: true },
    pattern: { type: 'object', markdownDescription: 'EventBridge event pattern, e.g. `{ source: [shop.orders], detail-type: [OrderPlaced] }`. Values are arrays; operators: `prefix`, `suffix`, `anything-but`, `numeric`, `exists`, `cidr`, `equals-ignore-case`, `wildcard`, `$or`.' },
    to: targets(['function', 'queue', 'topic', 'bus', 'stream'], {
      messageGroup: { type: 'string', markdownDescription: 'FIFO queue targets: the message group id (`SqsParameters.MessageGroupId`).' },
      retry: retryPolicy,
      deadLetter: ref('a **standard** queue for events that could not be delivered'),
      input: { markdownDescription: 'Constant JSON sent instead of the matched event.' },
    }, 'Targets of the rule (at most 5).'),
  },
  additionalProperties: false,
};

const eventBus = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'An EventBridge event bus with rules that route events to targets.',
  properties: {
    type: { const: 'event-bus' },
    description: { type: 'string' },
    default: {
      type: 'boolean',
      default: false,
      markdownDescription: "`true`: this is the account's **default event bus**, which exists in every account and Region. Archflow references it and never creates it; its rules are created on it. AWS services (`aws.s3`, `aws.states`, CloudTrail, …) send their events **only** to the default bus, so rules on those events belong here.",
    },
    rules: {
      type: 'object',
      markdownDescription: 'Rules of this bus by name (quota: **300** per bus).',
      propertyNames: { pattern: '^[A-Za-z0-9._-]{1,64}$' },
      additionalProperties: busRule,
    },
  },
  additionalProperties: false,
};

const stream = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'A Kinesis data stream. Each function in `to` reads every shard.',
  properties: {
    type: { const: 'stream' },
    description: { type: 'string' },
    mode: { enum: ['provisioned', 'on-demand'], default: 'provisioned', markdownDescription: 'Capacity mode. Default **provisioned**.' },
    shards: int('shards', 'Shards in provisioned mode (1 MB/s writes; 2 MB/s and 5 reads per second shared by the standard readers). At least **1**; default **1**.', { default: 1, 'x-limit': '≥ 1' }),
    retention: duration('seconds', 'Record retention, in whole hours (`RetentionPeriodHours`). AWS range **24 h – 8,760 h** (365 days); default **24 h**.', { default: 86400, 'x-limit': '24–8,760 h' }),
    to: eventSourceFunctions(kinesisConsumerOptions, 'Functions reading the stream.'),
  },
  additionalProperties: false,
};

const namePattern = '^[A-Za-z][A-Za-z0-9_.-]{0,63}$';
const nameRule = { pattern: namePattern };

const discriminated = (branches) => ({
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: branches.map((b) => ({ $ref: `#/definitions/${b}` })),
});

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://archflow.dev/schemas/archflow-1.schema.json',
  title: 'Archflow architecture (format 1)',
  markdownDescription: 'An event-driven serverless architecture: producers → routers → consumers. See docs/format.md.',
  type: 'object',
  required: ['archflow', 'name'],
  properties: {
    archflow: { const: 1, markdownDescription: 'Format version. Always **1** for this format.' },
    name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$', markdownDescription: 'Architecture name: the CloudFormation stack name and the prefix of resource names. Letters, digits and hyphens; starts with a letter; ≤ 64 characters.' },
    description: { type: 'string' },
    region: { type: 'string', pattern: '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$', markdownDescription: 'AWS Region, e.g. `eu-west-1`. Default: the Region of your AWS profile.' },
    output: { type: 'string', minLength: 1, markdownDescription: 'Folder of the generated project, relative to this file, e.g. `orders-app`: where **Generate Project**, `archflow generate` and deploy write it (commit it: your handler code lives there). Default: `.archflow/<name>/` beside this file, ignored by git.' },
    defaults: {
      type: 'object',
      markdownDescription: 'Settings applied to every function that does not set them itself.',
      properties: functionSettings,
      additionalProperties: false,
    },
    events: {
      type: 'object',
      markdownDescription: 'The event catalog: what flows through the routers, each with a JSON Schema of its body.',
      propertyNames: nameRule,
      additionalProperties: {
        type: 'object',
        required: ['source'],
        properties: {
          source: { type: 'string', markdownDescription: 'The `source` of the event on EventBridge, e.g. `shop.orders`.' },
          detailType: { type: 'string', markdownDescription: 'The `detail-type` on EventBridge. Default: the event\'s name.' },
          description: { type: 'string' },
          maxBytes: int('bytes', 'Largest body this event can have, checked against the size limit of each hop (SQS 1 MiB, SNS 256 KB or the topic\'s `maxMessageSize`, EventBridge 1 MB, asynchronous invoke 1 MB, synchronous invoke 6 MB).'),
          schema: { type: 'object', markdownDescription: 'JSON Schema of the event body (the EventBridge `detail` or the message body).' },
        },
        additionalProperties: false,
      },
    },
    producers: {
      type: 'object',
      markdownDescription: 'Where events enter: HTTP APIs, buckets, schedules, table streams.',
      propertyNames: nameRule,
      additionalProperties: { $ref: '#/definitions/producer' },
    },
    routers: {
      type: 'object',
      markdownDescription: 'What carries events: queues, topics, event buses, streams.',
      propertyNames: nameRule,
      additionalProperties: { $ref: '#/definitions/router' },
    },
    consumers: {
      type: 'object',
      markdownDescription: 'Lambda functions.',
      propertyNames: nameRule,
      additionalProperties: { $ref: '#/definitions/consumer' },
    },
  },
  additionalProperties: false,
  definitions: {
    producer: discriminated(['http-api', 'bucket', 'schedule', 'table', 'external']),
    router: discriminated(['queue', 'topic', 'event-bus', 'stream', 'external']),
    consumer: {
      if: { type: 'object', required: ['type'], properties: { type: { const: 'external' } } },
      then: { $ref: '#/definitions/external' },
      else: { $ref: '#/definitions/function' },
    },
    'http-api': httpApi,
    bucket,
    schedule,
    table,
    queue,
    topic,
    'event-bus': eventBus,
    stream,
    function: functionSchema,
    external: externalSchema,
  },
};

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { schema };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL('../schemas/archflow.schema.json', import.meta.url);
  writeFileSync(out, JSON.stringify(schema, null, 2) + '\n');
  console.log('wrote schemas/archflow.schema.json');
}
