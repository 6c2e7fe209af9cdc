import { testRule } from '../../helpers/rule-cases';

testRule('sqs/delay-range', [
  {
    name: 'up to 15 minutes is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, delay: 15m }`,
  },
  {
    name: 'above 15 minutes',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, delay: 1h }
#                             ^^ error: The delivery delay of queue 'jobs' is 3,600 s; SQS allows 0–900 s.
#   fix: Set delay to 900
#   + jobs: { type: queue, delay: 900 }`,
  },
]);
