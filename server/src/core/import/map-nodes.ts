import { FUNCTION_DEFAULTS } from '../model/build-graph';
import type { NodeKind, Section } from '../model/kinds';
import type { Draft, DraftNode } from './draft';
import { toNodeName } from './names';
import { asList, isObj, type Obj, type Resource, type Template } from './template';

/** CloudFormation and SAM types that map onto an Archflow kind. */
const KIND_OF_TYPE: Readonly<Record<string, NodeKind>> = {
  'AWS::Serverless::Function': 'function',
  'AWS::Lambda::Function': 'function',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
  'AWS::Events::EventBus': 'event-bus',
  'AWS::Kinesis::Stream': 'stream',
  'AWS::DynamoDB::Table': 'table',
  'AWS::Serverless::SimpleTable': 'table',
  'AWS::S3::Bucket': 'bucket',
  'AWS::Serverless::Api': 'http-api',
  'AWS::ApiGateway::RestApi': 'http-api',
  'AWS::Serverless::HttpApi': 'http-api',
  'AWS::ApiGatewayV2::Api': 'http-api',
  'AWS::Scheduler::Schedule': 'schedule',
};

/** Types that wire other resources together: read into edges and settings, not nodes. */
export const WIRING_TYPES: ReadonlySet<string> = new Set([
  'AWS::Events::Rule', 'AWS::Lambda::EventSourceMapping', 'AWS::SNS::Subscription', 'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::Permission', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Resource', 'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration', 'AWS::Serverless::Connector', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy',
  'AWS::S3::BucketPolicy', 'AWS::Kinesis::StreamConsumer',
]);

/** Types outside the event flow (IAM, logs, deployment, networking, secrets): listed in the notes, not imported. */
const SUPPORTING_PREFIXES = ['AWS::IAM::', 'AWS::Logs::', 'AWS::KMS::', 'AWS::EC2::', 'AWS::SecretsManager::', 'AWS::SSM::', 'AWS::Route53::', 'AWS::CertificateManager::', 'AWS::CloudFormation::'];
const SUPPORTING_TYPES = new Set([
  'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage', 'AWS::ApiGateway::Account', 'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator', 'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::DomainName', 'AWS::ApiGateway::BasePathMapping', 'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Deployment', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::DomainName',
  'AWS::ApiGatewayV2::ApiMapping', 'AWS::Lambda::LayerVersion', 'AWS::Serverless::LayerVersion', 'AWS::Lambda::Version',
  'AWS::Lambda::Alias', 'AWS::Lambda::LayerVersionPermission', 'AWS::Lambda::Url', 'AWS::Events::Connection',
  'AWS::CloudWatch::Dashboard', 'AWS::SNS::TopicInlinePolicy', 'AWS::SQS::QueueInlinePolicy', 'AWS::Lambda::CodeSigningConfig',
]);

/** Is this a type outside the event flow? */
export function isSupporting(type: string): boolean {
  return SUPPORTING_TYPES.has(type) || SUPPORTING_PREFIXES.some((p) => type.startsWith(p));
}

/** Where externals of some types belong; the others are placed by their edges. */
const EXTERNAL_SECTION: Readonly<Record<string, Section>> = {
  'AWS::Pipes::Pipe': 'routers',
  'AWS::AmazonMQ::Broker': 'routers',
  'AWS::MSK::Cluster': 'routers',
  'AWS::MSK::ServerlessCluster': 'routers',
  'AWS::Serverless::StateMachine': 'consumers',
  'AWS::StepFunctions::StateMachine': 'consumers',
};

/** The Archflow kind a resource maps onto, or undefined. */
export function kindOfResource(t: Template, r: Resource): NodeKind | undefined {
  if (r.type === 'AWS::ApiGatewayV2::Api' && String(t.render(r.properties.ProtocolType) ?? 'HTTP').toUpperCase() === 'WEBSOCKET') return undefined;
  return KIND_OF_TYPE[r.type];
}

const isFifoQueue = (t: Template, r: Resource): boolean =>
  t.bool(r.properties.FifoQueue) === true || /\.fifo$/.test(t.str(r.properties.QueueName) ?? '');
const isFifoTopic = (t: Template, r: Resource): boolean =>
  t.bool(r.properties.FifoTopic) === true || /\.fifo$/.test(t.str(r.properties.TopicName) ?? '');

/** Pass 1: a node for every resource that maps onto a kind or has no Archflow equivalent. */
export function declareNodes(d: Draft): void {
  const { t } = d;
  for (const r of t.resources.values()) d.names.reserve(toNodeName(r.id));
  for (const r of t.resources.values()) {
    const kind = kindOfResource(t, r);
    if (kind) {
      const fifo = (kind === 'queue' && isFifoQueue(t, r)) || (kind === 'topic' && isFifoTopic(t, r));
      const name = fifo ? toNodeName(r.id, '.fifo') : toNodeName(r.id);
      d.names.reserve(name);
      d.add(r.id, kind, name, r.type);
    } else if (!WIRING_TYPES.has(r.type) && !isSupporting(r.type)) {
      external(d, r);
    }
  }
}

/** An external node for a resource with no Archflow kind. */
function external(d: Draft, r: Resource): DraftNode {
  const node = d.add(r.id, 'external', toNodeName(r.id), r.type, EXTERNAL_SECTION[r.type]);
  node.props.description = externalDescription(d.t, r);
  d.notes.add(`${r.id} (${r.type}) is an external node: Archflow has no kind for it, so it is shown but not generated.`);
  return node;
}

function externalDescription(t: Template, r: Resource): string {
  const p = r.properties;
  switch (r.type) {
    case 'AWS::Serverless::StateMachine':
    case 'AWS::StepFunctions::StateMachine': {
      const type = t.str(p.Type ?? p.StateMachineType) ?? 'STANDARD';
      return `Step Functions state machine (${type}); its definition is not analysed.`;
    }
    case 'AWS::Pipes::Pipe':
      return 'EventBridge Pipe.';
    case 'AWS::AmazonMQ::Broker':
      return `Amazon MQ broker${t.str(p.EngineType) ? ` (${t.str(p.EngineType)})` : ''}.`;
    case 'AWS::Events::ApiDestination':
      return `EventBridge API destination${t.str(p.InvocationEndpoint) ? ` (${t.str(p.HttpMethod) ?? 'POST'} ${t.str(p.InvocationEndpoint)})` : ''}.`;
    case 'AWS::Logs::LogGroup':
      return `CloudWatch Logs log group${t.str(p.LogGroupName) ? ` ${t.str(p.LogGroupName)}` : ''}.`;
    default:
      return `${r.type}: no Archflow equivalent; shown on the diagram, not generated.`;
  }
}

/**
 * The node for a resource of the template: the node it maps onto, or an external node (created on
 * first use for a resource that was left out as supporting, e.g. a log group that a pipe writes to).
 * Undefined for wiring resources.
 */
export function nodeFor(d: Draft, r: Resource): DraftNode | undefined {
  const node = d.get(r.id);
  if (node) return node;
  if (WIRING_TYPES.has(r.type)) return undefined;
  return external(d, r);
}

/** A number as a duration in the format: seconds, or `Nms` when not whole. */
function msDuration(ms: number): number | string {
  return ms % 1000 === 0 ? ms / 1000 : `${ms}ms`;
}

/** Writes `key: value` when value is defined. */
function put(o: Obj, key: string, value: unknown): void {
  if (value !== undefined && value !== null) o[key] = value;
}

/** Properties naming a resource: Archflow names resources `<architecture>-<node>` instead. */
const NAME_PROPERTIES = ['QueueName', 'TopicName', 'BucketName', 'FunctionName', 'TableName', 'Name'];

/** Notes every property of `props` not in `handled`, and a physical name that is not kept. */
function noteRest(d: Draft, r: Resource, props: Obj, handled: readonly string[]): void {
  for (const k of Object.keys(props)) if (!handled.includes(k)) d.notes.notCarriedOver(k, r.id);
  if (NAME_PROPERTIES.some((k) => props[k] !== undefined)) {
    d.notes.add('Physical names (QueueName, FunctionName, BucketName, …) were not carried over: Archflow names each resource after the architecture and its node.');
  }
}

const isNode = (runtime: unknown): boolean => typeof runtime === 'string' && runtime.startsWith('nodejs');

/**
 * Function settings from SAM or Lambda properties: runtime, handler and code (kept only for
 * runtimes whose code Archflow does not generate), memory, timeout, `/tmp`, architecture, layers,
 * environment, reserved concurrency.
 */
function functionSettings(d: Draft, props: Obj, id: string, effectiveRuntime: unknown): Obj {
  const { t } = d;
  const o: Obj = {};
  put(o, 'description', t.str(props.Description));
  const runtime = t.str(props.Runtime);
  put(o, 'runtime', runtime);
  if (!isNode(effectiveRuntime)) {
    put(o, 'handler', t.str(props.Handler));
    const code = props.CodeUri ?? (isObj(props.Code) ? undefined : props.Code);
    if (typeof code === 'string') o.code = code;
  } else if (props.Handler !== undefined || props.CodeUri !== undefined) {
    d.notes.add('Node.js handlers are generated by Archflow: the Handler and CodeUri of Node.js functions were not carried over (your code stays where it is).');
  }
  put(o, 'memory', t.num(props.MemorySize));
  put(o, 'timeout', t.num(props.Timeout));
  put(o, 'tmp', isObj(props.EphemeralStorage) ? t.num(props.EphemeralStorage.Size) : undefined);
  const arch = asList(t.render(props.Architectures))[0];
  if (arch === 'arm64' || arch === 'x86_64') o.architecture = arch;
  if (props.Layers !== undefined) {
    const layers: string[] = [];
    for (const l of asList(props.Layers)) {
      const s = t.render(l);
      if (typeof s === 'string' && /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:/.test(s)) layers.push(s);
      else d.notes.notCarriedOver('Layers that are not a literal layer-version ARN', id);
    }
    if (layers.length > 0) o.layers = layers;
  }
  const env = isObj(props.Environment) ? t.render(props.Environment.Variables) : undefined;
  if (isObj(env)) {
    const vars: Obj = {};
    for (const [k, v] of Object.entries(env)) vars[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    o.environment = vars;
  }
  put(o, 'reservedConcurrency', t.num(props.ReservedConcurrentExecutions));
  return o;
}

const SAM_FUNCTION_HANDLED = [
  'Description', 'Runtime', 'Handler', 'CodeUri', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Architectures', 'Layers',
  'Environment', 'ReservedConcurrentExecutions', 'Events', 'Policies', 'Role', 'EventInvokeConfig', 'DeadLetterQueue',
  'FunctionName', 'Connectors',
];
const LAMBDA_FUNCTION_HANDLED = [
  'Description', 'Runtime', 'Handler', 'Code', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Architectures', 'Layers',
  'Environment', 'ReservedConcurrentExecutions', 'Role', 'DeadLetterConfig', 'FunctionName',
];

/** SAM merges `Globals` into each function: maps merge, lists add up, scalars are overridden. */
function mergeGlobals(global: unknown, own: unknown): unknown {
  if (own === undefined) return global;
  if (isObj(global) && isObj(own) && !Object.keys(own).some((k) => k.startsWith('Fn::') || k === 'Ref')) {
    const out: Obj = { ...global };
    for (const [k, v] of Object.entries(own)) out[k] = mergeGlobals(global[k], v);
    return out;
  }
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  return own;
}

/** The `defaults` of the architecture, from SAM `Globals.Function`. */
function defaultsFromGlobals(d: Draft): Obj {
  const g = isObj(d.t.globals.Function) ? d.t.globals.Function : {};
  const defaults = functionSettings(d, g, 'Globals', g.Runtime);
  delete defaults.description;
  delete defaults.code;
  delete defaults.reservedConcurrency;
  for (const k of Object.keys(g)) if (!SAM_FUNCTION_HANDLED.includes(k) || ['Description', 'CodeUri', 'ReservedConcurrentExecutions'].includes(k)) d.notes.notCarriedOver(k, 'Globals');
  return defaults;
}

/** The AWS value of a setting a function leaves unset, for functions `defaults` must not apply to. */
const AWS_DEFAULTS: Readonly<Record<string, unknown>> = {
  memory: FUNCTION_DEFAULTS.memory, timeout: FUNCTION_DEFAULTS.timeout, tmp: FUNCTION_DEFAULTS.tmp,
  architecture: FUNCTION_DEFAULTS.architecture, environment: {}, layers: [],
};

function mapFunction(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const sam = r.type === 'AWS::Serverless::Function';
  const g = sam && isObj(t.globals.Function) ? t.globals.Function : {};
  const props = r.properties;
  const runtime = t.render(props.Runtime ?? g.Runtime);
  let own: Obj;
  if (sam) {
    // Write what the function sets; environment and layers are merged with Globals here, because
    // in Archflow a function's own `environment` replaces `defaults.environment`.
    const merged: Obj = { ...props };
    if (props.Environment !== undefined && g.Environment !== undefined) merged.Environment = mergeGlobals(g.Environment, props.Environment);
    if (props.Layers !== undefined && g.Layers !== undefined) merged.Layers = mergeGlobals(g.Layers, props.Layers);
    own = functionSettings(d, merged, r.id, runtime);
    noteRest(d, r, props, SAM_FUNCTION_HANDLED);
  } else {
    own = functionSettings(d, props, r.id, runtime);
    noteRest(d, r, props, LAMBDA_FUNCTION_HANDLED);
    for (const [k, v] of Object.entries(AWS_DEFAULTS)) if (k in d.defaults && !(k in own)) own[k] = v;
    if (('runtime' in d.defaults && !('runtime' in own)) || ('handler' in d.defaults && !('handler' in own))) {
      d.notes.add(`${r.id} is a plain Lambda function: \`defaults\` (from SAM Globals) now also apply to its runtime and handler.`);
    }
  }
  if (t.str(props.PackageType) === 'Image') d.notes.add(`${r.id} is a container image function: Archflow models zip functions, so its runtime is assumed.`);
  const role = props.Role;
  if (typeof role === 'string' && role.startsWith('arn:')) own.role = role;
  Object.assign(node.props, own);
  // Asynchronous invocation: EventInvokeConfig (SAM), DeadLetterQueue / DeadLetterConfig (legacy DLQ).
  if (isObj(props.EventInvokeConfig)) eventInvokeConfig(d, node, props.EventInvokeConfig);
  const dlq = isObj(props.DeadLetterQueue) ? props.DeadLetterQueue.TargetArn : isObj(props.DeadLetterConfig) ? props.DeadLetterConfig.TargetArn : undefined;
  if (dlq !== undefined && node.async.onFailure === undefined) {
    const target = resolveTarget(d, dlq, ['queue', 'topic'], `${r.id}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${r.id}`);
    node.async.onFailure = d.ref(target);
    d.notes.add(`The dead-letter queue of ${r.id} became its on-failure destination (\`async.onFailure\`).`);
  }
}

/** `EventInvokeConfig` (SAM property or `AWS::Lambda::EventInvokeConfig`) → `async`. */
export function eventInvokeConfig(d: Draft, fn: DraftNode, c: Obj): void {
  const { t } = d;
  const retries = t.num(c.MaximumRetryAttempts);
  const maxAge = t.num(c.MaximumEventAgeInSeconds);
  if (retries !== undefined) fn.async.retries = retries;
  if (maxAge !== undefined) fn.async.maxAge = maxAge;
  const dest = isObj(c.DestinationConfig) ? c.DestinationConfig : {};
  if (isObj(dest.OnFailure) && dest.OnFailure.Destination !== undefined) {
    const target = resolveTarget(d, dest.OnFailure.Destination, ['queue', 'topic', 'event-bus', 'function'], `${fn.key}OnFailure`, String(t.render(dest.OnFailure.Type) ?? 'AWS::SQS::Queue'), `The on-failure destination of ${fn.key}`);
    fn.async.onFailure = d.ref(target);
  }
  if (isObj(dest.OnSuccess)) d.notes.notCarriedOver('EventInvokeConfig.OnSuccess', fn.key);
}

/**
 * The node a value points at, restricted to some kinds; a node of another kind or a value outside
 * the template gives an external stand-in (so the edge is still shown).
 */
export function resolveTarget(d: Draft, value: unknown, kinds: readonly NodeKind[] | undefined, label: string, resource: string, what: string): DraftNode {
  const r = d.t.target(value);
  const node = r ? nodeFor(d, r) : undefined;
  if (node && (!kinds || kinds.includes(node.kind) || node.kind === 'external')) return node;
  const shown = d.t.canonical(value) ?? JSON.stringify(d.t.render(value));
  const key = `stand-in:${resource}:${d.t.canonical(value) ?? label}`;
  const description = node
    ? `${what}: ${node.name} is ${node.kind === 'http-api' ? 'an' : 'a'} ${node.kind}, which the format does not allow here.`
    : `${what}: ${shown} (not declared in this template).`;
  return d.standIn(key, label, resource, description);
}

function mapQueue(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const p = r.properties;
  const o = node.props;
  if (node.name.endsWith('.fifo')) o.fifo = true;
  if (t.bool(p.ContentBasedDeduplication) === true) o.contentBasedDeduplication = true;
  put(o, 'visibilityTimeout', t.num(p.VisibilityTimeout));
  put(o, 'retention', t.num(p.MessageRetentionPeriod));
  put(o, 'delay', t.num(p.DelaySeconds));
  put(o, 'receiveWait', t.num(p.ReceiveMessageWaitTimeSeconds));
  put(o, 'maxMessageSize', t.num(p.MaximumMessageSize));
  let redrive = p.RedrivePolicy;
  if (typeof redrive === 'string') {
    try {
      redrive = JSON.parse(redrive);
    } catch {
      redrive = undefined;
    }
  }
  if (isObj(redrive) && redrive.deadLetterTargetArn !== undefined) {
    const dlq = resolveTarget(d, redrive.deadLetterTargetArn, ['queue'], `${r.id}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${r.id}`);
    const dl: Obj = { queue: dlq.name };
    dlq.incoming++;
    put(dl, 'maxReceiveCount', t.num(redrive.maxReceiveCount));
    o.deadLetter = dl;
  }
  noteRest(d, r, p, ['FifoQueue', 'ContentBasedDeduplication', 'VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MaximumMessageSize', 'RedrivePolicy', 'QueueName']);
}

function mapTopic(d: Draft, r: Resource, node: DraftNode): void {
  const p = r.properties;
  if (node.name.endsWith('.fifo')) node.props.fifo = true;
  if (d.t.bool(p.ContentBasedDeduplication) === true) node.props.contentBasedDeduplication = true;
  noteRest(d, r, p, ['FifoTopic', 'ContentBasedDeduplication', 'Subscription', 'TopicName']);
}

function mapStream(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const p = r.properties;
  const mode = isObj(p.StreamModeDetails) ? t.str(p.StreamModeDetails.StreamMode) : undefined;
  if (mode === 'ON_DEMAND') node.props.mode = 'on-demand';
  else put(node.props, 'shards', t.num(p.ShardCount));
  const hours = t.num(p.RetentionPeriodHours);
  if (hours !== undefined) node.props.retention = `${hours}h`;
  noteRest(d, r, p, ['StreamModeDetails', 'ShardCount', 'RetentionPeriodHours', 'Name']);
}

function mapTable(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const p = r.properties;
  if (r.type === 'AWS::Serverless::SimpleTable') {
    const pk = isObj(p.PrimaryKey) ? p.PrimaryKey : undefined;
    const name = pk ? t.str(pk.Name) : 'id';
    const type = pk ? t.str(pk.Type) : 'String';
    node.props.partitionKey = type === 'Number' ? `${name}:N` : type === 'Binary' ? `${name}:B` : name;
    noteRest(d, r, p, ['PrimaryKey', 'TableName']);
    return;
  }
  const types = new Map<string, string>();
  for (const a of asList(p.AttributeDefinitions)) if (isObj(a)) types.set(String(t.render(a.AttributeName)), String(t.render(a.AttributeType)));
  const key = (role: string): string | undefined => {
    const k = asList(p.KeySchema).find((e) => isObj(e) && t.str(e.KeyType) === role) as Obj | undefined;
    const name = k ? t.str(k.AttributeName) : undefined;
    if (!name) return undefined;
    const type = types.get(name) ?? 'S';
    return type === 'S' ? name : `${name}:${type}`;
  };
  put(node.props, 'partitionKey', key('HASH'));
  put(node.props, 'sortKey', key('RANGE'));
  const view = isObj(p.StreamSpecification) ? t.str(p.StreamSpecification.StreamViewType) : undefined;
  if (view && ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'].includes(view)) node.props.stream = view;
  if (isObj(p.KinesisStreamSpecification)) {
    const stream = t.target(p.KinesisStreamSpecification.StreamArn);
    d.notes.add(`${r.id} sends item changes to ${stream ? stream.id : 'a Kinesis stream'} (KinesisStreamSpecification): Archflow cannot express a table-to-stream link, so it is not shown.`);
  }
  noteRest(d, r, p, ['AttributeDefinitions', 'KeySchema', 'StreamSpecification', 'KinesisStreamSpecification', 'TableName']);
}

function mapBucket(d: Draft, r: Resource, node: DraftNode): void {
  const p = r.properties;
  if (isObj(p.VersioningConfiguration) && d.t.str(p.VersioningConfiguration.Status) === 'Enabled') node.props.versioned = true;
  const n = isObj(p.NotificationConfiguration) ? p.NotificationConfiguration : {};
  if (isObj(n.EventBridgeConfiguration) && d.t.bool(n.EventBridgeConfiguration.EventBridgeEnabled) !== false) {
    d.notes.add(`${r.id} sends its events to the default event bus (EventBridgeConfiguration): Archflow buckets notify functions, queues and topics only, so that link is not shown.`);
    node.suppress.set('graph/dead-end-producer', 'it sends its events to the default event bus (EventBridgeConfiguration)');
  }
  noteRest(d, r, p, ['VersioningConfiguration', 'NotificationConfiguration', 'BucketName']);
}

function mapApi(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const p = r.properties;
  const rest = r.type === 'AWS::Serverless::Api' || r.type === 'AWS::ApiGateway::RestApi';
  node.props.flavor = rest ? 'rest' : 'http';
  const globals = isObj(t.globals[r.type === 'AWS::Serverless::Api' ? 'Api' : 'HttpApi']) ? (t.globals[r.type === 'AWS::Serverless::Api' ? 'Api' : 'HttpApi'] as Obj) : {};
  const cors = p.Cors ?? p.CorsConfiguration ?? (r.type.startsWith('AWS::Serverless') ? globals.Cors ?? globals.CorsConfiguration : undefined);
  if (cors !== undefined && cors !== false && t.bool(cors) !== false) node.props.cors = true;
  noteRest(d, r, p, ['Cors', 'CorsConfiguration', 'DefinitionBody', 'Body', 'Name', 'StageName', 'ProtocolType', 'Description']);
  put(node.props, 'description', t.str(p.Description));
}

/** A schedule expression, retry policy, dead-letter queue and input → schedule settings. */
export function scheduleSettings(d: Draft, node: DraftNode, c: { expression: unknown; timezone?: unknown; window?: unknown; input?: unknown; retry?: unknown; deadLetter?: unknown; deadLetterNode?: DraftNode; description?: unknown }, owner: string): void {
  const { t } = d;
  const o = node.props;
  put(o, 'description', t.str(c.description));
  put(o, 'schedule', t.str(c.expression));
  put(o, 'timezone', t.str(c.timezone));
  if (isObj(c.window) && t.str(c.window.Mode) === 'FLEXIBLE') put(o, 'flexibleWindow', t.num(c.window.MaximumWindowInMinutes));
  if (c.input !== undefined) {
    const input = t.render(c.input);
    if (typeof input === 'string') {
      try {
        o.input = JSON.parse(input);
      } catch {
        o.input = input;
      }
    } else o.input = input;
  }
  const retry = retryPolicy(d, c.retry);
  if (retry) o.retry = retry;
  const dlq = isObj(c.deadLetter) ? c.deadLetter.Arn : undefined;
  const q = c.deadLetterNode ?? (dlq !== undefined ? resolveTarget(d, dlq, ['queue'], `${owner}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${owner}`) : undefined);
  if (q) {
    o.deadLetter = q.name;
    q.incoming++;
  }
}

/** `RetryPolicy` of a rule target or schedule → `{ attempts, maxAge }`. */
export function retryPolicy(d: Draft, value: unknown): Obj | undefined {
  if (!isObj(value)) return undefined;
  const out: Obj = {};
  put(out, 'attempts', d.t.num(value.MaximumRetryAttempts));
  put(out, 'maxAge', d.t.num(value.MaximumEventAgeInSeconds));
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Pass 2: each node's own settings (not its edges). */
export function mapSettings(d: Draft): void {
  d.defaults = defaultsFromGlobals(d);
  for (const r of d.t.resources.values()) {
    const node = d.get(r.id);
    if (!node) continue;
    switch (node.kind) {
      case 'function': mapFunction(d, r, node); break;
      case 'queue': mapQueue(d, r, node); break;
      case 'topic': mapTopic(d, r, node); break;
      case 'stream': mapStream(d, r, node); break;
      case 'table': mapTable(d, r, node); break;
      case 'bucket': mapBucket(d, r, node); break;
      case 'http-api': mapApi(d, r, node); break;
      default: break;
    }
  }
}

export { msDuration };
