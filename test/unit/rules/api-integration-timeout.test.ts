import { testRule } from '../../helpers/rule-cases';

testRule('api/integration-timeout', [
  {
    name: 'exactly 30 s on an HTTP API, 29 s on a REST API and 50 ms on both are fine',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      POST /a: { function: w, timeout: 30 }
      POST /c: { function: w, timeout: 50ms }
  legacy:
    type: http-api
    flavor: rest
    routes:
      POST /b: { queue: q, timeout: 29s }
      POST /d: { queue: q, timeout: 50ms }
routers:
  q: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'just above 30 s on an HTTP API is an error',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      GET /report: { function: w, timeout: 31 }
#                                          ^^ error: The integration timeout 31 s of route 'GET /report' is above 30 s, the most an HTTP API waits (not adjustable).
#   fix: Set the route timeout to 30 s
#   + GET /report: { function: w, timeout: 30 }
      GET /long: { function: w, timeout: 1m }
#                                        ^^ error: The integration timeout 60 s of route 'GET /long' is above 30 s, the most an HTTP API waits (not adjustable).
#   fix: Set the route timeout to 30 s
#   + GET /long: { function: w, timeout: 30 }
consumers:
  w: {}`,
  },
  {
    name: 'just above 29 s on a REST API is a warning (a quota increase)',
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
        timeout: 30
#                ^^ warning: The integration timeout 30 s of route 'GET /report' is above 29 s, the REST API default: more needs a Service Quotas increase and works only for Regional and private APIs. Once AWS raised it, set \`archflow.limits.restApiTimeout\` to your account's value.
#   fix: Set the route timeout to 29 s
#   + timeout: 29
consumers:
  w: {}`,
  },
  {
    name: 'a raised REST limit accepts up to it',
    options: { limits: { restApiTimeout: 120 } },
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    flavor: rest
    routes:
      GET /report: { function: w, timeout: 120 }
      GET /export: { function: w, timeout: 2m }
consumers:
  w: {}`,
  },
  {
    name: 'above a raised REST limit is an error',
    options: { limits: { restApiTimeout: 120 } },
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    flavor: rest
    routes:
      GET /report: { function: w, timeout: 121 }
#                                          ^^^ error: The integration timeout 121 s of route 'GET /report' is above 120 s, your account's REST API limit (\`archflow.limits.restApiTimeout\`).
#   fix: Set the route timeout to 120 s
#   + GET /report: { function: w, timeout: 120 }
consumers:
  w: {}`,
  },
  {
    name: 'below 50 ms on either API is an error',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      GET /a: { function: w, timeout: 49ms }
#                                     ^^^^ error: The integration timeout 49 ms of route 'GET /a' is below 50 ms, the shortest API Gateway accepts.
#   fix: Set the route timeout to 50 ms
#   + GET /a: { function: w, timeout: 50ms }
  legacy:
    type: http-api
    flavor: rest
    routes:
      GET /b: { function: w, timeout: 0 }
#                                     ^ error: The integration timeout 0 ms of route 'GET /b' is below 50 ms, the shortest API Gateway accepts.
#   fix: Set the route timeout to 50 ms
#   + GET /b: { function: w, timeout: 50ms }
consumers:
  w: {}`,
  },
  {
    name: 'a REST limit lowered to 1 s is written in seconds, not 1,000 ms',
    options: { limits: { restApiTimeout: 1 } },
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    flavor: rest
    routes:
      GET /report: { function: w, timeout: 2 }
#                                          ^ warning: The integration timeout 2 s of route 'GET /report' is above 1 s, the REST API default: more needs a Service Quotas increase and works only for Regional and private APIs. Once AWS raised it, set \`archflow.limits.restApiTimeout\` to your account's value.
#   fix: Set the route timeout to 1 s
#   + GET /report: { function: w, timeout: 1 }
consumers:
  w: {}`,
  },
  {
    name: 'a WebSocket route has no integration timeout to check (the schema refuses the key)',
    yaml: `
archflow: 1
name: t
producers:
  chat:
    type: websocket-api
    routes:
      $default: { function: w, timeout: 45 }
consumers:
  w: {}`,
  },
]);
