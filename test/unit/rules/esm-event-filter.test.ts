import { testRule } from '../../helpers/rule-cases';

testRule('esm/event-filter', [
  {
    name: 'filters on the payload and on record fields, with the operators Lambda has',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: NEW_IMAGE
    to:
      - { function: f, startingPosition: LATEST, filter: { eventName: [INSERT], dynamodb: { NewImage: { status: { S: [paid] } } } } }
      - { function: g, startingPosition: LATEST, filter: { dynamodb: { OldImage: { status: [{ exists: false }] } } } }
routers:
  jobs: { type: queue, to: { function: f, filter: { body: { type: [card], total: [{ numeric: ['>', 0] }], note: [{ prefix: a }, { suffix: z }, { equals-ignore-case: X }, { anything-but: [b] }] } } } }
  meta: { type: queue, to: { function: f, filter: { attributes: { SenderId: [{ exists: true }] } } } }
  clicks: { type: stream, to: { function: f, startingPosition: LATEST, filter: { data: { page: [home] }, partitionKey: [a] } } }
consumers:
  f: {}
  g: {}`,
  },
  {
    name: 'a pattern Lambda cannot read',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: f
      filter: { body: { type: card } }
#                             ^^^^ error: The filter of 'f' on queue 'jobs' is not a valid filter pattern: "type" must be an object or an array.
#   fix: none
consumers:
  f: {}`,
  },
  {
    name: 'operators Lambda event filtering does not have',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: f
      filter: { body: { file: [{ wildcard: '*.png' }], ip: [{ cidr: 10.0.0.0/8 }], kind: [{ anything-but: { prefix: tmp } }] } }
#                                ^^^^^^^^ error: The filter of 'f' on queue 'jobs' uses \`wildcard\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
#                                                             ^^^^ error: The filter of 'f' on queue 'jobs' uses \`cidr\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
#                                                                                           ^^^^^^^^^^^^ error: The filter of 'f' on queue 'jobs' uses \`anything-but\` with \`prefix\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
  other:
    type: queue
    to: { function: f, filter: { $or: [{ body: { a: [1] } }, { body: { b: [2] } }] } }
#                                ^^^ error: The filter of 'f' on queue 'other' uses \`$or\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
consumers:
  f: {}`,
  },
  {
    name: 'a payload field written at the top level never matches (block and flow style)',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: f
      filter:
        type: [card]
#       ^^^^ warning: The filter of 'f' on queue 'jobs' tests \`type\`, which SQS messages do not have: Lambda filters their content under \`body\`, so this filter never matches and Lambda drops every record. Write it under \`body\`.
#   fix: Filter on 'body'
#   + body:
#   + type: [card]
#   + total: [{ numeric: ['>', 0] }]
        total: [{ numeric: ['>', 0] }]
  clicks:
    type: stream
    to: { function: f, startingPosition: LATEST, filter: { page: [home] } }
#                                                          ^^^^ warning: The filter of 'f' on Kinesis stream 'clicks' tests \`page\`, which Kinesis records do not have: Lambda filters their content under \`data\`, so this filter never matches and Lambda drops every record. Write it under \`data\`.
#   fix: Filter on 'data'
#   + to: { function: f, startingPosition: LATEST, filter: { data: { page: [home] } } }
consumers:
  f: {}`,
  },
  {
    name: 'a table image its stream does not carry',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    stream: KEYS_ONLY
    to: { function: f, startingPosition: LATEST, filter: { dynamodb: { NewImage: { status: { S: [paid] } } } } }
#                                                                      ^^^^^^^^ warning: The filter of 'f' on the stream of table 'orders' tests \`dynamodb.NewImage\`, but the stream of table 'orders' is KEYS_ONLY: no record carries that image, so the filter never matches and Lambda drops every record.
#   fix: Set the stream of 'orders' to NEW_AND_OLD_IMAGES
#   + stream: NEW_AND_OLD_IMAGES
  archive:
    type: table
    stream: NEW_IMAGE
    to: { function: f, startingPosition: LATEST, filter: { dynamodb: { OldImage: { status: { S: [gone] } } } } }
#                                                                      ^^^^^^^^ warning: The filter of 'f' on the stream of table 'archive' tests \`dynamodb.OldImage\`, but the stream of table 'archive' is NEW_IMAGE: no record carries that image, so the filter never matches and Lambda drops every record.
#   fix: Set the stream of 'archive' to NEW_AND_OLD_IMAGES
#   + stream: NEW_AND_OLD_IMAGES
consumers:
  f: {}`,
  },
]);
