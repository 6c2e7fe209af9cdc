import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/fifo-message-group', [
  {
    name: 'a FIFO target with a message group, and a standard queue without',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: [{ queue: jobs.fifo, messageGroup: orders }, plain] }
  jobs.fifo: { type: queue, fifo: true, to: worker }
  plain: { type: queue, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'FIFO targets without a message group, written bare and as an object',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [a] }
        to: jobs.fifo
#           ^^^^^^^^^ error: FIFO queue 'jobs.fifo' is a target of rule 'a' without \`messageGroup\`: EventBridge needs a message group id to send to a FIFO queue.
#   fix: Set messageGroup to 'a'
#   + to: { queue: jobs.fifo, messageGroup: a }
      b:
        pattern: { source: [b] }
        to: [{ queue: jobs.fifo, retry: { attempts: 3 } }]
#                     ^^^^^^^^^ error: FIFO queue 'jobs.fifo' is a target of rule 'b' without \`messageGroup\`: EventBridge needs a message group id to send to a FIFO queue.
#   fix: Set messageGroup to 'b'
#   + to: [{ queue: jobs.fifo, retry: { attempts: 3 }, messageGroup: b }]
  jobs.fifo: { type: queue, fifo: true, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'an empty message group is none; a function sending to the FIFO queue is not a rule target',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: [{ queue: jobs.fifo, messageGroup: '' }] }
#                                                  ^^^^^^^^^ error: FIFO queue 'jobs.fifo' is a target of rule 'a' without \`messageGroup\`: EventBridge needs a message group id to send to a FIFO queue.
#   fix: Set messageGroup to 'a'
#   + a: { pattern: { source: [a] }, to: [{ queue: jobs.fifo, messageGroup: 'a' }] }
  jobs.fifo: { type: queue, fifo: true, to: worker }
consumers:
  sender: { emits: [jobs.fifo] }
  worker: {}`,
  },
]);
