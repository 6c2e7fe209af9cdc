// Rule: api/function-timeout
// A function behind an API route does not run longer than the API waits for it.
import type { GraphEdge } from '../model/graph';
import { durationOption, n, setValue } from './helpers';
import type { Rule } from './rule';

export const apiFunctionTimeout: Rule = {
  code: 'api/function-timeout',
  severity: 'warning',
  description: "A function behind an API route has a `timeout` no longer than the route's integration timeout (HTTP API: at most 30 s; REST API: 29 s).",
  why: 'API Gateway stops waiting after the integration timeout and answers 504 Gateway Timeout, while Lambda keeps the function running (and billing) until it finishes or reaches its own timeout. Retrying clients then start the same work again.',
  source: { title: 'Quotas for HTTP APIs in API Gateway', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html' },
  fix: "Sets the function's `timeout` to the integration timeout.",
  check({ graph, limits }, report) {
    // The shortest wait of any route in front of each function.
    const tightest = new Map<string, { edge: GraphEdge; wait: number; api: string; rest: boolean; own: boolean }>();
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'route') continue;
      const api = graph.nodes.get(edge.from);
      const fn = graph.nodes.get(edge.to)?.fn;
      if (!api || !fn) continue;
      const rest = api.kind === 'http-api' && api.settings.flavor === 'rest';
      const max = rest ? limits.restApiTimeout : limits.httpApiTimeout;
      const route = durationOption(edge.options, 'timeout');
      const own = route !== undefined && route < max;
      const wait = route === undefined ? max : rest ? route : Math.min(route, max);
      const known = tightest.get(edge.to);
      if (!known || wait < known.wait) tightest.set(edge.to, { edge, wait, api: api.id, rest, own });
    }
    for (const [id, t] of tightest) {
      const node = graph.nodes.get(id)!;
      const timeout = node.fn!.timeout;
      if (timeout.value <= t.wait) continue;
      const written = timeout.at !== undefined && timeout.at[0] !== 'defaults';
      const limit = t.own ? `after the route's timeout of ${n(t.wait)} s` : `after ${n(t.wait)} s`;
      report({
        at: written ? timeout.at! : node.pointer, ...(written ? {} : { target: 'key' as const }), nodes: [t.api, id],
        fix: setValue(node.pointer.concat('timeout'), Math.floor(t.wait), `Set the timeout of '${id}' to ${n(Math.floor(t.wait))} s`),
        message: `Function '${id}' may run for ${n(timeout.value)} s${written ? '' : ' (its timeout from defaults)'}, but ${t.rest ? 'REST' : 'HTTP'} API '${t.api}' stops waiting ${limit} on route '${t.edge.route}': the caller gets a 504 while the function keeps running.`,
      });
    }
  },
};
