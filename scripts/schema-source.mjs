// Source of schemas/archflow.schema.json. Run `node scripts/schema-source.mjs` to regenerate it;
// a unit test fails when the committed schema is stale. Written as code so that shared pieces
// (references, durations, event-source options) are defined once.

import { brokerSchemas } from './schema-brokers.mjs';

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

const targetKinds = ['function', 'queue', 'topic', 'bus', 'stream', 'bucket', 'table', 'stateMachine'];

/** How messages name the kind of a target key. */
const KEY_LABEL = { bus: 'event bus', stateMachine: 'state machine' };

/**
 * The `access` words of `emits`, per kind of target, with the exact IAM actions each grants (the
 * permission table server/src/core/model/edge-permissions.ts `ACCESS`; a unit test keeps the two equal).
 * Scopes: `objects` = the bucket's objects (under `prefix`), `index` = the table's indexes.
 */
const accessVocabulary = {
  bucket: {
    default: 'write',
    words: {
      read: ['s3:GetObject (objects)'],
      write: ['s3:PutObject (objects)'],
      delete: ['s3:DeleteObject (objects)'],
      list: ['s3:ListBucket (the bucket; limited to `prefix` by `s3:prefix`)'],
      'read-write': ['read + write'],
    },
  },
  table: {
    default: 'write',
    words: {
      read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'],
      query: ['dynamodb:Query', 'dynamodb:Scan (the table and its indexes)'],
      write: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      delete: ['dynamodb:DeleteItem'],
      'read-write': ['read + query + write + delete'],
    },
  },
  queue: { default: 'send', words: { send: ['sqs:SendMessage'], write: ['= send'], receive: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'] } },
  topic: { default: 'publish', words: { publish: ['sns:Publish'], write: ['= publish'] } },
  bus: { default: 'put', words: { put: ['events:PutEvents (limited to the `event`\'s source and detail type when one is named)'], write: ['= put'] } },
  stream: { default: 'write', words: { write: ['kinesis:PutRecord', 'kinesis:PutRecords'], read: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'] } },
  firehose: { default: 'write', words: { write: ['firehose:PutRecord', 'firehose:PutRecordBatch'] } },
  'websocket-api': { default: 'reply', words: { reply: ['execute-api:ManageConnections (POST on the API\'s `@connections`: sending to a client)'], manage: ['execute-api:ManageConnections (every method of the API\'s `@connections`: send, read and close connections)'] } },
  stateMachine: { default: 'start', words: { start: ['states:StartExecution'], 'start-sync': ['states:StartSyncExecution (an Express workflow, waiting for its result)'], write: ['= start'] } },
};
const accessWordList = [...new Set(Object.values(accessVocabulary).flatMap((v) => Object.keys(v.words)))];
const accessDoc = md(`
  What the function does with what it names, one word or a list (\`access: [read, delete]\`); each word grants exactly these actions:
  ${Object.entries(accessVocabulary).map(([kind, v]) => `- **${kind}** (default \`${v.default}\`): ${Object.entries(v.words).map(([w, actions]) => `\`${w}\` ${actions.join(', ')}`).join('; ')}`).join('\n')}
`);
const accessWordDoc = (word) => Object.entries(accessVocabulary).filter(([, v]) => word in v.words).map(([kind, v]) => `${kind}: ${v.words[word].join(', ')}`).join(' · ');
const accessSchema = {
  markdownDescription: accessDoc,
  'x-access': accessVocabulary,
  anyOf: [
    { enum: accessWordList, markdownEnumDescriptions: accessWordList.map(accessWordDoc), markdownDescription: accessDoc },
    { type: 'array', minItems: 1, uniqueItems: true, items: { enum: accessWordList, markdownEnumDescriptions: accessWordList.map(accessWordDoc) }, markdownDescription: accessDoc },
  ],
};

/** How long CloudWatch Logs keeps a function's logs (AWS::Logs::LogGroup RetentionInDays; server/src/core/facts/limits.ts). */
const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** `{ function: name }`, `{ queue: name }`, … with extra options. Exactly one kind key. */
const targetObject = (kinds, options, description) => ({
  type: 'object',
  markdownDescription: md(description),
  properties: {
    ...Object.fromEntries(kinds.map((k) => [k, ref(`the ${KEY_LABEL[k] ?? k} that receives the events`)])),
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
  logRetention: { type: 'integer', enum: logRetentionDays, default: 30, 'x-unit': 'days', markdownDescription: 'Days CloudWatch Logs keeps the function\'s logs. Each function gets its own log group (`/aws/lambda/<stack>-<function>`, `AWS::Logs::LogGroup`), and its role may write only there. One of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653; default **30**.' },
  handler: { type: 'string', markdownDescription: 'Handler entry point. Node.js/Python/Ruby: `file.function` (default `index.handler`); Java: `package.Class::method`; .NET: `Assembly::Namespace.Class::Method`; `provided.*`: free-form.' },
};

/** What keeps a deployed resource the same one across edits (every generated kind). */
const deployedIdentity = {
  previousName: {
    type: 'string', minLength: 1,
    markdownDescription: md(`The name this node had when it was deployed. After a rename, its resources keep their CloudFormation
      logical IDs (and fixed physical names), so the deployed resource (and its data) stays the same one instead of being deleted and created anew.
      The editor's rename adds it to a deployed table, bucket, stream or queue. Remove it only together with the deployed stack.`),
  },
};

/** Retention of the kinds that hold data (tables, buckets, streams, queues). */
const dataRetention = {
  retain: {
    type: 'boolean', default: true,
    markdownDescription: md(`Keep the resource and its data when it leaves the stack (removed from the file, replaced, or the stack
      deleted): CloudFormation \`DeletionPolicy\` and \`UpdateReplacePolicy\` **Retain**. Default **true**. \`false\` lets
      CloudFormation delete it (policies **Delete**), for scratch data; a deploy that would delete it still asks
      (\`--allow-data-loss\`).`),
  },
};

const functionSchema = {
  type: 'object',
  markdownDescription: 'A Lambda function (consumer). It runs when something in `producers` or `routers` sends it events, and may emit events itself (`emits`).',
  properties: {
    type: { const: 'function', markdownDescription: 'Optional: consumers are Lambda functions.' },
    description: { type: 'string', markdownDescription: 'What the function does (≤ 256 characters).' },
    ...functionSettings,
    reservedConcurrency: int('executions', 'Reserved concurrency (`ReservedConcurrentExecutions`). **0** throttles the function completely. The account must keep **≥ 100** unreserved.', { 'x-limit': '0 – (account concurrency − 100)' }),
    ...deployedIdentity,
    code: {
      type: 'string', minLength: 1,
      markdownDescription: md(`The folder of the function's code for runtimes whose code Archflow does not generate (Python, Go, Rust on
        \`provided.al2023\`, Java, …), **relative to this architecture file**; it must stay inside the workspace (a symbolic link
        leading out of it is refused). Deploy zips it with each file's mode kept (a \`bootstrap\` stays executable), or what
        \`build.artifact\` names after \`build\` ran. Default \`functions/<name>\`. Node.js functions are generated
        (\`src/handlers/<name>.ts\`) and take no \`code\`.`),
    },
    build: {
      markdownDescription: md(`How deploy builds this function before packaging it: a command run in its \`code\` folder (\`cargo lambda
        build --release\`, \`GOOS=linux GOARCH=arm64 go build -o bootstrap\`, \`pip install -r requirements.txt -t build\`), or
        \`{ command, artifact }\` where \`artifact\` is the folder or \`.zip\` it produces, relative to the \`code\` folder
        (default: the \`code\` folder itself). It runs with a shell, without your AWS credentials in its environment; a
        failure stops the deploy before anything is uploaded and is shown at this function.`),
      anyOf: [
        { type: 'string', minLength: 1, markdownDescription: 'The build command, run in the `code` folder.' },
        {
          type: 'object',
          required: ['command'],
          properties: {
            command: { type: 'string', minLength: 1, markdownDescription: 'The build command, run with a shell in the `code` folder.' },
            artifact: { type: 'string', minLength: 1, markdownDescription: 'What to upload: a folder (zipped with file modes kept) or a `.zip` file, relative to the `code` folder.' },
          },
          additionalProperties: false,
        },
      ],
    },
    package: {
      enum: ['zip', 'image'], default: 'zip',
      markdownDescription: md(`How the function is packaged: **zip** (the default: code uploaded by deploy) or **image**, a container image
        (up to 10 GB) that you build and push to Amazon ECR yourself and name in \`image\`. An image carries its own runtime, so
        \`runtime\`, \`handler\`, \`layers\`, \`code\` and \`build\` do not apply.`),
    },
    image: { type: 'string', minLength: 1, markdownDescription: 'With `package: image`: the container image URI in Amazon ECR (`<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` or `@sha256:<digest>`).' },
    emits: {
      type: 'array',
      markdownDescription: 'Where this function sends events: a router (queue, topic, event bus, stream), a store (bucket, table) or a state machine (it starts executions) by name, another function it invokes, or `{ to, event }` naming the catalog event it sends.',
      items: {
        anyOf: [
          { type: 'string', minLength: 1, markdownDescription: 'Name of a router, bucket, table or state machine this function writes to, or of a function it invokes (synchronously).' },
          {
            type: 'object',
            required: ['to'],
            properties: {
              to: ref('the router, bucket, table or state machine this function writes to, or the function it invokes'),
              event: ref('the catalog event sent (see `events`)'),
              prefix: { type: 'string', markdownDescription: 'For buckets: the key prefix the function uses: its object permissions are limited to `<bucket>/<prefix>*` (and listing to that prefix); the recursive-loop check reads it.' },
              access: accessSchema,
              invocation: { enum: ['sync', 'async'], default: 'sync', markdownDescription: 'For functions: `sync` (`RequestResponse`: waits for the result, payload ≤ **6 MB**) or `async` (`Event`: Lambda queues the event, retries it and sends it to the target\'s `async` destinations; payload ≤ **1 MB**). Default **sync**.' },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    async: {
      type: 'object',
      markdownDescription: 'Asynchronous invocation settings (`AWS::Lambda::EventInvokeConfig`), used when S3, SNS, EventBridge, a schedule or another function (`invocation: async`) invokes the function. Without `onFailure`, an event that failed every retry is dropped.',
      properties: {
        retries: int('', 'Retries of a failed asynchronous invocation (`MaximumRetryAttempts`). AWS range **0–2**, default **2**.', { default: 2, 'x-limit': '0–2' }),
        maxAge: duration('seconds', 'Maximum age of an event in the asynchronous queue (`MaximumEventAgeInSeconds`). AWS range **60–21,600 s** (6 h), default **21,600 s**.', { default: 21600, 'x-limit': '60–21,600 s' }),
        onFailure: ref('a queue, topic, bus, function or bucket that receives a record of each invocation that failed every retry (`DestinationConfig.OnFailure`)'),
        onSuccess: ref('a queue, topic, bus or function that receives a record of each successful invocation, with the function\'s result (`DestinationConfig.OnSuccess`)'),
      },
      additionalProperties: false,
    },
    url: {
      type: 'object',
      required: ['auth'],
      markdownDescription: 'A function URL (`AWS::Lambda::Url`): a dedicated HTTPS endpoint that invokes the function synchronously, without API Gateway.',
      properties: {
        auth: { enum: ['iam', 'none'], markdownDescription: '`iam`: callers sign requests (SigV4) and need `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`; `none`: anyone on the internet can call it (the function checks callers itself). **Required.**' },
        reason: { type: 'string', minLength: 1, markdownDescription: 'Why the URL is public (`auth: none`): how callers are checked instead (a webhook signature, a token). Without it, `lambda/url-auth-none` warns.' },
        invokeMode: { enum: ['BUFFERED', 'RESPONSE_STREAM'], default: 'BUFFERED', markdownDescription: '`BUFFERED` (the response is sent once complete, ≤ **6 MB**) or `RESPONSE_STREAM` (streamed, ≤ **200 MB**). Default **BUFFERED**.' },
        cors: {
          markdownDescription: 'Cross-origin requests: `true` allows every origin, or the CORS settings.',
          anyOf: [
            { type: 'boolean' },
            {
              type: 'object',
              properties: {
                allowOrigins: { type: 'array', items: { type: 'string' }, markdownDescription: 'Origins allowed, e.g. `https://example.com`, or `*`.' },
                allowMethods: { type: 'array', items: { type: 'string' }, markdownDescription: 'HTTP methods allowed, e.g. `GET`, `POST`, or `*`.' },
                allowHeaders: { type: 'array', items: { type: 'string' }, markdownDescription: 'Request headers allowed.' },
                exposeHeaders: { type: 'array', items: { type: 'string' }, markdownDescription: 'Response headers the browser may read.' },
                allowCredentials: { type: 'boolean', markdownDescription: 'Allow cookies and other credentials.' },
                maxAge: duration('seconds', 'How long browsers cache a preflight response (`Cors.MaxAge`).'),
              },
              additionalProperties: false,
            },
          ],
        },
      },
      additionalProperties: false,
    },
    role: { type: 'string', markdownDescription: 'ARN of an existing execution role. When set, Archflow does not generate the role and cannot check its permissions.' },
    policies: {
      type: 'array',
      markdownDescription: 'Your own IAM statements for this function. When set, they **replace** the generated least-privilege statements, and `iam/missing-permission` checks that every edge is granted; `iam/policy-wildcard` warns on `*`.',
      items: {
        type: 'object',
        required: ['actions', 'resources'],
        properties: {
          effect: { enum: ['Allow', 'Deny'], default: 'Allow' },
          actions: { type: 'array', items: { type: 'string', pattern: '^(\\*|[a-zA-Z0-9-]+:[A-Za-z0-9*?]+)$' }, minItems: 1, markdownDescription: 'IAM actions such as `sqs:SendMessage` (`service:Action`, wildcards `*` and `?`).' },
          resources: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, markdownDescription: 'Names of nodes in this file (each becomes the ARNs the actions apply to: a bucket and/or its objects `bucket/*`, a table and its indexes, its stream), `bucket/prefix/*` (objects under a prefix), `table/index/*`, `table/stream/*`, an ARN (`arn:aws:sqs:eu-west-1:123456789012:jobs`, or with `${AWS::Region}` / `${AWS::AccountId}` / `${AWS::Partition}`), or `*`.' },
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
    arn: {
      type: 'string',
      pattern: '^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|\\$\\{AWS::Partition\\}):[a-z0-9-]+:([a-z0-9-]*|\\$\\{AWS::Region\\}):(\\d{12}|aws|\\$\\{AWS::AccountId\\})?:.+$',
      markdownDescription: 'The ARN of the existing resource this stands for, e.g. `arn:aws:sqs:eu-west-1:123456789012:legacy-jobs` or `arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:orders`. Its edges then get their permissions on it: a function emitting to it may send, publish, put events, read or write it (`access`), or start executions of a state machine; a topic, bucket or rule sending to a function of this file gets its invoke permission; a pipe of this file reads a queue or stream as its source. A table a pipe reads is named by the ARN of its stream (`arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/<label>`, its LatestStreamArn): Pipes read a stream by its full ARN. What Archflow cannot create (a subscription on a topic it does not own) is reported when generating.',
    },
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
    ...deployedIdentity,
    flavor: { enum: ['http', 'rest'], default: 'http', markdownDescription: '`http` (API Gateway HTTP API, integration timeout ≤ **30 s**, not adjustable) or `rest` (REST API, integration timeout ≤ **29 s**, raised on request for Regional and private APIs: setting `archflow.limits.restApiTimeout`). Default **http**.' },
    cors: { type: 'boolean', default: false, markdownDescription: 'Allow cross-origin requests from any origin.' },
    routes: {
      type: 'object',
      markdownDescription: 'Routes as `METHOD /path: target`, e.g. `POST /orders: placeOrder`. `ANY` and `{param}` are allowed.',
      propertyNames: { pattern: '^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[^\\s]*$' },
      additionalProperties: target(['function', 'queue', 'bus', 'stream', 'stateMachine'], {
        event: ref('the catalog event a direct integration sends'),
        timeout: duration('seconds', 'Integration timeout, at least **50 ms**. HTTP APIs: at most **30 s** (the default); REST APIs: at most **29 s** (the default) unless your account\'s limit was raised.', { 'x-limit': '50 ms – 30 s (HTTP), 50 ms – 29 s (REST)' }),
      }, 'The function (or queue, bus, stream, state machine) that handles the route. An Express state machine answers the request (StartSyncExecution); a Standard one is started and the route answers with its execution.'),
    },
  },
  additionalProperties: false,
};

const websocketApi = {
  type: 'object',
  required: ['type', 'routes'],
  markdownDescription: md(`An API Gateway WebSocket API (\`AWS::ApiGatewayV2::Api\`, \`ProtocolType: WEBSOCKET\`). Each route invokes a
    function; functions answer connected clients by naming the API in \`emits\` (\`execute-api:ManageConnections\` on its
    \`@connections\` API). A message is at most **128 KB**.`),
  properties: {
    type: { const: 'websocket-api' },
    description: { type: 'string' },
    ...deployedIdentity,
    routeSelection: {
      type: 'string', minLength: 1, default: '$request.body.action',
      markdownDescription: 'The route selection expression: which part of a message names its route key. Default **`$request.body.action`** (a message `{"action": "sendMessage", …}` takes route `sendMessage`).',
    },
    routes: {
      type: 'object',
      minProperties: 1,
      markdownDescription: md(`Routes as \`key: function\`: \`$connect\` (a client connects), \`$disconnect\` (it left), \`$default\` (no key
        matched) and the route keys your messages select, e.g. \`sendMessage: post\`.`),
      propertyNames: { pattern: '^(\\$connect|\\$disconnect|\\$default|[^$\\s][^\\s]{0,127})$' },
      additionalProperties: target(['function'], {
        event: ref('the catalog event the route\'s messages carry'),
      }, 'The function that handles the route (Lambda proxy integration).'),
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
    ...deployedIdentity,
    ...dataRetention,
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
    ...deployedIdentity,
    schedule: { type: 'string', markdownDescription: '`rate(5 minutes)`, `cron(0 2 * * ? *)` (6 fields; one of day-of-month / day-of-week is `?`) or `at(2027-01-01T00:00:00)`.' },
    timezone: { type: 'string', markdownDescription: 'IANA time zone for `cron` and `at`, e.g. `Europe/Paris`. Default **UTC**.' },
    flexibleWindow: int('minutes', 'Flexible time window in minutes (**1–1,440**); omit for an exact time.', { 'x-limit': '1–1,440 min' }),
    input: { markdownDescription: 'JSON passed to the target instead of the default scheduled event.' },
    retry: retryPolicy,
    deadLetter: ref('a **standard** queue for invocations that failed every retry (Scheduler does not accept a FIFO queue here)'),
    to: target(['function', 'queue', 'topic', 'bus', 'stream', 'stateMachine'], {}, 'What the schedule invokes (a state machine: it starts an execution). A FIFO queue target needs `contentBasedDeduplication: true`.'),
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
    ...deployedIdentity,
    ...dataRetention,
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
    ...deployedIdentity,
    ...dataRetention,
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
    ...deployedIdentity,
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
    to: targets(['function', 'queue', 'topic', 'bus', 'stream', 'firehose', 'stateMachine'], {
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
    ...deployedIdentity,
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
    ...deployedIdentity,
    ...dataRetention,
    mode: { enum: ['provisioned', 'on-demand'], default: 'provisioned', markdownDescription: 'Capacity mode. Default **provisioned**.' },
    shards: int('shards', 'Shards in provisioned mode (1 MB/s writes; 2 MB/s and 5 reads per second shared by the standard readers). At least **1**; default **1**.', { default: 1, 'x-limit': '≥ 1' }),
    retention: duration('seconds', 'Record retention, in whole hours (`RetentionPeriodHours`). AWS range **24 h – 8,760 h** (365 days); default **24 h**.', { default: 86400, 'x-limit': '24–8,760 h' }),
    to: eventSourceFunctions(kinesisConsumerOptions, 'Functions reading the stream.'),
  },
  additionalProperties: false,
};

const firehose = {
  type: 'object',
  required: ['type'],
  markdownDescription: md(`An Amazon Data Firehose stream (\`AWS::KinesisFirehose::DeliveryStream\`, Direct PUT): functions (\`emits\`) and
    bus rules put records into it; it buffers them and writes them as objects into a bucket, optionally through a transform function.`),
  properties: {
    type: { const: 'firehose' },
    description: { type: 'string' },
    ...dataRetention,
    to: ref('the bucket the stream delivers into. Without it, Archflow creates a bucket of its own for it (kept by `retain`)'),
    prefix: { type: 'string', markdownDescription: 'The key prefix of the objects it writes (`Prefix`), e.g. `clicks/`. Default: none (Firehose adds a `YYYY/MM/dd/HH/` prefix).' },
    transform: ref('the function that transforms each batch of records before delivery (a Lambda processor); it returns each record with `recordId`, `result` and `data`'),
  },
  additionalProperties: false,
};

const aslDefinition = {
  type: 'object',
  markdownDescription: md(`
    An Amazon States Language definition: \`StartAt\` and \`States\` (and optionally \`Comment\`, \`TimeoutSeconds\`,
    \`QueryLanguage\`). Checked by asl-validator. \`\${Name}\` stands for what \`substitutions.Name\` names.`),
  required: ['StartAt', 'States'],
  properties: {
    Comment: { type: 'string' },
    StartAt: { type: 'string', markdownDescription: 'The state the execution starts with.' },
    States: { type: 'object', markdownDescription: 'The states by name. Each has a `Type`: `Task`, `Pass`, `Choice`, `Wait`, `Succeed`, `Fail`, `Parallel` or `Map`.' },
    TimeoutSeconds: { type: 'integer', 'x-unit': 'seconds', markdownDescription: 'Maximum duration of an execution, in seconds. An Express workflow also ends at its own maximum duration, whatever this says.' },
    QueryLanguage: { enum: ['JSONPath', 'JSONata'], default: 'JSONPath' },
    Version: { type: 'string' },
  },
};

const stateMachine = {
  type: 'object',
  required: ['type'],
  markdownDescription: 'A Step Functions state machine. Its Task states call what `substitutions` names; rules, schedules, pipes, API routes and functions start its executions.',
  properties: {
    type: { const: 'state-machine' },
    description: { type: 'string' },
    flavor: {
      enum: ['standard', 'express'], default: 'standard',
      markdownDescription: '`standard`: long-running workflows whose steps run exactly once, with an execution history. `express`: short, high-volume workflows run at least once, started synchronously or asynchronously, seen only through their logs (see the Step Functions quotas for the longest execution each allows). Default **standard**.',
    },
    definition: {
      markdownDescription: 'The Amazon States Language definition: inline, or the path of a `.asl.json` (or `.asl.yaml`) file relative to this file.',
      anyOf: [
        { type: 'string', minLength: 1, markdownDescription: 'Path of the definition file, relative to this file, e.g. `./order.asl.json`.' },
        aslDefinition,
      ],
    },
    substitutions: {
      type: 'object',
      markdownDescription: 'What each `${Name}` of the definition stands for (CloudFormation `DefinitionSubstitutions`): a node of this file (its ARN, a queue\'s URL, a bus\'s or table\'s name, as the Task state needs), or `{ value }`. A Task state that uses a node gets the permission its call needs.',
      additionalProperties: {
        anyOf: [
          ref('the function, queue, topic, bus, stream, table, bucket or state machine a Task state calls'),
          { type: 'object', required: ['value'], properties: { value: { type: ['string', 'number', 'boolean'], markdownDescription: 'A literal value.' } }, additionalProperties: false },
        ],
      },
    },
    logging: { enum: ['ALL', 'ERROR', 'FATAL', 'OFF'], markdownDescription: 'Execution logging to CloudWatch Logs (a log group is created). Default **ALL** for Express (their executions are seen only there), **OFF** for Standard.' },
    tracing: { type: 'boolean', default: false, markdownDescription: 'AWS X-Ray tracing of executions.' },
  },
  additionalProperties: false,
};

const pipeFilter = { type: 'object', markdownDescription: 'An EventBridge pattern on the source\'s records: queue records under `body`, Kinesis under `data`, table records under `dynamodb`. Pipes do not support `anything-but` with `prefix`, `suffix`, `equals-ignore-case` or `wildcard`.' };

const pipe = {
  type: 'object',
  required: ['type', 'source', 'to'],
  markdownDescription: 'An EventBridge Pipe: polls `source`, keeps the records `filter` matches, optionally enriches them, and sends them to `to`.',
  properties: {
    type: { const: 'pipe' },
    description: { type: 'string' },
    source: target(['queue', 'stream', 'table'], {
      batchSize: int('records', 'Records per batch (`BatchSize`): **1–10,000** (AWS::Pipes::Pipe resource schema).', { 'x-limit': '1–10,000' }),
      batchWindow: duration('seconds', 'How long the pipe gathers records before sending (`MaximumBatchingWindowInSeconds`). **0–300 s**.', { default: 0, 'x-limit': '0–300 s' }),
      startingPosition: { enum: ['LATEST', 'TRIM_HORIZON'], markdownDescription: 'Streams and tables: where reading starts. Default **LATEST**.' },
      maxRetries: int('', 'Streams: retries of a failed batch. **−1** (until the record expires) or **0–10,000**.', { 'x-limit': '−1–10,000' }),
      maxRecordAge: duration('seconds', 'Streams: records older than this are dropped. **−1** (never) or **60–604,800 s**.', { 'x-limit': '−1 or 60–604,800 s' }),
      parallelization: int('', 'Streams: concurrent batches per shard. **1–10**.', { 'x-limit': '1–10' }),
      bisectOnError: { type: 'boolean', default: false, markdownDescription: 'Streams: split a failing batch and retry each half (`OnPartialBatchItemFailure: AUTOMATIC_BISECT`).' },
    }, 'What the pipe reads: a queue, a Kinesis stream or a table\'s stream.'),
    filter: {
      markdownDescription: 'Only records matching the pattern (or one of the patterns) go on.',
      anyOf: [pipeFilter, { type: 'array', minItems: 1, maxItems: 5, items: pipeFilter }],
    },
    enrichment: target(['function', 'stateMachine'], {}, 'A function or an **Express** state machine called synchronously with each batch; what it returns goes to the target.'),
    to: target(['function', 'queue', 'topic', 'bus', 'stream', 'stateMachine'], {
      event: ref('the catalog event an event bus target gets (its source and detail type)'),
      sync: { type: 'boolean', markdownDescription: 'State machines: start an **Express** workflow synchronously and wait for it (`REQUEST_RESPONSE`); default **false** (`FIRE_AND_FORGET`). Functions: default **true**.' },
      messageGroup: { type: 'string', markdownDescription: 'FIFO queue targets: the message group id. Default: the pipe\'s name.' },
      partitionKey: { type: 'string', markdownDescription: 'Kinesis targets: the partition key. Default: the pipe\'s name.' },
    }, 'Where the records go.'),
    deadLetter: ref('a queue for stream records the pipe could not deliver after its retries'),
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

/** `stages:`: one file deployed as several stacks (`archflow deploy --stage <stage>`), each with its overrides (server/src/core/model/stages.ts). */
const stageDefaults = ['memory', 'timeout', 'tmp', 'logRetention', 'environment'];
const stagesSchema = {
  type: 'object',
  markdownDescription: md(`Stages: the same architecture deployed as separate stacks in one account (\`archflow deploy --stage prod\` → stack \`<name>-prod\`), every generated name derived from the stage's stack.
    Each stage may override sizes, limits and retention; never what is connected to what. See docs/deploy.md#stages.`),
  propertyNames: { pattern: '^[a-z][a-z0-9-]{0,19}$', markdownDescription: 'Stage name: 1–20 lower-case letters, digits and hyphens, starting with a letter (it ends the stack name).' },
  additionalProperties: {
    type: ['object', 'null'],
    properties: {
      defaults: {
        type: 'object',
        markdownDescription: 'Function defaults of this stage, over the file\'s `defaults` (`environment` is merged).',
        properties: Object.fromEntries(stageDefaults.filter((k) => k in functionSettings).map((k) => [k, functionSettings[k]])),
        additionalProperties: false,
      },
      nodes: {
        type: 'object',
        markdownDescription: md(`Per-node overrides of this stage, by node name: a function's \`memory\`, \`timeout\`, \`tmp\`, \`reservedConcurrency\`, \`logRetention\`, \`environment\`;
          a queue's \`visibilityTimeout\`, \`retention\`, \`delay\`, \`receiveWait\`; a stream's \`mode\`, \`shards\`, \`retention\`; a bucket's \`versioned\`; a schedule's \`schedule\`, \`timezone\`, \`flexibleWindow\`; an HTTP API's \`cors\`;
          the \`cluster\`, \`bootstrapServers\`, \`broker\` and \`secret\` a Kafka topic, MQ queue or DocumentDB change stream is read on; \`retain\` of what holds data.`),
        additionalProperties: { type: 'object' },
      },
    },
    additionalProperties: false,
  },
};

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
      markdownDescription: 'What carries events: queues, topics, event buses, streams, state machines, pipes.',
      propertyNames: nameRule,
      additionalProperties: { $ref: '#/definitions/router' },
    },
    consumers: {
      type: 'object',
      markdownDescription: 'Lambda functions.',
      propertyNames: nameRule,
      additionalProperties: { $ref: '#/definitions/consumer' },
    },
    stages: stagesSchema,
  },
  patternProperties: {
    '^x-': {
      markdownDescription: 'An extension key, ignored by Archflow: a place for YAML anchors that merge keys take in, e.g. `x-function: &function { memory: 512 }` and `<<: *function` in each function.',
    },
  },
  additionalProperties: false,
  definitions: {
    producer: discriminated(['http-api', 'websocket-api', 'bucket', 'schedule', 'table', 'kafka', 'mq', 'docdb', 'external']),
    router: discriminated(['queue', 'topic', 'event-bus', 'stream', 'firehose', 'state-machine', 'pipe', 'external']),
    consumer: {
      if: { type: 'object', required: ['type'], properties: { type: { const: 'external' } } },
      then: { $ref: '#/definitions/external' },
      else: { $ref: '#/definitions/function' },
    },
    'http-api': httpApi,
    'websocket-api': websocketApi,
    bucket,
    schedule,
    table,
    ...brokerSchemas({ md, int, duration, eventSourceFunctions }),
    queue,
    topic,
    'event-bus': eventBus,
    stream,
    firehose,
    'state-machine': stateMachine,
    pipe,
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
