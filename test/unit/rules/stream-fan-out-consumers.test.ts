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
]);
