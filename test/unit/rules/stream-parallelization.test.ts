import { testRule } from '../../helpers/rule-cases';

testRule('stream/parallelization', [
  {
    name: '1–10 is fine',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: [{ function: w, startingPosition: LATEST, parallelization: 1 }, { function: v, startingPosition: LATEST, parallelization: 10 }] }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'above 10',
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
      parallelization: 20
#                      ^^ error: The parallelization factor of 'w' on the stream of table 'orders' is 20; Lambda allows 1–10.
#   fix: Set parallelization to 10
#   + parallelization: 10
consumers:
  w: {}`,
  },
  {
    name: 'zero',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, parallelization: 0 } }
#                                                                                       ^ error: The parallelization factor of 'w' on Kinesis stream 'clicks' is 0; Lambda allows 1–10.
#   fix: Set parallelization to 1
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, parallelization: 1 } }
consumers:
  w: {}`,
  },
]);
