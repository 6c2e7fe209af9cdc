// Rule: api/routes-per-api
// An HTTP API has at most `httpApiRoutes` routes (aws-limits G5: 300, QUOTA, adjustable) and
// `httpApiIntegrations` integrations (G5: 300, HARD; Archflow generates one per route); a REST API
// at most `restApiResources` resources (G6: 300, QUOTA, adjustable; the root `/` and every path
// below it, one per path segment). A warning from 80 % of a quota and over an adjustable one; an
// error over the hard one. Nested stacks do not help: the quotas are the API's, not a template's.
import { n } from './helpers';
import { percentOf, quotaUse, QUOTA_HEADING } from './quota';
import type { Pointer } from '../span';
import type { Rule } from './rule';

/** The resources a REST API needs for a route's path: `/orders/{id}` → `/orders`, `/orders/{id}`. */
function resourcePaths(route: string): string[] {
  const path = route.trim().split(/\s+/)[1] ?? '/';
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => '/' + parts.slice(0, i + 1).join('/'));
}

export const apiRoutesPerApi: Rule = {
  code: 'api/routes-per-api',
  severity: 'warning',
  description: `An HTTP API has fewer than 80 % of its quota of 300 routes and at most 300 integrations (one per route; error); a REST API fewer than 80 % of its quota of 300 resources (the root and each path). Settings \`archflow.limits.httpApiRoutes\`, \`archflow.limits.restApiResources\`; a warning from ${QUOTA_HEADING * 100} %.`,
  why: 'API Gateway refuses a route, integration or resource beyond the API\'s quota, so the stack fails to deploy; splitting the template into nested stacks does not help. The routes and resources quotas can be raised through Service Quotas; the 300 integrations of an HTTP API cannot: split the routes over several APIs. Numbers: shared reference aws-limits.md G5 (HTTP API: 300 routes, QUOTA; 300 integrations, HARD) and G6 (REST API: 300 resources, QUOTA); the warning starts at 80 %.',
  source: { title: 'Amazon API Gateway quotas', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html' },
  check({ graph, limits }, report) {
    for (const api of graph.nodes.values()) {
      if (api.kind !== 'http-api' || !api.settings.routes) continue;
      const routes = api.settings.routes;
      const at = (route: string): Pointer => api.pointer.concat('routes', route);
      if (api.settings.flavor === 'http') {
        const count = routes.length;
        if (count > limits.httpApiIntegrations) {
          const first = routes[limits.httpApiIntegrations]!;
          report({
            at: at(first), target: 'key', nodes: [api.id], severity: 'error',
            message: `HTTP API '${api.id}' has ${n(count)} routes, each with its own integration: API Gateway allows at most ${n(limits.httpApiIntegrations)} integrations per HTTP API (not adjustable; from route '${first}' on). Split the routes over several APIs.`,
          });
          continue;
        }
        const quota = limits.httpApiRoutes;
        const use = quotaUse(count, quota);
        if (!use) continue;
        const route = routes[Math.min(count, use === 'over' ? quota + 1 : Math.ceil(quota * QUOTA_HEADING)) - 1]!;
        report({
          at: at(route), target: 'key', nodes: [api.id],
          message: use === 'over'
            ? `HTTP API '${api.id}' has ${n(count)} routes, over the API Gateway quota of ${n(quota)} per API (from route '${route}' on). The quota can be raised through Service Quotas (then set archflow.limits.httpApiRoutes); nested stacks do not help.`
            : `HTTP API '${api.id}' has ${n(count)} routes, ${percentOf(count, quota)} of the API Gateway quota of ${n(quota)} per API. The quota can be raised through Service Quotas (archflow.limits.httpApiRoutes); nested stacks do not help.`,
        });
        continue;
      }
      // REST: the root resource, then each new path (segment by segment) in the order routes are written.
      const quota = limits.restApiResources;
      const paths = new Set<string>(['/']);
      const reachedAt = new Map<number, string>();
      for (const route of routes) {
        for (const p of resourcePaths(route)) {
          if (paths.has(p)) continue;
          paths.add(p);
          reachedAt.set(paths.size, route);
        }
      }
      const count = paths.size;
      const use = quotaUse(count, quota);
      if (!use) continue;
      const route = reachedAt.get(use === 'over' ? quota + 1 : Math.ceil(quota * QUOTA_HEADING)) ?? routes[routes.length - 1]!;
      const has = `REST API '${api.id}' has ${n(count)} resources (the root and each path of its routes)`;
      report({
        at: at(route), target: 'key', nodes: [api.id],
        message: use === 'over'
          ? `${has}, over the API Gateway quota of ${n(quota)} per API (from route '${route}' on). The quota can be raised through Service Quotas (then set archflow.limits.restApiResources); nested stacks do not help.`
          : `${has}, ${percentOf(count, quota)} of the API Gateway quota of ${n(quota)} per API. The quota can be raised through Service Quotas (archflow.limits.restApiResources); nested stacks do not help.`,
      });
    }
  },
};
