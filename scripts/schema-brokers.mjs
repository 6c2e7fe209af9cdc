// The schema of the broker and cluster sources (kinds `kafka`, `mq`, `docdb`: server/src/core/kinds/),
// read by scripts/schema-source.mjs. Their numbers come from shared reference aws-limits.md §3.1 and §3.4;
// the shapes of names (topics, servers, databases, collections) from the CloudFormation resource schema of
// AWS::Lambda::EventSourceMapping (shared corpus cfn-schemas), so what cfn-lint refuses is reported here first.

/** The definitions, built with schema-source.mjs's helpers. */
export function brokerSchemas({ md, int, duration, eventSourceFunctions }) {
  const arn = (what, pattern, example) => ({ type: 'string', pattern, markdownDescription: md(`The ARN of ${what} (it exists outside this file), e.g. \`${example}\`.`) });
  const secret = (what) => ({
    type: 'string', pattern: '^arn:[^:]+:secretsmanager:',
    markdownDescription: md(`The ARN of the Secrets Manager secret holding ${what}. The reading functions' roles get \`secretsmanager:GetSecretValue\` on it.`),
  });
  const batching = {
    batchSize: int('records', 'Records or messages per invocation (`BatchSize`). AWS range **1–10,000**, default **100**.', { default: 100, 'x-limit': '1–10,000' }),
    batchWindow: duration('seconds', 'How long Lambda gathers records before invoking (`MaximumBatchingWindowInSeconds`, whole seconds). AWS range **0–300 s**; when left out, Lambda uses **500 ms**, which it cannot go back to once set.', { 'x-limit': '0–300 s' }),
  };
  const position = {
    startingPosition: { enum: ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'], markdownDescription: 'Where reading starts (`StartingPosition`). Generated as **LATEST** when left out.' },
    startingTimestamp: { type: 'string', markdownDescription: 'With `AT_TIMESTAMP`: the time to start reading from (ISO 8601 or Unix seconds).' },
  };
  const topicName = { type: 'string', minLength: 1, maxLength: 249, pattern: '^[^.]([a-zA-Z0-9\\-_.]+)' };
  const queueName = { type: 'string', minLength: 1, maxLength: 1000 };
  const kafka = {
    type: 'object',
    required: ['type', 'topic'],
    markdownDescription: md(`A Kafka topic read by the functions in \`to\`, each through an event source mapping: on an Amazon MSK cluster (\`cluster\`),
      or on a self-managed cluster (\`bootstrapServers\`). The cluster is not created: it exists outside this file.`),
    properties: {
      type: { const: 'kafka' },
      description: { type: 'string' },
      cluster: arn('the Amazon MSK cluster', '^arn:[^:]+:kafka:', 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-…-1'),
      bootstrapServers: {
        type: 'array', minItems: 1, maxItems: 10, uniqueItems: true,
        items: { type: 'string', minLength: 1, maxLength: 300, pattern: '^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9]):[0-9]{1,5}' },
        markdownDescription: 'A self-managed cluster: its bootstrap servers, `host:port` (`SelfManagedEventSource`). Instead of `cluster`.',
      },
      topic: {
        anyOf: [topicName, { type: 'array', items: topicName }],
        markdownDescription: 'The topic the functions read (`Topics`). Lambda reads exactly **one** topic per event source mapping.',
      },
      auth: {
        enum: ['SASL_SCRAM_512_AUTH', 'SASL_SCRAM_256_AUTH', 'BASIC_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH'],
        markdownDescription: 'How Lambda signs in with `secret` (`SourceAccessConfigurations` type). Default **SASL_SCRAM_512_AUTH** when a secret is given; without a secret, none (an MSK cluster with IAM access control, or an unauthenticated cluster).',
      },
      secret: secret('the cluster credentials'),
      vpc: {
        type: 'object',
        markdownDescription: 'A self-managed cluster in a VPC: the subnets and security groups Lambda connects through (`VPC_SUBNET`, `VPC_SECURITY_GROUP`). An MSK cluster\'s are found by Lambda.',
        properties: {
          subnets: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^subnet-' } },
          securityGroups: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^sg-' } },
        },
        additionalProperties: false,
      },
      to: eventSourceFunctions({
        ...batching, ...position,
        consumerGroup: { type: 'string', minLength: 1, maxLength: 200, markdownDescription: 'The Kafka consumer group of this function (`ConsumerGroupId`). Default: the mapping\'s id, a new group.' },
      }, 'Functions reading the topic.'),
    },
    additionalProperties: false,
  };
  const mq = {
    type: 'object',
    required: ['type', 'broker', 'queue'],
    markdownDescription: md(`A queue on an Amazon MQ broker (ActiveMQ or RabbitMQ), read by the functions in \`to\` through event source mappings.
      The broker is not created: it exists outside this file.`),
    properties: {
      type: { const: 'mq' },
      description: { type: 'string' },
      broker: arn('the Amazon MQ broker', '^arn:[^:]+:mq:', 'arn:aws:mq:eu-west-1:123456789012:broker:payments:b-…'),
      queue: {
        anyOf: [queueName, { type: 'array', items: queueName }],
        markdownDescription: 'The queue the functions read (`Queues`). Lambda reads exactly **one** queue per event source mapping.',
      },
      virtualHost: { type: 'string', minLength: 1, markdownDescription: 'A RabbitMQ broker\'s virtual host (`VIRTUAL_HOST`). Default: `/`.' },
      secret: secret('the broker user\'s name and password (`BASIC_AUTH`). Lambda requires it'),
      to: eventSourceFunctions(batching, 'Functions reading the queue.'),
    },
    additionalProperties: false,
  };
  const docdb = {
    type: 'object',
    required: ['type', 'cluster', 'database'],
    markdownDescription: md(`The change stream of an Amazon DocumentDB database (or of one collection), read by the functions in \`to\` through event
      source mappings. The cluster is not created: it exists outside this file.`),
    properties: {
      type: { const: 'docdb' },
      description: { type: 'string' },
      cluster: arn('the DocumentDB cluster', '^arn:[^:]+:rds:', 'arn:aws:rds:eu-west-1:123456789012:cluster:shop'),
      database: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[^ /\\.$"]*$', markdownDescription: 'The database whose changes the functions read (`DatabaseName`).' },
      collection: { type: 'string', minLength: 1, maxLength: 57, pattern: '^(?!system\\.)[_a-zA-Z0-9][^$]*$', markdownDescription: 'One collection of the database (`CollectionName`). Default: every collection.' },
      fullDocument: { enum: ['Default', 'UpdateLookup'], markdownDescription: 'What an update carries: **Default**, the change; **UpdateLookup**, also a copy of the whole document (`FullDocument`).' },
      secret: secret('the cluster user\'s name and password (`BASIC_AUTH`). Lambda requires it'),
      to: eventSourceFunctions({ ...batching, ...position }, 'Functions reading the change stream.'),
    },
    additionalProperties: false,
  };
  return { kafka, mq, docdb };
}
