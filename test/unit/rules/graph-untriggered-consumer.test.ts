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
    name: 'a function nothing invokes',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker: {}
  orphan:
# ^^^^^^ warning: Function 'orphan' is not triggered by anything: no route, notification, schedule, subscription, rule, queue or stream sends to it. Add it to the \`to\` of what should invoke it.
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
