import { testRule } from '../../helpers/rule-cases';

testRule('stream/shard-count', [
  {
    name: 'one shard, many shards, the default and on-demand without shards are fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: stream, shards: 1 }
  b: { type: stream, shards: 40 }
  c: { type: stream }
  d: { type: stream, mode: on-demand }`,
  },
  {
    name: 'no shard at all',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: stream, shards: 0 }
#                            ^ error: Stream 'a' has 0 shards; a provisioned Kinesis stream needs at least 1.
#   fix: Set shards to 1
#   + a: { type: stream, shards: 1 }
  b: { type: stream, mode: provisioned, shards: -2 }
#                                               ^^ error: Stream 'b' has -2 shards; a provisioned Kinesis stream needs at least 1.
#   fix: Set shards to 1
#   + b: { type: stream, mode: provisioned, shards: 1 }`,
  },
  {
    name: 'shards on an on-demand stream are ignored',
    yaml: `
archflow: 1
name: t
routers:
  a:
    type: stream
    mode: on-demand
    shards: 4
#           ^ warning: Stream 'a' is on-demand: Kinesis sizes its shards itself, and \`shards: 4\` is ignored.
#   fix: Remove shards
#   - shards: 4`,
  },
]);
