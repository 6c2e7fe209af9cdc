/**
 * Imports the 42 AWS SAM templates of aws-samples/serverless-patterns (read in place from
 * ../shared/corpus) and checks each architecture against what its template declares. The expected
 * counts come from a separate, simple walk over `Resources` and SAM `Events` written here — not from
 * the importer — so that a wiring the importer loses or invents shows up as a wrong count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, type Tags } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { generate } from '../../../server/src/core/codegen/index';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = resolve(repoRoot, '../shared/corpus/serverless-patterns');
const patterns = readdirSync(resolve(corpus, 'public')).sort();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates are arbitrary JSON; the walk reads them loosely
type Obj = Record<string, any>;

// --- An independent reading of the templates --------------------------------------------------

/** CloudFormation's short-form tags as their long form, enough for counting. */
const TAGS: Tags = ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'GetAZs', 'Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform']
  .flatMap((name) => {
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    const long = (v: unknown): unknown => ({ [key]: name === 'GetAtt' && typeof v === 'string' ? v.split('.') : v });
    return [
      { tag: `!${name}`, resolve: (s: string) => long(s) },
      { tag: `!${name}`, collection: 'seq' as const, resolve: (n: { toJSON(): unknown }) => long(n.toJSON()) },
      { tag: `!${name}`, collection: 'map' as const, resolve: (n: { toJSON(): unknown }) => long(n.toJSON()) },
    ];
  });

const FUNCTION_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function'];
const STATE_MACHINE_TYPES = ['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine'];
/** Types that become nodes an edge can reach (function, queue, topic, bus, stream, bucket, table). */
const NODE_TYPES = [...FUNCTION_TYPES, 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::Events::EventBus', 'AWS::Kinesis::Stream', 'AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'];

/** The logical ID a `Ref` or `GetAtt` names. */
function refId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && 'Ref' in v) return String((v as Obj).Ref);
  if (v && typeof v === 'object' && 'Fn::GetAtt' in v) return String([(v as Obj)['Fn::GetAtt']].flat()[0]).split('.')[0];
  return undefined;
}

/** Every logical ID named by a `Ref` or `GetAtt` somewhere inside a value. */
function refsIn(v: unknown, out = new Set<string>()): Set<string> {
  const id = refId(v);
  if (id) out.add(id);
  else if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => refsIn(x, out));
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

interface Expected {
  functions: number; queues: number; topics: number; buses: number; rules: number; streams: number; tables: number;
  /** State machines and pipes: each its own kind, never an external. */
  stateMachines: number; pipes: number;
  /** Event edges: deliveries (routes, notifications, schedules, subscriptions, rule targets, mappings, pipes). */
  edges: number;
  /** Dead-letter queues of queues, subscriptions, rule targets and schedules. */
  deadLetters: number;
  /** Rules on the account's default event bus (which must stay there, never on a new custom bus). */
  defaultBusRules: number;
}

/** What a template declares, counted directly from `Resources` and SAM `Events`. */
function declared(template: Obj): Expected {
  const resources = Object.entries(template.Resources as Obj) as [string, Obj][];
  const typeOf = (id: string | undefined): string | undefined => (id ? (template.Resources as Obj)[id]?.Type : undefined);
  const count = (...types: string[]): number => resources.filter(([, r]) => types.includes(r.Type)).length;
  const events = (r: Obj): Obj[] => Object.values((r.Properties?.Events ?? {}) as Obj);
  const withEvents = resources.filter(([, r]) => [...FUNCTION_TYPES, ...STATE_MACHINE_TYPES].includes(r.Type)).map(([, r]) => r);

  // Queues SAM creates: an SNS event's SqsSubscription, a DeadLetterConfig given only by its Type.
  let samQueues = 0;
  for (const e of withEvents.flatMap(events)) {
    const p = e.Properties ?? {};
    if (e.Type === 'SNS' && (p.SqsSubscription === true || (p.SqsSubscription && !p.SqsSubscription.QueueArn))) samQueues++;
    if (p.DeadLetterConfig && p.DeadLetterConfig.Type && !p.DeadLetterConfig.Arn) samQueues++;
  }

  // Rules with a pattern, and the buses they run on that the template does not declare (the default bus).
  const patternRules: Obj[] = [
    ...resources.filter(([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties?.EventPattern !== undefined && list(r.Properties?.Targets).length > 0).map(([, r]) => r.Properties),
    ...withEvents.flatMap(events).filter((e) => e.Type === 'EventBridgeRule' || e.Type === 'CloudWatchEvent').map((e) => e.Properties ?? {}),
  ];
  const busNames = new Map(resources.filter(([, r]) => r.Type === 'AWS::Events::EventBus').map(([id, r]) => [r.Properties?.Name, id]));
  const otherBuses = new Set<string>();
  let defaultBusRules = 0;
  for (const p of patternRules) {
    const bus = p.EventBusName;
    if (bus === undefined || bus === 'default') {
      otherBuses.add('default');
      defaultBusRules++;
    }
    else if (typeOf(refId(bus)) === 'AWS::Events::EventBus' || busNames.has(bus)) continue;
    else otherBuses.add(JSON.stringify(bus));
  }

  // Event edges: every delivery the template wires; dead-letter queues.
  let edges = 0;
  let deadLetters = 0;
  for (const e of withEvents.flatMap(events)) {
    edges += e.Type === 'SNS' && e.Properties?.SqsSubscription ? 2 : 1;
    if (e.Properties?.DeadLetterConfig || (e.Type === 'SNS' && e.Properties?.RedrivePolicy)) deadLetters += 1;
  }
  for (const [, r] of resources) {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::Lambda::EventSourceMapping':
        edges += 1;
        break;
      case 'AWS::SNS::Subscription':
        edges += 1;
        if (p.RedrivePolicy) deadLetters += 1;
        break;
      case 'AWS::Scheduler::Schedule':
        edges += 1;
        if (p.Target?.DeadLetterConfig) deadLetters += 1;
        break;
      case 'AWS::SQS::Queue':
        if (p.RedrivePolicy) deadLetters += 1;
        break;
      case 'AWS::SNS::Topic':
        edges += list(p.Subscription).length;
        break;
      case 'AWS::Events::Rule':
        edges += list(p.Targets).length;
        deadLetters += list(p.Targets).filter((t) => (t as Obj)?.DeadLetterConfig).length;
        break;
      case 'AWS::S3::Bucket':
        for (const k of ['LambdaConfigurations', 'QueueConfigurations', 'TopicConfigurations']) edges += list(p.NotificationConfiguration?.[k]).length;
        break;
      case 'AWS::Pipes::Pipe':
        edges += 2 + (p.Enrichment !== undefined ? 1 : 0);
        // A stream source's dead-letter queue (SQS sources redrive through the queue's own policy).
        if (Object.values((p.SourceParameters ?? {}) as Obj).some((sp) => (sp as Obj)?.DeadLetterConfig)) deadLetters += 1;
        break;
      case 'AWS::ApiGateway::Method':
        if (p.Integration && String(p.Integration.Type).toUpperCase() !== 'MOCK') edges += 1;
        break;
      case 'AWS::ApiGatewayV2::Route':
        if (p.Target !== undefined) edges += 1;
        break;
      case 'AWS::QLDB::Stream':
        edges += refsIn(p.KinesisConfiguration?.StreamArn).size;
        break;
      default:
        break;
    }
    // Routes of inline OpenAPI definitions.
    const body = r.Type.startsWith('AWS::Serverless::') ? p.DefinitionBody : r.Type.startsWith('AWS::ApiGateway') ? p.Body : undefined;
    if (body && typeof body === 'object' && !('Fn::Transform' in body)) {
      for (const item of Object.values((body.paths ?? {}) as Obj)) {
        for (const op of Object.values(item as Obj)) {
          const integration = (op as Obj)?.['x-amazon-apigateway-integration'];
          if (integration && String(integration.type).toLowerCase() !== 'mock') edges += 1;
        }
      }
    }
    // What a state machine's definition names: the functions, queues, topics, … it calls.
    if (STATE_MACHINE_TYPES.includes(r.Type)) {
      const named = refsIn([p.DefinitionSubstitutions, p.Definition, p.DefinitionString]);
      edges += [...named].filter((id) => NODE_TYPES.includes(typeOf(id) ?? '')).length;
    }
  }

  return {
    functions: count(...FUNCTION_TYPES),
    queues: count('AWS::SQS::Queue') + samQueues,
    topics: count('AWS::SNS::Topic'),
    buses: count('AWS::Events::EventBus') + otherBuses.size,
    rules: patternRules.length,
    streams: count('AWS::Kinesis::Stream'),
    tables: count('AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'),
    stateMachines: count(...STATE_MACHINE_TYPES),
    pipes: count('AWS::Pipes::Pipe'),
    edges,
    deadLetters,
    defaultBusRules,
  };
}

// --- The tests ----------------------------------------------------------------------------------

describe('import of the serverless-patterns corpus', () => {
  it('has the 42 public templates', () => {
    expect(patterns).toHaveLength(42);
  });

  for (const pattern of patterns) {
    it(`${pattern}: imports, analyses cleanly and keeps what the template declares`, () => {
      const file = resolve(corpus, 'public', pattern, 'template.yaml');
      const text = readFileSync(file, 'utf8');
      const result = importTemplate(text, file);
      expect(result.problems).toEqual([]);

      const analysis = analyze(result.yaml);
      const broken = analysis.problems.filter((p) => /^(yaml|schema|ref|name|file|internal)\//.test(p.code));
      expect(broken.map((p) => `${p.code}: ${p.message}`)).toEqual([]);

      const { graph } = analysis;
      const kinds = [...graph.nodes.values()].map((n) => n.kind);
      const ofKind = (kind: string): number => kinds.filter((k) => k === kind).length;
      const rules = [...graph.nodes.values()]
        .filter((n) => n.kind === 'event-bus')
        .reduce((sum, n) => sum + Object.keys((n.config.rules ?? {}) as Obj).length, 0);
      const actual: Expected = {
        functions: ofKind('function'), queues: ofKind('queue'), topics: ofKind('topic'), buses: ofKind('event-bus'),
        rules, streams: ofKind('stream'), tables: ofKind('table'), stateMachines: ofKind('state-machine'), pipes: ofKind('pipe'),
        edges: graph.edges.filter((e) => e.kind === 'trigger').length,
        deadLetters: graph.edges.filter((e) => e.kind === 'dead-letter').length,
        defaultBusRules: [...graph.nodes.values()]
          .filter((n) => n.kind === 'event-bus' && n.config.default === true)
          .reduce((sum, n) => sum + Object.keys((n.config.rules ?? {}) as Obj).length, 0),
      };
      const template = parseYaml(text, { customTags: TAGS }) as Obj;
      expect(actual).toEqual(declared(template));

      // Never silently dropped: every resource is a node, a rule, or named in the notes at the top.
      for (const id of Object.keys(template.Resources as Obj)) expect(result.yaml).toContain(id);

      // Rules on the default bus are generated onto the default bus; no bus is created for it.
      const generated = generate({ graph, root: analysis.doc.value }).template;
      const rulesOnDefault = Object.values(generated.Resources).filter((r) => r.Type === 'AWS::Events::Rule' && r.Properties?.EventBusName === 'default');
      const createdBuses = Object.values(generated.Resources).filter((r) => r.Type === 'AWS::Events::EventBus').length;
      expect({ rulesOnDefault: rulesOnDefault.length, createdBuses }).toEqual({
        rulesOnDefault: actual.defaultBusRules,
        createdBuses: actual.buses - (actual.defaultBusRules > 0 ? 1 : 0),
      });
    });
  }
});

describe('malformed templates', () => {
  const cases: [string, number, RegExp][] = [
    ['apigw-custom-domain-edge', 34, /Implicit keys need to be on a single line near 'MappingRestEdge:curc'/],
    ['rds-sns-event-notification', 3, /Unexpected scalar at node end near '\(uksb-1tthgi812\) \(tag:rds-sns-event-notification\)'/],
  ];
  for (const [pattern, line, message] of cases) {
    it(`${pattern}: a parse error at line ${line}`, () => {
      const text = readFileSync(resolve(corpus, 'malformed', pattern, 'template.yaml'), 'utf8');
      const result = importTemplate(text, `${pattern}/template.yaml`);
      expect(result.yaml).toBe('');
      expect(result.problems).toHaveLength(1);
      const [p] = result.problems;
      expect(p!.code).toBe('import/parse');
      expect(p!.message).toMatch(message);
      expect(text.slice(0, p!.span.start).split('\n').length).toBe(line);
    });
  }
});
