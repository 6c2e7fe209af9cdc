import { testRule } from '../../helpers/rule-cases';

testRule('sqs/visibility-range', [
  {
    name: '0–12 hours is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, visibilityTimeout: 0 }
  b: { type: queue, visibilityTimeout: 12h }`,
  },
  {
    name: 'above 12 hours',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    visibilityTimeout: 1d
#                      ^^ error: The visibility timeout of queue 'jobs' is 86,400 s; SQS allows 0–43,200 s.
#   fix: Set visibilityTimeout to 43,200
#   + visibilityTimeout: 43200`,
  },
]);
