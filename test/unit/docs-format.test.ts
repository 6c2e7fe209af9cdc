import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, validateSchema, parse } from '../../server/src/core/index';

const DOC = readFileSync(resolve(__dirname, '../../docs/format.md'), 'utf8');

describe('docs/format.md stays true to the format', () => {
  it('its complete example lints clean', () => {
    const section = DOC.slice(DOC.indexOf('## A complete example'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const problems = analyze(yaml, { today: new Date('2026-11-28T00:00:00Z') }).problems;
    expect(problems.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  });

  it('every snippet of a node is valid against the schema where it stands', () => {
    const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const sections: Record<string, string> = { '## Producers': 'producers', '## Routers': 'routers', '## Consumers': 'consumers', '## `events`': 'events' };
    const checked = new Set<string>();
    for (const block of blocks) {
      const at = DOC.indexOf(block);
      const heading = Object.keys(sections).filter((h) => DOC.lastIndexOf(h, at) >= 0).sort((a, b) => DOC.lastIndexOf(b, at) - DOC.lastIndexOf(a, at))[0];
      if (!heading || block.startsWith('archflow:') || block.startsWith('events:')) continue;
      const section = sections[heading]!;
      const indented = block.split('\n').map((l) => '  ' + l).join('\n');
      const value = parse(`archflow: 1\nname: doc\n${section}:\n${indented}`).value;
      expect(validateSchema(value).map((f) => `${f.at.join('/')}: ${f.message}`), block).toEqual([]);
      checked.add(section);
    }
    // Snippets were found and checked under each section of nodes (a loop that matched nothing fails here).
    expect([...checked].sort()).toEqual(['consumers', 'producers', 'routers']);
  });
});
