import { testRule } from '../../helpers/rule-cases';

testRule('api/integration-timeout', [
  {
    name: 'up to 30 s on an HTTP API and 29 s on a REST API is fine',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      POST /a: { function: w, timeout: 30 }
  legacy:
    type: http-api
    flavor: rest
    routes:
      POST /b: { queue: q, timeout: 29s }
routers:
  q: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'above 30 s on an HTTP API is an error',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      GET /report: { function: w, timeout: 1m }
#                                          ^^ error: The integration timeout 60 s of route 'GET /report' is above 30 s, the most an HTTP API waits (not adjustable).
consumers:
  w: {}`,
  },
  {
    name: 'above 29 s on a REST API is a warning',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    flavor: rest
    routes:
      GET /report:
        function: w
        timeout: 45
#                ^^ warning: The integration timeout 45 s of route 'GET /report' is above 29 s, the REST API default: more needs a Service Quotas increase and works only for Regional and private APIs.
consumers:
  w: {}`,
  },
]);
