import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_NAME, TEMPLATES, renderTemplate } from '../../client/src/templates';
import { analyze, schema, type NodeKind } from '../../server/src/core/index';

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The kinds each classic shape must contain, so a template cannot drift into another shape. */
const SHAPES: Record<string, readonly NodeKind[]> = {
  api: ['http-api', 'function', 'table'],
  'file-processing': ['bucket', 'queue', 'function'],
  'database-triggers': ['table', 'function', 'topic'],
  cron: ['schedule', 'function'],
  'stream-processing': ['stream', 'function'],
};

describe('New Architecture templates', () => {
  it('offers the five classic shapes, each once', () => {
    expect(TEMPLATES.map((t) => t.id).sort()).toEqual(Object.keys(SHAPES).sort());
  });

  it('validates names with the schema\'s own pattern', () => {
    expect(ARCHITECTURE_NAME.source).toBe((schema as { properties: { name: { pattern: string } } }).properties.name.pattern);
  });

  for (const template of TEMPLATES) {
    describe(template.id, () => {
      const text = renderTemplate(template, template.defaultName);

      it('lints clean with every rule', () => {
        const problems = analyze(text).problems;
        expect(problems.map((p) => `${lineOf(text, p.span.start)} ${p.severity} ${p.code} ${p.message}`)).toEqual([]);
      });

      it('has the nodes and edges of its shape', () => {
        const { graph } = analyze(text);
        const kinds = new Set([...graph.nodes.values()].map((n) => n.kind));
        for (const kind of SHAPES[template.id] ?? []) expect(kinds, `${template.id} has a ${kind}`).toContain(kind);
        // Every function is reached by something: the shape is wired end to end.
        const targets = new Set(graph.edges.map((e) => e.to));
        const functions = [...graph.nodes.values()].filter((n) => n.kind === 'function').map((n) => n.id);
        expect(functions.filter((f) => !targets.has(f))).toEqual([]);
      });

      it('takes the chosen name everywhere and nothing else', () => {
        const named = renderTemplate(template, 'my-shop-2');
        expect(named).toMatch(/^name: my-shop-2$/m);
        expect(named).not.toContain('${');
        expect(analyze(named).problems).toEqual([]);
      });

      it('suggests a valid name', () => expect(template.defaultName).toMatch(ARCHITECTURE_NAME));
    });
  }
});
