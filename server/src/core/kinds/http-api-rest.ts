/**
 * `flavor: rest`: an API Gateway REST API (`AWS::ApiGateway::RestApi`), a regional endpoint with one
 * stage (`api`). Each route is a method on its path's resources: a Lambda proxy integration for a
 * function (payload format 1.0), an AWS service integration (SQS SendMessage, EventBridge PutEvents,
 * Kinesis PutRecord) with a role for the others. The deployment waits for every method. Integration
 * timeouts are capped at 29 s, the REST API default (aws-limits.md G1): a quota AWS raised for the
 * account is not carried into the template (`codegen/route-timeout` says so).
 */
import { getAtt, ref, sub, type Cfn } from '../codegen/cfn';
import { pascal } from '../codegen/names';
import { sha256 } from '../codegen/sha256';
import type { TemplateKit } from '../codegen/template-kit';
import { PRINCIPALS } from '../model/edge-permissions';
import type { GraphEdge, GraphNode } from '../model/graph';
import type { Obj } from '../util/value';
import { busName } from './event-bus';

/** The stage a REST API is deployed to (its URL ends with it). */
export const REST_STAGE = 'api';

type ApiNode = Extract<GraphNode, { kind: 'http-api' }>;

interface RestState {
  /** Path (`/orders/{id}`) → the logical ID of its `AWS::ApiGateway::Resource`. */
  readonly resources: Map<string, string>;
  /** Path → its methods (for CORS). */
  readonly methods: Map<string, Set<string>>;
  /** Every method's logical ID: the deployment waits for them. */
  readonly methodIds: string[];
}

const stateOf = (t: TemplateKit, api: string): RestState =>
  t.state(`rest:${api}`, () => ({ resources: new Map<string, string>(), methods: new Map<string, Set<string>>(), methodIds: [] }));

/** The resource of a path, its parents made first; the root is the API's root resource. */
function resourceOf(t: TemplateKit, apiId: string, state: RestState, path: string): Cfn {
  const parts = path.split('/').filter(Boolean);
  let parent: Cfn = getAtt(apiId, 'RootResourceId');
  let at = '';
  for (const part of parts) {
    at += `/${part}`;
    let id = state.resources.get(at);
    if (!id) {
      id = t.ctx.newId([apiId, pascal(at.replace(/[{}+]/g, ' ')) || 'Root', 'Resource'], `rest-resource:${apiId}:${at}`);
      t.add(id, 'AWS::ApiGateway::Resource', { RestApiId: ref(apiId), ParentId: parent, PathPart: part });
      state.resources.set(at, id);
    }
    parent = ref(id);
  }
  return parent;
}

/** The REST API itself; its deployment and stage come in `restFinish`. */
export function restApiResources(node: ApiNode, t: TemplateKit, id: string): void {
  t.add(id, 'AWS::ApiGateway::RestApi', {
    Name: sub(`\${AWS::StackName}-${node.id}`),
    Description: node.description || undefined,
    EndpointConfiguration: { Types: ['REGIONAL'] },
  });
  stateOf(t, id);
}

/** One route: a method on its path, integrated with a function or a service. */
export function restRoute(edge: GraphEdge, api: ApiNode, to: GraphNode, t: TemplateKit, timeoutMillis: number | undefined, words: string): void {
  const { ctx } = t;
  const apiId = ctx.id(api.id)!;
  const state = stateOf(t, apiId);
  const route = edge.route ?? 'ANY /';
  const [method = 'ANY', path = '/'] = route.split(' ');
  const resourceId = resourceOf(t, apiId, state, path);
  const methodId = ctx.newId([apiId, words, 'Method'], `rest-method:${edge.id}`);
  const event = edge.event ? ctx.graph.events.get(edge.event) : undefined;
  let integration: Obj;
  if (to.kind === 'function') {
    integration = {
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${ctx.id(to.id)!}.Arn}/invocations`),
      ...(timeoutMillis !== undefined ? { TimeoutInMillis: timeoutMillis } : {}),
    };
    const arnPath = path.replace(/\{[^}]*\}/g, '*');
    t.lambdaPermission(edge, PRINCIPALS.apigateway, {
      SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*/${method === 'ANY' ? '*' : method}${arnPath}`),
    }, [api.id, words]);
  } else {
    // A service integration: API Gateway calls the service's API with a role, the request body mapped into it.
    const role = t.grantServiceRole(edge, apiId);
    const json = { 'integration.request.header.Content-Type': "'application/x-amz-json-1.1'" };
    let uri: Cfn;
    let headers: Obj;
    let template: Cfn;
    if (to.kind === 'queue') {
      uri = sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/\${${ctx.id(to.id)!}.QueueName}`);
      headers = { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" };
      const fifo = to.settings.fifo;
      template = `Action=SendMessage&MessageBody=$util.urlEncode($input.body)${fifo ? `&MessageGroupId=${api.id}` : ''}${fifo && !to.settings.contentBasedDeduplication ? '&MessageDeduplicationId=$context.requestId' : ''}`;
    } else if (to.kind === 'event-bus') {
      uri = sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:events:action/PutEvents');
      headers = { ...json, 'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'" };
      const bus = busName(ctx, to.id);
      const entry = (busText: string): string =>
        `{"Entries":[{"EventBusName":"${busText}","Source":"${event?.source ?? `${ctx.name}.${api.id}`}","DetailType":"${event?.detailType ?? route}","Detail":"$util.escapeJavaScript($input.body)"}]}`;
      template = typeof bus === 'string' ? entry(bus) : { 'Fn::Sub': [entry('${Bus}'), { Bus: bus }] };
    } else if (to.kind === 'state-machine') {
      // Step Functions' API through the action URI (as the CDK's StepFunctionsIntegration does): an Express
      // workflow answers the request (StartSyncExecution), a Standard one is started (StartExecution).
      const action = to.settings.flavor === 'express' ? 'StartSyncExecution' : 'StartExecution';
      uri = sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:states:action/${action}`);
      headers = {};
      template = { 'Fn::Sub': ['{"input":"$util.escapeJavaScript($input.body)","stateMachineArn":"${StateMachine}"}', { StateMachine: ref(ctx.id(to.id)!) }] };
    } else {
      uri = sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:kinesis:action/PutRecord');
      headers = { ...json, 'integration.request.header.X-Amz-Target': "'Kinesis_20131202.PutRecord'" };
      template = { 'Fn::Sub': [`{"StreamName":"\${Stream}","Data":"$util.base64Encode($input.body)","PartitionKey":"$context.requestId"}`, { Stream: ref(ctx.id(to.id)!) }] };
    }
    integration = {
      Type: 'AWS',
      IntegrationHttpMethod: 'POST',
      Uri: uri,
      Credentials: role ? getAtt(role, 'Arn') : undefined,
      RequestParameters: headers,
      RequestTemplates: { 'application/json': template },
      PassthroughBehavior: 'NEVER',
      IntegrationResponses: [{ StatusCode: '200' }],
      ...(timeoutMillis !== undefined ? { TimeoutInMillis: timeoutMillis } : {}),
    };
  }
  t.add(methodId, 'AWS::ApiGateway::Method', {
    RestApiId: ref(apiId),
    ResourceId: resourceId,
    HttpMethod: method,
    AuthorizationType: 'NONE',
    Integration: integration,
    ...(to.kind === 'function' ? {} : { MethodResponses: [{ StatusCode: '200' }] }),
  });
  state.methodIds.push(methodId);
  const methods = state.methods.get(path) ?? state.methods.set(path, new Set()).get(path)!;
  methods.add(method);
}

/** After the routes: CORS preflights, the deployment (waiting for every method) and the stage, and the URL. */
export function restFinish(api: ApiNode, t: TemplateKit): void {
  const { ctx } = t;
  const apiId = ctx.id(api.id)!;
  const state = stateOf(t, apiId);
  if (api.settings.cors) {
    for (const [path, methods] of [...state.methods].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (methods.has('OPTIONS') || methods.has('ANY')) continue;
      const id = ctx.newId([apiId, pascal(path.replace(/[{}+]/g, ' ')) || 'Root', 'Options'], `rest-options:${apiId}:${path}`);
      const allowed = ['OPTIONS', ...[...methods].sort()].join(',');
      t.add(id, 'AWS::ApiGateway::Method', {
        RestApiId: ref(apiId),
        ResourceId: resourceOf(t, apiId, state, path),
        HttpMethod: 'OPTIONS',
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'MOCK',
          RequestTemplates: { 'application/json': '{"statusCode": 200}' },
          IntegrationResponses: [{
            StatusCode: '204',
            ResponseParameters: {
              'method.response.header.Access-Control-Allow-Origin': "'*'",
              'method.response.header.Access-Control-Allow-Methods': `'${allowed}'`,
              'method.response.header.Access-Control-Allow-Headers': "'*'",
            },
          }],
        },
        MethodResponses: [{
          StatusCode: '204',
          ResponseParameters: {
            'method.response.header.Access-Control-Allow-Origin': true,
            'method.response.header.Access-Control-Allow-Methods': true,
            'method.response.header.Access-Control-Allow-Headers': true,
          },
        }],
      });
      state.methodIds.push(id);
    }
  }
  // A REST API without a method cannot be deployed: the stage waits for the first route.
  if (state.methodIds.length === 0) return;
  // A deployment is a snapshot of the routes: its logical ID carries their hash, so changed routes make a new one.
  const methodIds = [...state.methodIds].sort();
  const hash = sha256(JSON.stringify(methodIds.map((id) => [id, t.resource(id)]))).slice(0, 10);
  const deployment = ctx.newId([apiId, 'Deployment', hash], `rest-deployment:${apiId}`);
  t.add(deployment, 'AWS::ApiGateway::Deployment', { RestApiId: ref(apiId), Description: `Routes of REST API '${api.id}'.` }, { DependsOn: methodIds });
  const stage = ctx.newId([apiId, 'Stage'], `stage:${api.id}`);
  t.add(stage, 'AWS::ApiGateway::Stage', { RestApiId: ref(apiId), DeploymentId: ref(deployment), StageName: REST_STAGE });
  t.output(`${apiId}Url`, { Description: `URL of REST API '${api.id}'.`, Value: sub(`https://\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${${stage}}`) });
}
