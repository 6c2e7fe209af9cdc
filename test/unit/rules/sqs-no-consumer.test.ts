import { testRule } from '../../helpers/rule-cases';

testRule('sqs/no-consumer', [
  {
    name: 'consumed queues, dead-letter queues and failure destinations are fine',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, deadLetter: { queue: dlq }, to: w }
  dlq: { type: queue }
  failed: { type: queue }
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, onFailure: failed } }
consumers:
  w: { emits: [jobs, clicks] }`,
  },
  {
    name: 'a queue a pipe reads is consumed',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue }
  p: { type: pipe, source: jobs, to: w }
consumers:
  w: { emits: [jobs] }`,
  },
  {
    name: 'a wrong consumer reference is reported elsewhere',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: nobody }
consumers:
  w: { emits: [jobs] }`,
  },
  {
    name: 'nobody consumes it',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
# ^^^^ warning: Nobody consumes queue 'jobs': its messages are deleted unseen when their retention expires. Add \`to: <function>\`.
    type: queue
consumers:
  w: { emits: [jobs] }`,
  },
  {
    name: 'a queue with a dead-letter queue but no consumer; a dead-letter queue that functions also send to',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, deadLetter: { queue: failed } }
# ^^^^ warning: Nobody consumes queue 'jobs': its messages are deleted unseen when their retention expires. Add \`to: <function>\`.
  failed: { type: queue }
consumers:
  f: { emits: [jobs, failed] }`,
  },
]);
