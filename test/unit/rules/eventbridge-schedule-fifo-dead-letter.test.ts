import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/schedule-fifo-dead-letter', [
  {
    name: 'a standard dead-letter queue is fine',
    yaml: `
archflow: 1
name: t
producers:
  nightly: { type: schedule, schedule: rate(1 day), to: job, deadLetter: dlq }
routers:
  dlq: { type: queue }
consumers:
  job: {}`,
  },
  {
    name: 'a FIFO dead-letter queue',
    yaml: `
archflow: 1
name: t
producers:
  nightly:
    type: schedule
    schedule: rate(1 day)
    to: job
    deadLetter: dlq.fifo
#               ^^^^^^^^ error: The dead-letter queue 'dlq.fifo' of schedule 'nightly' is a FIFO queue: EventBridge Scheduler sends dead-letter events only to standard queues. Use a standard queue.
routers:
  dlq.fifo: { type: queue, fifo: true }
consumers:
  job: {}`,
  },
]);
