import { testRule } from '../../helpers/rule-cases';

testRule('sqs/receive-wait-range', [
  {
    name: 'up to 20 s is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, receiveWait: 20 }`,
  },
  {
    name: 'above 20 s',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    receiveWait: 1m
#                ^^ error: The long-polling wait of queue 'jobs' is 60 s; SQS allows 0–20 s.
#   fix: Set receiveWait to 20
#   + receiveWait: 20`,
  },
]);
