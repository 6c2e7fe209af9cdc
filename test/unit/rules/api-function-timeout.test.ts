import { testRule } from '../../helpers/rule-cases';

testRule('api/function-timeout', [
  {
    name: "functions that finish within the API's wait are fine",
    yaml: `
archflow: 1
name: t
defaults: { timeout: 60 }
producers:
  api:
    type: http-api
    routes:
      POST /a: { function: a }
      POST /b: { function: b, timeout: 10 }
  legacy: { type: http-api, flavor: rest, routes: { POST /c: c } }
consumers:
  a: { timeout: 30 }
  b: { timeout: 10 }
  c: { timeout: 29 }
  batch: {}`,
  },
  {
    name: 'longer than an HTTP API waits',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      GET /report: report
consumers:
  report:
    timeout: 2m
#            ^^ warning: Function 'report' may run for 120 s, but HTTP API 'api' stops waiting after 30 s on route 'GET /report': the caller gets a 504 while the function keeps running.
#   fix: Set the timeout of 'report' to 30 s
#   + timeout: 30`,
  },
  {
    name: 'longer than a REST API waits, with the timeout from defaults',
    yaml: `
archflow: 1
name: t
defaults: { timeout: 60 }
producers:
  api:
    type: http-api
    flavor: rest
    routes:
      GET /report: report
consumers:
  report: {}
# ^^^^^^ warning: Function 'report' may run for 60 s (its timeout from defaults), but REST API 'api' stops waiting after 29 s on route 'GET /report': the caller gets a 504 while the function keeps running.
#   fix: Set the timeout of 'report' to 29 s
#   + report: { timeout: 29 }`,
  },
  {
    name: "longer than the route's own timeout; the tightest route counts",
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      GET /report: { function: report, timeout: 5 }
      POST /report: report
consumers:
  report: { timeout: 20 }
#                    ^^ warning: Function 'report' may run for 20 s, but HTTP API 'api' stops waiting after the route's timeout of 5 s on route 'GET /report': the caller gets a 504 while the function keeps running.
#   fix: Set the timeout of 'report' to 5 s
#   + report: { timeout: 5 }`,
  },
  {
    name: 'the tightest route after a looser one, the first of equal ones; a route timeout of exactly 30 s is the API\'s own wait',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes:
      GET /report: { function: report, timeout: 20 }
      POST /report: { function: report, timeout: 5 }
      PUT /report: { function: report, timeout: 5 }
      GET /export: { function: export, timeout: 30 }
consumers:
  report: { timeout: 25 }
#                    ^^ warning: Function 'report' may run for 25 s, but HTTP API 'api' stops waiting after the route's timeout of 5 s on route 'POST /report': the caller gets a 504 while the function keeps running.
#   fix: Set the timeout of 'report' to 5 s
#   + report: { timeout: 5 }
  export: { timeout: 40 }
#                    ^^ warning: Function 'export' may run for 40 s, but HTTP API 'api' stops waiting after 30 s on route 'GET /export': the caller gets a 504 while the function keeps running.
#   fix: Set the timeout of 'export' to 30 s
#   + export: { timeout: 30 }`,
  },
]);
