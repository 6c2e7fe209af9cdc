import { testRule } from '../../helpers/rule-cases';

testRule('sqs/message-size-range', [
  {
    name: '1 KiB to 1 MiB is fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: queue, maxMessageSize: 1024 }
  b: { type: queue, maxMessageSize: 1048576 }`,
  },
  {
    name: 'below 1 KiB',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, maxMessageSize: 512 }
#                                      ^^^ error: The maximum message size of queue 'jobs' is 512 bytes; SQS allows 1,024–1,048,576 bytes.
#   fix: Set maxMessageSize to 1,024
#   + jobs: { type: queue, maxMessageSize: 1024 }`,
  },
  {
    name: 'above 1 MiB',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, maxMessageSize: 2097152 }
#                                      ^^^^^^^ error: The maximum message size of queue 'jobs' is 2,097,152 bytes; SQS allows 1,024–1,048,576 bytes.
#   fix: Set maxMessageSize to 1,048,576
#   + jobs: { type: queue, maxMessageSize: 1048576 }`,
  },
]);
