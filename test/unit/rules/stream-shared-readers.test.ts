import { testRule } from '../../helpers/rule-cases';

testRule('stream/shared-readers', [
  {
    name: 'two standard readers, and any number with enhanced fan-out, are fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: stream, to: [{ function: f, startingPosition: LATEST }, { function: g, startingPosition: LATEST }] }
  b:
    type: stream
    to:
      - { function: f, startingPosition: LATEST }
      - { function: g, startingPosition: LATEST }
      - { function: h, startingPosition: LATEST, fanOut: true }
      - { function: i, startingPosition: LATEST, fanOut: true }
consumers:
  f: {}
  g: {}
  h: {}
  i: {}`,
  },
  {
    name: 'three standard readers share the shard thinly',
    yaml: `
archflow: 1
name: t
routers:
  clicks:
    type: stream
    to: [f, { function: g, startingPosition: LATEST }, { function: h, startingPosition: LATEST }]
#        ^ info: Kinesis stream 'clicks' has 3 standard readers ('f', 'g' and 'h') sharing each shard's 2 MB/s and 5 reads per second: each gets at most a third of it, and records arrive later. Enhanced fan-out (\`fanOut: true\`) gives each its own 2 MB/s.
#   fix: Use enhanced fan-out for the 3 readers of 'clicks'
#   + to: [{ function: f, fanOut: true }, { function: g, startingPosition: LATEST, fanOut: true }, { function: h, startingPosition: LATEST, fanOut: true }]
consumers:
  f: {}
  g: {}
  h: {}`,
  },
  {
    name: 'five standard readers still fit 5 reads per second; six are throttled',
    yaml: `
archflow: 1
name: t
routers:
  five:
    type: stream
    to: [a, b, c, d, e]
#        ^ info: Kinesis stream 'five' has 5 standard readers ('a', 'b', 'c', 'd' and 'e') sharing each shard's 2 MB/s and 5 reads per second: each gets at most a 1/5 of it, and records arrive later. Enhanced fan-out (\`fanOut: true\`) gives each its own 2 MB/s.
#   fix: Use enhanced fan-out for the 5 readers of 'five'
#   + to: [{ function: a, fanOut: true }, { function: b, fanOut: true }, { function: c, fanOut: true }, { function: d, fanOut: true }, { function: e, fanOut: true }]
  six:
    type: stream
    to: [a, b, c, d, e, f]
#        ^ warning: Kinesis stream 'six' has 6 standard readers ('a', 'b', 'c', 'd', 'e' and 1 more): each polls every shard, and a shard serves 5 reads per second to all of them together, so they are throttled. Read through enhanced fan-out (\`fanOut: true\`).
#   fix: Use enhanced fan-out for the 6 readers of 'six'
#   + to: [{ function: a, fanOut: true }, { function: b, fanOut: true }, { function: c, fanOut: true }, { function: d, fanOut: true }, { function: e, fanOut: true }, { function: f, fanOut: true }]
consumers:
  a: {}
  b: {}
  c: {}
  d: {}
  e: {}
  f: {}`,
  },
  {
    name: "a table's stream is not a Kinesis stream: its three readers are not judged here (dynamodb/stream-readers)",
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: [{ function: f, startingPosition: LATEST }, { function: g, startingPosition: LATEST }, { function: h, startingPosition: LATEST }]
consumers:
  f: {}
  g: {}
  h: {}`,
  },
]);
