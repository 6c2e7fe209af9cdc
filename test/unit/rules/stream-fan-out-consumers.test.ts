import { testRule } from '../../helpers/rule-cases';

const readers = (count: number): string => Array.from({ length: count }, (_, i) => `{ function: f${i}, startingPosition: LATEST, fanOut: true }`).join(', ');
const functions = (count: number): string => Array.from({ length: count }, (_, i) => `  f${i}: {}`).join('\n');

testRule('stream/fan-out-consumers', [
  {
    name: '20 enhanced fan-out readers are fine',
    yaml: `
archflow: 1
name: t
routers:
  s: { type: stream, to: [${readers(20)}] }
consumers:
${functions(20)}`,
  },
  {
    name: 'the 21st is one too many',
    yaml: `
archflow: 1
name: t
routers:
  s:
    type: stream
    to: [${readers(20)},
      { function: late, startingPosition: LATEST, fanOut: true }]
#                                                         ^^^^ error: Kinesis stream 's' has more than 20 enhanced fan-out readers: Kinesis registers at most 20 consumers per stream, so 'late' cannot get one.
consumers:
${functions(20)}
  late: {}`,
  },
  {
    name: 'readers without fan-out do not count: 20 with it and one without are fine',
    yaml: `
archflow: 1
name: t
routers:
  s: { type: stream, to: [${readers(20)}, { function: plain, startingPosition: LATEST }] }
consumers:
${functions(20)}
  plain: {}`,
  },
  {
    name: "a table's stream registers no Kinesis consumers: 21 readers with fanOut are not judged here",
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table, stream: NEW_IMAGE, to: [${readers(21)}] }
consumers:
${functions(21)}`,
  },
]);
