import type { Draft, DraftNode } from './draft';
import { roleGrants } from './map-emits';
import { msDuration } from './helpers';
import { addRoute, busFor } from './map-wiring';
import { intrinsicName, isObj, type Obj, type Resource } from './template';

/** An API Gateway integration, whichever resource or OpenAPI extension declared it. */
interface Integration {
  readonly type: string;
  readonly uri: unknown;
  readonly subtype?: string;
  /** The whole declaration, searched for the resources it names. */
  readonly raw: Obj;
  readonly timeoutMs?: number;
}

const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'];

/** Nodes a declaration names through intrinsics (its credentials role aside), in order. */
function namedNodes(d: Draft, raw: Obj): DraftNode[] {
  const out: DraftNode[] = [];
  const visit = (v: unknown): void => {
    if (intrinsicName(v)) {
      const r = d.t.target(v);
      const node = r ? d.get(r.id) : undefined;
      if (node && !out.includes(node)) out.push(node);
      return;
    }
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) if (k.toLowerCase() !== 'credentials') visit(x);
  };
  visit(raw);
  return out;
}

const SERVICE_TYPE: Readonly<Record<string, string>> = {
  s3: 'AWS::S3::Bucket', dynamodb: 'AWS::DynamoDB::Table', states: 'AWS::StepFunctions::StateMachine',
  sqs: 'AWS::SQS::Queue', events: 'AWS::Events::EventBus', kinesis: 'AWS::Kinesis::Stream', sns: 'AWS::SNS::Topic',
};

/**
 * What a route's integration reaches: a function (proxy), a queue, bus or stream (service
 * integrations), or an external stand-in for what routes cannot target (S3, DynamoDB, HTTP
 * endpoints). Undefined for mock integrations, which reach nothing.
 */
function integrationTarget(d: Draft, api: DraftNode, integ: Integration, route: string): DraftNode | undefined {
  const { t } = d;
  const type = integ.type.toLowerCase();
  if (type === 'mock') return undefined;
  const named = namedNodes(d, integ.raw);
  const of = (kind: DraftNode['kind']): DraftNode | undefined => named.find((n) => n.kind === kind);
  const uri = t.canonical(integ.uri) ?? '';
  let service: string | undefined;
  let action = '';
  if (integ.subtype) {
    const [svc, act] = integ.subtype.split('-');
    service = ({ sqs: 'sqs', eventbridge: 'events', kinesis: 'kinesis', stepfunctions: 'states', appconfig: 'appconfig' } as Record<string, string>)[svc!.toLowerCase()] ?? svc!.toLowerCase();
    action = act ?? '';
  } else if (/:lambda:path\//.test(uri) || (type === 'aws_proxy' && /:lambda:|\$\{[^}]+\.Arn\}/.test(uri))) {
    service = 'lambda';
  } else if (type === 'http' || type === 'http_proxy') {
    return d.standIn(`integration:${api.key}:http:${uri}`, `${api.key}HttpIntegration`, 'HTTP endpoint', `HTTP endpoint ${uri || '(unknown)'} behind ${route} of ${api.name}.`, 'consumers');
  } else {
    const m = /^arn:[^:]*:apigateway:[^:]*:([a-z0-9-]+):(?:action\/|path\/)?([^/]*)/.exec(uri.replace(/\$\{AWS::[A-Za-z]+\}/g, 'x'));
    service = m?.[1];
    action = m?.[2] ?? '';
  }
  switch (service) {
    case 'lambda': {
      const fn = of('function');
      if (fn) return fn;
      break;
    }
    case 'sqs': {
      const q = of('queue');
      if (q) return q;
      break;
    }
    case 'events':
      return of('event-bus') ?? busFor(d, undefined);
    case 'kinesis': {
      const s = of('stream');
      if (s) return s;
      break;
    }
    case 'states': {
      const sm = named.find((n) => n.kind === 'external' && /StateMachine$/.test(n.resource ?? ''));
      if (sm) return sm;
      break;
    }
    default:
      break;
  }
  // What the integration writes to: the resources it names, and what its credentials may write.
  const credentials = Object.entries(integ.raw).find(([k]) => k.toLowerCase() === 'credentials')?.[1];
  const reached = [...named, ...(credentials !== undefined ? [...roleGrants(d, credentials)].filter(([, a]) => a.has('write')).map(([n]) => n) : [])]
    .filter((n, i, all) => n.kind !== 'http-api' && all.indexOf(n) === i);
  const label = `${api.key}${service ? service.charAt(0).toUpperCase() + service.slice(1) : 'Service'}Integration`;
  const on = reached.map((n) => n.name);
  for (const n of reached) {
    if (n.kind === 'table' || n.kind === 'bucket') n.suppress.set('graph/dead-end-producer', `written by ${route} of ${api.name} (an API Gateway ${service ?? 'service'} integration)`);
  }
  return d.standIn(
    `integration:${api.key}:${service ?? '?'}:${on.join(',')}`, label, (service && SERVICE_TYPE[service]) ?? `AWS service integration (${service ?? 'unknown'})`,
    `API Gateway ${service ?? 'service'} integration${action ? ` (${action})` : ''}${on.length ? ` on ${on.join(', ')}` : ''}: routes reach functions, queues, buses and streams only.`,
    'consumers',
  );
}

/** Adds the route of an integration to an API. */
function route(d: Draft, api: DraftNode, method: string, path: string, integ: Integration, owner: string): void {
  const target = integrationTarget(d, api, integ, `${method.toUpperCase()} ${path}`);
  if (!target) {
    d.notes.add(`Mock integrations (${owner}) reach nothing and were left out.`);
    return;
  }
  const options: Obj = {};
  if (integ.timeoutMs !== undefined) options.timeout = msDuration(integ.timeoutMs);
  addRoute(d, api, method, path, target, options, owner);
}

/** Routes of an OpenAPI document with `x-amazon-apigateway-integration`s. */
function openApiRoutes(d: Draft, api: DraftNode, body: Obj, owner: string): void {
  const { t } = d;
  const paths = isObj(body.paths) ? body.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!OPENAPI_METHODS.includes(method.toLowerCase()) || !isObj(op)) continue;
      const i = op['x-amazon-apigateway-integration'];
      if (!isObj(i)) continue;
      const subtype = t.str(i.integrationSubtype);
      const timeoutMs = t.num(i.timeoutInMillis);
      route(d, api, method, path, {
        type: t.str(i.type) ?? '', uri: i.uri, raw: i, ...(subtype ? { subtype } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      }, owner);
    }
  }
}

/** The path of an `AWS::ApiGateway::Resource` (following `ParentId` up to the root). */
function resourcePath(d: Draft, value: unknown, depth = 0): string {
  if (depth > 30) return '/';
  if (intrinsicName(value) === 'Fn::GetAtt') return '/';
  const r = d.t.target(value);
  if (!r || r.type !== 'AWS::ApiGateway::Resource') return '/';
  const parent = resourcePath(d, r.properties.ParentId, depth + 1);
  return `${parent.replace(/\/$/, '')}/${d.t.str(r.properties.PathPart) ?? ''}`;
}

/** The API node a property names (an API of the template). */
function apiNode(d: Draft, value: unknown): DraftNode | undefined {
  const r = d.t.target(value);
  const node = r ? d.get(r.id) : undefined;
  return node?.kind === 'http-api' ? node : undefined;
}

function noteAuthorizers(d: Draft, r: Resource): void {
  const auth = isObj(r.properties.Auth) ? r.properties.Auth : {};
  for (const a of Object.values(isObj(auth.Authorizers) ? auth.Authorizers : {})) {
    if (!isObj(a)) continue;
    const fn = d.t.target(a.FunctionArn);
    const node = fn ? d.get(fn.id) : undefined;
    if (fn) d.notes.add(`${fn.id} authorizes the requests of ${r.id}: Archflow has no authorizer edge, so it has no incoming edge.`);
    if (node?.kind === 'function') node.suppress.set('graph/untriggered-consumer', `the authorizer of ${d.get(r.id)?.name ?? r.id}`);
  }
}

/**
 * A route of a WebSocket API: its key, and the function its Lambda proxy integration invokes
 * (`IntegrationUri` `arn:…:apigateway:…:lambda:path/…/functions/<function ARN>/invocations`). A route
 * whose integration is not a function of the template (an HTTP or mock integration) is noted.
 */
function webSocketRoute(d: Draft, api: DraftNode, r: Resource): void {
  const { t } = d;
  const key = t.str(r.properties.RouteKey);
  const integration = t.target(r.properties.Target, (x) => x.type === 'AWS::ApiGatewayV2::Integration');
  const fn = integration ? namedNodes(d, { uri: integration.properties.IntegrationUri }).find((n) => n.kind === 'function') : undefined;
  if (!key || !fn) {
    d.notes.add(`Route ${key ?? r.id} of WebSocket API ${api.name} does not invoke a function of the template (${integration ? `integration ${integration.id}` : 'no integration'}): Archflow's WebSocket routes invoke functions, so it is left out.`);
    return;
  }
  api.routes.set(key, fn.name);
  fn.incoming++;
}

/** Pass 3 for APIs: routes from OpenAPI bodies, SAM events (see map-wiring), REST methods and HTTP API routes. */
export function mapApis(d: Draft): void {
  const { t } = d;
  for (const r of t.resources.values()) {
    const api = d.get(r.id);
    if (api?.kind !== 'http-api') continue;
    const p = r.properties;
    const body = r.type.startsWith('AWS::Serverless::') ? p.DefinitionBody : p.Body;
    let unread: string | undefined;
    if (isObj(body) && isObj(body['Fn::Transform'])) {
      const params = isObj(body['Fn::Transform'].Parameters) ? body['Fn::Transform'].Parameters : {};
      unread = t.str(params.Location) ?? 'an included file';
    } else if (isObj(body)) openApiRoutes(d, api, body, r.id);
    const location = p.DefinitionUri ?? p.BodyS3Location;
    if (location !== undefined) unread = t.str(location) ?? 'a file';
    if (unread !== undefined) {
      d.notes.add(`The routes of ${r.id} come from ${unread}, which the import does not read.`);
      api.suppress.set('graph/dead-end-producer', `its routes are in ${unread}, which the import does not read`);
      d.unreadApis.push(api);
    }
    if (r.type === 'AWS::ApiGatewayV2::Api' && p.Target !== undefined) {
      const [method, path] = (t.str(p.RouteKey) ?? '$default') === '$default' ? ['ANY', '/{proxy+}'] : (t.str(p.RouteKey) ?? '').split(' ');
      route(d, api, method ?? 'ANY', path ?? '/{proxy+}', { type: 'AWS_PROXY', uri: p.Target, raw: { Target: p.Target } }, r.id);
    }
    noteAuthorizers(d, r);
  }
  for (const r of t.ofType('AWS::ApiGateway::Method')) {
    const p = r.properties;
    const api = apiNode(d, p.RestApiId);
    const i = isObj(p.Integration) ? p.Integration : undefined;
    if (!api || !i) continue;
    const timeoutMs = t.num(i.TimeoutInMillis);
    route(d, api, t.str(p.HttpMethod) ?? 'ANY', resourcePath(d, p.ResourceId), {
      type: t.str(i.Type) ?? '', uri: i.Uri, raw: i, ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    }, r.id);
  }
  for (const r of t.ofType('AWS::ApiGatewayV2::Route')) {
    const p = r.properties;
    const socket = d.t.target(p.ApiId);
    if (socket && d.get(socket.id)?.kind === 'websocket-api') {
      webSocketRoute(d, d.get(socket.id)!, r);
      continue;
    }
    const api = apiNode(d, p.ApiId);
    const integration = t.target(p.Target, (x) => x.type === 'AWS::ApiGatewayV2::Integration');
    if (!api || !integration) continue;
    const key = t.str(p.RouteKey) ?? '$default';
    if (key === '$default') d.notes.add(`The $default route of ${api.name} was written as ANY /{proxy+}.`);
    const [method, path] = key === '$default' ? ['ANY', '/{proxy+}'] : key.split(' ');
    const i = integration.properties;
    const subtype = t.str(i.IntegrationSubtype);
    const timeoutMs = t.num(i.TimeoutInMillis);
    route(d, api, method ?? 'ANY', path ?? '/', {
      type: t.str(i.IntegrationType) ?? '', uri: i.IntegrationUri, raw: i,
      ...(subtype ? { subtype } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    }, r.id);
  }
  for (const r of t.ofType('AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer')) {
    const fn = t.target(r.properties.AuthorizerUri);
    const node = fn ? d.get(fn.id) : undefined;
    if (fn) d.notes.add(`${fn.id} authorizes API requests (${r.id}): Archflow has no authorizer edge, so it has no incoming edge.`);
    if (node?.kind === 'function') node.suppress.set('graph/untriggered-consumer', `an API authorizer (${r.id})`);
  }
}
