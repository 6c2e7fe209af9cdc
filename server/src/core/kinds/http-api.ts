/** Kind `http-api`: an API Gateway API (producer) whose routes invoke functions or send to queues, buses and streams. */
import { isObj, type Obj } from '../util/value';
import type { KindModule, ReferenceSlot } from './kind';

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
};
