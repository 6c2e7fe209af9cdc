import { edgePermissions, LOGS_ACTIONS, mappingOfFailureEdge, PRINCIPALS, type EdgePermission } from '../model/edge-permissions';
import type { GraphEdge, GraphNode } from '../model/graph';
import { toSeconds } from '../util/duration';
import { getAtt, isNodeRuntime, ref, sub, type Cfn, type CodegenContext } from './context';
import { pascal } from './names';
import { isObj, type Obj } from '../util/value';
import { DEFAULT_MAX_RECEIVE_COUNT, queueDeadLetter } from '../model/dead-letter';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const secs = (v: unknown): number | undefined => {
  const s = toSeconds(v);
  return s === undefined ? undefined : Math.round(s);
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
/** Drops undefined values so the template only says what is set. */
const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A CloudFormation resource. */
export interface Resource {
  Type: string;
  Properties: Obj;
  DependsOn?: string[];
  Metadata?: Obj;
}

/** The template as a plain object (serialized by the `template.json` template). */
export interface Template {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, Obj>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, Obj>;
}

/** What the rest of codegen needs to know about a function's deployment. */
export interface FunctionDeployment {
  readonly name: string;
  readonly logicalId: string;
  readonly runtime: string;
  /** The template parameter holding the S3 key of the code. */
  readonly codeParameter: string;
  /** What deploy zips: `dist/<name>` for Node.js, the declared `code` folder otherwise. */
  readonly source: string;
}

const LAMBDA_TRUST = (principal: string): Obj => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
});

const S3_EVENT_WILDCARD = new Set(['ObjectCreated', 'ObjectRemoved', 'ObjectRestore', 'Replication', 'LifecycleExpiration', 'ObjectTagging']);

/** `POST /orders/{id}` → `PostOrdersId` */
const routeWords = (route: string): string => pascal(route.replace(/^[A-Z]+/, (m) => m.toLowerCase()).replace(/[{}+]/g, ' ')) || 'Root';

/**
 * Builds the CloudFormation template of the graph: plain CloudFormation, no transform. Every
 * function's code comes from `ArtifactBucket` and a key parameter per function.
 */
export function buildTemplate(ctx: CodegenContext): { template: Template; functions: FunctionDeployment[] } {
  const resources: Record<string, Resource> = {};
  const parameters: Record<string, Obj> = {
    ArtifactBucket: { Type: 'String', Description: 'S3 bucket holding the function packages (uploaded by deploy).' },
  };
  const outputs: Record<string, Obj> = {};
  const functions: FunctionDeployment[] = [];
  const add = (id: string, type: string, properties: Obj, extra: Partial<Resource> = {}): void => {
    resources[id] = { Type: type, Properties: compact(properties), ...extra };
  };
  const { graph } = ctx;
  const doc = isObj(ctx.root) ? ctx.root : {};

  // Statements of service roles and resource policies, gathered while walking edges.
  const queuePolicy = new Map<string, Obj[]>();
  const topicPolicy = new Map<string, Obj[]>();
  const bucketDependsOn = new Map<string, Set<string>>();
  const dependOn = (bucket: string, id: string): void => {
    (bucketDependsOn.get(bucket) ?? bucketDependsOn.set(bucket, new Set()).get(bucket)!).add(id);
  };

  const ruleId = (bus: string, rule: string): string => ctx.newId([ctx.id(bus)!, rule, 'Rule'], `rule:${bus}:${rule}`);
  /** The enhanced fan-out consumer (`AWS::Kinesis::StreamConsumer`) of function `fn` on stream `stream`. */
  const consumerId = (stream: string, fn: string): string => ctx.newId([fn, 'From', stream, 'Consumer'], `consumer:${stream}:${fn}`);

  /** The ARN of a node's resource for a permission's scope. */
  const scopedArn = (p: EdgePermission): Cfn => {
    if (p.scope === 'stream') return getAtt(ctx.id(p.resource)!, 'StreamArn');
    if (p.scope === 'consumer') return getAtt(consumerId(p.resource, p.function!), 'ConsumerARN');
    if (p.scope === 'objects') {
      const arn = ctx.arn(p.resource);
      return { 'Fn::Join': ['', [arn, `/${p.prefix ?? ''}*`]] };
    }
    return ctx.arn(p.resource);
  };

  /** Where a push comes from, for resource-policy conditions and Lambda permissions. */
  const sourceArnOf = (edge: GraphEdge): Cfn | undefined => {
    const from = graph.nodes.get(edge.from)!;
    if (from.kind === 'topic') return ref(ctx.id(from.id)!);
    if (from.kind === 'event-bus' && edge.rule !== undefined) return getAtt(ruleId(from.id, edge.rule), 'Arn');
    if (from.kind === 'event-bus') {
      // A rule's dead-letter queue: the rule is the owner of the target object.
      const rule = String(edge.pointer[edge.pointer.indexOf('rules') + 1] ?? '');
      return getAtt(ruleId(from.id, rule), 'Arn');
    }
    return undefined;
  };

  const resourceStatement = (edge: GraphEdge, p: EdgePermission): Obj => {
    const from = graph.nodes.get(edge.from)!;
    const source = sourceArnOf(edge);
    return {
      Sid: `From${pascal(edge.from)}${from.kind === 'event-bus' ? pascal(edge.rule ?? String(edge.pointer[edge.pointer.indexOf('rules') + 1] ?? '')) : ''}${edge.kind === 'dead-letter' ? 'DeadLetters' : ''}`,
      Effect: 'Allow',
      Principal: { Service: p.principal },
      Action: p.actions.length === 1 ? p.actions[0] : [...p.actions],
      Resource: ctx.arn(p.resource),
      Condition: from.kind === 'bucket' || !source
        ? { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } }
        : { ArnEquals: { 'aws:SourceArn': source } },
    };
  };

  // ---- Service roles (Scheduler, rule targets, API integrations) -------------------------------
  const serviceStatements = new Map<string, { principal: string; statements: Obj[] }>();
  const serviceRoleOf = (owner: string, principal: string): string => {
    const id = ctx.newId([owner, 'Role'], `service-role:${owner}`);
    if (!serviceStatements.has(id)) serviceStatements.set(id, { principal, statements: [] });
    return id;
  };

  // ---- Functions and their execution roles -----------------------------------------------------
  const roleStatements = new Map<string, Obj[]>();
  for (const fn of ctx.functions) {
    const id = ctx.id(fn.id)!;
    const s = fn.fn!;
    const cfg = fn.config;
    const runtime = s.runtime.value;
    const node = isNodeRuntime(runtime);
    const codeParameter = ctx.newId([id, 'CodeKey'], `code-key:${fn.id}`);
    parameters[codeParameter] = { Type: 'String', Default: `functions/${fn.id}.zip`, Description: `S3 key of the package of function '${fn.id}' in ArtifactBucket.` };
    const source = node ? `dist/${fn.id}` : str(cfg.code) ?? `functions/${fn.id}`;
    functions.push({ name: fn.id, logicalId: id, runtime, codeParameter, source });

    const env: Record<string, Cfn> = {};
    const userEnv = s.environment.value;
    for (const [k, v] of Object.entries(userEnv)) env[k] = typeof v === 'string' ? v : JSON.stringify(v);
    for (const e of ctx.out(fn.id)) {
      if (e.mechanism !== 'emit') continue;
      const name = ctx.envName(e.to);
      if (name in userEnv && userEnv[name] !== undefined) {
        ctx.problems.push({
          code: 'codegen/environment-clash', severity: 'warning', at: [...fn.pointer, 'environment', name], target: 'key',
          message: `Environment variable '${name}' is set by Archflow to the ${ctx.graph.nodes.get(e.to)!.kind} '${e.to}' this function emits to; your value is replaced.`,
        });
      }
      env[name] = ctx.envValue(e.to);
    }
    const sortedEnv = Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const ownRole = str(cfg.role);
    const roleId = ownRole ? undefined : ctx.newId([fn.id, 'Role'], `role:${fn.id}`);
    const layers = s.layers.value.filter((l): l is string => typeof l === 'string');
    add(id, 'AWS::Lambda::Function', {
      Description: str(cfg.description),
      Runtime: runtime,
      Handler: node ? 'index.handler' : s.handler.value,
      Code: { S3Bucket: ref('ArtifactBucket'), S3Key: ref(codeParameter) },
      MemorySize: s.memory.value,
      Timeout: s.timeout.value,
      EphemeralStorage: { Size: s.tmp.value },
      Architectures: [s.architecture.value],
      Role: ownRole ?? getAtt(roleId!, 'Arn'),
      Environment: Object.keys(sortedEnv).length > 0 ? { Variables: sortedEnv } : undefined,
      Layers: layers.length > 0 ? layers : undefined,
      ReservedConcurrentExecutions: num(cfg.reservedConcurrency),
    }, { Metadata: { 'archflow:source': source } });
    outputs[`${id}Name`] = { Description: `Name of function '${fn.id}'.`, Value: ref(id) };

    if (roleId) {
      const statements: Obj[] = [{
        Effect: 'Allow',
        Action: [...LOGS_ACTIONS],
        Resource: sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*'),
      }];
      roleStatements.set(roleId, statements);
      if (Array.isArray(cfg.policies)) {
        // The user's own statements replace the generated least-privilege ones.
        for (const p of cfg.policies) {
          if (!isObj(p) || !Array.isArray(p.actions) || !Array.isArray(p.resources)) continue;
          statements.push({
            Effect: p.effect === 'Deny' ? 'Deny' : 'Allow',
            Action: p.actions.filter((a): a is string => typeof a === 'string'),
            Resource: p.resources.filter((r): r is string => typeof r === 'string').map((r) => (ctx.node(r) ? ctx.arn(r) : r)),
          });
        }
      }
      add(roleId, 'AWS::IAM::Role', {
        Description: `Execution role of function '${fn.id}': logs plus exactly what its edges need.`,
        AssumeRolePolicyDocument: LAMBDA_TRUST(PRINCIPALS.lambda),
        Policies: [{ PolicyName: 'archflow-least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
      });
    }
  }

  // Execution-role statements from the edge table (unless the user wrote `policies`).
  for (const edge of graph.edges) {
    if (!ctx.node(edge.from) || !ctx.node(edge.to)) continue;
    for (const p of edgePermissions(edge, graph)) {
      if (p.grantee !== 'execution-role' || !ctx.node(p.function!)) continue;
      const fn = ctx.node(p.function!)!;
      if (Array.isArray(fn.config.policies) || str(fn.config.role)) continue;
      const roleId = ctx.newId([fn.id, 'Role'], `role:${fn.id}`);
      const statements = roleStatements.get(roleId);
      if (!statements) continue;
      const resource = scopedArn(p);
      const same = statements.find((st) => JSON.stringify(st.Resource) === JSON.stringify(resource) && st.Effect === 'Allow');
      if (same) same.Action = [...new Set([...(same.Action as string[]), ...p.actions])].sort();
      else statements.push({ Effect: 'Allow', Action: [...p.actions], Resource: resource });
    }
  }

  // ---- Routers ---------------------------------------------------------------------------------
  for (const node of [...graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const id = ctx.id(node.id);
    if (!id || node.kind === 'function') continue;
    const c = node.config;
    switch (node.kind) {
      case 'queue': {
        const fifo = c.fifo === true;
        const dl = queueDeadLetter(c, node.pointer);
        let dlqArn: Cfn | undefined;
        if (dl) {
          const named = dl.queue;
          if (named && ctx.node(named)) dlqArn = ctx.arn(named);
          else if (!named) {
            const dlqId = ctx.newId([id, 'DeadLetterQueue'], `dlq:${node.id}`);
            add(dlqId, 'AWS::SQS::Queue', {
              FifoQueue: fifo ? true : undefined,
              QueueName: fifo ? sub(`\${AWS::StackName}-${node.id.replace(/\.fifo$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}-dlq.fifo`) : undefined,
              MessageRetentionPeriod: 1209600,
            });
            dlqArn = getAtt(dlqId, 'Arn');
          }
        }
        add(id, 'AWS::SQS::Queue', {
          QueueName: fifo ? sub(`\${AWS::StackName}-${node.id.replace(/\.fifo$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}.fifo`) : undefined,
          FifoQueue: fifo ? true : undefined,
          ContentBasedDeduplication: fifo && c.contentBasedDeduplication === true ? true : undefined,
          VisibilityTimeout: secs(c.visibilityTimeout),
          MessageRetentionPeriod: secs(c.retention),
          DelaySeconds: secs(c.delay),
          ReceiveMessageWaitTimeSeconds: secs(c.receiveWait),
          MaximumMessageSize: num(c.maxMessageSize),
          RedrivePolicy: dlqArn ? { deadLetterTargetArn: dlqArn, maxReceiveCount: num(dl!.maxReceiveCount) ?? DEFAULT_MAX_RECEIVE_COUNT } : undefined,
        });
        outputs[`${id}Url`] = { Description: `URL of queue '${node.id}'.`, Value: ref(id) };
        break;
      }
      case 'topic': {
        const fifo = c.fifo === true;
        if (typeof c.maxMessageSize === 'number' && c.maxMessageSize !== 262144) {
          // AWS::SNS::Topic has no MaximumMessageSize property in the CloudFormation schema yet (cfn-lint's).
          ctx.problems.push({
            code: 'codegen/topic-message-size', severity: 'warning', at: [...node.pointer, 'maxMessageSize'],
            message: `The template cannot set the maximum message size of topic '${node.id}': CloudFormation's AWS::SNS::Topic has no \`MaximumMessageSize\` property yet, so the topic is created with the 262,144-byte default. After deploying, run \`aws sns set-topic-attributes --topic-arn <arn> --attribute-name MaximumMessageSize --attribute-value ${c.maxMessageSize}\`.`,
          });
        }
        add(id, 'AWS::SNS::Topic', {
          TopicName: fifo ? sub(`\${AWS::StackName}-${node.id.replace(/\.fifo$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}.fifo`) : undefined,
          FifoTopic: fifo ? true : undefined,
          ContentBasedDeduplication: fifo && c.contentBasedDeduplication === true ? true : undefined,
        });
        outputs[`${id}Arn`] = { Description: `ARN of topic '${node.id}'.`, Value: ref(id) };
        break;
      }
      case 'event-bus':
        // The account's default bus exists already: its rules are created on it, the bus is not.
        if (ctx.isDefaultBus(node.id)) break;
        add(id, 'AWS::Events::EventBus', { Name: sub(`\${AWS::StackName}-${node.id}`), Description: str(c.description) });
        outputs[`${id}Name`] = { Description: `Name of event bus '${node.id}'.`, Value: getAtt(id, 'Name') };
        break;
      case 'stream': {
        const onDemand = c.mode === 'on-demand';
        const retention = secs(c.retention);
        add(id, 'AWS::Kinesis::Stream', {
          StreamModeDetails: { StreamMode: onDemand ? 'ON_DEMAND' : 'PROVISIONED' },
          ShardCount: onDemand ? undefined : num(c.shards) ?? 1,
          RetentionPeriodHours: retention !== undefined ? Math.max(24, Math.ceil(retention / 3600)) : undefined,
        });
        outputs[`${id}Name`] = { Description: `Name of stream '${node.id}'.`, Value: ref(id) };
        break;
      }
      case 'table': {
        const key = (v: unknown, fallback?: string): { name: string; type: string } | undefined => {
          const text = str(v) ?? fallback;
          if (!text) return undefined;
          const [name, type] = text.split(':');
          return { name: name || 'pk', type: type === 'N' || type === 'B' ? type : 'S' };
        };
        const pk = key(c.partitionKey, 'pk')!;
        const sk = key(c.sortKey);
        const hasReaders = ctx.out(node.id).some((e) => e.mechanism === 'stream-mapping');
        const view = str(c.stream) ?? (hasReaders ? 'NEW_AND_OLD_IMAGES' : undefined);
        add(id, 'AWS::DynamoDB::Table', {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [pk, ...(sk ? [sk] : [])].map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
          KeySchema: [{ AttributeName: pk.name, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : [])],
          StreamSpecification: view ? { StreamViewType: view } : undefined,
        });
        outputs[`${id}Name`] = { Description: `Name of table '${node.id}'.`, Value: ref(id) };
        break;
      }
      case 'bucket':
        // Properties are completed below, once notifications are known.
        add(id, 'AWS::S3::Bucket', {
          BucketName: ctx.namedBuckets.has(node.id) ? sub(ctx.bucketName(node.id)) : undefined,
          VersioningConfiguration: c.versioned === true ? { Status: 'Enabled' } : undefined,
        });
        outputs[`${id}Name`] = { Description: `Name of bucket '${node.id}'.`, Value: ctx.envValue(node.id) };
        break;
      case 'http-api': {
        add(id, 'AWS::ApiGatewayV2::Api', {
          Name: sub(`\${AWS::StackName}-${node.id}`),
          ProtocolType: 'HTTP',
          Description: str(c.description),
          CorsConfiguration: c.cors === true ? { AllowOrigins: ['*'], AllowMethods: ['*'], AllowHeaders: ['*'] } : undefined,
        });
        add(ctx.newId([id, 'Stage'], `stage:${node.id}`), 'AWS::ApiGatewayV2::Stage', { ApiId: ref(id), StageName: '$default', AutoDeploy: true });
        outputs[`${id}Url`] = { Description: `URL of HTTP API '${node.id}'.`, Value: getAtt(id, 'ApiEndpoint') };
        break;
      }
      case 'schedule':
        // Created with its target below.
        break;
    }
  }

  // ---- Edges -------------------------------------------------------------------------------------
  const lambdaPermission = (edge: GraphEdge, principal: string, extra: Obj, label: string[]): string => {
    const pid = ctx.newId([edge.to, 'From', ...label, 'Permission'], `permission:${edge.id}`);
    add(pid, 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(ctx.id(edge.to)!, 'Arn'),
      Principal: principal,
      ...extra,
    });
    return pid;
  };
  const grantResourcePolicy = (edge: GraphEdge): string | undefined => {
    // Queue and topic policies for push senders; returns the policy's logical ID.
    const target = graph.nodes.get(edge.to)!;
    let policyId: string | undefined;
    for (const p of edgePermissions(edge, graph)) {
      if (p.grantee !== 'resource-policy' || target.kind === 'function') continue;
      const statements = target.kind === 'queue' ? queuePolicy : target.kind === 'topic' ? topicPolicy : undefined;
      if (!statements) continue;
      const list = statements.get(target.id) ?? statements.set(target.id, []).get(target.id)!;
      const st = resourceStatement(edge, p);
      if (!list.some((s) => JSON.stringify(s) === JSON.stringify(st))) list.push(st);
      policyId = ctx.newId([ctx.id(target.id)!, 'Policy'], `policy:${target.id}`);
    }
    return policyId;
  };
  const grantServiceRole = (edge: GraphEdge, owner: string): string | undefined => {
    let roleId: string | undefined;
    for (const p of edgePermissions(edge, graph)) {
      if (p.grantee !== 'service-role') continue;
      roleId = serviceRoleOf(owner, p.principal!);
      const entry = serviceStatements.get(roleId)!;
      const st = { Effect: 'Allow', Action: [...p.actions], Resource: ctx.arn(p.resource) };
      if (!entry.statements.some((s) => JSON.stringify(s) === JSON.stringify(st))) entry.statements.push(st);
    }
    return roleId;
  };

  const mappingOptions = (edge: GraphEdge, kind: 'queue' | 'stream' | 'table'): Obj => {
    const o = edge.options;
    const filter = isObj(o.filter) ? { Filters: [{ Pattern: JSON.stringify(o.filter) }] } : undefined;
    const common = {
      BatchSize: num(o.batchSize),
      MaximumBatchingWindowInSeconds: secs(o.batchWindow),
      FunctionResponseTypes: o.reportFailures === true ? ['ReportBatchItemFailures'] : undefined,
      FilterCriteria: filter,
    };
    if (kind === 'queue') {
      return { ...common, ScalingConfig: num(o.maxConcurrency) !== undefined ? { MaximumConcurrency: num(o.maxConcurrency) } : undefined };
    }
    const failure = ctx.out(edge.from).find((e) => e.mechanism === 'failure-destination' && mappingOfFailureEdge(e, graph) === edge);
    const startingPosition = str(o.startingPosition) ?? 'LATEST';
    const stamp = str(o.startingTimestamp) ?? (num(o.startingTimestamp) !== undefined ? String(o.startingTimestamp) : undefined);
    const stampSeconds = stamp === undefined ? undefined : /^\d+(\.\d+)?$/.test(stamp) ? Number(stamp) : Date.parse(stamp) / 1000;
    return {
      ...common,
      StartingPosition: startingPosition,
      StartingPositionTimestamp: startingPosition === 'AT_TIMESTAMP' && stampSeconds !== undefined && Number.isFinite(stampSeconds) ? stampSeconds : undefined,
      ParallelizationFactor: num(o.parallelization),
      MaximumRetryAttempts: num(o.maxRetries),
      MaximumRecordAgeInSeconds: secs(o.maxRecordAge),
      BisectBatchOnFunctionError: typeof o.bisectOnError === 'boolean' ? o.bisectOnError : undefined,
      TumblingWindowInSeconds: secs(o.tumblingWindow),
      DestinationConfig: failure ? { OnFailure: { Destination: ctx.arn(failure.to) } } : undefined,
    };
  };

  const notifications = new Map<string, { Lambda: Obj[]; Queue: Obj[]; Topic: Obj[] }>();
  const ruleTargets = new Map<string, { bus: string; rule: string; targets: Obj[] }>();

  for (const edge of graph.edges) {
    const from = ctx.node(edge.from);
    const to = ctx.node(edge.to);
    if (!from || !to) continue;
    const toId = ctx.id(to.id)!;
    const fromId = ctx.id(from.id)!;
    switch (edge.mechanism) {
      case 'queue-mapping':
      case 'stream-mapping': {
        const kind = from.kind === 'queue' ? 'queue' : from.kind === 'table' ? 'table' : 'stream';
        let sourceArn: Cfn = kind === 'table' ? getAtt(fromId, 'StreamArn') : getAtt(fromId, 'Arn');
        if (kind === 'stream' && edge.options.fanOut === true) {
          // Enhanced fan-out: the mapping reads through a dedicated consumer of the stream.
          const cid = consumerId(from.id, to.id);
          add(cid, 'AWS::Kinesis::StreamConsumer', { StreamARN: getAtt(fromId, 'Arn'), ConsumerName: sub(`\${AWS::StackName}-${to.id}`) });
          sourceArn = getAtt(cid, 'ConsumerARN');
        }
        add(ctx.newId([to.id, 'From', from.id, 'Mapping'], `mapping:${edge.id}`), 'AWS::Lambda::EventSourceMapping', {
          EventSourceArn: sourceArn,
          FunctionName: ref(toId),
          ...mappingOptions(edge, kind),
        });
        break;
      }
      case 'subscription': {
        const queue = to.kind === 'queue';
        const o = edge.options;
        const dlq = ctx.out(from.id).find((e) => e.mechanism === 'redrive' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
        const subId = ctx.newId([from.id, 'To', to.id, 'Subscription'], `subscription:${edge.id}`);
        const dependsOn: string[] = [];
        if (queue) {
          const policy = grantResourcePolicy(edge);
          if (policy) dependsOn.push(policy);
        } else {
          dependsOn.push(lambdaPermission(edge, PRINCIPALS.sns, { SourceArn: ref(fromId) }, [from.id]));
        }
        add(subId, 'AWS::SNS::Subscription', {
          TopicArn: ref(fromId),
          Protocol: queue ? 'sqs' : 'lambda',
          Endpoint: getAtt(toId, 'Arn'),
          FilterPolicy: isObj(o.filter) ? o.filter : undefined,
          FilterPolicyScope: isObj(o.filter) ? (o.filterScope === 'body' ? 'MessageBody' : 'MessageAttributes') : undefined,
          RawMessageDelivery: queue && o.rawDelivery === true ? true : undefined,
          RedrivePolicy: dlq && ctx.node(dlq.to) ? { deadLetterTargetArn: ctx.arn(dlq.to) } : undefined,
        }, dependsOn.length ? { DependsOn: dependsOn.sort() } : {});
        break;
      }
      case 'rule': {
        const rule = edge.rule!;
        const rid = ruleId(from.id, rule);
        const entry = ruleTargets.get(rid) ?? ruleTargets.set(rid, { bus: from.id, rule, targets: [] }).get(rid)!;
        const o = edge.options;
        const dlq = ctx.out(from.id).find((e) => e.mechanism === 'redrive' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
        const retry = isObj(o.retry) ? o.retry : undefined;
        let roleArn: Cfn | undefined;
        if (to.kind === 'function') lambdaPermission(edge, PRINCIPALS.events, { SourceArn: getAtt(rid, 'Arn') }, [from.id, rule]);
        else if (to.kind === 'queue' || to.kind === 'topic') grantResourcePolicy(edge);
        else {
          const role = grantServiceRole(edge, rid);
          if (role) roleArn = getAtt(role, 'Arn');
        }
        const usedIds = new Set(entry.targets.map((t) => t.Id));
        let targetId = to.id.slice(0, 64);
        for (let i = 2; usedIds.has(targetId); i++) targetId = `${to.id.slice(0, 60)}-${i}`;
        entry.targets.push(compact({
          Id: targetId,
          Arn: ctx.arn(to.id),
          RoleArn: roleArn,
          Input: o.input !== undefined ? JSON.stringify(o.input) : undefined,
          RetryPolicy: retry ? compact({ MaximumRetryAttempts: num(retry.attempts), MaximumEventAgeInSeconds: secs(retry.maxAge) }) : undefined,
          DeadLetterConfig: dlq && ctx.node(dlq.to) ? { Arn: ctx.arn(dlq.to) } : undefined,
          SqsParameters: to.kind === 'queue' && ctx.fifo(to.id) ? { MessageGroupId: str(o.messageGroup) ?? rule } : undefined,
        }));
        break;
      }
      case 'redrive': {
        // Dead letters of rules and subscriptions need the queue to accept the service.
        if (from.kind === 'event-bus' || from.kind === 'topic') grantResourcePolicy(edge);
        break;
      }
      case 'notification': {
        const entry = notifications.get(from.id) ?? notifications.set(from.id, { Lambda: [], Queue: [], Topic: [] }).get(from.id)!;
        const index = Number(edge.pointer[edge.pointer.indexOf('notifications') + 1]);
        const list = Array.isArray(from.config.notifications) ? from.config.notifications : [];
        const n = isObj(list[index]) ? list[index] as Obj : {};
        const rules = [
          ...(str(n.prefix) ? [{ Name: 'prefix', Value: n.prefix }] : []),
          ...(str(n.suffix) ? [{ Name: 'suffix', Value: n.suffix }] : []),
        ];
        const filter = rules.length ? { S3Key: { Rules: rules } } : undefined;
        const on = Array.isArray(n.on) ? n.on.filter((x): x is string => typeof x === 'string') : ['ObjectCreated'];
        for (const event of on) {
          const Event = `s3:${event}${S3_EVENT_WILDCARD.has(event) ? ':*' : ''}`;
          if (to.kind === 'function') entry.Lambda.push(compact({ Event, Function: getAtt(toId, 'Arn'), Filter: filter }));
          else if (to.kind === 'queue') entry.Queue.push(compact({ Event, Queue: getAtt(toId, 'Arn'), Filter: filter }));
          else if (to.kind === 'topic') entry.Topic.push(compact({ Event, Topic: ref(toId), Filter: filter }));
        }
        if (to.kind === 'function') dependOn(from.id, lambdaPermission(edge, PRINCIPALS.s3, { SourceAccount: ref('AWS::AccountId') }, [from.id]));
        else {
          const policy = grantResourcePolicy(edge);
          if (policy) dependOn(from.id, policy);
        }
        break;
      }
      case 'route':
        routeEdge(edge, from, to);
        break;
      case 'schedule':
        scheduleEdge(edge, from, to);
        break;
      case 'failure-destination':
        if (from.kind === 'function') {
          const a = isObj(from.config.async) ? from.config.async : {};
          add(ctx.newId([fromId, 'AsyncConfig'], `async:${from.id}`), 'AWS::Lambda::EventInvokeConfig', {
            FunctionName: ref(fromId),
            Qualifier: '$LATEST',
            MaximumRetryAttempts: num(a.retries),
            MaximumEventAgeInSeconds: secs(a.maxAge),
            DestinationConfig: { OnFailure: { Destination: ctx.arn(to.id) } },
          });
        }
        break;
      default:
        break;
    }
  }

  // Functions with `async` settings but no failure destination still get their invoke config.
  for (const fn of ctx.functions) {
    const a = fn.config.async;
    const id = ctx.id(fn.id)!;
    const configId = ctx.newId([id, 'AsyncConfig'], `async:${fn.id}`);
    if (!isObj(a) || resources[configId]) continue;
    add(configId, 'AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(id), Qualifier: '$LATEST', MaximumRetryAttempts: num(a.retries), MaximumEventAgeInSeconds: secs(a.maxAge),
    });
  }

  function routeEdge(edge: GraphEdge, api: GraphNode, to: GraphNode): void {
    const apiId = ctx.id(api.id)!;
    const route = edge.route ?? 'ANY /';
    const words = routeWords(route);
    const integrationId = ctx.newId([apiId, words, 'Integration'], `integration:${edge.id}`);
    const routeId = ctx.newId([apiId, words, 'Route'], `route:${edge.id}`);
    const o = edge.options;
    const rest = api.config.flavor === 'rest';
    const timeout = secs(o.timeout);
    const maxMillis = (rest ? 29 : 30) * 1000;
    if (timeout !== undefined && timeout * 1000 > maxMillis) {
      // Both flavors generate an HTTP API integration: a REST API's raised limit cannot be carried.
      ctx.problems.push({
        code: 'codegen/route-timeout', severity: 'warning', at: [...edge.optionsAt, 'timeout'],
        message: `Route '${route}' of ${rest ? 'REST' : 'HTTP'} API '${api.id}' waits ${timeout} s, but the generated integration (an API Gateway HTTP API integration, for both flavors) is capped at ${maxMillis / 1000} s.`,
      });
    }
    const event = edge.event ? graph.events.get(edge.event) : undefined;
    if (to.kind === 'function') {
      add(integrationId, 'AWS::ApiGatewayV2::Integration', {
        ApiId: ref(apiId),
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: getAtt(ctx.id(to.id)!, 'Arn'),
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: timeout !== undefined ? Math.min(Math.max(50, timeout * 1000), maxMillis) : undefined,
      });
      const [method, path] = route.split(' ');
      const arnPath = (path ?? '/').replace(/\{[^}]*\}/g, '*');
      lambdaPermission(edge, PRINCIPALS.apigateway, {
        SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*/${method === 'ANY' ? '*' : method}${arnPath}`),
      }, [api.id, words]);
    } else {
      const role = grantServiceRole(edge, apiId);
      const params: Obj =
        to.kind === 'queue'
          ? compact({
            QueueUrl: ref(ctx.id(to.id)!),
            MessageBody: '$request.body',
            MessageGroupId: ctx.fifo(to.id) ? api.id : undefined,
            MessageDeduplicationId: ctx.fifo(to.id) && ctx.config(to.id).contentBasedDeduplication !== true ? '$context.requestId' : undefined,
          })
          : to.kind === 'event-bus'
            ? { EventBusName: ctx.busName(to.id), Source: event?.source ?? `${ctx.name}.${api.id}`, DetailType: event?.detailType ?? route, Detail: '$request.body' }
            : { StreamName: ref(ctx.id(to.id)!), Data: '$request.body', PartitionKey: '$context.requestId' };
      add(integrationId, 'AWS::ApiGatewayV2::Integration', {
        ApiId: ref(apiId),
        IntegrationType: 'AWS_PROXY',
        IntegrationSubtype: to.kind === 'queue' ? 'SQS-SendMessage' : to.kind === 'event-bus' ? 'EventBridge-PutEvents' : 'Kinesis-PutRecord',
        CredentialsArn: role ? getAtt(role, 'Arn') : undefined,
        PayloadFormatVersion: '1.0',
        RequestParameters: params,
        TimeoutInMillis: timeout !== undefined ? Math.min(Math.max(50, timeout * 1000), maxMillis) : undefined,
      });
    }
    add(routeId, 'AWS::ApiGatewayV2::Route', { ApiId: ref(apiId), RouteKey: route, Target: { 'Fn::Join': ['/', ['integrations', ref(integrationId)]] } });
  }

  function scheduleEdge(edge: GraphEdge, schedule: GraphNode, to: GraphNode): void {
    const id = ctx.id(schedule.id)!;
    const c = schedule.config;
    const role = grantServiceRole(edge, id);
    const dlq = ctx.out(schedule.id).find((e) => e.mechanism === 'redrive');
    if (dlq) grantServiceRole(dlq, id);
    const retry = isObj(c.retry) ? c.retry : undefined;
    const window = num(c.flexibleWindow);
    const input = c.input !== undefined
      ? JSON.stringify(c.input)
      : undefined;
    add(id, 'AWS::Scheduler::Schedule', {
      Description: str(c.description),
      ScheduleExpression: str(c.schedule) ?? 'rate(1 day)',
      ScheduleExpressionTimezone: str(c.timezone),
      FlexibleTimeWindow: window ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: window } : { Mode: 'OFF' },
      State: 'ENABLED',
      Target: compact({
        Arn: ctx.arn(to.id),
        RoleArn: getAtt(role!, 'Arn'),
        // Without an input of its own, the target gets a scheduled event (the shape EventBridge rules send).
        Input: input ?? sub(JSON.stringify({
          version: '0', id: '<aws.scheduler.execution-id>', 'detail-type': 'Scheduled Event', source: 'aws.scheduler',
          account: '${AWS::AccountId}', time: '<aws.scheduler.scheduled-time>', region: '${AWS::Region}',
          resources: ['<aws.scheduler.schedule-arn>'], detail: {},
        })),
        RetryPolicy: retry ? compact({ MaximumRetryAttempts: num(retry.attempts), MaximumEventAgeInSeconds: secs(retry.maxAge) }) : undefined,
        DeadLetterConfig: dlq && ctx.node(dlq.to) ? { Arn: ctx.arn(dlq.to) } : undefined,
        SqsParameters: to.kind === 'queue' && ctx.fifo(to.id) ? { MessageGroupId: schedule.id } : undefined,
        KinesisParameters: to.kind === 'stream' ? { PartitionKey: schedule.id } : undefined,
        EventBridgeParameters: to.kind === 'event-bus' ? { DetailType: 'Scheduled Event', Source: `${ctx.name}.${schedule.id}` } : undefined,
      }),
    });
  }

  // Rules with their targets.
  for (const [rid, { bus, rule, targets }] of [...ruleTargets].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rules = isObj(ctx.config(bus).rules) ? (ctx.config(bus).rules as Obj) : {};
    const r = isObj(rules[rule]) ? (rules[rule] as Obj) : {};
    add(rid, 'AWS::Events::Rule', {
      Description: str(r.description),
      EventBusName: ctx.busName(bus),
      EventPattern: isObj(r.pattern) ? r.pattern : { source: [{ prefix: '' }] },
      State: r.enabled === false ? 'DISABLED' : 'ENABLED',
      Targets: targets,
    });
  }

  // Bucket notifications: created after the permissions and policies they need.
  for (const [bucket, n] of notifications) {
    const res = resources[ctx.id(bucket)!]!;
    res.Properties.NotificationConfiguration = compact({
      LambdaConfigurations: n.Lambda.length ? n.Lambda : undefined,
      QueueConfigurations: n.Queue.length ? n.Queue : undefined,
      TopicConfigurations: n.Topic.length ? n.Topic : undefined,
    });
    const deps = bucketDependsOn.get(bucket);
    if (deps?.size) res.DependsOn = [...deps].sort();
  }

  /** Statement ids are unique within a policy. */
  const uniqueSids = (statements: Obj[]): Obj[] => {
    const seen = new Set<string>();
    return statements.map((st) => {
      let sid = String(st.Sid);
      for (let i = 2; seen.has(sid); i++) sid = `${st.Sid}${i}`;
      seen.add(sid);
      return { ...st, Sid: sid };
    });
  };
  for (const [queue, statements] of queuePolicy) {
    const qid = ctx.id(queue)!;
    add(ctx.newId([qid, 'Policy'], `policy:${queue}`), 'AWS::SQS::QueuePolicy', {
      Queues: [ref(qid)],
      PolicyDocument: { Version: '2012-10-17', Statement: uniqueSids(statements) },
    });
  }
  for (const [topic, statements] of topicPolicy) {
    const tid = ctx.id(topic)!;
    add(ctx.newId([tid, 'Policy'], `policy:${topic}`), 'AWS::SNS::TopicPolicy', {
      Topics: [ref(tid)],
      PolicyDocument: { Version: '2012-10-17', Statement: uniqueSids(statements) },
    });
  }
  for (const [roleId, { principal, statements }] of serviceStatements) {
    add(roleId, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } } }],
      },
      Policies: [{ PolicyName: 'archflow-least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    });
  }

  // No function, no code to upload: the template takes no parameter.
  if (functions.length === 0) delete parameters.ArtifactBucket;
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const description = str(doc.description);
  return {
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `${description ? description + ' — ' : ''}generated by Archflow from '${ctx.name}'.`.slice(0, 1024),
      Parameters: sortKeys(parameters),
      Resources: sortKeys(resources),
      Outputs: sortKeys(outputs),
    },
    functions: functions.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}
