// StartSyncExecution is not available for Standard workflows (AWS Step Functions API Reference,
// StartSyncExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html);
// Express workflows support neither `.sync` nor `.waitForTaskToken` (Step Functions developer guide,
// "Integrating optimized services": https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html).
import { testRule } from '../../helpers/rule-cases';

const DEFINITION = '{ StartAt: A, States: { A: { Type: Pass, End: true } } }';
const NESTED = '{ StartAt: A, States: { A: { Type: Task, Resource: "arn:aws:states:::states:startExecution.sync:2", Parameters: { StateMachineArn: "${Child}" }, End: true } } }';
const CALLBACK = '{ StartAt: A, States: { A: { Type: Task, Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { QueueUrl: "${Jobs}", MessageBody: { "token.$": "$$.Task.Token" } }, End: true } } }';

/** Request Response integrations (a Lambda invoke, a plain function ARN): Express supports them. */
const REQUEST = '{ StartAt: A, States: { A: { Type: Task, Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "${Work}" }, Next: B }, B: { Type: Task, Resource: "arn:aws:lambda:us-east-1:123456789012:function:other", End: true } } }';

testRule('stepfunctions/sync-start-standard', [
  {
    name: 'waiting for an Express workflow; starting a Standard one without waiting (default, start, write)',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - { to: quick, access: start-sync }
      - { to: long }
      - { to: long, access: [start, write] }
routers:
  quick: { type: state-machine, flavor: express, definition: ${DEFINITION} }
  long: { type: state-machine, definition: ${DEFINITION} }`,
  },
  {
    name: 'waiting for a Standard workflow that could be Express: make it Express',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - { to: long, access: start-sync }
#                           ^^^^^^^^^^ error: Function 'f' waits for state machine 'long' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'long' is Standard. Make it \`flavor: express\`, or start it without waiting (\`access: start\`).
#   fix: Make 'long' an Express workflow
#   + flavor: express
routers:
  long:
    type: state-machine
    flavor: standard
    definition: ${DEFINITION}`,
  },
  {
    name: 'one word of several; the flavor left out (Standard)',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - to: long
        access: [start, start-sync]
#                       ^^^^^^^^^^ error: Function 'f' waits for state machine 'long' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'long' is Standard. Make it \`flavor: express\`, or start it without waiting (\`access: start\`).
#   fix: Make 'long' an Express workflow
#   + long: { type: state-machine, flavor: express, definition: ${DEFINITION} }
routers:
  long: { type: state-machine, definition: ${DEFINITION} }`,
  },
  {
    name: 'a Standard workflow that waits for a nested execution cannot be Express: start it without waiting',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - { to: parent, access: start-sync }
#                             ^^^^^^^^^^ error: Function 'f' waits for state machine 'parent' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'parent' is Standard. Its definition waits for a job or a callback (\`.sync\`, \`.waitForTaskToken\`), which Express workflows do not support: start it without waiting (\`access: start\`).
#   fix: Start it without waiting (access: start)
#   + - { to: parent, access: start }
routers:
  parent: { type: state-machine, definition: ${NESTED}, substitutions: { Child: child } }
  child: { type: state-machine, definition: ${DEFINITION} }`,
  },
  {
    name: 'a callback workflow, start-sync written next to start: the word goes',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - to: waits
        access: [start, start-sync]
#                       ^^^^^^^^^^ error: Function 'f' waits for state machine 'waits' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'waits' is Standard. Its definition waits for a job or a callback (\`.sync\`, \`.waitForTaskToken\`), which Express workflows do not support: start it without waiting (\`access: start\`).
#   fix: Start it without waiting (access: start)
#   + access: start
routers:
  jobs: { type: queue }
  waits: { type: state-machine, definition: ${CALLBACK}, substitutions: { Jobs: jobs } }`,
  },
  {
    name: 'a workflow whose Task states are all Request Response can be Express',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - { to: calls, access: start-sync }
#                            ^^^^^^^^^^ error: Function 'f' waits for state machine 'calls' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'calls' is Standard. Make it \`flavor: express\`, or start it without waiting (\`access: start\`).
#   fix: Make 'calls' an Express workflow
#   + calls: { type: state-machine, flavor: express, definition: ${REQUEST}, substitutions: { Work: work } }
  work: {}
routers:
  calls: { type: state-machine, definition: ${REQUEST}, substitutions: { Work: work } }`,
  },
  {
    name: 'start-sync among other words, without start: it becomes start; with start and another word, only it goes',
    yaml: `
archflow: 1
name: t
consumers:
  f:
    emits:
      - to: parent
        access: [write, start-sync]
#                       ^^^^^^^^^^ error: Function 'f' waits for state machine 'parent' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'parent' is Standard. Its definition waits for a job or a callback (\`.sync\`, \`.waitForTaskToken\`), which Express workflows do not support: start it without waiting (\`access: start\`).
#   fix: Start it without waiting (access: start)
#   + access: [write, start]
  g:
    emits:
      - to: parent
        access: [start, start-sync, write]
#                       ^^^^^^^^^^ error: Function 'g' waits for state machine 'parent' (\`start-sync\`: StartSyncExecution), which only Express workflows accept: 'parent' is Standard. Its definition waits for a job or a callback (\`.sync\`, \`.waitForTaskToken\`), which Express workflows do not support: start it without waiting (\`access: start\`).
#   fix: Start it without waiting (access: start)
#   + access: [start, write]
routers:
  parent: { type: state-machine, definition: ${NESTED}, substitutions: { Child: child } }
  child: { type: state-machine, definition: ${DEFINITION} }`,
  },
]);
