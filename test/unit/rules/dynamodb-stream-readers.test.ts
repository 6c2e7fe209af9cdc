import { testRule } from '../../helpers/rule-cases';

testRule('dynamodb/stream-readers', [
  {
    name: 'two readers of a table stream are fine',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: [{ function: f, startingPosition: LATEST }, { function: g, startingPosition: LATEST }]
consumers:
  f: {}
  g: {}`,
  },
  {
    name: 'a third reader is throttled',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to:
      - { function: f, startingPosition: LATEST }
      - { function: g, startingPosition: LATEST }
      - { function: h, startingPosition: LATEST }
#                   ^ warning: The stream of table 'orders' has 3 readers ('f', 'g' and 'h'); DynamoDB Streams throttles more than 2 readers of a shard. Fan out through one reader and a topic or event bus.
consumers:
  f: {}
  g: {}
  h: {}`,
  },
  {
    name: 'a pipe reading the stream is a reader too',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to: [{ function: f, startingPosition: LATEST }, { function: g, startingPosition: LATEST }]
routers:
  changes: { type: pipe, source: { table: orders }, to: f }
#                                         ^^^^^^ warning: The stream of table 'orders' has 3 readers ('f', 'g' and 'changes'); DynamoDB Streams throttles more than 2 readers of a shard. Fan out through one reader and a topic or event bus.
consumers:
  f: {}
  g: {}`,
  },
  {
    name: 'four readers: one problem, at the third',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to:
      - { function: f, startingPosition: LATEST }
      - { function: g, startingPosition: LATEST }
      - { function: h, startingPosition: LATEST }
#                   ^ warning: The stream of table 'orders' has 4 readers ('f', 'g', 'h' and 'i'); DynamoDB Streams throttles more than 2 readers of a shard. Fan out through one reader and a topic or event bus.
      - { function: i, startingPosition: LATEST }
consumers:
  f: {}
  g: {}
  h: {}
  i: {}`,
  },
]);
