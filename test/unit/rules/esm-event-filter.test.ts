import { testRule } from '../../helpers/rule-cases';

/** 300 values: a filter longer than EventBridge's pattern quota (2,048 characters). */
const VALUES = Array.from({ length: 300 }, (_, i) => `v${String(i).padStart(4, '0')}`).join(', ');

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
  {
    name: 'a pattern Lambda cannot read, or with an operator it lacks, is only that error',
    yaml: `
archflow: 1
name: t
routers:
  jobs:
    type: queue
    to:
      function: f
      filter: { type: card }
#                     ^^^^ error: The filter of 'f' on queue 'jobs' is not a valid filter pattern: "type" must be an object or an array.
#   fix: none
  other:
    type: queue
    to: { function: f, filter: { file: [{ wildcard: '*.png' }] } }
#                                         ^^^^^^^^ error: The filter of 'f' on queue 'other' uses \`wildcard\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
  empty: { type: queue, to: { function: f, filter: {} } }
#                                                  ^^ error: The filter of 'f' on queue 'empty' is not a valid filter pattern: Empty objects are not allowed.
#   fix: none
  text: { type: queue, to: { function: f, filter: abc } }
consumers:
  f: {}`,
  },
  {
    name: 'operators inside an $or branch are reported too',
    yaml: `
archflow: 1
name: t
routers:
  both: { type: queue, to: { function: f, filter: { $or: [{ body: { a: [{ cidr: 10.0.0.0/8 }] } }, { body: { b: [2] } }] } } }
#                                                   ^^^ error: The filter of 'f' on queue 'both' uses \`$or\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
#                                                                         ^^^^ error: The filter of 'f' on queue 'both' uses \`cidr\`, which Lambda event filtering does not support (it has equals, \`prefix\`, \`suffix\`, \`equals-ignore-case\`, \`anything-but\` with values, \`numeric\` and \`exists\`): Lambda rejects the filter.
#   fix: none
consumers:
  f: {}`,
  },
  {
    name: 'fields no record has: absence accepted, the top key underlined, no fix beside a record field',
    yaml: `
archflow: 1
name: t
routers:
  absent: { type: queue, to: { function: f, filter: { type: [{ exists: false }] } } }
  present: { type: queue, to: { function: f, filter: { type: [{ exists: true }] } } }
#                                                      ^^^^ warning: The filter of 'f' on queue 'present' tests \`type\`, which SQS messages do not have: Lambda filters their content under \`body\`, so this filter never matches and Lambda drops every record. Write it under \`body\`.
#   fix: Filter on 'body'
#   + present: { type: queue, to: { function: f, filter: { body: { type: [{ exists: true }] } } } }
  mixed: { type: queue, to: { function: f, filter: { messageId: [a], type: [card] } } }
#                                                                    ^^^^ warning: The filter of 'f' on queue 'mixed' tests \`type\`, which SQS messages do not have: Lambda filters their content under \`body\`, so this filter never matches and Lambda drops every record. Write it under \`body\`.
#   fix: none
  deep: { type: queue, to: { function: f, filter: { detail: { kind: [a] } } } }
#                                                   ^^^^^^ warning: The filter of 'f' on queue 'deep' tests \`detail\`, which SQS messages do not have: Lambda filters their content under \`body\`, so this filter never matches and Lambda drops every record. Write it under \`body\`.
#   fix: Filter on 'body'
#   + deep: { type: queue, to: { function: f, filter: { body: { detail: { kind: [a] } } } } }
producers:
  keys:
    type: table
    stream: KEYS_ONLY
    to: { function: f, startingPosition: LATEST, filter: { dynamodb: { Keys: { id: { S: [a] } } }, eventName: [INSERT] } }
  top:
    type: table
    stream: NEW_AND_OLD_IMAGES
    to: { function: f, startingPosition: LATEST, filter: { NewImage: { status: { S: [a] } } } }
#                                                          ^^^^^^^^ warning: The filter of 'f' on the stream of table 'top' tests \`NewImage\`, which DynamoDB stream records do not have: Lambda filters their content under \`dynamodb\`, so this filter never matches and Lambda drops every record. Write it under \`dynamodb\`.
#   fix: Filter on 'dynamodb'
#   + to: { function: f, startingPosition: LATEST, filter: { dynamodb: { NewImage: { status: { S: [a] } } } } }
consumers:
  f: {}`,
  },
  {
    name: "a filter longer than EventBridge's pattern quota is fine: Lambda's quota is another",
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, filter: { body: { id: [${Array.from({ length: 400 }, (_, i) => `order-${i}`).join(', ')}] } } } }
consumers:
  f: {}`,
  },
  {
    name: 'null among the values; a field that may be absent; a field named NewImage outside dynamodb; only the pattern error of an invalid filter',
    yaml: `
archflow: 1
name: t
producers:
  users: { type: table, stream: KEYS_ONLY, to: [{ function: a, startingPosition: LATEST, filter: { eventName: { NewImage: [x] } } }] }
routers:
  q1: { type: queue, to: { function: a, filter: { body: { status: [null] } } } }
  q2: { type: queue, to: { function: a, filter: { status: [{ exists: false }, paid] } } }
  q4: { type: queue, to: { function: a, filter: { status: paid, body: { s: [{ wildcard: "a*" }] } } } }
#                                                         ^^^^ error: The filter of 'a' on queue 'q4' is not a valid filter pattern: "status" must be an object or an array.
consumers:
  a: {}`,
  },
  {
    name: 'a long filter on a field SQS messages do not have is still read whole',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, filter: { status: [${VALUES}] } } }
#                                                   ^^^^^^ warning: The filter of 'f' on queue 'jobs' tests \`status\`, which SQS messages do not have: Lambda filters their content under \`body\`, so this filter never matches and Lambda drops every record. Write it under \`body\`.
#   fix: Filter on 'body'
#   + jobs: { type: queue, to: { function: f, filter: { body: { status: [${VALUES}] } } } }
consumers:
  f: {}`,
  },
]);
