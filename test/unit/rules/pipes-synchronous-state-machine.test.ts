import { testRule } from '../../helpers/rule-cases';

const DEFINITION = '{ StartAt: A, States: { A: { Type: Pass, End: true } } }';

testRule('pipes/synchronous-state-machine', [
  {
    name: 'an Express enrichment and synchronous target; a Standard target started without waiting',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue }
  p: { type: pipe, source: jobs, enrichment: { stateMachine: quick }, to: { stateMachine: quick, sync: true } }
  q: { type: pipe, source: jobs, to: { stateMachine: long } }
  quick: { type: state-machine, flavor: express, definition: ${DEFINITION} }
  long: { type: state-machine, definition: ${DEFINITION} }`,
  },
  {
    name: 'a Standard enrichment, and a Standard target the pipe waits for',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue }
  p:
    type: pipe
    source: jobs
    enrichment: long
#               ^^^^ error: Pipe 'p' calls it as its enrichment and waits for the result, which EventBridge Pipes do only with Express workflows: state machine 'long' is Standard. Make it \`flavor: express\`.
#   fix: Make 'long' an Express workflow
#   + long: { type: state-machine, flavor: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
    to: { stateMachine: long, sync: true }
#                       ^^^^ error: Pipe 'p' starts it with \`sync: true\` and waits for the result, which EventBridge Pipes do only with Express workflows: state machine 'long' is Standard. Make it \`flavor: express\`, or start it without waiting (no \`sync\`).
#   fix: Make 'long' an Express workflow
#   + long: { type: state-machine, flavor: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
  long: { type: state-machine, definition: ${DEFINITION} }`,
  },
]);
