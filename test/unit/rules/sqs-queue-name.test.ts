import { testRule } from '../../helpers/rule-cases';

testRule('sqs/queue-name', [
  {
    name: 'FIFO with suffix and standard without are fine',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: queue, fifo: true }
  jobs_2-a: { type: queue }`,
  },
  {
    name: 'a FIFO queue without the suffix',
    yaml: `
archflow: 1
name: t
routers:
  orders:
# ^^^^^^ error: FIFO queue 'orders' must be named with the suffix '.fifo' (e.g. 'orders.fifo'); SQS rejects the name otherwise.
#   fix: Rename 'orders' to 'orders.fifo' everywhere
#   + orders.fifo:
    type: queue
    fifo: true`,
  },
  {
    name: 'a standard queue with the suffix',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
# ^^^^^^^^^^^ error: 'orders.fifo' is named like a FIFO queue but is a standard queue: SQS accepts the suffix '.fifo' only on FIFO queues. Set \`fifo: true\` or drop the suffix.
#   fix: Make 'orders.fifo' a FIFO queue
#   + fifo: true
    type: queue
    visibilityTimeout: 60`,
  },
  {
    name: 'other dots',
    yaml: `
archflow: 1
name: t
routers:
  my.jobs: { type: queue }
# ^^^^^^^ error: Queue name 'my.jobs' contains '.': SQS queue names use only letters, digits, '-' and '_'.
#   fix: none
  my.orders.fifo: { type: queue, fifo: true }
# ^^^^^^^^^^^^^^ error: Queue name 'my.orders.fifo' contains '.': SQS queue names use only letters, digits, '-' and '_' before the '.fifo' suffix.
#   fix: none`,
  },
  {
    name: 'a name the format rejects is reported once, by the schema',
    yaml: `
archflow: 1
name: t
routers:
  "bad name!": { type: queue }`,
  },
  {
    name: 'the deployed FIFO name: exactly 80 characters is fine, 81 is not',
    yaml: `
archflow: 1
name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
routers:
  qqqqqqqqqqqqqq.fifo: { type: queue, fifo: true }
  qqqqqqqqqqqqqqq.fifo: { type: queue, fifo: true }
# ^^^^^^^^^^^^^^^^^^^^ error: FIFO queue 'qqqqqqqqqqqqqqq.fifo' is created as 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-qqqqqqqqqqqqqqq.fifo' (its deployed name, with the stack named after the architecture): 81 characters, but SQS allows 80. Shorten the queue's name or the architecture's \`name\`.
#   fix: none
  s: { type: queue, to: w }
consumers:
  w: {}`,
  },
  {
    name: 'the dead-letter queue Archflow creates is 4 characters longer',
    yaml: `
archflow: 1
name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
routers:
  qqqqqqqqqq.fifo: { type: queue, fifo: true, deadLetter: { maxReceiveCount: 5 } }
  qqqqqqqqqqq.fifo: { type: queue, fifo: true, deadLetter: { maxReceiveCount: 5 } }
# ^^^^^^^^^^^^^^^^ error: FIFO queue 'qqqqqqqqqqq.fifo' is created as 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-qqqqqqqqqqq-dlq.fifo' (the name of the dead-letter queue Archflow creates for it, with the stack named after the architecture): 81 characters, but SQS allows 80. Shorten the queue's name or the architecture's \`name\`.
#   fix: none`,
  },
  {
    name: 'a FIFO queue without the suffix is renamed everywhere by the fix',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, fifo: true, to: w }
# ^^^^ error: FIFO queue 'jobs' must be named with the suffix '.fifo' (e.g. 'jobs.fifo'); SQS rejects the name otherwise.
#   fix: Rename 'jobs' to 'jobs.fifo' everywhere
#   + jobs.fifo: { type: queue, fifo: true, to: w }
#   + w: { emits: [jobs.fifo, { to: jobs.fifo }] }
consumers:
  w: { emits: [jobs, { to: jobs }] }`,
  },
  {
    name: "CloudFormation writes every other character of a FIFO name as '-' in the deployed name: 80 fine, 81 not",
    yaml: `
archflow: 1
name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
routers:
  q.q.qqqqqqqqqq.fifo: { type: queue, fifo: true }
# ^^^^^^^^^^^^^^^^^^^ error: Queue name 'q.q.qqqqqqqqqq.fifo' contains '.': SQS queue names use only letters, digits, '-' and '_' before the '.fifo' suffix.
#   fix: none
  q.q.qqqqqqqqqqq.fifo: { type: queue, fifo: true }
# ^^^^^^^^^^^^^^^^^^^^ error: Queue name 'q.q.qqqqqqqqqqq.fifo' contains '.': SQS queue names use only letters, digits, '-' and '_' before the '.fifo' suffix.
#   fix: none
# ^^^^^^^^^^^^^^^^^^^^ error: FIFO queue 'q.q.qqqqqqqqqqq.fifo' is created as 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-q-q-qqqqqqqqqqq.fifo' (its deployed name, with the stack named after the architecture): 81 characters, but SQS allows 80. Shorten the queue's name or the architecture's \`name\`.
#   fix: none`,
  },
  {
    name: 'only the last .fifo of a name is its suffix; standard queues and FIFO queues with their own dead-letter queue are not named so',
    yaml: `
archflow: 1
name: t
routers:
  a.fifo.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.fifo: { type: queue, fifo: true }
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: FIFO queue 'a.fifo.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.fifo' is created as 't-a-fifo-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.fifo' (its deployed name, with the stack named after the architecture): 84 characters, but SQS allows 80. Shorten the queue's name or the architecture's \`name\`.
  sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss: { type: queue }
  oooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo.fifo: { type: queue, fifo: true, deadLetter: { queue: own.fifo } }
  own.fifo: { type: queue, fifo: true }`,
  },
]);
