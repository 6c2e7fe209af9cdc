import { testRule } from '../../helpers/rule-cases';

testRule('lambda/async-failure-destination', [
  {
    name: 'a failure destination, or only synchronous and polled triggers, are fine',
    yaml: `
archflow: 1
name: t
producers:
  api: { type: http-api, routes: { GET /a: sync } }
  nightly: { type: schedule, schedule: rate(1 day), to: job }
routers:
  jobs: { type: queue, to: polled }
  failures: { type: queue }
consumers:
  sync: {}
  polled: {}
  job: { async: { onFailure: failures } }`,
  },
  {
    name: 'S3, SNS, EventBridge and a schedule invoke asynchronously',
    yaml: `
archflow: 1
name: t
producers:
  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], to: scan }] }
  nightly: { type: schedule, schedule: rate(1 day), to: report }
routers:
  news: { type: topic, to: [scan] }
  bus: { type: event-bus, rules: { all: { pattern: { source: [app] }, to: [notify] } } }
  scan-failures: { type: queue, fifo: true }
consumers:
  scan: {}
# ^^^^ info: Function 'scan' is invoked asynchronously by 'uploads' and 'news' but has no \`async.onFailure\`: an event it still fails on after Lambda's retries is dropped without a trace.
#   fix: Send failed events to queue 'scan-failures2'
#   + scan-failures2: { type: queue, retention: 14d }
#   + scan: { async: { onFailure: scan-failures2 } }
  report:
# ^^^^^^ info: Function 'report' is invoked asynchronously by 'nightly' but has no \`async.onFailure\`: an event it still fails on after Lambda's retries is dropped without a trace.
#   fix: Send failed events to queue 'report-failures'
#   + report-failures: { type: queue, retention: 14d }
#   + async: { onFailure: report-failures }
    timeout: 60
  notify:
    async: { retries: 0 }
#          ^^^^^^^^^^^^^^ info: Function 'notify' is invoked asynchronously by 'bus' but has no \`async.onFailure\`: an event it still fails on after Lambda's retries is dropped without a trace.
#   fix: Send failed events to queue 'notify-failures'
#   + notify-failures: { type: queue, retention: 14d }
#   + async: { retries: 0, onFailure: notify-failures }`,
  },
  {
    name: 'an asynchronous invoke by another function, or being a destination, is asynchronous too; a synchronous invoke is not',
    yaml: `
archflow: 1
name: t
producers:
  api: { type: http-api, routes: { POST /x: front } }
consumers:
  front:
    emits: [lookup, { to: worker, invocation: async }]
  lookup: {}
  worker:
    async: { onSuccess: audit }
#          ^^^^^^^^^^^^^^^^^^^^ info: Function 'worker' is invoked asynchronously by 'front' but has no \`async.onFailure\`: an event it still fails on after Lambda's retries is dropped without a trace.
#   fix: Send failed events to queue 'worker-failures'
#   + async: { onSuccess: audit, onFailure: worker-failures }
#   + routers: { worker-failures: { type: queue, retention: 14d } }
  audit: {}
# ^^^^^ info: Function 'audit' is invoked asynchronously by 'worker' but has no \`async.onFailure\`: an event it still fails on after Lambda's retries is dropped without a trace.
#   fix: Send failed events to queue 'audit-failures'
#   + audit: { async: { onFailure: audit-failures } }
#   + routers: { audit-failures: { type: queue, retention: 14d } }`,
  },
]);
