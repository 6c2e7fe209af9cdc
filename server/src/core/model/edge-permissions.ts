// The permissions each edge of the graph needs, in one table (shared reference aws-limits.md §9).
// Used by the IAM rule (what a function's own `policies` must grant) and by codegen (the
// least-privilege role of each function, queue and topic policies, Lambda permissions, service roles).
import type { BucketNotification } from '../kinds/bucket';
import type { Integration } from '../stepfunctions/definition';
import type { Graph, GraphEdge, GraphNode } from './graph';
import type { NodeKind } from './kinds';

/**
 * Who must be allowed:
 * - `execution-role`: the function's execution role (ESM polling, emits, failure destinations);
 * - `resource-policy`: a policy on the target for a service principal (`AWS::Lambda::Permission`,
 *   `AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`);
 * - `service-role`: a role the service assumes (Scheduler, EventBridge targets that need a role,
 *   API Gateway service integrations).
 */
export type Grantee = 'execution-role' | 'resource-policy' | 'service-role';

/**
 * Which ARN of the resource node the actions apply to: `resource` (the node's ARN), `objects` (a
 * bucket's objects, `arn/*` or `arn/prefix*`), `stream` (a table's stream), `index` (a table's
 * indexes, `arn/index/*`), `consumer` (the enhanced fan-out consumer of a Kinesis reader, `fanOut: true`),
 * `executions` (a state machine's executions, `arn:…:execution:<name>:*`), `connections` and
 * `any-connections` (a WebSocket API's @connections API: its POST method, sending to clients, or
 * every method of it: `<api>/<stage>/POST/@connections/…` or `<api>/<stage>/<any method>/@connections/…`),
 * `secret` (the Secrets Manager secret a Kafka, MQ or DocumentDB source signs in with), `any` (`*`: actions
 * that take no resource Archflow knows, such as the EC2 network interfaces an event source mapping
 * creates in the VPC of a cluster outside the stack).
 */
export type PermissionScope = 'resource' | 'objects' | 'stream' | 'index' | 'consumer' | 'executions' | 'connections' | 'any-connections' | 'secret' | 'any';

/** An IAM condition block: operator → condition key → values. */
export type Condition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** One permission an edge needs. */
export interface EdgePermission {
  readonly grantee: Grantee;
  /** For `execution-role`: the function whose role needs it. */
  readonly function?: string;
  /** For `resource-policy` and `service-role`: the service principal, e.g. `sns.amazonaws.com`. */
  readonly principal?: string;
  /** IAM actions, sorted. */
  readonly actions: readonly string[];
  /** The node whose resource the actions are on. */
  readonly resource: string;
  readonly scope: PermissionScope;
  /** For bucket objects: the key prefix the function is limited to. */
  readonly prefix?: string;
  /**
   * The condition the statement carries (execution and service roles): the sources and detail types
   * of the events a function puts on a bus, the key prefix a bucket listing is limited to.
   */
  readonly condition?: Condition;
}

/**
 * Writing its logs: every function's execution role may create streams in, and write to, its own
 * log group (`AWS::Logs::LogGroup`, created with the function), and no other.
 */
export const LOGS_ACTIONS: readonly string[] = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** Polling an SQS queue (AWSLambdaSQSQueueExecutionRole). */
export const SQS_POLL_ACTIONS: readonly string[] = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
/**
 * Reading a Kinesis stream (AWSLambdaKinesisExecutionRole, K5), on the stream's ARN. The managed
 * policy also lists `kinesis:ListStreams` (an action on no resource: a grant on the stream's ARN
 * never applies to it) and `kinesis:SubscribeToShard` (an action on a consumer: granted with the
 * enhanced fan-out consumer, below), so neither is granted here.
 */
export const KINESIS_READ_ACTIONS: readonly string[] = [
  'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards',
];
/** Reading through an enhanced fan-out consumer, on the consumer's ARN. */
export const KINESIS_FAN_OUT_ACTIONS: readonly string[] = ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'];
/** Reading a DynamoDB stream (AWSLambdaDynamoDBExecutionRole, without `dynamodb:ListStreams`, an action on no resource). */
export const DYNAMODB_STREAM_ACTIONS: readonly string[] = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

/**
 * Reading a Kafka topic, an Amazon MQ queue or a DocumentDB change stream (an event source mapping on a
 * cluster or broker outside the stack), with the function's execution role:
 * - Amazon MSK: `AWSLambdaMSKExecutionRole` (shared reference aws-limits.md §3.4, §9; AWS managed
 *   policy reference, AWSLambdaMSKExecutionRole v2): the kafka actions on the cluster, the EC2 network
 *   actions (which take no resource: `*`);
 * - Amazon MQ: Lambda developer guide, "Using Lambda with Amazon MQ", execution role permissions:
 *   `mq:DescribeBroker`, `secretsmanager:GetSecretValue`, the same EC2 network actions;
 * - self-managed Kafka: Lambda developer guide, "Configuring Lambda execution role permissions"
 *   (with-kafka-permissions.html): `secretsmanager:GetSecretValue` for the secret of its authentication,
 *   the EC2 network actions when Lambda reaches it in a VPC;
 * - DocumentDB: Lambda developer guide, "Process Amazon DocumentDB events with Lambda", prerequisites
 *   and permissions: `rds:DescribeDBClusters` (on the cluster), `rds:DescribeDBClusterParameters` and
 *   `rds:DescribeDBSubnetGroups` (on its parameter and subnet groups, which the file does not name: `*`),
 *   the EC2 network actions and `secretsmanager:GetSecretValue`.
 * `kms:Decrypt`, which these pages add for a secret encrypted with a customer managed key, is not
 * granted: the file names no key.
 */
export const MSK_READ_ACTIONS: readonly string[] = ['kafka:DescribeCluster', 'kafka:DescribeClusterV2'];
/** `kafka:GetBootstrapBrokers` takes no resource (IAM service authorization reference for Amazon MSK): granted on `*`. */
export const MSK_ANY_ACTIONS: readonly string[] = ['kafka:GetBootstrapBrokers'];
export const MQ_READ_ACTIONS: readonly string[] = ['mq:DescribeBroker'];
export const DOCDB_CLUSTER_ACTIONS: readonly string[] = ['rds:DescribeDBClusters'];
export const DOCDB_DESCRIBE_ACTIONS: readonly string[] = ['rds:DescribeDBClusterParameters', 'rds:DescribeDBSubnetGroups'];
export const EC2_NETWORK_ACTIONS: readonly string[] = [
  'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs',
];
export const SECRET_READ_ACTIONS: readonly string[] = ['secretsmanager:GetSecretValue'];

/**
 * What a function emitting to an external node may do, by the service of its `arn`, for services
 * Archflow has no kind of (a Step Functions state machine: starting executions).
 */
export const EXTERNAL_SEND_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  states: ['states:StartExecution', 'states:StartSyncExecution'],
};

/** Firehose's delivery role on its destination bucket, and on the objects it writes (Amazon Data Firehose DG, "Controlling access"). */
export const FIREHOSE_BUCKET_ACTIONS: readonly string[] = ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'];
export const FIREHOSE_OBJECT_ACTIONS: readonly string[] = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'];
/** Firehose's delivery role on its transform function. */
export const FIREHOSE_TRANSFORM_ACTIONS: readonly string[] = ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'];

/** Sending to a node: the action a sender needs for each kind of target. */
export const SEND_ACTIONS: Readonly<Partial<Record<NodeKind, readonly string[]>>> = {
  queue: ['sqs:SendMessage'],
  topic: ['sns:Publish'],
  'event-bus': ['events:PutEvents'],
  stream: ['kinesis:PutRecord'],
  firehose: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
  function: ['lambda:InvokeFunction'],
  'state-machine': ['states:StartExecution'],
};

/** The stage every generated WebSocket API is deployed to (clients connect to `wss://…/live`; functions answer on its @connections). */
export const WEBSOCKET_STAGE = 'live';

/** The EventBridge rule Step Functions manages for `.sync` nested executions (see `SERVICE_GRANTS['nested-sync']`). */
export const NESTED_SYNC_RULE = 'StepFunctionsGetEventsForStepFunctionsExecutionRule';

/**
 * What a service role may do for a feature of its own, not an edge (`serviceRole(owner, principal,
 * grants)`): a state machine delivering its logs to CloudWatch Logs needs the log-delivery actions,
 * which take no resource (Step Functions developer guide, "Using CloudWatch Logs to log execution
 * history": `Resource: *`).
 */
export const SERVICE_GRANTS = {
  'log-delivery': {
    actions: [
      'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
      'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
    ],
    resource: '*',
  },
  /**
   * A Task state that starts another state machine and waits for it (`states:startExecution.sync`)
   * learns of its end through an EventBridge rule Step Functions manages in the account; the role
   * needs these actions on that rule (Step Functions developer guide, "IAM policies for nested
   * executions", Synchronous: https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html).
   */
  'nested-sync': {
    actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
    resource: `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${NESTED_SYNC_RULE}`,
  },
} as const satisfies Record<string, { readonly actions: readonly string[]; readonly resource: string }>;

/** A feature a service role may be granted (`SERVICE_GRANTS`). */
export type ServiceGrant = keyof typeof SERVICE_GRANTS;

/** AWS SDK service names of Step Functions' SDK integrations whose IAM prefix differs. */
const SDK_IAM_PREFIX: Readonly<Record<string, string>> = { sfn: 'states', eventbridge: 'events', cloudwatchlogs: 'logs', cloudwatch: 'cloudwatch' };

/**
 * The IAM actions a Task state's call needs (Step Functions developer guide, "IAM policies for
 * integrated services"): `lambda:invoke` → `lambda:InvokeFunction`, `sqs:sendMessage` →
 * `sqs:SendMessage`, an SDK integration `aws-sdk:dynamodb:putItem` → `dynamodb:PutItem`. What a `.sync`
 * nested execution needs besides, on the executions it starts, is `NESTED_SYNC_EXECUTION_ACTIONS`.
 */
export function taskActions(i: Integration): string[] {
  const upper = (a: string): string => a.charAt(0).toUpperCase() + a.slice(1);
  const service = i.service.toLowerCase();
  return [TASK_IAM_ACTIONS[`${service}:${i.action}`] ?? `${SDK_IAM_PREFIX[service] ?? service}:${upper(i.action)}`];
}

/**
 * Task calls whose IAM action is not their name with a capital (`states:startExecution` is
 * `states:StartExecution`, as every other call): Lambda's `invoke` (optimized or SDK) is `lambda:InvokeFunction`.
 */
const TASK_IAM_ACTIONS: Readonly<Record<string, string>> = { 'lambda:invoke': 'lambda:InvokeFunction' };

/**
 * A Task state starting another state machine and waiting for it (`states:startExecution.sync`) also
 * describes and stops the execution it started: these actions apply to the execution ARNs
 * (`arn:…:execution:<name>:*`), not the state machine's (Step Functions developer guide, "IAM
 * policies for nested executions", Synchronous: https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html).
 */
export const NESTED_SYNC_EXECUTION_ACTIONS: readonly string[] = ['states:DescribeExecution', 'states:StopExecution'];

/** True for a Task state that starts a nested execution and waits for it (`states:startExecution.sync`, `.sync:2`). */
export function isNestedSync(i: Integration | undefined): boolean {
  return i?.service === 'states' && i.action === 'startExecution' && i.pattern === 'sync';
}

/** Starting a state machine's executions: `StartSyncExecution` when the caller waits for the result (Express only). */
export function startActions(sync: boolean): string[] {
  return sync ? ['states:StartSyncExecution'] : ['states:StartExecution'];
}

/** What one `access` word grants: actions on one of the node's ARNs. */
export interface AccessGrant {
  readonly actions: readonly string[];
  readonly scope: PermissionScope;
}

/** One word of a kind's `access` vocabulary. */
export interface AccessWord {
  /** What it lets the function do, for completion, hover and messages: `read objects`. */
  readonly doc: string;
  /** Its grants; a word made of others (`read-write`) lists them in `includes` instead. */
  readonly grants?: readonly AccessGrant[];
  readonly includes?: readonly string[];
}

/** The `access` vocabulary of a kind a function emits to: its words and the one used when none is written. */
export interface AccessVocabulary {
  readonly default: string;
  readonly words: Readonly<Record<string, AccessWord>>;
}

/**
 * What a function that names a node in `emits` may do with it, by `access` (one word or a list).
 * The single source of these actions: code generation, `iam/missing-permission`, the schema's
 * documentation (scripts/schema-source.mjs reads it) and docs/generate.md's table.
 */
export const ACCESS: Readonly<Partial<Record<NodeKind, AccessVocabulary>>> = {
  bucket: {
    default: 'write',
    words: {
      read: { doc: 'read objects (under `prefix`)', grants: [{ actions: ['s3:GetObject'], scope: 'objects' }] },
      write: { doc: 'write objects (under `prefix`)', grants: [{ actions: ['s3:PutObject'], scope: 'objects' }] },
      delete: { doc: 'delete objects (under `prefix`)', grants: [{ actions: ['s3:DeleteObject'], scope: 'objects' }] },
      list: { doc: 'list the keys (under `prefix`: the request must give it)', grants: [{ actions: ['s3:ListBucket'], scope: 'resource' }] },
      'read-write': { doc: 'read and write objects', includes: ['read', 'write'] },
    },
  },
  table: {
    default: 'write',
    words: {
      read: { doc: 'read items by key', grants: [{ actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'], scope: 'resource' }] },
      query: { doc: 'query and scan the table and its indexes', grants: [{ actions: ['dynamodb:Query', 'dynamodb:Scan'], scope: 'resource' }, { actions: ['dynamodb:Query', 'dynamodb:Scan'], scope: 'index' }] },
      write: { doc: 'put and update items', grants: [{ actions: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], scope: 'resource' }] },
      delete: { doc: 'delete items', grants: [{ actions: ['dynamodb:DeleteItem'], scope: 'resource' }] },
      'read-write': { doc: 'read, query, write and delete items', includes: ['read', 'query', 'write', 'delete'] },
    },
  },
  queue: {
    default: 'send',
    words: {
      send: { doc: 'send messages', grants: [{ actions: ['sqs:SendMessage'], scope: 'resource' }] },
      write: { doc: 'send messages (same as `send`)', includes: ['send'] },
      receive: { doc: 'receive, delete and hide messages (a worker polling it itself)', grants: [{ actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], scope: 'resource' }] },
    },
  },
  topic: {
    default: 'publish',
    words: {
      publish: { doc: 'publish messages', grants: [{ actions: ['sns:Publish'], scope: 'resource' }] },
      write: { doc: 'publish messages (same as `publish`)', includes: ['publish'] },
    },
  },
  'event-bus': {
    default: 'put',
    words: {
      put: { doc: 'put events (limited to the `event` named, when one is)', grants: [{ actions: ['events:PutEvents'], scope: 'resource' }] },
      write: { doc: 'put events (same as `put`)', includes: ['put'] },
    },
  },
  stream: {
    default: 'write',
    words: {
      write: { doc: 'put records', grants: [{ actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], scope: 'resource' }] },
      read: { doc: 'read records itself (shard iterators)', grants: [{ actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], scope: 'resource' }] },
    },
  },
  // API Gateway: "Control access to WebSocket APIs with IAM authorization" (ManageConnections on the
  // @connections API: POST sends to a client, GET reads a connection, DELETE closes it).
  'websocket-api': {
    default: 'reply',
    words: {
      reply: { doc: 'send messages to connected clients (`POST @connections`)', grants: [{ actions: ['execute-api:ManageConnections'], scope: 'connections' }] },
      manage: { doc: 'send to, read and close connections (every method of `@connections`)', grants: [{ actions: ['execute-api:ManageConnections'], scope: 'any-connections' }] },
    },
  },
  firehose: {
    default: 'write',
    words: {
      write: { doc: 'put records', grants: [{ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], scope: 'resource' }] },
    },
  },
  'state-machine': {
    default: 'start',
    words: {
      start: { doc: 'start executions (`StartExecution`; the function does not wait for them)', grants: [{ actions: ['states:StartExecution'], scope: 'resource' }] },
      'start-sync': { doc: 'start an Express workflow and wait for its result (`StartSyncExecution`; Express only)', grants: [{ actions: ['states:StartSyncExecution'], scope: 'resource' }] },
      write: { doc: 'start executions (same as `start`)', includes: ['start'] },
    },
  },
};

/** The access words written on an emit (`access: read` or `access: [read, delete]`), or the kind's default. */
export function accessWords(kind: NodeKind, access: unknown): string[] {
  const vocabulary = ACCESS[kind];
  if (!vocabulary) return [];
  const written = (Array.isArray(access) ? access : [access]).filter((a): a is string => typeof a === 'string');
  return written.length === 0 ? [vocabulary.default] : written;
}

/** The grants of access words (words a kind does not know grant nothing: `iam/access` reports them). */
export function accessGrants(kind: NodeKind, words: readonly string[]): AccessGrant[] {
  const vocabulary = ACCESS[kind];
  if (!vocabulary) return [];
  const out: AccessGrant[] = [];
  const visit = (word: string, depth: number): void => {
    const w = Object.hasOwn(vocabulary.words, word) ? vocabulary.words[word] : undefined;
    if (!w || depth > 3) return;
    out.push(...(w.grants ?? []));
    for (const inner of w.includes ?? []) visit(inner, depth + 1);
  };
  for (const word of words) visit(word, 0);
  return out;
}

/** The ARN service of each kind of node. */
export const ARN_SERVICE: Readonly<Partial<Record<NodeKind, string>>> = {
  queue: 'sqs', topic: 'sns', 'event-bus': 'events', stream: 'kinesis', firehose: 'firehose', bucket: 's3', table: 'dynamodb', function: 'lambda',
  'state-machine': 'states', pipe: 'pipes', 'websocket-api': 'execute-api', kafka: 'kafka', mq: 'mq', docdb: 'rds',
};

/**
 * An ARN as people write it: `arn:<partition>:<service>:<region>:<account>:<resource>`, where the
 * partition, Region and account may be CloudFormation's `${AWS::Partition}`, `${AWS::Region}` and
 * `${AWS::AccountId}` (an existing resource of the same stack's account and Region), and, in a
 * policy, IAM's wildcards (`arn:aws:sns:*:*:alerts`).
 */
const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|\*|\$\{AWS::Partition\}):([a-z0-9*?-]+):([a-z0-9*?-]*|\$\{AWS::Region\}):(\d{12}|aws|[0-9*?]+|\$\{AWS::AccountId\})?:(.+)$/;

/** The parts of an ARN, or undefined when the text is not one. */
export function parseArn(text: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const m = ARN.exec(text);
  return m ? { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4] ?? '', resource: m[5]! } : undefined;
}

/**
 * The resource part of a DynamoDB stream's ARN: `table/<table>/stream/<label>`, the label (the
 * table's `LatestStreamLabel`, a time stamp) written in full, no wildcard.
 */
const TABLE_STREAM = /^table\/[^/]+\/stream\/[^/*?]+$/;

/**
 * An existing table's ARN and, when its `arn` names the table's stream, that stream's: an existing
 * table is written by the ARN of the table or of its stream (`…:table/ledger/stream/2024-…`); a
 * pipe reads a stream by its full ARN, a function's role is granted on the table's.
 */
export function tableArns(arn: string): { table: string; stream?: string } {
  const a = parseArn(arn);
  if (!a || a.service !== 'dynamodb' || !TABLE_STREAM.test(a.resource)) return { table: arn };
  return { table: arn.slice(0, arn.indexOf('/stream/')), stream: arn };
}

/** The kind of resource an ARN names, when Archflow has one for it (a queue, a topic, a bus, …). */
export function arnKind(arn: string): NodeKind | undefined {
  const a = parseArn(arn);
  if (!a) return undefined;
  switch (a.service) {
    case 'sqs': return 'queue';
    case 'sns': return 'topic';
    case 's3': return a.resource.includes('/') ? undefined : 'bucket';
    case 'lambda': return a.resource.startsWith('function:') ? 'function' : undefined;
    case 'events': return a.resource.startsWith('event-bus/') ? 'event-bus' : undefined;
    case 'kinesis': return a.resource.startsWith('stream/') ? 'stream' : undefined;
    // A table, or a table's stream by its full ARN (what a pipe reading an existing table needs).
    case 'dynamodb': return /^table\/[^/]+$/.test(a.resource) || TABLE_STREAM.test(a.resource) ? 'table' : undefined;
    default: return undefined;
  }
}

/**
 * What a node is for permissions: its kind, or, for an `external` node with an `arn`, the kind of
 * resource the ARN names (`external` when it names none Archflow knows, or has no ARN).
 */
export function permissionKind(node: GraphNode): NodeKind {
  if (node.kind !== 'external') return node.kind;
  const arn = node.settings.arn;
  return (arn && arnKind(arn)) || 'external';
}

/**
 * The resource part of the node's ARN for a permission (everything after the account), with `*`
 * where the text is unknown. The physical name is the node name, optionally prefixed with the
 * architecture name (`orders-billing`); an external node's is its `arn`'s.
 */
export function arnResources(node: GraphNode, p: EdgePermission, stack: string | undefined): string[] {
  if (node.kind === 'kafka' || node.kind === 'mq' || node.kind === 'docdb') {
    // The cluster or broker, and its secret, are named by their ARNs.
    if (p.scope === 'any') return ['*'];
    const written = p.scope === 'secret' ? node.settings.secret : node.kind === 'mq' ? node.settings.broker : node.settings.cluster;
    return [(written && parseArn(written)?.resource) ?? '*'];
  }
  const kind = permissionKind(node);
  const own = node.kind === 'external' && node.settings.arn ? parseArn(node.settings.arn)?.resource : undefined;
  // An existing table written by its stream's ARN: the table's name, and that stream's label.
  const label = kind === 'table' && own !== undefined && TABLE_STREAM.test(own) ? own.slice(own.indexOf('/stream/') + 8) : undefined;
  const names = own !== undefined ? [own.replace(/^(event-bus\/|stream\/|function:|table\/)/, '').replace(/\/stream\/.*$/, '')] : [node.id, ...(stack ? [`${stack}-${node.id}`] : [])];
  return names.map((name) => {
    switch (kind) {
      case 'event-bus': return `event-bus/${name}`;
      case 'stream': return p.scope === 'consumer' ? `stream/${name}/consumer/*` : `stream/${name}`;
      case 'firehose': return `deliverystream/${name}`;
      case 'function': return `function:${name}`;
      case 'state-machine': return p.scope === 'executions' ? `execution:${name}:*` : `stateMachine:${name}`;
      case 'pipe': return `pipe/${name}`;
      // The API's id is not its name: any API, this stage's @connections.
      case 'websocket-api': return `*/${WEBSOCKET_STAGE}/${p.scope === 'connections' ? 'POST' : '*'}/@connections/*`;
      case 'table': return p.scope === 'stream' ? `table/${name}/stream/${label ?? '*'}` : p.scope === 'index' ? `table/${name}/index/*` : `table/${name}`;
      case 'bucket': return p.scope === 'objects' ? `${name}/${p.prefix ?? ''}*` : name;
      default: return name;
    }
  });
}

/** The service principal of each push source. */
export const PRINCIPALS = {
  apigateway: 'apigateway.amazonaws.com',
  s3: 's3.amazonaws.com',
  sns: 'sns.amazonaws.com',
  events: 'events.amazonaws.com',
  scheduler: 'scheduler.amazonaws.com',
  lambda: 'lambda.amazonaws.com',
  firehose: 'firehose.amazonaws.com',
  states: 'states.amazonaws.com',
  pipes: 'pipes.amazonaws.com',
} as const;

/** The principal of a service that pushes to functions, queues and topics, by the kind an existing resource's ARN names. */
const PUSHING_SERVICE: Readonly<Partial<Record<NodeKind, string>>> = { bucket: PRINCIPALS.s3, topic: PRINCIPALS.sns, 'event-bus': PRINCIPALS.events };

const sorted = (a: readonly string[]): string[] => [...new Set(a)].sort();

/** The actions a function emitting to `target` needs with `access` (compatibility helper: every grant's actions). */
export function emitActions(target: NodeKind, access: unknown): string[] {
  return sorted(accessGrants(target, accessWords(target, access)).flatMap((g) => g.actions));
}

/** The name the architecture gives events put on a bus without a catalog source (`<name>.<node>`). */
const appName = (graph: Graph): string => graph.name ?? 'app';

/**
 * What a function puts on a bus, as the condition of its `events:PutEvents` (AWS: "Using IAM
 * policy conditions in Amazon EventBridge"): the source and detail type of the catalog event its
 * emit names. Undefined when it names none (any event).
 */
export function putEventsCondition(source: string, detailType: string): Condition {
  // Both keys are multi-valued (one value per entry): every entry must match, and a request without
  // them matches nothing (`ForAllValues` alone holds for an absent key).
  return {
    'ForAllValues:StringEquals': { 'events:source': [source], 'events:detail-type': [detailType] },
    Null: { 'events:source': ['false'], 'events:detail-type': ['false'] },
  };
}

/**
 * One `events:PutEvents` condition for several events a function puts on the same bus: every source
 * and every detail type of them (one call may carry entries of each). Undefined when either is not
 * such a condition.
 */
export function unionPutEventsConditions(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  const all = (c: Condition | undefined): Readonly<Record<string, readonly string[]>> | undefined => c?.['ForAllValues:StringEquals'];
  const x = all(a);
  const y = all(b);
  if (!x || !y || !x['events:source'] || !y['events:source'] || !x['events:detail-type'] || !y['events:detail-type']) return undefined;
  return {
    'ForAllValues:StringEquals': { 'events:source': sorted([...x['events:source'], ...y['events:source']]), 'events:detail-type': sorted([...x['events:detail-type'], ...y['events:detail-type']]) },
    Null: { 'events:source': ['false'], 'events:detail-type': ['false'] },
  };
}

/** An IAM wildcard pattern (`*`, `?`) as a regular expression. */
export function glob(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

/** IAM action names are case-insensitive and may use wildcards (`sqs:*`, `sqs:Receive*`, `*`). */
export function actionMatches(pattern: string, action: string): boolean {
  return glob(pattern, true).test(action);
}

/** S3 actions on objects (`arn:…:bucket/key`); every other S3 action a function uses is on the bucket. */
const S3_OBJECT_ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion', 's3:DeleteObjectVersion', 's3:GetObjectTagging',
  's3:PutObjectTagging', 's3:GetObjectAcl', 's3:PutObjectAcl', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts',
  's3:RestoreObject', 's3:GetObjectAttributes',
];
const S3_BUCKET_ACTIONS = [
  's3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation', 's3:GetBucketNotification',
  's3:PutBucketNotification', 's3:GetBucketPolicy', 's3:GetBucketVersioning', 's3:GetBucketTagging', 's3:GetLifecycleConfiguration',
];
/** DynamoDB actions on a table's stream, and those that also work on its indexes. */
const DYNAMODB_STREAM_SCOPED = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
const DYNAMODB_INDEX_SCOPED = ['dynamodb:Query', 'dynamodb:Scan'];

/**
 * Which ARNs of a node a statement's actions apply to: a bucket and/or its objects, a table, its
 * indexes and/or its stream (`policies` name nodes; IAM matches an action only on its own kind of ARN).
 */
export function scopesOfActions(kind: NodeKind, actions: readonly string[]): PermissionScope[] {
  const any = (list: readonly string[]): boolean => actions.some((a) => list.some((x) => actionMatches(a, x)));
  const scopes = new Set<PermissionScope>();
  if (kind === 'bucket') {
    if (any(S3_OBJECT_ACTIONS) || actions.some((a) => !a.includes('*') && /Object|MultipartUpload/.test(a))) scopes.add('objects');
    if (any(S3_BUCKET_ACTIONS) || actions.some((a) => !a.includes('*') && !/Object|MultipartUpload/.test(a))) scopes.add('resource');
  } else if (kind === 'table') {
    if (any(DYNAMODB_STREAM_SCOPED)) scopes.add('stream');
    if (any(DYNAMODB_INDEX_SCOPED)) scopes.add('index');
    if (actions.some((a) => a.includes('*') || !DYNAMODB_STREAM_SCOPED.some((x) => actionMatches(a, x)))) scopes.add('resource');
  } else if (kind === 'kafka' || kind === 'mq' || kind === 'docdb') {
    // A secret's actions are on the secret; network and group describes on `*`; the rest on the cluster or broker.
    const secret = (a: string): boolean => /^secretsmanager:/i.test(a);
    const anywhere = (a: string): boolean => /^ec2:/i.test(a) || [...DOCDB_DESCRIBE_ACTIONS, ...MSK_ANY_ACTIONS].some((x) => actionMatches(a, x));
    if (actions.some(secret)) scopes.add('secret');
    if (actions.some(anywhere)) scopes.add('any');
    if (actions.some((a) => !secret(a) && !anywhere(a))) scopes.add('resource');
  } else if (kind === 'stream') {
    if (any(KINESIS_FAN_OUT_ACTIONS)) scopes.add('consumer');
    if (actions.some((a) => a.includes('*') || !KINESIS_FAN_OUT_ACTIONS.some((x) => actionMatches(a, x)))) scopes.add('resource');
  } else if (kind === 'websocket-api') {
    // A WebSocket API named in a policy: ManageConnections applies to its @connections (every method),
    // anything else to the API itself.
    if (any(['execute-api:ManageConnections'])) scopes.add('any-connections');
    if (actions.some((a) => !actionMatches(a, 'execute-api:ManageConnections'))) scopes.add('resource');
  } else scopes.add('resource');
  return [...scopes];
}

/** True when a grant on `granted` covers a need on `needed`: the same ARNs, or every method of @connections for POST. */
export function scopeCovers(granted: PermissionScope, needed: PermissionScope): boolean {
  return granted === needed || (granted === 'any-connections' && needed === 'connections');
}

/** One resource of a function's own statement, resolved: a literal (an ARN, `*`), or a node's ARN for a scope, with a path after it. */
export interface PolicyResource {
  readonly text?: string;
  readonly node?: string;
  readonly scope?: PermissionScope;
  readonly prefix?: string;
}

/**
 * The ARNs a resource written in `policies` stands for, given the statement's actions: `*` and ARNs
 * as written; a node's name, the ARNs its actions apply to (`scopesOfActions`); `bucket/path*`,
 * the bucket's objects under `path`; `table/index/*` and `table/stream/*`, a table's indexes and
 * stream. Anything else stands for nothing (`iam/policy-resource` reports it).
 */
export function policyResourceArns(graph: Graph, written: string, actions: readonly string[]): PolicyResource[] {
  if (written === '*' || parseArn(written)) return [{ text: written }];
  const direct = graph.nodes.get(written);
  if (direct) return scopesOfActions(permissionKind(direct), actions).map((scope) => ({ node: written, scope }));
  const slash = written.indexOf('/');
  const node = slash > 0 ? graph.nodes.get(written.slice(0, slash)) : undefined;
  if (!node) return [];
  const rest = written.slice(slash + 1);
  const kind = permissionKind(node);
  if (kind === 'bucket' && rest.endsWith('*') && !rest.slice(0, -1).includes('*')) return [{ node: node.id, scope: 'objects', prefix: rest.slice(0, -1) }];
  if (kind === 'table' && rest === 'index/*') return [{ node: node.id, scope: 'index' }];
  if (kind === 'table' && rest === 'stream/*') return [{ node: node.id, scope: 'stream' }];
  return [];
}

/** A permission in words: `sqs:SendMessage on 'jobs' (role of function 'f')`, `lambda:InvokeFunction on 'f' for sns.amazonaws.com`. */
export function describePermission(p: EdgePermission, graph: Graph): string {
  const node = graph.nodes.get(p.resource);
  const on = `'${p.resource}'${p.scope === 'objects' ? ` (objects${p.prefix ? ` under '${p.prefix}'` : ''})` : p.scope === 'stream' ? ' (its stream)' : p.scope === 'index' ? ' (its indexes)' : p.scope === 'executions' ? ' (its executions)' : p.scope === 'connections' ? ' (POST @connections)' : p.scope === 'any-connections' ? ' (@connections)' : p.scope === 'secret' ? ' (its secret)' : p.scope === 'any' ? ' (any resource: `*`)' : ''}`;
  const who = p.grantee === 'execution-role' ? ` to the role of function '${p.function}'` : p.grantee === 'resource-policy' ? ` to ${p.principal}` : ` to a role ${p.principal} assumes`;
  return `${p.actions.join(', ')} on ${node ? on : `'${p.resource}'`}${who}`;
}

/**
 * What a state machine's role needs for the Task states that use the placeholder an edge comes from
 * (`substitutions: { Charge: charge }` and the tasks that write `${Charge}`); a placeholder no Task
 * state uses gets what sending to its node takes.
 */
function taskPermissions(edge: GraphEdge, from: GraphNode<'state-machine'>, to: GraphNode): EdgePermission[] {
  const key = String(edge.pointer[edge.pointer.length - 1]);
  const tasks = (from.settings.facts?.tasks ?? []).filter((t) => t.placeholders.includes(key) && t.integration);
  const kind = permissionKind(to);
  const actions = tasks.length > 0 ? tasks.flatMap((t) => taskActions(t.integration!)) : SEND_ACTIONS[kind] ?? [];
  if (actions.length === 0) return [];
  const out: EdgePermission[] = [{ grantee: 'service-role', principal: PRINCIPALS.states, actions: sorted(actions), resource: to.id, scope: kind === 'bucket' ? 'objects' : 'resource' }];
  if (kind === 'state-machine' && tasks.some((t) => isNestedSync(t.integration))) {
    out.push({ grantee: 'service-role', principal: PRINCIPALS.states, actions: sorted(NESTED_SYNC_EXECUTION_ACTIONS), resource: to.id, scope: 'executions' });
  }
  return out;
}

/** The stream-mapping edge an on-failure destination of a stream or table belongs to. */
export function mappingOfFailureEdge(edge: GraphEdge, graph: Graph): GraphEdge | undefined {
  const owner = edge.pointer.slice(0, -1);
  return (graph.outgoing.get(edge.from) ?? []).find(
    (e) => e.mechanism === 'stream-mapping' && e.optionsAt.length === owner.length && e.optionsAt.every((s, i) => String(s) === String(owner[i])),
  );
}

/** The bucket notification an edge comes from. */
function notificationOf(edge: GraphEdge, bucket: GraphNode): BucketNotification {
  const index = edge.pointer[edge.pointer.indexOf('notifications') + 1];
  return (bucket.kind === 'bucket' && typeof index === 'number' ? bucket.settings.notifications?.[index] : undefined) ?? {};
}

/** The key prefix of the bucket notification an edge comes from (`undefined`: the whole bucket). */
export function notificationPrefix(edge: GraphEdge, bucket: GraphNode): string | undefined {
  return notificationOf(edge, bucket).prefix || undefined;
}

/** Events after which the object is gone: nothing to read (S3 event types, shared reference S3-2). */
const GONE = /^(ObjectRemoved|LifecycleExpiration|ReducedRedundancyLostObject)/;

/** True when a notification announces objects that still exist (default `on`: ObjectCreated). */
function announcesReadableObjects(edge: GraphEdge, bucket: GraphNode): boolean {
  const events = notificationOf(edge, bucket).on ?? ['ObjectCreated'];
  return events.length === 0 || events.some((e) => !GONE.test(e));
}

/**
 * The bucket objects whose S3 notifications reach a queue or topic, directly or through a topic that
 * the queue subscribes to (S3 → SNS → SQS): their consumers read those objects.
 */
export function notifiedObjects(router: GraphNode, graph: Graph): { bucket: GraphNode; prefix: string | undefined }[] {
  const out: { bucket: GraphNode; prefix: string | undefined }[] = [];
  const visit = (node: GraphNode, depth: number): void => {
    for (const e of graph.incoming.get(node.id) ?? []) {
      const from = graph.nodes.get(e.from);
      if (!from) continue;
      if (e.mechanism === 'notification' && from.kind === 'bucket' && announcesReadableObjects(e, from)) out.push({ bucket: from, prefix: notificationPrefix(e, from) });
      // An existing bucket (`external` with its `arn`) notifying: its notification is not in the file.
      else if (e.mechanism === 'external' && permissionKind(from) === 'bucket') out.push({ bucket: from, prefix: undefined });
      else if (e.mechanism === 'subscription' && from.kind === 'topic' && depth === 0) visit(from, 1);
    }
  };
  const kind = permissionKind(router);
  if (kind === 'queue' || kind === 'topic') visit(router, 0);
  return out;
}

/**
 * The permissions one edge needs. An `external` node counts as the kind of resource its `arn` names
 * (its permissions are granted on that ARN); without one, its edges need nothing Archflow can grant
 * (`iam/external-arn` says so). Queue redrive needs nothing (SQS moves the message itself).
 */
export function edgePermissions(edge: GraphEdge, graph: Graph): EdgePermission[] {
  const from = graph.nodes.get(edge.from);
  const to = graph.nodes.get(edge.to);
  if (!from || !to) return [];
  const fromKind = permissionKind(from);
  const toKind = permissionKind(to);
  if (toKind === 'external' && edge.mechanism === 'emit' && from.kind === 'function' && to.kind === 'external' && to.settings.arn) {
    const actions = EXTERNAL_SEND_ACTIONS[parseArn(to.settings.arn)?.service ?? ''];
    if (actions) return [{ grantee: 'execution-role', function: from.id, actions: sorted(actions), resource: to.id, scope: 'resource' }];
  }
  if (fromKind === 'external' || toKind === 'external') return [];
  const role = (fn: GraphNode, actions: readonly string[], resource: GraphNode, scope: PermissionScope = 'resource', prefix?: string, condition?: Condition): EdgePermission[] =>
    actions.length === 0 || fn.kind !== 'function'
      ? []
      : [{ grantee: 'execution-role', function: fn.id, actions: sorted(actions), resource: resource.id, scope, ...(prefix ? { prefix } : {}), ...(condition ? { condition } : {}) }];
  const policy = (principal: string, target: GraphNode): EdgePermission[] => {
    const actions = SEND_ACTIONS[permissionKind(target)];
    return actions ? [{ grantee: 'resource-policy', principal, actions: sorted(actions), resource: target.id, scope: 'resource' }] : [];
  };
  const service = (principal: string, target: GraphNode, condition?: Condition): EdgePermission[] => {
    const actions = SEND_ACTIONS[permissionKind(target)];
    return actions ? [{ grantee: 'service-role', principal, actions: sorted(actions), resource: target.id, scope: 'resource', ...(condition ? { condition } : {}) }] : [];
  };
  /** A service role starting a state machine's executions (synchronously: StartSyncExecution). */
  const started = (principal: string, target: GraphNode, sync: boolean): EdgePermission[] =>
    [{ grantee: 'service-role', principal, actions: startActions(sync), resource: target.id, scope: 'resource' }];
  /**
   * Lambda sends an invocation record (or a stream mapping's discarded batch) with the function's
   * role: the send action of a queue, topic, bus or function; to a bucket, `s3:PutObject` on its
   * objects and `s3:ListBucket` (Lambda DG, "Capturing discarded batches …": permissions for the destination).
   */
  const destination = (fn: GraphNode, target: GraphNode): EdgePermission[] =>
    permissionKind(target) === 'bucket'
      ? [...role(fn, ['s3:PutObject'], target, 'objects'), ...role(fn, ['s3:ListBucket'], target)]
      : role(fn, SEND_ACTIONS[permissionKind(target)] ?? [], target);
  /** A function fed S3 notifications through a queue or topic reads the notified objects too. */
  const readsNotified = (fn: GraphNode, router: GraphNode): EdgePermission[] =>
    notifiedObjects(router, graph).flatMap(({ bucket, prefix }) => role(fn, ['s3:GetObject'], bucket, 'objects', prefix));
  switch (edge.mechanism) {
    case 'queue-mapping':
      return role(to, SQS_POLL_ACTIONS, from).concat(readsNotified(to, from));
    case 'stream-mapping':
      if (fromKind === 'table') return role(to, DYNAMODB_STREAM_ACTIONS, from, 'stream');
      return edge.options.fanOut === true
        ? [...role(to, KINESIS_READ_ACTIONS, from), ...role(to, KINESIS_FAN_OUT_ACTIONS, from, 'consumer')]
        : role(to, KINESIS_READ_ACTIONS, from);
    case 'broker-mapping': {
      // Lambda polls the cluster or broker with the reading function's role (see MSK_READ_ACTIONS).
      const secret = (from.kind === 'kafka' || from.kind === 'mq' || from.kind === 'docdb') && from.settings.secret ? role(to, SECRET_READ_ACTIONS, from, 'secret') : [];
      const network = role(to, EC2_NETWORK_ACTIONS, from, 'any');
      if (from.kind === 'kafka') {
        const selfManaged = from.settings.cluster === undefined && from.settings.bootstrapServers !== undefined;
        if (selfManaged) return [...((from.settings.subnets?.length ?? 0) > 0 ? network : []), ...secret];
        return [...role(to, MSK_READ_ACTIONS, from), ...role(to, MSK_ANY_ACTIONS, from, 'any'), ...network, ...secret];
      }
      if (from.kind === 'mq') return [...role(to, MQ_READ_ACTIONS, from), ...network, ...secret];
      if (from.kind === 'docdb') return [...role(to, DOCDB_CLUSTER_ACTIONS, from), ...role(to, DOCDB_DESCRIBE_ACTIONS, from, 'any'), ...network, ...secret];
      return [];
    }
    case 'failure-destination': {
      if (from.kind === 'function') return destination(from, to);
      const mapping = mappingOfFailureEdge(edge, graph);
      const fn = mapping ? graph.nodes.get(mapping.to) : undefined;
      return fn && fn.kind === 'function' ? destination(fn, to) : [];
    }
    case 'success-destination':
      return destination(from, to);
    case 'invoke':
      // A function calling another (AWS SDK Invoke, either invocation type) with its own role.
      return role(from, SEND_ACTIONS.function!, to);
    case 'emit': {
      const prefix = toKind === 'bucket' && typeof edge.options.prefix === 'string' && edge.options.prefix ? edge.options.prefix : undefined;
      const event = toKind === 'event-bus' && edge.event ? graph.events.get(edge.event) : undefined;
      return accessGrants(toKind, accessWords(toKind, edge.options.access)).flatMap((g) => {
        // Listing is limited to the prefix by the request's `s3:prefix`; objects by their ARN.
        const condition = g.actions.includes('s3:ListBucket') && prefix
          ? { StringLike: { 's3:prefix': [`${prefix}*`] } }
          : event && g.actions.includes('events:PutEvents') ? putEventsCondition(event.source ?? appName(graph), event.detailType) : undefined;
        return role(from, g.actions, to, g.scope, g.scope === 'objects' ? prefix : undefined, condition);
      });
    }
    case 'websocket-route':
      // API Gateway invokes the route's function (its resource policy, scoped to the API's routes); it integrates nothing else (kinds/websocket-api.ts).
      return toKind === 'function' ? policy(PRINCIPALS.apigateway, to) : [];
    case 'route': {
      if (toKind === 'function') return policy(PRINCIPALS.apigateway, to);
      // An Express state machine answers the request (StartSyncExecution); a Standard one is started.
      if (toKind === 'state-machine') return started(PRINCIPALS.apigateway, to, to.kind === 'state-machine' && to.settings.flavor === 'express');
      // A bus integration puts one event: the route's catalog event, else `<name>.<api>` / the route.
      const event = edge.event ? graph.events.get(edge.event) : undefined;
      return service(PRINCIPALS.apigateway, to, toKind === 'event-bus'
        ? putEventsCondition(event?.source ?? `${appName(graph)}.${from.id}`, event?.detailType ?? edge.route ?? 'ANY /')
        : undefined);
    }
    case 'notification': {
      // S3 invokes the function; the function then reads the object that triggered it (the event
      // carries only its bucket and key), limited to the notification's key prefix.
      // (`role` grants nothing to a queue or topic notified.)
      const invoke = policy(PRINCIPALS.s3, to);
      return announcesReadableObjects(edge, from) ? invoke.concat(role(to, ['s3:GetObject'], from, 'objects', notificationPrefix(edge, from))) : invoke;
    }
    case 'subscription':
      return toKind === 'function' ? policy(PRINCIPALS.sns, to).concat(readsNotified(to, from)) : policy(PRINCIPALS.sns, to);
    case 'delivery':
      // Firehose's delivery role on its bucket (Amazon Data Firehose DG, "Controlling access":
      // grant Firehose access to an Amazon S3 destination), the objects under its prefix.
      return [
        { grantee: 'service-role', principal: PRINCIPALS.firehose, actions: sorted(FIREHOSE_BUCKET_ACTIONS), resource: to.id, scope: 'resource' },
        { grantee: 'service-role', principal: PRINCIPALS.firehose, actions: sorted(FIREHOSE_OBJECT_ACTIONS), resource: to.id, scope: 'objects', ...(from.kind === 'firehose' && from.settings.prefix ? { prefix: from.settings.prefix } : {}) },
      ];
    case 'transform':
      // The same guide: "Grant Firehose access to … data transformation" (invoke, read its configuration).
      return [{ grantee: 'service-role', principal: PRINCIPALS.firehose, actions: sorted(FIREHOSE_TRANSFORM_ACTIONS), resource: to.id, scope: 'resource' }];
    case 'rule':
      return toKind === 'event-bus' || toKind === 'stream' || toKind === 'firehose' || toKind === 'state-machine' ? service(PRINCIPALS.events, to) : policy(PRINCIPALS.events, to);
    case 'task':
      return from.kind === 'state-machine' ? taskPermissions(edge, from, to) : [];
    case 'pipe-source': {
      // The pipe polls its source with its own role (EventBridge Pipes: "Permissions for the source").
      // An existing source (`external` with its `arn`) counts as the kind its ARN names.
      const read = fromKind === 'queue' ? SQS_POLL_ACTIONS : fromKind === 'stream' ? KINESIS_READ_ACTIONS : fromKind === 'table' ? DYNAMODB_STREAM_ACTIONS : [];
      return read.length === 0 ? [] : [{ grantee: 'service-role', principal: PRINCIPALS.pipes, actions: sorted(read), resource: from.id, scope: fromKind === 'table' ? 'stream' : 'resource' }];
    }
    case 'enrichment':
      // Enrichments are called synchronously: an Express state machine through StartSyncExecution.
      return to.kind === 'state-machine' ? started(PRINCIPALS.pipes, to, true) : service(PRINCIPALS.pipes, to);
    case 'pipe':
      if (to.kind === 'state-machine') return started(PRINCIPALS.pipes, to, edge.options.sync === true);
      // Pipes send batches through a target's batch API where it has one (Kinesis PutRecords).
      if (to.kind === 'stream') return [{ grantee: 'service-role', principal: PRINCIPALS.pipes, actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], resource: to.id, scope: 'resource' }];
      return service(PRINCIPALS.pipes, to);
    case 'schedule':
      // A schedule targeting a bus puts a `Scheduled Event` from `<name>.<schedule>`.
      return service(PRINCIPALS.scheduler, to, toKind === 'event-bus' ? putEventsCondition(`${appName(graph)}.${from.id}`, 'Scheduled Event') : undefined);
    case 'redrive':
      if (fromKind === 'queue') return []; // SQS moves the message itself
      if (fromKind === 'schedule') return service(PRINCIPALS.scheduler, to);
      if (fromKind === 'pipe') return service(PRINCIPALS.pipes, to);
      return policy(fromKind === 'topic' ? PRINCIPALS.sns : PRINCIPALS.events, to);
    case 'external': {
      // An existing resource (its `arn`) sending on: the service it belongs to pushes to the target
      // (a topic subscription, a bucket notification, a rule), or the target function polls it.
      if (fromKind === 'queue') return role(to, SQS_POLL_ACTIONS, from);
      if (fromKind === 'stream') return role(to, KINESIS_READ_ACTIONS, from);
      if (fromKind === 'table') return role(to, DYNAMODB_STREAM_ACTIONS, from, 'stream');
      const principal = PUSHING_SERVICE[fromKind];
      if (!principal || (toKind !== 'function' && toKind !== 'queue' && toKind !== 'topic')) return [];
      // A function notified by an existing bucket reads the objects it is told about; one fed by a
      // topic that such a bucket notifies, too (a queue or topic is granted no role: `role` gives it nothing).
      return policy(principal, to).concat(fromKind === 'bucket' ? role(to, ['s3:GetObject'], from, 'objects') : readsNotified(to, from));
    }
    default:
      return [];
  }
}
