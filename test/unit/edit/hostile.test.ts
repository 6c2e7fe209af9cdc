import { describe, expect, it } from 'vitest';
import { addNode } from '../../../server/src/core/edit/add';
import { connectNodes } from '../../../server/src/core/edit/connect';
import { deleteElement, renameNode } from '../../../server/src/core/edit/delete';
import { applyNodeFix, draftSettings, nodeSettings, setSetting } from '../../../server/src/core/edit/settings';
import { applyEdits } from '../../../server/src/core/features/fixes';
import { analyze } from '../../../server/src/core/index';
import { HOSTILE } from '../../fixtures/hostile/corpus';

/** Every gesture of the diagram on every (not large) hostile input: each answers edits or a reason, never throws. */
describe('the diagram\'s gestures on the hostile-input corpus', () => {
  for (const c of HOSTILE.filter((x) => !x.large)) {
    it(c.name, () => {
      const text = c.text();
      const a = analyze(text);
      const reanalyze = (t: string) => analyze(t);
      const nodes = [...a.graph.nodes.keys()].slice(0, 4);
      const results = [
        addNode(a, 'queue', 'newQueue'),
        addNode(a, 'function', 'newFunction'),
        // A pair with several words asks which; each word is then tried.
        ...nodes.flatMap((from) => nodes.flatMap((to) => {
          const r = connectNodes(a, from, to, reanalyze);
          return 'choose' in r ? r.choose.map((c) => connectNodes(a, from, to, reanalyze, c.word)) : [r];
        })),
        ...nodes.map((id) => deleteElement(a, id)),
        ...a.graph.edges.slice(0, 3).map((e) => deleteElement(a, e.id)),
        ...nodes.map((id) => renameNode(a, id, 'renamedNode')),
        ...nodes.flatMap((id) => (nodeSettings(a, id)?.fields ?? []).map((f) => setSetting(a, id, f.key, '60'))),
        ...nodes.flatMap((id) => (nodeSettings(a, id)?.fixes ?? []).slice(0, 2).map((f) => applyNodeFix(a, id, f.title))),
      ];
      for (const id of nodes) for (const f of nodeSettings(a, id)?.fields.slice(0, 1) ?? []) draftSettings(a, id, f.key, '5', reanalyze);
      for (const r of results) {
        if ('error' in r) expect(r.error.length).toBeGreaterThan(0);
        else if ('choose' in r) expect(r.choose.length).toBeGreaterThan(1);
        else expect(typeof applyEdits(text, r.edits)).toBe('string');
      }
    });
  }
});
