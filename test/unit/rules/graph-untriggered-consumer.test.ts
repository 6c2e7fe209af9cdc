import { testRule } from '../../helpers/rule-cases';

testRule('graph/untriggered-consumer', [
  {
    name: 'functions invoked by routes, queues and failure destinations are fine',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes: { POST /x: front }
routers:
  jobs: { type: queue, to: worker }
consumers:
  front:
    emits: [jobs]
    async: { onFailure: fallback }
  worker: {}
  fallback: {}`,
  },
  {
    name: 'functions invoked by another function, or as its success destination, are fine',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    emits: [pricing, { to: audit, invocation: async }]
  pricing: {}
  audit:
    async: { onSuccess: archive, onFailure: jobs }
  archive: {}`,
  },
  {
    name: 'a function with a function URL is invoked through it',
    yaml: `
archflow: 1
name: t
consumers:
  hook:
    url: { auth: iam }`,
  },
  {
    name: 'a function nothing invokes',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker: {}
  orphan:
# ^^^^^^ warning: Function 'orphan' is not triggered by anything: no route, notification, schedule, subscription, rule, queue, stream, destination or function sends to it. Add it to the \`to\` (or \`emits\`, for a function) of what should invoke it.
    emits: [jobs]`,
  },
  {
    name: 'quiet while a declaration has no valid type (the graph is incomplete)',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-apii
    routes: { POST /x: orphan }
consumers:
  orphan: {}`,
  },
  {
    name: 'quiet when a reference names the function with the wrong kind (ref/wrong-kind reports it)',
    yaml: `
archflow: 1
name: t
routers:
  news: { type: topic, to: [{ queue: orphan }] }
consumers:
  orphan: {}`,
  },
  {
    name: 'quiet when the YAML does not parse',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker: {}
  orphan: { emits: [jobs }`,
  },
]);
