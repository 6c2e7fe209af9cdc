import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/schedule-fifo-deduplication', [
  {
    name: 'a FIFO queue with content-based deduplication, and a standard queue, are fine',
    yaml: `
archflow: 1
name: t
producers:
  a: { type: schedule, schedule: rate(1 day), to: jobs.fifo }
  b: { type: schedule, schedule: rate(1 day), to: plain }
routers:
  jobs.fifo: { type: queue, fifo: true, contentBasedDeduplication: true }
  plain: { type: queue }`,
  },
  {
    name: 'a FIFO queue without it',
    yaml: `
archflow: 1
name: t
producers:
  nightly: { type: schedule, schedule: rate(1 day), to: jobs.fifo }
#                                                       ^^^^^^^^^ error: Schedule 'nightly' sends to FIFO queue 'jobs.fifo', which has no content-based deduplication: Scheduler sets no deduplication id, so every delivery fails. Set \`contentBasedDeduplication: true\` on the queue.
#   fix: Turn on content-based deduplication for 'jobs.fifo'
#   + contentBasedDeduplication: true
routers:
  jobs.fifo:
    type: queue
    fifo: true
    contentBasedDeduplication: false`,
  },
  {
    name: 'the fix puts the setting right after fifo',
    yaml: `
archflow: 1
name: t
producers:
  nightly: { type: schedule, schedule: rate(1 day), to: jobs.fifo }
#                                                       ^^^^^^^^^ error: Schedule 'nightly' sends to FIFO queue 'jobs.fifo', which has no content-based deduplication: Scheduler sets no deduplication id, so every delivery fails. Set \`contentBasedDeduplication: true\` on the queue.
#   fix: Turn on content-based deduplication for 'jobs.fifo'
#   + jobs.fifo: { type: queue, fifo: true, contentBasedDeduplication: true, retention: 4d }
routers:
  jobs.fifo: { type: queue, fifo: true, retention: 4d }`,
  },
]);
