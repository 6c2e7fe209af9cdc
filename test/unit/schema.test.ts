import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { readAnnotations, toAnnotated } from '../helpers/rule-cases';
import { applyEdits, fixEdits } from '../../server/src/core/features/fixes';

/** Schema problems (codes schema/*) of a fixture, compared with its caret annotations. */
function check(yaml: string): void {
  const text = yaml.replace(/^\n/, '');
  const problems = analyze(text, { only: [] }).problems.filter((p) => p.code.startsWith('schema/'));
  expect(toAnnotated(text, problems)).toEqual(readAnnotations(text));
}

describe('schema errors land on the offending key or value', () => {
  it('an unknown property, with a suggestion', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queue, visibilityTimout: 30 }
#                      ^^^^^^^^^^^^^^^^ error: Unknown property 'visibilityTimout'. Did you mean 'visibilityTimeout'?`));

  it('a wrong type', () => check(`
archflow: 1
name: t
consumers:
  worker:
    memory: "1 GB"
#           ^^^^^^ error: Expected a whole number, got the text '1 GB'. \`memory\` is a number in MB: 1024.`));

  it('an unknown router type', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queu }
#               ^^^^ error: Unknown router type 'queu'; expected 'queue', 'topic', 'event-bus', 'stream', 'firehose' or 'external'. Did you mean 'queue'?`));

  it('a missing required property is shown on the key of its map', () => check(`
archflow: 1
name: t
producers:
  nightly:
# ^^^^^^^ error: Missing required property 'schedule' in 'nightly'.
    type: schedule
    to: worker
consumers:
  worker: {}`));

  it('a number between allowed ones: its neighbours, not a look-alike', () => check(`
archflow: 1
name: t
consumers:
  worker: { logRetention: 45 }
#                         ^^ error: 45 is not allowed here; the allowed values are 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. The nearest: 30 or 60.
  below: { logRetention: 0 }
#                        ^ error: 0 is not allowed here; the allowed values are 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. The nearest: 1.
  above: { logRetention: 4000 }
#                        ^^^^ error: 4000 is not allowed here; the allowed values are 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. The nearest: 3653.`));

  it('a bad duration', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queue, retention: 4 days }
#                                 ^^^^^^ error: Invalid duration '4 days': write a number of seconds or a duration such as \`30s\`, \`15m\`, \`12h\`, \`4d\`.`));

  it('a target that is neither a name nor a map', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queue, to: 42 }
#                          ^^ error: Expected a name or a map, got number 42.`));

  it('an unknown option inside a target map', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: worker, batchSiz: 5 } }
#                                              ^^^^^^^^ error: Unknown property 'batchSiz'. Did you mean 'batchSize'?
consumers:
  worker: {}`));

  it('the format version', () => check(`
archflow: 2
#         ^ error: Expected 1, got number 2.
name: t`));

  it('missing top-level fields are shown on the first line of the document', () => {
    const text = '# my architecture\nrouters: {}\n';
    const problems = analyze(text).problems.filter((p) => p.code === 'schema/required');
    expect(problems.map((p) => [p.message, text.slice(p.span.start, p.span.end)])).toEqual([
      ["Missing required property 'archflow' at the top of the file.", 'routers: {}'],
      ["Missing required property 'name' at the top of the file.", 'routers: {}'],
    ]);
  });

  it('durations in every accepted form are valid', () => check(`
archflow: 1
name: t
routers:
  a: { type: queue, retention: 4d, visibilityTimeout: 90, delay: 15m }
  b: { type: queue, retention: 345600s, visibilityTimeout: 1.5m }`));
});

describe('schema errors teach the format', () => {
  it('a size with a unit: the number in the field\'s unit', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queue, maxMessageSize: 256KB }
#                                      ^^^^^ error: Expected a whole number, got the text '256KB'. \`maxMessageSize\` is a number in bytes: 262144.
consumers:
  worker:
    memory: 2GB
#           ^^^ error: Expected a whole number, got the text '2GB'. \`memory\` is a number in MB: 2048.
    tmp: 0.7GB
#        ^^^^^ error: Expected a whole number, got the text '0.7GB'. \`tmp\` is a whole number of MB.`));

  it('the type of an AWS service name, or the section of a type', () => check(`
archflow: 1
name: t
producers:
  uploads: { type: s3 }
#                  ^^ error: Unknown producer type 's3'; expected 'http-api', 'bucket', 'schedule', 'table' or 'external'. Did you mean \`bucket\`?
  jobs: { type: queue }
#               ^^^^^ error: Unknown producer type 'queue'; expected 'http-api', 'bucket', 'schedule', 'table' or 'external'. A queue is declared under \`routers\` (\`type: queue\`).
routers:
  clicks: { type: Kinesis }
#                 ^^^^^^^ error: Unknown router type 'Kinesis'; expected 'queue', 'topic', 'event-bus', 'stream', 'firehose' or 'external'. Did you mean \`stream\`?
  worker2: { type: lambda }
#                  ^^^^^^ error: Unknown router type 'lambda'; expected 'queue', 'topic', 'event-bus', 'stream', 'firehose' or 'external'. A function is declared under \`consumers\`, without a \`type\`.
consumers:
  worker: { type: lambda }
#                 ^^^^^^ error: Expected "function", got the text 'lambda'. Did you mean \`function\`?`));

  it('a deadLetter in the form of another place', () => check(`
archflow: 1
name: t
producers:
  nightly: { type: schedule, schedule: rate(1 day), to: w, deadLetter: { queue: dlq } }
#                                                                      ^^^^^^^^^^^^^^ error: Expected text, got a map. Here \`deadLetter\` is the name of a standard queue: \`deadLetter: dlq\`.
routers:
  alerts:
    type: topic
    to: [{ function: w, deadLetter: { queue: dlq, maxReceiveCount: 3 } }]
#                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: Expected text, got a map. Here \`deadLetter\` is the name of a standard queue: \`deadLetter: dlq\`. \`maxReceiveCount\` belongs to a queue's own \`deadLetter\`; here the sender retries by its own policy (\`retry\` on schedules and rule targets).
  jobs: { type: queue, deadLetter: [dlq] }
#                                  ^^^^^ error: Expected a name or a map, got a list. A queue's \`deadLetter\` is the dead-letter queue's name (\`deadLetter: jobs-dlq\`) or \`{ queue: jobs-dlq, maxReceiveCount: 5 }\`.
  bare: { type: queue, deadLetter: dlq }
  dlq: { type: queue }
consumers:
  w: {}`));
});

describe('the fixes of the teaching messages', () => {
  const cases: [string, string, string][] = [
    ['the type of a service name', 'archflow: 1\nname: t\nproducers:\n  uploads: { type: s3 }\n', 'archflow: 1\nname: t\nproducers:\n  uploads: { type: bucket }\n'],
    ['a size with a unit', 'archflow: 1\nname: t\nconsumers:\n  w:\n    memory: 2GB   # big\n', 'archflow: 1\nname: t\nconsumers:\n  w:\n    memory: 2048   # big\n'],
    ['a deadLetter map where a name goes', 'archflow: 1\nname: t\nproducers:\n  n: { type: schedule, schedule: rate(1 day), to: w, deadLetter: { queue: dlq } }\nrouters:\n  dlq: { type: queue }\nconsumers:\n  w: {}\n',
      'archflow: 1\nname: t\nproducers:\n  n: { type: schedule, schedule: rate(1 day), to: w, deadLetter: dlq }\nrouters:\n  dlq: { type: queue }\nconsumers:\n  w: {}\n'],
  ];
  for (const [name, text, fixed] of cases) {
    it(name, () => {
      const before = analyze(text, { only: [] });
      const problem = before.problems.find((p) => p.code.startsWith('schema/') && p.fix);
      expect(problem, 'a schema problem with a fix').toBeDefined();
      const after = applyEdits(text, fixEdits(before.doc, problem!.fix!, problem!.pointer));
      expect(after).toBe(fixed);
      expect(analyze(after, { only: [] }).problems.filter((p) => p.code.startsWith('schema/'))).toEqual([]);
    });
  }
});
