// Rule: api/integration-timeout
// A route's integration timeout is at most 30 s (HTTP API) or 29 s (REST API without a quota increase).
import { durationOption, n, setValue } from './helpers';
import type { Rule } from './rule';

export const apiIntegrationTimeout: Rule = {
  code: 'api/integration-timeout',
  severity: 'error',
  description: "A route's `timeout` is at most 30 s on an HTTP API (error) and 29 s on a REST API (warning: more needs a quota increase).",
  why: 'API Gateway HTTP APIs reject integration timeouts above 30 s; the limit is not adjustable. REST APIs allow up to 29 s by default; since June 2024 Regional and private REST APIs can go higher after a Service Quotas increase.',
  source: { title: 'Quotas for HTTP APIs in API Gateway', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html' },
  fix: 'Sets the route `timeout` to 30 s (HTTP API) or 29 s (REST API).',
  check({ graph, limits }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'route') continue;
      const api = graph.nodes.get(edge.from);
      const timeout = durationOption(edge.options, 'timeout');
      if (!api || timeout === undefined) continue;
      const rest = api.kind === 'http-api' && api.settings.flavor === 'rest';
      const max = rest ? limits.restApiTimeout : limits.httpApiTimeout;
      if (timeout <= max) continue;
      const at = edge.optionsAt.concat('timeout');
      report({
        at, nodes: [api.id, edge.to], fix: setValue(at, max, `Set the route timeout to ${n(max)} s`),
        ...(rest ? { severity: 'warning' as const } : {}),
        message: rest
          ? `The integration timeout ${n(timeout)} s of route '${edge.route}' is above ${n(max)} s, the REST API default: more needs a Service Quotas increase and works only for Regional and private APIs.`
          : `The integration timeout ${n(timeout)} s of route '${edge.route}' is above ${n(max)} s, the most an HTTP API waits (not adjustable).`,
      });
    }
  },
};
