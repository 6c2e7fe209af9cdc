// Rule: stepfunctions/api-timeout
// An Express workflow an API route starts synchronously (and waits for) ends within the time the
// API waits: its definition's `TimeoutSeconds` is at most the route's integration timeout.
import type { GraphEdge, GraphNode } from '../model/graph';
import { durationOption, n, setValue } from './helpers';
import type { Rule } from './rule';

export const stepfunctionsApiTimeout: Rule = {
  code: 'stepfunctions/api-timeout',
  severity: 'warning',
  description: "An Express state machine behind an API route (started synchronously) has a definition `TimeoutSeconds` no longer than the route's integration timeout (HTTP API: at most 30 s; REST API: 29 s).",
  why: 'The route waits for the workflow (StartSyncExecution). API Gateway stops waiting after the integration timeout and answers 504 Gateway Timeout while the execution goes on; without a `TimeoutSeconds` the workflow may run until the Express maximum, long after the caller gave up and retried.',
  source: { title: 'Quotas for HTTP APIs in API Gateway', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html' },
  fix: "Sets the inline definition's `TimeoutSeconds` to the integration timeout.",
  check({ graph, limits }, report) {
    const tightest = new Map<string, { edge: GraphEdge; wait: number; api: string; rest: boolean }>();
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'route') continue;
      const api = graph.nodes.get(edge.from);
      const to = graph.nodes.get(edge.to);
      if (api?.kind !== 'http-api' || to?.kind !== 'state-machine' || to.settings.flavor !== 'express') continue;
      const rest = api.settings.flavor === 'rest';
      const max = rest ? limits.restApiTimeout : limits.httpApiTimeout;
      const route = durationOption(edge.options, 'timeout');
      const wait = route === undefined ? max : Math.min(route, max);
      const known = tightest.get(edge.to);
      if (!known || wait < known.wait) tightest.set(edge.to, { edge, wait, api: api.id, rest });
    }
    for (const [id, t] of tightest) {
      const node = graph.nodes.get(id) as GraphNode<'state-machine'>;
      const s = node.settings;
      if (!s.facts) continue; // no definition read: stepfunctions/definition says why
      const timeout = s.facts.timeout;
      if (timeout !== undefined && timeout <= t.wait) continue;
      const api = `${t.rest ? 'REST' : 'HTTP'} API '${t.api}' stops waiting after ${n(t.wait)} s on route '${t.edge.route}'`;
      const fix = s.inline ? setValue(s.definitionAt.concat('TimeoutSeconds'), Math.floor(t.wait), `Set the TimeoutSeconds of '${id}' to ${n(Math.floor(t.wait))} s`) : undefined;
      const where = s.inline ? (timeout !== undefined ? s.definitionAt.concat('TimeoutSeconds') : s.definitionAt) : s.definitionAt;
      report({
        at: where, ...(s.inline && timeout === undefined ? { target: 'key' as const } : {}), nodes: [t.api, id], ...(fix ? { fix } : {}),
        message: timeout !== undefined
          ? `Express state machine '${id}' may run for ${n(timeout)} s (TimeoutSeconds), but ${api}: the caller gets a 504 while the execution goes on.`
          : `Express state machine '${id}' has no TimeoutSeconds${s.inline ? '' : ` in ${s.definitionFile}`}, but ${api}: an execution may go on long after the caller got a 504. Set TimeoutSeconds to at most ${n(t.wait)}.`,
      });
    }
  },
};
