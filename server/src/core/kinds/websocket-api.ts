/**
 * Kind `websocket-api`: an API Gateway WebSocket API (producer). Clients keep a connection open; each
 * message is routed by the API's route selection expression (`$request.body.action` by default) to a
 * route key, and `$connect`, `$disconnect` and `$default` catch the connection's life and the messages
 * no key matches. Every route invokes a function (Lambda proxy integration). Functions answer
 * connected clients through the `@connections` API: they name the API in `emits`, and get
 * `execute-api:ManageConnections` on its `@connections` ARN only (model/edge-permissions.ts).
 *
 * The ARN formats are API Gateway's ("Control access to WebSocket APIs with IAM authorization",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html):
 * a route is `arn:…:execute-api:<region>:<account>:<api-id>/<stage>/<route-key>`, the @connections
 * API `arn:…:execute-api:<region>:<account>:<api-id>/<stage>/POST/@connections`.
 */
import { isObj, type Obj } from '../util/value';
import { ref, sub } from '../codegen/cfn';
import { EPOCH_MS, REGION } from '../codegen/sample-events';
import { sampleFromSchema } from '../eventbridge/pattern';
import { pascal } from '../codegen/names';
import { PRINCIPALS, WEBSOCKET_STAGE } from '../model/edge-permissions';
import { noteRest, put as putProp } from '../import/helpers';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, shown } from './read';

/** The route selection expression API Gateway's examples use, and Archflow's default. */
export const DEFAULT_ROUTE_SELECTION = '$request.body.action';

/** The settings of a WebSocket API. */
export interface WebSocketApiSettings {
  /** How a message picks its route (`routeSelection`, default `$request.body.action`). */
  readonly routeSelection: string;
  /** The route keys (`$connect`, `sendMessage`, …), in the order written. */
  readonly routes?: readonly string[];
}

const ROUTE = { at: /^routes\/[^/]+$/, names: ['function'] } as const satisfies ReferenceSlot;
const ROUTE_EVENT = { at: /^routes\/[^/]+\/event$/, names: 'event' } as const satisfies ReferenceSlot;

/** `$connect` → `Connect`, `sendMessage` → `SendMessage`. */
const routeWords = (key: string): string => pascal(key.replace(/^\$/, '').replace(/[^A-Za-z0-9]+/g, ' ')) || 'Route';

/** `https://<api>.execute-api.<region>.<suffix>/<stage>`: where functions reach the @connections API. */
const connectionsEndpoint = (id: string): ReturnType<typeof sub> => sub(`https://\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${WEBSOCKET_STAGE}`);

/** The `websocket-api` kind. */
export const websocketApi: KindModule<'websocket-api', WebSocketApiSettings> = {
  kind: 'websocket-api',
  label: 'WebSocket API',
  sections: ['producers'],
  aliases: ['websocket', 'websockets', 'ws', 'web-socket', 'socket'],
  // Functions answer its clients (`emits`: the @connections API).
  reachedBy: ['emit'],
  settings(c: Obj): WebSocketApiSettings {
    return {
      routeSelection: typeof c.routeSelection === 'string' && c.routeSelection ? c.routeSelection : DEFAULT_ROUTE_SELECTION,
      ...(isObj(c.routes) ? { routes: Object.keys(c.routes) } : {}),
    };
  },
  references: {
    slots: [ROUTE, ROUTE_EVENT],
    link(node, l) {
      const routes = node.config.routes;
      if (!isObj(routes)) return;
      for (const route of Object.keys(routes)) {
        const value = routes[route];
        const at = node.pointer.concat('routes', route);
        const event = isObj(value) ? l.event(value.event, at.concat('event')) : undefined;
        l.edge(node, l.ref(value, at, ROUTE.names), ROUTE.names, 'trigger', 'websocket-route', `the target of route '${route}'`, { route, ...(event ? { event } : {}) });
      }
    },
  },
  cloudformation: {
    suffix: 'WebSocketApi',
    // What a function answering clients is granted on: the @connections API of the stage, POST (send)
    // or every method (`manage`: also read a connection and close it). Else the API's own prefix.
    arn: (_node, id, _ctx, p) => {
      const api = `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}}`;
      if (p.scope === 'connections' || p.scope === 'any-connections') return sub(`${api}/${WEBSOCKET_STAGE}/${p.scope === 'connections' ? 'POST' : '*'}/@connections/*`);
      return sub(api);
    },
    env: { word: 'WEBSOCKET', holds: 'ENDPOINT', value: (_node, id) => connectionsEndpoint(id) },
    resources(node, t) {
      const id = t.ctx.id(node.id)!;
      t.add(id, 'AWS::ApiGatewayV2::Api', {
        Name: sub(`\${AWS::StackName}-${node.id}`),
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: node.settings.routeSelection,
        Description: node.description || undefined,
      });
      t.output(`${id}Url`, { Description: `URL clients of WebSocket API '${node.id}' connect to.`, Value: sub(`wss://\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${WEBSOCKET_STAGE}`) });
      t.output(`${id}ConnectionsUrl`, { Description: `Endpoint of the @connections API of '${node.id}' (answering clients).`, Value: connectionsEndpoint(id) });
    },
    edge(edge, api, to, t) {
      if (edge.mechanism !== 'websocket-route' || to.kind !== 'function') return;
      const { ctx } = t;
      const apiId = ctx.id(api.id)!;
      const key = edge.route ?? '$default';
      const words = routeWords(key);
      const integrationId = ctx.newId([apiId, words, 'Integration'], `integration:${edge.id}`);
      const routeId = ctx.newId([apiId, words, 'Route'], `route:${edge.id}`);
      t.add(integrationId, 'AWS::ApiGatewayV2::Integration', {
        ApiId: ref(apiId),
        IntegrationType: 'AWS_PROXY',
        // A WebSocket API's Lambda integration names the function by its invocation URI.
        IntegrationUri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${ctx.id(to.id)!}.Arn}/invocations`),
      });
      t.add(routeId, 'AWS::ApiGatewayV2::Route', { ApiId: ref(apiId), RouteKey: key, Target: { 'Fn::Join': ['/', ['integrations', ref(integrationId)]] } });
      t.state(`websocket-routes:${api.id}`, () => [] as string[]).push(routeId);
      t.lambdaPermission(edge, PRINCIPALS.apigateway, {
        // `${` in a route key is written `${!` inside Fn::Sub (a literal, not a variable).
        SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*/${key.replace(/\$\{/g, '${!')}`),
      }, [api.id, words]);
    },
    // The deployment comes once every route exists (a deployment of an API without routes fails).
    finish(t) {
      const { ctx } = t;
      for (const node of ctx.graph.nodes.values()) {
        if (node.kind !== 'websocket-api' || !ctx.node(node.id)) continue;
        const id = ctx.id(node.id)!;
        const routes = t.state(`websocket-routes:${node.id}`, () => [] as string[]);
        if (routes.length === 0) {
          ctx.problems.push({
            code: 'codegen/websocket-no-routes', severity: 'warning', at: node.pointer,
            message: `WebSocket API '${node.id}' has no route to a function of the file: it is generated without a deployment or stage, so no client can connect.`,
          });
          continue;
        }
        const deployment = ctx.newId([id, 'Deployment'], `deployment:${node.id}`);
        t.add(deployment, 'AWS::ApiGatewayV2::Deployment', { ApiId: ref(id) }, { DependsOn: [...routes] });
        t.add(ctx.newId([id, 'Stage'], `stage:${node.id}`), 'AWS::ApiGatewayV2::Stage', { ApiId: ref(id), StageName: WEBSOCKET_STAGE, DeploymentId: ref(deployment) });
      }
    },
  },
  diagram: {
    icons: {
      // Two arrows, one each way: a connection both ends speak on.
      'websocket-api': { glyph: 'M4 9h14 M15 6l3 3-3 3 M20 15H6 M9 12l-3 3 3 3', colour: '#5a30b5', subtitle: 'WebSocket API' },
    },
    settings: (node) => shown([
      ['routes', node.settings.routes?.join(', ')],
      ['route selection', node.settings.routeSelection],
    ]),
  },
  events: {
    trigger(edge, _from, p, label) {
      if (edge.mechanism !== 'websocket-route') return undefined;
      const ev = edge.event ? p.ctx.graph.events.get(edge.event) : undefined;
      return {
        shape: 'websocket', eventType: 'APIGatewayProxyWebsocketEventV2', resultType: 'APIGatewayProxyResultV2',
        ...(ev ? { messageType: p.eventType(ev.name) } : {}),
        events: ev ? [ev] : [], label: `route '${edge.route}' of ${label}`,
        ...(ev ? { parser: { word: 'Body', recordType: 'APIGatewayProxyWebsocketEventV2', body: "JSON.parse(record.isBase64Encoded ? Buffer.from(record.body ?? '', 'base64').toString('utf8') : record.body ?? 'null')" } } : {}),
      };
    },
    sample(t, s) {
      const key = t.edge.route ?? '$default';
      const eventType = key === '$connect' ? 'CONNECT' : key === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
      const ev = t.edge.event ? s.ctx.graph.events.get(t.edge.event) : undefined;
      return {
        requestContext: {
          routeKey: key, messageId: 'exampleMessageId=', eventType, extendedRequestId: 'exampleRequestId=',
          requestTime: '15/Jan/2025:12:00:00 +0000', messageDirection: 'IN', stage: WEBSOCKET_STAGE, connectedAt: EPOCH_MS, requestTimeEpoch: EPOCH_MS,
          requestId: 'exampleRequestId=', domainName: `example.execute-api.${REGION}.amazonaws.com`, connectionId: 'exampleConnectionId=', apiId: 'example',
        },
        ...(eventType === 'MESSAGE' ? { body: JSON.stringify(ev ? sampleFromSchema(ev.schema ?? {}) : { action: key }) } : {}),
        isBase64Encoded: false,
      };
    },
  },
  emit: {
    emitters: (_edge, target, e) => [{
      base: `post${e.E}To${e.T}`, helper: 'postToConnection', params: `connectionId: string, data: ${e.messageType}`,
      call: `postToConnection(${e.env}, connectionId, data)`, returns: 'Promise<void>',
      doc: `Sends${e.event ? ` ${e.event.name}` : ' a message'} to a client connected to WebSocket API '${target.id}' (endpoint in ${e.envName}); at most 128 KB (G7).`,
    }],
  },
  import: {
    types: ['AWS::ApiGatewayV2::Api'],
    accepts: (t, r) => String(t.render(r.properties.ProtocolType) ?? 'HTTP').toUpperCase() === 'WEBSOCKET',
    settings(d, r, node) {
      const { t } = d;
      const p = r.properties;
      const selection = t.str(p.RouteSelectionExpression);
      if (selection && selection !== DEFAULT_ROUTE_SELECTION) node.props.routeSelection = selection;
      putProp(node.props, 'description', t.str(p.Description));
      noteRest(d, r, p, ['Name', 'ProtocolType', 'RouteSelectionExpression', 'Description']);
    },
    edges(node, out) {
      out.routes = Object.fromEntries(node.routes);
    },
    grants: { service: 'execute-api', write: ['manageconnections'] },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:chat}:', '  type: websocket-api', '  routes:', `    \\$connect: ${fn(2)}`, `    \${3:sendMessage}: ${fn(4)}`],
      flow: `\${1:chat}: { type: websocket-api, routes: { \\$connect: ${fn(2)}, \${3:sendMessage}: ${fn(4)} } }`,
      doc: 'An API Gateway WebSocket API whose routes ($connect, $disconnect, $default, your route keys) invoke functions.',
    }),
    hover: (node) => [...asWritten(node.config, ['routeSelection']), ...(node.settings.routes ? [`${node.settings.routes.length} route(s)`] : [])],
    outline: { key: 'routes', kind: 'route' },
  },
};

