import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { readAnnotations, toAnnotated } from '../helpers/rule-cases';

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
#           ^^^^^^ error: Expected a whole number, got the text '1 GB'.`));

  it('an unknown router type', () => check(`
archflow: 1
name: t
routers:
  jobs: { type: queu }
#               ^^^^ error: Unknown router type 'queu'; expected 'queue', 'topic', 'event-bus', 'stream' or 'external'. Did you mean 'queue'?`));

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
