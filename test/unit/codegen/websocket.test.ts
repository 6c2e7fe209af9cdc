// WebSocket APIs (kind `websocket-api`): the API, a route and integration per route key, one Lambda
// permission per route scoped to the API and key, a deployment after every route, the stage; the
// @connections grants of the functions that answer clients; typed handlers and helpers. Judged by
// cfn-lint and the official resource schemas the shared corpus holds (moto does not create ApiGatewayV2 resources: docs/deploy.md).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedProject } from '../../../server/src/core/codegen/index';
import { analyze } from '../../../server/src/core/analyze';
import { cfnLint, generateText, ROOT, validateResources } from '../../helpers/codegen';

const TEXT = readFileSync(join(ROOT, 'test/fixtures/codegen/websocket.arch.yaml'), 'utf8');
type Statement = { Effect: string; Action: string[]; Resource: unknown };
const statementsOf = (res: Record<string, { Properties: Record<string, unknown> }>, id: string): Statement[] =>
  (res[id]!.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!.PolicyDocument.Statement;

describe('websocket-api', () => {
  // Generated before each test, not once for the describe: a mutation run (Stryker) activates a mutant
  // for the tests only, so a project generated while the file loads could never tell a mutant apart.
  let project: GeneratedProject;
  let res: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown }>;
  beforeEach(() => {
    project = generateText(TEXT);
    res = project.template.Resources as typeof res;
  });

  it('is declared without problems', () => {
    expect(analyze(TEXT).problems.map((p) => `${p.code} ${p.message}`)).toEqual([]);
  });

  it('generates the API, a Lambda proxy integration and route per route key, a deployment after every route, and the stage', () => {
    expect(res.ChatWebSocketApi).toEqual({ Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: { 'Fn::Sub': '${AWS::StackName}-chat' }, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } });
    expect(res.ChatWebSocketApiSendMessageIntegration!.Properties).toEqual({
      ApiId: { Ref: 'ChatWebSocketApi' }, IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${PostFunction.Arn}/invocations' },
    });
    const routes = Object.values(res).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(['$connect', '$default', '$disconnect', 'sendMessage']);
    expect(res.ChatWebSocketApiDeployment!.DependsOn).toEqual(['ChatWebSocketApiConnectRoute', 'ChatWebSocketApiDisconnectRoute', 'ChatWebSocketApiDefaultRoute', 'ChatWebSocketApiSendMessageRoute']);
    expect(res.ChatWebSocketApiStage!.Properties).toEqual({ ApiId: { Ref: 'ChatWebSocketApi' }, StageName: 'live', DeploymentId: { Ref: 'ChatWebSocketApiDeployment' } });
    expect(project.template.Outputs?.ChatWebSocketApiUrl).toEqual({ Description: "URL clients of WebSocket API 'chat' connect to.", Value: { 'Fn::Sub': 'wss://${ChatWebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/live' } });
  });

  it('lets API Gateway invoke each function for its own route key of this API only', () => {
    const permissions = Object.values(res).filter((r) => r.Type === 'AWS::Lambda::Permission').map((r) => [(r.Properties.FunctionName as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0], r.Properties.Principal, r.Properties.SourceArn]);
    const arn = (key: string): unknown => ({ 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ChatWebSocketApi}/*/${key}` });
    expect(permissions).toEqual([
      ['ConnectFunction', 'apigateway.amazonaws.com', arn('$connect')],
      ['DisconnectFunction', 'apigateway.amazonaws.com', arn('$disconnect')],
      ['FallbackFunction', 'apigateway.amazonaws.com', arn('$default')],
      ['PostFunction', 'apigateway.amazonaws.com', arn('sendMessage')],
    ]);
  });

  it('grants execute-api:ManageConnections on the @connections API only: POST to reply, every method to manage', () => {
    const connections = (method: string): unknown => ({ 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ChatWebSocketApi}/live/${method}/@connections/*` });
    expect(statementsOf(res, 'PostRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: connections('POST') }]);
    expect(statementsOf(res, 'FallbackRole').slice(1)).toEqual([{ Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: connections('*') }]);
    expect(statementsOf(res, 'ConnectRole').slice(1)).toEqual([]);
    expect((res.PostFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toEqual({
      CHAT_WEBSOCKET_ENDPOINT: { 'Fn::Sub': 'https://${ChatWebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/live' },
    });
  });

  it('types the handlers (WebSocket event, typed body) and gives a typed helper to send to a client', () => {
    const post = project.files.get('src/generated/post.ts')!;
    expect(post).toContain('export type PostEvent = APIGatewayProxyWebsocketEventV2;');
    expect(post).toContain('export type PostResult = APIGatewayProxyResultV2;');
    expect(post).toContain('export function parseChatBody(record: APIGatewayProxyWebsocketEventV2): ChatBody {');
    expect(post).toContain('export async function postChatMessageToChat(connectionId: string, data: Events.ChatMessage): Promise<void> {\n  await postToConnection("CHAT_WEBSOCKET_ENDPOINT", connectionId, data);');
    expect(project.files.get('src/generated/runtime.ts')).toContain("import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';");
    expect(Object.keys(JSON.parse(project.files.get('package.json')!).dependencies)).toEqual(['@aws-sdk/client-apigatewaymanagementapi']);
    expect(project.files.get('src/generated/samples/connect.ts')).toContain('"eventType": "CONNECT"');
  });

  it('without a route to a function: no deployment, and a warning', () => {
    const p = generateText('archflow: 1\nname: t\nproducers:\n  idle: { type: websocket-api, routes: { $connect: gone } }\nconsumers:\n  gone: { type: external }\n');
    expect(Object.values(p.template.Resources).map((r) => r.Type)).toEqual(['AWS::ApiGatewayV2::Api']);
    expect(p.problems.map((x) => `${x.code} ${x.message}`)).toContain("codegen/websocket-no-routes WebSocket API 'idle' has no route to a function of the file: it is generated without a deployment or stage, so no client can connect.");
  });

  it('writes a route key holding `${` as a literal inside Fn::Sub (`${!`), cfn-lint clean', () => {
    const p = generateText('archflow: 1\nname: t\nproducers:\n  chat: { type: websocket-api, routes: { "say${hi}": f } }\nconsumers:\n  f: {}\n');
    const permission = Object.values(p.template.Resources).find((r) => r.Type === 'AWS::Lambda::Permission')!;
    expect(permission.Properties.SourceArn).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatWebSocketApi}/*/say${!hi}' });
    expect(Object.values(p.template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Route')!.Properties.RouteKey).toBe('say${hi}');
    const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
    writeFileSync(join(dir, 'template.json'), p.files.get('template.json')!);
    expect(cfnLint([join(dir, 'template.json')]).map((f) => `${f.Level} ${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 60_000);

  it('is cfn-lint clean and valid against the official resource schemas', () => {
    const checked = validateResources(project.template);
    expect(checked.errors).toEqual([]);
    // The shared corpus holds the schemas of some types only (the WebSocket API's among them); cfn-lint (below) judges every one.
    expect(checked.withoutSchema).not.toContain('AWS::ApiGatewayV2::Api');
    expect(checked.withoutSchema).not.toContain('AWS::Lambda::Permission');
    const dir = mkdtempSync(join(tmpdir(), 'archflow-cfn-'));
    writeFileSync(join(dir, 'template.json'), project.files.get('template.json')!);
    expect(cfnLint([join(dir, 'template.json')]).map((f) => `${f.Level} ${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 60_000);
});
