/// <reference types="vite/client" />
/**
 * The diagram badges a node with the problems that name it (`Problem.nodes`): every problem of every
 * case of every rule table (collected through `testRule`, as quick-fixes.test.ts does) names nodes,
 * each one a node of the architecture.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type Problem } from '../../../server/src/core/index';
import { collectRuleCases, RULE_CASES_TODAY, type RuleCase } from '../../helpers/rule-cases';

const tables: { code: string; cases: readonly RuleCase[] }[] = [];
collectRuleCases((code, cases) => tables.push({ code, cases }));
try {
  const modules = import.meta.glob<unknown>(['./*.test.ts', '!./quick-fixes.test.ts', '!./problem-nodes.test.ts']);
  for (const load of Object.values(modules)) await load();
} finally {
  collectRuleCases(undefined);
}

/** Rules some of whose problems are about no node, with the reason. */
const ABOUT_NO_NODE: Readonly<Record<string, string>> = {
  'stages/override': "a stage's override of a node the file does not declare, or of a default, concerns no node of the diagram",
};

/** What is wrong with a problem's nodes, if anything. */
function wrongNodes(p: Problem, nodes: ReadonlySet<string>): string | undefined {
  const named = p.nodes ?? [];
  if (named.length === 0 && !(p.code in ABOUT_NO_NODE)) return 'names no node';
  const unknown = named.filter((n) => !nodes.has(n));
  if (unknown.length) return `names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, not nodes of the architecture`;
  return undefined;
}

describe('the nodes each rule problem names (diagram badges)', () => {
  for (const { code, cases } of tables) {
    it(code, () => {
      const wrong: string[] = [];
      for (const c of cases) {
        const analysis = analyze(c.yaml.replace(/^\n/, ''), { today: RULE_CASES_TODAY, ...c.options, only: [code] });
        const nodes = new Set(analysis.graph.nodes.keys());
        for (const p of analysis.problems.filter((x) => x.code === code)) {
          const why = wrongNodes(p, nodes);
          if (why) wrong.push(`${c.name}: ${p.message.slice(0, 60)}… ${why}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
