/**
 * `archflow import`, run as a user runs it: the built bundle (server/out/cli.js, `npm run build` first).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/index';
import { archflow, ROOT } from '../helpers/cli';

const corpus = resolve(ROOT, '../shared/corpus/serverless-patterns');
const fanout = resolve(corpus, 'public/sns-sqs-fanout/template.yaml');

const tmp = (): string => mkdtempSync(join(tmpdir(), 'archflow-import-'));

describe('archflow import', () => {
  it('prints the architecture on stdout and exits 0', () => {
    const r = archflow(['import', fanout]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# Imported from template\.yaml \(AWS SAM template\) by `archflow import`\.\n/);
    expect(r.stdout).toContain('\narchflow: 1\nname: sns-sqs-fanout\n');
    const a = analyze(r.stdout);
    expect([...a.graph.nodes.keys()]).toEqual([
      'MetricsSnsTopic', 'AllMetricsSqsQueue', 'TemperatureSqsQueue', 'HumiditySqsQueue',
      'MetricsSqsDLQueue', 'TemperatureSqsDLQueue', 'HumiditySqsDLQueue',
    ]);
    expect(a.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it("writes a state machine's definition file relative to the architecture, which then reads it", () => {
    const dir = tmp();
    const stack = join(dir, 'stack');
    mkdirSync(join(stack, 'statemachine'), { recursive: true });
    writeFileSync(join(stack, 'statemachine', 'flow.asl.json'), JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } }));
    writeFileSync(join(stack, 'template.yaml'), [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Flow:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties: { DefinitionUri: statemachine/flow.asl.json, Type: EXPRESS }',
      '',
    ].join('\n'));
    mkdirSync(join(dir, 'designs'));
    const out = join(dir, 'designs', 'flow.arch.yaml');
    expect(archflow(['import', join(stack, 'template.yaml'), '-o', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('    type: state-machine\n    flavor: express\n    definition: ../stack/statemachine/flow.asl.json\n');
    // The CLI reads it from there: its problem is the definition's own.
    const lint = archflow(['lint', out]);
    expect(lint.stdout).toContain("error stepfunctions/definition Step Functions rejects the definition of state machine 'Flow' in ../stack/statemachine/flow.asl.json (at `States.A.Next`): No state is named 'Missing'.");
  });

  it('writes the file with -o, and refuses to overwrite it without --force', () => {
    const dir = tmp();
    const out = join(dir, 'fanout.arch.yaml');
    const first = archflow(['import', fanout, '-o', out]);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/^Wrote .*fanout\.arch\.yaml: \d+ approximations? listed at the top of the file\./);
    const written = readFileSync(out, 'utf8');
    expect(written).toBe(archflow(['import', fanout]).stdout);

    writeFileSync(out, 'mine\n');
    const again = archflow(['import', fanout, '-o', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists; pass --force to overwrite it.');
    expect(readFileSync(out, 'utf8')).toBe('mine\n');

    const forced = archflow(['import', fanout, '-o', out, '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(written);
  });

  it('-o into a folder that does not exist makes it; a path through a file is refused with the reason, nothing written', () => {
    const dir = tmp();
    const out = join(dir, 'designs', 'team', 'fanout.arch.yaml');
    const made = archflow(['import', fanout, '-o', out]);
    expect(made.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(archflow(['import', fanout]).stdout);

    writeFileSync(join(dir, 'notes'), 'a file\n');
    const through = join(dir, 'notes', 'fanout.arch.yaml');
    const refused = archflow(['import', fanout, '-o', through]);
    expect(refused).toMatchObject({ status: 2, stdout: '' });
    expect(refused.stderr).toBe(`archflow import: cannot write ${through}: a part of the path is a file, not a folder. Nothing was written.\n`);
    expect(readFileSync(join(dir, 'notes'), 'utf8')).toBe('a file\n');
  });

  it('imports JSON templates', () => {
    const dir = tmp();
    const file = join(dir, 'orders-stack.json');
    writeFileSync(file, JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Jobs: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } },
        Worker: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'app.handler', Timeout: 10, Role: 'arn:aws:iam::123456789012:role/worker', Code: { ZipFile: 'pass' } } },
        Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, FunctionName: { Ref: 'Worker' }, BatchSize: 5 } },
      },
    }, null, 2));
    const r = archflow(['import', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('name: orders-stack\n');
    expect(r.stdout).toContain('to: { function: Worker, batchSize: 5 }');
  });

  it('reports a template that is not YAML as file:line:col error import/parse and exits 1', () => {
    const file = resolve(corpus, 'malformed/apigw-custom-domain-edge/template.yaml');
    const dir = tmp();
    const out = join(dir, 'x.arch.yaml');
    const r = archflow(['import', file, '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${file}:34:3 error import/parse Implicit keys need to be on a single line near 'MappingRestEdge:curc'.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('reports a YAML file that is not a template', () => {
    const dir = tmp();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'name: not a template\nitems: [1, 2]\n');
    const r = archflow(['import', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${file}:1:1 error import/parse This is not a CloudFormation or SAM template: it has no \`Resources\` mapping.\n`);
  });

  it('exits 2 on a missing file and on bad usage', () => {
    const missing = archflow(['import', join(tmp(), 'nope.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file');
    const usage = archflow(['import']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: archflow import <template.yaml|template.json>');
  });
});
