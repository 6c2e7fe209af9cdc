import { testRule } from '../../helpers/rule-cases';

/** An API with `count` routes `GET /rN`, each to `worker`; `mark` annotates route `mark.at`. */
function api(count: number, flavor: 'http' | 'rest', mark?: { at: number; note: string }, path = (i: number) => `/r${i}`): string {
  const lines = ['archflow: 1', 'name: t', 'producers:', '  web:', '    type: http-api', `    flavor: ${flavor}`, '    routes:'];
  for (let i = 1; i <= count; i++) {
    const key = `GET ${path(i)}`;
    lines.push(`      ${key}: worker`);
    if (mark?.at === i) lines.push(`#     ${'^'.repeat(key.length)} ${mark.note}`);
  }
  lines.push('consumers:', '  worker: { timeout: 10 }');
  return '\n' + lines.join('\n') + '\n';
}

testRule('api/routes-per-api', [
  { name: 'HTTP API: 239 routes, below 80 % of 300', yaml: api(239, 'http') },
  {
    name: 'HTTP API: 240 routes, heading for the quota (80 %)',
    yaml: api(240, 'http', { at: 240, note: 'warning: HTTP API \'web\' has 240 routes, 80 % of the API Gateway quota of 300 per API. The quota can be raised through Service Quotas (archflow.limits.httpApiRoutes); nested stacks do not help.' }),
  },
  {
    name: 'HTTP API: 300 routes, exactly at the quota, still a warning',
    yaml: api(300, 'http', { at: 240, note: 'warning: HTTP API \'web\' has 300 routes, 100 % of the API Gateway quota of 300 per API. The quota can be raised through Service Quotas (archflow.limits.httpApiRoutes); nested stacks do not help.' }),
  },
  {
    name: 'HTTP API: 301 routes, over the hard limit of 300 integrations: an error',
    yaml: api(301, 'http', { at: 301, note: 'error: HTTP API \'web\' has 301 routes, each with its own integration: API Gateway allows at most 300 integrations per HTTP API (not adjustable; from route \'GET /r301\' on). Split the routes over several APIs.' }),
  },
  {
    name: 'HTTP API: a raised routes quota does not raise the integrations limit',
    options: { limits: { httpApiRoutes: 400 } },
    yaml: api(301, 'http', { at: 301, note: 'error: HTTP API \'web\' has 301 routes, each with its own integration: API Gateway allows at most 300 integrations per HTTP API (not adjustable; from route \'GET /r301\' on). Split the routes over several APIs.' }),
  },
  {
    name: 'HTTP API: over a lowered quota, a warning',
    options: { limits: { httpApiRoutes: 3 } },
    yaml: api(4, 'http', { at: 4, note: 'warning: HTTP API \'web\' has 4 routes, over the API Gateway quota of 3 per API (from route \'GET /r4\' on). The quota can be raised through Service Quotas (then set archflow.limits.httpApiRoutes); nested stacks do not help.' }),
  },
  {
    name: 'REST API: the root and one resource per path: 238 routes = 239 resources, below 80 %',
    yaml: api(238, 'rest'),
  },
  {
    name: 'REST API: 239 routes = 240 resources (with the root), heading for the quota',
    yaml: api(239, 'rest', { at: 239, note: 'warning: REST API \'web\' has 240 resources (the root and each path of its routes), 80 % of the API Gateway quota of 300 per API. The quota can be raised through Service Quotas (archflow.limits.restApiResources); nested stacks do not help.' }),
  },
  {
    name: 'REST API: 300 resources exactly at the quota, 301 over it',
    yaml: api(300, 'rest', { at: 300, note: 'warning: REST API \'web\' has 301 resources (the root and each path of its routes), over the API Gateway quota of 300 per API (from route \'GET /r300\' on). The quota can be raised through Service Quotas (then set archflow.limits.restApiResources); nested stacks do not help.' }),
  },
  {
    name: 'REST API: each segment of a path is a resource, shared by the routes below it',
    options: { limits: { restApiResources: 3 } },
    yaml: `
archflow: 1
name: t
producers:
  web:
    type: http-api
    flavor: rest
    routes:
      GET /orders: worker
      POST /orders: worker
      GET /orders/{id}: worker
      GET /orders/{id}/items: worker
#     ^^^^^^^^^^^^^^^^^^^^^^ warning: REST API 'web' has 4 resources (the root and each path of its routes), over the API Gateway quota of 3 per API (from route 'GET /orders/{id}/items' on). The quota can be raised through Service Quotas (then set archflow.limits.restApiResources); nested stacks do not help.
consumers:
  worker: { timeout: 10 }`,
  },
  {
    name: 'REST API: heading for the quota, shown at the route that reached 80 % (a path written again adds nothing)',
    options: { limits: { restApiResources: 5 } },
    yaml: `
archflow: 1
name: t
producers:
  web:
    type: http-api
    flavor: rest
    routes:
      GET /a: worker
      POST /a: worker
      GET /b: worker
      GET /c: worker
#     ^^^^^^ warning: REST API 'web' has 5 resources (the root and each path of its routes), 100 % of the API Gateway quota of 5 per API. The quota can be raised through Service Quotas (archflow.limits.restApiResources); nested stacks do not help.
      GET /d: worker
consumers:
  worker: {}`,
  },
  {
    name: 'REST API: the resources of a path are its prefixes, segment by segment (/a/b is not /ab)',
    options: { limits: { restApiResources: 4 } },
    yaml: `
archflow: 1
name: t
producers:
  web:
    type: http-api
    flavor: rest
    routes:
      GET /a/b: worker
      GET /ab: worker
#     ^^^^^^^ warning: REST API 'web' has 4 resources (the root and each path of its routes), 100 % of the API Gateway quota of 4 per API. The quota can be raised through Service Quotas (archflow.limits.restApiResources); nested stacks do not help.
consumers:
  worker: {}`,
  },
  {
    name: 'REST API: a trailing slash names the same resource',
    options: { limits: { restApiResources: 2 } },
    yaml: `
archflow: 1
name: t
producers:
  web:
    type: http-api
    flavor: rest
    routes:
      GET /orders: worker
#     ^^^^^^^^^^^ warning: REST API 'web' has 2 resources (the root and each path of its routes), 100 % of the API Gateway quota of 2 per API. The quota can be raised through Service Quotas (archflow.limits.restApiResources); nested stacks do not help.
      GET /orders/: worker
consumers:
  worker: {}`,
  },
  {
    name: 'REST API: only the root, at a quota of 1: shown at the last route',
    options: { limits: { restApiResources: 1 } },
    yaml: `
archflow: 1
name: t
producers:
  web:
    type: http-api
    flavor: rest
    routes:
      GET /: worker
      POST /: worker
#     ^^^^^^ warning: REST API 'web' has 1 resources (the root and each path of its routes), 100 % of the API Gateway quota of 1 per API. The quota can be raised through Service Quotas (archflow.limits.restApiResources); nested stacks do not help.
consumers:
  worker: {}`,
  },
]);
