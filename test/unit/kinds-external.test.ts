/**
 * The `external` kind (kinds/external.ts) as a user meets it: the settings read from a declaration, the
 * diagram's subtitle and tooltip, the edges it sends, the hover, and what an import makes of a resource
 * Archflow has no kind for (its edges, the note about options not carried over, state-machine grants).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { importTemplate } from '../../server/src/core/import/import-template';
import { external } from '../../server/src/core/kinds/external';
import { buildDiagramModel } from '../../server/src/core/layout/index';

const settings = (c: Record<string, unknown>) => external.settings(c, { name: 'x', section: 'producers', pointer: ['producers', 'x'], defaults: {} });

describe('external: settings', () => {
  it.each([
    [{}, { sendsTo: false }],
    [{ to: null }, { sendsTo: false }],
    [{ to: [] }, { sendsTo: false }],
    [{ to: {} }, { sendsTo: false }],
    [{ to: 'f' }, { sendsTo: true }],
    [{ to: '' }, { sendsTo: true }],
    [{ to: ['f'] }, { sendsTo: true }],
    [{ to: { queue: 'q' } }, { sendsTo: true }],
    [{ resource: 'AWS::IoT::Thing' }, { sendsTo: false, resource: 'AWS::IoT::Thing' }],
    [{ resource: 5 }, { sendsTo: false }],
    [{ arn: 'arn:aws:sqs:eu-west-1:123456789012:legacy' }, { sendsTo: false, arn: 'arn:aws:sqs:eu-west-1:123456789012:legacy' }],
    [{ arn: '' }, { sendsTo: false }],
    [{ arn: 7 }, { sendsTo: false }],
  ])('%j → %j', (config, expected) => {
    expect(settings(config)).toEqual(expected);
  });
});

describe('external: on the diagram and in the graph', () => {
  const text = `archflow: 1
name: shop
producers:
  legacy:
    type: external
    resource: AWS::IoT::TopicRule
    arn: arn:aws:iot:eu-west-1:123456789012:rule/legacy
    to: [orders, audit]
  plain:
    type: external
    to: orders
routers:
  orders: { type: queue }
consumers:
  orders-worker: {}
  audit: {}
`;
  const a = analyze(text);
  const model = buildDiagramModel(a);
  const node = (id: string) => model.nodes.find((n) => n.id === id)!;

  it('names the resource type without AWS:: under the name, and External when none is written', () => {
    expect(node('legacy').subtitle).toBe('IoT::TopicRule');
    expect(node('plain').subtitle).toBe('External');
  });

  it('shows the resource and the ARN in the tooltip', () => {
    expect(node('legacy').settings).toEqual([
      { name: 'resource', value: 'AWS::IoT::TopicRule' },
      { name: 'ARN', value: 'arn:aws:iot:eu-west-1:123456789012:rule/legacy' },
    ]);
    expect(node('plain').settings).toEqual([]);
  });

  it('sends to each target, at the pointer of each', () => {
    const edges = a.graph.edges.filter((e) => e.from === 'legacy' || e.from === 'plain').map((e) => [e.from, e.to, e.kind, e.mechanism, e.pointer.join('/')]);
    expect(edges).toEqual([
      ['legacy', 'orders', 'trigger', 'external', 'producers/legacy/to/0'],
      ['legacy', 'audit', 'trigger', 'external', 'producers/legacy/to/1'],
      ['plain', 'orders', 'trigger', 'external', 'producers/plain/to'],
    ]);
  });

  it('the hover lists the resource and the ARN as written', () => {
    const legacy = a.graph.nodes.get('legacy')!;
    expect(external.editor!.hover!(legacy as never)).toEqual(['resource `AWS::IoT::TopicRule`', 'arn `arn:aws:iot:eu-west-1:123456789012:rule/legacy`']);
  });
});

describe('external: import', () => {
  const template = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${resources}`;

  it('a resource without a kind is an external node that sends to the function it invokes', () => {
    const r = importTemplate(template(`
  Thing:
    Type: AWS::IoT::TopicRule
    Properties:
      TopicRulePayload:
        Sql: SELECT * FROM 'sensors'
        Actions:
          - Lambda: { FunctionArn: !GetAtt Reader.Arn }
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`), 'stack/template.yaml');
    expect(r.problems).toEqual([]);
    expect(r.yaml).toContain(`producers:
  Thing:
    type: external
    resource: AWS::IoT::TopicRule
    description: "AWS::IoT::TopicRule: no Archflow equivalent; shown on the diagram, not generated."
    to: Reader
`);
    expect(r.notes).toContain('Thing (AWS::IoT::TopicRule) is an external node: Archflow has no kind for it, so it is shown but not generated.');
    const a = analyze(r.yaml);
    expect(a.graph.edges.map((e) => `${e.from} -${e.mechanism}-> ${e.to}`)).toEqual(['Thing -external-> Reader']);
  });

  it('a state machine Archflow reads as an external node takes the executions a function starts as emits', () => {
    expect(external.import!.grants!.applies!({ resource: 'AWS::StepFunctions::StateMachine' } as never)).toBe(true);
    expect(external.import!.grants!.applies!({ resource: 'AWS::Serverless::StateMachine' } as never)).toBe(true);
    expect(external.import!.grants!.applies!({ resource: 'AWS::StepFunctions::StateMachineAlias' } as never)).toBe(false);
    expect(external.import!.grants!.applies!({} as never)).toBe(false);
  });
});
