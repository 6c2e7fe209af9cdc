import { testRule } from '../../helpers/rule-cases';

testRule('esm/partial-batch-response', [
  {
    name: 'readers that report partial batch failures are fine',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table, stream: NEW_IMAGE, to: { function: w, startingPosition: LATEST, reportFailures: true } }
routers:
  jobs: { type: queue, to: { function: w, reportFailures: true } }
  clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, reportFailures: true }] }
consumers:
  w: {}`,
  },
  {
    name: 'a queue, a stream and a table reader without them',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: { function: w, startingPosition: LATEST }
#                   ^ info: 'w' reads the stream of table 'orders' without partial batch responses: one failing record fails its whole batch, and every record of it is retried. Set \`reportFailures: true\` and return the failed record ids.
#   fix: Report partial batch failures
#   + to: { function: w, startingPosition: LATEST, reportFailures: true }
routers:
  jobs: { type: queue, to: w }
#                          ^ info: 'w' reads queue 'jobs' without partial batch responses: one failing record fails its whole batch, and every record of it is retried. Set \`reportFailures: true\` and return the failed record ids.
#   fix: Report partial batch failures
#   + jobs: { type: queue, to: { function: w, reportFailures: true } }
  clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, reportFailures: false }] }
#                                                                                       ^^^^^ info: 'w' reads Kinesis stream 'clicks' without partial batch responses: one failing record fails its whole batch, and every record of it is retried. Set \`reportFailures: true\` and return the failed record ids.
#   fix: Report partial batch failures
#   + clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, reportFailures: true }] }
consumers:
  w: {}`,
  },
  {
    name: 'an existing function (an external with its ARN) reading a queue: its code is not generated here',
    yaml: `
archflow: 1
name: t
producers:
  old: { type: external, arn: 'arn:aws:lambda:eu-west-1:123456789012:function:old' }
routers:
  jobs: { type: queue, to: old }`,
  },
]);
