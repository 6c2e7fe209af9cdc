/**
 * What the importer's passes and the kinds' import facets share (`kinds/<kind>.ts`, `import`):
 * resources that are wiring or supporting, external nodes for resources without a kind, resolving
 * a reference to a node, and noting what was not carried over. Knows no kind module.
 */
import type { NodeKind, Section } from '../kinds/index';
import type { Draft, DraftNode } from './draft';
import { toNodeName } from './names';
import { isObj, type Obj, type Resource, type Template } from './template';

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


/** An external node for a resource with no Archflow kind. */
export function external(d: Draft, r: Resource): DraftNode {
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
export function msDuration(ms: number): number | string {
  return ms % 1000 === 0 ? ms / 1000 : `${ms}ms`;
}

/** Writes `key: value` when value is defined. */
export function put(o: Obj, key: string, value: unknown): void {
  if (value !== undefined && value !== null) o[key] = value;
}


/** Properties naming a resource: Archflow names resources `<architecture>-<node>` instead. */
const NAME_PROPERTIES = ['QueueName', 'TopicName', 'BucketName', 'FunctionName', 'TableName', 'Name'];

/** Notes every property of `props` not in `handled`, and a physical name that is not kept. */
export function noteRest(d: Draft, r: Resource, props: Obj, handled: readonly string[]): void {
  for (const k of Object.keys(props)) if (!handled.includes(k)) d.notes.notCarriedOver(k, r.id);
  if (NAME_PROPERTIES.some((k) => props[k] !== undefined)) {
    d.notes.add('Physical names (QueueName, FunctionName, BucketName, …) were not carried over: Archflow names each resource after the architecture and its node.');
  }
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


/** `RetryPolicy` of a rule target or schedule → `{ attempts, maxAge }`. */
export function retryPolicy(d: Draft, value: unknown): Obj | undefined {
  if (!isObj(value)) return undefined;
  const out: Obj = {};
  put(out, 'attempts', d.t.num(value.MaximumRetryAttempts));
  put(out, 'maxAge', d.t.num(value.MaximumEventAgeInSeconds));
  return Object.keys(out).length > 0 ? out : undefined;
}
