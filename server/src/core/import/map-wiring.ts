import { eventInvokeConfig } from '../kinds/function';
import { RULE_TARGET } from '../kinds/event-bus';
import { kindModule, type NodeKind } from '../kinds/index';
import type { ImportFacet } from '../kinds/kind';
import { scheduleSettings } from '../kinds/schedule';
import type { Draft, DraftNode } from './draft';
import { msDuration, nodeFor, resolveTarget, retryPolicy } from './helpers';
import { toNodeName } from './names';
import { asList, intrinsicName, isObj, type Obj, type Resource } from './template';

/** Kinds an EventBridge rule, a schedule or a pipe can deliver to (what a bus rule may target). */
const DELIVERY_KINDS: readonly NodeKind[] = RULE_TARGET.names;

/** The CloudFormation type an ARN names (`arn:aws:sqs:…` → `AWS::SQS::Queue`), for stand-ins. */
export function typeOfArn(d: Draft, value: unknown): string {
  const s = d.t.canonical(value) ?? '';
  const service = /^arn:[^:]*:([a-z0-9-]+):/.exec(s.replace(/\$\{[^}]*\}/g, 'x'))?.[1];
  const types: Record<string, string> = {
    sqs: 'AWS::SQS::Queue', sns: 'AWS::SNS::Topic', lambda: 'AWS::Lambda::Function', events: 'AWS::Events::EventBus',
    kinesis: 'AWS::Kinesis::Stream', dynamodb: 'AWS::DynamoDB::Table', s3: 'AWS::S3::Bucket', states: 'AWS::StepFunctions::StateMachine',
    logs: 'AWS::Logs::LogGroup', kafka: 'AWS::MSK::Cluster', mq: 'AWS::AmazonMQ::Broker', firehose: 'AWS::KinesisFirehose::DeliveryStream',
    scheduler: 'AWS::Scheduler universal target', rds: 'AWS::RDS::DBCluster', ecs: 'AWS::ECS::Cluster', batch: 'AWS::Batch::JobQueue',
  };
  return (service && types[service]) ?? 'AWS resource';
}

/**
 * Adds the edge `from → to` where the format keeps it for `from`'s kind (`to` of a queue, stream,
 * table, topic, schedule or external). Returns false, with a note, when the format has no such edge.
 */
export function connect(d: Draft, from: DraftNode, to: DraftNode, options: Obj = {}, key?: string): boolean {
  const facet = kindModule(from.kind).import as ImportFacet<NodeKind>;
  if (facet.connect) return facet.connect(d, from, to, options, key);
  d.notes.add(`${from.name} (${from.kind}) sends to ${to.name}, which the format cannot express: that edge is not shown.`);
  return false;
}

function put(o: Obj, key: string, value: unknown): void {
  if (value !== undefined && value !== null) o[key] = value;
}

/** `FilterCriteria.Filters[].Pattern` → one filter pattern (several are OR-ed with `$or`). */
function filterOf(d: Draft, criteria: unknown, owner: string): Obj | undefined {
  if (!isObj(criteria)) return undefined;
  const patterns: Obj[] = [];
  for (const f of asList(criteria.Filters)) {
    if (!isObj(f)) continue;
    const p = d.t.render(f.Pattern);
    if (isObj(p)) patterns.push(p);
    else if (typeof p === 'string') {
      try {
        const parsed: unknown = JSON.parse(p);
        if (isObj(parsed)) patterns.push(parsed);
      } catch {
        d.notes.add(`A filter pattern of ${owner} is not JSON and was not carried over.`);
      }
    }
  }
  if (patterns.length === 0) return undefined;
  return patterns.length === 1 ? patterns[0] : { $or: patterns };
}

/**
 * Options of an event source mapping (SAM `SQS`/`Kinesis`/`DynamoDB` event or
 * `AWS::Lambda::EventSourceMapping`) for a consumer of a `kind` source.
 */
export function esmOptions(d: Draft, p: Obj, kind: NodeKind, owner: string): Obj {
  const { t } = d;
  const o: Obj = {};
  put(o, 'batchSize', t.num(p.BatchSize));
  put(o, 'batchWindow', t.num(p.MaximumBatchingWindowInSeconds));
  if (kind === 'stream' || kind === 'table') {
    put(o, 'startingPosition', t.str(p.StartingPosition));
    put(o, 'startingTimestamp', t.str(p.StartingPositionTimestamp));
    put(o, 'parallelization', t.num(p.ParallelizationFactor));
    put(o, 'maxRetries', t.num(p.MaximumRetryAttempts));
    put(o, 'maxRecordAge', t.num(p.MaximumRecordAgeInSeconds));
    if (t.bool(p.BisectBatchOnFunctionError) !== undefined) o.bisectOnError = t.bool(p.BisectBatchOnFunctionError);
    put(o, 'tumblingWindow', t.num(p.TumblingWindowInSeconds));
  }
  if (kind === 'queue' && isObj(p.ScalingConfig)) put(o, 'maxConcurrency', t.num(p.ScalingConfig.MaximumConcurrency));
  if (asList(t.render(p.FunctionResponseTypes)).includes('ReportBatchItemFailures')) o.reportFailures = true;
  if ((kind === 'stream' || kind === 'table') && isObj(p.DestinationConfig) && isObj(p.DestinationConfig.OnFailure)) {
    const dest = resolveTarget(d, p.DestinationConfig.OnFailure.Destination, ['queue', 'topic'], `${owner}OnFailure`, typeOfArn(d, p.DestinationConfig.OnFailure.Destination), `The on-failure destination of ${owner}`);
    o.onFailure = dest.name;
    dest.incoming++;
  }
  put(o, 'filter', filterOf(d, p.FilterCriteria, owner));
  if (t.bool(p.Enabled) === false) d.notes.add(`The event source mapping of ${owner} is disabled in the template; the edge is shown as enabled.`);
  return o;
}

/** `s3:ObjectCreated:*` → `ObjectCreated`; `s3:ObjectCreated:Put` → `ObjectCreated:Put`. */
const S3_EVENTS = new Set([
  'ObjectCreated', 'ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved', 'ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated', 'ObjectRestore', 'ObjectRestore:Post',
  'ObjectRestore:Completed', 'ObjectRestore:Delete', 'ReducedRedundancyLostObject', 'Replication', 'LifecycleExpiration',
  'LifecycleExpiration:Delete', 'LifecycleExpiration:DeleteMarkerCreated', 'LifecycleTransition', 'IntelligentTiering',
  'ObjectTagging', 'ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put',
]);

function s3Event(d: Draft, value: unknown, owner: string): string | undefined {
  const s = d.t.str(value);
  if (!s) return undefined;
  const e = s.replace(/^s3:/, '').replace(/:\*$/, '');
  if (S3_EVENTS.has(e)) return e;
  const family = e.split(':')[0]!;
  if (S3_EVENTS.has(family)) {
    d.notes.add(`The S3 event ${s} of ${owner} was widened to ${family}.`);
    return family;
  }
  d.notes.add(`The S3 event ${s} of ${owner} has no Archflow equivalent and was left out.`);
  return undefined;
}

/** Adds a notification of `bucket` (or an edge from its stand-in) to `target`. */
function notify(d: Draft, bucket: DraftNode, events: unknown[], filter: unknown, target: DraftNode, owner: string): void {
  if (bucket.kind !== 'bucket') {
    connect(d, bucket, target);
    return;
  }
  const on = [...new Set(events.map((e) => s3Event(d, e, owner)).filter((e): e is string => !!e))];
  const n: Obj = { on: on.length > 0 ? on : ['ObjectCreated'] };
  const rules = isObj(filter) && isObj(filter.S3Key) ? asList(filter.S3Key.Rules) : [];
  for (const rule of rules) {
    if (!isObj(rule)) continue;
    const name = d.t.str(rule.Name)?.toLowerCase();
    if (name === 'prefix' || name === 'suffix') put(n, name, d.t.str(rule.Value));
  }
  n.to = d.ref(target);
  bucket.notifications.push(n);
}

/** SNS subscription options: filter policy and scope, raw delivery, dead-letter queue. */
function subscriptionOptions(d: Draft, p: Obj, owner: string): Obj {
  const { t } = d;
  const o: Obj = {};
  let filter = t.render(p.FilterPolicy);
  if (typeof filter === 'string') {
    try {
      filter = JSON.parse(filter);
    } catch {
      filter = undefined;
    }
  }
  if (isObj(filter)) o.filter = filter;
  if (t.str(p.FilterPolicyScope) === 'MessageBody') o.filterScope = 'body';
  if (t.bool(p.RawMessageDelivery) === true) o.rawDelivery = true;
  let redrive = p.RedrivePolicy;
  if (typeof redrive === 'string') {
    try {
      redrive = JSON.parse(redrive);
    } catch {
      redrive = undefined;
    }
  }
  if (isObj(redrive) && redrive.deadLetterTargetArn !== undefined) {
    const q = resolveTarget(d, redrive.deadLetterTargetArn, ['queue'], `${owner}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${owner}`);
    o.deadLetter = q.name;
    q.incoming++;
  }
  return o;
}

/** One subscription of `topic`: a function, a queue, or an external stand-in for email, HTTP, SMS, … */
function subscribe(d: Draft, topic: DraftNode, protocol: string, endpoint: unknown, options: Obj, owner: string): void {
  const kinds: Record<string, NodeKind> = { lambda: 'function', sqs: 'queue' };
  const kind = kinds[protocol.toLowerCase()];
  const label = `${topic.key.replace(/^stand-in:.*:/, '')}${protocol.charAt(0).toUpperCase()}${protocol.slice(1).toLowerCase()}Subscriber`;
  const target = kind
    ? resolveTarget(d, endpoint, [kind], label, kind === 'queue' ? 'AWS::SQS::Queue' : 'AWS::Lambda::Function', `A subscriber of ${owner}`)
    : d.standIn(`subscriber:${owner}:${protocol}:${d.t.canonical(endpoint) ?? ''}`, toNodeName(label), 'AWS::SNS::Subscription', `${protocol} subscription${d.t.str(endpoint) ? `: ${d.t.str(endpoint)}` : ''}.`, 'consumers');
  connect(d, topic, target, options);
}

/** The bus a rule runs on: a bus of the template, the default bus, or an existing bus by name. */
export function busFor(d: Draft, value: unknown): DraftNode {
  const r = value === undefined ? undefined : d.t.target(value, (res) => res.type === 'AWS::Events::EventBus');
  const node = r ? d.get(r.id) : undefined;
  if (node) return node;
  const name = value === undefined ? 'default' : d.t.canonical(value) ?? 'default';
  const short = name.split('/').pop() ?? name;
  if (short === 'default') {
    const bus = d.get('#default');
    if (bus) return bus;
    // The account's default bus is referenced, never created: AWS service events arrive only there.
    const created = d.add('#default', 'event-bus', d.names.fresh('default'), 'AWS::Events::EventBus');
    created.props.default = true;
    return created;
  }
  const key = `#bus:${name}`;
  const existing = d.get(key);
  if (existing) return existing;
  const created = d.add(key, 'event-bus', d.names.fresh(short), 'AWS::Events::EventBus');
  created.props.description = `The existing event bus ${name} (not declared in this template).`;
  d.notes.add(`Rules on the existing bus ${name} were put on a bus named '${created.name}'.`);
  return created;
}

/** An event pattern as plain data (a JSON string is parsed). */
function patternOf(d: Draft, value: unknown): Obj {
  let p = d.t.render(value);
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      p = undefined;
    }
  }
  return isObj(p) ? p : {};
}

/** Options of an EventBridge rule target (CloudFormation `Targets[]` or SAM event properties). */
function ruleTargetOptions(d: Draft, tg: Obj, owner: string): Obj {
  const { t } = d;
  const o: Obj = {};
  if (isObj(tg.SqsParameters)) put(o, 'messageGroup', t.str(tg.SqsParameters.MessageGroupId));
  const retry = retryPolicy(d, tg.RetryPolicy);
  if (retry) o.retry = retry;
  const dl = isObj(tg.DeadLetterConfig) ? tg.DeadLetterConfig : undefined;
  if (dl) {
    const q = dl.Arn !== undefined
      ? resolveTarget(d, dl.Arn, ['queue'], `${owner}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${owner}`)
      : samQueue(d, t.str(dl.QueueLogicalId) ?? `${owner}Queue`, owner);
    o.deadLetter = q.name;
    q.incoming++;
  }
  if (tg.Input !== undefined) {
    const input = t.render(tg.Input);
    if (typeof input === 'string') {
      try {
        o.input = JSON.parse(input);
      } catch {
        o.input = input;
      }
    } else o.input = input;
  }
  for (const k of ['InputPath', 'InputTransformer']) if (tg[k] !== undefined) d.notes.notCarriedOver(k, owner);
  return o;
}

/** A queue that SAM creates for an event (`DeadLetterConfig: { Type: SQS }`, `SqsSubscription: true`). */
function samQueue(d: Draft, logicalId: string, owner: string): DraftNode {
  const existing = d.get(logicalId);
  if (existing) return existing;
  const q = d.add(logicalId, 'queue', d.names.fresh(logicalId), 'AWS::SQS::Queue');
  d.notes.add(`${q.name} is the queue SAM creates for ${owner}.`);
  return q;
}

/** Puts a rule on a bus under a unique name. */
function addRule(bus: DraftNode, name: string, rule: Obj): void {
  let key = toNodeName(name);
  for (let i = 2; bus.rules.has(key); i++) key = toNodeName(name, String(i));
  bus.rules.set(key, rule);
}

/** The source of a SAM event: a node of the template, or a stand-in for what it names. */
function eventSource(d: Draft, value: unknown, kinds: readonly NodeKind[], label: string, resource: string, what: string): DraftNode {
  return resolveTarget(d, value, kinds, label, resource, what);
}

const STAND_IN_TYPE: Readonly<Record<string, string>> = {
  MQ: 'AWS::AmazonMQ::Broker', MSK: 'AWS::MSK::Cluster', SelfManagedKafka: 'Apache Kafka', DocumentDB: 'AWS::DocDB::DBCluster',
  CloudWatchLogs: 'AWS::Logs::SubscriptionFilter', IoTRule: 'AWS::IoT::TopicRule', AlexaSkill: 'Alexa::ASK::Skill', Cognito: 'AWS::Cognito::UserPool',
};

/** An implicit SAM API (`ServerlessRestApi`, `ServerlessHttpApi`), created on first use. */
function implicitApi(d: Draft, id: 'ServerlessRestApi' | 'ServerlessHttpApi'): DraftNode {
  const existing = d.get(id);
  if (existing) return existing;
  const api = d.add(id, 'http-api', d.names.fresh(id), id === 'ServerlessRestApi' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi');
  api.props.flavor = id === 'ServerlessRestApi' ? 'rest' : 'http';
  const g = d.t.globals[id === 'ServerlessRestApi' ? 'Api' : 'HttpApi'];
  if (isObj(g) && (g.Cors !== undefined || g.CorsConfiguration !== undefined)) api.props.cors = true;
  d.notes.add(`${api.name} is the API SAM creates for ${id === 'ServerlessRestApi' ? 'Api' : 'HttpApi'} events without an API of their own.`);
  return api;
}

/** Adds `METHOD /path: target` to an API (or an edge from its stand-in). */
export function addRoute(d: Draft, api: DraftNode, method: string, path: string, target: DraftNode, options: Obj, owner: string): void {
  if (api.kind !== 'http-api') {
    connect(d, api, target);
    return;
  }
  let m = method.toUpperCase() === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : method.toUpperCase();
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'].includes(m)) {
    d.notes.add(`${owner}: the method ${method} is not an HTTP method; the route was written as ANY.`);
    m = 'ANY';
  }
  const p = path.startsWith('/') ? path : `/${path}`;
  const key = `${m} ${p.replace(/\s+/g, '')}`;
  const value = d.ref(target, options);
  const existing = api.routes.get(key);
  if (existing !== undefined) {
    if (JSON.stringify(existing) !== JSON.stringify(value)) d.notes.add(`${owner}: the route ${key} of ${api.name} is declared twice; the first target was kept.`);
    target.incoming--;
    return;
  }
  api.routes.set(key, value);
}

/** The events of a SAM function or state machine (`Events:`), each an edge into `target`. */
function samEvents(d: Draft, r: Resource, target: DraftNode): void {
  const { t } = d;
  const events = isObj(r.properties.Events) ? r.properties.Events : {};
  for (const [eventId, ev] of Object.entries(events)) {
    if (!isObj(ev)) continue;
    const type = t.str(ev.Type) ?? '';
    const p = isObj(ev.Properties) ? ev.Properties : {};
    const owner = `${r.id}.${eventId}`;
    const label = `${r.id}${eventId}`;
    switch (type) {
      case 'SQS': {
        const q = eventSource(d, p.Queue, ['queue'], label, 'AWS::SQS::Queue', `The queue of ${owner}`);
        connect(d, q, target, esmOptions(d, p, q.kind, owner));
        break;
      }
      case 'Kinesis':
      case 'DynamoDB': {
        const kind: NodeKind = type === 'Kinesis' ? 'stream' : 'table';
        const s = eventSource(d, p.Stream, [kind], label, type === 'Kinesis' ? 'AWS::Kinesis::Stream' : 'AWS::DynamoDB::Table', `The stream of ${owner}`);
        connect(d, s, target, esmOptions(d, p, s.kind, owner));
        break;
      }
      case 'SNS': {
        const topic = eventSource(d, p.Topic, ['topic'], label, 'AWS::SNS::Topic', `The topic of ${owner}`);
        const sub = p.SqsSubscription;
        if (sub === true || t.bool(sub) === true || isObj(sub)) {
          const o = isObj(sub) ? sub : {};
          const queue = o.QueueArn !== undefined
            ? resolveTarget(d, o.QueueArn, ['queue'], `${label}Queue`, 'AWS::SQS::Queue', `The queue of ${owner}`)
            : samQueue(d, `${r.id}${eventId}Queue`, owner);
          connect(d, topic, queue, subscriptionOptions(d, p, owner));
          connect(d, queue, target, esmOptions(d, o, 'queue', owner));
        } else {
          connect(d, topic, target, subscriptionOptions(d, p, owner));
        }
        break;
      }
      case 'S3': {
        const bucket = eventSource(d, p.Bucket, ['bucket'], label, 'AWS::S3::Bucket', `The bucket of ${owner}`);
        notify(d, bucket, asList(p.Events), p.Filter, target, owner);
        break;
      }
      case 'EventBridgeRule':
      case 'CloudWatchEvent': {
        const bus = busFor(d, p.EventBusName);
        const rule: Obj = {};
        put(rule, 'description', t.str(p.Description));
        if (t.str(p.State) === 'DISABLED' || t.bool(p.Enabled) === false) rule.enabled = false;
        rule.pattern = patternOf(d, p.Pattern);
        const targetOptions = ruleTargetOptions(d, p, label);
        rule.to = [d.ref(target, targetOptions)];
        addRule(bus, t.str(p.RuleName) ?? label, rule);
        break;
      }
      case 'Schedule':
      case 'ScheduleV2': {
        const node = d.add(`#schedule:${label}`, 'schedule', d.names.fresh(label), type === 'Schedule' ? 'AWS::Events::Rule' : 'AWS::Scheduler::Schedule');
        const created = isObj(p.DeadLetterConfig) && p.DeadLetterConfig.Arn === undefined
          ? samQueue(d, t.str(p.DeadLetterConfig.QueueLogicalId) ?? `${label}Queue`, owner)
          : undefined;
        scheduleSettings(d, node, {
          expression: type === 'Schedule' ? p.Schedule : p.ScheduleExpression, timezone: p.ScheduleExpressionTimezone,
          window: p.FlexibleTimeWindow, input: p.Input, retry: p.RetryPolicy, deadLetter: p.DeadLetterConfig,
          ...(created ? { deadLetterNode: created } : {}), description: p.Description,
        }, label);
        if (t.str(p.State) === 'DISABLED' || t.bool(p.Enabled) === false) d.notes.add(`The schedule ${node.name} is disabled in the template; Archflow schedules are always on.`);
        connect(d, node, target);
        break;
      }
      case 'Api':
      case 'HttpApi': {
        const apiId = type === 'Api' ? p.RestApiId : p.ApiId;
        const api = apiId !== undefined
          ? eventSource(d, apiId, ['http-api'], `${label}Api`, type === 'Api' ? 'AWS::ApiGateway::RestApi' : 'AWS::ApiGatewayV2::Api', `The API of ${owner}`)
          : implicitApi(d, type === 'Api' ? 'ServerlessRestApi' : 'ServerlessHttpApi');
        let method = t.str(p.Method);
        let path = t.str(p.Path);
        if (!method || !path) {
          method = 'ANY';
          path = '/{proxy+}';
          d.notes.add(`${owner} is the API's default route; it was written as ANY /{proxy+}.`);
        }
        const options: Obj = {};
        const ms = t.num(p.TimeoutInMillis);
        if (ms !== undefined && target.kind === 'function') options.timeout = msDuration(ms);
        addRoute(d, api, method, path, target, options, owner);
        break;
      }
      default: {
        const resource = STAND_IN_TYPE[type] ?? (type || 'event source');
        const sourceValue = p.Broker ?? p.Stream ?? p.Cluster ?? p.UserPool ?? p.LogGroupName;
        const source = sourceValue !== undefined
          ? eventSource(d, sourceValue, [], label, resource, `The ${type} source of ${owner}`)
          : d.standIn(`#event:${label}`, label, resource, `The ${type} event source of ${owner}${t.str(p.Sql) ? `: ${t.str(p.Sql)}` : ''}.`);
        if (!source.props.description) source.props.description = `The ${type} event source of ${owner}.`;
        connect(d, source, target);
        const rest = Object.keys(p).filter((k) => !['Broker', 'Stream', 'Cluster', 'UserPool', 'LogGroupName'].includes(k));
        if (rest.length > 0) d.notes.add(`The ${type} event ${owner} is shown as an edge from ${source.name}; its settings (${rest.join(', ')}) were not carried over.`);
      }
    }
  }
}

/** `AWS::Lambda::EventSourceMapping`. */
function eventSourceMapping(d: Draft, r: Resource): void {
  const p = r.properties;
  const fn = resolveTarget(d, p.FunctionName, ['function'], `${r.id}Function`, 'AWS::Lambda::Function', `The function of ${r.id}`);
  const sourceValue = p.EventSourceArn ?? (isObj(p.SelfManagedEventSource) ? p.SelfManagedEventSource : undefined);
  const source = resolveTarget(d, sourceValue, ['queue', 'stream', 'table'], `${r.id}Source`, sourceValue === p.EventSourceArn ? typeOfArn(d, sourceValue) : 'Apache Kafka', `The source of ${r.id}`);
  connect(d, source, fn, source.kind === 'external' ? {} : esmOptions(d, p, source.kind, r.id));
}

/** `AWS::SNS::Topic` `Subscription` lists and `AWS::SNS::Subscription`. */
function subscriptions(d: Draft): void {
  const { t } = d;
  for (const r of t.ofType('AWS::SNS::Topic')) {
    const topic = d.get(r.id);
    if (!topic) continue;
    for (const s of asList(r.properties.Subscription)) {
      if (isObj(s)) subscribe(d, topic, t.str(s.Protocol) ?? 'unknown', s.Endpoint, {}, r.id);
    }
  }
  for (const r of t.ofType('AWS::SNS::Subscription')) {
    const p = r.properties;
    const topic = resolveTarget(d, p.TopicArn, ['topic'], `${r.id}Topic`, 'AWS::SNS::Topic', `The topic of ${r.id}`);
    subscribe(d, topic, t.str(p.Protocol) ?? 'unknown', p.Endpoint, subscriptionOptions(d, p, r.id), r.id);
  }
}

/** `AWS::Events::Rule`: a rule on a bus, or a schedule per target when it has a `ScheduleExpression`. */
function rules(d: Draft): void {
  const { t } = d;
  for (const r of t.ofType('AWS::Events::Rule')) {
    const p = r.properties;
    const targets = asList(p.Targets).filter(isObj);
    if (targets.length === 0) {
      d.notes.add(`The rule ${r.id} has no targets and was not imported.`);
      continue;
    }
    const disabled = t.str(p.State) === 'DISABLED';
    const resolved = targets.map((tg, i) => ({
      tg,
      node: resolveTarget(d, tg.Arn, DELIVERY_KINDS, targets.length > 1 ? `${r.id}Target${i + 1}` : `${r.id}Target`, typeOfArn(d, tg.Arn), `A target of ${r.id}`),
    }));
    if (p.ScheduleExpression !== undefined && p.EventPattern === undefined) {
      resolved.forEach(({ tg, node: target }, i) => {
        const name = i === 0 ? toNodeName(r.id) : d.names.fresh(`${r.id}${i + 1}`);
        const schedule = d.add(i === 0 ? r.id : `${r.id}#${i}`, 'schedule', name, r.type);
        scheduleSettings(d, schedule, { expression: p.ScheduleExpression, input: tg.Input, retry: tg.RetryPolicy, deadLetter: tg.DeadLetterConfig, description: p.Description }, r.id);
        connect(d, schedule, target);
      });
      if (resolved.length > 1) d.notes.add(`The scheduled rule ${r.id} has ${resolved.length} targets: Archflow schedules have one, so it became ${resolved.length} schedules.`);
      if (disabled) d.notes.add(`The scheduled rule ${r.id} is disabled in the template; Archflow schedules are always on.`);
      continue;
    }
    if (p.ScheduleExpression !== undefined) d.notes.add(`The rule ${r.id} has both a pattern and a schedule; only its pattern was imported.`);
    const bus = busFor(d, p.EventBusName);
    const rule: Obj = {};
    put(rule, 'description', t.str(p.Description));
    if (disabled) rule.enabled = false;
    rule.pattern = patternOf(d, p.EventPattern);
    rule.to = resolved.map(({ tg, node: target }) => d.ref(target, ruleTargetOptions(d, tg, r.id)));
    addRule(bus, r.id, rule);
  }
}

/** `NotificationConfiguration` of buckets. */
function bucketNotifications(d: Draft): void {
  const { t } = d;
  const lists: [string, string, NodeKind, string][] = [
    ['LambdaConfigurations', 'Function', 'function', 'AWS::Lambda::Function'],
    ['QueueConfigurations', 'Queue', 'queue', 'AWS::SQS::Queue'],
    ['TopicConfigurations', 'Topic', 'topic', 'AWS::SNS::Topic'],
  ];
  for (const r of t.ofType('AWS::S3::Bucket')) {
    const bucket = d.get(r.id);
    const n = r.properties.NotificationConfiguration;
    if (!bucket || !isObj(n)) continue;
    for (const [list, key, kind, resource] of lists) {
      asList(n[list]).filter(isObj).forEach((c, i) => {
        const target = resolveTarget(d, c[key], [kind], `${r.id}${key}${i + 1}`, resource, `A notification target of ${r.id}`);
        notify(d, bucket, [c.Event], c.Filter, target, r.id);
      });
    }
  }
}

/** `AWS::Pipes::Pipe`: source → pipe → (enrichment, target), the pipe as an external node. */
function pipes(d: Draft): void {
  const { t } = d;
  for (const r of t.ofType('AWS::Pipes::Pipe')) {
    const pipe = d.get(r.id);
    if (!pipe) continue;
    const p = r.properties;
    const source = resolveTarget(d, p.Source, undefined, `${r.id}Source`, typeOfArn(d, p.Source), `The source of pipe ${r.id}`);
    const sp = isObj(p.SourceParameters) ? p.SourceParameters : {};
    const params = [sp.SqsQueueParameters, sp.KinesisStreamParameters, sp.DynamoDBStreamParameters].find(isObj) ?? {};
    const dlq = isObj(params.DeadLetterConfig) ? params.DeadLetterConfig.Arn : undefined;
    // The pipe polls its source like an event source mapping: the same options, on the edge.
    const options = source.kind === 'external' ? {} : esmOptions(d, {
      ...params,
      ...(dlq !== undefined ? { DestinationConfig: { OnFailure: { Destination: dlq } } } : {}),
      ...(t.str(params.OnPartialBatchItemFailure) === 'AUTOMATIC_BISECT' ? { BisectBatchOnFunctionError: true } : {}),
      FilterCriteria: sp.FilterCriteria,
    }, source.kind, r.id);
    connect(d, source, pipe, options, 'function');
    const parts: string[] = [];
    if (source.kind === 'external') {
      const filter = filterOf(d, sp.FilterCriteria, r.id);
      if (filter) parts.push(`filter ${JSON.stringify(filter)}`);
    }
    if (p.Enrichment !== undefined) {
      const enrichment = resolveTarget(d, p.Enrichment, undefined, `${r.id}Enrichment`, typeOfArn(d, p.Enrichment), `The enrichment of pipe ${r.id}`);
      connect(d, pipe, enrichment);
      parts.push(`enriched by ${enrichment.name}`);
    }
    if (p.Target !== undefined) {
      const target = resolveTarget(d, p.Target, undefined, `${r.id}Target`, typeOfArn(d, p.Target), `The target of pipe ${r.id}`);
      connect(d, pipe, target);
    }
    const tp = isObj(p.TargetParameters) ? p.TargetParameters : {};
    const eb = isObj(tp.EventBridgeEventBusParameters) ? tp.EventBridgeEventBusParameters : undefined;
    if (eb) parts.push(`sends source ${t.str(eb.Source) ?? '?'}, detail-type ${t.str(eb.DetailType) ?? '?'}`);
    pipe.props.description = `EventBridge Pipe${t.str(p.Description) ? ` (${t.str(p.Description)})` : ''}${parts.length ? ': ' + parts.join('; ') : ''}.`;
  }
}

/** `AWS::Scheduler::Schedule` targets and settings. */
function schedulerSchedules(d: Draft): void {
  const { t } = d;
  for (const r of t.ofType('AWS::Scheduler::Schedule')) {
    const node = d.get(r.id);
    if (!node) continue;
    const p = r.properties;
    const tg = isObj(p.Target) ? p.Target : {};
    scheduleSettings(d, node, {
      expression: p.ScheduleExpression, timezone: p.ScheduleExpressionTimezone, window: p.FlexibleTimeWindow,
      input: tg.Input, retry: tg.RetryPolicy, deadLetter: tg.DeadLetterConfig, description: p.Description,
    }, r.id);
    if (t.str(p.State) === 'DISABLED') d.notes.add(`The schedule ${r.id} is disabled in the template; Archflow schedules are always on.`);
    const target = resolveTarget(d, tg.Arn, DELIVERY_KINDS, `${r.id}Target`, typeOfArn(d, tg.Arn), `The target of ${r.id}`);
    connect(d, node, target);
  }
}

/** `AWS::Lambda::EventInvokeConfig` resources. */
function invokeConfigs(d: Draft): void {
  for (const r of d.t.ofType('AWS::Lambda::EventInvokeConfig')) {
    const fn = d.t.target(r.properties.FunctionName);
    const node = fn ? d.get(fn.id) : undefined;
    if (node?.kind === 'function') eventInvokeConfig(d, node, r.properties);
  }
}

/** Kinds a state machine can be shown calling. */
const CALLABLE: readonly NodeKind[] = ['function', 'queue', 'topic', 'event-bus', 'stream', 'bucket', 'table'];

/** Resources a state machine's definition names through intrinsics: what it calls. */
function stateMachines(d: Draft): void {
  const { t } = d;
  for (const r of t.ofType('AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine')) {
    const sm = d.get(r.id);
    if (!sm) continue;
    const p = r.properties;
    const found: DraftNode[] = [];
    const visit = (v: unknown): void => {
      if (intrinsicName(v)) {
        const target = t.target(v);
        const node = target ? d.get(target.id) : undefined;
        if (node && node !== sm && CALLABLE.includes(node.kind) && !found.includes(node)) found.push(node);
        return;
      }
      if (Array.isArray(v)) v.forEach(visit);
      else if (isObj(v)) Object.values(v).forEach(visit);
    };
    visit(p.DefinitionSubstitutions);
    visit(p.Definition);
    visit(p.DefinitionString);
    for (const node of found) connect(d, sm, node);
    if (found.length > 0) d.notes.add(`What ${r.id} calls was read from the resources its definition names (${found.map((n) => n.name).join(', ')}).`);
    samEvents(d, r, sm);
  }
}

/** Property paths of externals whose targets are known. */
const EXTERNAL_WIRING: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'AWS::QLDB::Stream': [['KinesisConfiguration', 'StreamArn']],
  'AWS::RDS::EventSubscription': [['SnsTopicArn']],
  'AWS::CloudWatch::Alarm': [['AlarmActions', '*'], ['OKActions', '*'], ['InsufficientDataActions', '*']],
  'AWS::Logs::SubscriptionFilter': [['DestinationArn']],
  'AWS::IoT::TopicRule': [
    ['TopicRulePayload', 'Actions', '*', 'Lambda', 'FunctionArn'], ['TopicRulePayload', 'Actions', '*', 'Sqs', 'QueueUrl'],
    ['TopicRulePayload', 'Actions', '*', 'Sns', 'TargetArn'], ['TopicRulePayload', 'Actions', '*', 'Kinesis', 'StreamName'],
    ['TopicRulePayload', 'Actions', '*', 'DynamoDBv2', 'PutItem', 'TableName'], ['TopicRulePayload', 'Actions', '*', 'S3', 'BucketName'],
    ['TopicRulePayload', 'Actions', '*', 'StepFunctions', 'StateMachineName'],
  ],
};

/** Values at a path (`*` walks every item of a list). */
export function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return value === undefined ? [] : [value];
  const [head, ...rest] = path;
  if (head === '*') return asList(value).flatMap((v) => valuesAt(v, rest));
  return isObj(value) ? valuesAt(value[head!], rest) : [];
}

/** Externals whose targets are known: QLDB streams, alarms, IoT rules, log subscription filters, RDS event subscriptions. */
function knownExternals(d: Draft): void {
  for (const [type, paths] of Object.entries(EXTERNAL_WIRING)) {
    for (const r of d.t.ofType(type)) {
      for (const v of paths.flatMap((path) => valuesAt(r.properties, path))) {
        const target = d.t.target(v);
        const node = target ? d.get(target.id) : undefined;
        if (!node || !CALLABLE.includes(node.kind)) continue;
        const source = nodeFor(d, r);
        if (source) connect(d, source, node);
      }
    }
  }
}

/** Pass 3: every edge the template declares. */
export function mapWiring(d: Draft): void {
  const { t } = d;
  for (const r of t.ofType('AWS::Serverless::Function')) {
    const fn = d.get(r.id);
    if (fn) samEvents(d, r, fn);
  }
  for (const r of t.ofType('AWS::Lambda::EventSourceMapping')) eventSourceMapping(d, r);
  subscriptions(d);
  rules(d);
  bucketNotifications(d);
  pipes(d);
  schedulerSchedules(d);
  invokeConfigs(d);
  stateMachines(d);
  knownExternals(d);
}
