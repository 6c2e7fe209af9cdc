/**
 * Importing WebSocket APIs (`AWS::ApiGatewayV2::Api` with `ProtocolType: WEBSOCKET`): the API becomes
 * a `websocket-api` (no longer refused, nor read as an HTTP API), each route the function its Lambda
 * integration invokes, and a function allowed `execute-api:ManageConnections` on it emits to it. What
 * Archflow generates for a WebSocket API imports back onto the same declaration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { generateText, ROOT } from '../../helpers/codegen';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ChatApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: chat
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.type
  ConnectRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref ChatApi
      RouteKey: $connect
      Target: !Join ['/', [integrations, !Ref ConnectIntegration]]
  ConnectIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref ChatApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${OnConnect.Arn}/invocations
  SendRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref ChatApi
      RouteKey: sendmessage
      Target: !Sub integrations/\${SendIntegration}
  SendIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref ChatApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${SendMessage.Arn}/invocations
  MockRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref ChatApi
      RouteKey: ping
      Target: !Sub integrations/\${MockIntegration}
  MockIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref ChatApi
      IntegrationType: MOCK
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    DependsOn: [ConnectRoute, SendRoute]
    Properties: { ApiId: !Ref ChatApi }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref ChatApi, StageName: prod, DeploymentId: !Ref Deployment }
  OnConnect:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/ }
  SendMessage:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: execute-api:ManageConnections
              Resource: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ChatApi}/*
  SendPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref SendMessage
      Principal: apigateway.amazonaws.com
`;

describe('importing WebSocket APIs', () => {
  it('maps the API, its routes to functions (a mock route noted) and the function that answers clients', () => {
    const r = importTemplate(TEMPLATE, 'chat/template.yaml');
    expect(r.problems).toEqual([]);
    const a = analyze(r.yaml);
    expect(a.problems.filter((p) => /^(yaml|schema|ref|name)\//.test(p.code)).map((p) => `${p.code}: ${p.message}`)).toEqual([]);
    const api = a.graph.nodes.get('ChatApi')!;
    expect(api.kind).toBe('websocket-api');
    expect(api.config).toMatchObject({ type: 'websocket-api', routeSelection: '$request.body.type', routes: { $connect: 'OnConnect', sendmessage: 'SendMessage' } });
    expect(a.graph.edges.map((e) => `${e.from} -${e.mechanism}${e.route ? ` ${e.route}` : ''}-> ${e.to}`).sort()).toEqual([
      'ChatApi -websocket-route $connect-> OnConnect',
      'ChatApi -websocket-route sendmessage-> SendMessage',
      'SendMessage -emit-> ChatApi',
    ]);
    expect(r.notes.join('\n')).toContain('Route ping of WebSocket API ChatApi does not invoke a function of the template (integration MockIntegration)');
  });

  it('reads back what Archflow generates for a WebSocket API', () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/codegen/websocket.arch.yaml'), 'utf8');
    const template = JSON.stringify(generateText(text).template);
    const back = analyze(importTemplate(template, 'chat/template.json').yaml);
    const api = [...back.graph.nodes.values()].find((n) => n.kind === 'websocket-api')!;
    expect(api.settings).toEqual({ routeSelection: '$request.body.action', routes: ['$connect', '$default', '$disconnect', 'sendMessage'] });
    const edges = back.graph.edges.map((e) => `${e.mechanism}${e.route ? ` ${e.route}` : ''} → ${back.graph.nodes.get(e.to)!.kind}`).sort();
    expect(edges).toEqual([
      'emit → websocket-api', 'emit → websocket-api',
      'websocket-route $connect → function', 'websocket-route $default → function', 'websocket-route $disconnect → function', 'websocket-route sendMessage → function',
    ]);
  });
});
