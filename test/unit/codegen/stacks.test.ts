import { describe, expect, it } from 'vitest';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';
import { generate, type GeneratedProject, type Template } from '../../../server/src/core/codegen/index';
import { STACK_KEY } from '../../../server/src/core/codegen/cfn';
import { STACK_KEY_PARAMETER } from '../../../server/src/core/codegen/stacks';
import { TEMPLATE_QUOTAS } from '../../../server/src/core/facts/cloudformation';
import { analyze } from '../../../server/src/core/index';
import { generateText } from '../../helpers/codegen';

const project = (text: string, layouts?: GeneratedProject['layout']): GeneratedProject => {
  const a = analyze(text);
  return generate({ graph: a.graph, root: a.doc.value }, layouts ? { layouts: new Map([['', layouts]]) } : {});
};

/** Every `Ref`, `Fn::GetAtt` and `Fn::Sub` name a template uses. */
function namesUsed(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) namesUsed(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.Ref === 'string') out.add(o.Ref);
    const att = o['Fn::GetAtt'];
    if (Array.isArray(att) && typeof att[0] === 'string') out.add(att[0]);
    const s = o['Fn::Sub'];
    const text = typeof s === 'string' ? s : Array.isArray(s) && typeof s[0] === 'string' ? s[0] : undefined;
    const vars = Array.isArray(s) && s[1] && typeof s[1] === 'object' ? Object.keys(s[1] as object) : [];
    if (text) for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) if (!vars.includes(m[1]!)) out.add(m[1]!);
    for (const v of Object.values(o)) namesUsed(v, out);
  }
  return out;
}

/** The names a template may use: its resources, its parameters and the pseudo parameters. */
const known = (t: Template): Set<string> => new Set([...Object.keys(t.Resources), ...Object.keys(t.Parameters)]);

describe('templates that always fit: nested stacks', () => {
  it('a small architecture stays one template: no nested stack, no parameter per function', () => {
    const p = generateText('archflow: 1\nname: small\nrouters: { q: { type: queue, to: f } }\nconsumers: { f: {}, g: {} }\n');
    expect(p.stacks).toHaveLength(1);
    expect(p.stacks[0]).toMatchObject({ name: '', path: 'template.json', parameters: 1, nodes: ['f', 'g', 'q'] });
    expect(p.nestedTemplates.size).toBe(0);
    expect(Object.keys(p.template.Parameters)).toEqual(['ArtifactBucket']);
    expect([...p.files.keys()].filter((f) => f.startsWith('stacks/'))).toEqual([]);
  });

  const text = generateArchitecture(1000);
  const big = project(text);

  it('1,000 nodes (3,155 resources) are split into a parent and nested stacks, each within every quota of one template', () => {
    expect(big.problems.filter((x) => x.severity === 'error')).toEqual([]);
    const resources = big.stacks.reduce((n, r) => n + r.resources, 0) - big.nestedTemplates.size;
    expect(resources).toBe(3155);
    expect(big.stacks.length).toBe(big.nestedTemplates.size + 1);
    expect(big.nestedTemplates.size).toBe(7);
    for (const r of big.stacks) {
      expect(r.resources).toBeLessThanOrEqual(TEMPLATE_QUOTAS.resources);
      expect(r.parameters).toBeLessThanOrEqual(TEMPLATE_QUOTAS.parameters);
      expect(r.outputs).toBeLessThanOrEqual(TEMPLATE_QUOTAS.outputs);
      expect(r.bytes).toBeLessThanOrEqual(TEMPLATE_QUOTAS.bytes);
      // Written as reported.
      expect(Buffer.byteLength(big.files.get(r.path)!)).toBe(r.bytes);
    }
    // The parent passes only the artifact bucket in; every function's code key is in its template.
    expect(Object.keys(big.template.Parameters)).toEqual(['ArtifactBucket']);
  });

  it('every name a template uses is its own; the parent wires nested stacks with their outputs and parameters', () => {
    for (const [name, child] of big.nestedTemplates) {
      const mine = known(child);
      for (const used of namesUsed(child.Resources)) if (!used.startsWith('AWS::')) expect(mine, `${name} uses ${used}`).toContain(used);
      const stack = big.template.Resources[name]!;
      expect(stack.Type).toBe('AWS::CloudFormation::Stack');
      expect(stack.Metadata).toEqual({ 'archflow:template': `stacks/${name}.json` });
      // Every parameter it declares is passed, and every value passed is one it declares.
      const passed = (stack.Properties.Parameters ?? {}) as Record<string, unknown>;
      expect(Object.keys(passed).sort()).toEqual(Object.keys(child.Parameters).sort());
      for (const v of Object.values(passed)) {
        const att = (v as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
        if (att && att[1].startsWith('Outputs.')) expect(Object.keys(big.nestedTemplates.get(att[0])!.Outputs)).toContain(att[1].slice('Outputs.'.length));
      }
    }
    const parent = known(big.template);
    for (const used of namesUsed(big.template.Resources)) if (!used.startsWith('AWS::')) expect(parent).toContain(used);
  });

  it('each output is in the template of the resource it names, a bucket\'s name too: the parent does not collect them', () => {
    for (const [name, t] of [['parent', big.template] as const, ...big.nestedTemplates]) {
      for (const [key, o] of Object.entries(t.Outputs)) {
        const used = [...namesUsed(o.Value)].filter((u) => !u.startsWith('AWS::'));
        expect(used.length, `${name} ${key} names no resource`).toBeGreaterThan(0);
        for (const u of used) expect(known(t), `${name} ${key}`).toContain(u);
      }
    }
  });

  it('a node\'s own resources share a stack (a function with its role, a queue with its dead-letter queue)', () => {
    const stackOf = (id: string): string | undefined => big.layout.get(id);
    const fn = Object.keys(big.template.Resources).concat(...[...big.nestedTemplates.values()].map((t) => Object.keys(t.Resources))).find((id) => /^Fn0042Function$/.test(id))!;
    expect(fn).toBeDefined();
    expect(stackOf('Fn0042Role')).toBe(stackOf(fn));
  });

  it('an edit keeps every resource in its stack: a node added to 1,000 moves nothing', () => {
    const edited = project(text.replace(/^consumers:\n/m, 'consumers:\n  added-fn: { description: New. }\n'), big.layout);
    expect(edited.moved).toEqual([]);
    for (const [id, stack] of big.layout) expect(edited.layout.get(id), id).toBe(stack);
    expect(edited.layout.has('AddedFnFunction')).toBe(true);
  });

  it('generating again from the templates it wrote gives the same templates', () => {
    const again = project(text, big.layout);
    expect(again.moved).toEqual([]);
    for (const [path, content] of big.files) if (path === 'template.json' || path.startsWith('stacks/')) expect(again.files.get(path), path).toBe(content);
  });

  it('every stack names buckets with the parent\'s stack key, so a role in one stack names the bucket of another exactly', () => {
    // Physical names end in the stack key (first group of AWS::StackId); a nested stack's own ID would give other names.
    const withKey = [...big.nestedTemplates].filter(([, t]) => JSON.stringify(t.Resources).includes(STACK_KEY_PARAMETER));
    expect(withKey.length).toBe(6);
    for (const [name, t] of big.nestedTemplates) {
      expect(JSON.stringify(t.Resources), name).not.toContain('AWS::StackId');
      if (JSON.stringify(t.Resources).includes(STACK_KEY_PARAMETER)) {
        expect(t.Parameters[STACK_KEY_PARAMETER], name).toMatchObject({ Type: 'String' });
        expect((big.template.Resources[name]!.Properties.Parameters as Record<string, unknown>)[STACK_KEY_PARAMETER], name).toEqual(STACK_KEY);
      }
    }
    // A role naming a bucket that lives in another stack (the split placed them apart) computes the same name.
    const bucketStack = new Map<string, string>();
    for (const [name, t] of big.nestedTemplates) for (const [id, r] of Object.entries(t.Resources)) if (r.Type === 'AWS::S3::Bucket') bucketStack.set(id, name);
    const apart = [...big.nestedTemplates].some(([name, t]) => Object.values(t.Resources).some((r) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r).includes(STACK_KEY_PARAMETER)) && ![...bucketStack.values()].includes(name));
    expect(apart).toBe(true);
  });
});

describe('stages', () => {
  const arch = [
    'archflow: 1', 'name: shop', 'producers:', '  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], to: resize }] }',
    'consumers:', '  resize: { memory: 256 }', 'stages:', '  prod:', '    defaults: { timeout: 30 }', '    nodes:', '      resize: { memory: 1024 }', '  dev: {}', '',
  ].join('\n');

  it('each stage has its templates in stages/<stage>/, with its overrides and names of its own stack', () => {
    const p = generateText(arch);
    expect(analyze(arch).problems.filter((x) => x.severity === 'error')).toEqual([]);
    expect([...p.stageTemplates.keys()]).toEqual(['prod', 'dev']);
    expect([...p.files.keys()].filter((f) => f.startsWith('stages/'))).toEqual(['stages/dev/template.json', 'stages/prod/template.json']);
    const fn = (t: Template): Record<string, unknown> => t.Resources.ResizeFunction!.Properties;
    expect(fn(p.template)).toMatchObject({ MemorySize: 256 });
    expect(fn(p.stageTemplates.get('prod')!.template)).toMatchObject({ MemorySize: 1024, Timeout: 30 });
    expect(fn(p.stageTemplates.get('dev')!.template)).toMatchObject({ MemorySize: 256 });
    const bucketName = (t: Template): string => JSON.stringify(t.Resources.UploadsBucket!.Properties.BucketName);
    expect(bucketName(p.stageTemplates.get('prod')!.template)).toContain('shop-prod-uploads-');
    expect(bucketName(p.stageTemplates.get('dev')!.template)).toContain('shop-dev-uploads-');
    expect(bucketName(p.template)).toContain('shop-uploads-');
  });
});

describe('stages of a Kafka reader', () => {
  it('read the cluster and secret of their stage; the role is granted on them', () => {
    const prod = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1';
    const test = 'arn:aws:kafka:eu-west-1:123456789012:cluster/test/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1';
    const arch = [
      'archflow: 1', 'name: shop', 'producers:', `  orders: { type: kafka, cluster: '${test}', topic: orders, to: { function: bill, startingPosition: LATEST } }`,
      'consumers:', '  bill: {}', 'stages:', '  prod:', '    nodes:', `      orders: { cluster: '${prod}' }`, '',
    ].join('\n');
    expect(analyze(arch).problems).toEqual([]);
    const p = generateText(arch);
    const mapping = (t: Template): unknown => t.Resources.BillFromOrdersMapping!.Properties.EventSourceArn;
    expect(mapping(p.template)).toBe(test);
    expect(mapping(p.stageTemplates.get('prod')!.template)).toBe(prod);
    expect(JSON.stringify(p.stageTemplates.get('prod')!.template.Resources.BillRole)).toContain(JSON.stringify(prod));
    expect(JSON.stringify(p.stageTemplates.get('prod')!.template.Resources.BillRole)).not.toContain(JSON.stringify(test));
  });
});
