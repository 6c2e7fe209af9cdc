/**
 * IAM, proven by a policy evaluator (test/helpers/iam-proof.ts): for every example, every New
 * Architecture template, every corpus import and a generated 200-node architecture, every call an
 * edge makes is allowed and every call next to it that no edge makes is denied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../client/src/templates';
import { generate } from '../../../server/src/core/codegen/index';
import { analyze } from '../../../server/src/core/index';
import { importTemplate } from '../../../server/src/core/import/import-template';
import { generateArchitecture } from '../../../scripts/bench/lib/generate.mjs';
import { EVERYTHING, ROOT } from '../../helpers/codegen';
import { prove } from '../../helpers/iam-proof';
import type { FilePort } from '../../../server/src/core/files';
import { filesNextTo } from '../../../server/src/project/referenced-files';

const PATTERNS = join(ROOT, '../shared/corpus/serverless-patterns/public');
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.arch.yaml'));

/** Every architecture the proof covers. */
const inputs: { name: string; text: () => string; files?: FilePort }[] = [
  // Definition files (`definition: ./x.asl.json`) are read next to the architecture, as the CLI does.
  ...examples.map((f) => ({ name: `examples/${f}`, text: () => readFileSync(join(ROOT, 'examples', f), 'utf8'), files: filesNextTo(join(ROOT, 'examples', f)) })),
  ...TEMPLATES.map((t) => ({ name: `template ${t.id}`, text: () => t.text.replace(/\$\{name\}/g, t.defaultName) })),
  { name: 'fixture everything', text: () => readFileSync(EVERYTHING, 'utf8') },
  { name: 'fixture own-policies', text: () => readFileSync(join(ROOT, 'test/fixtures/codegen/own-policies.arch.yaml'), 'utf8') },
  { name: 'fixture existing-resources', text: () => readFileSync(join(ROOT, 'test/fixtures/codegen/existing-resources.arch.yaml'), 'utf8') },
  { name: 'fixture existing-sources', text: () => readFileSync(join(ROOT, 'test/fixtures/codegen/existing-sources.arch.yaml'), 'utf8') },
  { name: 'fixture websocket', text: () => readFileSync(join(ROOT, 'test/fixtures/codegen/websocket.arch.yaml'), 'utf8') },
  { name: 'fixture state-machine-emits', text: () => readFileSync(join(ROOT, 'test/fixtures/codegen/state-machine-emits.arch.yaml'), 'utf8') },
  { name: 'fixture brokers', text: () => readFileSync(join(ROOT, 'test/fixtures/codegen/brokers.arch.yaml'), 'utf8') },
  ...readdirSync(PATTERNS).sort().flatMap((pattern) => {
    const file = ['template.yaml', 'template.yml', 'template.json'].map((f) => join(PATTERNS, pattern, f)).find((f) => existsSync(f));
    return file ? [{ name: `corpus ${pattern}`, text: () => importTemplate(readFileSync(file, 'utf8'), file).yaml ?? '', files: filesNextTo(file) }] : [];
  }),
  { name: 'generated 200-node architecture', text: () => generateArchitecture(200, 'synthetic') },
];

let needed = 0;
let forbidden = 0;
let ran = 0;

describe('IAM proven by a policy evaluator (iam-simulate)', () => {
  afterAll(() => {
    // The counts docs/generate.md quotes.
    const counts = `${needed} needed calls allowed, ${forbidden} forbidden calls denied`;
    console.log(`${counts} (${ran} of ${inputs.length} architectures)`);
    // The totals are those of a whole run (`-t` runs a part).
    if (ran < inputs.length) return;
    // Exact counts: those docs/generate.md quotes, compared below.
    // docs/generate.md quotes the counts of this run: when an input changes them, update it there.
    const quoted = /\((\d+) architectures\): \*\*([^*]+)\*\*/.exec(readFileSync(join(ROOT, 'docs/generate.md'), 'utf8').replace(/\s+/g, ' '));
    expect(quoted?.slice(1), 'the counts docs/generate.md quotes ("Proven by a policy evaluator")').toEqual([String(inputs.length), counts]);
  });

  for (const input of inputs) {
    it(`${input.name}: every needed call is allowed, every forbidden call denied`, async () => {
      const text = input.text();
      expect(text).not.toBe('');
      const a = analyze(text, input.files ? { files: input.files } : {});
      const project = generate({ graph: a.graph, root: a.doc.value });
      const proof = await prove(a.graph, a.doc.value, project.unsplit, a.graph.name ?? 'app');
      expect(proof.neededDenied).toEqual([]);
      expect(proof.forbiddenAllowed).toEqual([]);
      needed += proof.needed;
      forbidden += proof.forbidden;
      ran++;
    }, 120_000);
  }
});
