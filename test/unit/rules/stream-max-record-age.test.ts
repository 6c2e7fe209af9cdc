import { testRule } from '../../helpers/rule-cases';

testRule('stream/max-record-age', [
  {
    name: '-1 and 60 s to 7 days are fine',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, maxRecordAge: -1 }, { function: v, startingPosition: LATEST, maxRecordAge: 7d }, { function: u, startingPosition: LATEST, maxRecordAge: 60 }] }
consumers:
  w: {}
  v: {}
  u: {}`,
  },
  {
    name: 'between -1 and 60 s',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRecordAge: 30s } }
#                                                                                    ^^^ error: The maximum record age of 'w' on Kinesis stream 'clicks' is 30 s; Lambda allows −1 (never discard) or 60–604,800 s.
#   fix: Set maxRecordAge to 60
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRecordAge: 60 } }
consumers:
  w: {}`,
  },
  {
    name: 'above 7 days',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to:
      function: w
      startingPosition: LATEST
      maxRecordAge: 8d
#                   ^^ error: The maximum record age of 'w' on the stream of table 'orders' is 691,200 s; Lambda allows −1 (never discard) or 60–604,800 s.
#   fix: Set maxRecordAge to 604,800
#   + maxRecordAge: 604800
consumers:
  w: {}`,
  },
  {
    name: '0 s: the fix writes the 60 s minimum, not -1 (never discard)',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRecordAge: 0 } }
#                                                                                    ^ error: The maximum record age of 'w' on Kinesis stream 'clicks' is 0 s; Lambda allows −1 (never discard) or 60–604,800 s.
#   fix: Set maxRecordAge to 60
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRecordAge: 60 } }
consumers:
  w: {}`,
  },
  {
    name: 'below -1: the fix writes -1',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRecordAge: -5 } }
#                                                                                    ^^ error: The maximum record age of 'w' on Kinesis stream 'clicks' is -5 s; Lambda allows −1 (never discard) or 60–604,800 s.
#   fix: Set maxRecordAge to -1
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, maxRecordAge: -1 } }
consumers:
  w: {}`,
  },
]);
