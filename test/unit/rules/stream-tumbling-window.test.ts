import { testRule } from '../../helpers/rule-cases';

testRule('stream/tumbling-window', [
  {
    name: '0–900 s is fine',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, tumblingWindow: 0 }, { function: v, startingPosition: LATEST, tumblingWindow: 15m }] }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'above 900 s',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, tumblingWindow: 1h } }
#                                                                                      ^^ error: The tumbling window of 'w' on Kinesis stream 'clicks' is 3,600 s; Lambda allows 0–900 s.
#   fix: Set tumblingWindow to 900
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, tumblingWindow: 900 } }
consumers:
  w: {}`,
  },
]);
