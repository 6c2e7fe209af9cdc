import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewChanges, previewStackChanges, type StackTemplates, type TemplateBody } from '../../../server/src/deploy/preview';
import { changeLines, changeQuestion, dataLossQuestion } from '../../../server/src/deploy/describe';
import { generateText, ROOT } from '../../helpers/codegen';

const BASE = `archflow: 1
name: keep
producers:
  orders: { type: table, partitionKey: id }
consumers:
  worker: { emits: [orders] }
`;
const template = (text: string): TemplateBody => generateText(text).template as unknown as TemplateBody;
const recorded = (name: string): never => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/deploy', name), 'utf8')) as never;
const nodes = { OrdersTable: 'orders', PurchasesTable: 'purchases', WorkerFunction: 'worker', WorkerFunctionLogGroup: 'worker', WorkerRole: 'worker' };

describe('the deploy preview: a property-level diff from @aws-cdk/cloudformation-diff', () => {
  it('a new stack: everything is added, nothing is data loss', () => {
    const s = previewChanges('keep', undefined, template(BASE), undefined, nodes);
    expect(s.create).toBe(true);
    expect(s.add.map((c) => c.logicalId)).toEqual(['OrdersTable', 'WorkerFunction', 'WorkerFunctionLogGroup', 'WorkerRole']);
    expect([s.modify, s.replace, s.remove, s.dataLoss].map((l) => l.length)).toEqual([0, 0, 0, 0]);
  });

  it('a changed property is shown with its old and new value', () => {
    const s = previewChanges('keep', template(BASE), template(BASE.replace('worker: {', 'worker: { memory: 512,')), undefined, nodes);
    expect(s.modify).toEqual([{
      logicalId: 'WorkerFunction', type: 'AWS::Lambda::Function', node: 'worker', action: 'modify', replacement: 'False',
      properties: [{ path: 'MemorySize', before: '128', after: '512' }],
    }]);
    expect(s.dataLoss).toEqual([]);
  });

  it('a key change replaces the table even when the endpoint says nothing of it (moto): the specification knows KeySchema recreates', () => {
    const s = previewChanges('keep', template(BASE), template(BASE.replace('partitionKey: id', 'partitionKey: sku')), undefined, nodes);
    expect(s.replace.map((c) => [c.logicalId, c.replacement, c.fate])).toEqual([['OrdersTable', 'True', 'retained']]);
    expect(s.replace[0]!.properties.find((p) => p.path === 'KeySchema')).toEqual({
      path: 'KeySchema', before: '[{"AttributeName":"id","KeyType":"HASH"}]', after: '[{"AttributeName":"sku","KeyType":"HASH"}]', replaces: true,
    });
    expect(s.dataLoss.map((c) => c.logicalId)).toEqual(['OrdersTable']);
  });

  it('the same change with the change set AWS returns (Replacement: True, Details)', () => {
    const s = previewChanges('keep', template(BASE), template(BASE.replace('partitionKey: id', 'partitionKey: sku')), recorded('table-key-change.json'), nodes);
    expect(s.replace.map((c) => [c.logicalId, c.replacement, c.dataLoss])).toEqual([['OrdersTable', 'True', true]]);
    expect(s.modify.map((c) => c.logicalId)).toContain('WorkerRole');
    expect(s.dataLoss.map((c) => c.node)).toEqual(['orders']);
  });

  it('a rename without previousName removes the table: data loss, retained by its policy', () => {
    const renamed = BASE.replace('  orders: {', '  purchases: {').replace('emits: [orders]', 'emits: [purchases]');
    const s = previewChanges('keep', template(BASE), template(renamed), recorded('table-rename.json'), nodes);
    expect(s.add.map((c) => c.logicalId)).toContain('PurchasesTable');
    expect(s.remove.map((c) => [c.logicalId, c.dataLoss, c.fate])).toEqual([['OrdersTable', true, 'retained']]);
    expect(s.dataLoss.map((c) => c.logicalId)).toEqual(['OrdersTable']);
  });

  it('with retain: false the removed table is deleted with its data', () => {
    const scratch = BASE.replace('partitionKey: id }', 'partitionKey: id, retain: false }');
    const s = previewChanges('keep', template(scratch), template(scratch.replace(/\n {2}orders:.*\n/, '\n').replace('emits: [orders]', 'emits: []').replace('producers:\n', '')), undefined, nodes);
    expect(s.remove.map((c) => [c.logicalId, c.fate])).toEqual([['OrdersTable', 'deleted']]);
  });

  it('a rename with previousName changes nothing deployed', () => {
    const renamed = BASE.replace('  orders: { type: table, partitionKey: id }', '  purchases: { type: table, partitionKey: id, previousName: orders }').replace('emits: [orders]', 'emits: [purchases]');
    const s = previewChanges('keep', template(BASE), template(renamed), undefined, nodes);
    expect(s.remove).toEqual([]);
    expect(s.replace).toEqual([]);
    expect(s.dataLoss).toEqual([]);
  });

  it('reads as a review: each property, replacements and removals called out, data loss named', () => {
    const s = previewChanges('keep', template(BASE), template(BASE.replace('partitionKey: id', 'partitionKey: sku')), recorded('table-key-change.json'), nodes);
    const lines = changeLines(s);
    expect(lines[0]).toBe('Changes to update stack keep: 0 to add, 1 to modify, 1 to replace, 0 to remove');
    expect(lines).toContain('  ! OrdersTable (AWS::DynamoDB::Table) — orders  REPLACED, DATA LOSS: a new, empty table replaces it; the old one is kept in your account, outside the stack');
    expect(lines).toContain('      KeySchema: [{"AttributeName":"id","KeyType":"HASH"}] → [{"AttributeName":"sku","KeyType":"HASH"}]  (replaces)');
    expect(changeQuestion(s)).toBe('Update stack keep: 0 to add, 1 to modify, 1 to REPLACE (orders). 1 resource holding data leaves the stack (orders). Deploy?');
    expect(dataLossQuestion(s)).toBe("This deploy loses data: table 'orders' (OrdersTable) is replaced by a new, empty one; the old one is kept in your account, outside the stack. Deploy anyway?");
  });
});

describe('the deploy preview of a stack split into nested stacks', () => {
  /** BASE's template split by hand: the table in nested stack `table`, the rest in the parent. */
  const split = (t: TemplateBody, tableIn: string): StackTemplates => {
    const resources = { ...(t.Resources as Record<string, unknown>) };
    const table = resources.OrdersTable;
    delete resources.OrdersTable;
    const stackResource = (name: string): unknown => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: `https://b.s3.amazonaws.com/stacks/${name}.json` } });
    const nested = new Map<string, TemplateBody>([['Part1', { Resources: tableIn === 'Part1' && table ? { OrdersTable: table } : { Spare: { Type: 'AWS::SQS::Queue' } } }], ['Part2', { Resources: tableIn === 'Part2' && table ? { OrdersTable: table } : {} }]]);
    return { parent: { ...t, Resources: { ...resources, Part1: stackResource('Part1'), Part2: stackResource('Part2') } }, nested };
  };
  const nestedModified = { Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'Part1', ResourceType: 'AWS::CloudFormation::Stack', Replacement: 'False' } }] } as never;

  it('removing a table inside a nested stack is data loss, named by its node (the parent alone only says the nested stack changes)', () => {
    const before = split(template(BASE), 'Part1');
    const after = split(template(BASE.replace('  orders: { type: table, partitionKey: id }\n', '').replace('emits: [orders]', 'description: none')), 'Part1');
    const s = previewStackChanges('keep', before, after, nestedModified, nodes);
    expect(s.remove.map((c) => [c.logicalId, c.node, c.dataLoss, c.fate])).toEqual([['OrdersTable', 'orders', true, 'retained']]);
    expect(s.dataLoss.map((c) => c.logicalId)).toEqual(['OrdersTable']);
    // The nested stack resource itself is not listed as a change of its own.
    expect([...s.add, ...s.modify, ...s.replace, ...s.remove].some((c) => c.type === 'AWS::CloudFormation::Stack')).toBe(false);
  });

  it('a table that moves to another nested stack is deleted and created again: a replacement, data loss', () => {
    const s = previewStackChanges('keep', split(template(BASE), 'Part1'), split(template(BASE), 'Part2'), nestedModified, nodes);
    expect(s.replace.map((c) => [c.logicalId, c.dataLoss, c.fate, c.properties])).toEqual([
      ['OrdersTable', true, 'retained', [{ path: '(nested stack)', before: 'Part1', after: 'Part2', replaces: true }]],
    ]);
    expect(s.dataLoss.map((c) => c.logicalId)).toEqual(['OrdersTable']);
  });

  it('the same templates again: nothing changes', () => {
    const s = previewStackChanges('keep', split(template(BASE), 'Part1'), split(template(BASE), 'Part1'), nestedModified, nodes);
    expect([s.add, s.modify, s.replace, s.remove, s.dataLoss].map((l) => l.length)).toEqual([0, 0, 0, 0, 0]);
  });
});
