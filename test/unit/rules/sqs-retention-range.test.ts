import { testRule } from '../../helpers/rule-cases';

testRule('sqs/retention-range', [
  {
    name: '1 minute to 14 days is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, retention: 60 }
  b: { type: queue, retention: 14d }
  c: { type: queue }`,
  },
  {
    name: 'above 14 days',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    retention: 30d
#              ^^^ error: The retention of queue 'jobs' is 2,592,000 s; SQS allows 60–1,209,600 s.
#   fix: Set retention to 1,209,600
#   + retention: 1209600`,
  },
  {
    name: 'below a minute',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, retention: 30s }
#                                 ^^^ error: The retention of queue 'jobs' is 30 s; SQS allows 60–1,209,600 s.
#   fix: Set retention to 60
#   + jobs: { type: queue, retention: 60 }`,
  },
]);
