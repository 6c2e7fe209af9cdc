/**
 * FIFO queues and topics: a name ending in `.fifo` needs the FIFO flag, and the flag needs the name
 * (CloudFormation rejects a FIFO queue or topic whose name lacks the suffix, and SNS/SQS create a
 * standard one when the flag is missing). cfn-lint does not check the pair, so this test does, on
 * every architecture the codegen tests generate and on a small one with every FIFO shape.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../client/src/templates';
import type { Template } from '../../../server/src/core/codegen/index';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { EVERYTHING, generateText, ROOT } from '../../helpers/codegen';

/** The real SAM templates of the corpus (as in corpus.test.ts), imported: their architectures are generated too. */
const PATTERNS = join(ROOT, '../shared/corpus/serverless-patterns/public');
const corpus = readdirSync(PATTERNS).sort().flatMap((pattern) => {
  const file = ['template.yaml', 'template.yml', 'template.json'].map((f) => join(PATTERNS, pattern, f)).find((f) => existsSync(f));
  const yaml = file ? importTemplate(readFileSync(file, 'utf8'), file).yaml : undefined;
  return yaml ? [{ name: `corpus ${pattern}`, text: yaml }] : [];
});

const FIFO_SHAPES = `archflow: 1
name: fifo
producers:
  tick: { type: schedule, schedule: rate(1 hour), to: { topic: news.fifo } }
routers:
  news.fifo: { type: topic, fifo: true, contentBasedDeduplication: true, to: [{ queue: work.fifo }, { queue: plain }] }
  work.fifo:
    type: queue
    fifo: true
    visibilityTimeout: 60
    deadLetter: { maxReceiveCount: 5 }
    to: { function: worker, batchSize: 10 }
  plain: { type: queue, visibilityTimeout: 60, to: worker, deadLetter: { maxReceiveCount: 5 } }
  alerts: { type: topic, to: worker }
consumers:
  worker: { timeout: 10 }
`;

const inputs: { name: string; text: string }[] = [
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.arch.yaml')).map((f) => ({ name: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') })),
  ...TEMPLATES.map((t) => ({ name: `template ${t.id}`, text: t.text.replace(/\$\{name\}/g, t.defaultName) })),
  { name: 'fixture everything', text: readFileSync(EVERYTHING, 'utf8') },
  { name: 'fifo shapes', text: FIFO_SHAPES },
  { name: 'deploy fixture fifo-topic', text: readFileSync(join(ROOT, 'test/fixtures/deploy/fifo-topic.arch.yaml'), 'utf8') },
  ...corpus,
];

/** The physical name a resource sets (`QueueName`/`TopicName`, a plain string or an `Fn::Sub`), or undefined. */
function nameOf(properties: Record<string, unknown>, key: string): string | undefined {
  const v = properties[key];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'Fn::Sub' in v && typeof v['Fn::Sub'] === 'string') return v['Fn::Sub'];
  return undefined;
}

/** Every queue and topic of a template: logical id → FIFO by name, FIFO by flag. */
function fifoPairs(t: Template): { id: string; type: string; byName: boolean; byFlag: boolean }[] {
  const out: { id: string; type: string; byName: boolean; byFlag: boolean }[] = [];
  for (const [id, r] of Object.entries(t.Resources)) {
    const p = (r.Properties ?? {}) as Record<string, unknown>;
    if (r.Type === 'AWS::SQS::Queue') out.push({ id, type: 'queue', byName: nameOf(p, 'QueueName')?.endsWith('.fifo') ?? false, byFlag: p.FifoQueue === true });
    if (r.Type === 'AWS::SNS::Topic') out.push({ id, type: 'topic', byName: nameOf(p, 'TopicName')?.endsWith('.fifo') ?? false, byFlag: p.FifoTopic === true });
  }
  return out;
}

describe('FIFO names and flags in the generated template', () => {
  it('reads every example, New Architecture template, fixture and all 42 corpus templates', () => {
    expect(corpus).toHaveLength(42);
    expect(inputs).toHaveLength(readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.arch.yaml')).length + TEMPLATES.length + 3 + 42);
  });

  for (const input of inputs) {
    it(`${input.name}: every .fifo name has its FIFO flag, and every FIFO flag its .fifo name (nested stacks too)`, () => {
      const project = generateText(input.text);
      const pairs = [project.template, ...project.nestedTemplates.values()].flatMap(fifoPairs);
      expect(pairs.filter((p) => p.byName !== p.byFlag)).toEqual([]);
    });
  }

  it('the FIFO shapes: exactly the FIFO topic, the FIFO queue and its generated dead-letter queue', () => {
    const pairs = fifoPairs(generateText(FIFO_SHAPES).template);
    expect(pairs.map((p) => `${p.type} ${p.id} ${p.byFlag ? 'fifo' : 'standard'}`).sort()).toEqual([
      'queue PlainQueue standard',
      'queue PlainQueueDeadLetterQueue standard',
      'queue WorkFifoQueue fifo',
      'queue WorkFifoQueueDeadLetterQueue fifo',
      'topic AlertsTopic standard',
      'topic NewsFifoTopic fifo',
    ]);
    const t = generateText(FIFO_SHAPES).template;
    expect(t.Resources.NewsFifoTopic!.Properties).toEqual({ TopicName: { 'Fn::Sub': '${AWS::StackName}-news.fifo' }, FifoTopic: true, ContentBasedDeduplication: true });
  });

  it('the fixture: its two FIFO queues (and the generated dead-letter queue of one) and its FIFO topic', () => {
    const pairs = fifoPairs(generateText(readFileSync(EVERYTHING, 'utf8')).template);
    expect(pairs.filter((p) => p.byFlag).map((p) => `${p.type} ${p.id}`).sort()).toEqual([
      'queue JobsFifoQueue', 'queue JobsFifoQueueDeadLetterQueue', 'queue PaidQueueFifoQueue', 'topic PaidTopicFifoTopic',
    ]);
  });
});
