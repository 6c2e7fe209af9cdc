/** Kind `http-api`: an API Gateway API (producer) whose routes invoke functions or send to queues, buses and streams. */
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, ref, sub } from '../codegen/cfn';
import { pascal } from '../codegen/names';
import { PRINCIPALS } from '../model/edge-permissions';
import { toSeconds } from '../util/duration';
import { busName } from './event-bus';
import type { KindModule, ReferenceSlot } from './kind';
import { shown } from './read';

/** The settings of an API. */
export interface HttpApiSettings {
  /** `http` (API Gateway HTTP API) or `rest` (REST API). */
  readonly flavor: 'http' | 'rest';
  readonly cors: boolean;
  /** The route keys (`POST /orders`), in the order written. */
  readonly routes: readonly string[];
}

const ROUTE = { at: /^routes\/[^/]+$/, names: ['function', 'queue', 'event-bus', 'stream'] } as const satisfies ReferenceSlot;
const ROUTE_EVENT = { at: /^routes\/[^/]+\/event$/, names: 'event' } as const satisfies ReferenceSlot;

/** `POST /orders/{id}` → `PostOrdersId` */
const routeWords = (route: string): string => pascal(route.replace(/^[A-Z]+/, (m) => m.toLowerCase()).replace(/[{}+]/g, ' ')) || 'Root';

/** The `http-api` kind. */
export const httpApi: KindModule<'http-api', HttpApiSettings> = {
  kind: 'http-api',
  label: 'HTTP API',
  sections: ['producers'],
  settings(c: Obj): HttpApiSettings {
    return { flavor: c.flavor === 'rest' ? 'rest' : 'http', cors: c.cors === true, routes: isObj(c.routes) ? Object.keys(c.routes) : [] };
  },
  references: {
    slots: [ROUTE, ROUTE_EVENT],
    link(node, l) {
      const routes = node.config.routes;
      if (!isObj(routes)) return;
      for (const route of Object.keys(routes)) {
        const value = routes[route];
        const at = node.pointer.concat('routes', route);
        const ref = l.ref(value, at);
        const event = isObj(value) ? l.event(value.event, at.concat('event')) : undefined;
        l.edge(node, ref, ROUTE.names, 'trigger', 'route', `the target of route '${route}'`, { route, ...(event ? { event } : {}) });
      }
    },
  },
  cloudformation: {
    suffix: 'Api',
    resources(node, t) {
      const { ctx } = t;
      const id = ctx.id(node.id)!;
      t.add(id, 'AWS::ApiGatewayV2::Api', {
        Name: sub(`\${AWS::StackName}-${node.id}`),
        ProtocolType: 'HTTP',
        Description: node.description || undefined,
        CorsConfiguration: node.settings.cors ? { AllowOrigins: ['*'], AllowMethods: ['*'], AllowHeaders: ['*'] } : undefined,
      });
      t.add(ctx.newId([id, 'Stage'], `stage:${node.id}`), 'AWS::ApiGatewayV2::Stage', { ApiId: ref(id), StageName: '$default', AutoDeploy: true });
      t.output(`${id}Url`, { Description: `URL of HTTP API '${node.id}'.`, Value: getAtt(id, 'ApiEndpoint') });
    },
    edge(edge, api, to, t) {
      if (edge.mechanism !== 'route') return;
      const { ctx } = t;
      const apiId = ctx.id(api.id)!;
      const route = edge.route ?? 'ANY /';
      const words = routeWords(route);
      const integrationId = ctx.newId([apiId, words, 'Integration'], `integration:${edge.id}`);
      const routeId = ctx.newId([apiId, words, 'Route'], `route:${edge.id}`);
      const o = edge.options;
      const rest = api.settings.flavor === 'rest';
      const written = toSeconds(o.timeout);
      const timeout = written === undefined ? undefined : Math.round(written);
      const maxMillis = (rest ? 29 : 30) * 1000;
      const event = edge.event ? ctx.graph.events.get(edge.event) : undefined;
      if (to.kind === 'function') {
        t.add(integrationId, 'AWS::ApiGatewayV2::Integration', {
          ApiId: ref(apiId),
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: getAtt(ctx.id(to.id)!, 'Arn'),
          PayloadFormatVersion: '2.0',
          TimeoutInMillis: timeout !== undefined ? Math.min(Math.max(50, timeout * 1000), maxMillis) : undefined,
        });
        const [method, path] = route.split(' ');
        const arnPath = (path ?? '/').replace(/\{[^}]*\}/g, '*');
        t.lambdaPermission(edge, PRINCIPALS.apigateway, {
          SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*/${method === 'ANY' ? '*' : method}${arnPath}`),
        }, [api.id, words]);
      } else {
        // A service integration: API Gateway sends to the queue, bus or stream itself, with a role.
        const role = t.grantServiceRole(edge, apiId);
        const params: Obj =
          to.kind === 'queue'
            ? compact({
              QueueUrl: ref(ctx.id(to.id)!),
              MessageBody: '$request.body',
              MessageGroupId: to.settings.fifo ? api.id : undefined,
              MessageDeduplicationId: to.settings.fifo && !to.settings.contentBasedDeduplication ? '$context.requestId' : undefined,
            })
            : to.kind === 'event-bus'
              ? { EventBusName: busName(ctx, to.id), Source: event?.source ?? `${ctx.name}.${api.id}`, DetailType: event?.detailType ?? route, Detail: '$request.body' }
              : { StreamName: ref(ctx.id(to.id)!), Data: '$request.body', PartitionKey: '$context.requestId' };
        t.add(integrationId, 'AWS::ApiGatewayV2::Integration', {
          ApiId: ref(apiId),
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype: to.kind === 'queue' ? 'SQS-SendMessage' : to.kind === 'event-bus' ? 'EventBridge-PutEvents' : 'Kinesis-PutRecord',
          CredentialsArn: role ? getAtt(role, 'Arn') : undefined,
          PayloadFormatVersion: '1.0',
          RequestParameters: params,
          TimeoutInMillis: timeout !== undefined ? Math.min(Math.max(50, timeout * 1000), maxMillis) : undefined,
        });
      }
      t.add(routeId, 'AWS::ApiGatewayV2::Route', { ApiId: ref(apiId), RouteKey: route, Target: { 'Fn::Join': ['/', ['integrations', ref(integrationId)]] } });
    },
  },
  diagram: {
    icons: {
      // { }
      api: {
        glyph: 'M9 4.5c-2 0-2.5 1-2.5 3v2.2c0 1.3-.8 2.3-2 2.3 1.2 0 2 1 2 2.3v2.2c0 2 .5 3 2.5 3 M15 4.5c2 0 2.5 1 2.5 3v2.2c0 1.3.8 2.3 2 2.3-1.2 0-2 1-2 2.3v2.2c0 2-.5 3-2.5 3',
        colour: '#4453c9',
        subtitle: 'HTTP API',
      },
    },
    subtitle: (node) => (node.settings.flavor === 'rest' ? 'REST API' : 'HTTP API'),
    settings: (node) => shown([
      ['flavor', node.settings.flavor],
      ['routes', node.settings.routes.join(', ')],
      ['CORS', node.settings.cors ? 'yes' : undefined],
    ]),
  },
};
