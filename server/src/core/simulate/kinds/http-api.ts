/**
 * An API Gateway API in the simulation: a request to a route invokes its function synchronously and
 * answers with what the function returns (200 unless it says otherwise); the client gets 504 when the
 * integration timeout runs out first (the route's `timeout`, else 30 s for an HTTP API, 29 s for a REST
 * API: G1, G2) while the function keeps running, and 500 when the function fails or is throttled (API
 * Gateway maps a Lambda error or 429 to 500; 502 for a REST API's function error: services-apigateway-errors.html).
 * A direct integration sends the body to its queue, bus or stream and answers 200. An unknown route: 404.
 */
import type { GraphEdge, GraphNode } from '../../model/graph';
import { toSeconds } from '../../util/duration';
import { isObj } from '../../util/value';
import { apiEvent } from '../events';
import { SIM_FACTS } from '../facts';
import type { Accepted, InvokeResult, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

class ApiSim implements NodeSim {
  private readonly routes = new Map<string, GraphEdge>();
  private requests = 0;

  constructor(readonly node: GraphNode<'http-api'>, private readonly kit: SimKit) {
    for (const e of kit.graph.outgoing.get(node.id) ?? []) if (e.mechanism === 'route' && e.route) this.routes.set(e.route, e);
  }

  accept(send: Send, ctx: SendContext): Accepted {
    const { kit } = this;
    const id = this.node.id;
    if (send.action !== 'request') return `an API takes requests, not ${send.action}`;
    const stats = kit.stats(id);
    const rest = this.node.settings.flavor === 'rest';
    const requestId = ++this.requests;
    // API Gateway is not part of Lambda's loop tracking.
    const env = kit.envelope(send.body, { origin: ctx.origin, born: ctx.born });
    stats.received++;
    let answered = false;
    const answer = (status: number, why: string, body?: unknown): void => {
      if (answered) return;
      answered = true;
      const cls = `${Math.floor(status / 100)}xx`;
      stats.responses[cls] = (stats.responses[cls] ?? 0) + 1;
      stats.responses[String(status)] = (stats.responses[String(status)] ?? 0) + 1;
      if (status >= 500) stats.failed++;
      else if (status < 400) stats.succeeded++;
      if (kit.logging) kit.log('respond', id, { message: env.id, origin: env.origin, detail: `${send.route} → ${status}${why ? ` (${why})` : ''}` });
      else kit.mark();
      send.respond?.(status, body);
    };
    if (!kit.available(id)) {
      answer(503, 'unavailable (outage)');
      return true;
    }
    const edge = this.routes.get(send.route);
    if (!edge) {
      answer(404, 'no such route');
      return true;
    }
    kit.reached(id, env);
    const to = edge.to;
    const target = kit.graph.nodes.get(to);
    const hop: SendContext = { from: id, origin: env.origin, born: env.born, edge, ...(edge.event !== undefined ? { event: edge.event } : {}) };
    if (target?.kind === 'function') {
      const written = toSeconds(edge.options.timeout);
      const timeout = written !== undefined ? written * 1000 : rest ? SIM_FACTS.restApiTimeout : SIM_FACTS.httpApiTimeout;
      // A function that times out first answers before the integration does: no timer needed then.
      if (target.settings.timeout.value * 1000 > timeout) kit.at(kit.now() + timeout, () => answer(504, `integration timeout ${timeout / 1000} s`));
      kit.invoke(to, {
        mode: 'sync', records: [env], source: { kind: 'api', node: id, edge, route: send.route },
        event: () => apiEvent(id, send.route, send.body, requestId, kit.epoch + kit.now()),
        onResult: (r: InvokeResult) => {
          if (r.status === 'ok') {
            const res = isObj(r.response) ? r.response : {};
            answer(typeof res.statusCode === 'number' ? res.statusCode : 200, '', res.body);
          } else if (r.status === 'throttled') answer(500, 'the function was throttled');
          else answer(rest && r.status === 'error' ? 502 : 500, r.error ?? r.status);
        },
      });
      return true;
    }
    let r: Accepted;
    if (target?.kind === 'queue') {
      const s = target.settings;
      r = kit.send(to, { action: 'sendMessage', message: send.body, ...(s.fifo ? { group: id, ...(s.contentBasedDeduplication ? {} : { deduplicationId: `request-${requestId}` }) } : {}) }, hop);
    } else if (target?.kind === 'event-bus') {
      const ev = edge.event ? kit.graph.events.get(edge.event) : undefined;
      r = kit.send(to, { action: 'putEvent', source: ev?.source ?? `${kit.graph.name ?? 'app'}.${id}`, detailType: ev?.detailType ?? send.route, detail: send.body ?? {} }, hop);
    } else if (target?.kind === 'stream') {
      r = kit.send(to, { action: 'putRecord', data: send.body, partitionKey: `request-${requestId}` }, hop);
    } else r = `route target '${to}' is not simulated`;
    if (r === true) answer(200, '');
    else answer(500, r);
    return true;
  }
}

/** The `simulate` facet of the http-api kind. */
export const httpApiSimulation: SimulateFacet<GraphNode<'http-api'>> = {
  create: (node, kit) => new ApiSim(node, kit),
};
