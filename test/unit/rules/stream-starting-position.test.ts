import { testRule } from '../../helpers/rule-cases';

testRule('stream/starting-position', [
  {
    name: 'set positions are fine',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table, stream: NEW_IMAGE, to: { function: w, startingPosition: TRIM_HORIZON } }
routers:
  clicks:
    type: stream
    to:
      - { function: w, startingPosition: LATEST }
      - { function: v, startingPosition: AT_TIMESTAMP, startingTimestamp: "2026-11-01T00:00:00Z" }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'missing, on a bare reference and on an object',
    yaml: `
archflow: 1
name: t
routers:
  clicks:
    type: stream
    to: [w, { function: v, batchSize: 50 }]
#        ^ error: 'w' reads Kinesis stream 'clicks' without a starting position: Lambda requires \`startingPosition\` (LATEST, TRIM_HORIZON or AT_TIMESTAMP).
#   fix: Start at LATEST
#   + to: [{ function: w, startingPosition: LATEST }, { function: v, batchSize: 50 }]
#                       ^ error: 'v' reads Kinesis stream 'clicks' without a starting position: Lambda requires \`startingPosition\` (LATEST, TRIM_HORIZON or AT_TIMESTAMP).
#   fix: Start at LATEST
#   + to: [w, { function: v, batchSize: 50, startingPosition: LATEST }]
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'AT_TIMESTAMP on a table stream',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: { function: w, startingPosition: AT_TIMESTAMP, startingTimestamp: "1700000000" }
#                                        ^^^^^^^^^^^^ error: DynamoDB streams do not support AT_TIMESTAMP: 'w' on the stream of table 'orders' can start at LATEST or TRIM_HORIZON.
consumers:
  w: {}`,
  },
  {
    name: 'AT_TIMESTAMP without a timestamp',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: AT_TIMESTAMP } }
#                                                              ^^^^^^^^^^^^ error: 'w' starts reading Kinesis stream 'clicks' AT_TIMESTAMP but sets no \`startingTimestamp\`.
consumers:
  w: {}`,
  },
  {
    name: 'missing on a table stream: AT_TIMESTAMP is not offered',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: [w]
#        ^ error: 'w' reads the stream of table 'orders' without a starting position: Lambda requires \`startingPosition\` (LATEST, TRIM_HORIZON).
#   fix: Start at LATEST
#   + to: [{ function: w, startingPosition: LATEST }]
consumers:
  w: {}`,
  },
]);
