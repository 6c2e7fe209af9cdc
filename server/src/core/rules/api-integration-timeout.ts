// Rule: api/integration-timeout
// A route's integration timeout is at least 50 ms, and at most 30 s (HTTP API) or the account's REST
// API limit (29 s unless raised for Regional and private REST APIs) (G1, G2).
import { DEFAULT_LIMITS } from '../facts/limits';
import { durationOption, n, setValue } from './helpers';
import type { Rule } from './rule';

/** `45 s`, `10 ms` */
const time = (seconds: number): string => (seconds < 1 ? `${n(Math.round(seconds * 1000 * 1000) / 1000)} ms` : `${n(seconds)} s`);

export const apiIntegrationTimeout: Rule = {
  code: 'api/integration-timeout',
  severity: 'error',
  description: "A route's `timeout` is at least 50 ms, and at most 30 s on an HTTP API; on a REST API at most 29 s (warning) or the raised limit set in `archflow.limits.restApiTimeout` (error).",
  why: 'API Gateway accepts integration timeouts from 50 ms. HTTP APIs wait at most 30 s, not adjustable. REST APIs wait at most 29 s by default; since June 2024 AWS raises that for Regional and private REST APIs (not edge-optimized ones) on a Service Quotas request, which may lower the account\'s throttle quota.',
  source: { title: 'Amazon API Gateway quotas (integration timeout)', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html' },
  fix: 'Sets the route `timeout` to the nearest allowed value: 50 ms, 30 s (HTTP API) or the REST API limit (29 s unless raised).',
  check({ graph, limits }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'route') continue;
      const api = graph.nodes.get(edge.from);
      const timeout = durationOption(edge.options, 'timeout');
      if (!api || timeout === undefined) continue;
      const at = edge.optionsAt.concat('timeout');
      const nodes = [api.id, edge.to];
      if (timeout < limits.apiTimeoutMin) {
        const min = `${n(limits.apiTimeoutMin * 1000)}ms`;
        report({
          at, nodes, fix: setValue(at, min, `Set the route timeout to ${time(limits.apiTimeoutMin)}`),
          message: `The integration timeout ${time(timeout)} of route '${edge.route}' is below ${time(limits.apiTimeoutMin)}, the shortest API Gateway accepts.`,
        });
        continue;
      }
      const rest = api.kind === 'http-api' && api.settings.flavor === 'rest';
      const max = rest ? limits.restApiTimeout : limits.httpApiTimeout;
      if (timeout <= max) continue;
      const fix = setValue(at, max, `Set the route timeout to ${time(max)}`);
      if (!rest) {
        report({ at, nodes, fix, message: `The integration timeout ${time(timeout)} of route '${edge.route}' is above ${time(max)}, the most an HTTP API waits (not adjustable).` });
      } else if (max <= DEFAULT_LIMITS.restApiTimeout) {
        report({
          at, nodes, fix, severity: 'warning',
          message: `The integration timeout ${time(timeout)} of route '${edge.route}' is above ${time(max)}, the REST API default: more needs a Service Quotas increase and works only for Regional and private APIs. Once AWS raised it, set \`archflow.limits.restApiTimeout\` to your account's value.`,
        });
      } else {
        report({ at, nodes, fix, message: `The integration timeout ${time(timeout)} of route '${edge.route}' is above ${time(max)}, your account's REST API limit (\`archflow.limits.restApiTimeout\`).` });
      }
    }
  },
};
