import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedProject } from '../../../server/src/core/codegen/index';
import { cfnLint, generateText, validateResources } from '../../helpers/codegen';

const arch = `archflow: 1
name: shop
events:
  Clicked: { source: shop.web, schema: { type: object } }
producers:
  api:
    type: http-api
    flavor: rest
    cors: true
    routes:
      POST /orders: { function: placeOrder, timeout: 60 }
      GET /orders/{id}: getOrder
      POST /jobs: { queue: jobs.fifo }
      POST /clicks: { bus: events, event: Clicked }
      POST /raw: { stream: raw }
  web:
    type: http-api
    routes:
      GET /status: getOrder
routers:
  jobs.fifo: { type: queue, fifo: true, to: placeOrder }
  events: { type: event-bus }
  raw: { type: stream, shards: 1 }
consumers:
  placeOrder: { timeout: 20 }
  getOrder: {}
`;

describe('flavor: rest generates an API Gateway REST API', () => {
  // Generated before each test, not once for the describe: a mutation run (Stryker) activates a mutant
  // for the tests only, so a project generated while the file loads could never tell a mutant apart.
  let p: GeneratedProject;
  let t: GeneratedProject['template'];
  beforeEach(() => {
    p = generateText(arch);
    t = p.template;
  });
  const byType = (type: string): string[] => Object.entries(t.Resources).filter(([, r]) => r.Type === type).map(([id]) => id).sort();

  it('a RestApi with a resource per path part, a method per route, a deployment after every method and a stage', () => {
    expect(byType('AWS::ApiGateway::RestApi')).toEqual(['Api']);
    expect(byType('AWS::ApiGatewayV2::Api')).toEqual(['WebApi']);
    expect(byType('AWS::ApiGateway::Resource')).toEqual(['ApiClicksResource', 'ApiJobsResource', 'ApiOrdersIdResource', 'ApiOrdersResource', 'ApiRawResource']);
    expect(t.Resources.ApiOrdersIdResource!.Properties).toEqual({ RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'ApiOrdersResource' }, PathPart: '{id}' });
    const methods = byType('AWS::ApiGateway::Method');
    expect(methods).toEqual([
      'ApiClicksOptions', 'ApiGetOrdersIdMethod', 'ApiJobsOptions', 'ApiOrdersIdOptions', 'ApiOrdersOptions', 'ApiPostClicksMethod', 'ApiPostJobsMethod',
      'ApiPostOrdersMethod', 'ApiPostRawMethod', 'ApiRawOptions',
    ]);
    const [deployment] = byType('AWS::ApiGateway::Deployment');
    expect(t.Resources[deployment!]!.DependsOn).toEqual(methods);
    expect(t.Resources.ApiStage).toMatchObject({ Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: { Ref: deployment }, StageName: 'api' } });
    expect(t.Outputs.ApiUrl!.Value).toEqual({ 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${ApiStage}' });
  });

  it('a function route is a Lambda proxy integration, its timeout capped at the REST default of 29 s', () => {
    expect(t.Resources.ApiPostOrdersMethod!.Properties.Integration).toEqual({
      Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', TimeoutInMillis: 29000,
      Uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${PlaceOrderFunction.Arn}/invocations' },
    });
    expect(p.problems.filter((x) => x.code === 'codegen/route-timeout').map((x) => x.message)).toEqual([
      "Route 'POST /orders' of REST API 'api' waits 60 s, but the generated REST API integration is capped at 29 s, the REST API default (a quota AWS raised for your account is not carried into the template).",
    ]);
    const permission = Object.values(t.Resources).find((r) => r.Type === 'AWS::Lambda::Permission' && JSON.stringify(r.Properties.SourceArn).includes('/*/GET/orders/*'));
    expect(permission?.Properties.SourceArn).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders/*' });
  });

  it('queue, bus and stream routes are AWS service integrations with a role that may do only that', () => {
    const integration = (id: string): Record<string, unknown> => t.Resources[id]!.Properties.Integration as Record<string, unknown>;
    expect(integration('ApiPostJobsMethod')).toMatchObject({
      Type: 'AWS', Credentials: { 'Fn::GetAtt': ['ApiRole', 'Arn'] },
      Uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${JobsFifoQueue.QueueName}' },
      RequestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageGroupId=api&MessageDeduplicationId=$context.requestId' },
    });
    expect(integration('ApiPostClicksMethod')).toMatchObject({ Type: 'AWS', RequestParameters: { 'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'" } });
    expect(integration('ApiPostRawMethod')).toMatchObject({ Type: 'AWS', RequestParameters: { 'integration.request.header.X-Amz-Target': "'Kinesis_20131202.PutRecord'" } });
    const role = t.Resources.ApiRole!;
    expect(role.Properties.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Principal: { Service: 'apigateway.amazonaws.com' } }] });
    const actions = JSON.stringify(role.Properties.Policies);
    for (const a of ['sqs:SendMessage', 'events:PutEvents', 'kinesis:PutRecord']) expect(actions).toContain(a);
  });

  it('the handler of a REST route takes payload format 1.0 (APIGatewayProxyEvent); one behind both flavors takes either', () => {
    expect(p.files.get('src/generated/placeOrder.ts')).toMatch(/APIGatewayProxyEvent\b/);
    expect(p.files.get('src/generated/getOrder.ts')).toContain('export type GetOrderEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;');
    expect(p.files.get('src/handlers/getOrder.ts')).toContain("console.log(('routeKey' in event ? event.routeKey : `${event.httpMethod} ${event.resource}`), event.pathParameters);");
    expect(p.files.get('src/generated/samples/getOrder.ts')).toContain('"httpMethod": "GET"');
  });

  it('passes cfn-lint with no error or warning, and each resource validates against its official schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archflow-rest-'));
    const file = join(dir, 'template.json');
    writeFileSync(file, p.files.get('template.json')!);
    expect(cfnLint([file]).filter((f) => f.Level === 'Error' || f.Level === 'Warning').map((f) => `${f.Location.Start.LineNumber} ${f.Rule.Id} ${f.Message}`)).toEqual([]);
    expect(validateResources(t).errors).toEqual([]);
  }, 120_000);
});
