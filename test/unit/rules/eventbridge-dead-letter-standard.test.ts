import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/dead-letter-standard', [
  {
    name: 'a standard dead-letter queue',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: [{ function: worker, deadLetter: dlq }] }
  dlq: { type: queue }
consumers:
  worker: {}`,
  },
  {
    name: 'a FIFO dead-letter queue',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [a] }
        to:
          - function: worker
            deadLetter: dlq.fifo
#                       ^^^^^^^^ error: The dead-letter queue 'dlq.fifo' of a target of rule 'a' is a FIFO queue: EventBridge sends undelivered events only to standard queues. Use a standard queue.
  dlq.fifo: { type: queue, fifo: true }
consumers:
  worker: {}`,
  },
]);
