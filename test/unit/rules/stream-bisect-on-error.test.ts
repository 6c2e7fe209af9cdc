import { testRule } from '../../helpers/rule-cases';

testRule('stream/bisect-on-error', [
  {
    name: 'bisecting is fine',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST, bisectOnError: true } }
consumers:
  w: {}`,
  },
  {
    name: 'not set, or set to false',
    yaml: `
archflow: 1
name: t
routers:
  clicks:
    type: stream
    to:
      - w
#       ^ info: 'w' reads Kinesis stream 'clicks' without \`bisectOnError\`: one bad record holds back its whole batch until retries run out.
#   fix: Set bisectOnError: true
#   + - { function: w, bisectOnError: true }
      - { function: v, startingPosition: LATEST, bisectOnError: false }
#                                                               ^^^^^ info: 'v' reads Kinesis stream 'clicks' without \`bisectOnError\`: one bad record holds back its whole batch until retries run out.
#   fix: Set bisectOnError: true
#   + - { function: v, startingPosition: LATEST, bisectOnError: true }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'not set on a reader written as a map: at the reader',
    yaml: `
archflow: 1
name: t
routers:
  clicks: { type: stream, to: { function: w, startingPosition: LATEST } }
#                                         ^ info: 'w' reads Kinesis stream 'clicks' without \`bisectOnError\`: one bad record holds back its whole batch until retries run out.
#   fix: Set bisectOnError: true
#   + clicks: { type: stream, to: { function: w, startingPosition: LATEST, bisectOnError: true } }
consumers:
  w: {}`,
  },
]);
