// The permissions each edge of the graph needs, in one table (shared reference aws-limits.md §9).
// Used by the IAM rule (what a function's own `policies` must grant) and by codegen (the
// least-privilege role of each function, queue and topic policies, Lambda permissions, service roles).
import type { BucketNotification } from '../kinds/bucket';
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

/** Which ARN of the resource node the actions apply to. */
export type PermissionScope = 'resource' | 'objects' | 'stream' | 'consumer';

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
  /**
   * `resource` (the node's ARN), `objects` (a bucket's objects, `arn/*` or `arn/prefix*`), `stream` (a
   * table's stream), `consumer` (the enhanced fan-out consumer of a Kinesis reader, `fanOut: true`).
   */
  readonly scope: PermissionScope;
  /** For bucket objects: the key prefix the function is limited to. */
  readonly prefix?: string;
}

/** Writing to CloudWatch Logs: every function's execution role needs these (AWSLambdaBasicExecutionRole). */
export const LOGS_ACTIONS: readonly string[] = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

/** Polling an SQS queue (AWSLambdaSQSQueueExecutionRole). */
export const SQS_POLL_ACTIONS: readonly string[] = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
/** Reading a Kinesis stream (AWSLambdaKinesisExecutionRole, K5). */
export const KINESIS_READ_ACTIONS: readonly string[] = [
  'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator',
  'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard',
];
/** Reading through an enhanced fan-out consumer, on the consumer's ARN. */
export const KINESIS_FAN_OUT_ACTIONS: readonly string[] = ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'];
/** Reading a DynamoDB stream (AWSLambdaDynamoDBExecutionRole). */
export const DYNAMODB_STREAM_ACTIONS: readonly string[] = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

/** Sending to a node: the action a sender needs for each kind of target. */
export const SEND_ACTIONS: Readonly<Partial<Record<NodeKind, readonly string[]>>> = {
  queue: ['sqs:SendMessage'],
  topic: ['sns:Publish'],
  'event-bus': ['events:PutEvents'],
  stream: ['kinesis:PutRecord'],
  function: ['lambda:InvokeFunction'],
};

/** What a function that emits to a node may do with it, by `access`. */
const EMIT_ACTIONS = {
  queue: { write: ['sqs:SendMessage'] },
  topic: { write: ['sns:Publish'] },
  'event-bus': { write: ['events:PutEvents'] },
  stream: { write: ['kinesis:PutRecord', 'kinesis:PutRecords'] },
  bucket: { write: ['s3:PutObject'], read: ['s3:GetObject'] },
  table: {
    write: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
  },
} as const satisfies Partial<Record<NodeKind, { write: readonly string[]; read?: readonly string[] }>>;

/** The ARN service of each kind of node. */
export const ARN_SERVICE: Readonly<Partial<Record<NodeKind, string>>> = {
  queue: 'sqs', topic: 'sns', 'event-bus': 'events', stream: 'kinesis', bucket: 's3', table: 'dynamodb', function: 'lambda',
};

/**
 * The resource part of the node's ARN for a permission (everything after the account), with `*`
 * where the text is unknown. The physical name is the node name, optionally prefixed with the
 * architecture name (`orders-billing`).
 */
export function arnResources(node: GraphNode, p: EdgePermission, stack: string | undefined): string[] {
  const names = [node.id, ...(stack ? [`${stack}-${node.id}`] : [])];
  return names.map((name) => {
    switch (node.kind) {
      case 'event-bus': return `event-bus/${name}`;
      case 'stream': return p.scope === 'consumer' ? `stream/${name}/consumer/*` : `stream/${name}`;
      case 'function': return `function:${name}`;
      case 'table': return p.scope === 'stream' ? `table/${name}/stream/*` : `table/${name}`;
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
} as const;

const sorted = (a: readonly string[]): string[] => [...new Set(a)].sort();

/** The actions a function emitting to `target` needs (`access` for buckets and tables, default `write`). */
export function emitActions(target: NodeKind, access: unknown): string[] {
  const table = (EMIT_ACTIONS as Partial<Record<NodeKind, { write: readonly string[]; read?: readonly string[] }>>)[target];
  if (!table) return [];
  if (access === 'read') return sorted(table.read ?? table.write);
  if (access === 'read-write') return sorted([...table.write, ...(table.read ?? [])]);
  return sorted(table.write);
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
      else if (e.mechanism === 'subscription' && from.kind === 'topic' && depth === 0) visit(from, 1);
    }
  };
  if (router.kind === 'queue' || router.kind === 'topic') visit(router, 0);
  return out;
}

/**
 * The permissions one edge needs. Edges to or from `external` nodes, and queue redrive (SQS moves the
 * message itself), need none.
 */
export function edgePermissions(edge: GraphEdge, graph: Graph): EdgePermission[] {
  const from = graph.nodes.get(edge.from);
  const to = graph.nodes.get(edge.to);
  if (!from || !to || from.kind === 'external' || to.kind === 'external') return [];
  const role = (fn: GraphNode, actions: readonly string[], resource: GraphNode, scope: PermissionScope = 'resource', prefix?: string): EdgePermission[] =>
    actions.length === 0 ? [] : [{ grantee: 'execution-role', function: fn.id, actions: sorted(actions), resource: resource.id, scope, ...(prefix ? { prefix } : {}) }];
  const policy = (principal: string, target: GraphNode): EdgePermission[] => {
    const actions = SEND_ACTIONS[target.kind];
    return actions ? [{ grantee: 'resource-policy', principal, actions: sorted(actions), resource: target.id, scope: 'resource' }] : [];
  };
  const service = (principal: string, target: GraphNode): EdgePermission[] => {
    const actions = SEND_ACTIONS[target.kind];
    return actions ? [{ grantee: 'service-role', principal, actions: sorted(actions), resource: target.id, scope: 'resource' }] : [];
  };
  /** A function fed S3 notifications through a queue or topic reads the notified objects too. */
  const readsNotified = (fn: GraphNode, router: GraphNode): EdgePermission[] =>
    notifiedObjects(router, graph).flatMap(({ bucket, prefix }) => role(fn, ['s3:GetObject'], bucket, 'objects', prefix));
  switch (edge.mechanism) {
    case 'queue-mapping':
      return role(to, SQS_POLL_ACTIONS, from).concat(readsNotified(to, from));
    case 'stream-mapping':
      if (from.kind === 'table') return role(to, DYNAMODB_STREAM_ACTIONS, from, 'stream');
      return edge.options.fanOut === true
        ? [...role(to, KINESIS_READ_ACTIONS, from), ...role(to, KINESIS_FAN_OUT_ACTIONS, from, 'consumer')]
        : role(to, KINESIS_READ_ACTIONS, from);
    case 'failure-destination': {
      if (from.kind === 'function') return role(from, SEND_ACTIONS[to.kind] ?? [], to);
      const mapping = mappingOfFailureEdge(edge, graph);
      const fn = mapping ? graph.nodes.get(mapping.to) : undefined;
      return fn && fn.kind === 'function' ? role(fn, SEND_ACTIONS[to.kind] ?? [], to) : [];
    }
    case 'emit': {
      const access = edge.options.access;
      const prefix = typeof edge.options.prefix === 'string' ? edge.options.prefix : undefined;
      return role(from, emitActions(to.kind, access), to, to.kind === 'bucket' ? 'objects' : 'resource', to.kind === 'bucket' ? prefix : undefined);
    }
    case 'route':
      return to.kind === 'function' ? policy(PRINCIPALS.apigateway, to) : service(PRINCIPALS.apigateway, to);
    case 'notification': {
      // S3 invokes the function; the function then reads the object that triggered it (the event
      // carries only its bucket and key), limited to the notification's key prefix.
      const invoke = policy(PRINCIPALS.s3, to);
      if (to.kind !== 'function' || !announcesReadableObjects(edge, from)) return invoke;
      return invoke.concat(role(to, ['s3:GetObject'], from, 'objects', notificationPrefix(edge, from)));
    }
    case 'subscription':
      return to.kind === 'function' ? policy(PRINCIPALS.sns, to).concat(readsNotified(to, from)) : policy(PRINCIPALS.sns, to);
    case 'rule':
      return to.kind === 'event-bus' || to.kind === 'stream' ? service(PRINCIPALS.events, to) : policy(PRINCIPALS.events, to);
    case 'schedule':
      return service(PRINCIPALS.scheduler, to);
    case 'redrive':
      if (from.kind === 'queue') return []; // SQS moves the message itself
      if (from.kind === 'schedule') return service(PRINCIPALS.scheduler, to);
      return policy(from.kind === 'topic' ? PRINCIPALS.sns : PRINCIPALS.events, to);
    default:
      return [];
  }
}
