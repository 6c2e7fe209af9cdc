import { testRule } from '../../helpers/rule-cases';

testRule('lambda/invocation-target', [
  {
    name: 'invocation on a function, and emits without it, are fine',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue }
consumers:
  caller:
    emits: [jobs, { to: worker, invocation: async }, { to: lookup, invocation: sync }]
  worker: { async: { onFailure: jobs } }
  lookup: {}`,
  },
  {
    name: 'invocation on a queue and on an event bus',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue }
  bus: { type: event-bus }
consumers:
  caller:
    emits:
      - { to: jobs, invocation: async }
#                               ^^^^^ warning: \`invocation\` applies only when a function invokes another function, but 'jobs' is a queue: remove it, or name the function to invoke.
#   fix: Remove invocation
#   + - { to: jobs }
      - { to: bus, invocation: sync }
#                              ^^^^ warning: \`invocation\` applies only when a function invokes another function, but 'bus' is an event bus: remove it, or name the function to invoke.
#   fix: Remove invocation
#   + - { to: bus }`,
  },
]);
