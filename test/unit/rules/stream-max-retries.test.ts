import { testRule } from '../../helpers/rule-cases';

testRule('stream/max-retries', [
  {
    name: '-1 to 10,000 is fine',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, maxRetries: -1 }, { function: v, startingPosition: LATEST, maxRetries: 10000 }] }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'above 10,000',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRetries: 20000 } }
#                                                                                  ^^^^^ error: The retry count of 'w' on Kinesis stream 'clicks' is 20,000; Lambda allows −1 (retry until the record expires) or 0–10,000.
#   fix: Set maxRetries to 10,000
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRetries: 10000 } }
consumers:
  w: {}`,
  },
  {
    name: 'below -1',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: { function: w, startingPosition: LATEST, maxRetries: -5 }
#                                                            ^^ error: The retry count of 'w' on the stream of table 'orders' is -5; Lambda allows −1 (retry until the record expires) or 0–10,000.
#   fix: Set maxRetries to -1
#   + to: { function: w, startingPosition: LATEST, maxRetries: -1 }
consumers:
  w: {}`,
  },
]);
