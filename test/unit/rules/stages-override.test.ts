import { testRule } from '../../helpers/rule-cases';

testRule('stages/override', [
  {
    name: 'sizes, limits and retention of declared nodes',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: work }
consumers:
  work: { memory: 256 }
stages:
  prod:
    defaults: { memory: 512, environment: { LEVEL: warn } }
    nodes:
      work: { memory: 1024, reservedConcurrency: 20 }
      jobs: { visibilityTimeout: 120, retain: true }
  dev: {}`,
  },
  {
    name: 'a node the file does not declare',
    yaml: `
archflow: 1
name: t
consumers:
  work: {}
stages:
  prod:
    nodes:
      wrok: { memory: 1024 }
#     ^^^^ error: Stage 'prod' overrides 'wrok', which the file does not declare.`,
  },
  {
    name: 'what a node is connected to',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: work }
consumers:
  work: {}
  other: {}
stages:
  prod:
    nodes:
      jobs: { to: other, retention: 4d }
#             ^^ error: Stage 'prod' cannot change \`to\` of queue 'jobs': a stage changes \`visibilityTimeout\`, \`retention\`, \`delay\`, \`receiveWait\`, \`retain\` of a queue, never what it is connected to.`,
  },
  {
    name: 'a default a stage may not change',
    yaml: `
archflow: 1
name: t
consumers:
  work: {}
stages:
  prod:
    defaults: { runtime: nodejs22.x }
#               ^^^^^^^ error: Stage 'prod' cannot change the default \`runtime\`: a stage changes \`memory\`, \`timeout\`, \`tmp\`, \`logRetention\`, \`environment\`.`,
  },
]);
