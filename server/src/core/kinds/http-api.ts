/** Kind `http-api`: an API Gateway API (producer) whose routes invoke functions or send to queues, buses and streams. */
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, ref, sub } from '../codegen/cfn';
import { ACCOUNT, EPOCH_MS } from '../codegen/sample-events';
import { sampleFromSchema } from '../eventbridge/pattern';
import { pascal } from '../codegen/names';
import { PRINCIPALS } from '../model/edge-permissions';
import { toSeconds } from '../util/duration';
import { busName } from './event-bus';
import { noteRest, put as putProp } from '../import/helpers';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, shown } from './read';

/** The settings of an API. */
export interface HttpApiSettings {
  /** `http` (API Gateway HTTP API) or `rest` (REST API). */
  readonly flavor: 'http' | 'rest';
  readonly cors: boolean;
  /** The route keys (`POST /orders`), in the order written, when `routes` is a map. */
  readonly routes?: readonly string[];
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
  aliases: ['api', 'apigateway', 'api-gateway', 'httpapi', 'http', 'rest', 'rest-api'],
  settings(c: Obj): HttpApiSettings {
    return { flavor: c.flavor === 'rest' ? 'rest' : 'http', cors: c.cors === true, ...(isObj(c.routes) ? { routes: Object.keys(c.routes) } : {}) };
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
      if (timeout !== undefined && timeout * 1000 > maxMillis) {
        // Both flavors generate an HTTP API integration: a REST API's raised limit cannot be carried.
        ctx.problems.push({
          code: 'codegen/route-timeout', severity: 'warning', at: [...edge.optionsAt, 'timeout'],
          message: `Route '${route}' of ${rest ? 'REST' : 'HTTP'} API '${api.id}' waits ${timeout} s, but the generated integration (an API Gateway HTTP API integration, for both flavors) is capped at ${maxMillis / 1000} s.`,
        });
      }
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
      ['routes', node.settings.routes?.join(', ')],
      ['CORS', node.settings.cors ? 'yes' : undefined],
    ]),
  },
  events: {
    delivered(edge, _from, p) {
      if (edge.mechanism !== 'route') return ['unknown'];
      const ev = edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
      return [ev ? p.eventType(ev.name) : 'unknown'];
    },
    deliveredEvents(edge, _from, p) {
      const ev = edge.mechanism === 'route' && edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
      return ev ? [ev] : [];
    },
    deliveredSample(edge, _from, s) {
      const ev = edge.mechanism === 'route' && edge.event ? s.ctx.graph.events.get(edge.event) : undefined;
      return ev ? sampleFromSchema(ev.schema ?? {}) : {};
    },
    trigger(edge, _from, p, label) {
      if (edge.mechanism !== 'route') return undefined;
      const ev = edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
      return {
        shape: 'api', eventType: 'APIGatewayProxyEventV2', resultType: 'APIGatewayProxyResultV2', ...(ev ? { messageType: p.eventType(ev.name) } : {}),
        events: ev ? [ev] : [], label: `route '${edge.route}' of ${label}`,
        ...(ev ? { parser: { word: 'Body', recordType: 'APIGatewayProxyEventV2', body: "JSON.parse(record.isBase64Encoded ? Buffer.from(record.body ?? '', 'base64').toString('utf8') : record.body ?? 'null')" } } : {}),
      };
    },
    sample(t, s) {
      const route = t.edge.route ?? 'ANY /';
      const [method, path = '/'] = route.split(' ');
      const params = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
      const rawPath = path.replace(/\{[^}]+\}/g, 'example');
      const ev = t.edge.event ? s.ctx.graph.events.get(t.edge.event) : undefined;
      return {
        version: '2.0', routeKey: route, rawPath, rawQueryString: '', headers: { 'content-type': 'application/json' },
        requestContext: {
          accountId: ACCOUNT, apiId: 'example', domainName: 'example.execute-api.us-east-1.amazonaws.com', domainPrefix: 'example',
          http: { method: method === 'ANY' ? 'GET' : method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'archflow-test' },
          requestId: 'example-request', routeKey: route, stage: '$default', time: '15/Jan/2025:12:00:00 +0000', timeEpoch: EPOCH_MS,
        },
        ...(params.length ? { pathParameters: Object.fromEntries(params.map((p) => [p, 'example'])) } : {}),
        ...(ev ? { body: JSON.stringify(sampleFromSchema(ev.schema ?? {})) } : {}),
        isBase64Encoded: false,
      };
    },
  },
  import: {
    types: ['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi', 'AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api'],
    // A WebSocket API is not an HTTP API.
    accepts: (t, r) => !(r.type === 'AWS::ApiGatewayV2::Api' && String(t.render(r.properties.ProtocolType) ?? 'HTTP').toUpperCase() === 'WEBSOCKET'),
    settings(d, r, node) {
      const { t } = d;
      const p = r.properties;
      const rest = r.type === 'AWS::Serverless::Api' || r.type === 'AWS::ApiGateway::RestApi';
      node.props.flavor = rest ? 'rest' : 'http';
      const globals = isObj(t.globals[r.type === 'AWS::Serverless::Api' ? 'Api' : 'HttpApi']) ? (t.globals[r.type === 'AWS::Serverless::Api' ? 'Api' : 'HttpApi'] as Obj) : {};
      const cors = p.Cors ?? p.CorsConfiguration ?? (r.type.startsWith('AWS::Serverless') ? globals.Cors ?? globals.CorsConfiguration : undefined);
      if (cors !== undefined && cors !== false && t.bool(cors) !== false) node.props.cors = true;
      noteRest(d, r, p, ['Cors', 'CorsConfiguration', 'DefinitionBody', 'Body', 'Name', 'StageName', 'ProtocolType', 'Description']);
      putProp(node.props, 'description', t.str(p.Description));
    },
    edges(node, out) {
      out.routes = Object.fromEntries(node.routes);
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:api}:', '  type: http-api', '  routes:', `    \${2:POST /orders}: ${fn(3)}`],
      flow: `\${1:api}: { type: http-api, routes: { \${2:POST /orders}: ${fn(3)} } }`,
      doc: 'An API Gateway HTTP API whose route invokes a function.',
    }),
    hover: (node) => [...asWritten(node.config, ['flavor', 'cors']), ...(node.settings.routes ? [`${node.settings.routes.length} route(s)`] : [])],
    outline: { key: 'routes', kind: 'route' },
  },
};
