import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fileUri, open, workspaceUri } from './helpers';

const { parse } = require('yaml') as typeof import('yaml');

interface Outcome { outDir: string; created: string[]; updated: string[]; unchanged: string[]; leftAlone: string[] }

describe('Archflow: Generate Project', () => {
  const outDir = join(workspaceUri().fsPath, 'generated', 'orders-app');
  const functions = Object.keys((parse(readFileSync(fileUri('orders.arch.yaml').fsPath, 'utf8')) as { consumers: object }).consumers);
  let first: Outcome;

  it('writes the project: template, a handler per function, types, build and tests', async () => {
    await open('orders.arch.yaml');
    const outcome = await vscode.commands.executeCommand<Outcome>('archflow.generateProject', { file: fileUri('orders.arch.yaml'), outDir });
    assert.ok(outcome, 'the command reports what it did');
    first = outcome;
    for (const f of ['template.json', 'package.json', 'tsconfig.json', 'src/generated/events.ts', ...functions.map((fn) => `src/handlers/${fn}.ts`)]) {
      assert.ok(existsSync(join(outDir, f)), `${f} was written`);
      assert.ok(outcome.created.includes(f), `${f} is reported as created`);
    }
    const template = JSON.parse(readFileSync(join(outDir, 'template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    const lambdas = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    assert.equal(lambdas.length, functions.length);
  });

  it('generating again keeps the handler code a person wrote', async () => {
    const handler = join(outDir, 'src', 'handlers', `${functions[0]}.ts`);
    const mine = readFileSync(handler, 'utf8') + '\n// my business logic\n';
    writeFileSync(handler, mine);
    const again = await vscode.commands.executeCommand<Outcome>('archflow.generateProject', { file: fileUri('orders.arch.yaml'), outDir });
    assert.equal(readFileSync(handler, 'utf8'), mine);
    assert.ok(again.leftAlone.includes(`src/handlers/${functions[0]}.ts`), `left alone: ${again.leftAlone.join(', ')}`);
    // Generation is deterministic: the second run writes nothing new and changes nothing.
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.updated, []);
    // The orders example plans 33 files (test/unit/codegen/generate.test.ts, "the files planned for
    // the orders example"): 24 generated and package.json (merged) are unchanged, the 8 a person owns
    // (the 6 handlers, README.md, .gitignore) are left alone, edited or not.
    assert.equal(first.created.length, 33, `created: ${first.created.join(', ')}`);
    assert.deepEqual([...again.unchanged, ...again.leftAlone].sort(), [...first.created].sort());
    assert.equal(again.unchanged.length, 25, `unchanged: ${again.unchanged.join(', ')}`);
    assert.deepEqual([...again.leftAlone].sort(), ['.gitignore', 'README.md', ...functions.map((fn) => `src/handlers/${fn}.ts`)].sort());
  });
});
