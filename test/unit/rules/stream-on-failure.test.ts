import { testRule } from '../../helpers/rule-cases';

testRule('stream/on-failure', [
  {
    name: 'a destination is fine',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, onFailure: failed } }
  failed: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'no destination',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to:
      - function: w
#                 ^ warning: 'w' reads the stream of table 'orders' without an on-failure destination: a failing batch blocks its shard until the records expire, and discarded records are lost. Add \`onFailure: <queue or topic>\`.
        startingPosition: LATEST
routers:
  clicks: { type: stream, to: v }
#                             ^ warning: 'v' reads Kinesis stream 'clicks' without an on-failure destination: a failing batch blocks its shard until the records expire, and discarded records are lost. Add \`onFailure: <queue or topic>\`.
consumers:
  w: {}
  v: {}`,
  },
]);
