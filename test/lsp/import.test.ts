/**
 * `arch/import` over stdio: the server converts a template's text; a template it cannot read gives
 * problems with LSP ranges in the template.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportTemplateRequest, type ImportTemplateResult } from '../../server/src/protocol';
import { LspClient } from '../helpers/lsp-client';

const corpus = resolve(__dirname, '../../../shared/corpus/serverless-patterns');

describe('arch/import', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client.shutdown();
  });

  it('returns the architecture file, its name and the notes', async () => {
    const text = readFileSync(resolve(corpus, 'public/eventbridge-sns-lambda/template.yaml'), 'utf8');
    const r = await client.request<ImportTemplateResult>(ImportTemplateRequest.method, { text, fileName: '/ws/eventbridge-sns-lambda/template.yaml' });
    expect(r.problems).toEqual([]);
    expect(r.name).toBe('eventbridge-sns-lambda');
    expect(r.yaml).toContain('\narchflow: 1\nname: eventbridge-sns-lambda\n');
    expect(r.yaml).toContain('  SNSTopic:\n    type: topic\n    to: LambdaFunction\n');
    expect(r.notes.length).toBeGreaterThan(0);
    for (const n of r.notes) expect(r.yaml.replace(/\n#\s+/g, ' ')).toContain(n.slice(0, 40));
  });

  it('returns a problem at the line and column of a YAML error', async () => {
    const text = readFileSync(resolve(corpus, 'malformed/rds-sns-event-notification/template.yaml'), 'utf8');
    const r = await client.request<ImportTemplateResult>(ImportTemplateRequest.method, { text, fileName: 'template.yaml' });
    expect(r.yaml).toBe('');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.code).toBe('import/parse');
    expect(r.problems[0]!.range.start).toEqual({ line: 2, character: 96 });
    expect(r.problems[0]!.message).toMatch(/^Unexpected scalar at node end near '\(uksb-1tthgi812\)/);
  });

  it('answers bad parameters with a problem, not an error', async () => {
    const r = await client.request<ImportTemplateResult>(ImportTemplateRequest.method, {});
    expect(r.yaml).toBe('');
    expect(r.problems.map((p) => p.code)).toEqual(['import/parse']);
  });
});
